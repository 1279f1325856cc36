package org.loopbench.nio;

/**
 * {@code Work.Relay}: one side of a ping-pong through two channels. The serving side sends 0, then
 * {@code rounds} times receives a value and (except after the last) sends it on; the other side
 * {@code rounds} times receives a value and sends it back plus one. Both return the last value
 * ({@code rounds}).
 */
final class RelayWork extends ChannelWork<Long> {

    private final LoopChannel<Long> in;
    private final LoopChannel<Long> out;
    private final int rounds;
    private final boolean serves;
    private int received;
    private long last;

    RelayWork(TaskSegment segment, LoopChannel<Long> in, LoopChannel<Long> out, int rounds, boolean serves) {
        super(segment);
        this.in = in;
        this.out = out;
        this.rounds = rounds;
        this.serves = serves;
    }

    // loopbench:pingpong-begin (called at the start and each time a hand-off has completed; returns
    // whenever a hand-off has to wait, to be called again by the channel once it has happened)
    @Override
    void advance() {
        boolean handedOff;
        do {
            if (op == NONE) { // the start
                handedOff = serves ? send(out, 0L) : receive(in);
            } else if (op == RECEIVE) {
                long value = (Long) takeItem();
                received++;
                last = serves ? value : value + 1;
                if (serves && received == rounds) {
                    endSucceeded(last);
                    return;
                }
                handedOff = send(out, last);
            } else { // a send completed
                if (!serves && received == rounds) {
                    endSucceeded(last);
                    return;
                }
                handedOff = receive(in);
            }
        } while (handedOff);
    }
    // loopbench:pingpong-end
}
