package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Merging generators' snapshots adds their histograms and counts; percentiles are of the sum, never averaged. */
class MergedSnapshotTest {

    private static Histogram histogram(long value, int count, long highestTrackable) {
        Histogram h = new Histogram(highestTrackable, 3); // decoded histograms track only up to their own highest
        h.recordValueWithCount(value, count);
        return h;
    }

    private static LoadSnapshot snapshot(long start, long end, long wall, Histogram latency, long completed, long errors,
                                         int open, double rss) {
        Map<ErrorKind, Long> e = new EnumMap<>(ErrorKind.class);
        e.put(ErrorKind.TIMEOUT, errors);
        return new LoadSnapshot(start, end, wall, latency, completed, completed * 3, e, e, open, 100, 50, 1,
                new Histogram(3), 1, 2, 3, 4, 1_000, rss, 10);
    }

    @Test
    void countsAddAndPercentilesComeFromTheAddedHistograms() {
        // generator 1: 900 fast messages; generator 2: 100 slow ones. Averaging p50s would say (100+10,000)/2.
        LoadSnapshot a = snapshot(1_000, 2_000, 1_000_000_000L, histogram(100_000, 900, 200_000), 900, 1, 50, 80);
        LoadSnapshot b = snapshot(1_005, 2_010, 1_005_000_000L, histogram(10_000_000, 100, 20_000_000), 100, 2, 49, 90);
        LoadSnapshot m = LoadSnapshot.merge(List.of(a, b));
        assertEquals(1_000, m.latency().getTotalCount());
        assertEquals(100_000, m.latency().getValueAtPercentile(50), 100);
        assertEquals(10_000_000, m.latency().getValueAtPercentile(99.9), 10_000);
        assertEquals(1_000, m.completed());
        assertEquals(3_000, m.completedTotal());
        assertEquals(3, m.errors().get(ErrorKind.TIMEOUT));
        assertEquals(99, m.openConnections());
        assertEquals(200, m.processCpuNanos());
        assertEquals(2, m.ioThreads());
        assertEquals(2, m.unanswered());
        assertEquals(2_000, m.targetRate());
        assertEquals(170, m.rssMiB(), 1e-9);
        assertEquals(1_000, m.startEpochMillis());
        assertEquals(2_010, m.endEpochMillis());
        assertEquals(1_005_000_000L, m.wallNanos(), "the longest interval: the cuts are asked of all at once");
        assertEquals(1_000 * 1e9 / 1_005_000_000L, m.achievedRate(), 1e-6);
    }

    @Test
    void anUnknownFigureInAnyPartIsUnknownInTheSum() {
        LoadSnapshot a = snapshot(0, 1, 1, histogram(1, 1, 10), 1, 0, 1, 80);
        LoadSnapshot b = snapshot(0, 1, 1, histogram(1, 1, 10), 1, 0, 1, -1);
        assertEquals(-1, LoadSnapshot.merge(List.of(a, b)).rssMiB());
    }

    @Test
    void oneSnapshotIsItself() {
        LoadSnapshot a = snapshot(0, 1, 1, histogram(1, 1, 10), 1, 0, 1, 80);
        assertEquals(a, LoadSnapshot.merge(List.of(a)));
    }
}
