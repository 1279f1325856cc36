package org.loopbench.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A group's JMH arguments: the profile's, then the user's extra ones ({@code -- JMH_ARG...}), where an
 * extra option replaces the profile's option of the same name and an extra {@code -p name=v} replaces the
 * profile's value of that parameter. JMH itself refuses an option given twice ("Found multiple arguments
 * for option i"), so without this {@code -- -i 5} would fail every group instead of meaning "5 iterations".
 */
final class JmhCommandLine {

    private JmhCommandLine() {
    }

    /**
     * @param profile the profile's arguments, every one an option followed by its value
     * @param extra   the user's arguments, passed on as they are
     */
    static List<String> merge(List<String> profile, List<String> extra) {
        Set<String> optionsGiven = new HashSet<>();
        Set<String> paramsGiven = new HashSet<>();
        for (int k = 0; k < extra.size(); k++) {
            String a = extra.get(k);
            if (a.equals("-p") && k + 1 < extra.size()) {
                paramsGiven.add(paramName(extra.get(++k)));
            } else if (a.startsWith("-")) {
                optionsGiven.add(a);
            }
        }
        List<String> merged = new ArrayList<>();
        for (int k = 0; k < profile.size(); k++) {
            String option = profile.get(k);
            String value = k + 1 < profile.size() ? profile.get(k + 1) : null;
            boolean replaced = option.equals("-p") ? value != null && paramsGiven.contains(paramName(value))
                    : optionsGiven.contains(option);
            if (value != null && !value.startsWith("-")) {
                k++;
                if (!replaced) {
                    merged.add(option);
                    merged.add(value);
                }
            } else if (!replaced) {
                merged.add(option);
            }
        }
        merged.addAll(extra);
        return merged;
    }

    /**
     * The JMH arguments of a group of {@code benchmark} (after its pattern and runtime): the benchmark's
     * parameters and the profile's options, merged with the user's {@code extra} ones.
     */
    static List<String> forBenchmark(BenchmarkSpec benchmark, WorkloadSettings settings, List<String> extra) {
        List<String> profile = new ArrayList<>(Group.jmhParams(benchmark, settings));
        profile.addAll(settings.jmhArgs());
        return merge(profile, extra);
    }

    private static String paramName(String assignment) {
        int eq = assignment.indexOf('=');
        return eq < 0 ? assignment : assignment.substring(0, eq);
    }
}
