#!/usr/bin/env bash
# Builds the sensor's .deb with dpkg-deb (no debhelper needed): ./build.sh package deb runs this.
#   packaging/deb/build.sh [--binary PATH] [--version VERSION] [--out DIR]
# --binary   a published linux AOT binary (default: publish dist/<rid>/sensor with ../../build.sh publish)
# --version  the package version (default: <Version> in Directory.Build.props, the one place versions come from;
#            the package test uses this to build an "upgrade" of the same binary)
# --out      where the .deb goes (default: dist/)
# Prints the path of the .deb on stdout.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
say() { printf '%s\n' "package deb: $*" >&2; }
die() { say "$*"; exit 1; }

binary="" version="" out="$ROOT/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) die "unknown argument '$1' (--binary PATH, --version VERSION, --out DIR)" ;;
  esac
done

case "$(uname -m)" in
  x86_64) rid=linux-x64 arch=amd64 ;;
  aarch64) rid=linux-arm64 arch=arm64 ;;
  *) die "unsupported machine $(uname -m)" ;;
esac

for tool in dpkg-deb dpkg-shlibdeps gzip objdump; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install dpkg-dev binutils)"
done

[ -n "$version" ] || version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$ROOT/Directory.Build.props" | head -1)
[ -n "$version" ] || die "no <Version> in Directory.Build.props"
if [ -z "$binary" ]; then
  "$ROOT/build.sh" publish "$rid" >&2
  binary="$ROOT/dist/$rid/sensor"
fi
[ -x "$binary" ] || die "no sensor binary at $binary"

# Reproducible: every timestamp is the commit's.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
maintainer="Sensor maintainers <maintainers@users.noreply.r-seed-68783120.example>"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
umask 022
chmod 0755 "$stage"
install -D -m 0755 "$binary" "$stage/usr/sbin/sensor"
install -D -m 0644 "$ROOT/packaging/linux/sensor.service" "$stage/lib/systemd/system/sensor.service"
install -d -m 0755 "$stage/usr/share/doc/sensor" "$stage/usr/share/man/man8" "$stage/usr/share/lintian/overrides"
install -m 0644 "$HERE/debian/copyright" "$stage/usr/share/doc/sensor/copyright"
install -m 0644 "$ROOT/docs/operations.md" "$stage/usr/share/doc/sensor/README.operations.md"
gzip -9n <"$HERE/debian/sensor.8" >"$stage/usr/share/man/man8/sensor.8.gz"
# A native package: its changelog is generated from the one version source, dated by the commit.
{
  printf 'sensor (%s) unstable; urgency=medium\n\n' "$version"
  printf '  * Built from commit %s.\n\n' "$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
  printf ' -- %s  %s\n' "$maintainer" "$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$stage/usr/share/doc/sensor/changelog.gz"
if [ -s "$HERE/debian/lintian-overrides" ]; then
  install -m 0644 "$HERE/debian/lintian-overrides" "$stage/usr/share/lintian/overrides/sensor"
else
  rmdir "$stage/usr/share/lintian/overrides" "$stage/usr/share/lintian"
fi

# Depends: the shared libraries the binary links dynamically (libc, libssl/libcrypto, and libyara's own jansson and
# libmagic, libyara itself being static), resolved to packages and versions by dpkg-shlibdeps as debhelper would.
mkdir -p "$stage/debian"
printf 'Source: sensor\n\nPackage: sensor\nArchitecture: any\n' >"$stage/debian/control"
shlibs=$(cd "$stage" && dpkg-shlibdeps -O -e usr/sbin/sensor 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
rm -rf "$stage/debian"
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no dependencies for $binary"
# The AOT runtime opens libssl by name at run time (dlopen), which no ELF NEEDED entry shows; libcrypto (NEEDED by
# libyara) usually brings libssl3 in already.
depends=$shlibs
[[ "$depends" =~ (^|[ ,])libssl3([ ,]|$) ]] || depends="$depends, libssl3"
depends="$depends, debconf (>= 0.5) | debconf-2.0, init-system-helpers (>= 1.54~)"

install -d -m 0755 "$stage/DEBIAN"
for script in postinst prerm postrm config; do
  install -m 0755 "$HERE/debian/$script" "$stage/DEBIAN/$script"
done
install -m 0644 "$HERE/debian/templates" "$stage/DEBIAN/templates"
installed_size=$(du -k -s --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOF
Package: sensor
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Section: admin
Priority: optional
Description: endpoint sensor (EDR agent)
 Connects out to its server over TLS pinned to the server's key, enrolls with
 an installation key and runs the server's response commands on this host:
 file and directory listing and hashing, process and memory inspection, YARA
 scans, network isolation and more, answering with reply events.
 .
 Runs as the systemd service sensor.service. Give the installation key,
 server and key pin through debconf, the environment (SENSOR_INSTALLATION_KEY,
 SENSOR_SERVER, SENSOR_PINS) or "sensor install".
EOF
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/md5sums"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$out"
deb="$out/sensor_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
say "built $deb ($(du -k "$deb" | cut -f1) KiB, Depends: $depends)"
echo "$deb"
