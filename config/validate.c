// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host-side validation of a system description. Every rule a running image
 * relies on is checked here, at build time, so EL3 and S-EL2 never parse or
 * second-guess configuration: overlapping memory, secure memory outside the
 * 16 MiB secure window, unknown references, duplicate IDs, bad alignment,
 * test behaviour asked of a description that is not a test build, interrupt
 * ownership (check_irqs(): one owner, no firmware INTID, secure ones only to
 * partitions, a guest's SPIs those of its devices), and a Linux
 * guest's fields and layout (sys_linux_layout(): cfgtool calls it with what
 * the kernel and initramfs files say).
 */
#include <abi/pkg.h>
#include <config/s2_budget.h>
#include <config/system.h>
#include <ctype.h>
#include <plat/plat_def.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "systems/common.h"

#define PAGE	  0x1000ull
#define IPA_LIMIT (1ull << 32) /* stage 2 is built with a 32-bit IPA space */

int sys_fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

static int ranges_overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

static int range_inside(uint64_t a, uint64_t a_size, uint64_t base, uint64_t size)
{
	return a >= base && a_size <= size && a - base <= size - a_size;
}

static int check_mem(const char *who, const struct sys_mem *m, char *err, size_t len)
{
	if (m->size == 0 || (m->pa | m->ipa | m->size) % PAGE != 0)
		return sys_fail(err, len, "%s: memory must be non-empty and 4 KiB aligned", who);
	if (m->pa + m->size < m->pa || !range_inside(m->ipa, m->size, 0, IPA_LIMIT))
		return sys_fail(err, len, "%s: memory window wraps or leaves the 4 GiB IPA space",
				who);
	if (m->entry_offset >= m->size || m->entry_offset % 4 != 0)
		return sys_fail(err, len, "%s: entry_offset 0x%llx is outside its memory", who,
				(unsigned long long)m->entry_offset);
	return 0;
}

/* No VM maps any part of the GIC: guests get nshyp's virtual GIC at its addresses. */
static int check_devs(const char *who, const struct sys_mem *m, const struct sys_dev *devs,
		      unsigned count, int secure, char *err, size_t len)
{
	if (count > SYS_MAX_DEVS)
		return sys_fail(err, len, "%s: more than %d devices", who, SYS_MAX_DEVS);
	for (unsigned i = 0; i < count; i++) {
		const struct sys_dev *d = &devs[i];

		if (d->size == 0 || (d->pa | d->size) % PAGE != 0)
			return sys_fail(
			    err, len, "%s: device %u must be non-empty and 4 KiB aligned", who, i);
		if (!range_inside(d->pa, d->size, 0x08000000, 0x38000000))
			return sys_fail(err, len,
					"%s: device %u at 0x%llx is not in the device window", who,
					i, (unsigned long long)d->pa);
		if (ranges_overlap(d->pa, d->size, PLAT_SEC_RAM_BASE, PLAT_SEC_RAM_SIZE))
			return sys_fail(err, len, "%s: device %u overlaps secure RAM", who, i);
		if (ranges_overlap(d->pa, d->size, PLAT_GICD_BASE, 0x01000000))
			return sys_fail(err, len,
					"%s: device %u overlaps the GIC (owned by firmware; guests "
					"get a virtual one)",
					who, i);
		if (!secure && ranges_overlap(d->pa, d->size, PLAT_UART_S_BASE, PAGE))
			return sys_fail(err, len,
					"%s: the secure UART cannot go to the normal world", who);
		if (ranges_overlap(d->pa, d->size, m->ipa, m->size))
			return sys_fail(err, len,
					"%s: device %u overlaps its own memory IPA window", who, i);
		for (unsigned j = 0; j < i; j++)
			if (ranges_overlap(d->pa, d->size, devs[j].pa, devs[j].size))
				return sys_fail(err, len, "%s: device %u overlaps device %u", who,
						i, j);
	}
	return 0;
}

/*
 * QEMU virt's interrupt map (hw/arm/virt.c, a15irqmap and memmap): the SPI (INTID - 32) each
 * device window raises. A listed SPI must be one of a device of its owner: an SPI goes with
 * its device.
 */
