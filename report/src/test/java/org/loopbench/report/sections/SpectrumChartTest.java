package org.loopbench.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpectrumChartTest {

    @Test
    void theOneInNAxisIsLabelledWithPercentiles() {
        assertEquals(List.of("0%", "90%", "99%", "99.9%", "99.99%"),
                List.of(SpectrumChart.tick(1), SpectrumChart.tick(10), SpectrumChart.tick(100), SpectrumChart.tick(1000),
                        SpectrumChart.tick(10_000)));
    }
}
