"""loopbench reference runtime: asyncio, or uvloop with `--loop uvloop`.

Java starts this program as a child process and talks to it over stdin and
stdout with a line protocol. The program does each workload the way asyncio
code is usually written and hands back raw nanosecond values; every statistic
and histogram is computed on the Java side.

    python3 -I loopbench_asyncio.py [--loop asyncio|uvloop] COMMAND [options]

The workload code is the same on both loops: only the event loop underneath
changes, and that is the comparison.
"""

import argparse
import asyncio
import importlib
import os
import platform
import resource
import socket
import sys
import time
import traceback
from array import array

PROG = "loopbench_asyncio"
STDIN = 0
now = time.monotonic_ns  # CLOCK_MONOTONIC in integer nanoseconds, the clock Java uses too


# ---------------------------------------------------------------------------
# Output and errors

def emit(line):
    """Write one protocol line and flush it: Java reads line by line."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def array_line(name, values):
    """A name, then the values separated by spaces (just the name if there are none)."""
    return " ".join([name, *map(str, values)])


def usage_line():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_ns = round((usage.ru_utime + usage.ru_stime) * 1e9)
    return f"usage {cpu_ns} {usage.ru_maxrss}"  # ru_maxrss is in KiB on Linux


def die(message, status):
    """End the program with exactly one line on stderr."""
    sys.stderr.write(f"{PROG}: {message}\n")
    sys.stderr.flush()
    sys.exit(status)


class WorkloadError(Exception):
    """A workload produced a wrong result (reported as a failure, exit 1)."""


# ---------------------------------------------------------------------------
# The control channel: stdin, read while the workload runs

class Stats:
    """The counters a `stats` line reports. Plain integers: the loop runs on one thread."""

    def __init__(self):
        self.tasks = 0         # workload tasks alive (echo: connections being handled)
        self.timers = 0        # tasks inside a sleep right now
        self.accepted = 0      # connections accepted since the start
        self.received = 0      # bytes read from clients
        self.written = 0       # bytes handed to transport.write()
        self.connections = set()  # the open connections' protocols

    def line(self):
        # What the transports still hold has not reached the kernel yet.
        buffered = sum(p.transport.get_write_buffer_size() for p in self.connections)
        return (f"stats {self.tasks} {self.timers} {self.accepted} {len(self.connections)} "
                f"{self.received} {self.written - buffered}")


class ControlChannel:
    """Reads stdin lines without blocking the loop.

    `stats` is answered at once; end of file stops the program (stop_now).
    Other lines are ignored. We watch the file descriptor with
    loop.add_reader() and read it with os.read(), splitting lines ourselves:
    that works the same on asyncio's selector loop and on uvloop.
    """

    def __init__(self, stats):
        self.stats = stats
        self.pending = b""  # the start of a line whose end has not arrived yet
        self.loop = None

    def read_first_line(self):
        """Block until one whole line has arrived (before the loop starts); None at end of file."""
        while b"\n" not in self.pending:
            chunk = os.read(STDIN, 65536)
            if not chunk:
                return None
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line.decode("ascii")

    def start(self, loop):
        self.loop = loop
        try:
            loop.add_reader(STDIN, self._readable)
        except PermissionError:
            # stdin is a regular file or /dev/null, which epoll cannot watch.
            # Reading it never blocks, so read it to its end now: as with a
            # pipe, its end stops the program.
            loop.call_soon(self._read_to_end)
        self._answer_complete_lines()  # lines that came with read_first_line()

    def stop(self):
        self.loop.remove_reader(STDIN)

    def _read_to_end(self):
        while True:  # until _readable() meets the end and stops the program
            self._readable()

    def _readable(self):
        chunk = os.read(STDIN, 65536)  # the loop said it is readable: this does not block
        if not chunk:
            stop_now()  # does not return
        self.pending += chunk
        self._answer_complete_lines()

    def _answer_complete_lines(self):
        *lines, self.pending = self.pending.split(b"\n")
        for line in lines:
            if line.strip() == b"stats":
                emit(self.stats.line())


def stop_now():
    """stdin's end: Java is done with us, or has died. Stop at once, without results.

    Ending the process is the stop: the kernel closes the listening socket and
    every connection (the same FIN that close() sends), and every task ends
    with the process. We do not cancel the tasks one by one first: nothing in
    them needs cleaning up, and at 100,000 tasks that alone takes about a
    second on a small machine, where Java wants the child gone at once.
    Everything we printed has been flushed already (emit() flushes each line).
    """
    os._exit(0)


async def supervise(command, args, stats, control):
    """Run one command while the control channel watches stdin."""
    control.start(asyncio.get_running_loop())
    try:
        return await command(args, stats)
    finally:
        control.stop()


# ---------------------------------------------------------------------------
# Sleeping

async def counted_sleep(seconds, stats):
    """asyncio.sleep(), counted in `stats` while it lasts."""
    stats.timers += 1
    try:
        await asyncio.sleep(seconds)
    finally:
        stats.timers -= 1


async def sleep_at_least(seconds, until_ns, stats):
    """Sleep `seconds`, then longer if the clock has not reached until_ns; return the wake time.

    A timer can fire a little before the moment asked for: uvloop (libuv) keeps
    timers in whole milliseconds of the loop's cached clock, and asyncio's own
    loop runs a timer once it is within one clock resolution of its float
    clock. A sleep that ended early would show as negative lateness, so we
    sleep again for the rest instead.
    """
    stats.timers += 1
    try:
        await asyncio.sleep(seconds)
        woke = now()
        while woke < until_ns:
            await asyncio.sleep((until_ns - woke) / 1e9)
            woke = now()
        return woke
    finally:
        stats.timers -= 1


async def sleep_command(args, stats):
    """N tasks alive at once, each sleeping K times for D; report how late each wake-up was."""
    n, k, d_ns = args.tasks, args.sleeps, args.sleep_ns
    d = d_ns / 1e9
    first = array("q", [0]) * n              # first-sleep lateness per task
    later = array("q", [0]) * (n * (k - 1))  # lateness of every later sleep
    deadline = 0    # set once every task exists; the tasks read it when they first run
    finished = 0
    last_end = 0

    async def sleeper(i):
        nonlocal finished, last_end
        try:
            # All tasks aim at the same absolute moment for their first sleep,
            # so the first lateness measures how the loop copes with N timers
            # coming due together.
            woke = await sleep_at_least(max(0, deadline - now()) / 1e9, deadline, stats)
            first[i] = woke - deadline
            slot = i * (k - 1)
            for _ in range(k - 1):
                requested = woke + d_ns
                woke = await sleep_at_least(d, requested, stats)
                later[slot] = woke - requested
                slot += 1
            finished += 1
            last_end = now()  # tasks end one at a time, so the last to write this is the last to finish
        finally:
            stats.tasks -= 1

    loop = asyncio.get_running_loop()
    start = now()
    # create_task() only schedules a task: none of them runs before we await below.
    tasks = [loop.create_task(sleeper(i)) for i in range(n)]
    stats.tasks = n  # counted once: no `stats` line can be answered before we await
    gate = now()
    deadline = gate + d_ns
    await asyncio.gather(*tasks)
    spawn_ns = gate - start
    return [
        array_line("first", first),
        array_line("later", later),
        f"report {n} {finished} {spawn_ns} {last_end - start} {n * k} {spawn_ns}",
    ]


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


async def deadline_command(args, stats):
    """N tasks under a timeout T: the even ones finish in T/2, the odd ones would need 10 T.

    What we measure differs slightly from the Java harness, which stamps the
    moment its timer callback runs. Here `fired` is stamped in the sleeping
    task's `except CancelledError`: wait_for's timer callback only asks for the
    cancellation, and the task sees it on a later step of the loop. So fire
    lateness includes that step (and, as wait_for starts its timer when the
    bounded task first runs, the wait for that first run); cancel latency runs
    from there to the moment wait_for has seen the cancelled task end.
    """
    n, t_ns = args.tasks, args.deadline_ns
    timeout = t_ns / 1e9
    bound = array("q", [0]) * n    # when task i was put under its timeout
    fired = array("q", [0]) * n    # when the timeout reached task i's code
    stopped = array("q", [0]) * n  # when wait_for gave up on task i, the task being over

    async def sleeper(i, sleep_ns):
        try:
            await counted_sleep(sleep_ns / 1e9, stats)
            return i
        except asyncio.CancelledError:
            fired[i] = now()
            # Re-raise: a task that swallowed its cancellation would end normally,
            # and wait_for() would return its result instead of raising TimeoutError.
            raise
        finally:
            stats.tasks -= 1

    async def bounded(i, inner):
        try:
            return await asyncio.wait_for(inner, timeout)
        except TimeoutError:
            stopped[i] = now()  # wait_for raises only once the cancelled task has ended
            raise

    loop = asyncio.get_running_loop()
    start = now()
    guarded = []
    for i in range(n):
        sleep_ns = t_ns // 2 if i % 2 == 0 else 10 * t_ns
        inner = loop.create_task(sleeper(i, sleep_ns))
        bound[i] = now()
        guarded.append(loop.create_task(bounded(i, inner)))
    stats.tasks = n
    outcomes = await asyncio.gather(*guarded, return_exceptions=True)
    run_ns = now() - start

    cancel, fire_lateness = [], []
    completed = 0
    for i, outcome in enumerate(outcomes):
        if isinstance(outcome, TimeoutError):
            cancel.append(stopped[i] - fired[i])
            fire_lateness.append(max(0, fired[i] - bound[i] - t_ns))
        elif outcome == i:
            completed += 1
        else:
            raise WorkloadError(f"task {i} ended with {outcome!r}")
    return [
        array_line("cancel", cancel),
        array_line("fire-lateness", fire_lateness),
        f"counts {len(cancel)} {completed}",
        f"times {run_ns}",
    ]


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


# ---------------------------------------------------------------------------
# Echo server

class EchoProtocol(asyncio.Protocol):
    """One connection: every byte received is written back, in order.

    The loop decides how much one read takes (CPython 3.11's selector loop up to
    256 KiB, uvloop its own buffer); --read-buffer sets the write-buffer
    high-water mark instead. Past it, pause_writing() stops reading from this
    client until the client has read enough of its echo: a client that never
    reads cannot make the server hold more than about one read plus that mark.
    """

    def __init__(self, stats, high_water):
        self.stats = stats
        self.high_water = high_water
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        # Both loops already set TCP_NODELAY on TCP connections; we set it too, so the code says so.
        transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        transport.set_write_buffer_limits(high=self.high_water)
        self.stats.accepted += 1
        self.stats.tasks += 1
        self.stats.connections.add(self)

    def data_received(self, data):
        self.stats.received += len(data)
        self.stats.written += len(data)
        self.transport.write(data)

    def eof_received(self):
        # The client has sent everything (FIN). Returning False closes the
        # transport, and close() sends whatever is still buffered first.
        return False

    def pause_writing(self):
        self.transport.pause_reading()

    def resume_writing(self):
        self.transport.resume_reading()

    def connection_lost(self, exc):
        # A reset (exc set) ends only this connection.
        self.stats.tasks -= 1
        self.stats.connections.discard(self)


async def echo_command(args, stats):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: EchoProtocol(stats, args.read_buffer), args.bind, args.port, backlog=args.backlog)
    emit(str(server.sockets[0].getsockname()[1]))  # listening: tell Java the port
    await server.serve_forever()  # until stdin's end stops the program


# ---------------------------------------------------------------------------
# Self-check: each primitive once, with a real assertion

async def after(seconds, value):
    await asyncio.sleep(seconds)
    return value


async def fail_after(seconds, error):
    await asyncio.sleep(seconds)
    raise error


async def check_gather():
    results = await asyncio.gather(after(0.03, "a"), after(0.01, "b"), after(0.02, "c"))
    assert results == ["a", "b", "c"], f"results {results} not in submission order"


async def check_gather_failure():
    slow = asyncio.create_task(asyncio.sleep(10))
    try:
        await asyncio.gather(slow, fail_after(0.01, ValueError("first")),
                             fail_after(0.02, KeyError("second")))
    except ValueError as error:
        assert str(error) == "first", f"wrong exception {error!r}"
    else:
        raise AssertionError("gather returned although a task failed")
    # gather() does not cancel the others when one fails: that is the caller's job.
    assert not slow.done(), "the slow task ended with the failure"
    slow.cancel()


async def check_wait_first_completed():
    fast = asyncio.create_task(after(0.01, "fast"))
    slow = {asyncio.create_task(asyncio.sleep(10)) for _ in range(2)}
    done, pending = await asyncio.wait({fast, *slow}, return_when=asyncio.FIRST_COMPLETED)
    assert done == {fast} and pending == slow, "done/pending split is wrong"
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    assert all(task.cancelled() for task in slow), "a pending task was not cancelled"


async def check_as_completed():
    order = [await next_done for next_done in
             asyncio.as_completed([after(0.03, "slow"), after(0.01, "fast"), after(0.02, "mid")])]
    assert order == ["fast", "mid", "slow"], f"order {order}"


async def check_wait_for():
    sleeper = asyncio.create_task(asyncio.sleep(10))
    try:
        await asyncio.wait_for(sleeper, 0.01)
    except TimeoutError:
        pass
    else:
        raise AssertionError("wait_for returned before the timeout")
    assert sleeper.cancelled(), "the timed-out task was not cancelled"


async def check_shield():
    inner = asyncio.create_task(after(0.02, "kept"))

    async def outer_work():
        return await asyncio.shield(inner)

    outer = asyncio.create_task(outer_work())
    await asyncio.sleep(0.005)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        pass
    assert outer.cancelled(), "the outer task was not cancelled"
    assert await inner == "kept", "the shielded task did not complete"


async def check_done_callback():
    calls = []
    task = asyncio.create_task(after(0.005, "x"))
    task.add_done_callback(calls.append)
    await task
    for _ in range(3):  # callbacks run on later loop turns: give them a few, to see one call and no more
        await asyncio.sleep(0)
    assert calls == [task], f"callback ran {len(calls)} times"


async def check_queue():
    queue = asyncio.Queue(maxsize=1)
    await queue.put(1)
    second = asyncio.create_task(queue.put(2))
    for _ in range(3):
        await asyncio.sleep(0)
    assert not second.done(), "a put into a full queue did not wait"
    assert await queue.get() == 1
    await asyncio.wait_for(second, 1)  # the get made room
    assert await queue.get() == 2


CHECKS = [
    ("gather", check_gather),
    ("gather-failure", check_gather_failure),
    ("wait-first-completed", check_wait_first_completed),
    ("as-completed", check_as_completed),
    ("wait-for", check_wait_for),
    ("shield", check_shield),
    ("done-callback", check_done_callback),
    ("queue", check_queue),
]


async def selfcheck_command(args, stats):
    lines = []
    for name, check in CHECKS:
        try:
            await asyncio.wait_for(check(), 1.0)  # a broken primitive must not hang the run
            lines.append(f"ok {name}")
        except Exception as error:  # noqa: BLE001 - every failure becomes a `fail` line
            lines.append(f"fail {name} {describe(error)}")
    return lines


# ---------------------------------------------------------------------------
# Command line

class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message):
        die(" ".join(message.split()), 2)


def int_in(low, high=None):
    """An argparse type: an integer in low..high (no upper bound if high is None)."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if value < low or (high is not None and value > high):
            upper = "" if high is None else str(high)
            raise argparse.ArgumentTypeError(f"{value} is not in {low}..{upper}")
        return value
    return parse


