package org.loopbench.harness.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.bench.RuntimeUnderTest;
import org.loopbench.harness.launch.Preflight;

/**
 * Runs one runtime's echo server on its own, exactly as the benchmarks host it, until Ctrl-C or
 * {@code --duration}:
 * <pre>
 *   java -cp benchmarks.jar org.loopbench.harness.cli.Serve --runtime nio --port 9000
 *       [--bind 127.0.0.1] [--options k=v,k=v] [--duration 60s] [--max-connections 10000] [--allow-remote]
 *   java -cp benchmarks.jar org.loopbench.harness.cli.Serve --list
 * </pre>
 * Prints the bound address, the runtime's description, and its counters every 5 s.
 */
public final class Serve {

    private Serve() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return exit status: 0 served and stopped, 2 bad input or the server could not start */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Args a = Args.parse(args, Set.of("allow-remote", "list"));
            if (a.flag("list")) {
                out.print(Runtimes.installed().listing());
                return 0;
            }
            String runtime = a.required("runtime", "one of: " + String.join(", ", Runtimes.installed().ids()));
            int port = a.integer("port", 9000);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port " + port + " is out of range [0, 65535] (0 = any free port)");
            }
            InetAddress bind = address(a.string("bind", "127.0.0.1"));
            if (!bind.isLoopbackAddress() && !a.flag("allow-remote")) {
                throw new IllegalArgumentException("--bind " + bind.getHostAddress() + " is not a loopback address; "
                        + "add --allow-remote to serve other machines");
            }
            RuntimeOptions options = RuntimeOptions.parse(a.string("options", ""));
            Duration duration = a.duration("duration", Duration.ZERO);
            int maxConnections = a.integer("max-connections", 10_000);
            a.requireAllUsed();
            Preflight.requireDescriptors(maxConnections + 256L, "serving " + maxConnections + " connections (--max-connections)");

            CountDownLatch stop = new CountDownLatch(1);
            try (RuntimeUnderTest host = RuntimeUnderTest.start(runtime, options);
                 EchoServer server = host.runtime().startEchoServer(new EchoServerConfig(bind, port, EchoServerConfig.DEFAULT_BACKLOG, EchoServerConfig.DEFAULT_READ_BUFFER_BYTES))) {
                Thread hook = new Thread(stop::countDown, "loopbench-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                out.println("loopbench serve: echo server of runtime '" + runtime + "' on "
                        + server.address().getAddress().getHostAddress() + ":" + server.address().getPort());
                out.println("  " + host.description());
                out.println("  stop with Ctrl-C" + (duration.isZero() ? "" : " or after " + duration));
                out.flush();
                long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
                while (!stop.await(5, TimeUnit.SECONDS)) {
                    EchoStats s = server.stats();
                    out.printf("  accepted %,d, open %,d, received %,d B, echoed %,d B%n", s.accepted(), s.open(),
                            s.bytesReceived(), s.bytesEchoed());
                    out.flush();
                    if (System.nanoTime() - end > 0) {
                        break;
                    }
                }
            }
            out.println("loopbench serve: stopped");
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("loopbench serve: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind '" + host + "' is not an address of this machine");
        }
    }
}
