package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** What the command-line fuzzers found in the command line shared by every command, kept as examples. */
class HostileInputTest {

    /**
     * picocli expanded "@FILE" into the file's arguments: "@/dev/stdin" waited for input, "@/dev/zero" read
     * until memory ran out. An argument is a value.
     */
    @Test
    void anAtFileIsAnArgumentNotAFileToRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("args"), "--help");
        assertEquals("unknown argument '@" + file + "' (JMH options go after --)", Cli.badInput("run", "--smoke", "@" + file));
        assertTrue(Cli.badInput("@" + file).contains("@" + file));
    }

    /** picocli printed its own warnings ("Unbalanced quotes in ...") to System.err, beside the one line. */
    @Test
    void picocliKeepsItsWarningsToItself() {
        Loopbench.commandLine(System.out, System.err);
        assertTrue(CommandLine.tracer().isOff() || System.getProperty("picocli.trace") != null);
    }

    /** A path picocli could not make said so as "(java.nio.file.InvalidPathException: ...)". */
    @Test
    void aPathThatCannotBeIsNamedWithoutAnException() {
        assertEquals("Invalid value for positional parameter at index 0 (RUN_DIR): 'a\0b' is not a path: Nul character"
                + " not allowed", Cli.badInput("report", "a\0b"));
    }
}
