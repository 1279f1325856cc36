package org.loopbench.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** An echo point says which read buffer it was measured at; one from before the parameter reads as the default. */
class LoadPointTest {

    @Test
    void theLabelShowsTheReadBufferWithItsUnit() {
        assertEquals("1,000 connections × 64 B, 1 KiB read buffer", new LoadPoint("EchoSaturation.messages",
                Map.of("connections", "1000", "payload", "64", "readBuffer", "1024")).label());
        assertEquals("10,000 connections × 64 B at 20,000 msgs/s, 16 KiB read buffer", new LoadPoint("EchoFixedRate.messages",
                Map.of("connections", "10000", "payload", "64", "rate", "20000", "readBuffer", "16384")).label());
        assertEquals("1 connection × 64 B, 1,000 B read buffer", new LoadPoint("EchoSaturation.messages",
                Map.of("connections", "1", "payload", "64", "readBuffer", "1000")).label());
        assertEquals("1 connection × 64 B, 1 MiB read buffer", new LoadPoint("EchoSaturation.messages",
                Map.of("connections", "1", "payload", "64", "readBuffer", "1048576")).label());
    }

    @Test
    void anEchoPointWithoutReadBufferIsTheDefaultsAndEqualsOneAtIt() {
        LoadPoint old = new LoadPoint("EchoSaturation.messages", Map.of("connections", "1000", "payload", "64", "runtime", "nio"));
        assertEquals("1,000 connections × 64 B, 16 KiB read buffer", old.label());
        assertEquals(new LoadPoint("EchoSaturation.messages", Map.of("connections", "1000", "payload", "64", "readBuffer", "16384")), old);
        assertNotEquals(new LoadPoint("EchoSaturation.messages", Map.of("connections", "1000", "payload", "64", "readBuffer", "1024")), old);
        assertEquals("64 B messages, 16 KiB read buffer", old.without("connections").messagesAndReadBuffer());
    }

    @Test
    void theReadBufferOfOlderResultsIsTheOneTheServersRanAt() {
        assertEquals(String.valueOf(org.loopbench.api.EchoServerConfig.DEFAULT_READ_BUFFER_BYTES),
                LoadPoint.READ_BUFFER_BEFORE_IT_WAS_A_PARAMETER);
    }

    @Test
    void otherWorkloadsGetNoReadBuffer() {
        LoadPoint sleep = new LoadPoint("SleepBenchmark.sleepers", Map.of("tasks", "10000", "sleeps", "2", "sleepMs", "100"));
        assertEquals("10,000 tasks × 2 sleeps of 100 ms", sleep.label());
        assertEquals("", sleep.param("readBuffer"));
    }

    @Test
    void resultsAndTrialsReadTheSameDefault() {
        BenchmarkResult r = new BenchmarkResult("org.loopbench.harness.bench.EchoFixedRate.messages", "thrpt",
                Map.of("runtime", "nio", "connections", "100"), "java", "25", null, Map.of());
        assertEquals("16384", r.param("readBuffer"));
        assertEquals("EchoFixedRate.messages [thrpt] connections=100 readBuffer=16384 runtime=nio", r.key());
    }
}
