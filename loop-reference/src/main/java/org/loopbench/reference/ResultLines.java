package org.loopbench.reference;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A workload's result lines from a reference program, by name: {@code overshoot 12 40 7 ...} becomes
 * {@code values("overshoot")}. Every value is a whole number (nanoseconds, counts, KiB); the program's
 * usage line ({@code usage <cpu ns> <maxrss KiB>}) is one of them.
 */
final class ResultLines {

    private final String source;
    private final Map<String, long[]> byName;

    private ResultLines(String source, Map<String, long[]> byName) {
        this.source = source;
        this.byName = byName;
    }

    /**
     * The values of line {@code name}, which must be there.
     *
     * @throws IOException naming the program and the missing line
     */
    long[] values(String name) throws IOException {
        long[] v = byName.get(name);
        if (v == null) {
            throw new IOException(source + " did not report '" + name + "' (it reported " + byName.keySet() + ")");
        }
        return v;
    }

    /**
     * The values of line {@code name}, which must hold exactly {@code count} of them.
     *
     * @throws IOException naming the program, the line and the counts
     */
    long[] values(String name, int count) throws IOException {
        long[] v = values(name);
        if (v.length != count) {
            throw new IOException(source + " reported " + v.length + " values of '" + name + "', expected " + count);
        }
        return v;
    }

    /** The whole numbers after the line's first word. */
    static long[] numbers(String line) {
        String[] words = line.trim().split(" +");
        long[] values = new long[words.length - 1];
        for (int i = 1; i < words.length; i++) {
            values[i - 1] = Long.parseLong(words[i]);
        }
        return values;
    }

    static final class Builder {
        private final String source;
        private final Map<String, long[]> byName = new HashMap<>();

        Builder(String source) {
            this.source = source;
        }

        /** @throws IOException for a line that is not a name and whole numbers */
        void add(String line) throws IOException {
            String name = line.trim().split(" ", 2)[0];
            try {
                byName.put(name, numbers(line));
            } catch (NumberFormatException e) {
                String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
                throw new IOException(source + " wrote a line that is not a name and whole numbers: " + shown);
            }
        }

        ResultLines build() {
            return new ResultLines(source, byName);
        }
    }
}
