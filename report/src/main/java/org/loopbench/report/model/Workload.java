package org.loopbench.report.model;

/**
 * The workloads the report knows how to rank and chart; anything else in the JMH results is still
 * listed ({@link #OTHER}) with its own score and unit, so a new benchmark is never silently dropped.
 */
public enum Workload {
    SATURATION("EchoSaturation", "Echo throughput, closed loop (saturation)", "saturation"),
    FIXED_RATE("EchoFixedRate", "Echo latency at a fixed rate", "fixed-rate"),
    SLEEP("SleepBenchmark", "Many sleeping tasks", "sleep"),
    CRAWL("CrawlBenchmark", "Crawl: gather N fetches", "crawl"),
    DEADLINE("DeadlineBenchmark", "Deadline: cancel the slow half", "deadline"),
    PING_PONG("PingPongBenchmark", "Ping-pong: the cost of a hand-off", "ping-pong"),
    OTHER("", "Other benchmarks", "other");

    private final String benchmarkClass;
    private final String title;
    private final String anchor;

    Workload(String benchmarkClass, String title, String anchor) {
        this.benchmarkClass = benchmarkClass;
        this.title = title;
        this.anchor = anchor;
    }

    /** @param benchmark {@code Class.method}, package dropped */
    public static Workload of(String benchmark) {
        for (Workload w : values()) {
            if (!w.benchmarkClass.isEmpty() && benchmark.startsWith(w.benchmarkClass + ".")) {
                return w;
            }
        }
        return OTHER;
    }

    public String title() {
        return title;
    }

    public String anchor() {
        return anchor;
    }

    public boolean echo() {
        return this == SATURATION || this == FIXED_RATE;
    }

    /** The coroutine toolbox as workloads (spawn, gather, cancel, channels), shown together in the report. */
    public boolean coordination() {
        return this == CRAWL || this == DEADLINE || this == PING_PONG;
    }
}
