/**
 * Runtime id {@code netty}: the echo server, the sleep workload and the coordination primitives as
 * callbacks on Netty 4.2 event loops.
 *
 * <h2>Threads</h2>
 * One {@code MultiThreadIoEventLoopGroup} of {@code netty.threads} loops (default: available processors),
 * named {@code loopbench-netty-<transport>-<n>}. It carries everything: listeners, connections, sleep
 * timers and coordination tasks. There is no separate "boss" group: accepting is cheap next to echoing, and one group keeps the
 * runtime's thread count equal to the option whatever the number of servers. A connection stays on the loop
 * it was registered on (round-robin), so its handler never needs a lock.
 *
 * <h2>Transport</h2>
 * {@code netty.transport} = {@code auto | nio | epoll | io_uring}. {@code auto} prefers io_uring, then
 * epoll, then nio, and writes why it skipped each better one to stderr and into the description. An
 * explicit transport that Netty reports unavailable fails with Netty's reason and never silently becomes
 * another: a result labelled epoll must have run on epoll. The choice, the thread count, whether Netty uses
 * {@code sun.misc.Unsafe} (it does not on JDK 25+ unless {@code --sun-misc-unsafe-memory-access=allow}), and
 * the io_uring feature set are all in {@link org.loopbench.api.AsyncRuntime#describe()}, hence in every result.
 *
 * <h2>Echo</h2>
 * Pooled direct buffers ({@code PooledByteBufAllocator.DEFAULT}: Netty 4.2's default is the adaptive
 * allocator, and the issue asks for pooled); every read of exactly {@code readBufferBytes} is written back
 * as is, flushed once per read loop. Backpressure is writability: with water marks of half and one read
 * buffer, a connection whose client does not read stops reading (auto-read off) as soon as about one buffer
 * waits to be written, and resumes when the kernel has taken half of it. {@code bytesEchoed} counts a write
 * when Netty has handed all of it to the kernel, so {@code bytesHeld} is what this process holds. Half-close
 * is allowed: on the client's FIN everything pending is flushed, then output is shut down and the channel
 * closed. A reset or broken pipe closes only that channel, silently (it is how clients leave).
 *
 * <h2>Sleep</h2>
 * A sleeping task is a small object in its loop's timer queue ({@code EventLoop.schedule}), not a thread.
 * Tasks are made on their own loops in batches, so a million cost a few hundred cross-thread submissions;
 * the gate opens per loop, again in batches. Every first wake-up is requested for gate-open + d (so the time
 * the loops take to release the tasks shows as lateness), every later one for the previous wake-up + d.
 * Lateness is {@code System.nanoTime()} in the callback minus the requested wake-up; a callback that runs
 * early is re-armed for the remainder, never reported. See {@link org.loopbench.netty.EventLoopSleepers}.
 *
 * <h2>Coordination primitives</h2>
 * A spawned task is pinned to the group's next loop and lives there as callbacks: a Sleep or Fail is one
 * {@code EventLoop.schedule} (re-armed if early), a ReadUntilClosed a Netty client channel of the runtime's
 * transport, a Produce, Consume or Relay a chain of promises on a channel. A channel is pinned to one loop
 * too; every operation hops onto it, so its queue and wait lists are single-threaded, and a task on another
 * loop gets its answer back as a promise completed on its own loop. A cancel is decided by one
 * compare-and-set (it returns true exactly when the task ends CANCELLED) and carried out on the task's loop:
 * the timer is cancelled, the socket closed or the promise withdrawn from the wait list, and only then does
 * the task end. A channel asks the task before every hand-off: the hand-off that finishes a task's work (a
 * one-item consumer's receive) claims the task in that same compare-and-set, so either it happens and the
 * task succeeds with the item (a later cancel returns false), or the cancel came first and the item stays
 * in the channel. A cancel after an earlier hand-off stops the task at its next operation, and what it had
 * received goes with its cancelled result, as in loop-nio and the blocking runtimes. The combinators (gather, withTimeout, shield, ...) are the shared callback-based
 * {@link org.loopbench.api.support.TaskCombinators}, with loop timers. See
 * {@link org.loopbench.netty.NettyCoordination}.
 *
 * <h2>Close</h2>
 * Listeners and connections are closed and awaited, waiting sleep runs are failed with "closed", coordination
 * tasks still running are cancelled and awaited (each ends CANCELLED, having released its timer, socket or
 * place in a wait list), then the group is shut down (10 ms quiet period: nothing is submitted any more), its termination awaited and every
 * loop thread joined. Netty notifies group termination on its JVM-wide {@code GlobalEventExecutor}, whose
 * thread this starts and which ends itself after an idle second; close() waits for it too (about one second),
 * so that no thread the runtime caused outlives close(). {@code resources()} is then all zero.
 *
 * <p>Not measured here, deliberately: Netty's own allocator statistics, and the kernel's socket buffers
 * (bytes in them count as echoed, as for every runtime).
 */
package org.loopbench.netty;
