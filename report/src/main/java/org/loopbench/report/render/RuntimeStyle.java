package org.loopbench.report.render;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How each runtime looks in every chart and table of one report: the same colour and marker everywhere,
 * so a reader who learned "the second runtime is orange triangles" in one chart can read the next one at
 * a glance. Colours are Tableau 10 (distinguishable by most colour-blind readers); the marker shape is a
 * second cue. They follow the run's own runtime order (its environment record lists the runtimes in the
 * registry's order), so the report keeps no list of runtime ids and a new runtime needs no change here.
 *
 * <p>Reference runtimes (programs outside the JVM, measured as points of comparison) look apart: greys,
 * drawn dashed (lines) or with a dashed outline (bars), named "(reference)" in every legend. The JVM
 * runtimes take the main colours in their own order, so a run with references colours its JVM runtimes
 * exactly as a run without them.
 */
public final class RuntimeStyle {

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1"};
    private static final String[] SPARE_COLOURS = {"#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac"};
    /** Greys, none the load generator ceiling's (#9ca3af), each a different lightness. */
    private static final String[] REFERENCE_COLOURS = {"#525252", "#8a7f72", "#6b6b8a", "#a3a3a3"};
    /** How a reference runtime's line or bar outline is dashed. */
    public static final String REFERENCE_DASH = "3 3";

    public enum Marker { CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS }

    private final List<String> order;
    private final List<String> references;

    /** @param order the run's runtimes, first one first: the first five get the main colours, in order */
    public RuntimeStyle(List<String> order) {
        this(order, List.of());
    }

    /**
     * @param order      the run's runtimes, first one first
     * @param references those of them that are reference runtimes: grey, dashed, "(reference)"; the others
     *                   take the main colours in their order
     */
    public RuntimeStyle(List<String> order, Collection<String> references) {
        Set<String> refs = Set.copyOf(references);
        this.order = order.stream().filter(r -> !refs.contains(r)).collect(Collectors.toUnmodifiableList());
        java.util.LinkedHashSet<String> refOrder = order.stream().filter(refs::contains)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        refOrder.addAll(references); // one the order does not list still looks like a reference
        this.references = List.copyOf(refOrder);
    }

    /** The runtime's colour; one beyond the fifth gets a spare colour chosen by its id; a reference, a grey. */
    public String colour(String runtime) {
        int r = references.indexOf(runtime);
        if (r >= 0) {
            return REFERENCE_COLOURS[r % REFERENCE_COLOURS.length];
        }
        int i = order.indexOf(runtime);
        if (i >= 0 && i < COLOURS.length) {
            return COLOURS[i];
        }
        return SPARE_COLOURS[Math.floorMod(runtime.hashCode(), SPARE_COLOURS.length)];
    }

    public Marker marker(String runtime) {
        Marker[] all = Marker.values();
        int r = references.indexOf(runtime);
        if (r >= 0) {
            return all[r % all.length];
        }
        int i = order.indexOf(runtime);
        return all[i >= 0 && i < all.length ? i : Math.floorMod(runtime.hashCode(), all.length)];
    }

    /** Whether {@code runtime} is a reference runtime, drawn apart. */
    public boolean reference(String runtime) {
        return references.contains(runtime);
    }

    /** The runtime's name in a legend: its id, "(reference)" added for a reference runtime. */
    public String label(String runtime) {
        return reference(runtime) ? runtime + " (reference)" : runtime;
    }
}
