// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A v1.1 notifications at the SPMC (hyp/role/spmc/notif_spmc.c, DEN0077A chapter 10 and
 * §13.10-13.16), in the test_spmc harness's model: every call's success and error paths, the
 * MBZ fields, who may call what, the VM table's bound, INFO_GET's encoding and "listed once",
 * and BITMAP_DESTROY. Expected errors are those of Arm's FF-A ACS (test/v1.1/notifications).
 * A partition's call is made inside a request from VM 1 (its script: the call, then the
 * response). A (0x8001) is bound to VMs 1-7, B (0x8002) to VM 1 only; VM 8 to none. The
 * interrupts (§10.7): a partition's NPI (an interrupt run when it waits, answered here with
 * FFA_MSG_WAIT and counted; HCR_EL2.VI when it is resumed) and the normal world's SRI.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <abi/hypcall.h>

#include "../../hyp/role/spmc/notif_spmc.h"
#include "../fuzz/spmc_host.h"

extern struct vcpu_exit fake_next_exit;
extern unsigned fake_sri_sent;
extern bool fake_vi;

#define A	  0x8001
#define B	  0x8002
#define VM1	  1
#define VM2	  2
#define VM8	  8
#define BAD	  0xffff
#define MEM_BYTES (64 * 1024)
#define INV	  FFA_RET_INVALID_PARAMETERS

static struct partition {
	uint64_t calls[4][8];
	unsigned count, next;
	struct ffa_value found[4]; /* x0-x7 at each run: the answer to its previous call */
	unsigned sri_at[4];	   /* SRIs sent by then */
	unsigned npis;		   /* NPI interrupt runs it took (outside its script) */
} part[2];

static uint8_t mem[2][MEM_BYTES] __attribute__((aligned(4096)));
static s2_table_t tables[32] __attribute__((aligned(4096)));
static struct sys_sp cfgs[2];

unsigned arch_enter_lower(struct arch_regs *r)
{
	unsigned i = &spmc_partitions[0].vm.vcpus[0].regs == r ? 0 : 1;
	struct partition *p = &part[i];

	if (r->x[0] == FFA_INTERRUPT && r->x[2] == SPMC_NPI_INTID && p->next == p->count) {
		p->npis++;
		memset(r->x, 0, sizeof(p->calls[0]));
		r->x[0] = FFA_MSG_WAIT;
		fake_next_exit.reason = VCPU_EXIT_CALL;
		return EXIT_SYNC;
	}
	assert_true(p->next < p->count);
	p->sri_at[p->next] = fake_sri_sent;
	memcpy(p->found[p->next].x, r->x, sizeof(p->found[0].x));
	memcpy(r->x, p->calls[p->next++], sizeof(p->calls[0]));
	fake_next_exit.reason = VCPU_EXIT_CALL;
	return EXIT_SYNC;
}

static void then(unsigned i, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4)
{
	uint64_t *c = part[i].calls[part[i].count++];

	memset(c, 0, sizeof(part[i].calls[0]));
	c[0] = x0, c[1] = x1, c[2] = x2, c[3] = x3, c[4] = x4;
}

static struct ffa_value nwd(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4)
{
	struct ffa_value m = { { x0, x1, x2, x3, x4 } };

	spmc_nwd_call(&m);
	return m;
}

/* Partition i makes one call inside a request of VM 1: its answer. */
static struct ffa_value sp(unsigned i, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			   uint64_t x4)
{
	ffa_id_t self = (ffa_id_t)(A + i);

	part[i].count = part[i].next = 0;
	then(i, x0, x1, x2, x3, x4);
	then(i, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(self, VM1), 0, 0, 0);
	assert_int_equal(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, self), 0, 0, 0).x[0],
			 FFA_MSG_SEND_DIRECT_RESP_32);
	return part[i].found[1];
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal(r.x[0], FFA_ERROR);
	assert_int_equal(r.x[2], (uint32_t)code);
}

static void assert_ok(struct ffa_value r)
{
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
}

