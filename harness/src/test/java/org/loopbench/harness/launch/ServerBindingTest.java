package org.loopbench.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerBindingTest {

    @Test
    void loopbackIsTheDefaultAndPassesNothing() {
        assertEquals(Map.of(), ServerBinding.loopback().forkProperties());
        assertEquals(Map.of(), ServerBinding.parse("--server-address", "127.0.0.1", false).forkProperties());
        assertEquals(Map.of(ServerBinding.PROPERTY, "127.0.0.2"),
                ServerBinding.parse("--server-address", "127.0.0.2", false).forkProperties());
    }

    @Test
    void anotherAddressNeedsAllowRemote() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerBinding.parse("--server-address", "198.18.0.1", false));
        assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());
    }

    @Test
    void aWildcardOrAForeignAddressIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerBinding.parse("--server-address", "0.0.0.0", true))
                .getMessage().contains("wildcard"));
        // 198.51.100.7 (TEST-NET-2) is on no interface of a machine that runs this test
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ServerBinding.parse("--server-address", "198.51.100.7", true)).getMessage()
                .contains("not an address of this machine"));
        assertThrows(IllegalArgumentException.class, () -> ServerBinding.parse("--server-address", "no such host!", true));
    }
}
