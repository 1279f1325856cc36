package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * When one source address's ephemeral ports cannot hold the connections, the generator spreads them over
 * 127.0.0.1, 127.0.0.2, ...; forced here with a small count so the test needs no 30,000 sockets.
 */
class SourceAddressTest {

    @Test
    void connectionsAreSpreadOverLoopbackSourceAddresses() throws Exception {
        try (SyntheticEchoServer server = new SyntheticEchoServer()) {
            LoadSpec spec = LoadSpec.saturation(server.address(), 6, 64, 1).withSourceAddresses(3);
            try (LoadGenerator g = LoadGenerator.connect(spec, Duration.ofSeconds(10))) {
                assertEquals(6, g.connected());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (server.clientAddresses().size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(Set.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"),
                        InetAddress.getByName("127.0.0.3")), server.clientAddresses());
            }
        }
    }
}
