package org.loopbench.reference;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.loopbench.api.Availability;
import org.loopbench.api.Capability;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.nativeloop.NativeProgram;
import org.loopbench.nativeloop.PackagedSource;

/**
 * One of the Python reference programs ({@code src/main/python}), run by an interpreter found by trying it.
 *
 * <p><b>Which interpreter.</b> Python comes from Debian's packages only ({@code python3},
 * {@code python3-uvloop}, {@code python3-gevent}). A {@code python3} found first on the PATH may be another
 * installation without those modules (pyenv's shims on this project's machines), so nothing is guessed
 * from the PATH: each candidate, Debian's {@code /usr/bin/python3} first, is asked to run the program's
 * {@code probe} command, which imports the module; the first that answers is used, and when none does the
 * reason names the package to install and what each candidate said. Interpreters run isolated
 * ({@code -I}): no user site-packages, no PYTHON* variables, so a run does not depend on who starts it.
 *
 * <p>The answer is kept for the life of the JVM: the launcher and every fork each probe once (about
 * 0.1-0.5 s, gevent's import being the slowest).
 */
final class PythonProgram implements ReferenceProgram {

    /** Debian's interpreter: tried first. */
    static final String DEBIAN_PYTHON = "/usr/bin/python3";
    private static final long PROBE_LIMIT_SECONDS = 30;
    private static final Map<String, Probe> PROBES = new ConcurrentHashMap<>();

    private final String script;
    private final List<String> loopOptions;
    private final String module;
    private final String debianPackage;
    private final String model;
    private final String transport;

    /**
     * @param script        the program's file in src/main/python
     * @param loopOptions   options before the command (asyncio's {@code --loop uvloop}), or none
     * @param module        the module the probe imports, named in "missing module ..."
     * @param debianPackage the package that provides it
     */
    PythonProgram(String script, List<String> loopOptions, String module, String debianPackage, String model,
                  String transport) {
        this.script = script;
        this.loopOptions = List.copyOf(loopOptions);
        this.module = module;
        this.debianPackage = debianPackage;
        this.model = model;
        this.transport = transport;
    }

    /** Whether an interpreter here runs the program, and if not why, with the package to install. */
    @Override
    public Availability availability() {
        Probe p = probe();
        return p.interpreter == null ? Availability.no(p.reason) : Availability.yes();
    }

    @Override
    public List<String> commandLine(String command, List<String> options) {
        Probe p = probe();
        if (p.interpreter == null) {
            throw new IllegalStateException(p.reason);
        }
        List<String> line = new ArrayList<>(List.of(p.interpreter, "-I", scriptPath().toString()));
        line.addAll(loopOptions);
        line.add(command);
        line.addAll(options);
        return line;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public RuntimeDescription describe(String id) {
        Probe p = probe();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kind", "reference, not a JVM runtime");
        settings.put("interpreter", p.interpreter + " (" + p.version + ")");
        settings.put("program", "loop-reference/src/main/python/" + script);
        settings.put("process", "a child of the JVM fork, which starts it, reads its answers and measures it");
        return new RuntimeDescription(id, model, RuntimeDescription.currentJdk() + " (hosts the child)",
                transport, "1 (one Python thread runs the loop; CPython's GIL)", settings);
    }

    private Probe probe() {
        return PROBES.computeIfAbsent(script + " " + loopOptions, k -> tryInterpreters());
    }

    private Probe tryInterpreters() {
        Path program;
        try {
            program = scriptPath();
        } catch (IllegalStateException e) {
            return new Probe(null, "", e.getMessage());
        }
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates()) {
            List<String> cmd = new ArrayList<>(List.of(candidate, "-I", program.toString()));
            cmd.addAll(loopOptions);
            cmd.add("probe");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                if (!p.waitFor(PROBE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    tried.add(candidate + ": no answer within " + PROBE_LIMIT_SECONDS + " s");
                    continue;
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                String first = out.isEmpty() ? "" : out.lines().findFirst().orElse("");
                if (p.exitValue() == 0 && first.startsWith("version ")) {
                    return new Probe(candidate, first.substring("version ".length()), "");
                }
                String said = out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElse("");
                tried.add(candidate + ": " + said.replaceFirst("^loopbench_\\w+: ", ""));
            } catch (IOException e) {
                tried.add(candidate + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tried.add(candidate + ": interrupted");
                break;
            }
        }
        return new Probe(null, "", "install " + debianPackage + " (Debian: apt-get install python3 python3-uvloop"
                + " python3-gevent); tried " + (tried.isEmpty() ? "no interpreter (none found)" : String.join("; ", tried)));
    }

    /** Debian's interpreter, then a python3 elsewhere on the PATH (tried, never trusted unasked). */
    private static List<String> candidates() {
        List<String> found = new ArrayList<>();
        if (Files.isExecutable(Path.of(DEBIAN_PYTHON))) {
            found.add(DEBIAN_PYTHON);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(p) && !p.toString().equals(DEBIAN_PYTHON) && !found.contains(p.toString())) {
                found.add(p.toString());
                break;
            }
        }
        return found;
    }

    /** The program unpacked into the build directory, where the interpreter can read it. */
    private Path scriptPath() {
        Path target = NativeProgram.defaultBuildDirectory().resolve("python").resolve(script);
        try {
            PackagedSource.unpack(PythonProgram.class, "python/" + script, target);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("cannot unpack " + script + " into " + target.getParent() + ": "
                    + e.getMessage(), e);
        }
        return target;
    }

    /** What trying the interpreters found: the interpreter and its version line, or why none would do. */
    private static final class Probe {
        final String interpreter;
        final String version;
        final String reason;

        Probe(String interpreter, String version, String reason) {
            this.interpreter = interpreter;
            this.version = version;
            this.reason = reason;
        }
    }
}
