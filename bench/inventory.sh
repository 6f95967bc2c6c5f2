#!/usr/bin/env bash
# Inventory speed against the system's own tools, in one run on one machine: netstat vs `ss -tuanpH` and os_processes
# vs `ps -eo pid,ppid,comm,args`, with the bench kit's workloads (K loopback TCP connections + U UDP sockets held by
# holdconns, N idle processes held by idleprocs). Prints hyperfine median wall and mean CPU times and our/peer
# ratios (lower is faster).
#   SENSOR=dist/linux-x64/sensor CONNS=5000 UDP=100 PROCS=500 RUNS=10 bench/inventory.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kit=${KIT:-$here/../shared/bench}
sensor=$(realpath "${SENSOR:-$here/dist/linux-x64/sensor}")
conns=${CONNS:-5000} udp=${UDP:-100} procs=${PROCS:-500} runs=${RUNS:-10}
work=${WORK:-/tmp/edr-inventory}
mkdir -p "$work"
# The sensor keeps executable hashes in its state directory (exe-hashes): give it a private one, as an installed
# sensor has (root-owned, 0700). The first run fills it; "no hash store" below measures a run without it.
state="$work/state"
mkdir -p -m 700 "$state"
export SENSOR_STATE_DIR="$state"
for tool in holdconns idleprocs; do
  [ "$work/$tool" -nt "$kit/src/$tool.c" ] || gcc -O2 -Wall -o "$work/$tool" "$kit/src/$tool.c"
done

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
ulimit -n $((2 * conns + udp + 256))
"$work/holdconns" "$conns" "$udp" 900 > "$work/conns.out" & pids+=($!)
"$work/idleprocs" "$procs" 900 > "$work/procs.out" & pids+=($!)
for _ in $(seq 100); do
  [ "$(ss -tanH | wc -l)" -ge $((2 * conns)) ] && [ "$(ls /proc | grep -c '^[0-9]')" -ge "$procs" ] && break
  sleep 0.2
done
sockets=$(ss -tuanH | wc -l) processes=$(ls /proc | grep -c '^[0-9]')
echo "workload: $sockets sockets, $processes processes; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

# One command's hyperfine figures as "median_wall_s cpu_s" (cpu = mean user + system). On a loaded machine the wall
# time of a single-threaded command measures the queue more than the command; its CPU time stays meaningful.
measure() {
  hyperfine -N --warmup 2 --runs "$runs" ${PREPARE:+--prepare "$PREPARE"} --export-json "$work/hf.json" "$1" > /dev/null 2>&1
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["user"] + r["system"])' "$work/hf.json"
}
compare() { # NAME OURS PEER
  read -r ours_wall ours_cpu < <(measure "$2")
  read -r peer_wall peer_cpu < <(measure "$3")
  python3 -c 'import sys
n, ow, oc, pw, pc = sys.argv[1], *map(float, sys.argv[2:])
print(f"{n}: wall {ow*1000:.1f} vs {pw*1000:.1f} ms ({ow/pw:.2f}x), cpu {oc*1000:.1f} vs {pc*1000:.1f} ms ({oc/pc:.2f}x)")' \
    "$1" "$ours_wall" "$ours_cpu" "$peer_wall" "$peer_cpu"
}
compare "netstat vs ss -tuanpH" "$sensor exec netstat" "ss -tuanpH"
compare "os_processes --is-no-modules vs ps -eo pid,ppid,comm,args" \
  "$sensor exec os_processes --is-no-modules" "ps -eo pid,ppid,comm,args"
# Every distinct executable hashed again (a first run, or no state directory).
PREPARE="rm -f $state/exe-hashes" compare "os_processes --is-no-modules, no hash store, vs ps" \
  "$sensor exec os_processes --is-no-modules" "ps -eo pid,ppid,comm,args"

# A running agent answers these as tasks: caches filled (executable hashes, user names), code paged in. Its cost per
# task is the median of runs 2..N of `sensor exec --repeat N` in one process, against the peer's median run.
warm() { # NAME PEER COMMAND...
  local name=$1 peer=$2; shift 2
  "$sensor" exec --repeat $((runs + 1)) "$@" 2> "$work/repeat.txt" > /dev/null || true
  read -r _ peer_cpu < <(measure "$peer")
  peer_wall=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/hf.json")
  python3 -c 'import re, statistics, sys
times = [float(ms) for run, ms in re.findall(r"run (\d+): ([0-9.]+) ms", open(sys.argv[2]).read()) if int(run) > 1]
ours, peer = statistics.median(times), float(sys.argv[3]) * 1000
print(f"{sys.argv[1]} (warm agent, in-process): {ours:.1f} ms per task vs peer {peer:.1f} ms per run ({ours/peer:.2f}x)")' "$name" "$work/repeat.txt" "$peer_wall"
}
warm "netstat vs ss -tuanpH" "ss -tuanpH" netstat
warm "os_processes --is-no-modules vs ps -eo pid,ppid,comm,args" "ps -eo pid,ppid,comm,args" os_processes --is-no-modules

