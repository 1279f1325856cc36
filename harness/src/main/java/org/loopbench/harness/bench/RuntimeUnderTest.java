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

    @Override
    public void close() {
        runtime.close();
    }
}
