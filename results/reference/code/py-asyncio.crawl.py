# loop-reference/src/main/python/loopbench_asyncio.py
# (Python 3 asyncio, run as a child of the benchmark fork)
# loopbench:crawl-begin
async def crawl_command(args, stats):
    """N tasks, each sleeping its own time (a stand-in for a fetch) and returning its index."""
    sleeps = args.sleeps
    n = len(sleeps)
    spawned_at = array("q", [0]) * n
    ended_at = array("q", [0]) * n

    async def fetch(i):
        try:
            await counted_sleep(sleeps[i] / 1e9, stats)
            return i
        finally:
            ended_at[i] = now()
            stats.tasks -= 1

    loop = asyncio.get_running_loop()
    start = now()
    tasks = []
    for i in range(n):
        spawned_at[i] = now()
        tasks.append(loop.create_task(fetch(i)))
    stats.tasks = n
    spawned = now()
    results = await asyncio.gather(*tasks)
    ended = now()
    if results != list(range(n)):
        raise WorkloadError("gather did not return the results in submission order")
    overshoot = [max(0, ended_at[i] - spawned_at[i] - sleeps[i]) for i in range(n)]
    return [array_line("overshoot", overshoot), f"times {ended - start} {spawned - start}"]
# loopbench:crawl-end
