package org.loopbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.loopbench.harness.Main;

/** Bad input gets one clear line and exit status 2, never a stack trace. */
class CommandLineErrorsTest {

    private interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    private static String fails(Command c, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = c.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, "exit status; stderr: " + message + " stdout: " + out);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), "no stack trace: " + message);
        return message;
    }

    @Test
    void serveNamesTheKnownRuntimesForAnUnknownOne() throws Exception {
        String m = fails(Serve::run, "--runtime", "nosuch", "--port", "0");
        assertTrue(m.contains("unknown runtime 'nosuch'") && m.contains("threads") && m.contains("virtual"), m);
    }

    @Test
    void serveSaysThePortIsBusy() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String m = fails(Serve::run, "--runtime", "threads", "--port", String.valueOf(busy.getLocalPort()),
                    "--duration", "1s");
            assertTrue(m.contains(String.valueOf(busy.getLocalPort())) && m.toLowerCase().contains("in use"), m);
        }
    }

    @Test
    void serveRefusesToListenBeyondLoopbackUnlessAllowed() throws Exception {
        String m = fails(Serve::run, "--runtime", "threads", "--bind", "0.0.0.0");
        assertTrue(m.contains("--allow-remote"), m);
    }

    @Test
    void loadRejectsOutOfRangeValues() throws Exception {
        assertTrue(fails(Load::run, "--target", "127.0.0.1:9", "--connections", "20000")
                .contains("connections = 20,000 is out of range [1, 10,000]"));
        assertTrue(fails(Load::run, "--target", "127.0.0.1:9", "--payload", "65536")
                .contains("payload = 65,536 is out of range"));
        assertTrue(fails(Load::run, "--target", "127.0.0.1:9", "--mode", "fixed").contains("needs --rate"));
        assertTrue(fails(Load::run, "--target", "127.0.0.1:9", "--mode", "sometimes").contains("saturation, fixed"));
        assertTrue(fails(Load::run, "--target", "127.0.0.1:9", "--duration", "soon").contains("not a duration"));
    }

    @Test
    void loadExplainsTargetsAndOptions() throws Exception {
        assertTrue(fails(Load::run, "--connections", "10").contains("missing --target"));
        assertTrue(fails(Load::run, "--target", "localhost").contains("not host:port"));
        assertTrue(fails(Load::run, "--target", "192.0.2.1:9000").contains("--allow-remote"));
        assertTrue(fails(Load::run, "--target", "127.0.0.1:9", "--conections", "10").contains("unknown option(s) [conections]"));
    }

    @Test
    void loadSaysWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String m = fails(Load::run, "--target", "127.0.0.1:" + port, "--connections", "2", "--duration", "1s");
        assertTrue(m.contains("could not connect") && m.contains("0 of 2"), m);
    }

    @Test
    void launcherChecksBenchmarkParametersBeforeRunning() throws Exception {
        assertTrue(fails(Main::run, "Echo", "-p", "connections=20000").contains("connections = 20,000 is out of range"));
        assertTrue(fails(Main::run, "Sleep", "-p", "tasks=0").contains("tasks = 0 is out of range"));
        assertTrue(fails(Main::run, "Echo", "-p", "payload=lots").contains("not a whole number"));
        assertTrue(fails(Main::run, "-nosuchoption").contains("cannot parse the command line"));
    }
}
