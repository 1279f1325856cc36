// loop-threads/src/main/java/org/loopbench/threads/BlockingCoordination.java
    // loopbench:pingpong-begin
    private long relay(Work.Relay r) throws InterruptedException {
        BlockingChannel<Long> in = own(r.in());
        BlockingChannel<Long> out = own(r.out());
        long last = 0;
        if (r.serves()) {
            out.send(0L);
            for (int i = 1; i <= r.rounds(); i++) {
                last = in.receive();
                if (i < r.rounds()) {
                    out.send(last);
                }
            }
        } else {
            for (int i = 0; i < r.rounds(); i++) {
                last = in.receive() + 1;
                out.send(last);
            }
        }
        return last;
    }
    // loopbench:pingpong-end
