/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A memory management core, shared by both hypervisor roles and pure (no
 * stage 2, no buffers, no globals): the validation of a DONATE/LEND/SHARE
 * descriptor, and the table of live transactions with their handles, borrower
 * states and page ownership. The caller does the rest: copy the descriptor out
 * of the TX buffer, translate IPAs to PAs, change the stage 2s as each
 * operation's result says: hyp/role/spmc/mem_spmc.c and hyp/role/nshyp/mem_nshyp.c
 * (docs/abi/ffa-memory.md).
 */
#ifndef HYP_MEM_SHARE_H
#define HYP_MEM_SHARE_H

#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <stdbool.h>
#include <stdint.h>

#define MEM_MAX_BORROWERS    4	  /* endpoint memory access descriptors per transaction */
#define MEM_MAX_CONSTITUENTS 16	  /* address ranges per transaction, before and after translation */
#define MEM_MAX_PAGES	     1024 /* 4 KiB pages per transaction (4 MiB) */
#define MEM_QUOTA_PER_CLIENT 8	  /* live transactions one lender (VM or partition) may have */
/* Live transactions per table: room for every client's whole quota ((SYS_MAX_SPS + SYS_MAX_VMS)
 * clients at most), so that no client's use can become another's NO_MEMORY. */
#define MEM_MAX_TRANSACTIONS 128
#define MEM_MAX_RETRIEVES    255 /* retrievals a borrower may hold at once */

/* The numbering is the retrieve request's transaction type field (FFA_MEM_FLAG_TYPE_*). */
enum mem_tx_type {
	MEM_TX_SHARE = 1,
	MEM_TX_LEND = 2,
	MEM_TX_DONATE = 3,
};

/* `pages` 4 KiB pages at `base`: IPAs as parsed, PAs once the caller has translated them. */
struct mem_range {
	uint64_t base;
	uint32_t pages;
};

struct mem_grant {
	ffa_id_t id;
	uint8_t perms; /* as the lender wrote them: FFA_MEM_DATA_* | FFA_MEM_INSTR_* */
};

/* A validated DONATE/LEND/SHARE request. */
struct mem_tx {
	enum mem_tx_type type;
	ffa_id_t lender;
	uint16_t attributes; /* FFA_MEM_ATTR_*: 0, or normal write-back inner shareable */
	uint32_t flags;	     /* 0 or FFA_MEM_FLAG_ZERO (never for SHARE) */
	uint64_t tag;
	uint32_t borrower_count;
	struct mem_grant borrowers[MEM_MAX_BORROWERS];
	uint32_t total_pages;
	uint32_t range_count;
	struct mem_range ranges[MEM_MAX_CONSTITUENTS];
};

/*
 * Validate the DONATE/LEND/SHARE descriptor (fid, 32- or 64-bit) that
 * endpoint `caller` sent, `length` bytes at `buf`, and fill `out` (its ranges
 * are the caller's IPAs). `buf` must be the hypervisor's own copy of the TX
 * buffer: no byte outside [buf, buf + length) is read, each field is read
 * once, and `length` is the whole descriptor (no fragments). Returns 0 or an
 * FF-A error code: NOT_SUPPORTED for another fid, DENIED if the sender is not
 * `caller` or for valid attributes this implementation does not map,
 * NO_MEMORY above the MEM_MAX_* limits, INVALID_PARAMETERS otherwise. On
 * error `out` is unspecified. The rules are in docs/abi/ffa-memory.md.
 */
int32_t ffa_mem_desc_parse(const void *buf, uint32_t length, uint32_t fid, ffa_id_t caller,
			   struct mem_tx *out);
/*
 * The same for a caller that negotiated FF-A `version` (FFA_VERSION): FFA_VERSION_1_0 reads the
 * v1.0 layout (a 32-byte header, its reserved fields MBZ), anything else the v1.1 one.
 */
int32_t ffa_mem_desc_parse_v(const void *buf, uint32_t length, uint32_t fid, ffa_id_t caller,
			     uint32_t version, struct mem_tx *out);

enum mem_borrower_state {
	MEM_BORROWER_PENDING = 0,  /* not retrieved yet */
	MEM_BORROWER_RETRIEVED,	   /* holds the memory (`retrieves` > 0) */
	MEM_BORROWER_RELINQUISHED, /* held it, gave it all back; may retrieve again */
};

struct mem_borrower {
	ffa_id_t id;
	uint8_t granted; /* FFA_MEM_DATA_* | FFA_MEM_INSTR_*, as the lender wrote them */
	uint8_t mapped;	 /* effective permissions while RETRIEVED, else 0 */
	enum mem_borrower_state state;
	uint32_t retrieves; /* retrievals not yet relinquished */
};

struct mem_slot {
	uint64_t handle;  /* 0: free */
	struct mem_tx tx; /* ranges are PAs */
	struct mem_borrower borrowers[MEM_MAX_BORROWERS];
	bool retrieved_once; /* some borrower has retrieved it (zeroing happens before that) */
};

