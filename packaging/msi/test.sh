#!/usr/bin/env bash
# Checks the MSI the way Windows Installer will read it: msiinfo lists and exports its tables, msiextract unpacks its
# cabinet. Usage: packaging/msi/test.sh [MSI]  (without an argument it builds one with packaging/msi/build.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

failures=0
passes=0
pass() { printf 'ok   %s\n' "$*"; passes=$((passes + 1)); }
fail() { printf 'FAIL %s\n' "$*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

MSI=${1:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -z "$MSI" ]; then
  MSI="$WORK/sensor.msi"
  SENSOR_MSI_OUTPUT="$MSI" packaging/msi/build.sh
fi

VERSION=$(dotnet msbuild Sensor/Sensor.csproj -getProperty:Version -nologo | tr -d '[:space:]')
UPGRADE_CODE=$(sed -n 's/.*UpgradeCode="\([0-9A-F-]*\)".*/\1/p' packaging/msi/sensor.wxs)

msiinfo tables "$MSI" >"$WORK/tables"
for table in Property File Component ServiceInstall ServiceControl CustomAction InstallExecuteSequence Upgrade; do
  check "table $table present" grep -qx "$table" "$WORK/tables"
  msiinfo export "$MSI" "$table" | tr -d '\r' | tail -n +4 >"$WORK/$table"
done

# Property: one row per line, name TAB value.
prop() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$WORK/Property"; }
check "Property UpgradeCode is the fixed {$UPGRADE_CODE}" test "$(prop UpgradeCode)" = "{$UPGRADE_CODE}"
check "Property ProductVersion is $VERSION (Directory.Build.props)" test "$(prop ProductVersion)" = "$VERSION"
check "Property ALLUSERS=1 (per machine)" test "$(prop ALLUSERS)" = 1
check "Property MsiHiddenProperties lists INSTALLATIONKEY" \
  bash -c '[[ ";$1;" == *";INSTALLATIONKEY;"* ]]' _ "$(prop MsiHiddenProperties)"
check "Property INSTALLATIONKEY has no value baked in" test -z "$(prop INSTALLATIONKEY)"
check "Property SecureCustomProperties passes INSTALLATIONKEY, SERVER, PIN, PIN2 to the elevated install" \
  bash -c '[[ ";$1;" == *";INSTALLATIONKEY;"* && ";$1;" == *";SERVER;"* && ";$1;" == *";PIN;"* && ";$1;" == *";PIN2;"* ]]' _ "$(prop SecureCustomProperties)"

# File: sensor.exe in the component, in a directory named Sensor under ProgramFiles64Folder.
IFS=$'\t' read -r file_id file_component file_name file_size _ <"$WORK/File"
check "File sensor.exe" test "$file_name" = sensor.exe
msiinfo export "$MSI" Directory | tr -d '\r' | tail -n +4 >"$WORK/Directory"
check "Directory INSTALLDIR is ProgramFiles64Folder\\Sensor" \
  grep -qP '^INSTALLDIR\tProgramFiles64Folder\tSensor$' "$WORK/Directory"
check "Component of sensor.exe is 64-bit and keyed on it" \
  awk -F'\t' -v c="$file_component" -v f="$file_id" '$1 == c && $3 == "INSTALLDIR" && int($4 / 256) % 2 == 1 && $6 == f { found = 1 } END { exit !found }' "$WORK/Component"

# ServiceInstall: Name DisplayName ServiceType StartType ErrorControl LoadOrderGroup Dependencies StartName Password
# Arguments Component_ Description.
check "ServiceInstall Sensor: own process (16), auto start (2), LocalSystem, run --config" \
  awk -F'\t' -v c="$file_component" '$2 == "Sensor" && $4 == 16 && $5 == 2 && $9 == "" && $11 ~ /^run --config "\[CommonAppDataFolder\]Sensor\\sensor\.json"$/ && $12 == c { found = 1 } END { exit !found }' "$WORK/ServiceInstall"
# ServiceControl Event bits: 1 start on install, 2 stop on install (upgrade), 32 stop and 128 delete on uninstall.
event=$(awk -F'\t' '$2 == "Sensor" { print $3 }' "$WORK/ServiceControl")
check "ServiceControl Sensor: start on install, stop on install and uninstall, remove on uninstall (event $event)" \
  test "$(( ${event:-0} & (1 | 2 | 32 | 128) ))" = $((1 | 2 | 32 | 128))

# The key reaches the configuration through a deferred, elevated custom action running the installed binary,
# between InstallServices and StartServices.
seq_of() { awk -F'\t' -v a="$1" '$1 == a { print $3 }' "$WORK/InstallExecuteSequence"; }
while IFS=$'\t' read -r action type source target _; do
  check "CustomAction $action: deferred, no impersonation, runs sensor.exe (type $type)" \
    test "$(( type & 0x3F ))" = 18 -a "$(( type & 0x400 ))" != 0 -a "$(( type & 0x800 ))" != 0 -a "$source" = "$file_id"
  check "CustomAction $action passes [INSTALLATIONKEY] to sensor install" \
    bash -c '[[ "$1" == install\ --installation-key\ \"\[INSTALLATIONKEY\]\"* ]]' _ "$target"
  check "CustomAction $action: its command line is kept out of the log (HideTarget 0x2000)" test "$(( type & 0x2000 ))" != 0
  check "CustomAction $action: its data property is hidden too" \
    bash -c '[[ ";$1;" == *";$2;"* ]]' _ "$(prop MsiHiddenProperties)" "$action"
  s=$(seq_of "$action")
  check "CustomAction $action sequenced between InstallServices and StartServices ($s)" \
    test "${s:-0}" -gt "$(seq_of InstallServices)" -a "${s:-0}" -lt "$(seq_of StartServices)"
done <"$WORK/CustomAction"

check "Upgrade: older versions of {$UPGRADE_CODE} are removed (MajorUpgrade)" \
  grep -qP "^\{$UPGRADE_CODE\}\t\t$VERSION\t.*WIX_UPGRADE_DETECTED$" "$WORK/Upgrade"
check "InstallExecuteSequence removes the older product" test -n "$(seq_of RemoveExistingProducts)"

# The cabinet holds the binary that was published (build.sh writes its digest beside the MSI).
mkdir -p "$WORK/extract"
(cd "$WORK/extract" && msiextract "$MSI" >/dev/null)
extracted=$(find "$WORK/extract" -name sensor.exe -type f | head -n 1)
check "msiextract finds sensor.exe under Program Files/Sensor" bash -c '[[ "$1" == */Sensor/sensor.exe ]]' _ "$extracted"
check "sensor.exe size matches the File table ($file_size)" test "$(stat -c %s "$extracted")" = "$file_size"
if [ -f "$MSI.sensor.exe.sha256" ]; then
  check "sensor.exe is the published binary (sha256)" test "$(sha256sum "$extracted" | cut -d' ' -f1)" = "$(cat "$MSI.sensor.exe.sha256")"
fi
check "sensor.exe is a PE executable" bash -c '[ "$(head -c 2 "$1")" = MZ ]' _ "$extracted"

echo "msi: $passes passed, $failures failed"
[ "$failures" = 0 ]
