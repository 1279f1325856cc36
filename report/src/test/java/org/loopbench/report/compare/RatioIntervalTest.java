package org.loopbench.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loopbench.results.Better;

/**
 * The intervals against figures computed independently (SciPy 1.17: {@code scipy.stats.t.ppf} and
 * {@code ttest_ind(equal_var=False)} on the same logs), so the arithmetic, the degrees of freedom and the
 * direction handling are each pinned.
 */
class RatioIntervalTest {

    private static final double EPS = 1e-6;

    @Test
    void pairedLogRatiosOfALowerIsBetterFigure() {
        RatioInterval i = RatioInterval.paired(List.of(1.0, 1.0, 1.0, 1.0), List.of(1.1, 1.2, 1.1, 1.2), Better.LOWER, 0.95);
        assertEquals(14.891252930760576, i.worsePercent(), EPS);
        assertEquals(6.064701697990449, i.lowPercent(), EPS);
        assertEquals(24.452337004499345, i.highPercent(), EPS);
        assertEquals(8.321855519758993, i.halfWidthPercent(), EPS);
        assertTrue(i.surelyWorse());
        assertTrue(i.method().startsWith("paired t on logs, 4 pairs"), i.method());
    }

    @Test
    void aConfidenceSharedAmongTwelveFiguresWidensTheIntervalAsBonferroniSays() {
        // SciPy: t.ppf(1 - 0.05 / 12 / 2, 3) = 7.940
        RatioInterval i = RatioInterval.paired(List.of(1.0, 1.0, 1.0, 1.0), List.of(1.1, 1.2, 1.1, 1.2), Better.LOWER,
                1 - 0.05 / 12);
        assertEquals(-5.881443316055405, i.lowPercent(), EPS);
        assertEquals(40.248644529541004, i.highPercent(), EPS);
        assertFalse(i.surelyWorse(), "significant at 95% alone, not among twelve");
        assertTrue(i.method().endsWith("99.58%"), i.method());
    }

    @Test
    void welchOnLogsOfAHigherIsBetterFigureWithWelchSatterthwaiteDegreesOfFreedom() {
        RatioInterval i = RatioInterval.welch(List.of(100_000.0, 98_000.0, 103_000.0),
                List.of(90_000.0, 93_000.0, 88_000.0, 91_000.0), Better.HIGHER, 0.95);
        // SciPy: df = 4.2112, t = -5.584, p = 0.0043
        assertEquals(9.799707233501124, i.worsePercent(), EPS);
        assertEquals(5.148316077582431, i.lowPercent(), EPS);
        assertEquals(14.223000808115357, i.highPercent(), EPS);
        assertEquals(4.903857225901466, i.halfWidthPercent(), EPS);
        assertTrue(i.surelyWorse());
        assertFalse(i.within(10));
    }

    @Test
    void identicalSamplesGiveAPointAndOneSampleASideGivesNoInterval() {
        RatioInterval same = RatioInterval.welch(List.of(5.0, 5.0), List.of(5.0, 5.0), Better.LOWER, 0.95);
        assertEquals(0, same.worsePercent(), EPS);
        assertTrue(same.within(10));
        RatioInterval single = RatioInterval.welch(List.of(100.0), List.of(80.0), Better.HIGHER, 0.95);
        assertEquals(20, single.worsePercent(), EPS);
        assertFalse(single.known());
        assertTrue(Double.isNaN(single.detectablePercent(10)));
        assertTrue(RatioInterval.welch(List.of(100.0), List.of(100.0), Better.HIGHER, 0.95).within(10));
        RatioInterval zeros = RatioInterval.paired(List.of(0.0, 0.0), List.of(0.0, 0.0), Better.LOWER, 0.95);
        assertTrue(zeros.within(10), "a counter that stayed 0 on both sides is unchanged: " + zeros);
        assertFalse(RatioInterval.testable(List.of(0.0, 0.0), List.of(0.0, 0.0), true), "and takes no share of the confidence");
    }

    @Test
    void oneSampleOnOneSideBorrowsTheOtherSidesSpread() {
        RatioInterval i = RatioInterval.welch(List.of(100.0, 102.0, 98.0), List.of(70.0), Better.HIGHER, 0.95);
        assertTrue(i.known() && i.surelyWorse(), i.toString());
        assertTrue(i.method().contains("the baseline's spread for both"), i.method());
    }

    @Test
    void aZeroSampleFallsBackToTheValuesThemselves() {
        RatioInterval i = RatioInterval.welch(List.of(0.0, 2.0, 1.0), List.of(1.0, 3.0, 2.0), Better.LOWER, 0.95);
        assertEquals(100, i.worsePercent(), EPS); // means 1 and 2, relative to the baseline's mean
        assertTrue(i.method().startsWith("Welch t,"), i.method());
        assertFalse(RatioInterval.welch(List.of(0.0, 0.0), List.of(1.0, 2.0), Better.LOWER, 0.95).known(),
                "no change relative to a baseline of 0");
    }

    @Test
    void pairedSamplesMustComeInPairs() {
        try {
            RatioInterval.paired(List.of(1.0, 2.0), List.of(1.0), Better.LOWER, 0.95);
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("unequal pairs were accepted");
    }
}