static const struct {
	uint64_t pa, size;
	unsigned spi;
} plat_irq_map[] = {
	{ 0x09000000, 0x1000, 1 }, /* UART (PLAT_UART_NS_BASE) */
	{ 0x09010000, 0x1000, 2 }, /* RTC (PL031) */
	{ 0x09030000, 0x1000, 7 }, /* GPIO (PL061) */
	{ 0x09040000, 0x1000, 8 }, /* secure UART (PLAT_UART_S_BASE) */
};
#define PLAT_VIRTIO_BASE  0x0a000000ull /* 32 virtio-mmio transports of 0x200 bytes... */
#define PLAT_VIRTIO_COUNT 32u
#define PLAT_VIRTIO_SPI	  16u /* ...raising SPIs 16..47 */

static int dev_raises(const struct sys_dev *d, unsigned intid)
{
	unsigned spi = intid - SYS_IRQ_SPI_FIRST;

	for (unsigned i = 0; i < sizeof(plat_irq_map) / sizeof(plat_irq_map[0]); i++)
		if (plat_irq_map[i].spi == spi &&
		    ranges_overlap(d->pa, d->size, plat_irq_map[i].pa, plat_irq_map[i].size))
			return 1;
	if (spi >= PLAT_VIRTIO_SPI && spi < PLAT_VIRTIO_SPI + PLAT_VIRTIO_COUNT)
		return ranges_overlap(d->pa, d->size,
				      PLAT_VIRTIO_BASE + 0x200ull * (spi - PLAT_VIRTIO_SPI), 0x200);
	return 0;
}

/* One owner's list (`secure`: a partition's). Ownership across owners: check_irq_owners(). */
static int check_irqs(const char *who, const uint16_t *irqs, unsigned count,
		      const struct sys_dev *devs, unsigned dev_count, int secure, char *err,
		      size_t len)
{
	if (count > SYS_MAX_IRQS)
		return sys_fail(err, len, "%s: more than %d interrupts", who, SYS_MAX_IRQS);
	for (unsigned i = 0; i < count; i++) {
		unsigned id = irqs[i], ok = 0;

		if (id == SYS_IRQ_SRI)
			return sys_fail(
			    err, len,
			    "%s: interrupt %u is an SGI, which belongs to the firmware: "
			    "the FF-A schedule receiver interrupt (the SPMC's to nshyp)",
			    who, id);
		if (id < 16)
			return sys_fail(err, len,
					"%s: interrupt %u is an SGI, which belongs to the firmware",
					who, id);
		if (id == SYS_IRQ_CNTPS)
			return sys_fail(
			    err, len,
			    "%s: PPI %u (CNTPS) is the firmware's: with S-EL2 no partition "
			    "can use it; the secure timer is PPI %d (CNTP)",
			    who, id, SYS_IRQ_SEC_TIMER);
		if (id < SYS_IRQ_SPI_FIRST && !(secure && id == SYS_IRQ_SEC_TIMER))
			return sys_fail(
			    err, len,
			    secure
				? "%s: PPI %u is fixed by role; a partition may list only PPI 30 "
				  "(the secure timer) and SPIs"
				: "%s: PPI %u is fixed by role; a guest may list only SPIs of its "
				  "devices",
			    who, id);
		if (id > SYS_IRQ_SPI_LAST)
			return sys_fail(err, len,
					"%s: interrupt %u is out of range (QEMU virt's SPIs are "
					"32..%d)",
					who, id, SYS_IRQ_SPI_LAST);
		for (unsigned d = 0; d < dev_count && d < SYS_MAX_DEVS && id >= SYS_IRQ_SPI_FIRST;
		     d++)
			ok |= (unsigned)dev_raises(&devs[d], id);
		if (id >= SYS_IRQ_SPI_FIRST && !ok)
			return sys_fail(err, len, "%s: SPI %u is not raised by any of its devices",
					who, id);
		for (unsigned j = 0; j < i; j++)
			if (irqs[j] == id)
				return sys_fail(err, len, "%s: interrupt %u is listed twice", who,
						id);
	}
	return 0;
}

