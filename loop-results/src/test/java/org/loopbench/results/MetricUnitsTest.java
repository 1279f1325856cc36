package org.loopbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fork's view of the catalog says what the catalog says, after a trip through its file. */
class MetricUnitsTest {

    private final MetricCatalog catalog = MetricCatalog.standard();

    @Test
    void everyEntrySurvivesTheFile(@TempDir Path dir) {
        Path f = dir.resolve("units.properties");
        catalog.units().write(f);
        MetricUnits read = MetricUnits.read(f);
        assertEquals(catalog.metrics().size(), read.entries().size());
        for (MetricDefinition m : catalog.metrics()) {
            String metric = m.isPattern() ? m.name().replace("*", "some.member") : m.name();
            MetricUnits.Unit u = read.require(metric);
            assertEquals(m.unit(), u.unit(), metric);
            assertEquals(m.aggregation(), u.aggregation(), metric);
            assertEquals(catalog.require(metric).unit(), u.unit(), metric);
        }
    }

    @Test
    void aMetricOutsideTheCatalogIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.units().require("no.such.metric"));
        assertTrue(e.getMessage().contains("'no.such.metric'"), e.getMessage());
    }

    @Test
    void aDamagedFileIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("units.properties");
        Files.writeString(f, "server.rss=MiB\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MetricUnits.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("server.rss"), e.getMessage());
    }
}
