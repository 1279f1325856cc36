package org.loopbench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loopbench.results.EnvironmentRecord;
import org.loopbench.results.RunLayout;
import org.loopbench.results.TrialFiles;
import org.loopbench.results.TrialRecord;

/**
 * The load generator runs out of local ports mid-connect: the run happens in a network namespace of its
 * own whose ephemeral port range is 16 ports wide (the range is per namespace, so the machine's is
 * untouched), and 5,000 connections need more than 254 source addresses x 16 ports. The first trial must
 * fail with the count and the kernel's reason; the second group finds even the server's port taken (the
 * first trial's connections linger in TIME_WAIT) and fails in its set-up; the run goes on, ends, and
 * nothing hangs. (With 2 ports the server could not bind at all: JMH's own link to its fork takes one.)
 * Root only: skipped, with the reason, where namespaces cannot be made.
 */
class PortExhaustionTest {

    @TempDir
    Path tmp;

    private final String namespace = "lbfault-" + ProcessHandle.current().pid();
    private boolean made;

    @AfterEach
    void removeNamespace() throws Exception {
        if (made) {
            Commands.run("ip", "netns", "delete", namespace);
        }
    }

    @Test
    void portsRunOutMidConnect() throws Exception {
        Assumptions.assumeTrue(Commands.root(), "network namespaces need root");
        String why = Commands.run("ip", "netns", "add", namespace);
        Assumptions.assumeTrue(why.isEmpty(), "cannot make a network namespace here: " + why);
        made = true;
        assertEquals("", Commands.run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up"));
        assertEquals("", Commands.run("ip", "netns", "exec", namespace, "sysctl", "-q", "-w",
                "net.ipv4.ip_local_port_range=61000 61015"));

        try (LoopbenchRun run = LoopbenchRun.start(List.of("ip", "netns", "exec", namespace), tmp.resolve("run"),
                List.of("--smoke", "--no-calibration", "--runtimes", "nio", "--workloads", "echo", "--",
                        "-p", "connections=5000"))) {
            assertEquals(1, run.waitFor(Duration.ofMinutes(3)), run.consoleText());
            EnvironmentRecord record = EnvironmentRecord.read(RunLayout.of(run.dir()));
            assertEquals(2, record.groups().size(), "both groups ran: " + record.groups());
            record.groups().values().forEach(status -> assertTrue(status.startsWith("failed"), record.groups().toString()));
            TrialFiles first = RunLayout.of(run.dir()).trials().stream()
                    .filter(t -> t.name().startsWith("EchoSaturation.")).findFirst().orElseThrow();
            String failure = TrialRecord.read(first.sidecar()).failure().orElse("");
            assertTrue(failure.matches("(?s).*only [0-9,]+ of 5,000 connections opened \\([0-9,]+ connect errors, the first: .+\\).*"),
                    first.name() + ": " + failure);
            run.assertNothingLeftBehind();
        }
    }
}
