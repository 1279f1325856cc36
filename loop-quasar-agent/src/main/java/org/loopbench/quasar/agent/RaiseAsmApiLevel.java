package org.loopbench.quasar.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step of loop-quasar-agent (run by exec-maven-plugin after the shade): raises the ASM API level that
 * Quasar's own classes hand to ASM from ASM4..ASM8 to {@link Opcodes#ASM9}, in place in the shaded jar.
 *
 * <p>Why: Quasar's class visitors call {@code super(Opcodes.ASM7, ...)}; javac folded that constant into
 * an {@code ldc} in Quasar's bytecode, so relocating a newer ASM under Quasar's package is not enough.
 * ASM 9 reading a JDK 17 class (one with PermittedSubclasses or a Record attribute) under an API level
 * below ASM9 throws, and Quasar's agent then leaves that class, and every class it needed to look at,
 * uninstrumented. Only {@code co/paralleluniverse/**} classes that use the relocated ASM are touched, never
 * the relocated ASM itself; every rewritten site is printed, so the build log shows what changed.
 *
 * <p>It fails the build (with the reason) unless it rewrites exactly the expected number of constants,
 * the jar carries the agent manifest, and the ASM inside is the relocated new one: a different Quasar or
 * ASM must be looked at by a person, not patched blindly.
 *
 * <p>Usage: {@code RaiseAsmApiLevel <shaded jar> <expected number of constants>}.
 */
public final class RaiseAsmApiLevel {

    private static final String QUASAR = "co/paralleluniverse/";
    private static final String RELOCATED_ASM = "co/paralleluniverse/asm/";
    private static final byte[] RELOCATED_ASM_BYTES = RELOCATED_ASM.getBytes(StandardCharsets.UTF_8);
    private static final Set<Integer> OLD_API_LEVELS = Set.of(
            Opcodes.ASM4, Opcodes.ASM5, Opcodes.ASM6, Opcodes.ASM7, Opcodes.ASM8);
    /** A class ASM has had only since 8.0, relocated: its presence shows the old ASM 7 was replaced. */
    private static final String NEW_ASM_MARKER = RELOCATED_ASM + "RecordComponentVisitor.class";

    private RaiseAsmApiLevel() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            fail("usage: RaiseAsmApiLevel <shaded quasar jar> <expected number of ASM API constants>");
        }
        Path jar = Path.of(args[0]);
        int expected;
        try {
            expected = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            fail("expected number of ASM API constants '" + args[1] + "' is not a whole number");
            return;
        }
        if (!Files.isRegularFile(jar)) {
            fail("no jar at " + jar + ": the shade step must run first");
        }
        requireAgentManifest(jar);

        List<String> sites = new ArrayList<>();
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".asm9.tmp");
        boolean sawNewAsm = false;
        boolean sawOriginalAsmPackage = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                byte[] bytes = in.readAllBytes();
                sawNewAsm |= name.equals(NEW_ASM_MARKER);
                sawOriginalAsmPackage |= name.startsWith("org/objectweb/asm/");
                if (isQuasarClassUsingAsm(name, bytes)) {
                    bytes = raise(bytes, sites);
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime()); // keep the shade's timestamps: same input, same jar
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (!sawNewAsm || sawOriginalAsmPackage) {
            Files.delete(rewritten);
            fail(jar + " does not hold ASM 8+ relocated to " + RELOCATED_ASM + " (found " + NEW_ASM_MARKER + ": "
                    + sawNewAsm + ", unrelocated org/objectweb/asm: " + sawOriginalAsmPackage + ")");
        }
        if (sites.size() != expected) {
            Files.delete(rewritten);
            fail("expected " + expected + " ASM API level constants in Quasar's classes, found " + sites.size()
                    + (sites.isEmpty() ? "" : ":\n  " + String.join("\n  ", sites))
                    + "\nA different Quasar build? Check its visitors by hand, then update the expected count.");
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("loop-quasar-agent: raised " + sites.size() + " ASM API level constants to ASM9 in "
                + jar.getFileName() + " (class.method: level before):");
        for (String site : sites) {
            System.out.println("  " + site);
        }
    }

    /** A Quasar class (not the relocated ASM) whose constant pool names the relocated ASM. */
    private static boolean isQuasarClassUsingAsm(String name, byte[] bytes) {
        return name.endsWith(".class") && name.startsWith(QUASAR) && !name.startsWith(RELOCATED_ASM)
                && contains(bytes, RELOCATED_ASM_BYTES);
    }

    private static byte[] raise(byte[] classFile, List<String> sites) {
        ClassReader reader = new ClassReader(classFile);
        // No COMPUTE_FRAMES: swapping one int constant changes no types; ASM re-encodes the offsets.
        ClassWriter writer = new ClassWriter(reader, 0);
        int before = sites.size();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, method, descriptor, signature, exceptions);
                return new MethodVisitor(Opcodes.ASM9, next) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Integer && OLD_API_LEVELS.contains(value)) {
                            sites.add(reader.getClassName().substring(QUASAR.length()) + "." + method + ": "
                                    + levelName((Integer) value));
                            value = Opcodes.ASM9;
                        }
                        super.visitLdcInsn(value);
                    }
                };
            }
        }, 0);
        return sites.size() == before ? classFile : writer.toByteArray();
    }

    private static String levelName(int level) {
        return "ASM" + (level >>> 16);
    }

    private static void requireAgentManifest(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            Attributes a = m == null ? new Attributes() : m.getMainAttributes();
            for (String key : List.of("Premain-Class", "Agent-Class", "Can-Retransform-Classes", "Can-Redefine-Classes")) {
                if (a.getValue(key) == null) {
                    fail(jar + " has no '" + key + "' manifest entry: it would not work as -javaagent");
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void fail(String message) {
        System.err.println("loop-quasar-agent: " + message);
        // exec:java runs in Maven's JVM: an exception, not System.exit, fails the build cleanly
        throw new IllegalStateException(message);
    }
}
