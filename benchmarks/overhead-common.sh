# Sourced by servlet-overhead.sh and spring-overhead.sh: the knobs, CPU pinning, the wrk phases of
# one measured round and the summary. Not run on its own.
#
# Method: the server JVM(s) run on one CPU (taskset -c $SERVER_CPU) and wrk on another (taskset -c
# $WRK_CPU), so the load generator never takes CPU from the server. Every variant is warmed up
# under saturated load first; then, per round, in an order that rotates every round, each variant
# gets
#   throughput  wrk -t$THREADS -c$CONNECTIONS: the server's CPU is saturated; gives req/s
#   latency     wrk -t1 -c1: one request in flight, no queueing; gives p50 and p99 per request,
#               so latency a filter adds shows directly instead of being amplified by queueing
# The summary reports per-round values, medians, the per-round paired differences, and the
# ratio and p99 added against the goals.

WARMUP=${WARMUP:-30}                            # s of saturated load per variant, before round 1
DURATION=${DURATION:-10}                        # s of each throughput phase
LATENCY_DURATION=${LATENCY_DURATION:-$DURATION} # s of each one-in-flight latency phase
ROUNDS=${ROUNDS:-7}
CONNECTIONS=${CONNECTIONS:-32}                  # throughput phase only
THREADS=${THREADS:-1}                           # wrk threads of the throughput phase
SERVER_CPU=${SERVER_CPU:-0}                     # taskset CPU list of the server JVM(s)
WRK_CPU=${WRK_CPU:-1}                           # taskset CPU list of wrk
JAVA_OPTS=${JAVA_OPTS:-}                        # extra server JVM options, e.g. a JFR recording

overhead_require_tools() {
  local t
  for t in wrk taskset python3 curl; do
    command -v "$t" >/dev/null || { echo "$t is missing (wrk: apt-get install -y wrk)" >&2; exit 1; }
  done
  taskset -c "$SERVER_CPU" true 2>/dev/null && taskset -c "$WRK_CPU" true 2>/dev/null || {
    echo "cannot pin to CPUs '$SERVER_CPU' and '$WRK_CPU' (SERVER_CPU, WRK_CPU; $(nproc) CPUs here)" >&2
    exit 1
  }
}

# Clears earlier raw output of the same script, so a summary never mixes two runs.
overhead_prepare_out() { # dir
  mkdir -p "$1"
  rm -f "$1"/*.txt "$1"/*.log
}

overhead_environment() { # file variants-description
  {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "jdk: $(java -version 2>&1 | sed -n 2p)"
    echo "pinning: server JVM on CPU $SERVER_CPU (taskset -c $SERVER_CPU), wrk on CPU $WRK_CPU (taskset -c $WRK_CPU)"
    echo "variants: $2"
    echo "warm-up: ${WARMUP}s per variant, wrk -t$THREADS -c$CONNECTIONS"
    echo "each round, per variant (order rotates every round): throughput wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; latency wrk -t1 -c1 -d${LATENCY_DURATION}s"
    echo "rounds: $ROUNDS"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$1"
}

overhead_pinned_java() { # java args...: the server JVM on SERVER_CPU
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec taskset -c "$SERVER_CPU" java $JAVA_OPTS "$@"
}

overhead_wait_ready() { # log pattern
  local _
  for _ in $(seq 1 600); do
    grep -q "$2" "$1" && return 0
    sleep 0.1
  done
  echo "no '$2' in $1 after 60 s" >&2
  cat "$1" >&2
  exit 1
}

overhead_wrk() { # url connections seconds file
  taskset -c "$WRK_CPU" wrk -t"$([ "$2" -eq 1 ] && echo 1 || echo "$THREADS")" -c"$2" -d"$3"s \
    --latency "$1" > "$4"
}

overhead_warmup() { # url file
  overhead_wrk "$1" "$CONNECTIONS" "$WARMUP" "$2"
}

# The variants of round $1 in rotated order (round 1: as given; round 2: starting at the second…).
overhead_order() { # round variants...
  local r=$1
  shift
  local n=$# i
  for ((i = 0; i < n; i++)); do
    local k=$(( (i + r - 1) % n + 1 ))
    printf '%s ' "${!k}"
  done
}

# One variant's phases in one round: files <prefix><variant>-tput-<r>.txt and …-lat-<r>.txt.
overhead_phases() { # url prefix variant round
  overhead_wrk "$1" "$CONNECTIONS" "$DURATION" "$2$3-tput-$4.txt"
  sleep 1 # let the collector settle after saturation before measuring per-request latency
  overhead_wrk "$1" 1 "$LATENCY_DURATION" "$2$3-lat-$4.txt"
}

overhead_summary() { # out summary-file groups baseline variants...
  local out=$1 summary=$2 groups=$3 baseline=$4
  shift 4
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
  python3 "$(dirname "${BASH_SOURCE[0]}")/overhead_summary.py" "$out" "$ROUNDS" "$groups" \
    "$baseline" "$@" | tee "$summary"
}
