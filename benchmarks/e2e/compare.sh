#!/usr/bin/env bash
# compare.sh -- runs routeserver, BIRD, GoBGP, FRR and OpenBGPD back to back as the device under
# test of bench.sh and writes the Markdown table into benchmarks/README.md.
#
# Usage: compare.sh [--scenarios "q a b c d"] [--duts "routeserver bird gobgp frr openbgpd"]
#                   [--reps R] [--timeout S] [--out FILE] [--readme FILE] [-- BENCH_OPTIONS...]
#   --reps R      runs per DUT and scenario, interleaved across DUTs                  [1]
#   --timeout S   bench.sh --timeout for every run                                     [300]
#   --out FILE    where result lines are appended (one per run, as bench.sh prints)
#                 [/tmp/routeserver-e2e-results.txt]
#   --readme FILE the README whose "End-to-end comparison" section is replaced (appended if
#                 missing); "-" prints the section instead           [benchmarks/README.md]
#   --lines FILE  run nothing: write the section from the result lines in FILE (runs that were
#                 made scenario by scenario, or cut short)
# Options after -- go to every bench.sh run (e.g. --base 127.0.21 --port 2790).
# Build first: ./mvnw -B -q -DskipTests package. The section records the command, the machine,
# the daemons' versions, the routeserver JVM options, the table (table.py) and every raw line.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

SCENARIOS="q a b c d"; DUTS="routeserver bird gobgp frr openbgpd"; REPS=1; TIMEOUT=300
OUT=/tmp/routeserver-e2e-results.txt; README=$HERE/../README.md; COMMAND="$0 $*"; LINES=
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --duts) DUTS=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --readme) README=$2; shift 2 ;;
    --lines) LINES=$2; shift 2 ;;
    --) shift; break ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done

THIS_RUN=$(mktemp /tmp/routeserver-e2e-run.XXXXXX)
trap 'rm -f "$THIS_RUN"' EXIT
STARTED=$(date '+%Y-%m-%d %H:%M')
if [ -n "$LINES" ]; then
  cp "$LINES" "$THIS_RUN"
  STARTED=$(head -1 "$LINES" | cut -c1-16 | tr T ' ')
  SCENARIOS=
fi
for scenario in $SCENARIOS; do
  for ((rep = 1; rep <= REPS; rep++)); do
    for dut in $DUTS; do
      line=$("$HERE/bench.sh" "$dut" "$scenario" --timeout "$TIMEOUT" "$@" 2>>"$OUT.log") ||
        line="dut=$dut scenario=$scenario status=error load=$(cut -d' ' -f1 /proc/loadavg)"
      echo "$(date +%FT%T) $line" | tee -a "$OUT" "$THIS_RUN"
    done
  done
done

section() {
  echo "## End-to-end comparison with BIRD, GoBGP, FRR and OpenBGPD"
  echo
  echo "Written by \`benchmarks/e2e/compare.sh\` ($STARTED to $(tail -1 "$THIS_RUN" | cut -c12-16)): \`$COMMAND\`."
  echo "Each cell is converge_s / peak RSS of the device under test (median of the runs that"
  echo "converged). BIRD feeders and a BIRD sink on loopback; every DUT a route server (RFC 7947)"
  echo "for all its peers; see \`benchmarks/e2e/bench.sh\` for the method. The load column is the"
  echo "range of the 1-minute load average at the start of the runs: the machine is shared."
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2}') GiB,"
  echo "kernel $(uname -r); $(java -version 2>&1 | head -1); $(bird --version 2>&1 | head -1),"
  echo "gobgpd $(gobgpd --version 2>&1 | awk '{print $3}'), FRR $(/usr/lib/frr/bgpd --version 2>&1 | awk 'NR == 1 {print $3}'),"
  echo "$(bgpd -V 2>&1 | head -1). routeserver JVM options: \`$ROUTESERVER_JAVA_OPTS\`."
  echo
  python3 "$HERE/table.py" "$THIS_RUN"
  echo
  echo "Raw lines:"
  echo
  echo '```'
  cat "$THIS_RUN"
  echo '```'
}
if [ "$README" = - ]; then section; exit 0; fi
SECTION=$(mktemp /tmp/routeserver-e2e-section.XXXXXX)
trap 'rm -f "$THIS_RUN" "$SECTION"' EXIT
section > "$SECTION"
# replace the section (from its heading to the next "## " heading) or append it
python3 - "$README" "$SECTION" <<'PY'
import sys
readme, section = sys.argv[1], open(sys.argv[2]).read()
lines = open(readme).read().split("\n")
head = "## End-to-end comparison with BIRD, GoBGP, FRR and OpenBGPD"
if head in lines:
    start = lines.index(head)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    lines[start:end] = section.rstrip("\n").split("\n") + ([""] if end < len(lines) else [])
else:
    lines += [""] if lines[-1] else []
    lines += section.rstrip("\n").split("\n")
open(readme, "w").write("\n".join(lines).rstrip("\n") + "\n")
PY
echo "section written to $README" >&2
