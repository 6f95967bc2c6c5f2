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
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/hf.json" "$1" > /dev/null 2>&1
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
