// SPDX-License-Identifier: BSD-3-Clause
/*
 * Memory-reservation scenarios of the test guest (GUEST_MEM_QUOTA; docs/abi/ffa-memory.md §6,
 * §12). Bits 15:8 choose the mode:
 * - QUOTA_CHECK: lend MEM_QUOTA_PER_CLIENT (8) pages to TEE A one by one, the ninth must get
 *   NO_MEMORY, TEE A writes one of them, everything is reclaimed. Prints
 *   "QUOTA lent=<n> ninth=<rc> written=<0|1> reclaimed=<n>".
 * - QUOTA_HOLD: the same eight lends, each retrieved and kept by TEE A with the test command
 *   TOS_MEM_HOLD, which outlives this guest (like a partition that keeps memory for a DMA):
 *   the guest stops at its limit with everything held. Prints "QUOTA held=<n> ninth=<rc>".
 * - QUOTA_HOSTILE_OPTEE: shares and lends pages to the TEE "vault", then makes random OP-TEE
 *   calls (yielding calls with random arguments and memory references to its shares, sessions
 *   to the vault TA, UNREGISTER_SHM, resumes) and random FF-A calls (no direct request outside
 *   the OP-TEE protocol, so no test command), and stops without cleaning up. Prints
 *   "HOSTILE_OPTEE calls=<n> shares=<n>".
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/optee_ffa.h>
#include <abi/optee_msg.h>
#include <abi/psci.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/hostile.h>
#include <lib/print.h>
#include <lib/string.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"

#define TEE_A		    0x8001
#define TEE_VAULT	    0x8002
#define QUOTA		    8 /* MEM_QUOTA_PER_CLIENT in hyp/include/hyp/mem_share.h */
#define PAGES		    (QUOTA + 1)
#define QUOTA_CHECK	    0
#define QUOTA_HOLD	    1
#define QUOTA_HOSTILE_OPTEE 2
#define HOSTILE_SHARES	    6
#define HOSTILE_ROUNDS	    1500

static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static uint8_t pool[PAGES][4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bufs = { tx_buf, rx_buf, sizeof(tx_buf) };
static ffa_id_t self;

static int32_t send_page(uint32_t fid, ffa_id_t to, unsigned page, uint64_t *handle)
{
	struct ffa_mem_grant g = { to, FFA_MEM_DATA_RW };
	struct ffa_mem_range r = { (uintptr_t)pool[page], 1 };
	uint16_t attr = fid == FFA_MEM_SHARE_32 ? FFA_MEM_ATTR_NORMAL_WB_INNER : 0;

	return ffa_mem_send(fid, &bufs, self, &g, 1, &r, 1, attr, 0, 0, 0, handle);
}

static struct ffa_value direct(ffa_id_t to, uint64_t w3, uint64_t w4, uint64_t w5, uint64_t w6,
			       uint64_t w7)
{
	struct ffa_value v = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, to), 0, w3, w4, w5,
				 w6, w7 } };

	return arch_hvc(v);
}

/*
 * TOS_CMD_MEM `op` on `handle` (lent by this guest) at TEE A, as a _64 request (the pattern is
 * in w4[63:32]); w6 of the answer, or < 0.
 */
static int32_t tee_a_mem(uint64_t handle, unsigned op, uint32_t pattern)
{
	struct ffa_value r = arch_hvc(
	    (struct ffa_value){ { FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(self, TEE_A), 0, handle,
				  TOS_CMD_MEM | op << 8 | (uint64_t)pattern << 32 } });

	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_64)
		return -100;
	return (int32_t)(uint32_t)r.x[6];
}

/* Lend QUOTA pages one by one (kept by TEE A if `hold`), then a ninth; returns how many. */
static unsigned lend_quota(uint64_t h[QUOTA], bool hold, int32_t *ninth)
{
	unsigned n = 0;
	uint64_t extra;

	for (unsigned i = 0; i < QUOTA; i++) {
		if (send_page(FFA_MEM_LEND_32, TEE_A, i, &h[n]))
			continue;
		if (!hold || tee_a_mem(h[n], TOS_MEM_HOLD, 0) == 0)
			n++;
	}
	*ninth = send_page(FFA_MEM_LEND_32, TEE_A, QUOTA, &extra);
	if (*ninth == 0)
		ffa_mem_reclaim(extra, 0);
	return n;
}

static void quota_check(void)
{
	uint64_t h[QUOTA];
	int32_t ninth;
	unsigned lent = lend_quota(h, false, &ninth), reclaimed = 0;
	bool written = lent && tee_a_mem(h[0], TOS_MEM_RW_WRITE, 0x5a) == 0;

	for (unsigned i = 0; i < lent; i++)
		reclaimed += ffa_mem_reclaim(h[i], 0) == 0;
	written = written && *(volatile uint32_t *)pool[0] == 0x5a;
	printk("QUOTA lent=%u ninth=%d written=%u reclaimed=%u\n", lent, (int)ninth,
	       (unsigned)written, reclaimed);
}

static void quota_hold(void)
{
	uint64_t h[QUOTA];
	int32_t ninth;
	unsigned held = lend_quota(h, true, &ninth);

	printk("QUOTA held=%u ninth=%d\n", held, (int)ninth);
}

/* ---- random OP-TEE and FF-A calls ---------------------------------------------------------- */

static uint64_t handles[HOSTILE_SHARES];
static uint32_t session;

