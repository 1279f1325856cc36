package org.loopbench.harness.load;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.Jdks;

/**
 * The benchmark fork's handle on the load generator, which runs in its own JVM ({@code cli.Generator}):
 * the server under test and the client never share a process, so neither one's GC, JIT or CPU time is
 * charged to the other, and each side gets its own 20,000 descriptors.
 *
 * <p>The generator's JVM is the same for every runtime: {@code -Dloopbench.generator.java} if given (the
 * launcher passes it), else the first JDK 21+ found (see {@link Jdks}), else this JVM; with the fixed
 * options {@link #JVM_OPTIONS}.
 *
 * <p>Progress: the generator reports its completed-message total at most every millisecond; each
 * {@code batch} messages become one permit, and {@link #awaitBatch} takes one. This is how an external
 * load's throughput reaches JMH: the benchmark method returns once per batch and JMH's own clock turns
 * {@code batch} operations per invocation into messages per second.
 *
 * <p>Lifetime: killed by {@link #close()}, by a shutdown hook if the fork exits another way, and by
 * itself when its stdin closes or this process dies.
 */
public final class GeneratorProcess implements AutoCloseable {

    public static final String JAVA_PROPERTY = "loopbench.generator.java";
    /** Identical for every runtime; small heap, serial GC: the generator allocates almost nothing. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC");

    private final Process process;
    private final Writer control;
    private final int batch;
    /** One permit per {@code batch} messages; shared by every generator of a {@link GeneratorFleet}. */
    private final Semaphore batches;
    /** How messages name it: "the load generator", or "load generator 2 (ssh -T b --)" in a fleet. */
    private final String name;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Thread shutdownHook;
    private final Path java;
    private volatile String jvm = "unknown";
    private volatile String host = "unknown";
    private volatile List<String> sourceAddresses = List.of();
    private volatile long completed;
    private volatile String lastProgress = "none yet";
    /** Open connections as the last progress line said; -1 before the first. */
    private volatile int openConnections = -1;
    private volatile String endedBecause;
    /**
     * Copies the generator's stderr to this process's, as inheriting it did, and keeps its last lines: a
     * generator behind a prefix that fails to start says why only there ("Cannot open network namespace",
     * "ssh: Could not resolve hostname"), and the trial's record must say it too, not only the group's log.
     */
    private final Thread stderrPump = new Thread(this::pumpStderr, "loopbench-generator-stderr");
    private final java.util.ArrayDeque<String> lastStderr = new java.util.ArrayDeque<>();
    private static final int STDERR_LINES_KEPT = 3;
    /**
     * The generator went silent (no heartbeat): later questions fail at once instead of waiting 30 s each
     * for an answer that will not come.
     */
    private volatile boolean silent;
    /** When the generator last wrote a line (System.nanoTime): it writes at least every second while it runs. */
    private volatile long lastHeard = System.nanoTime();
    /** Silence this long, with the generator's heartbeat every second, means it stopped answering. */
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(10);

