// loop-nio/src/main/java/org/loopbench/nio/RelayWork.java
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
