package org.loopbench.report.sections;

import java.util.List;
import java.util.stream.Collectors;

import org.loopbench.report.model.Damage;
import org.loopbench.report.model.RunDirectory;
import org.loopbench.report.render.ReportDocument;
import org.loopbench.report.render.ReportDocument.Callout;
import org.loopbench.report.render.ReportDocument.Heading;
import org.loopbench.report.render.ReportDocument.Tone;

/**
 * The report's first words when the run directory is not what the run wrote: every damaged file, what is
 * wrong with it and what the report shows instead. First, because every figure below is read in its light;
 * absent for an undamaged run, whose report is unchanged by it.
 */
final class DamageSection implements Section {

    private final RunDirectory run;

    DamageSection(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void addTo(ReportDocument doc) {
        List<Damage> damaged = run.damaged();
        if (damaged.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Damaged files", "damaged"));
        doc.add(new Callout(Tone.PROBLEM, damaged.size() + " damaged file" + (damaged.size() == 1 ? "" : "s")
                + ": this directory is not what the run wrote. Figures that depended on "
                + (damaged.size() == 1 ? "it are" : "them are") + " left out or marked \"damaged\" below; copy the run"
                + " again from where it was made, or run it again.",
                damaged.stream().map(Damage::explained).collect(Collectors.toList())));
    }
}
