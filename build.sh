#!/usr/bin/env bash
# The one entry point for building, testing, publishing and running the sensor (build.ps1 has the same verbs).
#   ./build.sh build              compile the solution (warnings are errors)
#   ./build.sh test               build, run the NUnit suite, publish the Native AOT binary with zero warnings,
#                                 smoke-test the binary, check docs/commands.md, compile for win-x64 and osx-arm64
#   ./build.sh publish [rid]      Native AOT binary into dist/<rid>/sensor (rid defaults to this machine's)
#   ./build.sh run                publish both executables if needed, start a server under .run/ and one sensor
#                                 enrolled to it on loopback, and task it: one task a line, from the prompt or stdin
#   ./build.sh run -- <command>   publish if needed, then `sensor exec <command...>`
#   ./build.sh bench [filter]     BenchmarkDotNet benchmarks (Release)
#   ./build.sh package FORMAT     an installable package: runs packaging/FORMAT/build.sh (deb here; msi, pkg)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '%s\n' "build.sh: $*" >&2; }
die() { say "$*"; exit 1; }

host_rid() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64) echo linux-arm64 ;;
    *) die "unsupported machine $(uname -m)" ;;
  esac
}

# Debian packages the build needs: a C toolchain and zlib for Native AOT, libyara for the YARA scanner.
APT_PACKAGES=(clang zlib1g-dev libyara-dev)
# Tools the test suite compares against.
APT_TEST_PACKAGES=(yara coreutils findutils procps iproute2 python3 gcc debootstrap lintian dpkg-dev wixl msitools)

missing_packages() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

