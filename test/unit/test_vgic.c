// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of nshyp's virtual GIC emulation (hyp/role/nshyp/vgic.c) against a fake
 * virtual CPU interface and physical GIC (the vgic_arch_* functions below): the register map
 * of the emulated distributor and redistributor (identification, CTLR, TYPER, WAKER, every
 * bitmap bank, priorities, configuration, routing), RAZ/WI for INTIDs the guest does not own
 * and for unknown offsets, accesses of a size a register does not take, list register filling
 * and overflow into the pending set (maintenance), HW-mapped physical interrupts, SGIs, and a
 * guest's end. No input makes the emulation fail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <plat/plat_def.h>

#include "../../hyp/role/nshyp/vgic.h"

/* ---- The fake arch part ---- */
static uint64_t lr[VGIC_MAX_LRS], hcr;
static uint8_t phys_enabled[VGIC_NR_INTIDS], phys_active[VGIC_NR_INTIDS], phys_resets;

uint64_t vgic_arch_lr_read(unsigned n)
{
	return lr[n];
}

void vgic_arch_lr_write(unsigned n, uint64_t v)
{
	lr[n] = v;
}

void vgic_arch_hcr_write(uint64_t v)
{
	hcr = v;
}

uint32_t vgic_arch_elrsr(void)
{
	uint32_t e = 0;

	for (unsigned n = 0; n < VGIC_MAX_LRS; n++)
		e |= (uint32_t)((lr[n] & VGIC_LR_STATE) == 0) << n;
	return e;
}

void vgic_arch_save(struct vgic_cpu *vc)
{
	memcpy(vc->lr, lr, sizeof(lr));
	hcr = 0;
}

void vgic_arch_restore(const struct vgic_cpu *vc)
{
	memcpy(lr, vc->lr, sizeof(lr));
	hcr = vc->hcr;
}

void vgic_arch_phys_enable(uint32_t intid, bool on)
{
	phys_enabled[intid] = on;
}

void vgic_arch_phys_active(uint32_t intid, bool on)
{
	phys_active[intid] = on;
}

void vgic_arch_phys_reset(uint32_t intid)
{
	phys_enabled[intid] = phys_active[intid] = 0;
	phys_resets++;
}

/* ---- Helpers ---- */
#define GICD 0u
#define RD   VGIC_GICD_SIZE
#define SGI  (VGIC_GICD_SIZE + VGIC_GICR_SGI)
#define SPI  40u

static struct vgic_cpu vc;

static uint64_t rd(uint32_t off, unsigned size)
{
	uint64_t v = 0xdeadbeefull;

	vgic_mmio(&vc, off, size, false, &v);
	return v;
}

static void wr(uint32_t off, unsigned size, uint64_t v)
{
	vgic_mmio(&vc, off, size, true, &v);
}

static int setup(void **state)
{
	static const uint16_t spis[] = { SPI, 10 /* not an SPI: ignored */, 300 /* too high */ };

	(void)state;
	memset(lr, 0, sizeof(lr));
	memset(phys_enabled, 0, sizeof(phys_enabled));
	memset(phys_active, 0, sizeof(phys_active));
	phys_resets = 0;
	vgic_init(&vc, spis, 3, 4);
	vgic_load(&vc);
	wr(GICD + 0x0000, 4, 2); /* GICD_CTLR.EnableGrp1 */
	return 0;
}

static unsigned valid_lrs(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < 4; i++)
		n += (lr[i] & VGIC_LR_STATE) != 0;
	return n;
}

