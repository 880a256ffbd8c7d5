#!/usr/bin/env python3
"""table.py -- Markdown tables from bench.sh result lines.

Usage: table.py RESULTS...   (files of bench.sh lines; "-" for standard input)

One row per scenario, one column per DUT: median converge_s / median peak RSS over the runs that
converged (runs that did not are shown by their status), then our ratios to BIRD and GoBGP and
whether we beat FRR, OpenBGPD and GoBGP on memory. Lines without scenario= are ignored.
"""
import statistics
import sys
from collections import OrderedDict

DUTS = ["routeserver", "bird", "gobgp", "frr", "openbgpd"]
NAMES = {"routeserver": "routeserver", "bird": "BIRD", "gobgp": "GoBGP", "frr": "FRR",
         "openbgpd": "OpenBGPD"}
SCENARIOS = OrderedDict([
    ("q", "q: 1 feeder, 100k IPv4, every route its own attributes"),
    ("a", "a: 1 feeder, 1.05M IPv4, 350k attribute sets"),
    ("b", "b: 4 feeders × 250k distinct IPv4"),
    ("c", "c: 100 peers × 10k IPv4, all receive"),
    ("d", "d: a + 230k IPv6"),
])


def parse(line):
    return dict(tok.split("=", 1) for tok in line.split() if "=" in tok)


def median(values):
    return statistics.median(values) if values else None


def summary(runs):
    ok = [r for r in runs if r.get("status") == "ok"]
    if not ok:
        worst = runs[-1]
        if worst.get("status") == "timeout" and "timeout" in worst:
            return None, None, "> %s s (%s MB at the cut)" % (worst["timeout"], worst.get("rss_mb"))
        return None, None, "%s (%s MB at the cut)" % (worst.get("status"), worst.get("rss_mb"))
    t = median([float(r["converge_s"]) for r in ok])
    m = median([float(r["rss_mb"]) for r in ok])
    text = "%.2f s / %.0f MB" % (t, m)
    if len(ok) > 1:
        text += " (%d runs)" % len(ok)
    if len(ok) < len(runs):
        text += ", %d of %d did not finish" % (len(runs) - len(ok), len(runs))
    return t, m, text


def ratio(a, b):
    return "%.2f" % (a / b) if a is not None and b else "–"


def main():
    runs = OrderedDict()
    for path in sys.argv[1:] or ["-"]:
        for line in (sys.stdin if path == "-" else open(path)):
            d = parse(line)
            if d.get("scenario", "-") in SCENARIOS and d.get("dut") in DUTS:
                runs.setdefault((d["scenario"], d["dut"]), []).append(d)
    print("| scenario | " + " | ".join(NAMES[d] for d in DUTS) +
          " | time ÷ BIRD | time ÷ GoBGP | RSS ÷ BIRD | RSS below FRR, OpenBGPD, GoBGP | load |")
    print("|---" * (len(DUTS) + 6) + "|")
    for key, title in SCENARIOS.items():
        if not any((key, d) in runs for d in DUTS):
            continue
        cells, t, m = [], {}, {}
        loads = []
        for dut in DUTS:
            rs = runs.get((key, dut), [])
            loads += [float(r["load"]) for r in rs if "load" in r]
            t[dut], m[dut], text = summary(rs) if rs else (None, None, "not run")
            cells.append(text)
        ours = m["routeserver"]
        beaten = []
        for dut in ("frr", "openbgpd", "gobgp"):
            rs = runs.get((key, dut), [])
            # a daemon stopped at the memory cap or the timeout held at least what it reported
            other = m[dut] if m[dut] is not None else max((float(r["rss_mb"]) for r in rs), default=None)
            beaten.append("yes" if ours is not None and other is not None and ours < other else
                          "no" if ours is not None and other is not None else "–")
        time_gobgp = t["gobgp"]
        # GoBGP stopped at the timeout took longer than it: our ratio is below ours / timeout
        cut = [float(r["timeout"]) for r in runs.get((key, "gobgp"), [])
               if r.get("status") == "timeout" and "timeout" in r]
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            title, " | ".join(cells), ratio(t["routeserver"], t["bird"]),
            ratio(t["routeserver"], time_gobgp) if time_gobgp else
            ("< " + ratio(t["routeserver"], min(cut)) if cut and t["routeserver"] is not None else
             "GoBGP did not finish" if runs.get((key, "gobgp")) else "–"),
            ratio(ours, m["bird"]), ", ".join(beaten),
            "%.1f–%.1f" % (min(loads), max(loads)) if loads else "–"))


if __name__ == "__main__":
    main()
