/**
 * The coordination workloads run whole by a runtime outside the JVM: a reference runtime (Python's asyncio,
 * uvloop, gevent) cannot hand Java its tasks and channels, so it runs crawl, deadline and ping-pong in its
 * own process and idiom ({@code asyncio.gather}, {@code wait_for}, {@code asyncio.Queue}; gevent's
 * {@code joinall}, {@code Timeout}, {@code gevent.queue}) and hands back the raw times. The harness turns
 * them into the same histograms and figures as the JVM runtimes' runs, so every figure is computed once,
 * in Java.
 *
 * <p>What stays the same as for a JVM runtime: the workload's parameters (crawl's per-task sleeps are drawn
 * in Java and sent over), what each time spans (documented on each record), and the clock: the child reads
 * CLOCK_MONOTONIC, as {@link System#nanoTime()} does on Linux. What differs is said on each record.
 */
package org.loopbench.api.whole;
