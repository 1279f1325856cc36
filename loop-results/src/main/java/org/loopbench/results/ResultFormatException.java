package org.loopbench.results;

/**
 * A run file (sidecar, environment record, metric catalog, JMH result) whose content loopbench cannot
 * trust: not JSON, not the expected shape, or a format version this code does not know. The message
 * always names the file and what is wrong, so a reader never turns such a file into a wrong figure.
 *
 * <p>An {@link IllegalArgumentException}: readers that catch {@code IOException | IllegalArgumentException}
 * to report a problem and go on keep working. Sealed: its one subtype, {@link NewerFormatException}, marks
 * the file that is whole but needs a newer loopbench.
 */
public sealed class ResultFormatException extends IllegalArgumentException permits NewerFormatException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String what;

    /**
     * @param source the file (or resource) read, as the message should name it
     * @param what   what is wrong, e.g. {@code "\"format\" is 3; this loopbench reads formats 1 to 2"}
     */
    public ResultFormatException(String source, String what) {
        super(source + ": " + what);
        this.source = source;
        this.what = what;
    }

    public ResultFormatException(String source, String what, Throwable cause) {
        super(source + ": " + what, cause);
        this.source = source;
        this.what = what;
    }

    /** The file or resource that could not be read. */
    public String source() {
        return source;
    }

    /** What is wrong, without the file: for a reader that names the file its own way (a run's file list). */
    public String what() {
        return what;
    }
}
