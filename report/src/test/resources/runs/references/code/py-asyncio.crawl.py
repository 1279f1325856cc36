# loop-reference/src/main/python/loopbench_ref/coordination.py
# (run by CPython in a child process of the JVM fork.)
    # loopbench:crawl-begin (a task per fetch: asyncio.create_task, each fetch an asyncio.sleep;
    # asyncio.gather collects them in order)
    async def crawl(self, delays_ns):
        async def fetch(i, delay_ns):
            await asyncio.sleep(delay_ns / 1e9)  # a fetch is a sleep
            return i
        tasks = [asyncio.create_task(fetch(i, d)) for i, d in enumerate(delays_ns)]
        return await asyncio.gather(*tasks)
    # loopbench:crawl-end
