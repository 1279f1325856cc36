package org.loopbench.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;

/**
 * Fuzz finding: a runtime's option values were read only when the runtime was created, so {@code loopbench
 * run} took {@code nio.loops=abc} and every group failed minutes later in its fork. Each provider now checks
 * them without creating anything, in any JVM (quasar's included, which cannot run on this one).
 */
class RuntimeOptionChecksTest {

    private static String refused(String id, String options) {
        return assertThrows(IllegalArgumentException.class,
                () -> Runtimes.installed().provider(id).checkOptions(RuntimeOptions.parse(options))).getMessage();
    }

    @Test
    void eachRuntimeChecksItsValuesWithoutBeingCreated() {
        assertEquals("option nio.loops=abc is not a whole number", refused("nio", "nio.loops=abc"));
        assertEquals("option netty.transport=kqueue is not one of [auto, epoll, io_uring, nio]",
                refused("netty", "netty.transport=kqueue"));
        assertEquals("option quasar.parallelism=0 is out of range [1, 256]", refused("quasar", "quasar.parallelism=0"));
        assertEquals("option threads.stackKiB=10 is out of range: 0 or [64, 65536]", refused("threads", "threads.stackKiB=10"));
        assertEquals("option virtual.injectDelayNanos=-1 is out of range [0, 1000000000]",
                refused("virtual", "virtual.injectDelayNanos=-1"));
        Runtimes.installed().provider("nio").checkOptions(RuntimeOptions.parse("nio.loops=2,nio.injectDelayNanos=0"));
    }

    @Test
    void everyRuntimeRefusesAKeyItDoesNotKnow() {
        for (String id : Runtimes.installed().ids()) {
            assertTrue(refused(id, id + ".nosuch=1").startsWith("runtime '" + id + "' does not know option(s) [" + id
                    + ".nosuch]"), id);
        }
    }
}
