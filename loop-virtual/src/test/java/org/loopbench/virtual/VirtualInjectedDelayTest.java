package org.loopbench.virtual;

import org.loopbench.contract.InjectedDelayContract;

/** {@code virtual.injectDelayNanos}, the slowdown CI uses to prove the compare step: the kit's rules for it. */
class VirtualInjectedDelayTest extends InjectedDelayContract {

    @Override
    protected String runtimeId() {
        return "virtual";
    }
}
