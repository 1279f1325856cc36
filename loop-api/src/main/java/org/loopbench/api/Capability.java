package org.loopbench.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A kind of workload a runtime offers. Each runtime declares its set once, in
 * {@link AsyncRuntimeProvider#capabilities()}; the contract kit skips (with that reason) the rules of a
 * capability a runtime does not offer, the harness plans no group for it, and the report marks the cell
 * "not offered" instead of "failed". The Java runtimes offer everything; reference runtimes (a C echo
 * server, say) may offer only {@link #ECHO}.
 */
public enum Capability {
    /** {@link AsyncRuntime#startEchoServer}: the echo workloads (closed loop and fixed rate). */
    ECHO,
    /** {@link AsyncRuntime#runSleepers}: the sleep workload. */
    SLEEP,
    /** {@link AsyncRuntime#coordination()}: crawl, deadline and ping-pong, and the primitives under them. */
    COORDINATION;

    /** The short name used on command lines and in run records: {@code echo}, {@code sleep}, {@code coord}. */
    public String id() {
        return this == COORDINATION ? "coord" : name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known ids */
    public static Capability ofId(String id) {
        for (Capability c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "' (known: "
                + Arrays.stream(values()).map(Capability::id).collect(Collectors.joining(", ")) + ")");
    }
}
