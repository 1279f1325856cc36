package org.loopbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shape of a run directory, owned here and nowhere else:
 * <pre>
 *   environment.json                     the run's {@link EnvironmentRecord}
 *   jmh-&lt;runtime&gt;[-&lt;label&gt;].json         JMH's own results, one file per runtime and group
 *   jmh-result.json                      JMH's results of every runtime of one launcher call, merged
 *   &lt;stem&gt;.json                          a trial's {@link TrialRecord} (sidecar); stem: see {@link Stem}
 *   &lt;stem&gt;.hgrm                          its percentile distribution (HdrHistogram text, microseconds)
 *   &lt;stem&gt;.hlog                          its interval log (HdrHistogram, nanoseconds, warm-up tagged)
 *   logs/&lt;runtime&gt;-&lt;Benchmark&gt;.log        console output of each group
 *   code/&lt;runtime&gt;.&lt;marker&gt;.&lt;ext&gt;         the measured coordination code, as it was; ext: java, py or c
 *   profiles/                            profiled trials and their flame graphs; see {@link ProfilingRecord}
 *   report.md, report.html, report-charts/   the report
 * </pre>
 *
 * <p><b>Nothing is ever overwritten.</b> A file of results is <em>claimed</em>: created empty with
 * {@code CREATE_NEW}, which the file system grants to one caller only, so two forks (or two runs into one
 * directory) can never take the same name: the second gets {@code <name>-2}, then {@code -3}, ... A trial
 * claims its sidecar; a stem whose {@code .hgrm} or {@code .hlog} exists without a sidecar is skipped too.
 * An empty sidecar is therefore legal: its fork died before writing anything.
 *
 * <p>Immutable; the claim methods are safe to call from any number of threads and processes.
 */
public final class RunLayout {

    /** System property naming the results directory; the launcher passes it to every fork. */
    public static final String DIR_PROPERTY = "loopbench.results.dir";
    /** The results directory when {@value #DIR_PROPERTY} is not set, relative to the working directory. */
    public static final String DEFAULT_DIR = "target/loopbench-results";
    /**
     * System property labelling a launcher call's JMH files {@code jmh-<runtime>-<label>.json} (run-all.sh
     * labels each group with its benchmark class); see {@link #jmhResultBase}.
     */
    public static final String LABEL_PROPERTY = "loopbench.result.label";

    public static final String ENVIRONMENT = "environment.json";
    public static final String LOGS = "logs";
    public static final String CODE = "code";
    public static final String REPORT_MARKDOWN = "report.md";
    public static final String REPORT_HTML = "report.html";
    public static final String REPORT_CHARTS = "report-charts";
    public static final String SIDECAR_EXTENSION = "json";
    public static final String PERCENTILES_EXTENSION = "hgrm";
    public static final String INTERVAL_LOG_EXTENSION = "hlog";
    /** Every JMH result file's name starts so. */
    public static final String JMH_PREFIX = "jmh-";
    /** The base name of the merged JMH file of one launcher call with several runtimes. */
    public static final String MERGED_JMH = "jmh-result";

    private static final int MAX_CLAIMS = Stem.MAX_FORK;
    private static final Pattern LABEL_UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    /** The {@code -2} .. {@code -9999} a second and later claim of a name gets. */
    private static final Pattern CLAIM_SUFFIX = Pattern.compile("-[1-9][0-9]{0,3}$");
    /**
     * The languages a saved snippet may be in, by the extension of its file in {@code code/}: Java (the JVM
     * runtimes), Python and C (reference runtimes). A run made before the other two has {@code .java} only.
     */
    public static final List<String> CODE_EXTENSIONS = List.of("java", "py", "c");
    /** {@code <runtime>.<marker>.<ext>}: a saved snippet's file name (ids and markers: letters, digits, - and _). */
    private static final Pattern CODE_SNIPPET = Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.("
            + String.join("|", CODE_EXTENSIONS) + ")");
    /**
     * {@code Class.method[-...].json}: what a sidecar's name looks like (never a jmh- or environment file); no
     * backslash, which {@link TrialFiles} refuses in a stem, so a stray file so named is not taken for a trial.
     */
    private static final Pattern SIDECAR = Pattern.compile("[A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+(-[^\\\\]*)?\\.json");

