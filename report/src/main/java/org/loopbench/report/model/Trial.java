package org.loopbench.report.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.loopbench.results.Json;
import org.loopbench.results.PercentileFile;
import org.loopbench.results.ResultFormatException;
import org.loopbench.results.RunFileText;
import org.loopbench.results.Stem;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * What the harness left on disk for one trial (one JMH fork of one parameter combination): the sidecar
 * {@code <stem>.json}, the percentile file {@code <stem>.hgrm} and the interval log {@code <stem>.hlog}
 * (names, stems and the sidecar's format: loop-results' {@link TrialFiles}, {@link Stem}, {@link TrialRecord}).
 *
 * <p>The harness claims the sidecar empty when the trial starts and rewrites it after every iteration,
 * so an empty sidecar means the fork died before its first iteration ended, and a sidecar without a
 * {@code result} entry means it died later (or its tear-down never ran). Both are failures; the report
 * says which.
 *
 * @param stem      file name without extension, e.g. {@code EchoSaturation.messages-connections=100-payload=64-runtime=nio}
 * @param benchmark {@code Class.method}, as {@link BenchmarkResult#shortName()}
 * @param fork      1 for the first fork of this combination, 2 for {@code <stem>-2}, ...
 * @param sidecar   the parsed sidecar; empty map when it was empty or unreadable
 * @param failure   why the trial counts as failed, or "" when it finished
 */
public record Trial(String stem, String benchmark, Map<String, String> params, int fork, Map<String, Object> sidecar,
                    Optional<PercentileSpectrum> spectrum, String failure) {

    public Trial {
        params = Collections.unmodifiableMap(new TreeMap<>(LoadPoint.completed(benchmark, params)));
    }

    public boolean failed() {
        return !failure.isEmpty();
    }

    public String runtime() {
        return params.getOrDefault("runtime", "");
    }

    /** A nested sidecar value, e.g. {@code get("result", "clientBound")}; empty when any step is missing. */
    public Optional<Object> get(String... path) {
        Object v = sidecar;
        for (String key : path) {
            if (!(v instanceof Map)) {
                return Optional.empty();
            }
            v = ((Map<?, ?>) v).get(key);
        }
        return Optional.ofNullable(v);
    }

    /** A value as text; whole numbers without ".0" (JSON numbers arrive as doubles). */
    public String text(String... path) {
        return get(path).map(v -> v instanceof Double && (Double) v == Math.rint((Double) v) && Math.abs((Double) v) < 1e15
                ? String.valueOf(((Double) v).longValue()) : String.valueOf(v)).orElse("");
    }

    /** A list value joined with spaces (JVM arguments), or the value as text. */
    public String words(String... path) {
        return get(path).map(v -> v instanceof List ? String.join(" ", ((List<?>) v).stream().map(String::valueOf)
                .toArray(String[]::new)) : String.valueOf(v)).orElse("");
    }

    public double number(String... path) {
        return get(path).map(Json::number).orElse(Double.NaN);
    }

    public boolean flag(String... path) {
        return get(path).map(v -> Boolean.TRUE.equals(v) || "true".equals(v)).orElse(false);
    }

    /** The sidecar's iteration summaries, warm-up ones included (each has a "type"). */
    public List<Map<?, ?>> iterations() {
        List<Map<?, ?>> out = new ArrayList<>();
        Object it = sidecar.get("iterations");
        if (it instanceof List) {
            for (Object o : (List<?>) it) {
                if (o instanceof Map) {
                    out.add((Map<?, ?>) o);
                }
            }
        }
        return out;
    }

    /**
     * Reads one trial's files (through loop-results, which owns their format). Never throws for odd
     * content: what cannot be read becomes the trial's failure text, a note in {@code problems}, or, for a
     * file that is there (or must be) and cannot be trusted, an entry in {@code damage}:
     * <ul>
     *   <li>the sidecar, written atomically, is damaged when it does not parse, has the wrong shape or a newer
     *       format (never read as figures); the trial then counts as failed. Empty is legal: the fork died early;</li>
     *   <li>the {@code .hgrm} of a trial whose sidecar has a result was written whole before that result
     *       ({@link TrialRecord}): it is damaged when it is not whole ({@link PercentileFile}), has no rows,
     *       or is missing although the sidecar names it. Without a result it may be cut by the fork's death,
     *       and is only noted when unreadable.</li>
     * </ul>
     * The interval log is checked where it is read, by {@link MergedPercentiles}.
     *
     * @param problems receives a line per file that cannot be read at all (an I/O error)
     * @param damage   receives an entry per damaged file
     */
    public static Trial read(TrialFiles files, List<String> problems, List<Damage> damage) {
        String name = files.sidecar().getFileName().toString();
        Stem parsed = files.stem();
        Optional<TrialRecord> record = Optional.empty();
        Map<String, Object> sidecar = Map.of();
        String failure = "";
        try {
            TrialRecord r = TrialRecord.read(files.sidecar());
            if (r.diedBeforeFirstIteration()) {
                failure = "did not finish: its sidecar is empty, so the fork died before its first iteration ended"
                        + " (killed, out of memory, a crash or the harness's timeout; see the run's console log)";
            } else {
                record = Optional.of(r);
                sidecar = r.asMap();
            }
        } catch (ResultFormatException e) {
            failure = "its sidecar is damaged: " + e.what();
            damage.add(Damage.of(files.sidecar(), e, "the trial counts as failed: nothing in it is read"));
        } catch (IOException e) {
            failure = "its sidecar cannot be read: " + e.getMessage();
            problems.add(name + ": " + e.getMessage());
        }
        String benchmark = parsed.benchmark();
        Map<String, String> params = parsed.params();
        if (sidecar.get(TrialRecord.BENCHMARK) instanceof String) {
            benchmark = Stem.shortName((String) sidecar.get(TrialRecord.BENCHMARK));
        }
        if (sidecar.get(TrialRecord.PARAMS) instanceof Map) {
            Map<String, String> p = new TreeMap<>();
            ((Map<?, ?>) sidecar.get(TrialRecord.PARAMS)).forEach((k, v) -> p.put(String.valueOf(k), String.valueOf(v)));
            params = p;
        }
        if (failure.isEmpty() && sidecar.containsKey(TrialRecord.FAILURE)) {
            failure = "failed: " + sidecar.get(TrialRecord.FAILURE);
        } else if (failure.isEmpty() && !sidecar.containsKey(TrialRecord.RESULT)) {
            failure = "did not finish: its sidecar has " + countIterations(sidecar)
                    + " but no final result (the fork died or its tear-down failed)";
        }
        return new Trial(files.name(), benchmark, params, parsed.fork(), sidecar,
                spectrum(files, record, problems, damage), failure);
    }

    /** The .hgrm's distribution, checked as {@link #read} says. */
    private static Optional<PercentileSpectrum> spectrum(TrialFiles files, Optional<TrialRecord> record,
                                                         List<String> problems, List<Damage> damage) {
        boolean vouched = record.map(TrialRecord::hasResult).orElse(false); // the .hgrm was whole before the result
        Path hgrm = files.percentiles();
        String consequence = "its trial's percentile spectrum is not drawn from it";
        if (!Files.isRegularFile(hgrm)) {
            if (vouched && record.get().listsFile(TrialRecord.FILES_PERCENTILES)) {
                damage.add(Damage.of(hgrm, "it is missing, although its sidecar names it and records the trial's"
                        + " result (the harness writes it before the result)", consequence));
            }
            return Optional.empty();
        }
        try {
            String text = RunFileText.read(hgrm);
            if (vouched) {
                PercentileFile.requireComplete(text, hgrm.toString());
            }
            return Optional.of(PercentileSpectrum.parse(text));
        } catch (ResultFormatException e) {
            if (vouched) {
                damage.add(Damage.of(hgrm, e, consequence));
            } else {
                problems.add(hgrm.getFileName() + ": " + e.what());
            }
        } catch (IllegalArgumentException e) { // PercentileSpectrum: no rows
            if (vouched) {
                damage.add(Damage.of(hgrm, "it holds " + e.getMessage(), consequence));
            } else {
                problems.add(hgrm.getFileName() + ": " + e.getMessage());
            }
        } catch (IOException e) {
            problems.add(hgrm.getFileName() + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String countIterations(Map<String, Object> sidecar) {
        Object it = sidecar.get(TrialRecord.ITERATIONS);
        int n = it instanceof List ? ((List<?>) it).size() : 0;
        return n == 1 ? "1 iteration" : n + " iterations";
    }
}
