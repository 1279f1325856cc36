package org.loopbench.report.sections;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.loopbench.report.model.ProfileRow;
import org.loopbench.report.model.Profiles;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.Numbers;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Cell;
import org.loopbench.report.render.ReportDocument.CellStyle;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Link;
import org.loopbench.report.render.ReportDocument.Table;
import org.loopbench.report.render.ReportDocument.Tone;
import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.ProfilingRecord.Trial;
import org.loopbench.results.WorkloadDefinition;

/**
 * The profiles of the workloads one section ranks, placed after its rankings: how to read them, then one table
 * a reader scans before opening a flame graph, a row per runtime, benchmark and load point (see
 * {@link ProfileRow}). Adds nothing when the run has no profiled trial of these workloads, so the report of a
 * run made without profiles is what it was.
 */
final class ProfilesPart {

    private final RunDirectory run;
    private final List<WorkloadDefinition> workloads;
    private final String title;
    private final String anchor;

    /**
     * @param workloads the catalog's workloads whose trials the table shows; a column names each row's
     *                  workload when there are several
     * @param title     what they are in words, for the heading: "the closed-loop echo"
     * @param anchor    the section's anchor; the part's is it with "-profiles"
     */
    ProfilesPart(RunDirectory run, List<WorkloadDefinition> workloads, String title, String anchor) {
        this.run = run;
        this.workloads = List.copyOf(workloads);
        this.title = title;
        this.anchor = anchor;
    }

    void addTo(ReportDocument doc) {
        Optional<ProfilingRecord> record = run.profiles().record();
        List<ProfileRow> rows = run.profiles().rows(workloads, run);
        if (record.isEmpty() || rows.isEmpty()) {
            return;
        }
        boolean cpu = shown(record.get(), rows, Profiles.CPU);
        boolean alloc = shown(record.get(), rows, Profiles.ALLOC);
        List<Column> columns = columns(cpu, alloc);
        doc.add(new Heading(3, "Profiles: " + title, anchor + "-profiles"));
        doc.add(new Callout(Tone.INFO, "How to read the profiles", howToRead(record.get(), cpu)));
        List<List<Cell>> cells = new ArrayList<>();
        for (ProfileRow r : rows) {
            cells.add(columns.stream().map(c -> c.cell().apply(r)).toList());
        }
        doc.add(new Table("Profiled trials, " + title + ": flame graphs, allocation, GC and top frames (never ranked)",
                columns.stream().map(Column::header).toList(), cells, List.of("\"not run\": that profile was asked for"
                        + " but this load has no such trial; \"failed\": the profiled trial did not finish (its flame"
                        + " graph's cell says why); \"not recorded\": it finished without that figure.")));
    }

    /**
     * The overview's line on the run's profiles: the kinds made (CPU with its event) and where they are shown,
     * or why none could be made; profiled trials of a benchmark no section shows are named. Empty for a run
     * that was not profiled.
     */
    static Optional<String> summary(RunDirectory run) {
        Optional<ProfilingRecord> record = run.profiles().record();
        if (record.isEmpty()) {
            return Optional.empty();
        }
        ProfilingRecord r = record.get();
        List<String> kinds = r.kinds().stream().map(k -> Profiles.CPU.equals(k) && r.cpuEvent() != null
                ? k + " (sampled with " + r.cpuEvent() + ")" : k).toList();
        String line = r.failure() != null
                ? "Profiles: asked for (" + String.join(", ", kinds) + ") but none could be made: " + r.failure() + "."
                : "Profiles: " + (kinds.isEmpty() ? "none asked for" : String.join(", ", kinds)) + "; each profiled"
                        + " workload shows them after its rankings, never ranked.";
        List<String> unknown = run.profiles().unknownBenchmarks();
        return Optional.of(line + (unknown.isEmpty() ? "" : " Not shown: the profiled trials of "
                + String.join(", ", unknown) + ", a benchmark this report has no section for."));
    }

