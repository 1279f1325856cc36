package org.loopbench.harness.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.loopbench.api.Availability;
import org.loopbench.api.Runtimes;
import org.loopbench.api.UnknownRuntimeException;

/**
 * Asks a runtime, in the very JVM (and with the options) its benchmark fork will use, whether it can run
 * there: a runtime's availability depends on that JVM (a JDK version, an agent on its command line), not
 * on the launcher's. Costs one short JVM start per runtime.
 */
public final class RuntimeProbe {

    private RuntimeProbe() {
    }

    /** Run inside the candidate JVM: prints "available", "unavailable: why" or "unknown: message". */
    public static void main(String[] args) {
        try {
            Availability a = Runtimes.installed().availability(args[0]);
            System.out.println(a.available() ? "available" : "unavailable: " + a.reason());
        } catch (UnknownRuntimeException e) {
            System.out.println("unknown: " + e.getMessage());
        }
    }

    /** @return empty when available, else the reason (as the probe JVM said it, or why it could not say) */
    public static String unavailability(ForkJvm.Choice choice) {
        List<String> cmd = new ArrayList<>();
        cmd.add(choice.java().toString());
        cmd.addAll(choice.jvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(RuntimeProbe.class.getName());
        cmd.add(choice.runtime());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the probe JVM (" + choice.java() + ") did not answer within 60 s";
            }
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1).trim();
            if (last.equals("available")) {
                return "";
            }
            if (last.startsWith("unavailable: ") || last.startsWith("unknown: ")) {
                return last.substring(last.indexOf(": ") + 2);
            }
            return "the probe JVM (" + choice.java() + ") failed (exit " + p.exitValue() + "): " + out;
        } catch (IOException e) {
            return "cannot start " + choice.java() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing";
        }
    }
}
