package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code loopbench} in-process for a test and checks the one error style. */
final class Cli {

    final int status;
    final String out;
    final String err;

    private Cli(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Loopbench.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit 2 and exactly one line "loopbench: ..." on stderr, no trace; that line without the prefix. */
    static String badInput(String... args) {
        Cli c = run(args);
        assertEquals(2, c.status, "exit status; stderr: " + c.err + " stdout: " + c.out);
        String[] lines = c.err.split("\\R");
        assertEquals(1, lines.length, "one line: " + c.err);
        assertTrue(lines[0].startsWith("loopbench: "), lines[0]);
        assertFalse(c.err.contains("\tat ") || c.err.contains("Exception"), "no stack trace: " + c.err);
        return lines[0].substring("loopbench: ".length());
    }
}
