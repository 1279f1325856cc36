package org.loopbench.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** Small blocking clients for this module's own tests; every wait is bounded by a socket timeout. */
final class EchoClients {

    static final int READ_TIMEOUT_MILLIS = 30_000;

    private EchoClients() {
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, READ_TIMEOUT_MILLIS);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        return s;
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * Sends {@code payload} from a helper thread while reading the echo here, then half-closes and reads
     * to end-of-stream: returns everything that came back.
     */
    static byte[] echoWithHalfClose(InetSocketAddress address, byte[] payload) throws Exception {
        try (Socket s = connect(address)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < payload.length; off += 8192) {
                        out.write(payload, off, Math.min(8192, payload.length - off));
                    }
                    out.flush();
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> {
                Thread t = new Thread(runnable, "test-echo-writer");
                t.setDaemon(true);
                t.start();
            });
            byte[] back = readToEnd(s.getInputStream());
            sent.get();
            return back;
        }
    }

    static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            all.write(buf, 0, n);
        }
        return all.toByteArray();
    }

    static byte[] readExactly(InputStream in, int size) throws IOException {
        byte[] b = new byte[size];
        int off = 0;
        while (off < size) {
            int n = in.read(b, off, size - off);
            if (n < 0) {
                throw new IOException("end of stream after " + off + " of " + size + " bytes");
            }
            off += n;
        }
        return b;
    }
}