static int setup(void **state)
{
	struct s2_pool pool = { .tables = tables, .count = 32 };

	(void)state;
	memset(spmc_partitions, 0, sizeof(spmc_partitions));
	memset(part, 0, sizeof(part));
	fake_sri_sent = 0;
	for (unsigned i = 0; i < 2; i++) {
		struct sys_sp *c = &cfgs[i];

		spmc_host_sp_cfg(c, i, 0x103, mem[i], MEM_BYTES);
		c->allowed_vm_count = i ? 1 : 7;
		for (unsigned v = 0; v < c->allowed_vm_count; v++)
			c->allowed_vm[v] = (uint16_t)(VM1 + v);
		then(i, FFA_MSG_WAIT, 0, 0, 0, 0);
	}
	assert_int_equal(spmc_host_boot(cfgs, 2, &pool), 2);
	return 0;
}

/* The normal world's calls for VM `vm`. */
static struct ffa_value create(ffa_id_t vm)
{
	return nwd(FFA_NOTIFICATION_BITMAP_CREATE, vm, 1, 0, 0);
}

static struct ffa_value nwd_bind(uint32_t fid, ffa_id_t sender, ffa_id_t vm, uint64_t flags,
				 uint64_t bits)
{
	return nwd(fid, ffa_msg_ids(sender, vm), flags, (uint32_t)bits, bits >> 32);
}

static struct ffa_value nwd_get(uint64_t x1, uint64_t flags)
{
	return nwd(FFA_NOTIFICATION_GET, x1, flags, 0, 0);
}

/* ---- BITMAP_CREATE / BITMAP_DESTROY (§13.10-13.11; ACS notification_bitmap_*) ----------- */

static void bitmap_create_and_destroy(void **state)
{
	(void)state;
	assert_ok(create(VM1));
	assert_error(create(VM1), FFA_RET_DENIED); /* already created */
	assert_error(create(BAD), INV);
	assert_error(create(0), INV); /* the hypervisor is no VM */
	assert_error(create(A), INV); /* a partition */
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_CREATE, 0x10002, 1, 0, 0), INV); /* MBZ */
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_CREATE, VM2, 0, 0, 0), INV);	  /* no vCPU */
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_CREATE, VM2, 2, 0, 0), INV);	  /* one only */
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, BAD, 0, 0, 0), INV);
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, 0x10001, 0, 0, 0), INV);
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, VM2, 0, 0, 0), FFA_RET_DENIED);
	assert_ok(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, VM1, 0, 0, 0));
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, VM1, 0, 0, 0), FFA_RET_DENIED);
	/* Partitions: NOT_SUPPORTED (ACS: from a secure endpoint). */
	assert_error(sp(0, FFA_NOTIFICATION_BITMAP_CREATE, BAD, 1, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(sp(1, FFA_NOTIFICATION_BITMAP_DESTROY, VM1, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
}

/* One bitmap per VM of the description (SYS_MAX_VMS): the next gets NO_MEMORY. */
static void bitmap_table_bound(void **state)
{
	(void)state;
	for (unsigned v = 1; v <= SYS_MAX_VMS; v++)
		assert_ok(create((ffa_id_t)v));
	assert_error(create(SYS_MAX_VMS + 1), FFA_RET_NO_MEMORY);
	assert_ok(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, 3, 0, 0, 0));
	assert_ok(create(SYS_MAX_VMS + 1));
}

/* ---- BIND / UNBIND (§13.12-13.13; ACS notification_bind, notification_unbind) ---------- */

static void bind_for_a_vm(void **state)
{
	(void)state;
	assert_ok(create(VM1));
	assert_ok(create(VM2));
	assert_ok(create(VM8));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0, 1u << 5));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, FFA_NOTIF_FLAG_PER_VCPU, 1ull << 40));
	/* Bound already (to A, or to another sender): DENIED. */
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0, 1u << 5), FFA_RET_DENIED);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, B, VM1, 0, 3u << 4), FFA_RET_DENIED);
	/* IDs: unknown sender, VM-to-VM, the receiver a partition or without a bitmap. */
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, BAD, VM1, 0, 1), INV);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, VM2, VM1, 0, 1), INV);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, B, 0, 1), INV);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, 3, 0, 1), INV);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, BAD, 0, 1), INV);
	/* MBZ: flags above bit 0, w1's upper half; an empty bitmap. */
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0x10, 1), INV);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 1ull << 32, 1), INV);
	assert_error(nwd(FFA_NOTIFICATION_BIND, (1ull << 32) | ffa_msg_ids(A, VM1), 0, 1, 0), INV);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0, 0), INV);
	/* Binding policy: B is not bound to VM 2, A not to VM 8. */
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, B, VM2, 0, 1), FFA_RET_DENIED);
	assert_error(nwd_bind(FFA_NOTIFICATION_BIND, A, VM8, 0, 1), FFA_RET_DENIED);
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, B, VM1, 0, 1));
}

