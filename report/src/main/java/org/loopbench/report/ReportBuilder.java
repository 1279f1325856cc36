package org.loopbench.report;

/** Builds the whole report from one run directory, section by section, in the order a reader needs. */
final class ReportBuilder {

    private ReportBuilder() {
    }

    static ReportDocument build(RunDirectory run) {
        ReportDocument doc = new ReportDocument("loopbench report");
        OverviewSection overview = new OverviewSection(run, doc);
        overview.top();
        EchoSection echo = new EchoSection(run, doc);
        echo.saturation();
        echo.fixedRate();
        new SleepSection(run, doc).add();
        new CoordinationSection(run, doc).add();
        new CodeSection(run, doc).add();
        new ResourceSection(run, doc).add();
        OtherSection.add(run, doc);
        overview.bottom();
        return doc;
    }
}
