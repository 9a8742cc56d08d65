// SPDX-License-Identifier: BSD-3-Clause
/*
 * The AArch64 part of nshyp's virtual GIC (hyp/role/nshyp/vgic.h): the GICv3 virtual CPU
 * interface registers (ICH_LR<n>_EL2, ICH_AP0R<n>/AP1R<n>_EL2, ICH_VMCR_EL2, ICH_HCR_EL2) saved and
 * restored with the guest's vCPU, the physical GIC driven through <drivers/gicv3_ns.h>, and
 * the traps that reach the emulation: a stage-2 data abort in the GIC's frames (decoded from
 * ESR_EL2's syndrome; docs/architecture.md "The virtual GIC" says what an access without one
 * gets) and a write to ICC_SGI1R_EL1 / ICC_SGI0R_EL1 / ICC_ASGI1R_EL1 (HCR_EL2.IMO/FMO trap
 * them to EL2).
 */
#include <arch/sysreg.h>
#include <drivers/gicv3_ns.h>
#include <hyp/arch_role.h>
#include <lib/container_of.h>
#include <plat/plat_def.h>

#include "../../irq.h"
#include "../../nshyp.h"

/* clang-format off */
#define LR_CASES(X) \
	X(0, S3_4_C12_C12_0) X(1, S3_4_C12_C12_1) X(2, S3_4_C12_C12_2) X(3, S3_4_C12_C12_3) \
	X(4, S3_4_C12_C12_4) X(5, S3_4_C12_C12_5) X(6, S3_4_C12_C12_6) X(7, S3_4_C12_C12_7) \
	X(8, S3_4_C12_C13_0) X(9, S3_4_C12_C13_1) X(10, S3_4_C12_C13_2) X(11, S3_4_C12_C13_3) \
	X(12, S3_4_C12_C13_4) X(13, S3_4_C12_C13_5) X(14, S3_4_C12_C13_6) X(15, S3_4_C12_C13_7)
/* clang-format on */

uint64_t vgic_arch_lr_read(unsigned n)
{
#define LR_READ(i, r)                                                                              \
	case i:                                                                                    \
		return read_sysreg(r);
	switch (n) {
		LR_CASES(LR_READ)
	default:
		return 0;
	}
}

void vgic_arch_lr_write(unsigned n, uint64_t v)
{
#define LR_WRITE(i, r)                                                                             \
	case i:                                                                                    \
		write_sysreg(r, v);                                                                \
		break;
	switch (n) {
		LR_CASES(LR_WRITE)
	default:
		break;
	}
}

void vgic_arch_hcr_write(uint64_t hcr)
{
	write_sysreg(ich_hcr_el2, hcr);
}

uint32_t vgic_arch_elrsr(void)
{
	return (uint32_t)read_sysreg(ich_elrsr_el2);
}

/*
 * The active-priority registers that a guest's acknowledges and ICV_AP0R<n>/AP1R<n> writes
 * change: one of each for 5 preemption bits (QEMU), 2 for 6, 4 for 7 (ICH_VTR_EL2.PREbits + 1),
 * all switched. Set once by vgic_hw_init().
 */
static unsigned nr_aprs = 1;

/* clang-format off */
#define APR_CASES(X) \
	X(0, S3_4_C12_C8_0, S3_4_C12_C9_0) X(1, S3_4_C12_C8_1, S3_4_C12_C9_1) \
	X(2, S3_4_C12_C8_2, S3_4_C12_C9_2) X(3, S3_4_C12_C8_3, S3_4_C12_C9_3)
#define APR_SAVE(i, r0, r1) \
	if ((i) < nr_aprs) { vc->ap0r[i] = read_sysreg(r0); vc->ap1r[i] = read_sysreg(r1); }
#define APR_RESTORE(i, r0, r1) \
	if ((i) < nr_aprs) { write_sysreg(r0, vc->ap0r[i]); write_sysreg(r1, vc->ap1r[i]); }
/* clang-format on */

