package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every echoed byte is verified: a server that corrupts, adds or drops bytes is caught and counted. */
class VerificationTest {

    @ParameterizedTest
    @CsvSource({"CORRUPT, MISMATCH", "EXTRA_BYTE, EXCESS", "CLOSE, EOF"})
    void faultsAreCountedNeverDropped(SyntheticEchoServer.Fault fault, ErrorKind expected) throws Exception {
        try (SyntheticEchoServer server = new SyntheticEchoServer()) {
            LoadSpec spec = LoadSpec.saturation(server.address(), 3, 100, 1).withMessageTimeout(Duration.ofSeconds(5));
            try (LoadGenerator g = LoadGenerator.connect(spec, Duration.ofSeconds(10))) {
                g.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (g.completed() < 100 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(0, g.errorCount(), "a correct echo gives no errors");
                server.inject(fault);
                while (g.openConnections() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                LoadSnapshot s = g.snapshot();
                assertEquals(3L, s.errorsTotal().get(expected), "errors: " + s.errorsTotal());
                assertEquals(0, s.openConnections());
                assertTrue(s.errorCountTotal() == 3, "only the injected fault is counted: " + s.errorsTotal());
            }
        }
    }
}
