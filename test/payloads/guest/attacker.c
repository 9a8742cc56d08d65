// SPDX-License-Identifier: BSD-3-Clause
/*
 * The hostile clients of the regression system `hostile_client` (scenario
 * GUEST_ATTACKER, issue 10): guests that run every attack of the isolation
 * review against product images, then stop without cleaning up. The system
 * test compares what the well-behaved guests after them see with a run in
 * which they do nothing (`hostile_client_baseline`): it must be the same.
 *
 * Two attacker guests share the attacks (bit 8 of the scenario picks the
 * part), so that no attack runs on what another has already used up of the
 * guest's own quotas. Part 0, in an order that lets each attack own the
 * guest's one RX/TX pair, twice over:
 *   1. EL1 registers another guest could inherit: PAC keys, debug, PMU
 *      (test/payloads/guest/leak_probe.c);
 *   2. stage-2 table drain: a page lent and reclaimed, and one shared, in
 *      every 2 MiB block (test/payloads/guest/s2_drain.c; needs the system's 128 MiB window);
 *   3. SMCCC register rules (test/payloads/guest/smccc_regs.c);
 *   4. random calls over every function-ID range (test/payloads/guest/hostile.c);
 *   then once:
 *   5. shares and lends left with a TEE, random OP-TEE calls on them
 *      (test/payloads/guest/mem_quota.c, hostile mode);
 * Part 1:
 *   6. every former test command of the trusted OS (test/payloads/guest/product_probe.c);
 *   7. exhaustion through the GP Client API: sessions, calls, shared memory
 *      in many 2 MiB regions, the vault's quota, the wallet's counters.
 */
#include <abi/ffa.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <lib/print.h>
#include <lib/string.h>
#include <ta_vault.h>
#include <ta_wallet.h>
#include <tee_client_api.h>

#include "../../../guest/guest.h"

#define WINDOW_IPA   0x40000000ull
#define BLOCK	     0x200000ull
#define SHM_REGIONS  24	 /* more than any per-client share or stage-2 reserve */
#define SHM_PAGE     511 /* the last page of a block: s2_drain lends the first ones */
#define MAX_SESSIONS 20	 /* more than the trusted OS's per-client cap */
#define SIGNATURES   40
#define ROUNDS	     2

static const TEEC_UUID wallet_uuid = TA_WALLET_UUID;
static const TEEC_UUID vault_uuid = TA_VAULT_UUID;
/* Static: the contexts, sessions and shared memory are never released (the guest just stops). */
static TEEC_Context pay, vault;
static TEEC_Session sessions[2 * MAX_SESSIONS];
static TEEC_SharedMemory shms[SHM_REGIONS];
static uint8_t tag[WALLET_TAG_SIZE];

static unsigned open_all(TEEC_Context *c, const TEEC_UUID *uuid, TEEC_Session *s)
{
	unsigned n = 0;
	uint32_t origin;

	while (n < MAX_SESSIONS && TEEC_OpenSession(c, &s[n], uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
						    &origin) == TEEC_SUCCESS)
		n++;
	return n;
}

static TEEC_Result sign(TEEC_Session *s, void *msg, size_t len, TEEC_SharedMemory *shm)
{
	TEEC_Operation op = { 0 };

	op.paramTypes = TEEC_PARAM_TYPES(shm ? TEEC_MEMREF_WHOLE : TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_OUTPUT, TEEC_NONE);
	if (shm) {
		op.params[0].memref.parent = shm;
	} else {
		op.params[0].tmpref.buffer = msg;
		op.params[0].tmpref.size = len;
	}
	op.params[1].tmpref.buffer = tag;
	op.params[1].tmpref.size = sizeof(tag);
	return TEEC_InvokeCommand(s, TA_WALLET_CMD_SIGN_PAYMENT, &op, NULL);
}

