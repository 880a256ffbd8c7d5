# shellcheck shell=bash
# lib.sh -- helpers of the end-to-end benchmarks; sourced by bench.sh, never run.
#
# Every process lives in its own directory (config, control socket, log, pid
# file), binds one address in 127.0.0.0/8 and is stopped by the PID recorded
# there, never by name. Nothing is ever written to a kernel FIB: BIRD has no
# kernel protocol, FRR's bgpd runs without zebra (-Z), OpenBGPD with
# "fib-update no", gobgpd without zebra.
#
# Components:
#   bird_peer_start DIR IP AS DUT_IP PORT DUT_AS ROUTES_FILE|"" V6(0|1) HOLD(0|1)
#       a BIRD speaker: feeder when ROUTES_FILE is given (exports its static
#       routes, imports nothing but counts what it receives), else the sink
#       (imports and holds everything, exports nothing).
#   dut_start NAME DIR IP AS PORT V6 PEER...   (PEER = "ip as")
#   dut_count NAME DIR   paths received by the DUT, or nothing if it cannot tell
#   dut_pids NAME DIR    the PIDs whose memory and CPU are the DUT's
#   dut_stop NAME DIR
# NAME: routeserver | bird | gobgp | frr | openbgpd.

E2E_DIR=${E2E_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
E2E_CACHE=${E2E_CACHE:-/tmp/routeserver-e2e-cache}
ROUTESERVER_JAR=${ROUTESERVER_JAR:-$E2E_DIR/../../routeserver-examples/target/routeserver.jar}
# The JVM settings of the routeserver DUT; benchmarks/README.md says how they were chosen.
# Serial GC (2 cores, one writer thread: no GC threads to compete with), a 32 MB young generation
# whose survivors go straight to the old one (the RIB is long-lived; copying it between survivor
# spaces is wasted), an old generation that starts small and grows with the live set (else it
# fills with promoted garbage up to the default initial heap, 1/64 of RAM, before its first full
# GC) in steps of 40% free room, so that it needs fewer full GCs on the way, and C1 only (C2
# doubled our CPU time per run compiling).
ROUTESERVER_JAVA_OPTS=${ROUTESERVER_JAVA_OPTS:-"-Xmx2g -Xms64m -Xmn32m -XX:+UseSerialGC -XX:MaxTenuringThreshold=0 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70 -XX:TieredStopAtLevel=1"}

die() { echo "error: $*" >&2; exit 1; }
now() { date +%s.%3N; }

check_loopback() { case "$1" in 127.*) ;; *) die "$1 is not in 127.0.0.0/8" ;; esac; }

# wait_for SECONDS CMD... -- run CMD every 0.1 s until it succeeds; fails after SECONDS
wait_for() {
  local end=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || return 1
    sleep 0.1
  done
}

# stop_pid PID -- SIGTERM, up to 10 s for it to go, then SIGKILL
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop_pidfile() { [ -s "$1" ] && stop_pid "$(cat "$1")"; rm -f "$1"; }

# sum_status FIELD PID... -- sum of a /proc/PID/status field in kB (VmHWM: peak RSS)
sum_status() {
  local field=$1 pid sum=0 v; shift
  for pid in "$@"; do
    v=$(awk -v f="$field:" '$1 == f {print $2}' "/proc/$pid/status" 2>/dev/null)
    sum=$(( sum + ${v:-0} ))
  done
  echo "$sum"
}

# cpu_ticks PID... -- user+system CPU time in clock ticks
cpu_ticks() {
  local pid sum=0 v
  for pid in "$@"; do
    v=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}')
    sum=$(( sum + ${v:-0} ))
  done
  echo "$sum"
}

descendants() {
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do echo "$child"; descendants "$child"; done
}