prerequisites() {
  local want=("${APT_PACKAGES[@]}")
  [ "${1:-}" = test ] && want+=("${APT_TEST_PACKAGES[@]}")
  local missing
  missing=$(missing_packages "${want[@]}")
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing Debian packages: $missing"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      die "missing Debian packages: $missing (run as root to install them, or: sudo apt-get install $missing)"
    fi
  fi
  if ! command -v dotnet >/dev/null || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    die "the .NET 10 SDK is missing: install dotnet-sdk-10.0 (https://learn.microsoft.com/dotnet/core/install/linux-debian) and put dotnet on PATH"
  fi
  # The AOT toolchain looks for `clang`; Debian may only ship clang-NN.
  if ! command -v clang >/dev/null; then
    local c
    c=$(ls /usr/bin/clang-[0-9]* 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$c" ] || die "no clang found for Native AOT (apt-get install clang)"
    AOT_LINKER=(-p:CppCompilerAndLinker="$(basename "$c")")
  fi
}
AOT_LINKER=()

revision() { git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown; }

do_build() {
  dotnet build sensor.sln -c Release -p:SourceRevisionId="$(revision)" -nologo -clp:NoSummary
}

do_publish() {
  local rid=${1:-$(host_rid)}
  local out="$ROOT/dist/$rid" log
  log=$(mktemp)
  say "publishing Native AOT for $rid into dist/$rid"
  if ! dotnet publish Sensor/Sensor.csproj -c Release -r "$rid" -o "$out" -p:SourceRevisionId="$(revision)" \
      "${AOT_LINKER[@]}" -nologo -clp:NoSummary >"$log" 2>&1; then
    cat "$log"; rm -f "$log"; die "publish failed"
  fi
  # Zero trim/AOT warnings is a requirement, not a wish.
  if grep -E 'warning (IL|CS|NU)[0-9]+' "$log" >/dev/null; then
    grep -E 'warning (IL|CS|NU)[0-9]+' "$log" | sort -u; rm -f "$log"; die "publish produced warnings"
  fi
  rm -f "$log"
  rm -f "$out"/*.dbg "$out"/*.pdb
  say "dist/$rid/sensor: $(du -k "$out/sensor" | cut -f1) KiB"
}

# The checked-in docs/commands.md must hold exactly what `sensor commands --markdown` writes between its markers.
check_command_docs() {
  local bin=$1 expected actual
  expected=$("$bin" commands --markdown)
  actual=$(sed -n '/^<!-- BEGIN GENERATED/,/^<!-- END GENERATED -->/p' docs/commands.md)
  if [ "$expected" != "$actual" ]; then
    diff <(echo "$expected") <(echo "$actual") | head -20 >&2 || true
    die "docs/commands.md is stale: regenerate with ./build.sh docs"
  fi
}

do_docs() {
  local bin="$ROOT/Sensor/bin/Release/net10.0/sensor"
  [ -x "$bin" ] || do_build
  local generated tmp
  generated=$("$bin" commands --markdown)
  tmp=$(mktemp)
  awk -v gen="$generated" '
    /^<!-- BEGIN GENERATED/ { print gen; skip=1; next }
    /^<!-- END GENERATED -->/ { skip=0; next }
    !skip { print }' docs/commands.md >"$tmp"
  mv "$tmp" docs/commands.md
  say "docs/commands.md regenerated"
}

smoke_test() {
  local bin=$1 tmp out
  tmp=$(mktemp -d)
  head -c 3000000 /dev/urandom >"$tmp/blob"
  out=$("$bin" exec file_hash "$tmp/blob")
  echo "$out" | grep -q "\"HASH\":\"$(sha256sum "$tmp/blob" | cut -d' ' -f1)\"" || die "smoke: file_hash of the AOT binary disagrees with sha256sum: $out"
  "$bin" exec dir_list -d 2 "$ROOT/Sensor" '*.cs' | grep -q '"ERROR":0' || die "smoke: dir_list failed"
  set +e
  "$bin" exec file_hash "$tmp/missing" >/dev/null; [ $? = 1 ] || die "smoke: a missing file must exit 1"
  "$bin" exec dir_list -d nope / '*' >/dev/null; [ $? = 2 ] || die "smoke: a usage error must exit 2"
  set -e
  "$bin" exec file_get -h | grep -q '^usage: file_get \[-h\] \[-o OFFSET\] \[-s MAXSIZE\] file$' || die "smoke: usage text"
  "$bin" version >/dev/null
  rm -rf "$tmp"
  say "smoke test of the AOT binary passed"
}

do_test() {
  prerequisites test
  do_build
  # The AOT binary first: the tests that need the published binary (heap limit) use it instead of publishing again.
  do_publish "$(host_rid)"
  export SENSOR_AOT_BINARY="$ROOT/dist/$(host_rid)/sensor"
  local results="$ROOT/TestResults" trx
  rm -rf "$results"
  set +e
  dotnet test Sensor.Tests/Sensor.Tests.csproj -c Release --no-build -nologo \
    --logger "trx;LogFileName=sensor.trx" --results-directory "$results" -- NUnit.NumberOfTestWorkers=2
  local rc=$?
  set -e
  trx="$results/sensor.trx"
  local passed=0 failed=0
  if [ -f "$trx" ]; then
    passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
    failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  fi
  [ $rc = 0 ] || { echo "tests: ${passed:-0} passed, ${failed:-0} failed"; die "unit tests failed"; }
  smoke_test "$ROOT/dist/$(host_rid)/sensor"
  check_command_docs "$ROOT/dist/$(host_rid)/sensor"
  console_test
  # The .deb installed, upgraded and purged in a debootstrap root (chroot needs root).
  if [ "$(id -u)" = 0 ]; then
    packaging/deb/test.sh --binary "$ROOT/dist/$(host_rid)/sensor"
  else
    say "SKIPPED the package test (packaging/deb/test.sh): it needs root"
  fi
  # The MSI built with wixl and read back with msiinfo (service tables, hidden key, upgrade code, the binary).
  packaging/msi/test.sh
  say "compiling for win-x64 and osx-arm64"
  dotnet build Sensor/Sensor.csproj -c Release -r win-x64 -nologo -clp:NoSummary -o "$ROOT/.build/win-x64" >/dev/null \
    || { dotnet build Sensor/Sensor.csproj -c Release -r win-x64 -nologo -o "$ROOT/.build/win-x64" | grep -E 'error|warning' | head -20; die "win-x64 build failed"; }
  dotnet build Sensor/Sensor.csproj -c Release -r osx-arm64 -p:PublishAot=false -nologo -clp:NoSummary -o "$ROOT/.build/osx-arm64" >/dev/null \
    || { dotnet build Sensor/Sensor.csproj -c Release -r osx-arm64 -p:PublishAot=false -nologo -o "$ROOT/.build/osx-arm64" | grep -E 'error|warning' | head -20; die "osx-arm64 build failed"; }
  echo "tests: ${passed:-0} passed, ${failed:-0} failed"
}

do_run() {
  local rid bin
  rid=$(host_rid)
  bin="$ROOT/dist/$rid/sensor"
  # Publish when the binary is missing or older than any source file.
  if [ ! -x "$bin" ] || [ -n "$(find Sensor Sensor.Platform Sensor.Platform.Linux Sensor.Generators -name '*.cs' -newer "$bin" -print -quit)" ]; then
    prerequisites
    do_publish "$rid" >&2
  fi
  exec "$bin" exec "$@"
}

# The server executable (Sensor.Server), Native AOT, beside the sensor in dist/<rid>/.
publish_server() {
  local rid=$1 out="$ROOT/dist/$1" log
  log=$(mktemp)
  say "publishing the server (Native AOT) for $rid into dist/$rid"
  if ! dotnet publish Sensor.Server/Sensor.Server.csproj -c Release -r "$rid" -o "$out" -p:SourceRevisionId="$(revision)" \
      "${AOT_LINKER[@]}" -nologo -clp:NoSummary >"$log" 2>&1; then
    cat "$log"; rm -f "$log"; die "server publish failed"
  fi
  if grep -E 'warning (IL|CS|NU)[0-9]+' "$log" >/dev/null; then
    grep -E 'warning (IL|CS|NU)[0-9]+' "$log" | sort -u; rm -f "$log"; die "server publish produced warnings"
  fi
  rm -f "$log" "$out"/*.dbg "$out"/*.pdb
}

# SIGTERM, up to 10 s to finish, then SIGKILL.
stop_processes() {
  local pid i
  kill "$@" 2>/dev/null || true
  for pid in "$@"; do
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}

# `./build.sh run` without a command: server + one enrolled sensor on loopback under .run/, then the task console
# (sensor-server console). State is kept in .run/ between runs (same server keys, same sensor id); delete .run/ to
# start over. SENSOR_RUN_PORT picks the sensor channel's port (default 47443); the API takes a free loopback port;
# SENSOR_RUN_DIR moves .run/ elsewhere (the test verb uses a temporary one).
do_console() {
  local rid out run port server sensor sid status server_pid sensor_pid i rc
  rid=$(host_rid); out="$ROOT/dist/$rid"; run=${SENSOR_RUN_DIR:-$ROOT/.run}; port=${SENSOR_RUN_PORT:-47443}
  sensor="$out/sensor"; server="$out/sensor-server"
  if [ ! -x "$sensor" ] || [ -n "$(find Sensor Sensor.Platform Sensor.Platform.Linux Sensor.Generators -name '*.cs' -newer "$sensor" -print -quit)" ]; then
    prerequisites; do_publish "$rid" >&2
  fi
  if [ ! -x "$server" ] || [ -n "$(find Sensor Sensor.Server -name '*.cs' -newer "$server" -print -quit)" ]; then
    prerequisites; publish_server "$rid" >&2
  fi
  mkdir -p "$run"
  if [ ! -f "$run/server/server.pfx" ]; then
    rm -rf "$run/server" "$run/sensor-state"
    "$server" init "$run/server" --address "127.0.0.1:$port" --sensor-state-dir "$run/sensor-state" \
      --config-out "$run/sensor.json" >/dev/null 2>&1 || die "sensor-server init failed"
  fi
  rm -f "$run/server/api.url"
  "$server" run "$run/server" --listen "127.0.0.1:$port" --api-listen 127.0.0.1:0 >"$run/server.log" 2>&1 &
  server_pid=$!
  "$sensor" run --config "$run/sensor.json" >"$run/sensor.log" 2>&1 &
  sensor_pid=$!
  # shellcheck disable=SC2064
  trap "stop_processes $sensor_pid $server_pid" EXIT
  for i in $(seq 300); do [ -f "$run/server/api.url" ] && break; kill -0 "$server_pid" 2>/dev/null || { cat "$run/server.log" >&2; die "the server did not start"; }; sleep 0.1; done
  [ -f "$run/server/api.url" ] || die "the server did not start (see .run/server.log)"
  for i in $(seq 300); do
    status=$("$sensor" status --json --config "$run/sensor.json" 2>/dev/null || true)
    printf '%s' "$status" | grep -q '"state": *"connected"' && break
    kill -0 "$sensor_pid" 2>/dev/null || { cat "$run/sensor.log" >&2; die "the sensor did not start"; }
    sleep 0.1
  done
  printf '%s' "$status" | grep -q '"state": *"connected"' || die "the sensor did not connect (see .run/sensor.log, .run/server.log)"
  sid=$(printf '%s' "$status" | grep -o '"sid": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
  say "server: $run/server (log $run/server.log); sensor $sid connected (log $run/sensor.log)"
  set +e
  if [ -t 0 ]; then
    "$server" console "$sid" --dir "$run/server"
  else
    # Tasks piped in. An input with no task at all (</dev/null, an empty pipe) runs the embedded default, os_version,
    # so the command always shows the whole path working.
    local first="" found=0
    while IFS= read -r first || [ -n "$first" ]; do
      case "$first" in ''|'#'*) continue ;; *) found=1; break ;; esac
    done
    if [ $found = 0 ]; then
      say "no task on standard input: running the default task, os_version"
      printf 'os_version\n' | "$server" console "$sid" --dir "$run/server"
    else
      { printf '%s\n' "$first"; cat; } | "$server" console "$sid" --dir "$run/server"
    fi
  fi
  rc=$?
  set -e
  return $rc
}

# The README's main command end to end: tasks piped into `./build.sh run` (server and sensor published as AOT,
# enrolled on loopback in a temporary run directory) print their replies, and the console exits when input ends.
console_test() {
  local dir out port
  dir=$(mktemp -d); port=$((20000 + RANDOM % 20000))
  say "console test: tasks piped into ./build.sh run"
  out=$(printf 'os_version\nfile_hash %s/README.md\n' "$ROOT" | SENSOR_RUN_DIR="$dir/run" SENSOR_RUN_PORT=$port "$ROOT/build.sh" run 2>"$dir/err") \
    || { cat "$dir/err" "$dir/run/"*.log 2>/dev/null | tail -40; rm -rf "$dir"; die "console: ./build.sh run failed"; }
  echo "$out" | grep -q '"OS_VERSION_REP"\|"VERSION_MAJOR"\|"OS_NAME"' || { echo "$out" | head -5; rm -rf "$dir"; die "console: no os_version reply"; }
  echo "$out" | grep -q "\"HASH\":\"$(sha256sum "$ROOT/README.md" | cut -d' ' -f1)\"" || { echo "$out" | head -5; rm -rf "$dir"; die "console: file_hash reply missing or wrong"; }
  rm -rf "$dir"
  say "console test passed"
}

verb=${1:-build}
shift || true
case "$verb" in
  build) prerequisites; do_build ;;
  test) do_test ;;
  publish) prerequisites; do_publish "${1:-$(host_rid)}" ;;
  run)
    if [ $# -eq 0 ]; then do_console; exit $?; fi
    [ "${1:-}" = "--" ] && shift; [ $# -gt 0 ] || die "usage: ./build.sh run [-- <command> [arguments...]]"; do_run "$@" ;;
  bench) prerequisites; dotnet run -c Release --project Sensor.Benchmarks -- --filter "${1:-*}" ;;
  docs) prerequisites; do_build; do_docs ;;
  package)
    [ $# -ge 1 ] || die "usage: ./build.sh package FORMAT (deb, msi, pkg)"
    format=$1; shift
    [[ "$format" =~ ^[a-z]+$ ]] && [ -x "packaging/$format/build.sh" ] || die "no packaging/$format/build.sh"
    prerequisites; exec "packaging/$format/build.sh" "$@" ;;
  *) die "unknown verb '$verb' (build, test, publish [rid], run [-- <command...>], bench [filter], docs, package FORMAT)" ;;
esac
