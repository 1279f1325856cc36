package org.loopbench.contract.broken;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.CallbackCoordination;
import org.loopbench.api.support.CompletableTask;
import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.api.tasks.WorkFailedException;

/**
 * The runtime the self-test breaks: small enough to read in one sitting, correct for every rule the
 * self-test runs (which it proves by running each of them on this runtime unbroken first). Echo is one
 * blocking thread per connection; sleeps and the coordination tasks are timers on a scheduled executor
 * of two threads; the coordination tasks are {@link Work.Sleep} and {@link Work.Fail} only, and channels
 * are not offered: the self-test needs no more.
 *
 * <p>It lives here, not as a wrapper around a real runtime, because every real runtime module runs this
 * kit in its tests: loop-contract depending on one of them, even in test scope, would be a cycle.
 */
class PlainRuntime implements AsyncRuntime {

    private final String id;
    private final Lifecycle lifecycle;
    private final ScheduledThreadPoolExecutor timerThreads;
    /** What cancels each timer scheduled and not yet fired or cancelled. */
    private final Set<Runnable> armedTimers = ConcurrentHashMap.newKeySet();
    private final Set<ThreadPerConnectionEchoServer> servers = ConcurrentHashMap.newKeySet();
    private final Set<SleepRun> runs = ConcurrentHashMap.newKeySet();
    private final Set<CompletableTask<?>> liveTasks = ConcurrentHashMap.newKeySet();
    private final AtomicLong sleepTasks = new AtomicLong();

