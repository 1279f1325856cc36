package org.loopbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loopbench.results.AtomicFile;
import org.loopbench.results.Json;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * A soak's figures over time, from its trial's sidecar: per iteration (one a minute) the server's and the
 * load generator's RSS and open descriptors, the server's live heap after GC and thread count, the
 * connections open and the errors. A JVM's RSS grows while it first touches the heap it reserved and then
 * stays; the heap after GC is what a leak in Java code grows.
 * Each figure is one reading of /proc at the end of its iteration (RSS: VmRSS; descriptors: entries of
 * /proc/PID/fd), not a peak. Printed, and kept as {@value #FILE} in the run directory.
 */
final class SoakTable {

    static final String FILE = "soak.md";

    private SoakTable() {
    }

    static void print(Path dir, PrintWriter out, PrintWriter err) {
        List<TrialFiles> trials;
        try {
            trials = RunLayout.of(dir).trials();
        } catch (IOException e) {
            err.println("loopbench: cannot list the soak's trials in " + dir + ": " + e.getMessage());
            return;
        }
        StringBuilder md = new StringBuilder();
        for (TrialFiles t : trials) {
            try {
                md.append(table(t.name(), TrialRecord.read(t.sidecar())));
            } catch (IOException | IllegalArgumentException e) {
                err.println("loopbench: cannot read " + t.sidecar() + ": " + e.getMessage());
            }
        }
        if (md.length() == 0) {
            err.println("loopbench: the soak recorded no iteration (see the run's logs)");
            return;
        }
        out.print(md);
        out.flush();
        Path file = dir.resolve(FILE);
        try {
            byte[] bytes = md.toString().getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(file, o -> o.write(bytes));
            out.println("loopbench: the soak's table: " + file);
        } catch (java.io.UncheckedIOException e) {
            err.println("loopbench: " + e.getMessage());
        }
        out.flush();
    }

    /** The trial's iterations as a Markdown table, then the change from the first measured to the last. */
    static String table(String name, TrialRecord r) {
        StringBuilder sb = new StringBuilder("\n### Soak: " + name + "\n\n");
        sb.append("Each row: one iteration, figures read at its end (RSS = VmRSS, descriptors = /proc/PID/fd"
                + " entries); minute = elapsed at its end, warm-up included.\n\n");
        sb.append("| iteration | minute | server RSS (MiB) | server heap after GC (MiB) | server descriptors | server thread"
                + " count | generator RSS (MiB) | generator descriptors | open connections | errors | achieved (msgs/s) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double elapsed = 0;
        int measured = 0;
        List<Map<String, Object>> measuredRows = new ArrayList<>();
        for (Map<String, Object> it : r.iterations()) {
            elapsed += number(it, "seconds");
            boolean warmup = "warmup".equals(it.get("type"));
            String label = warmup ? "warm-up" : String.valueOf(++measured);
            if (!warmup) {
                measuredRows.add(it);
            }
            sb.append(String.format(java.util.Locale.ROOT, "| %s | %.1f | %.1f | %s | %,d | %,d | %.1f | %,d | %,d | %,d | %,.0f |%n",
                    label, elapsed / 60, number(it, "serverRssMiB"), heap(it), (long) number(it, "serverOpenFiles"),
                    (long) number(it, "serverThreads"), number(it, "clientRssMiB"), (long) number(it, "clientOpenFiles"),
                    (long) number(it, "openConnections"), errors(it), number(it, "achievedRate")));
        }
        if (measuredRows.size() >= 2) {
            Map<String, Object> first = measuredRows.get(0);
            Map<String, Object> last = measuredRows.get(measuredRows.size() - 1);
            sb.append(String.format(java.util.Locale.ROOT, "%nFirst to last measured iteration: server RSS %+.1f MiB,"
                            + " heap after GC %s, server descriptors %+,d, server thread count %+,d; generator RSS %+.1f MiB,"
                            + " generator descriptors %+,d.%n",
                    number(last, "serverRssMiB") - number(first, "serverRssMiB"),
                    number(last, "serverHeapAfterGcMiB") >= 0 && number(first, "serverHeapAfterGcMiB") >= 0
                            ? String.format(java.util.Locale.ROOT, "%+.1f MiB",
                            number(last, "serverHeapAfterGcMiB") - number(first, "serverHeapAfterGcMiB")) : "unknown",
                    (long) (number(last, "serverOpenFiles") - number(first, "serverOpenFiles")),
                    (long) (number(last, "serverThreads") - number(first, "serverThreads")),
                    number(last, "clientRssMiB") - number(first, "clientRssMiB"),
                    (long) (number(last, "clientOpenFiles") - number(first, "clientOpenFiles"))));
        }
        r.failure().ifPresent(f -> sb.append("\nThe soak failed: ").append(f).append('\n'));
        return sb.toString();
    }

    /** The heap after GC, or "n/a" for a server outside the JVM (or a record made before it was kept). */
    private static String heap(Map<String, Object> it) {
        double h = number(it, "serverHeapAfterGcMiB");
        return h < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f", h);
    }

    private static double number(Map<String, Object> m, String key) {
        double v = Json.number(m.get(key));
        return Double.isNaN(v) ? -1 : v;
    }

    private static long errors(Map<String, Object> it) {
        Object e = it.get("errors");
        long sum = 0;
        if (e instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                sum += (long) Math.max(0, Json.number(v));
            }
        }
        return sum;
    }
}