/*
 * A trusted OS uses the secure timer (TOS_ARG_TIMER in its boot argument, docs/tos.md §3.1)
 * exactly when the description gives it PPI 30: a TOS told to use a timer nobody routes to it
 * would never be woken, and a routed timer nobody arms is dead weight.
 */
static int lists_irq(const uint16_t *irqs, unsigned count, unsigned id);
static int check_tos_timer(const struct sys_sp *sp, char *err, size_t len)
{
	int owns = lists_irq(sp->irqs, sp->irq_count, SYS_IRQ_SEC_TIMER) != 0;
	int told = (sp->boot_arg & TOS_ARG_TIMER) != 0;

	if (strcmp(sp->image, "tos") != 0 || owns == told)
		return 0;
	return sys_fail(err, len,
			owns ? "SP %s: owns the secure timer (PPI 30) but its boot argument lacks "
			       "TOS_ARG_TIMER (use TOS_SP_TIMER)"
			     : "SP %s: TOS_ARG_TIMER without the secure timer (PPI 30) in its irqs "
			       "(use TOS_SP_TIMER)",
			sp->name);
}

/* Whether `id` is in an owner's list. */
static int lists_irq(const uint16_t *irqs, unsigned count, unsigned id)
{
	for (unsigned i = 0; i < count && i < SYS_MAX_IRQS; i++)
		if (irqs[i] == id)
			return 1;
	return 0;
}

/* Each INTID has one owner (lists already checked one by one). */
static int check_irq_owners(const struct sys_desc *sys, char *err, size_t len)
{
	for (unsigned i = 0; i < sys->sp_count; i++) {
		const struct sys_sp *sp = &sys->sps[i];

		for (unsigned k = 0; k < sp->irq_count; k++) {
			for (unsigned j = 0; j < i; j++)
				if (lists_irq(sys->sps[j].irqs, sys->sps[j].irq_count, sp->irqs[k]))
					return sys_fail(err, len,
							"interrupt %u has two owners: SP %s and "
							"SP %s",
							sp->irqs[k], sys->sps[j].name, sp->name);
			for (unsigned v = 0; v < sys->vm_count; v++)
				if (lists_irq(sys->vms[v].irqs, sys->vms[v].irq_count, sp->irqs[k]))
					return sys_fail(
					    err, len,
					    "interrupt %u has two owners: SP %s and VM %s (a "
					    "partition's interrupt is secure)",
					    sp->irqs[k], sp->name, sys->vms[v].name);
		}
	}
	for (unsigned v = 0; v < sys->vm_count; v++) {
		const struct sys_vm *vm = &sys->vms[v];

		for (unsigned k = 0; k < vm->irq_count; k++)
			for (unsigned j = 0; j < v; j++)
				if (lists_irq(sys->vms[j].irqs, sys->vms[j].irq_count, vm->irqs[k]))
					return sys_fail(err, len,
							"interrupt %u has two owners: VM %s and "
							"VM %s",
							vm->irqs[k], sys->vms[j].name, vm->name);
	}
	return 0;
}

/* Names end up in generated C strings, file names and images.txt. */
static int name_ok(const char *name)
{
	if (!name || !name[0] || strlen(name) > SYS_NAME_MAX)
		return 0;
	for (; *name; name++)
		if (!isalnum((unsigned char)*name) && !strchr("_-.", *name))
			return 0;
	return 1;
}

static int uuid_is_nil(const uint8_t *u)
{
	for (int i = 0; i < 16; i++)
		if (u[i] != 0)
			return 0;
	return 1;
}

