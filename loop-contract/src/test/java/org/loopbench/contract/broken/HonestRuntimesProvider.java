package org.loopbench.contract.broken;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.Capability;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.tasks.Coordination;

/**
 * The self-test's runtimes that are not broken, registered only on the test class path: {@link PlainRuntime}
 * itself (the control every broken runtime is compared with), and one that honestly offers echo only.
 */
public abstract class HonestRuntimesProvider extends SelfTestRuntimeProvider {

    /** The control: {@link PlainRuntime} as it is. */
    public static final class Plain extends HonestRuntimesProvider {
        @Override
        public String id() {
            return "plain";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new PlainRuntime(id());
        }
    }

    /** Declares echo only, and indeed offers nothing else: the kit must skip the rest, saying why. */
    public static final class EchoOnly extends HonestRuntimesProvider {
        @Override
        public String id() {
            return "echo-only";
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.ECHO);
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public SleepReport runSleepers(SleepWorkload workload, LatenessRecorder recorder)
                        throws InterruptedException, TimeoutException {
                    throw new UnsupportedOperationException("runtime '" + id() + "' has no sleep workload");
                }

                @Override
                public Coordination coordination() {
                    throw new UnsupportedOperationException("runtime '" + id() + "' has no coordination primitives");
                }
            };
        }
    }
}