    private final Path dir;

    private RunLayout(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The layout of {@code dir}; nothing is created until something is claimed. */
    public static RunLayout of(Path dir) {
        return new RunLayout(dir);
    }

    /** The directory named by {@value #DIR_PROPERTY}, else {@value #DEFAULT_DIR}, made absolute. */
    public static RunLayout fromSystemProperty() {
        return new RunLayout(Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)).toAbsolutePath());
    }

    public Path dir() {
        return dir;
    }

    public Path environment() {
        return dir.resolve(ENVIRONMENT);
    }

    public Path logs() {
        return dir.resolve(LOGS);
    }

    /** {@code logs/<runtime>-<benchmarkClass>.log}: the console output of one group. */
    public Path groupLog(String runtime, String benchmarkClass) {
        return logs().resolve(runtime + "-" + benchmarkClass + ".log");
    }

    public Path code() {
        return dir.resolve(CODE);
    }

    /** {@code code/<runtime>.<marker>.java}: the lines between a runtime's {@code loopbench:<marker>-begin/-end}. */
    public Path codeSnippet(String runtime, String marker) {
        return codeSnippet(runtime, marker, "java");
    }

    /**
     * {@code code/<runtime>.<marker>.<extension>}: the same for code in another language.
     *
     * @param extension one of {@link #CODE_EXTENSIONS}: java, py, c
     * @throws IllegalArgumentException for another extension (a report would not read it)
     */
    public Path codeSnippet(String runtime, String marker, String extension) {
        if (!CODE_EXTENSIONS.contains(extension)) {
            throw new IllegalArgumentException("code snippets are ." + String.join(", .", CODE_EXTENSIONS)
                    + ", not ." + extension);
        }
        return code().resolve(runtime + "." + marker + "." + extension);
    }

    /**
     * A saved snippet, its name taken apart.
     *
     * @param extension its language, one of {@link #CODE_EXTENSIONS}
     */
    public record CodeSnippetFile(String runtime, String marker, String extension, Path path) {
    }

    /**
     * Every saved snippet in {@code code/}, sorted by file name; files of another shape are left out. Empty
     * when the run has no {@code code/} (runs made before snippets were saved).
     */
    public List<CodeSnippetFile> codeSnippets() throws IOException {
        if (!Files.isDirectory(code())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(code())) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(p -> CODE_SNIPPET.matcher(p.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .map(m -> new CodeSnippetFile(m.group(1), m.group(2), m.group(3), code().resolve(m.group(0))))
                    .collect(Collectors.toList());
        }
    }

    public Path reportMarkdown() {
        return dir.resolve(REPORT_MARKDOWN);
    }

    public Path reportHtml() {
        return dir.resolve(REPORT_HTML);
    }

    public Path reportCharts() {
        return dir.resolve(REPORT_CHARTS);
    }

    /** The files of the trial named {@code stem} (claimed or not). */
    public TrialFiles trial(Stem stem) {
        return new TrialFiles(dir, stem.name());
    }

    /**
     * {@code jmh-<runtime>} or, with a label, {@code jmh-<runtime>-<label>}; characters of the label
     * outside {@code [A-Za-z0-9._-]} are dropped (run-all.sh labels each group with its benchmark class).
     */
    public static String jmhResultBase(String runtime, String label) {
        String safe = label == null ? "" : LABEL_UNSAFE.matcher(label).replaceAll("");
        return JMH_PREFIX + runtime + (safe.isEmpty() ? "" : "-" + safe);
    }

    /** Claims {@code jmh-<runtime>[-<label>].json} (or {@code -2}, ...) for JMH to write its results into. */
    public Path claimJmhResult(String runtime, String label) {
        return claimFile(jmhResultBase(runtime, label), SIDECAR_EXTENSION);
    }

    /** Claims {@code jmh-result.json} (or {@code -2}, ...) for the merged results of several runtimes. */
    public Path claimMergedJmhResult() {
        return claimFile(MERGED_JMH, SIDECAR_EXTENSION);
    }

    /**
     * Claims a fresh trial stem for {@code benchmark} at {@code params} by creating its sidecar, empty:
     * the first free of {@code <stem>}, {@code <stem>-2}, ...
     *
     * @param benchmark e.g. {@code org.loopbench.harness.bench.EchoFixedRate.messages}; the package is dropped
     * @throws UncheckedIOException naming the directory when it cannot be written
     * @throws IllegalStateException when all 9,999 names are taken
     */
    public TrialFiles claimTrial(String benchmark, Map<String, String> params) {
        return claimTrial(Stem.of(benchmark, params).base());
    }

    /** Claims {@code base}, or {@code base-2}, {@code base-3}, ... as a trial stem, whichever is free first. */
    public TrialFiles claimTrial(String base) {
        try {
            Files.createDirectories(dir);
            for (int n = 1; n <= MAX_CLAIMS; n++) {
                TrialFiles t = new TrialFiles(dir, n == 1 ? base : base + "-" + n);
                if (Files.exists(t.percentiles()) || Files.exists(t.intervalLog())) {
                    continue;
                }
                try {
                    Files.write(t.sidecar(), new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return t;
                } catch (FileAlreadyExistsException taken) {
                    // another fork or an earlier run has it: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create result files in " + dir + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(MAX_CLAIMS + " result files named " + base + "* already exist in " + dir);
    }

    /**
     * A fresh {@code base.extension} (or {@code base-2.extension}, ...) in the directory, created empty so it is
     * the caller's.
     */
    public Path claimFile(String base, String extension) {
        try {
            Files.createDirectories(dir);
            for (int n = 1; n <= MAX_CLAIMS; n++) {
                Path p = dir.resolve((n == 1 ? base : base + "-" + n) + "." + extension);
                try {
                    Files.write(p, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return p;
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + dir + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(MAX_CLAIMS + " files named " + base + "*." + extension + " already exist in " + dir);
    }

    /**
     * Whether the JMH result file {@code fileName} may hold results of {@code runtime} in
     * {@code benchmarkClass}: its group's file ({@link #jmhResultBase} with the class as label), the runtime's
     * unlabelled file, or a merged {@value #MERGED_JMH} file, each also as a later claim ({@code -2}, ...). What
     * a reader names when such a file cannot be read and a result is missing.
     */
    public static boolean mayHoldResultsOf(String fileName, String runtime, String benchmarkClass) {
        if (!isJmhResultName(fileName)) {
            return false;
        }
        String base = CLAIM_SUFFIX.matcher(fileName.substring(0, fileName.length() - SIDECAR_EXTENSION.length() - 1))
                .replaceFirst("");
        return base.equals(jmhResultBase(runtime, benchmarkClass)) || base.equals(jmhResultBase(runtime, ""))
                || base.equals(MERGED_JMH);
    }

    /** Whether {@code fileName} is a JMH result file's: {@code jmh-*.json}. */
    public static boolean isJmhResultName(String fileName) {
        return fileName.startsWith(JMH_PREFIX) && fileName.endsWith("." + SIDECAR_EXTENSION);
    }

    /** Whether {@code fileName} is a trial sidecar's: {@code Class.method[-...].json}, not a jmh- or environment file. */
    public static boolean isSidecarName(String fileName) {
        return !fileName.startsWith(JMH_PREFIX) && !fileName.equals(ENVIRONMENT) && SIDECAR.matcher(fileName).matches();
    }

    /** The JMH result files directly in the directory, sorted by name; empty when the directory does not exist. */
    public List<Path> jmhResultFiles() throws IOException {
        return list(p -> isJmhResultName(p.getFileName().toString()));
    }

    /** Every trial with a sidecar in the directory, sorted by stem; empty when the directory does not exist. */
    public List<TrialFiles> trials() throws IOException {
        return list(p -> isSidecarName(p.getFileName().toString())).stream()
                .map(p -> {
                    String f = p.getFileName().toString();
                    return new TrialFiles(dir, f.substring(0, f.length() - SIDECAR_EXTENSION.length() - 1));
                })
                .collect(Collectors.toList());
    }

    public boolean hasEnvironment() {
        return Files.isRegularFile(environment());
    }

    private List<Path> list(java.util.function.Predicate<Path> which) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(which).sorted().collect(Collectors.toList());
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
