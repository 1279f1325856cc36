package org.loopbench.harness.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.harness.results.ServerProcess;
import org.loopbench.api.Runtimes;

/**
 * The runtime a benchmark fork (or {@code cli.Serve}) hosts: found by id through the registry, created
 * with the options in system property {@value #OPTIONS_PROPERTY} ({@code k=v,k=v}, each key prefixed by
 * the id of the runtime it is for), started.
 */
public final class RuntimeUnderTest implements AutoCloseable {

    public static final String OPTIONS_PROPERTY = "loopbench.runtime.options";

    /**
     * How long {@link #close()} waits for the runtime's own {@code close()}, in milliseconds (default 20,000:
     * closing 10,000 connections of a thread-per-connection server takes a few seconds here). A runtime that
     * takes longer is left closing in a daemon thread and the trial fails with its name, instead of the fork
     * hanging until someone kills it.
     */
    public static final String CLOSE_LIMIT_PROPERTY = "loopbench.runtime.closeLimitMs";

    /**
     * The benchmarks' default runtime parameter, which no runtime answers to: the launcher always sets
     * {@code -p runtime=<id>}, and a plain JMH run without it fails with "unknown runtime 'from-launcher';
     * known runtimes: ..." instead of running a list of ids copied into the benchmark.
     */
    public static final String FROM_LAUNCHER = "from-launcher";

    private final AsyncRuntime runtime;
    private final ServerProcess server;

    private RuntimeUnderTest(AsyncRuntime runtime) {
        this.runtime = runtime;
        this.server = ServerProcess.of(runtime);
    }

    /**
     * @throws org.loopbench.api.UnknownRuntimeException naming the known runtimes
     * @throws org.loopbench.api.RuntimeUnavailableException with the reason
     * @throws IllegalArgumentException for a bad option
     */
    public static RuntimeUnderTest start(String id, RuntimeOptions options) {
        AsyncRuntime r = Runtimes.installed().create(id, options);
        try {
            r.start();
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return new RuntimeUnderTest(r);
    }

    public static RuntimeUnderTest start(String id) {
        return start(id, optionsFor(id, RuntimeOptions.parse(System.getProperty(OPTIONS_PROPERTY, ""))));
    }

    /**
     * One option string serves a run of several runtimes: every option key starts with its runtime's id
     * ({@code nio.loops}, {@code netty.transport}), so each runtime gets its own keys and none of the
     * others'. A key that names no known runtime is passed on, so the runtime rejects it with a message.
     */
    static RuntimeOptions optionsFor(String id, RuntimeOptions all) {
        Map<String, String> mine = new LinkedHashMap<>();
        all.asMap().forEach((key, value) -> {
            int dot = key.indexOf('.');
            String owner = dot < 0 ? "" : key.substring(0, dot);
            if (owner.equals(id) || !Runtimes.installed().ids().contains(owner)) {
                mine.put(key, value);
            }
        });
        return RuntimeOptions.of(mine);
    }

    public AsyncRuntime runtime() {
        return runtime;
    }

    public RuntimeDescription description() {
        return runtime.describe();
    }

    /** The process(es) whose CPU, memory and threads are the server's: this JVM, or a reference's children. */
    public ServerProcess server() {
        return server;
    }

    /** {@link #jvm()}, and which process(es) the server figures were read from. */
    public Map<String, Object> serverJvm() {
        Map<String, Object> m = jvm();
        m.put("serverFiguresFrom", server.describe());
        return m;
    }

    /** The JVM hosting the runtime: what it is, where, and every option it was started with. */
    public static Map<String, Object> jvm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", RuntimeDescription.currentJdk());
        m.put("feature", Runtime.version().feature());
        m.put("home", System.getProperty("java.home"));
        m.put("arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        return m;
    }

    /**
     * The end of a trial: closes {@code host} (bounded, see {@link #close()}), then the trial's files, with
     * a close that failed or hung recorded as the trial's failure first, so the sidecar names it; then
     * rethrows it, so JMH reports the trial as failed too. Either argument may be null (set-up failed early).
     */
    static void closeThenRecord(RuntimeUnderTest host, TrialRecord record) {
        RuntimeException closing = null;
        if (host != null) {
            try {
                host.close();
            } catch (RuntimeException e) {
                closing = e;
            }
        }
        if (record != null) {
            if (closing != null) {
                record.failure(closing);
            }
            record.close();
        }
        if (closing != null) {
            throw closing;
        }
    }

    /**
     * Closes the runtime, waiting at most {@value #CLOSE_LIMIT_PROPERTY} (20 s by default).
     *
     * @throws IllegalStateException naming the runtime when its {@code close()} did not return in time, or
     *                               with its own failure as the cause when it threw
     */
    @Override
    public void close() {
        long limitMillis = Long.getLong(CLOSE_LIMIT_PROPERTY, 20_000);
        java.util.concurrent.FutureTask<Void> closing = new java.util.concurrent.FutureTask<>(runtime::close, null);
        Thread t = new Thread(closing, "loopbench-close-" + runtime.id());
        t.setDaemon(true); // a close that never returns must not keep the fork alive
        t.start();
        try {
            closing.get(limitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("runtime '" + runtime.id() + "': close() did not return within "
                    + limitMillis + " ms (-D" + CLOSE_LIMIT_PROPERTY + "); its threads and sockets end with the fork");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("runtime '" + runtime.id() + "': close() failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing runtime '" + runtime.id() + "'", e);
        }
    }
}
