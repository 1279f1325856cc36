package org.loopbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How long each group will take, from the best evidence there is. The fixed formula ({@link Estimate})
 * knew nothing of runtimes: it said 29 min for a {@code --full} run that took 46, because 10,000 pairs
 * ping-ponging 2,000 rounds with a platform thread per task, or 30,000 platform-thread sleepers spawning,
 * cost tens of seconds per iteration where it assumed one. So, in order:
 * <ol>
 *   <li><b>measured</b>: the same group with the same settings, extra JMH options and CPU layout mode in an
 *       earlier run here (results/runs, newest first, then results/reference): what it took;</li>
 *   <li><b>scaled</b> from the newest run that ran the group (same layout mode first, else any, the
 *       reference included): a second for the launcher JVM, the measured overhead per trial (fork and
 *       generator start-up, connecting) times the trials, and the iterations. Timed iterations take their
 *       -w/-r. A single-shot iteration takes the ideal (sleeps x sleepMs) plus its measured excess (at the
 *       same work if measured, else at the largest) scaled by the work (tasks, pairs x rounds; workloads.json "work"), the tasks capped near pid_max where the
 *       runtime's kernel thread count grew with them (it cannot start more). Measured in another layout, the
 *       excess scales by the CPUs the server kept busy there ("server.cpu") over the CPUs it gets now:
 *       ping-pong that kept both cores busy takes about twice as long on one, a task that used one core
 *       no longer (used only until a run in this layout exists);</li>
 *   <li><b>formula</b>: {@link Estimate#seconds} for a group never measured here.</li>
 * </ol>
 */
final class Estimator {

    /** Where the launcher JVM's own start-up goes: one per group, not per trial. */
    static final double LAUNCHER_SECONDS = 1;
    /** The lowest overhead a trial is charged: a JVM never starts in less. */
    static final double MIN_TRIAL_OVERHEAD_SECONDS = 0.5;
    /** A thread-per-task runtime stops short of pid_max (every other thread counts too): 30,579 of 32,768 here. */
    static final double THREAD_CAP_OF_PID_MAX = 0.93;
    /** How many recent runs are read: enough to find a match, few enough to read in a moment. */
    static final int RECENT_RUNS = 20;

    /** Where an estimate came from. */
    enum Source { MEASURED, SCALED, FORMULA }

    /** One group's estimate in seconds (unrounded: a plan adds them up first) and its source. */
    record Guess(double seconds, Source source) {

        long rounded() {
            return Math.round(seconds);
        }
    }

    private final List<MeasuredRun> runs;
    private final String layoutMode;
    private final int serverCpus;
    private final String jmhExtra;

    /**
     * @param runs       evidence, most relevant first (recent runs newest first, then the reference)
     * @param layoutMode the run's CPU layout mode (split, shared, explicit)
     * @param serverCpus CPUs the run's server side gets
     * @param jmhExtra   the run's extra JMH options as recorded ("" for none)
     */
    Estimator(List<MeasuredRun> runs, String layoutMode, int serverCpus, String jmhExtra) {
        this.runs = List.copyOf(runs);
        this.layoutMode = layoutMode;
        this.serverCpus = Math.max(1, serverCpus);
        this.jmhExtra = jmhExtra;
    }

    /** Evidence from {@code root}'s results/runs (newest first) and results/reference. */
    static Estimator forRoot(Path root, String layoutMode, int serverCpus, String jmhExtra) {
        List<MeasuredRun> runs = new ArrayList<>(MeasuredRun.under(root.resolve("results/runs"), RECENT_RUNS));
        MeasuredRun.read(root.resolve("results/reference")).ifPresent(runs::add);
        return new Estimator(runs, layoutMode, serverCpus, jmhExtra);
    }

    /** No evidence: the formula for every group. */
    static Estimator formulaOnly() {
        return new Estimator(List.of(), "shared", 1, "");
    }

    Guess guess(Group g) {
        String described = g.settings().describe();
        for (MeasuredRun r : runs) {
            OptionalDouble wall = r.wallSeconds(g.runtime(), g.benchmarkName());
            if (wall.isPresent() && r.layoutMode().equals(layoutMode) && r.jmhExtra().equals(jmhExtra)
                    && r.hadSettings(described)) {
                return new Guess(wall.getAsDouble(), Source.MEASURED);
            }
        }
        Optional<MeasuredRun> calibration = calibration(g);
        if (calibration.isPresent()) {
            OptionalDouble scaled = scaled(g, calibration.get());
            if (scaled.isPresent()) {
                return new Guess(scaled.getAsDouble(), Source.SCALED);
            }
        }
        return new Guess(Estimate.seconds(g.benchmark(), g.settings()), Source.FORMULA);
    }

    long seconds(Group g) {
        return guess(g).rounded();
    }

    /** The newest run that ran the group, in this layout mode if one did. */
    private Optional<MeasuredRun> calibration(Group g) {
        Optional<MeasuredRun> any = Optional.empty();
        for (MeasuredRun r : runs) {
            if (r.wallSeconds(g.runtime(), g.benchmarkName()).isEmpty() || r.jmh(g.runtime(), g.benchmarkName()).isEmpty()) {
                continue;
            }
            if (r.layoutMode().equals(layoutMode)) {
                return Optional.of(r);
            }
            if (any.isEmpty()) {
                any = Optional.of(r);
            }
        }
        return any;
    }

    private OptionalDouble scaled(Group g, MeasuredRun ref) {
        List<MeasuredRun.JmhEntry> measured = ref.jmh(g.runtime(), g.benchmarkName());
        double wall = ref.wallSeconds(g.runtime(), g.benchmarkName()).orElse(0);
        int trials = 0;
        double iterations = 0;
        MeasuredRun.JmhEntry largest = null;
        for (MeasuredRun.JmhEntry e : measured) {
            trials += e.forks();
            iterations += e.iterationTotal();
            if (largest == null || work(g.benchmark(), e.params()) > work(g.benchmark(), largest.params())) {
                largest = e;
            }
        }
        if (trials == 0 || largest == null) {
            return OptionalDouble.empty();
        }
        double perTrial = Math.max(MIN_TRIAL_OVERHEAD_SECONDS, (wall - LAUNCHER_SECONDS - iterations) / trials);
        JmhOptions o = JmhOptions.parse(g.settings().jmhArgs());
        double total = LAUNCHER_SECONDS;
        for (Map<String, String> point : g.settings().loadPoints(g.benchmark().params())) {
            Map<String, String> params = new java.util.LinkedHashMap<>(g.settings().params());
            params.putAll(point);
            double iteration;
            double warmup;
            if (largest.singleShot()) {
                MeasuredRun.JmhEntry base = sameWork(g.benchmark(), measured, params).orElse(largest);
                iteration = singleShot(g.benchmark(), base, params, ref, cpuRatio(ref, base));
                warmup = iteration;
            } else {
                iteration = o.iterationSeconds();
                warmup = o.warmupSeconds();
            }
            total += o.forks() * (perTrial + o.warmupIterations() * warmup + o.iterations() * iteration);
        }
        return OptionalDouble.of(total);
    }

    /** The measured entry with exactly this work (then nothing is extrapolated), if there is one. */
    private static Optional<MeasuredRun.JmhEntry> sameWork(BenchmarkSpec b, List<MeasuredRun.JmhEntry> measured,
                                                           Map<String, String> params) {
        return measured.stream().filter(e -> b.work().stream()
                .allMatch(p -> number(e.params().get(p)) == number(params.get(p)))).findFirst();
    }

    /**
     * How much slower the CPU-bound part gets on this run's server CPUs: 1 in the layout measured; else the
     * CPUs the server kept busy there (at most the CPUs it had; all of them when not reported) over the
     * CPUs it gets now, never below 1.
     */
    private double cpuRatio(MeasuredRun ref, MeasuredRun.JmhEntry measured) {
        if (ref.layoutMode().equals(layoutMode)) {
            return 1;
        }
        double busy = Math.min(ref.serverCpus(), measured.serverCores().orElse(ref.serverCpus()));
        return Math.max(1.0, busy / serverCpus);
    }

    /** One single-shot iteration at {@code params}: the ideal, plus the measured excess scaled by the work. */
    private double singleShot(BenchmarkSpec b, MeasuredRun.JmhEntry base, Map<String, String> params, MeasuredRun ref,
                              double cpuRatio) {
        double baseWork = work(b, base.params());
        double work = work(b, params);
        if (base.serverThreads().isPresent() && b.work().contains("tasks") && ref.pidMax().isPresent()
                && base.serverThreads().getAsDouble() >= number(base.params().get("tasks"))) {
            // one kernel thread per task: this runtime cannot start more than pid_max allows
            double cap = ref.pidMax().getAsDouble() * THREAD_CAP_OF_PID_MAX;
            double tasks = number(params.get("tasks"));
            if (tasks > cap) {
                work = work / tasks * cap;
            }
        }
        double excess = Math.max(0, base.iterationSeconds() - ideal(b, base.params()));
        return ideal(b, params) + excess * cpuRatio * (baseWork == 0 ? 1 : work / baseWork);
    }

    /** The product of the benchmark's work parameters (1 when it names none). */
    static double work(BenchmarkSpec b, Map<String, String> params) {
        double w = 1;
        for (String p : b.work()) {
            w *= number(params.get(p));
        }
        return w;
    }

    /** The benchmark's ideal iteration in seconds: the product of its idealMs parameters, / 1000 (0 when none). */
    static double ideal(BenchmarkSpec b, Map<String, String> params) {
        if (b.idealMs().isEmpty()) {
            return 0;
        }
        double ms = 1;
        for (String p : b.idealMs()) {
            ms *= number(params.get(p));
        }
        return ms / 1000;
    }

    private static double number(String s) {
        try {
            return s == null ? 1 : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
