package org.loopbench.threads;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

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
 * One thread per connection and one per task, all doing plain blocking calls. Runtime id {@code threads}
 * with platform threads; loop-virtual makes the same class with virtual threads.
 */
public final class ThreadPerTaskRuntime implements AsyncRuntime {

    private final String id;
    private final RuntimeDescription description;
    private final TaskThreads threads;
    private final Sleeper sleeper = new Sleeper();
    private final BlockingSleepers sleepers;
    private final BlockingCoordination coordination;
    private final Lifecycle lifecycle;
    private final EchoServerRegistry<BlockingEchoServer> servers;
    private final InjectedDelay injectedDelay;

    public ThreadPerTaskRuntime(String id, RuntimeDescription description, TaskThreads threads) {
        this(id, description, threads, InjectedDelay.NONE);
    }

    /**
     * @param injectedDelay burnt before every echo write and after every sleep wake-up;
     *                      {@link InjectedDelay#NONE} outside compare-step tests
     */
    public ThreadPerTaskRuntime(String id, RuntimeDescription description, TaskThreads threads,
                                InjectedDelay injectedDelay) {
        this.injectedDelay = Objects.requireNonNull(injectedDelay, "injectedDelay");
        this.id = id;
        this.description = description;
        this.threads = threads;
        this.lifecycle = new Lifecycle(id);
        this.sleepers = new BlockingSleepers(threads, sleeper, lifecycle, injectedDelay);
        this.servers = new EchoServerRegistry<>(lifecycle);
        this.coordination = new BlockingCoordination(threads, sleeper, lifecycle);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        lifecycle.start(); // nothing to allocate up front: threads are made per connection and per task
    }

    @Override
    public RuntimeDescription describe() {
        return description;
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return servers.start(onClosed -> BlockingEchoServer.start(config, threads, onClosed, injectedDelay));
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

    @Override
    public RuntimeResources resources() {
        long connections = coordination.openSockets() + servers.openConnections();
        return new RuntimeResources(threads.liveCount(),
                sleepers.tasksInProgress() + coordination.tasksInProgress() + connections,
                sleeper.sleepsInProgress(), connections, servers.count());
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        servers.closeAll();
        coordination.closeSockets();
        try {
            long stuck = threads.interruptAndJoin(Duration.ofSeconds(30));
            if (stuck > 0) {
                System.err.println("loopbench: runtime '" + id + "' closed with " + stuck + " threads still alive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
