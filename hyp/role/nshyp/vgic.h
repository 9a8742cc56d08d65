/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nshyp's virtual GIC (GICv3) for its guests (docs/architecture.md "The virtual GIC"). Every
 * guest sees a distributor at PLAT_GICD_BASE and one redistributor (RD and SGI frames) at
 * PLAT_GICR_BASE that nshyp emulates (nothing of the GIC is in a guest's stage 2; its accesses
 * fault and vgic_mmio() answers them) and the GIC's virtual CPU interface (HCR_EL2.IMO/FMO set:
 * its ICC_* accesses reach ICV_*, backed by the list registers nshyp fills). Only the INTIDs a
 * guest owns have any effect: SGIs 0-15 (its own, virtual), PPI 27 (its virtual timer, the
 * physical PPI mapped with the list register's HW bit) and its devices' SPIs (each the physical
 * SPI, enabled while the guest enables it, HW-mapped). Every other INTID reads as zero and
 * ignores writes. The emulation (vgic.c) is arch-neutral and runs on the host in unit tests;
 * the ICH_* registers, the physical GIC and the trap decoding are the arch part's
 * (hyp/role/nshyp/arch/aarch64/vgic_arch.c, vgic_arch_* below).
 */
#ifndef HYP_ROLE_NSHYP_VGIC_H
#define HYP_ROLE_NSHYP_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#define VGIC_NR_INTIDS	288 /* SGIs, PPIs and 256 SPIs, as QEMU virt's GIC (GICD_TYPER) */
#define VGIC_WORDS	(VGIC_NR_INTIDS / 32)
#define VGIC_MAX_LRS	16
#define VGIC_MAX_SPIS	8 /* SYS_MAX_IRQS */
#define VGIC_PPI_MAINT	25
#define VGIC_PPI_EL2TMR 26
#define VGIC_PPI_VTIMER 27
#define VGIC_SPURIOUS	1023u

/* The emulated frames: offsets into the guest's GIC window (GICD, then GICR RD and SGI). */
#define VGIC_GICD_SIZE 0x10000u
#define VGIC_GICR_SIZE 0x20000u
#define VGIC_GICR_SGI  0x10000u

/* ICH_LR<n>_EL2 fields (GICv3 architecture, 12.4.6). */
#define VGIC_LR_INTID_MASK   0xffffffffull
#define VGIC_LR_PINTID_SHIFT 32
#define VGIC_LR_PRIO_SHIFT   48
#define VGIC_LR_GROUP1	     (1ull << 60)
#define VGIC_LR_HW	     (1ull << 61)
#define VGIC_LR_PENDING	     (1ull << 62)
#define VGIC_LR_ACTIVE	     (1ull << 63)
#define VGIC_LR_STATE	     (VGIC_LR_PENDING | VGIC_LR_ACTIVE)
/* ICH_HCR_EL2: En, UIE (maintenance when at most one list register is valid). */
#define VGIC_HCR_EN  (1ull << 0)
#define VGIC_HCR_UIE (1ull << 1)

/*
 * One guest vCPU's GIC: the emulated distributor/redistributor state of the INTIDs it owns
 * (an INTID held in a list register has its pending/active state there, not in the bitmaps),
 * and its virtual CPU interface, saved while another guest runs.
 */
struct vgic_cpu {
	uint32_t owned[VGIC_WORDS];   /* INTIDs that have an effect; the rest RAZ/WI */
	uint32_t enabled[VGIC_WORDS]; /* ISENABLER/ICENABLER */
	uint32_t pending[VGIC_WORDS]; /* pending, not in a list register */
	uint32_t active[VGIC_WORDS];  /* active, not in a list register */
	uint32_t hw[VGIC_WORDS];      /* the pending/active state is the physical interrupt's */
	uint32_t group[VGIC_WORDS];   /* IGROUPR: 1 = Group 1 (reset: all Group 1) */
	uint32_t grpmod[VGIC_WORDS];  /* IGRPMODR (stored, no effect: DS = 1) */
	uint32_t edge[VGIC_WORDS];    /* ICFGR: edge-triggered (SGIs always) */
	uint8_t prio[VGIC_NR_INTIDS]; /* IPRIORITYR */
	uint16_t spi[VGIC_MAX_SPIS];  /* its device SPIs and their IROUTER */
	uint64_t route[VGIC_MAX_SPIS];
	unsigned spi_count;
	uint32_t dist_ctlr; /* GICD_CTLR.EnableGrp0/1 */
	uint32_t waker;	    /* GICR_WAKER.ProcessorSleep */
	/* Virtual CPU interface. */
	uint64_t lr[VGIC_MAX_LRS]; /* saved ICH_LR<n>_EL2 (live in the registers while loaded) */
	uint16_t lr_intid[VGIC_MAX_LRS];
	uint32_t lr_used; /* list registers nshyp filled (bit n: lr_intid[n] is there) */
	unsigned nr_lrs;
	uint64_t hcr, vmcr;
	/* ICH_AP0R<n>/AP1R<n>_EL2: as many as ICH_VTR_EL2.PREbits implements (vgic_arch.c). */
	uint64_t ap0r[4], ap1r[4];
	unsigned injected[3];	/* interrupts injected: SGIs, its virtual timer, device SPIs */
	bool loaded;		/* its state is in the ICH_* registers */
	bool waiting;		/* the last fill() left deliverable interrupts in the bitmaps */
	bool timer_phys_active; /* put with the physical PPI 27 active (its LR is HW) */
};

/*
 * Reset `vc` for a guest that owns the SPIs spis[0..n) (32..VGIC_NR_INTIDS-1; others are
 * ignored) and has `nr_lrs` list registers (ICH_VTR_EL2.ListRegs + 1).
 */
void vgic_init(struct vgic_cpu *vc, const uint16_t *spis, unsigned n, unsigned nr_lrs);
/*
 * An access of `size` bytes (1, 2, 4 or 8) at `off` into the guest's GIC window (0 = GICD,
 * VGIC_GICD_SIZE... = its GICR; see vgic_gic_offset()): a read stores into *val, a write takes
 * *val. Unowned INTIDs, unknown offsets and sizes a register does not support read as zero and
 * ignore writes (docs/architecture.md "The virtual GIC"). Never fails.
 */
void vgic_mmio(struct vgic_cpu *vc, uint32_t off, unsigned size, bool write, uint64_t *val);
/* The offset of `ipa` in the guest's GIC window, or -1 if it is not there. */
int64_t vgic_gic_offset(uint64_t ipa);
/* A virtual SGI the guest sent with ICC_SGI1R_EL1 = `v` (only its own vCPU is a target). */
void vgic_sgi(struct vgic_cpu *vc, uint64_t v);
/* Make `intid` pending for the guest; `hw`: the physical one is active and its state. */
void vgic_inject(struct vgic_cpu *vc, uint32_t intid, bool hw);
/* Something deliverable is pending (the scheduler's WFI wake-up). */
bool vgic_cpu_pending(const struct vgic_cpu *vc);
/* The maintenance interrupt: refill the list registers. */
void vgic_maintenance(struct vgic_cpu *vc);
/* Switching: load `vc` into the ICH_* registers, or save it from them. */
void vgic_load(struct vgic_cpu *vc);
void vgic_put(struct vgic_cpu *vc);
/* The guest stopped: its SPIs' physical state is reset, nothing of it stays active. */
void vgic_stop(struct vgic_cpu *vc);

/* The nshyp side (vgic_arch.c; struct guest/vcpu are nshyp's). */
struct guest;
struct vcpu;
/* Once, at NS-EL2 set-up: nshyp's physical CPU interface and PPIs (25, 26, 27). */
void vgic_hw_init(void);
/* A guest is being built (its cfg is set): its vGIC, owning its device SPIs. */
void vgic_guest_init(struct guest *g);
/* role_arch_vcpu_load/put: the guest's virtual CPU interface in or out of the registers. */
void vgic_vcpu_load(struct vcpu *v);
void vgic_vcpu_put(struct vcpu *v);
bool vgic_pending(const struct guest *g);
/*
 * When guest `g`'s virtual timer will wake it (its counter value in *cval): false if it never
 * will as programmed, or if the guest has PPI 27 disabled (then it is no reason to wake up).
 */
bool vgic_timer_deadline(const struct guest *g, uint64_t *cval);
/*
 * A physical interrupt nshyp acknowledged and dropped the priority of (EOImode 1): inject it
 * into the guest that owns it with the HW bit (its deactivation deactivates the physical one),
 * or deactivate it if no guest does.
 */
void vgic_route_physical(uint32_t intid);

/* The arch part (vgic_arch.c on AArch64, a fake in test/unit/test_vgic.c). */
uint64_t vgic_arch_lr_read(unsigned n);
void vgic_arch_lr_write(unsigned n, uint64_t v);
void vgic_arch_hcr_write(uint64_t hcr);
uint32_t vgic_arch_elrsr(void); /* ICH_ELRSR_EL2: list registers with no valid state */
void vgic_arch_save(struct vgic_cpu *vc);
void vgic_arch_restore(const struct vgic_cpu *vc);
void vgic_arch_phys_enable(uint32_t intid, bool on);
void vgic_arch_phys_active(uint32_t intid, bool on);
void vgic_arch_phys_reset(uint32_t intid);

#endif /* HYP_ROLE_NSHYP_VGIC_H */
