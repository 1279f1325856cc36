package org.loopbench.netty;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.EchoServerRegistry;
import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.tasks.Coordination;

/**
 * Runtime id {@code netty}: one {@link MultiThreadIoEventLoopGroup} of {@code netty.threads} loops on the
 * chosen transport, carrying every listener, connection, sleep timer and coordination task of the runtime.
 * See the package documentation for the design.
 */
final class NettyRuntime implements AsyncRuntime {

    static final String ID = "netty";

    /** Nothing is submitted to the loops once close() has begun, so there is nothing to wait quietly for. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(10);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(20);
    private static final Duration GLOBAL_EXECUTOR_PATIENCE = Duration.ofSeconds(3);
    /** A cancel is a hop to a loop and a timer cancel or socket close: far less than this, unless a loop is stuck. */
    private static final Duration TASK_STOP_PATIENCE = Duration.ofSeconds(10);

    private final TransportChoice transport;
    private final int threadCount;
    private final RuntimeDescription description;
    private final Lifecycle lifecycle = new Lifecycle(ID);
    private final LoopThreads loopThreads;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final EchoServerRegistry<NettyEchoServer> servers = new EchoServerRegistry<>(lifecycle);
    private volatile EventLoopGroup group;
    private volatile EventLoopSleepers sleepers;
    private volatile NettyCoordination coordination;

