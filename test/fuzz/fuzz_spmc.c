// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for the SPMC's FF-A dispatcher and partition runtime
 * model (hyp/role/spmc/ffa_spmc.c, hyp/core/rxtx.c, hyp/core/vm.c,
 * lib/xlat/s2.c) with its real memory management (mem_spmc.c, mem_share.c;
 * physical memory at the platform's addresses, test/fuzz/fake_phys.c), built
 * on the host with the fake architecture. The input decides both the normal
 * world's calls and what each partition does when it "runs" (answer right or
 * wrong, yield, wait, fault, be interrupted by the normal world or by a secure interrupt of its
 * own or another's, map buffers, memory calls with raw arguments, ...); the normal world's calls
 * include the SPMD's FFA_INTERRUPT. After every call the runtime-model invariants are checked
 * (the secure-interrupt sets and the fake GIC too), and the
 * memory table's soundness; any violation, sanitizer report or panic is a
 * finding. (Memory management with well-formed descriptors: fuzz_mem_spmc.)
 */
#include <abi/hypcall.h>
#include <assert.h>
#include <hyp/mem_share.h>
#include <hyp/rxtx.h>
#include <plat/plat_def.h>
#include <stdlib.h>
#include <string.h>

#include "fake_phys.h"
#include "fuzz_input.h"
#include "spmc_host.h"

extern struct vcpu_exit fake_next_exit;
extern unsigned fake_irq_masked;
/* The fake GIC (spmc_gic_fake.c). */
extern bool fake_gic_active[], fake_gic_disabled[], fake_vi;
extern uint32_t fake_gic_raised[];
extern unsigned fake_gic_raised_count;
void fake_gic_reset(void);
void fake_gic_raise(uint32_t intid);
const struct mem_table *spmc_mem_table(void);

/* The normal world's addresses stay in the first 256 KiB of NS RAM (cleared for each input). */
#define NWD_WINDOW (1u << 18)

#define SP_MEM	   (64 * 1024)
#define SP_IPA	   0x10000000ull

static struct fuzz_input in;
static uint8_t sp_mem[2][SP_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[32] __attribute__((aligned(4096)));
static struct sys_sp cfgs[2];
static unsigned exits_this_call;
static struct {
	bool pending;
	uint64_t ids;
	bool is64;
} sp_req[2];

static const uint32_t nwd_fids[] = {
	FFA_MSG_SEND_DIRECT_REQ_32,
	FFA_MSG_SEND_DIRECT_REQ_64,
	FFA_RUN,
	FFA_VERSION,
	FFA_FEATURES,
	FFA_ID_GET,
	FFA_SPM_ID_GET,
	FFA_PARTITION_INFO_GET,
	FFA_RXTX_MAP_64,
	FFA_MSG_WAIT,
	FFA_YIELD,
	FFA_MSG_SEND_DIRECT_RESP_32,
	FFA_ERROR,
	FFA_SUCCESS_32,
	FFA_RXTX_UNMAP,
	FFA_MEM_SHARE_32,
	FFA_MEM_LEND_64,
	FFA_MEM_DONATE_32,
	FFA_MEM_FRAG_TX,
	FFA_MEM_RECLAIM,
	FFA_MEM_RETRIEVE_REQ_32,
	FFA_INTERRUPT, /* the SPMD's: a secure interrupt stopped the normal world */
};
static const uint32_t sp_fids[] = {
	FFA_MSG_SEND_DIRECT_RESP_32,
	FFA_MSG_SEND_DIRECT_RESP_64,
	FFA_MSG_WAIT,
	FFA_YIELD,
	FFA_ERROR,
	FFA_RXTX_MAP_64,
	FFA_RXTX_MAP_32,
	FFA_RXTX_UNMAP,
	FFA_RX_RELEASE,
	FFA_PARTITION_INFO_GET,
	FFA_ID_GET,
	FFA_FEATURES,
	FFA_VERSION,
	FFA_SPM_ID_GET,
	FFA_MSG_SEND_DIRECT_REQ_32,
	0x84000000u,
	FFA_MEM_SHARE_32,
	FFA_MEM_LEND_32,
	FFA_MEM_DONATE_64,
	FFA_MEM_RETRIEVE_REQ_32,
	FFA_MEM_RELINQUISH,
	FFA_MEM_RECLAIM,
	FFA_MEM_FRAG_RX,
	FFA_MEM_FRAG_TX,
	HYPCALL_INTERRUPT_GET,
};

/* Secure INTIDs: A's timer and SPI, B's SPI, and one nobody owns. */
static const uint32_t intids[] = { 29, 40, 41, 100 };

/* A secure interrupt fires, if its source can (a GIC does not signal an active or disabled one). */
static void raise_secure(void)
{
	uint32_t id = intids[fuzz_take(&in, 1) % 4];

	for (unsigned i = 0; i < fake_gic_raised_count; i++)
		if (fake_gic_raised[i] == id)
			return; /* already pending */
	if (!fake_gic_active[id] && !fake_gic_disabled[id])
		fake_gic_raise(id);
}

static unsigned sp_index(const struct arch_regs *r)
{
	for (unsigned i = 0; i < spmc_partition_count; i++)
		if (&spmc_partitions[i].vm.vcpus[0].regs == r)
			return i;
	abort();
}

/* An argument: an ID pair, an address in or near the partition, or raw bits. */
static uint64_t sp_arg(unsigned idx)
{
	switch (fuzz_take(&in, 1) % 4) {
	case 0:
		return SP_IPA + (fuzz_take(&in, 2) << 12) % (2 * SP_MEM);
	case 1:
		/* From itself to a partition, a VM or nobody: 0x8000..0x8003 or a small ID. */
		return ffa_msg_ids((uint16_t)(0x8001 + idx),
				   (uint16_t)(fuzz_take(&in, 1) & 1 ? 0x8000 + fuzz_take(&in, 1) % 4
								    : fuzz_take(&in, 1)));
	case 2:
		return fuzz_take(&in, 1);
	default:
		return fuzz_take(&in, 8);
	}
}

/* What the "partition" does when the SPMC runs it. */
unsigned arch_enter_lower(struct arch_regs *r)
{
	unsigned idx = sp_index(r);

	fake_next_exit.reason = VCPU_EXIT_CALL;
	if (ffa_is_direct_req(r->x[0]) || (uint32_t)r->x[0] == FFA_YIELD) {
		if (ffa_is_direct_req(r->x[0])) {
			sp_req[idx].pending = true;
			sp_req[idx].ids =
			    ffa_msg_ids(ffa_msg_receiver(r->x[1]), ffa_msg_sender(r->x[1]));
			sp_req[idx].is64 = (uint32_t)r->x[0] == FFA_MSG_SEND_DIRECT_REQ_64;
		}
	}
	if (++exits_this_call > 64 || !in.left) {
		/* Out of input: behave, so every run terminates. */
		if (exits_this_call > 200) {
			fake_next_exit.reason = VCPU_EXIT_ABORT;
			return EXIT_SYNC;
		}
		if (sp_req[idx].pending) {
			r->x[0] = sp_req[idx].is64 ? FFA_MSG_SEND_DIRECT_RESP_64
						   : FFA_MSG_SEND_DIRECT_RESP_32;
			r->x[1] = sp_req[idx].ids;
			sp_req[idx].pending = false;
		} else {
			r->x[0] = FFA_MSG_WAIT;
		}
		return EXIT_SYNC;
	}
	switch (fuzz_take(&in, 1) % 16) {
	case 0:
		fake_next_exit.reason = VCPU_EXIT_ABORT;
		return EXIT_SYNC;
	case 1:
		return EXIT_FIQ; /* a Non-secure interrupt */
	case 2:
		raise_secure();
		return EXIT_IRQ; /* a secure one (or spurious) */
	default:
		break;
	}
	r->x[0] = fuzz_fid(&in, sp_fids, sizeof(sp_fids) / sizeof(sp_fids[0]));
	for (int i = 1; i < 8; i++)
		r->x[i] = sp_arg(idx);
	if (ffa_is_direct_resp(r->x[0]) && (fuzz_take(&in, 1) & 1) && sp_req[idx].pending) {
		r->x[1] = sp_req[idx].ids;
		r->x[2] = 0; /* flags MBZ: keep valid answers reachable */
	}
	return EXIT_SYNC;
}

static void check_invariants(const struct ffa_value *m)
{
	uint32_t w0 = (uint32_t)m->x[0];

	for (unsigned i = 0; i < spmc_partition_count; i++) {
		const struct sp *sp = &spmc_partitions[i];
		enum vcpu_state s = sp->vm.vcpus[0].state;
		const struct rxtx *b = &sp->rxtx;

		assert(s == VCPU_WAITING || s == VCPU_BLOCKED || s == VCPU_PREEMPTED ||
		       s == VCPU_ABORTED);
		assert(s != VCPU_WAITING || sp->requester == SPMC_NO_REQUESTER);
		assert(s != VCPU_BLOCKED || sp->requester != SPMC_NO_REQUESTER);
		/* Only a VM's request or an interrupt run is preempted (elsewhere the interrupt is
		 * masked). */
		assert(s != VCPU_PREEMPTED || (sp->requester >= 1 && sp->requester < 0x8000) ||
		       (sp->requester == SPMC_NO_REQUESTER && sp->irq_preempted));
		assert(!sp->irq_preempted || s == VCPU_PREEMPTED);
		/* Only a stopped interrupt run keeps INTIDs active while the normal world runs. */
		assert(!sp->irq_active || sp->irq_preempted);
		assert(!sp->irq_vi || sp->irq_preempted);
		assert(s != VCPU_ABORTED || !(sp->irq_pending | sp->irq_active));
		/* Whatever waits is delivered on a later return. */
		assert(!(sp->irq_pending || sp->irq_preempted) ||
		       (spmc_this_cpu()->on_return & SPMC_RETURN_IRQ));
		if (b->tx_pa) {
			uint64_t lo = (uintptr_t)sp_mem[i], hi = lo + SP_MEM;

			assert(b->tx_pa >= lo && b->tx_pa + b->pages * 4096 <= hi);
			assert(b->rx_pa >= lo && b->rx_pa + b->pages * 4096 <= hi);
		}
	}
	assert(fake_irq_masked == 0); /* a masked run restores the mask before it returns */
	assert(!fake_vi);	      /* a partition's virtual IRQ never reaches the normal world */
	assert(!spmc_this_cpu()->irq_sp);
	/* An active INTID is one its live owner holds (pending, or in a stopped handler). */
	for (unsigned i = 0; i < sizeof(intids) / sizeof(intids[0]); i++) {
		bool held = false;

		for (unsigned p = 0; p < spmc_partition_count; p++) {
			const struct sp *sp = &spmc_partitions[p];

			for (unsigned k = 0; k < sp->cfg->irq_count; k++)
				if (sp->cfg->irqs[k] == intids[i] &&
				    ((sp->irq_pending | sp->irq_active) & (1u << k)))
					held = true;
		}
		assert(!fake_gic_active[intids[i]] || held);
	}
	assert(w0 != FFA_INTERRUPT ||
	       spmc_find_sp((ffa_id_t)(m->x[1] >> 16))->vm.vcpus[0].state == VCPU_PREEMPTED);
	assert(w0 != FFA_ERROR || ((int32_t)m->x[2] <= -1 && (int32_t)m->x[2] >= -9));
	assert(mem_table_check(spmc_mem_table()));
	assert(w0 == FFA_ERROR || w0 == FFA_SUCCESS_32 || ffa_is_direct_resp(w0) ||
	       w0 == FFA_MEM_FRAG_RX || w0 == FFA_YIELD || w0 == FFA_INTERRUPT ||
	       w0 == FFA_VERSION_1_1 || w0 == FFA_NORMAL_WORLD_RESUME || m->x[0] == (uint64_t)-1 ||
	       m->x[0] == 0xffffffffu /* FFA_VERSION: NOT_SUPPORTED, FF-A v1.1 §13.2.1 */);
}

static void setup(void)
{
	static struct s2_pool pool;

	fake_phys_map();
	memset((void *)(uintptr_t)PLAT_NS_RAM_BASE, 0, NWD_WINDOW);
	spmc_mem_init();
	memset(spmc_partitions, 0, sizeof(spmc_partitions));
	memset(sp_req, 0, sizeof(sp_req));
	pool = (struct s2_pool){ .tables = tables, .count = 32 };
	for (unsigned i = 0; i < 2; i++) {
		struct sys_sp *c = &cfgs[i];

		memset(c, 0, sizeof(*c));
		c->name = i ? "B" : "A";
		c->ffa_id = (uint16_t)(0x8001 + i);
		c->uuid[0] = (uint8_t)(i + 1);
		c->properties = 0x103;
		c->mem = (struct sys_mem){ (uintptr_t)sp_mem[i], SP_IPA, SP_MEM, 0 };
		c->allowed_vm[0] = 1;
		c->allowed_vm[1] = (uint16_t)(2 + i);
		c->allowed_vm_count = 2;
		c->irqs[0] = (uint16_t)(i ? 41 : 29);
		c->irqs[1] = 40;
		c->irq_count = i ? 1 : 2;
	}
	fake_gic_reset();
	exits_this_call = 0;
	spmc_host_boot(cfgs, 2, &pool);
}

/* The normal world's TX at the SPMC, once a map succeeded (the one being tried meanwhile). */
static uint64_t nwd_tx, nwd_map_tx;

/* Memory calls get addresses in the NWd window and descriptors with bytes from the input. */
static void nwd_memory_args(struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	nwd_map_tx = 0;
	if (fid == FFA_RXTX_MAP_64 && (fuzz_take(&in, 1) & 3)) {
		m->x[1] = PLAT_NS_RAM_BASE + (fuzz_take(&in, 1) << 12) % NWD_WINDOW;
		m->x[2] = PLAT_NS_RAM_BASE + (fuzz_take(&in, 1) << 12) % NWD_WINDOW;
		m->x[3] = 1 + fuzz_take(&in, 1) % 4;
		nwd_map_tx = m->x[1];
	} else if ((fid & 0xff) >= 0x71 && (fid & 0xff) <= 0x7b && nwd_tx &&
		   (fuzz_take(&in, 1) & 3)) {
		uint32_t len = (uint32_t)fuzz_take(&in, 1);
		uint8_t *tx = (uint8_t *)(uintptr_t)nwd_tx;

		for (uint32_t i = 0; i < len; i++)
			tx[i] = (uint8_t)fuzz_take(&in, 1);
		m->x[1] = fid == FFA_MEM_RECLAIM ? fuzz_take(&in, 1) : len;
		m->x[2] = fid == FFA_MEM_RECLAIM ? 0 : len;
		m->x[3] = m->x[4] = 0;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = (struct fuzz_input){ data, size };
	setup();
	nwd_tx = 0;
	while (in.left) {
		struct ffa_value m;

		m.x[0] = fuzz_fid(&in, nwd_fids, sizeof(nwd_fids) / sizeof(nwd_fids[0]));
		for (int i = 1; i < 8; i++)
			m.x[i] = fuzz_take(&in, 1) & 1
				     ? ffa_msg_ids((uint16_t)fuzz_take(&in, 1),
						   (uint16_t)(0x8000 + fuzz_take(&in, 1) % 4))
				     : fuzz_take(&in, 8);
		if ((uint32_t)m.x[0] == FFA_RUN)
			m.x[1] = (uint64_t)(0x8000 + fuzz_take(&in, 1) % 4) << 16;
		nwd_memory_args(&m);
		if ((uint32_t)m.x[0] == FFA_INTERRUPT)
			raise_secure();
		exits_this_call = 0;
		spmc_nwd_call(&m);
		if ((uint32_t)m.x[0] == FFA_SUCCESS_32 && nwd_map_tx)
			nwd_tx = nwd_map_tx;
		check_invariants(&m);
	}
	return 0;
}
