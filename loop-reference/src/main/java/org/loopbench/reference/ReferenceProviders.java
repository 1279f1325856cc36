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

    /** A reference runtime: its id, its program, and where the report finds the code it shows. */
    abstract static class Base implements AsyncRuntimeProvider {

        private final String id;
        private final String summary;
        private final ReferenceProgram program;
        private final String code;
        private final String codeNote;

        /**
         * @param code     the source the report shows, relative to the repository root (see {@link LaunchSpec})
         * @param codeNote one line shown above that code
         */
        Base(String id, String summary, ReferenceProgram program, String code, String codeNote) {
            this.id = id;
            this.summary = summary;
            this.program = program;
            this.code = code;
            this.codeNote = codeNote;
        }

        ReferenceProgram program() {
            return program;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String summary() {
            return summary;
        }

        @Override
        public boolean reference() {
            return true;
        }

        @Override
        public Availability availability() {
            return program.availability();
        }

        @Override
        public Set<Capability> capabilities() {
            return program.capabilities();
        }

        @Override
        public LaunchSpec launch() {
            return new LaunchSpec(LaunchSpec.BASELINE_JDK, false, "the suite's baseline; it only hosts the child",
                    List.of(), code, codeNote);
        }

        @Override
        public AsyncRuntime create(RuntimeOptions options) {
            Availability a = availability();
            if (!a.available()) {
                throw new RuntimeUnavailableException("runtime '" + id + "' is unavailable: " + a.reason());
            }
            options.requireOnly(id, optionKeys());
            return new ReferenceRuntime(id, program);
        }
    }

    private static final String ASYNCIO_PROGRAM = "loopbench_asyncio.py";
    private static final String PYTHON_SOURCES = "loop-reference/src/main/python/";

    /** asyncio's default loop (selector, epoll), {@code Protocol} echo; the seeds' own coroutines. */
    public static final class PyAsyncio extends Base {
        public PyAsyncio() {
            super("py-asyncio", "Python asyncio: one event loop, coroutines (reference)",
                    new PythonProgram(ASYNCIO_PROGRAM, List.of(), "asyncio", "python3",
                            "asyncio event loop, coroutines", "asyncio's selector event loop (epoll), Protocol callbacks"),
                    PYTHON_SOURCES + ASYNCIO_PROGRAM, "Python 3 asyncio, run as a child of the benchmark fork");
        }
    }

    /** The same asyncio program on uvloop's loop (libuv): what replacing only the loop buys. */
    public static final class PyUvloop extends Base {
        public PyUvloop() {
            super("py-uvloop", "Python asyncio on uvloop (libuv) (reference)",
                    new PythonProgram(ASYNCIO_PROGRAM, List.of("--loop", "uvloop"), "uvloop", "python3-uvloop",
                            "asyncio coroutines on uvloop's event loop", "uvloop (libuv, epoll), Protocol callbacks"),
                    PYTHON_SOURCES + ASYNCIO_PROGRAM,
                    "the asyncio program on uvloop's loop, run as a child of the benchmark fork");
        }
    }

    /** gevent: greenlets on libev, blocking-style code made cooperative. */
    public static final class PyGevent extends Base {
        public PyGevent() {
            super("py-gevent", "Python gevent: greenlets on libev (reference)",
                    new PythonProgram("loopbench_gevent.py", List.of(), "gevent", "python3-gevent",
                            "gevent greenlets on one libev loop", "gevent's libev loop (epoll), StreamServer"),
                    PYTHON_SOURCES + "loopbench_gevent.py", "Python 3 gevent, run as a child of the benchmark fork");
        }
    }

    /** loop-native's C epoll echo server: the floor echo figures are read against. Echo only. */
    public static final class CEpoll extends Base {
        public CEpoll() {
            super("c-epoll", "C epoll echo server, one loop per server CPU (reference floor, echo only)",
                    new CEpollProgram(), "loop-native",
                    "C, compiled at first use; run as a child of the benchmark fork");
        }
    }
}
