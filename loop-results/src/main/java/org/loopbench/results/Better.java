package org.loopbench.results;

import java.util.Locale;

/** Which way a figure is better; {@link #NONE} for figures that are not good or bad by themselves (thread counts, rates asked for). */
public enum Better {
    HIGHER, LOWER, NONE;

    /** The catalog's spelling: {@code higher}, {@code lower}, {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known values */
    public static Better ofId(String id) {
        for (Better b : values()) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + id + "' (known: higher, lower, none)");
    }
}
