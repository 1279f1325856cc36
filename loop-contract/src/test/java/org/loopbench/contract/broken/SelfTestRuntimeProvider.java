package org.loopbench.contract.broken;

import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.LaunchSpec;

/** What every runtime of the self-test answers alike: always available, never launched by the suite. */
abstract class SelfTestRuntimeProvider implements AsyncRuntimeProvider {

    @Override
    public String summary() {
        return "a runtime of the contract kit's self-test, registered on its test class path only";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public LaunchSpec launch() {
        return LaunchSpec.baseline("loop-contract");
    }
}
