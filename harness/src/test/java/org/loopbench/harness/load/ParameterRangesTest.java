package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.harness.launch.Preflight;

/** The read buffer's range is EchoServerConfig's: refused here by name, before a fork would refuse it. */
class ParameterRangesTest {

    @Test
    void theReadBufferTakesExactlyTheRangeAnEchoServerAccepts() {
        assertEquals(64, ParameterRanges.readBuffer(64));
        assertEquals(1 << 20, ParameterRanges.readBuffer(1 << 20));
        assertEquals(EchoServerConfig.DEFAULT_READ_BUFFER_BYTES,
                ParameterRanges.readBuffer(EchoServerConfig.DEFAULT_READ_BUFFER_BYTES));
        new EchoServerConfig(java.net.InetAddress.getLoopbackAddress(), 0, 1, EchoServerConfig.MIN_READ_BUFFER_BYTES);
        new EchoServerConfig(java.net.InetAddress.getLoopbackAddress(), 0, 1, EchoServerConfig.MAX_READ_BUFFER_BYTES);
    }

    @Test
    void aReadBufferOutOfRangeIsNamedWithItsRange() {
        assertEquals("readBuffer = 63 is out of range [64, 1,048,576]",
                assertThrows(IllegalArgumentException.class, () -> ParameterRanges.readBuffer(63)).getMessage());
        assertEquals("readBuffer = 1,048,577 is out of range [64, 1,048,576]",
                assertThrows(IllegalArgumentException.class, () -> ParameterRanges.readBuffer((1 << 20) + 1)).getMessage());
        assertEquals("readBuffer = 0 is out of range [64, 1,048,576]",
                assertThrows(IllegalArgumentException.class, () -> ParameterRanges.readBuffer(0)).getMessage());
    }

    @Test
    void preflightChecksEveryReadBufferOfAJmhCommandLine() {
        Preflight.jmhCommandLine(java.util.List.of("Echo", "-p", "readBuffer=1024,16384"));
        assertEquals("readBuffer = 32 is out of range [64, 1,048,576]", assertThrows(IllegalArgumentException.class,
                () -> Preflight.jmhCommandLine(java.util.List.of("Echo", "-p", "readBuffer=1024,32"))).getMessage());
        assertEquals("readBuffer = '1k' is not a whole number", assertThrows(IllegalArgumentException.class,
                () -> Preflight.checkParameter("readBuffer", "1k")).getMessage());
    }
}
