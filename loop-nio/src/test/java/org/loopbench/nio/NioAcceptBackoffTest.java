package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loopbench.api.EchoServer;
import org.loopbench.api.EchoServerConfig;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.contract.Await;

/**
 * "Too many open files" on accept: the listener stays ready while the connection waits in the kernel's
 * queue, so an acceptor that simply retried would spin. This test really runs the process out of file
 * descriptors (briefly, and with every class it needs already loaded).
 */
@Timeout(120)
class NioAcceptBackoffTest {

    private static final int MAX_HOGS = 50_000; // bounded even where the limit is huge

    @Test
    void backsOffWithoutSpinningWhenOutOfFileDescriptorsThenAcceptsAgain() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<FileChannel> hogs = new ArrayList<>();
        try (NioRuntime runtime = (NioRuntime) Runtimes.installed().create("nio", RuntimeOptions.of(Map.of("nio.loops", "1")))) {
            runtime.start();
            EchoServer server = runtime.startEchoServer(EchoServerConfig.loopback(0));
            echoOnce(server); // loads every class the echo path needs while descriptors are still available
            SocketChannel late = SocketChannel.open(); // its descriptor, taken before they run out
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            boolean exhausted = false;
            try {
                while (hogs.size() < MAX_HOGS) {
                    hogs.add(FileChannel.open(Path.of("/dev/null")));
                }
            } catch (IOException e) {
                exhausted = true;
            }
            EventLoop loop = runtime.loops()[0];
            long iterationsBefore;
            try {
                Assumptions.assumeTrue(exhausted, "could not exhaust file descriptors with " + MAX_HOGS + " files");
                late.connect(server.address()); // completes in the kernel; the server's accept() has no fd left
                Thread.sleep(50);
                iterationsBefore = loop.iterations();
                Thread.sleep(350);
                long iterations = loop.iterations() - iterationsBefore;
                // With a 100 ms back-off: a few retries, each a couple of iterations. Spinning: millions.
                assertTrue(iterations <= 40, "the acceptor loop iterated " + iterations + " times in 350 ms");
                assertEquals(1, server.stats().accepted(), "no descriptor, no new connection (1 is echoOnce)");
            } finally {
                for (FileChannel hog : hogs) {
                    hog.close();
                }
                hogs.clear();
            }
            Await.until("the waiting connection accepted once descriptors are free",
                    () -> server.stats().accepted() == 2);
            late.write(ByteBuffer.wrap(new byte[] {7}));
            ByteBuffer back = ByteBuffer.allocate(1);
            late.read(back);
            assertEquals(7, back.get(0));
            late.close();
            server.close();
        } finally {
            System.setErr(originalErr);
            for (FileChannel hog : hogs) {
                hog.close();
            }
        }
        String log = errors.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("cannot accept") && log.contains("pausing accepts for 100 ms"), log);
        assertEquals(log.indexOf("cannot accept"), log.lastIndexOf("cannot accept"), "logged once: " + log);
    }

    private static void echoOnce(EchoServer server) throws IOException {
        try (SocketChannel c = SocketChannel.open(server.address())) {
            c.write(ByteBuffer.wrap(new byte[] {1}));
            ByteBuffer back = ByteBuffer.allocate(1);
            c.read(back);
            assertEquals(1, back.get(0));
        }
    }
}
