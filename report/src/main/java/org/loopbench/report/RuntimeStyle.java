package org.loopbench.report;

import java.util.Comparator;
import java.util.List;

/**
 * How each runtime looks in every chart and table: the same colour and marker everywhere, so a reader
 * who learned "virtual is orange triangles" in one chart can read the next one at a glance. Colours are
 * Tableau 10 (distinguishable by most colour-blind readers); the marker shape is a second cue.
 */
final class RuntimeStyle {

    /** The order of org.loopbench.api.Runtimes.CANONICAL_ORDER (the report does not depend on loop-api). */
    static final List<String> CANONICAL_ORDER = List.of("threads", "virtual", "nio", "netty", "quasar");

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1"};
    private static final String[] SPARE_COLOURS = {"#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac"};

    enum Marker { CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS }

    static final Comparator<String> ORDER = Comparator
            .comparingInt((String id) -> {
                int i = CANONICAL_ORDER.indexOf(id);
                return i < 0 ? CANONICAL_ORDER.size() : i;
            })
            .thenComparing(Comparator.naturalOrder());

    private RuntimeStyle() {
    }

    static String colour(String runtime) {
        int i = CANONICAL_ORDER.indexOf(runtime);
        if (i >= 0) {
            return COLOURS[i];
        }
        return SPARE_COLOURS[Math.floorMod(runtime.hashCode(), SPARE_COLOURS.length)];
    }

    static Marker marker(String runtime) {
        int i = CANONICAL_ORDER.indexOf(runtime);
        Marker[] all = Marker.values();
        return all[i >= 0 ? i : Math.floorMod(runtime.hashCode(), all.length)];
    }
}
