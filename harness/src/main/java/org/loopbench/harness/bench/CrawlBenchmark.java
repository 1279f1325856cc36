package org.loopbench.harness.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
 * crawl: N tasks each "fetch" (sleep a duration drawn from a fixed, seeded distribution: uniform
 * {@code minMs..maxMs}, the same for every runtime and every run) and return a value; gather them.
 *
 * <p><b>What is measured</b>: the wall time of one whole crawl (spawn + gather), in ms: JMH's score, and
 * {@code crawl.wall} (the figure the report ranks) restates it: the same span, stamped inside the method. Secondary:
 * {@code longest.task} (the longest drawn sleep: no crawl can beat it), {@code wall.vs.longest},
 * {@code overhead.per.task} = (wall - longest) / N in microseconds (what coordinating one more task
 * costs), {@code spawn.time}, and {@code overshoot.*}: per task, how much later than spawn + its sleep it
 * ended (the scheduling delay each fetch sees). {@code leaked} must be 0.
 *
 * <p><b>Deliberately ignored</b>: what a real fetch costs besides waiting (parsing, I/O buffers): the
 * point is the price of the coordination itself.
 */
public class CrawlBenchmark extends CoordinationBenchmark {

    /** N, 1..1,000,000. */
    @Param({"10000"})
    public int tasks;

    @Param({"10"})
    public int minMs;

    @Param({"100"})
    public int maxMs;

    private long[] sleepNanos;
    private long longest;

    @Override
    protected String describe() {
        return tasks + " fetches of " + minMs + ".." + maxMs + " ms (seed 42), gathered";
    }

    @Override
    protected Map<String, Object> workload() {
        if (minMs < 1 || maxMs < minMs || maxMs > 60_000) {
            throw new IllegalArgumentException("minMs = " + minMs + ", maxMs = " + maxMs
                    + ": need 1 <= minMs <= maxMs <= 60000");
        }
        ParameterRanges.tasks(tasks);
        SplittableRandom seeded = new SplittableRandom(42);
        sleepNanos = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            sleepNanos[i] = Duration.ofMillis(minMs).toNanos()
                    + seeded.nextLong(Duration.ofMillis(maxMs - minMs).toNanos() + 1);
            longest = Math.max(longest, sleepNanos[i]);
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("tasks", tasks);
        w.put("sleepMs", minMs + ".." + maxMs + " uniform, seed 42");
        w.put("longestMs", longest / 1e6);
        return w;
    }

    @Override
    protected String histogramName() {
        return "overshoot";
    }

    /** The run's raw times, kept by {@link #crawl()} for {@link #account()}. */
    private long[] spawnedAt;
    private List<Task<Integer>> fetches;
    private long start;
    private long spawned;
    private long ended;
    /** The run as a reference runtime did it whole (see {@link CoordinationBenchmark}), else null. */
    private WholeWorkloads.CrawlRun wholeRun;

    @Setup(Level.Iteration)
    public void prepareCrawl() {
        spawnedAt = new long[tasks]; // allocated here, so that neither the score nor crawl.wall counts it
        fetches = new ArrayList<>(tasks);
    }

    /** Spawn N fetches, gather them: JMH's score is this method's time, which crawl.wall restates. */
    @Benchmark
    public int crawl() throws Exception {
        try {
            if (whole != null) {
                wholeRun = whole.crawl(sleepNanos, RUN_TIMEOUT); // the child checks it gathered 0..N-1 in order
                ran();
                return wholeRun.overshootNanos().length;
            }
            start = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                spawnedAt[i] = System.nanoTime();
                fetches.add(co.spawn(new Work.Sleep<>(Duration.ofNanos(sleepNanos[i]), i)));
            }
            spawned = System.nanoTime();
            Outcome<List<Integer>> gathered = await(co.gather(fetches));
            ended = System.nanoTime();
            if (!gathered.succeeded() || gathered.value().size() != tasks) {
                throw new IllegalStateException("the crawl did not gather every result: " + gathered);
            }
            ran();
            return gathered.value().size();
        } catch (Exception | Error e) {
            failed(e);
            throw e;
        }
    }

    @Override
    protected void account() throws Exception {
        if (wholeRun != null) {
            for (long overshoot : wholeRun.overshootNanos()) {
                recorder.recordValue(Math.max(0, overshoot));
            }
            figures(wholeRun.wallNanos(), wholeRun.spawnNanos());
            wholeRun = null;
            return;
        }
        for (int i = 0; i < tasks; i++) {
            long end = fetches.get(i).await(Duration.ZERO).endedAtNanos();
            recorder.recordValue(Math.max(0, end - spawnedAt[i] - sleepNanos[i]));
        }
        figures(ended - start, spawned - start);
        fetches = null; // the tasks go now, not at the next iteration's set-up
    }

    private void figures(long wall, long spawn) {
        figure("crawl.wall", wall / 1e6);
        figure("spawn.time", spawn / 1e6);
        figure("longest.task", longest / 1e6);
        figure("wall.vs.longest", (double) wall / longest);
        figure("overhead.per.task", Math.max(0, wall - longest) / 1e3 / tasks);
    }
}
