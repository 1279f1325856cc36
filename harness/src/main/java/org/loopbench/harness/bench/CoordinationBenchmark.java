package org.loopbench.harness.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.whole.WholeWorkloads;
import org.loopbench.harness.jmh.IterationMetrics;
import org.loopbench.harness.results.CpuClock;
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
 * What the coordination workloads (crawl, deadline, ping-pong) share: the runtime under test and its
 * {@link Coordination}, one whole run per iteration (SingleShotTime, milliseconds), a nanosecond
 * histogram per iteration for the workload's own distribution, the process's CPU, RSS and threads,
 * and the resources the runtime still holds after each run, which must come back to where they were.
 *
 * <p><b>JMH's score is the run and nothing else.</b> The {@code @Benchmark} method only runs the workload
 * and keeps its raw times; every loop over tasks, histogram and figure is {@link #account()}, called
 * from the iteration's tear-down, outside JMH's timing. So the score is the run's wall time (for crawl,
 * exactly the {@code crawl.wall} the report ranks).
 *
 * <p><b>CPU</b> comes from {@link CpuClock#process()}: the whole process, threads that ended included,
 * in nanoseconds where the JDK can call {@code clock_gettime} (JDK 22+; the fork gets native access for
 * it), else the JVM's 10 ms tick clock. Which one, with its resolution, is in the sidecar's
 * {@code serverJvm.cpuClock}.
 *
 * <p>Every workload is written once, here in the harness, against the coordination API: what differs
 * between runtimes is only how each implements spawn, sleep, cancel and channels, in its own idiom.
 *
 * <p><b>Reference runtimes</b> (Python's asyncio, uvloop, gevent) cannot hand Java their tasks: they run
 * each workload whole, in their own process and primitives ({@link #whole}), and hand back the same raw
 * times, which {@link #account()} turns into the same histogram and figures. Their CPU is their child
 * process's (10 ms ticks, or the child's own clock where the figure says so), not this JVM's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// native access: CpuClock calls clock_gettime through java.lang.foreign (JDK 17 accepts the option too)
// G1 named outright: a JVM given one CPU (the split layout on two) would otherwise pick Serial,
// so the collector would change with the layout instead of staying the same for every runtime.
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public abstract class CoordinationBenchmark {

    /** How long one run may take before it fails, whatever the workload. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    /** The process CPU clock every coordination figure uses: nanoseconds where the JDK allows, see {@link CpuClock}. */
    protected static final CpuClock CPU = CpuClock.process();

    /**
     * Runtime id. No list of runtimes here: the launcher (harness Main) runs JMH once per runtime, passing
     * {@code -p runtime=<id>} for each id the registry knows or the user named, so that list has one owner,
     * the registry. JMH insists on a default; {@link RuntimeUnderTest#FROM_LAUNCHER} fails with the known ids.
     */
    @Param(RuntimeUnderTest.FROM_LAUNCHER)
    public String runtime;

    protected RuntimeUnderTest host;
    /** The primitives, for a runtime that offers them to Java; null for one that runs workloads whole. */
    protected Coordination co;
    /** The workloads run whole, for a reference runtime; null for a runtime that offers {@link #co}. */
    protected WholeWorkloads whole;
    /** The workload's distribution for this iteration, in nanoseconds. */
    protected final Recorder recorder = new Recorder(3);
    /** Figures of the run just done, for the iteration's metrics and the sidecar. */
    protected final Map<String, Double> figures = new LinkedHashMap<>();

    private TrialRecord record;
    private PeakSampler sampler;
    private RuntimeResources baseline;
    private boolean measuring;
    private boolean ran;
    private long cpuStart;
    private long wallStart;

    /** One line saying what the trial runs, for the sidecar. */
    protected abstract String describe();

    /** The workload's parameters, for the sidecar. */
    protected abstract Map<String, Object> workload();

    /** The name of the histogram's metrics, e.g. {@code cancel.latency}. */
    protected abstract String histogramName();

    /**
     * The run's bookkeeping, from what the benchmark method kept: record the histogram ({@link #recorder})
     * and the figures ({@link #figure}). Called from the iteration's tear-down, after a run that
     * {@link #ran()}, so none of it is in JMH's score.
     *
     * @throws Exception when the run's results show it went wrong (recorded as the trial's failure)
     */
    protected abstract void account() throws Exception;

    @Setup(Level.Trial)
    public void startTrial(BenchmarkParams params) {
        host = RuntimeUnderTest.start(runtime);
        whole = host.runtime().wholeWorkloads().orElse(null);
        try {
            co = whole != null ? null : host.runtime().coordination();
        } catch (UnsupportedOperationException e) {
            host.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
        record = new TrialRecord(params, "loopbench " + params.getBenchmark() + " on " + runtime + ": " + describe()
                + "; histogram values in nanoseconds");
        record.put(RUNTIME, host.description().asMap());
        Map<String, Object> jvm = new LinkedHashMap<>(host.serverJvm());
        jvm.put("cpuClock", whole == null ? CPU.describe()
                : "the child process's CPU: /proc and getrusage, 10 ms ticks");
        record.put(SERVER_JVM, jvm);
        record.put(WORKLOAD, workload());
        record.flush();
        baseline = host.runtime().resources();
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        recorder.reset();
        figures.clear();
        ran = false;
        sampler = new PeakSampler(host.runtime());
        cpuStart = serverCpuNanos();
        wallStart = System.nanoTime();
    }

    /** The server's CPU: this JVM's on {@link #CPU}, or a reference's child processes'. */
    private long serverCpuNanos() {
        return whole == null ? CPU.nanos() : host.server().cpuNanos();
    }

    /** Says the benchmark method's run completed: the tear-down then calls {@link #account()}. */
    protected void ran() {
        ran = true;
    }

    /**
     * Records what the run did; call from {@link #account()}. {@code name} must be in the metric
     * catalog, which gives its unit and aggregation (the iteration's tear-down fails otherwise).
     */
    protected void figure(String name, double value) {
        figures.put(name, value);
    }

    protected void failed(Throwable t) {
        record.failure(t);
    }

    /** Waits for a task of the run, failing the run (never hanging it) after {@link #RUN_TIMEOUT}. */
    protected static <T> Outcome<T> await(Task<T> task) throws Exception {
        return task.await(RUN_TIMEOUT);
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws Exception {
        long wall = System.nanoTime() - wallStart;
        long cpu = serverCpuNanos() - cpuStart;
        long leaked = leakedAfter(Duration.ofSeconds(1));
        sampler.close();
        if (!ran) { // the run threw: JMH reports it, nothing false is recorded
            return;
        }
        try {
            account();
        } catch (Exception | Error e) {
            failed(e);
            throw e;
        }
        Histogram h = recorder.getIntervalHistogram();
        IterationMetrics.Builder b = new IterationMetrics.Builder();
        Percentiles.addTo(b, histogramName(), h);
        figures.forEach(b::add);
        b.add("leaked", leaked);
        b.add("server.rss", sampler.peakRssMiB());
        b.add("server.threads", sampler.peakThreads());
        b.add("runtime.threads", sampler.peakRuntimeThreads());
        b.add("server.cpu", cpu / 1e6 / (wall / 1e9));
        IterationMetrics.publish(b.build());

        Map<String, Object> s = new LinkedHashMap<>(figures);
        s.put(histogramName(), Percentiles.summary(h));
        s.put("leaked", leaked);
        s.put("peakRssMiB", sampler.peakRssMiB());
        s.put("peakRuntimeThreads", sampler.peakRuntimeThreads());
        s.put("serverCpuMsPerS", cpu / 1e6 / (wall / 1e9));
        record.iteration(h, measuring, s);
    }

    /**
     * Tasks, timers, connections and threads the runtime holds beyond what it held before the trial,
     * after giving a finished run {@code grace} to let its threads leave (a cancelled task has ended
     * before its outcome is reported, but its thread may still be on its way out).
     */
    private long leakedAfter(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        long excess;
        do {
            RuntimeResources now = host.runtime().resources();
            excess = Math.max(0, now.tasks() - baseline.tasks())
                    + Math.max(0, now.pendingTimers() - baseline.pendingTimers())
                    + Math.max(0, now.openConnections() - baseline.openConnections())
                    + Math.max(0, now.threads() - baseline.threads());
            if (excess == 0) {
                return 0;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        return excess;
    }

    @TearDown(Level.Trial)
    public void endTrial() {
        if (record != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(histogramName(), Percentiles.summary(record.measured()));
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