def build_parser():
    parser = Parser(prog=PROG, description="loopbench reference runtime for asyncio and uvloop")
    parser.add_argument("--loop", choices=("asyncio", "uvloop"), default="asyncio")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("probe", help="print the runtime's version")
    echo = commands.add_parser("echo", help="TCP echo server until stdin closes")
    echo.add_argument("--bind", default="127.0.0.1")
    echo.add_argument("--port", type=int_in(0, 65535), default=0)
    echo.add_argument("--backlog", type=int_in(1), default=4096)
    echo.add_argument("--read-buffer", type=int_in(1), default=16384)
    sleep = commands.add_parser("sleep", help="many tasks sleeping on timers")
    sleep.add_argument("--tasks", type=int_in(1, 1_000_000), required=True)
    sleep.add_argument("--sleeps", type=int_in(1, 100_000), required=True)
    sleep.add_argument("--sleep-ns", type=int_in(1), required=True)
    crawl = commands.add_parser("crawl", help="gather N tasks whose sleeps arrive on stdin")
    crawl.add_argument("--tasks", type=int_in(1, 1_000_000), required=True)
    deadline = commands.add_parser("deadline", help="tasks under a timeout, half of them too slow")
    deadline.add_argument("--tasks", type=int_in(2, 1_000_000), required=True)
    deadline.add_argument("--deadline-ns", type=int_in(1), required=True)
    pingpong = commands.add_parser("pingpong", help="pairs of tasks passing a value through queues")
    pingpong.add_argument("--pairs", type=int_in(1, 1_000_000), required=True)
    pingpong.add_argument("--rounds", type=int_in(1), required=True)
    commands.add_parser("selfcheck", help="exercise each primitive once")
    return parser


