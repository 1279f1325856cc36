package org.loopbench.quasar;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.tasks.Coordination;

import co.paralleluniverse.fibers.instrument.SuspendableHelper;

/**
 * One Quasar fiber per connection and one per sleeping task, all written as blocking code. Made by
 * {@link QuasarRuntimeProvider} once it knows Quasar really works in this JVM.
 */
public final class QuasarRuntime implements AsyncRuntime {

    static final String ID = "quasar";

    private final int parallelism;
    private final int ioThreads;
    private final Lifecycle lifecycle = new Lifecycle(ID);
    private final EchoServerRegistry<FiberEchoServer> servers = new EchoServerRegistry<>(lifecycle);
    private volatile FiberPlatform platform;
    private volatile FiberSleepers sleepers;
    private volatile FiberCoordination coordination;
    private final FiberSleeper sleeper = new FiberSleeper();

    QuasarRuntime(int parallelism, int ioThreads) {
        this.parallelism = parallelism;
        this.ioThreads = ioThreads;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start() {
        lifecycle.start();
        FiberPlatform p = FiberPlatform.start(parallelism, ioThreads);
        sleepers = new FiberSleepers(p, sleeper, lifecycle);
        coordination = new FiberCoordination(p, sleeper, lifecycle);
        platform = p;
        if (lifecycle.isClosed()) { // close() ran while we were starting: it saw no platform
            p.shutdown(Duration.ofSeconds(10));
        }
    }

    @Override
    public RuntimeDescription describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quasar.version", "0.8.0, repackaged by loop-quasar-agent (ASM 9.8, API level ASM9)");
        settings.put("quasar.agent", SuspendableHelper.isJavaAgentActive() ? "loaded (-javaagent)" : "not loaded");
        settings.put("quasar.verifyInstrumentation",
                System.getProperty("co.paralleluniverse.fibers.verifyInstrumentation", "false")
                        + " (true costs about 1 ms per park: never in a benchmark)");
        settings.put("quasar.parallelism", String.valueOf(parallelism));
        settings.put("quasar.ioThreads", String.valueOf(ioThreads));
        settings.put("sleep", "Strand.sleep until the System.nanoTime deadline (re-armed if woken early)");
        settings.put("echo.buffer", "one heap ByteBuffer per connection");
        settings.put("tasks", "one fiber per task; cancel = Fiber.interrupt, the fiber releases what it holds and ends");
        settings.put("tasks.timers", "withTimeout: one fiber sleeping until the deadline, cancelled by interrupt");
        settings.put("tasks.channel", "Quasar QueueObjectChannel (BLOCK, multi-producer, multi-consumer) over an"
                + " exact-capacity ArrayBlockingQueue buffer (offer/poll only)");
        return new RuntimeDescription(ID, "one Quasar fiber per connection and per task (instrumented continuations)",
                RuntimeDescription.currentJdk(),
                "Quasar FiberSocketChannel over NIO.2 AsynchronousSocketChannel (epoll), " + ioThreads
                        + " I/O thread(s)",
                "fibers on a FiberForkJoinScheduler of " + parallelism + " carrier threads + 1 Quasar timer thread + "
                        + ioThreads + " channel-group I/O thread(s); 1 fiber per connection, acceptor and sleeping task",
                settings);
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return servers.start(onClosed -> FiberEchoServer.start(config, platform, onClosed));
    }

    @Override
    public SleepReport runSleepers(SleepWorkload workload, LatenessRecorder recorder)
            throws InterruptedException, TimeoutException {
        lifecycle.requireRunning();
        return sleepers.run(workload, recorder);
    }

    /**
     * Spawn, gather, timeout with cancel, shield and channels, as fiber code (see {@link FiberCoordination}).
     * Tasks count in {@link #resources()} as tasks (their fibers), as pending timers while they sleep and as
     * open connections while they hold a socket.
     */
    @Override
    public Coordination coordination() {
        lifecycle.requireRunning();
        return coordination;
    }

    /** See {@link FiberSleeper#peakSleeping()}; for tests that prove the fibers really sleep concurrently. */
    long peakSleeping() {
        return sleeper.peakSleeping();
    }

    @Override
    public RuntimeResources resources() {
        FiberPlatform p = platform;
        FiberCoordination c = coordination;
        if (p == null || c == null) {
            return RuntimeResources.NONE;
        }
        long connections = c.openSockets() + servers.openConnections();
        return new RuntimeResources(p.liveThreads(), p.liveFibers(), sleeper.sleepsInProgress(), connections,
                servers.count());
    }

    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        servers.closeAll();
        FiberPlatform p = platform;
        if (p != null) {
            String stuck = p.shutdown(Duration.ofSeconds(30));
            if (!stuck.isEmpty()) {
                System.err.println("loopbench: runtime 'quasar' (" + p.name() + ") closed with " + stuck + "still alive");
            }
        }
    }
}
