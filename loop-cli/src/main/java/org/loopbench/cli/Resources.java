package org.loopbench.cli;

import com.fasterxml.jackson.databind.JsonNode;

import org.loopbench.results.Json;

/**
 * This module's own data files (profiles, workload launch facts), read with loop-results' one strict
 * Jackson configuration, as every other loopbench file is.
 */
final class Resources {

    private Resources() {
    }

    /** A resource next to this class; a missing or broken one is a packaging defect, not user input. */
    static JsonNode json(String name) {
        return Json.readResource(Resources.class, name);
    }
}
