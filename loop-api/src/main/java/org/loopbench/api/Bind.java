package org.loopbench.api;

import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;

/** One wording for "could not listen there", whichever runtime tried. */
public final class Bind {

    private Bind() {
    }

    /** A {@link BindException} that names the address and what to do, with {@code cause} attached. */
    public static BindException failure(SocketAddress address, IOException cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String hint = why.toLowerCase(java.util.Locale.ROOT).contains("in use")
                ? " (another socket is listening there: choose another port, or 0 for an ephemeral one)"
                : "";
        BindException e = new BindException("cannot bind echo server to " + address + ": " + why + hint);
        e.initCause(cause);
        return e;
    }
}
