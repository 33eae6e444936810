#!/usr/bin/env bash
# Runs RecordBenchmark at 1 and 2 threads with the GC profiler and keeps the JSON.
# Usage: benchmarks/run-record.sh [extra JMH args]   (build first: mvn -B -ntp -DskipTests package)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
out="$here/results"
mkdir -p "$out"
for t in 1 2; do
  java -jar "$jar" RecordBenchmark -t "$t" -prof gc -rf json -rff "$out/record-t$t.json" "$@"
done
java -jar "$jar" ScrapeBenchmark -prof gc -rf json -rff "$out/scrape.json" "$@"
