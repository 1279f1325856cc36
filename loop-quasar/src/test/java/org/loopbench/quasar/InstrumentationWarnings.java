package org.loopbench.quasar;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns Quasar's instrumentation warnings into test failures. With
 * {@code -Dco.paralleluniverse.fibers.verifyInstrumentation=true} Quasar checks, every time a fiber parks,
 * that each frame on its stack was instrumented, and otherwise prints "Uninstrumented ..." on stderr (or,
 * when it believes it runs in a unit test, throws VerifyInstrumentationException, which the fiber's default
 * handler prints there too). Either way the fiber did not really suspend, so the run proved nothing.
 *
 * The agent's own "[quasar] ERROR: Unable to instrument class ..." (printed when a class is loaded) counts
 * too: every method of such a class is left uninstrumented.
 *
 * <p>Registered for every test class of this module by JUnit's extension autodetection (see
 * src/test/resources), it fails the test after which such a line appeared, or the class if one appears
 * after its last test (a fiber ending late). The tee on {@link System#err} is installed by
 * {@link QuasarStderrWatch} when the test session opens, before any test class is loaded, so lines printed
 * while classes load are not missed. The original stderr still gets every byte.
 */
public final class InstrumentationWarnings implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static final String[] MARKERS = {
        "Uninstrumented", "VerifyInstrumentationException", "Unable to instrument", "[quasar] ERROR"};
    private static final List<String> seen = new ArrayList<>();
    private static boolean installed;
    private static volatile boolean echo = true;

    public InstrumentationWarnings() {
        // made by JUnit's ServiceLoader
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failIfAny("during " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failIfAny("after the last test of " + context.getDisplayName());
    }

    static synchronized void install() {
        if (!installed) {
            System.setErr(new PrintStream(new Tee(System.err), true));
            installed = true;
        }
    }

    /**
     * Stops (false) or resumes (true) passing stderr through while still recording warnings: for the test
     * that provokes a warning on purpose, whose long stack trace would only alarm a reader of the build log.
     */
    static void echo(boolean on) {
        echo = on;
    }

    /** Every warning line seen since the last call; clears them. */
    static synchronized List<String> takeAll() {
        List<String> copy = new ArrayList<>(seen);
        seen.clear();
        return copy;
    }

    private static void failIfAny(String when) {
        List<String> lines = takeAll();
        if (!lines.isEmpty()) {
            fail("Quasar reported uninstrumented code " + when + " (fibers blocked their threads instead of"
                    + " suspending):\n  " + String.join("\n  ", lines));
        }
    }

    private static synchronized void record(String line) {
        for (String m : MARKERS) {
            if (line.contains(m)) {
                seen.add(line);
                return;
            }
        }
    }

    /** Passes bytes through and looks at each complete line. */
    private static final class Tee extends OutputStream {
        private final PrintStream original;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(PrintStream original) {
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            if (echo) {
                original.write(b);
            }
            if (b == '\n') {
                record(line.toString(Charset.defaultCharset()));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
