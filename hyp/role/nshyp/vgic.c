// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp's virtual GIC, the arch-neutral part (vgic.h; docs/architecture.md "The virtual GIC"):
 * the guest's distributor and redistributor emulated register by register, and the list
 * registers kept filled from its pending set. An INTID's pending/active state lives either in
 * a list register (where the guest's ICV_* accesses change it) or in the bitmaps, never both;
 * an emulated access first folds the list registers back into the bitmaps, changes them and
 * refills, so it sees one consistent state. Interrupts that find no free list register wait in
 * the bitmaps, and the maintenance interrupt (ICH_HCR_EL2.UIE) refills when the guest has
 * consumed them. Nothing a guest writes reaches an INTID it does not own, and no value makes
 * nshyp fail: unknown registers and sizes read as zero and ignore writes.
 */
#include <plat/plat_def.h>

#include "vgic.h"

/* Distributor registers (GICv3 architecture, 12.9); bitmap banks are 0x80 bytes each. */
#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR	0x0c00
#define GICD_IGRPMODR	0x0d00
#define GICD_IROUTER	0x6000
#define GIC_PIDR2	0xffe8
/* Redistributor RD frame. */
#define GICR_CTLR	  0x0000
#define GICR_IIDR	  0x0004
#define GICR_TYPER	  0x0008
#define GICR_WAKER	  0x0014
#define GICR_WAKER_SLEEP  (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)
#define GICR_TYPER_LAST	  (1u << 4)

#define CTLR_GRP0	  (1u << 0)
#define CTLR_GRP1	  (1u << 1)
#define CTLR_ARE	  (1u << 4)   /* RAO/WI: affinity routing only */
#define CTLR_DS		  (1u << 6)   /* RAO/WI: one security state */
#define IIDR_VALUE	  0x0000043bu /* implementer Arm (JEP106 0x43b) */
#define PIDR2_VALUE	  0x3bu	      /* ArchRev 3: GICv3 */
#define IDBITS_10	  (9u << 19)
#define SGI_CFG		  0xaaaaaaaau /* ICFGR0: SGIs are edge-triggered, read-only */

/* The guest that owns each SPI, and the one whose state is in the ICH_* registers. */
static struct vgic_cpu *spi_owner[VGIC_NR_INTIDS - 32];
static struct vgic_cpu *vgic_current;

static bool bit(const uint32_t *map, uint32_t intid)
{
	return (map[intid / 32] >> (intid % 32)) & 1u;
}

static void set_bit_to(uint32_t *map, uint32_t intid, bool on)
{
	uint32_t m = 1u << (intid % 32);

	map[intid / 32] = on ? map[intid / 32] | m : map[intid / 32] & ~m;
}

static uint64_t lr_get(const struct vgic_cpu *vc, unsigned n)
{
	return vc->loaded ? vgic_arch_lr_read(n) : vc->lr[n];
}

static void lr_set(struct vgic_cpu *vc, unsigned n, uint64_t v)
{
	if (vc->loaded)
		vgic_arch_lr_write(n, v);
	else
		vc->lr[n] = v;
}

static void hcr_set(struct vgic_cpu *vc, uint64_t hcr)
{
	if (hcr == vc->hcr)
		return;
	vc->hcr = hcr;
	if (vc->loaded)
		vgic_arch_hcr_write(hcr);
}

static uint32_t lr_all(const struct vgic_cpu *vc)
{
	return (uint32_t)((1ull << vc->nr_lrs) - 1);
}

/* List registers with no valid state (ICH_ELRSR_EL2, or from the saved copies). */
static uint32_t lr_empty(const struct vgic_cpu *vc)
{
	uint32_t e = 0;

	if (vc->loaded)
		return vgic_arch_elrsr() & lr_all(vc);
	for (unsigned n = 0; n < vc->nr_lrs; n++)
		e |= (uint32_t)((vc->lr[n] & VGIC_LR_STATE) == 0) << n;
	return e;
}

/* List registers whose interrupt the guest finished (deactivated) are free again. */
static void reclaim(struct vgic_cpu *vc)
{
	vc->lr_used &= ~lr_empty(vc);
}

static int find_lr(const struct vgic_cpu *vc, uint32_t intid)
{
	for (unsigned n = 0; n < vc->nr_lrs; n++)
		if ((vc->lr_used >> n & 1u) && vc->lr_intid[n] == intid)
			return (int)n;
	return -1;
}

/* Move every list register's state back into the bitmaps; all list registers are free. */
static void fold(struct vgic_cpu *vc)
{
	for (unsigned n = 0; n < vc->nr_lrs; n++) {
		uint64_t v = lr_get(vc, n);
		uint32_t intid = vc->lr_intid[n];

		if (!(vc->lr_used >> n & 1u))
			continue;
		set_bit_to(vc->pending, intid, (v & VGIC_LR_PENDING) != 0);
		set_bit_to(vc->active, intid, (v & VGIC_LR_ACTIVE) != 0);
		set_bit_to(vc->hw, intid, (v & VGIC_LR_HW) && (v & VGIC_LR_STATE));
		lr_set(vc, n, 0);
	}
	vc->lr_used = 0;
}

static bool group_enabled(const struct vgic_cpu *vc, uint32_t intid)
{
	return vc->dist_ctlr & (bit(vc->group, intid) ? CTLR_GRP1 : CTLR_GRP0);
}

/* Active interrupts first (the guest must be able to end them), then deliverable pending. */
static uint32_t candidates(const struct vgic_cpu *vc, unsigned w, bool active)
{
	if (active)
		return vc->active[w] & vc->owned[w];
	return vc->pending[w] & vc->enabled[w] & vc->owned[w] & ~vc->active[w];
}

static int best(const struct vgic_cpu *vc, bool active)
{
	int found = -1;

	for (unsigned w = 0; w < VGIC_WORDS; w++) {
		for (uint32_t c = candidates(vc, w, active); c; c &= c - 1) {
			uint32_t intid = w * 32 + (uint32_t)__builtin_ctz(c);

			if (!active && !group_enabled(vc, intid))
				continue;
			if (found < 0 || vc->prio[intid] < vc->prio[found])
				found = (int)intid;
		}
	}
	return found;
}

static uint64_t lr_value(const struct vgic_cpu *vc, uint32_t intid)
{
	uint64_t v = intid | (uint64_t)vc->prio[intid] << VGIC_LR_PRIO_SHIFT;

	if (bit(vc->group, intid))
		v |= VGIC_LR_GROUP1;
	if (bit(vc->hw, intid)) /* HW: pending or active, not both (the physical one's state) */
		return v | VGIC_LR_HW | (uint64_t)intid << VGIC_LR_PINTID_SHIFT |
		       (bit(vc->active, intid) ? VGIC_LR_ACTIVE : VGIC_LR_PENDING);
	if (bit(vc->pending, intid))
		v |= VGIC_LR_PENDING;
	if (bit(vc->active, intid))
		v |= VGIC_LR_ACTIVE;
	return v;
}

/* Put `intid` into free list register `n`; its state leaves the bitmaps. */
static void lr_fill(struct vgic_cpu *vc, unsigned n, uint32_t intid)
{
	lr_set(vc, n, lr_value(vc, intid));
	vc->lr_intid[n] = (uint16_t)intid;
	vc->lr_used |= 1u << n;
	set_bit_to(vc->pending, intid, false);
	set_bit_to(vc->active, intid, false);
	set_bit_to(vc->hw, intid, false);
}

/* Fill the free list registers, best first; ask for a maintenance interrupt if some wait. */
static void fill(struct vgic_cpu *vc)
{
	bool waiting = false;

	for (int pass = 1; pass >= 0; pass--) {
		int intid;

		while ((intid = best(vc, pass)) >= 0) {
			uint32_t free = lr_all(vc) & ~vc->lr_used;

			if (!free) {
				waiting = true;
				break;
			}
			lr_fill(vc, (unsigned)__builtin_ctz(free), (uint32_t)intid);
		}
	}
	/* UIE fires while at most one list register is valid: with a single one it would storm;
	 * then what waits goes in at the guest's next exit that fills. */
	vc->waiting = waiting;
	waiting = waiting && vc->nr_lrs > 1;
	hcr_set(vc, waiting ? vc->hcr | VGIC_HCR_UIE : vc->hcr & ~VGIC_HCR_UIE);
}

void vgic_init(struct vgic_cpu *vc, const uint16_t *spis, unsigned n, unsigned nr_lrs)
{
	*vc = (struct vgic_cpu){ .nr_lrs = nr_lrs > VGIC_MAX_LRS ? VGIC_MAX_LRS : nr_lrs,
				 .hcr = VGIC_HCR_EN };
	vc->owned[0] = 0xffffu | 1u << VGIC_PPI_VTIMER;
	vc->edge[0] = 0xffffu;
	for (unsigned w = 0; w < VGIC_WORDS; w++)
		vc->group[w] = 0xffffffffu;
	for (unsigned i = 0; i < n && vc->spi_count < VGIC_MAX_SPIS; i++) {
		uint32_t intid = spis[i];

		if (intid < 32 || intid >= VGIC_NR_INTIDS || bit(vc->owned, intid))
			continue;
		set_bit_to(vc->owned, intid, true);
		vc->spi[vc->spi_count++] = (uint16_t)intid;
		spi_owner[intid - 32] = vc;
	}
}

/* ---- Emulated registers ---- */

enum bank {
	B_GROUP,
	B_SENABLE,
	B_CENABLE,
	B_SPEND,
	B_CPEND,
	B_SACTIVE,
	B_CACTIVE,
	B_GRPMOD
};

/* Enabling or disabling a device SPI enables or disables the physical one. */
static void enable_change(struct vgic_cpu *vc, unsigned w, uint32_t bits, bool on)
{
	for (uint32_t c = bits; c; c &= c - 1) {
		uint32_t intid = w * 32 + (uint32_t)__builtin_ctz(c);

		if (intid >= 32)
			vgic_arch_phys_enable(intid, on);
	}
}

/* The guest ended an interrupt's physical state (ICPENDR/ICACTIVER): deactivate it. */
static void hw_clear(struct vgic_cpu *vc, unsigned w, uint32_t bits)
{
	uint32_t ended = bits & vc->hw[w] & ~(vc->pending[w] | vc->active[w]);

	for (uint32_t c = ended; c; c &= c - 1)
		vgic_arch_phys_active(w * 32 + (uint32_t)__builtin_ctz(c), false);
	vc->hw[w] &= ~ended;
}

static uint32_t bank_read(const struct vgic_cpu *vc, enum bank b, unsigned w)
{
	switch (b) {
	case B_GROUP:
		return vc->group[w] & vc->owned[w];
	case B_SENABLE:
	case B_CENABLE:
		return vc->enabled[w] & vc->owned[w];
	case B_SPEND:
	case B_CPEND:
		return vc->pending[w] & vc->owned[w];
	case B_SACTIVE:
	case B_CACTIVE:
		return vc->active[w] & vc->owned[w];
	default:
		return vc->grpmod[w] & vc->owned[w];
	}
}

static void bank_write(struct vgic_cpu *vc, enum bank b, unsigned w, uint32_t v)
{
	/* Only SGIs are the guest's to make pending or active: the others are hardware's. */
	uint32_t own = v & vc->owned[w], soft = w == 0 ? own & 0xffffu : 0;

	switch (b) {
	case B_GROUP:
		vc->group[w] = (vc->group[w] & ~vc->owned[w]) | own;
		break;
	case B_SENABLE:
		enable_change(vc, w, own & ~vc->enabled[w], true);
		vc->enabled[w] |= own;
		break;
	case B_CENABLE:
		enable_change(vc, w, own & vc->enabled[w], false);
		vc->enabled[w] &= ~own;
		break;
	case B_SPEND:
		vc->pending[w] |= soft;
		break;
	case B_CPEND:
		vc->pending[w] &= ~own;
		hw_clear(vc, w, own);
		break;
	case B_SACTIVE:
		vc->active[w] |= soft;
		break;
	case B_CACTIVE:
		vc->active[w] &= ~own;
		hw_clear(vc, w, own);
		break;
	default:
		vc->grpmod[w] = (vc->grpmod[w] & ~vc->owned[w]) | own;
		break;
	}
}

/* A bitmap register: `w` is the word (32 INTIDs); word 0 only in the SGI frame. */
static void bank_access(struct vgic_cpu *vc, uint32_t reg, unsigned w, bool write, uint64_t *val)
{
	enum bank b = (enum bank)((reg - GICD_IGROUPR) / 0x80);

	if (reg == GICD_IGRPMODR)
		b = B_GRPMOD;
	if (w >= VGIC_WORDS) {
		if (!write)
			*val = 0;
		return;
	}
	if (write)
		bank_write(vc, b, w, (uint32_t)*val);
	else
		*val = bank_read(vc, b, w);
}

static void prio_access(struct vgic_cpu *vc, uint32_t first, unsigned size, bool write,
			uint64_t *val)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < size; i++) {
		uint32_t intid = first + i;
		bool own = intid < VGIC_NR_INTIDS && bit(vc->owned, intid);

		if (write && own)
			vc->prio[intid] = (uint8_t)(*val >> (8 * i));
		else if (own)
			r |= (uint64_t)vc->prio[intid] << (8 * i);
	}
	if (!write)
		*val = r;
}

