package org.loopbench.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.loopbench.report.model.Spread;

/** Chart axes and the units of figures. */
class AxesAndUnitsTest {

    @Test
    void logAxesCoverWholeDecades() {
        Axis a = Axis.log(new double[] {150, 42_000}, Units::microsTick, "latency");
        assertEquals(100, a.min(), 1e-9);
        assertEquals(100_000, a.max(), 1e-9);
        assertEquals(List.of("100 µs", "1 ms", "10 ms", "100 ms"),
                a.ticks().stream().filter(Axis.Tick::major).map(Axis.Tick::label).collect(Collectors.toList()));
        assertEquals(0.5, a.fraction(Math.pow(10, 3.5)), 1e-9);
        Axis linear = Axis.linearFromZero(new double[] {141_138}, Units::plain, "msgs/s");
        assertEquals(150_000, linear.max(), 1e-9); // step 50,000: 141,138 / 5 rounded up to 1-2-2.5-5
    }

    @Test
    void durationsGetTheirUnitAndOneUnitPerFigure() {
        assertEquals("136 µs", Units.micros(135.551));
        assertEquals("1.37 ms", Units.micros(1373.4));
        assertEquals("4.26 s", Units.micros(4_263_510));
        assertEquals("2.11 (2.06–2.15) s", Units.millis(new Spread(2106, 2060, 2150, Spread.Kind.RANGE, 2)));
    }
}