/*
 * The live transactions of one hypervisor. A handle is
 * allocator bit 63 | generation [62:8] | slot [7:0]; the generation grows with
 * every transaction and is never reused, so a dead handle stays dead.
 */
struct mem_table {
	uint64_t allocator; /* 0 (SPMC) or FFA_MEM_HANDLE_ALLOCATOR_HYP */
	uint64_t next_generation;
	uint32_t live;
	struct mem_slot slots[MEM_MAX_TRANSACTIONS];
};

/*
 * What the caller must do after an operation that succeeded: the pages and
 * permissions involved, and whether a stage 2 changes now (`s2_change`):
 * - mem_retrieve: map `ranges` into the borrower with `perms` (its first
 *   retrieval; later ones change nothing), zeroing them first if `zero`;
 *   for DONATE the memory is now the borrower's and `done` is set;
 * - mem_relinquish: unmap `ranges` from the borrower (its last retrieval);
 * - mem_reclaim: give the lender back its access to `ranges` (LEND, DONATE;
 *   a SHARE never took it away). `done` is set: the handle is dead.
 */
struct mem_result {
	uint64_t handle;
	enum mem_tx_type type;
	ffa_id_t lender;
	uint8_t perms; /* effective: FFA_MEM_DATA_RO/RW | FFA_MEM_INSTR_NX/X */
	bool s2_change;
	bool zero;
	bool done;
	uint32_t total_pages;
	uint32_t range_count;
	struct mem_range ranges[MEM_MAX_CONSTITUENTS];
};

void mem_table_init(struct mem_table *t, bool hyp_allocator);

/* Is no page of the `pages` pages at `pa` part of a live transaction? */
bool mem_range_available(const struct mem_table *t, uint64_t pa, uint64_t pages);

/*
 * Record `tx` (ranges translated to PAs; the caller may have split them) and
 * return its new handle. The lender must already have checked, on its stage 2,
 * that the lender owns the pages. Errors: INVALID_PARAMETERS (tx breaks a
 * rule of ffa_mem_desc_parse), DENIED (a page is already in a live
 * transaction), NO_MEMORY (table full).
 */
int32_t mem_tx_create(struct mem_table *t, const struct mem_tx *tx, uint64_t *handle);

/*
 * FFA_MEM_RETRIEVE_REQ of `handle` by `borrower` asking for `perms`
 * (FFA_MEM_DATA_* | FFA_MEM_INSTR_*). Errors: INVALID_PARAMETERS (unknown or
 * dead handle, malformed perms), DENIED (not a borrower, more than granted,
 * or other permissions than the borrower's current retrieval), NO_MEMORY
 * (MEM_MAX_RETRIEVES).
 */
int32_t mem_retrieve(struct mem_table *t, uint64_t handle, ffa_id_t borrower, uint8_t perms,
		     struct mem_result *out);

/*
 * The retrieve request (FF-A v1.1 §10.10, §16.4) `len` bytes at `buf` (the hypervisor's copy)
 * by `self` for transaction `s` (NULL: the handle it names is not live): header (sizes,
 * offsets, reserved MBZ, the handle, the tag), the lender as sender (DENIED otherwise), the
 * access descriptors (the caller's, or every borrower's), the flags and stated attributes.
 * Sets *perms (asked for) and *flags. Returns 0, INVALID_PARAMETERS or DENIED; the SPMC's
 * partition retrievals apply the same rules (docs/abi/ffa-memory.md §3).
 */
int32_t mem_retrieve_req_check(const void *buf, uint32_t len, ffa_id_t self,
			       const struct mem_slot *s, uint8_t *perms, uint32_t *flags);

/* The 16 bytes the v1.1 memory transaction descriptor header added to v1.0's 32 (Table 5.19). */
#define MEM_V1_0_GROWTH ((uint32_t)sizeof(struct ffa_mem_region) - FFA_MEM_REGION_V1_0_SIZE)

/*
 * A v1.0 caller's retrieve request (v1.0 Table 5.19: a 32-byte header whose byte 3 and word at
 * offset 24 are reserved, the access descriptors right after it), moved in place into the v1.1
 * layout that mem_retrieve_req_check() reads; the buffer must have MEM_V1_0_GROWTH bytes to
 * spare. *len grows by them. 0 or INVALID_PARAMETERS.
 */
int32_t mem_retrieve_req_from_v1_0(uint8_t *req, uint32_t *len);

/*
 * The relinquish descriptor (FF-A v1.1 §16.7, table 16.26) at `buf` (its header and one endpoint
 * ID, the hypervisor's copy) from `self`: one endpoint, flags only "zero", a live handle of `t`
 * (INVALID_PARAMETERS), the endpoint the caller itself (DENIED). Sets *out.
 */
