package org.loopbench.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.RunFixture;
import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.MergedPercentiles;
import org.loopbench.report.model.Metric;
import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.PercentileSpectrum;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.RunResults;
import org.loopbench.report.model.Spread;
import org.loopbench.report.model.Trial;

/**
 * Ranked percentiles are those of one histogram of every measurement iteration and fork merged, never
 * the mean of per-iteration percentiles: checked on the committed reference run against each trial's own
 * {@code .hgrm}, and on small runs made here whose right answer is known.
 */
class RankedPercentilesAreMergedTest {

    /** The committed reference run (module directory is the working directory of the tests). */
    private static final Path REFERENCE = Path.of("..", "results", "reference");

    @TempDir
    Path dir;

    /**
     * For every trial of the reference run that ranks by a percentile (fixed-rate p99, deadline p99) and
     * ran one fork: the ranked figure is the p99 of that trial's merged measurement intervals, and that
     * histogram is the one its {@code .hgrm} prints: every printed row is reproduced to the printed
     * precision (0.001 µs), the count is the same, and the p99 lies between the rows around 99% (the
     * {@code .hgrm} has no row at exactly 99%). The sidecar's own p99 of the trial agrees too.
     */
    @Test
    void theReferenceRunRanksTheP99OfEachTrialsMergedHistogram() throws Exception {
        assertTrue(Files.isDirectory(REFERENCE), "the committed reference run is missing: " + REFERENCE.toAbsolutePath());
        RunDirectory run = RunDirectory.read(REFERENCE);
        List<WorkloadRanking> rankings = ReportBuilder.rankings(ReportBuilder.body(run));
        int checked = 0;
        for (LoadPoint p : run.loadPoints()) {
            Optional<WorkloadRanking> rule = rankings.stream().filter(r -> p.is(r.workload().id())).findFirst();
            if (rule.isEmpty() || !rule.get().workload().ranking().endsWith(".p99")) {
                continue;
            }
            String prefix = rule.get().workload().ranking().replaceAll("\\.p99$", "");
            for (Outcome o : run.outcomes(p)) {
                if (o.status() != Outcome.Status.MEASURED || o.finishedTrials().size() != 1) {
                    continue;
                }
                Trial t = o.finishedTrials().get(0);
                Path hlog = REFERENCE.resolve(t.stem() + ".hlog");
                Histogram merged = MergedPercentiles.measuredIntervals(hlog).orElseThrow();
                PercentileSpectrum hgrm = t.spectrum().orElseThrow(() -> new AssertionError(t.stem() + " has no .hgrm"));
                String where = t.stem();

                for (PercentileSpectrum.Point row : hgrm.points()) {
                    if (row.percentile() == 0) {
                        continue; // the minimum: printed as its bucket's highest equivalent value, not a percentile
                    }
                    assertEquals(row.valueMicros(), merged.getValueAtPercentile(100 * row.percentile()) / 1000.0, 0.0011,
                            where + ": the .hgrm row at " + row.percentile() + " is not the merged histogram's");
                }
                assertEquals(hgrm.count(), merged.getTotalCount(), where + ": count");

                double ranked = rule.get().figure(o).value();
                double p99 = merged.getValueAtPercentile(99) / 1000.0;
                assertEquals(p99, ranked, 0.0005, where + ": the ranked p99 is not the merged histogram's");
                assertEquals(t.number("result", prefix, "p99.us"), ranked, 0.0005, where + ": the sidecar's p99");
                double below = hgrm.points().stream().filter(r -> r.percentile() <= 0.99)
                        .mapToDouble(PercentileSpectrum.Point::valueMicros).max().orElseThrow();
                double above = hgrm.valueAt(0.99);
                assertTrue(below - 0.0005 <= ranked && ranked <= above + 0.0005,
                        where + ": p99 " + ranked + " is outside the .hgrm's rows " + below + " .. " + above);
                checked++;
            }
        }
        assertTrue(checked >= 4, "too few percentile-ranked single-fork trials in the reference run: " + checked);
    }