COMMANDS = {
    "echo": echo_command,
    "sleep": sleep_command,
    "crawl": crawl_command,
    "deadline": deadline_command,
    "pingpong": pingpong_command,
    "selfcheck": selfcheck_command,
}


def describe(error):
    """An exception as one line of text."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def import_module(name):
    try:
        return importlib.import_module(name)
    except ImportError:
        die(f"missing module {name}", 3)


def loop_factory(name):
    """How asyncio.Runner makes the event loop: None means asyncio's default.

    uvloop.install() sets a process-wide policy (deprecated in later uvloop
    releases) and uvloop.run() only arrived in uvloop 0.18. Python 3.11's
    asyncio.Runner takes a loop factory, so with uvloop 0.17 the same code runs
    on either loop without touching global state.
    """
    if name == "uvloop":
        return import_module("uvloop").new_event_loop
    return None


def read_sleeps(control, n):
    """crawl's first stdin line: `sleeps` and N integers (ns); None if stdin closed first."""
    line = control.read_first_line()
    if line is None:
        return None
    words = line.split()
    if len(words) != n + 1 or words[0] != "sleeps":
        die(f"crawl: expected 'sleeps' and {n} integers on the first stdin line", 2)
    try:
        sleeps = [int(word) for word in words[1:]]
    except ValueError:
        die("crawl: the sleeps must be integers", 2)
    if min(sleeps) < 0:
        die("crawl: the sleeps must not be negative", 2)
    return sleeps