static void bind_by_a_partition(void **state)
{
	(void)state;
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, A), 0, 1, 0));
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(B, A), 1, 0, 1));
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(B, A), 0, 1, 0), FFA_RET_DENIED);
	/* For another receiver, itself as sender, the hypervisor, an unknown one: invalid. */
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, B), 0, 2, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(A, A), 0, 2, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(0, A), 0, 2, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(BAD, A), 0, 2, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(B, BAD), 0, 2, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(B, A), 0x10, 2, 0), INV);
	/* A VM its binding policy does not allow: DENIED (A: VMs 1-7; B: VM 1). */
	assert_error(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM8, A), 0, 2, 0), FFA_RET_DENIED);
	assert_error(sp(1, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM2, B), 0, 2, 0), FFA_RET_DENIED);
}

static void unbind_rules(void **state)
{
	(void)state;
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, A), 0, 0x3, 0));
	/* MBZ flags (even the per-vCPU bit), empty bitmap, unknown sender. */
	assert_error(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(VM1, A), 0x10, 1, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(VM1, A), 1, 1, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(VM1, A), 0, 0, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(BAD, A), 0, 1, 0), INV);
	/* Not bound, or bound to another sender: DENIED. */
	assert_error(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(VM1, A), 0, 0x7, 0),
		     FFA_RET_DENIED);
	assert_error(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(VM2, A), 0, 0x1, 0),
		     FFA_RET_DENIED);
	/* Pending: DENIED until the receiver got it. */
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 0x1, 0));
	assert_error(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(VM1, A), 0, 0x1, 0),
		     FFA_RET_DENIED);
	assert_int_equal(sp(0, FFA_NOTIFICATION_GET, A, FFA_NOTIF_GET_VM, 0, 0).x[4], 0x1);
	assert_ok(sp(0, FFA_NOTIFICATION_UNBIND, ffa_msg_ids(VM1, A), 0, 0x3, 0));
	/* Unbound: SET is refused, another sender may bind them. */
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 0x1, 0), FFA_RET_DENIED);
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM2, A), 0, 0x3, 0));
}

/* ---- SET / GET (§13.14-13.15; ACS notification_set, notification_get) ------------------- */

/* A partition signals a VM; the VM's GET (through the normal world) returns and clears it. */
static void partition_to_vm(void **state)
{
	struct ffa_value r;

	(void)state;
	assert_ok(create(VM1));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0, 1u << 3));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, FFA_NOTIF_FLAG_PER_VCPU, 1ull << 40));
	assert_ok(
	    sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), FFA_NOTIF_FLAG_DELAY_SRI, 1u << 3, 0));
	assert_ok(
	    sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), FFA_NOTIF_FLAG_PER_VCPU, 0, 1u << 8));
	r = nwd_get(VM1, FFA_NOTIF_GET_ALL);
	assert_ok(r);
	assert_int_equal(r.x[1], 0);
	assert_int_equal(r.x[2], 1u << 3);
	assert_int_equal(r.x[3], 1u << 8);
	for (unsigned i = 4; i < 8; i++)
		assert_int_equal(r.x[i], 0);
	r = nwd_get(VM1, FFA_NOTIF_GET_SP);
	assert_int_equal(r.x[2] | r.x[3], 0); /* cleared */
}

