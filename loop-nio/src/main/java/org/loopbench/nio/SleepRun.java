package org.loopbench.nio;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.InjectedDelay;

/**
 * One run of the sleep workload on the loops, in the event-loop idiom: a task is a small object whose
 * "sleep" is a timer on its loop and whose "wake-up" is that timer's callback.
 *
 * <ol>
 *   <li><b>Spawn</b> (timed as {@code spawnNanos}): the calling thread submits each task to a loop with
 *       {@link EventLoop#execute}, round-robin, the way code outside a loop hands work to it. On arrival
 *       a task joins its loop's {@link Segment} and waits there: it exists, and holds no timer yet.</li>
 *   <li><b>Gate</b>: a barrier task per loop, queued after that loop's last task, tells the caller that
 *       every task has arrived (the queue is FIFO). Only then is the gate opened, so "N concurrent" is
 *       true.</li>
 *   <li><b>Run</b> (timed as {@code runNanos}): each loop arms its tasks' first sleep, in chunks of
 *       {@value #ARM_CHUNK} so that timers already due and I/O are served meanwhile. Every first sleep is
 *       due at one deadline D = "gate opened + d", however late its loop got round to arming it: a loop
 *       that needs 20 s to arm a million timers shows those 20 s as lateness instead of hiding them (the
 *       coordinated-omission trap). Arming is no release chain: no task has to be woken to reach its
 *       sleep, the loop only files timers, so the first wake-ups come in the timer heap's order (the rule
 *       of {@link org.loopbench.api.AsyncRuntime#runSleepers}). The first wake-up of each task is reported
 *       through {@link LatenessRecorder#recordFirst}, with D. Every wake-up records
 *       {@code System.nanoTime()} in the callback minus the deadline, then re-arms for "that wake-up + d"
 *       with the same object: nothing is allocated per sleep. A loop that has finished all its tasks
 *       reports the time; the run ends at the last one.</li>
 * </ol>
 * An {@link InjectedDelay} (only for proving the compare step) is burnt on the loop thread in each wake-up's
 * callback, after its lateness is recorded and before the task re-arms, which it then does for "end of the
 * burn + d": the run gets longer, the recorded lateness is not faked (the loop's other timers do wait for
 * the burn, as they would for a slower callback).
 * On timeout, failure of the recorder, or close, the run is cancelled: each loop disarms its tasks'
 * timers, so that {@code pendingTimers} drops back to zero.
 *
 * <p>Each loop counts its own tasks and wake-ups ({@link Segment}); nothing is shared between loops per
 * wake-up except the caller's recorder.
 */
final class SleepRun {

    static final int ARM_CHUNK = 4096;
    private static final int TIMEOUT_CHECK_EVERY = 4096;
    private static final long CANCEL_PATIENCE_MILLIS = 10_000;

    private final SleepWorkload workload;
    private final LatenessRecorder recorder;
    private final InjectedDelay injectedDelay;
    private final Segment[] segments;
    private final CountDownLatch arrived;
    private final CountDownLatch finished;
    private volatile boolean aborted;
    private volatile RuntimeException failure;
    private volatile String abortReason = "";

    SleepRun(SleepWorkload workload, LatenessRecorder recorder, EventLoop[] loops, InjectedDelay injectedDelay) {
        this.workload = workload;
        this.recorder = recorder;
        this.injectedDelay = injectedDelay;
        this.segments = new Segment[loops.length];
        for (int i = 0; i < loops.length; i++) {
            segments[i] = new Segment(loops[i]);
        }
        this.arrived = new CountDownLatch(loops.length);
        this.finished = new CountDownLatch(loops.length);
    }

