package org.loopbench.cli;

import java.nio.file.Path;
import java.util.List;

/** The commit a run measured, and whether the work tree had uncommitted changes to tracked files. */
record GitState(String commit, String shortCommit, boolean dirty) {

    static GitState of(Path root) {
        String commit = Processes.output(root, List.of("git", "rev-parse", "HEAD")).orElse("unknown");
        String shortCommit = Processes.output(root, List.of("git", "rev-parse", "--short", "HEAD")).orElse("nogit");
        boolean dirty = Processes.output(root, List.of("git", "status", "--porcelain", "--untracked-files=no"))
                .map(s -> !s.isEmpty()).orElse(false);
        return new GitState(commit, shortCommit, dirty);
    }

    /** results/runs/&lt;stamp&gt;-&lt;commit&gt;[-dirty]: a fresh directory name for a run started at {@code stamp}. */
    Path runDirectory(Path root, String stamp) {
        return root.resolve("results").resolve("runs").resolve(stamp + "-" + shortCommit + (dirty ? "-dirty" : ""));
    }
}
