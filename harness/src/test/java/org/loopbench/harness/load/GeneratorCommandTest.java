package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The generator's command line: placed on the client's CPUs when the launcher split them, else as before. */
class GeneratorCommandTest {

    private final LoadSpec spec = LoadSpec.saturation(new InetSocketAddress("127.0.0.1", 9000), 100, 64, 1);

    private List<String> unplaced() {
        List<String> cmd = new ArrayList<>(List.of("/jdk/bin/java"));
        cmd.addAll(GeneratorProcess.JVM_OPTIONS);
        cmd.addAll(List.of("-cp", GeneratorProcess.absoluteClassPath(System.getProperty("java.class.path")),
                "org.loopbench.harness.cli.Generator"));
        cmd.addAll(spec.toArgs());
        return cmd;
    }

    @Test
    void placedUnderTasksetOnTheClientsCpus() {
        List<String> expected = new ArrayList<>(List.of("taskset", "-c", "1"));
        expected.addAll(unplaced());
        assertEquals(expected, GeneratorProcess.command(List.of("taskset", "-c", "1"), Path.of("/jdk/bin/java"), spec));
    }

    /** A generator behind ssh starts in the home directory: a relative jar (run-all.sh's -jar) would not be found. */
    @Test
    void theClassPathIsAbsoluteWhereverTheGeneratorStarts() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(cwd + "/loop-cli/target/loopbench.jar" + java.io.File.pathSeparator + "/opt/x.jar",
                GeneratorProcess.absoluteClassPath("loop-cli/target/loopbench.jar" + java.io.File.pathSeparator
                        + "/opt/./x.jar"));
    }

    @Test
    void unplacedItInheritsTheForksCpus() {
        assertEquals(unplaced(), GeneratorProcess.command(List.of(), Path.of("/jdk/bin/java"), spec));
    }
}