static void set_refusals(void **state)
{
	(void)state;
	assert_ok(create(VM1));
	assert_ok(create(VM2));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0, 1u << 12));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, FFA_NOTIF_FLAG_PER_VCPU, 1u << 13));
	/* Sender not the caller, receivers unknown or without a bitmap, itself. */
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(B, VM1), 0, 1u << 12, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, BAD), 2, 1u << 12, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, 3), 0, 1u << 12, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, A), 0, 1u << 12, 0), INV);
	/* Flags: vCPU ID with a global one; per-vCPU one as global and the reverse; vCPU 1
	 * (one vCPU); MBZ bits [15:2] and [63:32]; empty bitmap. */
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 2u << 16, 1u << 13, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 2, 1u << 13, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 3, 1u << 12, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 1 | 1u << 16, 1u << 13, 0),
		     INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 4, 1u << 12, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 1ull << 32, 1u << 12, 0),
		     INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 0, 0, 0), INV);
	/* Not bound (to this sender): DENIED. */
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 2, 1u << 16, 0),
		     FFA_RET_DENIED);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM2), 0, 1u << 12, 0),
		     FFA_RET_DENIED);
	assert_error(sp(1, FFA_NOTIFICATION_SET, ffa_msg_ids(B, VM1), 0, 1u << 12, 0),
		     FFA_RET_DENIED);
	/* The normal world: a VM sender to a partition only. */
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(0, A), 0, 1, 0), INV);
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(B, A), 0, 1, 0), INV);
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM2, VM1), 0, 1, 0), INV);
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, BAD), 0, 1, 0), INV);
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 1, 0), FFA_RET_DENIED);
	/* Nothing of it is pending. */
	assert_int_equal(nwd_get(VM1, FFA_NOTIF_GET_ALL).x[2], 0);
}

/* A VM signals a partition, a partition another one; GET returns only the bitmaps asked. */
static void vm_and_partition_to_partition(void **state)
{
	struct ffa_value r;

	(void)state;
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, A), 0, 1u << 7, 0));
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(B, A), 0, 0, 1u << 1));
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 1u << 7, 0));
	assert_ok(sp(1, FFA_NOTIFICATION_SET, ffa_msg_ids(B, A), 0, 0, 1u << 1));
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM2, A), 0, 1u << 7, 0), FFA_RET_DENIED);
	r = sp(0, FFA_NOTIFICATION_GET, A, FFA_NOTIF_GET_SP, 0, 0);
	assert_ok(r);
	assert_int_equal(r.x[2], 0);
	assert_int_equal(r.x[3], 1u << 1);
	assert_int_equal(r.x[4], 0); /* not asked: still pending */
	r = sp(0, FFA_NOTIFICATION_GET, A, FFA_NOTIF_GET_VM | FFA_NOTIF_GET_SPM, 0, 0);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.x[4], 1u << 7);
	assert_int_equal(r.x[6], 0);
}

/* An aborted partition's notification state goes: a SET to it is DENIED, INFO_GET lists nothing. */
static void aborted_partition_forgets(void **state)
{
	(void)state;
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, A), 0, 1u << 3, 0));
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 1u << 3, 0));
	memset(&part[0], 0, sizeof(part[0]));
	then(0, FFA_ERROR, 0, (uint32_t)FFA_RET_ABORTED, 0, 0); /* A reports an error: aborted */
	assert_error(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, 0, 0),
		     FFA_RET_ABORTED);
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 1u << 3, 0), FFA_RET_DENIED);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
}

static void get_refusals(void **state)
{
	(void)state;
	assert_ok(create(VM1));
	/* ACS notification_get: receiver 0xffff, vCPU 0xffff, flags 0x10000. */
	assert_error(nwd_get(BAD, FFA_NOTIF_GET_VM), INV);
	assert_error(nwd_get((uint64_t)BAD << 16 | VM1, FFA_NOTIF_GET_VM), INV);
	assert_error(nwd_get(VM1, 0x10000), INV);
	assert_error(nwd_get(1u << 16 | VM1, FFA_NOTIF_GET_SP), INV); /* vCPU 1: one only */
	assert_error(nwd_get(1ull << 32 | VM1, FFA_NOTIF_GET_SP), INV);
	assert_error(nwd_get(VM1, 0x10), INV);
	assert_error(nwd_get(VM2, FFA_NOTIF_GET_SP), INV); /* no bitmap */
	assert_error(nwd_get(A, FFA_NOTIF_GET_SP), INV);   /* a partition's */
	/* A partition gets its own only. */
	assert_error(sp(0, FFA_NOTIFICATION_GET, B, FFA_NOTIF_GET_SP, 0, 0), INV);
	assert_error(sp(0, FFA_NOTIFICATION_GET, VM1, FFA_NOTIF_GET_SP, 0, 0), INV);
	assert_ok(sp(0, FFA_NOTIFICATION_GET, A, 0, 0, 0));
}

