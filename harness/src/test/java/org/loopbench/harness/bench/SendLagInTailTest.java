package org.loopbench.harness.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.loopbench.harness.load.ErrorKind;
import org.loopbench.harness.load.LoadSnapshot;

/** An iteration is flagged when the generator's own lateness alone reaches its latency tail. */
class SendLagInTailTest {

    private static LoadSnapshot snapshot(Histogram latency, Histogram lag) {
        Map<ErrorKind, Long> none = new EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            none.put(k, 0L);
        }
        return new LoadSnapshot(0, 1_000, 1_000_000_000L, latency, latency.getTotalCount(), latency.getTotalCount(),
                none, none, 10, 0, 0, 1, lag, 0, 0, 0, 0, 1_000, -1, -1);
    }

    /** 10,000 messages: 99% at 100 us, the slowest 1% at 5 ms: p99 is 100 us, the tail above it 5 ms. */
    private static Histogram latency() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(100_000, 9_900);
        h.recordValueWithCount(5_000_000, 100);
        return h;
    }

    @Test
    void lagOfATenthOfTheTailIsFlagged() {
        Histogram lag = new Histogram(3);
        lag.recordValueWithCount(1_000, 9_985);
        lag.recordValueWithCount(200_000, 15); // 0.15% of sends left later than the latency p99
        assertTrue(EchoBenchmark.sendLagReachesTail(snapshot(latency(), lag)));
    }

    @Test
    void smallOrRareLagIsNot() {
        Histogram small = new Histogram(3);
        small.recordValueWithCount(20_000, 10_000); // every send 20 us late: below the 100 us p99
        assertFalse(EchoBenchmark.sendLagReachesTail(snapshot(latency(), small)));
        Histogram rare = new Histogram(3);
        rare.recordValueWithCount(1_000, 9_995);
        rare.recordValueWithCount(10_000_000, 5); // 0.05%: one twentieth of the tail
        assertFalse(EchoBenchmark.sendLagReachesTail(snapshot(latency(), rare)));
        assertFalse(EchoBenchmark.sendLagReachesTail(snapshot(latency(), new Histogram(3))), "no sends, no flag");
    }
}
