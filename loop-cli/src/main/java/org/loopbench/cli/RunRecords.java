package org.loopbench.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.harness.launch.CpuLayout;
import org.loopbench.harness.launch.Jdks;
import org.loopbench.results.EnvironmentRecord;

/**
 * The run's first {@link EnvironmentRecord}: the command, the machine, the JDKs, the settings, the runtimes,
 * and from each runtime's provider whether it is a reference runtime and which workloads it does not offer.
 */
final class RunRecords {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The JDK every runtime without a stricter need runs on (the record's "jdk.21+"). */
    private static final int BASELINE = LaunchSpec.BASELINE_JDK;
    /** The record's "jdk.17": the oldest JDK the suite runs on, found only when exactly that. */
    private static final int OLDEST = 17;

    private RunRecords() {
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /**
     * @param selected    the runtimes that run, registry order
     * @param unavailable the installed runtimes that cannot run here, with the reason
     * @param runtimes    the providers' answers: which runtimes are references, what each offers
     */
    static EnvironmentRecord start(RunSettings s, GitState git, Instant started, List<String> selected,
                                   Map<String, String> unavailable, WorkloadCatalog catalog, RuntimeDirectory runtimes) {
        EnvironmentRecord.Builder b = EnvironmentRecord.builder()
                .command(s.command())
                .profile(s.profile().name())
                .gitCommit(git.commit())
                .gitDirty(git.dirty())
                .started(time(started))
                .finished("")
                .machine(EnvironmentRecord.Machine.collect())
                .cpuLayout(cpuLayout(s.cpus()))
                .jdk21(describeJdk(BASELINE, false))
                .jdk17(describeJdk(OLDEST, true))
                .jmhExtra(String.join(" ", s.jmhExtra()))
                .runtimeOptions(s.runtimeOptions())
                .runtimes(selected);
        for (Workload w : s.workloads()) {
            b.workload(w.id(), s.profile().settings(w.id()).describe());
        }
        unavailable.forEach(b::unavailable);
        List<String> listed = new ArrayList<>(new LinkedHashSet<>(selected));
        unavailable.keySet().stream().filter(id -> !listed.contains(id)).forEach(listed::add);
        b.references(listed.stream().filter(runtimes::reference).toList());
        for (String id : listed) {
            Set<Capability> offered = runtimes.capabilities(id);
            b.notOffered(id, Arrays.stream(Capability.values()).filter(c -> !offered.contains(c)).map(Capability::id)
                    .toList());
        }
        return b.build();
    }

    static EnvironmentRecord.CpuLayout cpuLayout(CpuLayout layout) {
        Map<String, String> d = layout.describe();
        return new EnvironmentRecord.CpuLayout(d.get("mode"), d.get("server"), d.get("client"), d.get("reason"));
    }

    /** {@code <home>: <java -version's first line>}, or "none". */
    private static String describeJdk(int feature, boolean exact) {
        return Jdks.find(feature, exact).map(jdk -> jdk.home() + ": " + Processes.output(jdk.home(),
                        List.of(jdk.java().toString(), "-version")).map(v -> v.lines().findFirst().orElse("")).orElse(""))
                .orElse("none");
    }
}
