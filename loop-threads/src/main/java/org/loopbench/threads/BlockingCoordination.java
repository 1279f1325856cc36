package org.loopbench.threads;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    private final Bodies bodies = new Bodies();

    BlockingCoordination(TaskThreads threads, Sleeper sleeper, Lifecycle lifecycle) {
        this.threads = threads;
        this.sleeper = sleeper;
        this.lifecycle = lifecycle;
    }

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

    /** What a task's thread does, top to bottom, as plain blocking code. */
    @FunctionalInterface
    private interface Body<T> {
        /** @param socket where a reading task puts its socket, so that a cancel can close it */
        T perform(CompletableTask<?> task, Socket[] socket) throws InterruptedException, IOException, WorkFailedException;
    }

    @SuppressWarnings("unchecked") // each kind of work fixes T, and its body returns exactly that
    private <T> Body<T> bodyOf(Work<T> work) {
        Objects.requireNonNull(work, "work");
        return (Body<T>) work.accept(bodies);
    }

    /** Each kind of work as a {@link Body}; the channels a body uses are checked when it is made. */
    private final class Bodies implements Work.Visitor<Body<?>> {
        @Override
        public Body<?> sleep(Work.Sleep<?> sleep) {
            return (task, socket) -> {
                sleeper.sleepUntil(System.nanoTime() + sleep.duration().toNanos());
                return sleep.value();
            };
        }

        @Override
        public Body<?> fail(Work.Fail<?> fail) {
            return (task, socket) -> {
                sleeper.sleepUntil(System.nanoTime() + fail.after().toNanos());
                throw new WorkFailedException(fail.message());
            };
        }

        @Override
        public Body<?> readUntilClosed(Work.ReadUntilClosed read) {
            return (task, socket) -> BlockingCoordination.this.readUntilClosed(read, task, socket);
        }

        @Override
        public Body<?> produce(Work.Produce<?> produce) {
            return produceBody(produce);
        }

        @Override
        public Body<?> consume(Work.Consume<?> consume) {
            BlockingChannel<?> channel = own(consume.channel());
            int count = consume.count();
            return (task, socket) -> {
                List<Object> got = new ArrayList<>(Math.min(count, 1 << 16));
                for (int i = 0; i < count; i++) {
                    got.add(channel.receive());
                }
                return got;
            };
        }

        @Override
        public Body<?> relay(Work.Relay relay) {
            BlockingChannel<Long> in = own(relay.in());
            BlockingChannel<Long> out = own(relay.out());
            return (task, socket) -> BlockingCoordination.relay(in, out, relay.rounds(), relay.serves());
        }
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

    private static <E> Body<Integer> produceBody(Work.Produce<E> produce) {
        BlockingChannel<E> channel = own(produce.channel());
        List<E> items = produce.items();
        return (task, socket) -> {
            for (E item : items) {
                channel.send(item);
            }
            return items.size();
        };
    }

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
