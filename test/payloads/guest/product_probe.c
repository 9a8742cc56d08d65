// SPDX-License-Identifier: BSD-3-Clause
/*
 * Probe of a product trusted OS (scenario GUEST_PRODUCT_PROBE, test system
 * product_probe): this guest sends TEEs "pay" (0x8001) and "vault" (0x8002)
 * every request that is a test command of the diagnostic protocol in a test
 * build (tos/tos.h: SELFTEST, MEM with RO_WRITE and HOLD on a page it shared,
 * YIELD, MISBEHAVE, FORGET_ME, LEND_MANY, CALL_OTHER) around real GP calls.
 * A product TEE must answer each with the OP-TEE FF-A ABI's error for an
 * unknown function (w3 = FFA_RET_NOT_SUPPORTED, w4-w7 = 0), run none of it
 * (the shared pages come back at once: nothing retrieved or held), and keep
 * serving: the wallet session opened before still signs afterwards, and the
 * next guest's demo app works. It also checks that the product nshyp has no
 * test hypercall (HYPCALL_STATE_CHECK answers -1). Prints "CHECK probe_<name>: PASS/FAIL".
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>
#include <lib/string.h>
#include <ta_vault.h>
#include <ta_wallet.h>
#include <tee_client_api.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"

#define PAY   0x8001
#define VAULT 0x8002

static const TEEC_UUID wallet_uuid = TA_WALLET_UUID;
static const TEEC_UUID vault_uuid = TA_VAULT_UUID;
static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static uint8_t page[4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bufs = { tx_buf, rx_buf, sizeof(tx_buf) };
static unsigned checks, failures;
static ffa_id_t self;

/* "CHECK probe_<name><suffix>: PASS/FAIL". */
static void check2(const char *name, const char *suffix, bool ok, uint64_t got)
{
	checks++;
	if (ok) {
		printk("CHECK probe_%s%s: PASS\n", name, suffix);
		return;
	}
	failures++;
	printk("CHECK probe_%s%s: FAIL (got 0x%lx)\n", name, suffix, (unsigned long)got);
}

static void check(const char *name, bool ok, uint64_t got)
{
	check2(name, "", ok, got);
}

/* A diagnostic-protocol request (w3 = 7, not an OP-TEE function) carrying test command w4. */
static struct ffa_value probe(uint32_t fid, ffa_id_t tee, uint64_t w3, uint64_t w4)
{
	struct ffa_value v = { { fid, ffa_msg_ids(self, tee), 0, w3, w4 } };

	return arch_hvc(v);
}

/* The OP-TEE FF-A ABI's answer to an unknown function, from `tee`, of the request's width. */
static bool not_supported(struct ffa_value r, ffa_id_t tee, uint32_t resp_fid)
{
	return (uint32_t)r.x[0] == resp_fid && r.x[1] == ffa_msg_ids(tee, self) && r.x[2] == 0 &&
	       (uint32_t)r.x[3] == (uint32_t)FFA_RET_NOT_SUPPORTED && !r.x[4] && !r.x[5] &&
	       !r.x[6] && !r.x[7];
}

static void expect_refused(const char *name, const char *suffix, ffa_id_t tee, uint64_t w3,
			   uint64_t w4)
{
	struct ffa_value r = probe(FFA_MSG_SEND_DIRECT_REQ_32, tee, w3, w4);

	check2(name, suffix, not_supported(r, tee, FFA_MSG_SEND_DIRECT_RESP_32), r.x[0] ^ r.x[3]);
}

/* Share `page` with `tee` (read-only), ask for test command MEM `op` on it, take it back. */
static void memory_probe(const char *name, ffa_id_t tee, unsigned op)
{
	struct ffa_mem_grant g = { tee, FFA_MEM_DATA_RO };
	struct ffa_mem_range range = { (uintptr_t)page, 1 };
	uint64_t h = 0;

	*(volatile uint64_t *)page = 0x600d;
	check2(name, "_shared",
	       ffa_mem_send(FFA_MEM_SHARE_32, &bufs, self, &g, 1, &range, 1,
			    FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &h) == 0,
	       h);
	expect_refused(name, "", tee, h, TOS_CMD_MEM | op << 8 | (uint64_t)0xbad << 32);
	/* Nothing retrieved, nothing held: the page comes back at once, unchanged. */
	check2(name, "_reclaimed",
	       ffa_mem_reclaim(h, 0) == 0 && *(volatile uint64_t *)page == 0x600d, h);
}

