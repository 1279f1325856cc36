package org.loopbench.harness.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * async-profiler's collapsed stacks ({@code collapsed-<event>.csv}: one line per distinct stack, frames from
 * the root separated by ';', then a space and its weight: samples, or bytes for an allocation profile taken
 * with {@code total}) read for the small table a reader scans before opening the flame graph:
 * <ul>
 *   <li>{@link #topSelf}: the frames with the most self time, the last frame of each stack;</li>
 *   <li>{@link #topAllocationSites}: in an allocation profile the last frame is the type allocated
 *       ({@code byte[]_[i]}), so the site is the frame before it: "byte[] in java/util/Arrays.copyOfRange";</li>
 *   <li>{@link #harnessShare}: how much of the weight is the benchmark fork's own work rather than the
 *       runtime's.</li>
 * </ul>
 */
public final class CollapsedStacks {

    /** Frames of the harness and of JMH: the fork's own work, not the runtime under test's. */
    private static final List<String> HARNESS = List.of("org/loopbench/harness/", "org/openjdk/jmh/");
    /** Any loopbench or JMH frame: what decides whose a stack is. */
    private static final List<String> OURS = List.of("org/loopbench/", "org/openjdk/jmh/");

    /**
     * One frame and its share of all samples.
     *
     * @param frame as async-profiler names it ({@code java/lang/Object.wait}, {@code [unknown]}, a kernel symbol)
     * @param share of the samples (or bytes) whose stack ends in it, 0..1
     */
    public record Frame(String frame, double share) {
    }

    /** One stack, its frames root first, and its weight. */
    private record Stack(String[] frames, long weight) {
    }

    private final List<Stack> stacks;
    private final long total;

    private CollapsedStacks(List<Stack> stacks, long total) {
        this.stacks = stacks;
        this.total = total;
    }

    /** Reads {@code lines}; a line that is not "stack weight" is skipped (none is, from async-profiler). */
    public static CollapsedStacks parse(List<String> lines) {
        List<Stack> stacks = new ArrayList<>();
        long total = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long weight;
            try {
                weight = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            stacks.add(new Stack(line.substring(0, space).split(";"), weight));
            total += weight;
        }
        return new CollapsedStacks(stacks, total);
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
        return top(n, s -> s.frames()[s.frames().length - 1]);
    }

    /**
     * The {@code n} allocation sites that allocated most, as "type in site", most first. async-profiler marks
     * the type frame with {@code _[i]} (allocated in a new TLAB) or {@code _[k]} (outside one); the mark is
     * dropped, both are allocations.
     */
    public List<Frame> topAllocationSites(int n) {
        return top(n, s -> {
            String[] f = s.frames();
            String type = f[f.length - 1].replaceFirst("_\\[[a-z]]$", "");
            return f.length < 2 ? type : type + " in " + f[f.length - 2];
        });
    }

    /**
     * The share of the weight whose stack is the fork's own: its innermost loopbench or JMH frame is the
     * harness's or JMH's. So an allocation in a runtime's code (or in the JDK on its behalf) is the runtime's
     * even when the benchmark method called it, and a stack with no loopbench frame at all (a Netty event
     * loop, a carrier thread) is the runtime's too. 0 for an empty profile.
     */
    public double harnessShare() {
        long harness = 0;
        for (Stack s : stacks) {
            String innermost = null;
            for (String frame : s.frames()) {
                if (OURS.stream().anyMatch(frame::startsWith)) {
                    innermost = frame;
                }
            }
            if (innermost != null && HARNESS.stream().anyMatch(innermost::startsWith)) {
                harness += s.weight();
            }
        }
        return total == 0 ? 0 : (double) harness / total;
    }

    private List<Frame> top(int n, Function<Stack, String> key) {
        Map<String, Long> weight = new HashMap<>();
        stacks.forEach(s -> weight.merge(key.apply(s), s.weight(), Long::sum));
        List<Frame> top = new ArrayList<>();
        weight.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .forEach(e -> top.add(new Frame(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total)));
        return top;
    }
}
