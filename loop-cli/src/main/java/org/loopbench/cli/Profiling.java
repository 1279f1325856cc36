package org.loopbench.cli;

import java.util.ArrayList;
import java.util.List;

import org.loopbench.harness.profile.ProfiledTrial;

/**
 * What {@code --profile-cpu} and {@code --profile-alloc} ask for: profiled trials after the measured ones, one
 * kind each. Without either flag nothing is profiled and the run is launched exactly as before.
 */
record Profiling(boolean cpu, boolean alloc) {

    static final Profiling NONE = new Profiling(false, false);

    boolean any() {
        return cpu || alloc;
    }

    List<ProfiledTrial.Kind> kinds() {
        List<ProfiledTrial.Kind> k = new ArrayList<>();
        if (cpu) {
            k.add(ProfiledTrial.Kind.CPU);
        }
        if (alloc) {
            k.add(ProfiledTrial.Kind.ALLOC);
        }
        return k;
    }
}
