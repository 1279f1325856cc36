package org.loopbench.harness.launch;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The table a reader wants after a run: per runtime and parameters, the score and the figures that
 * decide whether to trust it (tail latency, errors, server RSS, whether the client was the bottleneck).
 */
public final class Summary {

    private Summary() {
    }

    public static void print(Collection<RunResult> results, PrintStream out) {
        boolean echo = false;
        boolean sleep = false;
        for (RunResult r : results) {
            String b = r.getParams().getBenchmark();
            echo |= b.contains(".Echo");
            sleep |= b.contains(".Sleep");
        }
        if (echo) {
            out.println();
            out.println("loopbench echo (msgs/s = JMH score; latency in us; fixed-rate latency from intended send time)");
            out.printf("%-15s %-8s %6s %6s %7s %8s %12s %10s %10s %10s %10s %7s %8s %6s %12s%n", "benchmark", "runtime",
                    "conns", "bytes", "rdbuf B", "rate", "msgs/s", "p50", "p99", "p99.99", "max", "errors", "rss MiB", "c.busy",
                    "c.ceiling");
            double ceiling = 0;
            for (RunResult r : results) {
                String b = r.getParams().getBenchmark();
                if (!b.contains(".Echo")) {
                    continue;
                }
                Map<String, Result> s = r.getAggregatedResult().getSecondaryResults();
                out.printf("%-15s %-8s %6s %6s %7s %8s %12.0f %10s %10s %10s %10s %7s %8s %6s %12s%n",
                        shortName(b), r.getParams().getParam("runtime"), r.getParams().getParam("connections"),
                        r.getParams().getParam("payload"), orDash(r.getParams().getParam("readBuffer")),
                        orDash(r.getParams().getParam("rate")),
                        r.getPrimaryResult().getScore(), fmt(s, "latency.p50"), fmt(s, "latency.p99"),
                        fmt(s, "latency.p99.99"), fmt(s, "latency.max"), fmt(s, "errors"), fmt(s, "server.rss"),
                        fmt2(s, "client.busy"), fmt(s, "client.ceiling"));
                if (b.contains("EchoSaturation") && s.containsKey("client.ceiling")) {
                    ceiling = Math.max(ceiling, s.get("client.ceiling").getScore());
                }
            }
            if (ceiling > 0) {
                out.printf("load generator ceiling (best saturation run, msgs/s at 100%% generator CPU): %,.0f%n", ceiling);
            }
        }
        if (sleep) {
            out.println();
            out.println("loopbench sleep (times in ms, lateness in us)");
            out.printf("%-8s %9s %9s %6s %6s %10s %10s %10s %8s %10s %10s %8s %9s %6s%n", "runtime", "tasks", "run",
                    "k", "d ms", "total", "spawn", "run", "vs ideal", "late p99", "late max", "rss MiB", "threads", "capped");
            for (RunResult r : results) {
                if (!r.getParams().getBenchmark().contains(".Sleep")) {
                    continue;
                }
                Map<String, Result> s = r.getAggregatedResult().getSecondaryResults();
                out.printf("%-8s %9s %9s %6s %6s %10.0f %10s %10s %8s %10s %10s %8s %9s %6s%n",
                        r.getParams().getParam("runtime"), r.getParams().getParam("tasks"), fmt(s, "tasks.run"),
                        r.getParams().getParam("sleeps"), r.getParams().getParam("sleepMs"),
                        r.getPrimaryResult().getScore(), fmt(s, "spawn.time"), fmt(s, "run.time"),
                        fmt2(s, "run.vs.ideal"), fmt(s, "lateness.p99"), fmt(s, "lateness.max"), fmt(s, "server.rss"),
                        fmt(s, "runtime.threads"), s.containsKey("capped") && s.get("capped").getScore() > 0 ? "yes" : "no");
            }
        }
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String fmt(Map<String, Result> s, String key) {
        Result r = s.get(key);
        return r == null ? "-" : String.format("%,.0f", r.getScore());
    }

    private static String fmt2(Map<String, Result> s, String key) {
        Result r = s.get(key);
        return r == null ? "-" : String.format("%.2f", r.getScore());
    }
}
