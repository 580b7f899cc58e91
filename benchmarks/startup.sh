#!/usr/bin/env bash
# Start-up to first sample with a shipped model, cold and warm TensorFlow engine cache (docs/benchmarks.md,
# "Sampling with a network (JMH)").
#
#   benchmarks/startup.sh [RUNS] [MODEL]        (defaults: 3 runs, ring2d-eps)
#
# Cold: DJL's engine cache (ENGINE_CACHE_DIR; DJL 0.28 falls back to DJL_CACHE_DIR, then ~/.djl.ai) and
# java.io.tmpdir (where ShippedModels extracts the model) point to a new empty directory, so DJL extracts the
# three TensorFlow libraries (~1 GB) from the natives jar first. Warm: a cache directory filled by an earlier run.
# The natives jar itself stays in the OS page cache between runs in both cases.
#
# Per run it prints FirstSample's milestones (ms from launching java: JVM start, main, engine started, model
# loaded, one sample of dpmpp-2m with 20 steps) and the wall time of the CLI command
# `./diffuse4j sample --model MODEL` (2000 samples, CSV + PNG). The CLI is timed through the java command the
# launcher executes, on a copy of the built jars taken at the start: the launcher would rebuild mid-run whenever
# a source file is newer than its jar (its freshness check itself, a `find` over the tree, adds ~10-20 ms).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
model="${2:-ring2d-eps}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-3}"
if [ ! -f "$here/benchmarks/target/benchmarks.jar" ]; then
  (cd "$here" && mvn -B -q -DskipTests install -pl benchmarks -am) >&2
fi
"$here/diffuse4j" list >/dev/null          # builds the CLI and writes cli/target/native.classpath if needed

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
warm="$work/warm-cache"
mkdir -p "$warm" "$work/out" "$work/cli"
cp "$here/benchmarks/target/benchmarks.jar" "$work/"           # its manifest names the natives jar by absolute path
cp -r "$here/cli/target/diffuse4j-cli.jar" "$here/cli/target/lib" "$work/cli/"
jar="$work/benchmarks.jar"
cli_cp="$work/cli/diffuse4j-cli.jar:$(cat "$here/cli/target/native.classpath")"

first_sample() {   # $1: engine cache, $2: java.io.tmpdir
  mkdir -p "$2"
  ENGINE_CACHE_DIR="$1" java -Dai.djl.offline=true -Djava.io.tmpdir="$2" -Dlaunch.nanos="$(date +%s%N)" \
      -cp "$jar" org.diffuse4j.benchmarks.FirstSample "$model" | sed 's/ (engine cache.*//'
}

cli_wall() {       # $1: engine cache, $2: java.io.tmpdir; prints the wall time in seconds
  mkdir -p "$2"
  local start end
  start=$(date +%s%N)
  ENGINE_CACHE_DIR="$1" java -Djava.awt.headless=true -Dai.djl.offline=true -Djava.io.tmpdir="$2" -cp "$cli_cp" \
      org.diffuse4j.cli.Main sample --model "$model" --out "$work/out" >/dev/null
  end=$(date +%s%N)
  awk -v n=$((end - start)) 'BEGIN { printf "%.2f s\n", n / 1e9 }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
first_sample "$warm" "$work/tmp-warm" >/dev/null     # fills the warm cache
for i in $(seq 1 "$runs"); do
  cold="$work/cold-$i"
  echo "run $i cold: $(first_sample "$cold/cache" "$cold/tmp")"
  rm -rf "$cold"
  echo "run $i warm: $(first_sample "$warm" "$work/tmp-warm")"
  echo "run $i CLI cold: $(cli_wall "$cold/cache" "$cold/tmp")"
  rm -rf "$cold"
  echo "run $i CLI warm: $(cli_wall "$warm" "$work/tmp-warm")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
