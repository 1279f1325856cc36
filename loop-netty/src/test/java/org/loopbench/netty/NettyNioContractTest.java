package org.loopbench.netty;

import java.util.Map;

import org.loopbench.api.RuntimeOptions;
import org.loopbench.contract.AsyncRuntimeContract;

/** The whole contract kit, unchanged, on Netty's nio transport (skipped with Netty's reason if unavailable). */
@ForTransport("nio")
class NettyNioContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "netty";
    }

    @Override
    protected RuntimeOptions options() {
        return RuntimeOptions.of(Map.of("netty.transport", "nio"));
    }
}
