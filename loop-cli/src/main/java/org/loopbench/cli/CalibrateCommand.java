package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.loopbench.harness.bench.EchoBenchmark;
import org.loopbench.harness.cli.Addresses;
import org.loopbench.harness.cli.Durations;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.load.GeneratorProcess;
import org.loopbench.harness.load.LoadSnapshot;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.load.ParameterRanges;
import org.loopbench.nativeloop.NativeBuildException;
import org.loopbench.nativeloop.NativeEchoClient;
import org.loopbench.nativeloop.NativeEchoServer;
import org.loopbench.results.CalibrationRecord;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code loopbench calibrate}: measures the load generator's own ceiling, the highest rate it can
 * report, so that a runtime's echo figure can be called client-bound by measurement rather than by
 * construction.
 *
 * <p><b>How</b>: the C epoll echo server (loop-native; or any server already running, {@code --target})
 * on the server CPUs; the benchmarks' generator, exactly as a fork starts it ({@link GeneratorProcess}:
 * its own JVM, same options, same number of I/O loops), pinned to the client CPUs; at each connection count a
 * warm-up, then one measured interval. Samples are <em>interleaved</em>: each round visits every
 * connection count, and at each the generator and the native client (loop-native's C client, the
 * independent check) alternate which goes first, so a drift of the machine (frequency, a neighbour)
 * lands on both clients and every point alike. The point's figure is the median of its samples.
 *
 * <p><b>Writes</b> {@code <run dir>/calibration.json} ({@link CalibrationRecord}), refusing to replace
 * one: a run's results are never overwritten.
 *
 * <p><b>Bounded</b>: rounds x points x 2 clients x (start + connect + warm-up + duration); the defaults
 * (3 rounds, 1 s + 2 s) take about 25 s per connection count.
 *
 * <p><b>From a run</b>, before its echo groups:
 * {@code calibrate(Settings.forRun(counts, payload, layout), out).write(runLayout)}; a
 * {@link NativeBuildException} (no C compiler) means: calibrate against the fastest runtime with
 * {@code --target}, or record the run as uncalibrated.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the load generator's ceiling against the fastest echo server (a C epoll server).", "",
                "At each connection count, interleaved samples of the generator and of an independent native client;"
                        + " the medians go to <run dir>/calibration.json. Server and clients on disjoint CPUs when the"
                        + " machine has 2 or more (taskset).", ""},
        footer = {"", "Exit status: 0 calibrated, 1 a measurement failed or was interrupted, 2 bad input or nothing"
                + " to calibrate with (no C compiler and no --target)."})
final class CalibrateCommand implements Callable<Integer> {

    /** Messages per permit of the generator's progress: the calibration never waits on batches. */
    private static final int BATCH = 1000;
    private static final Duration GENERATOR_READY_LIMIT = Duration.ofSeconds(180);

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the run directory to write calibration.json into (default: the results directory)")
    Path out;

    @Option(names = "--connections", split = ",", paramLabel = "N",
            description = "connection counts, 1 up to the open-files limit less 256 (default: the run's echo counts from its environment.json,"
                    + " else --profile's)")
    List<Integer> connections = new ArrayList<>();

