package org.loopbench.harness.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncProfilerLibraryTest {

    @TempDir
    Path tmp;

    @Test
    void theArtifactsVersionIsKnown() {
        assertNotEquals("unknown", AsyncProfilerLibrary.version());
    }

    @Test
    void eachPlatformHasItsDirectoryAndOthersAreRefusedByName() {
        assertEquals("linux-x64", AsyncProfilerLibrary.platformDirectory("Linux", "amd64"));
        assertEquals("linux-arm64", AsyncProfilerLibrary.platformDirectory("Linux", "aarch64"));
        assertEquals("macos", AsyncProfilerLibrary.platformDirectory("Mac OS X", "aarch64"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AsyncProfilerLibrary.platformDirectory("Windows 11", "amd64"));
        assertTrue(e.getMessage().contains("Windows 11"), e.getMessage());
    }

    /** The file JMH loads is the jar's library, byte for byte, and a second extraction reuses it. */
    @Test
    void theLibraryIsExtractedWholeOnceAndReused() throws Exception {
        Path first = AsyncProfilerLibrary.extract(tmp);
        String platform = AsyncProfilerLibrary.platformDirectory(System.getProperty("os.name"), System.getProperty("os.arch"));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(platform + "/libasyncProfiler.so")) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(first));
        }
        long modified = Files.getLastModifiedTime(first).toMillis();
        assertEquals(first, AsyncProfilerLibrary.extract(tmp));
        assertEquals(modified, Files.getLastModifiedTime(first).toMillis(), "not written again");
        try (var left = Files.list(first.getParent())) {
            assertEquals(1, left.count(), "no partial file left beside it");
        }
    }
}
