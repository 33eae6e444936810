#!/usr/bin/env bash
# Overhead of sre-spring under load: wrk against a trivial Spring MVC controller (Boot 4, Tomcat)
# in three variants started side by side and measured alternately after a warm-up:
#   plain       no srekit, Boot's http.server.requests observation off
#   srekit      sre-spring on (endpoints filter + SLI filter + interceptor), observation off
#   micrometer  no srekit, Boot's http.server.requests observation with a percentile histogram
#
#   benchmarks/spring-overhead.sh            # defaults below; needs wrk (apt-get install -y wrk)
#   WARMUP=30 DURATION=10 ROUNDS=3 CONNECTIONS=32 THREADS=1 benchmarks/spring-overhead.sh
#
# Raw wrk output goes to benchmarks/results/spring/, the summary to
# benchmarks/results/spring-overhead-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-30}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
BASE_PORT=${BASE_PORT:-18090}
HEAP=${HEAP:-384m}
OUT=benchmarks/results/spring
VARIANTS="plain srekit micrometer"
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

mvn -B -ntp -q -pl sre-spring -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/spring-bench.cp -Dmdep.includeScope=test
CP="sre-spring/target/test-classes:sre-spring/target/classes:sre-servlet/target/classes:sre-core/target/test-classes:sre-core/target/classes:$(cat sre-spring/target/spring-bench.cp)"

port_of() { case "$1" in plain) echo $BASE_PORT;; srekit) echo $((BASE_PORT + 1));; micrometer) echo $((BASE_PORT + 2));; esac; }
run_wrk() { # port seconds file
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency "http://127.0.0.1:$1/hello" > "$3"
}

pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "jdk: $(java -version 2>&1 | head -n 2 | tail -n 1)"
  echo "wrk: -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, warm-up ${WARMUP}s per variant, $ROUNDS rounds alternating"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/environment.txt"

for v in $VARIANTS; do
  java -Xms$HEAP -Xmx$HEAP -XX:+UseParallelGC -cp "$CP" io.srekit.spring.bench.OverheadApp \
    "$v" "$(port_of $v)" > "$OUT/$v-server.log" 2>&1 &
  pids+=($!)
done
for v in $VARIANTS; do
  for _ in $(seq 1 600); do grep -q "ready $v" "$OUT/$v-server.log" && break; sleep 0.1; done
  grep -q "ready $v" "$OUT/$v-server.log" || { echo "$v did not start" >&2; cat "$OUT/$v-server.log" >&2; exit 1; }
done
for v in $VARIANTS; do run_wrk "$(port_of $v)" "$WARMUP" "$OUT/warmup-$v.txt"; done
for r in $(seq 1 "$ROUNDS"); do
  case $((r % 3)) in 1) order="plain srekit micrometer";; 2) order="srekit micrometer plain";; 0) order="micrometer plain srekit";; esac
  for v in $order; do run_wrk "$(port_of $v)" "$DURATION" "$OUT/$v-$r.txt"; done
done
curl -s "http://127.0.0.1:$(port_of srekit)/actuator/prometheus" | grep -E '^bench_request_duration_seconds_count' > "$OUT/srekit-counts.txt" || true
curl -s "http://127.0.0.1:$(port_of micrometer)/actuator/prometheus" | grep -E '^http_server_requests_seconds_count' > "$OUT/micrometer-counts.txt" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"

python3 - "$OUT" "$ROUNDS" <<'PY' | tee benchmarks/results/spring-overhead-summary.txt
import re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
    p99 = float(m.group(1)) * {"us": 1, "ms": 1e3, "s": 1e6}[m.group(2)]
    return rps, p99
print(open(out + "/environment.txt").read().rstrip())
print()
print("| variant | req/s per round | median req/s | p99 per round (µs) | median p99 (µs) |")
print("|---|---|---|---|---|")
s = {}
for v in ("plain", "srekit", "micrometer"):
    runs = [parse(f"{out}/{v}-{r}.txt") for r in range(1, rounds + 1)]
    rps = [r for r, _ in runs]; p99 = [p for _, p in runs]
    s[v] = (statistics.median(rps), statistics.median(p99))
    print(f"| {v} | {' '.join(f'{x:.0f}' for x in rps)} | {s[v][0]:.0f} "
          f"| {' '.join(f'{x:.0f}' for x in p99)} | {s[v][1]:.0f} |")
print()
for v in ("srekit", "micrometer"):
    print(f"{v}: throughput {v}/plain = {s[v][0] / s['plain'][0]:.3f} (goal for srekit >= 0.97); "
          f"p99 added = {s[v][1] - s['plain'][1]:.0f} µs (goal for srekit < 50 µs)")
PY
