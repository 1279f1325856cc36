package org.loopbench.harness.results;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)} and {@code clock_getres} of Linux's C library, bound
 * through {@code java.lang.foreign} (final in JDK 22) or, on JDK 17, its incubator
 * {@code jdk.incubator.foreign} (when the JVM was started with {@code --add-modules=jdk.incubator.foreign},
 * as Quasar's forks are). The harness compiles for release 17, so either API is reached by reflection once,
 * at binding; each reading is then an exact method-handle call, no reflection. {@link CpuClock} explains
 * why this clock.
 *
 * <p>The JVM must allow native access to the class path ({@code --enable-native-access=ALL-UNNAMED}, which
 * the coordination benchmarks' forks get); without it JDK 22-25 print a warning once and go on, a later
 * JDK may refuse, and {@link CpuClock} then falls back to the JVM's tick clock.
 */
final class ClockGettime {

    /** {@code <time.h>}: the same value on every Linux architecture. */
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

    private final MethodHandle clockGettime; // (int clockid, MemorySegment timespec) int, adapted to (int, Object) int
    private final Object timespec;           // 16 bytes, struct timespec { long tv_sec; long tv_nsec; }, as the API passes pointers
    private final ByteBuffer view;           // the same 16 bytes, read without the foreign API

    private ClockGettime(MethodHandle clockGettime, Object timespec, ByteBuffer view) {
        this.clockGettime = clockGettime;
        this.timespec = timespec;
        this.view = view;
    }

    /**
     * The process CPU clock, with the resolution {@code clock_getres} states.
     *
     * @throws Throwable when it cannot be bound: no foreign API, no such symbol, native access denied,
     *                   not a 64-bit Linux, or the first reading fails
     */
    static CpuClock processClock() throws Throwable {
        if (!"Linux".equals(System.getProperty("os.name")) || !"64".equals(System.getProperty("sun.arch.data.model"))) {
            throw new UnsupportedOperationException("struct timespec is laid out for 64-bit Linux only");
        }
        try {
            return bindFinalApi();
        } catch (ClassNotFoundException beforeJdk22) {
            return bindJdk17Incubator();
        }
    }

    /** JDK 22+: {@code java.lang.foreign}. */
    private static CpuClock bindFinalApi() throws Throwable {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> arenaType = Class.forName("java.lang.foreign.Arena");

        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
        Object intLayout = valueLayoutType.getField("JAVA_INT").get(null);
        Object addressLayout = valueLayoutType.getField("ADDRESS").get(null);
        Object layouts = Array.newInstance(layoutType, 2);
        Array.set(layouts, 0, intLayout);
        Array.set(layouts, 1, addressLayout);
        Object descriptor = descriptorType.getMethod("of", layoutType, layouts.getClass())
                .invoke(null, intLayout, layouts);
        Object noOptions = Array.newInstance(optionType, 0);

        MethodHandle gettime = bind(linkerType, segmentType, descriptorType, lookupType, linker, libc, descriptor,
                noOptions, "clock_gettime");
        MethodHandle getres = bind(linkerType, segmentType, descriptorType, lookupType, linker, libc, descriptor,
                noOptions, "clock_getres");

        // Lives as long as the class: one 16-byte buffer, read under the clock's lock.
        Object arena = arenaType.getMethod("global").invoke(null);
        Object segment = arenaType.getMethod("allocate", long.class, long.class).invoke(arena, 16L, 8L);
        ByteBuffer view = ((ByteBuffer) segmentType.getMethod("asByteBuffer").invoke(segment))
                .order(ByteOrder.nativeOrder());

        return clock(gettime, getres, segment, view, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    }

    /**
     * JDK 17: {@code jdk.incubator.foreign} (JEP 412), present only when the JVM resolved the module
     * ({@code --add-modules=jdk.incubator.foreign}); the same C calls, an older shape of the API (a
     * {@code MethodType} next to the descriptor, pointers passed as {@code MemoryAddress}).
     */
    private static CpuClock bindJdk17Incubator() throws Throwable {
        Class<?> linkerType = Class.forName("jdk.incubator.foreign.CLinker");
        Class<?> layoutType = Class.forName("jdk.incubator.foreign.MemoryLayout");
        Class<?> descriptorType = Class.forName("jdk.incubator.foreign.FunctionDescriptor");
        Class<?> lookupType = Class.forName("jdk.incubator.foreign.SymbolLookup");
        Class<?> addressableType = Class.forName("jdk.incubator.foreign.Addressable");
        Class<?> addressType = Class.forName("jdk.incubator.foreign.MemoryAddress");
        Class<?> segmentType = Class.forName("jdk.incubator.foreign.MemorySegment");
        Class<?> scopeType = Class.forName("jdk.incubator.foreign.ResourceScope");

        Object linker = linkerType.getMethod("getInstance").invoke(null);
        Object libc = linkerType.getMethod("systemLookup").invoke(null);
        Object intLayout = linkerType.getField("C_INT").get(null);
        Object pointerLayout = linkerType.getField("C_POINTER").get(null);
        Object layouts = Array.newInstance(layoutType, 2);
        Array.set(layouts, 0, intLayout);
        Array.set(layouts, 1, pointerLayout);
        Object descriptor = descriptorType.getMethod("of", layoutType, layouts.getClass())
                .invoke(null, intLayout, layouts);
        MethodType type = MethodType.methodType(int.class, int.class, addressType);

        MethodHandle[] calls = new MethodHandle[2];
        String[] names = {"clock_gettime", "clock_getres"};
        for (int i = 0; i < 2; i++) {
            Optional<?> symbol = (Optional<?>) lookupType.getMethod("lookup", String.class).invoke(libc, names[i]);
            if (symbol.isEmpty()) {
                throw new UnsupportedOperationException(names[i] + " is not in the C library");
            }
            MethodHandle h = (MethodHandle) linkerType
                    .getMethod("downcallHandle", addressableType, MethodType.class, descriptorType)
                    .invoke(linker, symbol.get(), type, descriptor);
            calls[i] = h.asType(MethodType.methodType(int.class, int.class, Object.class));
        }

        Object global = scopeType.getMethod("globalScope").invoke(null);
        Object segment = segmentType.getMethod("allocateNative", long.class, long.class, scopeType)
                .invoke(null, 16L, 8L, global);
        Object address = segmentType.getMethod("address").invoke(segment);
        ByteBuffer view = ((ByteBuffer) segmentType.getMethod("asByteBuffer").invoke(segment))
                .order(ByteOrder.nativeOrder());
        return clock(calls[0], calls[1], address, view, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID), JDK 17 incubator API");
    }

    private static CpuClock clock(MethodHandle gettime, MethodHandle getres, Object timespec, ByteBuffer view,
                                  String source) throws Throwable {
        ClockGettime clock = new ClockGettime(gettime, timespec, view);
        long resolution = clock.read(getres);
        if (resolution <= 0 || clock.nanos() <= 0) {
            throw new IllegalStateException(source + " gave no reading");
        }
        return new CpuClock(source, resolution, true, clock::nanos);
    }

    private static MethodHandle bind(Class<?> linkerType, Class<?> segmentType, Class<?> descriptorType,
                                     Class<?> lookupType, Object linker, Object libc, Object descriptor,
                                     Object noOptions, String name) throws Exception {
        Optional<?> symbol = (Optional<?>) lookupType.getMethod("find", String.class).invoke(libc, name);
        if (symbol.isEmpty()) {
            throw new UnsupportedOperationException(name + " is not in the C library");
        }
        MethodHandle h = (MethodHandle) linkerType
                .getMethod("downcallHandle", segmentType, descriptorType, noOptions.getClass())
                .invoke(linker, symbol.get(), descriptor, noOptions);
        return h.asType(MethodType.methodType(int.class, int.class, Object.class));
    }

    /** CPU time of the process, nanoseconds; -1 if the call fails (it does not, for this clock). */
    long nanos() {
        try {
            return read(clockGettime);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Calls {@code call(CLOCK_PROCESS_CPUTIME_ID, &timespec)} and returns the timespec in nanoseconds. */
    private synchronized long read(MethodHandle call) throws Throwable {
        int rc = (int) call.invokeExact(CLOCK_PROCESS_CPUTIME_ID, timespec);
        if (rc != 0) {
            return -1;
        }
        return view.getLong(0) * 1_000_000_000L + view.getLong(8);
    }
}
