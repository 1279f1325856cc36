package org.loopbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What happened to one runtime at one load point: measured (a JMH result, maybe with caveats), failed
 * (trial files but no result), unavailable (run-all said why) or not run. The report never leaves a
 * cell blank: every state has an explanation a reader can act on.
 */
record Outcome(String runtime, LoadPoint point, Optional<BenchmarkResult> result, List<Trial> trials,
               Optional<String> unavailableReason) {

    enum Status { MEASURED, FAILED, UNAVAILABLE, NOT_RUN }

    /** A saturation score is client-bound when the generator's I/O threads were busy this much or more. */
    static final double CLIENT_BOUND_BUSY = 0.9;
    /** A fixed-rate trial fell short when an iteration achieved less than this fraction of the target. */
    static final double RATE_SHORTFALL = 0.95;

    Outcome {
        trials = List.copyOf(trials);
    }

    Status status() {
        if (result.isPresent()) {
            return Status.MEASURED;
        }
        if (!trials.isEmpty()) {
            return Status.FAILED;
        }
        return unavailableReason.isPresent() ? Status.UNAVAILABLE : Status.NOT_RUN;
    }

    /** Why there is no figure; "" when measured. */
    String whyNoResult() {
        switch (status()) {
            case FAILED:
                String why = trials.stream().filter(Trial::failed).map(Trial::failure).distinct()
                        .collect(Collectors.joining("; "));
                return why.isEmpty() ? "its trial files are complete but JMH recorded no result (the JMH JSON of"
                        + " this runtime is missing or the run was interrupted while writing it)" : why;
            case UNAVAILABLE:
                return "unavailable: " + unavailableReason.orElse("");
            case NOT_RUN:
                return "not run: no JMH result and no trial files for this runtime at this load";
            default:
                return "";
        }
    }

    Optional<Metric> metric(String name) {
        return result.map(r -> r.secondary().get(name));
    }

    /** A secondary metric as a spread; NaN value when absent. */
    Spread spread(String name) {
        return metric(name).map(Spread::of).orElse(Spread.exact(Double.NaN));
    }

    Spread score() {
        return result.map(r -> Spread.of(r.primary())).orElse(Spread.exact(Double.NaN));
    }

    double value(String name) {
        return metric(name).map(Metric::score).orElse(Double.NaN);
    }

    /** The worst iteration of a metric (JMH's score is an average for most of them). */
    double worst(String name, boolean higherIsWorse) {
        return metric(name).map(m -> m.raw().stream().mapToDouble(Double::doubleValue)
                .reduce(higherIsWorse ? Math::max : Math::min).orElse(m.score())).orElse(Double.NaN);
    }

    /** The trials that finished, first fork first. */
    List<Trial> finishedTrials() {
        return trials.stream().filter(t -> !t.failed()).collect(Collectors.toList());
    }

    /**
     * The score is the load generator's limit rather than the server's: its I/O threads were busy
     * {@value #CLIENT_BOUND_BUSY} of the time or more in some measurement iteration (the sidecar's
     * verdict when there is one, else JMH's per-iteration client.busy).
     */
    boolean clientBound() {
        List<Trial> judged = finishedTrials().stream().filter(t -> t.get("result", "clientBound").isPresent())
                .collect(Collectors.toList());
        if (!judged.isEmpty()) {
            return judged.stream().anyMatch(t -> t.flag("result", "clientBound"));
        }
        return worst("client.busy", true) >= CLIENT_BOUND_BUSY;
    }

    double clientBusyMax() {
        return worst("client.busy", true);
    }

    /** Fixed rate: some measurement iteration achieved less than {@value #RATE_SHORTFALL} of the target. */
    boolean rateShortfall() {
        if (finishedTrials().stream().anyMatch(t -> t.flag("result", "rateShortfall"))) {
            return true;
        }
        double target = value("target.rate");
        double worst = worst("achieved.rate", false);
        return target > 0 && worst < RATE_SHORTFALL * target;
    }

    /** Sleep: the runtime could not create every task; {@code tasks.run} says how many it ran. */
    boolean capped() {
        return value("capped") > 0 || trials.stream().anyMatch(t -> t.flag("result", "capped"));
    }

    String cappedReason() {
        return trials.stream().map(t -> t.text("result", "cappedReason")).filter(s -> !s.isBlank()).findFirst()
                .orElse("the sidecar gives no reason");
    }

    /** Failed exchanges (resets, mismatches, time-outs...) summed over iterations, with their kinds. */
    String errors() {
        double total = value("errors");
        if (!(total > 0)) {
            return "";
        }
        List<String> kinds = new ArrayList<>();
        result.get().secondary().forEach((name, m) -> {
            if (name.startsWith("errors.") && m.score() > 0) {
                kinds.add(Numbers.value(m.score()) + " " + name.substring("errors.".length()));
            }
        });
        return Numbers.value(total) + " errors" + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")");
    }

    /** Forks of this point that failed although JMH has a result (another fork succeeded). */
    List<Trial> failedForks() {
        return result.isPresent() ? trials.stream().filter(Trial::failed).collect(Collectors.toList()) : List.of();
    }
}
