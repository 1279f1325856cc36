package org.loopbench.api;

/** No runtime with that id is on the class path. The message lists the ids that are. */
public class UnknownRuntimeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownRuntimeException(String message) {
        super(message);
    }
}
