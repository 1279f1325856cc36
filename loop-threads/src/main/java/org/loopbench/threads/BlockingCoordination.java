package org.loopbench.threads;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.loopbench.api.support.CompletableTask;
import org.loopbench.api.support.Lifecycle;
import org.loopbench.api.support.CallbackCoordination;
import org.loopbench.api.support.TaskCombinators;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;
import org.loopbench.api.tasks.WorkFailedException;

/**
 * The coordination primitives as blocking code: every task is a thread (platform or virtual, as
 * {@link TaskThreads} makes them) running its work top to bottom, and a cancel is
 * {@link Thread#interrupt()} (plus closing the task's socket, because an interrupt does not unblock a
 * {@code java.net.Socket} read on a platform thread). Timers for {@code withTimeout} are threads too:
 * one sleeping thread per timer, which is what this model costs.
 *
 * <p>The combinators ({@code gather}, {@code withTimeout}, ...) are {@link TaskCombinators}, written once
 * over completion callbacks: "first failure, in completion order" cannot be written as joins in
 * submission order, and JDK's own StructuredTaskScope also reacts to completions rather than joining.
 */
final class BlockingCoordination extends CallbackCoordination {

    private final TaskThreads threads;
    private final Sleeper sleeper;
    private final Lifecycle lifecycle;
    private final LongAdder running = new LongAdder();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    BlockingCoordination(TaskThreads threads, Sleeper sleeper, Lifecycle lifecycle) {
        this.threads = threads;
        this.sleeper = sleeper;
        this.lifecycle = lifecycle;
    }

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

    @SuppressWarnings("unchecked")
    private <T> T perform(Work<T> work, CompletableTask<T> task, Socket[] socket)
            throws InterruptedException, IOException, WorkFailedException {
        if (work instanceof Work.Sleep) {
            Work.Sleep<T> sleep = (Work.Sleep<T>) work;
            sleeper.sleepUntil(System.nanoTime() + sleep.duration().toNanos());
            return sleep.value();
        }
        if (work instanceof Work.Fail) {
            Work.Fail<T> f = (Work.Fail<T>) work;
            sleeper.sleepUntil(System.nanoTime() + f.after().toNanos());
            throw new WorkFailedException(f.message());
        }
        if (work instanceof Work.ReadUntilClosed) {
            return (T) Long.valueOf(readUntilClosed((Work.ReadUntilClosed) work, task, socket));
        }
        if (work instanceof Work.Produce) {
            Work.Produce<?> p = (Work.Produce<?>) work;
            return (T) Integer.valueOf(produce(p));
        }
        if (work instanceof Work.Consume) {
            Work.Consume<?> c = (Work.Consume<?>) work;
            BlockingChannel<?> ch = own(c.channel());
            List<Object> got = new ArrayList<>(Math.min(c.count(), 1 << 16));
            for (int i = 0; i < c.count(); i++) {
                got.add(ch.receive());
            }
            return (T) got;
        }
        if (work instanceof Work.Relay) {
            return (T) Long.valueOf(relay((Work.Relay) work));
        }
        throw new IllegalArgumentException("unknown work " + work);
    }

    private long readUntilClosed(Work.ReadUntilClosed r, CompletableTask<?> task, Socket[] socket)
            throws IOException {
        Socket s = new Socket();
        socket[0] = s;
        sockets.add(s);
        try (s) {
            if (task.cancelRequested()) {
                throw new IOException("cancelled before connecting");
            }
            s.connect(r.from(), 10_000);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
            return total;
        } finally {
            sockets.remove(s);
        }
    }

    private <E> int produce(Work.Produce<E> p) throws InterruptedException {
        BlockingChannel<E> ch = own(p.channel());
        for (E item : p.items()) {
            ch.send(item);
        }
        return p.items().size();
    }

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

    @SuppressWarnings("unchecked")
    private static <E> BlockingChannel<E> own(Channel<E> channel) {
        if (!(channel instanceof BlockingChannel)) {
            throw new IllegalArgumentException("a channel from another runtime: " + channel.getClass().getName());
        }
        return (BlockingChannel<E>) channel;
    }

    /** withTimeout's timer in this model: a thread that sleeps, then fires; cancelled by interrupt. */
    @Override
    protected Runnable timer(Duration delay, Runnable action) {
        long deadline = System.nanoTime() + delay.toNanos();
        Thread t = threads.start("timer", () -> {
            try {
                sleeper.sleepUntil(deadline);
                action.run();
            } catch (InterruptedException e) {
                // cancelled: the task ended first
            }
        });
        return t::interrupt;
    }

    @Override
    public <T> Channel<T> channel(int capacity) {
        return new BlockingChannel<>(capacity);
    }

    long tasksInProgress() {
        return running.sum();
    }

    long openSockets() {
        return sockets.size();
    }

    /** At close: unblock reads that an interrupt cannot reach (platform threads in java.net.Socket). */
    void closeSockets() {
        sockets.forEach(BlockingCoordination::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }
    }
}
