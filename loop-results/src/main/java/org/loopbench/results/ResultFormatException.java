package org.loopbench.results;

/**
 * A run file (sidecar, environment record, metric catalog, JMH result) whose content loopbench cannot
 * trust: not JSON, not the expected shape, or a format version this code does not know. The message
 * always names the file and what is wrong, so a reader never turns such a file into a wrong figure.
 *
 * <p>An {@link IllegalArgumentException}: readers that catch {@code IOException | IllegalArgumentException}
 * to report a problem and go on keep working.
 */
public final class ResultFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file (or resource) read, as the message should name it
     * @param what   what is wrong, e.g. {@code "\"format\" is 3; this loopbench reads formats 1 to 2"}
     */
    public ResultFormatException(String source, String what) {
        super(source + ": " + what);
        this.source = source;
    }

    public ResultFormatException(String source, String what, Throwable cause) {
        super(source + ": " + what, cause);
        this.source = source;
    }

    /** The file or resource that could not be read. */
    public String source() {
        return source;
    }
}
