package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory per connection is what the read buffer is studied for: a run at 1 KiB and 16 KiB gets one figure per
 * read buffer, never a marginal cost taken across the two.
 */
class MemoryPerReadBufferTest {

    @TempDir
    Path dir;

    @Test
    void eachReadBufferHasItsOwnMemoryPerConnection() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        StringBuilder entries = new StringBuilder();
        // server RSS in MiB at 100 and 1,000 connections: +9 MiB with 1 KiB buffers, +18 MiB with 16 KiB
        entries.append(entry(100, 1024, 100)).append(',').append(entry(1000, 1024, 109)).append(',')
                .append(entry(100, 16384, 101)).append(',').append(entry(1000, 16384, 119));
        Files.writeString(run.resolve("jmh-nio-EchoSaturation.json"), "[" + entries + "]");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportTool.report(run, dir.resolve("out"), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String md = Files.readString(dir.resolve("out/report.md"));
        List<String> rows = md.lines().filter(l -> l.startsWith("| nio |") && l.contains("read buffer"))
                .filter(l -> l.contains("| 1,000 |")).collect(Collectors.toList());
        assertEquals(2, rows.size(), md);
        // marginal cost: 9 MiB x 1024 / 900 connections = 10.24 KiB; 18 MiB: 20.48 KiB
        assertTrue(rows.get(0).contains("| 1 KiB read buffer |") && rows.get(0).contains("| 10.2 |"), rows.get(0));
        assertTrue(rows.get(1).contains("| 16 KiB read buffer |") && rows.get(1).contains("| 20.5 |"), rows.get(1));
        assertTrue(md.contains("Server RSS per connection (closed-loop echo, 1 KiB read buffer)")
                && md.contains("Server RSS per connection (closed-loop echo, 16 KiB read buffer)"), md);
    }

    private static String entry(int connections, int readBuffer, double rssMiB) {
        String json = new JmhJson().forks("EchoSaturation.messages", "thrpt", "nio",
                new double[][] {{50_000, 50_100}, {50_050, 49_950}}, "ops/s",
                "server.rss", new double[][] {{rssMiB, rssMiB}, {rssMiB, rssMiB}}).build();
        json = json.replace("\"connections\":\"1000\"}", "\"connections\":\"" + connections + "\",\"readBuffer\":\""
                + readBuffer + "\"}");
        return json.substring(json.indexOf('{'), json.lastIndexOf('}') + 1);
    }
}
