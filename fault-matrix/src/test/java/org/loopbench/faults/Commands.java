package org.loopbench.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A system command a test needs (mount, ip, sysctl), bounded in time. Public for multi-host's tests. */
public final class Commands {

    private Commands() {
    }

    /** @return "" when the command succeeded, else the command and what it printed (a skip's reason) */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish within 30 s";
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() == 0 ? "" : String.join(" ", command) + ": " + output;
    }

    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