def probe(args):
    if args.loop == "uvloop":
        module, version = "uvloop", import_module("uvloop").__version__
    else:
        module, version = "asyncio", platform.python_version()
    emit(f"version {platform.python_implementation()} {platform.python_version()} {module} {version}")
    emit("end")
    return 0


def run(args):
    if args.command == "probe":
        return probe(args)
    factory = loop_factory(args.loop)
    stats = Stats()
    control = ControlChannel(stats)
    if args.command == "crawl":
        args.sleeps = read_sleeps(control, args.tasks)
        if args.sleeps is None:
            return 0  # stdin closed before the work began: stop, as in the middle of it
    with asyncio.Runner(loop_factory=factory) as runner:
        lines = runner.run(supervise(COMMANDS[args.command], args, stats, control))
    for line in lines:
        emit(line)
    if args.command == "selfcheck":
        emit("end")
        return 1 if any(line.startswith("fail ") for line in lines) else 0
    emit(usage_line())
    emit("end")
    return 0


def main():
    args = build_parser().parse_args()
    try:
        status = run(args)
    except Exception as error:  # noqa: BLE001 - any failure: one line, exit 1
        if os.environ.get("LOOPBENCH_DEBUG") == "1":
            traceback.print_exc()
        die(f"{args.command} failed: {describe(error)}", 1)
    sys.exit(status)


if __name__ == "__main__":
    main()