/* The virtual interface is off (En = 0) while no guest's state is loaded. */
void vgic_arch_save(struct vgic_cpu *vc)
{
	for (unsigned n = 0; n < vc->nr_lrs; n++)
		vc->lr[n] = vgic_arch_lr_read(n);
	vc->vmcr = read_sysreg(ich_vmcr_el2);
	APR_CASES(APR_SAVE)
	write_sysreg(ich_hcr_el2, 0);
}

void vgic_arch_restore(const struct vgic_cpu *vc)
{
	for (unsigned n = 0; n < vc->nr_lrs; n++)
		vgic_arch_lr_write(n, vc->lr[n]);
	write_sysreg(ich_vmcr_el2, vc->vmcr);
	APR_CASES(APR_RESTORE)
	write_sysreg(ich_hcr_el2, vc->hcr);
}

void vgic_arch_phys_enable(uint32_t intid, bool on)
{
	if (intid >= 32)
		gicv3_ns_spi_enable(PLAT_GICD_BASE, intid, on);
}

void vgic_arch_phys_active(uint32_t intid, bool on)
{
	if (on)
		gicv3_ns_activate(PLAT_GICD_BASE, PLAT_GICR_BASE, intid);
	else
		gicv3_ns_deactivate(intid);
}

void vgic_arch_phys_reset(uint32_t intid)
{
	gicv3_ns_spi_reset(PLAT_GICD_BASE, intid);
}

/* ---- nshyp's side ---- */

static struct guest *guest_of_vcpu(const struct vcpu *v)
{
	return container_of(v->vm, struct guest, vm);
}

void vgic_guest_init(struct guest *g)
{
	/* Its device SPIs (the description's irqs: validation allows a guest only those). */
	vgic_init(&g->vgic, g->cfg->irqs, g->cfg->irq_count,
		  (unsigned)(read_sysreg(ich_vtr_el2) & 0x1fu) + 1);
}

/*
 * nshyp's physical CPU interface, once (role_arch_init()): its maintenance interrupt, its EL2
 * timer and the guests' virtual timer PPI enabled.
 */
void vgic_hw_init(void)
{
	unsigned prebits = (unsigned)(read_sysreg(ich_vtr_el2) >> 26 & 7u) + 1;

	nr_aprs = prebits >= 7 ? 4 : prebits == 6 ? 2 : 1;
	/* And the SPMC's schedule receiver interrupt (notif_nshyp.c), an SGI. */
	gicv3_ns_cpu_init(PLAT_GICR_BASE, 1u << VGIC_PPI_MAINT | 1u << VGIC_PPI_EL2TMR |
					      1u << VGIC_PPI_VTIMER | 1u << SYS_IRQ_SRI);
}

void vgic_vcpu_load(struct vcpu *v)
{
	vgic_load(&guest_of_vcpu(v)->vgic);
}

void vgic_vcpu_put(struct vcpu *v)
{
	vgic_put(&guest_of_vcpu(v)->vgic);
}

bool vgic_timer_deadline(const struct guest *g, uint64_t *cval)
{
	return (g->vgic.enabled[0] >> VGIC_PPI_VTIMER & 1u) &&
	       nshyp_vtimer_deadline(&g->vm.vcpus[0], cval);
}

/* Something to deliver, or its virtual timer has fired. */
bool vgic_pending(const struct guest *g)
{
	uint64_t cval;

	return vgic_cpu_pending(&g->vgic) || (vgic_timer_deadline(g, &cval) && nshyp_now() >= cval);
}

/* ESR_EL2 ISS of a data abort (Arm ARM D17.2.40) and of a trapped MSR (EC 0x18). */
#define DABT_ISV	      (1u << 24)
#define DABT_SAS(iss)	      (((iss) >> 22) & 3u)
#define DABT_SSE	      (1u << 21)
#define DABT_SRT(iss)	      (((iss) >> 16) & 0x1fu)
#define DABT_SF		      (1u << 15)
#define DABT_CM		      (1u << 8)
#define DABT_S1PTW	      (1u << 7)
#define DABT_WNR	      (1u << 6)
#define DABT_DFSC_TYPE	      0x3cu /* DFSC without its level */
#define DABT_DFSC_TRANSLATION 0x04u
#define SYSREG_MASK	      0x3ffc1eu /* Op0, Op2, Op1, CRn, CRm */
#define SYSREG_READ	      1u
/* ICC_SGI1R_EL1, ICC_ASGI1R_EL1, ICC_SGI0R_EL1: Op0 3, Op1 0, CRn 12, CRm 11, Op2 5/6/7. */
#define SYSREG_ENC(op2) ((3u << 20) | ((op2) << 17) | (12u << 10) | (11u << 1))

