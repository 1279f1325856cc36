package org.loopbench.nio;

import org.loopbench.contract.InjectedDelayContract;

/** {@code nio.injectDelayNanos}, the slowdown CI uses to prove the compare step: the kit's rules for it. */
class NioInjectedDelayTest extends InjectedDelayContract {

    @Override
    protected String runtimeId() {
        return "nio";
    }

    /** Two loops: the burn must hold up the loop that owns the connection, whichever it is. */
    @Override
    protected String otherOptions() {
        return "nio.loops=2";
    }
}
