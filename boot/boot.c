// SPDX-License-Identifier: BSD-3-Clause
/*
 * Boot (EL3, from secure flash): reads the image package, checks every entry
 * against the windows it may load into, copies each image to its place
 * (secure images into secure RAM, which QEMU's loaders cannot write) and
 * hands over to the monitor, which must be among them. Not yet: boot prints
 * the SHA-256 mkpkg stored for each image but does not recompute it, and
 * checks no signature; both plug in at verify_entry() with the secure-boot
 * work (mbedTLS). Until then a tampered package is NOT detected.
 */
#include <abi/pkg.h>
#include <arch/semihost.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <lib/string.h>
#include <plat/plat_def.h>
#include <stdbool.h>

void boot_main(void);
void boot_exception(void);

static const struct pkg_header *const pkg =
    (const struct pkg_header *)(PLAT_FLASH_BASE + PLAT_PKG_OFFSET);

void panic_exit(void)
{
	arch_semihost_exit(98);
}

void boot_exception(void)
{
	panic("boot: unexpected exception, ESR_EL3=0x%lx ELR_EL3=0x%lx",
	      (unsigned long)read_sysreg(esr_el3), (unsigned long)read_sysreg(elr_el3));
}

static int inside(uint64_t a, uint64_t size, uint64_t base, uint64_t limit)
{
	return a >= base && size <= limit - base && a - base <= limit - base - size;
}

/* A load window must be wholly inside secure RAM above boot's own RAM, or inside NS RAM. */
static int load_window_ok(uint64_t pa, uint64_t size)
{
	return inside(pa, size, PLAT_MONITOR_BASE, PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE) ||
	       inside(pa, size, PLAT_NS_RAM_BASE, PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE);
}

/* Hook for secure boot: today only the structural checks; a signature check comes here. */
static int verify_entry(const struct pkg_entry *e)
{
	return e->size <= e->max_size && load_window_ok(e->load_pa, e->max_size) &&
	       e->offset < pkg->total_size && e->size <= pkg->total_size - e->offset;
}

static void load_entry(const struct pkg_entry *e)
{
	char name[sizeof(e->name) + 1];

	memcpy(name, e->name, sizeof(e->name));
	name[sizeof(e->name)] = 0;
	if (!verify_entry(e))
		panic("boot: package entry \"%s\" is invalid; refusing to run it", name);
	memcpy((void *)(uintptr_t)e->load_pa, (const char *)pkg + e->offset, e->size);
	memset((void *)(uintptr_t)(e->load_pa + e->size), 0, e->max_size - e->size);
	printk("loaded %s at 0x%lx (%u bytes, sha256 %02x%02x%02x%02x...)\n", name,
	       (unsigned long)e->load_pa, e->size, e->sha256[0], e->sha256[1], e->sha256[2],
	       e->sha256[3]);
}

void boot_main(void)
{
	bool monitor_loaded = false;

	console_init(PLAT_UART_S_BASE, "S boot   ");
	printk("Tessera boot at EL%u (secure flash), SCR_EL3.NS=%lu\n", arch_current_el(),
	       (unsigned long)(read_sysreg(scr_el3) & 1));
	if (pkg->magic != PKG_MAGIC || pkg->version != PKG_VERSION || pkg->count == 0 ||
	    pkg->count > PKG_MAX_ENTRIES || pkg->total_size > PLAT_FLASH_SIZE - PLAT_PKG_OFFSET ||
	    sizeof(*pkg) + pkg->count * sizeof(pkg->entries[0]) > pkg->total_size)
		panic("boot: no valid image package at flash offset 0x%x", PLAT_PKG_OFFSET);
	for (uint32_t i = 0; i < pkg->count; i++) {
		load_entry(&pkg->entries[i]);
		monitor_loaded |= pkg->entries[i].load_pa == PLAT_MONITOR_BASE;
	}
	if (!monitor_loaded)
		panic("boot: the package has no monitor image at 0x%x", PLAT_MONITOR_BASE);
	arch_sync_icache();
	printk("handing over to the monitor at 0x%x\n", PLAT_MONITOR_BASE);
	((void (*)(void))(uintptr_t)PLAT_MONITOR_BASE)();
	panic("boot: monitor returned");
}
