package org.loopbench.faults;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.results.MetricCatalog;
import org.loopbench.results.RunLayout;
import org.loopbench.results.WorkloadDefinition;

/**
 * {@code faulty}: the {@code nio} runtime with one fault per benchmark, chosen by runtime options
 * {@code faulty.<Benchmark>=<fault>} (e.g. {@code faulty.EchoSaturation=stall}), so that one run of the
 * fault matrix holds several faults, each in its own group. Only on the fault matrix's test class path:
 * no real run ever sees it. The benchmark a fork runs is the group's label, which the launcher passes to
 * every fork ({@value RunLayout#LABEL_PROPERTY}).
 */
public final class FaultyRuntimeProvider implements AsyncRuntimeProvider {

    static final String ID = "faulty";
    private static final String DELEGATE = "nio";

    /** What goes wrong inside the runtime; the faults from outside (kills, stops) need no runtime's help. */
    enum Fault {
        /** The server burns 1 s per message on its one loop: every echo waits longer than the message timeout. */
        STALL,
        /** {@code close()} never returns, and keeps the server's port open while it hangs. */
        CLOSE_HANGS,
        /** The process holds all but {@value FaultyRuntime#FREE_DESCRIPTORS} of its descriptors: accepts fail mid-connect. */
        DESCRIPTORS_RUN_OUT;

        static Fault of(String option) {
            return valueOf(option.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "nio with a fault injected per benchmark (the fault matrix's test runtime)";
    }

    @Override
    public Availability availability() {
        return Runtimes.installed().availability(DELEGATE);
    }

    @Override
    public Set<String> optionKeys() {
        Set<String> keys = new TreeSet<>();
        for (WorkloadDefinition w : MetricCatalog.standard().workloads()) {
            keys.add(ID + "." + w.benchmarkClass());
        }
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public LaunchSpec launch() {
        return Runtimes.installed().provider(DELEGATE).launch();
    }

    @Override
    public AsyncRuntime create(RuntimeOptions options) {
        options.requireOnly(id(), optionKeys());
        String benchmark = System.getProperty(RunLayout.LABEL_PROPERTY, "");
        String chosen = options.asMap().get(ID + "." + benchmark);
        Fault fault = chosen == null ? null : Fault.of(chosen);
        Map<String, String> nio = new LinkedHashMap<>();
        nio.put("nio.loops", "1");
        if (fault == Fault.STALL) {
            nio.put("nio.injectDelayNanos", "1000000000");
        }
        AsyncRuntime delegate = Runtimes.installed().create(DELEGATE, RuntimeOptions.of(nio));
        return new FaultyRuntime(delegate, fault);
    }
}
