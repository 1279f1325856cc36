package org.loopbench.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeUnavailableException;
import org.loopbench.api.Runtimes;

/**
 * The unavailable-transport path for real: the pom runs this class alone in a JVM started with
 * {@code -Dio.netty.transport.noNative=true}, where Netty itself reports epoll and io_uring unavailable
 * (on machines where both work, as on the one this was written on, there is no other way to see it).
 */
class NoNativeTransportTest {

    static final String EXPECTED_CAUSE = "Native transport was explicit disabled with -Dio.netty.transport.noNative=true";

    @BeforeAll
    static void onlyInTheNoNativeJvm() {
        // Selected by hand (-Dtest) in an ordinary JVM it would prove nothing: skipped, saying so.
        Assumptions.assumeTrue("true".equals(System.getProperty("io.netty.transport.noNative")),
                "runs only in the pom's no-native-transports execution (-Dio.netty.transport.noNative=true)");
    }

    @Test
    void anExplicitlyRequestedUnavailableTransportFailsWithNettysReason() {
        for (String transport : new String[] {"epoll", "io_uring"}) {
            RuntimeUnavailableException e = assertThrows(RuntimeUnavailableException.class, () -> Runtimes.installed()
                    .create("netty", RuntimeOptions.of(Map.of("netty.transport", transport))));
            assertTrue(e.getMessage().startsWith("Netty transport netty.transport=" + transport
                    + " is unavailable on this machine: "), e.getMessage());
            assertTrue(e.getMessage().contains(EXPECTED_CAUSE), e.getMessage());
        }
    }

    @Test
    void autoFallsBackToNioAndRecordsWhy() {
        try (AsyncRuntime r = Runtimes.installed().create("netty", RuntimeOptions.NONE)) {
            Map<String, String> s = r.describe().settings();
            assertEquals("auto -> nio", s.get("netty.transport"));
            String skipped = s.get("netty.transport.skipped");
            assertTrue(skipped.startsWith("io_uring unavailable: "), skipped);
            assertTrue(skipped.contains("; epoll unavailable: "), skipped);
            assertTrue(skipped.contains(EXPECTED_CAUSE), skipped);
        }
    }

    /** What the contract subclasses' {@link ForTransport} assumption reads (the pom also runs them here: skipped). */
    @Test
    void nativeTransportsReportNettysReason() {
        assertFalse(Transport.EPOLL.availability().available());
        assertTrue(Transport.IO_URING.availability().reason().contains(EXPECTED_CAUSE));
    }
}
