package org.loopbench.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoStats;

/**
 * The registry's rules, each driven deterministically: the race with {@code close()} is staged inside the
 * starter, between the registry's first "is the runtime running?" check and the server's registration,
 * which is exactly where a real {@code close()} on another thread can land.
 */
class EchoServerRegistryTest {

    /** A server that only counts its closes and reports the first one, as real servers do. */
    static final class FakeServer implements EchoServer {
        private final Consumer<? super FakeServer> onClosed;
        int closes;

        FakeServer(Consumer<? super FakeServer> onClosed) {
            this.onClosed = onClosed;
        }

        @Override
        public InetSocketAddress address() {
            return null;
        }

        @Override
        public EchoStats stats() {
            return new EchoStats(3, 2, 0, 0);
        }

        @Override
        public void close() {
            if (closes++ == 0) {
                onClosed.accept(this);
            }
        }
    }

    @Test
    void refusesBeforeStartKeepsLiveServersAndClosesThemAll() throws Exception {
        Lifecycle lifecycle = new Lifecycle("test");
        EchoServerRegistry<FakeServer> registry = new EchoServerRegistry<>(lifecycle);
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> registry.start(FakeServer::new));
        assertTrue(early.getMessage().contains("not started"), early.getMessage());

        lifecycle.start();
        FakeServer a = registry.start(FakeServer::new);
        FakeServer b = registry.start(FakeServer::new);
        assertEquals(2, registry.count());
        assertEquals(4, registry.openConnections(), "the sum of the live servers' open connections");

        a.close();
        assertEquals(1, registry.count(), "a server that closed itself leaves the registry");
        lifecycle.close();
        registry.closeAll();
        assertEquals(0, registry.count());
        assertEquals(1, b.closes);
    }

    @Test
    void aServerStartedWhileCloseRunsIsClosedAndTheStartFails() {
        Lifecycle lifecycle = new Lifecycle("test");
        EchoServerRegistry<FakeServer> registry = new EchoServerRegistry<>(lifecycle);
        lifecycle.start();
        FakeServer[] made = new FakeServer[1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.start(onClosed -> {
            made[0] = new FakeServer(onClosed);
            lifecycle.close();    // close() lands here, after the check...
            registry.closeAll();  // ...and sweeps before the new server is registered
            return made[0];
        }));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertEquals(1, made[0].closes, "the late server must not outlive its runtime");
        assertEquals(0, registry.count());
    }

    @Test
    void aStarterThatFailsBecauseTheRuntimeClosedSaysSo() {
        Lifecycle lifecycle = new Lifecycle("test");
        EchoServerRegistry<FakeServer> registry = new EchoServerRegistry<>(lifecycle);
        lifecycle.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.start(onClosed -> {
            lifecycle.close();
            throw new IllegalStateException("the loop has ended");
        }));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    @Test
    void aStarterFailureOfAnotherKindIsPassedOnAsItIs() {
        Lifecycle lifecycle = new Lifecycle("test");
        EchoServerRegistry<FakeServer> registry = new EchoServerRegistry<>(lifecycle);
        lifecycle.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.start(onClosed -> {
            throw new IllegalStateException("the loop has ended");
        }));
        assertEquals("the loop has ended", e.getMessage());
    }
}
