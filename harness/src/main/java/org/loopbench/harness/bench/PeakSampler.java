package org.loopbench.harness.bench;

import org.loopbench.harness.launch.CpuLayout;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.harness.results.ProcessStats;
import org.loopbench.harness.results.ServerProcess;

/**
 * Samples this process's RSS and kernel threads, and the runtime's own count of live threads (which,
 * unlike the kernel's, includes virtual threads and fibers), every 20 ms, keeping the peaks. Peaks
 * between samples can be missed; VmHWM (the kernel's exact RSS peak) is reported alongside.
 */
final class PeakSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 20;

    private final AsyncRuntime runtime;
    private final ServerProcess server;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakRssBytes;
    private volatile long peakThreads;
    private volatile long peakRuntimeThreads;

    PeakSampler(AsyncRuntime runtime) {
        this.runtime = runtime;
        this.server = ServerProcess.of(runtime);
        sample();
        thread = new Thread(this::loop, "loopbench-harness-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        CpuLayout.moveHarnessThreadToClientCpus(); // a sample is the harness's work, not the server's
        while (running) {
            sample();
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        ProcessStats.Snapshot s = server.now();
        peakRssBytes = Math.max(peakRssBytes, s.rssBytes());
        peakThreads = Math.max(peakThreads, s.threads());
        if (runtime.childProcesses().isEmpty()) {
            // a reference runtime starts no thread in this JVM, and asking it would cost its child a
            // question 50 times a second: its threads are the kernel's count above
            peakRuntimeThreads = Math.max(peakRuntimeThreads, runtime.resources().threads());
        }
    }

    double peakRssMiB() {
        return peakRssBytes / (1024.0 * 1024.0);
    }

    long peakThreads() {
        return peakThreads;
    }

    long peakRuntimeThreads() {
        return peakRuntimeThreads;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
