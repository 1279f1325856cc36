package org.loopbench.api;

/**
 * An echo server's counters.
 *
 * @param accepted      connections accepted since start
 * @param open          connections accepted and not yet closed
 * @param bytesReceived bytes read from clients
 * @param bytesEchoed   bytes written back to clients; {@code bytesReceived - bytesEchoed} is what the
 *                      server holds right now, which backpressure keeps bounded
 */
public record EchoStats(long accepted, long open, long bytesReceived, long bytesEchoed) {

    public long bytesHeld() {
        return bytesReceived - bytesEchoed;
    }
}
