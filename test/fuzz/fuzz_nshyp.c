// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for nshyp's guest-call handling (hyp/role/nshyp/guest_calls.c
 * with the RX/TX and discovery code of hyp/core/rxtx.c, and the OP-TEE SMC ABI
 * mediator of optee_mediator.c for the guest's OP-TEE window): the input is a
 * stream of guest calls, bytes the guest writes into its window (arguments),
 * and what the secure world answers each forwarded call, including bytes a
 * TEE writes over the argument slot. After every call: the guest's buffers
 * stay inside its own memory, only IDs the binding allows were forwarded, the
 * sender was always the guest's own ID, every result is one the ABIs define,
 * OP-TEE SMC answers keep x4-x17, the mediator page stays out of the guest's
 * stage 2 and every call in flight has its argument in the guest's part of
 * the window.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <abi/optee_ffa.h>
#include <abi/optee_smc.h>
#include <abi/smccc.h>

#include "../../hyp/role/nshyp/nshyp.h"
#include "fuzz_input.h"

#define VM_MEM (64 * 1024)
#define VM_IPA 0x40000000ull
#define SHM    (16 * 1024) /* the OP-TEE window: the top 4 pages, the first one nshyp's */
#define WIN    (VM_IPA + VM_MEM - SHM)

static struct fuzz_input in;
static uint8_t vm_mem[VM_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[16] __attribute__((aligned(4096)));
static struct guest g;

const struct sys_sp nshyp_sps[] = {
	{ .name = "A", .ffa_id = 0x8001, .uuid = { 1 }, .properties = 0x103 },
	{ .name = "B", .ffa_id = 0x8002, .uuid = { 2 }, .properties = 0x103 },
};
const unsigned nshyp_sp_count = 2;
static struct sys_vm vm_cfg = { .name = "guest1",
				.vm_id = 1,
				.optee_shm_size = SHM,
				.allowed_sp = { 0x8001 },
				.allowed_sp_count = 1 };
static bool starting; /* the mediator probes the TEE: answer as an OP-TEE FF-A TEE */
const struct sys_vm nshyp_vms[1];
const unsigned nshyp_vm_count = 1;

static const uint32_t guest_fids[] = {
	FFA_MSG_SEND_DIRECT_REQ_32,
	FFA_MSG_SEND_DIRECT_REQ_64,
	FFA_RUN,
	FFA_RXTX_MAP_64,
	FFA_RXTX_MAP_32,
	FFA_RXTX_UNMAP,
	FFA_RX_RELEASE,
	FFA_PARTITION_INFO_GET,
	FFA_VERSION,
	FFA_FEATURES,
	FFA_ID_GET,
	FFA_MSG_WAIT,
	0x84000000u,
	0x84000008u,
	0x8400000au,
	0x80000000u,
	0xb2000000u,
	OPTEE_SMC_CALLS_UID,
	OPTEE_SMC_EXCHANGE_CAPABILITIES,
	OPTEE_SMC_GET_SHM_CONFIG,
	OPTEE_SMC_DISABLE_SHM_CACHE,
	OPTEE_SMC_CALL_WITH_ARG,
	OPTEE_SMC_CALL_WITH_ARG,
	OPTEE_SMC_CALL_WITH_ARG,
	OPTEE_SMC_CALL_RETURN_FROM_RPC,
	OPTEE_SMC_CALL_RETURN_FROM_RPC,
};

unsigned arch_enter_lower(struct arch_regs *regs)
{
	(void)regs;
	abort(); /* guest_calls.c never runs a vCPU itself */
}

/*
 * The "secure world": must only ever see requests from VM 1 to partition A, and VM 1's own
 * notification calls (BIND/UNBIND/SET name it at one end, GET as the receiver).
 */
void nshyp_forward(struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	if (ffa_is_direct_req(fid)) {
		assert(ffa_msg_sender(m->x[1]) == 1 && ffa_msg_receiver(m->x[1]) == 0x8001);
		assert(m->x[1] >> 32 == 0);
	} else if (ffa_is_notification(fid)) {
		assert(fid == FFA_NOTIFICATION_GET
			   ? (uint16_t)m->x[1] == 1
			   : ffa_msg_sender(m->x[1]) == 1 || ffa_msg_receiver(m->x[1]) == 1);
	} else {
		assert(fid == FFA_RUN && (m->x[1] >> 16) == 0x8001);
	}
	if (starting) {
		*m = (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(0x8001, 1), 0,
					   (uint32_t)m->x[3] == OPTEE_FFA_GET_API_VERSION, 0,
					   OPTEE_FFA_SEC_CAP_ARG_OFFSET } };
		return;
	}
	/* A TEE may write anything into the argument slot it was given. */
	if (ffa_is_direct_req(fid) && (uint32_t)m->x[3] == OPTEE_FFA_YIELDING_CALL_WITH_ARG &&
	    (uint32_t)m->x[6] < SYS_OPTEE_MEDIATOR_SIZE && fuzz_take(&in, 1) % 2) {
		uint32_t off =
		    (uint32_t)m->x[6] + (uint32_t)fuzz_take(&in, 1) % OPTEE_MED_SLOT_SIZE;

		*(uint64_t *)(vm_mem + (WIN - VM_IPA) + (off & ~7u)) = fuzz_take(&in, 8);
	}
	switch (fuzz_take(&in, 1) % 6) {
	case 0:
		*m = (struct ffa_value){ { FFA_YIELD, 0x8001u << 16 } };
		break;
	case 1:
		*m = ffa_error(-(int32_t)(1 + fuzz_take(&in, 1) % 9));
		break;
	case 2:
		*m = (struct ffa_value){ { FFA_INTERRUPT, 0x8001u << 16 } };
		break;
	case 3: /* an OP-TEE FF-A answer: error, DONE, RPC, INTERRUPT + resume info */
		*m = (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(0x8001, 1), 0,
					   fuzz_take(&in, 1) % 3 ? 0 : (uint32_t)FFA_RET_BUSY,
					   fuzz_take(&in, 1) % 3, 0, 0, fuzz_take(&in, 4) } };
		break;
	default:
		*m = (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(0x8001, 1) } };
		break;
	}
}

