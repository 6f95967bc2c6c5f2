#!/usr/bin/env bash
# YARA throughput of the sensor against the yara CLI, in the same run, on the workloads of ../shared/bench:
#   memory: `sensor exec yara_scan --pid TARGET needles.yar` vs `yara -p 1 needles.yar TARGET` (same process)
#   files:  `sensor exec yara_scan -r TREE -d 64 needles.yar` vs `yara -r needles.yar TREE` (its default threads)
# Usage: bench/yarascan.sh [SENSOR_BINARY]   (default: publishes to /tmp/yara-bench-dist)
# Env: HEAP_MIB (1024), CHUNK_MIB (64), RUNS (5), W (/tmp/edr-peers: workloads are shared with run-all.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-/work/shared/bench}
W=${W:-/tmp/edr-peers}; BIN=$W/bin; TREE=${TREE:-$W/tree}
HEAP_MIB=${HEAP_MIB:-1024}; CHUNK_MIB=${CHUNK_MIB:-64}; RUNS=${RUNS:-5}
RULE=$BENCH/rules/needles.yar
SENSOR=${1:-}
mkdir -p "$BIN"
for f in target mktree; do
  [ -x "$BIN/$f" ] || gcc -O2 -march=native -o "$BIN/$f" "$BENCH/src/$f.c" -lpthread -lm
done
if [ -z "$SENSOR" ]; then
  dotnet publish "$HERE/Sensor/Sensor.csproj" -r linux-x64 -o /tmp/yara-bench-dist -p:CppCompilerAndLinker=clang-14 >/dev/null
  SENSOR=/tmp/yara-bench-dist/sensor
fi
[ -d "$TREE" ] || "$BIN/mktree" tree "$TREE" "${TREE_FILES:-20000}" "${TREE_MIB:-1024}" >/dev/null

"$BIN/target" "$HEAP_MIB" "$CHUNK_MIB" 1800 >"$W/yarascan-target.out" 2>&1 &
TPID=$!
trap 'kill "$TPID" 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q READY "$W/yarascan-target.out" && break; sleep 0.2; done
grep -q READY "$W/yarascan-target.out" || { echo "target did not start" >&2; exit 1; }

# Bytes yara reads: every readable region of the target (its set and ours: /proc/PID/maps, readable, no [vvar]).
MEM_BYTES=0
while read -r range perms _ _ _ path; do
  case "$perms:$path" in r*:\[vvar\]*|r*:\[vsyscall\]*|r*:/dev/*) ;; r*) MEM_BYTES=$((MEM_BYTES + 0x${range#*-} - 0x${range%-*}));; esac
done <"/proc/$TPID/maps"
TREE_BYTES=$(find "$TREE" -type f -printf '%s\n' | awk '{s+=$1} END{print s}')

# The binary carries libyara: it must scan with libyara's shared library blanked out (root: a private mount namespace).
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  ldd "$SENSOR" | grep -q libyara && { echo "the sensor links libyara dynamically" >&2; exit 1; }
  unshare -m sh -c 'for f in /usr/lib/*/libyara.so*; do [ -L "$f" ] || mount --bind /dev/null "$f"; done; "$0" exec yara_scan --pid "$1" "$2"' \
    "$SENSOR" "$TPID" "$RULE" | grep -q '"RULE_NAME":"edr_peer_needles"' || { echo "the sensor did not scan without libyara.so" >&2; exit 1; }
  echo "static libyara: ok (no libyara in ldd; scans with libyara.so blanked out)"
fi

# Same matches first: a benchmark of a scan that finds nothing proves nothing.
"$SENSOR" exec yara_scan --pid "$TPID" "$RULE" | grep -q '"RULE_NAME":"edr_peer_needles"' || { echo "sensor: no match in the target" >&2; exit 1; }
yara -p 1 "$RULE" "$TPID" | grep -q edr_peer_needles || { echo "yara: no match in the target" >&2; exit 1; }
OURS=$("$SENSOR" exec yara_scan -r "$TREE" -d 64 "$RULE" | grep -c '"RULE_NAME"' || true)
THEIRS=$(yara -r "$RULE" "$TREE" | wc -l)
echo "tree matches: sensor $OURS, yara $THEIRS"
[ "$OURS" = "$THEIRS" ] || { echo "tree matches differ" >&2; exit 1; }

J=$(mktemp -d)
hyperfine -N -w 1 -r "$RUNS" --export-json "$J/mem.json" \
  -n "sensor yara_scan --pid (default threads)" "$SENSOR exec yara_scan --pid $TPID $RULE" \
  -n "yara -p 1 PID" "yara -p 1 $RULE $TPID" >/dev/null
hyperfine -N -w 1 -r "$RUNS" --export-json "$J/tree.json" \
  -n "sensor yara_scan -r TREE (default: cores)" "$SENSOR exec yara_scan -r $TREE -d 64 $RULE" \
  -n "yara -r TREE (default threads)" "yara -r $RULE $TREE" \
  -n "yara -p 1 -r TREE" "yara -p 1 -r $RULE $TREE" >/dev/null

report() { # json bytes reference-index
  jq -r --argjson bytes "$2" --argjson ref "$3" '
    .results as $r | $r[] | [.command, (.median|tostring), ($bytes/.median/1e9*100|round/100|tostring),
      (($r[$ref].median/.median)*100|round/100|tostring)] | "| " + join(" | ") + " |"' "$1"
}
echo "memory: $MEM_BYTES bytes readable in target pid $TPID (${HEAP_MIB} MiB heap in ${CHUNK_MIB} MiB regions)"
echo "| command | median s | GB/s | vs yara |"; echo "|---|---|---|---|"
report "$J/mem.json" "$MEM_BYTES" 1
echo "tree: $TREE_BYTES bytes in $(find "$TREE" -type f | wc -l) files (warm page cache)"
echo "| command | median s | GB/s | vs yara -r |"; echo "|---|---|---|---|"
report "$J/tree.json" "$TREE_BYTES" 1
rm -rf "$J"
