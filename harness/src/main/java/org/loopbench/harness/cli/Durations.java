package org.loopbench.harness.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * Durations as people type them: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is
 * seconds, and seconds may have a fraction ({@code 1.5s}). One spelling for every duration option and
 * {@code -Dloopbench.*} property.
 *
 * <p>A parsed duration always fits in a {@code long} of nanoseconds (about 292 years), so the code that
 * uses it can call {@link Duration#toNanos()} without overflowing; whether it is sensible for its option
 * is {@link #requireIn}'s business.
 */
public final class Durations {

    /** Whole numbers, for ms, m and h. */
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,19}");
    /** Seconds: digits with an optional fraction, no exponent, no "NaN" or "Infinity". */
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]{1,19}(\\.[0-9]{0,9})?|\\.[0-9]{1,9})");
    /** The longest duration whose nanoseconds fit in a long. */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * @param name what the value is for, for the message (e.g. {@code --duration})
     * @throws IllegalArgumentException naming {@code name} and the text
     */
    public static Duration parse(String name, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(whole(t.substring(0, t.length() - 2))));
            } else if (t.endsWith("s")) {
                d = seconds(t.substring(0, t.length() - 1));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(whole(t.substring(0, t.length() - 1))));
            } else if (t.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(whole(t.substring(0, t.length() - 1))));
            } else {
                d = seconds(t);
            }
            if (d.abs().compareTo(LONGEST) > 0) {
                throw new IllegalArgumentException(name + " = '" + text + "' is too long (at most 292 years)");
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not a duration (e.g. 30s, 500ms, 2m)");
        }
    }

    /**
     * @throws IllegalArgumentException "{@code name d} is out of range [min, max]", each written as typed
     */
    public static Duration requireIn(String name, Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " " + format(d) + " is out of range [" + format(min) + ", "
                    + format(max) + "]");
        }
        return d;
    }

    /** As a person would type it: the largest whole unit of h, m, s and ms, e.g. 24h, 90s, 1500ms. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** "5" or "5 " (of "5 m"). */
    private static String whole(String number) {
        String n = number.trim();
        if (!WHOLE.matcher(n).matches()) {
            throw new NumberFormatException(number);
        }
        return n;
    }

    /** Seconds to the nearest millisecond. */
    private static Duration seconds(String number) {
        String n = number.trim();
        if (!DECIMAL.matcher(n).matches()) {
            throw new NumberFormatException(number);
        }
        return Duration.ofMillis(new BigDecimal(n).movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** The picocli converter for {@link Duration} options, with {@link #parse}'s spelling and message. */
    public static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse("duration", value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage().replaceFirst("^duration = ", ""));
            }
        }
    }
}
