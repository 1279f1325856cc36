# loop-reference/src/main/python/loopbench_gevent.py
# (Python 3 gevent, run as a child of the benchmark fork)
# loopbench:crawl-begin
def crawl_command(args, stats):
    """N greenlets, each sleeping its own time (a stand-in for a fetch) and returning its index."""
    sleeps = args.sleeps
    n = len(sleeps)
    spawned_at = array("q", [0]) * n
    ended_at = array("q", [0]) * n

    def fetch(i):
        try:
            counted_sleep(sleeps[i] / 1e9, stats)
            return i
        finally:
            ended_at[i] = now()
            stats.tasks -= 1

    start = now()
    greenlets = []
    for i in range(n):
        spawned_at[i] = now()
        greenlets.append(gevent.spawn(fetch, i))
    stats.tasks = n
    spawned = now()
    gevent.joinall(greenlets, raise_error=True)
    ended = now()
    if [g.value for g in greenlets] != list(range(n)):
        raise WorkloadError("the greenlets' values are not their indexes")
    overshoot = [max(0, ended_at[i] - spawned_at[i] - sleeps[i]) for i in range(n)]
    return [array_line("overshoot", overshoot), f"times {ended - start} {spawned - start}"]
# loopbench:crawl-end
