package org.loopbench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.harness.load.ErrorKind;
import org.loopbench.harness.load.LoadSnapshot;

/** Values written by the harness come back unchanged through HdrHistogram's own readers and formats. */
class HistogramRoundTripTest {

    private static Histogram sample(long seed, int n) {
        Histogram h = new Histogram(3);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            h.recordValue(1_000 + r.nextLong(50_000_000)); // 1 us .. 50 ms, in nanoseconds
        }
        return h;
    }

    @Test
    void intervalLogReadsBackEveryIntervalWithItsTag(@TempDir Path dir) throws Exception {
        Histogram warm = sample(1, 1_000);
        warm.setStartTimeStamp(1_000_000);
        warm.setEndTimeStamp(1_001_000);
        warm.setTag("warmup");
        Histogram measured = sample(2, 5_000);
        measured.setStartTimeStamp(1_001_000);
        measured.setEndTimeStamp(1_003_000);
        Path file = dir.resolve("run.hlog");
        try (HistogramFiles.IntervalLog log = new HistogramFiles.IntervalLog(file, 1_000_000, "test")) {
            log.append(warm);
            log.append(measured);
        }
        HistogramLogReader reader = new HistogramLogReader(file.toString());
        EncodableHistogram first = reader.nextIntervalHistogram();
        EncodableHistogram second = reader.nextIntervalHistogram();
        assertEquals(null, reader.nextIntervalHistogram());
        assertEquals("warmup", first.getTag());
        assertEquals(null, second.getTag());
        assertEquals(warm, first);
        assertEquals(measured, second);
        assertEquals(2.0, ((Histogram) second).getEndTimeStamp() / 1000.0 - ((Histogram) second).getStartTimeStamp() / 1000.0, 0.001);
    }

    @Test
    void percentileFileIsInMicrosecondsAndMatchesTheHistogram(@TempDir Path dir) throws Exception {
        Histogram h = sample(3, 10_000);
        Path file = dir.resolve("run.hgrm");
        HistogramFiles.writePercentiles(h, file);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).trim().startsWith("Value"), lines.get(0));
        String footer = lines.stream().filter(l -> l.startsWith("#[Max")).findFirst().orElseThrow();
        // "#[Max =    49987.583, Total count =        10000]"
        double max = Double.parseDouble(footer.replaceAll(".*Max\\s*=\\s*([0-9.]+),.*", "$1"));
        long count = Long.parseLong(footer.replaceAll(".*Total count\\s*=\\s*([0-9]+)].*", "$1"));
        assertEquals(h.getMaxValue() / 1000.0, max, 0.001);
        assertEquals(h.getTotalCount(), count);
        // the line for the 0.5 percentile level carries the histogram's median, in microseconds (3 digits)
        String p50 = lines.stream().filter(l -> l.trim().split("\\s+").length == 4 && l.contains(" 0.500000000000 "))
                .findFirst().orElseThrow();
        double median = h.getValueAtPercentile(50) / 1000.0;
        assertEquals(median, Double.parseDouble(p50.trim().split("\\s+")[0]), median * 0.002);
        // the exact percentiles the benchmarks publish, in their own footer line
        String exact = lines.stream().filter(l -> l.startsWith("#[Percentiles (us):")).findFirst().orElseThrow();
        for (String[] p : new String[][] {{"p50", "50"}, {"p90", "90"}, {"p99", "99"}, {"p99.9", "99.9"}, {"p99.99", "99.99"}}) {
            String v = exact.replaceAll(".*[ :]" + java.util.regex.Pattern.quote(p[0]) + " = ([0-9.]+)[,\\]].*", "$1");
            assertEquals(h.getValueAtPercentile(Double.parseDouble(p[1])) / 1000.0, Double.parseDouble(v), 0.0, exact);
        }
    }

    @Test
    void snapshotSurvivesTheGeneratorControlChannel() {
        Histogram h = sample(4, 2_000);
        h.setStartTimeStamp(5_000);
        h.setEndTimeStamp(6_000);
        Map<ErrorKind, Long> errors = new java.util.EnumMap<>(ErrorKind.class);
        Map<ErrorKind, Long> totals = new java.util.EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            errors.put(k, (long) k.ordinal());
            totals.put(k, 10L + k.ordinal());
        }
        Histogram lag = sample(5, 300);
        LoadSnapshot s = new LoadSnapshot(5_000, 6_000, 1_000_000_000L, h, 2_000, 9_000, errors, totals, 7, 123, 45, 1,
                lag, 3, 11, 17, 29, 2_000, 123.5, 512);
        LoadSnapshot back = LoadSnapshot.decode(s.encode());
        assertEquals(s.latency(), back.latency());
        assertEquals(s.sendLag(), back.sendLag());
        assertEquals(s.latency().getStartTimeStamp(), back.latency().getStartTimeStamp());
        assertEquals(s.errors(), back.errors());
        assertEquals(s.errorsTotal(), back.errorsTotal());
        assertEquals(List.of(s.completed(), s.completedTotal(), (long) s.openConnections(), s.processCpuNanos(),
                        s.ioCpuNanos(), s.unanswered(), s.unansweredTotal(), s.lostSends(), s.lostSendsTotal(),
                        (long) s.targetRate()),
                List.of(back.completed(), back.completedTotal(), (long) back.openConnections(), back.processCpuNanos(),
                        back.ioCpuNanos(), back.unanswered(), back.unansweredTotal(), back.lostSends(),
                        back.lostSendsTotal(), (long) back.targetRate()));
        assertEquals(2_000.0, back.achievedRate(), 1e-9);
        assertEquals(123.5, back.rssMiB(), 1e-9); // carried as whole KiB: 126,464 KiB
        assertEquals(512, back.openFiles());
    }
}
