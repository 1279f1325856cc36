package org.loopbench.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.report.JmhJson;

/**
 * Echo results made before {@code readBuffer} was a parameter have none; their servers ran at the 16 KiB
 * default. A baseline of such results is compared with a new run at 16,384 point for point, and not with a
 * run at another size.
 */
class ResultsBeforeTheReadBufferTest {

    private static final double[][] STEADY = {{100_000, 100_100}, {100_050, 99_950}, {99_900, 100_000}};

    @TempDir
    Path dir;

    @Test
    void anOldBaselineWithoutReadBufferMatchesANewRunAtTheDefault() throws Exception {
        Comparison c = Comparison.of(Side.load(write("old.json", "")), Side.load(write("new.json", "16384")));
        assertFalse(c.changes().isEmpty());
        assertTrue(c.changes().stream().noneMatch(ch -> ch.verdict() == Comparison.Verdict.MISSING
                || ch.verdict() == Comparison.Verdict.NEW), verdicts(c));
        Comparison.Change score = c.changes().stream().filter(ch -> ch.metric().equals("score")).findFirst().orElseThrow();
        assertEquals(Comparison.Verdict.UNCHANGED, score.verdict(), verdicts(c));
        assertTrue(score.benchmark().contains("readBuffer=16384"), score.benchmark());
    }

    @Test
    void anOldBaselineIsNotMatchedWithARunAtAnotherReadBuffer() throws Exception {
        Comparison c = Comparison.of(Side.load(write("old.json", "")), Side.load(write("new.json", "1024")));
        assertTrue(c.changes().stream().anyMatch(ch -> ch.verdict() == Comparison.Verdict.MISSING
                && ch.benchmark().contains("readBuffer=16384")), verdicts(c));
    }

    /** EchoSaturation of runtime nio at 1,000 connections, with {@code readBuffer} when not empty. */
    private Path write(String name, String readBuffer) throws Exception {
        String json = new JmhJson().forks("EchoSaturation.messages", "thrpt", "nio", STEADY, "ops/s").build();
        if (!readBuffer.isEmpty()) {
            json = json.replace("\"connections\":\"1000\"}", "\"connections\":\"1000\",\"readBuffer\":\"" + readBuffer + "\"}");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private static String verdicts(Comparison c) {
        return c.changes().stream().map(ch -> ch.benchmark() + " " + ch.metric() + " " + ch.verdict())
                .collect(Collectors.joining("; "));
    }
}
