package org.loopbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
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
        assertNoChildProcess(closed);
    }

    /**
     * Fails if a runtime that works through child processes (a reference runtime) still counts one alive
     * after close(), or if any child process of this JVM is still alive: close() must end them all.
     */
    public static void assertNoChildProcess(AsyncRuntime closed) throws InterruptedException {
        closed.childProcesses().ifPresent(c -> assertEquals(List.of(), c.alive(),
                "child processes the runtime still counts after close()"));
        long deadline = System.nanoTime() + Duration.ofMillis(ThreadLeakCheck.GRACE_MILLIS).toNanos();
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.current().children().filter(ProcessHandle::isAlive).collect(Collectors.toList());
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertEquals(List.of(), left.stream().map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .collect(Collectors.toList()), "child processes of this JVM alive after close()");
    }
}