/* ---- INFO_GET (§13.16; ACS notification_info_get) --------------------------------------- */

static void info_get_lists_once(void **state)
{
	struct ffa_value r;

	(void)state;
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
	assert_error(sp(0, FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(sp(0, FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_ok(create(VM1));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, FFA_NOTIF_FLAG_PER_VCPU, 1));
	assert_ok(sp(1, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, B), 0, 1, 0));
	assert_ok(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 1, 1, 0));
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, B), 0, 1, 0));
	/* VM 1 with vCPU 0 (a per-vCPU one), then B: two lists, 1 and 0 vCPU IDs. */
	r = nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 2u << 7 | 1u << 12);
	assert_int_equal(r.x[3], VM1 | 0u << 16);
	assert_int_equal(r.x[4], B);
	assert_int_equal(r.x[5] | r.x[6] | r.x[7], 0);
	/* Listed once: set again while still pending, still NO_DATA (as Hafnium's
	 * info_get_retrieved); got and set again: listed again. */
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0), FFA_RET_NO_DATA);
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, B), 0, 1, 0));
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0), FFA_RET_NO_DATA);
	assert_int_equal(sp(1, FFA_NOTIFICATION_GET, B, FFA_NOTIF_GET_ALL, 0, 0).x[4], 1);
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, B), 0, 1, 0));
	r = nwd(FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_SUCCESS_64);
	assert_int_equal(r.x[2], 1u << 7);
	assert_int_equal(r.x[3], B);
	/* Got before any INFO_GET: nothing to list. */
	sp(1, FFA_NOTIFICATION_GET, B, FFA_NOTIF_GET_ALL, 0, 0);
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, B), 0, 1, 0));
	sp(1, FFA_NOTIFICATION_GET, B, FFA_NOTIF_GET_ALL, 0, 0);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
}

/* Seven VMs with a per-vCPU one pending: 14 IDs; _32 carries 10 (5 lists), then the rest. */
static void info_get_more_pending(void **state)
{
	struct ffa_value r;

	(void)state;
	for (ffa_id_t v = 1; v <= 7; v++) {
		assert_ok(create(v));
		assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, v, FFA_NOTIF_FLAG_PER_VCPU, 1));
		assert_ok(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, v), 1, 1, 0));
	}
	r = nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	assert_int_equal(r.x[2], FFA_NOTIF_INFO_MORE | 5u << 7 | 0x155u << 12);
	assert_int_equal(r.x[3], 1);
	assert_int_equal(r.x[7], 5);
	r = nwd(FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0);
	assert_int_equal(r.x[2], 2u << 7 | 0x5u << 12);
	assert_int_equal(r.x[3], 6 | 7ull << 32);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
}

/* ---- A VM's end: DESTROY releases its receiver state ------------------------------------ */

static void destroy_releases_everything(void **state)
{
	(void)state;
	assert_ok(create(VM1));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0, 1));
	assert_ok(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 0, 1, 0));
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, VM1, 0, 0, 0), FFA_RET_DENIED);
	assert_ok(nwd_get(VM1, FFA_NOTIF_GET_ALL));
	assert_ok(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, VM1, 0, 0, 0));
	assert_error(nwd_get(VM1, FFA_NOTIF_GET_SP), INV);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 0, 1, 0), INV);
	/* Created again: no binding is left. */
	assert_ok(create(VM1));
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 0, 1, 0), FFA_RET_DENIED);
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, B, VM1, 0, 1));
}

/* ---- FFA_FEATURES (§13.3) --------------------------------------------------------------- */