static int check_sp(const struct sys_desc *sys, unsigned i, char *err, size_t len)
{
	const struct sys_sp *sp = &sys->sps[i];
	const char *who = sp->name ? sp->name : "(unnamed SP)";

	if (!name_ok(sp->name))
		return sys_fail(
		    err, len,
		    "SP %u: needs a name of 1..%d characters (letters, digits, '_', '-', '.')", i,
		    SYS_NAME_MAX);
	if (!sp->image || !sp->image[0])
		return sys_fail(err, len, "SP %s: no image", who);
	if (sp->signer && (!name_ok(sp->signer) || strcmp(sp->signer, "platform") == 0))
		return sys_fail(err, len,
				"SP %s: signer must be a vendor key name of 1..%d characters "
				"(letters, digits, '_', '-', '.'), not \"platform\"",
				who, SYS_NAME_MAX);
	if (sp->ffa_id <= 0x8000 || sp->ffa_id == 0xffff)
		return sys_fail(err, len, "SP %s: FF-A ID 0x%x must be in 0x8001..0xfffe", who,
				sp->ffa_id);
	if (uuid_is_nil(sp->uuid))
		return sys_fail(err, len, "SP %s: UUID must not be nil", who);
	char tag[24];

	snprintf(tag, sizeof(tag), "SP %s", who);
	if (check_mem(tag, &sp->mem, err, len) ||
	    check_devs(tag, &sp->mem, sp->devs, sp->dev_count, 1, err, len) ||
	    check_irqs(tag, sp->irqs, sp->irq_count, sp->devs, sp->dev_count, 1, err, len) ||
	    check_tos_timer(sp, err, len))
		return -1;
	if (!range_inside(sp->mem.pa, sp->mem.size, PLAT_SEC_FW_END,
			  PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - PLAT_SEC_FW_END))
		return sys_fail(err, len,
				"SP %s: memory 0x%llx+0x%llx is outside the free secure RAM "
				"0x%x..0x%x",
				who, (unsigned long long)sp->mem.pa,
				(unsigned long long)sp->mem.size, PLAT_SEC_FW_END,
				PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE);
	/* Memory a partition retrieves appears at IPA == PA (docs/abi/ffa-memory.md). */
	if (ranges_overlap(sp->mem.ipa, sp->mem.size, PLAT_SEC_RAM_BASE, PLAT_SEC_RAM_SIZE) ||
	    ranges_overlap(sp->mem.ipa, sp->mem.size, PLAT_NS_RAM_BASE, PLAT_NS_RAM_SIZE))
		return sys_fail(
		    err, len,
		    "SP %s: IPA window 0x%llx+0x%llx overlaps secure or normal-world RAM, "
		    "where retrieved memory is mapped",
		    who, (unsigned long long)sp->mem.ipa, (unsigned long long)sp->mem.size);
	for (unsigned j = 0; j < i; j++) {
		const struct sys_sp *o = &sys->sps[j];

		if (strcmp(o->name, sp->name) == 0)
			return sys_fail(err, len, "SP %s: duplicate name", who);
		if (o->ffa_id == sp->ffa_id)
			return sys_fail(err, len, "SP %s: duplicate FF-A ID 0x%x (also %s)", who,
					sp->ffa_id, o->name);
		if ((o->ffa_id & 0xff) == (sp->ffa_id & 0xff))
			return sys_fail(
			    err, len, "SP %s: FF-A ID 0x%x gives the same VMID (low 8 bits) as %s",
			    who, sp->ffa_id, o->name);
		if (memcmp(o->uuid, sp->uuid, 16) == 0)
			return sys_fail(err, len, "SP %s: duplicate UUID (also %s)", who, o->name);
		if (ranges_overlap(o->mem.pa, o->mem.size, sp->mem.pa, sp->mem.size))
			return sys_fail(err, len, "SP %s: memory overlaps SP %s", who, o->name);
	}
	return 0;
}

/* A path or command line goes into images.txt or the DTB source: printable text only. */
static int printable(const char *s, int spaces)
{
	for (; *s; s++)
		if (!isprint((unsigned char)*s) || (!spaces && *s == ' '))
			return 0;
	return 1;
}

