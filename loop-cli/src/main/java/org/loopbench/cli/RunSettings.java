package org.loopbench.cli;

import java.nio.file.Path;
import java.util.List;

import org.loopbench.harness.launch.CpuLayout;

/**
 * A checked {@code loopbench run} request.
 *
 * @param runtimesWanted the runtimes asked for, or empty for every available one
 * @param workloadIds    the workloads as the user gave them (shown as given)
 * @param out            the run directory, or null for a fresh one under results/runs
 * @param runtimeOptions {@code k=v,k=v}, each key going to its runtime; "" for none
 * @param jmhExtra       what followed {@code --}, passed to JMH as it is
 * @param command        how the run was started, for the record (e.g. "scripts/run-all.sh --quick")
 * @param cpus           where the runtime's JVM and the load generator run (checked against this machine)
 * @param benchmarks     only these benchmarks of the chosen workloads ({@code loopbench soak}: EchoFixedRate);
 *                       empty for all of them
 * @param load           where the echo load comes from and where the server listens
 * @param profiling      profiled trials after the measured ones ({@code --profile-cpu}, {@code --profile-alloc})
 */
record RunSettings(Profile profile, List<String> runtimesWanted, List<String> workloadIds, List<Workload> workloads,
                   Path out, boolean dryRun, String runtimeOptions, List<String> jmhExtra, String command,
                   CpuLayout cpus, boolean calibrate, List<String> benchmarks, LoadPlacement load,
                   Profiling profiling) {

    /** Nothing profiled. */
    RunSettings(Profile profile, List<String> runtimesWanted, List<String> workloadIds, List<Workload> workloads,
                Path out, boolean dryRun, String runtimeOptions, List<String> jmhExtra, String command, CpuLayout cpus,
                boolean calibrate, List<String> benchmarks, LoadPlacement load) {
        this(profile, runtimesWanted, workloadIds, workloads, out, dryRun, runtimeOptions, jmhExtra, command, cpus,
                calibrate, benchmarks, load, Profiling.NONE);
    }

    /** One local load generator against a loopback server: every run before generators could be placed. */
    RunSettings(Profile profile, List<String> runtimesWanted, List<String> workloadIds, List<Workload> workloads,
                Path out, boolean dryRun, String runtimeOptions, List<String> jmhExtra, String command, CpuLayout cpus,
                boolean calibrate, List<String> benchmarks) {
        this(profile, runtimesWanted, workloadIds, workloads, out, dryRun, runtimeOptions, jmhExtra, command, cpus,
                calibrate, benchmarks, LoadPlacement.DEFAULT);
    }

    /** Every benchmark of the chosen workloads (what {@code loopbench run} always plans). */
    RunSettings(Profile profile, List<String> runtimesWanted, List<String> workloadIds, List<Workload> workloads,
                Path out, boolean dryRun, String runtimeOptions, List<String> jmhExtra, String command, CpuLayout cpus,
                boolean calibrate) {
        this(profile, runtimesWanted, workloadIds, workloads, out, dryRun, runtimeOptions, jmhExtra, command, cpus,
                calibrate, List.of());
    }

    /** The settings with the load generator's ceiling measured before the echo groups (the default). */
    RunSettings(Profile profile, List<String> runtimesWanted, List<String> workloadIds, List<Workload> workloads,
                Path out, boolean dryRun, String runtimeOptions, List<String> jmhExtra, String command, CpuLayout cpus) {
        this(profile, runtimesWanted, workloadIds, workloads, out, dryRun, runtimeOptions, jmhExtra, command, cpus, true);
    }

    RunSettings {
        runtimesWanted = List.copyOf(runtimesWanted);
        workloadIds = List.copyOf(workloadIds);
        workloads = List.copyOf(workloads);
        jmhExtra = List.copyOf(jmhExtra);
        benchmarks = List.copyOf(benchmarks);
    }
}