    /** Two forks, two measurement iterations each, one warm-up each: the p99 of all four, not their mean. */
    @Test
    void percentilesMergeEveryMeasurementIterationOfEveryForkAndLeaveWarmUpOut() throws Exception {
        List<List<Histogram>> forks = List.of(
                List.of(spread(1_000, 100, 1), spread(1_000, 100, 50)),      // fork 1: one tail-heavy iteration
                List.of(spread(1_000, 100, 1), spread(1_000, 100, 1)));
        Histogram warmup = spread(1_000_000, 100, 100);                   // 1 ms and beyond: must not count
        new RunFixture(dir).runtime("nio", warmup, forks, true);

        Histogram all = new Histogram(3);
        forks.forEach(f -> f.forEach(all::add));
        double expected = all.getValueAtPercentile(99) / 1000.0;
        double meanOfIterations = forks.stream().flatMap(List::stream)
                .mapToDouble(h -> h.getValueAtPercentile(99) / 1000.0).average().orElseThrow();
        assertNotEquals(expected, meanOfIterations, 0.5, "the fixture must tell the two apart");

        RunDirectory run = RunDirectory.read(dir);
        Outcome o = run.outcomes(run.loadPoints().get(0)).get(0);
        Spread p99 = o.spread("latency.p99");
        assertEquals(expected, p99.value(), 0.0005);
        assertEquals(Spread.Kind.RANGE, p99.kind(), "per-iteration values are the spread");
        double lowest = forks.stream().flatMap(List::stream).mapToDouble(h -> h.getValueAtPercentile(99) / 1000.0)
                .min().orElseThrow();
        double highest = forks.stream().flatMap(List::stream).mapToDouble(h -> h.getValueAtPercentile(99) / 1000.0)
                .max().orElseThrow();
        assertEquals(lowest, p99.low(), 0.0005);
        assertEquals(highest, p99.high(), 0.0005);
        assertEquals(all.getMaxValue() / 1000.0, o.value("latency.max"), 0.0005, "max: no warm-up value in it");
        assertTrue(o.metric("latency.p99").orElseThrow().merged());

        // compare reads the same figure from the run directory
        Metric compared = RunResults.load(dir).all().get(0).secondary().get("latency.p99");
        assertEquals(expected, compared.score(), 0.0005);
        assertEquals(List.of(List.of(raw(forks, 0, 0), raw(forks, 0, 1)), List.of(raw(forks, 1, 0), raw(forks, 1, 1))),
                compared.rawByFork(), "the per-iteration values stay as JMH recorded them");
    }

    /** Without interval logs: one fork uses its sidecar's merged summary; two forks keep JMH's mean, marked. */
    @Test
    void withoutIntervalLogsOneForkUsesItsSummaryAndSeveralKeepJmhsMeanMarkedAsSuch() throws Exception {
        Histogram a = spread(1_000, 100, 1);
        Histogram b = spread(1_000, 100, 50);
        new RunFixture(dir.resolve("one")).runtime("nio", a, List.of(List.of(a, b)), false);
        Histogram ab = new Histogram(3);
        ab.add(a);
        ab.add(b);
        Outcome one = only(dir.resolve("one"));
        assertEquals(ab.getValueAtPercentile(99) / 1000.0, one.value("latency.p99"), 0.0005);
        assertTrue(one.metric("latency.p99").orElseThrow().merged());

        new RunFixture(dir.resolve("two")).runtime("nio", a, List.of(List.of(a, b), List.of(a, a)), false);
        Outcome two = only(dir.resolve("two"));
        double mean = (a.getValueAtPercentile(99) + b.getValueAtPercentile(99) + 2 * a.getValueAtPercentile(99)) / 4000.0;
        assertEquals(mean, two.value("latency.p99"), 0.0005);
        assertFalse(two.metric("latency.p99").orElseThrow().merged());
        assertFalse(Cells.notMerged(two, "latency.p99").isEmpty(), "the report says it is a mean");
    }

    private static Outcome only(Path run) throws Exception {
        RunDirectory r = RunDirectory.read(run);
        return r.outcomes(r.loadPoints().get(0)).get(0);
    }

    private static double raw(List<List<Histogram>> forks, int fork, int iteration) {
        return forks.get(fork).get(iteration).getValueAtPercentile(99) / 1000.0;
    }

    /** {@code n} values from {@code base} ns upwards, every 100th one {@code tailFactor} times larger. */
    private static Histogram spread(long base, int n, int tailFactor) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long v = base + 10L * i;
            values.add(i % 20 == 19 ? v * tailFactor : v);
        }
        return RunFixture.histogram(values.stream().mapToLong(Long::longValue).toArray());
    }
}