/* What a Linux guest's description must say; cfgtool checks the files themselves. */
static int check_linux(const char *who, const struct sys_vm *vm, char *err, size_t len)
{
	const struct sys_linux *lb = &vm->linux_boot;

	if (vm->image)
		return sys_fail(err, len,
				"%s: a Linux guest boots linux_boot.kernel; leave image NULL", who);
	if (!lb->kernel || !lb->kernel[0])
		return sys_fail(err, len, "%s: a Linux guest needs linux_boot.kernel", who);
	if (!lb->cmdline)
		return sys_fail(err, len, "%s: a Linux guest needs linux_boot.cmdline", who);
	if (!printable(lb->kernel, 0) || (lb->initrd && !printable(lb->initrd, 0)))
		return sys_fail(
		    err, len,
		    "%s: the kernel and initramfs names must be printable, without spaces", who);
	if (lb->initrd && !lb->initrd[0])
		return sys_fail(err, len, "%s: linux_boot.initrd is empty (leave it NULL for none)",
				who);
	if (!printable(lb->cmdline, 1) || strlen(lb->cmdline) > SYS_LINUX_CMDLINE_MAX)
		return sys_fail(err, len,
				"%s: the command line must be printable and at most %d characters",
				who, SYS_LINUX_CMDLINE_MAX);
	if (vm->mem.entry_offset || vm->boot_arg)
		return sys_fail(
		    err, len,
		    "%s: cfgtool sets a Linux guest's entry_offset and boot_arg; leave them 0",
		    who);
	if ((vm->mem.pa | vm->mem.ipa | vm->mem.size) % SYS_LINUX_ALIGN != 0)
		return sys_fail(err, len,
				"%s: a Linux guest's memory (pa, ipa, size) must be 2 MiB aligned",
				who);
	return 0;
}

/* The guest's kind and the fields that go with it. */
static int check_vm_kind(const char *who, const struct sys_vm *vm, char *err, size_t len)
{
	const struct sys_linux *lb = &vm->linux_boot;

	if (vm->kind == SYS_VM_LINUX)
		return check_linux(who, vm, err, len);
	if (vm->kind != SYS_VM_BARE)
		return sys_fail(err, len, "%s: unknown kind %u (SYS_VM_BARE or SYS_VM_LINUX)", who,
				(unsigned)vm->kind);
	if (lb->kernel || lb->initrd || lb->cmdline)
		return sys_fail(
		    err, len,
		    "%s: linux_boot (kernel, initrd, cmdline) is for Linux guests, not a "
		    "bare-metal one",
		    who);
	if (!vm->image || !vm->image[0])
		return sys_fail(err, len, "%s: no image", who);
	return 0;
}

/* The OP-TEE static shared memory at the top of the window (nshyp's mediator). */
static int check_optee_shm(const char *who, const struct sys_vm *vm, char *err, size_t len)
{
	uint64_t shm = vm->optee_shm_size;

	if (shm == 0)
		return 0;
	if (shm % PAGE != 0 || shm < SYS_OPTEE_SHM_MIN || shm > SYS_OPTEE_SHM_MAX ||
	    shm >= vm->mem.size)
		return sys_fail(
		    err, len,
		    "%s: optee_shm_size 0x%llx must be a multiple of 4 KiB, at least 0x%llx, "
		    "at most 0x%llx (one FF-A share) and smaller than its memory",
		    who, (unsigned long long)shm, (unsigned long long)SYS_OPTEE_SHM_MIN,
		    (unsigned long long)SYS_OPTEE_SHM_MAX);
	if (!vm->tees[0])
		return sys_fail(err, len,
				"%s: optee_shm_size is set but the guest is bound to no TEE", who);
	return 0;
}

