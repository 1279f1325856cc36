package org.loopbench.harness.bench;

import org.loopbench.harness.load.LoadMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Echo under closed-loop load: every connection sends its next message as soon as the echo of the last
 * one has fully arrived. Score: messages per second (primary). The latency percentiles are reported but
 * are mostly queueing (about connections / throughput) and hide stalls by construction: use
 * {@link EchoFixedRate} for latency claims.
 *
 * <pre>java -jar harness/target/benchmarks.jar EchoSaturation -p connections=100,10000 -p payload=64</pre>
 */
public class EchoSaturation extends EchoBenchmark {

    @Override
    protected LoadMode loadMode() {
        return LoadMode.SATURATION;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void messages() throws InterruptedException {
        awaitBatch();
    }
}
