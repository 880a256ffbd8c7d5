#!/usr/bin/env python3
"""measure.py -- the poll loop of bench.sh: waits for convergence and says when it happened.

Usage:
  measure.py --sink SOCK:EXPECT [--receiver SOCK:EXPECT ...] [--feeder SOCK ...]
             [--dut-cmd CMD --dut-expect N] [--dut-pid PID ... --rss-cap-mb MB]
             [--interval S] [--quiet S] [--timeout S] [--drain]

--sink: the BIRD sink's control socket and the prefixes it must hold.
--drain: the sink must lose every prefix instead (a withdrawal run; EXPECT is not used).
--receiver: a BIRD feeder that also receives (scenario c) and the prefix updates it must have
  received; feeders import nothing, so they count what arrives instead of holding it.
--feeder: a BIRD feeder to keep awake: BIRD 2.0 can hold the last chunk of a table dump until its
  3-s idle poll() expires, and any CLI request wakes it. Receivers are polled anyway.
--dut-cmd: a bash command printing the paths the DUT holds, polled every 0.25 s (optional).
--rss-cap-mb: give up (status=rss_cap) when the RSS of the --dut-pid processes exceeds MB, so that
  a daemon that cannot cope does not take the machine's memory from everyone else.

Every --interval s it asks each BIRD over one persistent control connection (about 1 ms a
question). It stops when every receiver has what it expects, the DUT holds --dut-expect paths and
no receiver's update counter has moved for --quiet s, or at --timeout. Prints one line:
  status=ok|timeout|rss_cap t_start t_first t_last_change t_dut_full (epoch s)
  sink_prefixes sink_updates received_min dut_count
"""
import argparse
import socket
import subprocess
import sys
import time


class Bird:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buf = b""
        self.reply()  # greeting

    def reply(self):
        lines = []
        while True:
            while b"\n" not in self.buf:
                data = self.sock.recv(65536)
                if not data:
                    raise EOFError
                self.buf += data
            line, self.buf = self.buf.split(b"\n", 1)
            line = line.decode(errors="replace")
            lines.append(line)
            if len(line) >= 5 and line[:4].isdigit() and line[4] == " ":
                return lines

    def counts(self):
        """(prefixes held, prefix updates and withdrawals received) of protocol 'dut'."""
        self.sock.sendall(b"show protocols all dut\n")
        held = received = 0
        for line in self.reply():
            t = line.lstrip("0123456789-").split()
            if len(t) >= 2 and t[0] == "Routes:":
                held += int(t[1])
            elif len(t) >= 3 and t[0] == "Import" and t[1] in ("updates:", "withdraws:"):
                received += int(t[2])
        return held, received


def rss_kb(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%s/status" % pid) as f:
                total += sum(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except OSError:
            pass
    return total


def endpoint(text):
    path, expect = text.rsplit(":", 1)
    return path, int(expect)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sink", type=endpoint, required=True)
    p.add_argument("--receiver", type=endpoint, action="append", default=[])
    p.add_argument("--feeder", action="append", default=[])
    p.add_argument("--dut-cmd")
    p.add_argument("--dut-expect", type=int, default=0)
    p.add_argument("--dut-pid", action="append", default=[])
    p.add_argument("--rss-cap-mb", type=int, default=0)
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("--quiet", type=float, default=1.0)
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--drain", action="store_true")
    a = p.parse_args()

    sink = Bird(a.sink[0])
    receivers = [(Bird(path), expect) for path, expect in a.receiver]
    feeders = [Bird(path) for path in a.feeder]
    t_start = time.time()
    t_first = t_dut_full = None
    t_last_change = t_start
    baseline = last_total = None
    dut = 0
    next_dut = 0.0
    dut_done = not a.dut_cmd or a.dut_expect <= 0
    status = "timeout"
    while True:
        polled = time.time()
        for feeder in feeders:
            feeder.counts()
        held, sink_updates = sink.counts()
        received = [bird.counts()[1] for bird, _ in receivers]
        now = time.time()
        total = sink_updates + sum(received)
        if baseline is None:
            baseline = last_total = total  # End-of-RIB markers and the like, before feeding
        elif total != last_total:
            t_first = t_first or now
            last_total, t_last_change = total, now
        sink_done = held == 0 if a.drain else held >= a.sink[1]
        complete = sink_done and all(r >= e for r, (_, e) in zip(received, receivers))
        if not dut_done and now >= next_dut:
            out = subprocess.run(["bash", "-c", a.dut_cmd], capture_output=True, text=True).stdout.split()
            dut = int(out[0]) if out and out[0].isdigit() else 0
            next_dut = now + 0.25
            if dut >= a.dut_expect:
                dut_done, t_dut_full = True, time.time()
        if complete and dut_done and now - t_last_change >= a.quiet:
            status = "ok"
            break
        if now - t_start > a.timeout:
            break
        if a.rss_cap_mb and rss_kb(a.dut_pid) > a.rss_cap_mb * 1024:
            status = "rss_cap"
            break
        time.sleep(max(0.0, a.interval - (time.time() - polled)))

    def stamp(t):
        return "%.3f" % t if t else "NA"
    print("status=%s t_start=%s t_first=%s t_last_change=%s t_dut_full=%s sink_prefixes=%d "
          "sink_updates=%d received_min=%s dut_count=%d"
          % (status, stamp(t_start), stamp(t_first), stamp(t_last_change), stamp(t_dut_full),
             held, sink_updates,
             min(received) if received else "NA", dut))


if __name__ == "__main__":
    sys.exit(main())
