package org.loopbench.quasar;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.loopbench.api.Availability;
import org.loopbench.api.Runtimes;

/**
 * Skip or fail, never silently pass. Where Quasar cannot run (no JDK 17 given to the build) each test is
 * skipped, one by one so that every skip is counted, with the runtime's own reason ("unavailable: needs
 * JDK 17 for Quasar 0.8.0, this JVM is 25..."). Where the build promised it can (the quasar-on-jdk17
 * profile sets {@code loopbench.quasar.mustBeAvailable}), the tests run anyway and fail on the runtime's
 * RuntimeUnavailableException, because then the agent or the JVM options are broken and "skipped" would
 * hide it.
 *
 * <p>A condition rather than an assumption: it is decided before any {@code @BeforeEach}, including the
 * contract kit's, which makes the runtime.
 */
final class RequiresQuasar implements ExecutionCondition {

    static final String MUST_BE_AVAILABLE = "loopbench.quasar.mustBeAvailable";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided for each test, so that each skip is reported");
        }
        Availability a = Runtimes.installed().availability(QuasarRuntime.ID);
        if (a.available()) {
            return ConditionEvaluationResult.enabled("quasar is available");
        }
        if (Boolean.getBoolean(MUST_BE_AVAILABLE)) {
            return ConditionEvaluationResult.enabled("quasar must be available here and is not (" + a
                    + "): the test runs to fail with the reason");
        }
        return ConditionEvaluationResult.disabled(a.toString());
    }
}
