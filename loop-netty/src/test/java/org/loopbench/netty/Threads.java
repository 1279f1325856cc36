package org.loopbench.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The platform threads of this JVM, for leak checks independent of the runtime's own count. */
final class Threads {

    private Threads() {
    }

    static Set<Thread> alive() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /**
     * Fails naming every thread alive now that was not alive in {@code before}, except the tests' own
     * client threads (named {@code test-...}), which may still be winding down.
     */
    static void assertNoneLeft(Set<Thread> before) {
        List<String> extra = alive().stream().filter(t -> !before.contains(t)).filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("test-"))
                .map(Thread::getName).sorted().collect(Collectors.toList());
        assertEquals(List.of(), extra, "threads started during the test and still alive after close()");
    }
}
