package org.loopbench.nativeloop;

/**
 * A native program could not be built here: no C compiler, or its source did not compile. The message
 * is one line that says which and what to do; callers show it as it is (the CLI prefixes "loopbench: ").
 */
public final class NativeBuildException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NativeBuildException(String message) {
        super(message);
    }

    public NativeBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
