package org.loopbench.reference;

import java.util.List;
import java.util.Set;
import org.loopbench.api.Availability;
import org.loopbench.api.Capability;
import org.loopbench.api.RuntimeDescription;

/**
 * What differs between reference runtimes: the program that does the work and how to describe it. The
 * rest (starting, asking, reading, ending the child; turning its answers into the API's results) is the
 * same for all and lives in {@link ReferenceRuntime}.
 */
interface ReferenceProgram {

    /**
     * The command line that runs {@code command} (echo, sleep, crawl, deadline, pingpong) with its
     * options, e.g. {@code /usr/bin/python3 -I .../loopbench_asyncio.py --loop uvloop sleep --tasks 10 ...}.
     */
    List<String> commandLine(String command, List<String> options);

    /** Whether the program can run here, and if not why, naming what to install. */
    Availability availability();

    /** The workloads the program offers; the same set its provider declares. */
    Set<Capability> capabilities();

    /** What this runtime is, for every result it takes part in. */
    RuntimeDescription describe(String id);
}
