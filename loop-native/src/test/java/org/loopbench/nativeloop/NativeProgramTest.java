package org.loopbench.nativeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeProgramTest {

    @Test
    void buildsOnceAndAgainOnlyWhenTheSourceIsNewer(@TempDir Path build) throws Exception {
        Path first = NativeProgram.ECHO_CLIENT.executable(build, System.getenv());
        assertEquals(build.resolve("native/echo-client"), first);
        assertTrue(Files.isExecutable(first));
        Path source = build.resolve("native/echo-client.c");
        FileTime built = Files.getLastModifiedTime(first);

        Files.setLastModifiedTime(first, FileTime.fromMillis(built.toMillis() + 5_000)); // newer than its source
        FileTime marked = Files.getLastModifiedTime(first);
        NativeProgram.ECHO_CLIENT.executable(build, System.getenv());
        assertEquals(marked, Files.getLastModifiedTime(first), "up to date: not rebuilt");

        Files.setLastModifiedTime(first, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() - 10_000));
        FileTime stale = Files.getLastModifiedTime(first);
        NativeProgram.ECHO_CLIENT.executable(build, System.getenv());
        assertNotEquals(stale, Files.getLastModifiedTime(first), "older than its source: rebuilt");
    }

    @Test
    void noCompilerIsOneClearLine(@TempDir Path build, @TempDir Path emptyPath) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", emptyPath.toString()));
        assertTrue(NativeProgram.compiler(env).isEmpty());
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> NativeProgram.ECHO_SERVER.executable(build, env));
        assertEquals("cannot build echo-server: no C compiler ('cc' is not on the PATH; install gcc or clang, or set CC)",
                e.getMessage());
        env.put("CC", "no-such-cc");
        e = assertThrows(NativeBuildException.class, () -> NativeProgram.ECHO_SERVER.executable(build, env));
        assertTrue(e.getMessage().contains("$CC='no-such-cc'"), e.getMessage());
    }

    @Test
    void aCompilerThatFailsIsOneLineNamingItsLog(@TempDir Path build) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CC", "false"); // /bin/false: on every PATH, fails without a word
        NativeBuildException e = assertThrows(NativeBuildException.class,
                () -> NativeProgram.ECHO_SERVER.executable(build, env));
        assertTrue(e.getMessage().startsWith("compiling ") && e.getMessage().contains("failed (exit 1)"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(Files.notExists(build.resolve("native/echo-server")), "no half-built binary is left");
    }

    @Test
    void ccComesFromTheEnvironmentWhenSet() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CC", "cc -fno-common");
        assertEquals(List.of("cc", "-fno-common"), NativeProgram.compiler(env).orElseThrow());
    }

    @Test
    void cpuListsAreCountedAndCheckedBeforeTasksetSeesThem() {
        assertEquals(1, Taskset.count("0"));
        assertEquals(4, Taskset.count("0-2,5"));
        for (String bad : new String[] {"", "a", "0-", "1,,2", "3-1"}) {
            assertThrows(IllegalArgumentException.class, () -> Taskset.count(bad), bad);
        }
        assertEquals(List.of("x"), Taskset.pinned(null, List.of("x")));
        assertEquals(List.of("taskset", "-c", "0-1", "x"), Taskset.pinned("0-1", List.of("x")));
    }
}