/* ICFGR: two bits per INTID, bit 1 of each = edge-triggered; SGIs read-only edge. */
static void cfg_access(struct vgic_cpu *vc, uint32_t first, bool write, uint64_t *val)
{
	uint64_t r = 0;

	for (unsigned i = 0; i < 16; i++) {
		uint32_t intid = first + i;

		if (intid >= VGIC_NR_INTIDS || !bit(vc->owned, intid))
			continue;
		if (write && intid >= 16)
			set_bit_to(vc->edge, intid, (*val >> (2 * i + 1)) & 1u);
		r |= (uint64_t)bit(vc->edge, intid) << (2 * i + 1);
	}
	if (!write)
		*val = r;
}

static int spi_slot(const struct vgic_cpu *vc, uint32_t intid)
{
	for (unsigned i = 0; i < vc->spi_count; i++)
		if (vc->spi[i] == intid)
			return (int)i;
	return -1;
}

/* IROUTER<n>: stored for the guest's SPIs (one vCPU: every route reaches it). */
static void router_access(struct vgic_cpu *vc, uint32_t off, unsigned size, bool write,
			  uint64_t *val)
{
	int s = spi_slot(vc, (off - GICD_IROUTER) / 8);
	unsigned shift = (off & 4u) * 8;
	uint64_t mask = size == 8 ? ~0ull : 0xffffffffull << shift;

	if (s < 0 || (size == 8 && (off & 4u))) {
		if (!write)
			*val = 0;
		return;
	}
	if (write)
		vc->route[s] = (vc->route[s] & ~mask) | ((*val << shift) & mask);
	else
		*val = (vc->route[s] & mask) >> shift;
}

