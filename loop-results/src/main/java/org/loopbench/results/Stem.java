package org.loopbench.results;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The name every file of one trial shares: {@code <Class>.<method>-<k1>=<v1>-<k2>=<v2>...[-<N>]}, e.g.
 * {@code EchoFixedRate.messages-connections=1000-payload=64-rate=20000-runtime=nio}, and {@code -2},
 * {@code -3}, ... for the second, third fork of the same combination.
 *
 * <p>Built from a benchmark and its parameters: the package is dropped, parameters come in
 * alphabetical order of their keys, and every character outside {@code [A-Za-z0-9._=+-]} in a key or a
 * value becomes {@code _} (so a stem is a safe file name). A stem therefore holds the <em>file-safe</em>
 * parameters; a trial's sidecar ({@link TrialRecord#params()}) holds the exact ones.
 *
 * <p>Parsed back by splitting at {@code '-'}: a piece with {@code '='} starts a parameter, a piece
 * without one continues the previous value (values may contain {@code '-'}), and a last piece of
 * 2..9999 is the fork number. Two shapes cannot be told apart from the name alone, and parse reads
 * them as shown: a <em>last</em> value ending in {@code -<2..9999>} (read as a fork suffix) and a value
 * containing {@code -<k>=} (read as a new parameter). The harness's own parameters never take either
 * shape; for anything else the sidecar is the authority.
 *
 * @param benchmark {@code Class.method}, package dropped
 * @param params    file-safe parameters, sorted by key; unmodifiable
 * @param fork      1 for the first fork of a combination (no suffix), 2 for {@code -2}, ...; 1..9999
 */
public record Stem(String benchmark, SortedMap<String, String> params, int fork) {

    /** Forks a claim tries before giving up: {@code -2} ... {@code -9999}. */
    public static final int MAX_FORK = 9_999;

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._=+-]");
    private static final Pattern FORK_SUFFIX = Pattern.compile("[2-9]|[1-9][0-9]{1,3}");

    public Stem {
        Objects.requireNonNull(benchmark, "benchmark");
        if (benchmark.isEmpty() || benchmark.contains("-")) {
            throw new IllegalArgumentException("benchmark '" + benchmark + "' must be non-empty and without '-'");
        }
        if (fork < 1 || fork > MAX_FORK) {
            throw new IllegalArgumentException("fork " + fork + " is out of range [1, " + MAX_FORK + "]");
        }
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /**
     * The stem of the first fork of {@code benchmark} at {@code params}.
     *
     * @param benchmark e.g. {@code org.loopbench.harness.bench.EchoFixedRate.messages}; the package is dropped
     * @param params    the JMH parameters, as JMH gives them; made file-safe here
     */
    public static Stem of(String benchmark, Map<String, String> params) {
        SortedMap<String, String> safe = new TreeMap<>();
        params.forEach((k, v) -> safe.put(safe(k), safe(v)));
        return new Stem(safe(shortName(benchmark)), safe, 1);
    }

    /** This stem for fork {@code n} (1 = no suffix). */
    public Stem withFork(int n) {
        return new Stem(benchmark, params, n);
    }

    /** The name without the fork suffix: {@code Class.method-k=v-...}. */
    public String base() {
        StringBuilder sb = new StringBuilder(benchmark);
        params.forEach((k, v) -> sb.append('-').append(k).append('=').append(v));
        return sb.toString();
    }

    /** The file name without extension: {@link #base()}, then {@code -N} for fork N > 1. */
    public String name() {
        return fork == 1 ? base() : base() + "-" + fork;
    }

    /** The benchmark's class, e.g. {@code EchoFixedRate}. */
    public String benchmarkClass() {
        int dot = benchmark.indexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(0, dot);
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * Takes a stem (a file name without its extension) apart; never throws for a non-empty name whose
     * first piece is not empty (the result may simply have no parameters).
     *
     * @throws IllegalArgumentException for an empty name or one starting with {@code '-'}
     */
    public static Stem parse(String name) {
        String[] pieces = name.split("-", -1);
        SortedMap<String, String> params = new TreeMap<>();
        String lastKey = null;
        int fork = 1;
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i];
            int eq = piece.indexOf('=');
            if (eq > 0) {
                lastKey = piece.substring(0, eq);
                params.put(lastKey, piece.substring(eq + 1));
            } else if (i == pieces.length - 1 && FORK_SUFFIX.matcher(piece).matches()) {
                fork = Integer.parseInt(piece);
            } else if (lastKey != null) {
                params.put(lastKey, params.get(lastKey) + "-" + piece);
            }
        }
        return new Stem(pieces[0], params, fork);
    }

    /** {@code org.example.Bench.run} to {@code Bench.run}: the last two dot-separated parts. */
    public static String shortName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    }

    /** {@code s} with every character outside {@code [A-Za-z0-9._=+-]} replaced by {@code _}. */
    public static String safe(String s) {
        return UNSAFE.matcher(s).replaceAll("_");
    }
}
