"""End-to-end tests of the reference programs' line protocol, without Java.

Each program runs as a child process, as the harness runs it, and every
command is checked through stdin and stdout only. Assertions are about
counts, order and bytes, never about speed: the machine may be busy.

    /usr/bin/python3 -I -m unittest discover -s loop-reference/src/test/python -v
    /usr/bin/python3 -I loop-reference/src/test/python/test_programs.py -v

(`-m unittest path/to/test_programs.py` does not work under -I: unittest
turns the path into a module name, and -I keeps the directory off sys.path.)

LOOPBENCH_PYTHON names the interpreter to test (default /usr/bin/python3).
"""

import asyncio
import os
import queue
import random
import socket
import struct
import subprocess
import threading
import time
import unittest

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python")
ASYNCIO_PROGRAM = os.path.normpath(os.path.join(PROGRAMS, "loopbench_asyncio.py"))
GEVENT_PROGRAM = os.path.normpath(os.path.join(PROGRAMS, "loopbench_gevent.py"))
PYTHON = os.environ.get("LOOPBENCH_PYTHON", "/usr/bin/python3")

PATIENCE = 20.0  # seconds before a test gives up waiting for a line: a hang, not slowness
PROMPT = 5.0     # stdin's end must stop a program within this (it takes milliseconds)


class Child:
    """A program started as Java starts it: stdin, stdout and stderr are pipes."""

    def __init__(self, argv, stdin=subprocess.PIPE):
        self.process = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        # A thread reads stdout so that a silent program fails a test instead of hanging it.
        threading.Thread(target=self._read_stdout, daemon=True).start()

    def _read_stdout(self):
        for raw in self.process.stdout:
            self.lines.put(raw.decode("ascii").rstrip("\n"))
        self.lines.put(None)  # end of output

    def send(self, line):
        self.process.stdin.write(line.encode("ascii") + b"\n")
        self.process.stdin.flush()

    def line(self, timeout=PATIENCE):
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no line within {timeout} s") from None

    def stats(self):
        """Ask for the counters; returns them as a dict."""
        self.send("stats")
        words = self.line().split()
        assert words[0] == "stats" and len(words) == 7, f"bad stats line {words}"
        names = ("tasks", "timers", "accepted", "open", "received", "echoed")
        return dict(zip(names, map(int, words[1:])))

    def wait_stats(self, condition, what, timeout=PATIENCE):
        """Ask for the counters until condition(stats) holds."""
        give_up = time.monotonic() + timeout
        while True:
            stats = self.stats()
            if condition(stats):
                return stats
            if time.monotonic() > give_up:
                raise AssertionError(f"{what}: last stats {stats}")
            time.sleep(0.05)

    def close_stdin(self):
        self.process.stdin.close()

    def wait(self, timeout=PATIENCE):
        """Wait for the exit; returns (status, remaining stdout lines, stderr text)."""
        self.process.wait(timeout=timeout)
        rest = []
        while (line := self.line()) is not None:
            rest.append(line)
        return self.process.returncode, rest, self.process.stderr.read().decode()

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


