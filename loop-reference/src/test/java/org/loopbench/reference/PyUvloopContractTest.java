package org.loopbench.reference;

import org.loopbench.contract.AsyncRuntimeContract;

/** The kit's echo and sleep rules against py-uvloop; skipped with the reason when it is not installed here. */
class PyUvloopContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "py-uvloop";
    }
}
