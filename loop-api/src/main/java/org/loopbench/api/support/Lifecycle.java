package org.loopbench.api.support;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The NEW, STARTED, CLOSED states every runtime goes through, with the error messages in one place.
 * Thread-safe.
 */
public final class Lifecycle {

    private enum State { NEW, STARTED, CLOSED }

    private final String runtimeId;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    public Lifecycle(String runtimeId) {
        this.runtimeId = runtimeId;
    }

    /** @throws IllegalStateException when already started or closed */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("runtime '" + runtimeId + "' cannot start: it is already "
                    + state.get().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** @throws IllegalStateException unless started and not closed */
    public void requireRunning() {
        State s = state.get();
        if (s == State.NEW) {
            throw new IllegalStateException("runtime '" + runtimeId + "' is not started: call start() first");
        }
        if (s == State.CLOSED) {
            throw new IllegalStateException("runtime '" + runtimeId + "' is closed");
        }
    }

    /** @return true for the one call that moves to CLOSED (the one that must release resources) */
    public boolean close() {
        return state.getAndSet(State.CLOSED) != State.CLOSED;
    }

    public boolean isClosed() {
        return state.get() == State.CLOSED;
    }
}
