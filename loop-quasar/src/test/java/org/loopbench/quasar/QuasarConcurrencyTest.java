package org.loopbench.quasar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.api.SleepReport;
import org.loopbench.api.SleepWorkload;

/**
 * The proof that fibers are fibers: 10,000 of them sleeping at once on 2 carrier threads. If the
 * instrumentation were missing, each Strand.sleep would block its carrier and the run would take
 * 10,000 / 2 sleeps; here it takes about one.
 *
 * <p>Run twice by the build. With the instrumentation verifier on (all tests), verification costs about a
 * millisecond per park, so the 10,000 fibers enter their sleep over several seconds and only the weak
 * claims are checked: every task ran, no lateness is negative, and the run is far shorter than sleeping
 * one after another. Without the verifier (the benchmarks' configuration, property
 * {@code loopbench.quasar.expectAllAsleepAtOnce}), all 10,000 must be asleep at the same moment.
 */
@ExtendWith(RequiresQuasar.class)
class QuasarConcurrencyTest {

    private static final int FIBERS = 10_000;
    private static final Duration SLEEP = Duration.ofSeconds(2);
    private static final int CARRIERS = 2;


    @Test
    void tenThousandFibersSleepConcurrently() throws Exception {
        LongAdder negative = new LongAdder();
        AtomicLong maxLateness = new AtomicLong();
        SleepReport report;
        long peak;
        long threadsAfterStart;
        try (QuasarRuntime runtime = (QuasarRuntime) Runtimes.installed().create(QuasarRuntime.ID,
                RuntimeOptions.parse("quasar.parallelism=" + CARRIERS))) {
            runtime.start();
            threadsAfterStart = runtime.resources().threads();
            report = runtime.runSleepers(SleepWorkload.of(FIBERS, 1, SLEEP), lateness -> {
                if (lateness < 0) {
                    negative.increment();
                }
                maxLateness.accumulateAndGet(lateness, Math::max);
            });
            peak = runtime.peakSleeping();
            // The fibers ran on the runtime's few threads: none was made per fiber.
            assertTrue(runtime.resources().threads() <= CARRIERS + 2,
                    "threads of the runtime after the run: " + runtime.resources());
        }
        System.out.printf("quasar: %,d fibers x 1 x %s: spawn %.2f s, run %.2f s (%.2f sleeps), peak asleep at"
                        + " once %,d, max lateness %.1f ms, verifier %s, threads at start %d%n",
                FIBERS, SLEEP, report.spawnNanos() / 1e9, report.runNanos() / 1e9,
                (double) report.runNanos() / SLEEP.toNanos(), peak, maxLateness.get() / 1e6,
                System.getProperty("co.paralleluniverse.fibers.verifyInstrumentation", "false"), threadsAfterStart);

        assertEquals(FIBERS, report.tasksRun(), "every fiber was created and alive at once");
        assertEquals(FIBERS, report.wakeUps(), "every fiber woke once");
        assertEquals(0, negative.sum(), "no wake-up may come before its deadline");
        long oneAfterAnother = FIBERS * SLEEP.toNanos() / CARRIERS;
        assertTrue(report.runNanos() < oneAfterAnother / 10,
                "10,000 sleeps of " + SLEEP + " took " + report.runNanos() / 1e9 + " s, not far below the "
                        + oneAfterAnother / 1e9 + " s that blocking " + CARRIERS + " carriers would take");
        if (Boolean.getBoolean("loopbench.quasar.expectAllAsleepAtOnce")) {
            assertEquals(FIBERS, peak, "all fibers must have been asleep at the same moment");
            assertTrue(report.runNanos() < 5 * SLEEP.toNanos(),
                    "without the verifier the run should take about one sleep, took "
                            + report.runNanos() / 1e9 + " s for a sleep of " + SLEEP);
        }
    }
}
