package org.loopbench.results;

import java.util.List;

/**
 * What a trial's percentile file, {@code <stem>.hgrm}, must look like to be whole. It is HdrHistogram's
 * {@code outputPercentileDistribution} text in microseconds (a header, then rows of value, percentile,
 * total count and 1/(1-percentile)), which always ends with three footer lines; runs made since the
 * harness states its exact percentiles have a fourth, loopbench's own:
 * <pre>
 *   #[Mean    =      173.897, StdDeviation   =      383.697]
 *   #[Max     =     8171.519, Total count    =        61575]
 *   #[Buckets =           13, SubBuckets     =         2048]
 *   #[Percentiles (us): p50 = 126.207, p90 = 152.319, p99 = 1948.671, p99.9 = 5234.687, p99.99 = 7675.903]
 * </pre>
 * The harness writes the file whole when the trial ends, before the sidecar's final result, each line
 * ended by a newline. So a file without the footer, with its last line unended, or with anything after
 * the footer lost its end or was written over: it is damaged, and its rows (which parse whatever their
 * number) must not be read as the trial's distribution. A file cut exactly after the {@code #[Buckets}
 * line reads as one written before the fourth line existed: complete, since every row is there.
 *
 * <p>Thread-safe: no state.
 */
public final class PercentileFile {

    /** HdrHistogram's footer lines, in the order it writes them. */
    public static final List<String> HDR_FOOTER = List.of("#[Mean", "#[Max", "#[Buckets");
    /** The line the harness adds after HdrHistogram's footer: the exact p50 .. p99.99, microseconds. */
    public static final String PERCENTILES_FOOTER = "#[Percentiles (us):";

    private PercentileFile() {
    }

    /**
     * @param text   the file's content
     * @param source the file, as the message should name it
     * @throws ResultFormatException naming {@code source} and what is missing when the file is not whole
     */
    public static void requireComplete(String text, String source) {
        if (text.isBlank()) {
            throw new ResultFormatException(source, "it is empty");
        }
        if (!text.endsWith("\n")) {
            throw new ResultFormatException(source, "it is cut short: its last line has no end");
        }
        List<String> lines = text.lines().toList();
        int next = 0;
        for (String footer : HDR_FOOTER) {
            int at = indexOf(lines, footer, next);
            if (at < 0) {
                throw new ResultFormatException(source, "it is cut short: HdrHistogram's footer line \"" + footer
                        + " ...]\" is missing (a whole file ends with " + String.join(", ", HDR_FOOTER) + " lines)");
            }
            if (!lines.get(at).stripTrailing().endsWith("]")) {
                throw new ResultFormatException(source, "its footer line \"" + footer + " ...\" is cut short");
            }
            next = at + 1;
        }
        List<String> after = lines.subList(next, lines.size());
        boolean onlyPercentiles = after.isEmpty() || after.size() == 1 && after.get(0).startsWith(PERCENTILES_FOOTER)
                && after.get(0).stripTrailing().endsWith("]");
        if (!onlyPercentiles) {
            throw new ResultFormatException(source, "text follows its footer (" + after.size() + " line"
                    + (after.size() == 1 ? "" : "s") + "): it was written over or appended to");
        }
    }

    private static int indexOf(List<String> lines, String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
