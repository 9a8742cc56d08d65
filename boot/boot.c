// SPDX-License-Identifier: BSD-3-Clause
/*
 * Boot (EL3, from secure flash): verified and measured boot of the image
 * package (docs/secure-boot.md). It copies the package's metadata into RAM
 * once and checks it there: the root key against the hash boot holds (our
 * stand-in for a fused ROTPK), the signer keys the root certified, the
 * layout, every signer's manifest and the rollback store. Then, for each
 * image, it copies the image into its window and hashes the copy in RAM
 * against the signed hash before anything of it runs. It records every
 * measurement in the event log and hands over to the monitor. Any failure
 * ends the run with one line naming the image or signer and a status per
 * failure class (enum boot_status).
 */
#include <abi/evlog.h>
#include <abi/pkg.h>
#include <arch/semihost.h>
#include <arch/sysreg.h>
#include <boot/boot.h>
#include <boot/pkg_verify.h>
#include <boot_rotpk.h>
#include <lib/print.h>
#include <lib/string.h>
#include <plat/plat_def.h>

void boot_main(void);
void boot_exception(void);

static const uint8_t *const flash_pkg = (const uint8_t *)(PLAT_FLASH_BASE + PLAT_PKG_OFFSET);
static struct pkg_meta meta;
static struct evlog *const evlog = (struct evlog *)PLAT_EVLOG_BASE;

void panic_exit(void)
{
	arch_semihost_exit(98);
}

void boot_exception(void)
{
	panic("boot: unexpected exception, ESR_EL3=0x%lx ELR_EL3=0x%lx",
	      (unsigned long)read_sysreg(esr_el3), (unsigned long)read_sysreg(elr_el3));
}

/* One line naming what was refused and why, then the failure class's exit status. */
void boot_refuse(const struct pkg_error *err)
{
	printk("boot: refused%s%s: %s (status %d)\n", err->name[0] ? " " : "", err->name,
	       err->reason, err->status);
	arch_semihost_exit(err->status);
}

static void check(int status, const struct pkg_error *err)
{
	if (status != BOOT_OK)
		boot_refuse(err);
}

static void evlog_add(const char *name, const uint8_t sha[32], uint32_t svn, uint16_t signer,
		      uint16_t ffa_id)
{
	struct evlog_entry *e = &evlog->e[evlog->count++];

	memset(e->name, 0, sizeof(e->name));
	memcpy(e->name, name, strlen(name) < sizeof(e->name) ? strlen(name) : sizeof(e->name));
	memcpy(e->sha256, sha, sizeof(e->sha256));
	e->svn = svn;
	e->signer = signer;
	e->ffa_id = ffa_id;
}

/* Boot's own code, the system description and the signer keys, before any image. */
static void measure_boot_and_keys(void)
{
	extern const uint8_t __boot_image_end[];
	uint8_t sha[32];
	char name[PKG_NAME_LEN + 5];

	memset(evlog, 0, sizeof(*evlog));
	evlog->magic = EVLOG_MAGIC;
	boot_sha256((const void *)PLAT_FLASH_BASE, (uintptr_t)__boot_image_end - PLAT_FLASH_BASE,
		    sha);
	evlog_add("boot", sha, 0, 0, 0);
	evlog_add("sysdesc", meta.h.desc_sha256, meta.sigs[PKG_SIGNER_PLATFORM].svn,
		  PKG_SIGNER_PLATFORM, 0);
	for (uint16_t s = 0; s < meta.h.signer_count; s++) {
		memcpy(name, "key:", 4);
		pkg_name(name + 4, meta.keys[s].name);
		boot_sha256(meta.keys[s].pub, sizeof(meta.keys[s].pub), sha);
		evlog_add(name, sha, 0, s, 0);
	}
}

/*
 * Copy an image into its window and zero the rest of the window, then check the copy: the
 * hash is computed over RAM, so flash that changes after the check cannot change what runs.
 */
static void load_entry(const struct pkg_entry *e)
{
	struct pkg_error err;
	uint8_t *dst = (uint8_t *)(uintptr_t)e->load_pa;

	boot_copy(dst, flash_pkg + e->offset, e->size);
	boot_zero(dst + e->size, e->max_size - e->size);
	check(pkg_check_image(e, dst, &err), &err);
	evlog_add(e->name, e->sha256, meta.sigs[e->signer].svn, e->signer, e->ffa_id);
	printk("verified %s at 0x%lx (%u bytes, signer %s, svn %u)\n", e->name,
	       (unsigned long)e->load_pa, e->size, meta.keys[e->signer].name,
	       meta.sigs[e->signer].svn);
}

void boot_main(void)
{
	struct pkg_error err;

	console_init(PLAT_UART_S_BASE, "S boot   ");
	printk("Tessera boot at EL%u (secure flash), SCR_EL3.NS=%lu\n", arch_current_el(),
	       (unsigned long)(read_sysreg(scr_el3) & 1));
	check(pkg_read_meta(&meta, flash_pkg, PLAT_PKG_MAX_SIZE, &err), &err);
	check(pkg_check_keys(&meta, boot_rotpk_sha256, &err), &err);
	check(pkg_check_layout(&meta, &err), &err);
	if (2 + meta.h.signer_count + meta.h.count > EVLOG_MAX) {
		err = (struct pkg_error){ BOOT_ERR_LAYOUT,
					  "more measurements than the event log holds", "" };
		boot_refuse(&err);
	}
	check(pkg_check_manifests(&meta, &err), &err);
	boot_rollback_check(&meta);
	measure_boot_and_keys();
	for (uint32_t i = 0; i < meta.h.count; i++)
		load_entry(&meta.entries[i]);
	boot_rollback_update(&meta);
	arch_sync_icache();
	printk("handing over to the monitor at 0x%x (%u measurements at 0x%x, boot's sha256 "
	       "%02x%02x%02x%02x...)\n",
	       PLAT_MONITOR_BASE, evlog->count, PLAT_EVLOG_BASE, evlog->e[0].sha256[0],
	       evlog->e[0].sha256[1], evlog->e[0].sha256[2], evlog->e[0].sha256[3]);
	((void (*)(void))(uintptr_t)PLAT_MONITOR_BASE)();
	panic("boot: monitor returned");
}
