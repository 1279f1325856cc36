package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * At a fixed rate every message the schedule intended before the end of the load is accounted for:
 * answered (in the latency histogram), unanswered (counted, and in the histogram at the latency it
 * reached), lost with a failed connection (counted), or the one message a connection's failure hit.
 * Each test checks that sum exactly against the schedule, so a message dropped anywhere fails it.
 *
 * <p>No assertion depends on speed: a slow machine changes how many messages there are, not the sum.
 */
class NothingDroppedTest {

    /** 4 connections at 400/s: each connection's messages are due every 10 ms. */
    private static final int CONNECTIONS = 4;
    private static final int RATE = 400;
    private static final long INTERVAL_NANOS = 10_000_000L;

    private static LoadSpec spec(SyntheticEchoServer server, Duration timeout) {
        return new LoadSpec(server.address(), CONNECTIONS, 64, LoadMode.FIXED_RATE, RATE, 1, 0, timeout);
    }

    @Test
    void aHealthyServerAnswersEverythingIntendedBeforeTheEnd() throws Exception {
        try (SyntheticEchoServer server = new SyntheticEchoServer();
             LoadGenerator g = LoadGenerator.connect(spec(server, Duration.ofSeconds(10)), Duration.ofSeconds(10))) {
            g.start();
            Thread.sleep(300);
            LoadSnapshot first = g.snapshot();
            Thread.sleep(200);
            // the end waits for whatever is in flight: nothing outstanding is dropped
            LoadSnapshot last = g.finish(Duration.ofSeconds(10));
            assertEquals(0, last.errorCountTotal(), "errors: " + last.errorsTotal());
            assertEquals(0, last.unansweredTotal(), "a healthy server answers within the grace period");
            assertEquals(g.intendedBeforeEnd(), last.completedTotal(), "every message intended before the end");
            assertEquals(last.completedTotal(), first.latency().getTotalCount() + last.latency().getTotalCount(),
                    "the intervals hold every completed message, none lost at the cut");
            assertEquals(first.latency().getEndTimeStamp(), last.latency().getStartTimeStamp(), "intervals abut");
            assertEquals(CONNECTIONS, last.openConnections(), "finish leaves the connections open until close");
        }
    }

    @Test
    void aMessageOutstandingAtTheEndIsCountedNotDropped() throws Exception {
        long graceMillis = 200;
        try (SyntheticEchoServer server = new SyntheticEchoServer();
             LoadGenerator g = LoadGenerator.connect(spec(server, Duration.ofSeconds(30)), Duration.ofSeconds(10))) {
            g.start();
            Thread.sleep(300);
            server.stall(5_000); // every echo stops; the load ends during the stall
            Thread.sleep(300);
            LoadSnapshot last = g.finish(Duration.ofMillis(graceMillis));
            assertEquals(0, last.errorCountTotal(), "errors: " + last.errorsTotal());
            assertTrue(last.unansweredTotal() >= CONNECTIONS,
                    "each connection had a message outstanding at the end: unanswered " + last.unansweredTotal());
            assertEquals(g.intendedBeforeEnd(), last.completedTotal() + last.unansweredTotal(),
                    "answered + unanswered = everything intended before the end");
            // each unanswered message waited at least the grace period after the end: it is in the tail
            Histogram h = last.latency();
            long atLeastGrace = h.getTotalCount() - h.getCountBetweenValues(0, graceMillis * 1_000_000L - 1);
            assertTrue(atLeastGrace >= last.unanswered(), "unanswered messages recorded at the latency they reached: "
                    + atLeastGrace + " of " + last.unanswered() + " are >= " + graceMillis + " ms");
            assertEquals(last.unansweredTotal(), last.unanswered(), "all of them in the last interval");
        }
    }

