package org.loopbench.netty;

import java.net.InetSocketAddress;
import java.util.Set;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * {@code Work.ReadUntilClosed} as a Netty client channel on the task's own loop: connect, count the bytes
 * of every read and release the buffer at once, and end when the channel closes.
 *
 * <p>The end of the task is the channel's close future, whoever closed it: the peer (end-of-stream: Netty
 * closes a channel that does not allow half-closure when its input ends), a read error or failed connect
 * (closed by the handler), or a cancel ({@link #stop()} closes it). Ending there, and only there, means
 * a task never ends while its socket is still open, so a cancelled reader's {@code endedAtNanos} is when
 * its socket was really closed and the peer sees the connection end.
 *
 * <p>The channel counts as an open connection from its creation to its close. All state is touched on
 * the task's loop only (start, stop, the handler and the close listener all run there).
 */
final class SocketReadWork extends ChannelInboundHandlerAdapter implements LoopTask.LoopWork {
    // Not @Sharable: one instance per connection, holding that connection's count.

    private final LoopTask<Long> task;
    private final InetSocketAddress from;
    private final Bootstrap template;
    private final Set<Channel> openConnections;
    private ChannelFuture connect;
    private Channel channel;
    private long bytes;
    private Throwable failure;

    /**
     * @param template a client bootstrap with the runtime's channel class and options; cloned onto the
     *                 task's loop, so that the socket lives where the task does
     */
    SocketReadWork(LoopTask<Long> task, InetSocketAddress from, Bootstrap template, Set<Channel> openConnections) {
        this.task = task;
        this.from = from;
        this.template = template;
        this.openConnections = openConnections;
    }

    @Override
    public void start() {
        connect = template.clone(task.loop()).handler(this).connect(from);
        channel = connect.channel();
        openConnections.add(channel);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                fail(f.cause());
            }
        });
        channel.closeFuture().addListener(f -> ended());
    }

    @Override
    public void stop() {
        channel.close(); // ended() follows and, the task being cancelled, reports it so
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buffer = (ByteBuf) msg; // a socket channel only ever reads ByteBufs
        try {
            bytes += buffer.readableBytes();
        } finally {
            buffer.release(); // counted, not kept: nothing is held between reads
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause); // a reset or any other read failure ends the read, as an IOException ends a blocking one
    }

    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        channel.close();
    }

    private void ended() {
        openConnections.remove(channel);
        if (failure == null && connect.isDone() && !connect.isSuccess()) {
            // Bootstrap closes the channel from its own listener on a failed connect, which can run (and so
            // close, and so call this) before the listener of start() has recorded the failure.
            failure = connect.cause();
        }
        if (!task.claimCompletion()) {
            task.cancelled(); // stop() closed it: the socket is closed now
        } else if (failure != null) {
            task.fail(failure);
        } else {
            task.succeed(bytes);
        }
    }
}
