package org.loopbench.reference;

import org.loopbench.contract.AsyncRuntimeContract;

/** The kit's echo and sleep rules against py-asyncio; skipped with the reason when it is not installed here. */
class PyAsyncioContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "py-asyncio";
    }
}
