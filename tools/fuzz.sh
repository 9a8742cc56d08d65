#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Run each libFuzzer target for $1 seconds (corpus kept in build/fuzz/<target>).
# A crash, sanitizer report or violated invariant fails the run and leaves the
# reproducer in build/fuzz/<target>-crash-*.
seconds=${1:-60}
shift
cd "$(dirname "$0")/.." || exit 1
status=0
for t in "$@"; do
	mkdir -p "build/fuzz/$t"
	if build/host/"$t" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="build/fuzz/$t-" "build/fuzz/$t" >"build/fuzz/$t.log" 2>&1; then
		echo "fuzz $t: $(grep -o 'Done [0-9]* runs' "build/fuzz/$t.log") in ${seconds}s, no findings"
	else
		echo "fuzz $t: FINDING (see build/fuzz/$t.log)"
		tail -30 "build/fuzz/$t.log"
		status=1
	fi
done
exit $status