static uint64_t arg(void)
{
	switch (fuzz_take(&in, 1) % 4) {
	case 0:
		return VM_IPA + (fuzz_take(&in, 2) << 12) % (2 * VM_MEM);
	case 1:
		return ffa_msg_ids((uint16_t)fuzz_take(&in, 1),
				   (uint16_t)(0x8000 + fuzz_take(&in, 1) % 4));
	case 2:
		return fuzz_take(&in, 1);
	default:
		return fuzz_take(&in, 8);
	}
}

/* A guest address for a memref or an argument: mostly in the window, sometimes anywhere. */
static uint64_t window_addr(void)
{
	switch (fuzz_take(&in, 1) % 4) {
	case 0:
		return 0;
	case 1:
		return fuzz_take(&in, 8);
	default:
		return WIN + fuzz_take(&in, 2) % (SHM + 64);
	}
}

/* The guest builds a message in its window: plausible fields, so deep paths are reached. */
static void write_message(uint64_t ipa)
{
	static const uint64_t attrs[] = {
		OPTEE_MSG_ATTR_TYPE_NONE,
		OPTEE_MSG_ATTR_TYPE_VALUE_INPUT,
		OPTEE_MSG_ATTR_TYPE_VALUE_INOUT,
		OPTEE_MSG_ATTR_TYPE_TMEM_INPUT,
		OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT,
		OPTEE_MSG_ATTR_TYPE_TMEM_INOUT,
		OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META,
		OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		OPTEE_MSG_ATTR_TYPE_RMEM_INPUT,
	};
	struct optee_msg_arg a = { 0 };
	struct optee_msg_param p[OPTEE_MED_MAX_PARAMS] = { { 0 } };
	uint64_t off = ipa - VM_IPA;

	a.cmd = (uint32_t)fuzz_take(&in, 1) % 6;
	a.session = (uint32_t)fuzz_take(&in, 1) % 4;
	a.cancel_id = (uint32_t)fuzz_take(&in, 1) % 2;
	a.num_params = (uint32_t)fuzz_take(&in, 1) % 8;
	for (unsigned i = 0; i < OPTEE_MED_MAX_PARAMS; i++) {
		p[i].attr = attrs[fuzz_take(&in, 1) % (sizeof(attrs) / sizeof(attrs[0]))];
		p[i].u.tmem.buf_ptr = window_addr();
		p[i].u.tmem.size = fuzz_take(&in, 2);
		p[i].u.tmem.shm_ref = fuzz_take(&in, 1);
	}
	if (ipa < VM_IPA || off > VM_MEM - sizeof(a) - sizeof(p) || off < VM_MEM - SHM + 4096)
		return;
	memcpy(vm_mem + off, &a, sizeof(a));
	memcpy(vm_mem + off + sizeof(a), p, sizeof(p));
}

static bool optee_result_ok(uint64_t x0)
{
	return x0 <= OPTEE_SMC_RETURN_ENOTAVAIL || x0 == OPTEE_SMC_RETURN_UNKNOWN_FUNCTION ||
	       x0 == OPTEE_SMC_RETURN_RPC_FOREIGN_INTR || x0 == OPTEE_MSG_UID_0 ||
	       x0 == OPTEE_MSG_OS_OPTEE_UUID_0 || x0 == OPTEE_MSG_REVISION_MAJOR;
}

