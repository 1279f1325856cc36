/**
 * The coordination primitives people reach for coroutines for (asyncio, gevent, Quasar, Loom): start
 * ten thousand tasks, wait for all of them or the first, give up after a deadline and have the losers
 * really stop, pass work between tasks through a bounded queue.
 *
 * <p>The pieces, and their asyncio equivalents:
 * <ul>
 *   <li>{@link org.loopbench.api.tasks.Work}: what a task does, from a small closed vocabulary (sleep,
 *       fail, read a socket, produce into or consume from a channel, relay a token). Closed so that every
 *       runtime can run each kind in its own idiom: a blocking call on a thread or fiber, a timer or
 *       read callback on a loop. The same vocabulary is what keeps the work identical across runtimes.</li>
 *   <li>{@link org.loopbench.api.tasks.Task}: a running task ({@code asyncio.Task}): cancel, completion
 *       callbacks, and a bounded wait for callers outside the runtime.</li>
 *   <li>{@link org.loopbench.api.tasks.Coordination}: spawn ({@code create_task}), gather (both modes),
 *       first completed ({@code wait(FIRST_COMPLETED)}), completion order ({@code as_completed}),
 *       timeout with cancel ({@code wait_for}), {@code shield}, and bounded channels ({@code Queue(maxsize)}).</li>
 * </ul>
 * A runtime offers them through {@link org.loopbench.api.AsyncRuntime#coordination()}.
 */
package org.loopbench.api.tasks;
