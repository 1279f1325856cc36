package org.loopbench.api;

import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of a runtime module
 * ({@code META-INF/services/org.loopbench.api.AsyncRuntimeProvider}).
 *
 * <p>A provider must load on any JVM the suite runs on (compile it for Java 17), even when its runtime
 * cannot run there: it then answers {@link #availability()} with the reason instead of failing to load.
 */
public interface AsyncRuntimeProvider {

    /** The runtime's stable short id, e.g. {@code virtual}. */
    String id();

    /** One line for listings, e.g. "one virtual thread per connection and per task". */
    String summary();

    /** Whether the runtime can run in this JVM, and if not, why (e.g. "needs JDK 21+, this is 17"). */
    Availability availability();

    /** The option keys {@link #create} accepts; any other key is rejected with a message listing these. */
    default Set<String> optionKeys() {
        return Set.of();
    }

    /**
     * Makes a new, not yet started runtime.
     *
     * @throws RuntimeUnavailableException when {@link #availability()} says it cannot run here
     * @throws IllegalArgumentException when an option is unknown or out of range
     */
    AsyncRuntime create(RuntimeOptions options);
}
