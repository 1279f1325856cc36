package org.loopbench.nio;

import java.util.Set;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.support.InjectedDelay;

/**
 * Runtime id {@code nio}: hand-written java.nio selector loops.
 *
 * <p>Option {@code nio.loops}: the number of selector loops, 1..256; default one per available processor
 * ({@link Runtime#availableProcessors()}). Netty defaults to twice that; with nothing ever blocking a loop,
 * loops beyond one per core only add context switches. The harness gives both runtimes the same count
 * when it compares them.
 *
 * <p>Option {@code nio.injectDelayNanos} (0..1,000,000,000, default 0) burns that many nanoseconds of CPU on
 * the loop thread before every echo write and after every sleep wake-up ({@link InjectedDelay}), holding up
 * everything else on that loop meanwhile, as a slower implementation would: it exists only so that CI can
 * prove the compare step flags a slowed runtime.
 */
public final class NioRuntimeProvider implements AsyncRuntimeProvider {

    static final String LOOPS = "nio.loops";
    static final int MAX_LOOPS = 256;
    /** A deliberate slowdown, in microseconds: only for proving the compare step works. */
    static final String INJECT_DELAY = InjectedDelay.optionKey(NioRuntime.ID);

    @Override
    public String id() {
        return NioRuntime.ID;
    }

    @Override
    public String summary() {
        return "N java.nio selector loops, non-blocking I/O and timers, callbacks";
    }

    @Override
    public Availability availability() {
        return Availability.yes(); // plain java.nio: any JDK 17+
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(LOOPS, INJECT_DELAY);
    }

    @Override
    public void checkOptions(RuntimeOptions options) {
        options.requireOnly(id(), optionKeys());
        loops(options);
        InjectedDelay.fromOptions(options, id());
    }

    @Override
    public AsyncRuntime create(RuntimeOptions options) {
        checkOptions(options);
        return new NioRuntime(loops(options), InjectedDelay.fromOptions(options, id()));
    }

    private static int loops(RuntimeOptions options) {
        int defaultLoops = Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors());
        return options.intIn(LOOPS, defaultLoops, 1, MAX_LOOPS);
    }

    @Override
    public LaunchSpec launch() {
        return LaunchSpec.baseline("loop-nio");
    }
}
