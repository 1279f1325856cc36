package org.loopbench.api;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.loopbench.api.whole.WholeWorkloads;

/**
 * One concurrency model, able to run every loopbench workload in its own idiom: blocking code on
 * platform threads, virtual threads and fibers; callbacks on event loops.
 *
 * <p>A runtime is made by its {@link AsyncRuntimeProvider} (found by id through {@link Runtimes}),
 * then {@link #start() started}. It may host several echo servers and sleep runs at once.
 * {@link #close()} ends all of them and releases every thread, selector, socket and timer the runtime
 * made; it is idempotent.
 *
 * <p><b>What stays identical across runtimes</b>: the bytes on the wire (an echo server returns every
 * byte it reads, in order, and nothing else), the schedule of the sleep workload (N tasks alive at once,
 * every first sleep due at one deadline, k sleeps of d each) and the way lateness is measured (actual
 * wake-up minus requested wake-up, from {@link System#nanoTime()}). What differs, and is recorded in {@link #describe()}: the threads,
 * transport and settings each model uses to do it.
 *
 * <p><b>Growing the interface.</b> Later capabilities (spawn/gather, timeout with cancel, channels)
 * are added as default methods that throw {@link UnsupportedOperationException} until a runtime
 * implements them, so existing runtimes keep compiling. What a runtime offers is what its provider
 * declares ({@link AsyncRuntimeProvider#capabilities()}): the contract kit skips, with that reason, the
 * rules of what it does not declare, and fails a runtime that declares what it then throws for.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public interface AsyncRuntime extends AutoCloseable {

    /** The stable short id this runtime is found by: {@code threads}, {@code virtual}, {@code nio}, ... */
    String id();

    /**
     * Allocates what the runtime needs (loops, schedulers, thread pools). Must be called once before any
     * workload; a second call is an {@link IllegalStateException}, as is a call after {@link #close()}.
     */
    void start();

    /** What this runtime is and how it is set up, for every result it takes part in. */
    RuntimeDescription describe();

    /**
     * Starts a TCP echo server: every byte a client sends comes back to it, in order.
     *
     * <p>Backpressure is part of the contract: a client that stops reading must make the server stop
     * reading from that client, so that the bytes the server holds for one connection stay bounded
     * (about one read buffer), however much the client sends. A client that half-closes gets every byte
     * it sent echoed, then end-of-stream. A client that resets only ends its own connection.
     *
     * @throws java.net.BindException with the address and the reason when the port is busy or the address
     *         cannot be bound (see {@link Bind#failure})
     * @throws IllegalStateException when the runtime is not started or already closed
     */
    EchoServer startEchoServer(EchoServerConfig config) throws IOException;

    /**
     * Runs the sleep workload and returns when every task has finished: {@code workload.tasks()} tasks
     * exist at once (so "N concurrent" is true), and each performs {@code workload.sleepsPerTask()} sleeps
     * of {@code workload.sleepDuration()}, reporting the lateness of every wake-up (actual minus requested
     * wake-up, in nanoseconds, never negative) to {@code recorder}: the first through
     * {@link LatenessRecorder#recordFirst}, the later ones through {@link LatenessRecorder#record}.
     *
     * <p><b>The first sleep: one absolute deadline, no release chain.</b> Every task's first sleep is due
     * at one instant D, the same for all N tasks, and each task goes to sleep towards D by itself: no task
     * is woken by another task, or by a gate that releases waiters one after another, in order to reach its
     * first sleep. (A {@code CountDownLatch} start gate does exactly that: 10,000 platform threads leave it
     * about 320 us apart here, and first-sleep lateness then measures the latch, not the timers.) So the
     * order in which tasks wake is the timers' order, and first-sleep lateness is what N timers due at once
     * cost. (A single waker that lets every task go without waiting for any, as a spawner's unpark sweep
     * does, is no chain: it only has to be done before D, and D is fixed before it starts.) D = G + d, where the gate G is a moment by which every task exists; how G is fixed is the
     * runtime's idiom:
     * <ul>
     *   <li>event loops, whose tasks are objects: the tasks are created first; G is when the last one
     *       exists, and a single job per loop then arms every task's timer for D without waking anything;</li>
     *   <li>fibers, which are cheap to wake: D is fixed before spawning, G being a spawn budget after the
     *       first spawn that the spawner postpones while spawning runs late, until a task wakes at D
     *       ({@link org.loopbench.api.support.FirstDeadline}); each task sleeps towards D the moment it
     *       exists;</li>
     *   <li>platform and virtual threads, whose spawn takes seconds at a noisy rate (each postponement of
     *       a D fixed before spawning woke every thread already asleep, and those herds starved the
     *       spawner): each thread, once started, parks without a timer; when all exist, the spawner fixes D
     *       (a small budget for what follows, plus d) and unparks every thread itself, in one sweep that
     *       waits for none of them; each then sleeps towards D by itself.</li>
     * </ul>
     * A task that is only ready after D is late, and that lateness is shown, not hidden (the
     * coordinated-omission trap): its first sleep is still requested for D, not for its own start plus d;
     * {@link SleepReport#spawnOverrunNanos()} says how far spawning ran past G. Every task also stays alive
     * until all N exist, so "N concurrent" holds even then. Each later sleep is requested when the task wakes
     * from the previous one: its wake-up plus d.
     *
     * <p>A runtime that cannot create all N tasks (platform threads stop somewhere below the machine's
     * pid_max) does not fail: it runs the tasks it could create and returns a {@link SleepReport#capped()
     * capped} report saying at what N and why.
     *
     * @param recorder called from the runtime's own threads, concurrently; must be thread-safe
     * @throws TimeoutException when the run has not finished within {@code workload.timeout()}; tasks
     *         still sleeping are ended by {@link #close()}
     * @throws IllegalStateException when the runtime is not started or already closed
     */
    SleepReport runSleepers(SleepWorkload workload, LatenessRecorder recorder)
            throws InterruptedException, TimeoutException;

    /**
     * The coordination primitives (spawn, gather, first completed, as completed, timeout with cancel,
     * shield, bounded channels), in this runtime's idiom. Tasks spawned through it count in
     * {@link #resources()}: as tasks, as pending timers while they sleep, as threads where they have one.
     *
     * @throws UnsupportedOperationException when this runtime does not offer them (yet): a safety net for
     *         a runtime whose provider does not declare {@link Capability#COORDINATION}, never reached by
     *         callers that read the capabilities first
     * @throws IllegalStateException when the runtime is not started or already closed
     */
    default org.loopbench.api.tasks.Coordination coordination() {
        throw new UnsupportedOperationException("runtime '" + id() + "' does not offer the coordination primitives yet");
    }

    /**
     * Crawl, deadline and ping-pong run whole by a runtime outside the JVM, which cannot hand Java its tasks
     * (see {@link org.loopbench.api.whole}). Empty for a runtime whose {@link #coordination()} offers the
     * primitives themselves, as every JVM runtime's does.
     */
    default Optional<WholeWorkloads> wholeWorkloads() {
        return Optional.empty();
    }

    /**
     * The processes outside this JVM that do this runtime's work, which the harness then measures instead
     * of its own process. Empty for a runtime that works inside this JVM.
     */
    default Optional<ChildProcesses> childProcesses() {
        return Optional.empty();
    }

    /**
     * What the runtime holds right now: live tasks, threads it started, pending timers, open connections.
     * Zero everywhere after {@link #close()}; the contract kit checks it, alongside its own independent
     * count of platform threads.
     */
    RuntimeResources resources();

    /**
     * Ends every echo server and connection and every task still running, and releases every thread,
     * selector and timer the runtime made. Returns when they are gone (or after a bounded wait, with a
     * warning on stderr naming what would not stop). Idempotent.
     */
    @Override
    void close();
}
