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

    private static String fails(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, "exit status; stderr: " + message + " stdout: " + out);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), "no stack trace: " + message);
        return message;
    }

    @Test
    void launcherChecksBenchmarkParametersBeforeRunning() throws Exception {
        assertTrue(fails("Echo", "-p", "connections=20000").contains("connections = 20,000 is out of range"));
        assertTrue(fails("Sleep", "-p", "tasks=0").contains("tasks = 0 is out of range"));
        assertTrue(fails("Echo", "-p", "payload=lots").contains("not a whole number"));
        assertTrue(fails("-nosuchoption").contains("cannot parse the command line"));
    }
}
