package org.loopbench.api.tasks;

/**
 * A bounded FIFO between tasks ({@code asyncio.Queue(maxsize)}, a Go buffered channel). A task that
 * sends into a full channel waits (blocks its thread or fiber, or suspends its callback chain) until
 * there is room; one that receives from an empty channel waits until there is an item. Nothing is lost
 * or duplicated. Tasks use it through {@link Work.Produce}, {@link Work.Consume} and {@link Work.Relay}.
 */
public interface Channel<T> {

    /** The most items it holds, 1..1,000,000. */
    int capacity();

    /** Items in it now (a snapshot; for tests and reports). */
    int size();

    /** Tasks waiting now to send (the channel was full) or to receive (it was empty). */
    int waiting();
}
