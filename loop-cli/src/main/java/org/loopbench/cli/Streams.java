package org.loopbench.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The command's out and err (picocli's writers, a test's buffers included) as the {@link PrintStream}s
 * library entry points such as the report's take; flushed when closed.
 */
record Streams(PrintStream out, PrintStream err) implements AutoCloseable {

    static Streams of(CommandSpec spec) {
        return new Streams(
                new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8),
                new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
    }
}
