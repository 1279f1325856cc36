package org.loopbench.harness.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;

/**
 * One generator thread: a selector over its share of the connections, sending, reading and verifying.
 *
 * <p>Pacing (fixed rate): idle connections wait in a schedule ordered by due time. The selector sleeps
 * until about a millisecond before the next due time (its timeout has millisecond resolution), then the
 * loop polls with {@code selectNow} and short parks, so messages leave within tens of microseconds of
 * their intended time instead of up to a millisecond late. Whatever lateness remains is the generator's
 * own and is reported ({@code client.send.lag.max}); because latency is measured from the intended time,
 * it can only make results look worse, never hide a stall.
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
    private final PriorityQueue<Connection> schedule =
            new PriorityQueue<>(Comparator.comparingLong((Connection c) -> c.nextDueNanos));
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Thread thread;
    private long startNanos;

    IoLoop(List<Connection> connections, Payload payload, LoadSpec spec, Recorder latency, LoadCounters counters)
            throws IOException {
        this.selector = Selector.open();
        this.connections = new ArrayList<>(connections);
        this.payload = payload;
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
                    // connection i's first message at i / rate: the total rate is smooth from the start
                    c.nextDueNanos = startNanos + Math.round(c.index * nanosPerMessage);
                    schedule.add(c);
                } else {
                    send(c, now, now);
                }
            }
            long nextScan = now + TIMEOUT_SCAN_NANOS;
            while (running) {
                waitForWork();
                handleSelected();
                if (fixedRate) {
                    sendDue();
                }
                now = System.nanoTime();
                if (now - nextScan >= 0) {
                    scanTimeouts(now);
                    nextScan = now + TIMEOUT_SCAN_NANOS;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            System.err.println("loopbench: load generator thread " + Thread.currentThread().getName() + " failed: " + e);
        } finally {
            closeAll();
        }
    }

    private void waitForWork() throws IOException {
        Connection next = fixedRate ? schedule.peek() : null;
        if (next == null) {
            selector.select(MAX_BLOCK_MILLIS);
            return;
        }
        long wait = next.nextDueNanos - System.nanoTime();
        if (wait > POLL_WINDOW_NANOS) {
            long millis = Math.min(MAX_BLOCK_MILLIS, (wait - POLL_WINDOW_NANOS) / 1_000_000);
            selector.select(Math.max(1, millis));
        } else if (wait > 0) {
            if (selector.selectNow() == 0) {
                LockSupport.parkNanos(Math.min(wait, POLL_PARK_NANOS));
            }
        } else {
            selector.selectNow();
        }
    }

    private void handleSelected() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Connection c = (Connection) key.attachment();
            if (key.isValid() && key.isReadable()) {
                onReadable(c);
            }
            if (key.isValid() && key.isWritable()) {
                write(c);
            }
        }
    }

    private void send(Connection c, long intendedNanos, long now) {
        c.patternOffset = Payload.offset(c.index, c.sequence);
        c.received = 0;
        c.awaiting = true;
        c.intendedNanos = intendedNanos;
        c.sentNanos = now;
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
        if (!payload.matches(readBuffer, c.patternOffset + c.received)) {
            fail(c, ErrorKind.MISMATCH);
            return;
        }
        c.received += n;
        counters.bytesReceived.add(n);
        if (c.received == payload.size()) {
            complete(c);
        }
    }

    private void complete(Connection c) {
        long now = System.nanoTime();
        // fixed rate: from the intended send time (coordinated omission corrected); saturation: from the send
        latency.recordValue(Math.max(0, now - (fixedRate ? c.intendedNanos : c.sentNanos)));
        counters.completed.increment();
        c.awaiting = false;
        c.sequence++;
        if (!running) {
            return;
        }
        if (!fixedRate) {
            send(c, now, now);
            return;
        }
        long next = c.intendedNanos + intervalNanos;
        if (next - now <= 0) {
            send(c, next, now); // behind schedule: send at once, its latency still counts from `next`
        } else {
            c.nextDueNanos = next;
            schedule.add(c);
        }
    }

    private void sendDue() {
        Connection c;
        while ((c = schedule.peek()) != null) {
            long now = System.nanoTime();
            if (c.nextDueNanos - now > 0) {
                return;
            }
            schedule.poll();
            if (!c.closed) {
                counters.sendLag(now - c.nextDueNanos);
                send(c, c.nextDueNanos, now);
            }
        }
    }

    private void scanTimeouts(long now) {
        for (Connection c : connections) {
            if (!c.closed && c.awaiting && now - c.sentNanos > timeoutNanos) {
                fail(c, ErrorKind.TIMEOUT);
            }
        }
    }

    /** Counts the error and closes the connection; the run goes on with the others. */
    private void fail(Connection c, ErrorKind kind) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        c.awaiting = false;
        counters.error(kind);
        counters.open.decrementAndGet();
        c.key.cancel();
        closeQuietly(c);
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

    /** Releases the connections and selector of a loop whose thread never started. */
    void closeUnstarted() {
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