    NettyRuntime(TransportChoice transport, int threadCount, RuntimeDescription description) {
        this.transport = transport;
        this.threadCount = threadCount;
        this.description = description;
        this.loopThreads = new LoopThreads("loopbench-netty-" + transport.transport().optionValue());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start() {
        lifecycle.start();
        EventLoopGroup g;
        try {
            // The I/O handlers (selector, epoll fd, io_uring ring) are made here.
            g = new MultiThreadIoEventLoopGroup(threadCount, loopThreads, transport.transport().ioHandlerFactory());
        } catch (RuntimeException | LinkageError e) {
            lifecycle.close();
            throw new IllegalStateException("runtime 'netty' could not create " + threadCount + " event loops on "
                    + transport.transport().optionValue() + ": " + e, e);
        }
        // Netty starts a loop's thread on its first task; start them all now, so that the runtime's thread
        // count is netty.threads from start() to close() and a workload never pays for thread creation.
        for (EventExecutor loop : g) {
            loop.submit(() -> { }).syncUninterruptibly();
        }
        sleepers = new EventLoopSleepers(g);
        coordination = new NettyCoordination(g, transport.transport(), allocator, lifecycle);
        group = g;
    }

    @Override
    public RuntimeDescription describe() {
        return description;
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return servers.start(onClosed -> NettyEchoServer.start(group, transport.transport(), allocator, config, onClosed));
    }

    @Override
    public SleepReport runSleepers(SleepWorkload workload, LatenessRecorder recorder)
            throws InterruptedException, TimeoutException {
        lifecycle.requireRunning();
        return sleepers.run(workload, recorder);
    }

    @Override
    public Coordination coordination() {
        lifecycle.requireRunning();
        return coordination;
    }

    /** The coordination primitives with their package-private extras (spawn or make a channel on a chosen loop). */
    NettyCoordination loopCoordination() {
        lifecycle.requireRunning();
        return coordination;
    }

    /** The runtime's event loops, for tests that place tasks and channels on particular loops. */
    EventLoopGroup group() {
        return group;
    }

    /**
     * Tasks: sleepers, coordination tasks and echo connections (each is a handler in progress). Open
     * connections: accepted echo connections plus the coordination tasks' client sockets (those are tasks
     * already, so they are not counted twice as tasks).
     */
    @Override
    public RuntimeResources resources() {
        long echoConnections = servers.openConnections();
        EventLoopSleepers s = sleepers;
        NettyCoordination c = coordination;
        long tasks = (s == null ? 0 : s.liveTasks()) + (c == null ? 0 : c.liveTasks());
        long timers = (s == null ? 0 : s.pendingTimers()) + (c == null ? 0 : c.pendingTimers());
        long clientConnections = c == null ? 0 : c.openConnections();
        return new RuntimeResources(loopThreads.alive(), tasks + echoConnections, timers,
                echoConnections + clientConnections, servers.count());
    }

    @Override
    public void close() {
        refuseOnOwnLoop();
        if (!lifecycle.close()) {
            return;
        }
        servers.closeAll();
        EventLoopGroup g = group;
        EventLoopSleepers s = sleepers;
        NettyCoordination c = coordination;
        if (s != null) {
            s.abortAll();
        }
        if (g == null) {
            return; // never started: nothing was allocated
        }
        long deadline = System.nanoTime() + CLOSE_PATIENCE.toNanos();
        // Before the loops go: shutting down would drop the tasks' timers without running anything, and
        // leave their outcomes unset. Cancelled now, each really stops and ends CANCELLED.
        int unstopped = 0;
        try {
            unstopped = c.cancelAllAndAwait(System.nanoTime() + TASK_STOP_PATIENCE.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (unstopped > 0) {
            System.err.println("loopbench: runtime 'netty' closing: " + unstopped + " coordination tasks had not stopped "
                    + TASK_STOP_PATIENCE.toSeconds() + " s after their cancel; they are ended as cancelled when the loops end");
        }
        // Shutting down cancels every pending timer without running it, closes the selector / epoll fd /
        // ring, and ends the threads.
        g.shutdownGracefully(QUIET_PERIOD.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        boolean terminated = g.terminationFuture().awaitUninterruptibly(CLOSE_PATIENCE.toMillis());
        List<Thread> stuck = List.of();
        boolean globalIdle = true;
        try {
            stuck = loopThreads.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            globalIdle = awaitGlobalExecutorIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminated && s != null) {
            s.forgetAfterTermination();
        }
        if (terminated) {
            c.forgetAfterTermination();
        }
        if (!terminated || !stuck.isEmpty()) {
            System.err.println("loopbench: runtime 'netty' closed, but " + (terminated ? "" : "its event-loop group did not "
                    + "terminate and ") + stuck.size() + " loop threads are still alive: " + stuck);
        }
        if (!globalIdle) {
            System.err.println("loopbench: runtime 'netty' closed, but Netty's JVM-wide GlobalEventExecutor thread is "
                    + "still busy after " + GLOBAL_EXECUTOR_PATIENCE.toSeconds() + " s (another Netty user in this JVM?)");
        }
    }

    /**
     * close() waits for the loops (tasks to stop, the group to terminate); called from one of them, say from
     * a task's completion callback, it would wait for itself. A clear error beats a stall.
     */
    private void refuseOnOwnLoop() {
        EventLoopGroup g = group;
        if (g == null) {
            return;
        }
        for (EventExecutor loop : g) {
            if (loop.inEventLoop()) {
                throw new IllegalStateException("runtime 'netty' cannot be closed from its own event-loop thread "
                        + Thread.currentThread().getName() + " (a task callback?): close() waits for these loops; "
                        + "call it from another thread");
            }
        }
    }

    /**
     * Netty completes a group's termination by notifying listeners on its JVM-wide
     * {@link GlobalEventExecutor}, whose single thread ("globalEventExecutor-...") starts on demand and
     * ends itself after one idle second. Shutting the group down therefore starts that thread; waiting for
     * it to end costs about a second per close() and keeps "close() leaves no thread behind" literally
     * true, which the leak checks of the contract kit (a diff of the JVM's threads) rely on.
     *
     * @return true when that thread is not running (or never ran)
     */
    private static boolean awaitGlobalExecutorIdle() throws InterruptedException {
        try {
            return GlobalEventExecutor.INSTANCE.awaitInactivity(GLOBAL_EXECUTOR_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException neverStarted) {
            return true;
        }
    }
}
