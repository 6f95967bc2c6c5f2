#!/usr/bin/env bash
# File-system speed of the sensor against the peers and C limits of ../shared/bench, all in one run so the ratios
# compare like with like (BASELINES.md explains the workloads). Prints a markdown table.
#   bench/files.sh                 1 GiB file, 20,000-file 1 GiB tree
#   QUICK=1 bench/files.sh         256 MiB file, 5,000-file 256 MiB tree
# Needs gcc, hyperfine, openssl, jq; cold-cache rows need root (they drop the page cache before each run).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
KIT=${KIT:-$ROOT/../shared/bench}
W=${W:-/tmp/sensor-bench}
RUNS=${RUNS:-5}
if [ "${QUICK:-0}" = 1 ]; then FILES=5000; MIB=256; else FILES=20000; MIB=1024; fi
BIN=$W/bin TREE=$W/tree-$FILES BIG=$W/big-$MIB.bin
SENSOR=${SENSOR:-$ROOT/dist/linux-x64/sensor}
mkdir -p "$BIN" "$W/json"
[ -x "$SENSOR" ] || "$ROOT/build.sh" publish >&2
for f in mktree; do [ -x "$BIN/$f" ] || gcc -O2 -march=native -o "$BIN/$f" "$KIT/src/$f.c" -lpthread -lm; done
[ -x "$BIN/treewalk" ] || gcc -O2 -march=native -DHAVE_OPENSSL -o "$BIN/treewalk" "$KIT/src/treewalk.c" -lpthread -lcrypto 2>/dev/null \
  || gcc -O2 -march=native -o "$BIN/treewalk" "$KIT/src/treewalk.c" -lpthread
[ -d "$TREE" ] || "$BIN/mktree" tree "$TREE" "$FILES" "$MIB" >/dev/null
[ -f "$BIG" ] || "$BIN/mktree" big "$BIG" "$MIB" >/dev/null
TREE_BYTES=$(du -sb "$TREE" | cut -f1)
ENTRIES=$(find "$TREE" | wc -l)
BIG_BYTES=$(stat -c %s "$BIG")
DROP='sync; echo 3 > /proc/sys/vm/drop_caches'
NOHASH=$(printf '0%.0s' $(seq 64))

# Median seconds of a command, via hyperfine (warm: one warm-up run; cold: page cache dropped before each run).
hf() { # key prepare command
  local key=$1 prepare=$2 cmd=$3 extra=(--warmup 1)
  [ -n "$prepare" ] && extra=(--prepare "$prepare")
  # Through the shell (hyperfine subtracts its start-up): the cold rows' --prepare needs one anyway.
  hyperfine --runs "$RUNS" "${extra[@]}" --export-json "$W/json/$key.json" "$cmd" >/dev/null
  jq -r '.results[0].median' "$W/json/$key.json"
}
# Median seconds reported by one of the kit's C tools (RESULT<TAB>key<TAB>seconds...).
internal() { "$@" | awk -F'\t' '$1=="RESULT"{print $3; exit}'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN{printf "%.2f", b/s/1e9}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b/a}'; }

echo "| job | what | seconds | GB/s or entries/s | ratio |"
echo "|---|---|---|---|---|"
# file_hash, one big file, warm.
ossl=$(openssl speed -evp sha256 -bytes 16384 -seconds 2 2>/dev/null | awk '/^sha256/ || /^SHA256/ {v=$NF} END{sub("k","",v); print v*1000}')
sensor_hash=$(hf file_hash "" "$SENSOR exec file_hash $BIG")
sha256sum_hash=$(hf sha256sum "" "sha256sum $BIG")
openssl_dgst=$(hf openssl_dgst "" "openssl dgst -sha256 $BIG")
s_rate=$(rate "$BIG_BYTES" "$sensor_hash")
echo "| file_hash | sensor exec file_hash, ${MIB} MiB, warm | $sensor_hash | $s_rate | $(awk -v s="$s_rate" -v o="$ossl" 'BEGIN{printf "%.2f", s*1e9/o}')x openssl speed ($(awk -v o="$ossl" 'BEGIN{printf "%.2f", o/1e9}') GB/s) |"
echo "| file_hash | sha256sum | $sha256sum_hash | $(rate "$BIG_BYTES" "$sha256sum_hash") | sensor $(ratio "$sensor_hash" "$sha256sum_hash")x faster |"
echo "| file_hash | openssl dgst -sha256 | $openssl_dgst | $(rate "$BIG_BYTES" "$openssl_dgst") | sensor $(ratio "$sensor_hash" "$openssl_dgst")x faster |"
if [ "$(id -u)" = 0 ]; then
  sensor_cold=$(hf file_hash_cold "$DROP" "$SENSOR exec file_hash $BIG")
  openssl_cold=$(hf openssl_cold "$DROP" "openssl dgst -sha256 $BIG")
  echo "| file_hash | sensor, cold cache | $sensor_cold | $(rate "$BIG_BYTES" "$sensor_cold") | $(ratio "$sensor_cold" "$openssl_cold")x openssl dgst cold |"
