package org.loopbench.nio;

import java.util.List;

/** {@code Work.Produce}: sends every item in order, waiting while the channel is full; returns how many it sent. */
final class ProduceWork<E> extends ChannelWork<Integer> {

    private final LoopChannel<E> channel;
    private final List<E> items;
    private int sent;

    ProduceWork(TaskSegment segment, LoopChannel<E> channel, List<E> items) {
        super(segment);
        this.channel = channel;
        this.items = items;
    }

    @Override
    void advance() {
        do {
            if (op == SEND) {
                sent++;
            }
            if (sent == items.size()) {
                endSucceeded(sent);
                return;
            }
        } while (send(channel, items.get(sent)));
    }
}
