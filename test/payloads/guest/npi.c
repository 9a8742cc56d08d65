// SPDX-License-Identifier: BSD-3-Clause
/*
 * A test guest's notification pending interrupt (FF-A v1.1 §10.7.1): nshyp injects it as a
 * virtual SGI whose INTID FFA_FEATURES(NPI) answers. npi_enable() enables it at the guest's
 * virtual GIC (nshyp emulates the distributor and redistributor) with IRQs masked; npi_take()
 * installs npi_irq.S's vectors, unmasks IRQs for a bounded while and returns the INTID the
 * IRQ handler read, then puts the guest's own vectors back.
 */
#include <abi/ffa.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <plat/plat_def.h>

#include "npi.h"

#define NONE	    1023u
#define NPI_SPINS   1000000u
#define GICR_SGI    (PLAT_GICR_BASE + 0x10000)
#define ISENABLER0  0x100
#define IPRIORITYR0 0x400

extern char npi_vectors[];
void npi_irq_wait(volatile uint32_t *got, uint64_t spins);

/* MMIO as single stores (a stage-2 abort with a syndrome: nshyp's vGIC emulates it). */
static void wr32(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static void wr8(uintptr_t addr, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

uint32_t npi_enable(void)
{
	struct ffa_value r = arch_hvc((struct ffa_value){ { FFA_FEATURES, FFA_FEATURE_NPI } });
	uint32_t intid = (uint32_t)r.x[2];

	if ((uint32_t)r.x[0] != FFA_SUCCESS_32 || intid >= 32)
		return NONE;
	__asm__ volatile("msr daifset, #0x2" ::: "memory");
	wr32(PLAT_GICD_BASE, 0x2); /* GICD_CTLR.EnableGrp1 */
	wr8(GICR_SGI + IPRIORITYR0 + intid, 0x80);
	wr32(GICR_SGI + ISENABLER0, 1u << intid);
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
	return intid;
}

uint32_t npi_take(void)
{
	volatile uint32_t got = NONE;
	uint64_t vbar = read_sysreg(vbar_el1);

	write_sysreg(vbar_el1, (uint64_t)(uintptr_t)npi_vectors);
	isb();
	npi_irq_wait(&got, NPI_SPINS);
	write_sysreg(vbar_el1, vbar);
	isb();
	return got;
}
