package org.loopbench.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.ReportDocument;

/** A benchmark no section shows is listed under "Other benchmarks", never dropped. */
class OtherSectionTest {

    @Test
    void aCatalogWorkloadWithoutAViewIsListedWithItsScore() throws Exception {
        RunDirectory run = RunDirectory.read(Path.of(getClass().getResource("/runs/sleep-only").toURI()));

        ReportDocument shownElsewhere = new ReportDocument("t");
        new OtherSection(run, Set.of("sleep")).addTo(shownElsewhere);
        assertEquals(List.of(), shownElsewhere.blocks(), "the sleep section shows these");

        ReportDocument noView = new ReportDocument("t");
        new OtherSection(run, Set.of()).addTo(noView);
        ReportDocument.Table scores = (ReportDocument.Table) noView.blocks().get(1);
        assertEquals(2, scores.rows().size(), "one row per runtime: " + scores.rows());
        assertTrue(scores.rows().get(0).get(2).text().endsWith(" ms/op (ss)"), scores.rows().toString());
    }
}
