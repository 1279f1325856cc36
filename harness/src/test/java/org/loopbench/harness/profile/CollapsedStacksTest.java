package org.loopbench.harness.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CollapsedStacksTest {

    @Test
    void selfTimeIsWhereEachStackEnds() {
        CollapsedStacks s = CollapsedStacks.parse(List.of(
                "java/lang/Thread.run;a/Loop.run;sun/nio/ch/EPoll.wait 60",
                "java/lang/Thread.run;a/Loop.run;a/Loop.echo;sun/nio/ch/IOUtil.write 30",
                "java/lang/Thread.run;b/Other.run;sun/nio/ch/EPoll.wait 6",
                "java/lang/Thread.run;a/Loop.run 4",
                "not a stack line",
                ""));
        assertEquals(100, s.total());
        assertEquals(List.of(new CollapsedStacks.Frame("sun/nio/ch/EPoll.wait", 0.66),
                new CollapsedStacks.Frame("sun/nio/ch/IOUtil.write", 0.30)), s.topSelf(2));
        assertEquals(3, s.topSelf(10).size(), "three distinct leaves");
    }

    @Test
    void anEmptyProfileHasNoFrames() {
        assertEquals(List.of(), CollapsedStacks.parse(List.of()).topSelf(3));
    }

    @Test
    void anAllocationSiteIsTheFrameBeforeTheTypeAllocated() {
        CollapsedStacks s = CollapsedStacks.parse(List.of(
                "java/lang/Thread.run;org/loopbench/nio/Loop.read;java/nio/ByteBuffer.allocate;byte[]_[i] 700",
                "java/lang/Thread.run;org/loopbench/nio/Loop.read;java/nio/ByteBuffer.allocate;byte[]_[k] 100",
                "java/lang/Thread.run;org/loopbench/nio/Loop.accept;java/nio/HeapByteBuffer_[i] 200"));
        assertEquals(List.of(new CollapsedStacks.Frame("byte[] in java/nio/ByteBuffer.allocate", 0.8),
                new CollapsedStacks.Frame("java/nio/HeapByteBuffer in org/loopbench/nio/Loop.accept", 0.2)),
                s.topAllocationSites(3));
    }

    /** Whose a stack is follows its innermost loopbench or JMH frame, not who started the thread. */
    @Test
    void theHarnessShareIsStacksWhoseInnermostOwnFrameIsTheHarnesss() {
        CollapsedStacks s = CollapsedStacks.parse(List.of(
                // the fork reading the generator's progress: the harness's own
                "java/lang/Thread.run;org/loopbench/harness/load/GeneratorProcess.readReplies;java/lang/String.split;byte[]_[i] 30",
                // the benchmark method calling into the runtime: the runtime's
                "org/openjdk/jmh/runner/BenchmarkHandler.call;org/loopbench/harness/bench/SleepBenchmark.run;"
                        + "org/loopbench/virtual/VirtualRuntime.spawn;java/lang/VirtualThread.<init>;java/lang/VirtualThread_[i] 50",
                // a runtime's own thread without any loopbench frame: the runtime's
                "java/lang/Thread.run;io/netty/channel/nio/NioEventLoop.run;byte[]_[i] 20"));
        assertEquals(0.3, s.harnessShare(), 1e-12);
        assertEquals(0, CollapsedStacks.parse(List.of()).harnessShare());
    }
}
