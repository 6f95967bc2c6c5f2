#!/usr/bin/env bash
# Memory-scan throughput of the sensor against the C limit and the peer, measured in one run on one target.
#
#   bench/memscan.sh [SIZE_MiB=1024]        RUNS=5 KIT=/work/shared/bench W=/tmp/memscan
#
# Starts the bench kit's target (SIZE MiB of pseudo-random heap in 64 MiB rw regions, five planted needles), then
# times, on that same process:
#   sensor-v3       `sensor exec mem_find_string PID -s <4 needles of needles.yar>` (argparse: -s is greedy), the shipped
#                   build (x86-64-v3), on one thread (SENSOR_SCAN_THREADS=1) and on two (SENSOR_SCAN_THREADS=2, the
#                   default on two or more cores), both in ONE hyperfine invocation that records wall and CPU time
#   sensor-baseline the same command on one thread, Native AOT for the baseline x64 ISA (runs on any x64 CPU)
#   memread         `memread vm PID --search simd --needles all` (C: process_vm_readv 1 MiB chunks + 4 AVX2 passes),
#                   and the same with `--threads 2` (the C two-thread limit on this machine)
#   yara            `yara -p 1 needles.yar PID`
# and prints each throughput (SIZE / median wall time), the ratios, and the two-thread speed-up (wall, one thread's
# median / two threads' median) with the CPU ratio (user + system, two threads / one). The sensor and yara are
# timed end to end (process start included); memread reports its own internal median. On a machine other work
# shares, the wall speed-up measures the queue; the CPU ratio says what the threads cost. Everything is built under $W.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
KIT=${KIT:-/work/shared/bench}
W=${W:-/tmp/memscan}
SIZE=${1:-1024}
RUNS=${RUNS:-5}
RULE=$KIT/rules/needles.yar
mkdir -p "$W"
say() { printf '%s\n' "$*" >&2; }

for f in target memread; do
  [ -x "$W/$f" ] && [ "$W/$f" -nt "$KIT/src/$f.c" ] || gcc -O2 -march=native -Wall -o "$W/$f" "$KIT/src/$f.c" -lpthread -lm
done

cxx=(); command -v clang >/dev/null || { command -v clang-14 >/dev/null && cxx=(-p:CppCompilerAndLinker=clang-14); }
publish() { # name, extra msbuild args
  local out=$W/sensor-$1
  if [ ! -x "$out/sensor" ] || [ -n "$(find "$HERE/Sensor" "$HERE/Sensor.Platform" "$HERE/Sensor.Platform.Linux" -name '*.cs' -newer "$out/sensor" | head -1)" ]; then
    say "publishing sensor ($1)"
    dotnet publish "$HERE/Sensor/Sensor.csproj" -c Release -r linux-x64 -o "$out" "${cxx[@]}" "${@:2}" >"$W/publish-$1.log" 2>&1 ||
      { say "publish failed: $W/publish-$1.log"; exit 1; }
  fi
}
publish v3
publish baseline -p:SensorIsa=baseline

"$W/target" "$SIZE" 64 900 >"$W/target.out" &
TPID=$!
trap 'kill $TPID 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q READY "$W/target.out" 2>/dev/null && break; sleep 0.1; done
grep -q READY "$W/target.out" || { say "target did not start"; exit 1; }
say "target pid $TPID, $SIZE MiB"

