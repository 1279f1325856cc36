package org.loopbench.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.Runtimes;

/**
 * Finding an interpreter by trying it, the reason when none will do, and the seeds' own primitives
 * checked inside each program ({@code selfcheck}: gather, wait first-completed, as-completed, wait_for,
 * shield, done callbacks, bounded queues; gevent's joinall, wait, iwait, Timeout, link, Queue).
 */
class PythonProgramTest {

    @Test
    void aMissingModuleIsUnavailableNamingThePackageToInstall() {
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of(PythonProgram.DEBIAN_PYTHON)),
                "needs Debian's python3");
        PythonProgram p = new PythonProgram("loopbench_asyncio.py", List.of("--loop", "no-such-loop"), "no-such-loop",
                "python3-no-such-loop", "model", "transport");
        Availability a = p.availability();
        assertFalse(a.available(), "a loop no interpreter has");
        assertTrue(a.reason().startsWith("install python3-no-such-loop"), a.reason());
        assertTrue(a.reason().contains(PythonProgram.DEBIAN_PYTHON), "says which interpreters it tried: " + a.reason());
    }

    @Test
    void everyReferenceDeclaresItselfAReference() {
        for (String id : List.of("py-asyncio", "py-uvloop", "py-gevent", "c-epoll")) {
            AsyncRuntimeProvider p = Runtimes.installed().provider(id);
            assertTrue(p.reference(), id + " is a reference");
        }
        assertFalse(Runtimes.installed().provider("py-asyncio").capabilities().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"py-asyncio", "py-uvloop", "py-gevent"})
    void theSeedsPrimitivesPassTheProgramsOwnSelfCheck(String id) throws Exception {
        ReferenceProviders.Base provider = (ReferenceProviders.Base) Runtimes.installed().provider(id);
        Assumptions.assumeTrue(provider.availability().available(), () -> id + " unavailable: " + provider.availability().reason());
        List<String> lines = new ArrayList<>();
        try (Child child = Child.start(id + " selfcheck", provider.program().commandLine("selfcheck", List.of()))) {
            for (String line = child.nextLine(Duration.ofSeconds(60)); line != null && !line.equals("end");
                 line = child.nextLine(Duration.ofSeconds(60))) {
                lines.add(line);
            }
        }
        System.out.println(id + " selfcheck: " + lines);
        assertTrue(lines.size() >= 7, "a line per primitive: " + lines);
        assertEquals(List.of(), lines.stream().filter(l -> !l.startsWith("ok ") && !l.startsWith("skip ")).toList(),
                "checks that did not pass");
    }
}
