package org.loopbench.harness.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.harness.results.ProcessStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * ping-pong: P pairs of tasks, each pair handing a token back and forth {@code rounds} times through two
 * channels of capacity 1: the context switch of each model, paid twice per round.
 *
 * <p><b>What is measured</b>: the wall time of one run, in ms. Secondary: {@code handoff.cpu}, the
 * process's CPU time per hand-off in nanoseconds (the cost of one hand-off, whichever core paid it);
 * {@code handoff.time}, wall time per hand-off of one pair (its latency when P pairs share the cores);
 * {@code handoffs.rate}, hand-offs per second, all pairs together. The histogram {@code pair.time.*} is
 * each pair's time from spawn to its last hand-off.
 *
 * <p><b>Deliberately ignored</b>: where a runtime places the two tasks and their channels (same loop or
 * core, or not): that placement is part of each model's price and is recorded in its description.
 */
public class PingPongBenchmark extends CoordinationBenchmark {

    /** P, 1..10,000. */
    @Param({"1"})
    public int pairs;

    /** Round trips per pair, 1..10,000,000 (two hand-offs each). */
    @Param({"10000"})
    public int rounds;

    @Override
    protected String describe() {
        return pairs + " pairs x " + rounds + " round trips through capacity-1 channels";
    }

    @Override
    protected Map<String, Object> workload() {
        if (pairs < 1 || pairs > 10_000 || rounds < 1 || rounds > 10_000_000) {
            throw new IllegalArgumentException("pairs = " + pairs + ", rounds = " + rounds
                    + ": need 1 <= pairs <= 10000 and 1 <= rounds <= 10000000");
        }
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

    @Benchmark
    public long pingPong() throws Exception {
        try {
            long cpu0 = ProcessStats.cpuNanos();
            long start = System.nanoTime();
            List<Task<Long>> sides = new ArrayList<>(2 * pairs);
            long[] spawnedAt = new long[pairs];
            for (int p = 0; p < pairs; p++) {
                Channel<Long> ping = co.channel(1);
                Channel<Long> pong = co.channel(1);
                spawnedAt[p] = System.nanoTime();
                sides.add(co.spawn(new Work.Relay(pong, ping, rounds, true)));
                sides.add(co.spawn(new Work.Relay(ping, pong, rounds, false)));
            }
            Outcome<List<Long>> all = await(co.gather(sides));
            long wall = System.nanoTime() - start;
            long cpu = ProcessStats.cpuNanos() - cpu0;
            if (!all.succeeded()) {
                throw new IllegalStateException("ping-pong failed: " + all);
            }
            for (int p = 0; p < pairs; p++) {
                long ended = Math.max(sides.get(2 * p).await(java.time.Duration.ZERO).endedAtNanos(),
                        sides.get(2 * p + 1).await(java.time.Duration.ZERO).endedAtNanos());
                recorder.recordValue(Math.max(0, ended - spawnedAt[p]));
            }
            double handoffs = 2.0 * pairs * rounds;
            figure("run.time", wall / 1e6);
            figure("handoff.cpu", cpu / handoffs);
            figure("handoff.time", wall / (2.0 * rounds));
            figure("handoffs.rate", handoffs / (wall / 1e9));
            return all.value().size();
        } catch (Exception | Error e) {
            failed(e);
            throw e;
        }
    }
}
