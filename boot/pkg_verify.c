// SPDX-License-Identifier: BSD-3-Clause
/*
 * The package verifier: structure, root of trust, layout and manifest checks
 * over a RAM copy of the package's metadata, and the check of an image as
 * loaded. Pure (no flash, no globals), so the host tests and the fuzz target
 * run exactly this. The order boot calls these in, and why, is in
 * docs/secure-boot.md: nothing signed by a key is believed before the key
 * is, and nothing in flash is read twice.
 */
#include <boot/pkg_verify.h>
#include <lib/string.h>
#include <plat/plat_def.h>

static int fail(struct pkg_error *err, int status, const char *reason, const char *name)
{
	err->status = status;
	err->reason = reason;
	if (name)
		pkg_name(err->name, name);
	else
		err->name[0] = 0;
	return status;
}

/* A name from the package, made a C string whatever its bytes are. */
void pkg_name(char out[PKG_NAME_LEN + 1], const char in[PKG_NAME_LEN])
{
	size_t i;

	for (i = 0; i < PKG_NAME_LEN && in[i]; i++)
		out[i] = (in[i] >= 0x20 && in[i] < 0x7f) ? in[i] : '?';
	out[i] = 0;
}

/* A name field is non-empty printable ASCII, NUL-padded to the end. */
static bool name_ok(const char n[PKG_NAME_LEN])
{
	size_t i = 0;

	while (i < PKG_NAME_LEN && n[i] > 0x20 && n[i] < 0x7f)
		i++;
	if (i == 0 || i == PKG_NAME_LEN)
		return false;
	for (; i < PKG_NAME_LEN; i++)
		if (n[i])
			return false;
	return true;
}

/* Copy the metadata out of the package (once) and check its structure. */
int pkg_read_meta(struct pkg_meta *m, const uint8_t *pkg, size_t avail, struct pkg_error *err)
{
	const struct pkg_header *h = &m->h;
	size_t keys, sigs;

	memset(m, 0, sizeof(*m));
	if (avail < sizeof(m->h))
		return fail(err, BOOT_ERR_FORMAT, "no package header", NULL);
	memcpy(&m->h, pkg, sizeof(m->h));
	if (h->magic != PKG_MAGIC || h->version != PKG_VERSION)
		return fail(err, BOOT_ERR_FORMAT, "not a signed package of version 2", NULL);
	if (h->count == 0 || h->count > PKG_MAX_ENTRIES || h->signer_count == 0 ||
	    h->signer_count > PKG_MAX_SIGNERS || h->reserved[0] || h->reserved[1] || h->reserved[2])
		return fail(err, BOOT_ERR_FORMAT, "bad entry or signer count", NULL);
	if (h->total_size > avail || pkg_meta_size(h->signer_count, h->count) > h->total_size)
		return fail(err, BOOT_ERR_FORMAT, "truncated package", NULL);
	keys = h->signer_count * sizeof(m->keys[0]);
	sigs = h->signer_count * sizeof(m->sigs[0]);
	memcpy(m->keys, pkg + sizeof(m->h), keys);
	memcpy(m->sigs, pkg + sizeof(m->h) + keys, sigs);
	memcpy(m->entries, pkg + sizeof(m->h) + keys + sigs, h->count * sizeof(m->entries[0]));
	for (uint32_t i = 0; i < h->count; i++) {
		const struct pkg_entry *e = &m->entries[i];

		if (e->offset < pkg_meta_size(h->signer_count, h->count) ||
		    e->offset > h->total_size || e->size > h->total_size - e->offset)
			return fail(err, BOOT_ERR_FORMAT, "image data outside the package",
				    e->name);
	}
	return BOOT_OK;
}

