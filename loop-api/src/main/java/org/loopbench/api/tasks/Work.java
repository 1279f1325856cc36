package org.loopbench.api.tasks;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a task does. The vocabulary is closed so that every runtime runs every kind in its own idiom
 * and the work stays identical across runtimes: a {@code Sleep} is {@code Thread.sleep} on a thread,
 * {@code Strand.sleep} on a fiber, a timer callback on a loop; a {@code Produce} blocks, suspends or
 * parks its callback chain when the channel is full.
 *
 * <p>Every kind can be cancelled while it waits (in a sleep, a read, a full or empty channel), and
 * then releases what it holds (its timer, its socket, its place in the channel's wait list).
 *
 * <p>A runtime takes a piece of work apart with {@link #accept(Visitor)}: one {@link Visitor} method per
 * kind, so a kind added here fails compilation in every runtime until it handles it. (A pattern-matching
 * {@code switch} would say the same, but this module must stay loadable on JDK 17, where the Quasar
 * runtime runs, and that switch over a sealed type needs 21.)
 */
public sealed interface Work<T> permits Work.Sleep, Work.Fail, Work.ReadUntilClosed, Work.Produce,
        Work.Consume, Work.Relay {

    /**
     * Calls the visitor's method for this kind of work and returns what it returns. The result type
     * {@code R} is the visitor's, not {@code T}: a runtime typically turns the work into its own
     * task or step, whose result is {@code T} because each kind fixes {@code T} (a {@code Relay} is a
     * {@code Work<Long>}, and so on).
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of {@link Work}. Implemented once by each runtime; the methods translate the
     * work into the runtime's idiom (a blocking body, a state machine, a timer) and do not run it: a
     * fiber must never suspend inside {@link #accept}, since Quasar's agent leaves loop-api's classes
     * uninstrumented.
     *
     * @param <R> what the runtime makes of a piece of work
     */
    interface Visitor<R> {
        R sleep(Sleep<?> work);

        R fail(Fail<?> work);

        R readUntilClosed(ReadUntilClosed work);

        R produce(Produce<?> work);

        R consume(Consume<?> work);

        R relay(Relay work);
    }

    /** Sleeps {@code duration} (1 µs .. 1 h), then returns {@code value}: a "fetch" that waits on the network. */
    record Sleep<T>(Duration duration, T value) implements Work<T> {
        public Sleep {
            requireSleep(duration);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sleep(this);
        }
    }

    /** Sleeps {@code after} (0 allowed), then fails with a {@link WorkFailedException} carrying {@code message}. */
    record Fail<T>(Duration after, String message) implements Work<T> {
        public Fail {
            Objects.requireNonNull(message, "message");
            if (after.isNegative() || after.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("after = " + after + " is out of range [0, 1 hour]");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.fail(this);
        }
    }

    /**
     * Connects to {@code from} and reads until end-of-stream; returns the bytes read. A cancel interrupts
     * the blocked read and closes the socket (so the peer sees the connection end).
     */
    record ReadUntilClosed(InetSocketAddress from) implements Work<Long> {
        public ReadUntilClosed {
            Objects.requireNonNull(from, "from");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.readUntilClosed(this);
        }
    }

    /** Sends every item, in order, waiting while the channel is full; returns how many it sent. */
    record Produce<T>(Channel<T> channel, List<T> items) implements Work<Integer> {
        public Produce {
            Objects.requireNonNull(channel, "channel");
            items = List.copyOf(items);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.produce(this);
        }
    }

    /** Receives {@code count} items (0..10,000,000), waiting while the channel is empty; returns them in order. */
    record Consume<T>(Channel<T> channel, int count) implements Work<List<T>> {
        public Consume {
            Objects.requireNonNull(channel, "channel");
            if (count < 0 || count > 10_000_000) {
                throw new IllegalArgumentException("count = " + count + " is out of range [0, 10000000]");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.consume(this);
        }
    }

    /**
     * One side of a ping-pong: {@code rounds} round trips through two channels. The serving side sends 0,
     * then {@code rounds} times receives a value and (except after the last) sends it on; the other side
     * {@code rounds} times receives a value and sends it back plus one. Each round trip is two hand-offs;
     * the serving side returns {@code rounds}, the other side {@code rounds} too (its last value sent).
     *
     * @param rounds 1..100,000,000
     */
    record Relay(Channel<Long> in, Channel<Long> out, int rounds, boolean serves) implements Work<Long> {
        public Relay {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(out, "out");
            if (rounds < 1 || rounds > 100_000_000) {
                throw new IllegalArgumentException("rounds = " + rounds + " is out of range [1, 100000000]");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.relay(this);
        }
    }

    private static void requireSleep(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.compareTo(Duration.ofNanos(1_000)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("duration = " + d + " is out of range [1 microsecond, 1 hour]");
        }
    }
}
