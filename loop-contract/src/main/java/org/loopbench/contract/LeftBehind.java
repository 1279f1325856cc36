package org.loopbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeResources;

/** What a closed runtime may leave behind: nothing, by its own count and by the JVM's. */
public final class LeftBehind {

    private LeftBehind() {
    }

    /**
     * Fails unless the runtime, already closed, counts no thread, task, timer, connection or listener
     * ({@code resources()} is {@link RuntimeResources#NONE}) and no thread started since
     * {@code threadsBefore} is still alive (waiting up to {@link ThreadLeakCheck#GRACE_MILLIS} ms).
     */
    public static void assertNothing(AsyncRuntime closed, ThreadLeakCheck threadsBefore) throws InterruptedException {
        assertEquals(RuntimeResources.NONE, closed.resources(), "resources after close()");
        threadsBefore.assertNoneLeft("after close()");
    }
}
