package org.loopbench.results;

/**
 * A record written in a format newer than this loopbench reads. Unlike other {@link ResultFormatException}s
 * nothing is wrong with the file: it needs a newer reader. Callers that must refuse such a run outright
 * rather than read around the file (compare: a verdict on half a run would look like a real one) catch
 * this type; the message already says which formats are read and what to do.
 */
public final class NewerFormatException extends ResultFormatException {

    private static final long serialVersionUID = 1L;

    private final int format;
    private final int newest;

    /**
     * @param what   the record's kind, e.g. "trial record"
     * @param format the format the file says it is
     * @param newest the newest format this code reads (formats 1 to {@code newest})
     */
    NewerFormatException(String source, String what, int format, int newest) {
        super(source, what + " format " + format + " is newer than this loopbench reads ("
                + (newest == 1 ? "format 1 only" : "formats 1 to " + newest)
                + "): read it with the loopbench that wrote it, or a newer one");
        this.format = format;
        this.newest = newest;
    }

    /** The format the file says it is. */
    public int format() {
        return format;
    }

    /** The newest format this loopbench reads; it reads every format from 1 to this. */
    public int newest() {
        return newest;
    }
}
