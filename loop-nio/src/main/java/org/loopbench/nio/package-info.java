/**
 * Runtime id {@code nio}: the event-loop model written by hand on java.nio, with no framework, as the
 * baseline Netty is measured against.
 *
 * <h2>Structure</h2>
 * <ul>
 *   <li>{@link org.loopbench.nio.NioRuntime} owns N {@code EventLoop}s ({@code nio.loops}, default one
 *       per core), shared by every echo server and sleep run it hosts. Each loop is one platform thread
 *       with one {@link java.nio.channels.Selector}, one {@code TimerHeap} and one task queue. Whatever a loop
 *       owns is touched by its thread only, so the loop code has no locks.</li>
 *   <li>A loop iteration: {@code select} (timeout = nearest timer, rounded up to the next millisecond;
 *       zero when tasks are queued) with ready channels handled as the selector reports them, then the
 *       due timers, then up to 1,024 queued tasks.</li>
 *   <li>Other threads reach a loop only through {@code EventLoop.execute}: a lock-free queue plus a
 *       {@code Selector.wakeup()} issued only when the loop may be blocked in {@code select} (no spinning,
 *       no system call when it is busy). Every task also says how to give up ({@code LoopTask.abandon}),
 *       so a task that loses a race with {@code close()} still closes its socket or releases its waiter.</li>
 * </ul>
 *
 * <h2>Where each piece of work runs</h2>
 * <ul>
 *   <li><b>Binding</b> a server: the calling thread. <b>Accepting</b>: the server's acceptor loop (servers are
 *       spread over the loops), which hands each connection round-robin to a loop. <b>Reading and
 *       writing</b> a connection: only the loop it was handed to, for its whole life.</li>
 *   <li><b>Echo</b>: read into the loop's shared direct buffer, write straight back; only a partial write
 *       copies the rest into the connection's own buffer, and then the connection watches
 *       {@code OP_WRITE} instead of {@code OP_READ} until it is flushed (backpressure: at most one read
 *       buffer held per connection). No allocation per message.</li>
 *   <li><b>Sleepers</b>: spawned from the calling thread with {@code execute} (one per task, round-robin),
 *       each sleep is a timer on the task's loop, each wake-up its callback on that loop; the task object
 *       is its own timer entry and is re-armed in place. Every first sleep is due at "gate opened + d",
 *       so a loop slow to arm its timers shows that as lateness.</li>
 *   <li><b>Spawned tasks</b> ({@code coordination()}): each a small state machine on one loop
 *       ({@code SpawnedTask}, round-robin), handed over with {@code execute}; a sleep is the task as its
 *       loop's timer, a socket read a registered non-blocking channel. A cancel is a message to the task's
 *       loop, which releases the timer, socket or wait-list place, then ends the task. The combinators
 *       (gather, withTimeout, ...) are completion callbacks, with loop timers for timeouts.</li>
 *   <li><b>Channels</b>: each pinned to one loop ({@code LoopChannel}), its buffer and wait lists touched by
 *       that thread only. A task on another loop hops there for each operation and the completion hops
 *       back; on the same loop an operation runs inline, and a woken task is resumed through the queue
 *       (never called from inside another task's step). Measured roughly: a hand-off within one loop costs
 *       well under a microsecond, across two loops several microseconds (a {@code Selector.wakeup()} each).</li>
 *   <li><b>Closing</b>: the caller asks each loop to close its part and waits (bounded); loops close their
 *       own channels, so nothing is closed under a loop's feet. Spawned tasks are cancelled first, each on
 *       its own loop while the loops still run; what a stopped loop left unfinished ends as cancelled.</li>
 *   <li>Nothing on a loop blocks: accept, read, write, shutdownOutput and close are non-blocking calls on
 *       non-blocking channels (no {@code SO_LINGER}). The one foreign code a loop runs is the caller's
 *       {@link org.loopbench.api.LatenessRecorder}, which the API requires to be cheap and thread-safe.</li>
 * </ul>
 *
 * <h2>Known differences from Netty (nio transport)</h2>
 * <ul>
 *   <li>Netty copies the selector's ready keys into an array by replacing the JDK's selected-key set
 *       through reflection; this runtime uses the JDK 11+ {@code select(Consumer, timeout)}, which hands each
 *       ready key to a callback and needs no selected-key set at all.</li>
 *   <li>Netty rebuilds a selector that returns early 512 times in a row (a workaround for an old epoll
 *       bug); this runtime does not, on the grounds that the bug is fixed in every JDK it runs on.</li>
 *   <li>Netty reads into a pooled buffer sized by an adaptive predictor and passes it down a pipeline;
 *       here there is no pipeline, and a read goes into one fixed-size buffer per loop
 *       ({@link org.loopbench.api.EchoServerConfig#readBufferBytes()}).</li>
 *   <li>Netty balances its task queue against I/O by time ({@code ioRatio}); this runtime by count (1,024
 *       tasks per iteration). Netty's scheduled tasks are also a binary heap, but each {@code schedule}
 *       allocates a future; here a timer is the sleeping object itself.</li>
 *   <li>Netty defaults to two loops per core and a separate boss group for accepting; here one loop per
 *       core, and accepting shares a loop with connections.</li>
 *   <li>Netty flushes through a per-channel outbound buffer with high/low water marks; here the echo
 *       writes directly and holds at most one read buffer per connection.</li>
 * </ul>
 */
package org.loopbench.nio;
