// SPDX-License-Identifier: BSD-3-Clause
/*
 * SMCCC register rules as a guest sees them (docs/abi/ffa.md "Register rules"): the guest fills
 * x1-x17 with patterns, makes a call by HVC or by a trapped SMC, and checks every register
 * afterwards. SMCCC/PSCI answers and SMC_UNK write x0 only (SMCCC v1.1+: x4-x17 preserved, and
 * x1-x3 for calls with one result); FF-A answers write x0-x7 with unused result registers zero
 * and leave x8-x17 alone. Both nshyp's C handlers and its fast path (PSCI_VERSION,
 * SMCCC_VERSION, FFA_ID_GET, direct requests) are covered. Prints "CHECK regs_<name>: PASS/FAIL".
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <abi/smccc.h>
#include <lib/print.h>
#include <stdbool.h>

#include "../../../guest/guest.h"

#define NREGS 18

static unsigned failures;

/* x0-x17 in, x0-x17 out, through `hvc #0` or `smc #0`; the base pointer stays in a register
 * the call does not use (x0-x17 are clobbered, so the compiler picks another). */
#define RAW_CALL(insn)                                                                             \
	__asm__ volatile("ldp x0, x1, [%0]\n ldp x2, x3, [%0, #16]\n ldp x4, x5, [%0, #32]\n"      \
			 "ldp x6, x7, [%0, #48]\n ldp x8, x9, [%0, #64]\n"                         \
			 "ldp x10, x11, [%0, #80]\n ldp x12, x13, [%0, #96]\n"                     \
			 "ldp x14, x15, [%0, #112]\n ldp x16, x17, [%0, #128]\n" insn "\n"         \
			 "stp x0, x1, [%0]\n stp x2, x3, [%0, #16]\n stp x4, x5, [%0, #32]\n"      \
			 "stp x6, x7, [%0, #48]\n stp x8, x9, [%0, #64]\n"                         \
			 "stp x10, x11, [%0, #80]\n stp x12, x13, [%0, #96]\n"                     \
			 "stp x14, x15, [%0, #112]\n stp x16, x17, [%0, #128]\n"                   \
			 :                                                                         \
			 : "r"(r)                                                                  \
			 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",      \
			   "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory")

static __attribute__((noinline)) void raw_call(uint64_t r[NREGS], bool smc)
{
	if (smc)
		RAW_CALL("smc #0");
	else
		RAW_CALL("hvc #0");
}

/* Pattern of register i for call number n: never 0, never a valid ID or flag. */
static uint64_t pattern(unsigned n, unsigned i)
{
	return 0xa5a5000000000000ull | ((uint64_t)n << 32) | (0x5a00u + i);
}

/*
 * Make call `fid` with the given x1 (x2-x17 patterns), and check: x0 == want_x0; registers
 * 1..last_written follow the FF-A zero rule (0, except x2 == want_x2 when want_x2 is not ~0);
 * every register above last_written is what the guest put there.
 */
static void check_call(const char *name, bool smc, uint64_t fid, uint64_t x1, uint64_t want_x0,
		       unsigned last_written, uint64_t want_x2)
{
	static unsigned n;
	uint64_t in[NREGS], r[NREGS];
	bool ok;
	unsigned bad = 0;

	n++;
	for (unsigned i = 0; i < NREGS; i++)
		in[i] = r[i] = pattern(n, i);
	in[0] = r[0] = fid;
	in[1] = r[1] = x1;
	raw_call(r, smc);
	ok = r[0] == want_x0;
	for (unsigned i = 1; ok && i < NREGS; i++) {
		uint64_t want =
		    i > last_written ? in[i] : (i == 2 && want_x2 != ~0ull ? want_x2 : 0);

		if (r[i] != want) {
			ok = false;
			bad = i;
		}
	}
	if (ok) {
		printk("CHECK regs_%s_%s: PASS\n", name, smc ? "smc" : "hvc");
		return;
	}
	failures++;
	printk("CHECK regs_%s_%s: FAIL (x0=0x%lx, x%u=0x%lx, was 0x%lx)\n", name,
	       smc ? "smc" : "hvc", (unsigned long)r[0], bad, (unsigned long)r[bad],
	       (unsigned long)in[bad]);
}

/* A direct request through the fast path: x0-x7 are the partition's answer, x8-x17 untouched. */
static void check_direct(ffa_id_t self, ffa_id_t tee, bool smc)
{
	uint64_t in[NREGS], r[NREGS];
	bool ok;

	for (unsigned i = 0; i < NREGS; i++)
		in[i] = r[i] = pattern(99, i);
	in[0] = r[0] = FFA_MSG_SEND_DIRECT_REQ_32;
	in[1] = r[1] = ffa_msg_ids(self, tee);
	in[2] = r[2] = 0;
	in[3] = r[3] = 12; /* w3 >= 4: not an OP-TEE call; the TOS answers w3 * w3 */
	in[4] = r[4] = 0;  /* no test command */
	raw_call(r, smc);
	ok = (uint32_t)r[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r[3] == 144;
	for (unsigned i = 8; i < NREGS; i++)
		ok = ok && r[i] == in[i];
	if (!ok)
		failures++;
	printk("CHECK regs_direct_req_%s: %s (x0=0x%lx x3=%lu)\n", smc ? "smc" : "hvc",
	       ok ? "PASS" : "FAIL", (unsigned long)r[0], (unsigned long)r[3]);
}

void guest_smccc_regs(ffa_id_t self, ffa_id_t tee)
{
	static const uint64_t keep = ~0ull;
	const uint64_t unk = SMCCC_UNKNOWN;

	for (int smc = 0; smc < 2; smc++) {
		/* SMCCC and PSCI: x0 only, so registers 1-17 keep the guest's values. */
		check_call("psci_version", smc, PSCI_VERSION, 0x1234, PSCI_VERSION_1_1, 0, keep);
		check_call("psci_features", smc, PSCI_FEATURES, PSCI_VERSION, 0, 0, keep);
		check_call("psci_features_unknown", smc, PSCI_FEATURES, 0x8400001f,
			   (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED, 0, keep);
		check_call("smccc_version", smc, SMCCC_VERSION, 0x1234, SMCCC_VERSION_1_2, 0, keep);
		check_call("smccc_arch_features", smc, SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0, 0,
			   keep);
		check_call("unknown_sip", smc, 0x82000010, 0x1234, unk, 0, keep);
		check_call("unknown_oem", smc, 0xc3000001, 0x1234, unk, 0, keep);
		check_call("unknown_arch", smc, 0x80007fff, 0x1234, unk, 0, keep);
		/* FF-A: x0-x7 written, unused results zero; x8-x17 kept. */
		check_call("ffa_version", smc, FFA_VERSION, FFA_VERSION_1_1, FFA_VERSION_1_1, 7,
			   keep);
		check_call("ffa_id_get", smc, FFA_ID_GET, 0, FFA_SUCCESS_32, 7, self);
		check_call("ffa_unknown", smc, 0x840000fe, 0, FFA_ERROR, 7,
			   (uint32_t)FFA_RET_NOT_SUPPORTED);
		check_direct(self, tee, smc);
	}
	printk("smccc register rules: %u failures\n", failures);
}
