#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# make test: host unit tests, then QEMU system tests; ends with one summary line.
cd "$(dirname "$0")/.." || exit 1
unit=PASS
sys=PASS
make -s test-unit || unit=FAIL
/usr/bin/python3 -m pytest -q -p no:cacheprovider test/sys || sys=FAIL
echo "tessera test summary: unit tests $unit, system tests $sys"
[ "$unit" = PASS ] && [ "$sys" = PASS ]
