package org.loopbench.harness.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.loopbench.harness.jmh.IterationMetrics;
import org.loopbench.harness.results.CpuClock;

import static org.loopbench.results.TrialRecord.RESULT;
import static org.loopbench.results.TrialRecord.SERVER_JVM;

/**
 * What a benchmark fork does besides the workload, in the order it does it: claim the trial's files,
 * record each iteration (interval log, sidecar), publish metrics through the launcher's units, write the
 * percentiles. Run as its own JVM by {@link ForkLoadsNoJsonLibraryTest}; system properties as the
 * launcher sets them.
 */
public final class ForkBookkeeping {

    public static void main(String[] args) {
        try (TrialRecord record = new TrialRecord("org.loopbench.harness.bench.EchoSaturation.echo",
                Map.of("runtime", "probe", "connections", "10"), "thrpt", "fork bookkeeping probe")) {
            Map<String, Object> jvm = new LinkedHashMap<>(RuntimeUnderTest.jvm());
            jvm.put("cpuClock", CpuClock.process().describe()); // as the coordination benchmarks record it
            record.put(SERVER_JVM, jvm);
            for (int i = 0; i < 3; i++) {
                Histogram h = new Histogram(3);
                for (int v = 1; v <= 1000; v++) {
                    h.recordValue(v * 1000L);
                }
                Map<String, Object> summary = new LinkedHashMap<>(Percentiles.summary(h));
                summary.put("rate", 1234.5);
                summary.put("notMeasured", Double.NaN);
                record.iteration(h, i > 0, summary);
                IterationMetrics.publish(new IterationMetrics.Builder()
                        .add("latency.p99", 990.0).add("server.rss", 64.0).add("errors.timeout", 0).build());
                IterationMetrics.take();
            }
            record.put(RESULT, Map.of("messages", 3000));
        }
    }
}
