#!/usr/bin/env bash
# Overhead of sre-spring under load: wrk against a trivial Spring MVC controller (Boot 4, Tomcat)
# in three variants started side by side and measured alternately after a warm-up:
#   plain       no srekit, Boot's http.server.requests observation off
#   srekit      sre-spring on (endpoints filter + SLI filter + interceptor), observation off
#   micrometer  no srekit, Boot's http.server.requests observation with a percentile histogram
# Server JVMs on CPU 0, wrk on CPU 1; per round a saturated throughput phase and a one-in-flight
# latency phase per variant (method: benchmarks/overhead-common.sh, benchmarks/README.md).
#
# Final measurement (quiet machine: nothing else running; about 11 min):
#   benchmarks/spring-overhead.sh
#   # = WARMUP=60 DURATION=10 LATENCY_DURATION=10 ROUNDS=7 CONNECTIONS=32 THREADS=1 \
#   #   SERVER_CPU=0 WRK_CPU=1 benchmarks/spring-overhead.sh
# Smoke run (proves the script end to end, numbers meaningless; results kept out of the repo):
#   WARMUP=5 DURATION=3 ROUNDS=1 OUT=/tmp/spring-smoke SUMMARY=/tmp/spring-smoke.txt \
#     benchmarks/spring-overhead.sh
#
# Needs wrk (apt-get install -y wrk), taskset, python3, curl. Raw wrk output goes to $OUT
# (benchmarks/results/spring/), the summary to $SUMMARY.
set -euo pipefail
cd "$(dirname "$0")/.."
# Boot's MVC path has far more to compile than a bare servlet, on one core shared by three JVMs.
WARMUP=${WARMUP:-60}
source benchmarks/overhead-common.sh

BASE_PORT=${BASE_PORT:-18090}
HEAP=${HEAP:-384m}
OUT=${OUT:-benchmarks/results/spring}
SUMMARY=${SUMMARY:-benchmarks/results/spring-overhead-summary.txt}
VARIANTS="plain srekit micrometer"

overhead_require_tools
overhead_prepare_out "$OUT"

mvn -B -ntp -q -pl sre-spring -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/spring-bench.cp -Dmdep.includeScope=test
CP="sre-spring/target/test-classes:sre-spring/target/classes:sre-servlet/target/classes:sre-core/target/test-classes:sre-core/target/classes:$(cat sre-spring/target/spring-bench.cp)"

port_of() { case "$1" in plain) echo $BASE_PORT;; srekit) echo $((BASE_PORT + 1));; micrometer) echo $((BASE_PORT + 2));; esac; }
url() { echo "http://127.0.0.1:$(port_of "$1")/hello"; }

pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

overhead_environment "$OUT/environment.txt" \
  "$VARIANTS, one JVM each, all on the server CPU, -Xmx$HEAP -XX:+UseParallelGC"

for v in $VARIANTS; do
  overhead_pinned_java -Xms$HEAP -Xmx$HEAP -XX:+UseParallelGC -cp "$CP" \
    io.srekit.spring.bench.OverheadApp "$v" "$(port_of "$v")" > "$OUT/$v-server.log" 2>&1 &
  pids+=($!)
done
for v in $VARIANTS; do overhead_wait_ready "$OUT/$v-server.log" "ready $v"; done
for v in $VARIANTS; do overhead_warmup "$(url "$v")" "$OUT/$v-warmup.txt"; done
for r in $(seq 1 "$ROUNDS"); do
  # shellcheck disable=SC2086 # VARIANTS is a list
  for v in $(overhead_order "$r" $VARIANTS); do overhead_phases "$(url "$v")" "$OUT/" "$v" "$r"; done
done
curl -s "http://127.0.0.1:$(port_of srekit)/actuator/prometheus" \
  | grep -E '^bench_request_duration_seconds_count' > "$OUT/srekit-counts.txt" || true
curl -s "http://127.0.0.1:$(port_of micrometer)/actuator/prometheus" \
  | grep -E '^http_server_requests_seconds_count' > "$OUT/micrometer-counts.txt" || true

# shellcheck disable=SC2086 # VARIANTS is a list
overhead_summary "$OUT" "$SUMMARY" - plain $VARIANTS
