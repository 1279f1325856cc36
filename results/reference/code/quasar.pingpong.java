// loop-quasar/src/main/java/org/loopbench/quasar/FiberCoordination.java
    // loopbench:pingpong-begin
    private long relay(Work.Relay r) throws SuspendExecution, InterruptedException {
        FiberChannel<Long> in = own(r.in());
        FiberChannel<Long> out = own(r.out());
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
