package org.loopbench.harness.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.HdrHistogram.Recorder;

/**
 * One generator thread: a selector over its share of the connections, sending, reading and verifying.
 *
 * <p>Pacing (fixed rate): idle connections wait in a schedule ordered by due time. The selector sleeps
 * until about a millisecond before the next due time (its timeout has millisecond resolution), then the
 * loop polls with {@code selectNow} and short parks, so messages leave within tens of microseconds of
 * their intended time instead of up to a millisecond late. Whatever lateness remains is the generator's
 * own and is recorded per interval ({@code send.lag.*}); because latency is measured from the intended
 * time, it can only make results look worse, never hide a stall.
 *
 * <p>Nothing due is dropped. A message is charged from its intended time until its echo arrives; if it
 * never does, until it times out ({@link LoadSpec#messageTimeout()}, also counted from the intended time)
 * or until the load ends ({@link #finish}): then it is <i>unanswered</i>, recorded at the latency it had
 * reached (a lower bound) so that a stall at the very end still lands in the tail. A connection that fails
 * loses the rest of its schedule ({@link LostSends}).
 *
 * <p>Selected keys are handed to a callback ({@link Selector#select(java.util.function.Consumer, long)})
 * rather than collected in the selector's key set: with thousands of connections ready at once, adding
 * each to a hash set and removing it again is a per-message cost the generator does not need to pay.
 *
 * <p>Every loop is bounded: it ends when {@link #stop()} is called, and its {@code select} never blocks
 * longer than {@link #MAX_BLOCK_MILLIS}.
 */
final class IoLoop implements Runnable {

    private static final long MAX_BLOCK_MILLIS = 10;
    private static final long POLL_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long POLL_PARK_NANOS = 20_000;
    private static final long TIMEOUT_SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Selector selector;
    private final List<Connection> connections;
    private final Payload payload;
    private final boolean fixedRate;
    private final long intervalNanos;
    private final double nanosPerMessage;
    private final long timeoutNanos;
    private final Recorder latency;
    private final LoadCounters counters;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    /** Positioned over the expected bytes of each read: verifying allocates nothing. */
    private final ByteBuffer expected;
    /** One instance for every select (a method reference per call would allocate each time). */
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final PriorityQueue<Connection> schedule =
            new PriorityQueue<>(Comparator.comparingLong((Connection c) -> c.nextDueNanos));
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Thread thread;
    private long startNanos;
    /** Messages sent and not yet answered or given up on; loop thread only. */
    private int inFlight;

    /** Set by {@link #finish}: {@link #graceNanos} before {@link #finishRequested}. */
    private volatile long graceNanos;
    private volatile boolean finishRequested;
    /**
     * Loop thread only. The end is taken by the loop itself when it sees the request, between two
     * sends, so no message it ever sent was intended at or after the end.
     */
    private boolean finishing;
    private long endNanos;
    private long graceDeadlineNanos;
    private volatile long endedAtNanos = Long.MIN_VALUE;
    /** This thread's CPU time as it ended, for the last snapshot's busy figure; -1 while it runs. */
    private volatile long cpuAtEndNanos = -1;
    private boolean done;

    IoLoop(List<Connection> connections, Payload payload, LoadSpec spec, Recorder latency, LoadCounters counters)
            throws IOException {
        this.selector = Selector.open();
        this.connections = new ArrayList<>(connections);
        this.payload = payload;
        this.expected = payload.view();
        this.fixedRate = spec.mode() == LoadMode.FIXED_RATE;
        this.intervalNanos = fixedRate ? spec.perConnectionIntervalNanos() : 0;
        this.nanosPerMessage = fixedRate ? 1e9 / spec.ratePerSecond() : 0;
        this.timeoutNanos = spec.messageTimeout().toNanos();
        this.latency = latency;
        this.counters = counters;
        for (Connection c : this.connections) {
            c.channel.configureBlocking(false);
            c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
        }
    }

    /** Fixed rate: when connection {@code index}'s first message is due (i / rate: the total rate is smooth). */
    static long firstDue(long startNanos, int index, double nanosPerMessage) {
        return startNanos + Math.round(index * nanosPerMessage);
    }