fi

# dir_find_hash over the tree (every file hashed, nothing matches), warm and cold.
sensor_tree=$(hf dir_find_hash "" "$SENSOR exec dir_find_hash -d 10 --hash $NOHASH $TREE '*'")
c_tree=$(internal "$BIN/treewalk" hash "$TREE" 2 "$RUNS")
xargs_tree=$(hf xargs_openssl "" "bash -c 'find $TREE -type f -print0 | xargs -0 -P2 -n 2500 openssl dgst -sha256 > /dev/null'")
echo "| dir_find_hash | sensor, ${FILES} files, warm | $sensor_tree | $(rate "$TREE_BYTES" "$sensor_tree") | $(ratio "$sensor_tree" "$c_tree")x the C 2-thread walk+hash |"
echo "| dir_find_hash | C treewalk hash, 2 threads | $c_tree | $(rate "$TREE_BYTES" "$c_tree") | limit |"
echo "| dir_find_hash | find \\| xargs -P2 openssl dgst | $xargs_tree | $(rate "$TREE_BYTES" "$xargs_tree") | sensor $(ratio "$sensor_tree" "$xargs_tree")x faster |"
if [ "$(id -u)" = 0 ]; then
  sensor_tree_cold=$(hf dir_find_hash_cold "$DROP" "$SENSOR exec dir_find_hash -d 10 --hash $NOHASH $TREE '*'")
  xargs_tree_cold=$(hf xargs_openssl_cold "$DROP" "bash -c 'find $TREE -type f -print0 | xargs -0 -P2 -n 2500 openssl dgst -sha256 > /dev/null'")
  echo "| dir_find_hash | sensor, cold cache | $sensor_tree_cold | $(rate "$TREE_BYTES" "$sensor_tree_cold") | $(ratio "$sensor_tree_cold" "$xargs_tree_cold")x find\\|xargs -P2 openssl cold |"
  echo "| dir_find_hash | find \\| xargs -P2 openssl dgst, cold | $xargs_tree_cold | $(rate "$TREE_BYTES" "$xargs_tree_cold") | |"
fi

# dir_list of the whole tree by wildcard (the sensor also stats and reports every match).
sensor_list=$(hf dir_list "" "$SENSOR exec dir_list -d 10 $TREE '*.dll'")
find_list=$(hf find_name "" "find $TREE -name '*.dll'")
c_list=$(internal "$BIN/treewalk" list "$TREE" '*.dll' "$RUNS")
echo "| dir_list | sensor exec dir_list -d 10 '*.dll' ($ENTRIES entries walked) | $sensor_list | $(awk -v n="$ENTRIES" -v s="$sensor_list" 'BEGIN{printf "%.0f", n/s}') | $(ratio "$sensor_list" "$find_list")x find -name |"
echo "| dir_list | find -name '*.dll' | $find_list | $(awk -v n="$ENTRIES" -v s="$find_list" 'BEGIN{printf "%.0f", n/s}') | |"
echo "| dir_list | C readdir + fnmatch (floor) | $c_list | $(awk -v n="$ENTRIES" -v s="$c_list" 'BEGIN{printf "%.0f", n/s}') | |"