static bool sized(unsigned size, uint32_t off, bool byte_ok, bool dword_ok)
{
	return (size == 4 && !(off & 3u)) || (byte_ok && size == 1) ||
	       (dword_ok && size == 8 && !(off & 7u));
}

/* Registers shared by the GICD and the SGI frame; false if `off` is none of them. */
static bool intid_regs(struct vgic_cpu *vc, uint32_t off, unsigned size, bool write, uint64_t *val,
		       bool sgi_frame)
{
	bool banks = (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) ||
		     (off >= GICD_IGRPMODR && off < GICD_IGRPMODR + 0x80);
	unsigned limit = sgi_frame ? 32 : 1024;

	if (banks) {
		unsigned w = (off & 0x7fu) / 4;

		if (!sized(size, off, false, false) || (sgi_frame != (w == 0)))
			return false;
		bank_access(vc, off & ~0x7fu, w, write, val);
		return true;
	}
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + limit) {
		uint32_t first = off - GICD_IPRIORITYR;

		if (!sized(size, off, true, false) || (sgi_frame != (first < 32)))
			return false;
		prio_access(vc, first, size, write, val);
		return true;
	}
	if (off >= GICD_ICFGR && off < GICD_ICFGR + limit / 4) {
		uint32_t first = (off - GICD_ICFGR) * 4;

		if (!sized(size, off, false, false) || (sgi_frame != (first < 32)))
			return false;
		cfg_access(vc, first, write, val);
		if (!write && first == 0)
			*val = SGI_CFG;
		return true;
	}
	return false;
}

