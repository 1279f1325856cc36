package org.loopbench.quasar;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link InstrumentationWarnings}' stderr tee when the JUnit session opens, before test discovery
 * loads any class: the Quasar agent reports a class it cannot instrument while that class loads.
 */
public final class QuasarStderrWatch implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        InstrumentationWarnings.install();
    }
}
