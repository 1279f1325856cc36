package org.loopbench.reference;

import org.loopbench.contract.AsyncRuntimeContract;

/** The kit's echo and sleep rules against py-gevent; skipped with the reason when it is not installed here. */
class PyGeventContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "py-gevent";
    }
}