static int check_vm(const struct sys_desc *sys, unsigned i, char *err, size_t len)
{
	const struct sys_vm *vm = &sys->vms[i];
	const char *who = vm->name ? vm->name : "(unnamed VM)";

	if (!name_ok(vm->name))
		return sys_fail(
		    err, len,
		    "VM %u: needs a name of 1..%d characters (letters, digits, '_', '-', '.')", i,
		    SYS_NAME_MAX);
	char tag[24];

	snprintf(tag, sizeof(tag), "VM %s", who);
	if (check_vm_kind(tag, vm, err, len))
		return -1;
	if (vm->vm_id == 0 || vm->vm_id & 0x8000)
		return sys_fail(err, len, "VM %s: VM ID 0x%x must be in 1..0x7fff", who, vm->vm_id);
	if (check_mem(tag, &vm->mem, err, len) ||
	    check_devs(tag, &vm->mem, vm->devs, vm->dev_count, 0, err, len) ||
	    check_irqs(tag, vm->irqs, vm->irq_count, vm->devs, vm->dev_count, 0, err, len) ||
	    check_optee_shm(tag, vm, err, len))
		return -1;
	if (!range_inside(vm->mem.pa, vm->mem.size, PLAT_NS_FW_END,
			  PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - PLAT_NS_FW_END))
		return sys_fail(
		    err, len, "VM %s: memory 0x%llx+0x%llx is outside guest RAM 0x%x..0x%llx", who,
		    (unsigned long long)vm->mem.pa, (unsigned long long)vm->mem.size,
		    PLAT_NS_FW_END, PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE);
	for (unsigned t = 0; t < SYS_MAX_SPS && vm->tees[t]; t++)
		if (!sys_find_sp(sys, vm->tees[t]))
			return sys_fail(err, len, "VM %s: binding names unknown TEE \"%s\"", who,
					vm->tees[t]);
	for (unsigned j = 0; j < i; j++) {
		const struct sys_vm *o = &sys->vms[j];

		if (strcmp(o->name, vm->name) == 0)
			return sys_fail(err, len, "VM %s: duplicate name", who);
		if (o->vm_id == vm->vm_id)
			return sys_fail(err, len, "VM %s: duplicate VM ID %u (also %s)", who,
					vm->vm_id, o->name);
		if ((o->vm_id & 0xff) == (vm->vm_id & 0xff))
			return sys_fail(err, len,
					"VM %s: VM ID %u gives the same VMID (low 8 bits) as %s",
					who, vm->vm_id, o->name);
		if (ranges_overlap(o->mem.pa, o->mem.size, vm->mem.pa, vm->mem.size))
			return sys_fail(err, len, "VM %s: memory overlaps VM %s", who, o->name);
	}
	return 0;
}

static uint64_t round_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) & ~(align - 1);
}

/** Place a Linux guest's Image, DTB and initramfs below its OP-TEE shared memory. */
int sys_linux_layout(const struct sys_vm *vm, const struct sys_linux_files *f,
		     struct sys_linux_layout *out, char *err, size_t err_len)
{
	uint64_t size = vm->mem.size, room = size - vm->optee_shm_size;
	struct sys_linux_layout l = { .kernel = f->text_offset, .shm = room };

	/* Each bound keeps the sums below far from overflowing (sizes are below 4 GiB). */
	if (f->text_offset % PAGE != 0 || f->text_offset >= size || f->image_size >= size ||
	    f->initrd_bytes >= size)
		return sys_fail(err, err_len,
				"VM %s: the kernel (text_offset 0x%llx, image_size 0x%llx) or the "
				"initramfs (0x%llx bytes) does not fit its 0x%llx-byte memory",
				vm->name, (unsigned long long)f->text_offset,
				(unsigned long long)f->image_size,
				(unsigned long long)f->initrd_bytes, (unsigned long long)size);
	if (f->kernel_bytes > f->image_size)
		return sys_fail(err, err_len,
				"VM %s: the kernel file (0x%llx bytes) is larger than its header's "
				"image_size 0x%llx",
				vm->name, (unsigned long long)f->kernel_bytes,
				(unsigned long long)f->image_size);
	l.dtb = round_up(f->text_offset + f->image_size, SYS_LINUX_ALIGN);
	l.end = l.dtb + SYS_LINUX_DTB_SIZE;
	if (f->initrd_bytes) {
		l.initrd = round_up(l.end, SYS_LINUX_ALIGN);
		l.end = l.initrd + round_up(f->initrd_bytes, PAGE);
	}
	if (l.end > room)
		return sys_fail(
		    err, err_len,
		    "VM %s: the kernel, DTB and initramfs need 0x%llx bytes but only 0x%llx "
		    "lie below its OP-TEE shared memory; give it more memory",
		    vm->name, (unsigned long long)l.end, (unsigned long long)room);
	*out = l;
	return 0;
}

/* Boot reads at most PKG_MAX_ENTRIES: monitor, spmc, nshyp, one per SP, one to three per VM. */
static int check_package_entries(const struct sys_desc *sys, char *err, size_t len)
{
	unsigned n = 3 + sys->sp_count;

	for (unsigned i = 0; i < sys->vm_count; i++) {
		const struct sys_vm *vm = &sys->vms[i];

		n += vm->kind == SYS_VM_LINUX ? 2u + (vm->linux_boot.initrd != NULL) : 1u;
	}
	if (n > PKG_MAX_ENTRIES)
		return sys_fail(err, len,
				"the boot package would need %u entries; boot reads at most %d", n,
				PKG_MAX_ENTRIES);
	return 0;
}

