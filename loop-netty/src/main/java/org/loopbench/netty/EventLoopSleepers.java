package org.loopbench.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;

/**
 * The sleep workload as callbacks: a task is a small object owned by one event loop, and each sleep is an
 * {@link EventLoop#schedule} of that object. No thread waits; the loop's timer queue holds the sleepers.
 *
 * <p><b>Spawn.</b> Tasks are dealt round-robin over the loops and created <em>on</em> their loop, in
 * batches of {@value #BATCH} per submitted job: a million tasks cost a few hundred cross-thread submits,
 * not a million, and a loop never stops serving its connections for longer than one batch. Spawn time
 * runs from the first submit until every batch has created its tasks (all N then exist and wait, so "N
 * concurrent" is true).
 *
 * <p><b>Gate.</b> Opening the gate is one job per loop that schedules the first sleep of its tasks, again
 * a batch at a time with the loop free to fire due timers in between. Every task's first wake-up is
 * requested for one deadline D, the moment the gate opened plus d, not for when its loop got round to
 * scheduling it: the time a loop takes to release its share of the tasks is lateness, shown, not hidden
 * (the coordinated-omission trap). Scheduling is no release chain: no task is woken to reach its sleep,
 * the loop only files timers, so the first wake-ups come in the timer queue's order (the rule of
 * {@link org.loopbench.api.AsyncRuntime#runSleepers}); they are reported through
 * {@link LatenessRecorder#recordFirst}, with D. Each later sleep is requested from the wake-up that ended the previous one:
 * that wake-up plus d.
 *
 * <p><b>Lateness.</b> {@code System.nanoTime()} in the callback minus the requested deadline. Netty's
 * timers run on the loop's own ticker and an I/O wait may end a little before a timer is due; a callback
 * that runs before its deadline is re-armed for the remainder rather than reported, so lateness is never
 * negative and never hides an early wake-up.
 *
 * <p>Every per-task field is touched only by the task's loop thread; cross-thread results travel through
 * the latches (which publish them) and {@link LongAdder}s.
 */
final class EventLoopSleepers {

    /** Tasks created, or first sleeps scheduled, per job on a loop: small enough to keep a loop responsive. */
    static final int BATCH = 4_096;

    private final EventLoopGroup group;
    private final LongAdder liveTasks = new LongAdder();
    private final LongAdder pendingTimers = new LongAdder();
    private final Set<Run> runs = ConcurrentHashMap.newKeySet();

    EventLoopSleepers(EventLoopGroup group) {
        this.group = group;
    }

    long liveTasks() {
        return liveTasks.sum();
    }

    long pendingTimers() {
        return pendingTimers.sum();
    }

    /** Wakes every run still waiting (it then fails saying the runtime closed). */
    void abortAll() {
        for (Run r : runs) {
            r.abort("runtime 'netty' was closed while it was in progress");
        }
    }

    /**
     * Once the group has terminated no task or timer can exist any more (Netty cancelled the timers on
     * shutdown without running them), so the counters are set to what is true.
     */
    void forgetAfterTermination() {
        liveTasks.reset();
        pendingTimers.reset();
    }

