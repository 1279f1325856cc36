package org.loopbench.report.model;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.Json;
import org.loopbench.results.RunLayout;

/**
 * Where the runtime's fork and the load generator ran: a throughput figure without its CPU layout is not
 * a result (sharing the cores or not reorders the runtimes). The run records it in {@code environment.json}
 * as {@code "cpuLayout": {"mode": "split"|"shared"|"explicit", "server": "<cpu list>", "client": "<cpu list>",
 * "reason": "..."}} and in each trial record as {@code "cpus": {"mode", "server", "client",
 * "availableProcessors"}}. Runs made before loopbench recorded it have neither: {@link #read} is empty then.
 *
 * <p>Read here from the JSON as it is, so the report shows the layout whatever else the environment record
 * holds.
 *
 * @param mode                "split", "shared" or "explicit"; "" when not given
 * @param server              the runtime's CPU list, e.g. "0"; "" when not given
 * @param client              the load generator's CPU list; "" when not given
 * @param reason              why this layout (e.g. "only 1 CPU"); "" when not given
 * @param availableProcessors what the fork's JVM saw (trial records only); 0 when not given
 */
public record CpuLayout(String mode, String server, String client, String reason, int availableProcessors) {

    /** The key in environment.json. */
    public static final String ENVIRONMENT_KEY = "cpuLayout";
    /** The key in a trial record. */
    public static final String TRIAL_KEY = "cpus";

    /**
     * The run's layout from its environment.json (read through loop-results' {@link EnvironmentRecord});
     * empty when the file or the key is missing, or the file cannot be trusted (Environment.read says why).
     */
    public static Optional<CpuLayout> read(RunLayout layout) {
        if (!layout.hasEnvironment()) {
            return Optional.empty();
        }
        try {
            EnvironmentRecord.CpuLayout recorded = EnvironmentRecord.read(layout).cpuLayout();
            return recorded.known() ? of(recorded.toMap()) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a ResultFormatException
            return Optional.empty();
        }
    }

    /** A layout from its JSON object (a map of plain values); empty when {@code value} is not one. */
    public static Optional<CpuLayout> of(Object value) {
        if (!(value instanceof Map) || ((Map<?, ?>) value).isEmpty()) {
            return Optional.empty();
        }
        Map<?, ?> m = (Map<?, ?>) value;
        double cpus = Json.number(m.get("availableProcessors"));
        return Optional.of(new CpuLayout(text(m, "mode"), text(m, "server"), text(m, "client"), text(m, "reason"),
                Double.isFinite(cpus) ? (int) cpus : 0));
    }

    /** Whether runtime and generator ran on the same CPU lists as {@code o} (the reason and the JVM's view aside). */
    public boolean samePlacement(CpuLayout o) {
        return mode.equals(o.mode) && server.equals(o.server) && client.equals(o.client);
    }

    /** "split: runtime on CPUs 0, load generator on CPUs 1 (only 1 CPU)", in words a reader needs. */
    public String describe() {
        StringBuilder sb = new StringBuilder(mode.isEmpty() ? "mode not given" : mode);
        sb.append(": runtime on CPUs ").append(server.isEmpty() ? "(not given)" : server)
                .append(", load generator on CPUs ").append(client.isEmpty() ? "(not given)" : client);
        if ("shared".equals(mode)) {
            sb.append(" (they compete for the same cores: the ranking measures combined CPU efficiency)");
        }
        if (availableProcessors > 0) {
            sb.append("; the runtime's JVM saw ").append(availableProcessors).append(" processor")
                    .append(availableProcessors == 1 ? "" : "s");
        }
        if (!reason.isEmpty()) {
            sb.append(" (").append(reason).append(')');
        }
        return sb.toString();
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v instanceof Double && (Double) v == Math.rint((Double) v)) {
            return String.valueOf(((Double) v).longValue());
        }
        return v == null ? "" : String.valueOf(v);
    }
}
