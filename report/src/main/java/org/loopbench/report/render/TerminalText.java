package org.loopbench.report.render;

/**
 * Text for a terminal line: a record's string (a file name, a failure, a reason from a parser) may hold line
 * breaks or control characters, which would split one message into several, or let a file name rewrite the
 * terminal (escape sequences). Each becomes a space, so one message stays one line.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code s} with every control character (line breaks, tabs, ESC, DEL, C1 controls) replaced by a space. */
    public static String line(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                ? ' ' : c));
        return out.toString();
    }
}
