package org.loopbench.report.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.loopbench.report.model.BenchmarkResult;
import org.loopbench.report.model.Damage;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.model.RunResults;
import org.loopbench.report.render.TerminalText;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;

/**
 * One side of a comparison: a single run (a run directory, or a bare JMH JSON file), or a <b>series</b> of
 * runs of the same plan: a directory whose subdirectories are run directories, as {@code scripts/ab.sh}
 * writes them ({@code base/01}, {@code base/02}, …). In a series each run is one independent sample of
 * every figure; two series whose runs have the same names were interleaved, run i of each side next to
 * each other, and are compared pair by pair ({@link RatioInterval#paired}).
 *
 * @param name the path as given, for the verdict's header
 * @param runs the runs, in name order for a series
 */
public record Side(String name, List<Run> runs) {

    public Side {
        runs = List.copyOf(runs);
    }

    /**
     * One run of a side.
     *
     * @param name        its directory's name (a series pairs runs by it), or the file's
     * @param results     its JMH results, percentiles merged over forks for a run directory
     * @param directory   the whole run directory (trials, outcomes); empty for a bare JMH file
     * @param environment its environment.json; empty when it has none
     */
    public record Run(String name, RunResults results, Optional<RunDirectory> directory,
                      Optional<EnvironmentRecord> environment) {

        public Optional<BenchmarkResult> result(String key) {
            return Optional.ofNullable(results.byKey().get(key));
        }
    }

    /**
     * @throws IllegalArgumentException naming the path when it is neither a run, a JMH file nor a series,
     *                                  or holds no result at all
     */
    public static Side load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + " does not exist (a run directory, a JMH JSON file, or a"
                    + " series: a directory of run directories, as scripts/ab.sh writes)");
        }
        if (!Files.isDirectory(path)) {
            return new Side(path.toString(), List.of(new Run(path.getFileName().toString(), RunResults.load(path),
                    Optional.empty(), Optional.empty())));
        }
        if (isRun(path)) {
            return new Side(path.toString(), List.of(readRun(path)));
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(path)) {
            children = s.filter(Files::isDirectory).filter(Side::isRun).sorted().collect(Collectors.toList());
        }
        if (children.isEmpty()) {
            throw new IllegalArgumentException(path + " is not a loopbench run directory (no jmh-*.json, no"
                    + " environment.json) and holds none (a series, as scripts/ab.sh writes, is a directory of them)");
        }
        List<Run> runs = new ArrayList<>();
        for (Path c : children) {
            runs.add(readRun(c));
        }
        return new Side(path.toString(), runs);
    }

    private static boolean isRun(Path dir) {
        RunLayout layout = RunLayout.of(dir);
        try {
            return layout.hasEnvironment() || !layout.jmhResultFiles().isEmpty() || !layout.trials().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static Run readRun(Path dir) throws IOException {
        RunDirectory run = RunDirectory.read(dir); // a run that measured nothing reads with no results: all missing
        Optional<EnvironmentRecord> env = Optional.empty();
        if (RunLayout.of(dir).hasEnvironment()) {
            try {
                env = Optional.of(EnvironmentRecord.read(RunLayout.of(dir)));
            } catch (IOException | IllegalArgumentException e) {
                env = Optional.empty(); // RunDirectory says why: a problem, or a damaged file
            }
        }
        return new Run(dir.getFileName().toString(), run.jmh(), Optional.of(run), env);
    }

    /**
     * A damaged file of one of the side's runs.
     *
     * @param path   where it is: the run's directory, then the file's name
     * @param damage what is wrong with it
     */
    public record DamagedFile(Path path, Damage damage) {

        /** "path: reason", one line. */
        public String line() {
            return TerminalText.line(path + ": " + damage.reason());
        }
    }

    /** Every damaged file of the side's runs, run by run ({@link RunDirectory#damaged()}); none for a bare JMH file. */
    public List<DamagedFile> damaged() {
        List<DamagedFile> out = new ArrayList<>();
        for (Run r : runs) {
            r.directory().ifPresent(d -> d.damaged().forEach(dm -> out.add(new DamagedFile(d.dir().resolve(dm.file()), dm))));
        }
        return out;
    }

    /** A series of two runs or more: each run is one sample. */
    public boolean series() {
        return runs.size() > 1;
    }

    /** Both sides are series whose runs carry the same names: they were interleaved, pair by pair. */
    public boolean pairsWith(Side other) {
        return series() && other.series()
                && runs.stream().map(Run::name).collect(Collectors.toList())
                .equals(other.runs.stream().map(Run::name).collect(Collectors.toList()));
    }

    /** Every problem the runs' readers noted, prefixed with the run's name in a series. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (Run r : runs) {
            r.results().warnings().forEach(w -> out.add(series() ? r.name() + ": " + w : w));
        }
        return out;
    }

    /** "1 run", "6 runs (a series)". */
    public String describe() {
        return series() ? runs.size() + " runs (a series)" : "1 run";
    }
}
