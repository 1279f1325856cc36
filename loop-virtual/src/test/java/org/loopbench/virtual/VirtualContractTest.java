package org.loopbench.virtual;

import org.loopbench.contract.AsyncRuntimeContract;

/** The whole contract kit, run on one virtual thread per connection and per task. */
class VirtualContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "virtual";
    }
}
