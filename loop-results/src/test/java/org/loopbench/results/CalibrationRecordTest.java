package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationRecordTest {

    private static CalibrationRecord sample() {
        Map<String, String> cpus = new LinkedHashMap<>();
        cpus.put("mode", "split");
        cpus.put("server", "0");
        cpus.put("client", "1");
        cpus.put("reason", "2 CPUs: one each");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tool", "loopbench calibrate");
        extra.put("sampleSeconds", 2.0);
        return new CalibrationRecord("c-epoll, 1 thread", cpus, 64, List.of(
                new CalibrationRecord.Point(100, 150_000, List.of(140_000.0, 150_000.0, 160_000.0), 0.95,
                        List.of(0.9, 0.95, 0.97), 170_000, List.of(170_000.0, 165_000.0, 171_000.0)),
                new CalibrationRecord.Point(1000, 120_000, List.of(120_000.0), 0.5, List.of(0.5), Double.NaN, List.of())),
                extra);
    }

    @Test
    void writesThePreambleFormatAndReadsItBack(@TempDir Path dir) throws Exception {
        RunLayout layout = RunLayout.of(dir.resolve("run"));
        assertTrue(CalibrationRecord.read(layout).isEmpty(), "an uncalibrated run has none");
        CalibrationRecord r = sample();
        r.write(layout);
        Path file = dir.resolve("run").resolve("calibration.json");
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"format\": 1,\n  \"server\": \"c-epoll, 1 thread\",\n  \"cpus\": {"), text);
        assertTrue(text.contains("\"nativeClientMsgsPerSecond\": null"), "not measured is null, not NaN: " + text);
        assertEquals(r, CalibrationRecord.read(layout).orElseThrow());
        assertFalse(RunLayout.isSidecarName(CalibrationRecord.FILE), "never mistaken for a trial's sidecar");
        com.fasterxml.jackson.databind.JsonNode point = Json.readTree(file).get("points").get(0);
        assertEquals(150_000.0, point.get("msgsPerSecond").doubleValue());
        assertEquals(0.95, point.get("generatorBusy").doubleValue());
        assertEquals(100, point.get("connections").intValue());
    }

    @Test
    void aCellIsClientBoundAtNinetyPercentOfTheCeilingOrOfBusy() {
        CalibrationRecord r = sample();
        assertTrue(r.clientBound(100, 135_000, 0.1), "90% of 150k");
        assertFalse(r.clientBound(100, 134_000, 0.1));
        assertTrue(r.clientBound(100, 10_000, 0.9), "busy generator");
        assertFalse(r.clientBound(10_000, 1e9, 0.5), "no point at 10,000: only busy can tell");
        assertEquals(150_000.0 / 170_000.0, r.at(100).orElseThrow().generatorOverNative(), 1e-12);
        assertTrue(Double.isNaN(r.at(1000).orElseThrow().generatorOverNative()));
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertEquals(2.0, CalibrationRecord.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, CalibrationRecord.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertTrue(Double.isNaN(CalibrationRecord.median(List.of())));
    }

    @Test
    void refusesWhatItCannotTrust() {
        for (String text : List.of("[]", "{\"format\": 2, \"server\": \"x\", \"payloadBytes\": 64, \"points\": []}",
                "{\"server\": 1, \"payloadBytes\": 64, \"points\": []}",
                "{\"server\": \"x\", \"payloadBytes\": \"64\", \"points\": []}",
                "{\"server\": \"x\", \"payloadBytes\": 64}",
                "{\"server\": \"x\", \"payloadBytes\": 64, \"points\": [{\"connections\": 1.5}]}",
                "{\"server\": \"x\", \"payloadBytes\": 64, \"points\": [{\"connections\": 1, \"msgsPerSecond\": \"fast\"}]}",
                "{\"server\": \"x\", \"payloadBytes\": 64, \"points\": [{\"connections\": 1, \"samples\": [\"a\"]}]}",
                "{\"server\": \"x\", \"cpus\": \"0\", \"payloadBytes\": 64, \"points\": []}")) {
            ResultFormatException e = assertThrows(ResultFormatException.class,
                    () -> CalibrationRecord.parse(text, "run/calibration.json"), text);
            assertTrue(e.getMessage().startsWith("run/calibration.json: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new CalibrationRecord("x", Map.of(), 64, List.of(),
                Map.of("points", "hidden")));
    }
}
