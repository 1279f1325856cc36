package org.loopbench.threads;

import org.loopbench.contract.InjectedDelayContract;

/** {@code threads.injectDelayNanos}, the slowdown CI uses to prove the compare step: the kit's rules for it. */
class ThreadsInjectedDelayTest extends InjectedDelayContract {

    @Override
    protected String runtimeId() {
        return "threads";
    }
}
