package org.loopbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** This module's own data files (profiles, workload launch facts), read with Jackson. */
final class Resources {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Resources() {
    }

    /** A resource next to this class; a missing or broken one is a packaging defect, not user input. */
    static JsonNode json(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from loop-cli's jar");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("resource " + name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
