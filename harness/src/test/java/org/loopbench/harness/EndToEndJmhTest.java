package org.loopbench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.api.Capability;
import org.loopbench.api.Runtimes;
import org.loopbench.harness.launch.Jdks;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialRecord;

/**
 * A tiny real run of every benchmark for every runtime on the class path, through the launcher exactly
 * as {@code java -jar benchmarks.jar} runs it (one fork, one short iteration, a handful of connections
 * and tasks): the JSON must carry the secondary metrics and every trial must leave its three files.
 * Nothing about speed is asserted.
 */
class EndToEndJmhTest {

    private static final List<String> ECHO_METRICS = List.of("latency.p50", "latency.p90", "latency.p99",
            "latency.p99.9", "latency.p99.99", "latency.max", "errors", "server.cpu", "server.rss", "server.threads",
            "client.cpu", "client.ceiling", "achieved.rate");
    private static final List<String> SLEEP_METRICS = List.of("lateness.p50", "lateness.p99.99", "lateness.max",
            "first.lateness.p50", "first.lateness.p99", "first.lateness.max",
            "spawn.time", "run.vs.ideal", "tasks.run", "capped", "server.rss", "runtime.threads");

    @Test
    void everyRuntimeProducesJsonWithSecondaryMetricsAndHistogramFiles(@TempDir Path dir) throws Exception {
        String previous = System.getProperty(RunLayout.DIR_PROPERTY);
        System.setProperty(RunLayout.DIR_PROPERTY, dir.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = Main.run(new String[] {"Echo|Sleep", "-p", "connections=4", "-p", "payload=64", "-p", "rate=200",
                            "-p", "tasks=20", "-p", "sleeps=1", "-p", "sleepMs=20", "-f", "1", "-wi", "0", "-i", "1",
                            "-r", "1", "-foe", "true"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            if (previous == null) {
                System.clearProperty(RunLayout.DIR_PROPERTY);
            } else {
                System.setProperty(RunLayout.DIR_PROPERTY, previous);
            }
        }
        String log = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        // Every runtime on the class path runs, except quasar where no JDK 17 exists: then it must be
        // skipped with the reason, and the others still run.
        boolean jdk17 = Jdks.find(17, true).isPresent();
        List<String> runtimes = Runtimes.installed().ids().stream()
                .filter(r -> jdk17 || !r.equals("quasar")).collect(Collectors.toList());
        if (jdk17) {
            assertEquals(0, status, log);
        } else {
            assertEquals(1, status, log);
            assertTrue(log.contains("skipped runtime 'quasar'") && log.contains("JDK 17"), log);
        }

        String json = Files.readString(dir.resolve("jmh-result.json"));
        for (String runtime : runtimes) {
            assertTrue(json.contains("\"runtime\" : \"" + runtime + "\""), "JSON lacks runtime " + runtime);
        }
        for (String metric : ECHO_METRICS) {
            assertTrue(json.contains("\"" + metric + "\" : {"), "JSON lacks secondary metric " + metric);
        }
        for (String metric : SLEEP_METRICS) {
            assertTrue(json.contains("\"" + metric + "\" : {"), "JSON lacks secondary metric " + metric);
        }
        assertTrue(json.contains("\"target.rate\" : {"));

        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        for (String runtime : runtimes) {
            // readBuffer: every echo trial names the read buffer it ran at, the default 16 KiB here
            List<String> benches = new ArrayList<>(List.of(
                    "EchoSaturation.messages-connections=4-payload=64-readBuffer=16384-runtime=" + runtime,
                    "EchoFixedRate.messages-connections=4-payload=64-rate=200-readBuffer=16384-runtime=" + runtime));
            if (Runtimes.installed().provider(runtime).capabilities().contains(Capability.SLEEP)) {
                benches.add("SleepBenchmark.sleepers-runtime=" + runtime + "-sleepMs=20-sleeps=1-tasks=20");
            } else { // a runtime that does not offer sleep (c-epoll) is not launched for it
                assertTrue(files.stream().noneMatch(f -> f.startsWith("SleepBenchmark.sleepers-runtime=" + runtime + "-")),
                        "a sleep trial for " + runtime + ", which does not offer sleep: " + files);
            }
            for (String bench : benches) {
                for (String ext : List.of(".hgrm", ".hlog", ".json")) {
                    Path f = dir.resolve(bench + ext);
                    assertTrue(Files.size(f) > 0, "missing or empty " + f + "; files: " + files);
                }
                TrialRecord sidecar = TrialRecord.read(dir.resolve(bench + ".json"));
                assertEquals(TrialRecord.FORMAT, sidecar.format(), sidecar.toString());
                assertEquals(runtime, sidecar.params().get("runtime"), sidecar.toString());
                assertTrue(sidecar.hasResult() && sidecar.get(TrialRecord.SERVER_JVM).isPresent(), sidecar.asMap().toString());
            }
        }
    }
}
