package org.loopbench.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One selector loop: a platform thread that owns a {@link Selector}, the channels registered with it,
 * a {@link TimerHeap} and a task queue. Everything a loop owns is touched only by its thread, so none of
 * it needs a lock.
 *
 * <p>Each iteration: wait in {@code select} (no longer than the nearest timer, not at all when tasks are
 * queued), handle the ready channels as the selector reports them, fire the due timers, then run up to
 * {@value #TASKS_PER_ITERATION} queued tasks. Capping the tasks keeps I/O and timers served while another
 * thread floods the queue (spawning a million sleepers).
 *
 * <p><b>Wake-up without spinning.</b> {@link #execute} from another thread calls
 * {@link Selector#wakeup()} only when the loop may be blocked: the loop clears {@code awake} before it
 * re-checks the queue and blocks, the submitter enqueues before it reads {@code awake}. With both being
 * volatile accesses, either the loop sees the task or the submitter sees {@code awake == false} and wakes
 * it (a wake-up issued before {@code select} makes that {@code select} return at once). A loop that is busy
 * costs submitters one volatile read and no system call.
 *
 * <p><b>Timer precision.</b> {@code select} takes whole milliseconds, so the timeout is rounded
 * <em>up</em>: a timer fires up to about 1 ms late, never early. Timers are taken from the heap only when
 * {@code System.nanoTime()} has reached their deadline.
 */
final class EventLoop implements Runnable {

    static final int TASKS_PER_ITERATION = 1024;

    private final int index;
    private final Thread thread;
    private final Selector selector;
    private final Queue<LoopTask> tasks = new ConcurrentLinkedQueue<>();
    /** False only while the loop is about to block, or blocked, in select. */
    private final AtomicBoolean awake = new AtomicBoolean(true);
    private final TimerHeap timers = new TimerHeap();
    private final Consumer<SelectionKey> dispatcher = this::dispatch;
    private final SingleWriterCounter sleepTasks = new SingleWriterCounter();
    private final SingleWriterCounter iterations = new SingleWriterCounter();
    private volatile boolean stopRequested;
    private volatile boolean terminated;
    /** Shared by every connection of this loop: a read is echoed before the next read, see EchoConnection. */
    private ByteBuffer readBuffer = ByteBuffer.allocateDirect(0);

    EventLoop(int index, String threadName) {
        this.index = index;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + threadName + ": " + e.getMessage(), e);
        }
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true); // a runtime someone forgot to close must not keep the JVM alive
    }

    void start() {
        thread.start();
    }

    int index() {
        return index;
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Queues {@code task} to run on this loop; from any thread, never blocks. When the loop has ended,
     * the task is {@link LoopTask#abandon() abandoned} instead (possibly on the calling thread).
     */
    void execute(LoopTask task) {
        tasks.offer(task);
        if (terminated) {
            abandonQueued(); // the loop may have drained its queue before our offer: do it for it
            return;
        }
        if (!awake.get() && !inLoop() && awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Arms {@code timer}; loop thread only. */
    void schedule(LoopTimer timer, long deadline) {
        requireInLoop();
        timers.add(timer, deadline);
    }

    /** Disarms {@code timer} if armed; loop thread only. */
    boolean cancel(LoopTimer timer) {
        requireInLoop();
        return timers.remove(timer);
    }

    /** A direct buffer of at least {@code bytes}; loop thread only. Valid until the next call. */
    ByteBuffer readBuffer(int bytes) {
        if (readBuffer.capacity() < bytes) {
            readBuffer = ByteBuffer.allocateDirect(bytes);
        }
        return readBuffer;
    }

    /**
     * Lets the selector finish closing channels that were closed on this thread: the JDK only releases
     * the socket of a registered channel once the selector has deregistered it, at its next select.
     * Ready channels are handled as usual. Loop thread only, never from inside a handler.
     */
    void flushClosedChannels() throws IOException {
        requireInLoop();
        selector.selectNow(dispatcher);
    }

    /** Sleep tasks alive on this loop (arrived, not finished or cancelled); written on this loop only. */
    SingleWriterCounter sleepTasks() {
        return sleepTasks;
    }

    int pendingTimers() {
        return timers.publishedSize();
    }

    /** Loop iterations so far: lets a test check that an idle loop blocks instead of spinning. */
    long iterations() {
        return iterations.get();
    }

    /** Asks the loop to end; it closes its channels, drops its timers and abandons its queued tasks. */
    void shutdown() {
        stopRequested = true;
        selector.wakeup();
    }

    /** @return whether the thread ended within {@code millis} */
    boolean awaitTermination(long millis) throws InterruptedException {
        if (inLoop()) {
            throw new IllegalStateException("a loop cannot wait for its own end");
        }
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    @Override
    public void run() {
        try {
            while (!stopRequested) {
                iterations.add(1);
                select();
                fireDueTimers();
                runTasks();
            }
        } catch (ClosedSelectorException e) {
            // only closed by cleanUp(): nothing to report
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("loopbench: " + thread.getName() + " stopped on an unexpected error, closing its "
                    + "connections: " + e);
        } finally {
            cleanUp();
        }
    }

    private void select() throws IOException {
        if (!tasks.isEmpty()) {
            selector.selectNow(dispatcher);
            return;
        }
        awake.set(false);
        try {
            if (!tasks.isEmpty() || stopRequested) {
                selector.selectNow(dispatcher);
            } else if (timers.isEmpty()) {
                selector.select(dispatcher); // no timer: wait for I/O, a task or shutdown
            } else {
                long delay = timers.nextDeadline() - System.nanoTime();
                if (delay <= 0) {
                    selector.selectNow(dispatcher);
                } else {
                    selector.select(dispatcher, ceilMillis(delay));
                }
            }
        } finally {
            awake.lazySet(true); // a submitter that reads the stale false only makes one wakeup() too many
        }
    }

    static long ceilMillis(long nanos) {
        return (nanos + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1);
    }

    private void dispatch(SelectionKey key) {
        IoHandler handler = (IoHandler) key.attachment();
        try {
            if (key.isValid()) {
                handler.onReady(key);
            }
        } catch (RuntimeException e) {
            System.err.println("loopbench: " + thread.getName() + ": handler failed, closing its channel: " + e);
            handler.closeNow();
        }
    }

    private void fireDueTimers() {
        if (timers.isEmpty()) {
            return;
        }
        // One clock reading bounds the batch: a timer re-armed for "now + 1 us" waits for the next
        // iteration instead of keeping this loop away from I/O.
        long now = System.nanoTime();
        LoopTimer t;
        while ((t = timers.pollDue(now)) != null) {
            try {
                t.onTimer(this);
            } catch (RuntimeException e) {
                System.err.println("loopbench: " + thread.getName() + ": timer callback failed: " + e);
            }
        }
    }

    private void runTasks() {
        for (int i = 0; i < TASKS_PER_ITERATION; i++) {
            LoopTask task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                System.err.println("loopbench: " + thread.getName() + ": task failed: " + e);
            }
        }
    }

    private void cleanUp() {
        terminated = true;
        abandonQueued();
        try {
            for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
                try {
                    ((IoHandler) key.attachment()).closeNow();
                } catch (RuntimeException e) {
                    System.err.println("loopbench: " + thread.getName() + ": closing a channel failed: " + e);
                }
            }
        } catch (ClosedSelectorException e) {
            // already closed: nothing registered any more
        }
        timers.clear();
        sleepTasks.set(0);
        try {
            selector.close(); // deregisters (and so really closes) every channel closed above
        } catch (IOException e) {
            System.err.println("loopbench: " + thread.getName() + ": closing the selector failed: " + e);
        }
        abandonQueued();
    }

    private void abandonQueued() {
        LoopTask task;
        while ((task = tasks.poll()) != null) {
            try {
                task.abandon();
            } catch (RuntimeException e) {
                System.err.println("loopbench: abandoning a task of " + thread.getName() + " failed: " + e);
            }
        }
    }

    private void requireInLoop() {
        if (!inLoop()) {
            throw new IllegalStateException("must run on " + thread.getName() + ", not on "
                    + Thread.currentThread().getName());
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