    SleepReport run(SleepWorkload w, LatenessRecorder recorder) throws InterruptedException, TimeoutException {
        long timeoutAt = System.nanoTime() + w.timeout().toNanos();
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
        Run run = new Run(w, recorder, loops);
        runs.add(run);
        try {
            long spawnStart = System.nanoTime();
            run.spawn();
            if (!run.arrived.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
                run.abandon();
                throw new TimeoutException("spawning " + w.tasks() + " sleepers did not finish within " + w.timeout());
            }
            run.failIfAborted();
            long gateOpen = System.nanoTime();
            long spawnNanos = gateOpen - spawnStart;
            String capped = run.cappedReason();
            run.openGate(gateOpen);
            if (!run.finished.await(remaining(timeoutAt), TimeUnit.NANOSECONDS)) {
                run.abandon();
                throw new TimeoutException("sleep run of " + w.tasks() + " x " + w.sleepsPerTask() + " x "
                        + w.sleepDuration() + " did not finish within " + w.timeout() + "; "
                        + run.finished.getCount() + " of " + loops.size() + " event loops still had sleeping tasks");
            }
            run.failIfAborted();
            long runNanos = run.tasksCreated() == 0 ? 0 : run.lastFinish() - gateOpen;
            return new SleepReport(w.tasks(), run.tasksCreated(), spawnNanos, runNanos, run.wakeUps(), capped);
        } catch (InterruptedException | RuntimeException e) {
            run.abandon();
            throw e;
        } finally {
            runs.remove(run);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** One call of {@link #run}: its tasks, split into one share per loop. */
    private final class Run {
        final SleepWorkload workload;
        final LatenessRecorder recorder;
        final List<Share> shares = new ArrayList<>();
        final CountDownLatch arrived;
        final CountDownLatch finished;
        final AtomicReference<String> capped = new AtomicReference<>("");
        volatile boolean abandoned;
        final AtomicBoolean dropsSubmitted = new AtomicBoolean();
        final AtomicReference<String> aborted = new AtomicReference<>();
        /** nanoTime the gate opened; written before the gate jobs are submitted, which publishes it to the loops. */
        long gateOpen;

        Run(SleepWorkload workload, LatenessRecorder recorder, List<EventLoop> loops) {
            this.workload = workload;
            this.recorder = recorder;
            int n = workload.tasks();
            int batches = 0;
            for (int i = 0; i < loops.size(); i++) {
                int size = n / loops.size() + (i < n % loops.size() ? 1 : 0);
                shares.add(new Share(this, loops.get(i), size));
                batches += (size + BATCH - 1) / BATCH;
            }
            this.arrived = new CountDownLatch(batches);
            this.finished = new CountDownLatch(loops.size());
        }

        void spawn() {
            for (Share s : shares) {
                for (int from = 0; from < s.tasks.length; from += BATCH) {
                    int first = from;
                    int count = Math.min(BATCH, s.tasks.length - from);
                    execute(s.loop, () -> s.create(first, count));
                }
            }
        }

        void openGate(long openedAt) {
            gateOpen = openedAt;
            for (Share s : shares) {
                execute(s.loop, () -> s.startFrom(0));
            }
        }

        /** Stops the run: tasks not yet sleeping are dropped, sleeping ones end at their next wake-up. */
        void abandon() {
            abandoned = true;
            if (!dropsSubmitted.compareAndSet(false, true)) {
                return;
            }
            for (Share s : shares) {
                try {
                    s.loop.execute(s::dropUnstarted);
                } catch (RejectedExecutionException e) {
                    // the loop is shutting down: the runtime's close() clears the counts
                }
            }
        }

        /** Ends the wait of {@link #run} at once; it then throws, saying why. */
        void abort(String why) {
            aborted.compareAndSet(null, why);
            abandoned = true;
            while (arrived.getCount() > 0) {
                arrived.countDown();
            }
            while (finished.getCount() > 0) {
                finished.countDown();
            }
        }

        void failIfAborted() {
            String why = aborted.get();
            if (why != null) {
                throw new IllegalStateException("the sleep run of " + workload.tasks() + " tasks did not complete: " + why);
            }
        }

        String cappedReason() {
            return capped.get();
        }

        int tasksCreated() {
            int n = 0;
            for (Share s : shares) {
                n += s.created;
            }
            return n;
        }

        long wakeUps() {
            long n = 0;
            for (Share s : shares) {
                n += s.wakeUps;
            }
            return n;
        }

        /** When the last task of any loop finished (nanoTime; compared by difference, as nanoTime must be). */
        long lastFinish() {
            Long last = null;
            for (Share s : shares) {
                if (s.created > 0 && (last == null || s.lastFinish - last > 0)) {
                    last = s.lastFinish;
                }
            }
            return last == null ? System.nanoTime() : last;
        }

        private void execute(EventLoop loop, Runnable job) {
            try {
                loop.execute(job);
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("runtime 'netty' is closing: its event loops refuse new work", e);
            }
        }
    }

    /**
     * The tasks of one run on one loop. Every field is read and written on that loop's thread only, except
     * after {@code finished} (or {@code arrived}, for {@code created}) has published them.
     */
    private final class Share {
        final Run run;
        final EventLoop loop;
        final SleepTask[] tasks;
        int created;
        int started;
        int running;
        long wakeUps;
        long lastFinish;

        Share(Run run, EventLoop loop, int size) {
            this.run = run;
            this.loop = loop;
            this.tasks = new SleepTask[size];
        }

        void create(int from, int count) {
            try {
                if (!run.abandoned && run.capped.get().isEmpty()) {
                    for (int i = from; i < from + count; i++) {
                        tasks[i] = new SleepTask(this);
                        created++;
                        liveTasks.increment();
                    }
                }
            } catch (OutOfMemoryError e) {
                // The run goes on with the tasks that exist; the report says how many and why.
                run.capped.compareAndSet("", "task creation failed after " + String.format("%,d", created)
                        + " tasks on one event loop: " + e);
            } finally {
                run.arrived.countDown();
            }
        }

        /** Schedules the first sleep of a batch of tasks, then yields the loop before the next batch. */
        void startFrom(int from) {
            if (run.abandoned) {
                dropUnstarted();
                return;
            }
            if (created == 0) {
                finishedOne(System.nanoTime());
                return;
            }
            int end = Math.min(created, from + BATCH);
            for (int i = from; i < end; i++) {
                running++;
                tasks[i].sleepUntil(run.gateOpen + run.workload.sleepNanos());
                tasks[i] = null; // the timer queue now holds the task; the array need not
                started++;
            }
            if (end < created) {
                loop.execute(() -> startFrom(end));
            }
        }

        /** After abandon: tasks that never slept will not; count them gone. */
        void dropUnstarted() {
            int dropped = created - started;
            started = created;
            liveTasks.add(-dropped);
        }

        void taskDone(long now) {
            liveTasks.decrement();
            if (--running == 0 && started == created) {
                finishedOne(now);
            }
        }

        private void finishedOne(long now) {
            lastFinish = now;
            run.finished.countDown();
        }
    }

    /** One sleeper: how many sleeps are left and when the current one should end. */
    private final class SleepTask implements Runnable {
        private final Share share;
        private int sleepsLeft;
        private long deadline;

        SleepTask(Share share) {
            this.share = share;
            this.sleepsLeft = share.run.workload.sleepsPerTask();
        }

        /** Requests a wake-up at {@code wakeUpAt} (nanoTime); one already past fires at once, and is late. */
        void sleepUntil(long wakeUpAt) {
            deadline = wakeUpAt;
            arm(Math.max(0, wakeUpAt - System.nanoTime()));
        }

        private void arm(long delayNanos) {
            pendingTimers.increment();
            share.loop.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            pendingTimers.decrement();
            long now = System.nanoTime();
            Run run = share.run;
            if (run.abandoned) {
                share.taskDone(now);
                return;
            }
            if (now - deadline < 0) {
                arm(deadline - now); // fired early by the loop's clock: sleep out the rest
                return;
            }
            try {
                if (sleepsLeft == run.workload.sleepsPerTask()) {
                    run.recorder.recordFirst(deadline, now);
                } else {
                    run.recorder.record(now - deadline);
                }
            } catch (RuntimeException e) {
                // Netty would log and drop the task, and the run would only end at its timeout.
                run.abort("the lateness recorder threw " + e);
                share.taskDone(now);
                return;
            }
            share.wakeUps++;
            if (--sleepsLeft > 0) {
                sleepUntil(now + run.workload.sleepNanos()); // from this wake-up, however late it was
            } else {
                share.taskDone(now);
            }
        }
    }
}
