package org.loopbench.quasar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.loopbench.api.RuntimeOptions;
import org.loopbench.api.Runtimes;
import org.loopbench.api.tasks.Channel;
import org.loopbench.api.tasks.Coordination;
import org.loopbench.api.tasks.Outcome;
import org.loopbench.api.tasks.Task;
import org.loopbench.api.tasks.Work;

import co.paralleluniverse.strands.channels.Channels;
import co.paralleluniverse.strands.channels.QueueChannel;
import org.loopbench.contract.Await;

/**
 * The fiber channel's own checks, beyond the kit's: what made it put its own buffer under Quasar's channel
 * (an exact capacity that is not a power of two), and that a cancelled wait leaves nothing behind in
 * Quasar's wait lists.
 */
@ExtendWith(RequiresQuasar.class)
class QuasarChannelTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);

    private QuasarRuntime runtime;
    private Coordination co;

    @BeforeEach
    void start() {
        runtime = (QuasarRuntime) Runtimes.installed().create(QuasarRuntime.ID, RuntimeOptions.NONE);
        runtime.start();
        co = runtime.coordination();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    /** Why FiberChannel does not use Channels.newChannel: if this ever fails, Quasar's buffer may do again. */
    @Test
    void quasarsOwnBoundedMultiConsumerChannelRoundsItsCapacityUpToAPowerOfTwo() {
        QueueChannel<Object> stock = (QueueChannel<Object>) Channels.<Object>newChannel(3,
                Channels.OverflowPolicy.BLOCK, false, false);
        assertEquals(4, stock.capacity());
    }

    @Test
    void aChannelOfThreeHoldsThreeAndMakesTheFourthSendWait() throws Exception {
        Channel<Integer> ch = co.channel(3);
        assertEquals(3, ch.capacity());
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(i);
        }
        Task<Integer> producer = co.spawn(new Work.Produce<>(ch, items));
        // With a buffer of 4 the producer would wait with 4 items in: this is never reached, and the test fails.
        Await.until(() -> "3 items in and the producer waiting; now size " + ch.size() + ", waiting " + ch.waiting(),
                () -> ch.size() == 3 && ch.waiting() == 1);
        assertFalse(producer.isDone(), "a producer into a full channel waits");
        Task<List<Integer>> consumer = co.spawn(new Work.Consume<>(ch, 10));
        assertEquals(items, valueOf(consumer), "every item, in order");
        assertEquals(10, valueOf(producer));
        assertEquals(0, ch.waiting());
    }

    @Test
    void aCancelledReceiverLeavesTheChannelAsItFoundIt() throws Exception {
        Channel<Integer> ch = co.channel(2);
        Task<List<Integer>> waitingForever = co.spawn(new Work.Consume<>(ch, 1));
        Await.until(() -> "the consumer waits on the empty channel", () -> ch.waiting() == 1);
        assertTrue(waitingForever.cancel());
        assertEquals(Outcome.Status.CANCELLED, waitingForever.await(AWAIT).status());
        assertEquals(0, ch.waiting(), "the cancelled receiver no longer counts as waiting");
        // Nothing of the cancelled receiver is left in Quasar's wait list to swallow a wake-up or an item.
        Task<Integer> producer = co.spawn(new Work.Produce<>(ch, List.of(7, 8, 9)));
        Task<List<Integer>> consumer = co.spawn(new Work.Consume<>(ch, 3));
        assertEquals(List.of(7, 8, 9), valueOf(consumer));
        assertEquals(3, valueOf(producer));
    }

    @Test
    void aChannelFromAnotherRuntimeIsRefusedWhenSpawning() {
        Channel<Integer> foreign = new Channel<>() {
            @Override
            public int capacity() {
                return 1;
            }

            @Override
            public int size() {
                return 0;
            }

            @Override
            public int waiting() {
                return 0;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> co.spawn(new Work.Consume<>(foreign, 1)));
        assertTrue(e.getMessage().contains("another runtime"), e.getMessage());
        assertEquals(0, runtime.resources().tasks(), "no fiber was started for it");
    }

    private static <T> T valueOf(Task<T> task) throws Exception {
        Outcome<T> o = task.await(AWAIT);
        assertEquals(Outcome.Status.SUCCEEDED, o.status(), "task ended " + o);
        return o.value();
    }

}