    @Test
    void aConnectionKilledMidRunShowsItsLostSchedule() throws Exception {
        try (SyntheticEchoServer server = new SyntheticEchoServer();
             LoadGenerator g = LoadGenerator.connect(spec(server, Duration.ofSeconds(30)), Duration.ofSeconds(10))) {
            g.start();
            Thread.sleep(200);
            server.closeOne();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (g.openConnections() == CONNECTIONS && System.nanoTime() < deadline) {
                Thread.sleep(5); // until the generator has seen the connection go
            }
            Thread.sleep(300);
            LoadSnapshot middle = g.snapshot();
            Thread.sleep(300);
            LoadSnapshot last = g.finish(Duration.ofSeconds(10));

            long failures = last.errorsTotal().get(ErrorKind.EOF) + last.errorsTotal().get(ErrorKind.RESET);
            assertEquals(1, failures, "the killed connection is one error: " + last.errorsTotal());
            assertEquals(1, last.errorCountTotal(), "and the only one: " + last.errorsTotal());
            assertEquals(CONNECTIONS - 1, last.openConnections());
            // its schedule went on for 600 ms after the kill was seen, one send due every 10 ms
            assertTrue(last.lostSends() > 0 && middle.lostSends() > 0,
                    "lost sends in both intervals after the kill: " + middle.lostSends() + ", " + last.lostSends());
            assertEquals(last.lostSendsTotal(), middle.lostSends() + last.lostSends(), "intervals add up to the total");
            long accounted = last.completedTotal() + last.unansweredTotal() + last.lostSendsTotal();
            long hitByFailure = g.intendedBeforeEnd() - accounted;
            assertTrue(hitByFailure == 0 || hitByFailure == 1, "intended " + g.intendedBeforeEnd() + " = completed "
                    + last.completedTotal() + " + unanswered " + last.unansweredTotal() + " + lost "
                    + last.lostSendsTotal() + " + the message the failure hit (0 or 1), not " + hitByFailure);
        }
    }

    @Test
    void aMessageThatNeverComesBackTimesOutAndItsScheduleIsLost() throws Exception {
        try (SyntheticEchoServer server = new SyntheticEchoServer();
             LoadGenerator g = LoadGenerator.connect(spec(server, Duration.ofMillis(100)), Duration.ofSeconds(10))) {
            g.start();
            Thread.sleep(200);
            server.stall(60_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (g.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            LoadSnapshot last = g.finish(Duration.ofMillis(100));
            assertEquals(CONNECTIONS, (long) last.errorsTotal().get(ErrorKind.TIMEOUT), "errors: " + last.errorsTotal());
            assertEquals(CONNECTIONS, last.unansweredTotal(), "each timed-out message is unanswered");
            assertTrue(last.lostSendsTotal() > 0, "what the dead connections had due is lost");
            long accounted = last.completedTotal() + last.unansweredTotal() + last.lostSendsTotal();
            assertEquals(g.intendedBeforeEnd(), accounted, "completed + unanswered + lost = intended");
            assertTrue(last.latency().getMaxValue() >= 100_000_000L,
                    "a timed-out message is recorded at its timeout at least: " + last.latency().getMaxValue() / 1e6 + " ms");
        }
    }

    @Test
    void lostSendsCountTheScheduleUpToTheEnd() {
        LostSends lost = new LostSends();
        lost.add(1_000, 10);
        assertEquals(0, lost.upTo(1_000), "nothing is due before the first send");
        assertEquals(1, lost.upTo(1_001));
        assertEquals(1, lost.upTo(1_010));
        assertEquals(2, lost.upTo(1_011));
        lost.add(2_000, 100);
        assertEquals(101 + 1, lost.upTo(2_001));
        lost.endAt(1_500);
        assertEquals(50, lost.upTo(9_999), "nothing after the end is lost");
        assertEquals(INTERVAL_NANOS, LoadSpec.fixedRate(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9),
                CONNECTIONS, 64, RATE, 1).perConnectionIntervalNanos(), "the interval these tests assume");
    }
}