int32_t mem_relinquish_desc_check(const uint8_t *buf, ffa_id_t self, const struct mem_table *t,
				  struct ffa_mem_relinquish *out);

/*
 * The relinquish descriptor's "zero" flag (§16.7), after mem_relinquish() gave `res` for the
 * transaction that was `before`: zeroing needs write access (DENIED), a lender that gave up
 * access (not a SHARE), one borrower and its last retrieval (INVALID_PARAMETERS). 0 otherwise.
 */
int32_t mem_relinquish_zero_check(uint32_t flags, const struct mem_slot *before,
				  const struct mem_result *res);

/*
 * Memory changing hands (docs/architecture.md, cache rules): each range written back and dropped
 * from the caches, so the next owner reads memory whatever its cache attributes. Both
 * hypervisors map PAs 1:1 at their own EL, so a range's base is its address.
 */
void mem_ranges_clean(const struct mem_range *r, uint32_t count);
/* The ranges zeroed, and the zeroes in memory (the next owner may read with its caches off). */
void mem_ranges_zero(const struct mem_range *r, uint32_t count);

/* A borrower's stage-2 attributes (S2_*) for the FF-A permissions it got: read, write only for
 * RW, execute only for X (a read-only share is never writable). */
unsigned mem_s2_attr(uint8_t perms);

/* The size of a memory transaction descriptor's header in the v1.0 or the v1.1 layout. */
static inline uint32_t mem_region_header_size(bool v1_0)
{
	return v1_0 ? FFA_MEM_REGION_V1_0_SIZE : (uint32_t)sizeof(struct ffa_mem_region);
}

/*
 * Write a retrieve response's header `hdr` at `d` in the v1.1 layout (access descriptors right
 * after its 48 bytes) or, for a v1.0 caller, the v1.0 one (32 bytes, the word at offset 24
 * reserved, no NS bit). Returns the header's size: where the access descriptors start.
 */
uint32_t mem_region_header_put(uint8_t *d, const struct ffa_mem_region *hdr, bool v1_0);

/* FFA_MEM_RELINQUISH. Errors: INVALID_PARAMETERS (unknown handle, or the
 * borrower holds no retrieval), DENIED (not a borrower). */
int32_t mem_relinquish(struct mem_table *t, uint64_t handle, ffa_id_t borrower,
		       struct mem_result *out);

/* FFA_MEM_RECLAIM. Errors: INVALID_PARAMETERS (unknown handle, or `lender` is
 * not its lender), DENIED (a borrower still holds it). */
int32_t mem_reclaim(struct mem_table *t, uint64_t handle, ffa_id_t lender, struct mem_result *out);

/*
 * A descriptor crossing an endpoint's buffer whole or in fragments (FF-A v1.1 §13.x,
 * FFA_MEM_FRAG_TX/RX): a DONATE/LEND/SHARE arriving, or a retrieve response leaving.
 */
#define MEM_DESC_MAX 2048u /* far above what the MEM_MAX_* limits allow (about 400 bytes) */

struct mem_frags {
	bool active;	   /* a session is open: more fragments are expected (or to serve) */
	uint32_t fid;	   /* the call that started it */
	uint32_t total;	   /* the descriptor's length */
	uint32_t done;	   /* bytes received so far */
	uint64_t handle;   /* the session's handle (FRAG_RX/FRAG_TX w1/w2) */
	uint64_t sessions; /* sessions opened, for fresh handles */
	uint8_t data[MEM_DESC_MAX];
};

/*
 * DONATE/LEND/SHARE from an endpoint whose TX buffer is `tx` (`tx_size` bytes; NULL if it
 * registered none): w1 total length, w2 this fragment's, w3/w4 0. The fragment is copied
 * once; a new send abandons an unfinished one. Returns 0 when the whole descriptor is in
 * f->data (f->total bytes), 1 when a session is open (answer FFA_MEM_FRAG_RX with
 * f->handle = tag | a fresh number, and offset f->done), or an FF-A error: DENIED without a
 * TX buffer, NO_MEMORY above MEM_DESC_MAX, INVALID_PARAMETERS otherwise. `version` (the
 * sender's negotiated FF-A version) gives the descriptor's layout.
 */
int32_t mem_frags_send(struct mem_frags *f, const struct ffa_value *m, const void *tx,
		       uint32_t tx_size, uint64_t tag, uint32_t version);

/* FFA_MEM_FRAG_TX (w1/w2 the session's handle, w3 fragment length, w4 0): as above. */
int32_t mem_frags_tx(struct mem_frags *f, const struct ffa_value *m, const void *tx,
		     uint32_t tx_size);

/* The live transaction `handle`, or NULL (unknown, dead or malformed handle). */
const struct mem_slot *mem_tx_find(const struct mem_table *t, uint64_t handle);

/* Consistency of the whole table (for tests and fuzzing): true if sound. */
bool mem_table_check(const struct mem_table *t);

#endif /* HYP_MEM_SHARE_H */
