// loop-netty/src/main/java/org/loopbench/netty/ChannelWork.java
    // loopbench:pingpong-begin (one side of the ping-pong: each hand-off is a promise the channel completes)
    /**
     * One side of a ping-pong over two channels. The serving side sends 0, then receives {@code rounds}
     * values and passes each on except the last; the other side receives {@code rounds} values and sends
     * each back plus one. Every operation is a promise on this task's loop: when the channel is empty the
     * task is only a listener on it, until the other side's send completes it.
     */
    static final class Relay extends ChannelWork<Long> {
        private final LoopChannel<Long> in;
        private final LoopChannel<Long> out;
        private final int rounds;
        private final boolean serves;
        private int received;
        private long token;        // last value received (serving side) or sent back (other side)
        private boolean sendNext;  // the serving side starts by sending 0

        Relay(LoopTask<Long> task, LoopChannel<Long> in, LoopChannel<Long> out, Work.Relay work) {
            super(task);
            this.in = in;
            this.out = out;
            this.rounds = work.rounds();
            this.serves = work.serves();
            this.sendNext = serves;
        }

        @Override
        Future<?> next() {
            if (sendNext) { // the other side's answer to the last round completes its work
                return send(out, token, !serves && received == rounds);
            }
            // the serving side's last receive completes its work
            return received < rounds ? receive(in, serves && received == rounds - 1) : null;
        }

        @Override
        void accept(Future<?> done) {
            if (sendNext) { // a send completed: the token is in the other side's channel
                sendNext = false;
                return;
            }
            long value = (Long) done.getNow();
            received++;
            token = serves ? value : value + 1;
            sendNext = !(serves && received == rounds); // the serving side does not answer the last one
        }

        @Override
        Long result() {
            return token;
        }

        @Override
        void countHeldItems() {
            // A token received and not yet sent on. (The serving side's last one completes its work: never held.)
            if (received > 0 && sendNext) {
                in.countHeldByCancelledTask(1);
            }
        }
    }
    // loopbench:pingpong-end
