package org.loopbench.cli;

/**
 * What a command found wrong with what it was given, found only once it ran (a runtime that cannot run
 * here, a run directory that exists, a limit too low): one line for the user, exit status 2.
 */
final class BadInput extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadInput(String message) {
        super(message);
    }
}
