package org.loopbench.harness.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The load generators of one trial, seen by the benchmark as one: the load {@link LoadSpec#split split}
 * among them (each keeps its own intended-time schedule), their batches counted together, and each
 * interval's snapshots taken from all of them at once and {@link LoadSnapshot#merge merged} (histograms
 * added). Where each runs is a {@link GeneratorPlacement}; the default is one local generator, which makes
 * this exactly the single {@link GeneratorProcess} it always was.
 *
 * <p>Lifetime: {@link #close()} ends every one (asked to quit, killed after 5 s; a remote one ends when its
 * stdin, the session's, closes), as does each one's shutdown hook if the fork exits another way. A fleet
 * that cannot start all of its generators closes the ones it started and fails, naming the one that could
 * not start.
 */
public final class GeneratorFleet implements AutoCloseable {

    private final List<GeneratorProcess> generators;
    private final List<LoadSpec> parts;
    private final GeneratorPlacement placement;
    private final Semaphore batches;
    private final int batch;
    /** Asks the generators for their snapshots at once, so their intervals end together. */
    private final ExecutorService askers;

    private GeneratorFleet(List<GeneratorProcess> generators, List<LoadSpec> parts, GeneratorPlacement placement,
                           Semaphore batches, int batch) {
        this.generators = List.copyOf(generators);
        this.parts = List.copyOf(parts);
        this.placement = placement;
        this.batches = batches;
        this.batch = batch;
        this.askers = Executors.newFixedThreadPool(generators.size(), r -> {
            Thread t = new Thread(r, "loopbench-generator-asker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Splits {@code spec} over the placement's generators, starts them all, and waits until every one has
     * all its connections open and its load running.
     *
     * @param localPlacement what goes before a local generator's command ({@code taskset -c <client>} or nothing)
     * @throws IOException naming the generator that could not start, with its own message
     * @throws IllegalArgumentException when the load cannot be split that many ways
     */
    public static GeneratorFleet start(LoadSpec spec, GeneratorPlacement placement, List<String> localPlacement,
                                       int batch, Duration readyLimit) throws IOException {
        List<LoadSpec> parts = spec.split(placement.count());
        Semaphore batches = new Semaphore(0);
        List<GeneratorProcess> started = new ArrayList<>();
        long deadline = System.nanoTime() + readyLimit.toNanos();
        try {
            for (int i = 0; i < parts.size(); i++) {
                started.add(GeneratorProcess.launch(parts.get(i), batch, placement.commandPrefix(i, localPlacement),
                        batches, name(placement, i)));
            }
            for (int i = 0; i < parts.size(); i++) {
                started.get(i).awaitReady(parts.get(i), deadline, readyLimit);
            }
            // every one connected before any load: they start together, so their first intervals begin together
            // (a host slow to connect would otherwise start seconds late, and a merged interval as long as the
            // longest part but holding a shorter part's messages understates the rate)
            for (GeneratorProcess g : started) {
                g.askToStart();
            }
            for (GeneratorProcess g : started) {
                g.awaitStarted(deadline, readyLimit);
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(GeneratorProcess::close);
            throw e;
        }
        return new GeneratorFleet(started, parts, placement, batches, batch);
    }

    /** "load generator" when it is the only one (as messages always said), else its number and launch. */
    private static String name(GeneratorPlacement placement, int index) {
        return placement.count() == 1 ? "load generator"
                : "load generator " + (index + 1) + " (" + placement.launch(index) + ")";
    }

    /**
     * Blocks until {@code batch} more messages have completed over all generators; fails as soon as one of
     * them lost a connection, stopped or went silent, or when no batch completed within {@code noProgressLimit}.
     */
    public void awaitBatch(Duration noProgressLimit) throws InterruptedException {
        GeneratorProcess.awaitBatch(batches, batch, noProgressLimit, () -> {
            for (int i = 0; i < generators.size(); i++) {
                generators.get(i).requireHealthy(parts.get(i).connections(), noProgressLimit);
            }
        }, this::lastProgress);
    }

    private String lastProgress() {
        if (generators.size() == 1) {
            return generators.get(0).lastProgress();
        }
        List<String> each = new ArrayList<>();
        for (int i = 0; i < generators.size(); i++) {
            each.add("#" + (i + 1) + " " + generators.get(i).lastProgress());
        }
        return String.join("; ", each);
    }

    /** A new JMH iteration: batches completed so far no longer count (see {@link GeneratorProcess#beginIteration}). */
    public void beginIteration() {
        batches.drainPermits();
    }

    /** Everything since the previous snapshot, from every generator. */
    public Snapshot snapshot() throws IOException, InterruptedException {
        return askAll(GeneratorProcess::snapshot);
    }

    /** Ends the load on every generator ({@link GeneratorProcess#finish}), at once. */
    public Snapshot finish(Duration grace) throws IOException, InterruptedException {
        return askAll(g -> g.finish(grace));
    }

    private interface Question {
        LoadSnapshot ask(GeneratorProcess g) throws IOException, InterruptedException;
    }

    private Snapshot askAll(Question question) throws IOException, InterruptedException {
        if (generators.size() == 1) {
            return new Snapshot(List.of(question.ask(generators.get(0))));
        }
        List<Future<LoadSnapshot>> answers = new ArrayList<>();
        for (GeneratorProcess g : generators) {
            Callable<LoadSnapshot> c = () -> question.ask(g);
            answers.add(askers.submit(c));
        }
        List<LoadSnapshot> each = new ArrayList<>();
        for (Future<LoadSnapshot> a : answers) {
            try {
                each.add(a.get()); // each ask is bounded by its own limit
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
        }
        return new Snapshot(each);
    }

    /**
     * One interval from every generator.
     *
     * @param each   each generator's own snapshot, in placement order
     */
    public record Snapshot(List<LoadSnapshot> each) {
        public Snapshot {
            each = List.copyOf(each);
        }

        /** The generators' snapshots as one (histograms added). */
        public LoadSnapshot merged() {
            return LoadSnapshot.merge(each);
        }

        /** The busiest generator's I/O busy: a trial is client-bound when any one generator is. */
        public double maxIoBusy() {
            return each.stream().mapToDouble(LoadSnapshot::ioBusy).max().orElse(-1);
        }
    }

    public int count() {
        return generators.size();
    }

    public GeneratorProcess generator(int index) {
        return generators.get(index);
    }

    /** Generator {@code index}'s share of the load. */
    public LoadSpec part(int index) {
        return parts.get(index);
    }

    public GeneratorPlacement placement() {
        return placement;
    }

    /** Connections opened by all generators. */
    public int connected() {
        return generators.stream().mapToInt(GeneratorProcess::connected).sum();
    }

    /** Connections that could not be opened, over all generators. */
    public int connectFailures() {
        return generators.stream().mapToInt(GeneratorProcess::connectFailures).sum();
    }

    /** The first generator's first connect failure that has one; empty when none failed. */
    public String firstConnectFailure() {
        for (GeneratorProcess g : generators) {
            if (!g.firstConnectFailure().isEmpty()) {
                return g.firstConnectFailure();
            }
        }
        return "";
    }

    /** The distinct source addresses the server saw the load come from. */
    public Set<String> sourceAddresses() {
        Set<String> all = new LinkedHashSet<>();
        generators.forEach(g -> all.addAll(g.sourceAddresses()));
        return all;
    }

    /** Ends every generator, at once (each waits up to 5 s, then kills). Idempotent. */
    @Override
    public void close() {
        List<Thread> closers = new ArrayList<>();
        for (GeneratorProcess g : generators) {
            Thread t = new Thread(g::close, "loopbench-generator-closer");
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        askers.shutdownNow();
    }
}
