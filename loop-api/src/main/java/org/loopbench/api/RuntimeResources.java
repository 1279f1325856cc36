package org.loopbench.api;

/**
 * What a runtime holds at one moment, as counted by the runtime itself. A count that does not apply to
 * a model (a loop has no per-task thread) is zero.
 *
 * @param threads         threads (platform or virtual) the runtime started and that have not ended
 * @param tasks           sleep tasks or connection handlers in progress
 * @param pendingTimers   timers scheduled and not yet fired or cancelled
 * @param openConnections accepted connections not yet closed
 * @param listeners       bound server sockets
 */
public record RuntimeResources(long threads, long tasks, long pendingTimers, long openConnections,
                               long listeners) {

    public static final RuntimeResources NONE = new RuntimeResources(0, 0, 0, 0, 0);

    public boolean isEmpty() {
        return equals(NONE);
    }
}
