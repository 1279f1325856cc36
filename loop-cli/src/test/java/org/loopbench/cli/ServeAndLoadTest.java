package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.loopbench.api.Runtimes;

/** serve and load: bad input is one clear line and exit 2, never a stack trace. */
class ServeAndLoadTest {

    @Test
    void serveNamesTheKnownRuntimesForAnUnknownOne() {
        String m = Cli.badInput("serve", "--runtime", "nosuch", "--port", "0");
        assertTrue(m.contains("unknown runtime 'nosuch'"), m);
        Runtimes.installed().ids().forEach(id -> assertTrue(m.contains(id), m));
    }

    @Test
    void serveSaysThePortIsBusy() throws Exception {
        String first = Runtimes.installed().ids().get(0);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String m = Cli.badInput("serve", "--runtime", first, "--port", String.valueOf(busy.getLocalPort()),
                    "--duration", "1s");
            assertTrue(m.contains(String.valueOf(busy.getLocalPort())) && m.toLowerCase().contains("in use"), m);
        }
    }

    @Test
    void serveRefusesToListenBeyondLoopbackUnlessAllowed() {
        String first = Runtimes.installed().ids().get(0);
        assertTrue(Cli.badInput("serve", "--runtime", first, "--bind", "0.0.0.0").contains("--allow-remote"));
    }

    @Test
    void serveListsTheRuntimes() {
        Cli c = Cli.run("serve", "--list");
        assertEquals(0, c.status, c.err);
        Runtimes.installed().ids().forEach(id -> assertTrue(c.out.contains(id), c.out));
    }

    @Test
    void loadRejectsOutOfRangeValues() {
        assertTrue(Cli.badInput("load", "--target", "127.0.0.1:9", "--connections", "2000000")
                .contains("connections = 2,000,000 is out of range [1, 1,000,000]"));
        assertTrue(Cli.badInput("load", "--target", "127.0.0.1:9", "--payload", "65536")
                .contains("payload = 65,536 is out of range"));
        assertTrue(Cli.badInput("load", "--target", "127.0.0.1:9", "--mode", "fixed").contains("needs --rate"));
        assertTrue(Cli.badInput("load", "--target", "127.0.0.1:9", "--mode", "sometimes").contains("saturation, fixed"));
        assertTrue(Cli.badInput("load", "--target", "127.0.0.1:9", "--duration", "soon").contains("not a duration"));
        assertTrue(Cli.badInput("load", "--target", "127.0.0.1:9", "--duration", "10ms").contains("out of range"));
    }

    @Test
    void loadExplainsTargetsAndOptions() {
        assertTrue(Cli.badInput("load", "--connections", "10").contains("missing --target"));
        assertTrue(Cli.badInput("load", "--target", "localhost").contains("not host:port"));
        assertTrue(Cli.badInput("load", "--target", "192.0.2.1:9000").contains("--allow-remote"));
        assertTrue(Cli.badInput("load", "--target", "127.0.0.1:9", "--conections", "10").contains("--conections"));
    }

    @Test
    void loadSaysWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String m = Cli.badInput("load", "--target", "127.0.0.1:" + port, "--connections", "2", "--duration", "1s");
        assertTrue(m.contains("could not connect") && m.contains("0 of 2"), m);
    }

    /**
     * Fuzz findings: "--duration 99999999999999h" overflowed once the server was up (exit 1, a Java message),
     * "-5s" stopped at the first report; "--max-connections -1" was taken. All refused before the runtime starts.
     */
    @Test
    void serveRefusesDurationsAndCountsItCannotKeep() {
        String first = Runtimes.installed().ids().get(0);
        assertEquals("Invalid value for option '--duration': '99999999999999h' is too long (at most 292 years)",
                Cli.badInput("serve", "--runtime", first, "--duration", "99999999999999h"));
        assertEquals("--duration 1000h is out of range [100ms, 24h]", Cli.badInput("serve", "--runtime", first, "--duration", "1000h"));
        assertEquals("--duration -5s is out of range [100ms, 24h]", Cli.badInput("serve", "--runtime", first, "--duration", "-5s"));
        assertEquals("--max-connections = -1 is out of range [1, 2,147,483,647]",
                Cli.badInput("serve", "--runtime", first, "--max-connections", "-1"));
    }

    /** The read buffer's range is EchoServerConfig's, refused by the option's name before the runtime starts. */
    @Test
    void serveRefusesAReadBufferNoServerTakes() {
        String first = Runtimes.installed().ids().get(0);
        assertEquals("--read-buffer = 63 is out of range [64, 1,048,576]",
                Cli.badInput("serve", "--runtime", first, "--read-buffer", "63"));
        assertEquals("--read-buffer = 1,048,577 is out of range [64, 1,048,576]",
                Cli.badInput("serve", "--runtime", first, "--read-buffer", "1048577"));
        assertTrue(Cli.badInput("serve", "--runtime", first, "--read-buffer", "16k").contains("'16k'"));
    }

    /** An address that cannot be one is refused as such, before any name lookup. */
    @Test
    void serveRefusesWhatCannotBeAnAddress() {
        String first = Runtimes.installed().ids().get(0);
        assertEquals("--bind 'a b' is not a host name or address", Cli.badInput("serve", "--runtime", first, "--bind", "a b"));
    }

    /** Fuzz finding: serve took any option value and refused it only once it created the runtime. */
    @Test
    void serveChecksTheRuntimesOptionsBeforeStartingIt() {
        assertEquals("option nio.loops=x is not a whole number",
                Cli.badInput("serve", "--runtime", "nio", "--options", "nio.loops=x"));
    }

    @Test
    void loadNamesRangesAsTheyAreTyped() {
        assertEquals("--interval 5ms is out of range [100ms, 10m]",
                Cli.badInput("load", "--target", "127.0.0.1:9", "--interval", "5ms"));
    }
}
