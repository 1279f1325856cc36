package org.loopbench.cli;

import java.util.List;

/**
 * The JMH options the estimate needs, read from a profile's option string: forks ({@code -f}), warm-up
 * and measurement iterations ({@code -wi}, {@code -i}) and their times in seconds ({@code -w}, {@code -r}).
 * An absent count is 0; an absent time is 1 s (the annotations' times do not matter for the estimate of
 * the benchmarks that have them: every profile sets -w/-r where they count).
 */
record JmhOptions(int forks, int warmupIterations, int warmupSeconds, int iterations, int iterationSeconds) {

    static JmhOptions parse(List<String> args) {
        return new JmhOptions(value(args, "-f", 0), value(args, "-wi", 0), value(args, "-w", 1),
                value(args, "-i", 0), value(args, "-r", 1));
    }

    private static int value(List<String> args, String option, int absent) {
        int found = absent;
        for (int k = 0; k + 1 < args.size(); k++) {
            if (args.get(k).equals(option)) {
                found = leadingInt(args.get(k + 1));
            }
        }
        return found;
    }

    /** "3" is 3, "5s" is 5, anything else 0: a rough estimate never fails a run. */
    private static int leadingInt(String s) {
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }
}
