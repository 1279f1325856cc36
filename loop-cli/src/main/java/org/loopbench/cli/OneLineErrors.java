package org.loopbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one error style of every command: a single line {@code loopbench: <what is wrong>} on stderr and
 * exit status 2 for bad input (picocli's own parse errors, and what a command finds wrong with the values
 * it was given: a {@link ParameterException} or a {@link BadInput}); the same single
 * line and status 1 when something else failed. Never a stack trace: the user did nothing a trace
 * would explain.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("loopbench: " + oneLine(e.getMessage()));
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        cl.getErr().println("loopbench: " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
        return e instanceof BadInput ? BAD_INPUT : FAILED;
    }

    /** picocli prefixes some messages with "Error: "; a message may span lines. */
    static String oneLine(String message) {
        String m = message == null ? "" : message.trim();
        if (m.startsWith("Error: ")) {
            m = m.substring("Error: ".length());
        }
        return m.replaceAll("\\s*\\R\\s*", "; ");
    }
}
