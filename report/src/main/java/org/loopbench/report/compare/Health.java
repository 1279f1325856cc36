package org.loopbench.report.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.loopbench.report.model.Outcome;
import org.loopbench.report.model.Trial;

/**
 * What is wrong with one runtime's result at one load point, beyond its figures: it failed, was capped,
 * fell short of its fixed rate, held fewer connections than asked, leaked tasks, or counted errors. A
 * figure measured under such a condition is not the same measurement as the baseline's, so a condition
 * the candidate has and the baseline had not fails the comparison by itself, whatever the figures say.
 * Read from the run's outcomes ({@link Outcome}: sidecars and JMH results), so a bare JMH file has none.
 */
final class Health {

    /** The counters that must stay zero: a message lost or answered wrongly is an error, not a figure. */
    private static final String[] ERROR_COUNTS = {"errors", "unanswered", "lost.sends"};

    private Health() {
    }

    /** Each condition's name (stable, for matching against the baseline's) to what happened; empty when healthy. */
    static Map<String, String> of(Outcome o) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (o.status()) {
            case FAILED:
                out.put("failed", o.whyNoResult());
                return out;
            case UNAVAILABLE:
                out.put("unavailable", o.whyNoResult());
                return out;
            case NOT_RUN:
                out.put("not run", o.whyNoResult());
                return out;
            case NOT_OFFERED:
                out.put("not offered", o.whyNoResult());
                return out;
            default:
                break;
        }
        if (!o.failedForks().isEmpty()) {
            out.put("a fork failed", o.failedForks().stream().map(Trial::failure).distinct().collect(Collectors.joining("; ")));
        }
        if (o.capped()) {
            out.put("capped", "capped: " + o.cappedReason());
        }
        if (o.point().is("fixed-rate") && o.rateShortfall()) {
            out.put("rate short", "fell short of the fixed rate (an iteration achieved less than "
                    + Math.round(100 * Outcome.RATE_SHORTFALL) + "% of " + Math.round(o.value("target.rate")) + " msgs/s)");
        }
        if (o.fewerConnectionsThanAsked()) {
            out.put("connections", "held " + Math.round(o.openConnections()) + " of "
                    + Math.round(o.point().number("connections")) + " connections");
        }
        double leaked = o.value("leaked");
        if (leaked > 0) {
            out.put("leaked", "leaked " + Math.round(leaked) + " tasks");
        }
        for (String counter : ERROR_COUNTS) {
            double n = total(o, counter);
            if (n > 0) {
                out.put(counter, Math.round(n) + " " + counter);
            }
        }
        return out;
    }

    /** A counter's total ({@code errors} is the sum of its breakdown {@code errors.*}); 0 when absent. */
    private static double total(Outcome o, String counter) {
        double v = o.value(counter);
        return Double.isFinite(v) ? v : 0;
    }
}
