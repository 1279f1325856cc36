package org.loopbench.harness.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.loopbench.harness.results.ProcessStats;

/**
 * The load generator: one implementation for every runtime and for standalone use. NIO selectors on
 * {@code threads} I/O threads (default one: this machine has two cores, and the server needs the other),
 * connections spread round-robin over them, one message outstanding per connection, every echoed byte
 * verified against {@link Payload}. Latency goes into one HdrHistogram {@link Recorder} (nanoseconds,
 * 3 significant digits, auto-resizing; multi-writer safe), read out per interval by {@link #snapshot()}.
 *
 * <p>Lifecycle: {@link #connect} (all connections, before any message, so the measured phase never
 * includes connection set-up), {@link #start}, any number of {@link #snapshot}s, optionally one
 * {@link #finish} (the end of the load: what is still outstanding is counted, not dropped), {@link #close}.
 * Snapshots cut the recording into intervals; nothing between two snapshots is lost, so consecutive
 * intervals abut.
 * Thread-safety: {@code snapshot}, {@code finish}, {@code completed} and {@code close} may be called from any thread.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LoadSpec spec;
    private final Recorder latency;
    private final LoadCounters counters;
    private final List<IoLoop> loops;
    private final int connected;
    private final List<Integer> failedIndexes;
    private final String firstConnectFailure;
    private final List<String> sourceAddresses;
    private boolean started;
    private boolean finished;
    private boolean closed;

    private long lastNanos;
    private long lastCompleted;
    private Map<ErrorKind, Long> lastErrors;
    private long lastCpu;
    private long lastIoCpu;
    private long lastUnanswered;
    private long lastLostSends;
    private long startNanos;
    private long endNanos;

    private LoadGenerator(LoadSpec spec, Recorder latency, LoadCounters counters, List<IoLoop> loops, int connected,
                          List<Integer> failedIndexes, String firstConnectFailure, List<String> sourceAddresses) {
        this.spec = spec;
        this.latency = latency;
        this.counters = counters;
        this.loops = loops;
        this.connected = connected;
        this.failedIndexes = List.copyOf(failedIndexes);
        this.firstConnectFailure = firstConnectFailure;
        this.sourceAddresses = List.copyOf(sourceAddresses);
    }

    /**
     * Opens every connection (blocking connects, one after another, each bounded by 10 s, all by
     * {@code limit}). Connections that fail are counted as {@link ErrorKind#CONNECT} errors (in the first
     * snapshot's interval) and, at a fixed rate, their schedules as lost sends; the load then runs with
     * the others. Whoever needs every connection checks {@link #connected()} (the benchmarks do).
     *
     * @throws IOException when not a single connection could be made, with the first failure's reason
     */
    public static LoadGenerator connect(LoadSpec spec, Duration limit) throws IOException {
        Payload payload = new Payload(spec.payloadBytes());
        LoadCounters counters = new LoadCounters();
        int sources = spec.effectiveSourceAddresses();
        long deadline = System.nanoTime() + limit.toNanos();
        List<Connection> connections = new ArrayList<>(spec.connections());
        List<Integer> failed = new ArrayList<>();
        String firstFailure = null;
        for (int i = 0; i < spec.connections(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                counters.error(ErrorKind.CONNECT);
                failed.add(i);
                firstFailure = firstFailure == null ? "connection set-up took longer than " + limit : firstFailure;
                continue;
            }
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (sources > 1) {
                    ch.bind(new InetSocketAddress(sourceAddress(i % sources), 0));
                }
                int timeoutMillis = (int) Math.max(1, Math.min(CONNECT_TIMEOUT.toMillis(), left / 1_000_000));
                ch.socket().connect(spec.target(), timeoutMillis);
                connections.add(new Connection(i, ch, payload.view()));
                counters.open.incrementAndGet();
            } catch (IOException e) {
                counters.error(ErrorKind.CONNECT);
                failed.add(i);
                if (firstFailure == null) {
                    firstFailure = e.getMessage() == null ? e.toString() : e.getMessage();
                }
                ch.close();
            }
        }
        if (connections.isEmpty()) {
            throw new IOException("could not connect to " + spec.target() + " (0 of " + spec.connections()
                    + " connections): " + firstFailure);
        }
        Recorder latency = new Recorder(3);
        List<IoLoop> loops = new ArrayList<>();
        try {
            for (int t = 0; t < spec.threads(); t++) {
                List<Connection> share = new ArrayList<>();
                for (int i = t; i < connections.size(); i += spec.threads()) {
                    share.add(connections.get(i));
                }
                loops.add(new IoLoop(share, payload, spec, latency, counters));
            }
        } catch (IOException e) {
            for (Connection c : connections) {
                c.channel.close();
            }
            throw e;
        }
        return new LoadGenerator(spec, latency, counters, loops, connections.size(), failed, firstFailure,
                localAddresses(connections));
    }

    /** The distinct local addresses the connections came from: how the server sees this generator. */
    private static List<String> localAddresses(List<Connection> connections) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Connection c : connections) {
            try {
                if (c.channel.getLocalAddress() instanceof InetSocketAddress a) {
                    seen.add(a.getAddress().getHostAddress());
                }
            } catch (IOException e) {
                // closed already: its address no longer matters
            }
        }
        return List.copyOf(seen);
    }

    /** The distinct local addresses of the connections, as the server sees them (e.g. 198.18.0.2). */
    public List<String> sourceAddresses() {
        return sourceAddresses;
    }

    private static InetAddress sourceAddress(int i) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i)});
    }

    public LoadSpec spec() {
        return spec;
    }

    /** Connections established by {@link #connect}. */
    public int connected() {
        return connected;
    }

    /** Why the first connection that could not be made failed; null when all were made. */
    public String firstConnectFailure() {
        return firstConnectFailure;
    }

    public int openConnections() {
        return counters.open.get();
    }

    public long completed() {
        return counters.completed.sum();
    }

    public long errorCount() {
        return counters.errorCount();
    }

    /** A loop that died (it prints why); null while all are healthy. */
    public Throwable failure() {
        for (IoLoop l : loops) {
            if (l.failure() != null) {
                return l.failure();
            }
        }
        return null;
    }

    /** Starts sending. The first {@link #snapshot()} interval starts here. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "load generator is closed" : "load generator already started");
        }
        started = true;
        latency.reset();
        counters.sendLag.reset();
        lastNanos = System.nanoTime();
        lastCompleted = 0;
        lastErrors = new EnumMap<>(ErrorKind.class); // connect failures are errors of the first interval
        lastCpu = ProcessStats.cpuNanos();
        lastIoCpu = 0;
        startNanos = System.nanoTime();
        if (spec.mode() == LoadMode.FIXED_RATE) {
            long interval = spec.perConnectionIntervalNanos();
            double nanosPerMessage = 1e9 / spec.ratePerSecond();
            for (int i : failedIndexes) {
                counters.lostSends.add(IoLoop.firstDue(startNanos, i, nanosPerMessage), interval);
            }
        }
        for (int t = 0; t < loops.size(); t++) {
            loops.get(t).start(startNanos, "loopbench-generator-io-" + t);
        }
    }

    /** Everything since the previous snapshot (or the start), and the running totals. */
    public synchronized LoadSnapshot snapshot() {
        if (!started) {
            throw new IllegalStateException("load generator not started");
        }
        long now = System.nanoTime();
        Histogram h = latency.getIntervalHistogram();
        Histogram lag = counters.sendLag.getIntervalHistogram();
        long completedTotal = counters.completed.sum();
        long unansweredTotal = counters.unanswered.sum();
        long lostTotal = counters.lostSends.upTo(now);
        Map<ErrorKind, Long> errorsTotal = counters.errors();
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        errorsTotal.forEach((k, v) -> errors.put(k, v - lastErrors.getOrDefault(k, 0L)));
        long cpu = ProcessStats.cpuNanos();
        long ioCpu = ioCpuNanos();
        ProcessStats.Snapshot self = ProcessStats.now(); // the generator's own: right on another host too
        LoadSnapshot s = new LoadSnapshot(h.getStartTimeStamp(), h.getEndTimeStamp(), now - lastNanos, h,
                completedTotal - lastCompleted, completedTotal, errors, errorsTotal, counters.open.get(),
                cpu < 0 || lastCpu < 0 ? -1 : cpu - lastCpu, ioCpu - lastIoCpu, loops.size(), lag,
                unansweredTotal - lastUnanswered, unansweredTotal, lostTotal - lastLostSends, lostTotal,
                spec.ratePerSecond(), self.rssMiB(), self.openFiles());
        lastUnanswered = unansweredTotal;
        lastLostSends = lostTotal;
        lastNanos = now;
        lastCompleted = completedTotal;
        lastErrors = errorsTotal;
        lastCpu = cpu;
        lastIoCpu = ioCpu;
        return s;
    }

    /**
     * Ends the load and returns the last snapshot (everything since the previous one). From now on no
     * message is sent whose intended time is now or later; the messages due before now are still sent
     * and answered for up to {@code grace}. Messages still without their echo then are counted as
     * unanswered ({@link LoadSnapshot#unanswered()}) and recorded at the latency they reached, so nothing
     * the load intended is missing from the figures: every message is answered, unanswered, an error,
     * or (fixed rate, failed connection) a lost send. The connections stay open until {@link #close()}.
     *
     * @param grace 0 .. 1 h; longer than the latencies expected, short enough to wait for
     * @throws IllegalStateException when not started, or already finished or closed
     */
    public synchronized LoadSnapshot finish(Duration grace) throws InterruptedException {
        if (!started || finished || closed) {
            throw new IllegalStateException(!started ? "load generator not started"
                    : finished ? "load generator already finished" : "load generator is closed");
        }
        if (grace.isNegative() || grace.toHours() >= 1) {
            throw new IllegalArgumentException("grace " + grace + " is out of range [0, 1 h)");
        }
        finished = true;
        long requested = System.nanoTime();
        for (IoLoop l : loops) {
            l.finish(grace.toNanos());
        }
        long end = Long.MAX_VALUE;
        for (IoLoop l : loops) {
            // bounded: a loop settles at the grace deadline at the latest, checking every 10 ms
            l.awaitSettled(grace.toMillis() + 5_000);
            if (l.endedAtNanos() != Long.MIN_VALUE) {
                end = Math.min(end, l.endedAtNanos()); // with several loops they differ by microseconds
            }
        }
        endNanos = end == Long.MAX_VALUE ? requested : end; // no loop alive to end it
        counters.lostSends.endAt(endNanos);
        return snapshot();
    }

    /**
     * Fixed rate: the messages the schedule intended before the end of the load, over all the connections
     * asked for (connected or not). After {@link #finish}, every one of them is answered, unanswered, lost,
     * or the one message a connection's failure hit: this is how the tests prove that nothing is dropped.
     */
    synchronized long intendedBeforeEnd() {
        if (!finished || spec.mode() != LoadMode.FIXED_RATE) {
            throw new IllegalStateException("only a finished fixed-rate load has a whole schedule");
        }
        long interval = spec.perConnectionIntervalNanos();
        double nanosPerMessage = 1e9 / spec.ratePerSecond();
        long n = 0;
        for (int i = 0; i < spec.connections(); i++) {
            long span = endNanos - IoLoop.firstDue(startNanos, i, nanosPerMessage);
            n += span <= 0 ? 0 : (span + interval - 1) / interval;
        }
        return n;
    }

    private long ioCpuNanos() {
        long sum = 0;
        for (IoLoop l : loops) {
            Thread t = l.thread();
            if (t != null) {
                @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; this class must load on 17
                long id = t.getId();
                long cpu = THREADS.getThreadCpuTime(id);
                // a thread that ended (after finish) has no CPU time any more: take what it had at the end
                sum += cpu >= 0 ? cpu : Math.max(0, l.cpuAtEndNanos());
            }
        }
        return sum;
    }

    /** Stops every loop and closes every connection; waits up to 5 s for the threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (IoLoop l : loops) {
            l.stop();
        }
        try {
            for (IoLoop l : loops) {
                l.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (IoLoop l : loops) {
            l.release(); // a finished loop left its connections open; an unstarted one never had a thread
        }
    }
}
