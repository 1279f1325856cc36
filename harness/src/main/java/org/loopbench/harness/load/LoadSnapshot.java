package org.loopbench.harness.load;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * What the generator saw during one interval (normally one JMH iteration), plus running totals.
 * Travels from the generator process to the benchmark fork as one text line ({@link #encode()}).
 *
 * @param startEpochMillis  interval start, wall clock
 * @param endEpochMillis    interval end, wall clock
 * @param wallNanos         interval length, monotonic clock
 * @param latency           latency of the messages completed in the interval, nanoseconds
 * @param completed         messages whose echo fully arrived in the interval
 * @param completedTotal    since the load started
 * @param errors            errors in the interval, by kind
 * @param errorsTotal       errors since the generator started (connect failures included)
 * @param openConnections   connections open at the end of the interval
 * @param processCpuNanos   CPU the whole generator process used in the interval (JIT and GC included)
 * @param ioCpuNanos        CPU its I/O threads used in the interval
 * @param ioThreads         how many I/O threads
 * @param sendLag           fixed rate: nanoseconds between each message's due time and its sending by an
 *                          idle connection, in the interval (the generator's own lateness); empty otherwise
 * @param unanswered        messages given up on in the interval: timed out, or outstanding when the load
 *                          ended ({@link LoadGenerator#finish}); each is also in {@code latency}, at the
 *                          latency it had reached
 * @param unansweredTotal   since the load started
 * @param lostSends         fixed rate: sends due in the interval on connections that had failed (or never
 *                          connected), which therefore never happened
 * @param lostSendsTotal    since the load started
 * @param targetRate        fixed rate: messages per second asked for; 0 for saturation
 * @param rssMiB            the generator process's resident memory at the snapshot, read by the generator
 *                          itself (so it is right for one on another host too); -1 where /proc has none
 * @param openFiles         the generator process's open descriptors at the snapshot; -1 where unknown
 */
public record LoadSnapshot(long startEpochMillis, long endEpochMillis, long wallNanos, Histogram latency,
                           long completed, long completedTotal, Map<ErrorKind, Long> errors,
                           Map<ErrorKind, Long> errorsTotal, int openConnections, long processCpuNanos,
                           long ioCpuNanos, int ioThreads, Histogram sendLag, long unanswered,
                           long unansweredTotal, long lostSends, long lostSendsTotal, int targetRate,
                           double rssMiB, long openFiles) {

    /**
     * Several generators' snapshots of one interval as one: the latency and send-lag histograms added (a
     * percentile of the sum, never a mean of percentiles), counts and CPU summed, the interval from the
     * earliest start to the latest end and as long as the longest (the cuts are asked of all generators at
     * once and differ by the time the question takes to reach each). I/O busy of the sum is the mean over
     * all I/O threads; the busiest generator is the caller's to find in the parts. Memory and descriptors
     * are summed (-1 when any part does not know).
     */
    public static LoadSnapshot merge(java.util.List<LoadSnapshot> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        LoadSnapshot first = parts.get(0);
        // auto-resizing sums: a decoded histogram only tracks up to its own highest value, another's may be higher
        Histogram latency = new Histogram(first.latency.getNumberOfSignificantValueDigits());
        Histogram lag = new Histogram(first.sendLag.getNumberOfSignificantValueDigits());
        long start = first.startEpochMillis;
        long end = first.endEpochMillis;
        long wall = 0;
        long completed = 0;
        long completedTotal = 0;
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        Map<ErrorKind, Long> errorsTotal = new EnumMap<>(ErrorKind.class);
        int open = 0;
        long cpu = 0;
        long ioCpu = 0;
        int ioThreads = 0;
        long unanswered = 0;
        long unansweredTotal = 0;
        long lost = 0;
        long lostTotal = 0;
        int target = 0;
        double rss = 0;
        long files = 0;
        for (int i = 0; i < parts.size(); i++) {
            LoadSnapshot p = parts.get(i);
            latency.add(p.latency);
            lag.add(p.sendLag);
            start = Math.min(start, p.startEpochMillis);
            end = Math.max(end, p.endEpochMillis);
            wall = Math.max(wall, p.wallNanos);
            completed += p.completed;
            completedTotal += p.completedTotal;
            p.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            p.errorsTotal.forEach((k, v) -> errorsTotal.merge(k, v, Long::sum));
            open += p.openConnections;
            cpu = cpu < 0 || p.processCpuNanos < 0 ? -1 : cpu + p.processCpuNanos;
            ioCpu = ioCpu < 0 || p.ioCpuNanos < 0 ? -1 : ioCpu + p.ioCpuNanos;
            ioThreads += p.ioThreads;
            unanswered += p.unanswered;
            unansweredTotal += p.unansweredTotal;
            lost += p.lostSends;
            lostTotal += p.lostSendsTotal;
            target += p.targetRate;
            rss = rss < 0 || p.rssMiB < 0 ? -1 : rss + p.rssMiB;
            files = files < 0 || p.openFiles < 0 ? -1 : files + p.openFiles;
        }
        latency.setStartTimeStamp(start);
        latency.setEndTimeStamp(end);
        lag.setStartTimeStamp(start);
        lag.setEndTimeStamp(end);
        return new LoadSnapshot(start, end, wall, latency, completed, completedTotal, errors, errorsTotal, open, cpu,
                ioCpu, ioThreads, lag, unanswered, unansweredTotal, lost, lostTotal, target, rss, files);
    }

    /** Messages completed per second in the interval. */
    public double achievedRate() {
        return wallNanos <= 0 ? 0 : completed * 1e9 / wallNanos;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public long errorCountTotal() {
        return errorsTotal.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Generator process CPU, milliseconds per second of wall time (1,000 = one core busy). */
    public double processCpuMillisPerSecond() {
        return wallNanos <= 0 || processCpuNanos < 0 ? -1 : processCpuNanos / 1e6 / (wallNanos / 1e9);
    }

    /** Fraction of their time the I/O threads were on CPU: near 1, the generator is the bottleneck. */
    public double ioBusy() {
        return wallNanos <= 0 || ioCpuNanos < 0 ? -1 : ioCpuNanos / ((double) wallNanos * ioThreads);
    }

    /**
     * The generator's ceiling: messages per second its I/O threads could complete if each were busy 100%
     * of the time at the CPU cost per message measured in this interval. Measured against the fastest
     * runtime, it is the highest rate the instrument can report; a score near it is client-bound.
     */
    public double ceiling() {
        return ioCpuNanos <= 0 || completed == 0 ? -1 : completed * 1e9 / ioCpuNanos * ioThreads;
    }

    /**
     * One line, no spaces inside values:
     * {@code key=value ... lag=<base64 compressed histogram> hist=<base64 compressed histogram>}.
     */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        put(sb, "start", startEpochMillis);
        put(sb, "end", endEpochMillis);
        put(sb, "wall", wallNanos);
        put(sb, "completed", completed);
        put(sb, "completedTotal", completedTotal);
        for (ErrorKind k : ErrorKind.values()) {
            put(sb, "e." + k.label(), errors.getOrDefault(k, 0L));
            put(sb, "et." + k.label(), errorsTotal.getOrDefault(k, 0L));
        }
        put(sb, "open", openConnections);
        put(sb, "cpu", processCpuNanos);
        put(sb, "ioCpu", ioCpuNanos);
        put(sb, "ioThreads", ioThreads);
        put(sb, "unanswered", unanswered);
        put(sb, "unansweredTotal", unansweredTotal);
        put(sb, "lost", lostSends);
        put(sb, "lostTotal", lostSendsTotal);
        put(sb, "target", targetRate);
        put(sb, "rssKiB", rssMiB < 0 ? -1 : Math.round(rssMiB * 1024));
        put(sb, "files", openFiles);
        sb.append("lag=").append(encode(sendLag)).append(' ');
        sb.append("hist=").append(encode(latency));
        return sb.toString();
    }

    private static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
    }

    private static Histogram decodeHistogram(String base64) throws DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }

    private static void put(StringBuilder sb, String key, long value) {
        sb.append(key).append('=').append(value).append(' ');
    }

    /** @throws IllegalArgumentException when the line is not an {@link #encode()}d snapshot */
    public static LoadSnapshot decode(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : line.trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        try {
            Histogram h = decodeHistogram(f.get("hist"));
            Histogram lag = decodeHistogram(f.get("lag"));
            long start = Long.parseLong(f.get("start"));
            long end = Long.parseLong(f.get("end"));
            h.setStartTimeStamp(start);
            h.setEndTimeStamp(end);
            lag.setStartTimeStamp(start);
            lag.setEndTimeStamp(end);
            long rssKiB = Long.parseLong(f.get("rssKiB"));
            Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
            Map<ErrorKind, Long> totals = new EnumMap<>(ErrorKind.class);
            for (ErrorKind k : ErrorKind.values()) {
                errors.put(k, Long.parseLong(f.get("e." + k.label())));
                totals.put(k, Long.parseLong(f.get("et." + k.label())));
            }
            return new LoadSnapshot(start, end, Long.parseLong(f.get("wall")), h, Long.parseLong(f.get("completed")),
                    Long.parseLong(f.get("completedTotal")), errors, totals, Integer.parseInt(f.get("open")),
                    Long.parseLong(f.get("cpu")), Long.parseLong(f.get("ioCpu")), Integer.parseInt(f.get("ioThreads")),
                    lag, Long.parseLong(f.get("unanswered")), Long.parseLong(f.get("unansweredTotal")),
                    Long.parseLong(f.get("lost")), Long.parseLong(f.get("lostTotal")), Integer.parseInt(f.get("target")),
                    rssKiB < 0 ? -1 : rssKiB / 1024.0, Long.parseLong(f.get("files")));
        } catch (RuntimeException | DataFormatException e) {
            throw new IllegalArgumentException("not a load snapshot (" + e + "): "
                    + (line.length() > 200 ? line.substring(0, 200) + "..." : line), e);
        }
    }
}
