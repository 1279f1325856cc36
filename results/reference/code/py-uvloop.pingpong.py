# loop-reference/src/main/python/loopbench_asyncio.py
# (the asyncio program on uvloop's loop, run as a child of the benchmark fork)
# loopbench:pingpong-begin
async def pingpong_command(args, stats):
    """P pairs of tasks passing a counter back and forth R times through queues of one slot."""
    pairs, rounds = args.pairs, args.rounds
    started_at = array("q", [0]) * pairs
    served_end = array("q", [0]) * pairs
    answered_end = array("q", [0]) * pairs

    async def answer(pair, requests, replies):
        try:
            for _ in range(rounds):
                value = await requests.get()
                await replies.put(value + 1)
            return rounds
        finally:
            answered_end[pair] = now()
            stats.tasks -= 1

    async def serve(pair, requests, replies):
        try:
            await requests.put(0)
            for turn in range(rounds):
                value = await replies.get()
                if turn < rounds - 1:
                    await requests.put(value)
            return value  # one added per round: `rounds` when all went well
        finally:
            served_end[pair] = now()
            stats.tasks -= 1

    loop = asyncio.get_running_loop()
    start = now()
    channels = [(asyncio.Queue(maxsize=1), asyncio.Queue(maxsize=1)) for _ in range(pairs)]
    answering = [loop.create_task(answer(p, *channels[p])) for p in range(pairs)]
    stats.tasks = pairs
    await asyncio.sleep(0)  # one turn of the loop: every answering task now waits on its empty queue
    cpu_at_barrier = time.process_time_ns()
    serving = []
    for p in range(pairs):
        serving.append(loop.create_task(serve(p, *channels[p])))
        started_at[p] = now()
    stats.tasks += pairs
    results = await asyncio.gather(*answering, *serving)
    run_ns = now() - start
    cpu_at_end = time.process_time_ns()
    if results != [rounds] * (2 * pairs):
        raise WorkloadError("a pair did not complete its rounds")
    pair_time = [max(served_end[p], answered_end[p]) - started_at[p] for p in range(pairs)]
    return [array_line("pair-time", pair_time), f"times {run_ns}", f"cpu {cpu_at_barrier} {cpu_at_end}"]
# loopbench:pingpong-end
