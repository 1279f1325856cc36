package org.loopbench.harness.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A set of CPU numbers written the way Linux writes them ({@code taskset -c}, {@code Cpus_allowed_list},
 * cpuset): {@code "0-5,8,10-11"}. Immutable; {@link #toString()} is the canonical list (ascending, runs
 * collapsed), so two sets that are equal print the same.
 *
 * <p>Only what loopbench needs: parse, print, compare, and read which CPUs this process may use.
 * JDK classes only: the measured benchmark fork uses it (see {@link CpuLayout#trialEntry()}).
 */
public final class CpuSet {

    /** The highest CPU number accepted; far above any machine, low enough that a typo cannot allocate gigabytes. */
    static final int MAX_CPU = 65_535;

    private final BitSet cpus;

    private CpuSet(BitSet cpus) {
        this.cpus = (BitSet) cpus.clone();
    }

    /**
     * @param list e.g. {@code "0-5,7"}; blanks around the parts are allowed
     * @throws IllegalArgumentException naming what is wrong, when the list is empty, malformed, a range is
     *                                  backwards or a number is above {@value #MAX_CPU}
     */
    public static CpuSet parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("an empty CPU list (write it like 0-3,6)");
        }
        BitSet b = new BitSet();
        for (String part : list.split(",", -1)) {
            String p = part.trim();
            if (!p.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
                throw new IllegalArgumentException("'" + list + "' is not a CPU list: '" + p
                        + "' is not N or N-M (write it like 0-3,6)");
            }
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            if (to < from) {
                throw new IllegalArgumentException("'" + list + "' is not a CPU list: the range " + p + " runs backwards");
            }
            if (to > MAX_CPU) {
                throw new IllegalArgumentException("'" + list + "': CPU " + to + " is above " + MAX_CPU);
            }
            b.set(from, to + 1);
        }
        return new CpuSet(b);
    }

    /** The given CPU numbers. */
    public static CpuSet of(List<Integer> cpus) {
        BitSet b = new BitSet();
        cpus.forEach(b::set);
        if (b.isEmpty()) {
            throw new IllegalArgumentException("a CPU set needs at least one CPU");
        }
        return new CpuSet(b);
    }

    /**
     * The CPUs this process may run on: its affinity mask, as {@code Cpus_allowed_list} in
     * {@code /proc/self/status} says (what {@code taskset -p} shows, and what
     * {@code Runtime.availableProcessors()} follows). Where that cannot be read (not Linux): CPUs
     * {@code 0..availableProcessors()-1}.
     */
    public static CpuSet allowed() {
        return allowed(Path.of("/proc/self/status"));
    }

    /** {@link #allowed()} from another status file (tests). */
    static CpuSet allowed(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parse(line.substring("Cpus_allowed_list:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unreadable line: fall through to the JVM's count
        }
        BitSet b = new BitSet();
        b.set(0, Runtime.getRuntime().availableProcessors());
        return new CpuSet(b);
    }

    public int size() {
        return cpus.cardinality();
    }

    /** The CPU numbers, ascending. */
    public List<Integer> cpus() {
        List<Integer> out = new ArrayList<>();
        cpus.stream().forEach(out::add);
        return out;
    }

    public boolean containsAll(CpuSet other) {
        BitSet outside = (BitSet) other.cpus.clone();
        outside.andNot(cpus);
        return outside.isEmpty();
    }

    /** The CPUs of {@code other} that are not in this set. */
    public CpuSet minus(CpuSet other) {
        BitSet b = (BitSet) cpus.clone();
        b.andNot(other.cpus);
        return new CpuSet(b);
    }

    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    public boolean intersects(CpuSet other) {
        return cpus.intersects(other.cpus);
    }

    /** The canonical list, e.g. {@code "0-5,7"}; "" for an empty set. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        int from = cpus.nextSetBit(0);
        while (from >= 0) {
            int to = cpus.nextClearBit(from) - 1;
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(from);
            if (to > from) {
                s.append('-').append(to);
            }
            from = cpus.nextSetBit(to + 1);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet c && c.cpus.equals(cpus);
    }

    @Override
    public int hashCode() {
        return cpus.hashCode();
    }
}
