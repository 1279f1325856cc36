package org.loopbench.report.render;

import java.util.List;

/**
 * How each runtime looks in every chart and table of one report: the same colour and marker everywhere,
 * so a reader who learned "the second runtime is orange triangles" in one chart can read the next one at
 * a glance. Colours are Tableau 10 (distinguishable by most colour-blind readers); the marker shape is a
 * second cue. They follow the run's own runtime order (its environment record lists the runtimes in the
 * registry's order), so the report keeps no list of runtime ids and a new runtime needs no change here.
 */
public final class RuntimeStyle {

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1"};
    private static final String[] SPARE_COLOURS = {"#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac"};

    public enum Marker { CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS }

    private final List<String> order;

    /** @param order the run's runtimes, first one first: the first five get the main colours, in order */
    public RuntimeStyle(List<String> order) {
        this.order = List.copyOf(order);
    }

    /** The runtime's colour; one beyond the fifth gets a spare colour chosen by its id. */
    public String colour(String runtime) {
        int i = order.indexOf(runtime);
        if (i >= 0 && i < COLOURS.length) {
            return COLOURS[i];
        }
        return SPARE_COLOURS[Math.floorMod(runtime.hashCode(), SPARE_COLOURS.length)];
    }

    public Marker marker(String runtime) {
        int i = order.indexOf(runtime);
        Marker[] all = Marker.values();
        return all[i >= 0 && i < all.length ? i : Math.floorMod(runtime.hashCode(), all.length)];
    }
}
