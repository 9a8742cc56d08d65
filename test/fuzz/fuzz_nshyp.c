// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for nshyp's guest-call handling (hyp/role/nshyp/guest_calls.c
 * with the RX/TX and discovery code of hyp/core/rxtx.c): the input is a stream
 * of guest calls, and what the secure world answers each forwarded one. After
 * every call: the guest's buffers stay inside its own memory, only IDs the
 * binding allows were forwarded, the sender was always the guest's own ID, and
 * every result is one the ABIs define.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../../hyp/role/nshyp/nshyp.h"
#include "fuzz_input.h"

const bool hyp_role_secure = false;

#define VM_MEM (64 * 1024)
#define VM_IPA 0x40000000ull

static struct fuzz_input in;
static uint8_t vm_mem[VM_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[16] __attribute__((aligned(4096)));
static struct guest g;

const struct sys_sp nshyp_sps[] = {
	{ .name = "A", .ffa_id = 0x8001, .uuid = { 1 }, .properties = 0x103 },
	{ .name = "B", .ffa_id = 0x8002, .uuid = { 2 }, .properties = 0x103 },
};
const unsigned nshyp_sp_count = 2;
static struct sys_vm vm_cfg = {
	.name = "guest1", .vm_id = 1, .allowed_sp = { 0x8001 }, .allowed_sp_count = 1
};
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
};

unsigned arch_enter_lower(struct arch_regs *regs)
{
	(void)regs;
	abort(); /* guest_calls.c never runs a vCPU itself */
}

/* The "secure world": must only ever see requests from VM 1 to partition A. */
void nshyp_forward(struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	if (ffa_is_direct_req(fid)) {
		assert(ffa_msg_sender(m->x[1]) == 1 && ffa_msg_receiver(m->x[1]) == 0x8001);
		assert(m->x[1] >> 32 == 0);
	} else {
		assert(fid == FFA_RUN && (m->x[1] >> 16) == 0x8001);
	}
	switch (fuzz_take(&in, 1) % 4) {
	case 0:
		*m = (struct ffa_value){ { FFA_YIELD, 0x8001u << 16 } };
		break;
	case 1:
		*m = ffa_error(-(int32_t)(1 + fuzz_take(&in, 1) % 9));
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
	nshyp_guest_init(&g, &vm_cfg);
	if (vm_init(&g.vm, 1, "guest1", &mem, 0, 0, 0, &pool))
		abort();
	while (in.left) {
		struct ffa_value *m = vcpu_ffa(&g.vm.vcpu);

		m->x[0] = fuzz_fid(&in, guest_fids, sizeof(guest_fids) / sizeof(guest_fids[0]));
		for (int i = 1; i < 8; i++)
			m->x[i] = arg();
		g.vm.vcpu.state = VCPU_RUNNING;
		nshyp_guest_call(&g);
		check_invariants(m);
	}
	/* The guest stops: a request it left yielded is run to its end (bounded). */
	nshyp_guest_stopped(&g);
	assert(g.yielded_sp == 0 || g.yielded_sp == 0x8001);
	return 0;
}
