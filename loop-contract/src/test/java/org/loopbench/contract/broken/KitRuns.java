package org.loopbench.contract.broken;

import org.loopbench.contract.AsyncRuntimeContract;

/**
 * The contract kit pointed at each self-test runtime, broken or not. The class names do not end in
 * "Test", so Surefire does not run them on their own: only {@link ContractKitCatchesBrokenRuntimesTest}
 * does, rule by rule, expecting what each runtime deserves.
 */
final class KitRuns {

    private KitRuns() {
    }

    /** The kit on the runtime with this id. */
    abstract static class On extends AsyncRuntimeContract {
        private final String id;

        On(String id) {
            this.id = id;
        }

        @Override
        protected String runtimeId() {
            return id;
        }
    }

    static class OnNoBackpressure extends On {
        OnNoBackpressure() {
            super("broken-no-backpressure");
        }
    }

    static class OnCorruptsBytes extends On {
        OnCorruptsBytes() {
            super("broken-corrupts-bytes");
        }
    }

    static class OnWakesEarly extends On {
        OnWakesEarly() {
            super("broken-wakes-early");
        }
    }

    static class OnReleasesOneByOne extends On {
        OnReleasesOneByOne() {
            super("broken-releases-one-by-one");
        }
    }

    static class OnOwnFirstDeadline extends On {
        OnOwnFirstDeadline() {
            super("broken-own-first-deadline");
        }
    }

    static class OnLeaksAThread extends On {
        OnLeaksAThread() {
            super("broken-leaks-a-thread");
        }
    }

    static class OnIgnoresCancel extends On {
        OnIgnoresCancel() {
            super("broken-ignores-cancel");
        }
    }

    static class OnClaimsCoordination extends On {
        OnClaimsCoordination() {
            super("broken-claims-coordination");
        }
    }

    static class OnPlain extends On {
        OnPlain() {
            super("plain");
        }
    }

    static class OnEchoOnly extends On {
        OnEchoOnly() {
            super("echo-only");
        }
    }
}
