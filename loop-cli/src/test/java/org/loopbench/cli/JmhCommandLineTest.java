package org.loopbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhCommandLineTest {

    private static final List<String> PROFILE = List.of("-p", "connections=100,1000", "-p", "payload=64",
            "-f", "1", "-wi", "1", "-w", "2", "-i", "2", "-r", "3");

    @Test
    void withoutExtraArgumentsTheProfileIsUnchanged() {
        assertEquals(PROFILE, JmhCommandLine.merge(PROFILE, List.of()));
    }

    @Test
    void anExtraOptionReplacesTheProfilesOptionOfThatName() {
        assertEquals(List.of("-p", "connections=100,1000", "-p", "payload=64", "-f", "1", "-wi", "1", "-w", "2",
                        "-r", "3", "-i", "12"),
                JmhCommandLine.merge(PROFILE, List.of("-i", "12")));
    }

    @Test
    void anExtraParameterReplacesOnlyThatParameter() {
        assertEquals(List.of("-p", "payload=64", "-f", "1", "-wi", "1", "-w", "2", "-i", "2", "-r", "3",
                        "-p", "connections=1000"),
                JmhCommandLine.merge(PROFILE, List.of("-p", "connections=1000")));
    }

    @Test
    void optionsTheProfileDoesNotHaveAreAdded() {
        assertEquals(List.of("-f", "1", "-prof", "gc"), JmhCommandLine.merge(List.of("-f", "1"), List.of("-prof", "gc")));
    }
}