static bool dist_regs(struct vgic_cpu *vc, uint32_t off, unsigned size, bool write, uint64_t *val)
{
	if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER + 1020 * 8) {
		if (!sized(size, off, false, true))
			return false;
		router_access(vc, off, size, write, val);
		return true;
	}
	if (!sized(size, off, false, false))
		return false;
	switch (off) {
	case GICD_CTLR:
		if (write)
			vc->dist_ctlr = (uint32_t)*val & (CTLR_GRP0 | CTLR_GRP1);
		*val = vc->dist_ctlr | CTLR_ARE | CTLR_DS;
		return true;
	case GICD_TYPER:
		*val = (VGIC_WORDS - 1) | IDBITS_10;
		return !write;
	case GICD_IIDR:
		*val = IIDR_VALUE;
		return !write;
	case GIC_PIDR2:
		*val = PIDR2_VALUE;
		return !write;
	default:
		return false;
	}
}

static bool rd_regs(struct vgic_cpu *vc, uint32_t off, unsigned size, bool write, uint64_t *val)
{
	if (off == GICR_TYPER && sized(size, off, false, true)) {
		*val = GICR_TYPER_LAST; /* processor 0, affinity 0.0.0.0, no LPIs */
		return !write;
	}
	if (!sized(size, off, false, false))
		return false;
	switch (off) {
	case GICR_WAKER:
		if (write)
			vc->waker = (uint32_t)*val & GICR_WAKER_SLEEP;
		*val = vc->waker ? GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP : 0;
		return true;
	case GICR_IIDR:
		*val = IIDR_VALUE;
		return !write;
	case GICR_TYPER + 4:
		*val = 0; /* affinity 0 */
		return !write;
	case GIC_PIDR2:
		*val = PIDR2_VALUE;
		return !write;
	default:
		return false; /* GICR_CTLR and the rest: no LPIs, RAZ/WI */
	}
}

