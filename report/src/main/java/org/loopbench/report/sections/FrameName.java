package org.loopbench.report.sections;

import java.util.Arrays;

/**
 * async-profiler's frame names made short enough for a table cell without losing what the frame is. A Java
 * frame keeps its class's simple name and its method ({@code sun/nio/ch/EPoll.wait} becomes {@code EPoll.wait});
 * an allocated type its simple name ({@code java.lang.String}, {@code String}), and an allocation site both
 * ({@code byte[] in java/util/Arrays.copyOf}, {@code byte[] in Arrays.copyOf}); a C++ frame its class and
 * function without the parameter list; a native or kernel symbol ({@code epoll_wait}) stays as it is. Only a
 * package is ever dropped: the flame graph, one click away, has the full names.
 */
final class FrameName {

    private FrameName() {
    }

    static String shorten(String frame) {
        if (frame == null) {
            return "";
        }
        int in = frame.indexOf(" in ");
        if (in > 0) { // an allocation site: "type in frame"
            return shorten(frame.substring(0, in)) + " in " + shorten(frame.substring(in + 4));
        }
        int paren = frame.indexOf('(');
        if (paren > 0 && frame.contains("::")) { // C++: Class::function(parameters)
            return frame.substring(0, paren) + "()";
        }
        if (frame.indexOf('/') > 0) { // Java: package/path/Class.method, or a hidden class: .../Class$$Lambda/0x...
            return withoutPackage(frame, "/");
        }
        return withoutPackage(frame, "."); // an allocated type (java.lang.String), or a symbol without a package
    }

    /**
     * {@code name} without its leading lower-case segments (a package), when a capitalised one (a class) follows;
     * the last segment at least is kept, and a name with no class in it (libc.so.6) is left whole.
     */
    private static String withoutPackage(String name, String separator) {
        String[] parts = name.split(java.util.regex.Pattern.quote(separator), -1);
        int first = 0;
        while (first < parts.length - 1 && !parts[first].isEmpty() && Character.isLowerCase(parts[first].charAt(0))) {
            first++;
        }
        boolean classFollows = Arrays.stream(parts, first, parts.length)
                .anyMatch(p -> !p.isEmpty() && Character.isUpperCase(p.charAt(0)));
        if (first == 0 || !classFollows && separator.equals(".")) {
            return name;
        }
        return String.join(separator, Arrays.copyOfRange(parts, first, parts.length));
    }
}
