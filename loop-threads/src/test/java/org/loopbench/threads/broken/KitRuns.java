package org.loopbench.threads.broken;

import org.loopbench.api.contract.AsyncRuntimeContract;

/**
 * The contract kit pointed at each broken runtime. The class names do not end in "Test", so Surefire
 * does not run them on their own: only {@link ContractKitCatchesBrokenRuntimesTest} does, expecting failures.
 */
final class KitRuns {

    private KitRuns() {
    }

    static class OnNoBackpressure extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "broken-no-backpressure";
        }
    }

    static class OnCorruptsBytes extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "broken-corrupts-bytes";
        }
    }

    static class OnWakesEarly extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "broken-wakes-early";
        }
    }

    static class OnLeaksAThread extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "broken-leaks-a-thread";
        }
    }

    static class OnIgnoresCancel extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "broken-ignores-cancel";
        }
    }
}
