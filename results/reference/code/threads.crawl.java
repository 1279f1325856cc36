// loop-threads/src/main/java/org/loopbench/threads/BlockingCoordination.java
    // loopbench:crawl-begin (the code the report shows for this runtime's crawl: spawn a task per fetch)
    @Override
    public <T> Task<T> spawn(Work<T> work) {
        lifecycle.requireRunning();
        CompletableTask<T> task = new CompletableTask<>();
        Socket[] socket = new Socket[1]; // set by a ReadUntilClosed task, read by its cancel
        Thread thread = threads.start("task", () -> run(work, task, socket));
        task.onCancelRequest(() -> {
            thread.interrupt();
            closeQuietly(socket[0]);
        });
        return task;
    }

    private <T> void run(Work<T> work, CompletableTask<T> task, Socket[] socket) {
        running.increment();
        try {
            task.succeed(perform(work, task, socket));
        } catch (InterruptedException e) {
            task.cancelled();
        } catch (WorkFailedException e) {
            task.fail(e);
        } catch (IOException e) {
            if (task.cancelRequested()) {
                task.cancelled(); // the cancel closed the socket under the read
            } else {
                task.fail(e);
            }
        } finally {
            running.decrement();
        }
    }
    // loopbench:crawl-end
