package org.loopbench.harness.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CollapsedStacksTest {

    @Test
    void selfTimeIsWhereEachStackEnds() {
        CollapsedStacks s = CollapsedStacks.parse(List.of(
                "java/lang/Thread.run;a/Loop.run;sun/nio/ch/EPoll.wait 60",
                "java/lang/Thread.run;a/Loop.run;a/Loop.echo;sun/nio/ch/IOUtil.write 30",
                "java/lang/Thread.run;b/Other.run;sun/nio/ch/EPoll.wait 6",
                "java/lang/Thread.run;a/Loop.run 4",
                "not a stack line",
                ""));
        assertEquals(100, s.total());
        assertEquals(List.of(new CollapsedStacks.Frame("sun/nio/ch/EPoll.wait", 0.66),
                new CollapsedStacks.Frame("sun/nio/ch/IOUtil.write", 0.30)), s.topSelf(2));
        assertEquals(3, s.topSelf(10).size(), "three distinct leaves");
    }

    @Test
    void anEmptyProfileHasNoFrames() {
        assertEquals(List.of(), CollapsedStacks.parse(List.of()).topSelf(3));
    }
}
