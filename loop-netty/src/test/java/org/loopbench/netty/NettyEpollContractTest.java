package org.loopbench.netty;

import java.util.Map;

import org.loopbench.api.RuntimeOptions;
import org.loopbench.contract.AsyncRuntimeContract;

/** The whole contract kit, unchanged, on Netty's epoll transport (skipped with Netty's reason if unavailable). */
@ForTransport("epoll")
class NettyEpollContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return "netty";
    }

    @Override
    protected RuntimeOptions options() {
        return RuntimeOptions.of(Map.of("netty.transport", "epoll"));
    }
}
