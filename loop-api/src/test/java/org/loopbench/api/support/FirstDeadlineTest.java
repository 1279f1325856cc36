package org.loopbench.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * FirstDeadline's rules, on a clock of our own (every instant is passed in, nothing reads the real one):
 * D starts two reserves after the first spawn, moves only later while spawning is projected to overrun, and
 * is final once a task has woken at it.
 */
class FirstDeadlineTest {

    private static final long MS = 1_000_000;
    private static final long RESERVE = FirstDeadline.RESERVE_MILLIS * MS;
    private static final long START = 5_000 * MS; // nanoTime may be anywhere, even near overflow: see below
    private static final long D = 100 * MS;

    @Test
    void startsTwoReservesAfterTheFirstSpawnPlusOneSleep() {
        FirstDeadline first = new FirstDeadline(START, D);
        assertEquals(START + 2 * RESERVE, first.gate());
        assertEquals(START + 2 * RESERVE + D, first.deadline());
        assertEquals(2 * RESERVE, first.gateNanos());
        assertFalse(first.settled());
    }

    @Test
    void aSlowFirstSpawnIsNoRateToProjectFrom() {
        FirstDeadline first = new FirstDeadline(START, D);
        first.keepAhead(START + MS, 1, 10_000); // a cold first thread: 1 ms, which x 10,000 would be 10 s
        assertEquals(START + 2 * RESERVE, first.gate());
    }

    @Test
    void aSpawnThatWillFinishWellBeforeTheGateLeavesItAlone() {
        FirstDeadline first = new FirstDeadline(START, D);
        first.keepAhead(START + MS / 10, 999, 1_000); // 0.1 ms for 999 of 1,000: projected end long before G
        assertEquals(START + 2 * RESERVE, first.gate());
    }

    @Test
    void aGateStillMoreThanAReserveAwayIsLeftAloneWhateverTheProjection() {
        FirstDeadline first = new FirstDeadline(START, D);
        first.keepAhead(START + 10 * MS, 100, 10_000); // 10 ms for 1%: projected 1,000 ms in all
        assertEquals(START + 2 * RESERVE, first.gate());
    }

    @Test
    void aNearGatePostponedOnATrustworthyRateLandsJustPastTheProjectedEnd() {
        FirstDeadline first = new FirstDeadline(START, D);
        first.keepAhead(START + 900 * MS, 9_000, 10_000); // 900 ms for 90%: projected 1,000 ms in all
        long gate = first.gateNanos();
        assertTrue(gate >= 1_000 * MS + RESERVE, "G " + gate / MS + " ms must leave the projected 1,000 ms and"
                + " a reserve behind it");
        assertTrue(gate <= 1_300 * MS, "G " + gate / MS + " ms: the budget should not be far above what is needed");
        assertEquals(first.gate() + D, first.deadline(), "D is always G + d");
    }

    @Test
    void aNoisyEarlyProjectionCannotMoveTheGateBeyondTwiceTheTimeSpentSoFar() {
        FirstDeadline first = new FirstDeadline(START, D);
        first.keepAhead(START + 30 * MS, 100, 10_000); // 30 ms for 1%: 3 s projected, maybe a stall
        assertEquals(2 * 30 * MS + 2 * RESERVE, first.gateNanos());
    }

    @Test
    void aPostponementMovesTheGateAtLeastTwoReservesSoAStaleHerdWakesClearOfTheFinalDeadline() {
        FirstDeadline first = new FirstDeadline(START, D);
        long before = first.gateNanos();
        first.keepAhead(START + 2 * RESERVE - MS, 1, 2); // the gate is a millisecond away, spawning not done
        assertTrue(first.gateNanos() >= before + 2 * RESERVE, "moved only " + (first.gateNanos() - before) / MS + " ms");
    }

    @Test
    void onceEveryTaskIsReadyTheGateStaysEvenIfItIsNear() {
        FirstDeadline first = new FirstDeadline(START, D);
        first.keepAhead(START + 2 * RESERVE - MS, 10_000, 10_000);
        assertEquals(START + 2 * RESERVE, first.gate());
    }

    @Test
    void neverMovesEarlier() {
        FirstDeadline first = new FirstDeadline(START, D);
        first.keepAhead(START + 30 * MS, 100, 10_000);
        long postponed = first.deadline();
        assertTrue(postponed > START + 2 * RESERVE + D);
        first.keepAhead(START + 31 * MS, 9_999, 10_000); // spawning sped up: D stays where it was
        assertEquals(postponed, first.deadline());
    }

    @Test
    void aTaskWakingBeforeTheDeadlineItIsGivenSleepsOnAndSettlesNothing() {
        FirstDeadline first = new FirstDeadline(START, D);
        long read = first.deadline();
        first.keepAhead(START + 30 * MS, 100, 10_000); // postponed while the task slept towards `read`
        long now = first.settle(read); // the task woke at the old D
        assertEquals(first.deadline(), now, "the task is told the postponed deadline");
        assertTrue(now - read > 0);
        assertFalse(first.settled());
    }

    @Test
    void theFirstTaskToWakeAtTheDeadlineSettlesItAndPostponingStops() {
        FirstDeadline first = new FirstDeadline(START, D);
        long d = first.deadline();
        assertEquals(d, first.settle(d + 5 * MS));
        assertTrue(first.settled());
        first.keepAhead(d + 6 * MS, 1, 10_000); // a spawn far behind: too late, D is final
        assertEquals(d, first.deadline(), "a settled deadline does not move");
        assertEquals(d, first.settle(d + 7 * MS), "every later task is told the same D");
    }

    @Test
    void worksAcrossTheOverflowOfNanoTime() {
        long start = Long.MAX_VALUE - 10 * MS;
        FirstDeadline first = new FirstDeadline(start, D);
        assertTrue(first.deadline() - start > 0, "D after the start, compared by difference as nanoTime must be");
        long d = first.deadline();
        assertEquals(d, first.settle(d));
        assertTrue(first.settled());
    }

    @Test
    void aSleepMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new FirstDeadline(START, 0));
    }
}
