package org.loopbench.nativeloop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A source file that travels inside the jar next to the class that uses it (a C program, a Python
 * program), unpacked into a build directory where a compiler or an interpreter can read it. The file is
 * rewritten only when its bytes differ, so a compiled binary stays newer than an unchanged source.
 */
public final class PackagedSource {

    private PackagedSource() {
    }

    /**
     * Writes {@code resource} (found next to {@code anchor}, as {@link Class#getResourceAsStream} does) to
     * {@code target} unless it already holds exactly those bytes; the write is atomic, so a reader never
     * sees half a file.
     *
     * @throws IllegalStateException when the resource is not on the class path (an incomplete jar)
     */
    public static void unpack(Class<?> anchor, String resource, Path target) throws IOException {
        byte[] packaged;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path next to " + anchor.getName()
                        + ": the jar is incomplete");
            }
            packaged = in.readAllBytes();
        }
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), packaged)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(tmp, packaged);
        moveAtomically(tmp, target);
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
