package org.loopbench.report.sections;

import java.util.List;

import org.loopbench.report.render.ReportDocument;

/**
 * One part of the report. A section reads the run it was made for and appends its blocks to the
 * document in reading order; {@link ReportBuilder} decides the order of the parts. A section is a
 * one-shot writer: made for one run, added to one document.
 */
interface Section {

    void addTo(ReportDocument doc);

    /** The rankings this section makes, one per workload it ranks, for "At a glance"; none by default. */
    default List<WorkloadRanking> rankings() {
        return List.of();
    }
}
