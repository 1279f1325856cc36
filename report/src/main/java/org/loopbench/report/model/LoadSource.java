package org.loopbench.report.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loopbench.results.Json;
import org.loopbench.results.TrialRecord;

/**
 * Where one echo trial's load came from, as its sidecar records it: how many load-generator processes,
 * launched how, from how many source addresses, to which server address. A sidecar without these keys (every
 * run made before several generators existed) had one generator on this machine, so that is what it reads
 * as; a key of the wrong type reads as absent.
 *
 * @param generators      load-generator processes, 1 or more ({@code load.generators})
 * @param placements      one launch prefix per generator, {@value #LOCAL} for this machine's client CPUs
 *                        ({@code generator.placements}); empty when not recorded
 * @param generatorHosts  distinct source addresses the server saw the load come from
 *                        ({@code load.generatorHosts}); 0 when not recorded
 * @param serverAddress   the address the server bound ({@code load.serverAddress}); "" when not recorded
 */
public record LoadSource(int generators, List<String> placements, int generatorHosts, String serverAddress) {

    /** The launch of a generator on this machine, on the client CPUs: the one the calibration measured. */
    public static final String LOCAL = "local";

    public LoadSource {
        placements = List.copyOf(placements);
    }

    /** The trial's load source; one local generator when its sidecar does not say otherwise. */
    public static LoadSource of(Trial t) {
        List<String> placements = new ArrayList<>();
        t.get(TrialRecord.GENERATOR, "placements").filter(List.class::isInstance)
                .ifPresent(l -> ((List<?>) l).forEach(p -> placements.add(String.valueOf(p))));
        int generators = count(t.get(TrialRecord.LOAD, "generators").orElse(null));
        if (generators == 0) {
            Object listed = t.get(TrialRecord.RESULT, TrialRecord.PER_GENERATOR).orElse(null);
            generators = Math.max(placements.size(), listed instanceof List ? ((List<?>) listed).size() : 0);
        }
        Object server = t.get(TrialRecord.LOAD, "serverAddress").orElse(null);
        return new LoadSource(Math.max(1, generators), placements,
                count(t.get(TrialRecord.LOAD, "generatorHosts").orElse(null)),
                server instanceof String ? (String) server : "");
    }

    /** Whether {@code t} is an echo trial, the only kind with a load generator. */
    public static boolean hasLoad(Trial t) {
        return t.get(TrialRecord.LOAD).orElse(null) instanceof Map;
    }

    /**
     * One generator on this machine against a server on loopback (or an unrecorded address): what every run
     * did before several generators existed, and nothing a reader needs told.
     */
    public boolean usual() {
        return generators == 1 && local() && generatorHosts <= 1
                && (serverAddress.isEmpty() || serverAddress.startsWith("127.") || serverAddress.equals("::1"));
    }

    /**
     * "2 generator processes (ip netns exec lbg1; ip netns exec lbg2) from 2 source addresses, to a server bound
     * to 198.18.0.1"; "3 generator processes on this machine's client CPUs from 1 source address" when every
     * launch is local.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(generators)
                .append(generators == 1 ? " generator process" : " generator processes");
        sb.append(local() ? " on this machine's client CPUs" : placements.isEmpty() ? " (launches not recorded)"
                : " (" + String.join("; ", placements) + ")");
        if (generatorHosts > 0) {
            sb.append(" from ").append(generatorHosts).append(generatorHosts == 1 ? " source address" : " source addresses");
        }
        if (!serverAddress.isEmpty()) {
            sb.append(", to a server bound to ").append(serverAddress);
        }
        return sb.toString();
    }

    /** Every generator on this machine; a lone generator whose launch is not recorded was (no run placed one elsewhere). */
    private boolean local() {
        return placements.isEmpty() ? generators == 1 : placements.stream().allMatch(LOCAL::equals);
    }

    /** A positive whole count, or 0 for anything else (absent, text, fraction, negative). */
    private static int count(Object value) {
        double v = Json.number(value);
        return v >= 1 && v == Math.rint(v) && v <= Integer.MAX_VALUE ? (int) v : 0;
    }
}
