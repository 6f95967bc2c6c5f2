#!/usr/bin/env bash
# ./build.sh package pkg (or this script directly): the macOS installer package, with Apple's pkgbuild and
# productbuild. Runs on a Mac only (Xcode command line tools and the .NET 10 SDK); elsewhere it says so and fails.
#
#   payload   /Library/Application Support/Sensor/sensor          universal binary (arm64 + x86_64, Native AOT)
#             /Library/LaunchDaemons/org.opensensor.sensor.plist  the launchd daemon (root:wheel 0644)
#   scripts   preinstall: stops the old daemon; postinstall: configures (the key from the environment or a file
#             next to the .pkg) and loads the new one. See docs/operations.md, "macOS".
#
# Output: dist/sensor-VERSION.pkg (or $SENSOR_PKG_OUTPUT). Environment:
#   SENSOR_PKG_ARCHS           "arm64 x64" (default) or one of them
#   SENSOR_PKG_SIGN_IDENTITY   a "Developer ID Installer: ..." identity to sign the product with (optional)
set -euo pipefail

if [ "$(uname -s)" != Darwin ]; then
  echo "packaging/pkg: a macOS .pkg is built on a Mac: pkgbuild, productbuild and lipo are Apple's tools, and Native" \
    "AOT for osx-* needs Xcode's toolchain. Run ./build.sh package pkg there (docs/operations.md, macOS)." >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '%s\n' "packaging/pkg: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in pkgbuild productbuild lipo dotnet plutil; do
  command -v "$tool" >/dev/null || die "$tool is missing (xcode-select --install; the .NET 10 SDK)"
done

LABEL=org.opensensor.sensor   # MacHost.LaunchdLabel
INSTALL_DIR="/Library/Application Support/Sensor"
VERSION=$(dotnet msbuild Sensor/Sensor.csproj -getProperty:Version -nologo | tr -d '[:space:]')
OUTPUT=${SENSOR_PKG_OUTPUT:-$ROOT/dist/sensor-$VERSION.pkg}
ARCHS=${SENSOR_PKG_ARCHS:-arm64 x64}
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
REVISION=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

binaries=()
for arch in $ARCHS; do
  say "publishing osx-$arch $VERSION (Native AOT)"
  if ! dotnet publish Sensor/Sensor.csproj -c Release -r "osx-$arch" -p:SourceRevisionId="$REVISION" \
      -o "$STAGE/publish-$arch" -nologo >"$STAGE/publish-$arch.log" 2>&1; then
    cat "$STAGE/publish-$arch.log" >&2
    die "publish osx-$arch failed"
  fi
  if grep -E 'warning (IL|CS|NU)[0-9]+' "$STAGE/publish-$arch.log" >&2; then
    die "publish osx-$arch produced warnings"
  fi
  binaries+=("$STAGE/publish-$arch/sensor")
done

payload="$STAGE/root"
mkdir -p "$payload$INSTALL_DIR" "$payload/Library/LaunchDaemons"
lipo -create -output "$payload$INSTALL_DIR/sensor" "${binaries[@]}"
chmod 0755 "$payload$INSTALL_DIR/sensor"

# The same daemon `sensor install` writes (MacHost.Service.cs, LaunchdPlist.cs): keep the two in step.
plist="$payload/Library/LaunchDaemons/$LABEL.plist"
cat >"$plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>$LABEL</string>
	<key>ProgramArguments</key>
	<array>
		<string>$INSTALL_DIR/sensor</string>
		<string>run</string>
		<string>--config</string>
		<string>$INSTALL_DIR/sensor.json</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>KeepAlive</key>
	<true/>
	<key>ThrottleInterval</key>
	<integer>10</integer>
	<key>ExitTimeOut</key>
	<integer>30</integer>
	<key>Umask</key>
	<integer>63</integer>
	<key>StandardOutPath</key>
	<string>/Library/Logs/Sensor/sensor.log</string>
	<key>StandardErrorPath</key>
	<string>/Library/Logs/Sensor/sensor.err.log</string>
</dict>
</plist>
PLIST
plutil -lint "$plist" >/dev/null || die "the daemon plist does not parse"
chmod 0644 "$plist"

scripts="$STAGE/scripts"
cp -R packaging/pkg/scripts "$scripts"
chmod 0755 "$scripts/preinstall" "$scripts/postinstall"

mkdir -p "$(dirname "$OUTPUT")"
# Ownership comes from pkgbuild (root:wheel for everything in the payload), not from this build user.
pkgbuild --root "$payload" --scripts "$scripts" --identifier "$LABEL" --version "$VERSION" \
  --install-location / --ownership recommended "$STAGE/sensor-component.pkg"
productbuild --synthesize --package "$STAGE/sensor-component.pkg" "$STAGE/distribution.xml"
sign=()
if [ -n "${SENSOR_PKG_SIGN_IDENTITY:-}" ]; then
  sign=(--sign "$SENSOR_PKG_SIGN_IDENTITY")
fi
productbuild --distribution "$STAGE/distribution.xml" --package-path "$STAGE" --version "$VERSION" \
  "${sign[@]}" "$OUTPUT"
say "$OUTPUT"
