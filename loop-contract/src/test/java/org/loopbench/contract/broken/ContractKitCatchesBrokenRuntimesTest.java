package org.loopbench.contract.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A kit that cannot fail proves nothing. Each row runs one rule of the contract kit against a runtime
 * broken in exactly the way that rule is there to catch, and expects the rule to fail, for the right
 * reason (a fragment of its message). Each row first runs the same rule on the same runtime unbroken
 * ({@link PlainRuntime}) and expects it to pass: so the failure is the breakage, not the rule or the runtime.
 */
class ContractKitCatchesBrokenRuntimesTest {

    @ParameterizedTest(name = "{1} catches {0}")
    @CsvSource({
            "OnNoBackpressure, required_echo_boundsWhatItHoldsForAClientThatNeverReads, no backpressure",
            "OnCorruptsBytes, required_echo_isByteExactFor1000ConcurrentConnectionsWithRandomPayloads, differs",
            "OnCorruptsBytes, required_echo_isByteExactForOne8MiBPayloadThroughPartialReadsAndWrites, differs",
            "OnWakesEarly, required_sleep_10000SleepersOf200msRunConcurrentlyAndNeverWakeEarly, negative lateness",
            "OnWakesEarly, required_sleep_reportsEveryWakeUpOfRepeatedSleeps, negative lateness",
            "OnReleasesOneByOne, required_sleep_firstSleepOf10000TasksIsOneDeadlineWithAllAsleepAtOnce, release chain",
            "OnOwnFirstDeadline, required_sleep_firstSleepOf10000TasksIsOneDeadlineWithAllAsleepAtOnce, one deadline D",
            "OnLeaksAThread, required_close_endsOpenConnectionsAndLeavesNoThreadTimerOrPort, stray-timer",
            "OnIgnoresCancel, required_timeout_cancelsASleepingTaskAndReleasesItsTimer, back to",
            "OnIgnoresCancel, required_gather_surfacesTheFirstFailureAndCancelsTheRest, back to",
            // Declaring a workload and not offering it is a failure, not a skip.
            "OnClaimsCoordination, required_gather_returnsResultsInSubmissionOrder, does not offer",
    })
    void theRuleFailsForTheBrokenRuntime(String kitRun, String rule, String expectedInMessage) throws Exception {
        TestExecutionResult control = run("OnPlain", rule);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, control.getStatus(),
                "the rule fails on the unbroken runtime too, so its failure below would prove nothing: " + control);

        TestExecutionResult r = run(kitRun, rule);
        assertEquals(TestExecutionResult.Status.FAILED, r.getStatus(), "the kit let a broken runtime pass " + rule);
        String message = r.getThrowable().map(String::valueOf).orElse("");
        assertTrue(message.contains(expectedInMessage),
                "failed, but not for the expected reason ('" + expectedInMessage + "'): " + message);
    }

    @ParameterizedTest(name = "{1} on a runtime offering echo only: {2}")
    @CsvSource({
            "OnEchoOnly, required_sleep_reportsEveryWakeUpOfRepeatedSleeps, ABORTED, runtime 'echo-only' does not offer sleep",
            "OnEchoOnly, required_close_endsASleepRunInProgress, ABORTED, runtime 'echo-only' does not offer sleep",
            "OnEchoOnly, required_gather_returnsResultsInSubmissionOrder, ABORTED, runtime 'echo-only' does not offer coord",
            "OnEchoOnly, required_echo_answersHalfCloseWithEveryByteThenEndOfStream, SUCCESSFUL, ''",
            "OnEchoOnly, required_lifecycle_refusesWorkBeforeStartAndStartTwice, SUCCESSFUL, ''",
    })
    void theKitSkipsWhatARuntimeDoesNotOfferAndHoldsItToTheRest(String kitRun, String rule,
            TestExecutionResult.Status expected, String reason) throws Exception {
        TestExecutionResult r = run(kitRun, rule);
        assertEquals(expected, r.getStatus(), String.valueOf(r));
        String message = r.getThrowable().map(Throwable::getMessage).orElse("");
        assertTrue(message.contains(reason), "the skip does not say why ('" + reason + "'): " + message);
    }

    /** Runs one rule of one kit subclass in this JVM and returns its result. */
    private static TestExecutionResult run(String kitRun, String rule) throws ClassNotFoundException {
        Class<?> kit = Class.forName(KitRuns.class.getName() + "$" + kitRun);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(kit, rule))
                .build();
        AtomicReference<TestExecutionResult> result = new AtomicReference<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (id.isTest()) {
                    result.set(r);
                }
            }
        });
        assertNotNull(result.get(), "the rule " + rule + " did not run on " + kitRun);
        return result.get();
    }
}
