package org.loopbench.reference;

import org.loopbench.contract.AsyncRuntimeContract;

/** The kit's echo and sleep rules against c-epoll; skipped with the reason when it is not installed here. */
class CEpollContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "c-epoll";
    }
}
