package org.loopbench.harness.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The CPU time of this whole process, every thread included, also the threads that ended between two
 * readings: the clock behind the coordination workloads' CPU figures ({@code handoff.cpu},
 * {@code server.cpu}), which must resolve runs far shorter than a scheduler tick.
 *
 * <p><b>Why not the JVM's own process clock.</b> {@code OperatingSystemMXBean.getProcessCpuTime()} is
 * {@code times()} on Linux (jdk.management's {@code OperatingSystemImpl.c}): whole ticks of
 * {@code 1/USER_HZ} = 10 ms, so 2,000 hand-offs could only read as multiples of 5 µs each. The finer
 * sources each miss something: {@code ThreadMXBean.getThreadCpuTime} and
 * {@code /proc/self/task/<tid>/schedstat} are nanoseconds but per live thread (a thread that ended is gone
 * with its time, and the thread-per-task runtime ends a platform thread per task; ThreadMXBean does not
 * see virtual threads or GC threads either); {@code /proc/self/schedstat} is the main thread only;
 * {@code /proc/self/stat} is ticks again; a cgroup's {@code cpu.stat} would need the fork in a cgroup of
 * its own, which neither this machine (cgroup v1, not delegated) nor every user's has.
 *
 * <p><b>What it reads</b>: {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, called through the JDK's
 * foreign function API (JDK 22+; on JDK 17 its incubator, which Quasar's forks resolve; no JNI and no
 * library of ours, see {@link ClockGettime}). The kernel
 * ({@code thread_group_cputime}) sums the {@code sum_exec_runtime} of every live thread (nanoseconds,
 * kept by the scheduler) and {@code signal->sum_sched_runtime}, where each thread's runtime is added
 * when it exits: ended threads count exactly, not in ticks. The resolution is what
 * {@code clock_getres} answers (1 ns here). Accuracy: the calling thread is brought up to date on each
 * read; another thread running <em>at that instant</em> on another CPU counts up to its last tick or
 * context switch, so a reading taken while the runtime's threads are idle (as the benchmarks take theirs,
 * before spawning and after every task has ended) is exact.
 *
 * <p><b>Fallback</b>: where that call is not available (JDK 17 without {@code jdk.incubator.foreign}; JDK
 * 21, where the API is a preview; a JDK that denies native access) the JVM's process clock, with its 10 ms resolution
 * stated: {@link #resolutionNanos()} always says which one a figure came from, so a report can refuse to
 * rank a figure the clock cannot resolve (loopbench's rule: below 20 times the resolution).
 *
 * <p>Thread-safe. A reading costs one system call (about a microsecond, plus a few nanoseconds per live
 * thread of the process).
 */
public final class CpuClock {

    /** {@code 1/USER_HZ}: Linux fixes USER_HZ at 100 for {@code times()} and {@code /proc}. */
    static final long TICK_NANOS = 10_000_000;

    private static final CpuClock PROCESS = choose();

    private final String source;
    private final long resolutionNanos;
    private final boolean countsEndedThreads;
    private final LongSupplier reading;

    CpuClock(String source, long resolutionNanos, boolean countsEndedThreads, LongSupplier reading) {
        this.source = source;
        this.resolutionNanos = resolutionNanos;
        this.countsEndedThreads = countsEndedThreads;
        this.reading = reading;
    }

    /** The finest whole-process CPU clock this JVM can read (chosen once). */
    public static CpuClock process() {
        return PROCESS;
    }

    /** The JVM's own process clock ({@code times()}, 10 ms ticks); what {@link #process()} falls back to. */
    public static CpuClock jvmProcessClock() {
        return new CpuClock("OperatingSystemMXBean.getProcessCpuTime (times(), 10 ms ticks)", TICK_NANOS, true,
                ProcessStats::cpuNanos);
    }

    private static CpuClock choose() {
        try {
            return ClockGettime.processClock();
        } catch (Throwable unavailable) { // no FFM (JDK < 22), no symbol, native access denied: the JVM's clock
            return jvmProcessClock();
        }
    }

    /** CPU time of the whole process so far, nanoseconds; -1 when unknown (not Linux). */
    public long nanos() {
        return reading.getAsLong();
    }

    /** The smallest step the clock can take, nanoseconds (1 for clock_gettime here, 10,000,000 for ticks). */
    public long resolutionNanos() {
        return resolutionNanos;
    }

    /** Whether CPU time of threads that ended between two readings is in the difference (true for both sources). */
    public boolean countsEndedThreads() {
        return countsEndedThreads;
    }

    /** Where the reading comes from, e.g. {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}. */
    public String source() {
        return source;
    }

    /** For the sidecar: source, resolution and whether ended threads count. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("resolutionNs", resolutionNanos);
        m.put("countsEndedThreads", countsEndedThreads);
        m.put("jdk", Runtime.version().feature());
        return m;
    }

    @Override
    public String toString() {
        return source + ", resolution " + resolutionNanos + " ns";
    }
}
