package org.loopbench.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sun/nio/ch/EPoll.wait | EPoll.wait",
            "io/netty/channel/nio/NioEventLoop$1.run | NioEventLoop$1.run",
            "java/lang/invoke/LambdaForm$MH/0x00007f.invoke | LambdaForm$MH/0x00007f.invoke",
            "a/b/c.d | c.d",
            "java.lang.String | String",
            "java.util.HashMap$Node[] | HashMap$Node[]",
            "byte[] in java/util/Arrays.copyOfRange | byte[] in Arrays.copyOfRange",
            "java.lang.String in org/loopbench/harness/Progress.read | String in Progress.read",
            "G1CollectedHeap::do_collection_pause(unsigned long, GCCause::Cause) | G1CollectedHeap::do_collection_pause()",
            "epoll_wait | epoll_wait",
            "__x64_sys_epoll_wait_[k] | __x64_sys_epoll_wait_[k]",
            "libc.so.6 | libc.so.6",
            "[unknown] | [unknown]",
            "EventLoop.run | EventLoop.run"})
    void onlyThePackageIsDropped(String frame, String shown) {
        assertEquals(shown, FrameName.shorten(frame));
    }
}
