package org.loopbench.nio;

import org.loopbench.contract.AsyncRuntimeContract;

/** The shared contract kit, run against the nio runtime with its default options. */
class NioContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "nio";
    }
}
