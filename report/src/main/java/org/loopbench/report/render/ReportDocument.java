package org.loopbench.report.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The report as a list of blocks, built once and rendered twice ({@link MarkdownRenderer},
 * {@link HtmlRenderer}), so the Markdown and the HTML can never disagree on a figure.
 */
public final class ReportDocument {

    /** A piece of the report. */
    public sealed interface Block permits Heading, Paragraph, Callout, Code, Bullets, Table, Chart, CodeGrid {
    }

    /** @param anchor an id for links; "" for none */
    public record Heading(int level, String text, String anchor) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    /** A boxed remark: how to read a section, or a caveat that limits a claim. */
    public record Callout(Tone tone, String title, List<String> lines) implements Block {
        public Callout {
            lines = List.copyOf(lines);
        }
    }

    public enum Tone { INFO, CAVEAT, PROBLEM }

    public record Code(String label, String text) implements Block {
    }

    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /**
     * How a table cell should look; the text alone must still say everything (Markdown has no colours).
     * REFERENCE: the rank cell of a reference runtime's row ("ref"), which sets the whole row apart in HTML.
     */
    public enum CellStyle { TEXT, NUMBER, BEST, FAILED, CAPPED, CLIENT_BOUND, UNAVAILABLE, NOTE, REFERENCE }

    /**
     * @param span  columns this cell covers (HTML colspan); Markdown pads it with dashes
     * @param links shown after the text, " · " between them (a flame graph and its reversed form); none for most cells
     */
    public record Cell(String text, CellStyle style, int span, List<Link> links) {
        public Cell {
            links = List.copyOf(links);
        }

        public Cell(String text, CellStyle style, int span) {
            this(text, style, span, List.of());
        }

        public Cell(String text, CellStyle style) {
            this(text, style, 1);
        }

        /** A cell of links alone. */
        public static Cell links(List<Link> links) {
            return new Cell("", CellStyle.TEXT, 1, links);
        }

        public static Cell text(String s) {
            return new Cell(s, CellStyle.TEXT);
        }

        public static Cell number(String s) {
            return new Cell(s, CellStyle.NUMBER);
        }
    }

    /**
     * A link to a file of the run (a flame graph), as the run's records name it. Both renderers link it only when
     * {@link RelativeHref} finds the path safely inside the run directory; otherwise they show the text alone:
     * the path comes from a record, which can hold anything.
     *
     * @param text what the reader sees ("flame graph")
     * @param path relative to the run directory, '/'-separated, not encoded
     */
    public record Link(String text, String path) {
    }

    /** @param footnotes lines printed under the table (what ±, ranges and flags mean) */
    public record Table(String caption, List<String> headers, List<List<Cell>> rows, List<String> footnotes) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = List.copyOf(rows);
            footnotes = List.copyOf(footnotes);
        }
    }

    /**
     * @param name    file-name-safe id, also the SVG file name next to report.md
     * @param svg     a complete standalone {@code <svg>} element
     * @param caption what the chart shows and how to read it
     */
    public record Chart(String name, String title, String svg, String caption) implements Block {
    }

    /**
     * Code side by side, one panel per runtime in its colour, each with what that code cost: a reader
     * weighs the price in readability and the price in nanoseconds together.
     */
    public record CodeGrid(String caption, List<CodePanel> panels) implements Block {
        public CodeGrid {
            panels = List.copyOf(panels);
        }
    }

    /**
     * @param runtime  the runtime's name as the panel shows it (a reference runtime's says so)
     * @param colour   the runtime's colour in this report's charts (a CSS colour)
     * @param source   the file the lines come from; "" when unknown
     * @param figures  what this code cost in the run, each with its unit ("9.19 µs overhead per task")
     * @param code     the lines, unescaped; "" when there are none to show ({@code note} says why)
     * @param note     a remark above the code (shared with another runtime, file missing); "" for none
     * @param language the code's language for a reader ("Java", "Python", "C"); "" when there is no code
     * @param fence    the language of a Markdown code fence ("java", "python", "c")
     */
    public record CodePanel(String runtime, String colour, String source, List<String> figures, String code, String note,
                            String language, String fence) {
        public CodePanel {
            figures = List.copyOf(figures);
        }
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public ReportDocument(String title) {
        this.title = title;
    }

    public ReportDocument add(Block b) {
        blocks.add(b);
        return this;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    public List<Chart> charts() {
        List<Chart> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Chart) {
                out.add((Chart) b);
            }
        }
        return out;
    }
}
