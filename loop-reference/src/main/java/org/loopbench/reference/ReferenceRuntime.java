package org.loopbench.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.Bind;
import org.loopbench.api.Capability;
import org.loopbench.api.ChildProcesses;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.whole.WholeWorkloads;

/**
 * A runtime whose work is done by a program outside the JVM ({@link ReferenceProgram}), one child process
 * per echo server and per run, spoken to through {@link Child}'s line protocol.
 *
 * <p><b>Measured like the JVM runtimes.</b> The same load generator loads the child's echo server; the
 * child's raw lateness and times come back as numbers and go into the caller's recorder, so every
 * histogram and figure is computed in Java, the same way for all. The harness measures the child's CPU,
 * memory and threads instead of this JVM's ({@link #childProcesses()}): this JVM only starts the child and
 * reads its answers, after the timed work.
 *
 * <p><b>What this JVM counts</b> ({@link #resources()}): the child's tasks, sleeps in progress and open
 * connections, from its own {@code stats} answer; one listener per echo server; no threads, since the
 * child's threads are not this JVM's (the harness reads them from /proc as {@code server.threads}).
 */
class ReferenceRuntime implements AsyncRuntime, WholeWorkloads, ChildProcesses {

    /** How long a child may take to say its port. */
    private static final Duration LISTEN_LIMIT = Duration.ofSeconds(20);

    private final String id;
    private final ReferenceProgram program;
    private final Lifecycle lifecycle;
    /** Children alive now: echo servers and runs in progress. Guarded by itself. */
    private final List<Child> alive = new ArrayList<>();
    private final List<Child> echoServers = new ArrayList<>();
    private long endedCpuNanos;
    private long endedPeakRssBytes;

    ReferenceRuntime(String id, ReferenceProgram program) {
        this.id = id;
        this.program = program;
        this.lifecycle = new Lifecycle(id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        lifecycle.start();
    }

    @Override
    public RuntimeDescription describe() {
        return program.describe(id);
    }

    // ---------------------------------------------------------------- echo

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        lifecycle.requireRunning();
        requireOffered(Capability.ECHO);
        Child child = launch("echo", List.of(
                "--bind", config.bindAddress().getHostAddress(),
                "--port", Integer.toString(config.port()),
                "--backlog", Integer.toString(config.backlog()),
                "--read-buffer", Integer.toString(config.readBufferBytes())));
        String port;
        try {
            port = child.nextLine(LISTEN_LIMIT);
        } catch (TimeoutException | InterruptedException e) {
            ended(child);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException(id + " echo server did not say its port within " + LISTEN_LIMIT.toSeconds() + " s");
        }
        if (port == null || !port.trim().matches("\\d{1,5}")) {
            String why = child.exitAndLastWords();
            ended(child);
            if (why.toLowerCase(Locale.ROOT).contains("in use")) {
                throw Bind.failure(config.socketAddress(), new IOException("address already in use" + why));
            }
            throw new IOException(id + " echo server did not start" + why);
        }
        synchronized (alive) {
            echoServers.add(child);
        }
        return new ChildEchoServer(this, child, new InetSocketAddress(config.bindAddress(), Integer.parseInt(port.trim())));
    }

    // ---------------------------------------------------------------- sleep

