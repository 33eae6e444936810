#!/usr/bin/env bash
# Overhead of sre-servlet under load: wrk against a trivial servlet on embedded Jetty 12 and on
# embedded Tomcat 11, without srekit and with it (endpoints filter + SLI filter, as the initializer
# registers them), both variants in the same server JVM, measured alternately after a warm-up.
#
#   benchmarks/servlet-overhead.sh            # defaults below; needs wrk (apt-get install -y wrk)
#   WARMUP=30 DURATION=10 ROUNDS=5 CONNECTIONS=32 THREADS=1 benchmarks/servlet-overhead.sh
#   CONTAINERS=tomcat ROUNDS=9 benchmarks/servlet-overhead.sh   # one container, more rounds
#
# Raw wrk output goes to benchmarks/results/servlet/, the summary to
# benchmarks/results/servlet-overhead-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-30}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
CONTAINERS=${CONTAINERS:-jetty tomcat}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
PLAIN_PORT=${PLAIN_PORT:-18080}
SREKIT_PORT=${SREKIT_PORT:-18081}
HEAP=${HEAP:-512m}
OUT=benchmarks/results/servlet
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

mvn -B -ntp -q -pl sre-servlet -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/servlet-bench.cp -Dmdep.includeScope=test
CP="sre-servlet/target/test-classes:sre-servlet/target/classes:sre-core/target/test-classes:sre-core/target/classes:$(cat sre-servlet/target/servlet-bench.cp)"

run_wrk() { # variant port seconds file
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --latency "http://127.0.0.1:$2/hello" > "$4"
}

server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "jdk: $(java -version 2>&1 | head -n 2 | tail -n 1)"
  echo "wrk: -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, warm-up ${WARMUP}s, $ROUNDS rounds alternating"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/environment.txt"

for kind in $CONTAINERS; do
  java -Xms$HEAP -Xmx$HEAP -XX:+UseParallelGC -cp "$CP" io.srekit.servlet.OverheadServer \
    "$kind" "$PLAIN_PORT" "$SREKIT_PORT" > "$OUT/$kind-server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    grep -q ready "$OUT/$kind-server.log" && break
    sleep 0.1
  done
  grep -q ready "$OUT/$kind-server.log" || { echo "$kind did not start" >&2; cat "$OUT/$kind-server.log" >&2; exit 1; }
  half=$(( (WARMUP + 1) / 2 ))
  for port in "$PLAIN_PORT" "$SREKIT_PORT"; do
    run_wrk warmup "$port" "$half" "$OUT/$kind-warmup-$port.txt"
  done
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) -eq 1 ]; then order="plain srekit"; else order="srekit plain"; fi
    for v in $order; do
      port=$PLAIN_PORT; [ "$v" = srekit ] && port=$SREKIT_PORT
      run_wrk "$v" "$port" "$DURATION" "$OUT/$kind-$v-$r.txt"
    done
  done
  curl -s "http://127.0.0.1:$SREKIT_PORT/metrics" | grep -E '^bench_request_duration_seconds_count' > "$OUT/$kind-srekit-counts.txt" || true
  cleanup
  server_pid=""
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"

python3 - "$OUT" "$ROUNDS" "$CONTAINERS" <<'PY' | tee benchmarks/results/servlet-overhead-summary.txt
import re, statistics, sys
out, rounds, kinds = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
    p99 = float(m.group(1)) * {"us": 1, "ms": 1e3, "s": 1e6}[m.group(2)]
    return rps, p99
print(open(out + "/environment.txt").read().rstrip())
print()
print("| container | variant | req/s per round | median req/s | p99 per round (µs) | median p99 (µs) |")
print("|---|---|---|---|---|---|")
summary = {}
for kind in kinds:
    for v in ("plain", "srekit"):
        runs = [parse(f"{out}/{kind}-{v}-{r}.txt") for r in range(1, rounds + 1)]
        rps = [r for r, _ in runs]; p99 = [p for _, p in runs]
        summary[(kind, v)] = (statistics.median(rps), statistics.median(p99))
        print(f"| {kind} | {v} | {' '.join(f'{x:.0f}' for x in rps)} | {statistics.median(rps):.0f} "
              f"| {' '.join(f'{x:.0f}' for x in p99)} | {statistics.median(p99):.0f} |")
print()
for kind in kinds:
    (pr, pp), (sr, sp) = summary[(kind, "plain")], summary[(kind, "srekit")]
    print(f"{kind}: throughput srekit/plain = {sr / pr:.3f} (goal >= 0.97); "
          f"p99 added = {sp - pp:.0f} µs (goal < 50 µs)")
PY
