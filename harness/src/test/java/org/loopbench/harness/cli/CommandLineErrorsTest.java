package org.loopbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.Main;

/**
 * The benchmark launcher's bad input gets one clear line and exit status 2, never a stack trace.
 * ({@code loopbench serve} and {@code load} are tested with the command line, in loop-cli.)
 */
class CommandLineErrorsTest {

    /** Exit 2 and one line on stderr, no trace; that line. */
    private static String fails(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, "exit status; stderr: " + message + " stdout: " + out);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), "no stack trace: " + message);
        assertEquals(1, message.split("\\R").length, "one line: " + message);
        return message;
    }

    @Test
    void launcherChecksBenchmarkParametersBeforeRunning() throws Exception {
        assertTrue(fails("Echo", "-p", "connections=2000000").contains("connections = 2,000,000 is out of range"));
        assertTrue(fails("Sleep", "-p", "tasks=0").contains("tasks = 0 is out of range"));
        assertTrue(fails("Echo", "-p", "payload=lots").contains("not a whole number"));
        assertTrue(fails("Echo", "-p", "readBuffer=16").contains("readBuffer = 16 is out of range [64, 1,048,576]"));
        assertTrue(fails("-nosuchoption").contains("cannot parse the command line"));
    }

    /** Fuzz finding: JMH threw an IllegalStateException (a stack trace, exit 1) for a benchmark mode it did not know. */
    @Test
    void anUnknownBenchmarkModeIsOneLine() throws Exception {
        assertTrue(fails("Echo", "-bm", "x").contains("cannot parse the command line: Unable to parse benchmark mode"));
    }

    /** Fuzz finding: ping-pong's ranges were checked only inside the fork, minutes into a run. */
    @Test
    void pingPongsParametersAreCheckedBeforeRunning() throws Exception {
        assertTrue(fails("PingPong", "-p", "pairs=0").contains("pairs = 0 is out of range [1, 10,000]"));
        assertTrue(fails("PingPong", "-p", "rounds=1,x").contains("rounds = 'x' is not a whole number"));
        assertTrue(fails("Echo", "-p", "connections=").contains("connections = '' is not a whole number"));
    }

    /** A value with a line break is quoted on the same line. */
    @Test
    void aValueWithALineBreakStaysOnOneLine() throws Exception {
        assertTrue(fails("Echo", "-p", "payload=6\n4").contains("payload = '6; 4' is not a whole number"));
    }
}