/* ---- Tests ---- */
static void test_identification(void **state)
{
	(void)state;
	assert_int_equal(rd(GICD + 0x0000, 4), 0x52); /* ARE, DS, EnableGrp1 */
	assert_int_equal(rd(GICD + 0x0004, 4) & 0x1f, VGIC_NR_INTIDS / 32 - 1);
	assert_int_equal((rd(GICD + 0x0004, 4) >> 19) & 0x1f, 9); /* 10 ID bits */
	assert_int_equal(rd(GICD + 0xffe8, 4) & 0xf0, 0x30);	  /* ArchRev 3 */
	assert_int_equal(rd(RD + 0xffe8, 4) & 0xf0, 0x30);
	assert_int_equal(rd(RD + 0x0008, 8), 0x10); /* Last, affinity 0, no LPIs */
	assert_int_equal(rd(RD + 0x0008, 4), 0x10);
	assert_int_equal(rd(RD + 0x000c, 4), 0);
	assert_int_equal(rd(RD + 0x0004, 4), rd(GICD + 0x0008, 4)); /* IIDR */
	/* Read-only registers ignore writes; CTLR keeps only the group enables. */
	wr(GICD + 0x0004, 4, 0);
	assert_int_equal(rd(GICD + 0x0004, 4) & 0x1f, VGIC_NR_INTIDS / 32 - 1);
	wr(GICD + 0x0000, 4, 0xffffffff);
	assert_int_equal(rd(GICD + 0x0000, 4), 0x53);
	assert_int_equal(rd(RD + 0x0000, 4), 0); /* GICR_CTLR: no LPIs */
}

static void test_waker(void **state)
{
	(void)state;
	assert_int_equal(rd(RD + 0x0014, 4), 0);
	wr(RD + 0x0014, 4, 2); /* ProcessorSleep */
	assert_int_equal(rd(RD + 0x0014, 4), 6);
	wr(RD + 0x0014, 4, 0);
	assert_int_equal(rd(RD + 0x0014, 4), 0);
}

static void test_banks_only_owned_intids(void **state)
{
	(void)state;
	/* SGI frame word 0: SGIs and PPI 27 are the guest's, other PPIs are not. */
	wr(SGI + 0x0100, 4, 0xffffffff);
	assert_int_equal(rd(SGI + 0x0100, 4), 0xffffu | 1u << 27);
	assert_int_equal(rd(SGI + 0x0180, 4), 0xffffu | 1u << 27);
	wr(SGI + 0x0180, 4, 0xffffffff);
	assert_int_equal(rd(SGI + 0x0100, 4), 0);
	/* GICD word 1 (INTIDs 32-63): only SPI 40. */
	wr(GICD + 0x0104, 4, 0xffffffff);
	assert_int_equal(rd(GICD + 0x0104, 4), 1u << (SPI - 32));
	assert_true(phys_enabled[SPI]);
	assert_false(phys_enabled[41]);
	wr(GICD + 0x0184, 4, 0xffffffff);
	assert_false(phys_enabled[SPI]);
	/* GICD word 0 is the redistributor's (affinity routing): RAZ/WI. */
	wr(GICD + 0x0100, 4, 0xffffffff);
	assert_int_equal(rd(GICD + 0x0100, 4), 0);
	/* Beyond the implemented INTIDs, and other words of the SGI frame: RAZ/WI. */
	wr(GICD + 0x0100 + 4 * (VGIC_NR_INTIDS / 32), 4, 0xffffffff);
	assert_int_equal(rd(GICD + 0x0100 + 4 * (VGIC_NR_INTIDS / 32), 4), 0);
	assert_int_equal(rd(SGI + 0x0104, 4), 0);
	/* Groups: reset Group 1, writable for owned INTIDs only. */
	assert_int_equal(rd(SGI + 0x0080, 4), 0xffffu | 1u << 27);
	wr(SGI + 0x0080, 4, 0);
	assert_int_equal(rd(SGI + 0x0080, 4), 0);
	wr(SGI + 0x0d00, 4, 0xffffffff); /* IGRPMODR: stored, owned only */
	assert_int_equal(rd(SGI + 0x0d00, 4), 0xffffu | 1u << 27);
}

