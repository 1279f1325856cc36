// loop-threads/src/main/java/org/loopbench/threads/BlockingCoordination.java
    // loopbench:pingpong-begin
    private static long relay(BlockingChannel<Long> in, BlockingChannel<Long> out, int rounds, boolean serves)
            throws InterruptedException {
        long last = 0;
        if (serves) {
            out.send(0L);
            for (int i = 1; i <= rounds; i++) {
                last = in.receive();
                if (i < rounds) {
                    out.send(last);
                }
            }
        } else {
            for (int i = 0; i < rounds; i++) {
                last = in.receive() + 1;
                out.send(last);
            }
        }
        return last;
    }
    // loopbench:pingpong-end
