package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for the tests that load the report as a browser does: /usr/bin/chromium or
 * /usr/bin/chromium-browser, or the path in {@code -Dloopbench.chromium} / {@code LOOPBENCH_CHROMIUM}. A test
 * that needs it is skipped, with the reason, when there is none.
 */
final class HeadlessChromium {

    private static final List<String> DEFAULT_CHROMIUMS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    /** How long Chromium may take to load one page: far more than the second it needs; only a hang meets it. */
    private static final long LIMIT_SECONDS = 120;

    private final Path executable;
    /** Where each load's profile, DOM and log go (the test's temporary directory). */
    private final Path scratch;

    private HeadlessChromium(Path executable, Path scratch) {
        this.executable = executable;
        this.scratch = scratch;
    }

    /** The Chromium to use; the calling test is skipped, saying why, when there is none. */
    static HeadlessChromium orSkip(Path scratch) {
        Optional<Path> chromium = configured().map(List::of).orElse(DEFAULT_CHROMIUMS).stream().map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(chromium.isPresent(), () -> configured().map(c -> "no Chromium: " + c + " (named"
                + " by -Dloopbench.chromium or LOOPBENCH_CHROMIUM) is not an executable file").orElse("no Chromium: none at"
                + " " + String.join(" or ", DEFAULT_CHROMIUMS) + ", and neither -Dloopbench.chromium nor"
                + " LOOPBENCH_CHROMIUM names one (apt-get install chromium)"));
        return new HeadlessChromium(chromium.get(), scratch);
    }

    private static Optional<String> configured() {
        return Optional.ofNullable(System.getProperty("loopbench.chromium", System.getenv("LOOPBENCH_CHROMIUM")))
                .filter(c -> !c.isBlank());
    }

    String dumpDom(Path page) throws Exception {
        return dumpDom(page.toUri());
    }

    /**
     * The DOM of {@code page} after Chromium loaded it and ran what it would run, in a fresh profile, offline
     * (no network service of Chromium's own). The process and every child it started are ended afterwards.
     */
    String dumpDom(URI page) throws Exception {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Path dom = Files.createTempFile(scratch, "dom", ".html");
        Path log = Files.createTempFile(scratch, "chromium", ".log");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                page.toString()));
        Process p = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                p.descendants().filter(d -> !children.contains(d)).forEach(children::add);
                if (System.nanoTime() > deadline) {
                    fail("Chromium did not finish loading " + page + " in " + LIMIT_SECONDS + " s");
                }
            }
        } finally {
            // ProcessHandle.destroyForcibly checks the start time, so a handle never ends a process that reused the pid
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "Chromium failed on " + page + ":\n" + Files.readString(log));
        return Files.readString(dom);
    }
}