const struct sys_sp *sys_find_sp(const struct sys_desc *sys, const char *name)
{
	for (unsigned i = 0; i < sys->sp_count; i++)
		if (strcmp(sys->sps[i].name, name) == 0)
			return &sys->sps[i];
	return NULL;
}

const struct sys_vm *sys_find_vm(const struct sys_desc *sys, const char *name)
{
	for (unsigned i = 0; i < sys->vm_count; i++)
		if (strcmp(sys->vms[i].name, name) == 0)
			return &sys->vms[i];
	return NULL;
}

/*
 * The VM-to-VM binding (vms[]): each name another guest of the description, once. Checked
 * after every guest's own rules, so that a name may refer to a later guest.
 */
static int check_vm_peers(const struct sys_desc *sys, const struct sys_vm *vm, char *err,
			  size_t len)
{
	for (unsigned t = 0; t < SYS_MAX_VMS && vm->vms[t]; t++) {
		if (!sys_find_vm(sys, vm->vms[t]))
			return sys_fail(err, len, "VM %s: VM-to-VM binding names unknown VM \"%s\"",
					vm->name, vm->vms[t]);
		if (strcmp(vm->vms[t], vm->name) == 0)
			return sys_fail(err, len, "VM %s: VM-to-VM binding names the VM itself",
					vm->name);
		for (unsigned u = 0; u < t; u++)
			if (strcmp(vm->vms[u], vm->vms[t]) == 0)
				return sys_fail(err, len,
						"VM %s: VM-to-VM binding names VM \"%s\" twice",
						vm->name, vm->vms[t]);
	}
	return 0;
}

/*
 * Built-in images are linked for one IPA and one window size (see the Makefile); `reserved`
 * bytes at the top of the window (a guest's OP-TEE shared memory) are not the image's.
 */
static int check_builtin_image(const char *who, const char *image, const struct sys_mem *m,
			       uint64_t reserved, char *err, size_t len)
{
	static const struct {
		const char *name;
		uint64_t ipa;
		uint64_t min_size;
	} builtin[] = {
		{ "tos", SYS_TOS_IPA, SYS_TOS_MIN_SIZE },
		{ "guest", SYS_GUEST_IPA, SYS_GUEST_MIN_SIZE },
	};

	for (unsigned i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		if (strcmp(image, builtin[i].name) != 0)
			continue;
		if (m->ipa != builtin[i].ipa || m->entry_offset != 0 ||
		    m->size - reserved < builtin[i].min_size)
			return sys_fail(
			    err, len,
			    "%s: built-in image \"%s\" runs at IPA 0x%llx with entry_offset 0 "
			    "and needs at least 0x%llx bytes (below any OP-TEE shared memory)",
			    who, image, (unsigned long long)builtin[i].ipa,
			    (unsigned long long)builtin[i].min_size);
	}
	return 0;
}

/*
 * Test behaviour lives only in the test variants of the images (docs/system-description.md):
 * a description that asks for it must say it is a test build, so that a product build can never
 * be told to enable it by a boot argument or a flag.
 */
static int check_test_behaviour(const struct sys_desc *sys, char *err, size_t len)
{
	if (sys->test_build)
		return 0;
	if (sys->test_nshyp_skip_policy)
		return sys_fail(err, len, "test_nshyp_skip_policy needs test_build = true");
	for (unsigned i = 0; i < sys->sp_count; i++) {
		const struct sys_sp *sp = &sys->sps[i];

		if (strcmp(sp->image, "tos") != 0)
			continue;
		if (TOS_ARG_SCENARIO(sp->boot_arg) != 0)
			return sys_fail(
			    err, len,
			    "SP %s: a trusted-OS test scenario (boot_arg bits 31:0 = %u) "
			    "needs test_build = true",
			    sp->name, TOS_ARG_SCENARIO(sp->boot_arg));
		if (TOS_ARG_TAS(sp->boot_arg) & TA_TEST)
			return sys_fail(err, len, "SP %s: the test TA needs test_build = true",
					sp->name);
	}
	return 0;
}

