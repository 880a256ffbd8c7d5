#!/usr/bin/env bash
# bench.sh -- one convergence and memory measurement of a BGP route server on loopback.
#
# Usage:
#   bench.sh DUT SCENARIO [options]
#   bench.sh DUT N K [--feed same|split] [-m M] [--attr-sets A] [--receivers] [options]
#
#   DUT       routeserver (this project's `serve`, built by ./mvnw -B -q -DskipTests package)
#             | bird | gobgp | frr | openbgpd
#   SCENARIO  q: 1 feeder, 100,000 IPv4 prefixes, every route its own attribute set, 1 sink
#             a: 1 feeder, full IPv4 table (1,050,000 prefixes, 350,000 attribute sets), 1 sink
#             b: 4 feeders with 250,000 distinct prefixes each (1,000,000 in all), 1 sink
#             c: 100 feeders with 10,000 prefixes each, every feeder also a receiver, 1 sink
#             d: scenario a plus 230,000 IPv6 prefixes
#   N K       IPv4 prefixes and number of feeders, for any other shape:
#     --feed same|split   every feeder announces the same N prefixes, or slice i of them [same]
#     -m M                IPv6 prefixes, carried as MP-BGP over the same sessions        [0]
#     --attr-sets A       attribute sets, see gen-routes (1: all routes share one)       [1]
#     --receivers         feeders count what the DUT sends them, and must get every
#                         prefix the others announce before the run converges
# Options:
#   --base A.B.C   loopback /24: DUT .1, sink .2, feeders .11 and up                 [127.0.20]
#   --port P       the port every speaker listens on and connects to                  [1790]
#   --timeout S    give up after S seconds of feeding                                  [300]
#   --quiet S      how long the receivers must stay silent to call it converged        [1.0]
#   --poll S       receiver poll interval                                              [0.1]
#   --seed S       prefix generator seed                                                 [1]
#   --rss-cap-mb MB  stop the run (status=rss_cap) when the DUT's RSS exceeds MB       [8000]
#   --keep         keep the work directory (configs and logs)
#   --withdraw     once converged, take every feeder's session down and time how long the sink
#                  takes to lose every route, to within --poll (withdraw_s; NA without this option)
# Environment: ROUTESERVER_JAVA_OPTS (JVM options of the routeserver DUT, see lib.sh),
#   ROUTESERVER_JAR, E2E_CACHE (generated tables, default /tmp/routeserver-e2e-cache).
#
# Method: start the DUT, then the sink (BIRD, imports everything) and wait for its session; start
# the feeders (BIRD, static routes loaded, session disabled); enable them all. T0 is the earliest
# feeder's Established time from its own clock. The receivers are polled (measure.py) until each
# holds or has received all it must, the DUT (where it has a CLI) holds every path, and nothing has
# moved for --quiet s.
# Prints one line:
#   dut=<name> routes=<N> peers=<K> converge_s=<T0 -> last change at any receiver>
#   rss_mb=<peak RSS of the DUT, VmHWM, summed over its processes> followed by: scenario, routes6,
#   attr_sets, feed, first_s (T0 -> first update at a receiver), rib_s (T0 -> the DUT held every
#   path; NA without a CLI), idle_mb (RSS before feeding), cpu_s (DUT CPU while feeding), paths,
#   sink_prefixes, sink_updates, received_min, status (ok|timeout|rss_cap), timeout (--timeout), load (1-min load average
#   when the run started) and withdraw_s (--withdraw: feeders down -> sink empty, or NA).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 2 ] || usage
DUT=$1; shift
case "$DUT" in routeserver|bird|gobgp|frr|openbgpd) ;; *) die "unknown DUT $DUT" ;; esac
FEED=same; M=0; ATTRS=1; RECEIVERS=0; SCENARIO=-
case "$1" in
  q) N=100000; K=1; ATTRS=100000; SCENARIO=q; shift ;;
  a) N=1050000; K=1; ATTRS=350000; SCENARIO=a; shift ;;
  b) N=1000000; K=4; FEED=split; SCENARIO=b; shift ;;
  c) N=1000000; K=100; FEED=split; RECEIVERS=1; SCENARIO=c; shift ;;
  d) N=1050000; M=230000; K=1; ATTRS=350000; SCENARIO=d; shift ;;
  *) [ $# -ge 2 ] || usage; N=$1; K=$2; shift 2 ;;
esac
BASE=127.0.20; PORT=1790; TIMEOUT=300; QUIET=1.0; POLL=0.1; SEED=1; KEEP=0; RSS_CAP=8000
WITHDRAW=0
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) FEED=$2; shift 2 ;;
    -m) M=$2; shift 2 ;;
    --attr-sets) ATTRS=$2; shift 2 ;;
    --receivers) RECEIVERS=1; shift ;;
    --base) BASE=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --quiet) QUIET=$2; shift 2 ;;
    --poll) POLL=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --rss-cap-mb) RSS_CAP=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --withdraw) WITHDRAW=1; shift ;;
    *) die "unknown option $1" ;;
  esac
