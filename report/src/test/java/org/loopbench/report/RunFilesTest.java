package org.loopbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the harness's files: stems, percentile files, duplicated JMH entries; and the chart axes. */
class RunFilesTest {

    @TempDir
    Path dir;

    @Test
    void aStemGivesBenchmarkParametersAndFork() {
        Trial.Stem s = Trial.Stem.parse("EchoFixedRate.messages-connections=100-payload=64-rate=20000-runtime=threads-2");
        assertEquals("EchoFixedRate.messages", s.benchmark());
        assertEquals(Map.of("connections", "100", "payload", "64", "rate", "20000", "runtime", "threads"), s.params());
        assertEquals(2, s.fork());
        Trial.Stem dashed = Trial.Stem.parse("X.y-runtime=my-runtime");
        assertEquals("my-runtime", dashed.params().get("runtime"));
        assertEquals(1, dashed.fork());
    }

    @Test
    void anHgrmFileGivesItsPercentilesAndMax() {
        PercentileSpectrum s = PercentileSpectrum.parse(String.join("\n",
                "       Value     Percentile TotalCount 1/(1-Percentile)", "",
                "      14.999 0.000000000000          1           1.00",
                "     195.967 0.500000000000     100311           2.00",
                "    1456.127 0.900000000000     180456          10.00",
                "   30343.167 0.990000000000     198500         100.00",
                "   69074.943 1.000000000000     200498",
                "#[Mean    =     1291.361, StdDeviation   =     5350.359]",
                "#[Max     =    69074.943, Total count    =       200498]"));
        assertEquals(4, s.points().size());
        assertEquals(69074.943, s.max(), 1e-9);
        assertEquals(200498, s.count());
        assertEquals(1456.127, s.valueAt(0.9), 1e-9);
        assertEquals(100, s.points().get(3).oneIn(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> PercentileSpectrum.parse("#[Max = 3]\n"));
    }

    @Test
    void identicalEntriesInTwoJmhFilesAreOneResultWithoutWarning() throws Exception {
        String entries = new JmhJson().add("EchoSaturation.messages", "thrpt", "nio", new double[] {1, 2, 3}, "ops/s").build();
        Files.writeString(dir.resolve("jmh-nio.json"), entries);
        Files.writeString(dir.resolve("jmh-result.json"), entries);
        RunResults r = RunResults.load(dir);
        assertEquals(1, r.all().size());
        assertEquals(List.of(), r.warnings());

        Files.writeString(dir.resolve("jmh-result-2.json"),
                new JmhJson().add("EchoSaturation.messages", "thrpt", "nio", new double[] {7, 8, 9}, "ops/s").build());
        assertTrue(RunResults.load(dir).warnings().get(0).startsWith("two results for EchoSaturation.messages"));
    }

    @Test
    void logAxesCoverWholeDecadesAndLabelPercentiles() {
        Axis a = Axis.log(new double[] {150, 42_000}, Units::microsTick, "latency");
        assertEquals(100, a.min(), 1e-9);
        assertEquals(100_000, a.max(), 1e-9);
        assertEquals(List.of("100 µs", "1 ms", "10 ms", "100 ms"),
                a.ticks().stream().filter(Axis.Tick::major).map(Axis.Tick::label).collect(Collectors.toList()));
        assertEquals(0.5, a.fraction(Math.pow(10, 3.5)), 1e-9);
        assertEquals(List.of("0%", "90%", "99%", "99.9%", "99.99%"),
                List.of(SpectrumChart.tick(1), SpectrumChart.tick(10), SpectrumChart.tick(100), SpectrumChart.tick(1000),
                        SpectrumChart.tick(10_000)));
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