    /** A kind's columns are there when the run asked for that kind or has a trial of it. */
    private static boolean shown(ProfilingRecord record, List<ProfileRow> rows, String kind) {
        return record.kinds().contains(kind) || rows.stream().anyMatch(r -> r.trial(kind).isPresent());
    }

    /** A column: its header, with the unit, and how a row fills it. */
    private record Column(String header, Function<ProfileRow, Cell> cell) {
    }

    private List<Column> columns(boolean cpu, boolean alloc) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("Runtime", r -> Cell.text(r.runtime())));
        if (workloads.size() > 1) {
            columns.add(new Column("Workload", r -> Cell.text(r.workload().id())));
        }
        columns.add(new Column("Load", r -> Cell.text(r.loadLabel())));
        if (cpu) {
            columns.add(new Column("CPU flame graph", r -> flameGraphs(r.cpu())));
        }
        if (alloc) {
            columns.add(new Column("Allocation flame graph", r -> flameGraphs(r.alloc())));
        }
        columns.add(new Column("Allocated per unit of work (B/unit)", r -> shared(r, cpu, ProfilesPart::allocated,
                t -> allocated(t).map(b -> Numbers.value(b) + " B/" + unit(t)).orElse(""))));
        if (cpu) {
            columns.add(new Column("Harness's own CPU (% of CPU samples)", r -> ofTrial(r.cpu(), ProfilesPart::harness)));
        }
        if (alloc) {
            columns.add(new Column("Harness's own allocation (% of bytes allocated)", r -> ofTrial(r.alloc(),
                    ProfilesPart::harness)));
        }
        columns.add(new Column("GC (collections/s)", r -> shared(r, cpu, Trial::gcPerSecond,
                t -> Numbers.value(t.gcPerSecond().orElseThrow()))));
        columns.add(new Column("GC time (ms/s)", r -> shared(r, cpu, Trial::gcMsPerSecond,
                t -> Numbers.value(t.gcMsPerSecond().orElseThrow()))));
        if (cpu) {
            columns.add(new Column("Top self-time frames (% of CPU samples)", r -> ofTrial(r.cpu(), ProfilesPart::frames)));
        }
        if (alloc) {
            columns.add(new Column("Top allocation sites (% of bytes allocated)", r -> ofTrial(r.alloc(),
                    ProfilesPart::frames)));
        }
        return columns;
    }

    /** The lines above the table: how the trials ran, what their figures include, where the graphs are. */
    private static List<String> howToRead(ProfilingRecord record, boolean cpu) {
        List<String> lines = new ArrayList<>();
        lines.add("Profiled trials ran after the measured ones, each in its own fork, with async-profiler"
                + (record.asyncProfiler() == null ? "" : " " + record.asyncProfiler())
                + (cpu && record.cpuEvent() != null ? " (CPU sampled with the " + record.cpuEvent() + " event"
                + (record.cpuEventReason() == null ? "" : ": " + record.cpuEventReason()) + ")" : "")
                + " and JMH's GC profiler. Their figures include the profilers' own cost: never ranked, compare them"
                + " within this table only.");
        lines.add("Allocation: JMH's bytes per operation (gc.alloc.rate.norm) divided into the unit of work named. Like"
                + " GC (collections, and their time, per second of the measured iterations) it is the CPU-profiled"
                + " trial's, for the allocation profiler adds work; \"(alloc trial)\" marks one taken from the"
                + " allocation-profiled trial. It includes the fork's own work (JMH, the harness reading the load"
                + " generator's progress, recording): the harness columns say how much of the CPU samples and of the bytes"
                + " allocated is that work, by the innermost loopbench frame of each stack.");
        lines.add("The flame graphs are async-profiler's own pages under " + ProfilingRecord.DIR + "/ in the run"
                + " directory: they open offline in any browser, from the report written there (\"reversed\": hottest"
                + " frames at the root). Top frames are shown without their packages; the graphs have the full names.");
        if (record.leftOut() != null && !record.leftOut().isBlank()) {
            lines.add("Not profiled: " + record.leftOut() + ".");
        }
        if (record.failure() != null) {
            lines.add("Profiling failed: " + record.failure());
        }
        return lines;
    }

    /** The trial's flame graph and its reversed form as links; why not, when there are none. */
    private static Cell flameGraphs(Optional<Trial> trial) {
        if (trial.isPresent() && !trial.get().ok()) {
            return new Cell(failed(trial.get()), CellStyle.FAILED);
        }
        return ofTrial(trial, t -> {
            List<Link> links = new ArrayList<>();
            if (t.flameGraph() != null) {
                links.add(new Link("flame graph", t.flameGraph()));
            }
            if (t.reverseFlameGraph() != null) {
                links.add(new Link("reversed", t.reverseFlameGraph()));
            }
            return links.isEmpty() ? Cell.text(t.failure() != null ? t.failure() : "no flame graph written")
                    : Cell.links(links);
        });
    }

    /** "failed (exit 1): see launcher.log": the trial's status and where to read more. */
    private static String failed(Trial t) {
        String status = t.status() == null || t.status().isBlank() ? "failed" : t.status();
        return (status.startsWith("failed") ? status : "failed: " + status) + (t.failure() == null ? "" : ": " + t.failure());
    }

    /** A cell of one trial: "not run" without it, "failed" when it did not finish, else {@code ok}'s. */
    private static Cell ofTrial(Optional<Trial> trial, Function<Trial, Cell> ok) {
        if (trial.isEmpty()) {
            return new Cell("not run", CellStyle.UNAVAILABLE);
        }
        return trial.get().ok() ? ok.apply(trial.get()) : new Cell("failed", CellStyle.FAILED);
    }

    /**
     * A figure both kinds record, from the trial {@link ProfileRow#source} picks; marked when it is the
     * allocation-profiled trial's while a CPU-profiled one was asked for.
     */
    private static Cell shared(ProfileRow r, boolean cpu, Function<Trial, Optional<?>> figure,
                               Function<Trial, String> format) {
        Optional<Trial> source = r.source(figure);
        if (source.isEmpty()) {
            boolean anyOk = r.cpu().filter(Trial::ok).isPresent() || r.alloc().filter(Trial::ok).isPresent();
            return anyOk ? Cell.text("not recorded") : new Cell("failed", CellStyle.FAILED);
        }
        boolean fromAlloc = cpu && Profiles.ALLOC.equals(source.get().kind());
        return Cell.number(format.apply(source.get()) + (fromAlloc ? " (alloc trial)" : ""));
    }

    /** Bytes per unit of work, else per JMH operation; empty when the trial has neither. */
    private static Optional<Double> allocated(Trial t) {
        return Optional.ofNullable(t.allocBytesPerUnit()).filter(b -> t.unit() != null)
                .or(() -> Optional.ofNullable(t.allocBytesPerOperation()));
    }

    private static String unit(Trial t) {
        return t.allocBytesPerUnit() != null && t.unit() != null ? t.unit() : "JMH operation";
    }

    /** The share of the trial's profile that is the fork's own harness work, not the runtime's. */
    private static Cell harness(Trial t) {
        return Cell.number(t.harnessShare() == null ? "not recorded" : Cells.percent(t.harnessShare()));
    }

    /** "EPoll.wait 23% · IOUtil.write 12%"; "no samples" for a profile without any. */
    private static Cell frames(Trial t) {
        List<String> parts = new ArrayList<>();
        for (ProfilingRecord.Frame f : t.topSelf()) {
            parts.add(FrameName.shorten(f.frame()) + " " + Cells.percent(f.share()));
        }
        return Cell.text(parts.isEmpty() ? "no samples" : String.join(" · ", parts));
    }
}