    SleepReport run() throws InterruptedException, TimeoutException {
        int n = workload.tasks();
        long spawnStart = System.nanoTime();
        long timeoutAt = spawnStart + workload.timeout().toNanos();
        boolean completed = false;
        try {
            spawn(n, timeoutAt);
            for (Segment s : segments) {
                s.loop.execute(s.barrier());
            }
            await(arrived, timeoutAt, () -> String.format("%,d sleepers did not all reach the start gate within %s",
                    n, workload.timeout()));
            long gateOpen = System.nanoTime();
            for (Segment s : segments) {
                s.loop.execute(s.openGate(gateOpen));
            }
            await(finished, timeoutAt, () -> String.format("sleep run of %,d x %d x %s did not finish within %s;"
                    + " %,d tasks still running", n, workload.sleepsPerTask(), workload.sleepDuration(),
                    workload.timeout(), tasksStillRunning()));
            long lastFinish = gateOpen;
            long wakeUps = 0;
            for (Segment s : segments) { // the finished latch makes the loops' writes visible here
                if (s.finishedAt - lastFinish > 0) {
                    lastFinish = s.finishedAt;
                }
                wakeUps += s.wakeUps;
            }
            completed = true;
            return new SleepReport(n, n, gateOpen - spawnStart, lastFinish - gateOpen, wakeUps, "");
        } finally {
            if (!completed) {
                cancel();
            }
        }
    }

    private void spawn(int n, long timeoutAt) throws TimeoutException {
        int next = 0;
        for (int i = 0; i < n; i++) {
            Segment s = segments[next];
            next = next + 1 == segments.length ? 0 : next + 1;
            s.loop.execute(new SleepTask(s, workload.sleepsPerTask()));
            if (i % TIMEOUT_CHECK_EVERY == TIMEOUT_CHECK_EVERY - 1) {
                throwIfAborted();
                if (System.nanoTime() - timeoutAt > 0) {
                    throw new TimeoutException(String.format("spawning %,d sleepers did not finish within %s"
                            + " (%,d submitted)", n, workload.timeout(), i + 1));
                }
            }
        }
    }

    /** Ends the run from outside (the runtime is closing): the caller gets an IllegalStateException. */
    void abort(String reason) {
        abortReason = reason;
        aborted = true;
        release();
    }

