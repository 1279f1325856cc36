package org.loopbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's {@code environment.json}: the command, the machine, the JDKs, the settings, the runtimes that
 * could not run (with the reason) and each group's status. Written at the start, after every group and at
 * the end (then with {@code finished}), each time whole (a temporary file moved into place), so an
 * interrupted run still says what it did.
 * TODO(results): write it through loop-results' EnvironmentRecord when that lands; the keys are today's.
 */
final class RunRecord {

    static final String FILE = "environment.json";

    private final Path file;
    private final Map<String, Object> head;
    private final Map<String, Object> tail;
    private final Map<String, String> groups = new LinkedHashMap<>();
    private String finished = "";

    /**
     * @param head the entries before {@code finished}: command, profile, git, started
     * @param tail the entries after it: machine, JDKs, settings, runtimes, unavailable
     */
    RunRecord(Path runDir, Map<String, Object> head, Map<String, Object> tail) {
        this.file = runDir.resolve(FILE);
        this.head = new LinkedHashMap<>(head);
        this.tail = new LinkedHashMap<>(tail);
    }

    synchronized void groupStatus(String group, String status) {
        groups.put(group, status);
    }

    synchronized void finished(String time) {
        finished = time;
    }

    /** Replaces the file with what is known now. */
    synchronized void write() throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(head);
        all.put("finished", finished);
        all.putAll(tail);
        all.put("groups", new LinkedHashMap<>(groups));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Json.MAPPER.writeValue(tmp.toFile(), all);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
