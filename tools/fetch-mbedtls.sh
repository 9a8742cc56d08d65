#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Fetch and unpack Debian's mbedtls source package into $1 (default build/mbedtls/src).
# Idempotent: does nothing when the tree is already there. Uses a private apt state under
# $1/.. (its own deb-src list, package lists and cache), so it needs neither root nor any
# change to the system's apt configuration; only dpkg-source (dpkg-dev) must be installed.
set -e
cd "$(dirname "$0")/.."
SRC=${1:-build/mbedtls/src}
TOP=$(dirname "$SRC")
APT_DIR=$TOP/apt
SUITE=${TESSERA_DEBIAN_SUITE:-bookworm}
MIRROR=${TESSERA_DEBIAN_MIRROR:-http://deb.debian.org}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

[ -f "$SRC/.tessera-fetched" ] && exit 0
mkdir -p "$TOP"
# One fetch at a time: parallel builds (BUILD_NAME=...) share this tree.
exec 9>"$TOP/.fetch.lock"
flock 9
[ -f "$SRC/.tessera-fetched" ] && exit 0

command -v dpkg-source >/dev/null 2>&1 || {
	echo "fetch-mbedtls: dpkg-source missing (apt-get install dpkg-dev, or make deps)" >&2
	exit 1
}
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/dl"
APT_DIR=$(cd "$APT_DIR" && pwd)
cat >"$APT_DIR/sources.list" <<LIST
deb-src [signed-by=$KEYRING] $MIRROR/debian $SUITE main
deb-src [signed-by=$KEYRING] $MIRROR/debian-security $SUITE-security main
LIST
set -- -q -o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
	-o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" \
	-o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Retries=3
echo "fetch-mbedtls: downloading Debian's mbedtls source package ($SUITE)"
apt-get "$@" update >/dev/null
rm -rf "$APT_DIR/dl"/*
(cd "$APT_DIR/dl" && apt-get "$@" --download-only source mbedtls >/dev/null)
dsc=$(ls "$APT_DIR"/dl/mbedtls_*.dsc | head -n 1)
rm -rf "$SRC" "$SRC.tmp"
# apt checked the files against the signed Sources list; dpkg-source checks the .dsc sums.
dpkg-source -q -x "$dsc" "$SRC.tmp" >"$APT_DIR/unpack.log" 2>&1 || {
	cat "$APT_DIR/unpack.log" >&2
	exit 1
}
mv "$SRC.tmp" "$SRC"
basename "$dsc" >"$SRC/.tessera-fetched"
echo "fetch-mbedtls: unpacked $(cat "$SRC/.tessera-fetched") into $SRC"
