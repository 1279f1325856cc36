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
        params = Collections.unmodifiableMap(new TreeMap<>(params));
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
     * content: what cannot be read becomes the trial's failure text or a problem in {@code problems};
     * a sidecar of a format this loopbench does not know is refused with the reason, never read as figures.
     */
    public static Trial read(TrialFiles files, List<String> problems) {
        String name = files.sidecar().getFileName().toString();
        Stem parsed = files.stem();
        Map<String, Object> sidecar = Map.of();
        String failure = "";
        try {
            TrialRecord record = TrialRecord.read(files.sidecar());
            if (record.diedBeforeFirstIteration()) {
                failure = "did not finish: its sidecar is empty, so the fork died before its first iteration ended"
                        + " (killed, out of memory, a crash or the harness's timeout; see the run's console log)";
            } else {
                sidecar = record.asMap();
            }
        } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a ResultFormatException
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
        Optional<PercentileSpectrum> spectrum = Optional.empty();
        Path hgrm = files.percentiles();
        if (Files.isRegularFile(hgrm)) {
            try {
                spectrum = Optional.of(PercentileSpectrum.parse(Files.readString(hgrm)));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(hgrm.getFileName() + ": " + e.getMessage());
            }
        }
        return new Trial(files.name(), benchmark, params, parsed.fork(), sidecar, spectrum, failure);
    }

    private static String countIterations(Map<String, Object> sidecar) {
        Object it = sidecar.get(TrialRecord.ITERATIONS);
        int n = it instanceof List ? ((List<?>) it).size() : 0;
        return n == 1 ? "1 iteration" : n + " iterations";
    }
}