# routes_file N M SEED ATTR_SETS PART PARTS -- cached output of gen-routes
routes_file() {
  local f="$E2E_CACHE/bird-n$1-m$2-s$3-a$4-p$5of$6.conf"
  mkdir -p "$E2E_CACHE"
  if [ ! -s "$f" ]; then
    "$E2E_DIR/gen-routes" -n "$1" -m "$2" -s "$3" --attr-sets "$4" --part "$5" --parts "$6" \
      -o "$f.tmp.$$" || die "gen-routes failed"
    mv "$f.tmp.$$" "$f"
  fi
  echo "$f"
}

# ---- BIRD feeders and sink ------------------------------------------------------------------
# Feeders announce TEST-NET next hops (198.51.100.x, 2001:db8::x): GoBGP treats a loopback next
# hop as invalid. They are attributes only; nothing forwards to them.

birdc_() { birdc -s "$1/bird.ctl" "${@:2}"; }

bird_peer_start() {
  local dir=$1 ip=$2 as=$3 dut_ip=$4 port=$5 dut_as=$6 routes=$7 v6=$8 hold=$9
  local last=${ip##*.} channels include=""
  check_loopback "$ip"; check_loopback "$dut_ip"
  mkdir -p "$dir"
  if [ -n "$routes" ]; then
    include="include \"$routes\";"
    channels="ipv4 { import none; export all; next hop address 198.51.100.$last; };"
    [ "$v6" = 1 ] && channels+=" ipv6 { import none; export all; next hop address 2001:db8::$last; };"
  else
    channels="ipv4 { import all; export none; };"
    [ "$v6" = 1 ] && channels+=" ipv6 { import all; export none; };"
  fi
  cat > "$dir/bird.conf" <<CONF
timeformat protocol iso long ms;
log stderr { warning, error, fatal };
router id $ip;
$include
protocol bgp dut {
  local $ip port $port as $as;
  neighbor $dut_ip port $port as $dut_as;
  strict bind yes; multihop; connect delay time 1;
  $([ "$hold" = 1 ] && echo "disabled yes;")
  $channels
}
CONF
  bird -f -c "$dir/bird.conf" -s "$dir/bird.ctl" -P "$dir/daemon.pid" >"$dir/daemon.log" 2>&1 &
  echo $! > "$dir/daemon.pid"
  wait_for 120 birdc_ "$dir" show status || die "BIRD in $dir did not start (see $dir/daemon.log)"
}

# bird_static_routes DIR -- routes the static protocols of a feeder hold
bird_static_routes() {
  birdc_ "$1" show protocols all |
    awk '/^routes[46] / {s = 1} /^dut / {s = 0} s && /Routes:/ {n += $2} END {print n + 0}'
}

bird_state() { birdc_ "$1" show protocols dut | awk '$1 == "dut" {print $NF}'; }

# bird_established DIR -- when the session came up, in epoch seconds (ms), or nothing
bird_established() {
  local t
  t=$(birdc_ "$1" show protocols dut | awk '$1 == "dut" && $4 == "up" && /Established/ {print $5 " " $6}')
  [ -n "$t" ] && date -d "$t" +%s.%3N
}

# ---- Devices under test ---------------------------------------------------------------------
# Every DUT is a route server for all its peers (no own-AS prepend, next hop unchanged), passive
# on every session, eBGP multihop.

dut_start() {
  local name=$1 dir=$2 ip=$3 as=$4 port=$5 v6=$6; shift 6
  mkdir -p "$dir"
  "dut_${name}_config" "$dir" "$ip" "$as" "$port" "$v6" "$@"
  "dut_${name}_run" "$dir" "$ip" "$port"
}
dut_count() { "dut_${1}_count" "$2"; }
dut_pids() { if [ "$1" = openbgpd ]; then cat "$2/daemon.pid"; descendants "$(cat "$2/daemon.pid")"; else cat "$2/daemon.pid"; fi; }
dut_stop() { stop_pidfile "$2/daemon.pid"; }

# routeserver: our serve command, transparent (RFC 7947) profile, accept-all policies (RFC 8212
# would otherwise reject everything to and from eBGP peers).
dut_routeserver_config() {
  local dir=$1 ip=$2 as=$3 port=$4 v6=$5 peer; shift 5
  {
    echo "asn: $as"
    echo "routerId: $ip"
    echo "listen: {address: $ip, port: $port}"
    echo "profile: transparent"
    echo "peers:"
    for peer in "$@"; do
      set -- $peer
      echo "  - {name: p$1, address: $1, asn: $2, passive: true}"
    done
    echo "policies:"
    echo "  policies: {all: {terms: [{name: all, then: accept}]}}"
    echo "  defaults: {import: [all], export: [all]}"
  } > "$dir/routeserver.yaml"
}
dut_routeserver_run() {
  local dir=$1 ip=$2 port=$3
  [ -s "$ROUTESERVER_JAR" ] || die "$ROUTESERVER_JAR missing: ./mvnw -B -q -DskipTests package"
  # shellcheck disable=SC2086
  java $ROUTESERVER_JAVA_OPTS -jar "$ROUTESERVER_JAR" serve --config "$dir/routeserver.yaml" \
    >"$dir/daemon.log" 2>&1 &
  echo $! > "$dir/daemon.pid"
  wait_for 60 grep -q "listening on" "$dir/daemon.log" || die "routeserver did not start (see $dir/daemon.log)"
}
dut_routeserver_count() { :; } # no CLI: convergence is read at the receivers only

dut_bird_config() {
  local dir=$1 ip=$2 as=$3 port=$4 v6=$5 peer; shift 5
  {
    echo "log stderr { warning, error, fatal };"
    echo "router id $ip;"
    echo "template bgp peer {"
    echo "  local $ip port $port as $as;"
    echo "  strict bind yes; multihop; passive on; rs client;"
    echo "  ipv4 { import all; export all; };"
    [ "$v6" = 1 ] && echo "  ipv6 { import all; export all; };"
    echo "}"
    for peer in "$@"; do
      set -- $peer
      echo "protocol bgp p_${1//./_} from peer { neighbor $1 port $port as $2; }"
    done
  } > "$dir/bird.conf"
}
dut_bird_run() {
  bird -f -c "$1/bird.conf" -s "$1/bird.ctl" -P "$1/daemon.pid" >"$1/daemon.log" 2>&1 &
  echo $! > "$1/daemon.pid"
  wait_for 30 birdc_ "$1" show status || die "bird did not start (see $1/daemon.log)"
}
dut_bird_count() {
  birdc_ "$1" show protocols all |
    awk '/^p_/ {p = 1} /^[a-z]/ && !/^p_/ {p = 0} p && /Routes:/ {s += $2} END {print s + 0}'
}

dut_gobgp_config() {
  local dir=$1 ip=$2 as=$3 port=$4 v6=$5 peer; shift 5
  {
    printf '[global.config]\n  as = %s\n  router-id = "%s"\n  port = %s\n  local-address-list = ["%s"]\n' \
      "$as" "$ip" "$port" "$ip"
    for peer in "$@"; do
      set -- $peer
      cat <<TOML
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$1"
    peer-as = $2
  [neighbors.transport.config]
    local-address = "$ip"
    remote-port = $port
    passive-mode = true
  [neighbors.ebgp-multihop.config]
    enabled = true
    multihop-ttl = 2
  [neighbors.route-server.config]
    route-server-client = true
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
TOML
      if [ "$v6" = 1 ]; then
        printf '  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = "ipv6-unicast"\n'
      fi
    done
  } > "$dir/gobgpd.toml"
}
dut_gobgp_run() {
  # gRPC on a unix socket (never the default :50051), no pprof listener
  gobgpd -f "$1/gobgpd.toml" --api-hosts "unix://$1/gobgp.sock" --pprof-disable -p >"$1/daemon.log" 2>&1 &
  echo $! > "$1/daemon.pid"
  wait_for 30 gobgp --target "unix://$1/gobgp.sock" global || die "gobgpd did not start (see $1/daemon.log)"
}
dut_gobgp_count() {
  gobgp --target "unix://$1/gobgp.sock" neighbor -j | jq '[.[] | .afi_safis[]? | .state.accepted // 0] | add // 0'
}

dut_frr_config() {
  local dir=$1 ip=$2 as=$3 port=$4 v6=$5 peer family; shift 5
  local peers=("$@") # the loops below reuse "$@" for each peer's fields
  {
    printf 'frr defaults traditional\nhostname dut\nlog stdout warnings\n!\nrouter bgp %s\n' "$as"
    printf ' bgp router-id %s\n no bgp ebgp-requires-policy\n no bgp network import-check\n' "$ip"
    for peer in "${peers[@]}"; do
      set -- $peer
      printf ' neighbor %s remote-as %s\n neighbor %s port %s\n' "$1" "$2" "$1" "$port"
      printf ' neighbor %s update-source %s\n neighbor %s ebgp-multihop 2\n neighbor %s passive\n' \
        "$1" "$ip" "$1" "$1"
    done
    for family in ipv4 $([ "$v6" = 1 ] && echo ipv6); do
      echo " address-family $family unicast"
      for peer in "${peers[@]}"; do
        set -- $peer
        echo "  neighbor $1 activate"
        echo "  neighbor $1 route-server-client"
      done
      echo " exit-address-family"
    done
  } > "$dir/bgpd.conf"
}
dut_frr_run() {
  local dir=$1 ip=$2 port=$3
  # -Z: no zebra (no FIB); -P 0: no vty TCP port; -l/-p: BGP on one address and port
  /usr/lib/frr/bgpd -f "$dir/bgpd.conf" -i "$dir/bgpd.pid" --vty_socket "$dir" -z "$dir/zserv.api" \
    -A 127.0.0.1 -P 0 -p "$port" -l "$ip" -Z -S -u root -g root >"$dir/daemon.log" 2>&1 &
  echo $! > "$dir/daemon.pid"
  wait_for 30 vtysh --vty_socket "$dir" -d bgpd -c "show bgp summary" || die "bgpd did not start (see $dir/daemon.log)"
}
dut_frr_count() {
  vtysh --vty_socket "$1" -d bgpd -c "show bgp summary json" | jq '[.[]? | .peers? // {} | .[] | .pfxRcd // 0] | add // 0'
}

dut_openbgpd_config() {
  local dir=$1 ip=$2 as=$3 port=$4 v6=$5 peer; shift 5
  {
    printf 'AS %s\nrouter-id %s\nlisten on %s port %s\nsocket "%s/bgpd.sock"\nfib-update no\n' \
      "$as" "$ip" "$ip" "$port" "$dir"
    for peer in "$@"; do
      set -- $peer
      printf 'neighbor %s {\n  remote-as %s\n  port %s\n  local-address %s\n  multihop 2\n  passive\n' \
        "$1" "$2" "$port" "$ip"
      [ "$v6" = 1 ] && echo "  announce IPv6 unicast"
      printf '  transparent-as yes\n  set nexthop no-modify\n}\n'
    done
    printf 'allow from any\nallow to any\n'
  } > "$dir/bgpd.conf"
}
dut_openbgpd_run() {
  # Debian's package expects the _openbgpd user and its chroot, which systemd would create.
  getent passwd _openbgpd >/dev/null ||
    useradd -r -M -d /run/openbgpd -s /usr/sbin/nologin _openbgpd
  mkdir -p /run/openbgpd
  bgpd -n -f "$1/bgpd.conf" >/dev/null 2>&1 || die "bad OpenBGPD config $1/bgpd.conf"
  bgpd -d -f "$1/bgpd.conf" >"$1/daemon.log" 2>&1 &
  echo $! > "$1/daemon.pid"
  wait_for 30 bgpctl -s "$1/bgpd.sock" show summary || die "bgpd did not start (see $1/daemon.log)"
}
dut_openbgpd_count() {
  bgpctl -s "$1/bgpd.sock" show summary | awk 'NR > 1 && $NF ~ /^[0-9]+$/ {s += $NF} END {print s + 0}'
}