    @Option(names = "--payload", paramLabel = "BYTES",
            description = "bytes per message, 1..16,384 (default: the run's, else --profile's)")
    Integer payload;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "quick",
            description = "the profile whose echo parameters are the defaults (default ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "3",
            description = "interleaved samples per point and client, 1..50 (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "2s", converter = Durations.Converter.class,
            description = "measured time per sample, 100ms..10m (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.Converter.class,
            description = "load before each sample's measurement, 0..10m (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--cpus", paramLabel = "LAYOUT",
            description = "server=LIST,client=LIST or shared (default: the allowed CPUs split in halves, server first;"
                    + " shared on 1 CPU or without taskset)")
    String cpus;

    @Option(names = "--server-loops", paramLabel = "N",
            description = "the C server's event loops (one thread each), 1..256 (default: one per server CPU)")
    Integer serverLoops;

    @Option(names = "--client-loops", paramLabel = "N",
            description = "I/O loops of the generator and of the native client, 1..16 (default: the benchmarks', -D"
                    + EchoBenchmark.GENERATOR_THREADS_PROPERTY + " or 1)")
    Integer clientLoops;

    @Option(names = "--target", paramLabel = "HOST:PORT",
            description = "calibrate against this running server, on a loopback address, instead of starting the C one (e.g. 'taskset -c 0"
                    + " loopbench serve --runtime ID'); its CPUs are then the caller's business")
    String target;

    @Option(names = "--server-name", paramLabel = "TEXT",
            description = "what serves at --target, for the record (default: \"external <target>\")")
    String serverName;

    @Option(names = "--no-native-client", description = "measure the generator only")
    boolean noNativeClient;

    /**
     * Everything one calibration needs, checked. {@code target} null: start the C server with
     * {@code serverThreads} loops on {@code cpus.server()}.
     */
    record Settings(List<Integer> connections, int payload, int samples, Duration warmup, Duration duration,
                    CpuLayout cpus, int serverThreads, int generatorThreads, InetSocketAddress target,
                    String serverName, boolean nativeClient) {

        /**
         * For a run about to play its echo groups: 3 samples of 2 s warm-up + 3 s per point, as long as a
         * quick echo iteration and its warm-up (with 1 s + 2 s the generator was not yet compiled: the first
         * quick run measured a "ceiling" 10% below what the fastest runtime then drew from the same generator), the C
         * server with one loop per server CPU, the benchmarks' generator I/O loops, the native client too.
         */
        static Settings forRun(List<Integer> connections, int payload, CpuLayout cpus) {
            int loops = cpus.pinned() ? cpus.server().size() : Runtime.getRuntime().availableProcessors();
            return new Settings(List.copyOf(connections), payload, 3, Duration.ofSeconds(2), Duration.ofSeconds(3), cpus,
                    loops, Integer.getInteger(EchoBenchmark.GENERATOR_THREADS_PROPERTY, 1), null, null, true);
        }
    }

    @Override
    public Integer call() {
        RunLayout layout = layout();
        Settings settings = checked(layout);
        try (Streams s = Streams.of(spec)) {
            CalibrationRecord record = calibrate(settings, s.out());
            record.write(layout);
            s.out().println("wrote " + CalibrationRecord.file(layout));
            return 0;
        } catch (NativeBuildException e) {
            throw new BadInput(e.getMessage() + "; or calibrate against a running server with --target");
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("loopbench: calibration failed: " + e.getMessage());
            return OneLineErrors.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spec.commandLine().getErr().println("loopbench: calibration interrupted");
            return OneLineErrors.FAILED;
        }
    }

    /** Where calibration.json goes: --out, else the results directory. */
    RunLayout layout() {
        return out != null ? RunLayout.of(out.toAbsolutePath()) : RunLayout.fromSystemProperty();
    }

    /**
     * Everything that can be checked before a server or client starts: the settings, no calibration.json
     * in {@code layout} yet, and descriptors for the most connections.
     *
     * @throws BadInput one line saying what is wrong, the run's environment.json unreadable included
     */
    Settings checked(RunLayout layout) {
        try {
            Settings settings = settings(layout);
            if (Files.exists(CalibrationRecord.file(layout))) {
                throw new IllegalArgumentException(CalibrationRecord.file(layout) + " exists: a run's results are never"
                        + " replaced; remove it or choose another --out");
            }
            int most = Collections.max(settings.connections());
            Preflight.requireDescriptorsFor(most, "the load generator (" + most + " connections)");
            return settings;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            throw new BadInput(e.getMessage());
        }
    }

    private Settings settings(RunLayout layout) throws IOException {
        List<Integer> counts = new ArrayList<>(connections);
        Integer bytes = payload;
        if (counts.isEmpty() || bytes == null) {
            Map<String, String> echo = echoParameters(layout);
            if (counts.isEmpty()) {
                for (String c : echo.getOrDefault("connections", "").split(",")) {
                    counts.add(ParameterRanges.parseInt("connections", c.trim()));
                }
            }
            if (bytes == null) {
                bytes = ParameterRanges.parseInt("payload", echo.getOrDefault("payload", "").trim());
            }
        }
        counts = counts.stream().map(ParameterRanges::connections).distinct().sorted().collect(Collectors.toList());
        ParameterRanges.payload(bytes);
        ParameterRanges.require("--samples", samples, 1, 50);
        Durations.requireIn("--duration", duration, Duration.ofMillis(100), Duration.ofMinutes(10));
        Durations.requireIn("--warmup", warmup, Duration.ZERO, Duration.ofMinutes(10));
        CpuLayout layoutOfCpus = CpuLayout.choose(cpus);
        int loops = serverLoops != null ? serverLoops
                : layoutOfCpus.pinned() ? layoutOfCpus.server().size() : Runtime.getRuntime().availableProcessors();
        ParameterRanges.require("--server-loops", loops, 1, 256);
        int clientThreads = ParameterRanges.generatorThreads(clientLoops != null ? clientLoops
                : Integer.getInteger(EchoBenchmark.GENERATOR_THREADS_PROPERTY, 1));
        InetSocketAddress external = target == null ? null : loopback(target);
        String name = external == null ? null
                : serverName != null ? serverName : "external " + external.getAddress().getHostAddress() + ":" + external.getPort();
        return new Settings(counts, bytes, samples, warmup, duration, layoutOfCpus, loops, clientThreads, external, name,
                !noNativeClient);
    }

    /** The run's echo parameters (its environment.json), else the profile's: "connections" and "payload". */
    private Map<String, String> echoParameters(RunLayout layout) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        if (layout.hasEnvironment()) {
            String echo = EnvironmentRecord.read(layout).workloads().getOrDefault("echo", "");
            Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(echo.split(";")[0]);
            while (m.find()) {
                params.put(m.group(1), m.group(2));
            }
        }
        if (!params.containsKey("connections") || !params.containsKey("payload")) {
            params = Profiles.builtIn().get(profile).settings("echo").params();
        }
        return params;
    }

    /** The ceiling measured is this machine's generator's: against a server on this machine. */
    private static InetSocketAddress loopback(String hostPort) {
        InetSocketAddress a = Addresses.hostAndPort("--target", hostPort);
        if (!a.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--target " + hostPort + " is not a loopback address: calibrate against"
                    + " a server on this machine");
        }
        return a;
    }

    /**
     * Runs the calibration and returns its record (not yet written). Prints one line per sample and a
     * table at the end to {@code out}.
     *
     * @throws NativeBuildException when the C server or client cannot be built here
     * @throws IOException when a server or client fails to start or a sample fails
     */
    static CalibrationRecord calibrate(Settings s, PrintStream out) throws IOException, InterruptedException {
        NativeEchoServer nativeServer = null;
        try {
            InetSocketAddress target = s.target();
            String server = s.serverName();
            if (target == null) {
                nativeServer = NativeEchoServer.start(s.serverThreads(), s.cpus().pinned() ? s.cpus().server().toString() : null);
                target = nativeServer.address();
                server = nativeServer.description();
            }
            out.printf("loopbench calibrate: %s at %s; %s; %,d B messages; connections %s; %d samples x (%s warm-up + %s)%n",
                    server, target.getAddress().getHostAddress() + ":" + target.getPort(), s.cpus().summary(),
                    s.payload(), s.connections(), s.samples(), seconds(s.warmup()), seconds(s.duration()));
            Map<Integer, Samples> byCount = new LinkedHashMap<>();
            s.connections().forEach(n -> byCount.put(n, new Samples()));
            String generatorJvm = "";
            for (int round = 0; round < s.samples(); round++) {
                for (int n : s.connections()) {
                    Samples into = byCount.get(n);
                    // alternate which client goes first, so neither always meets the warmer (or colder) server
                    boolean generatorFirst = round % 2 == 0 || !s.nativeClient();
                    for (int turn = 0; turn < (s.nativeClient() ? 2 : 1); turn++) {
                        if ((turn == 0) == generatorFirst) {
                            generatorJvm = generatorSample(s, target, n, into);
                        } else {
                            nativeSample(s, target, n, into);
                        }
                        requireAlive(nativeServer);
                    }
                    out.printf("  round %d/%d  %,6d connections  generator %,10.0f msgs/s (busy %.2f)%s%n", round + 1,
                            s.samples(), n, last(into.generator), last(into.generatorBusy), s.nativeClient()
                                    ? String.format("   native %,10.0f msgs/s (busy %.2f)", last(into.nativeClient), last(into.nativeBusy))
                                    : "");
                }
            }
            List<CalibrationRecord.Point> points = new ArrayList<>();
            byCount.forEach((n, v) -> points.add(new CalibrationRecord.Point(n, CalibrationRecord.median(v.generator),
                    v.generator, CalibrationRecord.median(v.generatorBusy), v.generatorBusy,
                    CalibrationRecord.median(v.nativeClient), v.nativeClient)));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("tool", "loopbench calibrate");
            extra.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            extra.put("target", target.getAddress().getHostAddress() + ":" + target.getPort());
            extra.put("samplesPerPoint", s.samples());
            extra.put("sampleSeconds", s.duration().toMillis() / 1e3);
            extra.put("warmupSeconds", s.warmup().toMillis() / 1e3);
            extra.put("order", "interleaved: each round visits every connection count; at each, generator and native"
                    + " client alternate which goes first");
            extra.put("generator", "GeneratorProcess, " + s.generatorThreads() + " I/O thread"
                    + (s.generatorThreads() == 1 ? "" : "s") + ", " + generatorJvm + " " + GeneratorProcess.JVM_OPTIONS);
            extra.put("nativeClient", s.nativeClient() ? NativeEchoClient.KIND + ", " + s.generatorThreads() + " thread"
                    + (s.generatorThreads() == 1 ? "" : "s") : "not measured");
            Map<String, Object> errors = new LinkedHashMap<>();
            byCount.forEach((n, v) -> {
                if (v.generatorErrors + v.nativeErrors > 0) {
                    errors.put(n + " connections", "generator " + v.generatorErrors + ", native " + v.nativeErrors);
                }
            });
            extra.put("errors", errors);
            CalibrationRecord record = new CalibrationRecord(server, s.cpus().describe(), s.payload(), points, extra);
            printTable(record, out);
            return record;
        } finally {
            if (nativeServer != null) {
                nativeServer.stop();
            }
        }
    }

    /** One connection count's samples, in the order taken. */
    private static final class Samples {
        final List<Double> generator = new ArrayList<>();
        final List<Double> generatorBusy = new ArrayList<>();
        final List<Double> nativeClient = new ArrayList<>();
        final List<Double> nativeBusy = new ArrayList<>();
        long generatorErrors;
        long nativeErrors;
    }

    /** One generator sample; returns the generator's JVM description. */
    private static String generatorSample(Settings s, InetSocketAddress target, int connections, Samples into)
            throws IOException, InterruptedException {
        LoadSpec load = LoadSpec.saturation(target, connections, s.payload(), s.generatorThreads());
        try (GeneratorProcess g = GeneratorProcess.start(load, BATCH, GENERATOR_READY_LIMIT, s.cpus().generatorPlacement())) {
            Thread.sleep(s.warmup().toMillis());
            g.snapshot(); // everything so far is warm-up: the next snapshot covers only the measured seconds
            Thread.sleep(s.duration().toMillis());
            LoadSnapshot snap = g.snapshot();
            if (snap.openConnections() < connections) {
                throw new IOException("the generator had " + snap.openConnections() + " of " + connections
                        + " connections open; errors " + snap.errorsTotal());
            }
            into.generator.add(snap.achievedRate());
            into.generatorBusy.add(snap.ioBusy());
            into.generatorErrors += snap.errorCountTotal();
            return g.jvm();
        }
    }

    private static void nativeSample(Settings s, InetSocketAddress target, int connections, Samples into) throws IOException {
        NativeEchoClient.Result r = NativeEchoClient.run(target, connections, s.payload(), s.generatorThreads(),
                s.warmup(), s.duration(), s.cpus().pinned() ? s.cpus().client().toString() : null);
        if (r.connected() < connections) {
            throw new IOException("the native client opened " + r.connected() + " of " + connections + " connections; errors "
                    + r.errors());
        }
        into.nativeClient.add(r.msgsPerSecond());
        into.nativeBusy.add(r.busy());
        into.nativeErrors += r.errorCount();
    }

    private static void requireAlive(NativeEchoServer server) throws IOException {
        if (server != null && !server.isAlive()) {
            throw new IOException("the C echo server ended during the calibration: " + server.stop());
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1e3);
    }

    private static double last(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    private static void printTable(CalibrationRecord r, PrintStream out) {
        out.printf("%n%11s  %-34s %6s  %-34s %9s%n", "connections", "generator msgs/s: median [range]", "busy",
                "native client msgs/s: median [range]", "gen/native");
        for (CalibrationRecord.Point p : r.points()) {
            out.printf("%,11d  %-34s %6.2f  %-34s %9s%n", p.connections(), medianAndRange(p.msgsPerSecond(), p.samples()),
                    p.generatorBusy(), medianAndRange(p.nativeClientMsgsPerSecond(), p.nativeClientSamples()),
                    Double.isNaN(p.generatorOverNative()) ? "-" : String.format("%.2f", p.generatorOverNative()));
        }
    }

    private static String medianAndRange(double median, List<Double> samples) {
        if (samples.isEmpty()) {
            return "-";
        }
        return String.format("%,.0f [%,.0f - %,.0f]", median, Collections.min(samples), Collections.max(samples));
    }
}
