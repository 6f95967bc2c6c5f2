#!/usr/bin/env bash
# The .deb's end-to-end test (./build.sh test runs it after the smoke test; needs root, debootstrap, lintian, dpkg-dev
# and a Debian mirror):
#   1. build the package from a published binary, and a second one with a higher version;
#   2. lintian: no errors and no warnings (overrides only where a check cannot apply: debian/lintian-overrides);
#   3. debootstrap --variant=minbase bookworm into a temporary root, install the package's dependencies, list every
#      file of the root;
#   4. install the package with the key, server and pin from the environment (as debconf gets them unattended), with
#      policy-rc.d forbidding service starts; check files, owners, modes, the configuration, the enabled unit,
#      `sensor config check` and `sensor version` inside the root, and systemd-analyze verify of the unit;
#   5. upgrade to the higher version: configuration and state kept byte for byte;
#   6. purge: the root's file list must be what it was before the install.
#   packaging/deb/test.sh [--binary PATH]       (default: dist/<rid>/sensor)
# Environment: SENSOR_DEBIAN_MIRROR (default http://deb.debian.org/debian), SENSOR_KEEP_ROOT=1 keeps the root,
# SENSOR_DEB_TEST_CACHE (below),
# SENSOR_DEB_TEST_BASE=DIR copies an untouched debootstrap root made earlier instead of running debootstrap (for
# iterating on the package; CI always runs debootstrap).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
started=$(date +%s)
say() { printf '%s\n' "package test: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    *) fail "unknown argument '$1' (--binary PATH)" ;;
  esac
done
case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) fail "unsupported machine" ;; esac
[ -n "$binary" ] || binary="$ROOT/dist/$rid/sensor"
[ -x "$binary" ] || fail "no binary at $binary (./build.sh publish first)"
[ "$(id -u)" = 0 ] || fail "must run as root (debootstrap, chroot)"
for tool in debootstrap lintian dpkg-deb dpkg-shlibdeps chroot mount; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install debootstrap lintian dpkg-dev)"
done
mirror=${SENSOR_DEBIAN_MIRROR:-http://deb.debian.org/debian}

work=$(mktemp -d /tmp/sensor-deb-test.XXXXXX)
target="$work/root"
cleanup() {
  for m in proc dev/pts dev; do
    mountpoint -q "$target/$m" 2>/dev/null && umount -l "$target/$m" || true
  done
  if [ "${SENSOR_KEEP_ROOT:-}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# 1. Two packages of the same binary: the version from Directory.Build.props, and one above it for the upgrade.
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$ROOT/Directory.Build.props" | head -1)
deb1=$("$HERE/build.sh" --binary "$binary" --out "$work/debs")
deb2=$("$HERE/build.sh" --binary "$binary" --out "$work/debs" --version "$version+upgradetest1")

# 2. lintian (the first package; the second differs in its version only).
lintian_out=$(lintian --fail-on error,warning --display-level '>=pedantic' --tag-display-limit 0 "$deb1" 2>&1) \
  || { echo "$lintian_out" >&2; fail "lintian reports errors or warnings"; }
say "lintian: $(echo "$lintian_out" | grep -c '^[EW]:' || true) errors/warnings, $(echo "$lintian_out" | grep -c '^[IP]:' || true) info/pedantic"
[ -z "$lintian_out" ] || echo "$lintian_out" | sed 's/^/  /' >&2

# 3. A minimal Debian root, with the package's dependencies installed beforehand, so the file lists before install
#    and after purge differ by the sensor's own files alone.
#    The untouched root is kept as a tarball in SENSOR_DEB_TEST_CACHE (default /var/cache/sensor-deb-test) for a week:
#    debootstrap takes minutes on a busy machine, unpacking the tarball seconds. SENSOR_DEB_TEST_CACHE= (empty)
#    always runs debootstrap.
t0=$(date +%s)
cache=${SENSOR_DEB_TEST_CACHE-/var/cache/sensor-deb-test}
tarball="$cache/bookworm-minbase-$(dpkg --print-architecture).tar"
if [ -n "${SENSOR_DEB_TEST_BASE:-}" ]; then
  say "copying the debootstrap root $SENSOR_DEB_TEST_BASE"
  cp -a "$SENSOR_DEB_TEST_BASE" "$target"
elif [ -n "$cache" ] && [ -f "$tarball" ] && [ -n "$(find "$tarball" -mtime -7)" ]; then
  say "unpacking the debootstrap root cached in $tarball"
  mkdir "$target" && tar -xpf "$tarball" -C "$target"
else
  say "debootstrap --variant=minbase bookworm (from $mirror)"
  debootstrap --variant=minbase bookworm "$target" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
  if [ -n "$cache" ] && mkdir -p "$cache" 2>/dev/null; then
    tar -cpf "$tarball.tmp" -C "$target" . && mv "$tarball.tmp" "$tarball" || rm -f "$tarball.tmp"
  fi
fi
say "root ready in $(( $(date +%s) - t0 )) s"
mount -t proc proc "$target/proc"
in_root() { chroot "$target" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
# Nothing in the root may start a service: policy-rc.d says no, and there is no /run/systemd/system either.
printf '#!/bin/sh\nexit 101\n' >"$target/usr/sbin/policy-rc.d"
chmod 0755 "$target/usr/sbin/policy-rc.d"
[ ! -d "$target/run/systemd/system" ] || fail "the root claims a running systemd"
depends=$(dpkg-deb -f "$deb1" Depends)
# debootstrap leaves the package lists it used; refresh them only if they no longer fit the mirror.
if ! in_root apt-get satisfy -y -qq --no-install-recommends "$depends" >"$work/apt.log" 2>&1; then
  in_root apt-get update -qq >>"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get update in the root failed"; }
  in_root apt-get satisfy -y -qq --no-install-recommends "$depends" >>"$work/apt.log" 2>&1 \
    || { tail -20 "$work/apt.log" >&2; fail "cannot install the package's dependencies ($depends)"; }
fi
in_root apt-get clean
# Bookkeeping dpkg, apt and debconf rewrite on any install (logs, *-old backups, caches) is not the package's doing.
file_list() {
  (cd "$target" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys -o -path ./run -o -path ./tmp \) -prune -o -printf '%p %y\n') \
    | grep -vE '^\./(var/log/(dpkg\.log|alternatives\.log|apt/[^ ]*) |var/cache/debconf/[a-z]+\.dat-old |var/lib/dpkg/[a-z]+-old |var/cache/ldconfig/|var/cache/apt/)' | LC_ALL=C sort
}
file_list >"$work/before.txt"

# 4. Install, unattended: the key, server and pins from the environment, as an automated rollout gives them.
key="0a1b2c3d.$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
pin1="sha256/$(head -c 32 /dev/urandom | base64)"
pin2="sha256/$(head -c 32 /dev/urandom | base64)"
cp "$deb1" "$deb2" "$target/tmp/"
t0=$(date +%s)
in_root SENSOR_INSTALLATION_KEY="$key" SENSOR_SERVER="sensors.example.org:4443" SENSOR_PINS="$pin1 $pin2" \
  dpkg -i "/tmp/$(basename "$deb1")" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "dpkg -i failed"; }
say "install took $(( $(date +%s) - t0 )) s"

expect_mode() { # path mode owner:group type
  local got
  got=$(stat -c '%a %U:%G %F' "$target$1" 2>/dev/null) || fail "$1 is missing"
  [ "$got" = "$2 $3 $4" ] || fail "$1 is '$got', expected '$2 $3 $4'"
}
expect_mode /usr/sbin/sensor 755 root:root "regular file"
expect_mode /lib/systemd/system/sensor.service 644 root:root "regular file"
expect_mode /usr/share/doc/sensor/copyright 644 root:root "regular file"
expect_mode /usr/share/doc/sensor/changelog.gz 644 root:root "regular file"
expect_mode /usr/share/man/man8/sensor.8.gz 644 root:root "regular file"
expect_mode /etc/sensor 700 root:root directory
expect_mode /etc/sensor/sensor.json 600 root:root "regular file"
expect_mode /var/lib/sensor 700 root:root directory
expect_mode /var/log/sensor 700 root:root directory
cmp -s "$binary" "$target/usr/sbin/sensor" || fail "/usr/sbin/sensor is not the packaged binary"
cmp -s "$ROOT/packaging/linux/sensor.service" "$target/lib/systemd/system/sensor.service" || fail "the installed unit differs from packaging/linux/sensor.service"
[ "$(readlink "$target/etc/systemd/system/multi-user.target.wants/sensor.service")" = /lib/systemd/system/sensor.service ] \
  || fail "sensor.service is not enabled (no multi-user.target.wants link)"
python3 - "$target/etc/sensor/sensor.json" "$key" "$pin1" "$pin2" <<'PY' || fail "the configuration does not hold what was given"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["server"] == "sensors.example.org:4443", c
assert c["installation_key"] == sys.argv[2], c
assert c["pins"] == [sys.argv[3], sys.argv[4]], c
assert c["state_dir"] == "/var/lib/sensor", c
PY
# debconf must not keep the key once the configuration holds it.
if grep -rqF "$key" "$target/var/cache/debconf/"; then fail "the installation key is left in debconf's database"; fi
in_root /usr/sbin/sensor version | grep -qF "$version" || fail "sensor version inside the root does not print $version"
if in_root /usr/sbin/sensor --help 2>/dev/null | grep -qE "^ +config( |$)"; then
  in_root /usr/sbin/sensor config check --config /etc/sensor/sensor.json >"$work/check.log" 2>&1 \
    || { cat "$work/check.log" >&2; fail "sensor config check rejects the installed configuration"; }
  say "sensor config check inside the root: ok"
else
  say "SKIPPED sensor config check: this binary has no 'config' verb yet"
fi
# The minimal root has no systemd to verify against: verify the installed unit on this host, its ExecStart pointed at
# the installed binary (the file name must stay sensor.service). --man=no: the host need not have our man page.
mkdir -p "$work/verify"
sed "s|^ExecStart=/usr/sbin/sensor |ExecStart=$target/usr/sbin/sensor |" "$target/lib/systemd/system/sensor.service" >"$work/verify/sensor.service"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify --man=no "$work/verify/sensor.service" >"$work/verify.log" 2>&1 \
    || { cat "$work/verify.log" >&2; fail "systemd-analyze verify of the installed unit"; }
  [ ! -s "$work/verify.log" ] || { cat "$work/verify.log" >&2; fail "systemd-analyze verify printed warnings"; }
  say "systemd-analyze verify: clean; security exposure $(systemd-analyze security --offline=true "$work/verify/sensor.service" 2>/dev/null | sed -n 's/.*Overall exposure level for sensor.service: //p')"
fi

# 5. Upgrade: the configuration and the sensor's state survive byte for byte.
printf 'identity' >"$target/var/lib/sensor/identity.json"
chmod 0600 "$target/var/lib/sensor/identity.json"
config_sum=$(sha256sum <"$target/etc/sensor/sensor.json")
in_root dpkg -i "/tmp/$(basename "$deb2")" >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log" >&2; fail "upgrade failed"; }
[ "$(in_root dpkg-query -W -f '${Version}' sensor)" = "$version+upgradetest1" ] || fail "the upgrade did not install $version+upgradetest1"
[ "$(sha256sum <"$target/etc/sensor/sensor.json")" = "$config_sum" ] || fail "the upgrade changed the configuration"
[ "$(cat "$target/var/lib/sensor/identity.json")" = identity ] || fail "the upgrade lost the state directory"
expect_mode /etc/sensor/sensor.json 600 root:root "regular file"
[ -L "$target/etc/systemd/system/multi-user.target.wants/sensor.service" ] || fail "the upgrade disabled the unit"

# 6. Purge: nothing of the sensor is left; the root is as before the install.
in_root dpkg --purge sensor >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "purge failed"; }
rm -f "$target/tmp/$(basename "$deb1")" "$target/tmp/$(basename "$deb2")"
for gone in /etc/sensor /var/lib/sensor /var/log/sensor /usr/sbin/sensor /lib/systemd/system/sensor.service \
    /etc/systemd/system/multi-user.target.wants/sensor.service; do
  [ ! -e "$target$gone" ] && [ ! -L "$target$gone" ] || fail "$gone is still there after the purge"
done
file_list >"$work/after.txt"
if ! diff -u "$work/before.txt" "$work/after.txt" >"$work/diff.txt"; then
  cat "$work/diff.txt" >&2
  fail "the purge left files behind or removed others"
fi
say "passed: install, files/owners/modes, configuration, upgrade keeping configuration and state, purge leaving nothing ($(( $(date +%s) - started )) s)"
