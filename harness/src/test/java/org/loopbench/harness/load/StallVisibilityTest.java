package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The reason the fixed-rate mode exists: a 200 ms server stall must land in the latency tail under
 * open-loop load, and (documented, and proven here) it does not under closed-loop load, where each of
 * the few connections simply waits once and the thousands of fast messages around it bury the stall.
 *
 * <p>Thresholds are about counts, not speed: a slow machine only makes latencies larger, which cannot
 * turn the fixed-rate assertions false; the closed-loop assertion tolerates any latency below 100 ms at
 * the 99th percentile, which a 4-connection loopback echo exceeds only on a machine frozen for seconds.
 */
class StallVisibilityTest {

    private static final long STALL_MILLIS = 200;
    private static final long HALF_STALL_NANOS = STALL_MILLIS * 1_000_000L / 2;

    @Test
    void fixedRatePutsTheStallIntoTheTail() throws Exception {
        Histogram h = runWithStall(LoadMode.FIXED_RATE, 1_000);
        // 1,000 msgs/s for 200 ms: ~200 messages were due during the stall, about half of them waited >= 100 ms
        long slow = h.getTotalCount() - h.getCountBetweenValues(0, HALF_STALL_NANOS);
        assertTrue(slow >= 50, "messages delayed >= 100 ms by the stall: " + slow + " of " + h.getTotalCount());
        assertTrue(h.getValueAtPercentile(99) >= HALF_STALL_NANOS,
                "p99 must show the stall: " + h.getValueAtPercentile(99) / 1e6 + " ms");
        assertTrue(h.getMaxValue() >= STALL_MILLIS * 1_000_000L * 9 / 10, "max " + h.getMaxValue() / 1e6 + " ms");
    }

    @Test
    void closedLoopHidesTheStall() throws Exception {
        Histogram h = runWithStall(LoadMode.SATURATION, 0);
        // each of the 4 connections had one message in flight: at most 4 samples saw the stall
        long slow = h.getTotalCount() - h.getCountBetweenValues(0, HALF_STALL_NANOS);
        assertTrue(slow <= 4, "closed loop: only the messages in flight see the stall, got " + slow);
        assertTrue(h.getMaxValue() >= HALF_STALL_NANOS, "the stall itself is seen, in the max: " + h.getMaxValue() / 1e6);
        assertTrue(h.getValueAtPercentile(99) < HALF_STALL_NANOS,
                "closed-loop p99 does not show the stall: " + h.getValueAtPercentile(99) / 1e6 + " ms");
    }

    private static Histogram runWithStall(LoadMode mode, int rate) throws Exception {
        try (SyntheticEchoServer server = new SyntheticEchoServer()) {
            LoadSpec spec = new LoadSpec(server.address(), 4, 64, mode, rate, 1, 0, Duration.ofSeconds(10));
            try (LoadGenerator g = LoadGenerator.connect(spec, Duration.ofSeconds(10))) {
                g.start();
                Thread.sleep(500);
                server.stall(STALL_MILLIS);
                Thread.sleep(STALL_MILLIS + 800);
                LoadSnapshot s = g.snapshot();
                assertEquals(0, s.errorCountTotal(), "errors: " + s.errorsTotal());
                assertTrue(s.completed() > 400, "too few messages to say anything: " + s.completed());
                return s.latency();
            }
        }
    }
}
