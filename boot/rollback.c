// SPDX-License-Identifier: BSD-3-Clause
/*
 * Anti-rollback (docs/secure-boot.md, "Rollback store"): the minimum
 * security version of each signer, by signer name, in one sector of secure
 * flash (PLAT_ROLLBACK_OFFSET), which only the secure world can address. A
 * signer below its minimum is refused before any image is loaded; after every
 * image verified, minima below the booted versions are raised by rewriting the
 * sector (CFI erase and program, from RAM: boot/arch/aarch64/flash_cfi.S) and
 * read back. A sector without the store's magic (a new device: erased or
 * zero) means every minimum is 0.
 */
#include <arch/sysreg.h>
#include <boot/boot.h>
#include <lib/print.h>
#include <lib/string.h>
#include <plat/plat_def.h>
#include <stdbool.h>

#define RB_MAGIC 0x42525354u /* "TSRB" */
#define RB_SLOTS 16

struct rb_store {
	uint32_t magic;
	uint32_t count;
	struct {
		char name[PKG_NAME_LEN];
		uint32_t min_svn;
		uint32_t reserved;
	} slot[RB_SLOTS];
};

static const struct rb_store *const flash_store =
    (const struct rb_store *)(PLAT_FLASH_BASE + PLAT_ROLLBACK_OFFSET);
static struct rb_store store;

uint32_t boot_flash_write(volatile uint32_t *sector, const uint32_t *src, size_t words);
extern uint8_t __ramfunc_start[], __ramfunc_end[];
extern const uint8_t __ramfunc_load[];

static void store_read(void)
{
	memcpy(&store, flash_store, sizeof(store));
	if (store.magic != RB_MAGIC || store.count > RB_SLOTS)
		memset(&store, 0, sizeof(store));
}

static uint32_t *min_of(const char name[PKG_NAME_LEN])
{
	for (uint32_t i = 0; i < store.count; i++)
		if (memcmp(store.slot[i].name, name, PKG_NAME_LEN) == 0)
			return &store.slot[i].min_svn;
	return NULL;
}

void boot_rollback_check(const struct pkg_meta *m)
{
	store_read();
	for (uint32_t s = 0; s < m->h.signer_count; s++) {
		const uint32_t *min = min_of(m->keys[s].name);

		if (min && m->sigs[s].svn < *min) {
			struct pkg_error err = { BOOT_ERR_ROLLBACK,
						 "security version below the device's minimum",
						 "" };

			pkg_name(err.name, m->keys[s].name);
			printk("boot: signer %s: svn %u, minimum %u\n", err.name, m->sigs[s].svn,
			       *min);
			boot_refuse(&err);
		}
	}
}

/* Raise the minima to the versions that booted; write the sector only if one changed. */
void boot_rollback_update(const struct pkg_meta *m)
{
	struct pkg_error err = { BOOT_ERR_STORE, "rollback store write failed", "rollback" };
	bool changed = false;

	for (uint32_t s = 0; s < m->h.signer_count; s++) {
		uint32_t *min = min_of(m->keys[s].name);

		if (!min && m->sigs[s].svn) {
			if (store.count == RB_SLOTS) /* never boot a version we cannot pin */
				boot_refuse(&err);
			memcpy(store.slot[store.count].name, m->keys[s].name, PKG_NAME_LEN);
			min = &store.slot[store.count++].min_svn;
		}
		if (min && m->sigs[s].svn > *min) {
			printk("rollback: signer %s minimum %u -> %u\n", m->keys[s].name, *min,
			       m->sigs[s].svn);
			*min = m->sigs[s].svn;
			changed = true;
		}
	}
	if (!changed)
		return;
	store.magic = RB_MAGIC;
	memcpy(__ramfunc_start, __ramfunc_load, (size_t)(__ramfunc_end - __ramfunc_start));
	arch_sync_icache();
	if (boot_flash_write((volatile uint32_t *)flash_store, (const uint32_t *)&store,
			     sizeof(store) / 4) != 0 ||
	    memcmp(flash_store, &store, sizeof(store)) != 0)
		boot_refuse(&err);
}
