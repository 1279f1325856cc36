package org.loopbench.threads;

import org.loopbench.contract.AsyncRuntimeContract;

/** The whole contract kit, run on one platform thread per connection and per task. */
class ThreadsContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "threads";
    }
}
