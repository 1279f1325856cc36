package org.loopbench.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loopbench.api.LaunchSpec;
import org.loopbench.harness.launch.Jdks;

/** The entries of a run's {@link RunRecord}, with today's keys (the report shows whatever it finds). */
final class RunRecords {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunRecords() {
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** command, profile, git.commit, git.dirty, started. */
    static Map<String, Object> head(RunSettings s, GitState git, Instant started) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", s.command());
        m.put("profile", s.profile().name());
        m.put("git.commit", git.commit());
        m.put("git.dirty", git.dirty());
        m.put("started", time(started));
        return m;
    }

    /** The machine, the JDKs the runtimes need, the settings, the runtimes run and those that could not. */
    static Map<String, Object> tail(RunSettings s, List<String> selected, Map<String, String> unavailable,
                                    RuntimeDirectory runtimes, WorkloadCatalog catalog) {
        Map<String, Object> m = new LinkedHashMap<>(MachineFacts.collect());
        m.putAll(jdks(runtimes));
        for (Workload w : catalog.all()) {
            m.put(w.id(), s.profile().settings(w.id()).describe());
        }
        m.put("jmh.extra", String.join(" ", s.jmhExtra()));
        m.put("runtime.options", s.runtimeOptions());
        m.put("runtimes", String.join(" ", selected));
        m.put("unavailable", new LinkedHashMap<>(unavailable));
        return m;
    }

    /**
     * One entry per JDK the installed runtimes need ("jdk.21+", "jdk.17"): the home found and its
     * {@code java -version} line, or "none".
     */
    static Map<String, Object> jdks(RuntimeDirectory runtimes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String id : runtimes.ids()) {
            runtimes.launch(id).ifPresent(l -> m.computeIfAbsent(jdkKey(l), k -> describeJdk(l)));
        }
        return m;
    }

    static String jdkKey(LaunchSpec l) {
        return "jdk." + l.jdkFeature() + (l.exactJdk() ? "" : "+");
    }

    private static String describeJdk(LaunchSpec l) {
        return Jdks.find(l.jdkFeature(), l.exactJdk()).map(jdk -> {
            Path home = jdk.home();
            String version = Processes.output(home, List.of(jdk.java().toString(), "-version"))
                    .map(v -> v.lines().findFirst().orElse("")).orElse("");
            return home + ": " + version;
        }).orElse("none");
    }
}
