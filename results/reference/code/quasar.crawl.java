// loop-quasar/src/main/java/org/loopbench/quasar/FiberCoordination.java
    // loopbench:crawl-begin (the code the report shows for this runtime's crawl: spawn a task per fetch)
    @Override
    public <T> Task<T> spawn(Work<T> work) {
        lifecycle.requireRunning();
        Body<T> body = bodyOf(work); // chosen here, so a channel of another runtime is refused by spawn
        CompletableTask<T> task = new CompletableTask<>();
        Fiber<Void> fiber = platform.spawn("task", () -> run(body, task));
        task.onCancelRequest(fiber::interrupt); // set before anyone else holds the task
        return task;
    }

    private <T> void run(Body<T> body, CompletableTask<T> task) throws SuspendExecution {
        try {
            task.succeed(body.perform());
        } catch (InterruptedException | InterruptedIOException e) {
            task.cancelled(); // its sleep, read or channel wait was interrupted and it has let go of it
        } catch (WorkFailedException e) {
            task.fail(e);
        } catch (IOException e) {
            if (task.cancelRequested()) {
                task.cancelled(); // the read failed because it was being cancelled
            } else {
                task.fail(e);
            }
        } catch (RuntimeException e) {
            task.fail(e); // a bug, but the task must still end
        }
    }
    // loopbench:crawl-end
