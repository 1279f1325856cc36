package org.loopbench.harness.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loopbench.api.tasks.Channel;
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
 * ping-pong: P pairs of tasks, each pair handing a token back and forth {@code rounds} times through two
 * channels of capacity 1: the context switch of each model, paid twice per round.
 *
 * <p><b>What is measured</b>: the wall time of one run, spawning included, in ms (JMH's score, and
 * {@code run.time}). Secondary: {@code handoff.cpu}, the process's CPU time per hand-off in nanoseconds
 * (the cost of one hand-off, whichever core paid it; the figure the report ranks, which JMH's score, a
 * wall time, cannot be), on the {@link org.loopbench.harness.results.CpuClock} whose resolution per
 * hand-off is {@code handoff.cpu.resolution}; {@code handoff.time}, a pair's own time per hand-off,
 * averaged over the pairs (its latency when P pairs share the cores); {@code handoffs.rate}, hand-offs per
 * second, all pairs together, over the whole run. The histogram {@code pair.time.*} is each pair's own
 * time, from its start after the spawn barrier (see {@link #pingPong()}) to its last hand-off.
 *
 * <p><b>Deliberately ignored</b>: where a runtime places the two tasks and their channels (same loop or
 * core, or not): that placement is part of each model's price and is recorded in its description.
 */
public class PingPongBenchmark extends CoordinationBenchmark {

    /** P, 1..10,000 ({@link ParameterRanges#pairs}). */
    @Param({"1"})
    public int pairs;

    /** Round trips per pair, 1..10,000,000 (two hand-offs each; {@link ParameterRanges#rounds}). */
    @Param({"10000"})
    public int rounds;

    @Override
    protected String describe() {
        return pairs + " pairs x " + rounds + " round trips through capacity-1 channels";
    }

    @Override
    protected Map<String, Object> workload() {
        ParameterRanges.pairs(pairs);
        ParameterRanges.rounds(rounds);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("pairs", pairs);
        w.put("rounds", rounds);
        w.put("handoffs", 2L * pairs * rounds);
        return w;
    }

    @Override
    protected String histogramName() {
        return "pair.time";
    }

    /** The run's raw times, kept by {@link #pingPong()} for {@link #account()}. */
    private List<Channel<Long>> pings;
    private List<Channel<Long>> pongs;
    private List<Task<Long>> sides;   // serving side of pair p at 2p, answering side at 2p + 1
    private long[] startedAt;         // pair p's clock starts when spawning its serving side returned
    private long wall;
    private long cpuAtBarrier;
    private long cpuAtEnd;
    /** The run as a reference runtime did it whole (see {@link CoordinationBenchmark}), else null. */
    private WholeWorkloads.PingPongRun wholeRun;

    @Setup(Level.Iteration)
    public void preparePingPong() {
        pings = new ArrayList<>(pairs);
        pongs = new ArrayList<>(pairs);
        sides = new ArrayList<>(2 * pairs);
        startedAt = new long[pairs];
    }

    /**
     * Two phases. The spawn barrier: every pair's answering side is spawned and waits on its empty
     * channel; nothing hands off yet. Then the serving sides are spawned, pair after pair, each starting
     * its pair at once. A pair's own time runs from its serving side's spawn to its last hand-off, so it
     * holds neither the answering sides' spawning nor the other pairs'; the CPU is read at the barrier and
     * after the last pair, so it holds the hand-offs and one spawn per pair (the serving side's).
     * JMH's score is the whole method (run.time).
     */
    @Benchmark
    public long pingPong() throws Exception {
        try {
            if (whole != null) {
                wholeRun = whole.pingPong(pairs, rounds, RUN_TIMEOUT); // the child checks every side's count
                ran();
                return 2L * wholeRun.pairTimeNanos().length;
            }
            long start = System.nanoTime();
            List<Task<Long>> answering = new ArrayList<>(pairs);
            for (int p = 0; p < pairs; p++) {
                Channel<Long> ping = co.channel(1);
                Channel<Long> pong = co.channel(1);
                pings.add(ping);
                pongs.add(pong);
                answering.add(co.spawn(new Work.Relay(ping, pong, rounds, false)));
            }
            cpuAtBarrier = CPU.nanos();
            for (int p = 0; p < pairs; p++) {
                sides.add(co.spawn(new Work.Relay(pongs.get(p), pings.get(p), rounds, true)));
                startedAt[p] = System.nanoTime();
                sides.add(answering.get(p));
            }
            Outcome<List<Long>> all = await(co.gather(sides));
            cpuAtEnd = CPU.nanos();
            wall = System.nanoTime() - start;
            if (!all.succeeded()) {
                throw new IllegalStateException("ping-pong failed: " + all);
            }
            ran();
            return all.value().size();
        } catch (Exception | Error e) {
            failed(e);
            throw e;
        }
    }

    @Override
    protected void account() throws Exception {
        if (wholeRun != null) {
            double sum = 0;
            for (long pairTime : wholeRun.pairTimeNanos()) {
                recorder.recordValue(Math.max(0, pairTime));
                sum += pairTime;
            }
            // the child's own process CPU clock (CLOCK_PROCESS_CPUTIME_ID: nanoseconds)
            figures(wholeRun.runNanos(), wholeRun.handoffCpuNanos(), 1, sum);
            wholeRun = null;
            return;
        }
        double pairTimes = 0;
        for (int p = 0; p < pairs; p++) {
            long ended = Math.max(sides.get(2 * p).await(Duration.ZERO).endedAtNanos(),
                    sides.get(2 * p + 1).await(Duration.ZERO).endedAtNanos());
            long pairTime = Math.max(0, ended - startedAt[p]);
            recorder.recordValue(pairTime);
            pairTimes += pairTime;
        }
        figures(wall, cpuAtEnd - cpuAtBarrier, CPU.resolutionNanos(), pairTimes);
        pings = null; // the tasks and channels go now, not at the next iteration's set-up
        pongs = null;
        sides = null;
    }

    private void figures(long wall, long handoffCpu, double cpuResolution, double pairTimes) {
        double handoffs = 2.0 * pairs * rounds;
        figure("run.time", wall / 1e6);
        figure("handoff.cpu", handoffCpu / handoffs);
        figure("handoff.cpu.resolution", cpuResolution / handoffs);
        figure("handoff.time", pairTimes / pairs / (2.0 * rounds));
        figure("handoffs.rate", handoffs / (wall / 1e9));
    }
}
