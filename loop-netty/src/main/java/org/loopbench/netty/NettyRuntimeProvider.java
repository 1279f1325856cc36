package org.loopbench.netty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.Version;
import io.netty.util.internal.PlatformDependent;

import org.loopbench.api.AsyncRuntime;
import org.loopbench.api.AsyncRuntimeProvider;
import org.loopbench.api.Availability;
import org.loopbench.api.LaunchSpec;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.api.RuntimeOptions;

/**
 * Runtime id {@code netty}: Netty 4.2 event loops.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code netty.transport} = {@code auto} (default) | {@code nio} | {@code epoll} | {@code io_uring}.
 *       {@code auto} takes io_uring, else epoll, else nio, and says on stderr and in the description why
 *       it passed over each better one. An explicit transport that cannot run here fails with Netty's
 *       reason; it never silently becomes another one.</li>
 *   <li>{@code netty.threads} = event-loop threads, 1..1,024; default: available processors.</li>
 * </ul>
 */
public final class NettyRuntimeProvider implements AsyncRuntimeProvider {

    static final String TRANSPORT = "netty.transport";
    static final String THREADS = "netty.threads";
    private static final Set<String> TRANSPORT_VALUES = Set.of(TransportChoice.AUTO, Transport.NIO.optionValue(),
            Transport.EPOLL.optionValue(), Transport.IO_URING.optionValue());
    private static final int MAX_THREADS = 1_024;
    /** Netty's own system property for its buffer leak detector's level. */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    @Override
    public String id() {
        return NettyRuntime.ID;
    }

    @Override
    public String summary() {
        return "Netty 4.2 event loops, callbacks; transport io_uring, epoll or nio";
    }

    /** Available wherever Netty's classes load: the nio transport needs nothing native. */
    @Override
    public Availability availability() {
        try {
            Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup", false, getClass().getClassLoader());
            return Availability.yes();
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.no("Netty 4.2 is not on the class path: " + e);
        }
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of(TRANSPORT, THREADS);
    }

    @Override
    public void checkOptions(RuntimeOptions options) {
        options.requireOnly(id(), optionKeys());
        transport(options);
        threads(options);
    }

    @Override
    public AsyncRuntime create(RuntimeOptions options) {
        checkOptions(options);
        String requested = transport(options);
        int threads = threads(options);
        TransportChoice choice = TransportChoice.choose(requested);
        if (!choice.skipped().isEmpty()) {
            System.err.println("loopbench: netty.transport=auto uses " + choice.transport().optionValue() + " because "
                    + String.join("; ", choice.skipped()));
        }
        return new NettyRuntime(choice, threads, describe(choice, threads, options.asMap().containsKey(THREADS)));
    }

    private static String transport(RuntimeOptions options) {
        return options.oneOf(TRANSPORT, TransportChoice.AUTO, TRANSPORT_VALUES);
    }

    private static int threads(RuntimeOptions options) {
        return options.intIn(THREADS, Runtime.getRuntime().availableProcessors(), 1, MAX_THREADS);
    }

    private static RuntimeDescription describe(TransportChoice choice, int threads, boolean threadsGiven) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("netty.version", nettyVersion());
        settings.put(TRANSPORT, choice.requested() + (TransportChoice.AUTO.equals(choice.requested())
                ? " -> " + choice.transport().optionValue() : ""));
        if (!choice.skipped().isEmpty()) {
            settings.put("netty.transport.skipped", String.join("; ", choice.skipped()));
        }
        settings.put(THREADS, threads + (threadsGiven ? "" : " (default: available processors)"));
        settings.put("netty.unsafe", PlatformDependent.hasUnsafe() ? "used"
                : "not used: " + PlatformDependent.getUnsafeUnavailabilityCause());
        settings.put("allocator", "pooled (PooledByteBufAllocator.DEFAULT), direct buffers "
                + (PooledByteBufAllocator.DEFAULT.isDirectBufferPooled() ? "pooled" : "not pooled"));
        settings.put("netty.leakDetection", io.netty.util.ResourceLeakDetector.getLevel().name().toLowerCase(java.util.Locale.ROOT)
                + (System.getProperty(LEAK_DETECTION_PROPERTY) == null ? " (Netty's default)" : " (" + LEAK_DETECTION_PROPERTY
                + ")"));
        settings.put("echo.read", "fixed size: EchoServerConfig.readBufferBytes per read");
        settings.put("echo.writeWaterMarks", "low = readBufferBytes / 2, high = readBufferBytes; "
                + "auto-read off while unwritable");
        settings.put("echo.flush", "once per read loop (channelReadComplete)");
        settings.put("sleep", "EventLoop.schedule per sleep, re-armed if it runs before its deadline; tasks made on "
                + "their loop in batches of " + EventLoopSleepers.BATCH + "; first wake-up requested at gate-open + d, "
                + "later ones at previous wake-up + d");
        settings.put("coordination", "each task pinned to the group's next loop: a sleep is one EventLoop.schedule, a "
                + "socket read a client channel of the same transport, a channel operation a promise; each channel "
                + "pinned to one loop, every operation hops onto it; combinators: shared TaskCombinators over loop timers");
        if (choice.transport() == Transport.IO_URING) {
            settings.put("io_uring.features", io.netty.channel.uring.IoUring.featureString());
        }
        return new RuntimeDescription(NettyRuntime.ID, "event loop (Netty): callbacks, no thread per connection or task",
                RuntimeDescription.currentJdk(), choice.describe(),
                threads + " event-loop threads, one group shared by accept, connections, sleep timers and coordination tasks (no boss group)",
                settings);
    }

    private static String nettyVersion() {
        Version v = Version.identify().get("netty-transport");
        return v == null ? "unknown" : v.artifactVersion();
    }

    /**
     * Netty loads its epoll / io_uring JNI libraries; allowed up front (JDK 22+ warns otherwise).
     *
     * <p>Buffer leak detection off in measured forks: at Netty's default level (simple) one buffer in 128 is
     * wrapped and a stack trace is taken when it is released, a debugging aid with no counterpart in the other
     * runtimes. An allocation profile of echo found those traces among the top three sites, and turning the
     * detector off took JMH's gc.alloc.rate.norm from 193 to 112 B per echoed message at 1,000 connections
     * (2026-11-30, issue 17; 3 iterations each, 189-199 and 108-116). The contract kit runs in-process with
     * Netty's default level, so a leak still fails the tests.
     */
    @Override
    public LaunchSpec launch() {
        return LaunchSpec.baseline("loop-netty").withJvmArgs(List.of("--enable-native-access=ALL-UNNAMED",
                "-D" + LEAK_DETECTION_PROPERTY + "=disabled"));
    }
}