/* The root key is the one boot holds, and it certified every signer key. */
int pkg_check_keys(const struct pkg_meta *m, const uint8_t rotpk_sha256[32], struct pkg_error *err)
{
	struct boot_sha256_ctx c;
	uint8_t digest[32];

	boot_sha256(m->h.root_pub, sizeof(m->h.root_pub), digest);
	if (memcmp(digest, rotpk_sha256, sizeof(digest)) != 0)
		return fail(err, BOOT_ERR_ROOT_KEY, "root key is not the device's", NULL);
	boot_sha256_start(&c);
	boot_sha256_update(&c, PKG_TAG_KEYS, sizeof(PKG_TAG_KEYS) - 1);
	boot_sha256_update(&c, &m->h.signer_count, sizeof(m->h.signer_count));
	boot_sha256_update(&c, m->keys, m->h.signer_count * sizeof(m->keys[0]));
	boot_sha256_finish(&c, digest);
	if (!boot_sig_verify(m->h.root_pub, digest, m->h.root_sig))
		return fail(err, BOOT_ERR_KEYS, "signer keys not signed by the root key", NULL);
	return BOOT_OK;
}

static bool inside(uint64_t a, uint64_t size, uint64_t base, uint64_t limit)
{
	return a >= base && size <= limit - base && a - base <= limit - base - size;
}

/*
 * The windows the platform allows: the monitor's and the SPMC's fixed ones, nshyp's fixed
 * one, partitions in secure RAM above the firmware, guests in NS RAM above nshyp. Returns
 * whether `e` may load where it says.
 */
static bool window_ok(const struct pkg_entry *e, uint32_t index)
{
	static const struct {
		const char *name;
		uint64_t base, size;
	} fixed[] = { { "monitor", PLAT_MONITOR_BASE, PLAT_MONITOR_SIZE },
		      { "spmc", PLAT_SPMC_BASE, PLAT_SPMC_SIZE },
		      { "nshyp", PLAT_NSHYP_BASE, PLAT_NSHYP_SIZE } };

	if (index < 3)
		return strcmp(e->name, fixed[index].name) == 0 && e->load_pa == fixed[index].base &&
		       e->max_size == fixed[index].size && e->ffa_id == 0;
	if (e->ffa_id)
		return inside(e->load_pa, e->max_size, PLAT_SEC_FW_END,
			      PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE);
	return inside(e->load_pa, e->max_size, PLAT_NS_FW_END, PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE);
}

static bool overlap(const struct pkg_entry *a, const struct pkg_entry *b)
{
	return a->load_pa < b->load_pa + b->max_size && b->load_pa < a->load_pa + a->max_size;
}

/*
 * The layout (platform-signed, checked later with the manifests; this part needs no key):
 * signer and entry names well formed and unique, the firmware first at its fixed windows,
 * every window known and disjoint from every other, each image no bigger than its window, and
 * a vendor signer only for a partition's image.
 */
int pkg_check_layout(const struct pkg_meta *m, struct pkg_error *err)
{
	if (m->h.count < 3)
		return fail(err, BOOT_ERR_LAYOUT, "no monitor, spmc and nshyp entries", NULL);
	for (uint32_t i = 0; i < m->h.signer_count; i++) {
		if (!name_ok(m->keys[i].name) ||
		    (i == PKG_SIGNER_PLATFORM) != (strcmp(m->keys[i].name, "platform") == 0))
			return fail(err, BOOT_ERR_LAYOUT, "bad signer name", m->keys[i].name);
		/* The rollback store keeps minima by signer name: one key per name. */
		for (uint32_t j = 0; j < i; j++)
			if (memcmp(m->keys[i].name, m->keys[j].name, PKG_NAME_LEN) == 0)
				return fail(err, BOOT_ERR_LAYOUT, "duplicate signer name",
					    m->keys[i].name);
	}
	for (uint32_t i = 0; i < m->h.count; i++) {
		const struct pkg_entry *e = &m->entries[i];

		if (!name_ok(e->name) || e->reserved || e->reserved2)
			return fail(err, BOOT_ERR_LAYOUT, "malformed entry", e->name);
		if (!window_ok(e, i) || e->size > e->max_size || e->max_size == 0)
			return fail(err, BOOT_ERR_LAYOUT, "unknown window", e->name);
		if (e->signer >= m->h.signer_count ||
		    (e->signer != PKG_SIGNER_PLATFORM && e->ffa_id == 0))
			return fail(err, BOOT_ERR_LAYOUT, "signer not allowed for this image",
				    e->name);
		for (uint32_t j = 0; j < i; j++) {
			if (overlap(e, &m->entries[j]))
				return fail(err, BOOT_ERR_LAYOUT, "window overlaps another",
					    e->name);
			if (memcmp(e->name, m->entries[j].name, PKG_NAME_LEN) == 0)
				return fail(err, BOOT_ERR_LAYOUT, "duplicate name", e->name);
		}
	}
	return BOOT_OK;
}

