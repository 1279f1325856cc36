package org.loopbench.faults;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;
import org.loopbench.api.support.MachineLimits;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.faults.FaultyRuntimeProvider.Fault;

/** {@code nio}, with the fault {@link FaultyRuntimeProvider} chose for this fork's benchmark (or none). */
final class FaultyRuntime implements AsyncRuntime {

    /** Descriptors left to the server when they run out: fewer than the connections the matrix opens. */
    static final int FREE_DESCRIPTORS = 30;

    private final AsyncRuntime delegate;
    private final Fault fault;
    private final List<InputStream> held = new ArrayList<>();

    FaultyRuntime(AsyncRuntime delegate, Fault fault) {
        this.delegate = delegate;
        this.fault = fault;
    }

    @Override
    public String id() {
        return FaultyRuntimeProvider.ID;
    }

    @Override
    public void start() {
        delegate.start();
        if (fault == Fault.DESCRIPTORS_RUN_OUT) {
            holdAllDescriptorsBut(FREE_DESCRIPTORS);
        }
    }

    /**
     * Opens /dev/null until only {@code free} descriptors are left under the process's limit, after every
     * pre-flight check has passed: the limit is then reached while the load generator connects.
     */
    private void holdAllDescriptorsBut(int free) {
        long limit = MachineLimits.openFilesLimit().orElseThrow();
        long open = MachineLimits.openFiles().orElseThrow();
        try {
            for (long k = open; k < limit - free; k++) {
                held.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not hold descriptors: " + e.getMessage(), e);
        }
    }

    @Override
    public RuntimeDescription describe() {
        return delegate.describe();
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return delegate.startEchoServer(config);
    }

    @Override
    public SleepReport runSleepers(SleepWorkload workload, LatenessRecorder recorder)
            throws InterruptedException, TimeoutException {
        return delegate.runSleepers(workload, recorder);
    }

    @Override
    public Coordination coordination() {
        return delegate.coordination();
    }

    @Override
    public RuntimeResources resources() {
        return delegate.resources();
    }

    @Override
    public void close() {
        if (fault == Fault.CLOSE_HANGS) {
            hangForever(); // before the delegate closes: its loop thread and listening port stay
        }
        for (InputStream in : held) {
            try {
                in.close();
            } catch (IOException ignored) {
                // /dev/null
            }
        }
        delegate.close();
    }

    private static void hangForever() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // a hung close ignores interrupts too
                }
            }
        }
    }
}
