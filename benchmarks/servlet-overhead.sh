#!/usr/bin/env bash
# Overhead of sre-servlet under load: wrk against a trivial servlet on embedded Jetty 12 and on
# embedded Tomcat 11, without srekit and with it (endpoints filter + SLI filter, as the initializer
# registers them), both variants in the same server JVM, measured alternately after a warm-up.
# Server JVM on CPU 0, wrk on CPU 1; per round a saturated throughput phase and a one-in-flight
# latency phase per variant (method: benchmarks/overhead-common.sh, benchmarks/README.md).
#
# Final measurement (quiet machine: nothing else running; about 2 × 6 min):
#   benchmarks/servlet-overhead.sh
#   # = WARMUP=30 DURATION=10 LATENCY_DURATION=10 ROUNDS=7 CONNECTIONS=32 THREADS=1 \
#   #   SERVER_CPU=0 WRK_CPU=1 CONTAINERS="jetty tomcat" benchmarks/servlet-overhead.sh
# Smoke run (proves the script end to end, numbers meaningless; results kept out of the repo):
#   WARMUP=5 DURATION=3 ROUNDS=1 OUT=/tmp/servlet-smoke SUMMARY=/tmp/servlet-smoke.txt \
#     benchmarks/servlet-overhead.sh
#   CONTAINERS=tomcat ROUNDS=9 benchmarks/servlet-overhead.sh   # one container, more rounds
#
# Needs wrk (apt-get install -y wrk), taskset, python3, curl. Raw wrk output goes to $OUT
# (benchmarks/results/servlet/), the summary to $SUMMARY.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/overhead-common.sh

CONTAINERS=${CONTAINERS:-jetty tomcat}
PLAIN_PORT=${PLAIN_PORT:-18080}
SREKIT_PORT=${SREKIT_PORT:-18081}
HEAP=${HEAP:-512m}
OUT=${OUT:-benchmarks/results/servlet}
SUMMARY=${SUMMARY:-benchmarks/results/servlet-overhead-summary.txt}

overhead_require_tools
overhead_prepare_out "$OUT"

mvn -B -ntp -q -pl sre-servlet -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/servlet-bench.cp -Dmdep.includeScope=test
CP="sre-servlet/target/test-classes:sre-servlet/target/classes:sre-core/target/test-classes:sre-core/target/classes:$(cat sre-servlet/target/servlet-bench.cp)"

url() { echo "http://127.0.0.1:$([ "$1" = srekit ] && echo "$SREKIT_PORT" || echo "$PLAIN_PORT")/hello"; }
server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

overhead_environment "$OUT/environment.txt" \
  "plain and srekit, one JVM per container ($CONTAINERS), -Xmx$HEAP -XX:+UseParallelGC"

for kind in $CONTAINERS; do
  overhead_pinned_java -Xms$HEAP -Xmx$HEAP -XX:+UseParallelGC -cp "$CP" \
    io.srekit.servlet.OverheadServer "$kind" "$PLAIN_PORT" "$SREKIT_PORT" \
    > "$OUT/$kind-server.log" 2>&1 &
  server_pid=$!
  overhead_wait_ready "$OUT/$kind-server.log" ready
  for v in plain srekit; do overhead_warmup "$(url $v)" "$OUT/$kind-$v-warmup.txt"; done
  for r in $(seq 1 "$ROUNDS"); do
    for v in $(overhead_order "$r" plain srekit); do
      overhead_phases "$(url "$v")" "$OUT/$kind-" "$v" "$r"
    done
  done
  curl -s "http://127.0.0.1:$SREKIT_PORT/metrics" \
    | grep -E '^bench_request_duration_seconds_count' > "$OUT/$kind-srekit-counts.txt" || true
  cleanup
  server_pid=""
done

overhead_summary "$OUT" "$SUMMARY" "$CONTAINERS" plain plain srekit
