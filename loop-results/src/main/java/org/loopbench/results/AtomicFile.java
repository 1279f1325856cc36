package org.loopbench.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a result file so that nobody, a reader or the next run, ever finds half of it: the bytes go to
 * {@code <file>.tmp}, which replaces {@code file} in one rename once every byte is written. A disk that
 * fills, a read-only mount or a crash leaves either the old file or none, never a truncated file that
 * parses as a shorter valid one (a percentile distribution cut after its p99 row reads as a distribution).
 * The temporary file is removed when the write fails.
 */
public final class AtomicFile {

    /** What writes the content; its exceptions other than {@link IOException} pass through. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What prints the content; PrintStream keeps its write errors to itself, so {@link #print} asks it. */
    @FunctionalInterface
    public interface Printed {
        void printTo(java.io.PrintStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * {@link #write} through a UTF-8 {@link java.io.PrintStream} (what HdrHistogram and JMH's result writers
     * take), whose swallowed write errors become the failure: a full disk is never a silently short file.
     *
     * @throws UncheckedIOException naming {@code file} when it cannot be written
     */
    public static void print(Path file, Printed content) {
        write(file, stream -> {
            java.io.PrintStream out = new java.io.PrintStream(stream, false, java.nio.charset.StandardCharsets.UTF_8);
            content.printTo(out);
            if (out.checkError()) { // flushes, then reports any error since the stream opened
                throw new IOException("writing failed (the disk may be full or read-only)");
            }
        });
    }

    /** @throws UncheckedIOException naming {@code file} when it cannot be written (the disk is full, read-only...) */
    public static void write(Path file, Content content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write's own failure is what the caller must hear about
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
