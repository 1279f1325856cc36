package org.loopbench.netty;

import java.util.Locale;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

import org.loopbench.api.Availability;

/**
 * The three ways Netty moves bytes on Linux, each an I/O handler (what an event loop waits on) and the
 * server and client channel classes that must match it.
 *
 * <p>The native ones answer {@link #availability()} with Netty's own reason when they cannot run (no
 * native library for this OS or CPU, a kernel without io_uring, io_uring disabled by sysctl or seccomp,
 * {@code -Dio.netty.transport.noNative=true}). Their classes are only touched when asked about, and any
 * {@link LinkageError} is turned into a reason too, so that a JVM on another platform still loads this
 * module.
 */
enum Transport {

    /** java.nio Selector (epoll underneath on Linux, but through the JDK); always available. */
    NIO("nio", "java.nio Selector (JDK)") {
        @Override
        Availability probe() {
            return Availability.yes();
        }

        @Override
        IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerSocketChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }

        @Override
        Class<? extends SocketChannel> clientChannelClass() {
            return NioSocketChannel.class;
        }
    },

    /** Netty's own JNI epoll binding (edge-triggered, timerfd for timers). */
    EPOLL("epoll", "epoll (Netty native, JNI)") {
        @Override
        Availability probe() {
            return Epoll.isAvailable() ? Availability.yes() : Availability.no(reason(Epoll.unavailabilityCause()));
        }

        @Override
        IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerSocketChannel> serverChannelClass() {
            return EpollServerSocketChannel.class;
        }

        @Override
        Class<? extends SocketChannel> clientChannelClass() {
            return EpollSocketChannel.class;
        }
    },

    /** Linux io_uring through Netty's JNI binding (out of incubator since Netty 4.2). */
    IO_URING("io_uring", "io_uring (Netty native, JNI)") {
        @Override
        Availability probe() {
            return IoUring.isAvailable() ? Availability.yes() : Availability.no(reason(IoUring.unavailabilityCause()));
        }

        @Override
        IoHandlerFactory ioHandlerFactory() {
            return IoUringIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerSocketChannel> serverChannelClass() {
            return IoUringServerSocketChannel.class;
        }

        @Override
        Class<? extends SocketChannel> clientChannelClass() {
            return IoUringSocketChannel.class;
        }
    };

    private final String optionValue;
    private final String label;

    Transport(String optionValue, String label) {
        this.optionValue = optionValue;
        this.label = label;
    }

    /** The value of {@code netty.transport} that asks for this transport. */
    String optionValue() {
        return optionValue;
    }

    /** For descriptions: what the transport is, in a few words. */
    String label() {
        return label;
    }

    /** Whether Netty can use this transport in this JVM on this machine, and if not, Netty's reason. */
    Availability availability() {
        try {
            return probe();
        } catch (LinkageError e) {
            return Availability.no("the " + optionValue + " classes could not be loaded: " + e);
        }
    }

    abstract Availability probe();

    /** What each event loop of the group waits on; only call when {@link #availability()} is yes. */
    abstract IoHandlerFactory ioHandlerFactory();

    /** The listener's channel class, which must match {@link #ioHandlerFactory()}. */
    abstract Class<? extends ServerSocketChannel> serverChannelClass();

    /** The outgoing connection's channel class (the coordination primitives' socket reads), matching too. */
    abstract Class<? extends SocketChannel> clientChannelClass();

    /** The transport named by an option value ({@code nio}, {@code epoll}, {@code io_uring}). */
    static Transport byOptionValue(String value) {
        for (Transport t : values()) {
            if (t.optionValue.equals(value.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown Netty transport '" + value + "'");
    }

    /** Netty's unavailability cause as one line: every exception in the chain, outermost first. */
    static String reason(Throwable cause) {
        if (cause == null) {
            return "Netty reports it unavailable without a cause";
        }
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 5; t = t.getCause(), depth++) {
            if (depth > 0) {
                sb.append("; caused by ");
            }
            sb.append(t.getClass().getName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
