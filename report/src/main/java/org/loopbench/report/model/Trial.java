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

/**
 * What the harness left on disk for one trial (one JMH fork of one parameter combination): the sidecar
 * {@code <stem>.json}, the percentile file {@code <stem>.hgrm} and the interval log {@code <stem>.hlog}
 * (layout: the harness's {@code ResultFiles}).
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
        return get(path).map(JsonReader::number).orElse(Double.NaN);
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
     * Reads the trial whose sidecar is {@code sidecarFile}. Never throws for odd content: what cannot be
     * read becomes the trial's failure text or a problem in {@code problems}.
     */
    public static Trial read(Path sidecarFile, List<String> problems) {
        String name = sidecarFile.getFileName().toString();
        String stem = name.substring(0, name.length() - ".json".length());
        Stem parsed = Stem.parse(stem);
        Map<String, Object> sidecar = Map.of();
        String failure = "";
        try {
            String text = Files.readString(sidecarFile);
            if (text.isBlank()) {
                failure = "did not finish: its sidecar is empty, so the fork died before its first iteration ended"
                        + " (killed, out of memory, a crash or the harness's timeout; see the run's console log)";
            } else {
                Object json = JsonReader.parse(text);
                if (json instanceof Map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) json;
                    sidecar = m;
                } else {
                    failure = "its sidecar is not a JSON object";
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            failure = "its sidecar cannot be read: " + e.getMessage();
            problems.add(name + ": " + e.getMessage());
        }
        String benchmark = parsed.benchmark();
        Map<String, String> params = parsed.params();
        if (sidecar.get("benchmark") instanceof String) {
            String full = (String) sidecar.get("benchmark");
            int method = full.lastIndexOf('.');
            benchmark = full.substring(full.lastIndexOf('.', method - 1) + 1);
        }
        if (sidecar.get("params") instanceof Map) {
            Map<String, String> p = new TreeMap<>();
            ((Map<?, ?>) sidecar.get("params")).forEach((k, v) -> p.put(String.valueOf(k), String.valueOf(v)));
            params = p;
        }
        if (failure.isEmpty() && sidecar.containsKey("failure")) {
            failure = "failed: " + sidecar.get("failure");
        } else if (failure.isEmpty() && !sidecar.containsKey("result")) {
            failure = "did not finish: its sidecar has " + countIterations(sidecar)
                    + " but no final result (the fork died or its tear-down failed)";
        }
        Optional<PercentileSpectrum> spectrum = Optional.empty();
        Path hgrm = sidecarFile.resolveSibling(stem + ".hgrm");
        if (Files.isRegularFile(hgrm)) {
            try {
                spectrum = Optional.of(PercentileSpectrum.parse(Files.readString(hgrm)));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(hgrm.getFileName() + ": " + e.getMessage());
            }
        }
        return new Trial(stem, benchmark, params, parsed.fork(), sidecar, spectrum, failure);
    }

    private static String countIterations(Map<String, Object> sidecar) {
        Object it = sidecar.get("iterations");
        int n = it instanceof List ? ((List<?>) it).size() : 0;
        return n == 1 ? "1 iteration" : n + " iterations";
    }

    /**
     * A stem taken apart: {@code Class.method-k1=v1-k2=v2[-N]}. Values may themselves contain '-', so a
     * piece without '=' continues the previous value, except a trailing number, which is the fork suffix.
     */
    public record Stem(String benchmark, Map<String, String> params, int fork) {

        public static Stem parse(String stem) {
            String[] pieces = stem.split("-", -1);
            Map<String, String> params = new TreeMap<>();
            String lastKey = null;
            int fork = 1;
            for (int i = 1; i < pieces.length; i++) {
                String piece = pieces[i];
                int eq = piece.indexOf('=');
                if (eq > 0) {
                    lastKey = piece.substring(0, eq);
                    params.put(lastKey, piece.substring(eq + 1));
                } else if (i == pieces.length - 1 && piece.matches("[0-9]{1,4}")) {
                    fork = Integer.parseInt(piece);
                } else if (lastKey != null) {
                    params.put(lastKey, params.get(lastKey) + "-" + piece);
                }
            }
            return new Stem(pieces[0], params, fork);
        }
    }
}
