// SPDX-License-Identifier: BSD-3-Clause
/* The test payloads' tally of named checks (tally.h). */
#include <lib/print.h>

#include "tally.h"

void tally_check(struct tally *t, const char *name, bool ok, uint64_t got)
{
	t->checks++;
	if (ok) {
		printk("CHECK %s%s: PASS\n", t->prefix, name);
		return;
	}
	t->failures++;
	printk("CHECK %s%s: FAIL (got 0x%lx)\n", t->prefix, name, (unsigned long)got);
}
