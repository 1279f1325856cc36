package org.loopbench.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    private EventLoop loop;

    @BeforeEach
    void startLoop() {
        loop = new EventLoop(0, "loopbench-nio-test-loop");
        loop.start();
    }

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.shutdown();
        assertTrue(loop.awaitTermination(10_000), "loop thread did not end");
    }

    @Test
    void runsSubmittedTasksOnTheLoopThreadInOrder() throws InterruptedException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicInteger order = new AtomicInteger();
        AtomicBoolean outOfOrder = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(10_000);
        for (int i = 0; i < 10_000; i++) {
            int expected = i;
            loop.execute(task(() -> {
                ranOn.set(Thread.currentThread());
                if (order.getAndIncrement() != expected) {
                    outOfOrder.set(true);
                }
                done.countDown();
            }));
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals("loopbench-nio-test-loop", ranOn.get().getName());
        assertFalse(outOfOrder.get(), "tasks from one thread must run in submission order");
    }

    @Test
    void timersNeverFireBeforeTheirDeadline() throws InterruptedException {
        int count = 2_000;
        CountDownLatch fired = new CountDownLatch(count);
        AtomicInteger early = new AtomicInteger();
        Random random = new Random(3);
        long[] delays = new long[count];
        for (int i = 0; i < count; i++) {
            delays[i] = random.nextInt(30_000_000); // 0..30 ms, in ns: most fall between two milliseconds
        }
        loop.execute(task(() -> {
            for (long delay : delays) {
                loop.schedule(new LoopTimer() {
                    @Override
                    void onTimer(EventLoop l) {
                        if (System.nanoTime() - deadline < 0) {
                            early.incrementAndGet();
                        }
                        fired.countDown();
                    }
                }, System.nanoTime() + delay);
            }
        }));
        assertTrue(fired.await(30, TimeUnit.SECONDS), fired.getCount() + " timers never fired");
        assertEquals(0, early.get(), "timers fired before their deadline");
        assertEquals(0, loop.pendingTimers());
    }

    @Test
    void anIdleLoopBlocksInsteadOfSpinning() throws InterruptedException {
        Thread.sleep(50); // let it settle into select
        long before = loop.iterations();
        Thread.sleep(300);
        // Blocked in select the whole time; a spinning loop would count thousands of iterations.
        assertTrue(loop.iterations() - before <= 2, "idle loop iterated " + (loop.iterations() - before) + " times");
    }

    @Test
    void aLoopWaitingForATimerSleepsUntilItInsteadOfPolling() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        loop.execute(task(() -> loop.schedule(new LoopTimer() {
            @Override
            void onTimer(EventLoop l) {
                fired.countDown();
            }
        }, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300))));
        Thread.sleep(50);
        long before = loop.iterations();
        assertTrue(fired.await(10, TimeUnit.SECONDS));
        // One select of ~250 ms, rounded up; a few spare for the JDK's own early returns.
        assertTrue(loop.iterations() - before <= 5, "loop iterated " + (loop.iterations() - before)
                + " times waiting for one timer");
    }

    @Test
    void wakesUpForATaskSubmittedWhileItIsBlocked() throws InterruptedException {
        Thread.sleep(50);
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(task(ran::countDown));
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the blocked loop was not woken up");
    }

    @Test
    void aCancelledTimerDoesNotFire() throws InterruptedException {
        AtomicBoolean fired = new AtomicBoolean();
        LoopTimer timer = new LoopTimer() {
            @Override
            void onTimer(EventLoop l) {
                fired.set(true);
            }
        };
        CountDownLatch cancelled = new CountDownLatch(1);
        loop.execute(task(() -> {
            loop.schedule(timer, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
            assertTrue(loop.cancel(timer));
            cancelled.countDown();
        }));
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        Thread.sleep(150);
        assertFalse(fired.get());
        assertEquals(0, loop.pendingTimers());
    }

    @Test
    void tasksSubmittedAfterTheLoopEndedAreAbandonedNotLost() throws InterruptedException {
        loop.shutdown();
        assertTrue(loop.awaitTermination(10_000));
        AtomicBoolean ran = new AtomicBoolean();
        AtomicBoolean abandoned = new AtomicBoolean();
        loop.execute(new LoopTask() {
            @Override
            public void run() {
                ran.set(true);
            }

            @Override
            public void abandon() {
                abandoned.set(true);
            }
        });
        assertFalse(ran.get());
        assertTrue(abandoned.get());
    }

    @Test
    void timersPendingAtShutdownAreDropped() throws InterruptedException {
        CountDownLatch armed = new CountDownLatch(1);
        loop.execute(task(() -> {
            loop.schedule(new LoopTimer() {
                @Override
                void onTimer(EventLoop l) {
                }
            }, System.nanoTime() + TimeUnit.HOURS.toNanos(1));
            armed.countDown();
        }));
        assertTrue(armed.await(10, TimeUnit.SECONDS));
        assertEquals(1, loop.pendingTimers());
        loop.shutdown();
        assertTrue(loop.awaitTermination(10_000));
        assertEquals(0, loop.pendingTimers());
        assertFalse(loop.isAlive());
    }

    @Test
    void roundsSelectTimeoutsUpSoThatTimersAreNotEarly() {
        assertEquals(1, EventLoop.ceilMillis(1));
        assertEquals(1, EventLoop.ceilMillis(1_000_000));
        assertEquals(2, EventLoop.ceilMillis(1_000_001));
    }

    @Test
    void refusesTimersFromOtherThreads() {
        LoopTimer timer = new LoopTimer() {
            @Override
            void onTimer(EventLoop l) {
            }
        };
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> loop.schedule(timer, 0));
        assertTrue(e.getMessage().contains("must run on loopbench-nio-test-loop"), e.getMessage());
        assertSame(-1, timer.heapIndex);
    }

    private static LoopTask task(Runnable body) {
        return new LoopTask() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void abandon() {
            }
        };
    }
}
