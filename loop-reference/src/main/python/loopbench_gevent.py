"""loopbench reference runtime: gevent.

Java starts this program as a child process and talks to it over stdin and
stdout with a line protocol. The program does each workload the way gevent
code is usually written (greenlets, gevent.sleep, StreamServer, Timeout,
Queue) and hands back raw nanosecond values; every statistic and histogram is
computed on the Java side.

    python3 -I loopbench_gevent.py COMMAND [options]

No monkey-patching: the program uses gevent's own socket and server API, so
nothing in the standard library is swapped out behind its back.
"""

import argparse
import os
import platform
import resource
import socket
import sys
import time
import traceback
from array import array

try:
    import gevent
    import gevent.queue
    import gevent.server
    import gevent.socket
except ImportError:
    gevent = None  # main() reports `missing module gevent` and exits 3

PROG = "loopbench_gevent"
STDIN = 0
now = time.monotonic_ns  # CLOCK_MONOTONIC in integer nanoseconds, the clock Java uses too
TIMED_OUT = "timed out"  # what a deadline waiter returns instead of the task's result


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
    """The counters a `stats` line reports. Plain integers: greenlets share one thread."""

    def __init__(self):
        self.tasks = 0     # workload greenlets alive (echo: connections being handled)
        self.timers = 0    # greenlets inside a sleep right now
        self.accepted = 0  # connections accepted since the start
        self.open = 0      # connections open now
        self.received = 0  # bytes read from clients
        self.echoed = 0    # bytes sendall() has handed to the kernel

    def line(self):
        return (f"stats {self.tasks} {self.timers} {self.accepted} {self.open} "
                f"{self.received} {self.echoed}")


