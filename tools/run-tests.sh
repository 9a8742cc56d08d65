#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# make test: host unit tests, fuzzing, size budgets, format, the structure check, then QEMU
# system tests; ends with one summary line.
cd "$(dirname "$0")/.." || exit 1
unit=PASS
fuzz=PASS
sys=PASS
make -s test-unit || unit=FAIL
make -s fuzz FUZZ_TIME="${TESSERA_TEST_FUZZ_TIME:-10}" || fuzz=FAIL
make -s size-check || size=FAIL
make -s check-format >/dev/null 2>&1 || { format=FAIL; make -s check-format 2>&1 | grep "error:" | head; }
make -s structure-check || structure=FAIL
/usr/bin/python3 -m pytest -q -p no:cacheprovider test/sys || sys=FAIL
echo "tessera test summary: unit tests $unit, fuzz $fuzz, size budgets ${size:-PASS}, format ${format:-PASS}, structure ${structure:-PASS}, system tests $sys"
[ "$unit" = PASS ] && [ "$fuzz" = PASS ] && [ "${size:-PASS}" = PASS ] && [ "${format:-PASS}" = PASS ] && \
	[ "${structure:-PASS}" = PASS ] && [ "$sys" = PASS ]
