package org.loopbench.netty;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.loopbench.api.Availability;

/**
 * See {@link ForTransport}: skips, never silently passes, the tests of a class whose transport is
 * unavailable. Checked before each test rather than once per class because Surefire reports a test aborted
 * by an assumption as skipped, with the reason, but a whole class aborted that way as nothing at all.
 * Extension callbacks run before every {@code @BeforeEach} method, the kit's included.
 */
final class TransportAvailableAssumption implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        ForTransport wanted = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ForTransport.class)
                .orElseThrow(() -> new IllegalStateException(context.getRequiredTestClass() + " lacks @ForTransport"));
        Availability a = Transport.byOptionValue(wanted.value()).availability();
        Assumptions.assumeTrue(a.available(), () -> "Netty transport " + wanted.value()
                + " is unavailable on this machine: " + a.reason());
    }
}
