// SPDX-License-Identifier: BSD-3-Clause
/*
 * The table of retrieved shared memory (shm.h). Retrieved memory sits at
 * IPA == PA: normal-world RAM in the non-secure IPA space, memory lent by
 * another TEE in the secure one; the kernel's identity map covers both
 * (mmu.c), so after the checks here an address is used as it is.
 */
#include <lib/print.h>
#include <lib/string.h>

#include "ffa_bufs.h"
#include "mmu.h"
#include "pages.h"
#include "quota.h"
#include "shm.h"

_Static_assert(QUOTA_POOL_OK(SHM_MAX, SHM_RESERVED), "every client's reserved shares fit");

static struct shm table[SHM_MAX];
static struct quota quota = QUOTA_INIT(SHM_MAX, SHM_RESERVED, SHM_MAX_PER_CALLER);

bool shm_ranges_ok(const struct ffa_mem_retrieved *r, uint64_t *size)
{
	uint64_t lo = r->ns ? NS_RAM_BASE : SEC_RAM_BASE, hi = r->ns ? NS_RAM_END : SEC_RAM_END;
	uint64_t total = 0;

	if (r->range_count == 0 || r->range_count > FFA_MEM_CLIENT_MAX_RANGES)
		return false;
	for (uint32_t i = 0; i < r->range_count; i++) {
		uint64_t a = r->ranges[i].addr, n = (uint64_t)r->ranges[i].pages * PAGE_SIZE;

		if ((a & (PAGE_SIZE - 1)) || n == 0 || a < lo || a > hi || n > hi - a)
			return false;
		total += n;
	}
	*size = total;
	return true;
}

static struct shm *find(ffa_id_t caller, uint64_t handle)
{
	for (unsigned i = 0; i < SHM_MAX; i++)
		if (table[i].in_use && !table[i].gone && table[i].caller == caller &&
		    table[i].handle == handle)
			return &table[i];
	return 0;
}

/* A free entry if the caller's fair share allows one more (quota.h). */
static struct shm *free_slot(ffa_id_t caller)
{
	if (!quota_may_take(&quota, caller))
		return 0;
	for (unsigned i = 0; i < SHM_MAX; i++)
		if (!table[i].in_use)
			return &table[i];
	return 0;
}

/* Does any entry hold this handle (for whichever caller)? */
static bool handle_held(uint64_t handle)
{
	for (unsigned i = 0; i < SHM_MAX; i++)
		if (table[i].in_use && table[i].handle == handle)
			return true;
	return false;
}

/*
 * The retrieve failed. It may have failed after the SPMC had granted it (a response this
 * TOS cannot parse: more ranges than it keeps, a fragment that went wrong): then the SPMC
 * counts the memory as retrieved by us and only a relinquish gives it back to its owner.
 * A handle no entry holds is not ours to keep, so relinquish it; if the SPMC had refused,
 * this relinquish is refused too and changes nothing.
 */
static void drop_failed_retrieve(ffa_id_t self, const struct ffa_mem_buffers *b, uint64_t handle)
{
	if (!handle_held(handle) && ffa_mem_relinquish(b, self, handle, 0) == 0)
		printk("shm: handle 0x%lx retrieved but unusable, relinquished\n",
		       (unsigned long)handle);
}

struct shm *shm_get(ffa_id_t self, ffa_id_t caller, uint64_t handle, int32_t *err)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	struct shm *s = find(caller, handle);
	int32_t rc;

	if (s)
		return s;
	s = free_slot(caller);
	if (!s || !b) {
		*err = s ? FFA_RET_DENIED : FFA_RET_BUSY;
		return 0;
	}
	rc = ffa_mem_retrieve(b, self, caller, handle, FFA_MEM_DATA_RW, 0, &s->mem);
	if (rc) {
		drop_failed_retrieve(self, b, handle);
		*err = FFA_RET_INVALID_PARAMETERS;
		return 0;
	}
	if (!shm_ranges_ok(&s->mem, &s->size)) {
		/* Not memory we can use: give it straight back. */
		printk("shm: handle 0x%lx has ranges outside RAM, relinquished\n",
		       (unsigned long)handle);
		ffa_mem_relinquish(b, self, handle, 0);
		*err = FFA_RET_INVALID_PARAMETERS;
		return 0;
	}
	quota_take(&quota, caller);
	s->in_use = true;
	s->caller = caller;
	s->handle = handle;
	s->users = 0;
	return s;
}