class ProgramTests:
    """The protocol, checked the same way for every runtime (mixed into one class per runtime)."""

    argv = None     # how to start the program, up to the command
    prog = None     # the name on its error lines
    module = None   # what `probe` reports

    @classmethod
    def setUpClass(cls):
        probe = subprocess.run(cls.argv + ["probe"], capture_output=True, timeout=PATIENCE)
        if probe.returncode == 3:
            raise unittest.SkipTest(probe.stderr.decode().strip())

    def start(self, *command, **kwargs):
        child = Child(self.argv + list(command), **kwargs)
        self.addCleanup(child.kill)
        return child

    def run_to_end(self, *command, stdin_lines=()):
        """Run a command to its `end`; returns {name: [integers]} for every result line."""
        child = self.start(*command)
        for line in stdin_lines:
            child.send(line)
        results = {}
        while (line := child.line(timeout=120)) != "end":
            self.assertIsNotNone(line, f"output ended without `end`; results so far {list(results)}")
            name, *values = line.split(" ")
            self.assertNotIn(name, results, f"{name} printed twice")
            results[name] = [int(v) for v in values]
        status, rest, errors = child.wait()
        self.assertEqual((status, rest, errors), (0, [], ""))
        self.assertEqual(len(results.pop("usage")), 2)
        return results

    def assert_stops_at_eof(self, child):
        """Close stdin: the program must exit 0 at once, printing nothing more."""
        child.close_stdin()
        started = time.monotonic()
        status, rest, errors = child.wait(timeout=PATIENCE)
        self.assertLess(time.monotonic() - started, PROMPT, "did not stop promptly at stdin's end")
        self.assertEqual((status, rest, errors), (0, [], ""))

    # -- probe and arguments ------------------------------------------------

    def test_probe(self):
        result = subprocess.run(self.argv + ["probe"], capture_output=True, timeout=PATIENCE)
        self.assertEqual(result.returncode, 0)
        version, end = result.stdout.decode().splitlines()
        words = version.split()
        self.assertEqual(words[:2], ["version", "CPython"])
        self.assertEqual(words[3], self.module)
        self.assertEqual(len(words), 5)
        self.assertEqual(end, "end")

    def test_bad_arguments_exit_2_with_one_line(self):
        cases = [
            [],
            ["fly"],
            ["sleep", "--tasks", "0", "--sleeps", "1", "--sleep-ns", "1"],
            ["sleep", "--tasks", "1000001", "--sleeps", "1", "--sleep-ns", "1"],
            ["sleep", "--tasks", "ten", "--sleeps", "1", "--sleep-ns", "1"],
            ["sleep", "--tasks", "10", "--sleeps", "100001", "--sleep-ns", "1"],
            ["sleep", "--tasks", "10", "--sleeps", "1", "--sleep-ns", "0"],
            ["sleep", "--tasks", "10"],
            ["crawl"],
            ["deadline", "--tasks", "1", "--deadline-ns", "5"],
            ["pingpong", "--pairs", "0", "--rounds", "1"],
            ["echo", "--port", "70000"],
            ["echo", "--read-buffer", "0"],
            ["selfcheck", "--extra"],
        ]
        for case in cases:
            with self.subTest(case=case):
                result = subprocess.run(self.argv + case, capture_output=True, timeout=PATIENCE,
                                        stdin=subprocess.DEVNULL)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stdout, b"")
                lines = result.stderr.decode().splitlines()
                self.assertEqual(len(lines), 1, lines)
                self.assertTrue(lines[0].startswith(self.prog + ": "), lines[0])

    def test_crawl_rejects_a_bad_sleeps_line(self):
        for line in ["sleeps 1 2", "sleep 1 2 3", "sleeps 1 x 3", "sleeps 1 -2 3"]:
            with self.subTest(line=line):
                child = self.start("crawl", "--tasks", "3")
                child.send(line)
                status, rest, errors = child.wait()
                self.assertEqual(status, 2)
                self.assertEqual(rest, [])
                self.assertEqual(len(errors.splitlines()), 1, errors)

    # -- workloads ------------------------------------------------------------

    def test_sleep(self):
        n, k = 50, 3
        results = self.run_to_end("sleep", "--tasks", str(n), "--sleeps", str(k),
                                  "--sleep-ns", "20000000")
        self.assertEqual(set(results), {"first", "later", "report"})
        self.assertEqual(len(results["first"]), n)
        self.assertEqual(len(results["later"]), n * (k - 1))
        self.assertTrue(all(v >= 0 for v in results["first"] + results["later"]), "negative lateness")
        requested, run, spawn, run_ns, wake_ups, gate = results["report"]
        self.assertEqual((requested, run, wake_ups), (n, n, n * k))
        self.assertEqual(spawn, gate)
        self.assertGreaterEqual(spawn, 0)
        self.assertGreater(run_ns, spawn)

    def test_sleep_once_prints_an_empty_later_line(self):
        results = self.run_to_end("sleep", "--tasks", "3", "--sleeps", "1", "--sleep-ns", "1")
        self.assertEqual(results["later"], [])
        self.assertEqual(len(results["first"]), 3)
        self.assertEqual(results["report"][4], 3)

    def test_sleep_stats_count_tasks_and_timers(self):
        child = self.start("sleep", "--tasks", "20", "--sleeps", "2", "--sleep-ns", "30000000000")
        child.wait_stats(lambda s: s["timers"] == 20, "every task sleeping")
        self.assertEqual(child.stats(), dict(tasks=20, timers=20, accepted=0, open=0,
                                             received=0, echoed=0))
        child.send("something else")  # ignored, and answered with nothing
        self.assertEqual(child.stats()["tasks"], 20)
        self.assert_stops_at_eof(child)

    def test_crawl(self):
        n = 200
        rng = random.Random(7)
        sleeps = [rng.randrange(1_000_000, 30_000_000) for _ in range(n)]
        results = self.run_to_end("crawl", "--tasks", str(n),
                                  stdin_lines=["sleeps " + " ".join(map(str, sleeps))])
        self.assertEqual(set(results), {"overshoot", "times"})
        self.assertEqual(len(results["overshoot"]), n)
        self.assertTrue(all(v >= 0 for v in results["overshoot"]))
        wall, spawn = results["times"]
        self.assertGreaterEqual(wall, max(sleeps))
        self.assertGreaterEqual(wall, spawn)

    def test_deadline(self):
        n = 20
        results = self.run_to_end("deadline", "--tasks", str(n), "--deadline-ns", "100000000")
        self.assertEqual(set(results), {"cancel", "fire-lateness", "counts", "times"})
        # Even tasks need T/2, odd ones 10 T: the timers' order decides, whatever the load.
        self.assertEqual(results["counts"], [n // 2, n // 2])
        self.assertEqual(len(results["cancel"]), n // 2)
        self.assertEqual(len(results["fire-lateness"]), n // 2)
        self.assertTrue(all(v >= 0 for v in results["cancel"] + results["fire-lateness"]))
        # Not `> T`: uvloop counts timers in whole milliseconds of a cached clock, so a
        # timeout can fire a fraction of a millisecond early (hence fire lateness's max(0, ...)).
        self.assertEqual(len(results["times"]), 1)
        self.assertGreater(results["times"][0], 50_000_000)

    def test_pingpong(self):
        pairs = 10
        results = self.run_to_end("pingpong", "--pairs", str(pairs), "--rounds", "100")
        self.assertEqual(set(results), {"pair-time", "times", "cpu"})
        self.assertEqual(len(results["pair-time"]), pairs)
        self.assertTrue(all(v > 0 for v in results["pair-time"]))
        self.assertEqual(len(results["times"]), 1)
        barrier, end = results["cpu"]
        self.assertGreaterEqual(end, barrier)

    def test_selfcheck(self):
        child = self.start("selfcheck")  # stdin stays open: its end would stop the check
        lines = []
        while (line := child.line()) != "end":
            self.assertIsNotNone(line, f"output ended without `end` after {lines}")
            lines.append(line)
        status, rest, errors = child.wait()
        self.assertEqual((status, rest, errors), (0, [], ""), lines)
        self.assertGreaterEqual(len(lines), 8)
        for line in lines:
            self.assertRegex(line, r"^(ok|skip) [a-z-]+( .+)?$")

    # -- stdin's end stops everything ----------------------------------------

    def test_eof_stops_every_command(self):
        long_runs = [
            ("sleep", "--tasks", "1000", "--sleeps", "5", "--sleep-ns", "60000000000"),
            ("deadline", "--tasks", "10", "--deadline-ns", "60000000000"),
            ("pingpong", "--pairs", "100", "--rounds", "1000000000"),
            ("echo",),
        ]
        for command in long_runs:
            with self.subTest(command=command[0]):
                child = self.start(*command)
                if command[0] == "echo":
                    child.line()  # the port
                child.stats()  # answered: the loop is running
                self.assert_stops_at_eof(child)

    def test_eof_stops_crawl_before_and_after_its_sleeps(self):
        child = self.start("crawl", "--tasks", "2")
        self.assert_stops_at_eof(child)
        child = self.start("crawl", "--tasks", "2")
        child.send("sleeps 60000000000 60000000000")
        child.wait_stats(lambda s: s["timers"] == 2, "both sleeping")
        self.assert_stops_at_eof(child)

    def test_eof_during_selfcheck(self):
        child = self.start("selfcheck")
        child.close_stdin()
        status, _, errors = child.wait()
        self.assertEqual((status, errors), (0, ""))

    def test_stdin_from_dev_null_is_an_immediate_end(self):
        child = self.start("sleep", "--tasks", "10", "--sleeps", "1", "--sleep-ns", "60000000000",
                           stdin=subprocess.DEVNULL)
        status, rest, errors = child.wait(timeout=PROMPT)
        self.assertEqual((status, rest, errors), (0, [], ""))

    # -- echo -------------------------------------------------------------------

    def start_echo(self, *options):
        child = self.start("echo", *options)
        port = int(child.line())
        self.assertTrue(0 < port < 65536)
        return child, port

    def connect(self, port):
        sock = socket.create_connection(("127.0.0.1", port), timeout=PATIENCE)
        self.addCleanup(sock.close)
        return sock

    @staticmethod
    def receive_all(sock):
        """Read until the server closes the connection."""
        chunks = []
        while chunk := sock.recv(1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)

    def test_echo_small_and_stats(self):
        child, port = self.start_echo()
        with self.connect(port) as sock:
            sock.sendall(b"hello\n")
            self.assertEqual(sock.recv(100), b"hello\n")
            child.wait_stats(lambda s: s["open"] == 1, "one connection open")
            sock.sendall(b"world")
            sock.shutdown(socket.SHUT_WR)
            self.assertEqual(self.receive_all(sock), b"world")
        stats = child.wait_stats(lambda s: s["open"] == 0, "the connection closed")
        self.assertEqual(stats, dict(tasks=0, timers=0, accepted=1, open=0, received=11, echoed=11))
        self.assert_stops_at_eof(child)

    def test_echo_one_mebibyte_byte_exact_with_half_close(self):
        child, port = self.start_echo()
        payload = random.Random(1).randbytes(1 << 20)
        sock = self.connect(port)

        def send_then_half_close():
            sock.sendall(payload)
            sock.shutdown(socket.SHUT_WR)

        # Send from a thread while reading here: with backpressure on both
        # sides, sending everything first would deadlock.
        sender = threading.Thread(target=send_then_half_close)
        sender.start()
        echoed = self.receive_all(sock)
        sender.join()
        self.assertEqual(len(echoed), len(payload))
        self.assertTrue(echoed == payload, "echoed bytes differ")
        stats = child.wait_stats(lambda s: s["open"] == 0, "the connection closed")
        self.assertEqual((stats["received"], stats["echoed"]), (1 << 20, 1 << 20))

    def test_echo_half_close_right_after_sending(self):
        _, port = self.start_echo()
        with self.connect(port) as sock:
            data = b"x" * 100_000
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
            self.assertTrue(self.receive_all(sock) == data)

    def test_echo_1000_concurrent_connections(self):
        child, port = self.start_echo()
        n, size = 1000, 2000

        async def one(i):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            payload = (f"{i:05d}-" * (size // 6 + 1)).encode()[:size]
            writer.write(payload)
            await writer.drain()
            writer.write_eof()
            echoed = await reader.read()  # to the server's close
            writer.close()
            await writer.wait_closed()
            return echoed == payload

        async def all_at_once():
            return await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(n))), PATIENCE)

        results = asyncio.run(all_at_once())
        self.assertEqual(results.count(True), n)
        stats = child.wait_stats(lambda s: s["open"] == 0, "every connection closed")
        self.assertEqual(stats["accepted"], n)
        self.assertEqual((stats["received"], stats["echoed"]), (n * size, n * size))

    def test_echo_backpressure_bounds_what_the_server_holds(self):
        read_buffer = 16384
        child, port = self.start_echo("--read-buffer", str(read_buffer))
        sock = self.connect(port)
        sock.setblocking(False)
        pattern = bytes(range(251)) * 300  # a period the kernel's buffer sizes do not share
        sent = 0
        stalled_since = None
        while True:  # send without ever reading, until the server stops taking bytes
            try:
                start = sent % 251
                sent += sock.send(pattern[start:start + 65536])
                stalled_since = None
            except BlockingIOError:
                stalled_since = stalled_since or time.monotonic()
                if time.monotonic() - stalled_since > 0.5:
                    break
                time.sleep(0.02)
            self.assertLess(sent, 128 << 20, "the server never stopped reading from a client that never reads")
        stats = child.stats()
        # What the server holds for this connection: one read plus its write buffer.
        self.assertLessEqual(stats["received"] - stats["echoed"], (1 << 20) + read_buffer)
        # Another client is served meanwhile.
        with self.connect(port) as other:
            other.sendall(b"still here")
            self.assertEqual(other.recv(100), b"still here")
        # Now read everything back: nothing lost, nothing out of order.
        sock.setblocking(True)
        sock.shutdown(socket.SHUT_WR)
        echoed = self.receive_all(sock)
        self.assertEqual(len(echoed), sent)
        expected = (pattern * (sent // len(pattern) + 1))[:sent]
        self.assertTrue(echoed == expected, "echoed bytes differ")

    def test_echo_a_reset_ends_only_its_connection(self):
        child, port = self.start_echo()
        keeper = self.connect(port)
        keeper.sendall(b"a")
        self.assertEqual(keeper.recv(10), b"a")
        resetter = self.connect(port)
        resetter.sendall(b"b" * 100_000)
        # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
        resetter.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        resetter.close()
        child.wait_stats(lambda s: s["accepted"] == 2 and s["open"] == 1, "only the reset one closed")
        keeper.sendall(b"c")
        self.assertEqual(keeper.recv(10), b"c")
        with self.connect(port) as late:
            late.sendall(b"d")
            self.assertEqual(late.recv(10), b"d")

    def test_echo_eof_closes_listener_and_connections(self):
        child, port = self.start_echo()
        sock = self.connect(port)
        sock.sendall(b"x")
        self.assertEqual(sock.recv(10), b"x")
        self.assert_stops_at_eof(child)
        try:
            self.assertEqual(sock.recv(10), b"")  # the server's FIN
        except ConnectionResetError:
            pass
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=PATIENCE).close()

    def test_missing_module_exits_3(self):
        if self.module == "asyncio":
            self.skipTest("asyncio is part of the standard library")
        # Run the program in an interpreter where importing the module fails.
        program = self.argv[2]
        script = (f"import runpy, sys; sys.modules[{self.module!r}] = None; "
                  f"sys.argv = [{program!r}] + sys.argv[1:]; "
                  f"runpy.run_path({program!r}, run_name='__main__')")
        result = subprocess.run([PYTHON, "-I", "-c", script] + self.argv[3:] + ["probe"],
                                capture_output=True, timeout=PATIENCE)
        self.assertEqual(result.returncode, 3)
        self.assertEqual(result.stderr.decode(), f"{self.prog}: missing module {self.module}\n")


class AsyncioTest(ProgramTests, unittest.TestCase):
    argv = [PYTHON, "-I", ASYNCIO_PROGRAM]
    prog = "loopbench_asyncio"
    module = "asyncio"

    def test_bad_loop(self):
        result = subprocess.run(self.argv + ["--loop", "trio", "probe"], capture_output=True,
                                timeout=PATIENCE)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.decode().splitlines()), 1)


class UvloopTest(ProgramTests, unittest.TestCase):
    argv = [PYTHON, "-I", ASYNCIO_PROGRAM, "--loop", "uvloop"]
    prog = "loopbench_asyncio"
    module = "uvloop"


class GeventTest(ProgramTests, unittest.TestCase):
    argv = [PYTHON, "-I", GEVENT_PROGRAM]
    prog = "loopbench_gevent"
    module = "gevent"


if __name__ == "__main__":
    unittest.main()
