#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Install the Debian 12 packages Tessera needs, if any are missing. Needs root
# (or passwordless sudo) only when something must be installed.
set -e
PKGS="make gcc libc6-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm \
	device-tree-compiler libcmocka-dev python3 python3-pytest python3-pexpect clang libclang-rt-14-dev \
	gnuplot-nox dpkg-dev libc6-dev-arm64-cross cpio debian-archive-keyring python3-cbor2 \
	python3-cryptography"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tessera: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "tessera: error: these packages are missing and installing them needs root:$missing" >&2
	echo "tessera: run as root: apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || echo "tessera: warning: apt-get update failed; trying the cached lists" >&2
$SUDO apt-get install -y -qq --no-install-recommends $missing