static uint64_t *gpr(struct vcpu *v, unsigned r)
{
	static uint64_t xzr;

	xzr = 0;
	return r == 31 ? &xzr : &v->regs.x[r];
}

/*
 * An access to the guest's GIC frames. Without a valid syndrome (ISV = 0: a load/store pair,
 * writeback, ...), or from a stage-1 walk, nshyp cannot emulate it: false, the guest's EL1 gets
 * an external abort as for any fault (vm_inject_abort()). Cache maintenance by VA there is stepped
 * (nothing to maintain). Otherwise the access is emulated and the instruction stepped.
 */
static bool gic_access(struct vcpu *v, uint64_t esr)
{
	uint32_t iss = (uint32_t)esr & 0x1ffffffu;
	uint64_t ipa =
	    ((read_sysreg(hpfar_el2) & 0xffffffffff0ull) << 8) | (read_sysreg(far_el2) & 0xfff);
	int64_t off = vgic_gic_offset(ipa);
	unsigned size = 1u << DABT_SAS(iss);
	uint64_t *rt, val;

	/* HPFAR_EL2 is valid for a stage-2 translation fault (DFSC 0b0001xx, the GIC frames are
	 * not mapped); anything else is no access to emulate. */
	if ((iss & DABT_DFSC_TYPE) != DABT_DFSC_TRANSLATION || off < 0 || (iss & DABT_S1PTW))
		return false;
	if (iss & DABT_CM) { /* cache maintenance by VA on the frames: nothing to maintain */
		v->regs.elr += arch_trapped_insn_len(esr);
		return true;
	}
	if (!(iss & DABT_ISV))
		return false;
	rt = gpr(v, DABT_SRT(iss));
	if (iss & DABT_WNR) {
		val = size == 8 ? *rt : *rt & ((1ull << (8 * size)) - 1);
		vgic_mmio(&guest_of_vcpu(v)->vgic, (uint32_t)off, size, true, &val);
	} else {
		vgic_mmio(&guest_of_vcpu(v)->vgic, (uint32_t)off, size, false, &val);
		if ((iss & DABT_SSE) && size < 8 && (val >> (8 * size - 1) & 1u))
			val |= ~0ull << (8 * size);
		*rt = (iss & DABT_SF) ? val : val & 0xffffffffull;
	}
	v->regs.elr += arch_trapped_insn_len(esr);
	return true;
}

/* A write to an SGI register: ICC_SGI1R_EL1 and ICC_SGI0R_EL1 reach the guest's own vCPU;
 * ICC_ASGI1R_EL1 (the other security state's group: none here) is ignored. */
static bool sgi_write(struct vcpu *v, uint64_t esr)
{
	uint32_t iss = (uint32_t)esr & 0x1ffffffu;
	uint32_t enc = iss & SYSREG_MASK;

	if (iss & SYSREG_READ)
		return false; /* write-only registers: UNDEFINED, as the core answers */
	if (enc == SYSREG_ENC(5u) || enc == SYSREG_ENC(7u))
		vgic_sgi(&guest_of_vcpu(v)->vgic, *gpr(v, (iss >> 5) & 0x1fu));
	else if (enc != SYSREG_ENC(6u))
		return false;
	v->regs.elr += 4;
	return true;
}

/* hyp_vcpu_trap()'s role hook (vm_arch.c): the vGIC's traps; false for any other. */
bool role_arch_trap(struct vcpu *v, uint64_t esr)
{
	switch (esr_ec(esr)) {
	case EC_DABT_LOWER:
		return gic_access(v, esr);
	case EC_SYSREG:
		return sgi_write(v, esr);
	default:
		return false;
	}
}
