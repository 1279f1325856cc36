package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.loopbench.api.support.MachineLimits;
import org.loopbench.harness.launch.Preflight;
import org.loopbench.report.ReportTool;
import org.loopbench.results.RunLayout;

/**
 * One {@code loopbench run}, from the plan to the report: chooses the runtimes (those asked for that can
 * run here), plans the groups, checks the descriptor limit, prints the plan and its estimate, then runs
 * the groups one by one, keeping the record current, and builds the report from whatever was measured.
 */
final class RunSession {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Descriptors a process needs beyond one per connection (JVM, jars, the control channel). */

    private final RunSettings settings;
    private final RuntimeDirectory runtimes;
    private final WorkloadCatalog catalog;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path root;
    /** The run directory, once claimed. */
    private Path claimed;

    RunSession(RunSettings settings, RuntimeDirectory runtimes, WorkloadCatalog catalog, PrintWriter out,
               PrintWriter err) {
        this(settings, runtimes, catalog, out, err, Path.of("").toAbsolutePath());
    }

    /** @param root the source tree, and where results/runs/ is (the repository root) */
    RunSession(RunSettings settings, RuntimeDirectory runtimes, WorkloadCatalog catalog, PrintWriter out,
               PrintWriter err, Path root) {
        this.settings = settings;
        this.runtimes = runtimes;
        this.catalog = catalog;
        this.out = out;
        this.err = err;
        this.root = root;
    }

    /** @return the exit status */
    int execute() {
        // only the runtimes asked for are probed (each probe is a JVM): a run of one runtime starts seconds sooner
        Map<String, String> unavailable = runtimes.unavailable(
                settings.runtimesWanted().isEmpty() ? runtimes.ids() : settings.runtimesWanted());
        List<String> selected = select(unavailable);
        Plan plan = Plan.of(selected, settings.workloads(), settings.profile(), runtimes::capabilities)
                .only(settings.benchmarks());
        requireDescriptors(plan, MachineLimits.openFilesLimit());
        GitState git = GitState.of(root);
        Instant started = Instant.now();
        Path dir = settings.out() != null ? settings.out() : git.runDirectory(root, STAMP.format(started));
        if (Files.exists(dir)) { // said before the plan; claimed for good only when the run starts
            throw bad(dir + " already exists: a run directory is never reused (choose another --out)");
        }
        Estimator estimator = Estimator.forRoot(root, settings.cpus().mode().label(), settings.cpus().server().size(),
                String.join(" ", settings.jmhExtra()));
        printPlan(selected, unavailable, plan, estimator, settings.out() != null ? dir : root.relativize(dir.toAbsolutePath()));
        if (settings.dryRun()) {
            printEstimates(plan, estimator);
            return 0;
        }
        try (MachineLock lock = MachineLock.acquire(dir)) {
            claim(dir);
            claimed = dir;
            return run(plan, estimator, dir, git, started, selected, unavailable);
        }
    }

    private int run(Plan plan, Estimator estimator, Path dir, GitState git, Instant started, List<String> selected,
                    Map<String, String> unavailable) {
        RunLayout layout = RunLayout.of(dir.toAbsolutePath());
        RunRecord record = new RunRecord(layout, RunRecords.start(settings, git, started, selected, unavailable, catalog,
                runtimes));
        try (Interruption interruption = Interruption.install()) {
            writeQuietly(record);
            saveSnippets(selected, layout);
            return runGroups(plan, estimator, layout, record, interruption);
        }
    }

