#!/usr/bin/env bash
# Fuzz the frame decoder or the task parser with afl++ and SharpFuzz for a given time.
#   fuzz/run.sh frame|task SECONDS [OUTDIR]
# Needs: apt-get install afl++; dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
set -euo pipefail
target=${1:?frame or task}
seconds=${2:?seconds}
out=${3:-/tmp/sensor-fuzz}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$out/bin"
mkdir -p "$out"
rm -rf "$bin" "$out/seeds"
dotnet build "$here/Sensor.Fuzz/Sensor.Fuzz.csproj" -c Release -o "$bin" -v quiet
# Seeds first: instrumented code only runs under afl.
dotnet "$bin/Sensor.Fuzz.dll" seed "$out/seeds"
# Instrument only the protocol code (the rest of the sensor is not reachable from the targets).
"${SHARPFUZZ:-$HOME/.dotnet/tools/sharpfuzz}" "$bin/sensor.dll" Sensor.Channel
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
afl-fuzz -i "$out/seeds/$target" -o "$out/findings-$target" -m none -t 10000 -V "$seconds" \
  -- dotnet "$bin/Sensor.Fuzz.dll" "$target"
stats="$out/findings-$target/default/fuzzer_stats"
grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time|bitmap_cvg)' "$stats"
