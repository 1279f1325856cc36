package org.loopbench.contract.broken;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.CompletableTask;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;

/**
 * Deliberately broken runtimes, registered only on the test class path: each is {@link PlainRuntime}
 * made wrong in exactly one way the contract kit claims to catch. The kit's own test,
 * {@link ContractKitCatchesBrokenRuntimesTest}, runs the kit against them and expects the matching rule to fail.
 */
public abstract class BrokenRuntimesProvider extends SelfTestRuntimeProvider {

    /** Reads without limit from a client that never reads back. */
    public static final class NoBackpressure extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-no-backpressure";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
                    return delegate.startEchoServer(config, ThreadPerConnectionEchoServer.Flaw.NO_BACKPRESSURE);
                }
            };
        }
    }

    /** Flips one bit in each connection's echo. */
    public static final class CorruptsBytes extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-corrupts-bytes";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
                    return delegate.startEchoServer(config, ThreadPerConnectionEchoServer.Flaw.CORRUPTS_BYTES);
                }
            };
        }
    }

    /**
     * Its timers "fire" a whole sleep early (lateness reported as if no time had been slept), so most
     * lateness values come out negative, however slowly the platform threads leave the start gate.
     */
    public static final class WakesEarly extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-wakes-early";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public SleepReport runSleepers(SleepWorkload w, LatenessRecorder recorder)
                        throws InterruptedException, TimeoutException {
                    return delegate.runSleepers(w, lateness -> recorder.record(lateness - w.sleepNanos()));
                }
            };
        }
    }

    /**
     * A start gate that lets its tasks go one after another, 200 us apart (a CountDownLatch releases
     * platform threads about 320 us apart): the first deadline is one D, but with 10,000 tasks the last
     * reaches its first sleep 2 s after the first, long after the early ones woke from theirs.
     */
    public static final class ReleasesOneByOne extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-releases-one-by-one";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public SleepReport runSleepers(SleepWorkload w, LatenessRecorder recorder)
                        throws InterruptedException, TimeoutException {
                    return delegate.runSleepers(w, recorder, java.time.Duration.ofNanos(200_000));
                }
            };
        }
    }

    /**
     * Dates each task's first sleep from the task's own start instead of the run's one deadline (the
     * coordinated-omission trap: a task that started late is not late): here, from 1 ms before it woke.
     */
    public static final class OwnFirstDeadline extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-own-first-deadline";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public SleepReport runSleepers(SleepWorkload w, LatenessRecorder recorder)
                        throws InterruptedException, TimeoutException {
                    return delegate.runSleepers(w, new LatenessRecorder() {
                        @Override
                        public void record(long latenessNanos) {
                            recorder.record(latenessNanos);
                        }

                        @Override
                        public void recordFirst(long deadlineNanos, long wokeNanos) {
                            recorder.recordFirst(wokeNanos - 1_000_000, wokeNanos);
                        }
                    });
                }
            };
        }
    }

    /** close() leaves a thread running and resources() claims otherwise. */
    public static final class LeaksAThread extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-leaks-a-thread";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public void close() {
                    super.close();
                    Thread stray = new Thread(() -> {
                        try {
                            Thread.sleep(20_000);
                        } catch (InterruptedException e) {
                            // ended
                        }
                    }, "stray-timer");
                    stray.setDaemon(true);
                    stray.start();
                }

                @Override
                public RuntimeResources resources() {
                    return RuntimeResources.NONE;
                }
            };
        }
    }

    /** Its cancel() reports a task cancelled at once and leaves the work running (a fire-and-forget timer). */
    public static final class IgnoresCancel extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-ignores-cancel";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public Coordination coordination() {
                    Coordination real = delegate.coordination();
                    return new ForwardingCoordination(real) {
                        @Override
                        public <T> Task<T> spawn(Work<T> work) {
                            Task<T> running = real.spawn(work);
                            CompletableTask<T> liar = new CompletableTask<>(); // default cancel: ends only itself
                            running.whenDone(liar::settle);
                            return liar;
                        }
                    };
                }
            };
        }
    }

    /**
     * Declares every workload (the default) and does not offer the coordination primitives: its
     * coordination() is AsyncRuntime's default, which throws. The kit must fail it, not skip it.
     */
    public static final class ClaimsCoordination extends BrokenRuntimesProvider {
        @Override
        public String id() {
            return "broken-claims-coordination";
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            return new ForwardingRuntime(id()) {
                @Override
                public Coordination coordination() {
                    throw new UnsupportedOperationException(
                            "runtime '" + id() + "' does not offer the coordination primitives yet");
                }
            };
        }
    }

}