/* The test commands that use memory, from this guest's own buffer pair (before libteec's). */
static void memory_probes(void)
{
	check("rxtx_map", ffa_rxtx_map(&bufs) == 0, 0);
	memory_probe("mem_ro_write_pay", PAY, TOS_MEM_RO_WRITE);
	memory_probe("mem_hold_pay", PAY, TOS_MEM_HOLD);
	memory_probe("mem_ro_write_vault", VAULT, TOS_MEM_RO_WRITE);
	memory_probe("mem_hold_vault", VAULT, TOS_MEM_HOLD);
	check("rxtx_unmap",
	      (uint32_t)arch_hvc((struct ffa_value){ { FFA_RXTX_UNMAP } }).x[0] == FFA_SUCCESS_32,
	      0);
}

/* The product nshyp has no test hypercall: HYPCALL_STATE_CHECK is an unknown ID (-1). */
static void hypcall_probe(void)
{
	struct ffa_value r = arch_hvc((struct ffa_value){ { HYPCALL_STATE_CHECK } });

	check("hypcall_state_check_unknown", r.x[0] == SMCCC_UNKNOWN, r.x[0]);
}

/* The test commands that use no memory of ours, to one TEE. */
static void command_probes(ffa_id_t tee, const char *suffix)
{
	static const struct {
		const char *name;
		uint64_t w4;
	} cmds[] = {
		{ "selftest", TOS_CMD_SELFTEST },
		{ "yield", TOS_CMD_YIELD },
		{ "misbehave", TOS_CMD_MISBEHAVE },
		{ "forget_me", TOS_CMD_FORGET_ME },
		{ "call_other", TOS_CMD_CALL_OTHER },
		{ "lend_many", TOS_CMD_MEM | TOS_MEM_LEND_MANY << 8 | 8ull << 32 },
		{ "reclaim_all", TOS_CMD_MEM | TOS_MEM_RECLAIM_ALL << 8 },
		{ "square", 0 },
	};
	struct ffa_value r;

	/* LEND_MANY's borrower travels in w3: the other TEE. */
	for (unsigned i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		expect_refused(cmds[i].name, suffix, tee, tee == PAY ? VAULT : PAY, cmds[i].w4);
	r = probe(FFA_MSG_SEND_DIRECT_REQ_64, tee, 6, 0);
	check2("unknown_64", suffix, not_supported(r, tee, FFA_MSG_SEND_DIRECT_RESP_64), r.x[0]);
}

static bool sign(TEEC_Session *s, const char *msg)
{
	uint8_t tag[WALLET_TAG_SIZE];
	TEEC_Operation op = { 0 };
	uint32_t origin;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)msg;
	op.params[0].tmpref.size = strlen(msg);
	op.params[1].tmpref.buffer = tag;
	op.params[1].tmpref.size = sizeof(tag);
	return TEEC_InvokeCommand(s, TA_WALLET_CMD_SIGN_PAYMENT, &op, &origin) == TEEC_SUCCESS;
}

static bool vault_opens(TEEC_Context *ctx)
{
	TEEC_Session s;
	uint32_t origin;

	if (TEEC_OpenSession(ctx, &s, &vault_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin) !=
	    TEEC_SUCCESS)
		return false;
	TEEC_CloseSession(&s);
	return true;
}

void guest_product_probe(ffa_id_t id)
{
	TEEC_Context pay, vault;
	TEEC_Session wallet;
	uint32_t origin;
	bool open;

	self = id;
	hypcall_probe();
	memory_probes();
	/* Real GP calls first: both TEEs have mapped their RX/TX buffers and hold our pages. */
	check("gp_contexts",
	      TEEC_InitializeContext("pay", &pay) == TEEC_SUCCESS &&
		  TEEC_InitializeContext("vault", &vault) == TEEC_SUCCESS,
	      0);
	open = TEEC_OpenSession(&pay, &wallet, &wallet_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
				&origin) == TEEC_SUCCESS;
	check("gp_wallet_session", open, origin);
	check("gp_sign_before", open && sign(&wallet, "pay 1.00 EUR to Bob"), 0);
	check("gp_vault_before", vault_opens(&vault), 0);
	command_probes(PAY, "_pay");
	command_probes(VAULT, "_vault");
	/* The TEEs serve on: the same session (FORGET_ME dropped nothing), buffers intact. */
	check("gp_sign_after", open && sign(&wallet, "pay 2.00 EUR to Bob"), 0);
	check("gp_vault_after", vault_opens(&vault), 0);
	if (open)
		TEEC_CloseSession(&wallet);
	TEEC_FinalizeContext(&pay);
	TEEC_FinalizeContext(&vault);
	printk("product probe: %u checks, %u failed\n", checks, failures);
}
