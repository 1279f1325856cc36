package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.bench.RuntimeUnderTest;
import org.loopbench.harness.cli.Addresses;
import org.loopbench.harness.cli.Durations;
import org.loopbench.harness.launch.CpuSet;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.load.ParameterRanges;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loopbench serve}: one runtime's echo server on its own, exactly as the benchmarks host it (with the
 * runtime's own JVM arguments: {@link SelfRelaunch}), until Ctrl-C or {@code --duration}. Prints the bound
 * address, the runtime's description, and its counters every 5 s.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one runtime's echo server on its own, exactly as the benchmarks host it.", "",
                "Serves until Ctrl-C or --duration and prints its counters every 5 s. Run it on the JDK the runtime"
                        + " needs ('loopbench availability' says which).", ""},
        footer = {"", "Exit status: 0 served and stopped, 2 bad input or the server could not start."})
final class ServeCommand implements Callable<Integer> {

    /** The longest --duration, as for {@code load}: a longer serve is stopped by hand (--duration 0). */
    private static final Duration MAX_DURATION = Duration.ofHours(24);

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
            description = "stop after this long, 100ms..24h; 0 = until Ctrl-C (default)")
    Duration duration;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
            description = "connections to have descriptors for (default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--read-buffer", paramLabel = "BYTES", defaultValue = "" + EchoServerConfig.DEFAULT_READ_BUFFER_BYTES,
            description = "the server's read buffer, " + EchoServerConfig.MIN_READ_BUFFER_BYTES + ".."
                    + EchoServerConfig.MAX_READ_BUFFER_BYTES + " bytes: one per connection in a blocking runtime,"
                    + " one per loop in an event loop (default ${DEFAULT-VALUE}, the benchmarks' default)")
    int readBuffer;

    @Option(names = "--allow-remote", description = "listen on an address other machines can reach")
    boolean allowRemote;

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "run on these CPUs only (e.g. 0-3), under taskset (default: every CPU this process may use)")
    String cpus;

    @Option(names = "--list", description = "list the installed runtimes and whether each can run in this JVM")
    boolean list;

    /** What to serve, checked; nothing bound or started yet. */
    record Settings(String runtime, RuntimeOptions options, InetAddress address, Optional<CpuSet> cpus) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            out.print(Runtimes.installed().listing());
            out.flush();
            return 0;
        }
        Settings settings = settings();
        try {
            // the runtime's own JVM arguments too: this server must be hosted as the benchmark forks host it
            List<String> launchArgs = SelfRelaunch.missingJvmArgs(
                    Runtimes.installed().provider(settings.runtime()).launch().jvmArgs());
            OptionalInt relaunched = SelfRelaunch.relaunch(settings.cpus(), launchArgs,
                    spec.commandLine().getParseResult().originalArgs());
            if (relaunched.isPresent()) {
                return relaunched.getAsInt();
            }
            return serve(settings, out);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) { // the server could not start
            throw new BadInput(e.getMessage());
        }
    }

    /**
     * Everything that can be checked before the runtime starts, the runtime's options included (asked of
     * its provider without creating it).
     *
     * @throws BadInput one line saying what is wrong
     */
    Settings settings() {
        try {
            Optional<CpuSet> pinTo = SelfRelaunch.wanted(cpus);
            if (runtime == null || runtime.isBlank()) {
                throw new IllegalArgumentException("missing --runtime (one of: " + String.join(", ", Runtimes.installed().ids()) + ")");
            }
            AsyncRuntimeProvider provider = Runtimes.installed().provider(runtime);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port " + port + " is out of range [0, 65535] (0 = any free port)");
            }
            InetAddress address = Addresses.host("--bind", bind);
            if (!address.isLoopbackAddress() && !allowRemote) {
                throw new IllegalArgumentException("--bind " + address.getHostAddress() + " is not a loopback address; "
                        + "add --allow-remote to serve other machines");
            }
            if (!duration.isZero()) {
                Durations.requireIn("--duration", duration, Duration.ofMillis(100), MAX_DURATION);
            }
            RuntimeOptions runtimeOptions = RuntimeOptions.parse(options);
            provider.checkOptions(runtimeOptions);
            ParameterRanges.require("--max-connections", maxConnections, 1, Integer.MAX_VALUE);
            ParameterRanges.require("--read-buffer", readBuffer, EchoServerConfig.MIN_READ_BUFFER_BYTES,
                    EchoServerConfig.MAX_READ_BUFFER_BYTES);
            Preflight.requireDescriptorsFor(maxConnections, "serving " + maxConnections + " connections (--max-connections)");
            return new Settings(runtime, runtimeOptions, address, pinTo);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInput(e.getMessage());
        }
    }

    private int serve(Settings settings, PrintWriter out) throws IOException, InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        try (RuntimeUnderTest host = RuntimeUnderTest.start(settings.runtime(), settings.options());
             EchoServer server = host.runtime().startEchoServer(new EchoServerConfig(settings.address(), port,
                     EchoServerConfig.DEFAULT_BACKLOG, readBuffer))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "loopbench-serve-stop"));
            out.println("loopbench serve: echo server of runtime '" + settings.runtime() + "' on "
                    + server.address().getAddress().getHostAddress() + ":" + server.address().getPort());
            out.println("  " + host.description());
            out.println("  stop with Ctrl-C" + (duration.isZero() ? "" : " or after " + Durations.format(duration)));
            out.flush();
            long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (!stop.await(5, TimeUnit.SECONDS)) {
                EchoStats s = server.stats();
                out.printf("  accepted %,d, open %,d, received %,d B, echoed %,d B%n", s.accepted(), s.open(),
                        s.bytesReceived(), s.bytesEchoed());
                out.flush();
                if (!duration.isZero() && System.nanoTime() - end > 0) {
                    break;
                }
            }
        }
        out.println("loopbench serve: stopped");
        out.flush();
        return 0;
    }
}
