package org.loopbench.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.loopbench.api.RuntimeOptions;

/**
 * The option's range and its record in the description. Timing is asserted only as a lower bound (a burn
 * of N us lasts at least N us), which no machine's noise can break.
 */
class InjectedDelayTest {

    @Test
    void absentOrZeroIsNone() {
        assertSame(InjectedDelay.NONE, InjectedDelay.fromOptions(RuntimeOptions.NONE, "nio"));
        assertSame(InjectedDelay.NONE, InjectedDelay.fromOptions(RuntimeOptions.parse("nio.injectDelayNanos=0"), "nio"));
        assertFalse(InjectedDelay.NONE.active());
        assertEquals(1234, InjectedDelay.NONE.burnAfterWakeUp(1234), "no delay, no clock read: the wake-up itself");
    }

    @Test
    void readsTheKeyOfItsOwnRuntime() {
        RuntimeOptions options = RuntimeOptions.parse("nio.injectDelayNanos=50,threads.injectDelayNanos=7");
        assertEquals(50, InjectedDelay.fromOptions(options, "nio").nanos());
        assertEquals(7, InjectedDelay.fromOptions(options, "threads").nanos());
        assertSame(InjectedDelay.NONE, InjectedDelay.fromOptions(options, "virtual"));
        assertEquals("virtual.injectDelayNanos", InjectedDelay.optionKey("virtual"));
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheOptionAndTheRange() {
        for (String bad : new String[] {"-1", "1000000001", "2147483648", "5us", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InjectedDelay.fromOptions(RuntimeOptions.parse("virtual.injectDelayNanos=" + bad), "virtual"));
            assertTrue(e.getMessage().contains("virtual.injectDelayNanos=" + bad), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InjectedDelay.fromOptions(RuntimeOptions.parse("virtual.injectDelayNanos=-1"), "virtual"));
        assertTrue(e.getMessage().contains("[0, 1000000000]"), e.getMessage());
        assertEquals(1_000_000_000, InjectedDelay.fromOptions(
                RuntimeOptions.parse("virtual.injectDelayNanos=1000000000"), "virtual").nanos());
        assertThrows(IllegalArgumentException.class, () -> InjectedDelay.ofNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> InjectedDelay.ofNanos(1_000_000_001));
    }

    @Test
    void describesItselfOnlyWhenActive() {
        Map<String, String> settings = new LinkedHashMap<>();
        InjectedDelay.NONE.describeIn(settings, "nio");
        assertTrue(settings.isEmpty(), "a normal run's description must not change: " + settings);
        InjectedDelay.ofNanos(50).describeIn(settings, "nio");
        assertEquals(Map.of("nio.injectDelayNanos", "50 (deliberately slowed: not a real result)"), settings);
    }

    @Test
    void aBurnLastsAtLeastItsDelay() {
        InjectedDelay delay = InjectedDelay.ofNanos(2_000_000);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            delay.burn();
            long took = System.nanoTime() - start;
            assertTrue(took >= 2_000_000, "burnt only " + took + " ns");
        }
        long woke = System.nanoTime();
        long goesOn = delay.burnAfterWakeUp(woke);
        assertTrue(goesOn - woke >= 2_000_000, "went on " + (goesOn - woke) + " ns after the wake-up");
    }

    @Test
    void valuesOfTheSameDelayAreEqual() {
        assertEquals(InjectedDelay.ofNanos(50), InjectedDelay.ofNanos(50));
        assertEquals(InjectedDelay.ofNanos(50).hashCode(), InjectedDelay.ofNanos(50).hashCode());
        assertFalse(InjectedDelay.ofNanos(50).equals(InjectedDelay.ofNanos(51)));
    }
}
