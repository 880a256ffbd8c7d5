#!/usr/bin/env python3
"""thread-cpu.py -- CPU seconds of each thread of a process, as last seen before it exits.

Usage: thread-cpu.py PATTERN [TOP]
  Waits for a process whose command line contains PATTERN (e.g. the jar of a bench.sh run started
  beside it), reads /proc/PID/task/*/stat every 0.3 s while it runs, and prints the user + system
  time of its TOP threads [10], largest first, by the name the kernel keeps (15 characters). For
  our JVM, "VM Thread" is the serial collector's time, "routeserver-wri" the RIB writer,
  "routeserver-bgp" the event loops.
"""
import os
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def find(pattern):
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if pattern.encode() in f.read():
                    return pid
        except OSError:
            pass
    return None


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pattern, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10
    pid = None
    while pid is None:
        pid = find(pattern)
        time.sleep(0.2)
    seen = {}
    while os.path.isdir(f"/proc/{pid}"):
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            break
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    name = f.read().strip()
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks = int(fields[11]) + int(fields[12])  # utime, stime
            seen[(tid, name)] = max(seen.get((tid, name), 0), ticks)
        time.sleep(0.3)
    for (tid, name), ticks in sorted(seen.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{ticks / TICKS:8.2f} s  {name}")


if __name__ == "__main__":
    main()
