package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentRecordTest {

    @Test
    void readsTheFormatOneFileRunAllShWrote() throws Exception {
        EnvironmentRecord e = EnvironmentRecord.parse(TrialRecordTest.resource("/format1/environment.json"), "environment.json");
        assertEquals("scripts/run-all.sh --quick --out results/reference", e.command());
        assertEquals("quick", e.profile());
        assertEquals("40091fa7b5ac2aa7d0fded4031de3ff908e493b5", e.gitCommit());
        assertEquals(false, e.gitDirty());
        assertEquals("2026-11-22T04:34:37Z", e.finished());
        assertEquals(new EnvironmentRecord.Machine("Intel(R) Xeon(R) Processor", 2, "23Gi", "Linux 6.18.44-fc-v669 x86_64",
                "20000 (hard 20000)", "32768", "32768-60999"), e.machine());
        assertEquals("/usr/lib/jvm/java-17-openjdk-amd64: openjdk version \"17.0.15\" 2025-04-15", e.jdk17());
        assertEquals(List.of("echo", "sleep", "coord"), new ArrayList<>(e.workloads().keySet()));
        assertEquals("tasks=10000 sleeps=2 sleepMs=100; JMH -f 1 -wi 1 -i 2", e.workloads().get("sleep"));
        assertEquals(List.of("threads", "virtual", "nio", "netty", "quasar"), e.runtimes(), "the string is split into a list");
        assertEquals(Map.of(), e.unavailable());
        assertEquals(30, e.groups().size());
        assertEquals("ok in 20s", e.groups().get("quasar EchoSaturation"));
        assertEquals(Map.of(), e.extra());
    }

    /** The keys the report shows keep their names and order; "format" comes first. */
    @Test
    void writesTheSameKeysInTheSameOrderPlusFormat(@TempDir Path dir) throws Exception {
        EnvironmentRecord e = EnvironmentRecord.parse(TrialRecordTest.resource("/format1/environment.json"), "environment.json");
        RunLayout layout = RunLayout.of(dir);
        e.write(layout);
        List<String> written = keys(Json.readTree(layout.environment()));
        List<String> before = new ArrayList<>(keys(Json.readTree(TrialRecordTest.resource("/format1/environment.json"), "f1")));
        before.add(0, "format");
        assertEquals(before, written);
        com.fasterxml.jackson.databind.JsonNode runtimes = Json.readTree(layout.environment()).get("runtimes");
        assertTrue(runtimes.isArray(), "runtimes is a list now: " + runtimes);
        assertEquals("nio", runtimes.get(2).asText());
        EnvironmentRecord back = EnvironmentRecord.read(layout);
        assertEquals(e, back);
        assertTrue(Files.readString(layout.environment()).startsWith("{\n  \"format\": 2,"));
    }

    @Test
    void buildsAndUpdatesARunAsItGoes(@TempDir Path dir) throws Exception {
        EnvironmentRecord e = EnvironmentRecord.builder()
                .command("loopbench run --quick").profile("quick").gitCommit("abc").gitDirty(true)
                .started("2026-11-30T00:00:00Z").machine(EnvironmentRecord.Machine.collect())
                .jdk21("/jdk25: 25").jdk17("none").workload("echo", "connections=100").workload("coord", "tasks=10")
                .runtimes(List.of("threads", "nio")).unavailable("quasar", "no JDK 17").extra("plan", "12 groups")
                .build();
        e = e.withGroup("threads", "EchoSaturation", "ok in 3s").withGroup("nio", "EchoSaturation", "running")
                .withGroup("threads", "EchoSaturation", "ok in 4s").withFinished("2026-11-30T00:10:00Z");
        assertEquals(List.of("threads EchoSaturation", "nio EchoSaturation"), new ArrayList<>(e.groups().keySet()));
        assertEquals("ok in 4s", e.groups().get("threads EchoSaturation"));
        assertEquals(List.of("threads", "nio", "quasar"), e.runtimeOrder());
        RunLayout layout = RunLayout.of(dir);
        e.write(layout);
        assertEquals(e, EnvironmentRecord.read(layout));
        assertEquals("12 groups", Json.readTree(layout.environment()).get("plan").asText());
    }

    /** "cpuLayout" is an object right after "cpus"; it reads back equal; a run without it reads as unknown. */
    @Test
    void recordsTheCpuLayout(@TempDir Path dir) throws Exception {
        EnvironmentRecord.CpuLayout split = new EnvironmentRecord.CpuLayout("split", "0-5", "6-7", "the default");
        EnvironmentRecord e = EnvironmentRecord.builder().command("loopbench run --quick").cpuLayout(split).build();
        RunLayout layout = RunLayout.of(dir);
        e.write(layout);
        com.fasterxml.jackson.databind.JsonNode root = Json.readTree(layout.environment());
        List<String> order = keys(root);
        assertEquals(order.indexOf("cpus") + 1, order.indexOf("cpuLayout"), "next to the CPU count: " + order);
        com.fasterxml.jackson.databind.JsonNode written = root.get("cpuLayout");
        assertEquals(List.of("mode", "server", "client", "reason"), keys(written));
        assertEquals("6-7", written.get("client").asText());
        assertEquals(split, EnvironmentRecord.read(layout).cpuLayout());
        assertEquals(split, e.withGroup("nio", "EchoSaturation", "ok").cpuLayout(), "kept as the run goes");

        EnvironmentRecord old = EnvironmentRecord.parse(TrialRecordTest.resource("/format1/environment.json"), "environment.json");
        assertEquals(EnvironmentRecord.CpuLayout.unknown(), old.cpuLayout());
        assertTrue(!old.toMap().containsKey("cpuLayout"), "an unknown layout is not written as if it were one");
        ResultFormatException wrong = assertThrows(ResultFormatException.class,
                () -> EnvironmentRecord.parse("{\"format\":2,\"cpuLayout\":\"split\"}", "environment.json"));
        assertTrue(wrong.getMessage().contains("cpuLayout"), wrong.getMessage());
    }

    /**
     * The reference runtimes and what each runtime does not offer: written after "runtimes" when there are
     * any, read back equal; a run without them (older, or JVM runtimes only) keeps its keys and reads both as empty.
     */
    @Test
    void recordsReferencesAndWhatIsNotOffered(@TempDir Path dir) throws Exception {
        EnvironmentRecord e = EnvironmentRecord.builder().command("loopbench run --quick")
                .runtimes(List.of("threads", "nio", "py-asyncio", "c-epoll"))
                .references(List.of("py-asyncio", "c-epoll", "py-uvloop"))
                .notOffered("c-epoll", List.of("sleep", "coord")).notOffered("nio", List.of())
                .unavailable("py-uvloop", "no module named uvloop").build();
        assertEquals(List.of("py-asyncio", "c-epoll", "py-uvloop"), e.references(), "an unavailable reference is one too");
        assertEquals(Map.of("c-epoll", List.of("sleep", "coord")), e.notOffered(), "a runtime lacking nothing is left out");
        assertTrue(e.isReference("c-epoll") && !e.isReference("nio"));
        assertTrue(e.offers("c-epoll", "echo") && !e.offers("c-epoll", "sleep") && e.offers("nio", "coord"));
        assertTrue(e.offers("unknown", "sleep"), "a runtime the record does not mention offers everything");
        RunLayout layout = RunLayout.of(dir);
        e.write(layout);
        com.fasterxml.jackson.databind.JsonNode root = Json.readTree(layout.environment());
        List<String> order = keys(root);
        assertEquals(List.of("runtimes", "references", "notOffered", "unavailable", "groups"),
                order.subList(order.indexOf("runtimes"), order.size()));
        assertTrue(root.get("references").isArray(), root.toString());
        assertEquals("coord", root.get("notOffered").get("c-epoll").get(1).asText());
        assertEquals(e, EnvironmentRecord.read(layout));
        assertEquals(e.references(), e.withGroup("c-epoll", "EchoSaturation", "ok").references(), "kept as the run goes");

        EnvironmentRecord jvmOnly = EnvironmentRecord.builder().runtimes(List.of("threads", "nio")).build();
        assertTrue(!jvmOnly.toMap().containsKey("references") && !jvmOnly.toMap().containsKey("notOffered"),
                "a run of JVM runtimes only writes the keys an older loopbench reads: " + jvmOnly.toMap().keySet());
    }

    /** Runs made before references existed have none; the committed reference run names its four. */
    @Test
    void olderRunsHaveNoReferencesAndTheCommittedRunHasItsFour() throws Exception {
        EnvironmentRecord format1 = EnvironmentRecord.parse(TrialRecordTest.resource("/format1/environment.json"), "f1");
        assertEquals(List.of(), format1.references());
        assertEquals(Map.of(), format1.notOffered());
        Path committed = Path.of("../results/reference/environment.json");
        EnvironmentRecord reference = EnvironmentRecord.parse(Files.readString(committed), committed.toString());
        assertEquals(List.of("threads", "virtual", "nio", "netty", "quasar", "c-epoll", "py-asyncio", "py-gevent",
                "py-uvloop"), reference.runtimes());
        assertEquals(List.of("c-epoll", "py-asyncio", "py-gevent", "py-uvloop"), reference.references());
        assertEquals(Map.of("c-epoll", List.of("sleep", "coord")), reference.notOffered());
        assertTrue(reference.offers("quasar", "coord"));
        assertTrue(!reference.offers("c-epoll", "sleep"));
    }

    @Test
    void refusesMistypedReferencesAndUnknownCapabilities() {
        for (String text : List.of("{\"format\":2,\"references\":\"py-asyncio\"}", "{\"format\":2,\"references\":[1]}",
                "{\"format\":2,\"notOffered\":[\"sleep\"]}", "{\"format\":2,\"notOffered\":{\"c\":\"sleep\"}}",
                "{\"format\":2,\"notOffered\":{\"c\":[\"crawl\"]}}")) {
            ResultFormatException e = assertThrows(ResultFormatException.class,
                    () -> EnvironmentRecord.parse(text, "run/environment.json"), text);
            assertTrue(e.getMessage().startsWith("run/environment.json: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> EnvironmentRecord.builder().notOffered("c", List.of("pingpong")).build());
    }

    @Test
    void workloadKeysAreCapabilities() {
        assertEquals(List.of("echo", "sleep", "coord"), EnvironmentRecord.WORKLOAD_KEYS);
        assertThrows(IllegalArgumentException.class, () -> EnvironmentRecord.builder().workload("crawl", "tasks=10"));
    }

    @Test
    void refusesNewerFormatsAndMistypedKeys() {
        ResultFormatException newer = assertThrows(ResultFormatException.class,
                () -> EnvironmentRecord.parse("{\"format\": 3}", "run/environment.json"));
        assertTrue(newer.getMessage().startsWith("run/environment.json: ") && newer.getMessage().contains("newer"));
        for (String text : List.of("{\"format\":2,\"runtimes\":\"nio netty\"}", "{\"cpus\":\"two\"}",
                "{\"git.dirty\":\"yes\"}", "{\"unavailable\":[\"quasar\"]}", "{\"groups\":{\"nio X\":{}}}",
                "{\"command\":{\"a\":1}}", "[]", "{\"extra\":[1]}")) {
            ResultFormatException e = assertThrows(ResultFormatException.class,
                    () -> EnvironmentRecord.parse(text, "environment.json"), text);
            assertTrue(e.getMessage().startsWith("environment.json: "), e.getMessage());
        }
    }

    @Test
    void collectsMachineFactsFromProc(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.createDirectories(proc.resolve("sys/net/ipv4"));
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Test CPU @ 2.0GHz\nprocessor\t: 1\nmodel name\t: Other\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       24684092 kB\nMemFree: 1 kB\n");
        Files.writeString(proc.resolve("sys/kernel/ostype"), "Linux\n");
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.18.44-test\n");
        Files.writeString(proc.resolve("sys/kernel/arch"), "x86_64\n");
        Files.writeString(proc.resolve("sys/kernel/pid_max"), "32768\n");
        Files.writeString(proc.resolve("sys/net/ipv4/ip_local_port_range"), "32768\t60999\n");
        Files.writeString(proc.resolve("self/limits"), "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max open files            1024                 524288               files     \n");
        EnvironmentRecord.Machine m = EnvironmentRecord.Machine.collect(proc);
        assertEquals(new EnvironmentRecord.Machine("Test CPU @ 2.0GHz", Runtime.getRuntime().availableProcessors(), "23Gi",
                "Linux 6.18.44-test x86_64", "1024 (hard 524288)", "32768", "32768-60999"), m);
    }

    @Test
    void missingProcFactsAreEmptyNotFatal(@TempDir Path proc) {
        EnvironmentRecord.Machine m = EnvironmentRecord.Machine.collect(proc);
        assertEquals("", m.cpuModel());
        assertEquals("", m.memory());
        assertEquals("", m.pidMax());
    }

    @Test
    void memoryIsWrittenAsFreeDashHDoes() {
        assertEquals("23Gi", EnvironmentRecord.Machine.humanBytes(24_684_092L * 1024));
        assertEquals("7.7Gi", EnvironmentRecord.Machine.humanBytes(8_074_035L * 1024));
        assertEquals("512Mi", EnvironmentRecord.Machine.humanBytes(512L * 1024 * 1024));
        assertEquals("100B", EnvironmentRecord.Machine.humanBytes(100));
    }

    private static List<String> keys(com.fasterxml.jackson.databind.JsonNode n) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
