package org.loopbench.multihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The test network on its own, so a failure of the whole-run tests is never the network's: each generator
 * namespace reaches the server's address through the bridge, can reach nothing else (its only route is
 * 198.18.0.0/24), and closing the network leaves no namespace behind. Under a second; no load.
 */
class NamespaceNetworkTest {

    @Test
    void generatorsReachTheServerAddressAndNothingElseAndCloseLeavesNothing() throws Exception {
        NamespaceNetwork net;
        try {
            net = NamespaceNetwork.build(2);
        } catch (NamespaceNetwork.Unavailable e) {
            Assumptions.abort(e.getMessage());
            return;
        }
        List<String> names;
        try (NamespaceNetwork n = net) {
            names = n.namespaces();
            for (int k = 1; k <= n.generators().size(); k++) {
                String gen = n.generators().get(k - 1);
                // nothing listens on port 9 there: "refused" is the server namespace's kernel answering (a SYN
                // went through the bridge and its RST came back); a broken network times out instead
                String answer = shell(gen, "exec 3<>/dev/tcp/" + NamespaceNetwork.SERVER_ADDRESS + "/9");
                assertTrue(answer.contains("Connection refused"), gen + " -> " + NamespaceNetwork.SERVER_ADDRESS + ": " + answer);
                assertEquals("198.18.0.0/24 dev eth0 proto kernel scope link src " + NamespaceNetwork.generatorAddress(k),
                        shell(gen, "ip -4 route show"), gen + "'s only route");
            }
            assertTrue(n.awaitEmpty(java.time.Duration.ofSeconds(5)).isEmpty(), "nothing runs in the namespaces");
        }
        for (String ns : names) {
            assertFalse(Files.exists(Path.of("/run/netns", ns)), ns + " was not deleted");
        }
    }

    /** Runs {@code script} with bash in {@code namespace}, 10 s at most. @return stdout and stderr */
    private static String shell(String namespace, String script) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(NamespaceNetwork.exec(namespace));
        cmd.addAll(List.of("timeout", "5", "bash", "-c", script));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "(no answer within 10 s)";
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