    /** Starts the thread; the first messages are due at {@code startNanos} (fixed rate: staggered from it). */
    void start(long startNanos, String threadName) {
        this.startNanos = startNanos;
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (Connection c : connections) {
                if (fixedRate) {
                    c.nextDueNanos = firstDue(startNanos, c.index, nanosPerMessage);
                    schedule.add(c);
                } else {
                    send(c, now, now);
                }
            }
            long nextScan = now + TIMEOUT_SCAN_NANOS;
            while (running) {
                if (finishRequested && !finishing) {
                    endNanos = System.nanoTime();
                    graceDeadlineNanos = endNanos + graceNanos;
                    finishing = true;
                    endedAtNanos = endNanos;
                }
                waitForWork();
                if (fixedRate) {
                    sendDue();
                }
                now = System.nanoTime();
                if (now - nextScan >= 0) {
                    scanTimeouts(now);
                    nextScan = now + TIMEOUT_SCAN_NANOS;
                }
                if (finishing && settleIfDone()) {
                    return; // connections stay open: the final snapshot still counts them
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            System.err.println("loopbench: load generator thread " + Thread.currentThread().getName() + " failed: " + e);
        } finally {
            if (!done) {
                closeAll();
            }
            cpuAtEndNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            settled.countDown();
        }
    }

    private void waitForWork() throws IOException {
        Connection next = fixedRate ? schedule.peek() : null;
        if (next == null) {
            selector.select(onSelected, MAX_BLOCK_MILLIS);
            return;
        }
        long wait = next.nextDueNanos - System.nanoTime();
        if (wait > POLL_WINDOW_NANOS) {
            long millis = Math.min(MAX_BLOCK_MILLIS, (wait - POLL_WINDOW_NANOS) / 1_000_000);
            selector.select(onSelected, Math.max(1, millis));
        } else if (wait > 0) {
            if (selector.selectNow(onSelected) == 0) {
                LockSupport.parkNanos(Math.min(wait, POLL_PARK_NANOS));
            }
        } else {
            selector.selectNow(onSelected);
        }
    }

    private void onSelected(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        int ready = key.readyOps(); // read once: handling the read may cancel the key
        if ((ready & SelectionKey.OP_READ) != 0) {
            onReadable(c);
        }
        if ((ready & SelectionKey.OP_WRITE) != 0 && !c.closed) {
            write(c);
        }
    }

    private void send(Connection c, long intendedNanos, long now) {
        c.patternOffset = Payload.offset(c.index, c.sequence);
        c.received = 0;
        c.awaiting = true;
        inFlight++;
        c.intendedNanos = intendedNanos;
        payload.select(c.out, c.patternOffset);
        write(c);
    }

    private void write(Connection c) {
        if (c.closed) {
            return;
        }
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            fail(c, ErrorKind.RESET);
            return;
        }
        int wanted = c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (c.key.interestOps() != wanted) {
            c.key.interestOps(wanted);
        }
    }

    private void onReadable(Connection c) {
        readBuffer.clear();
        int n;
        try {
            n = c.channel.read(readBuffer);
        } catch (IOException e) {
            fail(c, ErrorKind.RESET);
            return;
        }
        if (n < 0) {
            fail(c, ErrorKind.EOF);
            return;
        }
        if (n == 0) {
            return;
        }
        if (!c.awaiting || c.received + n > payload.size()) {
            fail(c, ErrorKind.EXCESS);
            return;
        }
        readBuffer.flip();
        if (!payload.matches(readBuffer, c.patternOffset + c.received, expected)) {
            fail(c, ErrorKind.MISMATCH);
            return;
        }
        c.received += n;
        if (c.received == payload.size()) {
            complete(c);
        }
    }

    private void complete(Connection c) {
        long now = System.nanoTime();
        // fixed rate: from the intended send time (coordinated omission corrected); saturation: from the send
        latency.recordValue(Math.max(0, now - c.intendedNanos));
        counters.completed.increment();
        c.awaiting = false;
        inFlight--;
        c.sequence++;
        if (!running) {
            return;
        }
        if (!fixedRate) {
            if (!finishing) {
                send(c, now, now);
            }
            return;
        }
        long next = c.intendedNanos + intervalNanos;
        c.nextDueNanos = next;
        if (finishing && next - endNanos >= 0) {
            return; // due after the load's end: never sent, never counted
        }
        if (next - now <= 0) {
            send(c, next, now); // behind schedule: send at once, its latency still counts from `next`
        } else {
            schedule.add(c);
        }
    }

