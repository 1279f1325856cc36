package org.loopbench.api;

/** The runtime exists but cannot run in this JVM or on this machine; the message says why. */
public class RuntimeUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public RuntimeUnavailableException(String message) {
        super(message);
    }
}
