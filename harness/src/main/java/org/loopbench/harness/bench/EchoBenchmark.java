package org.loopbench.harness.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.EchoStats;
import org.loopbench.harness.jmh.IterationMetrics;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.harness.launch.ServerBinding;
import org.loopbench.harness.load.ErrorKind;
import org.loopbench.harness.load.GeneratorFleet;
import org.loopbench.harness.load.GeneratorPlacement;
import org.loopbench.harness.load.GeneratorProcess;
import org.loopbench.harness.load.SelfWarmup;
import org.loopbench.harness.load.LoadMode;
import org.loopbench.harness.load.LoadSnapshot;
import org.loopbench.harness.load.LoadSpec;
import org.loopbench.harness.load.ParameterRanges;
import org.loopbench.harness.results.ProcessStats;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import static org.loopbench.results.TrialRecord.ERRORS_TOTAL;
import static org.loopbench.results.TrialRecord.GENERATOR;
import static org.loopbench.results.TrialRecord.LOAD;
import static org.loopbench.results.TrialRecord.PER_GENERATOR;
import static org.loopbench.results.TrialRecord.RESULT;
import static org.loopbench.results.TrialRecord.RUNTIME;
import static org.loopbench.results.TrialRecord.SERVER_JVM;

/**
 * The echo workload: a runtime's echo server in this JMH fork, the load generator in its own JVM.
 *
 * <p><b>What is measured</b>: messages per second, from JMH's own clock: each invocation of the
 * benchmark method returns once the generator reports {@value #BATCH} more fully echoed, verified
 * messages, and {@code @OperationsPerInvocation(BATCH)} makes JMH count them as operations. Secondary
 * metrics (see {@link IterationMetrics}): latency percentiles, errors, unanswered messages, server and
 * client CPU, server RSS and threads, achieved and target rate, the generator's ceiling; at a fixed rate
 * also the generator's own send lag and the sends lost with failed connections.
 *
 * <p><b>Recorded continuously</b>: the generator's recording is cut once per iteration, at its end, so
 * consecutive intervals in the {@code .hlog} abut and the messages completed between two JMH iterations
 * count in the next one. The last measurement iteration ends the load ({@link GeneratorProcess#finish}):
 * what is outstanding is answered within {@link #FINISH_GRACE} or counted as {@code unanswered}.
 *
 * <p><b>Latency percentiles are merged, never averaged</b>: {@code latency.*} is published once per trial,
 * at the last measurement iteration, from the histogram of all its measurement iterations merged (the very
 * histogram the trial's {@code .hgrm} holds). Per-iteration percentiles are in the sidecar's iterations,
 * for the spread.
 *
 * <p><b>Every connection or none</b>: a trial that could not open every connection it asks for, or loses
 * one during the run, fails with the numbers (its sidecar keeps what it measured): a latency or a rate
 * over fewer connections than the cell says is not comparable with the others.
 *
 * <p><b>Deliberately ignored</b>: connection set-up (all connections open before the first iteration).
 * The server's CPU and RSS are of its whole JVM, JMH's own threads included (they sleep in a semaphore
 * while the generator works).
 *
 * <p><b>Several generators</b> ({@link GeneratorPlacement}: local processes, or other hosts through a launch
 * prefix such as {@code ssh}) split the connections and the fixed rate, each with its own schedule; each
 * interval's histograms are added ({@link GeneratorFleet}), so every figure above is of the whole load,
 * and each generator's own share, latency, errors and busy time are kept in the result's
 * {@value org.loopbench.results.TrialRecord#PER_GENERATOR}. The server binds loopback unless the launcher
 * says otherwise ({@link ServerBinding}).
 *
 * <p>The load model is the benchmark class ({@link EchoSaturation}, {@link EchoFixedRate}) rather than a
 * {@code @Param}: a parameter would cross every target rate with the closed loop, which has none.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// G1 named outright: a JVM given one CPU (the split layout on two) would otherwise pick Serial,
// so the collector would change with the layout instead of staying the same for every runtime.
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public abstract class EchoBenchmark {

    /**
     * Messages per benchmark-method invocation: small enough that a slow fixed rate (100/s) still ends an
     * iteration within 0.1 s of its time, large enough that 300,000 messages/s cost the fork only 30,000
     * semaphore acquisitions a second.
     */
    public static final int BATCH = 10;
    /** Generator I/O threads, identical for every runtime; default 1 (two cores: the server needs the other). */
    public static final String GENERATOR_THREADS_PROPERTY = "loopbench.generator.threads";
    /**
     * The message timeout of every echo trial in this fork, in milliseconds (default 30,000, range 10 ms to
     * 1 h; recorded in each trial's load description). Shorter only where a stalled server must be seen
     * quickly, as the fault matrix does: a healthy echo here takes well under 30 ms.
     */
    public static final String MESSAGE_TIMEOUT_PROPERTY = "loopbench.messageTimeoutMs";
    /**
     * How long the end of the load waits for messages still outstanding: far above any healthy echo (the
     * reference run's worst measured message took 26 ms), short enough not to matter to a trial's length.
     */
    static final Duration FINISH_GRACE = Duration.ofSeconds(1);

    /**
     * Runtime id. No list of runtimes here: the launcher (harness Main) runs JMH once per runtime, passing
     * {@code -p runtime=<id>} for each id the registry knows or the user named, so that list has one owner,
     * the registry. JMH insists on a default; {@link RuntimeUnderTest#FROM_LAUNCHER} fails with the known ids.
     */
    @Param(RuntimeUnderTest.FROM_LAUNCHER)
    public String runtime;

    /**
     * Concurrent connections, all open for the whole trial; 1 up to what the server's process may open (its
     * descriptor limit less {@value Preflight#DESCRIPTOR_MARGIN}: 19,744 here) with each generator held to its own
     * limit (studied: 100..10,000; more with several generators, see {@link GeneratorPlacement}).
     */
    @Param({"1000"})
    public int connections;

    /** Bytes per message, 1..16,384 (studied: 64..16,384). */
    @Param({"64"})
    public int payload;

    /**
     * The server's read buffer in bytes ({@link EchoServerConfig#readBufferBytes()}), 64..1,048,576 (studied:
     * 1,024 and 16,384). An idiom cost, not a tuning knob: a blocking runtime (threads, virtual, quasar) holds
     * one {@code byte[]} of this size per connection, an event loop one per loop, so it moves memory per
     * connection and is recorded with every result rather than hidden in a default.
     */
    @Param({"" + EchoServerConfig.DEFAULT_READ_BUFFER_BYTES})
    public int readBuffer;

    private RuntimeUnderTest host;
    private EchoServer server;
    private GeneratorFleet generators;
    /**
     * {@link #noProgressLimit()}, read once per trial: the benchmark method asks for it every {@value #BATCH}
     * messages, and reading the property and multiplying a Duration (BigDecimal arithmetic) there allocated in
     * the server's JVM on every batch. JMH's gc.alloc.rate.norm, 1,000 connections (issue 17, 2026-11-30,
     * 3 iterations each): nio 31.0 to 20.7 B per echoed message, netty 112 to 82; virtual 127 to 124, within
     * its iterations' spread (the JIT can scalar-replace such temporaries in one fork and not in another).
     */
    private Duration noProgress;
    private List<GeneratorShare> shares;
    private TrialRecord record;
    private boolean measuring;
    private int measurementIndex;
    private int openedConnections;
    private int openConnections;
    private boolean lastMeasurement;
    private long measuredUnanswered;
    private long measuredLostSends;
    private final List<Integer> sendLagInTail = new ArrayList<>();
    private long iterationCpuStart;
    private long iterationStart;
    private long measuredMessages;
    private long measuredNanos;
    private double worstAchievedRatio = Double.NaN;
    private double maxClientBusy;
    private double peakClientRss;
    private double bestCeiling;

    protected abstract LoadMode loadMode();

    /** Fixed rate only: messages per second over all connections; 0 for the closed loop. */
    protected int targetRate() {
        return 0;
    }

    @Setup(Level.Trial)
    public void startTrial(BenchmarkParams params) throws Exception {
        ParameterRanges.connections(connections);
        ParameterRanges.payload(payload);
        ParameterRanges.readBuffer(readBuffer);
        if (loadMode() == LoadMode.FIXED_RATE) {
            ParameterRanges.rate(targetRate());
        }
        Preflight.requireDescriptorsFor(connections, "the JMH fork hosting the '" + runtime + "' server");
        int threads = ParameterRanges.generatorThreads(Integer.getInteger(GENERATOR_THREADS_PROPERTY, 1));
        ServerBinding binding = ServerBinding.fromSystemProperties();
        GeneratorPlacement placement = GeneratorPlacement.fromSystemProperty();
        host = RuntimeUnderTest.start(runtime);
        try {
            server = host.runtime().startEchoServer(new EchoServerConfig(binding.address(), 0,
                    EchoServerConfig.DEFAULT_BACKLOG, readBuffer));
            InetSocketAddress target = server.address();
            LoadSpec spec = new LoadSpec(target, connections, payload, loadMode(), targetRate(), threads, 0,
                    messageTimeout());
            spec.split(placement.count()); // a load that cannot be split fails before the record is claimed
            record = new TrialRecord(params, "loopbench " + params.getBenchmark() + " " + spec.describe()
                    + ", server read buffer " + readBuffer + " B"
                    + (placement.count() > 1 ? ", " + placement.count() + " load generators" : ""));
            record.put(RUNTIME, host.description().asMap());
            record.put(SERVER_JVM, host.serverJvm());
            Map<String, Object> load = loadDescription(spec, binding, placement);
            record.put(LOAD, load);
            generators = GeneratorFleet.start(spec, placement, CpuLayout.generatorCommandPrefix(), BATCH,
                    Duration.ofSeconds(180));
            noProgress = noProgressLimit();
            shares = new ArrayList<>();
            for (int i = 0; i < generators.count(); i++) {
                shares.add(new GeneratorShare(generators, i));
            }
            load.put("generatorHosts", generators.sourceAddresses().size()); // distinct source addresses, as the server saw them
            record.put(LOAD, load);
            // this thread counts the batches JMH scores: it must not wait behind the server's threads
            CpuLayout.moveHarnessThreadToClientCpus();
            CpuLayout.moveJmhControlThreadToClientCpus(); // it ends each iteration: it must not wait either
            markCut(); // the generator's first interval starts as it reports ready
            openedConnections = generators.connected();
            openConnections = openedConnections;
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("jvm", generators.generator(0).jvm());
            g.put("java", generators.generator(0).java().toString());
            g.put("options", GeneratorProcess.JVM_OPTIONS);
            g.put("ioThreads", threads);
            g.put("selfWarmup", SelfWarmup.describe());
            g.put("placements", placement.launches());
            record.put(GENERATOR, g);
            record.flush();
            if (generators.connected() < connections) {
                throw new IllegalStateException(String.format("only %,d of %,d connections opened (%,d connect errors,"
                                + " the first: %s): a trial holds every connection it asks for or fails",
                        generators.connected(), connections, generators.connectFailures(),
                        generators.firstConnectFailure()));
            }
        } catch (Exception | Error e) {
            if (record != null) {
                record.failure(e);
            }
            try {
                closeQuietly();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing); // the set-up's own failure is the one to report
            }
            throw e;
        }
    }

    static Duration messageTimeout() {
        return Duration.ofMillis(Long.getLong(MESSAGE_TIMEOUT_PROPERTY, LoadSpec.DEFAULT_MESSAGE_TIMEOUT.toMillis()));
    }

    /**
     * An iteration fails, with the generator's last progress, when no batch completes for this long: twice
     * the message timeout (60 s by default), by when every message outstanding at the last batch has timed
     * out and closed its connection, so silence this long means the generator itself stopped answering.
     */
    static Duration noProgressLimit() {
        return messageTimeout().multipliedBy(2);
    }

    private Map<String, Object> loadDescription(LoadSpec spec, ServerBinding binding, GeneratorPlacement placement) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serverAddress", binding.address().getHostAddress());
        m.put("generators", placement.count());
        m.put("model", spec.mode().flag());
        m.put("connections", spec.connections());
        m.put("payloadBytes", spec.payloadBytes());
        m.put("readBufferBytes", readBuffer); // the server's, not the generator's: LoadSpec is the client's load
        m.put("targetRate", spec.ratePerSecond());
        m.put("sourceAddresses", spec.effectiveSourceAddresses());
        m.put("messageTimeoutMs", spec.messageTimeout().toMillis());
        m.put("messageTimeoutFrom", "intended send time");
        m.put("endOfLoad", "at the end of the last measurement iteration; outstanding messages get "
                + FINISH_GRACE.toMillis() + " ms, then count as unanswered at the latency they reached");
        m.put("latencyFrom", spec.mode() == LoadMode.FIXED_RATE
                ? "intended send time (coordinated omission corrected)"
                : "actual send time (closed loop: mostly queueing, hides stalls)");
        m.put("batch", BATCH);
        m.put("description", spec.describe());
        return m;
    }

    /** The result's {@code connections}: asked for, opened at the start, open at the last snapshot. */
    private Map<String, Object> connectionCounts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asked", connections);
        m.put("opened", openedConnections);
        m.put("open", openConnections);
        return m;
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        if (measuring) {
            measurementIndex++;
        }
        lastMeasurement = measuring && measurementIndex == iteration.getCount();
        generators.beginIteration();
    }

    /** The server's side of a cut in the recording: its CPU and wall clock from here, like the generator's interval. */
    private void markCut() {
        iterationCpuStart = host.server().cpuNanos();
        iterationStart = System.nanoTime();
    }

    /** The benchmark methods call this: returns when {@value #BATCH} more messages completed. */
    protected final void awaitBatch() throws InterruptedException {
        try {
            generators.awaitBatch(noProgress);
        } catch (RuntimeException e) {
            record.failure(e); // JMH reports the exception; the sidecar keeps it next to the other results
            throw e;
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws Exception {
        GeneratorFleet.Snapshot all = lastMeasurement ? generators.finish(FINISH_GRACE) : generators.snapshot();
        LoadSnapshot s = all.merged();
        long wall = System.nanoTime() - iterationStart;
        long serverCpu = host.server().cpuNanos() - iterationCpuStart;
        markCut();
        ProcessStats.Snapshot proc = host.server().now();
        boolean fixedRate = loadMode() == LoadMode.FIXED_RATE;
        boolean lagInTail = fixedRate && sendLagReachesTail(s);

        IterationMetrics.Builder b = new IterationMetrics.Builder();
        b.add("errors", s.errorCount());
        for (ErrorKind k : ErrorKind.values()) {
            b.add("errors." + k.label(), s.errors().get(k));
        }
        b.add("unanswered", s.unanswered());
        b.add("connections.open", s.openConnections());
        b.add("server.cpu", serverCpu / 1e6 / (wall / 1e9));
        b.add("server.cpu.per.msg", s.completed() == 0 ? 0 : serverCpu / 1e3 / s.completed());
        b.add("server.rss", proc.rssMiB());
        b.add("server.threads", proc.threads());
        b.add("client.cpu", s.processCpuMillisPerSecond());
        b.add("client.busy", all.maxIoBusy()); // the busiest generator: one saturated generator bounds the score
        b.add("client.ceiling", s.ceiling());
        b.add("achieved.rate", s.achievedRate());
        if (fixedRate) {
            b.add("target.rate", targetRate());
            b.add("lost.sends", s.lostSends());
            b.add("send.lag.p50", Percentiles.micros(s.sendLag().getValueAtPercentile(50)));
            b.add("send.lag.p99", Percentiles.micros(s.sendLag().getValueAtPercentile(99)));
            b.add("send.lag.max", Percentiles.micros(s.sendLag().getMaxValue()));
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", s.wallNanos() / 1e9);
        summary.put("messages", s.completed());
        summary.put("achievedRate", s.achievedRate());
        summary.put("latency", Percentiles.summary(s.latency()));
        summary.put("errors", errorMap(s.errors()));
        summary.put("unanswered", s.unanswered());
        summary.put("openConnections", s.openConnections());
        summary.put("serverCpuMsPerS", serverCpu / 1e6 / (wall / 1e9));
        summary.put("serverRssMiB", proc.rssMiB());
        summary.put("serverThreads", proc.threads());
        summary.put("serverOpenFiles", proc.openFiles());
        summary.put("serverHeapAfterGcMiB", host.server().heapAfterGcMiB());
        // the generators' too, as each reads its own (right on another host): over a long run (loopbench soak) a
        // leak on either side shows as a count that only grows
        summary.put("clientRssMiB", s.rssMiB());
        summary.put("clientOpenFiles", s.openFiles());
        summary.put("clientCpuMsPerS", s.processCpuMillisPerSecond());
        summary.put("clientBusy", all.maxIoBusy());
        summary.put("clientCeiling", s.ceiling());
        if (fixedRate) {
            summary.put("lostSends", s.lostSends());
            summary.put("sendLag", Percentiles.summary(s.sendLag()));
            summary.put("sendLagReachesTail", lagInTail);
        }
        if (lastMeasurement) {
            summary.put("endedLoad", "messages still outstanding had " + FINISH_GRACE.toMillis()
                    + " ms to be answered; the rest are counted as unanswered");
        }
        record.iteration(s.latency(), measuring, summary);
        if (lastMeasurement) {
            // the ranked figures: every measurement iteration merged, exactly what the .hgrm holds
            Percentiles.addTo(b, "latency", record.measured());
        }
        IterationMetrics.publish(b.build());

        if (measuring) {
            measuredMessages += s.completed();
            measuredNanos += s.wallNanos();
            measuredUnanswered += s.unanswered();
            measuredLostSends += s.lostSends();
            if (lagInTail) {
                sendLagInTail.add(measurementIndex);
            }
            if (targetRate() > 0) {
                double ratio = s.achievedRate() / targetRate();
                worstAchievedRatio = Double.isNaN(worstAchievedRatio) ? ratio : Math.min(worstAchievedRatio, ratio);
            }
            maxClientBusy = Math.max(maxClientBusy, all.maxIoBusy());
            peakClientRss = Math.max(peakClientRss, s.rssMiB());
            for (int i = 0; i < shares.size(); i++) {
                shares.get(i).measured(all.each().get(i));
            }
            bestCeiling = Math.max(bestCeiling, s.ceiling());
            record.put(ERRORS_TOTAL, errorMap(s.errorsTotal()));
        }
        openConnections = s.openConnections();
        if (openConnections < connections) {
            IllegalStateException e = new IllegalStateException(String.format(
                    "%,d of %,d connections failed during the run (errors so far: %s; %,d scheduled sends lost):"
                            + " a trial holds every connection it asks for or fails",
                    connections - s.openConnections(), connections, errorMap(s.errorsTotal()), s.lostSendsTotal()));
            record.failure(e);
            endTrial(); // JMH does not promise the trial's tear-down after a failed iteration
            throw e;
        }
    }

    /**
     * Whether the generator's own lateness reaches the iteration's latency tail: at least 0.1% of sends
     * left as late as the latency p99 (so the generator alone put at least a tenth of the p99 tail there).
     * Latency counts from the intended send, so send lag is part of it: such an iteration's tail is partly
     * the client's.
     */
    static boolean sendLagReachesTail(LoadSnapshot s) {
        return s.sendLag().getTotalCount() > 0 && s.latency().getTotalCount() > 0
                && s.sendLag().getValueAtPercentile(99.9) >= s.latency().getValueAtPercentile(99);
    }

    private static Map<String, Object> errorMap(Map<ErrorKind, Long> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        errors.forEach((k, v) -> m.put(k.label(), v));
        return m;
    }

    @TearDown(Level.Trial)
    public void endTrial() {
        if (record != null && server != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            double achieved = measuredNanos == 0 ? 0 : measuredMessages * 1e9 / measuredNanos;
            t.put("connections", connectionCounts());
            t.put("measuredMessages", measuredMessages);
            t.put("achievedRate", achieved);
            // the same figures as JMH's latency.* (published from this histogram at the last measurement)
            t.put("latency", Percentiles.summary(record.measured()));
            t.put("latencyPercentilesFrom", "the measurement iterations merged (the .hgrm), never averaged");
            t.put("unanswered", measuredUnanswered);
            if (targetRate() > 0) {
                t.put("lostSends", measuredLostSends);
                // measurement iterations (1-based) whose send lag reached their latency tail
                t.put("sendLagReachesTail", List.copyOf(sendLagInTail));
                t.put("targetRate", targetRate());
                t.put("worstIterationAchievedOverTarget", worstAchievedRatio);
                // 5% below target in any measurement iteration: the server (or the client) could not keep up
                t.put("rateShortfall", !(worstAchievedRatio >= 0.95));
            }
            t.put("clientBusyMax", maxClientBusy);
            t.put("clientCeiling", bestCeiling);
            // the generator's I/O threads were on CPU 90% of the time or more: the score is client-bound
            t.put("clientBound", maxClientBusy >= 0.9);
            t.put("clientPeakRssMiB", peakClientRss);
            List<Map<String, Object>> each = new ArrayList<>();
            for (GeneratorShare share : shares) {
                each.add(share.result(targetRate() > 0));
            }
            t.put(PER_GENERATOR, each);
            t.put("serverPeakRssMiB", host.server().now().peakRssMiB());
            EchoStats st = server.stats();
            t.put("serverStats", Map.of("accepted", st.accepted(), "open", st.open(),
                    "bytesReceived", st.bytesReceived(), "bytesEchoed", st.bytesEchoed()));
            record.put(RESULT, t);
        }
        closeQuietly();
    }

    /** Ends the generator, the server, the runtime and the trial's files; a runtime's failed close is rethrown. */
    private void closeQuietly() {
        if (generators != null) {
            generators.close();
            generators = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        RuntimeUnderTest h = host;
        TrialRecord r = record;
        host = null;
        record = null;
        RuntimeUnderTest.closeThenRecord(h, r);
    }
}
