package org.loopbench.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.contract.LatenessLog;

/**
 * {@code virtual.injectDelayNanos}, the slowdown CI uses to prove the compare step (meaning:
 * {@link org.loopbench.api.support.InjectedDelay}). The burning code is loop-threads', tested there; here:
 * that this runtime takes the option, says so in its description, and still echoes and sleeps correctly
 * when its virtual threads spin on their carriers. Only lower bounds on time are asserted.
 */
@Timeout(120)
class VirtualInjectedDelayTest {

    private static AsyncRuntime started(String options) {
        AsyncRuntime r = Runtimes.installed().create("virtual", RuntimeOptions.parse(options));
        r.start();
        return r;
    }

    @Test
    void isAnOptionWithARangeAndShowsInTheDescriptionOnlyWhenSet() {
        assertTrue(new VirtualThreadsProvider().optionKeys().contains("virtual.injectDelayNanos"));
        for (String bad : new String[] {"-1", "1000000001", "ten"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new VirtualThreadsProvider().create(RuntimeOptions.parse("virtual.injectDelayNanos=" + bad)));
            assertTrue(e.getMessage().contains("virtual.injectDelayNanos=" + bad), e.getMessage());
        }
        try (AsyncRuntime slowed = started("virtual.injectDelayNanos=50000"); AsyncRuntime normal = started("")) {
            assertEquals("50000 (deliberately slowed: not a real result)",
                    slowed.describe().settings().get("virtual.injectDelayNanos"));
            assertFalse(normal.describe().settings().containsKey("virtual.injectDelayNanos"), normal.describe().toString());
        }
    }

    @Test
    void echoesEveryByteWhenSlowedAndEachEchoCostsAtLeastTheDelay() throws Exception {
        int rounds = 100;
        byte[] sent = new byte[rounds * 500];
        new Random(11).nextBytes(sent);
        byte[] echoed = new byte[sent.length];
        try (AsyncRuntime r = started("virtual.injectDelayNanos=50000");
             EchoServer server = r.startEchoServer(EchoServerConfig.loopback(0));
             Socket client = new Socket()) {
            client.connect(server.address());
            client.setTcpNoDelay(true);
            client.setSoTimeout(60_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) { // in lock step: each chunk comes back before the next goes
                client.getOutputStream().write(sent, i * 500, 500);
                in.readFully(echoed, i * 500, 500);
            }
            long took = System.nanoTime() - start;
            client.shutdownOutput();
            assertEquals(-1, in.read(), "end-of-stream after every byte");
            assertArrayEquals(sent, echoed);
            assertTrue(took >= rounds * 50_000L, rounds + " echoes took only " + took + " ns");
        }
    }

    @Test
    void theSleepRunReportsEveryWakeUpWhenSlowedAndLastsAtLeastItsBurns() throws Exception {
        int tasks = 4;
        int sleeps = 3;
        Duration d = Duration.ofMillis(2); // a burn far longer than d and than any timer's slack: the bound tells
        try (AsyncRuntime r = started("virtual.injectDelayNanos=20000000")) {
            LatenessLog log = new LatenessLog();
            SleepReport report = r.runSleepers(SleepWorkload.of(tasks, sleeps, d), log);
            assertEquals(tasks, report.tasksRun());
            assertEquals((long) tasks * sleeps, report.wakeUps());
            assertEquals((long) tasks * sleeps, log.count());
            assertEquals(tasks, log.firstCount());
            assertEquals(0, log.negative());
            assertTrue(report.runNanos() >= sleeps * (d.toNanos() + 20_000_000L),
                    "run took " + report.runNanos() + " ns, less than its sleeps and burns");
        }
    }
}
