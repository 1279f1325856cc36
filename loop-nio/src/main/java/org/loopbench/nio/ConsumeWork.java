package org.loopbench.nio;

import java.util.ArrayList;
import java.util.List;

/** {@code Work.Consume}: receives {@code count} items, waiting while the channel is empty; returns them in order. */
final class ConsumeWork<E> extends ChannelWork<List<E>> {

    private final LoopChannel<E> channel;
    private final int count;
    private final List<E> received;

    ConsumeWork(TaskSegment segment, LoopChannel<E> channel, int count) {
        super(segment);
        this.channel = channel;
        this.count = count;
        this.received = new ArrayList<>(Math.min(count, 1 << 16));
    }

    @Override
    @SuppressWarnings("unchecked") // the channel only ever holds what its producers, typed E, sent
    void advance() {
        do {
            if (op == RECEIVE) {
                received.add((E) takeItem());
            }
            if (received.size() == count) {
                endSucceeded(received);
                return;
            }
        } while (receive(channel));
    }
}
