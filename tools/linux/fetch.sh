#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Fetch the Linux guest's pieces from Debian 12's arm64 packages into $1 (default build/debian):
#   Image            the kernel (linux-image-6.1.0-<N>-arm64's /boot/vmlinuz-*: an uncompressed
#                    arm64 Image)
#   tee.ko optee.ko  its TEE drivers (lib/modules/*/kernel/drivers/tee/)
#   sysroot/         libteec1, optee-client-dev, tee-supplicant, busybox-static and libc6
#                    unpacked (headers and libteec.so to build our programs against; the
#                    binaries and libraries the initramfs takes)
#   VERSIONS         "package version" of each package used
# Uses a private apt state under $1/apt (its own sources list, package lists and cache, arm64
# only), so it needs neither root nor any change to the system's apt configuration.
# Idempotent: does nothing when $1/.fetched is newer than this script.
# Environment: TESSERA_DEBIAN_SUITE (bookworm), TESSERA_DEBIAN_MIRROR (http://deb.debian.org),
# TESSERA_LINUX_KERNEL (a kernel package to use instead of what linux-image-arm64 depends on,
# e.g. linux-image-6.1.0-57-arm64).
set -e
cd "$(dirname "$0")/../.."
OUT=${1:-build/debian}
STAMP=$OUT/.fetched
SUITE=${TESSERA_DEBIAN_SUITE:-bookworm}
MIRROR=${TESSERA_DEBIAN_MIRROR:-http://deb.debian.org}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
USER_PKGS="libteec1 tee-supplicant optee-client-dev busybox-static libc6"

[ "$STAMP" -nt "$0" ] && exit 0
mkdir -p "$OUT"
# One fetch at a time: parallel builds share this tree.
exec 9>"$OUT/.fetch.lock"
flock 9
[ "$STAMP" -nt "$0" ] && exit 0

die() {
	echo "fetch-linux: error: $*" >&2
	exit 1
}
for t in apt-get apt-cache dpkg-deb tar; do
	command -v $t >/dev/null 2>&1 || die "$t missing (make deps)"
done
[ -r "$KEYRING" ] || die "$KEYRING missing (apt-get install debian-archive-keyring)"

APT_DIR=$OUT/apt
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/dl"
APT_DIR=$(cd "$APT_DIR" && pwd)
LOG=$APT_DIR/apt.log
cat >"$APT_DIR/sources.list" <<LIST
deb [arch=arm64 signed-by=$KEYRING] $MIRROR/debian $SUITE main
deb [arch=arm64 signed-by=$KEYRING] $MIRROR/debian $SUITE-updates main
deb [arch=arm64 signed-by=$KEYRING] $MIRROR/debian-security $SUITE-security main
LIST
# Sandbox::User=root: apt would otherwise warn that it downloads unsandboxed as root.
set -- -q -o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
	-o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" \
	-o Dir::State::Status=/dev/null -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
	-o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Retries=3

echo "fetch-linux: downloading Debian's arm64 kernel, OP-TEE client and busybox packages ($SUITE)"
apt-get "$@" --error-on=any update >"$LOG" 2>&1 ||
	die "apt-get update from $MIRROR failed (network? TESSERA_DEBIAN_MIRROR?); see $LOG"
KERNEL=${TESSERA_LINUX_KERNEL:-$(apt-cache "$@" depends linux-image-arm64 2>>"$LOG" |
	sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | head -n 1)}
[ -n "$KERNEL" ] || die "no kernel package found behind linux-image-arm64; see $LOG"
rm -f "$APT_DIR/dl"/*.deb
(cd "$APT_DIR/dl" && apt-get "$@" download $KERNEL $USER_PKGS >>"$LOG" 2>&1) ||
	die "apt-get download of $KERNEL $USER_PKGS failed; see $LOG"

# Unpack into fresh directories, then move them into place.
rm -rf "$OUT/new"
mkdir -p "$OUT/new/sysroot" "$OUT/new/kernel"
: >"$OUT/new/VERSIONS"
for deb in "$APT_DIR"/dl/*.deb; do
	pkg=$(dpkg-deb -f "$deb" Package)
	echo "$pkg $(dpkg-deb -f "$deb" Version)" >>"$OUT/new/VERSIONS"
	if [ "$pkg" = "$KERNEL" ]; then
		# Only the Image and the TEE drivers: the modules tree is 300+ MB unpacked.
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$OUT/new/kernel" --wildcards \
			'./boot/vmlinuz-*' './lib/modules/*/kernel/drivers/tee/*' ||
			die "cannot unpack $deb"
	else
		dpkg-deb -x "$deb" "$OUT/new/sysroot" || die "cannot unpack $deb"
	fi
done
sort -o "$OUT/new/VERSIONS" "$OUT/new/VERSIONS"
K=$OUT/new/kernel
# The Image header's magic "ARM\x64" at 0x38 (Documentation/arm64/booting.rst).
set -- "$K"/boot/vmlinuz-*
if [ ! -f "$1" ] || [ "$(dd if="$1" bs=1 skip=56 count=4 2>/dev/null)" != "$(printf 'ARM\144')" ]; then
	die "$KERNEL holds no uncompressed arm64 Image (/boot/vmlinuz-*)"
fi
mv "$1" "$OUT/new/Image"
for m in tee optee; do
	f=$(find "$K/lib/modules" -name "$m.ko" | head -n 1)
	[ -n "$f" ] || die "$KERNEL has no $m.ko"
	mv "$f" "$OUT/new/$m.ko"
done
rm -rf "$K"
for f in usr/include/tee_client_api.h usr/lib/aarch64-linux-gnu/libteec.so.1 \
	usr/sbin/tee-supplicant bin/busybox lib/aarch64-linux-gnu/libc.so.6 \
	lib/aarch64-linux-gnu/ld-linux-aarch64.so.1; do
	[ -e "$OUT/new/sysroot/$f" ] || die "/$f missing from the packages"
done

rm -rf "$OUT/sysroot"
mv "$OUT/new/sysroot" "$OUT/sysroot"
for f in Image tee.ko optee.ko VERSIONS; do
	mv "$OUT/new/$f" "$OUT/$f"
done
rmdir "$OUT/new"
rm -f "$APT_DIR"/dl/*.deb
# Dated now, not by the packages: make compares them with what they are built into.
touch "$OUT/Image" "$OUT/tee.ko" "$OUT/optee.ko" "$STAMP"
echo "fetch-linux: $(grep "^$KERNEL " "$OUT/VERSIONS"), $(grep '^libteec1 ' "$OUT/VERSIONS") in $OUT"