    PlainRuntime(String id) {
        this.id = id;
        this.lifecycle = new Lifecycle(id);
        this.timerThreads = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "self-test-timer");
            t.setDaemon(true);
            return t;
        });
        timerThreads.setRemoveOnCancelPolicy(true);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        lifecycle.start();
        timerThreads.prestartAllCoreThreads(); // so the thread count is the same before and after any work
    }

    @Override
    public RuntimeDescription describe() {
        return new RuntimeDescription(id, "the contract kit's self-test runtime", RuntimeDescription.currentJdk(),
                "java.net.Socket, blocking", "1 platform thread per connection + 2 timer threads", Map.of());
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return startEchoServer(config, ThreadPerConnectionEchoServer.Flaw.NONE);
    }

    EchoServer startEchoServer(EchoServerConfig config, ThreadPerConnectionEchoServer.Flaw flaw) throws IOException {
        lifecycle.requireRunning();
        ThreadPerConnectionEchoServer server = new ThreadPerConnectionEchoServer(config, flaw);
        servers.add(server);
        return server;
    }

    /** Runs {@code action} after {@code delay} on a timer thread, never before; returns what cancels it. */
    private Runnable timer(Duration delay, Runnable action) {
        AtomicBoolean settled = new AtomicBoolean();
        List<ScheduledFuture<?>> future = new ArrayList<>(1);
        Runnable cancel = new Runnable() {
            @Override
            public void run() {
                if (settled.compareAndSet(false, true)) {
                    armedTimers.remove(this);
                    synchronized (future) {
                        future.forEach(f -> f.cancel(false));
                    }
                }
            }
        };
        armedTimers.add(cancel);
        ScheduledFuture<?> f = timerThreads.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                armedTimers.remove(cancel);
                action.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (future) {
            future.add(f);
        }
        return cancel;
    }

    // ---------------------------------------------------------------- sleep

    @Override
    public SleepReport runSleepers(SleepWorkload w, LatenessRecorder recorder)
            throws InterruptedException, TimeoutException {
        return runSleepers(w, recorder, Duration.ZERO);
    }

    /**
     * With {@code releaseStep} &gt; 0, the flaw of a start gate that lets its tasks go one after another:
     * each task's first timer is armed that long after the one before (still for the one deadline D).
     */
    SleepReport runSleepers(SleepWorkload w, LatenessRecorder recorder, Duration releaseStep)
            throws InterruptedException, TimeoutException {
        lifecycle.requireRunning();
        SleepRun run = new SleepRun(w, recorder, releaseStep);
        runs.add(run);
        try {
            return run.await();
        } finally {
            run.cancel();
            runs.remove(run);
        }
    }

    /** One call of runSleepers: every task's next sleep is a timer, armed when the previous one fired. */
    private final class SleepRun {
        private final SleepWorkload w;
        private final LatenessRecorder recorder;
        private final List<Sleeper> sleepers;
        private final CountDownLatch finished;
        private final AtomicLong wakeUps = new AtomicLong();
        private final AtomicLong lastWake = new AtomicLong();
        private final long spawnNanos;
        private final long gate;
        private volatile boolean cancelled;
        private volatile RuntimeException recorderFailure;

        SleepRun(SleepWorkload w, LatenessRecorder recorder, Duration releaseStep) {
            this.w = w;
            this.recorder = recorder;
            long spawnStart = System.nanoTime();
            sleepers = new ArrayList<>(w.tasks());
            for (int i = 0; i < w.tasks(); i++) {
                sleepers.add(new Sleeper());
            }
            sleepTasks.addAndGet(w.tasks());
            finished = new CountDownLatch(w.tasks());
            gate = System.nanoTime();
            spawnNanos = gate - spawnStart;
            for (Sleeper s : sleepers) {
                synchronized (s) {
                    s.arm(gate + w.sleepNanos());
                }
                if (!releaseStep.isZero()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(releaseStep.toNanos());
                }
            }
        }

        SleepReport await() throws InterruptedException, TimeoutException {
            long giveUp = gate + w.timeout().toNanos();
            while (!finished.await(20, TimeUnit.MILLISECONDS)) {
                if (lifecycle.isClosed()) {
                    throw new IllegalStateException("runtime '" + id + "' closed while the sleep run was in progress");
                }
                if (System.nanoTime() - giveUp > 0) {
                    throw new TimeoutException(w.tasks() + " sleepers did not finish within " + w.timeout());
                }
            }
            if (cancelled) {
                throw new IllegalStateException("runtime '" + id + "' closed while the sleep run was in progress");
            }
            if (recorderFailure != null) {
                throw recorderFailure;
            }
            return new SleepReport(w.tasks(), w.tasks(), spawnNanos, lastWake.get() - gate, wakeUps.get(), "");
        }

        /** Disarms every sleeper still sleeping and ends it; idempotent. */
        void cancel() {
            cancelled = true;
            for (Sleeper s : sleepers) {
                synchronized (s) {
                    s.end();
                }
            }
        }

        private final class Sleeper {
            private int slept;
            private boolean ended;
            private Runnable disarm = () -> { };

            /** Guarded by this. */
            void arm(long deadline) {
                disarm = timer(Duration.ofNanos(deadline - System.nanoTime()), () -> wake(deadline));
            }

            private synchronized void wake(long deadline) {
                if (cancelled || ended) {
                    return;
                }
                long now = System.nanoTime();
                try {
                    if (slept == 0) {
                        recorder.recordFirst(deadline, now);
                    } else {
                        recorder.record(now - deadline);
                    }
                } catch (RuntimeException e) {
                    recorderFailure = e;
                    slept = w.sleepsPerTask(); // a broken recorder ends the task
                }
                wakeUps.incrementAndGet();
                lastWake.accumulateAndGet(now, Math::max);
                if (++slept < w.sleepsPerTask()) {
                    arm(now + w.sleepNanos());
                } else {
                    end();
                }
            }

            /** Guarded by this. */
            void end() {
                if (!ended) {
                    ended = true;
                    disarm.run();
                    sleepTasks.decrementAndGet();
                    finished.countDown();
                }
            }
        }
    }

    // ---------------------------------------------------------------- coordination

    @Override
    public Coordination coordination() {
        return new CallbackCoordination() {
            @Override
            protected Runnable timer(Duration delay, Runnable action) {
                return PlainRuntime.this.timer(delay, action);
            }

            @Override
            public <T> Task<T> spawn(Work<T> work) {
                lifecycle.requireRunning();
                CompletableTask<T> task = new CompletableTask<>();
                liveTasks.add(task);
                task.whenDone(o -> liveTasks.remove(task));
                Runnable disarm;
                if (work instanceof Work.Sleep<T> sleep) {
                    disarm = timer(sleep.duration(), () -> task.succeed(sleep.value()));
                } else if (work instanceof Work.Fail<T> fail) {
                    disarm = timer(fail.after(), () -> task.fail(new WorkFailedException(fail.message())));
                } else {
                    task.fail(new UnsupportedOperationException("the self-test runtime runs Sleep and Fail only, not "
                            + work.getClass().getSimpleName()));
                    return task;
                }
                task.onCancelRequest(() -> {
                    disarm.run();
                    task.cancelled();
                });
                return task;
            }

            @Override
            public <T> Channel<T> channel(int capacity) {
                throw new UnsupportedOperationException("the self-test runtime has no channels");
            }
        };
    }

    // ---------------------------------------------------------------- resources and close

    @Override
    public RuntimeResources resources() {
        long echoThreads = servers.stream().mapToLong(ThreadPerConnectionEchoServer::threads).sum();
        long connections = servers.stream().mapToLong(s -> s.stats().open()).sum();
        long listeners = servers.stream().filter(s -> !s.isClosed()).count();
        return new RuntimeResources(timerThreads.getPoolSize() + echoThreads, sleepTasks.get() + liveTasks.size(),
                armedTimers.size(), connections, listeners);
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        servers.forEach(ThreadPerConnectionEchoServer::close);
        runs.forEach(SleepRun::cancel);
        List.copyOf(liveTasks).forEach(Task::cancel);
        List.copyOf(armedTimers).forEach(Runnable::run);
        timerThreads.shutdownNow();
        try {
            timerThreads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
