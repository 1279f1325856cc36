package org.loopbench.nio;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.EchoServerRegistry;
import org.loopbench.api.support.InjectedDelay;
import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.tasks.Coordination;

/**
 * Runtime id {@code nio}: N {@link EventLoop}s shared by every echo server and sleep run of this
 * runtime. See the package documentation for the design.
 */
public final class NioRuntime implements AsyncRuntime {

    static final String ID = "nio";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long STOP_PATIENCE_MILLIS = 10_000;

    private final int loopCount;
    private final String threadPrefix;
    private final RuntimeDescription description;
    private final InjectedDelay injectedDelay;
    private final Lifecycle lifecycle = new Lifecycle(ID);
    private final EchoServerRegistry<NioEchoServer> servers = new EchoServerRegistry<>(lifecycle);
    private final Set<SleepRun> runs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextAcceptor = new AtomicInteger();
    private volatile EventLoop[] loops = new EventLoop[0];
    /** Made by start(), with the loops. */
    private volatile LoopCoordination coordination;

    /** @param injectedDelay {@link InjectedDelay#NONE} except when proving the compare step */
    NioRuntime(int loopCount, InjectedDelay injectedDelay) {
        this.loopCount = loopCount;
        this.injectedDelay = java.util.Objects.requireNonNull(injectedDelay, "injectedDelay");
        this.threadPrefix = "loopbench-" + ID + "-" + INSTANCES.incrementAndGet();
        this.description = describe(loopCount, injectedDelay);
    }

    private static RuntimeDescription describe(int loopCount, InjectedDelay injectedDelay) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(NioRuntimeProvider.LOOPS, String.valueOf(loopCount));
        settings.put("timers", "binary min-heap per loop; select timeout rounded up to whole ms (fires up to ~1 ms late,"
                + " never early)");
        settings.put("buffers", "one direct read buffer per loop; a heap buffer per connection only after a partial"
                + " write, kept for the connection's life");
        settings.put("accept", "each server's listener on one loop (servers spread round-robin), connections handed"
                + " round-robin to all loops");
        settings.put("socket", "TCP_NODELAY on; kernel default buffer sizes");
        settings.put("wakeup", "Selector.wakeup() only when the loop may be blocked in select");
        settings.put("tasks", "spawned tasks are state machines spread round-robin over the loops; a sleep is the"
                + " task as its loop's timer; combinators are completion callbacks (TaskCombinators) with loop timers");
        settings.put("channels", "each channel pinned to one loop (no locks); a task on another loop hops there for"
                + " each operation and the completion hops back (two queue hand-offs), on the same loop none");
        injectedDelay.describeIn(settings, ID);
        return new RuntimeDescription(ID, "event loop (hand-written java.nio)", RuntimeDescription.currentJdk(),
                "java.nio SocketChannel + Selector (epoll via JDK)",
                loopCount + " selector loop" + (loopCount == 1 ? "" : "s")
                        + " (platform threads) do all I/O, timers and tasks; no other threads", settings);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start() {
        lifecycle.start();
        EventLoop[] made = new EventLoop[loopCount];
        int started = 0;
        try {
            for (; started < loopCount; started++) {
                made[started] = new EventLoop(started, threadPrefix + "-loop-" + started);
                made[started].start();
            }
        } catch (RuntimeException | Error e) {
            stop(java.util.Arrays.copyOf(made, started));
            throw e;
        }
        coordination = new LoopCoordination(made, lifecycle);
        loops = made;
    }

    @Override
    public RuntimeDescription describe() {
        return description;
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return servers.start(onClosed -> {
            EventLoop[] ls = requireCallable();
            EventLoop acceptor = ls[Math.floorMod(nextAcceptor.getAndIncrement(), ls.length)];
            return NioEchoServer.start(config, acceptor, ls, onClosed, injectedDelay);
        });
    }

    @Override
    public SleepReport runSleepers(SleepWorkload workload, LatenessRecorder recorder)
            throws InterruptedException, TimeoutException {
        java.util.Objects.requireNonNull(workload, "workload");
        java.util.Objects.requireNonNull(recorder, "recorder");
        SleepRun run = new SleepRun(workload, recorder, requireCallable(), injectedDelay);
        runs.add(run);
        try {
            if (lifecycle.isClosed()) {
                run.abort(closedDuringRun());
            }
            return run.run();
        } finally {
            runs.remove(run);
        }
    }

    @Override
    public Coordination coordination() {
        lifecycle.requireRunning();
        LoopCoordination c = coordination;
        if (c == null) {
            throw new IllegalStateException("runtime '" + ID + "' has no loops: start() has not finished, or failed");
        }
        return c;
    }

    @Override
    public RuntimeResources resources() {
        long threads = 0;
        long timers = 0;
        long sleepTasks = 0;
        for (EventLoop loop : loops) {
            threads += loop.isAlive() ? 1 : 0;
            timers += loop.pendingTimers();
            sleepTasks += loop.sleepTasks().get();
        }
        long connections = servers.openConnections();
        long spawned = 0;
        LoopCoordination c = coordination;
        if (c != null) {
            spawned = c.liveTasks();
            connections += c.openSockets(); // a reading task's socket is an open connection too
        }
        return new RuntimeResources(threads, sleepTasks + spawned + connections, timers, connections, servers.count());
    }

    /** Package-private for tests: the loops, in index order. */
    EventLoop[] loops() {
        return loops.clone();
    }

    @Override
    public void close() {
        requireNotOnLoop();
        if (!lifecycle.close()) {
            return;
        }
        for (SleepRun run : runs) {
            run.abort(closedDuringRun());
        }
        servers.closeAll();
        LoopCoordination c = coordination;
        if (c != null) {
            try {
                c.cancelAll(STOP_PATIENCE_MILLIS); // while the loops run, so each task is cancelled on its own loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop the loops anyway; endLeftovers() ends the tasks
            }
        }
        stop(loops);
        if (c != null) {
            c.endLeftovers();
        }
    }

    private void stop(EventLoop[] ls) {
        for (EventLoop loop : ls) {
            loop.shutdown();
        }
        long deadline = System.nanoTime() + STOP_PATIENCE_MILLIS * 1_000_000;
        try {
            for (EventLoop loop : ls) {
                if (!loop.awaitTermination((deadline - System.nanoTime()) / 1_000_000)) {
                    System.err.println("loopbench: " + loop + " did not stop within " + STOP_PATIENCE_MILLIS + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String closedDuringRun() {
        return "runtime '" + ID + "' was closed while the sleep run was in progress";
    }

    /** @return the loops, once the runtime is running and the caller is not one of them */
    private EventLoop[] requireCallable() {
        lifecycle.requireRunning();
        requireNotOnLoop();
        EventLoop[] ls = loops;
        if (ls.length == 0) { // start() is still running on another thread, or failed
            throw new IllegalStateException("runtime '" + ID + "' has no loops: start() has not finished, or failed");
        }
        return ls;
    }

    /** A loop thread waiting for work of the loops could wait for itself; the recorder is the only way there. */
    private void requireNotOnLoop() {
        for (EventLoop loop : loops) {
            if (loop.inLoop()) {
                throw new IllegalStateException("runtime '" + ID + "' must not be called from its own loop thread "
                        + loop + " (e.g. from a LatenessRecorder)");
            }
        }
    }
}
