package org.loopbench.api;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

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
 * byte it reads, in order, and nothing else), the schedule of the sleep workload (N tasks held at a start
 * gate, then k sleeps of d each) and the way lateness is measured (actual wake-up minus requested wake-up,
 * from {@link System#nanoTime()}). What differs, and is recorded in {@link #describe()}: the threads,
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
     * Runs the sleep workload and returns when every task has finished: {@code workload.tasks()} tasks are
     * spawned and held at a start gate until all exist (so "N concurrent" is true), then each performs
     * {@code workload.sleepsPerTask()} sleeps of {@code workload.sleepDuration()}, reporting the lateness of
     * every wake-up (actual minus requested wake-up time, in nanoseconds, never negative) to {@code recorder}.
     *
     * <p>The requested wake-up of every task's <em>first</em> sleep is the moment the gate opened plus d,
     * not the moment the task got round to starting its sleep: a runtime that takes 20 s to release 30,000
     * waiting tasks must show those 20 s as lateness, not hide them (the coordinated-omission trap). Each
     * later sleep is requested when the task wakes from the previous one: its wake-up plus d.
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
