package org.loopbench.quasar;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import co.paralleluniverse.common.monitoring.MonitorType;
import co.paralleluniverse.fibers.Fiber;
import co.paralleluniverse.fibers.FiberForkJoinScheduler;
import co.paralleluniverse.fibers.io.ChannelGroup;
import co.paralleluniverse.strands.SuspendableRunnable;

/**
 * The threads under one runtime's fibers, and the fibers themselves: a Quasar fork-join scheduler (the
 * carrier threads plus Quasar's timer thread, which wakes sleeping fibers) and an NIO.2 channel group
 * with a fixed pool of I/O threads (which complete socket reads and writes and so unpark fibers).
 *
 * <p>Every thread here belongs to this instance and is gone when {@link #shutdown} returns. Their names
 * contain {@code loopbench-quasar-<n>}; the exact form of the carrier and timer names is Quasar's
 * ({@code ForkJoinPool-loopbench-quasar-1-worker-1}, {@code FiberTimedScheduler-loopbench-quasar-1}).
 *
 * <p>Not here, because Quasar makes them once per JVM and never ends them: the default scheduler's timer
 * thread ({@code FiberTimedScheduler-default-fiber-pool}), started the first time any Fiber is made.
 */
final class FiberPlatform {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String name;
    private final FiberForkJoinScheduler scheduler;
    private final Thread timer;
    private final ChannelGroup channelGroup;
    private final Set<Thread> ioThreads = ConcurrentHashMap.newKeySet();
    private final Set<Fiber<?>> liveFibers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger fiberSequence = new AtomicInteger();

    private FiberPlatform(String name, FiberForkJoinScheduler scheduler, Thread timer, ChannelGroup channelGroup) {
        this.name = name;
        this.scheduler = scheduler;
        this.timer = timer;
        this.channelGroup = channelGroup;
    }

    /** Starts the scheduler and the I/O threads. */
    static FiberPlatform start(int parallelism, int ioThreads) {
        String name = "loopbench-" + QuasarRuntime.ID + "-" + INSTANCES.incrementAndGet();
        // MonitorType.NONE: no JMX beans registered per scheduler, no monitoring threads.
        FiberForkJoinScheduler scheduler = new FiberForkJoinScheduler(name, parallelism, MonitorType.NONE, false);
        startCarriers(scheduler.getForkJoinPool(), parallelism);
        Thread timer = findThread("FiberTimedScheduler-" + name);
        Set<Thread> io = ConcurrentHashMap.newKeySet();
        ChannelGroup group;
        try {
            group = ChannelGroup.withFixedThreadPool(ioThreads, namedThreads(name + "-io", io));
        } catch (IOException | RuntimeException e) {
            stopScheduler(scheduler, timer, Duration.ofSeconds(10));
            throw new IllegalStateException("could not start the NIO.2 channel group for " + name + ": " + e, e);
        }
        FiberPlatform platform = new FiberPlatform(name, scheduler, timer, group);
        platform.ioThreads.addAll(io);
        return platform;
    }

    String name() {
        return name;
    }

    ChannelGroup channelGroup() {
        return channelGroup;
    }

    /**
     * Starts {@code body} on a new fiber of this scheduler, tracked until it ends so that shutdown can
     * interrupt and await it. Fibers get explicit names: an unnamed Fiber asks Quasar's default scheduler
     * for its name.
     */
    Fiber<Void> spawn(String role, SuspendableRunnable body) {
        Fiber<Void>[] self = newFiberHolder();
        Fiber<Void> fiber = new Fiber<Void>(name + "-" + role + "-" + fiberSequence.incrementAndGet(), scheduler,
                new Tracked(body, liveFibers, self));
        self[0] = fiber;
        liveFibers.add(fiber);
        try {
            return fiber.start();
        } catch (RuntimeException e) { // the scheduler was shut down under us: close() won the race
            liveFibers.remove(fiber);
            throw new IllegalStateException("runtime '" + QuasarRuntime.ID + "' (" + name + ") is closed", e);
        }
    }

    long liveFibers() {
        return liveFibers.size();
    }

