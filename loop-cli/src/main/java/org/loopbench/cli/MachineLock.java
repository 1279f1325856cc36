package org.loopbench.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One measuring run per machine. Two runs at once share the CPUs and disturb each other's figures; JMH's
 * own lock ({@code /tmp/jmh.lock}) is taken per group, so two runs would interleave their groups, or each
 * group of the second would fail with "Another JMH instance might be running". A run holds this lock from
 * before it claims its directory to its end; a second run refuses at once, naming the first (its pid, its
 * directory, its start). The lock is the kernel's (fcntl): it ends with the process, however it ends.
 */
final class MachineLock implements AutoCloseable {

    /** Where the lock lives; {@code -Dloopbench.lock} moves it (a test that must not meet a real run). */
    static Path file() {
        String explicit = System.getProperty("loopbench.lock");
        return explicit != null ? Path.of(explicit) : Path.of(System.getProperty("java.io.tmpdir"), "loopbench-run.lock");
    }

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws BadInput naming the run that holds the lock */
    static MachineLock acquire(Path runDir) {
        Path file = file();
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BadInput("cannot open the run lock " + file + ": " + RunSession.reason(e));
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new BadInput("another loopbench run is measuring on this machine (" + (holder.isEmpty() ? "see "
                        + file : holder) + "): two at once would disturb each other's figures; wait for it to end");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", into " + runDir.toAbsolutePath()
                    + ", since " + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
            return new MachineLock(channel, lock);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock's own failure is the one to report
            }
            throw new BadInput("cannot take the run lock " + file + ": " + RunSession.reason(e));
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ends soon; the kernel drops the lock with it
        }
    }
}
