package org.loopbench.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.MetricCatalog;
import org.loopbench.results.MetricUnits;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialRecord;

/**
 * The benchmark fork is the process being measured: its RSS, CPU and threads are reported as the
 * runtime's. Its own bookkeeping must therefore not load a JSON library (Jackson added 9 to 160 MiB of
 * RSS there, see {@link org.loopbench.results.JsonWriter}). A JVM of its own runs that bookkeeping with
 * class loading logged, and no {@code com.fasterxml} class may appear; what it wrote must still read back.
 */
class ForkLoadsNoJsonLibraryTest {

    @Test
    void theForksBookkeepingLoadsNoJacksonClass(@TempDir Path dir) throws Exception {
        Path units = dir.resolve("units.properties");
        MetricCatalog.standard().units().write(units);
        Path classLog = dir.resolve("classes.log");
        Path results = Files.createDirectories(dir.resolve("run"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog,
                "-D" + RunLayout.DIR_PROPERTY + "=" + results,
                "-D" + MetricUnits.PROPERTY + "=" + units,
                "-cp", System.getProperty("java.class.path"),
                ForkBookkeeping.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish in 60 s");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));

        List<String> loaded = Files.readAllLines(classLog);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("org.loopbench.results.JsonWriter")),
                "the probe wrote no record: the check below would prove nothing");
        List<String> jackson = loaded.stream().filter(l -> l.contains("com.fasterxml")).collect(Collectors.toList());
        assertTrue(jackson.isEmpty(), "the fork loaded " + jackson.size() + " Jackson classes, first: "
                + jackson.stream().limit(3).collect(Collectors.joining("\n")));

        Path sidecar;
        try (Stream<Path> files = Files.list(results)) {
            sidecar = files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        TrialRecord record = TrialRecord.read(sidecar);
        assertEquals(3, record.iterations().size());
        assertFalse(record.diedBeforeFirstIteration());
        assertEquals(3000.0, record.number(TrialRecord.RESULT, "messages"));
    }
}
