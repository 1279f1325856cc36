package org.loopbench.report.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.loopbench.results.RunLayout;

/**
 * The code behind a coordination figure, as scripts/run-all.sh saved it when the run was made, so the
 * report shows the code that was measured rather than today's: {@code code/<runtime>.<workload>.<ext>},
 * {@code .java} for a JVM runtime, {@code .py} or {@code .c} for a reference runtime in Python or C.
 * Its first line names the source file as a comment of its language ({@code // loop-nio/src/main/java/...},
 * {@code # loop-x/src/main/python/...}, <code>/&#42; ... &#42;/</code>), optional {@code (...)} comment lines
 * follow (e.g. virtual's "the same code as threads"), then the lines between the runtime's
 * {@code loopbench:<workload>-begin} and {@code -end} marker comments.
 *
 * @param workload {@code crawl} or {@code pingpong}, as in the file name
 * @param source   the source file the lines come from; "" when the header is missing
 * @param notes    the header's remarks, parentheses removed
 * @param summary  what the author wrote after the begin marker, parentheses removed ("spawn a task per
 *                 fetch; ..."); "" for a bare marker
 * @param code     the lines themselves, both markers and the summary left out, common indentation removed
 * @param language the language the code is in, from the file's extension
 */
public record CodeSnippet(String runtime, String workload, String source, List<String> notes, String summary, String code,
                          Language language) {

    public static final String DIR = RunLayout.CODE;
    public static final String CRAWL = "crawl";
    public static final String PING_PONG = "pingpong";

    private static final Pattern SAME_AS = Pattern.compile("same code as ([A-Za-z0-9_-]+)");

    /**
     * A saved snippet's language: its file extension ({@link RunLayout#CODE_EXTENSIONS}), its name for a
     * reader, the Markdown fence's language, and how its comments look.
     */
    public enum Language {
        JAVA("java", "Java", "java", List.of("//", "/*", "*")),
        PYTHON("py", "Python", "python", List.of("#")),
        C("c", "C", "c", List.of("//", "/*", "*"));

        private final String extension;
        private final String displayName;
        private final String fence;
        /** How a comment line starts (stripped), block-comment continuations included. */
        private final List<String> commentStarts;

        Language(String extension, String displayName, String fence, List<String> commentStarts) {
            this.extension = extension;
            this.displayName = displayName;
            this.fence = fence;
            this.commentStarts = commentStarts;
        }

        public String extension() {
            return extension;
        }

        /** "Java", "Python", "C". */
        public String displayName() {
            return displayName;
        }

        /** The language of a Markdown code fence: "java", "python", "c". */
        public String fence() {
            return fence;
        }

        /** @throws IllegalArgumentException for an extension no snippet has */
        public static Language ofExtension(String extension) {
            for (Language l : values()) {
                if (l.extension.equals(extension)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("no snippet language has the extension ." + extension);
        }

        /** Whether the stripped line is a comment line (or a block comment's continuation). */
        boolean isComment(String stripped) {
            return commentStarts.stream().anyMatch(stripped::startsWith);
        }

        /** A comment line's text: its comment marks removed. */
        String commentText(String line) {
            String t = line.strip();
            for (String start : List.of("//", "/*", "#", "*")) {
                if (commentStarts.contains(start) && t.startsWith(start)) {
                    t = t.substring(start.length());
                    break;
                }
            }
            if (this != PYTHON && t.endsWith("*/")) {
                t = t.substring(0, t.length() - 2);
            }
            return t.strip();
        }

        /** A header line: a comment at column 0 (the snippet itself is indented as in its source). */
        boolean isHeader(String line) {
            return !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && isComment(line)
                    && !line.startsWith("*") && !line.contains("loopbench:");
        }
    }

    public CodeSnippet {
        notes = List.copyOf(notes);
    }

    /** A Java snippet (what every run before reference runtimes saved). */
    public CodeSnippet(String runtime, String workload, String source, List<String> notes, String summary, String code) {
        this(runtime, workload, source, notes, summary, code, Language.JAVA);
    }

    /**
     * Every snippet in the run's {@code code/} (Java, Python, C), keyed by {@link #key}; empty when the
     * directory is missing (runs made before the script saved code). Should a runtime have one workload's
     * code in two languages, the first of Java, Python, C is kept. An unreadable file becomes a line in
     * {@code problems}.
     */
    public static Map<String, CodeSnippet> readAll(RunLayout run, List<String> problems) throws IOException {
        Map<String, CodeSnippet> out = new TreeMap<>();
        for (RunLayout.CodeSnippetFile f : run.codeSnippets()) {
            try {
                CodeSnippet snippet = parse(f.runtime(), f.marker(), Language.ofExtension(f.extension()),
                        Files.readString(f.path()));
                out.merge(key(snippet.runtime(), snippet.workload()), snippet,
                        (a, b) -> a.language().ordinal() <= b.language().ordinal() ? a : b);
            } catch (IOException e) {
                problems.add(DIR + "/" + f.path().getFileName() + " cannot be read: " + e.getMessage());
            }
        }
        return out;
    }

    public static String key(String runtime, String workload) {
        return runtime + "." + workload;
    }

    /** A Java snippet's text taken apart (see {@link #parse(String, String, Language, String)}). */
    public static CodeSnippet parse(String runtime, String workload, String text) {
        return parse(runtime, workload, Language.JAVA, text);
    }

    /** A saved snippet's text taken apart: header, notes, the summary after the begin marker, the code. */
    public static CodeSnippet parse(String runtime, String workload, Language language, String text) {
        List<String> lines = new ArrayList<>(text.replace("\t", "    ").lines().toList());
        String source = "";
        List<String> notes = new ArrayList<>();
        int i = 0;
        if (i < lines.size() && language.isHeader(lines.get(i))) {
            source = language.commentText(lines.get(i++));
        }
        while (i < lines.size() && language.isHeader(lines.get(i))) {
            notes.add(language.commentText(lines.get(i++)).replaceAll("^\\((.*)\\)$", "$1"));
        }
        List<String> body = new ArrayList<>();
        String begin = "loopbench:" + workload + "-begin";
        StringBuilder summary = new StringBuilder();
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("loopbench:" + workload + "-end")) {
                continue;
            }
            if (line.contains(begin)) {
                summary.append(closeComment(language, line.substring(line.indexOf(begin) + begin.length())));
                // "(...)" may run on over further comment lines, up to the closing parenthesis
                while (summary.length() > 0 && summary.charAt(0) == '(' && summary.charAt(summary.length() - 1) != ')'
                        && i + 1 < lines.size() && language.isComment(lines.get(i + 1).strip())) {
                    summary.append(' ').append(language.commentText(lines.get(++i)));
                }
                continue;
            }
            body.add(line);
        }
        String said = summary.toString().replaceAll("^\\((.*)\\)$", "$1").strip();
        return new CodeSnippet(runtime, workload, source, notes, said, dedent(body), language);
    }

    /** What follows a marker on its line, a block comment's closing mark removed. */
    private static String closeComment(Language language, String rest) {
        String t = rest.strip();
        return language != Language.PYTHON && t.endsWith("*/") ? t.substring(0, t.length() - 2).strip() : t;
    }

    private static String dedent(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        List<String> kept = lines.subList(from, to);
        int indent = kept.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : kept) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /**
     * Lines that are code: not blank, not a comment. A rough size of what a reader has to follow; it
     * counts only what the runtime's author marked, not the plumbing it calls.
     */
    public int linesOfCode() {
        return (int) code.lines().map(String::strip).filter(l -> !l.isEmpty() && !language.isComment(l)).count();
    }

    /** The runtime whose code this is too ("the same code as threads"), or "". */
    public String sameCodeAs() {
        for (String note : notes) {
            Matcher m = SAME_AS.matcher(note);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }
}
