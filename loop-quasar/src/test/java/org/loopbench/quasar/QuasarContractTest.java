package org.loopbench.quasar;

import org.junit.jupiter.api.extension.ExtendWith;
import org.loopbench.contract.AsyncRuntimeContract;

/**
 * The shared contract, run against the quasar runtime, with Quasar's instrumentation verifier watching
 * (InstrumentationWarnings guards every test class of this module).
 */
@ExtendWith(RequiresQuasar.class)
class QuasarContractTest extends AsyncRuntimeContract {

    @Override
    protected String runtimeId() {
        return QuasarRuntime.ID;
    }

    /**
     * Quasar's default scheduler is made by the first Fiber of the JVM (every Fiber's result Val asks for
     * it, whatever scheduler runs the fiber) and its timer thread lives until the JVM exits. It belongs to
     * Quasar, not to any runtime instance, and is never given work by loopbench.
     */
    @Override
    protected boolean isSharedJvmThread(Thread t) {
        return t.getName().equals("FiberTimedScheduler-default-fiber-pool");
    }
}
