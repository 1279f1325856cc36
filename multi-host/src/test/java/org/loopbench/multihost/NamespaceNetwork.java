package org.loopbench.multihost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.loopbench.faults.Commands;

/**
 * Three "hosts" on one machine: network namespaces joined by a bridge, as a rack joins machines by a switch.
 * <pre>
 *   lbs-PID   (the server's)   br0 198.18.0.1/24 ── s1 ─┐ veth ┌─ eth0 198.18.0.2/24   lbg1-PID
 *                                                ── s2 ─┘      └─ eth0 198.18.0.3/24   lbg2-PID
 * </pre>
 * Addresses are in 198.18.0.0/15, reserved for benchmark testing (RFC 2544): no route leads out of these
 * namespaces, so load can go nowhere else. Each namespace also has its own {@code lo} up (a JMH fork talks
 * to its launcher over it). Names carry this JVM's pid, so two test runs at once never collide.
 *
 * <p>{@link #close()} ends whatever still runs in the namespaces (by pid: only what a test started can be
 * there) and deletes them; the veth pairs and the bridge vanish with them. Every command is bounded (30 s,
 * {@link Commands#run}).
 */
final class NamespaceNetwork implements AutoCloseable {

    /** The server's address, on the bridge in the server's namespace. */
    static final String SERVER_ADDRESS = "198.18.0.1";

    private final String server;
    private final List<String> generators;
    /** Every namespace this object made, in order: what close() deletes. */
    private final List<String> made = new ArrayList<>();

    private NamespaceNetwork(String server, List<String> generators) {
        this.server = server;
        this.generators = List.copyOf(generators);
    }

    /**
     * Builds the server's namespace and {@code count} generator namespaces (1..9).
     *
     * @throws Unavailable with the reason when this machine cannot make them (not root, no {@code ip}, no
     *                     namespaces, no bridge or veth in the kernel): the caller skips
     */
    static NamespaceNetwork build(int count) throws IOException, InterruptedException {
        if (count < 1 || count > 9) {
            throw new IllegalArgumentException("generator namespaces: 1..9, not " + count);
        }
        if (!Commands.root()) {
            throw new Unavailable("network namespaces need root (running as " + System.getProperty("user.name") + ")");
        }
        String noIp = Commands.run("ip", "-V");
        if (!noIp.isEmpty()) {
            throw new Unavailable("the ip command (iproute2) is missing: " + noIp);
        }
        long pid = ProcessHandle.current().pid();
        List<String> gens = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            gens.add("lbg" + k + "-" + pid);
        }
        NamespaceNetwork net = new NamespaceNetwork("lbs-" + pid, gens);
        try {
            net.make();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void make() throws IOException, InterruptedException {
        for (String ns : namespaces()) {
            // a namespace of this name is a leftover of an earlier JVM with this pid that was killed: not a live run's
            if (Files.exists(Path.of("/run/netns", ns))) {
                endProcessesIn(ns);
                Commands.run("ip", "netns", "delete", ns);
            }
            capable(Commands.run("ip", "netns", "add", ns), "cannot make a network namespace here");
            made.add(ns);
            ok(Commands.run("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        capable(Commands.run("ip", "-n", server, "link", "add", "br0", "type", "bridge"), "no bridge in this kernel");
        ok(Commands.run("ip", "-n", server, "addr", "add", SERVER_ADDRESS + "/24", "dev", "br0"));
        ok(Commands.run("ip", "-n", server, "link", "set", "br0", "up"));
        for (int k = 1; k <= generators.size(); k++) {
            String gen = generators.get(k - 1);
            String port = "s" + k; // the server's end; names are per namespace, so short ones cannot collide
            capable(Commands.run("ip", "-n", server, "link", "add", port, "type", "veth", "peer", "name", "eth0",
                    "netns", gen), "no veth pairs in this kernel");
            ok(Commands.run("ip", "-n", server, "link", "set", port, "master", "br0"));
            ok(Commands.run("ip", "-n", server, "link", "set", port, "up"));
            ok(Commands.run("ip", "-n", gen, "addr", "add", generatorAddress(k) + "/24", "dev", "eth0"));
            ok(Commands.run("ip", "-n", gen, "link", "set", "eth0", "up"));
        }
    }

    private static void capable(String failure, String what) {
        if (!failure.isEmpty()) {
            throw new Unavailable(what + ": " + failure);
        }
    }

    private static void ok(String failure) {
        assertEquals("", failure, "building the test network");
    }

    /** The server's namespace. */
    String server() {
        return server;
    }

    /** The generators' namespaces, the first at 198.18.0.2. */
    List<String> generators() {
        return generators;
    }

    /** The address of generator namespace {@code k} (1-based): 198.18.0.(k + 1). */
    static String generatorAddress(int k) {
        return "198.18.0." + (k + 1);
    }

    /** The command prefix that runs a command in {@code namespace}. */
    static List<String> exec(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }

    /** The server's namespace first, then the generators'. */
    List<String> namespaces() {
        List<String> all = new ArrayList<>();
        all.add(server);
        all.addAll(generators);
        return all;
    }

    /** The processes in each namespace now ({@code ip netns pids}), by namespace; empty lists when none. */
    Map<String, List<Long>> processes() throws IOException, InterruptedException {
        Map<String, List<Long>> m = new LinkedHashMap<>();
        for (String ns : made) {
            m.put(ns, pidsIn(ns));
        }
        return m;
    }

    /**
     * Waits until no process runs in any of the namespaces (a generator whose stdin closed needs a moment to
     * exit). @return what still runs after {@code limit}, by namespace; empty when nothing does
     */
    Map<String, List<Long>> awaitEmpty(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Map<String, List<Long>> left = processes();
            left.values().removeIf(List::isEmpty);
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(100);
        }
    }

    /** {@code ip netns pids NAME}: the pids whose network namespace it is. */
    static List<Long> pidsIn(String namespace) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "pids", namespace).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ip netns pids " + namespace + " did not finish within 30 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException("ip netns pids " + namespace + ": " + out);
        }
        List<Long> pids = new ArrayList<>();
        for (String line : out.split("\\s+")) {
            if (!line.isEmpty()) {
                pids.add(Long.parseLong(line));
            }
        }
        return pids;
    }

    /** Kills what runs in {@code namespace}: only processes a test started can be in it. */
    private static void endProcessesIn(String namespace) throws IOException, InterruptedException {
        for (long pid : pidsIn(namespace)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Ends what still runs in the namespaces, then deletes them; safe to call twice, never throws for a leftover. */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (String ns : List.copyOf(made)) {
            try {
                endProcessesIn(ns);
                String why = Commands.run("ip", "netns", "delete", ns);
                if (why.isEmpty()) {
                    made.remove(ns);
                } else {
                    failures.add(why);
                }
            } catch (IOException e) {
                failures.add(ns + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(ns + ": interrupted while deleting");
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the test network was not removed: " + String.join("; ", failures));
        }
    }

    /** This machine cannot make the test network: the message is the reason a test is skipped. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }
}
