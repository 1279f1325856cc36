package org.loopbench.report.model;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.loopbench.results.ProfilingRecord;
import org.loopbench.results.WorkloadDefinition;

/**
 * One runtime at one load point of one benchmark, as profiled: its CPU-profiled and its allocation-profiled
 * trial (either may be missing, or failed). Which trial a shared figure comes from is decided here, once.
 *
 * @param runtime  as the record names it
 * @param workload the catalog's workload of the profiled benchmark
 * @param params   the load point's parameters, runtime aside; empty for a trial that failed before any
 * @param point    the run's measured load point with these parameters, whose label the rankings use; empty when
 *                 the run measured none (or the trial failed before reaching one)
 * @param cpu      the {@value Profiles#CPU} trial
 * @param alloc    the {@value Profiles#ALLOC} trial
 */
public record ProfileRow(String runtime, WorkloadDefinition workload, Map<String, String> params,
                         Optional<LoadPoint> point, Optional<ProfilingRecord.Trial> cpu,
                         Optional<ProfilingRecord.Trial> alloc) {

    public ProfileRow {
        params = Map.copyOf(params);
    }

    /** A row without trials yet, at the run's load point with {@code params} when there is one. */
    static ProfileRow empty(String runtime, WorkloadDefinition workload, Map<String, String> params, RunDirectory run) {
        Optional<LoadPoint> point = params.isEmpty() ? Optional.empty() : run.loadPoints(workload.id()).stream()
                .filter(p -> new LoadPoint(p.benchmark(), params).equals(p)).findFirst();
        return new ProfileRow(runtime, workload, params, point, Optional.empty(), Optional.empty());
    }

    /** This row with {@code t} in its kind's place. */
    ProfileRow with(ProfilingRecord.Trial t) {
        return Profiles.CPU.equals(t.kind()) ? new ProfileRow(runtime, workload, params, point, Optional.of(t), alloc)
                : new ProfileRow(runtime, workload, params, point, cpu, Optional.of(t));
    }

    /** The trial of {@code kind} ({@value Profiles#CPU} or {@value Profiles#ALLOC}). */
    public Optional<ProfilingRecord.Trial> trial(String kind) {
        return Profiles.CPU.equals(kind) ? cpu : Profiles.ALLOC.equals(kind) ? alloc : Optional.empty();
    }

    /**
     * The trial a figure both kinds record (allocation per unit, GC) is taken from: the CPU-profiled one when it
     * has the figure, for the allocation profiler adds work of its own to the fork; else the allocation-profiled
     * one; empty when neither finished with it.
     */
    public Optional<ProfilingRecord.Trial> source(Function<ProfilingRecord.Trial, Optional<?>> figure) {
        return cpu.filter(t -> t.ok() && figure.apply(t).isPresent())
                .or(() -> alloc.filter(t -> t.ok() && figure.apply(t).isPresent()));
    }

    /** The load point in the rankings' words ("1,000 connections × 64 B"); the record's own words otherwise. */
    public String loadLabel() {
        if (point.isPresent()) {
            return point.get().label();
        }
        if (params.isEmpty()) { // a benchmark without parameters, or a trial that failed before reaching any
            boolean ran = cpu.filter(ProfilingRecord.Trial::ok).isPresent() || alloc.filter(ProfilingRecord.Trial::ok).isPresent();
            return ran ? "–" : "every load point (failed before any)";
        }
        return cpu.or(() -> alloc).map(ProfilingRecord.Trial::loadPoint).orElse("");
    }
}