    private void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        abort("the lateness recorder failed: " + e);
    }

    private void release() {
        while (arrived.getCount() > 0) {
            arrived.countDown();
        }
        while (finished.getCount() > 0) {
            finished.countDown();
        }
    }

    private void await(CountDownLatch latch, long timeoutAt, java.util.function.Supplier<String> timeoutMessage)
            throws InterruptedException, TimeoutException {
        if (!latch.await(Math.max(0, timeoutAt - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException(timeoutMessage.get());
        }
        throwIfAborted();
    }

    private void throwIfAborted() {
        if (failure != null) {
            throw failure;
        }
        if (aborted) {
            throw new IllegalStateException(abortReason);
        }
    }

    private long tasksStillRunning() {
        long live = 0;
        for (Segment s : segments) {
            live += s.live.get();
        }
        return live;
    }

    /** Disarms every task's timer on every loop and waits (bounded) until that is done. */
    private void cancel() {
        aborted = true;
        CountDownLatch cancelled = new CountDownLatch(segments.length);
        for (Segment s : segments) {
            s.loop.execute(new LoopTask() {
                @Override
                public void run() {
                    s.cancel();
                    cancelled.countDown();
                }

                @Override
                public void abandon() {
                    cancelled.countDown(); // the loop ended and dropped its timers itself
                }
            });
        }
        try {
            if (!cancelled.await(CANCEL_PATIENCE_MILLIS, TimeUnit.MILLISECONDS)) {
                System.err.println("loopbench: cancelling a sleep run took longer than " + CANCEL_PATIENCE_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The tasks of this run on one loop. Fields are the loop's, except {@link #live} (read by others). */
    private final class Segment {

        final EventLoop loop;
        /** Arrived tasks, newest first, linked through {@link SleepTask#next}. */
        SleepTask first;
        /** Arms this loop's first sleeps once the gate has opened here; null before. */
        Gate gate;
        final SingleWriterCounter live = new SingleWriterCounter();
        long wakeUps;
        long finishedAt;
        boolean cancelled;

        Segment(EventLoop loop) {
            this.loop = loop;
        }

        void arrive(SleepTask task) {
            if (cancelled) {
                return;
            }
            task.next = first;
            first = task;
            live.add(1);
            loop.sleepTasks().add(1);
        }

        LoopTask barrier() {
            return new LoopTask() {
                @Override
                public void run() {
                    arrived.countDown(); // FIFO queue: every task queued before this one has arrived
                }

                @Override
                public void abandon() {
                    arrived.countDown();
                }
            };
        }

        LoopTask openGate(long gateOpen) {
            return new Gate(this, gateOpen);
        }

        void wake(long lateness) {
            try {
                recorder.record(lateness);
            } catch (RuntimeException e) {
                fail(e);
            }
            wakeUps++;
        }

        void wakeFirst(long firstDeadline, long now) {
            try {
                recorder.recordFirst(firstDeadline, now);
            } catch (RuntimeException e) {
                fail(e);
            }
            wakeUps++;
        }

        void taskDone() {
            live.add(-1);
            loop.sleepTasks().add(-1);
            if (live.get() == 0) {
                segmentDone();
            }
        }

        private void segmentDone() {
            finishedAt = System.nanoTime();
            finished.countDown();
        }

        void cancel() {
            cancelled = true;
            if (gate != null) {
                loop.cancel(gate);
            }
            for (SleepTask t = first; t != null; t = t.next) {
                loop.cancel(t);
            }
            loop.sleepTasks().add(-live.get());
            live.set(0);
        }
    }

    /**
     * Arms one loop's first sleeps, {@value #ARM_CHUNK} at a time. It first runs as a queued task (the gate
     * opening); between chunks it waits as a timer due at once, which fires in the loop's next iteration,
     * after {@code select} has served I/O and after the sleepers already due. A queued task would not do:
     * the loop drains up to {@value EventLoop#TASKS_PER_ITERATION} tasks per iteration, so re-queuing itself
     * would arm every chunk in one go while due timers wait.
     */
    private final class Gate extends LoopTimer implements LoopTask {

        private final Segment segment;
        /** Every first sleep is due at this plus d, whenever it is armed. */
        private final long firstDeadline;
        /** Where arming stopped at the end of the last chunk; null once all are armed. */
        private SleepTask cursor;

        Gate(Segment segment, long gateOpen) {
            this.segment = segment;
            this.firstDeadline = gateOpen + workload.sleepNanos();
        }

        /** The gate opens on this loop. */
        @Override
        public void run() {
            if (segment.cancelled) {
                return;
            }
            if (segment.first == null) {
                segment.segmentDone(); // this loop got no tasks (fewer tasks than loops)
                return;
            }
            segment.gate = this; // so that a cancel can disarm it between chunks
            cursor = segment.first;
            armChunk(segment.loop);
        }

        @Override
        public void abandon() {
            // the loop ended: the run was aborted by close()
        }

        @Override
        void onTimer(EventLoop loop) {
            if (!segment.cancelled) {
                armChunk(loop);
            }
        }

        private void armChunk(EventLoop loop) {
            SleepTask t = cursor;
            for (int i = 0; i < ARM_CHUNK && t != null; i++, t = t.next) {
                loop.schedule(t, firstDeadline);
            }
            cursor = t;
            if (t != null) {
                loop.schedule(this, System.nanoTime()); // the rest in the next iteration
            }
        }
    }

    /** One sleeper: k sleeps of d, each a timer on its loop, re-armed in place. */
    private final class SleepTask extends LoopTimer implements LoopTask {

        private final Segment segment;
        private int sleepsLeft;
        SleepTask next;

        SleepTask(Segment segment, int sleeps) {
            this.segment = segment;
            this.sleepsLeft = sleeps;
        }

        /** Arrival on the loop: the task now exists, waiting at the gate. */
        @Override
        public void run() {
            segment.arrive(this);
        }

        @Override
        public void abandon() {
            // the loop ended before the task arrived: the run was aborted by close()
        }

        @Override
        void onTimer(EventLoop loop) {
            long now = System.nanoTime();
            if (now - deadline < 0) { // the heap never does this; kept so that lateness can never be negative
                loop.schedule(this, deadline);
                return;
            }
            if (segment.cancelled || aborted) {
                return; // a cancel is on its way and will account for this task
            }
            if (sleepsLeft == workload.sleepsPerTask()) {
                segment.wakeFirst(deadline, now);
            } else {
                segment.wake(now - deadline);
            }
            long goesOn = injectedDelay.burnAfterWakeUp(now); // now itself unless slowed on purpose
            if (--sleepsLeft == 0) {
                segment.taskDone();
            } else {
                // requested at the wake-up, not after recording it; when slowed on purpose, at the burn's end
                loop.schedule(this, goesOn + workload.sleepNanos());
            }
        }
    }
}