static void features(void **state)
{
	static const uint32_t all[] = {
		FFA_NOTIFICATION_BITMAP_CREATE, FFA_NOTIFICATION_BITMAP_DESTROY,
		FFA_NOTIFICATION_BIND,		FFA_NOTIFICATION_UNBIND,
		FFA_NOTIFICATION_SET,		FFA_NOTIFICATION_GET,
		FFA_NOTIFICATION_INFO_GET_32,	FFA_NOTIFICATION_INFO_GET_64,
	};

	struct ffa_value r0;

	(void)state;
	for (unsigned i = 0; i < 8; i++) {
		struct ffa_value r = sp(0, FFA_FEATURES, all[i], 0, 0, 0);
		bool for_sp = i >= 2 && i <= 5;

		assert_int_equal(nwd(FFA_FEATURES, all[i], 0, 0, 0).x[0], FFA_SUCCESS_32);
		if (for_sp)
			assert_ok(r);
		else
			assert_error(r, FFA_RET_NOT_SUPPORTED);
	}
	/* FFA_SUCCESS_64: INFO_GET_64's answer, the normal world's only. */
	assert_ok(nwd(FFA_FEATURES, FFA_SUCCESS_64, 0, 0, 0));
	assert_error(sp(0, FFA_FEATURES, FFA_SUCCESS_64, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	/* The interrupts (§13.3 feature IDs): the NPI a partition's, the SRI the normal
	 * world's, each with its INTID in w2; no managed exit. */
	r0 = sp(0, FFA_FEATURES, FFA_FEATURE_NPI, 0, 0, 0);
	assert_ok(r0);
	assert_int_equal(r0.x[2], SPMC_NPI_INTID);
	r0 = nwd(FFA_FEATURES, FFA_FEATURE_SRI, 0, 0, 0);
	assert_ok(r0);
	assert_int_equal(r0.x[2], SYS_IRQ_SRI);
	assert_error(nwd(FFA_FEATURES, FFA_FEATURE_NPI, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(sp(1, FFA_FEATURES, FFA_FEATURE_SRI, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_FEATURES, FFA_FEATURE_MEI, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(sp(0, FFA_FEATURES, FFA_FEATURE_MEI, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
}

/* ---- The interrupts (§10.7) ------------------------------------------------------------- */

/* A waiting partition takes its NPI in an interrupt run, once until its GET; from a VM or B. */
static void npi_to_a_waiting_partition(void **state)
{
	(void)state;
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, A), 0, 0x3, 0));
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(B, A), 0, 0x4, 0));
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 0x1, 0));
	assert_int_equal(part[0].npis, 1);
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 0x2, 0));
	assert_ok(sp(1, FFA_NOTIFICATION_SET, ffa_msg_ids(B, A), 0, 0x4, 0));
	assert_int_equal(part[0].npis, 1); /* not again before its GET */
	assert_int_equal(sp(0, FFA_NOTIFICATION_GET, A, FFA_NOTIF_GET_ALL, 0, 0).x[4], 0x3);
	assert_ok(sp(1, FFA_NOTIFICATION_SET, ffa_msg_ids(B, A), 0, 0x4, 0));
	assert_int_equal(part[0].npis, 2);
	/* Refused SETs raise nothing; no SRI for partitions' notifications. */
	sp(0, FFA_NOTIFICATION_GET, A, FFA_NOTIF_GET_ALL, 0, 0);
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM2, A), 0, 0x1, 0), FFA_RET_DENIED);
	assert_error(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 4, 0x1, 0), INV);
	assert_int_equal(part[0].npis, 2);
	assert_int_equal(fake_sri_sent, 0);
}

/*
 * A partition stopped in a request (yielded) when its notification comes: no run now; FFA_RUN
 * resumes it with VI set, HYPCALL_INTERRUPT_GET reads the NPI's INTID once, then "none".
 */