/* Registered memory in a new 2 MiB region each, each used once so that the TEE retrieves it. */
static unsigned share_regions(TEEC_Session *wallet, unsigned *used)
{
	unsigned n = 0;

	for (unsigned b = 1; b <= SHM_REGIONS; b++) {
		TEEC_SharedMemory *m = &shms[n];
		uint8_t *page = (uint8_t *)(uintptr_t)(WINDOW_IPA + b * BLOCK + SHM_PAGE * 4096ull);

		page[0] = 'p';
		m->buffer = page;
		m->size = 64;
		m->flags = TEEC_MEM_INPUT;
		if (TEEC_RegisterSharedMemory(&pay, m) != TEEC_SUCCESS)
			continue;
		n++;
		*used += sign(wallet, NULL, 0, m) == TEEC_SUCCESS;
	}
	return n;
}

/* Fill the vault with blobs until it refuses. */
static unsigned fill_vault(TEEC_Session *s)
{
	static char name[8] = "blob-00";
	static uint8_t blob[1024];
	unsigned n = 0;

	for (unsigned i = 0; i < 2 * VAULT_MAX_BLOBS; i++) {
		TEEC_Operation op = { 0 };

		name[5] = (char)('0' + i / 10);
		name[6] = (char)('0' + i % 10);
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_INPUT,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].tmpref.buffer = name;
		op.params[0].tmpref.size = 7;
		op.params[1].tmpref.buffer = blob;
		op.params[1].tmpref.size = sizeof(blob);
		if (TEEC_InvokeCommand(s, TA_VAULT_CMD_STORE, &op, NULL) != TEEC_SUCCESS)
			break;
		n++;
	}
	return n;
}

static void exhaust_tees(void)
{
	unsigned wallets, vaults, regions, used = 0, signed_ok = 0, blobs = 0;
	static char msg[] = "pay 0.01 EUR to the attacker";

	if (TEEC_InitializeContext("pay", &pay) != TEEC_SUCCESS ||
	    TEEC_InitializeContext("vault", &vault) != TEEC_SUCCESS) {
		printk("attack: no GP contexts\n");
		return;
	}
	wallets = open_all(&pay, &wallet_uuid, sessions);
	vaults = open_all(&vault, &vault_uuid, sessions + MAX_SESSIONS);
	for (unsigned i = 0; wallets && i < SIGNATURES; i++)
		signed_ok += sign(&sessions[0], msg, sizeof(msg) - 1, NULL) == TEEC_SUCCESS;
	regions = wallets ? share_regions(&sessions[0], &used) : 0;
	if (vaults)
		blobs = fill_vault(&sessions[MAX_SESSIONS]);
	printk("attack: %u wallet and %u vault sessions, %u signatures, %u blobs, %u shared "
	       "regions (%u used); all left open\n",
	       wallets, vaults, signed_ok, blobs, regions, used);
}

static void rxtx_unmap(void)
{
	arch_hvc((struct ffa_value){ { FFA_RXTX_UNMAP } });
}

/* Attacks 1-5: registers, memory and calls, each with the whole of this guest's own quotas. */
static void attack_platform(ffa_id_t self)
{
	for (unsigned r = 1; r <= ROUNDS; r++) {
		printk("attack: round %u: EL1 registers\n", r);
		guest_leak_probe(self, 0);
		printk("attack: round %u: stage-2 drain\n", r);
		guest_s2_drain(self, 63 | 1 << 8);
		rxtx_unmap();
		printk("attack: round %u: SMCCC register rules\n", r);
		guest_smccc_regs(self, 0x8001);
		printk("attack: round %u: random calls\n", r);
		guest_hostile(self, 1000);
		rxtx_unmap(); /* whatever the random calls mapped */
	}
	printk("attack: shares left with a TEE, random OP-TEE calls\n");
	guest_mem_quota(self, 2);
}

/* Attacks 6-7: the trusted OSes and their TAs. */
static void attack_tees(ffa_id_t self)
{
	printk("attack: test commands\n");
	guest_product_probe(self);
	printk("attack: exhausting the TEEs through the GP Client API\n");
	exhaust_tees();
}

void guest_attacker(ffa_id_t self, unsigned part)
{
	if (part)
		attack_tees(self);
	else
		attack_platform(self);
	printk("attack: done; stopping with everything still held\n");
}
