package org.loopbench.harness.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.HdrHistogram.Histogram;
import org.loopbench.api.tasks.DeadlineExceededException;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.api.whole.WholeWorkloads;
import org.loopbench.harness.load.ParameterRanges;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * deadline: N tasks, each given {@code deadlineMs}; the even ones sleep half of it (they make it), the
 * odd ones ten times it (they must be cancelled). All waited for with every outcome collected.
 *
 * <p><b>What is measured</b>: the wall time of one run, in ms (JMH's score, and {@code run.time}).
 * Secondary: {@code cancel.latency.*}, for each task that missed its deadline, from the moment its
 * deadline fired on the runtime's timer to the moment the task had really stopped (its sleep interrupted,
 * its timer or thread released), in microseconds: the report ranks its p99, which JMH's score (one time
 * per run) cannot be; {@code deadline.lateness.p50/p99/max}, how late those deadlines fired (from when
 * withTimeout was called plus the deadline, so it includes the call itself), the timers' share that
 * cancellation latency no longer holds; {@code timed.out} and
 * {@code completed} counts (N/2 each); {@code leaked}: tasks, timers, connections or threads still held
 * a second after the run, which must be 0.
 *
 * <p><b>Deliberately ignored</b>: work a cancelled task would have done after its sleep: there is none,
 * so the latency is purely the runtime's cancellation path.
 */
public class DeadlineBenchmark extends CoordinationBenchmark {

    /** N, 2..1,000,000. */
    @Param({"10000"})
    public int tasks;

    @Param({"100"})
    public int deadlineMs;

    @Override
    protected String describe() {
        return tasks + " tasks with a " + deadlineMs + " ms deadline, half of them too slow";
    }

    @Override
    protected Map<String, Object> workload() {
        ParameterRanges.tasks(tasks);
        if (tasks < 2 || deadlineMs < 1 || deadlineMs > 60_000) {
            throw new IllegalArgumentException("tasks = " + tasks + ", deadlineMs = " + deadlineMs
                    + ": need tasks >= 2 and 1 <= deadlineMs <= 60000");
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("tasks", tasks);
        w.put("deadlineMs", deadlineMs);
        w.put("fastSleepMs", deadlineMs / 2.0);
        w.put("slowSleepMs", deadlineMs * 10);
        return w;
    }

    @Override
    protected String histogramName() {
        return "cancel.latency";
    }

    /** The run's raw results, kept by {@link #deadline()} for {@link #account()}. */
    private List<Task<Integer>> inner;
    private List<Task<Integer>> bounded;
    private List<Outcome<Integer>> outcomes;
    private long[] boundAt; // just before withTimeout: the deadline is due deadlineMs later
    private long wall;
    /** The run as a reference runtime did it whole (see {@link CoordinationBenchmark}), else null. */
    private WholeWorkloads.DeadlineRun wholeRun;

    @Setup(Level.Iteration)
    public void prepareDeadline() {
        inner = new ArrayList<>(tasks);
        boundAt = new long[tasks];
        bounded = new ArrayList<>(tasks);
    }

    /** Spawn N tasks each under a deadline, wait for every outcome: JMH's score is this method's time (run.time). */
    @Benchmark
    public int deadline() throws Exception {
        try {
            Duration deadline = Duration.ofMillis(deadlineMs);
            if (whole != null) {
                wholeRun = whole.deadline(tasks, deadline, RUN_TIMEOUT);
                ran();
                return wholeRun.timedOut() + wholeRun.completed();
            }
            long start = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                Duration sleep = i % 2 == 0 ? deadline.dividedBy(2) : deadline.multipliedBy(10);
                Task<Integer> t = co.spawn(new Work.Sleep<>(sleep, i));
                inner.add(t);
                boundAt[i] = System.nanoTime();
                bounded.add(co.withTimeout(t, deadline));
            }
            outcomes = await(co.gatherOutcomes(bounded)).value();
            wall = System.nanoTime() - start;
            ran();
            return outcomes.size();
        } catch (Exception | Error e) {
            failed(e);
            throw e;
        }
    }

    /**
     * Cancellation latency of each task that missed its deadline: from the moment its deadline fired (the
     * runtime's timer ran, {@link DeadlineExceededException#firedAtNanos()}) to the moment the task had
     * really stopped. Not from when the deadline was due: how late a timer fires is the timer's quality,
     * not the cancel's.
     */
    @Override
    protected void account() throws Exception {
        Histogram fireLateness = new Histogram(3); // the timers' share, kept apart from the cancels'
        if (wholeRun != null) {
            for (long v : wholeRun.cancelLatencyNanos()) {
                recorder.recordValue(Math.max(0, v));
            }
            for (long v : wholeRun.fireLatenessNanos()) {
                fireLateness.recordValue(Math.max(0, v));
            }
            figures(wholeRun.runNanos(), wholeRun.timedOut(), wholeRun.completed(), fireLateness);
            wholeRun = null;
            return;
        }
        int timedOut = 0;
        int completed = 0;
        for (int i = 0; i < tasks; i++) {
            Outcome<Integer> o = outcomes.get(i);
            if (o.succeeded()) {
                completed++;
            } else if (o.failure() instanceof DeadlineExceededException) {
                timedOut++;
                long fired = ((DeadlineExceededException) o.failure()).firedAtNanos();
                long stopped = inner.get(i).await(Duration.ZERO).endedAtNanos();
                recorder.recordValue(Math.max(0, stopped - fired));
                fireLateness.recordValue(Math.max(0, fired - boundAt[i] - Duration.ofMillis(deadlineMs).toNanos()));
            } else if (o.failure() instanceof TimeoutException) {
                throw new IllegalStateException("task " + i + " timed out without saying when its deadline fired"
                        + " (withTimeout must fail with a DeadlineExceededException): " + o);
            } else {
                throw new IllegalStateException("task " + i + " ended neither on time nor by its deadline: " + o);
            }
        }
        figures(wall, timedOut, completed, fireLateness);
        inner = null; // the tasks go now, not at the next iteration's set-up
        bounded = null;
        outcomes = null;
    }

    private void figures(long runNanos, int timedOut, int completed, Histogram fireLateness) {
        figure("run.time", runNanos / 1e6);
        figure("timed.out", timedOut);
        figure("completed", completed);
        figure("deadline.lateness.p50", Percentiles.micros(fireLateness.getValueAtPercentile(50)));
        figure("deadline.lateness.p99", Percentiles.micros(fireLateness.getValueAtPercentile(99)));
        figure("deadline.lateness.max", Percentiles.micros(fireLateness.getMaxValue()));
    }
}
