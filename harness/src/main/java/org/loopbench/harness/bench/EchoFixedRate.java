package org.loopbench.harness.bench;

import org.loopbench.harness.load.LoadMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Echo under open-loop load at a fixed total rate: latency is measured from each message's intended
 * send time, so a server stall lands in the tail (see {@link LoadMode#FIXED_RATE}). The primary score is
 * the achieved rate (messages per second); it should equal {@code rate}, and the sidecar flags
 * {@code rateShortfall} when any measurement iteration fell more than 5% short. The latency
 * percentiles (secondary metrics) are the point of this benchmark.
 *
 * <pre>java -jar harness/target/benchmarks.jar EchoFixedRate -p connections=10000 -p rate=20000</pre>
 */
public class EchoFixedRate extends EchoBenchmark {

    /** Messages per second over all connections, 1..2,000,000. */
    @Param({"20000"})
    public int rate;

    @Override
    protected LoadMode loadMode() {
        return LoadMode.FIXED_RATE;
    }

    @Override
    protected int targetRate() {
        return rate;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void messages() throws InterruptedException {
        awaitBatch();
    }
}
