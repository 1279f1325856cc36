package org.loopbench.virtual;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeUnavailableException;
import org.loopbench.api.support.InjectedDelay;

/**
 * Runtime id {@code virtual}. Compiled for Java 17 (see the pom) so that it loads everywhere and answers
 * "needs JDK 21+" on older JVMs; the runtime itself ({@link VirtualThreads}) is Java 21 and is only
 * touched, by name, once availability is known.
 *
 * <p>Option {@code virtual.injectDelayNanos} (0..1,000,000,000, default 0) burns that many nanoseconds of CPU,
 * on the virtual thread doing the work (so its carrier too), before every echo write and after every sleep
 * wake-up ({@link InjectedDelay}): it exists only so that CI can prove the compare step flags a slowed
 * runtime.
 */
public final class VirtualThreadsProvider implements AsyncRuntimeProvider {

    static final int REQUIRED_FEATURE = 21;
    /** A deliberate slowdown, in microseconds: only for proving the compare step works. */
    static final String INJECT_DELAY = InjectedDelay.optionKey("virtual");

    @Override
    public String id() {
        return "virtual";
    }

    @Override
    public String summary() {
        return "one virtual thread per connection and per task, blocking I/O";
    }

    @Override
    public Availability availability() {
        int feature = Runtime.version().feature();
        return feature >= REQUIRED_FEATURE
                ? Availability.yes()
                : Availability.no("needs JDK " + REQUIRED_FEATURE + "+ (virtual threads), this JVM is " + Runtime.version());
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(INJECT_DELAY);
    }

    /** Needs no JDK 21: it only reads the values ({@link VirtualThreads#create} reads them the same way). */
    @Override
    public void checkOptions(RuntimeOptions options) {
        options.requireOnly(id(), optionKeys());
        InjectedDelay.fromOptions(options, id());
    }

    @Override
    public AsyncRuntime create(RuntimeOptions options) {
        Availability a = availability();
        if (!a.available()) {
            throw new RuntimeUnavailableException("runtime 'virtual' is unavailable: " + a.reason());
        }
        checkOptions(options);
        try {
            return (AsyncRuntime) Class.forName("org.loopbench.virtual.VirtualThreads")
                    .getMethod("create", RuntimeOptions.class).invoke(null, options);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("loop-virtual is incomplete: " + e, e);
        }
    }

    /** The blocking code of loop-threads, run on virtual threads: the report shows that module's code. */
    @Override
    public LaunchSpec launch() {
        return new LaunchSpec(REQUIRED_FEATURE, false, "virtual threads need 21", List.of(), "loop-threads",
                "the same code as threads: loop-threads runs it on virtual threads");
    }
}
