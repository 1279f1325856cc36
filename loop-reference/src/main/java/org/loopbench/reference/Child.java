package org.loopbench.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running reference program and its control channel: the child's stdin carries control lines from
 * Java ({@code stats}, and end of file, which ends the child), its stdout carries answers and results.
 *
 * <p><b>The protocol</b> (the same for every reference program; the programs' own header comments say
 * it too): an echo server prints its port alone on one line once it listens; a workload prints its result
 * lines ({@code <name> <integer> ...}), then {@code usage <cpu ns> <maxrss KiB>}, then {@code end}. At
 * any time a {@code stats} line is answered with {@code stats <tasks> <timers> <accepted> <open>
 * <bytes received> <bytes echoed>}. End of file on stdin stops the child at once: that is how Java ends an
 * echo server or abandons a run, and how a fork that dies takes its child along.
 *
 * <p>One thread per stream reads the child without pause, so a child writing a long result line never
 * blocks on a full pipe; both are daemons and end with the child's streams.
 *
 * <p>Thread-safety: {@link #stats()} may be called from any thread (one question at a time); the result
 * reads are for the one thread that runs the workload.
 */
final class Child implements AutoCloseable {

    /** How long a stopped child may take to leave before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long a {@code stats} question may wait for its answer (the child answers between steps of its work). */
    private static final Duration STATS_LIMIT = Duration.ofSeconds(10);
    private static final String END_OF_OUTPUT = "\u0000end of output";
    private static final long[] NO_ANSWER = new long[0];
    private static final int STDERR_KEPT = 20;

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<long[]> statsAnswers = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    /** Guards every write to stdin, and keeps {@code stats} questions to one at a time. */
    private final Object stdinLock = new Object();
    private final Thread outReader;
    private final Thread errReader;
    private long[] lastStats = new long[6];
    private volatile boolean outputEnded;
    private boolean stopped;

    private Child(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        this.outReader = daemon(name + "-stdout", this::readStdout);
        this.errReader = daemon(name + "-stderr", this::readStderr);
    }

    /**
     * Starts {@code command}; {@code name} (e.g. "py-asyncio sleep") names it in every message. The child
     * inherits this JVM's CPU affinity, so it runs where the fork that hosts it was placed.
     */
    static Child start(String name, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        return new Child(name, p);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, "loopbench-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII), 1 << 16)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("stats ")) {
                    statsAnswers.offer(ResultLines.numbers(line));
                } else {
                    lines.offer(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the child is gone; what it said is kept, and the end marker below tells the readers
        } finally {
            outputEnded = true;
            lines.offer(END_OF_OUTPUT);
            statsAnswers.offer(NO_ANSWER); // a question still waiting gets no answer now: it must not wait on
        }
    }

    private void readStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (stderr) {
                    stderr.addLast(line);
                    if (stderr.size() > STDERR_KEPT) {
                        stderr.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Sends one control line (e.g. crawl's per-task sleeps). */
    void send(String line) throws IOException {
        synchronized (stdinLock) {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        }
    }

    /**
     * The next output line, or null when the child ended before writing one.
     *
     * @throws TimeoutException when none came within {@code limit}
     */
    String nextLine(Duration limit) throws InterruptedException, TimeoutException {
        String line = lines.poll(limit.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new TimeoutException(name + " said nothing within " + limit.toMillis() + " ms");
        }
        if (line.equals(END_OF_OUTPUT)) {
            lines.offer(END_OF_OUTPUT); // every later reader sees the end too
            return null;
        }
        return line;
    }

    /**
     * Reads a workload's results up to its {@code end} line.
     *
     * @throws TimeoutException when {@code end} did not come within {@code limit} (the child keeps running)
     * @throws IOException      when the child ended without it, with its last words
     */
    ResultLines results(Duration limit) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        ResultLines.Builder results = new ResultLines.Builder(name);
        for (;;) {
            long left = Math.max(0, deadline - System.nanoTime());
            String line;
            try {
                line = nextLine(Duration.ofNanos(left));
            } catch (TimeoutException e) {
                throw new TimeoutException(name + " had not finished within " + limit.toMillis() + " ms");
            }
            if (line == null) {
                throw new IOException(name + " ended before its results" + exitAndLastWords());
            }
            if (line.equals("end")) {
                return results.build();
            }
            results.add(line);
        }
    }

    /**
     * Asks the child what it holds now: {@code [tasks, timers, accepted, open, bytesReceived, bytesEchoed]}.
     * A child that does not answer within 10 s (busy, or gone) is taken at its last answer.
     */
    long[] stats() {
        synchronized (stdinLock) {
            if (stopped || outputEnded || !process.isAlive()) {
                return lastStats.clone();
            }
            try {
                statsAnswers.clear();
                stdin.write("stats\n");
                stdin.flush();
                // in short waits, so that a child that ends meanwhile (it said "end", or died) is not waited for
                long giveUp = System.nanoTime() + STATS_LIMIT.toNanos();
                long[] answer = null;
                while (answer == null && !outputEnded && System.nanoTime() < giveUp) {
                    answer = statsAnswers.poll(50, TimeUnit.MILLISECONDS);
                }
                if (answer != null && answer.length == 6) {
                    lastStats = answer;
                }
            } catch (IOException e) {
                // the child is gone: its last answer stands
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lastStats.clone();
        }
    }

    /** The exit status and the child's last stderr line, for messages: " (exit 2: address in use)". */
    String exitAndLastWords() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
        try {
            errReader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String last;
        synchronized (stderr) {
            last = stderr.isEmpty() ? "" : ": " + stderr.peekLast();
        }
        return " (" + exit + last + ")";
    }

    /**
     * Ends the child: closes its stdin (it stops at once), waits up to {@link #STOP_GRACE}, then kills it.
     * Returns when it is gone and its stream readers have ended. Idempotent.
     */
    @Override
    public void close() {
        synchronized (stdinLock) {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("loopbench: " + name + " did not stop within " + STOP_GRACE.toSeconds()
                        + " s of its stdin closing; killed");
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            outReader.join(STOP_GRACE.toMillis());
            errReader.join(STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
