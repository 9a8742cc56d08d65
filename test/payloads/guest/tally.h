/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The test payloads' tally of named checks: each prints one line
 * "CHECK <prefix><name>: PASS" or "... FAIL (got 0x...)", which the system tests match, and is
 * counted for the suite's summary line.
 */
#ifndef TEST_PAYLOAD_TALLY_H
#define TEST_PAYLOAD_TALLY_H

#include <stdbool.h>
#include <stdint.h>

struct tally {
	const char *prefix; /* of every check's name, e.g. "mem_" */
	unsigned checks, failures;
};

void tally_check(struct tally *t, const char *name, bool ok, uint64_t got);

#endif /* TEST_PAYLOAD_TALLY_H */