static void npi_to_a_resumed_partition(void **state)
{
	struct ffa_value r;

	(void)state;
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, A), 0, 0x1, 0));
	part[0].count = part[0].next = 0;
	then(0, FFA_YIELD, 0, 0, 0, 0);
	then(0, HYPCALL_INTERRUPT_GET, 0, 0, 0, 0);
	then(0, HYPCALL_INTERRUPT_GET, 0, 0, 0, 0);
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, 0, 0);
	assert_int_equal(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, 0, 0).x[0],
			 FFA_YIELD);
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 0x1, 0));
	assert_int_equal(part[0].npis, 0);
	assert_int_equal(part[0].next, 1);
	r = nwd(FFA_RUN, (uint64_t)A << 16, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(part[0].found[2].x[0], SPMC_NPI_INTID);
	assert_int_equal(part[0].found[3].x[0], SPMC_IRQ_NONE);
	assert_false(fake_vi);
	assert_int_equal(part[0].npis, 0); /* read: not delivered again */
}

/* Signalled with VI but not read in that run: delivered again when it waits. */
static void npi_not_read_comes_again(void **state)
{
	(void)state;
	assert_ok(sp(0, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, A), 0, 0x1, 0));
	part[0].count = part[0].next = 0;
	then(0, FFA_YIELD, 0, 0, 0, 0);
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, 0, 0);
	nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, 0, 0);
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, A), 0, 0x1, 0));
	assert_int_equal(nwd(FFA_RUN, (uint64_t)A << 16, 0, 0, 0).x[0],
			 FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(part[0].npis, 1);
}

/*
 * The framework notification "RX buffer full" (msg_spmc.c sets it for a delivered message) is a
 * pending notification like the others (§10.2, §10.7): the partition's NPI once until its GET,
 * INFO_GET lists it once until a GET with a framework flag took it, next to SETs' notifications.
 */
static void rx_full_with_other_notifications(void **state)
{
	struct ffa_value r;

	(void)state;
	assert_ok(sp(1, FFA_NOTIFICATION_BIND, ffa_msg_ids(VM1, B), 0, 1, 0));
	spmc_notif_fwk_rx_full(A, B, false);
	assert_ok(nwd(FFA_NOTIFICATION_SET, ffa_msg_ids(VM1, B), 0, 1, 0));
	assert_int_equal(part[1].npis, 1); /* one NPI for both */
	r = nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	assert_int_equal(r.x[2], 1u << 7);
	assert_int_equal(r.x[3], B);
	/* GET of the VMs' bitmap only: the framework one stays pending and listed; NPI re-armed
	 * (a GET was made) but something is still pending. */
	assert_int_equal(sp(1, FFA_NOTIFICATION_GET, B, FFA_NOTIF_GET_VM, 0, 0).x[4], 1);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
	spmc_notif_fwk_rx_full(VM1, B, false); /* a VM's message too: the hypervisor half */
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
	assert_int_equal(part[1].npis, 2);
	r = sp(1, FFA_NOTIFICATION_GET, B, FFA_NOTIF_GET_SPM, 0, 0);
	assert_int_equal(r.x[6], FFA_NOTIF_FWK_RX_FULL);
	assert_int_equal(r.x[7], FFA_NOTIF_FWK_RX_FULL);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
	/* Taken: the next one is listed again, and raises the NPI again. */
	spmc_notif_fwk_rx_full(A, B, false);
	r = nwd(FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0);
	assert_int_equal(r.x[3], B);
	assert_int_equal(part[1].npis, 3);
	assert_int_equal(fake_sri_sent, 0); /* none for partitions */
	/* Lost with the partition's abort. */
	memset(&part[1], 0, sizeof(part[1]));
	then(1, FFA_ERROR, 0, (uint32_t)FFA_RET_ABORTED, 0, 0);
	nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, B), 0, 0, 0);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
}

/* For a VM: the SRI once until INFO_GET, delayed on request; none without a bitmap, nor for an
 * unknown receiver; the VM's buffers gone (spmc_notif_fwk_drop()): nothing to list. */
