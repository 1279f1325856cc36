package org.loopbench.threads.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A kit that cannot fail proves nothing. Each row runs one rule of the contract kit against a runtime
 * broken in exactly the way that rule is there to catch, and expects the rule to fail, for the right
 * reason (a fragment of its message).
 */
class ContractKitCatchesBrokenRuntimesTest {

    @ParameterizedTest(name = "{1} catches {0}")
    @CsvSource({
            "OnNoBackpressure, required_echo_boundsWhatItHoldsForAClientThatNeverReads, no backpressure",
            "OnCorruptsBytes, required_echo_isByteExactFor1000ConcurrentConnectionsWithRandomPayloads, differs",
            "OnCorruptsBytes, required_echo_isByteExactForOne8MiBPayloadThroughPartialReadsAndWrites, differs",
            "OnWakesEarly, required_sleep_10000SleepersOf200msRunConcurrentlyAndNeverWakeEarly, negative lateness",
            "OnWakesEarly, required_sleep_reportsEveryWakeUpOfRepeatedSleeps, negative lateness",
            "OnLeaksAThread, required_close_endsOpenConnectionsAndLeavesNoThreadTimerOrPort, stray-timer",
            "OnIgnoresCancel, required_timeout_cancelsASleepingTaskAndReleasesItsTimer, back to",
            "OnIgnoresCancel, required_gather_surfacesTheFirstFailureAndCancelsTheRest, back to",
    })
    void theRuleFailsForTheBrokenRuntime(String kitRun, String rule, String expectedInMessage) throws Exception {
        Class<?> kit = Class.forName(KitRuns.class.getName() + "$" + kitRun);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(kit, rule))
                .build();
        AtomicReference<TestExecutionResult> result = new AtomicReference<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (id.isTest()) {
                    result.set(r);
                }
            }
        });
        TestExecutionResult r = result.get();
        assertTrue(r != null, "the rule " + rule + " did not run");
        assertEquals(TestExecutionResult.Status.FAILED, r.getStatus(),
                "the kit let a broken runtime pass " + rule);
        Optional<Throwable> why = r.getThrowable();
        String message = why.map(String::valueOf).orElse("");
        assertTrue(message.contains(expectedInMessage),
                "failed, but not for the expected reason ('" + expectedInMessage + "'): " + message);
    }
}