/** A product description (config/systems/): never a test build. */
int sys_validate_product(const struct sys_desc *sys, char *err, size_t err_len)
{
	if (sys->test_build)
		return sys_fail(err, err_len,
				"a product description (config/systems/) cannot set test_build; "
				"test systems live in test/sys/systems/ or bench/systems/");
	return 0;
}

/** Check every rule; on failure write one clear sentence to err and return -1. */
/* nshyp's scheduling: a known policy and a quantum it can program (0: the default). */
static int check_sched(const struct sys_sched *s, char *err, size_t len)
{
	if (s->policy != SYS_SCHED_ROUND_ROBIN && s->policy != SYS_SCHED_IN_ORDER)
		return sys_fail(
		    err, len,
		    "sched.policy %d is unknown (SYS_SCHED_ROUND_ROBIN, SYS_SCHED_IN_ORDER)",
		    (int)s->policy);
	if (s->quantum_us &&
	    (s->quantum_us < SYS_SCHED_QUANTUM_MIN_US || s->quantum_us > SYS_SCHED_QUANTUM_MAX_US))
		return sys_fail(err, len, "sched.quantum_us %u is outside %u..%u (0: the default)",
				s->quantum_us, SYS_SCHED_QUANTUM_MIN_US, SYS_SCHED_QUANTUM_MAX_US);
	return 0;
}

int sys_validate(const struct sys_desc *sys, char *err, size_t err_len)
{
	if (!sys->name || !sys->name[0])
		return sys_fail(err, err_len, "the system needs a name");
	/* An empty name would leave images.txt without an image for the NS-EL2 load. */
	if (sys->ns_el2_image && !sys->ns_el2_image[0])
		return sys_fail(err, err_len, "ns_el2_image is empty (leave it NULL for nshyp)");
	if (check_sched(&sys->sched, err, err_len))
		return -1;
	if (sys->sp_count == 0 || sys->sp_count > SYS_MAX_SPS)
		return sys_fail(err, err_len, "need 1..%d secure partitions, have %u", SYS_MAX_SPS,
				sys->sp_count);
	if (sys->vm_count == 0 || sys->vm_count > SYS_MAX_VMS)
		return sys_fail(err, err_len, "need 1..%d guests, have %u", SYS_MAX_VMS,
				sys->vm_count);
	unsigned sp_tables = 0, guest_tables = 0;
	char who[24];

	for (unsigned i = 0; i < sys->sp_count; i++) {
		const struct sys_sp *sp = &sys->sps[i];

		if (check_sp(sys, i, err, err_len))
			return -1;
		snprintf(who, sizeof(who), "SP %s", sp->name);
		if (check_builtin_image(who, sp->image, &sp->mem, 0, err, err_len))
			return -1;
		sp_tables += sys_s2_quota(&sp->mem, sp->devs, sp->dev_count, 2);
	}
	for (unsigned i = 0; i < sys->vm_count; i++) {
		const struct sys_vm *vm = &sys->vms[i];

		if (check_vm(sys, i, err, err_len))
			return -1;
		snprintf(who, sizeof(who), "VM %s", vm->name);
		if (vm->kind == SYS_VM_BARE &&
		    check_builtin_image(who, vm->image, &vm->mem, vm->optee_shm_size, err, err_len))
			return -1;
		guest_tables += sys_s2_quota(&vm->mem, vm->devs, vm->dev_count, 1);
	}
	for (unsigned i = 0; i < sys->vm_count; i++)
		if (check_vm_peers(sys, &sys->vms[i], err, err_len))
			return -1;
	if (sp_tables > SYS_SPMC_S2_TABLES)
		return sys_fail(err, err_len,
				"the partitions may need up to %u stage-2 tables; the SPMC has %d",
				sp_tables, SYS_SPMC_S2_TABLES);
	if (guest_tables > SYS_NSHYP_S2_TABLES)
		return sys_fail(err, err_len,
				"the guests may need up to %u stage-2 tables; nshyp has %d",
				guest_tables, SYS_NSHYP_S2_TABLES);
	if (check_irq_owners(sys, err, err_len) || check_package_entries(sys, err, err_len))
		return -1;
	return check_test_behaviour(sys, err, err_len);
}