mapfile -t NEEDLES < <(sed -n 's/^ *\$[a-z] = "\([^"]*\)".*/\1/p' "$RULE")
[ "${#NEEDLES[@]}" = 4 ] || { say "expected 4 needles in $RULE"; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
wall() { # runs a command RUNS times (after one warm-up), prints the median seconds
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$RUNS"); do
    local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | median
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(load)
SENSOR=("$W/sensor-v3/sensor" exec mem_find_string "$TPID" -s "${NEEDLES[@]}")

# Correctness first: every tool must find the planted needles, and two threads must give the one-thread reply.
reply() { SENSOR_SCAN_THREADS=$1 "${SENSOR[@]}" | sed 's/.*"event"://'; } # the event, without routing (ids, time)
one=$(reply 1)
hits=$(grep -o '"MEMORY_ADDRESS"' <<<"$one" | wc -l)
[ "$hits" -ge 5 ] || { say "sensor found $hits needles, expected at least 5"; exit 1; }
[ "$(reply 2)" = "$one" ] || { say "the two-thread reply differs from the one-thread reply"; exit 1; }
yara -p 1 "$RULE" "$TPID" | grep -q edr_peer_needles || { say "yara found no needle"; exit 1; }

# One and two threads in one hyperfine invocation: wall (median) and CPU (mean user + system) of each.
hyperfine -N -w 1 -r "$RUNS" --export-json "$W/threads.json" -n sensor-1t "env SENSOR_SCAN_THREADS=1 ${SENSOR[*]}" \
  -n sensor-2t "env SENSOR_SCAN_THREADS=2 ${SENSOR[*]}" >"$W/threads.txt" 2>&1 || { say "hyperfine failed: $W/threads.txt"; exit 1; }
result() { jq -r ".results[$1].$2" "$W/threads.json"; }
t_v3=$(result 0 median); t_v3_2=$(result 1 median)
cpu_1=$(jq -r '.results[0] | .user + .system' "$W/threads.json"); cpu_2=$(jq -r '.results[1] | .user + .system' "$W/threads.json")
t_base=$(SENSOR_SCAN_THREADS=1 wall "$W/sensor-baseline/sensor" exec mem_find_string "$TPID" -s "${NEEDLES[@]}")
t_c=$("$W/memread" vm "$TPID" --search simd --needles all --reps "$RUNS" | awk -F'\t' '$1=="RESULT" {print $3; exit}')
t_c2=$("$W/memread" vm "$TPID" --search simd --needles all --threads 2 --reps "$RUNS" | awk -F'\t' '$1=="RESULT" {print $3; exit}')
t_yara=$(wall yara -p 1 "$RULE" "$TPID")

bytes=$((SIZE << 20))
gbs() { echo "scale=3; $bytes / $1 / 1000000000" | bc -l; }
ratio() { echo "scale=2; $2 / $1" | bc -l; }
printf '| tool | median s | GB/s | vs memread (C, 4 AVX2 passes) | vs yara -p 1 |\n|---|---|---|---|---|\n'
for row in "sensor exec mem_find_string (x86-64-v3 build, 1 thread):$t_v3" "sensor exec mem_find_string (x86-64-v3 build, 2 threads):$t_v3_2" \
           "sensor exec mem_find_string (baseline-ISA build, 1 thread):$t_base" \
           "memread vm --search simd --needles all:$t_c" "memread ... --threads 2:$t_c2" "yara -p 1 needles.yar:$t_yara"; do
  name=${row%:*}; t=${row##*:}
  printf '| %s | %.3f | %s | %sx | %sx |\n' "$name" "$t" "$(gbs "$t")" "$(ratio "$t" "$t_c")" "$(ratio "$t" "$t_yara")"
done
printf '\n| sensor, x86-64-v3 (one hyperfine run) | median wall s | CPU s (user + system) |\n|---|---|---|\n'
printf '| 1 thread | %.3f | %.3f |\n| 2 threads | %.3f | %.3f |\n' "$t_v3" "$cpu_1" "$t_v3_2" "$cpu_2"
printf '| **2 threads / 1 thread** | **%sx** throughput | %sx CPU |\n' "$(ratio "$t_v3_2" "$t_v3")" "$(ratio "$cpu_1" "$cpu_2")"
printf '| memread 2 threads / 1 thread (C limit) | %sx throughput | |\n' "$(ratio "$t_c2" "$t_c")"
echo "target: $SIZE MiB; runs: $RUNS; $(nproc) CPUs; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average at start $LOAD_START, at end $(load)"
