package org.loopbench.report.render;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The href of a link to a file of the run, from a path a record holds. The report sits in the run directory
 * and opens offline, so the only links it makes are relative paths that stay inside that directory: no
 * scheme ({@code javascript:}, {@code file:}, a drive letter), no leading '/', no '..' segment, no backslash
 * (which browsers read as '/'). Such a path is percent-encoded byte by byte (UTF-8) outside a small safe set,
 * so neither Markdown ({@code ( ) [ ] |}, spaces) nor an HTML attribute ({@code " ' < &}) can read anything in
 * it as markup, and a '%' in a file name (JMH's directory names are URL-encoded) stays part of the name.
 * Anything else is not linked at all.
 */
public final class RelativeHref {

    private RelativeHref() {
    }

    /** {@code path} encoded as an href; empty when it is not a relative path inside the run directory. */
    public static Optional<String> of(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        String[] segments = path.split("/", -1);
        if (segments[0].indexOf(':') >= 0) { // a scheme, or a Windows drive: not relative
            return Optional.empty();
        }
        for (String segment : segments) {
            if (segment.equals("..")) {
                return Optional.empty();
            }
        }
        StringBuilder href = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (safe(c)) {
                href.append(c);
            } else {
                href.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return Optional.of(href.toString());
    }

    /**
     * RFC 3986's unreserved characters, the path separator, and '=' and ',' (JMH's parameters in directory
     * names): legal in a path as they are, and markup in neither output.
     */
    private static boolean safe(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/=,".indexOf(c) >= 0;
    }
}