static struct optee_msg_arg *arg_at(unsigned page, unsigned off)
{
	return (struct optee_msg_arg *)(pool[page] + off);
}

/* A handle of ours, now and then a random one. */
static uint64_t some_handle(struct hostile *h)
{
	uint64_t r = hostile_rand(h);

	return r % 8 ? handles[(r >> 8) % HOSTILE_SHARES] : (r >> 16) & 0xfff;
}

static void random_param(struct hostile *h, struct optee_msg_param *p)
{
	uint64_t r = hostile_rand(h);

	memset(p, 0, sizeof(*p));
	if (r % 3) {
		p->attr = OPTEE_MSG_ATTR_TYPE_FMEM_INPUT + (uint32_t)((r >> 8) % 3);
		optee_msg_fmem_set_offset(&p->u.fmem, (r >> 16) % 3 ? 0 : (r >> 20) % 8192);
		p->u.fmem.size = (r >> 32) % 5000;
		p->u.fmem.global_id = some_handle(h);
	} else {
		p->attr = (uint32_t)((r >> 8) % 4);
		p->u.value.a = hostile_rand(h);
	}
}

/* OPEN_SESSION to the vault TA (public login), or a random message on our session. */
static void fill_message(struct hostile *h, struct optee_msg_arg *m)
{
	static const uint8_t clock[8] = { 0x82, 0x08, 0x89, 0x5a, 0x86, 0xbb, 0xed, 0x78 };
	uint64_t r = hostile_rand(h);
	uint8_t o[16];

	memset(m, 0, OPTEE_MSG_GET_ARG_SIZE(4));
	if (!session || r % 16 == 0) {
		m->cmd = OPTEE_MSG_CMD_OPEN_SESSION;
		m->num_params = 2;
		optee_msg_uuid_to_octets(o, 0xfbf74d15, 0xafa7, 0x47ff, clock);
		m->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
		optee_msg_octets_to_value(o, &m->params[0].u.value);
		m->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
		m->params[1].u.value.c = OPTEE_MSG_LOGIN_PUBLIC;
		return;
	}
	m->cmd = (r >> 8) % 8 ? OPTEE_MSG_CMD_INVOKE_COMMAND : (uint32_t)((r >> 12) % 5);
	m->func = (uint32_t)((r >> 16) % 6);
	m->session = (r >> 20) % 8 ? session : (uint32_t)(r >> 24) % 4;
	m->num_params = (uint32_t)((r >> 28) % 5);
	for (unsigned i = 0; i < m->num_params; i++)
		random_param(h, &m->params[i]);
}

/* One random OP-TEE call to the vault: a yielding call, a resume, or UNREGISTER_SHM. */
static void random_optee_call(struct hostile *h)
{
	uint64_t r = hostile_rand(h), handle;
	/* Arguments in the shared pages (even); the lent ones (odd) are no longer ours. */
	unsigned page = 2 * (unsigned)((r >> 8) % (HOSTILE_SHARES / 2));
	unsigned off = (unsigned)((r >> 12) % 4) * 512;
	struct optee_msg_arg *m = arg_at(page, off);
	struct ffa_value a;

	switch (r % 8) {
	case 0:
		handle = some_handle(h);
		direct(TEE_VAULT, OPTEE_FFA_UNREGISTER_SHM, (uint32_t)handle, handle >> 32, 0, 0);
		return;
	case 1:
		direct(TEE_VAULT, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0,
		       0x7e000000u + (uint32_t)((r >> 8) % 5));
		return;
	default:
		fill_message(h, m);
		a = direct(TEE_VAULT, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)handles[page],
			   handles[page] >> 32, off, 0);
		if ((uint32_t)a.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && a.x[3] == 0 &&
		    m->cmd == OPTEE_MSG_CMD_OPEN_SESSION && m->ret == 0)
			session = m->session;
	}
}

static void hostile_optee(void)
{
	static const uint32_t never[] = { PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET,
					  FFA_MSG_SEND_DIRECT_REQ_32, FFA_MSG_SEND_DIRECT_REQ_64,
					  FFA_RXTX_UNMAP };
	struct hostile h = { .state = 0x51ed270b27ac1f3dull ^ self,
			     .exclude = never,
			     .exclude_count = sizeof(never) / sizeof(never[0]),
			     .use_hvc = true,
			     .self = self };
	unsigned shares = 0, calls = 0;

	for (unsigned i = 0; i < HOSTILE_SHARES; i++)
		shares += send_page(i % 2 ? FFA_MEM_LEND_32 : FFA_MEM_SHARE_32, TEE_VAULT, i,
				    &handles[i]) == 0;
	for (unsigned i = 0; i < HOSTILE_ROUNDS; i++, calls++) {
		uint32_t fid;

		if (hostile_rand(&h) % 4)
			random_optee_call(&h);
		else
			hostile_call(&h, &fid);
	}
	printk("HOSTILE_OPTEE calls=%u shares=%u\n", calls, shares);
}

void guest_mem_quota(ffa_id_t id, unsigned mode)
{
	self = id;
	if (ffa_rxtx_map(&bufs)) {
		printk("QUOTA: cannot map RX/TX\n");
		return;
	}
	if (mode == QUOTA_HOLD)
		quota_hold();
	else if (mode == QUOTA_HOSTILE_OPTEE)
		hostile_optee();
	else
		quota_check();
}
