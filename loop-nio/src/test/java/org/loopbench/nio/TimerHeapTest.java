package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimerHeapTest {

    /** A timer that only remembers its name; the heap never calls onTimer. */
    private static final class Probe extends LoopTimer {
        final int id;

        Probe(int id) {
            this.id = id;
        }

        @Override
        void onTimer(EventLoop loop) {
            throw new AssertionError("the heap must not fire timers itself");
        }
    }

    @Test
    void pollsInDeadlineOrderAndFirstInFirstOutForEqualDeadlines() {
        TimerHeap heap = new TimerHeap();
        Random random = new Random(42);
        List<Probe> added = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Probe p = new Probe(i);
            heap.add(p, random.nextInt(500)); // many equal deadlines on purpose
            added.add(p);
        }
        Probe previous = null;
        int polled = 0;
        LoopTimer t;
        while ((t = heap.pollDue(Long.MAX_VALUE / 2)) != null) {
            Probe p = (Probe) t;
            if (previous != null) {
                assertTrue(p.deadline >= previous.deadline, "deadline order broken at " + polled);
                if (p.deadline == previous.deadline) {
                    assertTrue(p.id > previous.id, "equal deadlines must keep insertion order");
                }
            }
            assertFalse(p.isScheduled());
            previous = p;
            polled++;
        }
        assertEquals(added.size(), polled);
        assertTrue(heap.isEmpty());
        assertEquals(0, heap.publishedSize());
    }

    @Test
    void neverHandsOutATimerBeforeItsDeadline() {
        TimerHeap heap = new TimerHeap();
        Probe p = new Probe(1);
        heap.add(p, 1_000);
        assertNull(heap.pollDue(999), "one nanosecond early is early");
        assertSame(p, heap.pollDue(1_000), "due exactly at its deadline");
    }

    @Test
    void comparesDeadlinesAcrossTheNanoTimeWrapAround() {
        TimerHeap heap = new TimerHeap();
        Probe beforeWrap = new Probe(1);
        Probe afterWrap = new Probe(2);
        heap.add(afterWrap, Long.MIN_VALUE + 10); // numerically smallest, but later in time
        heap.add(beforeWrap, Long.MAX_VALUE - 10);
        assertSame(beforeWrap, heap.pollDue(Long.MAX_VALUE - 10));
        assertNull(heap.pollDue(Long.MAX_VALUE));
        assertSame(afterWrap, heap.pollDue(Long.MIN_VALUE + 10));
    }

    @Test
    void removingAnyTimerKeepsTheRestInOrder() {
        TimerHeap heap = new TimerHeap();
        Random random = new Random(7);
        List<Probe> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Probe p = new Probe(i);
            heap.add(p, random.nextInt(1_000_000));
            all.add(p);
        }
        Collections.shuffle(all, random);
        List<Probe> removed = all.subList(0, 2_500);
        for (Probe p : removed) {
            assertTrue(heap.remove(p));
            assertFalse(p.isScheduled());
            assertFalse(heap.remove(p), "a second remove finds nothing");
        }
        assertEquals(2_500, heap.size());
        long last = Long.MIN_VALUE;
        LoopTimer t;
        while ((t = heap.pollDue(Long.MAX_VALUE / 2)) != null) {
            assertFalse(removed.contains(t), "a removed timer came back");
            assertTrue(t.deadline >= last);
            last = t.deadline;
        }
    }

    @Test
    void refusesToScheduleATimerTwice() {
        TimerHeap heap = new TimerHeap();
        Probe p = new Probe(1);
        heap.add(p, 5);
        assertThrows(IllegalStateException.class, () -> heap.add(p, 6));
        assertEquals(1, heap.size());
    }

    @Test
    void aMillionSleepWorkloadInsertsCostNoSiftWork() {
        // Sleepers arm "now + d": non-decreasing deadlines, which a heap appends without moving anything.
        TimerHeap heap = new TimerHeap();
        for (int i = 0; i < 1_000_000; i++) {
            heap.add(new Probe(i), 1_000L + i / 16);
        }
        assertEquals(0, heap.siftMoves());
        assertEquals(1_000_000, heap.publishedSize());
    }

    @Test
    void aMillionRandomInsertsAndPollsStayWithinNLogN() {
        TimerHeap heap = new TimerHeap();
        Random random = new Random(1);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            heap.add(new Probe(i), random.nextLong() >>> 2);
        }
        long last = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            LoopTimer t = heap.pollDue(Long.MAX_VALUE);
            assertTrue(t.deadline >= last);
            last = t.deadline;
        }
        long log2n = 64 - Long.numberOfLeadingZeros(n); // 20
        assertTrue(heap.siftMoves() <= 2L * n * log2n,
                "sift moves " + heap.siftMoves() + " exceed 2 n log2 n = " + 2L * n * log2n);
    }

    @Test
    void clearDropsEveryTimer() {
        TimerHeap heap = new TimerHeap();
        Probe a = new Probe(1);
        Probe b = new Probe(2);
        heap.add(a, 1);
        heap.add(b, 2);
        heap.clear();
        assertTrue(heap.isEmpty());
        assertEquals(0, heap.publishedSize());
        assertFalse(a.isScheduled());
        assertFalse(b.isScheduled());
        heap.add(a, 3); // reusable after clear
        assertSame(a, heap.pollDue(3));
    }
}