    /**
     * The child runs the whole workload (its first sleeps due at one deadline it fixes once every task
     * exists, as the event-loop runtimes do) and reports every lateness; they are recorded here, after the
     * run, so recording costs the run nothing. Every first wake-up names the same deadline (0 here: the
     * child's own deadline, which it measured against).
     */
    @Override
    public SleepReport runSleepers(SleepWorkload workload, LatenessRecorder recorder)
            throws InterruptedException, TimeoutException {
        lifecycle.requireRunning();
        requireOffered(Capability.SLEEP);
        try {
            ResultLines r = run("sleep", List.of(
                    "--tasks", Integer.toString(workload.tasks()),
                    "--sleeps", Integer.toString(workload.sleepsPerTask()),
                    "--sleep-ns", Long.toString(workload.sleepDuration().toNanos())), null, workload.timeout());
            long[] report = r.values("report", 6);
            for (long lateness : r.values("first")) {
                recorder.recordFirst(0, lateness);
            }
            for (long lateness : r.values("later")) {
                recorder.record(lateness);
            }
            return new SleepReport((int) report[0], (int) report[1], report[2], report[3], report[4], "", report[5]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- coordination, run whole

    @Override
    public Optional<WholeWorkloads> wholeWorkloads() {
        return program.capabilities().contains(Capability.COORDINATION) ? Optional.of(this) : Optional.empty();
    }

    @Override
    public CrawlRun crawl(long[] sleepNanos, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        StringBuilder sleeps = new StringBuilder(sleepNanos.length * 10).append("sleeps");
        for (long s : sleepNanos) {
            sleeps.append(' ').append(s);
        }
        ResultLines r = run("crawl", List.of("--tasks", Integer.toString(sleepNanos.length)), sleeps.toString(), timeout);
        long[] times = r.values("times", 2);
        return new CrawlRun(r.values("overshoot", sleepNanos.length), times[0], times[1]);
    }

    @Override
    public DeadlineRun deadline(int tasks, Duration deadline, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        ResultLines r = run("deadline", List.of("--tasks", Integer.toString(tasks),
                "--deadline-ns", Long.toString(deadline.toNanos())), null, timeout);
        long[] counts = r.values("counts", 2);
        long[] cancel = r.values("cancel", (int) counts[0]);
        return new DeadlineRun(cancel, r.values("fire-lateness", cancel.length), (int) counts[0], (int) counts[1],
                r.values("times", 1)[0]);
    }

    @Override
    public PingPongRun pingPong(int pairs, int rounds, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        ResultLines r = run("pingpong", List.of("--pairs", Integer.toString(pairs),
                "--rounds", Integer.toString(rounds)), null, timeout);
        long[] cpu = r.values("cpu", 2);
        return new PingPongRun(r.values("pair-time", pairs), r.values("times", 1)[0], cpu[1] - cpu[0]);
    }

    // ---------------------------------------------------------------- children

    /**
     * Runs one workload in a child of its own and returns its results; the child's own account of its CPU
     * and peak memory is kept for {@link #endedCpuNanos()} as it leaves.
     *
     * @param input one line the child reads before it starts (crawl's sleeps), or null
     */
    private ResultLines run(String command, List<String> options, String input, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Child child = launch(command, options);
        try {
            if (input != null) {
                child.send(input);
            }
            ResultLines r = child.results(timeout);
            long[] usage = r.values("usage", 2);
            retire(child, usage[0], usage[1] * 1024);
            return r;
        } catch (IOException e) {
            if (lifecycle.isClosed()) {
                throw new IllegalStateException("runtime '" + id + "' was closed during the " + command + " run", e);
            }
            throw e;
        } finally {
            ended(child);
        }
    }

    private Child launch(String command, List<String> options) throws IOException {
        Child child = Child.start(id + " " + command, program.commandLine(command, options));
        synchronized (alive) {
            if (lifecycle.isClosed()) { // closed while launching: the child must not outlive the runtime
                child.close();
                throw new IllegalStateException("runtime '" + id + "' is closed");
            }
            alive.add(child);
        }
        return child;
    }

    /** The child reported its usage and is leaving: it counts as ended from now (never twice). */
    private void retire(Child child, long cpuNanos, long peakRssBytes) {
        synchronized (alive) {
            if (alive.remove(child)) {
                endedCpuNanos += cpuNanos;
                endedPeakRssBytes = Math.max(endedPeakRssBytes, peakRssBytes);
            }
        }
    }

    /** Ends {@code child} and forgets it. */
    void ended(Child child) {
        child.close();
        synchronized (alive) {
            alive.remove(child);
            echoServers.remove(child);
        }
    }

    private List<Child> aliveNow() {
        synchronized (alive) {
            return List.copyOf(alive);
        }
    }

    private void requireOffered(Capability c) {
        if (!program.capabilities().contains(c)) {
            throw new UnsupportedOperationException("runtime '" + id + "' does not offer the " + c.id() + " workload");
        }
    }

    // ---------------------------------------------------------------- what the harness measures

    @Override
    public Optional<ChildProcesses> childProcesses() {
        return Optional.of(this);
    }

    @Override
    public List<ProcessHandle> alive() {
        List<ProcessHandle> handles = new ArrayList<>();
        for (Child c : aliveNow()) {
            handles.add(c.handle());
        }
        return handles;
    }

    @Override
    public long endedCpuNanos() {
        synchronized (alive) {
            return endedCpuNanos;
        }
    }

    @Override
    public long endedPeakRssBytes() {
        synchronized (alive) {
            return endedPeakRssBytes;
        }
    }

    @Override
    public RuntimeResources resources() {
        long tasks = 0;
        long timers = 0;
        long open = 0;
        List<Child> children = aliveNow();
        for (Child c : children) {
            long[] s = c.stats();
            tasks += s[0];
            timers += s[1];
            open += s[3];
        }
        long listeners;
        synchronized (alive) {
            listeners = echoServers.size();
        }
        return new RuntimeResources(0, tasks, timers, open, listeners);
    }

    /** Ends every child: each one's listener, connections and tasks go with it. */
    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        for (Child c : aliveNow()) {
            ended(c);
        }
    }
}
