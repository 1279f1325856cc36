package org.loopbench.api;

import java.util.EnumSet;
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
     * Refuses what {@link #create} would refuse in {@code options}, without making anything: so a launcher
     * rejects {@code nio.loops=abc} before a run starts, not minutes later in a benchmark fork. Answers in any
     * JVM, one this runtime cannot run on included. A provider whose options have values overrides it, and
     * its {@link #create} reads them through the same code. Default: the keys only ({@link #optionKeys()}).
     *
     * @throws IllegalArgumentException naming the option, its value and what is allowed
     */
    default void checkOptions(RuntimeOptions options) {
        options.requireOnly(id(), optionKeys());
    }

    /**
     * The workloads this runtime offers; every other one is "not offered" (skipped by the contract kit
     * with that reason, planned by nobody). Default: all of them.
     */
    default Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /**
     * Whether this is a reference runtime: a program outside the JVM (Python's asyncio, uvloop, gevent; a C
     * epoll loop) that a JVM fork starts as its child and measures with the same instrument, as a point of
     * comparison. The report draws references apart ("reference, not a JVM runtime") and never counts one
     * as the JVM ranking's best unless the reader asks it to. Default: false, a JVM runtime.
     */
    default boolean reference() {
        return false;
    }

    /**
     * How a JVM hosting this runtime must be launched (JDK, extra arguments, where its code lives).
     * Called in the launcher's JVM, which may be another JDK than the runtime's own: answer without
     * touching classes that only load there.
     *
     * @throws IllegalStateException when something the launch needs is missing (e.g. an agent jar),
     *         with what is missing and how to provide it
     */
    LaunchSpec launch();

    /**
     * Makes a new, not yet started runtime.
     *
     * @throws RuntimeUnavailableException when {@link #availability()} says it cannot run here
     * @throws IllegalArgumentException when an option is unknown or out of range
     */
    AsyncRuntime create(RuntimeOptions options);
}