/* The mediator's state: its page out of the guest's reach, every call's argument inside. */
static void check_mediator(void)
{
	const struct optee_mediator *med = &g.optee;
	uint64_t part = (uintptr_t)vm_mem + VM_MEM - SHM + SYS_OPTEE_MEDIATOR_SIZE, pa;
	unsigned attr;

	assert(med->ready);
	assert(!s2_lookup(&g.vm.s2, WIN, &pa, &attr));
	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++) {
		const struct optee_med_thread *t = &med->threads[i];

		/* Between guest calls: never BUSY (handled now); NEXT when its TEE was busy with
		 * the guest's own preempted call or an OPEN_SESSION moves on; ANSWERED after a
		 * framework message ran a preempted call. */
		assert(t->state == OPTEE_MED_FREE || t->state == OPTEE_MED_SUSPENDED ||
		       t->state == OPTEE_MED_PREEMPTED || t->state == OPTEE_MED_NEXT ||
		       t->state == OPTEE_MED_ANSWERED);
		assert(t->state == OPTEE_MED_FREE ||
		       (t->arg_pa >= part && t->arg_pa + 32 <= (uintptr_t)vm_mem + VM_MEM &&
			t->tee < med->tee_count));
	}
	for (unsigned i = 0; i < OPTEE_MED_SESSIONS; i++)
		for (unsigned j = 0; j < i && med->sessions[i].id; j++)
			assert(med->sessions[j].id != med->sessions[i].id);
}

static void check_invariants(const struct ffa_value *m)
{
	uint32_t w0 = (uint32_t)m->x[0];

	if (g.rxtx.tx_pa) {
		uint64_t lo = (uintptr_t)vm_mem, hi = lo + VM_MEM;

		assert(g.rxtx.tx_pa >= lo && g.rxtx.tx_pa + g.rxtx.pages * 4096 <= hi);
		assert(g.rxtx.rx_pa >= lo && g.rxtx.rx_pa + g.rxtx.pages * 4096 <= hi);
	}
	assert(g.yielded_sp == 0 || g.yielded_sp == 0x8001);
	assert(w0 != FFA_ERROR || ((int32_t)m->x[2] <= -1 && (int32_t)m->x[2] >= -9));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct s2_pool pool = { .tables = tables, .count = 16 };
	struct sys_mem mem = { (uintptr_t)vm_mem, VM_IPA, VM_MEM, 0 };

	in = (struct fuzz_input){ data, size };
	memset(&g, 0, sizeof(g));
	memset(vm_mem, 0, sizeof(vm_mem));
	vm_cfg.mem = mem;
	nshyp_guest_init(&g, &vm_cfg);
	if (vm_init(&g.vm, 1, "guest1", &mem, 0, 0, 0, &pool))
		abort();
	starting = true;
	optee_mediator_guest_start(&g);
	starting = false;
	while (in.left) {
		struct ffa_value *m = vcpu_ffa(&g.vm.vcpus[0]);
		uint64_t *x = g.vm.vcpus[0].regs.x;
		bool optee;

		/* The guest writes into its part of the window (arguments it builds). */
		for (unsigned n = (unsigned)fuzz_take(&in, 1) % 4; n; n--)
			vm_mem[VM_MEM - SHM + SYS_OPTEE_MEDIATOR_SIZE +
			       fuzz_take(&in, 2) % (SHM - SYS_OPTEE_MEDIATOR_SIZE)] =
			    (uint8_t)fuzz_take(&in, 1);
		m->x[0] = fuzz_fid(&in, guest_fids, sizeof(guest_fids) / sizeof(guest_fids[0]));
		for (int i = 1; i < 8; i++)
			m->x[i] = arg();
		optee = smccc_decode(m->x[0]).service == SMCCC_SVC_TOS;
		if (optee && fuzz_take(&in, 1) % 2) { /* an argument address in the window */
			m->x[1] = 0;
			m->x[2] = WIN + (fuzz_take(&in, 2) % (SHM + 64) &
					 ~(uint64_t)(fuzz_take(&in, 1) % 2 ? 7 : 0));
			if (fuzz_take(&in, 1) % 2)
				write_message(m->x[2]);
		}
		for (int i = 4; i < 18; i++)
			if (optee)
				x[i] = 0xfeed0000u + (unsigned)i;
		g.vm.vcpus[0].state = VCPU_RUNNING;
		nshyp_guest_call(&g);
		check_invariants(m);
		check_mediator();
		for (int i = 4; optee && i < 18; i++)
			assert(x[i] == 0xfeed0000u + (unsigned)i);
		assert(!optee || optee_result_ok(m->x[0]));
	}
	/* The guest stops: a request it left yielded is run to its end (bounded). */
	nshyp_guest_stopped(&g);
	assert(g.yielded_sp == 0 || g.yielded_sp == 0x8001);
	assert(!g.optee.ready);
	return 0;
}
