package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A percentile distribution as HdrHistogram's {@code outputPercentileDistribution} prints it (the
 * harness's {@code .hgrm} files, values in microseconds): rows of value, percentile (0..1), total count
 * and 1/(1-percentile), then {@code #[Mean ...]} / {@code #[Max ...]} footer lines.
 *
 * <p>Only the rows below percentile 1 are kept as points: their "1 in N" position is finite, which is
 * what the spectrum chart's log axis needs. The maximum is kept apart.
 *
 * @param points ordered by percentile; never empty
 * @param max    the largest recorded value, microseconds
 * @param count  values recorded
 */
public record PercentileSpectrum(List<Point> points, double max, long count) {

    /** @param percentile 0..1 (exclusive of 1) */
    public record Point(double valueMicros, double percentile) {

        /** The "1 in N" position: 1 / (1 - percentile). */
        public double oneIn() {
            return 1 / (1 - percentile);
        }
    }

    public PercentileSpectrum {
        points = List.copyOf(points);
    }

    /** @throws IllegalArgumentException when the text holds no percentile rows */
    public static PercentileSpectrum parse(String text) {
        List<Point> points = new ArrayList<>();
        double max = Double.NaN;
        long count = 0;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("Value")) {
                continue;
            }
            if (t.startsWith("#[Max")) {
                max = footerNumber(t, "Max");
                double total = footerNumber(t, "Total count");
                count = Double.isNaN(total) ? count : (long) total;
                continue;
            }
            if (t.startsWith("#")) {
                continue;
            }
            String[] cols = t.split("\\s+");
            if (cols.length < 3) {
                continue;
            }
            try {
                double value = Double.parseDouble(cols[0]);
                double percentile = Double.parseDouble(cols[1]);
                count = Math.max(count, (long) Double.parseDouble(cols[2]));
                if (percentile < 1) {
                    points.add(new Point(value, percentile));
                } else if (Double.isNaN(max)) {
                    max = value;
                }
            } catch (NumberFormatException e) {
                // not a data row (another tool's header); the rows that parse are enough
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no percentile rows (an empty histogram or not an .hgrm file)");
        }
        if (Double.isNaN(max)) {
            max = points.get(points.size() - 1).valueMicros();
        }
        return new PercentileSpectrum(points, max, count);
    }

    /** The value at the first row at or above {@code percentile} (0..1), or the maximum. */
    public double valueAt(double percentile) {
        for (Point p : points) {
            if (p.percentile() >= percentile) {
                return p.valueMicros();
            }
        }
        return max;
    }

    private static double footerNumber(String line, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*=\\s*([0-9.eE+-]+)").matcher(line);
        if (!m.find()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
