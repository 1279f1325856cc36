package org.loopbench.harness.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * async-profiler's collapsed stacks ({@code collapsed-<event>.csv}: one line per distinct stack, frames from
 * the root separated by ';', then a space and the sample count or bytes) read for the frames with the most
 * self time (or self allocation): the last frame of each stack is where the samples fell. The small table a
 * reader scans before opening the flame graph.
 */
public final class CollapsedStacks {

    /**
     * One frame and its share of all samples.
     *
     * @param frame as async-profiler names it ({@code java/lang/Object.wait}, {@code [unknown]}, a kernel symbol)
     * @param share of the samples (or bytes) whose stack ends in it, 0..1
     */
    public record Frame(String frame, double share) {
    }

    private final Map<String, Long> self;
    private final long total;

    private CollapsedStacks(Map<String, Long> self, long total) {
        this.self = self;
        this.total = total;
    }

    /** Reads {@code lines}; a line that is not "stack count" is skipped (none is, from async-profiler). */
    public static CollapsedStacks parse(List<String> lines) {
        Map<String, Long> self = new HashMap<>();
        long total = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            String stack = line.substring(0, space);
            String leaf = stack.substring(stack.lastIndexOf(';') + 1);
            self.merge(leaf, count, Long::sum);
            total += count;
        }
        return new CollapsedStacks(self, total);
    }

    public static CollapsedStacks read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    /** All samples (or bytes) of the profile. */
    public long total() {
        return total;
    }

    /** The {@code n} frames with the most self samples, most first (ties by name, for a stable order). */
    public List<Frame> topSelf(int n) {
        List<Frame> top = new ArrayList<>();
        self.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .forEach(e -> top.add(new Frame(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total)));
        return top;
    }
}
