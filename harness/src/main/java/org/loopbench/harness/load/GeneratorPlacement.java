package org.loopbench.harness.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a trial's load generators run: one launch prefix per generator process. A prefix is the words put
 * in front of the generator's java command, so the process can run anywhere an existing remote-execution
 * tool reaches with its standard streams attached: {@code ssh -T load1 --}, {@code ip netns exec lbg1},
 * {@code kubectl exec -i pod --}. The generator speaks its small line protocol over those streams and
 * exits when its stdin closes, so no agent, daemon or port of loopbench's own is needed on the other side,
 * and a remote generator ends with its session on every exit path of the benchmark.
 *
 * <p>The word {@value #LOCAL} is a generator on this machine, placed on the client CPUs as the single
 * generator always was ({@code taskset -c <client>} in the split layout). The default is one local
 * generator. Other prefixes get no placement of their own: a prefix that runs on this machine can carry
 * its own ({@code ip netns exec lbg1 taskset -c 1}).
 *
 * <p>Text form (the {@code --generators} flag and the {@value #PROPERTY} system property that carries it to
 * the benchmark forks): prefixes separated by commas, words by spaces, e.g. {@code ssh -T b --,ssh -T c --}.
 * No quoting: a prefix cannot hold a comma, and a word cannot hold a space.
 */
public record GeneratorPlacement(List<List<String>> prefixes) {

    /** The fork's system property with the text form; absent = one local generator. */
    public static final String PROPERTY = "loopbench.generators";
    /** A generator on this machine, placed on the client CPUs. */
    public static final String LOCAL = "local";
    /** Far beyond any real rig; a typo like a pasted file of addresses fails here, not as 500 processes. */
    public static final int MAX_GENERATORS = 64;

    public GeneratorPlacement {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("no load generator given");
        }
        if (prefixes.size() > MAX_GENERATORS) {
            throw new IllegalArgumentException(String.format("%,d load generators is more than the %d this version"
                    + " starts", prefixes.size(), MAX_GENERATORS));
        }
        prefixes = prefixes.stream().map(List::copyOf).toList();
        for (List<String> p : prefixes) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("an empty load generator launch prefix (write '" + LOCAL
                        + "' for a generator on this machine)");
            }
            if (p.contains(LOCAL) && p.size() > 1) {
                throw new IllegalArgumentException("'" + String.join(" ", p) + "': '" + LOCAL + "' stands alone, it is"
                        + " a generator on this machine, not a word of a launch prefix");
            }
            for (String w : p) {
                if (w.indexOf('\0') >= 0 || w.indexOf('\n') >= 0 || w.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("a load generator launch prefix holds a NUL or line break");
                }
            }
        }
    }

    /** One local generator: what every trial had before generators could be placed. */
    public static GeneratorPlacement oneLocal() {
        return new GeneratorPlacement(List.of(List.of(LOCAL)));
    }

    /**
     * Parses the text form: prefixes separated by commas, words by spaces.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static GeneratorPlacement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no load generator given (e.g. '" + LOCAL + "' or 'ssh -T host --')");
        }
        List<List<String>> prefixes = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            prefixes.add(words(entry));
        }
        return new GeneratorPlacement(prefixes);
    }

    /**
     * Parses a file's lines, one prefix each; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException saying which line is wrong
     */
    public static GeneratorPlacement ofLines(List<String> lines) {
        List<List<String>> prefixes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.indexOf(',') >= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a launch prefix cannot hold a comma (the"
                        + " benchmark forks receive the list comma-separated)");
            }
            prefixes.add(words(line));
        }
        return new GeneratorPlacement(prefixes);
    }

    private static List<String> words(String entry) {
        String s = entry.strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }

    /** In the fork: {@value #PROPERTY}, or one local generator when it is not set. */
    public static GeneratorPlacement fromSystemProperty() {
        String text = System.getProperty(PROPERTY);
        return text == null || text.isBlank() ? oneLocal() : parse(text);
    }

    public int count() {
        return prefixes.size();
    }

    public boolean isLocal(int index) {
        return prefixes.get(index).equals(List.of(LOCAL));
    }

    /** Whether any generator runs on this machine's client CPUs ({@value #LOCAL}). */
    public boolean anyLocal() {
        for (int i = 0; i < count(); i++) {
            if (isLocal(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words before generator {@code index}'s java command: {@code localPlacement} for a local one
     * ({@code taskset -c <client>} or nothing), its own prefix otherwise.
     */
    public List<String> commandPrefix(int index, List<String> localPlacement) {
        return isLocal(index) ? localPlacement : prefixes.get(index);
    }

    /** Generator {@code index}'s launch as given: "local" or its prefix. */
    public String launch(int index) {
        return String.join(" ", prefixes.get(index));
    }

    /** Every launch as given, in order (the record's "placements"). */
    public List<String> launches() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < count(); i++) {
            l.add(launch(i));
        }
        return l;
    }

    /** The text form, which {@link #parse} reads back. */
    public String toText() {
        return String.join(",", launches());
    }
}
