package org.loopbench.harness.results;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.loopbench.results.AtomicFile;
import org.loopbench.results.PercentileFile;

/**
 * Writes histograms in the formats HdrHistogram's own tools read: the percentile distribution
 * ({@code .hgrm}, plotted by the HdrHistogram plotter) and the interval log ({@code .hlog}, read by
 * {@code HistogramLogProcessor} and {@code HistogramLogReader}).
 *
 * <p>Units: histograms hold <b>nanoseconds</b>. The {@code .hgrm} is written in <b>microseconds</b>
 * (value unit ratio 1,000); the {@code .hlog} stores the raw nanosecond counts (give
 * {@code HistogramLogProcessor -outputValueUnitRatio 1000} for microseconds).
 */
public final class HistogramFiles {

    /** nanoseconds per microsecond: the .hgrm value unit. */
    public static final double NANOS_PER_MICRO = 1_000.0;

    private HistogramFiles() {
    }

    /** The percentiles the footer line states exactly: those the benchmarks publish and the report ranks. */
    private static final double[] FOOTER_PERCENTILES = {50, 90, 99, 99.9, 99.99};

    /**
     * Writes {@code h}'s percentile distribution, in microseconds, to {@code file}, and one more footer line,
     * {@code #[Percentiles (us): p50 = ..., p90 = ..., p99 = ..., p99.9 = ..., p99.99 = ...]}: the
     * distribution's rows sit at HdrHistogram's own ticks (0.990625, not 0.99), so a reader wanting the exact
     * p99 that JMH's {@code latency.p99} shows reads it here. Tools that read .hgrm files skip '#' lines.
     */
    public static void writePercentiles(Histogram h, Path file) {
        // whole or not at all: a distribution cut after some rows would still parse (AtomicFile)
        AtomicFile.print(file, out -> {
            h.outputPercentileDistribution(out, 5, NANOS_PER_MICRO);
            out.println(percentilesFooter(h));
        });
    }

    /** The interval log's stream is long-lived: each append asks it for write errors, as AtomicFile.print does. */
    private static void requireWritten(PrintStream out, Path file) throws IOException {
        if (out.checkError()) { // flushes, then reports any error since the stream opened
            throw new IOException("writing " + file + " failed (the disk may be full or read-only)");
        }
    }

    /** The footer line of {@link #writePercentiles}, values as {@code getValueAtPercentile} gives them, in us. */
    public static String percentilesFooter(Histogram h) {
        StringBuilder sb = new StringBuilder(PercentileFile.PERCENTILES_FOOTER);
        for (int i = 0; i < FOOTER_PERCENTILES.length; i++) {
            double p = FOOTER_PERCENTILES[i];
            sb.append(i == 0 ? " p" : ", p").append(p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p))
                    .append(" = ").append(String.format(java.util.Locale.ROOT, "%.3f", h.getValueAtPercentile(p) / NANOS_PER_MICRO));
        }
        return sb.append(']').toString();
    }

    /** An interval log kept open for a whole trial; one {@link #append} per interval. Not thread-safe. */
    public static final class IntervalLog implements AutoCloseable {
        private final PrintStream out;
        private final HistogramLogWriter writer;
        private final Path file;

        public IntervalLog(Path file, long startEpochMillis, String comment) {
            this.file = file;
            try {
                out = new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            writer = new HistogramLogWriter(out);
            writer.outputComment(comment);
            writer.outputComment("values in nanoseconds; intervals tagged 'warmup' are JMH warm-up iterations");
            writer.outputLogFormatVersion();
            writer.setBaseTime(startEpochMillis);
            writer.outputBaseTime(startEpochMillis);
            writer.outputStartTime(startEpochMillis);
            writer.outputLegend();
            out.flush();
        }

        /**
         * {@code interval} must carry its start and end time stamps (epoch ms) and, for warm-up, the tag.
         * They are written as they are, so a reader sees whether the intervals abut (the echo benchmarks'
         * do: the generator records continuously and each iteration's interval starts where the last ended).
         */
        public void append(Histogram interval) {
            writer.outputIntervalHistogram(interval);
            try {
                requireWritten(out, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