    private GeneratorProcess(Process process, int batch, Path java, Semaphore batches, String name) {
        this.process = process;
        this.control = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.batch = batch;
        this.java = java;
        this.batches = batches;
        this.name = name;
        this.shutdownHook = new Thread(process::destroyForcibly, "loopbench-generator-killer");
        stderrPump.setDaemon(true);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The java executable the generator runs on. */
    public static Path javaExecutable() {
        String explicit = System.getProperty(JAVA_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return Jdks.find(21, false).orElse(Jdks.current()).java();
    }

    /**
     * Starts the generator and waits until all its connections are open and the load runs.
     *
     * @param batch messages per permit for {@link #awaitBatch}
     * @throws IOException with the generator's own message when it cannot start or connect
     */
    public static GeneratorProcess start(LoadSpec spec, int batch, Duration readyLimit) throws IOException {
        return start(spec, batch, readyLimit, CpuLayout.generatorCommandPrefix());
    }

    /**
     * As {@link #start(LoadSpec, int, Duration)}, placed by {@code placement} (e.g. {@code taskset -c 1},
     * {@link CpuLayout#generatorPlacement()}) rather than by this fork's system properties: for a caller
     * that is not a benchmark fork, such as the calibration.
     */
    public static GeneratorProcess start(LoadSpec spec, int batch, Duration readyLimit, List<String> placement)
            throws IOException {
        GeneratorProcess g = launch(spec, batch, placement, new Semaphore(0), "load generator");
        long deadline = System.nanoTime() + readyLimit.toNanos();
        g.awaitReady(spec, deadline, readyLimit);
        g.askToStart();
        g.awaitStarted(deadline, readyLimit);
        return g;
    }

    /**
     * Starts the generator's process behind {@code prefix} without waiting for it to be ready: a fleet starts
     * all its generators first, so they connect at the same time, then waits for each ({@link #awaitReady}).
     *
     * @param batches the permits its progress releases, one per {@code batch} messages
     * @param name    how messages name it
     */
    static GeneratorProcess launch(LoadSpec spec, int batch, List<String> prefix, Semaphore batches, String name)
            throws IOException {
        Path java = javaExecutable();
        List<String> cmd = command(prefix, java, spec);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException(name + " could not be started (" + String.join(" ", prefix.isEmpty()
                    ? List.of(java.toString()) : prefix) + "): " + e.getMessage(), e);
        }
        GeneratorProcess g = new GeneratorProcess(process, batch, java, batches, name);
        g.stderrPump.start();
        Thread reader = new Thread(g::readReplies, "loopbench-generator-reader");
        reader.setDaemon(true);
        reader.start();
        return g;
    }

    /**
     * Waits until it has tried every connection (READY; its load waits for START); closes it and throws otherwise.
     *
     * @param deadline System.nanoTime() by when it must be ready
     * @param limit    the whole wait, for the message
     */
    void awaitReady(LoadSpec spec, long deadline, Duration limit) throws IOException {
        await(ready, deadline - System.nanoTime(), "was not ready within " + limit + " (opening "
                + spec.connections() + " connections)");
    }

    /**
     * The generator's command line: {@code placement} first ({@code taskset -c <client CPUs>} when the
     * launcher split the CPUs, see {@link CpuLayout#generatorCommandPrefix()}; empty otherwise, and the
     * generator then inherits this fork's CPUs), then its JVM, options, class path and load.
     */
    static List<String> command(List<String> placement, Path java, LoadSpec spec) {
        List<String> cmd = new ArrayList<>(placement);
        cmd.add(java.toAbsolutePath().toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-cp");
        cmd.add(absoluteClassPath(System.getProperty("java.class.path")));
        cmd.add("org.loopbench.harness.cli.Generator");
        cmd.addAll(spec.toArgs());
        return cmd;
    }

    /**
     * The class path with every entry made absolute: a generator behind a prefix may start in another
     * directory (ssh starts in the home directory), and a run started as {@code -jar loop-cli/target/...}
     * has a relative one.
     */
    static String absoluteClassPath(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator, -1)) {
            entries.add(e.isEmpty() ? e : Path.of(e).toAbsolutePath().normalize().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private void pumpStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                System.err.println(line);
                synchronized (lastStderr) {
                    if (lastStderr.size() == STDERR_LINES_KEPT) {
                        lastStderr.removeFirst();
                    }
                    lastStderr.addLast(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                }
            }
        } catch (IOException e) {
            // the process is gone: what it said is already copied
        }
    }

    /** Its last lines on stderr, joined; waits up to 1 s for the rest of them after the process ended. */
    private String lastWords() {
        try {
            stderrPump.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lastStderr) {
            return lastStderr.isEmpty() ? "nothing" : String.join(" | ", lastStderr);
        }
    }

    private void readReplies() {
        CpuLayout.moveHarnessThreadToClientCpus(); // never starved behind the server's threads, see there
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            long lastBatches = 0;
            while ((line = in.readLine()) != null) {
                lastHeard = System.nanoTime();
                if (line.startsWith("P ")) {
                    String[] f = line.split(" ");
                    long total = Long.parseLong(f[1]);
                    completed = total;
                    openConnections = Integer.parseInt(f[2]);
                    lastProgress = "completed " + total + ", open connections " + f[2] + ", errors " + f[3];
                    long nowBatches = total / batch;
                    if (nowBatches > lastBatches) {
                        batches.release((int) Math.min(Integer.MAX_VALUE, nowBatches - lastBatches));
                        lastBatches = nowBatches;
                    }
                } else if (line.startsWith("S ")) {
                    replies.put(line.substring(2));
                } else if (line.startsWith("JVM ")) {
                    jvm = line.substring(4);
                } else if (line.startsWith("FROM ")) {
                    String[] f = line.substring(5).split(" ");
                    host = f[0];
                    sourceAddresses = f.length > 1 && !f[1].equals("none") ? List.of(f[1].split(",")) : List.of();
                } else if (line.equals("STARTED")) {
                    started.complete(null);
                } else if (line.startsWith("READY ")) {
                    ready.complete(line.substring(6));
                } else if (line.startsWith("FAIL ")) {
                    ready.completeExceptionally(new IOException(line.substring(5)));
                } else {
                    System.err.println("loopbench: unexpected line from the load generator: " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            endedBecause = "control channel failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String words = lastWords();
        if (endedBecause == null) {
            endedBecause = "the process ended (its last words on stderr: " + words + ")";
        }
        ready.completeExceptionally(new IOException(endedBecause + " before it was ready"));
        started.completeExceptionally(new IOException(endedBecause + " before its load started"));
    }

    /**
     * Blocks until {@code batch} more messages have completed, and fails as soon as fewer than
     * {@code connectionsHeld} connections are open: a trial holds every connection it asks for or fails, and a
     * server that lets connections time out (10,000 platform threads on one CPU did) would otherwise keep the
     * iteration going until JMH's 10-minute timeout, once per fork.
     *
     * @throws IllegalStateException when a connection was lost, no batch completed within
     *                               {@code noProgressLimit}, or the generator died
     */
    public void awaitBatch(Duration noProgressLimit, int connectionsHeld) throws InterruptedException {
        awaitBatch(batches, batch, noProgressLimit, () -> requireHealthy(connectionsHeld, noProgressLimit),
                () -> lastProgress);
    }

    /**
     * Takes one permit of {@code batches}, checking {@code healthy} every 100 ms while none comes, and fails
     * when none came within {@code noProgressLimit} (the generators kept reporting, so the server is stuck).
     * One loop for a single generator and for a fleet, whose generators share the permits.
     */
    static void awaitBatch(Semaphore batches, int batch, Duration noProgressLimit, Runnable healthy,
                           java.util.function.Supplier<String> lastProgress) throws InterruptedException {
        long deadline = System.nanoTime() + noProgressLimit.toNanos();
        healthy.run();
        while (!batches.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            healthy.run();
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no " + batch + " messages completed within " + noProgressLimit
                        + " while the load generator kept reporting: the server is stuck or every connection failed;"
                        + " last progress: " + lastProgress.get());
            }
        }
    }

    /** Tells the generator to start its load (it answers STARTED): a fleet tells all of them, then waits for each. */
    void askToStart() throws IOException {
        try {
            synchronized (control) {
                control.write("START\n");
                control.flush();
            }
        } catch (IOException e) {
            close();
            throw new IOException(name + " could not be told to start: " + e.getMessage(), e);
        }
    }

    /** Waits for STARTED (10 s beyond the ready deadline: starting is a few writes); closes it and throws otherwise. */
    void awaitStarted(long deadline, Duration limit) throws IOException {
        await(started, deadline - System.nanoTime() + TimeUnit.SECONDS.toNanos(10),
                "did not start its load within " + limit.plusSeconds(10));
    }

    /** Waits up to {@code nanos} for {@code answer}; closes the generator and throws, named, otherwise. */
    private void await(CompletableFuture<?> answer, long nanos, String timedOut) throws IOException {
        try {
            answer.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            close();
            throw new IOException(name + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IOException(name + " " + timedOut);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the " + name);
        }
    }

    /**
     * Fails when fewer than {@code connectionsHeld} of its connections are open, when it ended, or when it has
     * been silent (no progress line, which it sends at least every second) for the shorter of 10 s and
     * {@code noProgressLimit}.
     *
     * @throws IllegalStateException saying which, with its last progress
     */
    void requireHealthy(int connectionsHeld, Duration noProgressLimit) {
        requireOpen(connectionsHeld);
        if (endedBecause != null) {
            throw new IllegalStateException(name + " stopped: " + endedBecause + "; last progress: " + lastProgress);
        }
        long quiet = System.nanoTime() - lastHeard;
        if (quiet > Math.min(SILENCE_LIMIT.toNanos(), noProgressLimit.toNanos())) {
            silent = true;
            throw new IllegalStateException("the " + name + " stopped answering: no progress line for "
                    + quiet / 1_000_000 + " ms (it sends one every second while it runs); last progress: " + lastProgress);
        }
    }

    private void requireOpen(int connectionsHeld) {
        int open = openConnections;
        if (open >= 0 && open < connectionsHeld) {
            throw new IllegalStateException(String.format("%,d of %,d connections failed during the run (%s);"
                    + " last progress: %s: a trial holds every connection it asks for or fails", connectionsHeld - open,
                    connectionsHeld, name, lastProgress));
        }
    }

    /**
     * Starts a new JMH iteration: batches completed so far no longer count as operations. The recording
     * is not cut here: the next {@link #snapshot()} covers everything since the previous one, so the
     * messages completed between two iterations are kept (in the next iteration's interval).
     */
    public void beginIteration() {
        batches.drainPermits();
    }

    /** Everything since the previous snapshot (or the start of the load). */
    public LoadSnapshot snapshot() throws IOException, InterruptedException {
        return ask("SNAP", Duration.ofSeconds(30));
    }

    /**
     * Ends the load ({@link LoadGenerator#finish}): messages due before now are still answered for up to
     * {@code grace}, what remains is counted as unanswered. Returns everything since the previous snapshot.
     */
    public LoadSnapshot finish(Duration grace) throws IOException, InterruptedException {
        return ask("FINISH " + grace.toMillis(), grace.plusSeconds(30));
    }

    private LoadSnapshot ask(String command, Duration limit) throws IOException, InterruptedException {
        if (endedBecause != null) {
            throw new IOException(name + " stopped: " + endedBecause);
        }
        if (silent) {
            throw new IOException("the " + name + " stopped answering; not asked to " + command
                    + "; last progress: " + lastProgress);
        }
        synchronized (control) {
            replies.clear();
            control.write(command + "\n");
            control.flush();
        }
        String reply = replies.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new IOException(name + " did not answer " + command + " within " + limit
                    + "; last progress: " + lastProgress);
        }
        return LoadSnapshot.decode(reply);
    }

    /** Connections the generator opened (its READY line). */
    public int connected() {
        return Integer.parseInt(readyFields()[0]);
    }

    /** Connections it could not open: each is an {@link ErrorKind#CONNECT} error. */
    public int connectFailures() {
        return Integer.parseInt(readyFields()[1]);
    }

    /** Why the first connection that failed did; empty when none failed. */
    public String firstConnectFailure() {
        String[] f = readyFields();
        return f.length > 2 ? f[2] : "";
    }

    private String[] readyFields() {
        return ready.join().split(" ", 3); // complete once start() has returned
    }

    public long completed() {
        return completed;
    }

    /** Its last progress line, in words, for messages. */
    String lastProgress() {
        return lastProgress;
    }

    /** The host it runs on, as it named itself; "unknown" before it was ready. */
    public String host() {
        return host;
    }

    /** The local addresses of its connections, as the server sees them. */
    public List<String> sourceAddresses() {
        return sourceAddresses;
    }

    /** e.g. "OpenJDK 64-Bit Server VM 25+36-LTS (Eclipse Adoptium)". */
    public String jvm() {
        return jvm;
    }

    public Path java() {
        return java;
    }

    /** The generator's process id (for its memory and descriptors, read from /proc). */
    public long pid() {
        return process.pid();
    }

    /** Asks the generator to quit, waits up to 5 s, then kills it. Idempotent. */
    @Override
    public void close() {
        try {
            synchronized (control) {
                control.write("QUIT\n");
                control.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
