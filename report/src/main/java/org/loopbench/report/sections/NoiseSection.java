package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.loopbench.report.model.LoadPoint;
import org.loopbench.report.model.NoiseEstimate;
import org.loopbench.report.model.References;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.Samples;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.Code;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Paragraph;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.report.render.ReportDocument.Tone;

/**
 * "Noise and ties": the run's own noise of every ranked figure at every load point, and the tie threshold
 * the rankings use, with the formula ({@link NoiseEstimate}). A reader sees how the threshold was reached
 * and how much to trust it (how many samples, of which kind).
 */
final class NoiseSection implements Section {

    private final RunDirectory run;
    private final List<WorkloadRanking> rankings;
    private final References references;

    /** @param references reference runtimes kept apart are not part of the noise their rankings judge ties by */
    NoiseSection(RunDirectory run, List<WorkloadRanking> rankings, References references) {
        this.run = run;
        this.rankings = List.copyOf(rankings);
        this.references = references;
    }

    @Override
    public void addTo(ReportDocument doc) {
        List<List<Cell>> rows = new ArrayList<>();
        boolean anyIterations = false;
        for (LoadPoint p : run.loadPoints()) {
            Optional<WorkloadRanking> rule = rankings.stream().filter(r -> p.is(r.workload().id())).findFirst();
            if (rule.isEmpty()) {
                continue;
            }
            NoiseEstimate noise = rule.get().noise(p, run.outcomes(p), references);
            if (noise.perRuntime().isEmpty()) {
                continue;
            }
            anyIterations |= noise.known() && noise.kind() == Samples.Kind.ITERATIONS;
            int n = noise.typicalSamples();
            rows.add(List.of(Cell.text(rule.get().workload().title()), Cell.text(p.label()),
                    Cell.text(rule.get().figureName()),
                    Cell.text(noise.known() ? n + " " + (noise.kind() == Samples.Kind.FORKS ? "forks" : "iterations")
                            + " per runtime" : "fewer than 2 per runtime"),
                    Cell.number(noise.known() ? String.valueOf(noise.df()) : "–"),
                    Cell.number(noise.known() ? percent(noise.pooledSd()) : "unknown"),
                    Cell.number(noise.known() ? String.format(Locale.ROOT, "%.2f", NoiseEstimate.tQuantile975(noise.df()))
                            : "–"),
                    Cell.number(noise.known() ? percent(noise.threshold(n, n)) : "unknown: no tie test"),
                    Cell.text(perRuntime(noise))));
        }
        if (rows.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Noise and ties", "noise"));
        doc.add(new Paragraph("Whether two runtimes differ is decided by this run's own noise, load by load, not by a"
                + " figure quoted from another run. For each load, each ranked runtime's samples x of the ranked figure"
                + " (one per fork when it ran two forks or more, else one per measurement iteration) are taken in logs,"
                + " so the noise is relative; their variance is pooled over the runtimes at that load, which share the"
                + " machine, the generator and the load. Two runtimes A and B are a tie unless they differ by more than"
                + " a two-sided 95% test allows:"));
        doc.add(new Code("Tie threshold", String.join("\n",
                "s²  = Σ_runtimes Σ_i (ln x_i − mean_runtime(ln x))²  /  df,    df = Σ_runtimes (n_runtime − 1)",
                "tie ⇔ |ln(A / B)|  ≤  t(0.975, df) · s · √(1/n_A + 1/n_B)",
                "threshold (as a relative difference) = exp(t(0.975, df) · s · √(1/n_A + 1/n_B)) − 1")));
        List<String> caveats = new ArrayList<>();
        caveats.add("Why pooled: with two samples a runtime's own variance is a guess (one degree of freedom puts"
                + " t(0.975) at 12.7); pooling over the runtimes at one load gives the estimate the degrees of freedom"
                + " to mean something, assuming their relative noise is alike (Fisher's least significant difference,"
                + " on the log scale). One erratic runtime widens every threshold at its load: the error is towards"
                + " \"tie\", never towards a false lead.");
        if (anyIterations) {
            caveats.add("Where the samples are iterations of one fork, they share one JVM (its JIT, heap and"
                    + " placement): the threshold misses JVM-to-JVM and run-to-run noise and is a lower bound. More"
                    + " forks (JMH -f) make it honest.");
        }
        caveats.add("Percentile figures are ranked by the merged histogram's percentile; their noise is estimated"
                + " from the per-iteration (or per-fork) percentiles, which move at least as much.");
        doc.add(new Callout(Tone.INFO, "How far to trust it", caveats));
        doc.add(new Table("The run's noise and tie threshold, per load", List.of("Workload", "Load", "Ranked figure",
                "Samples", "df", "Pooled spread s (relative)", "t(0.975, df)", "Tie threshold", "Each runtime's own spread"),
                rows, notes()));
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>(List.of("Pooled spread: the standard deviation of ln(sample), read as a"
                + " relative spread (0.05 ≈ 5%). Tie threshold: for two runtimes with the typical number of samples"
                + " here; each ranking applies it to the actual counts of the two runtimes compared."));
        if (!run.references().isEmpty() && !references.ranked()) {
            notes.add("The reference runtimes (" + String.join(", ", run.references()) + ": " + References.LABEL
                    + ") are not pooled: they are not ranked with the JVM runtimes, so no tie is judged against them.");
        }
        return notes;
    }

    private static String perRuntime(NoiseEstimate noise) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, NoiseEstimate.Cell> e : noise.perRuntime().entrySet()) {
            NoiseEstimate.Cell c = e.getValue();
            parts.add(e.getKey() + " " + (Double.isFinite(c.sd()) ? "±" + percent(c.sd()) : "(1 sample)"));
        }
        return String.join(", ", parts);
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "n/a";
    }
}