int64_t vgic_gic_offset(uint64_t ipa)
{
	if (ipa >= PLAT_GICD_BASE && ipa < PLAT_GICD_BASE + VGIC_GICD_SIZE)
		return (int64_t)(ipa - PLAT_GICD_BASE);
	if (ipa >= PLAT_GICR_BASE && ipa < PLAT_GICR_BASE + VGIC_GICR_SIZE)
		return (int64_t)(ipa - PLAT_GICR_BASE + VGIC_GICD_SIZE);
	return -1;
}

void vgic_mmio(struct vgic_cpu *vc, uint32_t off, unsigned size, bool write, uint64_t *val)
{
	uint64_t in = write ? *val : 0, out = 0;
	bool done;

	fold(vc);
	if (off < VGIC_GICD_SIZE)
		done = intid_regs(vc, off, size, write, &in, false) ||
		       dist_regs(vc, off, size, write, &in);
	else if (off < VGIC_GICD_SIZE + VGIC_GICR_SGI)
		done = rd_regs(vc, off - VGIC_GICD_SIZE, size, write, &in);
	else if (off < VGIC_GICD_SIZE + VGIC_GICR_SIZE)
		done = intid_regs(vc, off - VGIC_GICD_SIZE - VGIC_GICR_SGI, size, write, &in, true);
	else
		done = false;
	if (done && !write)
		out = in;
	if (!write)
		*val = out;
	fill(vc);
}

/* ---- Interrupt sources ---- */

void vgic_inject(struct vgic_cpu *vc, uint32_t intid, bool hw)
{
	uint32_t free;
	int n;

	if (intid >= VGIC_NR_INTIDS || !bit(vc->owned, intid)) {
		if (hw)
			vgic_arch_phys_active(intid, false);
		return;
	}
	reclaim(vc);
	n = find_lr(vc, intid);
	if (n >= 0) {
		/*
		 * An SGI again while in a list register: pending there too. A physical one cannot
		 * be in a valid HW list register (it stays active until the guest ends it); if it
		 * were, the guest's deactivation still ends the physical one.
		 */
		if (!hw)
			lr_set(vc, (unsigned)n, lr_get(vc, (unsigned)n) | VGIC_LR_PENDING);
		return;
	}
	set_bit_to(vc->pending, intid, true);
	set_bit_to(vc->hw, intid, hw);
	vc->injected[intid < 16 ? 0 : intid < 32 ? 1 : 2]++;
	/* The common case: nothing else waits, so it goes straight into a free list register. */
	free = lr_all(vc) & ~vc->lr_used;
	if (!vc->waiting && free && bit(vc->enabled, intid) && group_enabled(vc, intid))
		lr_fill(vc, (unsigned)__builtin_ctz(free), intid);
	else
		fill(vc);
}

