package org.loopbench.harness.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.loopbench.harness.load.ErrorKind;
import org.loopbench.harness.load.GeneratorFleet;
import org.loopbench.harness.load.LoadSnapshot;
import org.loopbench.harness.load.LoadSpec;

/**
 * One generator's part of an echo trial, over its measurement iterations: the entry of the result's
 * {@value org.loopbench.results.TrialRecord#PER_GENERATOR}. Its latency is its own histogram merged over the
 * iterations, so a reader can see whether one generator (a slower host, a longer path) saw a different
 * server than the others; the trial's figures are of all generators' histograms added.
 */
final class GeneratorShare {

    private final int index;
    private final String launch;
    private final String host;
    private final String sourceAddresses;
    private final LoadSpec part;
    private final Histogram latency = new Histogram(3);
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    private long messages;
    private long nanos;
    private long unanswered;
    private long lostSends;
    private double busyMax;
    private double cpuMax;
    private double peakRssMiB = -1;
    private long openFiles = -1;

    GeneratorShare(GeneratorFleet fleet, int index) {
        this.index = index;
        this.launch = fleet.placement().launch(index);
        this.host = fleet.generator(index).host();
        this.sourceAddresses = String.join(",", fleet.generator(index).sourceAddresses());
        this.part = fleet.part(index);
    }

    /** Adds one measurement iteration's snapshot of this generator. */
    void measured(LoadSnapshot s) {
        latency.add(s.latency());
        messages += s.completed();
        nanos += s.wallNanos();
        unanswered += s.unanswered();
        lostSends += s.lostSends();
        errors.clear();
        errors.putAll(s.errorsTotal()); // running totals: the last one is the trial's
        busyMax = Math.max(busyMax, s.ioBusy());
        cpuMax = Math.max(cpuMax, s.processCpuMillisPerSecond());
        peakRssMiB = Math.max(peakRssMiB, s.rssMiB());
        openFiles = s.openFiles();
    }

    Map<String, Object> result(boolean fixedRate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index + 1);
        m.put("launch", launch);
        m.put("host", host);
        m.put("sourceAddress", sourceAddresses);
        m.put("connections", part.connections());
        if (fixedRate) {
            m.put("targetRate", part.ratePerSecond());
        }
        m.put("measuredMessages", messages);
        m.put("achievedRate", nanos == 0 ? 0 : messages * 1e9 / nanos);
        m.put("latency", Percentiles.summary(latency));
        Map<String, Object> e = new LinkedHashMap<>();
        errors.forEach((k, v) -> e.put(k.label(), v));
        m.put("errors", e);
        m.put("unanswered", unanswered);
        if (fixedRate) {
            m.put("lostSends", lostSends);
        }
        m.put("clientBusyMax", busyMax);
        m.put("clientCpuMsPerSMax", cpuMax);
        m.put("clientPeakRssMiB", peakRssMiB);
        m.put("clientOpenFiles", openFiles);
        return m;
    }
}
