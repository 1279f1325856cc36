package org.loopbench.nio;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One echo server's counters on one loop. The byte counters are on the hot path and written only by that
 * loop's thread ({@link SingleWriterCounter}); the connection counters change once per connection and
 * may also be bumped by a thread abandoning a task of an ended loop, so they are atomic.
 */
final class EchoCounters {

    final AtomicLong accepted = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    final SingleWriterCounter bytesReceived = new SingleWriterCounter();
    final SingleWriterCounter bytesEchoed = new SingleWriterCounter();
}
