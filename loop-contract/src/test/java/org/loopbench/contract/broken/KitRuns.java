package org.loopbench.contract.broken;

import org.loopbench.contract.AsyncRuntimeContract;

/**
 * The contract kit pointed at each self-test runtime, broken or not. The class names do not end in "Test", so Surefire
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

    static class OnClaimsCoordination extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "broken-claims-coordination";
        }
    }

    static class OnPlain extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "plain";
        }
    }

    static class OnEchoOnly extends AsyncRuntimeContract {
        @Override
        protected String runtimeId() {
            return "echo-only";
        }
    }
}