void vgic_sgi(struct vgic_cpu *vc, uint64_t v)
{
	uint32_t intid = (uint32_t)(v >> 24) & 0xfu;
	bool irm = (v >> 40) & 1u;		      /* every PE but the sender: none */
	bool aff0 = (v & 0x00fff0ff00ff0000ull) == 0; /* Aff3.Aff2.Aff1 = 0, RS = 0 */

	if (!irm && aff0 && (v & 1u)) /* target list bit 0: its only vCPU (Aff0 0) */
		vgic_inject(vc, intid, false);
}

bool vgic_cpu_pending(const struct vgic_cpu *vc)
{
	for (unsigned n = 0; n < vc->nr_lrs; n++)
		if ((vc->lr_used >> n & 1u) && (lr_get(vc, n) & VGIC_LR_PENDING))
			return true;
	for (unsigned w = 0; w < VGIC_WORDS; w++)
		if (candidates(vc, w, false))
			return true;
	return false;
}

void vgic_maintenance(struct vgic_cpu *vc)
{
	reclaim(vc);
	fill(vc);
}

/* ---- Switching and stopping ---- */

void vgic_load(struct vgic_cpu *vc)
{
	vgic_arch_restore(vc);
	vc->loaded = true;
	vgic_current = vc;
	/* Its timer interrupt is still active in its list register: so must the physical be. */
	if (vc->timer_phys_active)
		vgic_arch_phys_active(VGIC_PPI_VTIMER, true);
	vc->timer_phys_active = false;
}

/*
 * The physical PPI 27 is every guest's timer: it must not stay active for this guest while
 * another runs. Pending only, it is dropped (the guest's timer, restored with it, fires
 * again); active (in the guest's handler), the physical one is deactivated now and activated
 * again when the guest is loaded.
 */
static void timer_put(struct vgic_cpu *vc)
{
	int n = find_lr(vc, VGIC_PPI_VTIMER);

	if (bit(vc->hw, VGIC_PPI_VTIMER)) {
		set_bit_to(vc->hw, VGIC_PPI_VTIMER, false);
		set_bit_to(vc->pending, VGIC_PPI_VTIMER, false);
		set_bit_to(vc->active, VGIC_PPI_VTIMER, false);
		vgic_arch_phys_active(VGIC_PPI_VTIMER, false);
	}
	if (n < 0 || !(vc->lr[n] & VGIC_LR_HW))
		return;
	vgic_arch_phys_active(VGIC_PPI_VTIMER, false);
	if (vc->lr[n] & VGIC_LR_ACTIVE) {
		vc->timer_phys_active = true;
	} else {
		vc->lr[n] = 0;
		vc->lr_used &= ~(1u << n);
	}
}

void vgic_put(struct vgic_cpu *vc)
{
	vgic_arch_save(vc);
	vc->loaded = false;
	if (vgic_current == vc)
		vgic_current = 0;
	reclaim(vc);
	timer_put(vc);
}

void vgic_stop(struct vgic_cpu *vc)
{
	fold(vc);
	for (unsigned i = 0; i < vc->spi_count; i++) {
		vgic_arch_phys_reset(vc->spi[i]);
		if (spi_owner[vc->spi[i] - 32] == vc)
			spi_owner[vc->spi[i] - 32] = 0;
	}
	/* Put, its timer's physical state went at vgic_put(): PPI 27 is the running guest's. */
	if (vc->loaded && bit(vc->hw, VGIC_PPI_VTIMER))
		vgic_arch_phys_active(VGIC_PPI_VTIMER, false);
	vc->timer_phys_active = false;
	for (unsigned w = 0; w < VGIC_WORDS; w++)
		vc->owned[w] = vc->enabled[w] = vc->pending[w] = vc->active[w] = vc->hw[w] = 0;
	vc->spi_count = 0;
	vc->waiting = false;
	hcr_set(vc, 0);
}

void vgic_route_physical(uint32_t intid)
{
	struct vgic_cpu *vc = 0;

	if (intid >= 32 && intid < VGIC_NR_INTIDS)
		vc = spi_owner[intid - 32];
	else if (intid == VGIC_PPI_VTIMER)
		vc = vgic_current;
	if (intid == VGIC_PPI_MAINT) {
		if (vgic_current)
			vgic_maintenance(vgic_current);
		vgic_arch_phys_active(intid, false);
		return;
	}
	if (!vc) {
		vgic_arch_phys_active(intid, false);
		return;
	}
	vgic_inject(vc, intid, true);
}
