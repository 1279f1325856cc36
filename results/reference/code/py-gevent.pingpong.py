# loop-reference/src/main/python/loopbench_gevent.py
# (Python 3 gevent, run as a child of the benchmark fork)
# loopbench:pingpong-begin
def pingpong_command(args, stats):
    """P pairs of greenlets passing a counter back and forth R times through queues of one slot."""
    pairs, rounds = args.pairs, args.rounds
    started_at = array("q", [0]) * pairs
    served_end = array("q", [0]) * pairs
    answered_end = array("q", [0]) * pairs

    def answer(pair, requests, replies):
        try:
            for _ in range(rounds):
                replies.put(requests.get() + 1)
            return rounds
        finally:
            answered_end[pair] = now()
            stats.tasks -= 1

    def serve(pair, requests, replies):
        try:
            requests.put(0)
            for turn in range(rounds):
                value = replies.get()
                if turn < rounds - 1:
                    requests.put(value)
            return value  # one added per round: `rounds` when all went well
        finally:
            served_end[pair] = now()
            stats.tasks -= 1

    start = now()
    channels = [(gevent.queue.Queue(maxsize=1), gevent.queue.Queue(maxsize=1)) for _ in range(pairs)]
    greenlets = [gevent.spawn(answer, p, *channels[p]) for p in range(pairs)]
    stats.tasks = pairs
    gevent.sleep(0)  # one turn of the loop: every answering greenlet now waits on its empty queue
    cpu_at_barrier = time.process_time_ns()
    for p in range(pairs):
        greenlets.append(gevent.spawn(serve, p, *channels[p]))
        started_at[p] = now()
    stats.tasks += pairs
    gevent.joinall(greenlets, raise_error=True)
    run_ns = now() - start
    cpu_at_end = time.process_time_ns()
    if [g.value for g in greenlets] != [rounds] * (2 * pairs):
        raise WorkloadError("a pair did not complete its rounds")
    pair_time = [max(served_end[p], answered_end[p]) - started_at[p] for p in range(pairs)]
    return [array_line("pair-time", pair_time), f"times {run_ns}", f"cpu {cpu_at_barrier} {cpu_at_end}"]
# loopbench:pingpong-end
