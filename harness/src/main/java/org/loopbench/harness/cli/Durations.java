package org.loopbench.harness.cli;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine;

/**
 * Durations as people type them: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is
 * seconds. One spelling for every duration option and {@code -Dloopbench.*} property.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * @param name what the value is for, for the message (e.g. {@code --duration})
     * @throws IllegalArgumentException naming {@code name} and the text
     */
    public static Duration parse(String name, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            } else if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not a duration (e.g. 30s, 500ms, 2m)");
        }
    }

    /** The picocli converter for {@link Duration} options, with {@link #parse}'s spelling and message. */
    public static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse("duration", value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 500ms, 2m)");
            }
        }
    }
}
