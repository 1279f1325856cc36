package org.loopbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds result files in JMH's JSON format (as JMH 1.37 writes them with -rf json) for the tests. */
public final class JmhJson {

    private final List<String> entries = new ArrayList<>();

    /** One benchmark entry of one fork; {@code secondary} alternates name, then iteration values as double[]. */
    public JmhJson add(String benchmark, String mode, String runtime, double[] primaryIterations, String unit,
                Object... secondary) {
        Object[] byFork = secondary.clone();
        for (int i = 1; i < byFork.length; i += 2) {
            byFork[i] = new double[][] {(double[]) secondary[i]};
        }
        return forks(benchmark, mode, runtime, new double[][] {primaryIterations}, unit, byFork);
    }

    /**
     * One benchmark entry of several forks: {@code primary[f]} are fork f's iteration values;
     * {@code secondary} alternates name, then values per fork as double[][].
     */
    public JmhJson forks(String benchmark, String mode, String runtime, double[][] primaryIterations, String unit,
                Object... secondary) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"jmhVersion\":\"1.37\",\"benchmark\":\"org.loopbench.harness.bench.").append(benchmark)
                .append("\",\"mode\":\"").append(mode).append("\",\"threads\":1,\"forks\":1,")
                .append("\"jvm\":\"/usr/lib/jvm/x/bin/java\",\"jdkVersion\":\"25\",")
                .append("\"params\":{\"runtime\":\"").append(runtime).append("\",\"connections\":\"1000\"},")
                .append("\"primaryMetric\":").append(metric(primaryIterations, unit));
        sb.append(",\"secondaryMetrics\":{");
        for (int i = 0; i < secondary.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(secondary[i]).append("\":").append(metric((double[][]) secondary[i + 1], "us"));
        }
        sb.append("}}");
        entries.add(sb.toString());
        return this;
    }

    public String build() {
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }

    private static String metric(double[][] forks, String unit) {
        double[] iterations = java.util.Arrays.stream(forks).flatMapToDouble(java.util.Arrays::stream).toArray();
        double mean = 0;
        for (double v : iterations) {
            mean += v / iterations.length;
        }
        // JMH writes "NaN" as a string when it cannot compute an error (a single iteration).
        String error = iterations.length < 2 ? "\"NaN\"" : String.format(Locale.ROOT, "%f", spread(iterations, mean));
        StringBuilder raw = new StringBuilder("[");
        for (int f = 0; f < forks.length; f++) {
            raw.append(f > 0 ? "," : "").append('[');
            for (int i = 0; i < forks[f].length; i++) {
                raw.append(i > 0 ? "," : "").append(forks[f][i]);
            }
            raw.append(']');
        }
        raw.append("]");
        return String.format(Locale.ROOT, "{\"score\":%f,\"scoreError\":%s,\"scoreUnit\":\"%s\",\"rawData\":%s}",
                mean, error, unit, raw);
    }

    private static double spread(double[] v, double mean) {
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return 3.3 * Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length); // roughly JMH's 99.9% half-width
    }
}
