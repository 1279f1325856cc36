package org.loopbench.report.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.loopbench.results.RunLayout;

/**
 * What happened to one runtime at one load point: measured (a JMH result, maybe with caveats), failed
 * (trial files but no result), unavailable (run-all said why), not run, or not offered (the runtime does
 * not offer the workload at all, e.g. a reference echo server asked about sleep). The report never leaves
 * a cell blank: every state has an explanation a reader can act on.
 *
 * @param calibration the run's measured generator ceilings ({@value Calibration#FILE}); empty without one
 * @param offered false when the run records that the runtime does not offer this load's workload
 * @param damage  the damaged files this outcome's figures depend on: its trials' percentile files and
 *                interval logs, and the JMH files that may hold its result (a damaged sidecar makes its trial
 *                failed, which the outcome says already)
 */
public record Outcome(String runtime, LoadPoint point, Optional<BenchmarkResult> result, List<Trial> trials,
                      Optional<String> unavailableReason, Optional<Calibration> calibration, boolean offered,
                      List<Damage> damage) {

    /** Absent states last, in the order a ranking lists them: what went wrong first, what was never asked last. */
    public enum Status { MEASURED, FAILED, UNAVAILABLE, NOT_RUN, NOT_OFFERED }

    /** A saturation score is client-bound when the generator's I/O threads were busy this much or more. */
    public static final double CLIENT_BOUND_BUSY = 0.9;
    /** A fixed-rate trial fell short when an iteration achieved less than this fraction of the target. */
    public static final double RATE_SHORTFALL = 0.95;

    public Outcome {
        trials = List.copyOf(trials);
        damage = List.copyOf(damage);
    }

    /** An outcome none of whose files is damaged. */
    public Outcome(String runtime, LoadPoint point, Optional<BenchmarkResult> result, List<Trial> trials,
                   Optional<String> unavailableReason, Optional<Calibration> calibration, boolean offered) {
        this(runtime, point, result, trials, unavailableReason, calibration, offered, List.of());
    }

    /** An outcome of a runtime that offers its load's workload. */
    public Outcome(String runtime, LoadPoint point, Optional<BenchmarkResult> result, List<Trial> trials,
                   Optional<String> unavailableReason, Optional<Calibration> calibration) {
        this(runtime, point, result, trials, unavailableReason, calibration, true);
    }

    /** An outcome at a load without a measured generator ceiling. */
    public Outcome(String runtime, LoadPoint point, Optional<BenchmarkResult> result, List<Trial> trials,
                   Optional<String> unavailableReason) {
        this(runtime, point, result, trials, unavailableReason, Optional.empty());
    }

    public Status status() {
        if (result.isPresent()) {
            return Status.MEASURED;
        }
        if (!trials.isEmpty()) {
            return Status.FAILED;
        }
        if (!offered) {
            return Status.NOT_OFFERED;
        }
        return unavailableReason.isPresent() ? Status.UNAVAILABLE : Status.NOT_RUN;
    }

    /** Why there is no figure; "" when measured. */
    public String whyNoResult() {
        switch (status()) {
            case FAILED:
                String why = trials.stream().filter(Trial::failed).map(Trial::failure).distinct()
                        .collect(Collectors.joining("; "));
                if (!why.isEmpty()) {
                    return why;
                }
                String damagedJmh = damage.stream().filter(d -> RunLayout.isJmhResultName(d.file()))
                        .map(Damage::line).collect(Collectors.joining("; "));
                return damagedJmh.isEmpty() ? "its trial files are complete but JMH recorded no result (the JMH JSON of"
                        + " this runtime is missing or the run was interrupted while writing it)"
                        : "its trial files are complete but its JMH result cannot be read: damaged: " + damagedJmh;
            case UNAVAILABLE:
                return "unavailable: " + unavailableReason.orElse("");
            case NOT_RUN:
                return "not run: no JMH result and no trial files for this runtime at this load";
            case NOT_OFFERED:
                return "not offered: this runtime does not offer the " + point.workload()
                        .map(w -> (w.capability().equals(Workloads.COORDINATION) ? "coordination" : w.capability())
                                + " workloads").orElse("workload") + " (its provider's capabilities)";
            default:
                return "";
        }
    }

    /** No trial ever ran here, by design or by circumstance: unavailable, not run or not offered. */
    public boolean neverRan() {
        Status s = status();
        return s == Status.UNAVAILABLE || s == Status.NOT_RUN || s == Status.NOT_OFFERED;
    }

    public Optional<Metric> metric(String name) {
        return result.map(r -> r.secondary().get(name));
    }

    /** A secondary metric as a spread; NaN value when absent. */
    public Spread spread(String name) {
        return metric(name).map(Spread::of).orElse(Spread.exact(Double.NaN));
    }

    public Spread score() {
        return result.map(r -> Spread.of(r.primary())).orElse(Spread.exact(Double.NaN));
    }

    public double value(String name) {
        return metric(name).map(Metric::score).orElse(Double.NaN);
    }

    /** The worst iteration of a metric (JMH's score is an average for most of them). */
    public double worst(String name, boolean higherIsWorse) {
        return metric(name).map(m -> m.raw().stream().mapToDouble(Double::doubleValue)
                .reduce(higherIsWorse ? Math::max : Math::min).orElse(m.score())).orElse(Double.NaN);
    }

    /** The trials that finished, first fork first. */
    public List<Trial> finishedTrials() {
        return trials.stream().filter(t -> !t.failed()).collect(Collectors.toList());
    }

    /**
     * The score is the load generator's limit rather than the server's: it achieved
     * {@value Calibration#CLIENT_BOUND_SHARE} of the generator's measured ceiling at this connection count
     * or more ({@link #shareOfCeiling()}; with several generators, one local generator did at its own count),
     * or the generator was busy {@value #CLIENT_BOUND_BUSY} of the time or more ({@link #clientBoundByBusy()}).
     */
    public boolean clientBound() {
        return shareOfCeiling() >= Calibration.CLIENT_BOUND_SHARE || clientBoundByBusy();
    }

    /**
     * One generator's measured ceiling at this load's connection count; empty when the run did not calibrate
     * there (or the load has no connection count).
     */
    public Optional<Calibration.Point> ceiling() {
        return point.param("connections").isEmpty() ? Optional.empty()
                : calibration.flatMap(c -> c.at(point.number("connections")));
    }

    /** A finished trial was loaded by more than one generator process ({@link LoadSource}). */
    public boolean severalGenerators() {
        return finishedTrials().stream().anyMatch(t -> LoadSource.of(t).generators() > 1);
    }

    /**
     * Of the generators of the finished trials, the local one nearest its own measured ceiling
     * ({@link GeneratorFigures#shareOfCeiling}); empty when no generator can be judged by the ceiling.
     */
    public Optional<GeneratorFigures> generatorNearestCeiling() {
        return finishedTrials().stream().flatMap(t -> GeneratorFigures.of(t).stream())
                .filter(g -> !Double.isNaN(g.shareOfCeiling(calibration)))
                .max(Comparator.comparingDouble(g -> g.shareOfCeiling(calibration)));
    }

    /** Messages per second achieved: JMH's achieved.rate, else the score (closed loop: ops/s = msgs/s). */
    public double achievedRate() {
        double a = value("achieved.rate");
        return Double.isFinite(a) ? a : score().value();
    }

    /**
     * Achieved ÷ the measured ceiling at this connection count; NaN when the run has no calibration there.
     * With {@link #severalGenerators()}, the calibration's one generator is no ceiling for the trial's
     * total, so this is per generator: the share of {@link #generatorNearestCeiling()}, NaN when none
     * can be judged (generators elsewhere are judged by their busy time only).
     */
    public double shareOfCeiling() {
        if (severalGenerators()) {
            return generatorNearestCeiling().map(g -> g.shareOfCeiling(calibration)).orElse(Double.NaN);
        }
        return ceiling().map(c -> achievedRate() / c.msgsPerSecond()).orElse(Double.NaN);
    }

    /**
     * The generator's I/O threads were busy {@value #CLIENT_BOUND_BUSY} of the time or more in some
     * measurement iteration (the sidecar's verdict when there is one, else JMH's per-iteration client.busy).
     */
    public boolean clientBoundByBusy() {
        List<Trial> judged = finishedTrials().stream().filter(t -> t.get("result", "clientBound").isPresent())
                .collect(Collectors.toList());
        if (!judged.isEmpty()) {
            return judged.stream().anyMatch(t -> t.flag("result", "clientBound"));
        }
        return worst("client.busy", true) >= CLIENT_BOUND_BUSY;
    }

    public double clientBusyMax() {
        return worst("client.busy", true);
    }

    /** The fewest connections open at the end of any measurement iteration; NaN when not recorded. */
    public double openConnections() {
        return value("connections.open");
    }

    /** Fewer connections were open than the load asked for (a server that refused or dropped some). */
    public boolean fewerConnectionsThanAsked() {
        double asked = point.number("connections");
        double open = openConnections();
        return Double.isFinite(asked) && Double.isFinite(open) && open < asked;
    }

    /** Fixed rate: some measurement iteration achieved less than {@value #RATE_SHORTFALL} of the target. */
    public boolean rateShortfall() {
        if (finishedTrials().stream().anyMatch(t -> t.flag("result", "rateShortfall"))) {
            return true;
        }
        double target = value("target.rate");
        double worst = worst("achieved.rate", false);
        return target > 0 && worst < RATE_SHORTFALL * target;
    }

    /** Sleep: the runtime could not create every task; {@code tasks.run} says how many it ran. */
    public boolean capped() {
        return value("capped") > 0 || trials.stream().anyMatch(t -> t.flag("result", "capped"));
    }

    public String cappedReason() {
        return trials.stream().map(t -> t.text("result", "cappedReason")).filter(s -> !s.isBlank()).findFirst()
                .orElse("the sidecar gives no reason");
    }

    /** Forks of this point that failed although JMH has a result (another fork succeeded). */
    public List<Trial> failedForks() {
        return result.isPresent() ? trials.stream().filter(Trial::failed).collect(Collectors.toList()) : List.of();
    }
}
