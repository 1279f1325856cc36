package org.loopbench.harness.load;

/** Everything that can go wrong with one connection or message. Each is counted and reported, never dropped. */
public enum ErrorKind {
    /** A connection could not be established (refused, timed out, out of ports or descriptors). */
    CONNECT("connect"),
    /** Reading or writing failed: typically "connection reset by peer". */
    RESET("reset"),
    /** The server closed the connection (end of stream) while the harness still expected bytes or would send more. */
    EOF("eof"),
    /** An echoed byte differed from the byte sent at that position. */
    MISMATCH("mismatch"),
    /** More bytes came back than were sent. */
    EXCESS("excess"),
    /** The whole echo of a message did not arrive within the message timeout. */
    TIMEOUT("timeout");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    /** The name used in results: {@code errors.<label>}. */
    public String label() {
        return label;
    }
}
