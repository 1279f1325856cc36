package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * One {@code loopbench run} started as a user starts it (its own JVM, the shaded jar's main class, the
 * source tree as working directory), with the fault matrix's {@code faulty} runtime added to its class
 * path. It remembers every process of its tree it has seen, so a test can kill or stop one (a JMH fork, the
 * load generator) and assert at the end that none is left. Every wait is bounded: a run that hangs fails
 * the test, and is killed with its whole tree.
 *
 * <p>Public, with {@link Commands}, for the other modules of whole runs (multi-host depends on this
 * module's test jar); the rest of what is here is the fault matrix's own.
 */
public final class LoopbenchRun implements AutoCloseable {

    /** The JMH fork's main class and the generator's: how each is recognised in the process tree. */
    public static final String FORK = "org.openjdk.jmh.runner.ForkedMain";
    public static final String GENERATOR = "org.loopbench.harness.cli.Generator";

    private final Process process;
    private final Path dir;
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();
    private final Thread reader;
    private final Thread watcher;
    private volatile boolean watching = true;

    /** A process of the run's tree: its start time tells a reused pid from the one seen. */
    record Seen(ProcessHandle handle, String commandLine, Optional<java.time.Instant> started) {
        boolean stillAlive() {
            return handle.isAlive() && handle.info().startInstant().equals(started);
        }
    }

    private LoopbenchRun(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.reader = new Thread(this::readConsole, "fault-matrix-console");
        this.watcher = new Thread(this::watchTree, "fault-matrix-tree");
        reader.setDaemon(true);
        watcher.setDaemon(true);
        seen.put(process.pid(), seen(process.toHandle()));
        reader.start();
        watcher.start();
    }

    /** The source tree's root: where the runs start and where the shaded jar is. */
    public static Path sourceRoot() {
        return Path.of(System.getProperty("loopbench.source.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * Starts {@code loopbench run ARGS} writing into {@code out}, optionally behind a command prefix (e.g.
     * {@code setsid}, {@code ip netns exec NAME}).
     */
    public static LoopbenchRun start(List<String> prefix, Path out, List<String> args) throws IOException {
        Path jar = sourceRoot().resolve("loop-cli/target/loopbench.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the fault matrix runs the packaged jar (mvn verify builds it)");
        }
        Path testClasses = Path.of(FaultyRuntimeProvider.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Dloopbench.command=fault-matrix");
        cmd.add("-cp");
        cmd.add(jar + java.io.File.pathSeparator + testClasses);
        cmd.add("org.loopbench.cli.Loopbench");
        cmd.add("run");
        cmd.add("--out");
        cmd.add(out.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(sourceRoot().toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new LoopbenchRun(p, out);
    }

    public static LoopbenchRun start(Path out, String... args) throws IOException {
        return start(List.of(), out, List.of(args));
    }

    public Path dir() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the run printed so far (stdout and stderr), one line each. */
    public List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    public String consoleText() {
        return String.join("\n", console());
    }

    /** Waits for the run to end. @return its exit status */
    public int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            killTree();
            fail("the run did not end within " + limit + "; killed. Its console:\n" + consoleText());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** Waits until a console line matches {@code regex}. */
    String awaitLine(String regex, Duration limit) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : console()) {
                if (p.matcher(line).find()) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        fail("no console line matched /" + regex + "/ within " + limit + "; the console:\n" + consoleText());
        return null;
    }

    /**
     * Waits until the trial whose file name starts with {@code stemPrefix} has written {@code iterations}
     * iterations into its sidecar (warm-up ones included): it is then mid-trial.
     */
    public TrialFiles awaitIterations(String stemPrefix, int iterations, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (TrialFiles t : trials()) {
                if (t.name().startsWith(stemPrefix) && iterationsOf(t) >= iterations) {
                    return t;
                }
            }
            Thread.sleep(20);
        }
        fail("trial " + stemPrefix + "* did not reach " + iterations + " iteration(s) within " + limit
                + "; the console:\n" + consoleText());
        return null;
    }

    public List<TrialFiles> trials() {
        try {
            return RunLayout.of(dir).trials();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int iterationsOf(TrialFiles t) {
        try {
            TrialRecord r = TrialRecord.read(t.sidecar());
            return r.diedBeforeFirstIteration() ? 0 : r.iterations().size();
        } catch (IOException | RuntimeException e) {
            return 0; // being written: the next look sees it whole
        }
    }

    /** The one live process of the tree whose command line contains {@code marker}, waiting for it to appear. */
    public ProcessHandle awaitProcess(String marker, Duration limit) throws InterruptedException {
        return awaitProcess(c -> c.contains(marker), marker, limit);
    }

    public ProcessHandle awaitProcess(Predicate<String> commandLine, String what, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (ProcessHandle h : process.toHandle().descendants().toList()) {
                String c = commandLine(h);
                if (commandLine.test(c) && h.isAlive()) {
                    return h;
                }
            }
            Thread.sleep(10);
        }
        fail("no process " + what + " appeared in the run's tree within " + limit + "; the console:\n" + consoleText());
        return null;
    }

    /** Sends {@code signal} (e.g. "STOP", "INT") to one process, or to a process group with a negative id. */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", String.valueOf(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Polls until {@code condition} holds. */
    static void await(BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + limit);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Every process this run's tree ever had is gone (after the run ended): the JMH forks, the load
     * generators, a reference's children. Waits a little, as a killed process's children see their pipe close.
     */
    public void assertNothingLeftBehind() throws InterruptedException {
        watching = false;
        watcher.join(2_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Seen> alive;
        do {
            alive = seen.values().stream().filter(Seen::stillAlive).toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        StringBuilder sb = new StringBuilder("processes of the run left behind:");
        for (Seen s : alive) {
            sb.append("\n  ").append(s.handle().pid()).append(' ').append(s.commandLine());
        }
        alive.forEach(s -> s.handle().destroyForcibly());
        fail(sb.toString());
    }

    /** How many processes of the tree were seen whose command line contains {@code marker}. */
    public long seenCount(String marker) {
        return seen.values().stream().filter(s -> s.commandLine().contains(marker)).count();
    }

    private void watchTree() {
        while (watching) {
            try {
                process.toHandle().descendants().forEach(h -> seen.computeIfAbsent(h.pid(), pid -> seen(h)));
                Thread.sleep(25);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a process ended while being listed: the next round sees the tree again
            }
        }
    }

    private static Seen seen(ProcessHandle h) {
        return new Seen(h, commandLine(h), h.info().startInstant());
    }

    static String commandLine(ProcessHandle h) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return h.info().commandLine().orElse("");
        }
    }

    private void readConsole() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                console.add(line);
            }
        } catch (IOException e) {
            console.add("(console unreadable: " + e + ")");
        }
    }

    private void killTree() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Kills whatever is still running (a test that failed half-way must not leave load running). */
    @Override
    public void close() {
        watching = false;
        if (process.isAlive()) {
            killTree();
        }
        seen.values().stream().filter(Seen::stillAlive).forEach(s -> s.handle().destroyForcibly());
    }

}
