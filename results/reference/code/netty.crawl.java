// loop-netty/src/main/java/org/loopbench/netty/NettyCoordination.java
    // loopbench:crawl-begin (spawn a task per fetch; a fetch that sleeps is one timer on an event loop)
    @Override
    public <T> Task<T> spawn(Work<T> work) {
        return spawnOn((EventLoop) group.next(), work);
    }

    /** Spawns on a chosen loop; {@link #spawn} takes the group's next one. */
    <T> LoopTask<T> spawnOn(EventLoop loop, Work<T> work) {
        lifecycle.requireRunning();
        LoopTask<T> task = new LoopTask<>(loop, live::remove);
        LoopTask.LoopWork steps = workFor(work, task);
        live.add(task);
        if (lifecycle.isClosed()) { // lost a race with close(), whose sweep may have passed already
            task.endAbandoned();
            lifecycle.requireRunning();
        }
        try {
            task.start(steps); // on the loop: arm the timer, connect, or issue the first channel operation
        } catch (RejectedExecutionException e) {
            task.endAbandoned();
            throw new IllegalStateException("runtime 'netty' is closing: its event loops refuse new tasks", e);
        }
        return task;
    }

    /** Sleep: when the timer fires on the task's loop, the task succeeds with the value. */
    private <T> LoopTimer sleep(Work.Sleep<T> sleep, LoopTask<T> task) {
        long wakeUpAt = System.nanoTime() + sleep.duration().toNanos();
        // EventLoop.schedule(wakeUpAt), re-armed if the loop runs it early; cancelled by the task's stop()
        return new LoopTimer(task.loop(), wakeUpAt, pendingTimers, now -> task.succeedUnlessCancelled(sleep.value()));
    }
    // loopbench:crawl-end
