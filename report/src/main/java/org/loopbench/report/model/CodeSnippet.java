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
import java.util.stream.Stream;

import org.loopbench.results.RunLayout;

/**
 * The code behind a coordination figure, as scripts/run-all.sh saved it when the run was made, so the
 * report shows the code that was measured rather than today's: {@code code/<runtime>.<workload>.java}.
 * Its first line names the source file ({@code // loop-nio/src/main/java/...}), optional {@code // (...)}
 * lines follow (e.g. virtual's "the same code as threads"), then the lines between the runtime's
 * {@code loopbench:<workload>-begin} and {@code -end} marker comments.
 *
 * @param workload {@code crawl} or {@code pingpong}, as in the file name
 * @param source   the source file the lines come from; "" when the header is missing
 * @param notes    the header's remarks, parentheses removed
 * @param summary  what the author wrote after the begin marker, parentheses removed ("spawn a task per
 *                 fetch; ..."); "" for a bare marker
 * @param code     the lines themselves, both markers and the summary left out, common indentation removed
 */
public record CodeSnippet(String runtime, String workload, String source, List<String> notes, String summary, String code) {

    public static final String DIR = RunLayout.CODE;
    public static final String CRAWL = "crawl";
    public static final String PING_PONG = "pingpong";

    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.java");
    private static final Pattern SAME_AS = Pattern.compile("same code as ([A-Za-z0-9_-]+)");

    public CodeSnippet {
        notes = List.copyOf(notes);
    }

    /**
     * Every snippet in the run's {@code code/}, keyed by {@link #key}; empty when the directory is missing
     * (runs made before the script saved code). An unreadable file becomes a line in {@code problems}.
     */
    public static Map<String, CodeSnippet> readAll(RunLayout run, List<String> problems) throws IOException {
        Map<String, CodeSnippet> out = new TreeMap<>();
        Path dir = run.code();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Matcher m = FILE.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            try {
                CodeSnippet snippet = parse(m.group(1), m.group(2), Files.readString(f));
                out.put(key(snippet.runtime(), snippet.workload()), snippet);
            } catch (IOException e) {
                problems.add(DIR + "/" + f.getFileName() + " cannot be read: " + e.getMessage());
            }
        }
        return out;
    }

    public static String key(String runtime, String workload) {
        return runtime + "." + workload;
    }

    public static CodeSnippet parse(String runtime, String workload, String text) {
        List<String> lines = new ArrayList<>(text.replace("\t", "    ").lines().toList());
        String source = "";
        List<String> notes = new ArrayList<>();
        int i = 0;
        if (i < lines.size() && isHeader(lines.get(i))) {
            source = lines.get(i++).substring(2).trim();
        }
        while (i < lines.size() && isHeader(lines.get(i))) {
            notes.add(lines.get(i++).substring(2).trim().replaceAll("^\\((.*)\\)$", "$1"));
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
                summary.append(line.substring(line.indexOf(begin) + begin.length()).strip());
                // "(...)" may run on over further comment lines, up to the closing parenthesis
                while (summary.length() > 0 && summary.charAt(0) == '(' && summary.charAt(summary.length() - 1) != ')'
                        && i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("//")) {
                    summary.append(' ').append(lines.get(++i).strip().substring(2).strip());
                }
                continue;
            }
            body.add(line);
        }
        String said = summary.toString().replaceAll("^\\((.*)\\)$", "$1").strip();
        return new CodeSnippet(runtime, workload, source, notes, said, dedent(body));
    }

    /** A header line: a comment at column 0 (the snippet itself is indented as in its class). */
    private static boolean isHeader(String line) {
        return line.startsWith("//") && !line.contains("loopbench:");
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
        return (int) code.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*"))
                .count();
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
