package org.loopbench.netty;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/**
 * Writes every buffer it reads straight back, and stops reading while the peer is not taking the echo.
 *
 * <p><b>Backpressure.</b> A connection reads only while its channel is writable. Each echo write goes into
 * Netty's outbound buffer; once the bytes waiting there exceed the high water mark (set per server to one
 * read buffer, see {@link NettyEchoServer}), the channel turns unwritable and this handler turns auto-read
 * off at once, inside the same read loop, so at most one more read buffer comes in. When the kernel has
 * taken enough of the backlog to fall under the low water mark, Netty reports the channel writable again
 * and auto-read comes back on, which also asks for the next read.
 *
 * <p><b>Counting.</b> {@code bytesReceived} grows on every read; {@code bytesEchoed} grows when a write's
 * promise succeeds, that is when Netty has handed the whole buffer to the kernel (the same point at which
 * a blocking {@code OutputStream.write} returns in loop-threads). The difference is exactly what sits in
 * this process for the connection: the buffer being read plus Netty's outbound buffer. A failed write (the
 * peer reset) is never counted as echoed: those bytes were received and dropped.
 *
 * <p><b>Half-close.</b> With {@code ALLOW_HALF_CLOSURE} a client's FIN arrives as
 * {@link ChannelInputShutdownEvent}: everything read so far is flushed, then our side is shut down (the
 * client sees end-of-stream after its last byte) and the channel closed.
 *
 * <p>Stateless apart from the server's counters, so one instance serves every connection of a server.
 */
@ChannelHandler.Sharable
final class EchoHandler extends ChannelInboundHandlerAdapter {

    private final LongAdder bytesReceived;
    private final LongAdder bytesEchoed;

    EchoHandler(LongAdder bytesReceived, LongAdder bytesEchoed) {
        this.bytesReceived = bytesReceived;
        this.bytesEchoed = bytesEchoed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buffer = (ByteBuf) msg; // a socket channel only ever reads ByteBufs
        int bytes = buffer.readableBytes();
        bytesReceived.add(bytes);
        // The write takes over the buffer (released once written); no copy is made.
        ctx.write(buffer).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                bytesEchoed.add(bytes);
            }
        });
        if (!ctx.channel().isWritable()) {
            // Stop now rather than when the writability event arrives: auto-read is checked between the
            // reads of one read loop, so this read is the last until the backlog drains.
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // one flush per read loop, not per read: fewer syscalls, same bytes
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        boolean writable = channel.isWritable();
        channel.config().setAutoRead(writable); // true also issues the next read
        if (!writable) {
            ctx.flush(); // anything written but not yet flushed must still reach the kernel
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ChannelInputShutdownEvent.INSTANCE) {
            // The empty write completes after every earlier write: only then end our side.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                Channel channel = f.channel();
                if (f.isSuccess() && channel instanceof DuplexChannel) {
                    ((DuplexChannel) channel).shutdownOutput().addListener(ChannelFutureListener.CLOSE);
                } else {
                    channel.close();
                }
            });
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or broken pipe is a client's normal way of leaving: end this connection only, quietly.
        if (!(cause instanceof IOException)) {
            System.err.println("loopbench: netty echo connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        }
        ctx.close();
    }
}
