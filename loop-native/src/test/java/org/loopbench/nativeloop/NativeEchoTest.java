package org.loopbench.nativeloop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The two C programs, built and run for real: the server echoes what the client sends, byte for byte, at
 * 100 and 10,000 connections; the client notices a server that does not; both stop as documented.
 * Behaviour only: no assertion on a rate.
 */
class NativeEchoTest {

    private static final Pattern STOP_LINE = Pattern.compile("accepted (\\d+), echoed (\\d+) bytes");

    @Test
    void theServerEchoesEveryByteOfAHundredConnections() throws IOException {
        try (NativeEchoServer server = NativeEchoServer.start(1, null)) {
            NativeEchoClient.Result r = NativeEchoClient.run(server.address(), 100, 64, 1,
                    Duration.ofMillis(200), Duration.ofSeconds(1), null);
            assertEquals(100, r.connected());
            assertEquals(0, r.errorCount(), "every echoed byte matched what was sent: " + r.errors());
            assertTrue(r.messages() > 0, "messages went round: " + r);
            assertTrue(r.seconds() > 0.5, "the measured part lasted about the duration: " + r);
            String stop = server.stop();
            assertEquals(0, server.exitValue(), "end of file on stdin is a clean stop");
            Matcher m = STOP_LINE.matcher(stop);
            assertTrue(m.find(), stop);
            assertEquals(100, Long.parseLong(m.group(1)));
            assertTrue(Long.parseLong(m.group(2)) >= r.messages() * 64, "it echoed at least the counted messages: " + stop);
        }
    }

    @Test
    void tenThousandConnectionsAreAllServed() throws IOException {
        try (NativeEchoServer server = NativeEchoServer.start(1, null)) {
            NativeEchoClient.Result r = NativeEchoClient.run(server.address(), 10_000, 64, 1,
                    Duration.ZERO, Duration.ofMillis(300), null);
            assertEquals(10_000, r.connected());
            assertEquals(0, r.errorCount(), r.errors().toString());
            assertTrue(r.messages() > 0, r.toString());
            Matcher m = STOP_LINE.matcher(server.stop());
            assertTrue(m.find());
            assertEquals(10_000, Long.parseLong(m.group(1)));
        }
    }

    @Test
    void largeMessagesThatFillTheSocketBuffersStillComeBackWhole() throws IOException {
        try (NativeEchoServer server = NativeEchoServer.start(2, null)) {
            NativeEchoClient.Result r = NativeEchoClient.run(server.address(), 50, 16 * 1024, 2,
                    Duration.ZERO, Duration.ofMillis(500), null);
            assertEquals(0, r.errorCount(), r.errors().toString());
            assertTrue(r.messages() > 0, r.toString());
        }
    }

    @Test
    void theClientCountsAChangedByteAsAMismatch() throws Exception {
        NativeEchoClient.Result r = againstJavaServer((in, out) -> {
            byte[] b = new byte[64];
            try {
                int n = in.read(b);
                b[n - 1] ^= 1; // the last byte of the first chunk comes back wrong
                out.write(b, 0, n);
                in.read(); // then wait for the client to give up
            } catch (IOException ignored) {
                // the client closed: done
            }
        });
        assertEquals(3, r.errors().get("mismatch"), r.errors().toString());
        assertEquals(0, r.messages());
    }

    @Test
    void theClientCountsAServerThatClosesAsEndOfFile() throws Exception {
        NativeEchoClient.Result r = againstJavaServer((in, out) -> {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing is all it does
            }
        });
        assertEquals(3, r.errors().get("eof"), r.errors().toString());
        assertEquals(0, r.messages());
    }

    /** 3 connections for 0.3 s to a deliberately broken server written in Java, one thread per connection. */
    private static NativeEchoClient.Result againstJavaServer(BiConsumer<InputStream, OutputStream> serve) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        Thread t = new Thread(() -> {
                            try (s) {
                                serve.accept(s.getInputStream(), s.getOutputStream());
                            } catch (IOException ignored) {
                                // the test's assertions are on the client's side
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            return NativeEchoClient.run(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                    3, 64, 1, Duration.ZERO, Duration.ofMillis(300), null);
        }
    }

    @Test
    void theClientSendsTheGeneratorsBytes() throws IOException {
        // harness load/Payload: SplittableRandom(0x100be7c4).nextInt(256) x (4096 + size), message s of
        // connection c at (c * 2654435761 + s * 40503) & 4095. (loop-cli's CalibrateCommandTest compares
        // with Payload itself; this module does not depend on the harness.)
        int size = 64;
        byte[] pattern = new byte[4096 + size];
        SplittableRandom random = new SplittableRandom(0x10_0b_e7_c4L);
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) random.nextInt(256);
        }
        for (long[] cs : new long[][] {{0, 0}, {1, 0}, {7, 3}, {9_999, 123_456_789_012L}}) {
            int offset = (int) ((cs[0] * 2_654_435_761L + cs[1] * 40_503L) & 4095);
            byte[] expected = java.util.Arrays.copyOfRange(pattern, offset, offset + size);
            assertArrayEquals(expected, NativeEchoClient.message((int) cs[0], cs[1], size), "connection " + cs[0] + " message " + cs[1]);
        }
    }

    @Test
    void theServerStopsCleanlyOnSigterm() throws Exception {
        Process p = new ProcessBuilder(NativeProgram.ECHO_SERVER.executable().toString(), "--loops", "2").start();
        try {
            String port = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(port != null && port.matches("\\d+"), "prints its port, alone on a line: " + port);
            // kill(1), not Process.destroy(): destroy also closes our end of its stderr, which we want to read
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(err.contains("stopped; 2 loops"), err);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() throws Exception {
        for (NativeProgram program : new NativeProgram[] {NativeProgram.ECHO_SERVER, NativeProgram.ECHO_CLIENT}) {
            Process p = new ProcessBuilder(program.executable().toString(), "--loops", "0").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), out);
            assertEquals(1, out.strip().lines().count(), out);
            assertTrue(out.contains("--loops 0"), out);
        }
    }
}
