package org.loopbench.nio;

import java.util.ArrayList;
import java.util.List;

/**
 * One loop's share of the spawned tasks: the list of tasks alive on it (so that close can cancel them
 * without a shared registry) and the number of sockets its reading tasks hold.
 *
 * <p>Loop-confined, except {@link #openSockets()} (any thread) and {@link #endLeftovers()} (once the
 * loop has ended).
 */
final class TaskSegment {

    final EventLoop loop;
    final LoopCoordination owner;
    /** Sockets opened by this loop's {@link ReadWork} tasks and not yet closed. */
    final SingleWriterCounter sockets = new SingleWriterCounter();
    /** Live tasks, newest first, linked through {@link SpawnedTask#liveNext}: O(1) add and remove. */
    private SpawnedTask<?> head;

    TaskSegment(EventLoop loop, LoopCoordination owner) {
        this.loop = loop;
        this.owner = owner;
    }

    void add(SpawnedTask<?> t) {
        t.liveNext = head;
        t.livePrev = null;
        if (head != null) {
            head.livePrev = t;
        }
        head = t;
        t.listed = true;
    }

    void remove(SpawnedTask<?> t) {
        if (!t.listed) {
            return;
        }
        t.listed = false;
        if (t.livePrev != null) {
            t.livePrev.liveNext = t.liveNext;
        } else {
            head = t.liveNext;
        }
        if (t.liveNext != null) {
            t.liveNext.livePrev = t.livePrev;
        }
        t.livePrev = null;
        t.liveNext = null;
    }

    long openSockets() {
        return sockets.get();
    }

    /**
     * At close, on the loop: asks every live task to cancel, the way any caller would (the cancels arrive
     * as queued messages, so each runs between two events of its task). A copy is walked because
     * completion callbacks may end other tasks of this loop meanwhile.
     */
    LoopTask sweep(Runnable done) {
        return new LoopTask() {
            @Override
            public void run() {
                for (SpawnedTask<?> t : live()) {
                    t.handle.cancel();
                }
                done.run();
            }

            @Override
            public void abandon() {
                done.run(); // the loop has ended: endLeftovers() takes care of its tasks
            }
        };
    }

    /** Once the loop has ended: ends, as cancelled, what is still alive (their messages were dropped). */
    void endLeftovers() {
        for (SpawnedTask<?> t : live()) {
            t.endAfterLoopEnded();
        }
    }

    private List<SpawnedTask<?>> live() {
        List<SpawnedTask<?>> all = new ArrayList<>();
        for (SpawnedTask<?> t = head; t != null; t = t.liveNext) {
            all.add(t);
        }
        return all;
    }
}
