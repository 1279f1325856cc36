package org.loopbench.harness.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.harness.jmh.IterationMetrics;
import org.loopbench.harness.load.ParameterRanges;
import org.loopbench.harness.results.ProcessStats;
import org.openjdk.jmh.annotations.Benchmark;
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

import static org.loopbench.results.TrialRecord.RESULT;
import static org.loopbench.results.TrialRecord.RUNTIME;
import static org.loopbench.results.TrialRecord.SERVER_JVM;
import static org.loopbench.results.TrialRecord.WORKLOAD;

/**
 * The sleep workload: N tasks alive at once, each sleeping k times for d, every task's first sleep due at
 * one deadline D that each reaches on its own (no start gate releasing them one by one: see
 * {@code AsyncRuntime.runSleepers}).
 *
 * <p><b>What is measured</b>: the primary score is the wall time of one whole run (spawn + sleep), in
 * milliseconds, one run per iteration (SingleShotTime). Secondary metrics split it, because spawning and
 * sleeping are different findings: {@code spawn.time}, {@code run.time} against {@code ideal.time}
 * (k x d) as {@code run.vs.ideal}, wake-up lateness percentiles ({@code lateness.*}, microseconds,
 * actual minus requested wake-up, all sleeps), the same for the first sleep alone
 * ({@code first.lateness.*}: N timers due at one instant, plus any task that got ready only after D), and
 * the peaks of RSS, kernel threads and the runtime's own threads.
 *
 * <p>A runtime that cannot reach N (platform threads stop below pid_max) runs what it could create:
 * {@code capped} = 1, {@code tasks.run} says how many, and the sidecar says why. The run goes on.
 *
 * <p><b>Deliberately ignored</b>: JIT warm-up of the sleep loop beyond the warm-up iteration; garbage
 * left by an earlier iteration (each run starts in the same process).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// G1 named outright: a JVM given one CPU (the split layout on two) would otherwise pick Serial,
// so the collector would change with the layout instead of staying the same for every runtime.
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SleepBenchmark {

    public static final String TIMEOUT_PROPERTY = "loopbench.sleep.timeout";

    /**
     * Runtime id. No list of runtimes here: the launcher (harness Main) runs JMH once per runtime, passing
     * {@code -p runtime=<id>} for each id the registry knows or the user named, so that list has one owner,
     * the registry. JMH insists on a default; {@link RuntimeUnderTest#FROM_LAUNCHER} fails with the known ids.
     */
    @Param(RuntimeUnderTest.FROM_LAUNCHER)
    public String runtime;

    /** N, tasks alive at once: 1..1,000,000 (studied: 1,000..1,000,000). */
    @Param({"10000"})
    public int tasks;

    /** k, sleeps per task, 1..100,000. */
    @Param({"10"})
    public int sleeps;

    /** d, each sleep in milliseconds, 1..60,000. */
    @Param({"100"})
    public int sleepMs;

    private RuntimeUnderTest host;
    private TrialRecord record;
    private SleepWorkload workload;
    private final Recorder lateness = new Recorder(3);
    private final Recorder firstLateness = new Recorder(3);
    /** Every wake-up into {@link #lateness}; first wake-ups into {@link #firstLateness} as well. */
    private final LatenessRecorder recorder = new LatenessRecorder() {
        @Override
        public void record(long latenessNanos) {
            lateness.recordValue(latenessNanos);
        }

        @Override
        public void recordFirst(long deadlineNanos, long wokeNanos) {
            lateness.recordValue(wokeNanos - deadlineNanos);
            firstLateness.recordValue(wokeNanos - deadlineNanos);
        }
    };
    /** First-sleep lateness of the measurement iterations, merged (the trial's summary). */
    private final Histogram firstMeasured = new Histogram(3);
    private PeakSampler sampler;
    private SleepReport report;
    private boolean measuring;
    private long cpuStart;
    private long wallStart;
    private String cappedReason = "";

    @Setup(Level.Trial)
    public void startTrial(BenchmarkParams params) {
        workload = new SleepWorkload(ParameterRanges.tasks(tasks), ParameterRanges.sleeps(sleeps),
                Duration.ofMillis(ParameterRanges.sleepMillis(sleepMs)), timeout(tasks, sleeps, sleepMs));
        host = RuntimeUnderTest.start(runtime);
        record = new TrialRecord(params, "loopbench " + params.getBenchmark() + " " + tasks + " tasks x " + sleeps
                + " sleeps x " + sleepMs + " ms on " + runtime + "; lateness values in nanoseconds");
        record.put(RUNTIME, host.description().asMap());
        record.put(SERVER_JVM, host.serverJvm());
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("tasks", tasks);
        w.put("sleepsPerTask", sleeps);
        w.put("sleepMs", sleepMs);
        w.put("idealMs", workload.idealNanos() / 1e6);
        w.put("timeoutMs", workload.timeout().toMillis());
        record.put(WORKLOAD, w);
        record.flush();
    }

    /**
     * How long one run may take before it fails: 60 s, plus 3 ms per task for spawning (platform threads
     * near pid_max were measured here at about 2 ms each on a busy machine: creation slows as the JVM's
     * thread list grows), plus ten times the ideal k x d; at most 24 h. Override with
     * {@code -Dloopbench.sleep.timeout=<duration>} (e.g. 600s).
     */
    static Duration timeout(int tasks, int sleeps, int sleepMs) {
        String explicit = System.getProperty(TIMEOUT_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return org.loopbench.harness.cli.Durations.parse("-D" + TIMEOUT_PROPERTY, explicit);
        }
        Duration t = Duration.ofSeconds(60).plusMillis(3L * tasks).plusMillis(10L * sleeps * sleepMs);
        return t.compareTo(Duration.ofHours(24)) > 0 ? Duration.ofHours(24) : t;
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        lateness.reset();
        firstLateness.reset();
        report = null;
        sampler = new PeakSampler(host.runtime());
        cpuStart = host.server().cpuNanos();
        wallStart = System.nanoTime();
    }

    @Benchmark
    public SleepReport sleepers() throws Exception {
        try {
            report = host.runtime().runSleepers(workload, recorder);
        } catch (Exception | Error e) {
            record.failure(e); // JMH reports the exception; the sidecar keeps it next to the other results
            throw e;
        }
        return report;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long wall = System.nanoTime() - wallStart;
        long cpu = host.server().cpuNanos() - cpuStart;
        sampler.close();
        Histogram h = lateness.getIntervalHistogram();
        Histogram first = firstLateness.getIntervalHistogram();
        if (report == null) { // the run threw: JMH reports the exception; record nothing false
            return;
        }
        double spawnMs = report.spawnNanos() / 1e6;
        double runMs = report.runNanos() / 1e6;
        double idealMs = workload.idealNanos() / 1e6;
        IterationMetrics.Builder b = new IterationMetrics.Builder();
        Percentiles.addTo(b, "lateness", h);
        Percentiles.addTo(b, "first.lateness", first);
        b.add("spawn.time", spawnMs);
        b.add("run.time", runMs);
        b.add("ideal.time", idealMs);
        b.add("run.vs.ideal", runMs / idealMs);
        b.add("tasks.run", report.tasksRun());
        b.add("wakeups", report.wakeUps());
        b.add("capped", report.capped() ? 1 : 0);
        b.add("server.rss", sampler.peakRssMiB());
        b.add("server.threads", sampler.peakThreads());
        b.add("runtime.threads", sampler.peakRuntimeThreads());
        b.add("server.cpu", cpu / 1e6 / (wall / 1e9));
        IterationMetrics.publish(b.build());

        if (report.capped()) {
            cappedReason = report.cappedReason();
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("tasksRequested", report.tasksRequested());
        s.put("tasksRun", report.tasksRun());
        s.put("capped", report.capped());
        s.put("cappedReason", report.cappedReason());
        s.put("spawnMs", spawnMs);
        s.put("runMs", runMs);
        s.put("idealMs", idealMs);
        s.put("runVsIdeal", runMs / idealMs);
        s.put("wakeUps", report.wakeUps());
        s.put("lateness", Percentiles.summary(h));
        s.put("firstLateness", Percentiles.summary(first));
        s.put("gateMs", report.gateNanos() / 1e6);
        s.put("spawnOverrunMs", report.spawnOverrunNanos() / 1e6);
        s.put("peakRssMiB", sampler.peakRssMiB());
        s.put("peakKernelThreads", sampler.peakThreads());
        s.put("peakRuntimeThreads", sampler.peakRuntimeThreads());
        s.put("serverCpuMsPerS", cpu / 1e6 / (wall / 1e9));
        record.iteration(h, measuring, s);
        if (measuring) {
            firstMeasured.add(first);
        }
    }

    @TearDown(Level.Trial)
    public void endTrial() {
        if (record != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("capped", !cappedReason.isEmpty());
            r.put("cappedReason", cappedReason);
            r.put("lateness", Percentiles.summary(record.measured()));
            r.put("firstLateness", Percentiles.summary(firstMeasured));
            r.put("serverPeakRssMiB", host.server().now().peakRssMiB());
            record.put(RESULT, r);
        }
        RuntimeUnderTest h = host;
        TrialRecord rec = record;
        host = null;
        record = null;
        RuntimeUnderTest.closeThenRecord(h, rec);
    }
}
