// SPDX-License-Identifier: BSD-3-Clause
/*
 * State-survival scenario of the test guest: many direct requests, alternating
 * between the two TEEs and between HVC and a trapped SMC, each made with
 * x8-x30 set to known patterns; our EL1 registers (PAC keys included) hold
 * patterns too. After each call the guest checks its GPRs, the answer, and
 * what the TEE reports about its own GPRs, EL1 registers and the SPMC's EL2
 * state; every tenth call it checks its EL1 registers, makes a call nshyp
 * answers in its general handler (GPRs checked too) and asks nshyp to check
 * its EL2 state.
 * Prints one summary line, which the system test requires to be all zeros.
 */
#include <abi/hypcall.h>
#include <arch/smc.h>
#include <lib/print.h>
#include <payload/state_check.h>

#include "../../../guest/guest.h"

void guest_state_check(ffa_id_t self, unsigned iterations)
{
	uint64_t seed = 0x9e50000000000000ull | ((uint64_t)self << 32);
	uint64_t gprs_bad = 0, el1_bad = 0, hyp_bad = 0, tee_bad = 0;
	unsigned wrong = 0;

	arch_el1_state_fill(seed);
	arch_el1_pac_fill(seed);
	/* w3 starts at 4: 0..3 are OP-TEE FF-A calls, not the diagnostic protocol (docs/tos.md). */
	for (unsigned i = 4; i < iterations + 4; i++) {
		ffa_id_t tee = (i & 1) ? 0x8002 : 0x8001;
		struct ffa_value v = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, tee), 0,
					 i } };

		gprs_bad |=
		    (i & 2) ? arch_smc_check_gprs(&v, seed + i) : arch_hvc_check_gprs(&v, seed + i);
		if ((uint32_t)v.x[0] != FFA_MSG_SEND_DIRECT_RESP_32 || v.x[3] != (uint64_t)i * i ||
		    ffa_msg_sender(v.x[1]) != tee)
			wrong++;
		tee_bad |= v.x[6] | v.x[7];
		if (i % 10 == 9) {
			struct ffa_value hyp = { { HYPCALL_STATE_CHECK } };
			struct ffa_value feat = { { FFA_FEATURES, FFA_RUN } };

			/* nshyp's general handler (not a fast path) keeps x8-x30 too. */
			gprs_bad |= (i & 2) ? arch_smc_check_gprs(&feat, seed - i)
					    : arch_hvc_check_gprs(&feat, seed - i);
			if ((uint32_t)feat.x[0] != FFA_SUCCESS_32)
				wrong++;

			el1_bad |= arch_el1_state_check(seed) | arch_el1_pac_check(seed);
			hyp_bad |= arch_hvc(hyp).x[0];
		}
	}
	printk("STATE iterations=%u wrong_answers=%u gprs_bad=0x%lx el1_bad=0x%lx hyp_bad=0x%lx "
	       "tee_bad=0x%lx\n",
	       iterations, wrong, (unsigned long)gprs_bad, (unsigned long)el1_bad,
	       (unsigned long)hyp_bad, (unsigned long)tee_bad);
}
