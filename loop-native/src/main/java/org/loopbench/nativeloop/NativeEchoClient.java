package org.loopbench.nativeloop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.loopbench.results.Json;
import org.loopbench.results.ResultFormatException;

/**
 * The C closed-loop echo client ({@code echo-client.c}): one bounded run against a server, its figures
 * read from the one JSON line it prints. The bytes it sends are the load generator's (harness
 * {@code Payload}); see the C file for the model. Stateless and thread-safe.
 */
public final class NativeEchoClient {

    /** How the client is named in results. */
    public static final String KIND = "c-epoll";
    /** Connection set-up on top of warm-up and duration before a run is given up: 10,000 connects take ~1 s. */
    private static final Duration SETUP_ALLOWANCE = Duration.ofSeconds(60);

    private NativeEchoClient() {
    }

    /**
     * What one run measured (the warm-up excluded).
     *
     * @param connections   asked for
     * @param connected     opened
     * @param payloadBytes  bytes per message
     * @param loops         its epoll loops (one thread each)
     * @param seconds       the measured time, monotonic clock
     * @param messages      fully echoed, verified messages in that time
     * @param msgsPerSecond messages / seconds
     * @param busy          fraction of the measured time its threads were on a CPU, 0..1 (per thread)
     * @param errors        by the generator's error names (connect, reset, eof, mismatch, excess), in the run
     *                      including warm-up; a connection with an error is closed
     */
    public record Result(int connections, int connected, int payloadBytes, int loops, double seconds, long messages,
                         double msgsPerSecond, double busy, Map<String, Long> errors) {

        public Result {
            errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Parses the client's output line. @throws ResultFormatException when it is not one */
        public static Result parse(String line) {
            JsonNode n = Json.readTree(line, "echo-client output");
            Map<String, Long> errors = new LinkedHashMap<>();
            n.path("errors").properties().forEach(e -> errors.put(e.getKey(), e.getValue().asLong()));
            for (String key : List.of("connections", "connected", "payloadBytes", "loops", "seconds", "messages",
                    "msgsPerSecond", "busy")) {
                if (!n.path(key).isNumber()) {
                    throw new ResultFormatException("echo-client output", "\"" + key + "\" is missing or not a number: " + line);
                }
            }
            return new Result(n.get("connections").asInt(), n.get("connected").asInt(), n.get("payloadBytes").asInt(),
                    n.get("loops").asInt(), n.get("seconds").asDouble(), n.get("messages").asLong(),
                    n.get("msgsPerSecond").asDouble(), n.get("busy").asDouble(), errors);
        }
    }

    /**
     * Runs the client once: connects, loads for {@code warmup}, measures for {@code duration}, returns.
     *
     * @param cpus CPU list to pin it to, or null/blank for none
     * @throws NativeBuildException when it cannot be built here
     * @throws IOException with its stderr when it fails (e.g. nothing listens at {@code target}) or overruns
     */
    public static Result run(InetSocketAddress target, int connections, int payloadBytes, int threads,
                             Duration warmup, Duration duration, String cpus) throws IOException {
        List<String> cmd = Taskset.pinned(cpus, List.of(NativeProgram.ECHO_CLIENT.executable().toString(),
                "--target", target.getAddress().getHostAddress() + ":" + target.getPort(),
                "--connections", Integer.toString(connections), "--payload", Integer.toString(payloadBytes),
                "--loops", Integer.toString(threads), "--warmup", seconds(warmup), "--duration", seconds(duration)));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p, false));
        long limit = warmup.plus(duration).plus(SETUP_ALLOWANCE).toMillis();
        try {
            if (!p.waitFor(limit, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("echo-client did not finish within " + limit / 1000 + " s");
            }
            String stdout = new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).trim();
            String stderr = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0 || stdout.isEmpty()) {
                throw new IOException("echo-client failed (exit " + p.exitValue() + "): "
                        + (stderr.isEmpty() ? "no message" : stderr.lines().reduce((a, b) -> b).orElse("")));
            }
            List<String> lines = new ArrayList<>(stdout.lines().toList());
            return Result.parse(lines.get(lines.size() - 1));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running echo-client");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not read echo-client's output: " + e);
        }
    }

    /**
     * Message {@code sequence} of connection {@code connection} as the client sends it: for checking that
     * its bytes are the generator's.
     */
    public static byte[] message(int connection, long sequence, int payloadBytes) throws IOException {
        Process p = new ProcessBuilder(NativeProgram.ECHO_CLIENT.executable().toString(), "--print-message",
                Integer.toString(connection), Long.toString(sequence), "--payload", Integer.toString(payloadBytes))
                .redirectErrorStream(true).start();
        String hex = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("echo-client --print-message failed: " + hex);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    private static byte[] readAll(Process p, boolean stderr) {
        try {
            return (stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