int32_t shm_unregister(ffa_id_t self, ffa_id_t caller, uint64_t handle)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	struct shm *s = find(caller, handle);
	int32_t rc;

	if (!s || !b)
		return FFA_RET_INVALID_PARAMETERS;
	if (s->users)
		return FFA_RET_BUSY;
	rc = ffa_mem_relinquish(b, self, handle, 0);
	if (rc == 0) {
		quota_give(&quota, caller);
		memset(s, 0, sizeof(*s));
	}
	return rc;
}

/* Give a forgotten caller's share back to its owner; false if the SPMC refused for now. */
static bool relinquish_gone(ffa_id_t self, struct shm *s)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	int32_t rc = b ? ffa_mem_relinquish(b, self, s->handle, 0) : FFA_RET_DENIED;

	if (rc) {
		printk("shm: handle 0x%lx of gone endpoint 0x%x not relinquished (%d), kept to "
		       "retry\n",
		       (unsigned long)s->handle, s->caller, (int)rc);
		return false;
	}
	quota_give(&quota, s->caller);
	memset(s, 0, sizeof(*s));
	return true;
}

unsigned shm_forget(ffa_id_t self, ffa_id_t caller)
{
	unsigned n = 0;

	/*
	 * The caller's shares are out of its reach at once (a restarted VM with the same ID
	 * never finds them). Each goes back when no call uses it and the SPMC takes the
	 * relinquish; one it refused (e.g. out of memory for its tables) is tried again at
	 * every later forget, so it is not held for good. It counts in its caller's quota only.
	 */
	for (unsigned i = 0; i < SHM_MAX; i++)
		if (table[i].in_use && table[i].caller == caller)
			table[i].gone = true;
	for (unsigned i = 0; i < SHM_MAX; i++) {
		bool mine = table[i].caller == caller;

		if (table[i].in_use && table[i].gone && !table[i].users &&
		    relinquish_gone(self, &table[i]) && mine)
			n++;
	}
	return n;
}

static bool inside(const struct shm *s, uint64_t off, uint64_t len)
{
	return off <= s->size && len <= s->size - off;
}

void *shm_span(const struct shm *s, uint64_t off, uint64_t len)
{
	if (!inside(s, off, len))
		return 0;
	for (uint32_t i = 0; i < s->mem.range_count; i++) {
		uint64_t n = (uint64_t)s->mem.ranges[i].pages * PAGE_SIZE;

		if (off < n)
			return len <= n - off ? (void *)(uintptr_t)(s->mem.ranges[i].addr + off)
					      : 0;
		off -= n;
	}
	return 0;
}

/* Walk [off, off + len) over the ranges: copy between them and `buf` in direction `to_shm`. */
static bool shm_copy(const struct shm *s, uint64_t off, void *buf, uint64_t len, bool to_shm)
{
	uint8_t *p = buf;

	if (!inside(s, off, len))
		return false;
	for (uint32_t i = 0; i < s->mem.range_count && len; i++) {
		uint64_t n = (uint64_t)s->mem.ranges[i].pages * PAGE_SIZE, chunk;
		uint8_t *mem;

		if (off >= n) {
			off -= n;
			continue;
		}
		chunk = n - off < len ? n - off : len;
		mem = (uint8_t *)(uintptr_t)(s->mem.ranges[i].addr + off);
		if (to_shm)
			memcpy(mem, p, chunk);
		else
			memcpy(p, mem, chunk);
		p += chunk;
		len -= chunk;
		off = 0;
	}
	return true;
}

bool shm_read(const struct shm *s, uint64_t off, void *dst, uint64_t len)
{
	return shm_copy(s, off, dst, len, false);
}

bool shm_write(const struct shm *s, uint64_t off, const void *src, uint64_t len)
{
	return shm_copy(s, off, (void *)(uintptr_t)src, len, true);
}