static void test_pending_and_active(void **state)
{
	(void)state;
	/* The guest may make its SGIs pending; not its timer or device SPI (hardware's). */
	wr(SGI + 0x0100, 4, 1u << 5); /* enable SGI 5 */
	wr(SGI + 0x0200, 4, 0xffffffff);
	assert_int_equal(rd(SGI + 0x0200, 4), 0xffffu);
	assert_int_equal(rd(GICD + 0x0204, 4), 0);
	wr(GICD + 0x0204, 4, 0xffffffff);
	assert_int_equal(rd(GICD + 0x0204, 4), 0);
	/* SGI 5, enabled, is in a list register; the rest waits. */
	assert_int_equal(valid_lrs(), 1);
	assert_int_equal(lr[0] & 0xffffffff, 5);
	wr(SGI + 0x0280, 4, 0xffffffff); /* ICPENDR0 */
	assert_int_equal(rd(SGI + 0x0200, 4), 0);
	assert_int_equal(valid_lrs(), 0);
	wr(SGI + 0x0300, 4, 1u << 7);
	assert_int_equal(rd(SGI + 0x0300, 4), 1u << 7);
	wr(SGI + 0x0380, 4, 1u << 7);
	assert_int_equal(rd(SGI + 0x0300, 4), 0);
}

static void test_priority_config_routing(void **state)
{
	(void)state;
	wr(SGI + 0x0400 + 4, 1, 0xa0); /* SGI 4, byte access */
	assert_int_equal(rd(SGI + 0x0404, 4), 0xa0);
	wr(SGI + 0x0418, 4, 0x11223344); /* PPIs 24-27: only 27 is the guest's */
	assert_int_equal(rd(SGI + 0x0418, 4), 0x11000000);
	wr(GICD + 0x0400 + SPI, 1, 0x40);
	assert_int_equal(rd(GICD + 0x0400 + SPI, 1), 0x40);
	wr(GICD + 0x0400 + SPI + 1, 1, 0x40);
	assert_int_equal(rd(GICD + 0x0400 + SPI + 1, 1), 0);
	assert_int_equal(rd(GICD + 0x0400 + 16, 4), 0); /* GICD's SGI/PPI priorities: RAZ */
	/* ICFGR0 (SGIs) reads edge, read-only; ICFGR1 stores PPI 27 only. */
	wr(SGI + 0x0c00, 4, 0);
	assert_int_equal(rd(SGI + 0x0c00, 4), 0xaaaaaaaa);
	wr(SGI + 0x0c04, 4, 0xffffffff);
	assert_int_equal(rd(SGI + 0x0c04, 4), 2u << 22);
	wr(GICD + 0x0c08, 4, 0xffffffff); /* INTIDs 32-47 */
	assert_int_equal(rd(GICD + 0x0c08, 4), 2u << 16);
	/* IROUTER: 64-bit and 32-bit halves for its SPI, RAZ/WI for others. */
	wr(GICD + 0x6000 + 8 * SPI, 8, 0x0000000100000203ull);
	assert_int_equal(rd(GICD + 0x6000 + 8 * SPI, 8), 0x0000000100000203ull);
	assert_int_equal(rd(GICD + 0x6000 + 8 * SPI + 4, 4), 1);
	wr(GICD + 0x6000 + 8 * SPI + 4, 4, 0);
	assert_int_equal(rd(GICD + 0x6000 + 8 * SPI, 8), 0x203);
	wr(GICD + 0x6000 + 8 * 41, 8, ~0ull);
	assert_int_equal(rd(GICD + 0x6000 + 8 * 41, 8), 0);
}

