package org.loopbench.results;

import java.util.List;
import java.util.Objects;

/**
 * A workload as the {@link MetricCatalog} knows it: its benchmark class, how the report titles it, which
 * capability a runtime needs to run it, and the figure its ranking uses. Immutable.
 *
 * @param id             stable id, e.g. {@code fixed-rate}
 * @param benchmarkClass the harness's benchmark class, simple name, e.g. {@code EchoFixedRate}
 * @param title          the report's heading
 * @param anchor         the report's HTML anchor
 * @param capability     the runtime capability it needs: {@code echo}, {@code sleep} or {@code coord}
 *                       ({@code org.loopbench.api.Capability.id()})
 * @param mode           JMH's mode label of its primary score ({@code thrpt}, {@code ss}, ...)
 * @param scoreUnit      the unit JMH gives its primary score, e.g. {@code ops/s}, {@code ms/op}
 * @param ranking        the figure runtimes are ranked by: {@value #SCORE} (JMH's primary score) or a metric name
 * @param unjudged       metrics compare must not judge for this workload, each with the reason
 */
public record WorkloadDefinition(String id, String benchmarkClass, String title, String anchor, String capability,
                                 String mode, String scoreUnit, String ranking, List<Unjudged> unjudged) {

    /** The {@link #ranking} value meaning JMH's primary score. */
    public static final String SCORE = "score";

    public WorkloadDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(benchmarkClass, "benchmarkClass");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scoreUnit, "scoreUnit");
        Objects.requireNonNull(ranking, "ranking");
        unjudged = List.copyOf(unjudged);
    }

    /** Whether the ranking uses JMH's primary score rather than a secondary metric. */
    public boolean ranksScore() {
        return SCORE.equals(ranking);
    }

    /**
     * Whether {@code benchmark} is one of this workload's methods.
     *
     * @param benchmark {@code Class.method}, or the full JMH name with its package
     */
    public boolean matches(String benchmark) {
        return Stem.shortName(benchmark).startsWith(benchmarkClass + ".");
    }

    /** Whether this workload exempts {@code metric} from judgement. */
    public boolean exempts(String metric) {
        return unjudged.stream().anyMatch(u -> u.matches(metric));
    }

    /**
     * A metric (or {@code prefix.*} family) this workload exempts from judgement.
     *
     * @param metric  a name or {@code prefix.*}
     * @param because why a change in it says nothing here
     */
    public record Unjudged(String metric, String because) {

        public Unjudged {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(because, "because");
        }

        public boolean matches(String name) {
            return MetricDefinition.nameMatches(metric, name);
        }
    }
}