    /**
     * Makes the run directory, failing if it exists: {@code createDirectory} succeeds for one caller only, so
     * of two runs started at once into the same {@code --out} one refuses instead of both writing there.
     */
    static void claim(Path dir) {
        Path absolute = dir.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw bad(dir + " already exists (another run may have just claimed it): a run directory is never reused"
                    + " (choose another --out)");
        } catch (IOException e) {
            throw bad("cannot create the run directory " + dir + ": " + reason(e));
        }
        try {
            Files.createDirectories(RunLayout.of(absolute).logs());
        } catch (IOException e) {
            throw bad("cannot create " + RunLayout.of(absolute).logs() + ": " + reason(e));
        }
    }

    /** An I/O failure's message with the path said once: "Read-only file system", "No space left on device". */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The run's directory, once {@link #execute()} claimed it (empty for a dry run or bad input). */
    Optional<Path> runDirectory() {
        return Optional.ofNullable(claimed);
    }

    /** The runtimes asked for (all by default) that can run here; a note for each that cannot. */
    List<String> select(Map<String, String> unavailable) {
        List<String> selected = new ArrayList<>();
        List<String> wanted = settings.runtimesWanted().isEmpty() ? runtimes.ids() : settings.runtimesWanted();
        for (String r : wanted) {
            if (unavailable.containsKey(r)) {
                if (!settings.runtimesWanted().isEmpty()) {
                    err.println("loopbench: runtime '" + r + "' is unavailable here: " + unavailable.get(r));
                }
            } else {
                selected.add(r);
            }
        }
        if (selected.isEmpty()) {
            throw bad("no runtime to run");
        }
        return selected;
    }

    /**
     * The server's fork holds one descriptor per connection (each load generator its share): refuse up front,
     * with the numbers, rather than in every group. The most connections asked for, by the profile or after
     * {@code --} ({@code -p connections=...}, which replaces the profile's).
     */
    void requireDescriptors(Plan plan, OptionalLong limit) {
        long connections = Math.max(plan.maxConnections(),
                Preflight.maxConnections(Preflight.jmhCommandLine(settings.jmhExtra()), 0));
        long needed = connections + Preflight.DESCRIPTOR_MARGIN;
        if (connections > 0 && limit.isPresent() && limit.getAsLong() < needed) {
            throw bad("open-files limit is " + limit.getAsLong() + ", but " + connections + " connections need about "
                    + needed + " in the server's process (each load generator needs its share); raise it (ulimit -n)"
                    + " or ask for fewer connections");
        }
    }

    void printPlan(List<String> selected, Map<String, String> unavailable, Plan plan, Estimator estimator, Path dir) {
        out.println("loopbench: profile " + settings.profile().name() + "; runtimes: " + String.join(" ", selected)
                + "; workloads: " + String.join(",", settings.workloadIds()));
        unavailable.forEach((id, why) -> out.println("  unavailable: " + id + ": " + why));
        for (Workload w : settings.workloads()) {
            WorkloadSettings s = settings.profile().settings(w.id());
            out.println(String.format("  %-6s %s; JMH %s", w.id() + ":", s.fill(w.summary()), s.jmh()));
        }
        if (!settings.jmhExtra().isEmpty()) {
            out.println("  extra JMH options: " + String.join(" ", settings.jmhExtra()));
        }
        if (!settings.runtimeOptions().isEmpty()) {
            out.println("  runtime options: " + settings.runtimeOptions());
        }
        out.println("  CPUs: " + settings.cpus().summary());
        if (settings.profiling().any()) {
            List<Group> profiled = ProfiledGroups.chosen(plan, runtimes);
            // each profiled group repeats its measured group in one fork, once per kind
            long seconds = profiled.stream().mapToLong(estimator::seconds).sum() * settings.profiling().kinds().size();
            out.println("  profiles: " + String.join(" and ", settings.profiling().kinds().stream()
                    .map(k -> k.label()).toList()) + ", after the measured groups: "
                    + profiled.size() * settings.profiling().kinds().size()
                    + " profiled trials (JVM runtimes x " + String.join(", ", ProfiledGroups.PROFILED.stream().sorted().toList())
                    + ") under " + org.loopbench.results.ProfilingRecord.DIR + "/, roughly " + Estimate.minutes(seconds)
                    + " more");
        }
        if (!settings.load().equals(LoadPlacement.DEFAULT)) {
            out.println("  load: " + settings.load().summary());
        }
        long calibration = calibrationPoints(plan).map(RunCalibration.CalibrationPoints::estimateSeconds).orElse(0L);
        out.println("  " + plan.groups().size() + " groups" + (calibration > 0 ? " and a calibration" : "") + ", roughly "
                + Estimate.minutes(plan.estimateSeconds(estimator) + calibration)
                + " (" + plan.estimateSources(estimator) + "); results in " + dir);
        out.flush();
    }

    /** Each group's estimate and where it came from: what to trim when the total is too long. */
    void printEstimates(Plan plan, Estimator estimator) {
        for (Group g : plan.groups()) {
            Estimator.Guess guess = estimator.guess(g);
            out.println(String.format("    %-30s about %5d s (%s)", g.label(), guess.rounded(),
                    guess.source().name().toLowerCase(java.util.Locale.ROOT)));
        }
        out.flush();
    }

    private void saveSnippets(List<String> selected, RunLayout layout) {
        List<String> markers = new ArrayList<>();
        catalog.all().forEach(w -> markers.addAll(w.snippets()));
        for (String id : selected) {
            runtimes.launch(id).ifPresent(launch -> {
                try {
                    Snippets.save(root, layout, id, launch, markers);
                } catch (IOException e) {
                    err.println("loopbench: cannot save the code of '" + id + "': " + e.getMessage());
                }
            });
        }
    }

    /** The connection counts to calibrate at; empty when the plan has no echo group or calibration is off. */
    private java.util.Optional<RunCalibration.CalibrationPoints> calibrationPoints(Plan plan) {
        return settings.calibrate() ? RunCalibration.pointsOf(plan) : java.util.Optional.empty();
    }

    private int runGroups(Plan plan, Estimator estimator, RunLayout layout, RunRecord record, Interruption interruption) {
        int n = 0;
        int failures = 0;
        long t0 = System.nanoTime();
        List<Group> groups = plan.groups();
        if (!settings.calibrate()) {
            out.println("[calibration] skipped (--no-calibration): the report shows no measured ceiling");
        }
        calibrationPoints(plan).ifPresent(points -> {
            out.println("[calibration] the load generator against the C echo server at " + points.connections()
                    + " connections (the measured ceiling)");
            RunCalibration.run(points, settings.cpus(), layout, out, err);
        });
        for (Group g : groups) {
            if (interruption.requested()) {
                break;
            }
            n++;
            out.println("[" + n + "/" + groups.size() + "] " + g.runtime() + " " + g.benchmarkName()
                    + " (about " + estimator.seconds(g) + " s)");
            out.flush();
            long g0 = System.nanoTime();
            Path log = layout.groupLog(g.runtime(), g.benchmarkName());
            int rc = runGroup(g, layout, log, interruption);
            long took = seconds(g0);
            if (rc == 0) {
                record.groupStatus(g, "ok in " + took + "s");
                out.println("    done in " + took + " s");
            } else if (interruption.requested()) {
                record.groupStatus(g, "interrupted after " + took + "s (Ctrl-C or SIGTERM): see "
                        + layout.dir().relativize(log));
                out.println("    interrupted after " + took + " s");
            } else {
                failures++;
                record.groupStatus(g, "failed (exit " + rc + ") after " + took + "s: see " + layout.dir().relativize(log));
                out.println("    FAILED (exit " + rc + ") after " + took + " s: see " + log + "; going on");
            }
            out.flush();
            writeQuietly(record);
            Optional<String> unwritable = rc == 0 ? Optional.empty() : unwritable(layout.dir());
            if (unwritable.isPresent()) {
                err.println("loopbench: cannot write into " + layout.dir() + " (" + unwritable.get() + "); stopping"
                        + " here: every later group would fail the same way. What was written is kept.");
                failures += groups.size() - n; // the groups not run count as failed: the exit status says so
                break;
            }
        }
        if (settings.profiling().any() && !interruption.requested()) {
            // after every measured group: a profiler never runs beside a measured trial
            failures += ProfiledGroups.run(plan, settings, runtimes, layout, out, interruption);
        }
        if (interruption.requested()) {
            out.println("loopbench: interrupted; building the report from what was measured");
        }
        record.finished(RunRecords.time(Instant.now()));
        writeQuietly(record);
        out.println("loopbench: ran " + n + " of " + groups.size() + " groups in " + seconds(t0) + " s, " + failures
                + " failed; results in " + layout.dir());
        boolean reported = buildReport(layout);
        if (Files.exists(layout.dir().resolve(RunLayout.REPORT_HTML))) {
            out.println("loopbench: report: " + layout.dir().resolve(RunLayout.REPORT_HTML) + " (and "
                    + RunLayout.REPORT_MARKDOWN + ")");
        }
        out.flush();
        return failures == 0 && reported && !interruption.requested() ? 0 : OneLineErrors.FAILED;
    }

    /** Why nothing can be written into {@code dir} (a full disk, a read-only mount), probed with a small file. */
    static Optional<String> unwritable(Path dir) {
        Path probe = dir.resolve(".write-probe");
        try {
            Files.write(probe, new byte[4096]);
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the probe's own failure says it all
            }
            return Optional.of(reason(e));
        }
    }

    /** @return the group's exit status; -1 when it could not be started */
    private int runGroup(Group g, RunLayout layout, Path log, Interruption interruption) {
        List<String> command = GroupProcess.command(Processes.currentJava(), System.getProperty("java.class.path"),
                layout.dir(), g, settings.runtimeOptions(), settings.jmhExtra(), settings.cpus(), settings.load());
        try {
            return GroupProcess.run(command, log, out, interruption::running);
        } catch (IOException e) {
            err.println("loopbench: cannot run " + g.label() + ": " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The report from whatever the run holds, its output in logs/report.log; the files' lines shown, and
     * when it failed, its own lines too (the log may be what could not be written: a full disk).
     */
    private boolean buildReport(RunLayout layout) {
        out.println("loopbench: building the report");
        out.flush();
        Path log = layout.logs().resolve("report.log");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int status;
        try (PrintStream toMemory = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = ReportTool.report(layout.dir(), toMemory, toMemory);
        } catch (RuntimeException e) {
            err.println("loopbench: the report could not be built (" + e + "); the results are in " + layout.dir());
            return false;
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        try {
            Files.writeString(log, text);
        } catch (IOException e) {
            err.println("loopbench: cannot write " + log + ": " + reason(e));
        }
        for (String line : text.lines().toList()) {
            if (line.matches(".*report\\.(md|html).*") || status != ReportTool.OK) {
                out.println("  " + line);
            }
        }
        if (status != ReportTool.OK) {
            err.println("loopbench: " + (status == ReportTool.FINDING ? "the report says what is missing or damaged"
                    : "the report could not be built") + " (its lines above, also in " + log + "); the results are in "
                    + layout.dir());
            return false;
        }
        return true;
    }

    private void writeQuietly(RunRecord record) {
        try {
            record.write();
        } catch (RuntimeException e) { // the run goes on: its results are in their own files
            err.println("loopbench: cannot write " + RunLayout.ENVIRONMENT + ": " + e.getMessage());
        }
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    private static BadInput bad(String message) {
        return new BadInput(message);
    }
}
