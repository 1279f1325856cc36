// loop-threads/src/main/java/org/loopbench/threads/BlockingCoordination.java
    // loopbench:crawl-begin (the code the report shows for this runtime's crawl: spawn a task per fetch)
    @Override
    public <T> Task<T> spawn(Work<T> work) {
        lifecycle.requireRunning();
        Body<T> body = bodyOf(work); // chosen here, so a channel of another runtime is refused by spawn
        CompletableTask<T> task = new CompletableTask<>();
        Socket[] socket = new Socket[1]; // set by a ReadUntilClosed task, read by its cancel
        Thread thread = threads.start("task", () -> run(body, task, socket));
        task.onCancelRequest(() -> {
            thread.interrupt();
            closeQuietly(socket[0]);
        });
        return task;
    }

    private <T> void run(Body<T> body, CompletableTask<T> task, Socket[] socket) {
        running.increment();
        try {
            task.succeed(body.perform(task, socket));
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
