package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** environment.json: the keys in their order, rewritten whole with each group's status and the end. */
class RunRecordTest {

    @Test
    void groupsAndTheEndAreAddedAsTheRunGoes(@TempDir Path dir) throws Exception {
        RunRecord r = new RunRecord(dir, Map.of("command", "loopbench run --smoke"),
                Map.of("unavailable", Map.of("c", "needs JDK 99")));
        r.write();
        JsonNode first = Json.MAPPER.readTree(dir.resolve("environment.json").toFile());
        assertEquals("", first.get("finished").asText());
        assertEquals(0, first.get("groups").size());
        r.groupStatus("a EchoSaturation", "ok in 3s");
        r.finished("2026-11-30T00:00:00Z");
        r.write();
        JsonNode last = Json.MAPPER.readTree(dir.resolve("environment.json").toFile());
        List<String> keys = new ArrayList<>();
        last.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("command", "finished", "unavailable", "groups"), keys);
        assertEquals("ok in 3s", last.get("groups").get("a EchoSaturation").asText());
        assertEquals("needs JDK 99", last.get("unavailable").get("c").asText());
        assertEquals("2026-11-30T00:00:00Z", last.get("finished").asText());
    }
}
