#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Build the Linux guest's initramfs (docs/linux-guests.md):
#   mkinitramfs.sh OUT.cpio.gz LINUX_DIR INIT PROGRAM... [-- OVERLAY_DIR]
# LINUX_DIR is what tools/linux/fetch.sh made (tee.ko, optee.ko, sysroot/); INIT becomes /init;
# each PROGRAM goes to /usr/bin; OVERLAY_DIR (optional) is copied over the tree last, so a
# user can add or replace files. Every dynamic executable's libraries must be in the tree, or
# the build fails naming the missing one. Reproducible: sorted entries, owner 0:0, fixed
# mtimes (SOURCE_DATE_EPOCH, default 0), normalized modes, gzip without name or date.
set -e
OUT=$1
LINUX=$2
INIT=$3
shift 3
SYSROOT=$LINUX/sysroot
READELF=${READELF:-aarch64-linux-gnu-readelf}
EPOCH=${SOURCE_DATE_EPOCH:-0}
# The busybox applets /init and a person at the console use.
APPLETS="sh ash cat chmod cp dmesg echo grep insmod ln ls lsmod mkdir mount poweroff ps reboot \
rm rmmod sed sleep sync tr umount"

die() {
	echo "mkinitramfs: error: $*" >&2
	exit 1
}

STAGE=$OUT.d
rm -rf "$STAGE"
mkdir -p "$STAGE"
for d in bin sbin usr/bin usr/sbin lib/modules lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu \
	usr/lib/tee-supplicant/plugins dev proc sys tmp run var/lib/optee-client/data/tee data/tee; do
	mkdir -p "$STAGE/$d"
done
install -m 755 "$INIT" "$STAGE/init"
install -m 755 "$SYSROOT/bin/busybox" "$STAGE/bin/busybox"
for a in $APPLETS; do
	ln -s busybox "$STAGE/bin/$a"
done
install -m 644 "$LINUX/tee.ko" "$LINUX/optee.ko" "$STAGE/lib/modules/"
install -m 755 "$SYSROOT/usr/sbin/tee-supplicant" "$STAGE/usr/sbin/"
# Libraries under their sonames, in Debian's multiarch directories (the loader's defaults).
for f in lib/aarch64-linux-gnu/ld-linux-aarch64.so.1 lib/aarch64-linux-gnu/libc.so.6 \
	usr/lib/aarch64-linux-gnu/libteec.so.1; do
	cp -L "$SYSROOT/$f" "$STAGE/$f"
	chmod 755 "$STAGE/$f"
done
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$STAGE/lib/ld-linux-aarch64.so.1"

while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	install -m 755 "$1" "$STAGE/usr/bin/"
	shift
done
if [ "$1" = "--" ] && [ -n "$2" ]; then
	[ -d "$2" ] || die "overlay $2 is not a directory"
	cp -a "$2/." "$STAGE/"
fi

# Each dynamic ELF file needs its loader and libraries inside the tree.
find "$STAGE" -type f | while read -r f; do
	"$READELF" -h "$f" >/dev/null 2>&1 || continue
	interp=$("$READELF" -l "$f" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	[ -z "$interp" ] || [ -e "$STAGE$interp" ] || die "${f#"$STAGE"} needs $interp"
	for lib in $("$READELF" -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		[ -e "$STAGE/lib/aarch64-linux-gnu/$lib" ] ||
			[ -e "$STAGE/usr/lib/aarch64-linux-gnu/$lib" ] ||
			[ -e "$STAGE/lib/$lib" ] || [ -e "$STAGE/usr/lib/$lib" ] ||
			die "${f#"$STAGE"} needs $lib, which is not in the initramfs"
	done
done

chmod -R u+rwX,go+rX,go-w "$STAGE"
find "$STAGE" -exec touch -h -d "@$EPOCH" {} +
(cd "$STAGE" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
rm -rf "$STAGE"