    /** Threads of this instance that are alive now: carriers, the timer and the I/O threads. */
    long liveThreads() {
        long n = scheduler.getForkJoinPool().getPoolSize();
        if (timer != null && timer.isAlive()) {
            n++;
        }
        for (Thread t : ioThreads) {
            if (t.isAlive()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Interrupts every live fiber, waits for them, then stops the channel group (its threads end once every
     * channel is closed, which the caller has done) and the scheduler, and waits for every thread.
     *
     * @return what did not stop within {@code patience}, empty when everything did
     */
    String shutdown(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Fiber<?> f : liveFibers) {
            f.interrupt();
        }
        while (!liveFibers.isEmpty() && System.nanoTime() - deadline < 0) {
            sleepQuietly(1);
        }
        long fibersLeft = liveFibers.size();
        channelGroup.shutdown();
        for (Thread t : ioThreads) {
            joinQuietly(t, deadline);
        }
        long ioLeft = ioThreads.stream().filter(Thread::isAlive).count();
        String schedulerLeft = stopScheduler(scheduler, timer, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        StringBuilder stuck = new StringBuilder();
        if (fibersLeft > 0) {
            stuck.append(fibersLeft).append(" fibers; ");
        }
        if (ioLeft > 0) {
            stuck.append(ioLeft).append(" I/O threads; ");
        }
        stuck.append(schedulerLeft);
        return stuck.toString();
    }

    private static String stopScheduler(FiberForkJoinScheduler scheduler, Thread timer, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        scheduler.shutdown(); // stops the timer thread (it polls every 50 ms); does not touch the pool
        ForkJoinPool pool = scheduler.getForkJoinPool();
        pool.shutdownNow();
        try {
            pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (timer != null) {
            joinQuietly(timer, deadline);
        }
        StringBuilder stuck = new StringBuilder();
        if (!pool.isTerminated()) {
            stuck.append(pool.getPoolSize()).append(" carrier threads; ");
        }
        if (timer != null && timer.isAlive()) {
            stuck.append("the timer thread ").append(timer.getName()).append("; ");
        }
        return stuck.toString();
    }

    /**
     * Makes the fork-join pool start all its carrier threads now rather than on first demand, so that the
     * runtime's thread count is the same from start() on (the contract kit compares it before and after a
     * piece of work) and no benchmark pays for starting a carrier. Each of {@code parallelism} tasks waits
     * until all have started, so each needs a worker of its own. The pool still retires a carrier idle for
     * its keep-alive (60 s in JDK 17) and starts it again on demand: a count can drop after a long pause.
     */
    private static void startCarriers(ForkJoinPool pool, int parallelism) {
        java.util.concurrent.CountDownLatch allRunning = new java.util.concurrent.CountDownLatch(parallelism);
        Runnable holdUntilAllRun = new Runnable() { // a class, not a lambda: Quasar instruments lambda bodies
            @Override
            public void run() {
                allRunning.countDown();
                awaitQuietly(allRunning);
            }
        };
        for (int i = 0; i < parallelism; i++) {
            pool.execute(holdUntilAllRun);
        }
        awaitQuietly(allRunning);
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS); // bounded: a pool that does not start them all is not an error
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Quasar starts the scheduler's timer thread itself and does not hand it out: find it by its name. */
    private static Thread findThread(String threadName) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(threadName)) {
                return t;
            }
        }
        System.err.println("loopbench: quasar: cannot find the scheduler's timer thread '" + threadName
                + "'; close() will not wait for it");
        return null;
    }

    private static ThreadFactory namedThreads(String prefix, Set<Thread> made) {
        AtomicInteger n = new AtomicInteger();
        return body -> {
            Thread t = new Thread(body, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            made.add(t);
            return t;
        };
    }

    private static void joinQuietly(Thread t, long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static Fiber<Void>[] newFiberHolder() {
        return (Fiber<Void>[]) new Fiber<?>[1];
    }

    /** Runs the body and then forgets the fiber, however the body ends. */
    private static final class Tracked implements SuspendableRunnable {
        private static final long serialVersionUID = 1L;
        private final transient SuspendableRunnable body;
        private final transient Set<Fiber<?>> live;
        private final transient Fiber<?>[] self;

        Tracked(SuspendableRunnable body, Set<Fiber<?>> live, Fiber<?>[] self) {
            this.body = body;
            this.live = live;
            this.self = self;
        }

        @Override
        public void run() throws co.paralleluniverse.fibers.SuspendExecution, InterruptedException {
            try {
                body.run();
            } finally {
                live.remove(self[0]);
            }
        }
    }
}