static void test_bad_sizes_are_raz_wi(void **state)
{
	(void)state;
	wr(SGI + 0x0100, 1, 0xff); /* byte write to ISENABLER0: ignored */
	assert_int_equal(rd(SGI + 0x0100, 4), 0);
	wr(SGI + 0x0100, 8, ~0ull); /* doubleword */
	assert_int_equal(rd(SGI + 0x0100, 4), 0);
	wr(SGI + 0x0100, 2, 0xffff); /* halfword */
	assert_int_equal(rd(SGI + 0x0100, 4), 0);
	assert_int_equal(rd(GICD + 0x0000, 1), 0); /* byte read of CTLR */
	assert_int_equal(rd(GICD + 0x0000, 8), 0);
	assert_int_equal(rd(GICD + 0x0002, 4), 0); /* unaligned */
	wr(GICD + 0x0400 + SPI, 2, 0xffff);	   /* halfword priority */
	assert_int_equal(rd(GICD + 0x0400 + SPI, 1), 0);
	wr(GICD + 0x6004 + 8 * SPI, 8, ~0ull); /* misaligned doubleword IROUTER */
	assert_int_equal(rd(GICD + 0x6000 + 8 * SPI, 8), 0);
	assert_int_equal(rd(RD + 0x0014, 8), 0); /* WAKER is 32-bit */
}

static void test_every_offset_any_value(void **state)
{
	static const unsigned sizes[] = { 1, 2, 4, 8 };

	(void)state;
	for (unsigned s = 0; s < 4; s++) {
		for (uint32_t off = 0; off < VGIC_GICD_SIZE + VGIC_GICR_SIZE + 0x100; off++) {
			wr(off, sizes[s], ~0ull);
			(void)rd(off, sizes[s]);
		}
	}
	for (uint32_t off = 0; off < VGIC_GICD_SIZE + VGIC_GICR_SIZE; off += 4)
		wr(off, 4, 0);
	/* Only the guest's own INTIDs ever reached the physical GIC. */
	for (uint32_t i = 0; i < VGIC_NR_INTIDS; i++)
		if (i != SPI)
			assert_false(phys_enabled[i]);
	assert_true(valid_lrs() <= 4);
}

static void test_overflow_waits_for_maintenance(void **state)
{
	(void)state;
	wr(SGI + 0x0100, 4, 0xffff);
	for (unsigned n = 0; n < 16; n += 4)
		wr(SGI + 0x0400 + n, 4, 0x80808080);
	for (unsigned i = 0; i < 16; i++)
		vgic_sgi(&vc, (uint64_t)i << 24 | 1);
	assert_int_equal(valid_lrs(), 4);
	assert_true(hcr & VGIC_HCR_UIE);
	assert_true(vgic_cpu_pending(&vc));
	/* The guest ends three: maintenance refills. */
	for (unsigned i = 0; i < 3; i++)
		lr[i] = 0;
	vgic_maintenance(&vc);
	assert_int_equal(valid_lrs(), 4);
	/* Lower priority value first: SGI 15 jumps the queue (an access refills in order). */
	wr(SGI + 0x0400 + 12, 4, 0x10808080); /* SGI 15 at priority 0x10 */
	assert_int_equal(lr[0] & 0xffffffff, 15);
	assert_int_equal((lr[0] >> VGIC_LR_PRIO_SHIFT) & 0xff, 0x10);
	/* SGIs to other CPUs or with IRM are ignored; the same SGI twice stays one. */
	memset(lr, 0, sizeof(lr));
	wr(SGI + 0x0280, 4, 0xffffffff);
	vgic_sgi(&vc, 3ull << 24 | 1ull << 40 | 1);
	vgic_sgi(&vc, 3ull << 24 | 1ull << 16 | 1);
	vgic_sgi(&vc, 3ull << 24 | 2);
	assert_int_equal(rd(SGI + 0x0200, 4), 0);
	vgic_sgi(&vc, 3ull << 24 | 1);
	vgic_sgi(&vc, 3ull << 24 | 1);
	assert_int_equal(valid_lrs(), 1);
	assert_false(hcr & VGIC_HCR_UIE);
}

