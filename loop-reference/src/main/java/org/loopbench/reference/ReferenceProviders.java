package org.loopbench.reference;

import java.util.List;
import java.util.Set;
import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.Capability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.RuntimeUnavailableException;

/**
 * The four reference runtimes' {@link java.util.ServiceLoader} entries. Each is a reference
 * ({@link #reference()}): the report draws it apart from the JVM runtimes. Their JVM is the suite's
 * baseline; it only hosts the child, so its JDK changes nothing the child does.
 */
public final class ReferenceProviders {

    private ReferenceProviders() {
    }

    /** What the four have in common; each subclass names its program. */
    abstract static class Base implements AsyncRuntimeProvider {

        abstract ReferenceProgram program();

        @Override
        public boolean reference() {
            return true;
        }

        @Override
        public Set<Capability> capabilities() {
            return program().capabilities();
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            Availability a = availability();
            if (!a.available()) {
                throw new RuntimeUnavailableException("runtime '" + id() + "' is unavailable: " + a.reason());
            }
            options.requireOnly(id(), optionKeys());
            return new ReferenceRuntime(id(), program());
        }
    }

    /** asyncio's default loop (selector, epoll), {@code Protocol} echo; the seeds' own coroutines. */
    public static final class PyAsyncio extends Base {
        private static final PythonProgram PROGRAM = new PythonProgram("loopbench_asyncio.py", List.of(),
                "asyncio", "python3", "asyncio event loop, coroutines",
                "asyncio's selector event loop (epoll), Protocol callbacks");

        @Override
        ReferenceProgram program() {
            return PROGRAM;
        }

        @Override
        public String id() {
            return "py-asyncio";
        }

        @Override
        public String summary() {
            return "Python asyncio: one event loop, coroutines (reference)";
        }

        @Override
        public Availability availability() {
            return PROGRAM.availability();
        }

        @Override
        public LaunchSpec launch() {
            return new LaunchSpec(LaunchSpec.BASELINE_JDK, false, "the suite's baseline; it only hosts the child",
                    List.of(), "loop-reference/src/main/python/loopbench_asyncio.py", "Python 3 asyncio, run as a child of the benchmark fork");
        }
    }

    /** The same asyncio program on uvloop's loop (libuv): what replacing only the loop buys. */
    public static final class PyUvloop extends Base {
        private static final PythonProgram PROGRAM = new PythonProgram("loopbench_asyncio.py",
                List.of("--loop", "uvloop"), "uvloop", "python3-uvloop",
                "asyncio coroutines on uvloop's event loop",
                "uvloop (libuv, epoll), Protocol callbacks");

        @Override
        ReferenceProgram program() {
            return PROGRAM;
        }

        @Override
        public String id() {
            return "py-uvloop";
        }

        @Override
        public String summary() {
            return "Python asyncio on uvloop (libuv) (reference)";
        }

        @Override
        public Availability availability() {
            return PROGRAM.availability();
        }

        @Override
        public LaunchSpec launch() {
            return new LaunchSpec(LaunchSpec.BASELINE_JDK, false, "the suite's baseline; it only hosts the child",
                    List.of(), "loop-reference/src/main/python/loopbench_asyncio.py", "the asyncio program on uvloop's loop, run as a child of the benchmark fork");
        }
    }

    /** gevent: greenlets on libev, blocking-style code made cooperative. */
    public static final class PyGevent extends Base {
        private static final PythonProgram PROGRAM = new PythonProgram("loopbench_gevent.py", List.of(),
                "gevent", "python3-gevent", "gevent greenlets on one libev loop",
                "gevent's libev loop (epoll), StreamServer");

        @Override
        ReferenceProgram program() {
            return PROGRAM;
        }

        @Override
        public String id() {
            return "py-gevent";
        }

        @Override
        public String summary() {
            return "Python gevent: greenlets on libev (reference)";
        }

        @Override
        public Availability availability() {
            return PROGRAM.availability();
        }

        @Override
        public LaunchSpec launch() {
            return new LaunchSpec(LaunchSpec.BASELINE_JDK, false, "the suite's baseline; it only hosts the child",
                    List.of(), "loop-reference/src/main/python/loopbench_gevent.py", "Python 3 gevent, run as a child of the benchmark fork");
        }
    }

    /** loop-native's C epoll echo server: the floor echo figures are read against. Echo only. */
    public static final class CEpoll extends Base {
        private static final CEpollProgram PROGRAM = new CEpollProgram();

        @Override
        ReferenceProgram program() {
            return PROGRAM;
        }

        @Override
        public String id() {
            return "c-epoll";
        }

        @Override
        public String summary() {
            return "C epoll echo server, one loop per server CPU (reference floor, echo only)";
        }

        @Override
        public Availability availability() {
            return CEpollProgram.availability();
        }

        @Override
        public LaunchSpec launch() {
            return new LaunchSpec(LaunchSpec.BASELINE_JDK, false, "the suite's baseline; it only hosts the child",
                    List.of(), "loop-native", "C, compiled at first use; run as a child of the benchmark fork");
        }
    }
}
