package org.loopbench.nativeloop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The C epoll echo server ({@code echo-server.c}) as a child process: started on the CPUs it is given,
 * bound to loopback on a free port, stopped by closing its stdin.
 *
 * <p>It also stops by itself when this JVM dies (its stdin reaches end of file), so a killed calibration
 * never leaves a server behind. Not thread-safe: one owner starts, uses and closes it.
 */
public final class NativeEchoServer implements AutoCloseable {

    /** How the server is named in results: the language and the I/O mechanism. */
    public static final String KIND = "c-epoll";
    private static final Duration READY_LIMIT = Duration.ofSeconds(10);

    private final Process process;
    private final InetSocketAddress address;
    private final int threads;
    private final List<String> stderr;
    private final Thread stderrReader;
    private boolean closed;

    private NativeEchoServer(Process process, InetSocketAddress address, int threads, List<String> stderr,
                             Thread stderrReader) {
        this.process = process;
        this.address = address;
        this.threads = threads;
        this.stderr = stderr;
        this.stderrReader = stderrReader;
    }

    /**
     * Builds the server if needed and starts it on 127.0.0.1, any free port.
     *
     * @param threads event loops, 1..256
     * @param cpus    the CPU list to pin it to ({@link Taskset} syntax), or null/blank for no pinning
     * @throws NativeBuildException when it cannot be built here
     * @throws IOException with its stderr when it does not start listening within 10 s
     */
    public static NativeEchoServer start(int threads, String cpus) throws IOException {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("server threads = " + threads + " is out of range [1, 256]");
        }
        List<String> cmd = Taskset.pinned(cpus, List.of(NativeProgram.ECHO_SERVER.executable().toString(),
                "--bind", "127.0.0.1", "--port", "0", "--loops", Integer.toString(threads)));
        Process p = new ProcessBuilder(cmd).start();
        List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> collect(p, stderr), "loopbench-echo-server-stderr");
        reader.setDaemon(true);
        reader.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> portLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = portLine.get(READY_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || !line.trim().matches("\\d+")) {
                throw new IOException("echo-server did not start (" + String.join(" ", cmd) + "): "
                        + lastLine(p, stderr, reader));
            }
            return new NativeEchoServer(p, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(line.trim())), threads, stderr, reader);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
            throw new IOException("echo-server did not print its port within " + READY_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting echo-server");
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static void collect(Process p, List<String> into) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                into.add(line);
            }
        } catch (IOException ignored) {
            // the process is gone: what was read is kept
        }
    }

    private static String lastLine(Process p, List<String> stderr, Thread reader) throws InterruptedException {
        p.waitFor(2, TimeUnit.SECONDS);
        reader.join(1000);
        synchronized (stderr) {
            return stderr.isEmpty() ? "no message" : stderr.get(stderr.size() - 1);
        }
    }

    /** Where it listens: 127.0.0.1 and the port it was given. */
    public InetSocketAddress address() {
        return address;
    }

    public int threads() {
        return threads;
    }

    /** e.g. "c-epoll, 1 thread": what served, as results name it. */
    public String description() {
        return KIND + ", " + threads + " thread" + (threads == 1 ? "" : "s");
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops it (end of file on its stdin), waits up to 10 s, then kills it. Idempotent.
     *
     * @return its last line on stderr, e.g. "echo-server: stopped; 1 loop, accepted 100, echoed 6400 bytes"
     */
    public String stop() {
        if (!closed) {
            closed = true;
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                stderrReader.join(2000);
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : stderr.get(stderr.size() - 1);
        }
    }

    /** Its exit status once stopped: 0 when it stopped cleanly. */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        stop();
    }
}