/*
 * What signer `s` signs: the tag, its index and security version; for the platform also the
 * system description's digest, the signer count, the key table and every entry's layout; then
 * the index and content of each entry it owns. The key table under the platform's security
 * version is what revokes a signer key: any key table the root ever certified verifies, but
 * once the platform's minimum is raised only the one the newer platform manifest names does.
 */
void pkg_manifest_digest(const struct pkg_meta *m, uint32_t s, uint8_t out[32])
{
	struct boot_sha256_ctx c;

	boot_sha256_start(&c);
	boot_sha256_update(&c, PKG_TAG_MANIFEST, sizeof(PKG_TAG_MANIFEST) - 1);
	boot_sha256_update(&c, &s, sizeof(s));
	boot_sha256_update(&c, &m->sigs[s].svn, sizeof(m->sigs[s].svn));
	if (s == PKG_SIGNER_PLATFORM) {
		boot_sha256_update(&c, m->h.desc_sha256, sizeof(m->h.desc_sha256));
		boot_sha256_update(&c, &m->h.signer_count, sizeof(m->h.signer_count));
		boot_sha256_update(&c, m->keys, m->h.signer_count * sizeof(m->keys[0]));
		boot_sha256_update(&c, &m->h.count, sizeof(m->h.count));
		for (uint32_t i = 0; i < m->h.count; i++)
			boot_sha256_update(&c, &m->entries[i], PKG_ENTRY_LAYOUT_SIZE);
	}
	for (uint32_t i = 0; i < m->h.count; i++) {
		if (m->entries[i].signer != s)
			continue;
		boot_sha256_update(&c, &i, sizeof(i));
		boot_sha256_update(&c, (const uint8_t *)&m->entries[i] + PKG_ENTRY_LAYOUT_SIZE,
				   PKG_ENTRY_CONTENT_SIZE);
	}
	boot_sha256_finish(&c, out);
}

/* Every signer's manifest verifies under its root-certified key. */
int pkg_check_manifests(const struct pkg_meta *m, struct pkg_error *err)
{
	uint8_t digest[32];

	for (uint32_t s = 0; s < m->h.signer_count; s++) {
		if (m->sigs[s].reserved)
			return fail(err, BOOT_ERR_MANIFEST, "malformed signature", m->keys[s].name);
		pkg_manifest_digest(m, s, digest);
		if (!boot_sig_verify(m->keys[s].pub, digest, m->sigs[s].sig))
			return fail(err, BOOT_ERR_MANIFEST, "manifest signature does not verify",
				    m->keys[s].name);
	}
	return BOOT_OK;
}

/* The image as it is now in RAM (not as it was in flash) has the signed hash. */
int pkg_check_image(const struct pkg_entry *e, const void *loaded, struct pkg_error *err)
{
	uint8_t digest[32];

	boot_sha256(loaded, e->size, digest);
	if (memcmp(digest, e->sha256, sizeof(digest)) != 0)
		return fail(err, BOOT_ERR_IMAGE, "image hash does not match its signed hash",
			    e->name);
	return BOOT_OK;
}