done
case "$FEED" in same|split) ;; *) die "--feed same|split" ;; esac
[ "$K" -ge 1 ] && [ "$K" -le 200 ] || die "K must be 1 to 200 (feeders are .11 to .210)"
check_loopback "$BASE.1"
LOAD=$(cut -d' ' -f1 /proc/loadavg)
DUT_IP=$BASE.1; SINK_IP=$BASE.2; DUT_AS=65000; SINK_AS=65500 # feeders are 65001 and up: K = 100 reaches 65100
V6=0; [ "$M" -gt 0 ] && V6=1

W=$(mktemp -d /tmp/routeserver-e2e.XXXXXX)
cleanup() {
  set +e
  local d f pid
  for d in "$W"/feeder* "$W/sink"; do [ -d "$d" ] && stop_pidfile "$d/daemon.pid"; done
  [ -f "$W/dut/daemon.pid" ] && dut_stop "$DUT" "$W/dut"
  # safety net: anything still running whose command line names this unique directory
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}; pid=${pid%/cmdline}
    [ "$pid" != $$ ] && { tr '\0' ' ' < "$f"; } 2>/dev/null | grep -qF -- "$W" && stop_pid "$pid"
  done
  if [ "$KEEP" = 1 ]; then echo "work directory kept: $W" >&2; else rm -rf "$W"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

feeder_ip() { echo "$BASE.$((11 + $1))"; }

# 1. the DUT, with the sink and every feeder as its peers
peers=("$SINK_IP $SINK_AS")
for ((i = 0; i < K; i++)); do peers+=("$(feeder_ip "$i") $((65001 + i))"); done
dut_start "$DUT" "$W/dut" "$DUT_IP" "$DUT_AS" "$PORT" "$V6" "${peers[@]}"
read -r -a DUT_PIDS <<< "$(dut_pids "$DUT" "$W/dut" | tr '\n' ' ')"

# 2. the sink, up before anything is fed
bird_peer_start "$W/sink" "$SINK_IP" "$SINK_AS" "$DUT_IP" "$PORT" "$DUT_AS" "" "$V6" 0
sink_up() { [ "$(bird_state "$W/sink")" = Established ]; }
wait_for 60 sink_up || die "the sink's session did not come up (--keep, then see $W)"

# 3. the feeders, routes loaded, sessions held down
for ((i = 0; i < K; i++)); do
  part=0; parts=1; [ "$FEED" = split ] && { part=$i; parts=$K; }
  routes=$(routes_file "$N" "$M" "$SEED" "$ATTRS" "$part" "$parts")
  bird_peer_start "$W/feeder$i" "$(feeder_ip "$i")" "$((65001 + i))" "$DUT_IP" "$PORT" "$DUT_AS" \
    "$routes" "$V6" 1
done
for ((i = 0; i < K; i++)); do
  part=0; parts=1; [ "$FEED" = split ] && { part=$i; parts=$K; }
  want=$(( N * (part + 1) / parts - N * part / parts + M * (part + 1) / parts - M * part / parts ))
  loaded() { [ "$(bird_static_routes "$W/feeder$i")" -ge "$want" ]; }
  wait_for 300 loaded || die "feeder $i did not load its $want routes"
done

