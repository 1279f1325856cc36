package org.loopbench.report;

/**
 * How {@link ReportTool#report} draws a run, beyond what the run itself says.
 *
 * @param rankReferences rank the run's reference runtimes (programs outside the JVM, measured as points of
 *                       comparison) together with the JVM runtimes; by default each ranking orders the JVM
 *                       runtimes among themselves and lists the references after them, never as the best
 */
public record ReportOptions(boolean rankReferences) {

    /** References drawn apart from the JVM ranking. */
    public static ReportOptions defaults() {
        return new ReportOptions(false);
    }

    /** The same, with the references ranked together with the JVM runtimes ({@code --rank-references}). */
    public ReportOptions rankingReferences() {
        return new ReportOptions(true);
    }
}