class ControlChannel:
    """Reads stdin lines in a greenlet of its own.

    `stats` is answered at once; end of file stops the program (stop_now).
    Other lines are ignored.
    """

    def __init__(self, stats):
        self.stats = stats
        self.pending = b""  # the start of a line whose end has not arrived yet
        self.reader = None

    def read_first_line(self):
        """Block until one whole line has arrived (before any greenlet runs); None at end of file."""
        while b"\n" not in self.pending:
            chunk = os.read(STDIN, 65536)
            if not chunk:
                return None
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line.decode("ascii")

    def start(self):
        self.reader = gevent.spawn(self._read)

    def stop(self):
        self.reader.kill()

    def _read(self):
        self._answer_complete_lines()  # lines that came with read_first_line()
        while True:
            # wait_read() parks this greenlet on a libev watcher until fd 0 is
            # readable, so the other greenlets run meanwhile and nothing spins;
            # after it, os.read() returns at once.
            gevent.socket.wait_read(STDIN)
            chunk = os.read(STDIN, 65536)
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
    every connection (the same FIN that close() sends), and every greenlet
    ends with the process. We do not kill the greenlets one by one first:
    nothing in them needs cleaning up, and each kill throws an exception into
    its own stack, which at 100,000 greenlets takes seconds on a small
    machine, where Java wants the child gone at once. Everything we printed
    has been flushed already (emit() flushes each line).
    """
    os._exit(0)


# ---------------------------------------------------------------------------
# Sleeping

def counted_sleep(seconds, stats):
    """gevent.sleep(), counted in `stats` while it lasts."""
    stats.timers += 1
    try:
        gevent.sleep(seconds)
    finally:
        stats.timers -= 1


def sleep_at_least(seconds, until_ns, stats):
    """Sleep `seconds`, then longer if the clock has not reached until_ns; return the wake time.

    A timer can fire a little before the moment asked for: libev measures a
    new timer from the loop's cached clock, which can be behind by however
    long the greenlets have run since the loop last looked at the time. A sleep
    that ended early would show as negative lateness, so we sleep again for the
    rest instead.
    """
    stats.timers += 1
    try:
        gevent.sleep(seconds)
        woke = now()
        while woke < until_ns:
            gevent.sleep((until_ns - woke) / 1e9)
            woke = now()
        return woke
    finally:
        stats.timers -= 1


def sleep_command(args, stats):
    """N greenlets alive at once, each sleeping K times for D; report how late each wake-up was."""
    n, k, d_ns = args.tasks, args.sleeps, args.sleep_ns
    d = d_ns / 1e9
    first = array("q", [0]) * n              # first-sleep lateness per greenlet
    later = array("q", [0]) * (n * (k - 1))  # lateness of every later sleep
    deadline = 0    # set once every greenlet exists; they read it when they first run
    finished = 0
    last_end = 0

    def sleeper(i):
        nonlocal finished, last_end
        try:
            # All greenlets aim at the same absolute moment for their first
            # sleep, so the first lateness measures how the loop copes with N
            # timers coming due together.
            woke = sleep_at_least(max(0, deadline - now()) / 1e9, deadline, stats)
            first[i] = woke - deadline
            slot = i * (k - 1)
            for _ in range(k - 1):
                requested = woke + d_ns
                woke = sleep_at_least(d, requested, stats)
                later[slot] = woke - requested
                slot += 1
            finished += 1
            last_end = now()  # greenlets end one at a time: the last to write this is the last to finish
        finally:
            stats.tasks -= 1

    start = now()
    # spawn() only schedules a greenlet: none of them runs before we block below.
    greenlets = [gevent.spawn(sleeper, i) for i in range(n)]
    stats.tasks = n  # counted once: no `stats` line can be answered before we block
    gate = now()
    deadline = gate + d_ns
    gevent.joinall(greenlets, raise_error=True)
    spawn_ns = gate - start
    return [
        array_line("first", first),
        array_line("later", later),
        f"report {n} {finished} {spawn_ns} {last_end - start} {n * k} {spawn_ns}",
    ]


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


def deadline_command(args, stats):
    """N greenlets under a timeout T: the even ones finish in T/2, the odd ones would need 10 T.

    How this compares with the Java harness, which stamps the moment its timer
    callback runs: here `fired` is stamped in the waiter's `except
    gevent.Timeout`. The Timeout's timer callback throws into the waiter,
    which runs at once inside that callback, so `fired` is within a few
    microseconds of the timer itself. Fire lateness also includes the wait for
    the waiter's first run (its Timeout starts then, not at `bound`). Cancel
    latency runs from `fired` until inner.kill() has seen the sleeping
    greenlet die.
    """
    n, t_ns = args.tasks, args.deadline_ns
    timeout = t_ns / 1e9
    bound = array("q", [0]) * n    # when greenlet i was put under its timeout
    fired = array("q", [0]) * n    # when the timeout reached the waiter's code
    stopped = array("q", [0]) * n  # when the timed-out greenlet was dead

    def sleeper(i, sleep_ns):
        try:
            counted_sleep(sleep_ns / 1e9, stats)
            return i
        finally:
            stats.tasks -= 1

    def waiter(i, inner):
        try:
            with gevent.Timeout(timeout):
                return inner.get()
        except gevent.Timeout:
            fired[i] = now()
            # A timeout only stops the waiting: the greenlet it waited for
            # keeps running until killed. kill() waits until it has died.
            inner.kill()
            stopped[i] = now()
            return TIMED_OUT

    start = now()
    greenlets = []
    waiters = []
    for i in range(n):
        sleep_ns = t_ns // 2 if i % 2 == 0 else 10 * t_ns
        inner = gevent.spawn(sleeper, i, sleep_ns)
        bound[i] = now()
        waiters.append(gevent.spawn(waiter, i, inner))
        greenlets += (inner, waiters[-1])
    stats.tasks = n
    gevent.joinall(greenlets, raise_error=True)
    run_ns = now() - start

    cancel, fire_lateness = [], []
    completed = 0
    for i, outcome in enumerate(w.value for w in waiters):
        if outcome is TIMED_OUT:
            cancel.append(stopped[i] - fired[i])
            fire_lateness.append(max(0, fired[i] - bound[i] - t_ns))
        elif outcome == i:
            completed += 1
        else:
            raise WorkloadError(f"greenlet {i} ended with {outcome!r}")
    return [
        array_line("cancel", cancel),
        array_line("fire-lateness", fire_lateness),
        f"counts {len(cancel)} {completed}",
        f"times {run_ns}",
    ]


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


# ---------------------------------------------------------------------------
# Echo server

def echo_command(args, stats):
    read_size = args.read_buffer

    def handle(sock, address):
        """One connection, in a greenlet of its own: every byte received is sent back, in order.

        sendall() parks this greenlet until the kernel has taken everything, so
        while a client does not read, we do not recv from it either: that is
        the backpressure, and we hold at most one read (read_size) for it.
        recv() allocates each read; a per-connection recv_into() buffer would
        not, but would pin read_size bytes for every idle connection.
        """
        stats.accepted += 1
        stats.open += 1
        stats.tasks += 1
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            while True:
                data = sock.recv(read_size)
                if not data:
                    break  # FIN: everything has been echoed; the server closes the socket after us
                stats.received += len(data)
                sock.sendall(data)
                stats.echoed += len(data)
        except OSError:
            pass  # a reset ends only this connection
        finally:
            stats.open -= 1
            stats.tasks -= 1

    server = gevent.server.StreamServer((args.bind, args.port), handle, backlog=args.backlog)
    server.start()
    emit(str(server.server_port))  # listening: tell Java the port
    server.serve_forever()  # until stdin's end stops the program


# ---------------------------------------------------------------------------
# Self-check: each primitive once, with a real assertion

class CheckTimedOut(Exception):
    """A check took too long (raised by the runner's own gevent.Timeout)."""


def after(seconds, value):
    gevent.sleep(seconds)
    return value


def fail_after(seconds, error):
    gevent.sleep(seconds)
    raise error


def check_joinall():
    greenlets = [gevent.spawn(after, 0.03, "a"), gevent.spawn(after, 0.01, "b"),
                 gevent.spawn(after, 0.02, "c")]
    gevent.joinall(greenlets, raise_error=True)
    values = [g.value for g in greenlets]
    assert values == ["a", "b", "c"], f"values {values} not in spawn order"


def check_joinall_failure():
    slow = gevent.spawn(gevent.sleep, 10)
    second = gevent.spawn(fail_after, 0.02, KeyError("second"))
    greenlets = [slow, gevent.spawn(fail_after, 0.01, ValueError("first")), second]
    try:
        gevent.joinall(greenlets, raise_error=True)
    except ValueError as error:
        assert str(error) == "first", f"wrong exception {error!r}"
    else:
        raise AssertionError("joinall returned although a greenlet failed")
    # joinall() does not kill the others when one fails: that is the caller's job.
    assert not slow.dead, "the slow greenlet ended with the failure"
    gevent.killall([slow, second])


def check_wait_first_completed():
    fast = gevent.spawn(after, 0.01, "fast")
    slow = [gevent.spawn(gevent.sleep, 10) for _ in range(2)]
    done = gevent.wait([fast, *slow], count=1)
    assert done == [fast], f"done {done}"
    assert not any(g.ready() for g in slow), "a slow greenlet is done"
    gevent.killall(slow)
    assert all(g.dead for g in slow), "a slow greenlet survived kill"


def check_as_completed():
    greenlets = [gevent.spawn(after, 0.03, "slow"), gevent.spawn(after, 0.01, "fast"),
                 gevent.spawn(after, 0.02, "mid")]
    order = [g.value for g in gevent.iwait(greenlets)]
    assert order == ["fast", "mid", "slow"], f"order {order}"


def check_timeout():
    sleeper = gevent.spawn(gevent.sleep, 10)
    try:
        with gevent.Timeout(0.01):
            sleeper.get()
    except gevent.Timeout:
        pass
    else:
        raise AssertionError("get returned before the timeout")
    assert not sleeper.dead, "the timeout stopped more than the waiting"
    sleeper.kill()  # blocks until it has died
    assert sleeper.dead and isinstance(sleeper.value, gevent.GreenletExit), "kill did not end it"


def check_shield():
    # gevent has no shield() because it needs none: a greenlet waiting on
    # another does not own it, so killing the waiter leaves the work running.
    # That is what asyncio.shield() provides, checked the same way.
    inner = gevent.spawn(after, 0.02, "kept")
    outer = gevent.spawn(inner.get)
    gevent.sleep(0.005)
    outer.kill()
    assert outer.dead and isinstance(outer.value, gevent.GreenletExit), "the waiter was not killed"
    assert inner.get() == "kept", "the work did not complete"


def check_done_callback():
    calls = []
    greenlet = gevent.spawn(after, 0.005, "x")
    greenlet.link(calls.append)
    greenlet.join()
    for _ in range(3):  # links run on later loop turns: give them a few, to see one call and no more
        gevent.sleep(0)
    assert calls == [greenlet], f"link ran {len(calls)} times"


def check_queue():
    queue = gevent.queue.Queue(maxsize=1)
    queue.put(1)
    second = gevent.spawn(queue.put, 2)
    for _ in range(3):
        gevent.sleep(0)
    assert not second.ready(), "a put into a full queue did not wait"
    assert queue.get() == 1
    second.join(timeout=1)  # the get made room
    assert second.successful(), "the waiting put did not complete"
    assert queue.get() == 2


CHECKS = [
    ("joinall", check_joinall),
    ("joinall-failure", check_joinall_failure),
    ("wait-first-completed", check_wait_first_completed),
    ("as-completed", check_as_completed),
    ("timeout", check_timeout),
    ("shield", check_shield),
    ("done-callback", check_done_callback),
    ("queue", check_queue),
]


def selfcheck_command(args, stats):
    lines = []
    for name, check in CHECKS:
        try:
            # A broken primitive must not hang the run. The Timeout raises its
            # own exception class, so a check's `except gevent.Timeout` cannot catch it.
            with gevent.Timeout(1.0, CheckTimedOut):
                check()
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
    parser = Parser(prog=PROG, description="loopbench reference runtime for gevent")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("probe", help="print the runtime's version")
    echo = commands.add_parser("echo", help="TCP echo server until stdin closes")
    echo.add_argument("--bind", default="127.0.0.1")
    echo.add_argument("--port", type=int_in(0, 65535), default=0)
    echo.add_argument("--backlog", type=int_in(1), default=4096)
    echo.add_argument("--read-buffer", type=int_in(1), default=16384)
    sleep = commands.add_parser("sleep", help="many greenlets sleeping on timers")
    sleep.add_argument("--tasks", type=int_in(1, 1_000_000), required=True)
    sleep.add_argument("--sleeps", type=int_in(1, 100_000), required=True)
    sleep.add_argument("--sleep-ns", type=int_in(1), required=True)
    crawl = commands.add_parser("crawl", help="join N greenlets whose sleeps arrive on stdin")
    crawl.add_argument("--tasks", type=int_in(1, 1_000_000), required=True)
    deadline = commands.add_parser("deadline", help="greenlets under a timeout, half of them too slow")
    deadline.add_argument("--tasks", type=int_in(2, 1_000_000), required=True)
    deadline.add_argument("--deadline-ns", type=int_in(1), required=True)
    pingpong = commands.add_parser("pingpong", help="pairs of greenlets passing a value through queues")
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


def probe():
    emit(f"version {platform.python_implementation()} {platform.python_version()} "
         f"gevent {gevent.__version__}")
    emit("end")
    return 0


def run(args):
    if gevent is None:
        die("missing module gevent", 3)
    if args.command == "probe":
        return probe()
    if os.environ.get("LOOPBENCH_DEBUG") != "1":
        # gevent prints the traceback of every greenlet that fails; we report
        # a failure ourselves, in one line.
        gevent.get_hub().exception_stream = None
    stats = Stats()
    control = ControlChannel(stats)
    if args.command == "crawl":
        args.sleeps = read_sleeps(control, args.tasks)
        if args.sleeps is None:
            return 0  # stdin closed before the work began: stop, as in the middle of it
    control.start()
    try:
        lines = COMMANDS[args.command](args, stats)
    finally:
        control.stop()
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