# 4. go: enable every feeder, then poll the receivers
if [ "$FEED" = same ]; then PATHS=$(( K * (N + M) )); else PATHS=$(( N + M )); fi
meas=(--sink "$W/sink/bird.ctl:$((N + M))" --timeout "$TIMEOUT" --quiet "$QUIET" --interval "$POLL"
  --rss-cap-mb "$RSS_CAP")
for pid in "${DUT_PIDS[@]}"; do meas+=(--dut-pid "$pid"); done
for ((i = 0; i < K; i++)); do
  if [ "$RECEIVERS" = 1 ]; then
    part=0; parts=1; [ "$FEED" = split ] && { part=$i; parts=$K; }
    own=$(( N * (part + 1) / parts - N * part / parts + M * (part + 1) / parts - M * part / parts ))
    [ "$FEED" = same ] && own=0 # the same prefixes from the others: it is sent all of them
    meas+=(--receiver "$W/feeder$i/bird.ctl:$(( N + M - own ))")
  else
    meas+=(--feeder "$W/feeder$i/bird.ctl")
  fi
done
[ -n "$(dut_count "$DUT" "$W/dut")" ] && meas+=(--dut-cmd ". $E2E_DIR/lib.sh; dut_count $DUT $W/dut" --dut-expect "$PATHS")
IDLE_KB=$(sum_status VmRSS "${DUT_PIDS[@]}")
CPU0=$(cpu_ticks "${DUT_PIDS[@]}")
for ((i = 0; i < K; i++)); do birdc_ "$W/feeder$i" enable dut >/dev/null; done
RESULT=$(python3 "$E2E_DIR/measure.py" "${meas[@]}")
CPU1=$(cpu_ticks "${DUT_PIDS[@]}")
HWM_KB=$(sum_status VmHWM "${DUT_PIDS[@]}")

# 5. T0: the earliest feeder session Established
T0=
for ((i = 0; i < K; i++)); do
  t=$(bird_established "$W/feeder$i" || true)
  [ -n "$t" ] || continue
  if [ -z "$T0" ] || awk -v a="$t" -v b="$T0" 'BEGIN {exit !(a < b)}'; then T0=$t; fi
done
eval "$(tr ' ' '\n' <<< "$RESULT" | grep '=' | sed 's/^/R_/')"

# 6. with --withdraw: every feeder's session goes down; the time until the sink holds nothing
WITHDRAW_S=NA
if [ "$WITHDRAW" = 1 ] && [ "$R_status" = ok ]; then
  T1=$(now)
  for ((i = 0; i < K; i++)); do birdc_ "$W/feeder$i" disable dut >/dev/null; done
  DRAIN=$(python3 "$E2E_DIR/measure.py" --sink "$W/sink/bird.ctl:0" --drain --timeout "$TIMEOUT" \
    --quiet "$QUIET" --interval "$POLL")
  eval "$(tr ' ' '\n' <<< "$DRAIN" | grep '=' | sed 's/^/D_/')"
  WITHDRAW_S=timeout
  if [ "$D_status" = ok ]; then
    WITHDRAW_S=$(awk -v a="$D_t_last_change" -v b="$T1" 'BEGIN {printf "%.2f", a - b}')
  fi
fi
since() { if [ "$1" = NA ] || [ -z "$T0" ]; then echo NA; else awk -v a="$1" -v b="$T0" 'BEGIN {printf "%.2f", a - b}'; fi; }
CONVERGE=NA; [ "$R_status" = ok ] && CONVERGE=$(since "$R_t_last_change")
echo "dut=$DUT routes=$N peers=$K converge_s=$CONVERGE rss_mb=$(( HWM_KB / 1024 ))" \
  "scenario=$SCENARIO routes6=$M attr_sets=$ATTRS feed=$FEED first_s=$(since "$R_t_first")" \
  "rib_s=$(since "$R_t_dut_full") idle_mb=$(( IDLE_KB / 1024 ))" \
  "cpu_s=$(awk -v a="$CPU0" -v b="$CPU1" -v c="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / c}')" \
  "paths=$PATHS sink_prefixes=$R_sink_prefixes sink_updates=$R_sink_updates" \
  "received_min=$R_received_min status=$R_status timeout=$TIMEOUT load=$LOAD" \
  "withdraw_s=$WITHDRAW_S"
