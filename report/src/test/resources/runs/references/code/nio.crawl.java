// loop-nio/src/main/java/org/loopbench/nio/TimerWork.java
    // loopbench:crawl-begin (a fetch on a loop: LoopCoordination.spawn queues the task to a loop; on
    // arrival it arms itself as that loop's timer, and the timer's callback completes it)
    @Override
    void begin() {
        loop.schedule(this, System.nanoTime() + delayNanos);
    }

    @Override
    void onTimer(EventLoop l) { // on the loop, never before the deadline (TimerHeap.pollDue)
        if (failure == null) {
            endSucceeded(value); // runs the task's completion callbacks (a gather's counter) right here
        } else {
            endFailed(new WorkFailedException(failure));
        }
    }
    // loopbench:crawl-end
