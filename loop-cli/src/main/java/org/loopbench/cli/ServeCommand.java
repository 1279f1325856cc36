package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.bench.RuntimeUnderTest;
import org.loopbench.harness.cli.Durations;
import org.loopbench.harness.launch.Preflight;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loopbench serve}: one runtime's echo server on its own, exactly as the benchmarks host it, until
 * Ctrl-C or {@code --duration}. Prints the bound address, the runtime's description, and its counters
 * every 5 s.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one runtime's echo server on its own, exactly as the benchmarks host it.", "",
                "Serves until Ctrl-C or --duration and prints its counters every 5 s. Run it on the JDK the runtime"
                        + " needs ('loopbench availability' says which).", ""},
        footer = {"", "Exit status: 0 served and stopped, 2 bad input or the server could not start."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runtime", paramLabel = "ID", description = "the runtime whose server to run (required; --list shows them)")
    String runtime;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9000",
            description = "0..65535, 0 = any free port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--options", paramLabel = "K=V,...", defaultValue = "",
            description = "the runtime's settings, e.g. <id>.<key>=<value>")
    String options;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0", converter = Durations.Converter.class,
            description = "stop after this long; 0 = until Ctrl-C (default)")
    Duration duration;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
            description = "connections to have descriptors for (default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--allow-remote", description = "listen on an address other machines can reach")
    boolean allowRemote;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "run on these CPUs only (e.g. 0-3), under taskset (default: every CPU this process may use)")
    String cpus;

    @Option(names = "--list", description = "list the installed runtimes and whether each can run in this JVM")
    boolean list;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            out.print(Runtimes.installed().listing());
            out.flush();
            return 0;
        }
        try {
            OptionalInt pinned = SelfPinning.pin(cpus, spec.commandLine().getParseResult().originalArgs());
            if (pinned.isPresent()) {
                return pinned.getAsInt();
            }
            return serve(out);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            throw new BadInput(e.getMessage());
        }
    }

    private int serve(PrintWriter out) throws IOException, InterruptedException {
        if (runtime == null || runtime.isBlank()) {
            throw new IllegalArgumentException("missing --runtime (one of: " + String.join(", ", Runtimes.installed().ids()) + ")");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port " + port + " is out of range [0, 65535] (0 = any free port)");
        }
        InetAddress address = address(bind);
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("--bind " + address.getHostAddress() + " is not a loopback address; "
                    + "add --allow-remote to serve other machines");
        }
        RuntimeOptions runtimeOptions = RuntimeOptions.parse(options);
        Preflight.requireDescriptors(maxConnections + 256L, "serving " + maxConnections + " connections (--max-connections)");

        CountDownLatch stop = new CountDownLatch(1);
        try (RuntimeUnderTest host = RuntimeUnderTest.start(runtime, runtimeOptions);
             EchoServer server = host.runtime().startEchoServer(new EchoServerConfig(address, port,
                     EchoServerConfig.DEFAULT_BACKLOG, EchoServerConfig.DEFAULT_READ_BUFFER_BYTES))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "loopbench-serve-stop"));
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
        out.flush();
        return 0;
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind '" + host + "' is not an address of this machine");
        }
    }
}