    private void sendDue() {
        Connection c;
        while ((c = schedule.peek()) != null) {
            if (finishing && c.nextDueNanos - endNanos >= 0) {
                schedule.clear(); // ordered by due time: everything left is due after the end
                return;
            }
            long now = System.nanoTime();
            if (c.nextDueNanos - now > 0) {
                return;
            }
            schedule.poll();
            if (!c.closed) {
                counters.sendLag.recordValue(now - c.nextDueNanos);
                send(c, c.nextDueNanos, now);
            }
        }
    }

    /** Timeouts count from the intended send: a message due 30 s ago has waited 30 s, sent or not. */
    private void scanTimeouts(long now) {
        for (Connection c : connections) {
            if (!c.closed && c.awaiting && now - c.intendedNanos > timeoutNanos) {
                unanswered(c.intendedNanos, now);
                fail(c, ErrorKind.TIMEOUT);
            }
        }
    }

    /** A message given up on: counted, and recorded at the latency it reached (a lower bound). */
    private void unanswered(long intendedNanos, long now) {
        counters.unanswered.increment();
        latency.recordValue(Math.max(0, now - intendedNanos));
    }

    /** Counts the error, closes the connection, and writes off its schedule; the run goes on with the others. */
    private void fail(Connection c, ErrorKind kind) {
        if (c.closed) {
            return;
        }
        if (fixedRate) {
            // the failing message is the error; everything after it that was due or would have been is lost
            counters.lostSends.add(c.awaiting ? c.intendedNanos + intervalNanos : c.nextDueNanos, intervalNanos);
        }
        if (c.awaiting) {
            c.awaiting = false;
            inFlight--;
        }
        c.closed = true;
        counters.error(kind);
        counters.open.decrementAndGet();
        c.key.cancel();
        closeQuietly(c);
    }

    /**
     * Ends the load as soon as the loop sees this (its end, {@link #endedAtNanos()}): nothing due from then
     * on is sent; messages due before it are still sent (a connection behind schedule catches up) and
     * answered for up to {@code graceNanos}. What is still unanswered then is counted as such, each message
     * recorded at the latency it had reached. The connections stay open until {@link #release()}. Returns
     * at once; see {@link #awaitSettled}.
     */
    void finish(long graceNanos) {
        this.graceNanos = graceNanos;
        finishRequested = true;
        selector.wakeup();
    }

    /** Where this loop ended the load (System.nanoTime); {@link Long#MIN_VALUE} before it did. */
    long endedAtNanos() {
        return endedAtNanos;
    }

    /** The thread's CPU time when it ended (nanoseconds); -1 while it runs or where the JVM cannot tell. */
    long cpuAtEndNanos() {
        return cpuAtEndNanos;
    }

    /** Whether the loop settled (or ended) within {@code millis}. */
    boolean awaitSettled(long millis) throws InterruptedException {
        return settled.await(millis, TimeUnit.MILLISECONDS);
    }

    private boolean settleIfDone() {
        long now = System.nanoTime();
        // sendDue has sent everything due before the end (it lies in the past) and dropped the rest
        if (inFlight > 0 && now - graceDeadlineNanos < 0) {
            return false;
        }
        for (Connection c : connections) {
            if (c.closed || !c.awaiting) {
                continue;
            }
            unanswered(c.intendedNanos, now);
            if (fixedRate) {
                // due while this one was outstanding, never sent: at least as late as of now
                for (long t = c.intendedNanos + intervalNanos; t - endNanos < 0; t += intervalNanos) {
                    unanswered(t, now);
                }
            }
            c.awaiting = false;
            inFlight--;
        }
        done = true;
        return true;
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    void join(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    /** Closes the connections and the selector, after the thread ended (or if it never started). Idempotent. */
    void release() {
        closeAll();
    }

    private void closeAll() {
        for (Connection c : connections) {
            if (!c.closed) {
                c.closed = true;
                counters.open.decrementAndGet();
                closeQuietly(c);
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the selector is gone either way
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
