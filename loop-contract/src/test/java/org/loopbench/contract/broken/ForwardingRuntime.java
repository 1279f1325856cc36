package org.loopbench.contract.broken;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.LatenessRecorder;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeResources;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;

/** A correct runtime ({@link PlainRuntime}) under another id; each broken runtime overrides one behaviour. */
class ForwardingRuntime implements AsyncRuntime {

    final PlainRuntime delegate;
    private final String id;

    ForwardingRuntime(String id) {
        this.id = id;
        this.delegate = new PlainRuntime(id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public RuntimeDescription describe() {
        RuntimeDescription d = delegate.describe();
        return new RuntimeDescription(id, d.model(), d.jdk(), d.transport(), d.threads(), d.settings());
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
    public org.loopbench.api.tasks.Coordination coordination() {
        return delegate.coordination();
    }

    @Override
    public RuntimeResources resources() {
        return delegate.resources();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
