package org.loopbench.report.model;

import java.nio.file.Path;

import org.loopbench.results.NewerFormatException;
import org.loopbench.results.ResultFormatException;

/**
 * A file of the run that is there, or must be, and cannot be trusted: cut short, not the format its name
 * says, of a newer format than this loopbench reads, or missing although its trial's sidecar vouches for it.
 * Distinct from a <em>failed trial</em> (the run itself says what went wrong) and from a <em>note</em>
 * (something the run legitimately lacks): a damaged file means the directory is not what the run wrote, so
 * the report says so at the top, every figure that depended on it says so too, and neither report nor
 * compare ends in success.
 *
 * @param file        the file's name within the run directory, e.g. {@code jmh-nio-EchoSaturation.json}
 * @param reason      what is wrong with it, e.g. "it is cut short: its last line has no end"
 * @param consequence what the reader gets instead, e.g. "its results are left out"
 * @param newerFormat the file is whole but newer than this loopbench reads ({@link NewerFormatException})
 */
public record Damage(String file, String reason, String consequence, boolean newerFormat) {

    /** A file whose content was refused by its reader in loop-results (the reason is the reader's). */
    public static Damage of(Path file, ResultFormatException e, String consequence) {
        return new Damage(file.getFileName().toString(), e.what(), consequence, e instanceof NewerFormatException);
    }

    /** A file refused here, for {@code reason}. */
    public static Damage of(Path file, String reason, String consequence) {
        return new Damage(file.getFileName().toString(), reason, consequence, false);
    }

    /** "file: reason": one line, for a terminal. */
    public String line() {
        return file + ": " + reason;
    }

    /** "file: reason; consequence": for the report's list of damaged files. */
    public String explained() {
        return line() + "; " + consequence;
    }
}