static void test_hw_interrupts(void **state)
{
	(void)state;
	/* Not the guest's: deactivated at once. */
	phys_active[41] = 1;
	vgic_route_physical(41);
	assert_false(phys_active[41]);
	/* Its SPI, disabled: waits, the physical one stays active. */
	phys_active[SPI] = 1;
	vgic_route_physical(SPI);
	assert_true(phys_active[SPI]);
	assert_int_equal(valid_lrs(), 0);
	assert_int_equal(rd(GICD + 0x0204, 4), 1u << (SPI - 32));
	/* Enabled: in a list register with the HW bit and its pINTID. */
	wr(GICD + 0x0104, 4, 1u << (SPI - 32));
	assert_int_equal(valid_lrs(), 1);
	assert_true(lr[0] & VGIC_LR_HW);
	assert_int_equal((lr[0] >> 32) & 0x1fff, SPI);
	/* The guest clears it: the physical one is deactivated. */
	wr(GICD + 0x0284, 4, 1u << (SPI - 32));
	assert_false(phys_active[SPI]);
	assert_int_equal(valid_lrs(), 0);
	/* Its timer: pending at a switch, dropped (it fires again when loaded). */
	wr(SGI + 0x0100, 4, 1u << 27);
	phys_active[27] = 1;
	vgic_route_physical(27);
	assert_int_equal(valid_lrs(), 1);
	vgic_put(&vc);
	assert_false(phys_active[27]);
	memset(lr, 0, sizeof(lr));
	vgic_load(&vc);
	assert_int_equal(valid_lrs(), 0);
	/* Active (in its handler) at a switch: the physical one follows it. */
	phys_active[27] = 1;
	vgic_route_physical(27);
	lr[0] = (lr[0] & ~VGIC_LR_STATE) | VGIC_LR_ACTIVE;
	vgic_put(&vc);
	assert_false(phys_active[27]);
	vgic_load(&vc);
	assert_true(phys_active[27]);
	assert_true(lr[0] & VGIC_LR_ACTIVE);
}

static void test_stop_resets_its_spis(void **state)
{
	(void)state;
	wr(GICD + 0x0104, 4, 1u << (SPI - 32));
	phys_active[SPI] = 1;
	vgic_route_physical(SPI);
	vgic_stop(&vc);
	assert_int_equal(phys_resets, 1);
	assert_false(phys_enabled[SPI] || phys_active[SPI]);
	assert_int_equal(valid_lrs(), 0);
	assert_false(hcr & VGIC_HCR_EN);
	/* Nobody owns it any more: a late physical interrupt is deactivated. */
	phys_active[SPI] = 1;
	vgic_route_physical(SPI);
	assert_false(phys_active[SPI]);
	assert_int_equal(rd(GICD + 0x0104, 4), 0);
}

/*
 * A guest stopped while another runs (nshyp's test hook stops any guest): it was put with its
 * timer active in a list register, so the physical PPI 27 now belongs to the guest that runs
 * and must stay active for it.
 */
static void test_stop_while_put_leaves_the_timer(void **state)
{
	static struct vgic_cpu other;

	(void)state;
	wr(SGI + 0x0100, 4, 1u << 27);
	phys_active[27] = 1;
	vgic_route_physical(27);
	lr[0] = (lr[0] & ~VGIC_LR_STATE) | VGIC_LR_ACTIVE;
	vgic_put(&vc);
	assert_false(phys_active[27]);
	vgic_init(&other, NULL, 0, 4);
	vgic_load(&other);
	phys_active[27] = 1; /* the running guest's timer, in its handler */
	vgic_stop(&vc);
	assert_true(phys_active[27]);
	vgic_put(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_identification, setup),
		cmocka_unit_test_setup(test_waker, setup),
		cmocka_unit_test_setup(test_banks_only_owned_intids, setup),
		cmocka_unit_test_setup(test_pending_and_active, setup),
		cmocka_unit_test_setup(test_priority_config_routing, setup),
		cmocka_unit_test_setup(test_bad_sizes_are_raz_wi, setup),
		cmocka_unit_test_setup(test_every_offset_any_value, setup),
		cmocka_unit_test_setup(test_overflow_waits_for_maintenance, setup),
		cmocka_unit_test_setup(test_hw_interrupts, setup),
		cmocka_unit_test_setup(test_stop_resets_its_spis, setup),
		cmocka_unit_test_setup(test_stop_while_put_leaves_the_timer, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
