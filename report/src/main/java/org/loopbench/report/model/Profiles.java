package org.loopbench.report.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.loopbench.results.NewerFormatException;
import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.ResultFormatException;
import org.loopbench.results.RunLayout;
import org.loopbench.results.WorkloadDefinition;

/**
 * The run's profiled trials ({@code loopbench run --profile-cpu --profile-alloc}), read through loop-results'
 * {@link ProfilingRecord}, which owns {@value ProfilingRecord#FILE} and its format, and joined into rows: one per
 * runtime, benchmark and load point, its CPU-profiled and its allocation-profiled trial side by side. Nothing
 * here is a measured figure: a profiled trial ran with the profilers' cost, so the report shows it beside the
 * rankings and never in them. Immutable.
 */
public final class Profiles {

    /** The trial kinds as the record names them: sampled CPU, sampled allocation. */
    public static final String CPU = ProfilingRecord.CPU;
    public static final String ALLOC = ProfilingRecord.ALLOC;

    private static final Profiles NONE = new Profiles(Optional.empty());

    private final Optional<ProfilingRecord> record;

    private Profiles(Optional<ProfilingRecord> record) {
        this.record = record;
    }

    public static Profiles none() {
        return NONE;
    }

    /** Profiles of a record in hand. */
    public static Profiles of(ProfilingRecord record) {
        return new Profiles(Optional.of(record));
    }

    /**
     * The run's profiles; {@link #none()} for a run that was not profiled. A record that is there but cannot be
     * trusted (cut short, not a profiling record, a newer format) gives none and an entry in {@code damage},
     * so no profile of it is shown as the run's; one that cannot be read at all, none and a problem.
     */
    static Profiles read(RunLayout layout, List<String> problems, List<Damage> damage) {
        try {
            return ProfilingRecord.read(layout).map(Profiles::of).orElse(NONE);
        } catch (ResultFormatException e) {
            damage.add(new Damage(ProfilingRecord.FILE, e.what(), "no profiles in this report",
                    e instanceof NewerFormatException));
        } catch (IOException e) {
            problems.add(ProfilingRecord.FILE + " cannot be used: " + e.getMessage() + "; no profiles in this report");
        }
        return NONE;
    }

    /** The record; empty when the run was not profiled (or its record is damaged). */
    public Optional<ProfilingRecord> record() {
        return record;
    }

    /**
     * The rows of the trials of {@code workloads}: by workload in the catalog's order, then load point (as the
     * rankings order them), then runtime in the run's order. A trial that failed before reaching any load point
     * (no parameters) fills its kind's place in every row of its runtime and benchmark, or has a row of its own
     * when there is none. Trials of other kinds than {@value #CPU} and {@value #ALLOC} are left out.
     */
    public List<ProfileRow> rows(Collection<WorkloadDefinition> workloads, RunDirectory run) {
        Map<List<Object>, ProfileRow> rows = new LinkedHashMap<>();
        List<ProfilingRecord.Trial> everywhere = new ArrayList<>();
        for (ProfilingRecord.Trial t : trials()) {
            Optional<WorkloadDefinition> w = Workloads.ofClass(t.benchmark());
            if (w.isEmpty() || !workloads.contains(w.get()) || !(CPU.equals(t.kind()) || ALLOC.equals(t.kind()))) {
                continue;
            }
            if (t.params().isEmpty() && !t.ok()) {
                everywhere.add(t);
                continue;
            }
            List<Object> key = List.of(runtime(t), w.get(), t.params());
            rows.put(key, rows.getOrDefault(key, ProfileRow.empty(runtime(t), w.get(), t.params(), run)).with(t));
        }
        for (ProfilingRecord.Trial t : everywhere) {
            WorkloadDefinition w = Workloads.ofClass(t.benchmark()).orElseThrow();
            boolean placed = false;
            for (Map.Entry<List<Object>, ProfileRow> e : rows.entrySet()) {
                ProfileRow r = e.getValue();
                if (r.runtime().equals(runtime(t)) && r.workload().equals(w) && r.trial(t.kind()).isEmpty()) {
                    e.setValue(r.with(t));
                    placed = true;
                }
            }
            if (!placed) {
                List<Object> key = List.of(runtime(t), w, Map.of());
                rows.put(key, rows.getOrDefault(key, ProfileRow.empty(runtime(t), w, Map.of(), run)).with(t));
            }
        }
        List<String> order = run.runtimeOrder();
        List<ProfileRow> out = new ArrayList<>(rows.values());
        out.sort(Comparator.comparingInt((ProfileRow r) -> Workloads.catalog().workloads().indexOf(r.workload()))
                .thenComparing((ProfileRow r) -> r.point().orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ProfileRow::loadLabel)
                .thenComparingInt(r -> order.contains(r.runtime()) ? order.indexOf(r.runtime()) : order.size())
                .thenComparing(ProfileRow::runtime));
        return out;
    }

    /** The benchmarks with profiled trials that no workload of the catalog knows, so no section shows them. */
    public List<String> unknownBenchmarks() {
        TreeSet<String> unknown = new TreeSet<>();
        trials().stream().filter(t -> Workloads.ofClass(t.benchmark()).isEmpty())
                .forEach(t -> unknown.add(String.valueOf(t.benchmark())));
        return List.copyOf(unknown);
    }

    /** The trial's runtime; "" when the record names none (a record is read as it is, and can lack anything). */
    private static String runtime(ProfilingRecord.Trial t) {
        return t.runtime() == null ? "" : t.runtime();
    }

    private List<ProfilingRecord.Trial> trials() {
        return record.map(ProfilingRecord::trials).orElse(List.of());
    }
}