static void rx_full_for_a_vm(void **state)
{
	struct ffa_value r;

	(void)state;
	spmc_notif_fwk_rx_full(A, VM1, false); /* no bitmap: not recorded */
	spmc_notif_fwk_rx_full(A, 0x8009, false);
	assert_int_equal(fake_sri_sent, 0);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
	assert_ok(create(VM1));
	assert_ok(create(VM2));
	spmc_notif_fwk_rx_full(A, VM1, false);
	assert_int_equal(fake_sri_sent, 1);
	spmc_notif_fwk_rx_full(A, VM2, false);
	assert_int_equal(fake_sri_sent, 1); /* not again before INFO_GET: it lists both */
	r = nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	assert_int_equal(r.x[2], 2u << 7);
	assert_int_equal(r.x[3], VM1 | VM2 << 16);
	r = nwd_get(VM1, FFA_NOTIF_GET_HYP);
	assert_int_equal(r.x[6], FFA_NOTIF_FWK_RX_FULL);
	assert_int_equal(r.x[7], 0);
	/* "Delay SRI": sent as the normal world runs again (here: after B's run). */
	spmc_notif_fwk_rx_full(A, VM1, true);
	assert_int_equal(fake_sri_sent, 1);
	assert_ok(sp(1, FFA_ID_GET, 0, 0, 0, 0));
	assert_int_equal(fake_sri_sent, 2);
	/* A pending framework notification is pending: the VM's bitmap is not destroyed. */
	assert_error(nwd(FFA_NOTIFICATION_BITMAP_DESTROY, VM1, 0, 0, 0), FFA_RET_DENIED);
	spmc_notif_fwk_drop(VM1);
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NO_DATA);
	assert_int_equal(nwd_get(VM1, FFA_NOTIF_GET_ALL).x[6], 0);
}

/* A partition's SET to a VM: the SRI at once, or with "delay SRI" as the normal world runs. */
static void sri_to_the_normal_world(void **state)
{
	struct ffa_value r;

	(void)state;
	assert_ok(create(VM1));
	assert_ok(nwd_bind(FFA_NOTIFICATION_BIND, A, VM1, 0, 0x3));
	assert_ok(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 0, 0x1, 0));
	assert_int_equal(part[0].sri_at[1], 1); /* sent before its response */
	assert_ok(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 0, 0x2, 0));
	assert_int_equal(fake_sri_sent, 1); /* not again before INFO_GET */
	r = nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	assert_int_equal(r.x[3], VM1);
	assert_ok(nwd_get(VM1, FFA_NOTIF_GET_ALL));
	assert_ok(
	    sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), FFA_NOTIF_FLAG_DELAY_SRI, 0x1, 0));
	assert_int_equal(part[0].sri_at[1], 1); /* still the first one while A runs */
	assert_int_equal(fake_sri_sent, 2);	/* the delayed one, as the normal world runs */
	/* Refused SETs send none. */
	nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM1), 0, 0x4, 0), FFA_RET_DENIED);
	assert_error(sp(0, FFA_NOTIFICATION_SET, ffa_msg_ids(A, VM2), 0, 0x1, 0), INV);
	assert_int_equal(fake_sri_sent, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(bitmap_create_and_destroy, setup),
		cmocka_unit_test_setup(bitmap_table_bound, setup),
		cmocka_unit_test_setup(bind_for_a_vm, setup),
		cmocka_unit_test_setup(bind_by_a_partition, setup),
		cmocka_unit_test_setup(unbind_rules, setup),
		cmocka_unit_test_setup(partition_to_vm, setup),
		cmocka_unit_test_setup(set_refusals, setup),
		cmocka_unit_test_setup(vm_and_partition_to_partition, setup),
		cmocka_unit_test_setup(get_refusals, setup),
		cmocka_unit_test_setup(aborted_partition_forgets, setup),
		cmocka_unit_test_setup(info_get_lists_once, setup),
		cmocka_unit_test_setup(info_get_more_pending, setup),
		cmocka_unit_test_setup(destroy_releases_everything, setup),
		cmocka_unit_test_setup(features, setup),
		cmocka_unit_test_setup(npi_to_a_waiting_partition, setup),
		cmocka_unit_test_setup(rx_full_with_other_notifications, setup),
		cmocka_unit_test_setup(rx_full_for_a_vm, setup),
		cmocka_unit_test_setup(npi_to_a_resumed_partition, setup),
		cmocka_unit_test_setup(npi_not_read_comes_again, setup),
		cmocka_unit_test_setup(sri_to_the_normal_world, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
