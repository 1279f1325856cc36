package org.loopbench.multihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.faults.LoopbenchRun;
import org.loopbench.report.model.PercentileSpectrum;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.PercentileFile;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * {@code loopbench run} with its server on one "host" and the load from two others: the run in namespace
 * {@code lbs-PID} binding 198.18.0.1, one generator in {@code lbg1-PID} (198.18.0.2) and one in
 * {@code lbg2-PID} (198.18.0.3), each started behind the prefix {@code ip netns exec lbgK-PID} as a
 * remote one is behind {@code ssh HOST --} (see {@link NamespaceNetwork}).
 *
 * <p>What a multi-generator trial must record, and why each check: the load is split as asked, evenly
 * where it can be and unevenly where it cannot (200 connections: 100 and 100; 201: 101 and 100; 2,001
 * msgs/s in proportion to the connections, so every connection keeps the send interval it has in the whole
 * load, rounded so the parts add up: 1,001 and 1,000, or 1,005 and 996), and each generator really came
 * from its own address (the server saw two source addresses). The trial's figures are the generators'
 * histograms <em>added</em>: its message count is the sum of theirs and is the count of the merged
 * histogram and of the {@code .hgrm}; its max is the larger of their maxima; its p50 lies between theirs
 * (a percentile of a mixture never leaves its parts' range, whatever their weights). Every byte the server
 * received it echoed. And when the run ends, every generator ended with it: nothing of the run's tree is
 * alive and nothing runs in any of the namespaces.
 *
 * <p>The smoke profile's one 1 s iteration per trial, four trials (two benchmarks x two connection counts),
 * no calibration: about 22 s for the first test on a 2-core machine, 5 s for the second. Every wait is bounded ({@link #RUN_LIMIT}); a run that hangs is killed with its tree,
 * and the namespaces are deleted whatever happened. Root only: skipped, with the reason, where namespaces,
 * a bridge or veth pairs cannot be made.
 */
class TwoGeneratorsInNamespacesTest {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    /** How long a generator whose stdin closed may take to exit. */
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(10);
    /** An even split and an uneven one (101 and 100). */
    private static final List<Integer> CONNECTIONS = List.of(200, 201);
    /** Not a multiple of the connections, so the proportional shares need rounding (1,001 + 1,000; 1,005 + 996). */
    private static final int RATE = 2001;

    @TempDir
    Path tmp;

    private NamespaceNetwork net;

    @BeforeEach
    void buildNetwork() throws Exception {
        try {
            net = NamespaceNetwork.build(2);
        } catch (NamespaceNetwork.Unavailable e) {
            Assumptions.abort(e.getMessage());
        }
    }

    @AfterEach
    void removeNetwork() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void twoGeneratorsSplitTheLoadAndTheTrialIsTheirHistogramsAdded() throws Exception {
        List<String> prefixes = net.generators().stream().map(g -> String.join(" ", NamespaceNetwork.exec(g))).toList();
        try (LoopbenchRun run = start(prefixes, "EchoSaturation,EchoFixedRate", CONNECTIONS)) {
            assertEquals(0, run.waitFor(RUN_LIMIT), run.consoleText());
            List<TrialFiles> trials = run.trials();
            assertEquals(4, trials.size(), "two benchmarks x two connection counts: " + trials);
            assertEquals(Set.of("EchoSaturation", "EchoFixedRate"),
                    trials.stream().map(t -> t.name().substring(0, t.name().indexOf('.'))).collect(Collectors.toSet()),
                    "both benchmarks: " + trials);
            for (TrialFiles t : trials) {
                checkTrial(t, prefixes);
            }
            run.assertNothingLeftBehind();
            assertEquals(Map.of(), net.awaitEmpty(EXIT_LIMIT), "processes still running in the namespaces");
        }
    }

    @Test
    void aGeneratorThatCannotStartFailsTheGroupByNameAndLeavesNothingRunning() throws Exception {
        String missing = "no-such-namespace-" + ProcessHandle.current().pid();
        // the first generator starts and connects; the second's prefix fails at once (no such namespace)
        List<String> prefixes = List.of(String.join(" ", NamespaceNetwork.exec(net.generators().get(0))),
                String.join(" ", NamespaceNetwork.exec(missing)));
        try (LoopbenchRun run = start(prefixes, "EchoSaturation", List.of(201))) {
            assertEquals(1, run.waitFor(RUN_LIMIT), run.consoleText());
            EnvironmentRecord record = EnvironmentRecord.read(RunLayout.of(run.dir()));
            assertEquals(1, record.groups().size(), "the one group ran: " + record.groups());
            record.groups().values().forEach(s -> assertTrue(s.startsWith("failed"), "group status: " + s));
            List<TrialFiles> trials = run.trials();
            assertEquals(1, trials.size(), "one trial: " + trials);
            TrialRecord trial = TrialRecord.read(trials.get(0).sidecar());
            String failure = trial.failure().orElse("");
            assertTrue(failure.contains(missing), trials.get(0).name() + "'s failure names the generator that could not"
                    + " start (" + prefixes.get(1) + "): " + failure + "\nthe group's log:\n" + groupLogs(run.dir()));
            run.assertNothingLeftBehind();
            assertEquals(Map.of(), net.awaitEmpty(EXIT_LIMIT), "processes still running in the namespaces");
        }
    }

    /**
     * A fork that dies mid-trial (killed, as a crash would end it) takes its generators with it: they run
     * behind a prefix, as a remote one does behind ssh, and end when their stdin closes; the run records the
     * group failed and goes on, and nothing is left in any namespace.
     */
    @Test
    void aForkThatDiesTakesItsGeneratorsWithIt() throws Exception {
        List<String> prefixes = net.generators().stream().map(g -> String.join(" ", NamespaceNetwork.exec(g))).toList();
        // a 20 s iteration: the trial is surely still running when the fork is killed
        try (LoopbenchRun run = start(prefixes, "EchoSaturation", List.of(200), "-r", "20")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // the sidecar names the generators once all of them connected and started their load
            while (!(generatorsRecorded(run) && loading(net.generators().get(0)) && loading(net.generators().get(1)))) {
                assertTrue(System.nanoTime() < deadline, "the two generators did not start: " + run.consoleText());
                Thread.sleep(50);
            }
            run.awaitProcess(LoopbenchRun.FORK, Duration.ofSeconds(10)).destroyForcibly();
            assertEquals(1, run.waitFor(RUN_LIMIT), run.consoleText());
            run.assertNothingLeftBehind();
            assertEquals(Map.of(), net.awaitEmpty(EXIT_LIMIT), "generators still running in their namespaces");
        }
    }

    private static boolean generatorsRecorded(LoopbenchRun run) {
        for (TrialFiles t : run.trials()) {
            try {
                if (TrialRecord.read(t.sidecar()).get(TrialRecord.GENERATOR, "placements").isPresent()) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // being written: the next look sees it whole
            }
        }
        return false;
    }

    /** A generator runs in {@code namespace}. */
    private static boolean loading(String namespace) throws IOException, InterruptedException {
        return !NamespaceNetwork.pidsIn(namespace).isEmpty();
    }

    /**
     * {@code loopbench run} in the server's namespace, the server on 198.18.0.1, load from {@code prefixes}, one
     * trial per benchmark and connection count.
     */
    private LoopbenchRun start(List<String> prefixes, String benchmarks, List<Integer> connections, String... jmh)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--smoke", "--runtimes", "nio", "--workloads", "echo", "--benchmarks", benchmarks,
                "--no-calibration", "--cpus", "shared",
                "--server-address", NamespaceNetwork.SERVER_ADDRESS, "--allow-remote",
                "--generators", String.join(",", prefixes),
                "--", "-p", "connections=" + connections.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "-p", "rate=" + RATE));
        args.addAll(List.of(jmh));
        return LoopbenchRun.start(NamespaceNetwork.exec(net.server()), tmp.resolve("run"), args);
    }

    private static void checkTrial(TrialFiles t, List<String> prefixes) throws IOException {
        TrialRecord r = TrialRecord.read(t.sidecar());
        String name = t.name();
        assertTrue(r.hasResult() && r.failure().isEmpty(), name + ": " + r.failure().orElse("no result"));
        int connections = Integer.parseInt(r.params().get("connections"));
        int payload = Integer.parseInt(r.params().get("payload"));
        assertTrue(CONNECTIONS.contains(connections), name);

        assertEquals(NamespaceNetwork.SERVER_ADDRESS, r.get(TrialRecord.LOAD, "serverAddress").orElse(null), name);
        assertEquals(2.0, r.number(TrialRecord.LOAD, "generators"), name + ": load.generators");
        assertEquals(2.0, r.number(TrialRecord.LOAD, "generatorHosts"), name + ": load.generatorHosts");
        assertEquals(prefixes, r.get(TrialRecord.GENERATOR, "placements").orElse(null), name + ": generator.placements");

        List<Map<String, Object>> rows = perGenerator(r);
        assertEquals(2, rows.size(), name + ": result.perGenerator " + rows);
        // generator k (numbered from 1, as the report shows them) was launched behind prefix k and connected
        // from namespace k's address
        for (int k = 1; k <= 2; k++) {
            Map<String, Object> row = rows.get(k - 1);
            assertEquals(k, count(row, "index"), name + ": generators are numbered 1 and 2");
            assertEquals(prefixes.get(k - 1), row.get("launch"), name + ": launch of generator " + k);
            assertEquals(NamespaceNetwork.generatorAddress(k), row.get("sourceAddress"),
                    name + ": generator " + k + " connected from its own namespace's address");
        }

        long[] conns = rows.stream().mapToLong(g -> count(g, "connections")).toArray();
        assertEquals(connections, conns[0] + conns[1], name + ": the generators' connections add up to the trial's");
        assertEquals(connections % 2, Math.abs(conns[0] - conns[1]), name + ": " + connections
                + " connections split as evenly as they go, not " + conns[0] + " and " + conns[1]);

        long measured = (long) r.number(TrialRecord.RESULT, "measuredMessages");
        assertTrue(measured > 0, name + ": measured nothing");
        assertEquals(measured, rows.stream().mapToLong(g -> count(g, "measuredMessages")).sum(),
                name + ": the trial's messages are the sum of the generators'");
        assertEquals(measured, (long) r.number(TrialRecord.RESULT, "latency", "count"),
                name + ": the merged histogram counts every message measured");
        for (Map<String, Object> g : rows) {
            assertEquals(count(g, "measuredMessages"), (long) latency(g, "count"), name + ": generator " + g.get("index")
                    + "'s histogram counts its messages");
        }
        String hgrm = Files.readString(t.percentiles(), StandardCharsets.UTF_8);
        PercentileFile.requireComplete(hgrm, t.percentiles().toString());
        PercentileSpectrum spectrum = PercentileSpectrum.parse(hgrm);
        assertEquals(measured, spectrum.count(), name + ": the .hgrm is the merged histogram");

        double mergedMax = r.number(TrialRecord.RESULT, "latency", "max.us");
        double maxOfMaxima = rows.stream().mapToDouble(g -> latency(g, "max.us")).max().orElseThrow();
        assertEquals(maxOfMaxima, mergedMax, 1e-9, name + ": the merged max is the larger of the generators' maxima");
        assertEquals(mergedMax, spectrum.max(), 0.001, name + ": the .hgrm's max");
        double p50 = r.number(TrialRecord.RESULT, "latency", "p50.us");
        double lowP50 = rows.stream().mapToDouble(g -> latency(g, "p50.us")).min().orElseThrow();
        double highP50 = rows.stream().mapToDouble(g -> latency(g, "p50.us")).max().orElseThrow();
        assertTrue(lowP50 <= p50 && p50 <= highP50, name + ": merged p50 " + p50 + " us lies between the generators' p50s "
                + lowP50 + " and " + highP50 + " us");

        Map<String, Object> errorsTotal = map(r.get(TrialRecord.ERRORS_TOTAL).orElse(Map.of()));
        assertTrue(errorsTotal.values().stream().allMatch(v -> ((Number) v).longValue() == 0), name + ": errorsTotal " + errorsTotal);
        assertEquals(0.0, r.number(TrialRecord.RESULT, "unanswered"), name + ": unanswered");
        for (Map<String, Object> g : rows) {
            Map<String, Object> errors = map(g.get("errors"));
            assertTrue(errors.values().stream().allMatch(v -> ((Number) v).longValue() == 0),
                    name + ": generator " + g.get("index") + "'s errors " + errors);
            assertEquals(0, count(g, "unanswered"), name + ": generator " + g.get("index") + "'s unanswered");
        }

        double received = r.number(TrialRecord.RESULT, "serverStats", "bytesReceived");
        double echoed = r.number(TrialRecord.RESULT, "serverStats", "bytesEchoed");
        assertEquals(received, echoed, name + ": the server echoed every byte it received");
        assertTrue(echoed >= (double) measured * payload, name + ": " + echoed + " bytes echoed < " + measured
                + " messages x " + payload + " B");

        if (name.startsWith("EchoFixedRate.")) {
            int rate = Integer.parseInt(r.params().get("rate"));
            assertEquals(RATE, rate, name);
            assertEquals(rate, r.number(TrialRecord.RESULT, "targetRate"), name + ": result.targetRate");
            long[] rates = rows.stream().mapToLong(g -> count(g, "targetRate")).toArray();
            assertEquals(rate, rates[0] + rates[1], name + ": the generators' target rates add up to the trial's");
            for (int i = 0; i < 2; i++) {
                // in proportion to its connections, rounded one way or the other: each connection keeps its interval
                double exact = (double) rate * conns[i] / connections;
                assertTrue(rates[i] == Math.floor(exact) || rates[i] == Math.ceil(exact), name + ": generator " + (i + 1)
                        + " has " + conns[i] + " of " + connections + " connections, so " + exact + " msgs/s rounded, not "
                        + rates[i]);
            }
            assertEquals(0.0, r.number(TrialRecord.RESULT, "lostSends"), name + ": lostSends");
            for (Map<String, Object> g : rows) {
                assertEquals(0, count(g, "lostSends"), name + ": generator " + g.get("index") + "'s lostSends");
            }
        }
    }

    private static List<Map<String, Object>> perGenerator(TrialRecord r) {
        Object v = r.get(TrialRecord.RESULT, "perGenerator").orElse(List.of());
        assertTrue(v instanceof List, r.source() + ": result.perGenerator is not a list: " + v);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object o : (List<?>) v) {
            rows.add(map(o));
        }
        rows.sort(Comparator.comparingLong(g -> count(g, "index")));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "not an object: " + o);
        return (Map<String, Object>) o;
    }

    /** A whole number of a generator's row: its value must be a number equal to a whole one. */
    private static long count(Map<String, Object> row, String key) {
        Object v = row.get(key);
        assertTrue(v instanceof Number, "generator " + row.get("index") + "'s \"" + key + "\" is not a number: " + v);
        double d = ((Number) v).doubleValue();
        assertEquals(Math.rint(d), d, "generator " + row.get("index") + "'s \"" + key + "\" is not whole");
        return (long) d;
    }

    private static double latency(Map<String, Object> row, String key) {
        Object v = map(row.get("latency")).get(key);
        assertTrue(v instanceof Number, "generator " + row.get("index") + "'s latency." + key + " is not a number: " + v);
        return ((Number) v).doubleValue();
    }

    /** Every group log of the run, for a failure message. */
    private static String groupLogs(Path runDir) {
        Path logs = RunLayout.of(runDir).logs();
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) {
                sb.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            sb.append("(unreadable: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }
}
