#!/usr/bin/env bash
# ./build.sh package msi (or this script directly): the Windows installer, built on Linux with wixl (Debian's wixl
# package, from msitools). Output: dist/sensor-VERSION-x64.msi (or $SENSOR_MSI_OUTPUT).
#
# The binary is a self-contained, trimmed, single-file (non-AOT) win-x64 build: Native AOT cannot cross-compile to
# Windows from Linux (it needs the MSVC linker and Windows SDK libraries). build.ps1 package msi on Windows packages
# the Native AOT binary instead.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '%s\n' "packaging/msi: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in wixl msiinfo; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install wixl msitools"
done
command -v dotnet >/dev/null || die "the .NET 10 SDK is missing"

# The one version source (Directory.Build.props <Version>).
VERSION=$(dotnet msbuild Sensor/Sensor.csproj -getProperty:Version -nologo | tr -d '[:space:]')
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "MSI versions are major.minor.build; Directory.Build.props says '$VERSION'"

OUTPUT=${SENSOR_MSI_OUTPUT:-$ROOT/dist/sensor-$VERSION-x64.msi}
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

say "publishing win-x64 $VERSION (self-contained single file)"
REVISION=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if ! dotnet publish Sensor/Sensor.csproj -c Release -r win-x64 -p:PublishAot=false -p:PublishSingleFile=true \
    -p:SelfContained=true -p:IncludeNativeLibrariesForSelfExtract=true -p:SourceRevisionId="$REVISION" \
    -o "$STAGE/publish" -nologo >"$STAGE/publish.log" 2>&1; then
  cat "$STAGE/publish.log" >&2
  die "publish failed"
fi
if grep -E 'warning (IL|CS|NU)[0-9]+' "$STAGE/publish.log" >&2; then
  die "publish produced warnings"
fi

mkdir -p "$STAGE/msi" "$(dirname "$OUTPUT")"
cp "$STAGE/publish/sensor.exe" "$STAGE/msi/sensor.exe"
# wixl finds File/@Source relative to the directory it runs in.
(cd "$STAGE/msi" && wixl -a x64 -D Version="$VERSION" -o "$OUTPUT" "$ROOT/packaging/msi/sensor.wxs")

# What WiX's Hidden="yes", Secure="yes" and HideTarget="yes" would write, which wixl does not know: the custom
# actions' command lines (they carry the key) kept out of the log (msidbCustomActionTypeHideTarget, 0x2000), and the
# public properties passed to the elevated server side of the installation (SecureCustomProperties).
for action in SensorConfigure SensorConfigureBackupPin; do
  type=$(msiinfo export "$OUTPUT" CustomAction | awk -F'\t' -v a="$action" '$1 == a { print $2 }')
  [ -n "$type" ] || die "custom action $action missing from the MSI"
  msibuild "$OUTPUT" -q "UPDATE \`CustomAction\` SET \`Type\` = $(( type | 0x2000 )) WHERE \`Action\` = '$action'"
done
secure=$(msiinfo export "$OUTPUT" Property | awk -F'\t' '$1 == "SecureCustomProperties" { print $2 }')
msibuild "$OUTPUT" -q "UPDATE \`Property\` SET \`Value\` = '${secure:+$secure;}INSTALLATIONKEY;SERVER;PIN;PIN2' WHERE \`Property\` = 'SecureCustomProperties'"
# Kept beside the MSI so test.sh can compare what the cabinet holds with what was published.
sha256sum "$STAGE/msi/sensor.exe" | cut -d' ' -f1 >"$OUTPUT.sensor.exe.sha256"
say "$OUTPUT ($(stat -c %s "$OUTPUT") bytes)"
