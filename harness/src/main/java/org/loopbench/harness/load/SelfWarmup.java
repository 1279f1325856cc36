package org.loopbench.harness.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warms the load generator's own code before it loads the server under test: the same spec (mode, payload,
 * rate) against a small echo server inside this process, for {@link #DURATION}.
 *
 * <p>Why: the generator is a fresh JVM per trial, and at a fixed rate of 10,000 msgs/s its hot methods
 * reach the JIT's C2 thresholds only 5-8 s in. Those compilations run on the generator's one CPU and
 * delay its sends: measured on a 2-core machine (split layout), the generator's own send lag p99 was
 * 2.4-3.6 ms in the first measured iteration after a 4 s warm-up and 70 us in the second, and the server's
 * p99 followed it (3.4-6.5 ms, then 0.3-1.8 ms): the first iteration measured the generator's JIT. At
 * saturation the same showed as a ceiling rising from 181k to 225k msgs/s over three calibration rounds.
 * Warming here, before the server sees a byte, costs the server nothing. It does not remove all of it: in
 * the quick runs of 2026-11-30 the first measured iteration's lag p99 was still 0.6-2.1 ms (second: 0.07-0.9
 * ms), cause not yet known (harness/README.md, "Where the noise comes from").
 *
 * <p>The echo server here is a thread per connection: simple, and on the generator's CPUs, where nothing
 * is measured yet.
 */
public final class SelfWarmup {

    /** Long enough for the hot paths to reach C2 at 10,000 msgs/s and above (see the class comment). */
    static final Duration DURATION = Duration.ofMillis(1500);
    private static final int MAX_CONNECTIONS = 32;
    /** The warm-up's own fixed rate at least this, so that its 1.5 s compile what 10 s of a slow rate would. */
    private static final int MIN_RATE = 50_000;

    private SelfWarmup() {
    }

    /** For the trial record: what the generator did before it connected to the server. */
    public static String describe() {
        return DURATION.toMillis() + " ms of the same load (at least " + MIN_RATE + " msgs/s at a fixed rate, at most "
                + MAX_CONNECTIONS + " connections) against an echo server inside the generator, before connecting";
    }

    /** Runs the warm-up; a failure only costs the warm-up (the real load reports its own problems). */
    public static void run(LoadSpec spec) {
        try (EchoThreads echo = new EchoThreads()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.port());
            int connections = Math.min(spec.connections(), MAX_CONNECTIONS);
            LoadSpec warm = spec.mode() == LoadMode.FIXED_RATE
                    ? LoadSpec.fixedRate(target, connections, spec.payloadBytes(), Math.max(MIN_RATE, spec.ratePerSecond()),
                            spec.threads())
                    : LoadSpec.saturation(target, connections, spec.payloadBytes(), spec.threads());
            try (LoadGenerator g = LoadGenerator.connect(warm.withSourceAddresses(1), Duration.ofSeconds(10))) {
                g.start();
                long end = System.nanoTime() + DURATION.toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(100);
                    g.snapshot(); // the per-iteration path too
                }
                g.finish(Duration.ofMillis(200));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("loopbench generator: self warm-up skipped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback echo server with a thread per connection, closed with everything it opened. */
    private static final class EchoThreads implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> sockets = new ArrayList<>();

        EchoThreads() throws IOException {
            listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "loopbench-warmup-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = listener.accept();
                    s.setTcpNoDelay(true);
                    synchronized (sockets) {
                        sockets.add(s);
                    }
                    Thread t = new Thread(() -> echo(s), "loopbench-warmup-echo");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // the listener was closed: the warm-up is over
            }
        }

        private static void echo(Socket s) {
            byte[] buffer = new byte[4096];
            try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException closed) {
                // the generator closed the connection, or close() did
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
