// SPDX-License-Identifier: BSD-3-Clause
/*
 * Hostile scenario of the test guest: thousands of random and malformed SMC
 * and HVC calls over every function-ID range, with random arguments and bad
 * buffer addresses. Every result must be one the ABIs define, and a valid
 * direct request to TEE A, made every 50 calls, must keep succeeding.
 * Prints one summary line the system test checks.
 */
#include <abi/psci.h>
#include <arch/smc.h>
#include <lib/hostile.h>
#include <lib/print.h>

#include "../../../guest/guest.h"

static uint8_t scratch[2 * 4096] __attribute__((aligned(4096)));

static const uint32_t never_issue[] = { PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET };

/* Resume a partition that yielded inside one of our random requests, then send a valid one. */
static bool well_behaved_request(ffa_id_t self, ffa_id_t *yielded, unsigned n)
{
	struct ffa_value r;

	while (*yielded) {
		struct ffa_value run = { { FFA_RUN, (uint64_t)*yielded << 16 } };

		r = arch_hvc(run);
		if ((uint32_t)r.x[0] != FFA_YIELD)
			*yielded = 0;
	}
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, 0x8001), 0, n } };
	r = arch_hvc(req);
	return (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == (uint64_t)n * n;
}

struct hostile_guest {
	ffa_id_t self;
	ffa_id_t yielded;
	unsigned answered, ok, failed;
};

/* After each random call: note a yield or a TEE's answer; every 50 calls, a valid request. */
static void after_call(void *ctx, const struct ffa_value *r, unsigned i)
{
	struct hostile_guest *g = ctx;

	if ((uint32_t)r->x[0] == FFA_YIELD)
		g->yielded = ffa_msg_sender(r->x[1]);
	if (ffa_is_direct_resp(r->x[0]))
		g->answered++;
	if (i % 50 == 0) {
		if (well_behaved_request(g->self, &g->yielded, i))
			g->ok++;
		else
			g->failed++;
	}
}

void guest_hostile(ffa_id_t self, unsigned calls)
{
	const uint64_t addrs[] = {
		0,
		0x0e000000,
		0x0e100000,
		0x40600000,
		(uintptr_t)scratch,
		(uintptr_t)scratch + 4096,
		(uintptr_t)scratch + 8,
		0x09040000,
		0xfffffffffffff000ull,
		0x0000ffffffff0000ull,
	};
	struct hostile h = { .state = 0x9e3779b97f4a7c15ull ^ self,
			     .exclude = never_issue,
			     .exclude_count = 2,
			     .addrs = addrs,
			     .addr_count = sizeof(addrs) / sizeof(addrs[0]),
			     .use_hvc = true,
			     .self = self };
	struct hostile_guest g = { .self = self };
	unsigned undefined = hostile_run(&h, calls, after_call, &g);

	printk("HOSTILE calls=%u undefined=%u answered_by_a_tee=%u well_behaved_ok=%u "
	       "well_behaved_failed=%u\n",
	       calls, undefined, g.answered, g.ok, g.failed);
}
