package org.loopbench.harness.results;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordination workloads' CPU clock resolves far below a millisecond and still counts threads that
 * ended. Resolution, not speed, is asserted: the size of the clock's smallest steps, whatever the machine.
 */
class CpuClockTest {

    /** This suite builds and runs on JDK 22+, where the foreign function API binds clock_gettime. */
    @Test
    void theProcessClockIsClockGettimeWithNanosecondResolution() {
        CpuClock clock = CpuClock.process();
        assertEquals("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", clock.source(),
                "on JDK " + Runtime.version().feature() + " the fine clock should bind; fell back to " + clock);
        assertTrue(clock.resolutionNanos() < 1_000, "resolution " + clock.resolutionNanos() + " ns");
        assertTrue(clock.countsEndedThreads());
    }

    @Test
    void consecutiveReadingsAroundShortBusyLoopsDifferByLessThanAMillisecondAndNotInTicks() {
        long[] steps = smallestSteps(CpuClock.process(), 200);
        long smallest = steps[0];
        assertTrue(smallest > 0 && smallest < 1_000_000,
                "the smallest step of the process CPU clock is " + smallest + " ns: not sub-millisecond");
        assertTrue(steps[1] > 0, "every one of 200 steps was a whole number of 10 ms ticks: a tick clock");
    }

    /** The check above can fail: the JVM's own process clock (times()) moves in whole 10 ms ticks here. */
    @Test
    void theJvmsOwnProcessClockFailsThatCheck() {
        long[] steps = smallestSteps(CpuClock.jvmProcessClock(), 3);
        assertTrue(steps[0] >= 1_000_000, "the JVM's process clock stepped by " + steps[0] + " ns");
        assertEquals(0, steps[1], "a step of the JVM's process clock that is not a whole tick");
    }

    @Test
    void aThreadThatEndedBetweenTwoReadingsIsCounted() throws InterruptedException {
        CpuClock clock = CpuClock.process();
        AtomicLong ownCpu = new AtomicLong();
        long before = clock.nanos();
        Thread worker = new Thread(() -> {
            var bean = ManagementFactory.getThreadMXBean();
            long start = bean.getCurrentThreadCpuTime();
            while (bean.getCurrentThreadCpuTime() - start < 50_000_000) {
                Thread.onSpinWait(); // 50 ms of this thread's own CPU
            }
            ownCpu.set(bean.getCurrentThreadCpuTime()); // its last reading, just before it ends
        });
        worker.start();
        worker.join();
        long after = clock.nanos();
        assertTrue(ownCpu.get() >= 50_000_000);
        assertTrue(after - before >= ownCpu.get(), "the process clock advanced " + (after - before)
                + " ns across a thread that used " + ownCpu.get() + " ns and ended: its CPU was lost");
    }

    /**
     * Reads {@code clock} in a busy loop until it has changed {@code changes} times.
     *
     * @return {smallest step in ns, how many steps were not a whole number of 10 ms ticks}
     */
    private static long[] smallestSteps(CpuClock clock, int changes) {
        long smallest = Long.MAX_VALUE;
        long offTick = 0;
        long last = clock.nanos();
        for (int seen = 0; seen < changes; ) {
            long now = clock.nanos();
            if (now != last) {
                long step = now - last;
                smallest = Math.min(smallest, step);
                if (step % CpuClock.TICK_NANOS != 0) {
                    offTick++;
                }
                seen++;
                last = now;
            }
        }
        return new long[] {smallest, offTick};
    }
}
