// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the trusted OS's TA manager (tos/ta_mgr.c, with the real
 * syscall.c and pages.c) on the host: the TA is a C function that plays what
 * would run at S-EL0 (it sees the registers the kernel set, makes system
 * calls or faults), address spaces are a table of mappings, shared memory is
 * one host buffer. Covered: which images an instance hosts, open/invoke/close
 * and what the TA sees, instance policies (single/multi-session, keep-alive,
 * one instance per session), refusals by CREATE and OPEN, panics and faults
 * (TARGET_DEAD for every session of the instance, pages back in the pool),
 * bounce buffers in and out with SHORT_BUFFER, TEE_Wait suspended, BUSY,
 * cancelled and timed out, limits, caller ownership, and forgetting a caller.
 * Fairness (issue 10 item 7): sessions and per-session instances are shared
 * so that every client's first ones never fail whatever the others hold; a
 * call suspended past TOS_SUSPEND_DEADLINE_MS is ended when another client
 * needs its instance (the fake clock decides, tests do not wait); a forgotten
 * caller's session in an instance busy with another client's call is closed
 * once that call ends. Time slices and the secure timer (issue 13): a TA that
 * loops is suspended at the end of its slice (spurious interrupts before it do
 * not), resumed where it was, cancelled if it looks, killed when its caller is
 * forgotten or when an entry point that cannot be suspended runs too long; the
 * timer is set for the earliest TEE_Wait deadline and its interrupt ends the
 * waits that are due. After every test all pages must be back in the pool.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <abi/scenario.h>
#include <lib/print.h>
#include <tee_api_defines.h>
#include <user_ta_header.h>

#include "../../tos/arch.h"
#include "../../tos/pages.h"
#include "../../tos/quota.h"
#include "../../tos/syscall.h"
#include "../../tos/ta_mgr.h"

#define GUEST	   0x0001
#define OTHER	   0x0002
#define HANDLE	   0x77
#define POOL_PAGES 512
#define ENTRY	   (TA_VA_BASE + 0x100)

/* ---- The images built "into the TOS" ---------------------------------------------------- */

struct ta_blob {
	const uint8_t *start, *end;
};

static struct ta_head heads[3] __attribute__((aligned(4096)));
const struct ta_blob ta_blob_table[3] = {
	{ (const uint8_t *)&heads[0], (const uint8_t *)&heads[0] + sizeof(heads[0]) },
	{ (const uint8_t *)&heads[1], (const uint8_t *)&heads[1] + sizeof(heads[1]) },
	{ (const uint8_t *)&heads[2], (const uint8_t *)&heads[2] + sizeof(heads[2]) },
};
const uint32_t ta_blob_count = 3;

static void make_head(struct ta_head *h, const char *name, uint32_t flags, uint8_t id)
{
	memset(h, 0, sizeof(*h));
	h->magic = TA_HEAD_MAGIC;
	h->flags = flags;
	h->uuid.time_low = 0x11111111u * id;
	h->uuid.time_mid = 0x2222;
	h->uuid.time_hi = 0x3333;
	memset(h->uuid.clock, id, 8);
	h->stack_size = 8192;
	h->entry = ENTRY;
	h->ro_end = TA_VA_BASE + 4096;
	h->file_end = TA_VA_BASE + 4096;
	h->bss_end = TA_VA_BASE + 3 * 4096;
	snprintf(h->name, sizeof(h->name), "%s", name);
}

static void uuid_octets(uint8_t id, uint8_t o[16])
{
	uint32_t tl = 0x11111111u * id;

	o[0] = (uint8_t)(tl >> 24), o[1] = (uint8_t)(tl >> 16), o[2] = (uint8_t)(tl >> 8);
	o[3] = (uint8_t)tl, o[4] = 0x22, o[5] = 0x22, o[6] = 0x33, o[7] = 0x33;
	memset(o + 8, id, 8);
}

/* ---- Fakes: address spaces, CPU, shared memory, console ----------------------------------- */

static struct {
	const struct uspace *as;
	uint64_t va, pa;
	unsigned perm;
	bool borrowed; /* a share's page (uspace_map_borrowed): never the pool's */
} maps[2048];
static unsigned nmaps;

int uspace_init(struct uspace *as, uint16_t asid)
{
	as->l1 = as->l2 = 1;
	as->asid = asid;
	return 0;
}

int uspace_map(struct uspace *as, uint64_t va, uint64_t pa, unsigned perm)
{
	for (unsigned i = 0; i < nmaps; i++)
		if (maps[i].as == as && maps[i].va == va)
			return -1;
	assert_true(nmaps < sizeof(maps) / sizeof(maps[0]));
	maps[nmaps].as = as, maps[nmaps].va = va, maps[nmaps].pa = pa, maps[nmaps].perm = perm;
	maps[nmaps].borrowed = false;
	nmaps++;
	return 0;
}

int uspace_map_borrowed(struct uspace *as, uint64_t va, uint64_t pa, unsigned perm, bool ns)
{
	int r = uspace_map(as, va, pa, perm & UMAP_W);

	(void)ns;
	if (r == 0)
		maps[nmaps - 1].borrowed = true;
	return r;
}

static void drop(unsigned i)
{
	if (!maps[i].borrowed)
		page_free(maps[i].pa);
	maps[i] = maps[--nmaps];
}

void uspace_unmap(struct uspace *as, uint64_t va, uint64_t size)
{
	for (unsigned i = 0; i < nmaps;)
		if (maps[i].as == as && maps[i].va >= va && maps[i].va < va + size)
			drop(i);
		else
			i++;
}

void uspace_destroy(struct uspace *as)
{
	for (unsigned i = 0; i < nmaps;)
		if (maps[i].as == as)
			drop(i);
		else
			i++;
	as->l1 = as->l2 = 0;
}

uint64_t uspace_page_addr(const struct uspace *as, uint64_t va, uint64_t len, bool write)
{
	uint64_t off = va & 4095;

	if (len == 0 || len > 4096 - off)
		return 0;
	for (unsigned i = 0; i < nmaps; i++)
		if (maps[i].as == as && maps[i].va == va - off)
			return write && !(maps[i].perm & UMAP_W) ? 0 : maps[i].pa + off;
	return 0;
}

static const struct uspace *active_as; /* the address space the "CPU" runs in */
void uspace_activate(const struct uspace *as)
{
	active_as = as;
}

void mmu_sync_code(uint64_t start, uint64_t len)
{
	(void)start, (void)len;
}

static uint64_t now;
#define SYNDROME_SVC   1
#define SYNDROME_FAULT 2
static uint64_t syndrome, tls;

uint64_t tos_arch_counter(void)
{
	return now;
}
uint64_t tos_arch_counter_freq(void)
{
	return 1000;
}
uint64_t tos_arch_random(void)
{
	return 42;
}
uint64_t tos_arch_user_syndrome(void)
{
	return syndrome;
}
uint64_t tos_arch_user_fault_addr(void)
{
	return 0;
}
uint64_t tos_arch_user_tls(void)
{
	return tls;
}
void tos_arch_set_user_tls(uint64_t v)
{
	tls = v;
}
int tos_arch_is_syscall(uint64_t s)
{
	return s == SYNDROME_SVC;
}

/* The secure timer: where it is set (UINT64_MAX: off), and the INTIDs the SPMC has pending. */
static uint64_t timer_at = UINT64_MAX;
static uint32_t pending[4];
static unsigned npending;
void tos_arch_timer_set(uint64_t at)
{
	timer_at = at;
}
uint32_t tos_arch_interrupt_get(void)
{
	return npending ? pending[--npending] : 1023;
}

static uint8_t shm_mem[8192];
static struct shm the_shm = { .in_use = true, .caller = GUEST, .handle = HANDLE, .size = 8192 };

struct shm *shm_get(ffa_id_t self, ffa_id_t caller, uint64_t handle, int32_t *err)
{
	if (handle == HANDLE && caller == GUEST)
		return &the_shm;
	*err = FFA_RET_INVALID_PARAMETERS;
	return 0;
}

bool shm_read(const struct shm *s, uint64_t off, void *dst, uint64_t len)
{
	if (off > sizeof(shm_mem) || len > sizeof(shm_mem) - off)
		return false;
	memcpy(dst, shm_mem + off, len);
	return true;
}

void *shm_span(const struct shm *s, uint64_t off, uint64_t len)
{
	(void)s;
	return off <= sizeof(shm_mem) && len <= sizeof(shm_mem) - off ? shm_mem + off : 0;
}

bool shm_write(const struct shm *s, uint64_t off, const void *src, uint64_t len)
{
	if (off > sizeof(shm_mem) || len > sizeof(shm_mem) - off)
		return false;
	memcpy(shm_mem + off, src, len);
	return true;
}

static char last_line[256];
static unsigned lines_printed;
void vprintk(const char *fmt, va_list ap)
{
	vsnprintf(last_line, sizeof(last_line), fmt, ap);
	lines_printed++;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	fail_msg("panic: %s", fmt);
	for (;;)
		;
}

/* ---- The fake TA: what runs at S-EL0 ---------------------------------------------------- */

/* Every entry seen: op, session context, command, and the parameter page as the TA saw it. */
static struct {
	uint64_t op, ctx, cmd;
	struct ta_param_page pp;
} seen[64];
static unsigned entries;
/* What the TA does: called at each run with `fresh` true at an entry point. */
static int (*ta_fn)(struct user_ctx *c, bool fresh);

static struct ta_param_page *param_page(void)
{
	for (unsigned i = 0; i < nmaps; i++)
		if (maps[i].va == TA_VA_PARAMS && maps[i].as == active_as)
			return (struct ta_param_page *)(uintptr_t)maps[i].pa; /* the live one */
	return 0;
}

static int sys(struct user_ctx *c, uint64_t nr, uint64_t a0, uint64_t a1)
{
	/* What a TA leaves in its registers: the next entry must not show it (tos_user_run). */
	for (unsigned i = 2; i < 31; i++)
		c->x[i] = 0xdead0000 + i;
	c->x[8] = nr;
	c->x[0] = a0;
	c->x[1] = a1;
	c->elr = ENTRY + 4; /* past the entry: a continuation */
	syndrome = SYNDROME_SVC;
	return USER_EXIT_SYNC;
}

uint64_t tos_user_run(struct user_ctx *c)
{
	bool fresh = c->elr == ENTRY;

	if (fresh) {
		assert_int_equal(c->sp, TA_VA_STACK_TOP);
		assert_int_equal(c->x[3], TA_VA_PARAMS);
		assert_int_equal(c->spsr, SPSR_EL0T);
		for (unsigned i = 4; i < 31; i++)
			assert_int_equal(c->x[i], 0);
		if (entries < 64) {
			seen[entries].op = c->x[0], seen[entries].ctx = c->x[1];
			seen[entries].cmd = c->x[2], seen[entries].pp = *param_page();
		}
		entries++;
	}
	return (uint64_t)ta_fn(c, fresh);
}

/* The mapping (TA_VA_BOUNCE window) under user va, or NULL. */
static const void *mapping_of(uint64_t va)
{
	for (unsigned k = 0; k < nmaps; k++)
		if (maps[k].va == (va & ~4095ull) && maps[k].va >= TA_VA_BOUNCE)
			return &maps[k];
	return 0;
}

/* What a TA_FLAG_MAP_MEMREFS TA saw of params 0 and 1: address, access, borrowed, pages. */
static struct {
	uint64_t va[2];
	unsigned perm[2];
	bool borrowed[2];
	unsigned bounce_maps;
} mapped_seen;

/* Behaviours. */
static int ta_ok(struct user_ctx *c, bool fresh)
{
	uint64_t op = c->x[0];

	return sys(c, TA_SYS_RETURN, TEE_SUCCESS, op == TA_OP_OPEN_SESSION ? 0x5e55 : c->x[1]);
}

/* Records how params 0 and 1 are mapped, adds 1 to params[0]'s first byte, sizes it 50. */
static int ta_mapped_params(struct user_ctx *c, bool fresh)
{
	struct ta_param_page *pp = param_page();

	if (c->x[0] != TA_OP_INVOKE)
		return ta_ok(c, fresh);
	mapped_seen.bounce_maps = 0;
	for (unsigned k = 0; k < nmaps; k++)
		mapped_seen.bounce_maps += maps[k].va >= TA_VA_BOUNCE;
	for (unsigned i = 0; i < 2; i++) {
		const typeof(maps[0]) *m = mapping_of(pp->params[i].a);

		mapped_seen.va[i] = pp->params[i].a;
		mapped_seen.perm[i] = m ? m->perm : 99;
		mapped_seen.borrowed[i] = m && m->borrowed;
		if (i == 0 && m)
			(*(uint8_t *)(uintptr_t)(m->pa + (pp->params[0].a & 4095)))++;
	}
	pp->params[0].b = 50;
	return sys(c, TA_SYS_RETURN, TEE_SUCCESS, c->x[1]);
}

static uint32_t refuse_op = 99, refuse_with;
static int ta_refuses(struct user_ctx *c, bool fresh)
{
	return sys(c, TA_SYS_RETURN, c->x[0] == refuse_op ? refuse_with : TEE_SUCCESS, 0x5e55);
}

static int ta_panics_on_invoke(struct user_ctx *c, bool fresh)
{
	if (c->x[0] == TA_OP_INVOKE)
		return sys(c, TA_SYS_PANIC, 0xdead, 0);
	return ta_ok(c, fresh);
}

static int ta_faults_on_invoke(struct user_ctx *c, bool fresh)
{
	if (c->x[0] == TA_OP_INVOKE) {
		syndrome = SYNDROME_FAULT;
		return USER_EXIT_SYNC;
	}
	return ta_ok(c, fresh);
}

/* INVOKE: param 0 memref inout: every byte + 1; param 1 memref output: "hi" or SHORT_BUFFER;
 * param 2 value output: (size0, 7). */
static int ta_params(struct user_ctx *c, bool fresh)
{
	struct ta_param_page *pp = param_page();
	uint32_t res = TEE_SUCCESS;

	if (c->x[0] != TA_OP_INVOKE)
		return ta_ok(c, fresh);
	for (uint64_t i = 0; i < pp->params[0].b; i++) {
		uint64_t va = pp->params[0].a + i;
		uint8_t *p = (uint8_t *)(uintptr_t)uspace_page_addr(maps[0].as, va, 1, true);

		if (!p) { /* not the right address space in the fake: find by VA in any */
			for (unsigned k = 0; k < nmaps; k++)
				if (maps[k].va == (va & ~4095ull))
					p = (uint8_t *)(uintptr_t)(maps[k].pa + (va & 4095));
		}
		(*p)++;
	}
	if (pp->params[1].b < 2) {
		pp->params[1].b = 2;
		res = TEE_ERROR_SHORT_BUFFER;
	} else {
		for (unsigned k = 0; k < nmaps; k++)
			if (maps[k].va == pp->params[1].a)
				memcpy((void *)(uintptr_t)maps[k].pa, "hi", 2);
		pp->params[1].b = 2;
	}
	pp->params[2].a = seen[entries - 1].pp.params[0].b;
	pp->params[2].b = 7;
	return sys(c, TA_SYS_RETURN, res, c->x[1]);
}

/*
 * INVOKE: TEE_Wait(params[0].a ms), after unmasking cancellation first if params[0].b;
 * returns TEE_Wait's result.
 */
static int wait_phase;
static int ta_waits(struct user_ctx *c, bool fresh)
{
	struct ta_param_page *pp = param_page();

	if (fresh && c->x[0] != TA_OP_INVOKE)
		return ta_ok(c, fresh);
	if (fresh) {
		wait_phase = 1;
		if (pp->params[0].b)
			return sys(c, TA_SYS_CANCEL, TA_CANCEL_UNMASK, 0);
	}
	if (wait_phase == 1) {
		wait_phase = 2;
		return sys(c, TA_SYS_WAIT, pp->params[0].a, 0);
	}
	return sys(c, TA_SYS_RETURN, c->x[0], 0); /* what TEE_Wait returned */
}

/*
 * INVOKE: loops. Each run of the fake "CPU" lasts 3 ms of the counter and ends in a virtual
 * IRQ: the timer's when it is due (it is set and its compare value passed), else a spurious
 * one (INTID 1023, or `stray` if set). With params[0].a = 1 it unmasks cancellation first and
 * returns TEE_ERROR_CANCEL once the flag is set (a system call after each IRQ).
 */
static unsigned loop_runs;
static uint32_t stray;
static int loop_phase; /* until-cancel: 1 unmasked, 2 polled the flag, 3 looped */
static int ta_loops(struct user_ctx *c, bool fresh)
{
	bool until_cancel = param_page()->params[0].a == 1;

	if (fresh && c->x[0] != TA_OP_INVOKE)
		return ta_ok(c, fresh);
	if (fresh && until_cancel) {
		loop_phase = 1;
		return sys(c, TA_SYS_CANCEL, TA_CANCEL_UNMASK, 0);
	}
	if (until_cancel && loop_phase == 2 && c->x[0])
		return sys(c, TA_SYS_RETURN, TEE_ERROR_CANCEL, 0);
	if (until_cancel && loop_phase != 2) {
		loop_phase = 2;
		return sys(c, TA_SYS_CANCEL, TA_CANCEL_GET, 0);
	}
	loop_phase = 3;
	loop_runs++;
	now += 3;
	pending[npending++] = timer_at <= now ? TOS_TIMER_INTID : stray ? stray : 1023;
	c->elr = ENTRY + 4; /* interrupted past its entry */
	return USER_EXIT_IRQ;
}

/* ---- Helpers ---------------------------------------------------------------------------- */

static struct tee_call call;
static unsigned initial_free, base_free;

static void new_call(ffa_id_t caller, uint32_t cmd, uint32_t session)
{
	memset(&call, 0, sizeof(call));
	call.in_use = true;
	call.self = 0x8002;
	call.caller = caller;
	call.msg.cmd = cmd;
	call.msg.session = session;
	call.msg.first_param = cmd == OPTEE_MSG_CMD_OPEN_SESSION ? 2 : 0;
}

static uint32_t open_ta(ffa_id_t caller, uint8_t id)
{
	new_call(caller, OPTEE_MSG_CMD_OPEN_SESSION, 0);
	uuid_octets(id, call.msg.ta_uuid);
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	return call.ret == TEE_SUCCESS ? call.session_id : 0;
}

static uint32_t invoke(ffa_id_t caller, uint32_t s, uint32_t cmd)
{
	new_call(caller, OPTEE_MSG_CMD_INVOKE_COMMAND, s);
	call.msg.func = cmd;
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	return call.ret;
}

static uint32_t close_s(ffa_id_t caller, uint32_t s)
{
	new_call(caller, OPTEE_MSG_CMD_CLOSE_SESSION, s);
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	return call.ret;
}

static int setup(void **state)
{
	static uint8_t pool[POOL_PAGES][4096] __attribute__((aligned(4096)));
	static bool once;

	if (!once) {
		make_head(&heads[0], "test", TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION, 1);
		make_head(&heads[1], "vault",
			  TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION |
			      TA_FLAG_INSTANCE_KEEP_ALIVE,
			  2);
		make_head(&heads[2], "wallet", 0, 3); /* one instance per session */
		pages_init((uintptr_t)pool, (uintptr_t)pool + sizeof(pool));
		ta_mgr_init(TA_TEST | TA_VAULT | TA_WALLET, true);
		initial_free = pages_free_count();
		once = true;
	}
	ta_fn = ta_ok;
	entries = 0;
	npending = 0;
	stray = 0;
	now = 1000;
	base_free = pages_free_count();
	return 0;
}

/* Every test ends with nothing held: sessions closed, instances gone (but kept-alive ones). */
static int teardown(void **state)
{
	tee_close_all(GUEST);
	tee_close_all(OTHER);
	return 0;
}

/* Every page the test took is back (kept-alive instances are only made by the last test). */
static void assert_no_leak(void)
{
	assert_int_equal(pages_free_count(), base_free);
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void test_open_invoke_close(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	assert_int_not_equal(s, 0);
	assert_int_equal(call.origin, TEE_ORIGIN_TRUSTED_APP);
	assert_int_equal(entries, 2); /* CREATE, then OPEN_SESSION */
	assert_int_equal(seen[0].op, TA_OP_CREATE);
	assert_int_equal(seen[1].op, TA_OP_OPEN_SESSION);
	assert_int_equal(invoke(GUEST, s, 42), TEE_SUCCESS);
	assert_int_equal(seen[2].op, TA_OP_INVOKE);
	assert_int_equal(seen[2].cmd, 42);
	assert_int_equal(seen[2].ctx, 0x5e55); /* the context the TA returned at open */
	assert_int_equal(close_s(GUEST, s), TEE_SUCCESS);
	assert_int_equal(seen[3].op, TA_OP_CLOSE_SESSION);
	assert_int_equal(seen[4].op, TA_OP_DESTROY); /* not kept alive: destroyed */
	assert_no_leak();
	assert_int_equal(close_s(GUEST, s), TEE_ERROR_BAD_PARAMETERS);
}

/*
 * A client that opens and closes sessions in a loop prints a bounded number of lines (issue 10
 * item 9: the UART is synchronous), and another client's first session still gets its line.
 */
static void test_session_lines_are_rate_limited_per_client(void **state)
{
	unsigned before = lines_printed;

	for (unsigned i = 0; i < 200; i++)
		assert_int_equal(close_s(GUEST, open_ta(GUEST, 1)), TEE_SUCCESS);
	/* The burst, one line per refill, and a "suppressed" note before each of those. */
	assert_true(lines_printed - before <= LOG_LIMIT_BURST + 2 * (400 / LOG_LIMIT_REFILL + 1));
	before = lines_printed;
	uint32_t s = open_ta(OTHER, 1);
	assert_int_not_equal(s, 0);
	assert_int_equal(lines_printed, before + 1);
	assert_non_null(strstr(last_line, "endpoint 0x2 opened TA"));
	assert_int_equal(close_s(OTHER, s), TEE_SUCCESS);
	assert_no_leak();
}

static void test_unknown_or_unhosted_ta(void **state)
{
	assert_int_equal(open_ta(GUEST, 9), 0);
	assert_int_equal(call.ret, TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(call.origin, TEE_ORIGIN_TEE);
	assert_int_equal(entries, 0);
}

static void test_instance_policies(void **state)
{
	uint32_t a = open_ta(GUEST, 1), b = open_ta(GUEST, 1), w1, w2;
	unsigned creates = 0;

	/* Single instance, multi-session: one CREATE for both. */
	for (unsigned i = 0; i < entries; i++)
		creates += seen[i].op == TA_OP_CREATE;
	assert_true(a && b && creates == 1);
	/* No flags: one instance per session, each created and destroyed. */
	w1 = open_ta(GUEST, 3);
	w2 = open_ta(OTHER, 3);
	assert_true(w1 && w2);
	creates = 0;
	for (unsigned i = 0; i < entries; i++)
		creates += seen[i].op == TA_OP_CREATE;
	assert_int_equal(creates, 3);
	close_s(GUEST, a), close_s(GUEST, b), close_s(GUEST, w1), close_s(OTHER, w2);
	assert_no_leak();
}

/* Last test: the kept-alive instance stays (with its pages) after its last session. */
static void test_keep_alive(void **state)
{
	uint32_t v = open_ta(GUEST, 2);

	assert_int_equal(close_s(GUEST, v), TEE_SUCCESS);
	assert_true(pages_free_count() < base_free);
	entries = 0;
	v = open_ta(GUEST, 2);
	assert_int_equal(entries, 1); /* no second CREATE */
	assert_int_equal(seen[0].op, TA_OP_OPEN_SESSION);
	close_s(GUEST, v);
}

static void test_single_session_instance_is_busy(void **state)
{
	uint32_t a, b;

	heads[0].flags = TA_FLAG_SINGLE_INSTANCE; /* no MULTI_SESSION */
	a = open_ta(GUEST, 1);
	b = open_ta(OTHER, 1);
	assert_true(a && !b);
	assert_int_equal(call.ret, TEE_ERROR_BUSY);
	assert_int_equal(call.origin, TEE_ORIGIN_TEE);
	close_s(GUEST, a);
	heads[0].flags = TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION;
	assert_no_leak();
}

static void test_refusals_leave_nothing(void **state)
{
	unsigned before = pages_free_count();

	ta_fn = ta_refuses;
	refuse_op = TA_OP_CREATE;
	refuse_with = TEE_ERROR_OUT_OF_MEMORY;
	assert_int_equal(open_ta(GUEST, 1), 0);
	assert_int_equal(call.ret, TEE_ERROR_OUT_OF_MEMORY);
	refuse_op = TA_OP_OPEN_SESSION;
	refuse_with = TEE_ERROR_ACCESS_DENIED;
	assert_int_equal(open_ta(GUEST, 1), 0);
	assert_int_equal(call.ret, TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(call.origin, TEE_ORIGIN_TRUSTED_APP);
	assert_int_equal(pages_free_count(), before);
}

static void check_death(int (*fn)(struct user_ctx *, bool))
{
	unsigned before = pages_free_count();
	uint32_t a = open_ta(GUEST, 1), b = open_ta(OTHER, 1);

	ta_fn = fn;
	assert_int_equal(invoke(GUEST, a, 1), TEE_ERROR_TARGET_DEAD);
	assert_int_equal(call.origin, TEE_ORIGIN_TEE);
	assert_int_equal(pages_free_count(), before); /* the instance's pages are back */
	ta_fn = ta_ok;
	assert_int_equal(invoke(OTHER, b, 1), TEE_ERROR_TARGET_DEAD);
	assert_int_equal(close_s(GUEST, a), TEE_SUCCESS);
	assert_int_equal(close_s(OTHER, b), TEE_SUCCESS);
	a = open_ta(GUEST, 1);
	assert_int_not_equal(a, 0); /* a fresh instance */
	close_s(GUEST, a);
	assert_int_equal(pages_free_count(), before);
}

static void test_panic_kills_the_instance_only(void **state)
{
	check_death(ta_panics_on_invoke);
}

static void test_fault_kills_the_instance_only(void **state)
{
	check_death(ta_faults_on_invoke);
}

static void test_params_bounce_in_and_out(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	ta_fn = ta_params;
	for (unsigned i = 0; i < 100; i++)
		shm_mem[4000 + i] = (uint8_t)i;
	new_call(GUEST, OPTEE_MSG_CMD_INVOKE_COMMAND, s);
	call.msg.param_types = 7 | 6 << 4 | 2 << 8;
	call.msg.params[0] =
	    (struct tee_param){ .type = 7, .handle = HANDLE, .offset = 4000, .size = 100 };
	call.msg.params[1] =
	    (struct tee_param){ .type = 6, .handle = HANDLE, .offset = 6000, .size = 16 };
	call.msg.params[2] = (struct tee_param){ .type = 2, .a = 99, .b = 99 };
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_SUCCESS);
	/* What the TA saw: bounce addresses, sizes, output values zeroed. */
	assert_int_equal(seen[entries - 1].pp.types, 7 | 6 << 4 | 2 << 8);
	assert_true(seen[entries - 1].pp.params[0].a >= TA_VA_BOUNCE);
	assert_int_equal(seen[entries - 1].pp.params[0].b, 100);
	assert_int_equal(seen[entries - 1].pp.params[2].a, 0);
	/* What came back. */
	assert_int_equal(shm_mem[4000], 1);
	assert_int_equal(shm_mem[4099], 100);
	assert_memory_equal(shm_mem + 6000, "hi", 2);
	assert_int_equal(call.outs[1].size, 2);
	assert_int_equal(call.outs[2].a, 100);
	assert_int_equal(call.outs[2].b, 7);
	/* SHORT_BUFFER: size written back, no contents. */
	memset(shm_mem + 6000, 0, 16);
	call.msg.params[1].size = 1;
	call.in_use = true;
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(call.outs[1].size, 2);
	assert_int_equal(shm_mem[6000], 0);
	assert_int_equal(shm_mem[4000], 1); /* inout not copied back on failure */
	/* A memref outside the share or with a foreign handle: BAD_PARAMETERS, origin COMMS. */
	call.msg.params[1].size = 16;
	call.msg.params[0].offset = 8150;
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(call.origin, TEE_ORIGIN_COMMS);
	call.msg.params[0].offset = 0;
	call.msg.params[0].handle = 0x99;
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_ERROR_BAD_PARAMETERS);
	/* Too big for the bounce window. */
	call.msg.params[0].handle = HANDLE;
	call.msg.params[0].size = TA_VA_BOUNCE_MAX + 1;
	call.msg.params[0].offset = 0;
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_not_equal(call.ret, TEE_SUCCESS);
	assert_int_equal(the_shm.users, 0);
	ta_fn = ta_ok;
	close_s(GUEST, s);
}

/* A call that waits has its own slot, as in the server: sessions point at it. */
static struct tee_call wcall;

static void start_wait_as(ffa_id_t caller, uint32_t s, uint32_t ms, bool unmask, uint32_t cancel_id)
{
	ta_fn = ta_waits;
	memset(&wcall, 0, sizeof(wcall));
	wcall.in_use = true;
	wcall.self = 0x8002;
	wcall.caller = caller;
	wcall.msg.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	wcall.msg.session = s;
	wcall.msg.cancel_id = cancel_id;
	wcall.msg.param_types = TEE_PARAM_TYPE_VALUE_INPUT;
	wcall.msg.params[0] = (struct tee_param){ .type = 1, .a = ms, .b = unmask };
	assert_int_equal(tee_call_start(&wcall), CALL_SUSPENDED);
	assert_true(wcall.waiting);
}

static void start_wait(uint32_t s, uint32_t ms, bool unmask, uint32_t cancel_id)
{
	start_wait_as(GUEST, s, ms, unmask, cancel_id);
}

static void test_wait_times_out(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	start_wait(s, 50, false, 1);
	now += 49;
	assert_int_equal(tee_call_resume(&wcall), CALL_SUSPENDED);
	now += 1;
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	assert_int_equal(wcall.ret, TEE_SUCCESS);
	assert_int_equal(wcall.origin, TEE_ORIGIN_TRUSTED_APP);
	ta_fn = ta_ok;
	close_s(GUEST, s);
	assert_no_leak();
}

/*
 * Closing a session while another call holds its single instance cannot fail (GP's
 * TEEC_CloseSession returns void, the client forgets the session): the client no longer finds
 * it, and the TA's close entry point runs when that call ends. A session whose own call runs
 * is still refused (closed too early).
 */
static void test_close_while_the_instance_is_busy_is_done_after(void **state)
{
	uint32_t s = open_ta(GUEST, 1), mine = open_ta(GUEST, 1);

	start_wait(s, 50, false, 1);
	assert_int_equal(close_s(GUEST, mine), TEE_SUCCESS);
	assert_int_equal(invoke(GUEST, mine, 1), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(close_s(GUEST, s), TEE_ERROR_BUSY);
	now += 50;
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	ta_fn = ta_ok;
	close_s(GUEST, s);
	assert_no_leak(); /* the deferred close ran when the wait ended */
}

static void test_wait_cancelled_only_when_unmasked_and_id_matches(void **state)
{
	uint32_t s = open_ta(GUEST, 1), other = open_ta(GUEST, 1);

	start_wait(s, TEE_TIMEOUT_INFINITE, true, 7);
	/* While it waits: the instance is busy, closing is refused, others' cancels miss. */
	ta_fn = ta_ok;
	assert_int_equal(invoke(GUEST, other, 1), TEE_ERROR_BUSY);
	assert_int_equal(call.origin, TEE_ORIGIN_TEE);
	assert_int_equal(close_s(GUEST, s), TEE_ERROR_BUSY);
	assert_int_equal(open_ta(OTHER, 1), 0);
	assert_int_equal(call.ret, TEE_ERROR_BUSY);
	assert_int_equal(tee_cancel(OTHER, s, 7), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(tee_cancel(GUEST, s, 6), TEE_SUCCESS); /* another operation */
	ta_fn = ta_waits;
	assert_int_equal(tee_call_resume(&wcall), CALL_SUSPENDED);
	assert_int_equal(tee_cancel(GUEST, s, 7), TEE_SUCCESS);
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	assert_int_equal(wcall.ret, TEE_ERROR_CANCEL);
	ta_fn = ta_ok;
	assert_int_equal(invoke(GUEST, other, 1), TEE_SUCCESS); /* the instance serves again */
	close_s(GUEST, s);
	close_s(GUEST, other);
	assert_no_leak();
}

static void test_masked_wait_ignores_cancel(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	start_wait(s, 100, false, 3);
	assert_int_equal(tee_cancel(GUEST, s, 3), TEE_SUCCESS);
	assert_int_equal(tee_call_resume(&wcall), CALL_SUSPENDED);
	now += 100;
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	assert_int_equal(wcall.ret, TEE_SUCCESS);
	ta_fn = ta_ok;
	close_s(GUEST, s);
	assert_no_leak();
}

static void test_abandoned_call_ends_and_forget_closes(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	start_wait(s, TEE_TIMEOUT_INFINITE, false, 1);
	tee_call_abandon(&wcall);
	assert_false(wcall.waiting);
	assert_int_equal(wcall.ret, TEE_ERROR_CANCEL); /* what its TEE_Wait returned */
	ta_fn = ta_ok;
	assert_int_equal(tee_close_all(GUEST), 1);
	assert_int_equal(invoke(GUEST, s, 1), TEE_ERROR_BAD_PARAMETERS);
	assert_no_leak();
}

/* An OPEN_SESSION whose TA waits: CANCEL with session 0 and its cancel_id reaches it. */
static int ta_waits_in_open(struct user_ctx *c, bool fresh)
{
	if (fresh && c->x[0] == TA_OP_OPEN_SESSION) {
		wait_phase = 1;
		return sys(c, TA_SYS_CANCEL, TA_CANCEL_UNMASK, 0);
	}
	if (fresh)
		return ta_ok(c, fresh);
	if (wait_phase == 1) {
		wait_phase = 2;
		return sys(c, TA_SYS_WAIT, TEE_TIMEOUT_INFINITE, 0);
	}
	return sys(c, TA_SYS_RETURN, c->x[0], 0);
}

static void test_open_session_can_be_cancelled(void **state)
{
	ta_fn = ta_waits_in_open;
	memset(&wcall, 0, sizeof(wcall));
	wcall.in_use = true;
	wcall.caller = GUEST;
	wcall.msg.cmd = OPTEE_MSG_CMD_OPEN_SESSION;
	wcall.msg.first_param = 2;
	wcall.msg.cancel_id = 5;
	uuid_octets(1, wcall.msg.ta_uuid);
	assert_int_equal(tee_call_start(&wcall), CALL_SUSPENDED);
	assert_int_equal(tee_cancel(GUEST, 0, 4), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(tee_cancel(OTHER, 0, 5), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(tee_call_resume(&wcall), CALL_SUSPENDED);
	assert_int_equal(tee_cancel(GUEST, 0, 5), TEE_SUCCESS);
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	assert_int_equal(wcall.ret, TEE_ERROR_CANCEL);
	assert_int_equal(wcall.origin, TEE_ORIGIN_TRUSTED_APP);
	ta_fn = ta_ok;
	assert_int_equal(tee_close_all(GUEST), 0); /* the refused open left no session */
	assert_no_leak();
}

static void test_sessions_belong_to_their_caller(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	assert_int_equal(invoke(OTHER, s, 1), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(call.origin, TEE_ORIGIN_TEE);
	assert_int_equal(close_s(OTHER, s), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(tee_close_all(OTHER), 0);
	assert_int_equal(invoke(GUEST, s, 1), TEE_SUCCESS);
	close_s(GUEST, s);
}

/* INVOKE and OPEN: the TA asks for its client's identity (TA_SYS_CLIENT_ID) into its page. */
#define ID_AT 2048
static bool id_asked;
static int ta_asks_identity(struct user_ctx *c, bool fresh)
{
	if (fresh && (c->x[0] == TA_OP_INVOKE || c->x[0] == TA_OP_OPEN_SESSION)) {
		id_asked = c->x[0] == TA_OP_OPEN_SESSION;
		return sys(c, TA_SYS_CLIENT_ID, TA_VA_PARAMS + ID_AT, 0);
	}
	if (!fresh)
		return sys(c, TA_SYS_RETURN, c->x[0], id_asked ? 0x5e55 : c->x[1]);
	return ta_ok(c, fresh);
}

static struct ta_client_id identity_seen(void)
{
	struct ta_client_id id;

	memcpy(&id, (uint8_t *)param_page() + ID_AT, sizeof(id));
	return id;
}

static uint32_t open_as(ffa_id_t caller, uint32_t login, uint8_t uuid_byte)
{
	new_call(caller, OPTEE_MSG_CMD_OPEN_SESSION, 0);
	uuid_octets(1, call.msg.ta_uuid);
	call.msg.login = login;
	memset(call.msg.client_uuid, uuid_byte, 16);
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_SUCCESS);
	return call.session_id;
}

/*
 * Issue 11: the login and client UUID of OPEN_SESSION are the session's, and the TA gets
 * them with the FF-A ID of the caller, at open and at every invoke. Two guests that claim
 * the same identity stay two clients: the endpoint is the caller's, never claimed.
 */
static void test_client_identity_reaches_the_ta(void **state)
{
	uint32_t a, b, p;
	struct ta_client_id id;

	ta_fn = ta_asks_identity;
	a = open_as(GUEST, TEE_LOGIN_USER, 0xa1);
	assert_non_null(strstr(last_line, "opened TA \"test\" as user")); /* on the console */
	id = identity_seen();
	assert_int_equal(id.login, TEE_LOGIN_USER);
	assert_int_equal(id.endpoint, GUEST);
	assert_int_equal(id.uuid[0], 0xa1);
	b = open_as(OTHER, TEE_LOGIN_USER, 0xa1); /* the same claim from another guest */
	p = open_as(GUEST, TEE_LOGIN_PUBLIC, 0);
	assert_int_equal(invoke(GUEST, a, 1), TEE_SUCCESS);
	id = identity_seen();
	assert_int_equal(id.login, TEE_LOGIN_USER);
	assert_int_equal(id.endpoint, GUEST);
	assert_int_equal(id.uuid[15], 0xa1);
	assert_int_equal(invoke(OTHER, b, 1), TEE_SUCCESS);
	id = identity_seen();
	assert_int_equal(id.login, TEE_LOGIN_USER);
	assert_int_equal(id.endpoint, OTHER);
	assert_int_equal(invoke(GUEST, p, 1), TEE_SUCCESS);
	id = identity_seen();
	assert_int_equal(id.login, TEE_LOGIN_PUBLIC);
	assert_int_equal(id.endpoint, GUEST);
	assert_int_equal(id.uuid[0], 0);
	ta_fn = ta_ok;
	close_s(GUEST, a);
	close_s(OTHER, b);
	close_s(GUEST, p);
	assert_no_leak();
}

/* A NULL memref of every direction reaches the TA as buffer 0 with its size; no share. */
/*
 * A TA_FLAG_MAP_MEMREFS TA gets the share's own pages: at the memref's offset within its page,
 * read-only for INPUT, written in place (nothing copied back), unmapped at the end, and the
 * pool loses no page to them.
 */
static void test_params_mapped_for_map_memrefs_ta(void **state)
{
	uint32_t s = open_ta(GUEST, 1);
	unsigned maps_before = nmaps, free_before = pages_free_count();

	heads[0].flags |= TA_FLAG_MAP_MEMREFS;
	ta_fn = ta_mapped_params;
	memset(shm_mem, 0, sizeof(shm_mem));
	new_call(GUEST, OPTEE_MSG_CMD_INVOKE_COMMAND, s);
	call.msg.param_types = 7 | 5 << 4;
	call.msg.params[0] =
	    (struct tee_param){ .type = 7, .handle = HANDLE, .offset = 4000, .size = 100 };
	call.msg.params[1] =
	    (struct tee_param){ .type = 5, .handle = HANDLE, .offset = 6000, .size = 16 };
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_SUCCESS);
	/* Param 0 spans two pages (4000..4099), param 1 one page, right after them. */
	assert_int_equal(mapped_seen.va[0], TA_VA_BOUNCE + 4000);
	assert_int_equal(mapped_seen.va[1], TA_VA_BOUNCE + 2 * 4096 + 6000 - 4096);
	assert_int_equal(mapped_seen.perm[0], UMAP_W);
	assert_int_equal(mapped_seen.perm[1], UMAP_R);
	assert_true(mapped_seen.borrowed[0] && mapped_seen.borrowed[1]);
	assert_int_equal(mapped_seen.bounce_maps, 3);
	assert_int_equal(shm_mem[4000], 1); /* written in place */
	assert_int_equal(call.outs[0].size, 50);
	assert_int_equal(nmaps, maps_before);
	assert_int_equal(pages_free_count(), free_before);
	assert_int_equal(the_shm.users, 0);
	/* Outside the share: refused before anything is mapped. */
	call.msg.params[0].offset = 8150;
	call.in_use = true;
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(nmaps, maps_before);
	heads[0].flags &= ~TA_FLAG_MAP_MEMREFS;
	ta_fn = ta_ok;
	close_s(GUEST, s);
}

static void test_null_memrefs_reach_the_ta(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	new_call(GUEST, OPTEE_MSG_CMD_INVOKE_COMMAND, s);
	call.msg.param_types = 5 | 6 << 4 | 7 << 8 | 6 << 12;
	call.msg.params[0] = (struct tee_param){ .type = 5, .null = true };
	call.msg.params[1] = (struct tee_param){ .type = 6, .null = true };
	call.msg.params[2] = (struct tee_param){ .type = 7, .null = true };
	call.msg.params[3] = (struct tee_param){ .type = 6, .null = true, .size = 40 };
	assert_int_equal(tee_call_start(&call), CALL_DONE);
	assert_int_equal(call.ret, TEE_SUCCESS);
	assert_int_equal(seen[entries - 1].pp.types, 5 | 6 << 4 | 7 << 8 | 6 << 12);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(seen[entries - 1].pp.params[i].a, 0);
	assert_int_equal(seen[entries - 1].pp.params[3].b, 40);
	assert_int_equal(call.outs[3].size, 40); /* the size the TA left goes back */
	assert_int_equal(the_shm.users, 0);
	close_s(GUEST, s);
}

static void test_limits(void **state)
{
	uint32_t mine[16], theirs[16], third[4], n = 0, m = 0, k = 0;

	while (n < 16 && (mine[n] = open_ta(GUEST, 1)) != 0)
		n++;
	assert_int_equal(n, 8); /* per caller */
	assert_int_equal(call.ret, TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(call.origin, TEE_ORIGIN_TEE);
	while (m < 16 && (theirs[m] = open_ta(OTHER, 1)) != 0)
		m++;
	assert_int_equal(m, 8);
	/* A third client still gets its own (before: the 16 sessions were all taken). */
	while (k < 2 && (third[k] = open_ta(0x0003, 1)) != 0)
		k++;
	assert_int_equal(k, 2);
	while (k)
		close_s(0x0003, third[--k]);
	while (n)
		close_s(GUEST, mine[--n]);
	while (m)
		close_s(OTHER, theirs[--m]);
	/* Per-session instances: CLIENT_INSTANCES_CAP (2) per client, the next is refused. */
	while (n < 16 && (mine[n] = open_ta(GUEST, 3)) != 0)
		n++;
	assert_int_equal(n, 2);
	assert_int_equal(call.ret, TEE_ERROR_OUT_OF_MEMORY);
	assert_int_not_equal(theirs[0] = open_ta(OTHER, 3), 0);
	close_s(OTHER, theirs[0]);
	while (n--)
		close_s(GUEST, mine[n]);
	assert_no_leak();
}

/* Each client in turn opens all it can of TA `id`; the last still gets `least`. */
static void grab_all(uint8_t id, unsigned least)
{
	static uint32_t held[TOS_MAX_CLIENTS + 1][16];
	unsigned got[TOS_MAX_CLIENTS + 1];

	for (ffa_id_t c = 1; c <= TOS_MAX_CLIENTS; c++) {
		got[c] = 0;
		while (got[c] < 16 && (held[c][got[c]] = open_ta(c, id)) != 0)
			got[c]++;
		assert_int_equal(call.ret, TEE_ERROR_OUT_OF_MEMORY);
		assert_true(got[c] >= least);
	}
	assert_int_equal(got[TOS_MAX_CLIENTS], least);
	for (ffa_id_t c = 1; c <= TOS_MAX_CLIENTS; c++)
		while (got[c])
			assert_int_equal(close_s(c, held[c][--got[c]]), TEE_SUCCESS);
	assert_no_leak();
}

static void test_sessions_fairly_shared(void **state)
{
	grab_all(1, 2); /* SESSIONS_RESERVED */
}

static void test_per_session_instances_fairly_shared(void **state)
{
	grab_all(3, 1); /* CLIENT_INSTANCES_RESERVED */
}

/*
 * Another client's suspended call holds the single instance: BUSY until the call has been
 * suspended TOS_SUSPEND_DEADLINE_MS (fake clock), then it is ended (its TEE_Wait returns
 * TEE_ERROR_CANCEL, the TA runs to its end) and the other client's call runs. The caller's
 * own calls never end its own wait.
 */
static void test_overdue_suspended_call_ends_for_another_client(void **state)
{
	uint32_t s = open_ta(GUEST, 1), mine = open_ta(GUEST, 1), theirs = open_ta(OTHER, 1);

	start_wait(s, TEE_TIMEOUT_INFINITE, false, 1);
	assert_int_equal(invoke(OTHER, theirs, 1), TEE_ERROR_BUSY);
	now += TOS_SUSPEND_DEADLINE_MS - 1;
	assert_int_equal(invoke(OTHER, theirs, 1), TEE_ERROR_BUSY);
	assert_int_equal(open_ta(OTHER, 1), 0);
	assert_int_equal(call.ret, TEE_ERROR_BUSY);
	assert_true(wcall.waiting);
	now += 1;
	assert_int_equal(invoke(GUEST, mine, 1), TEE_ERROR_BUSY); /* its own: never */
	assert_true(wcall.waiting);
	assert_int_equal(invoke(OTHER, theirs, 1), TEE_SUCCESS);
	assert_false(wcall.waiting);
	assert_true(wcall.evicted);
	assert_int_equal(wcall.ret, TEE_ERROR_CANCEL); /* what its TEE_Wait returned */
	assert_int_equal(wcall.origin, TEE_ORIGIN_TRUSTED_APP);
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE); /* its caller's next resume */
	assert_int_equal(invoke(GUEST, s, 1), TEE_SUCCESS);   /* the session lives on */
	ta_fn = ta_ok;
	close_s(GUEST, s), close_s(GUEST, mine), close_s(OTHER, theirs);
	assert_no_leak();
}

/* The same for an OPEN_SESSION and a CLOSE_SESSION of the other client. */
static void test_overdue_wait_ends_for_open_and_close(void **state)
{
	uint32_t s = open_ta(GUEST, 1), theirs = open_ta(OTHER, 1), t2;

	start_wait(s, 5000, false, 1);
	now += TOS_SUSPEND_DEADLINE_MS;
	t2 = open_ta(OTHER, 1);
	assert_int_not_equal(t2, 0);
	assert_int_equal(wcall.ret, TEE_ERROR_CANCEL);
	start_wait(s, TEE_TIMEOUT_INFINITE, false, 1);
	now += TOS_SUSPEND_DEADLINE_MS;
	assert_int_equal(close_s(OTHER, theirs), TEE_SUCCESS);
	assert_true(wcall.evicted);
	ta_fn = ta_ok;
	close_s(GUEST, s), close_s(OTHER, t2);
	assert_no_leak();
}

/*
 * Forgetting a caller while another client's call waits in the instance of its session:
 * the session is closed (TA close entry point run) once that call ends, and is out of
 * the forgotten caller's reach at once. Before, it stayed open for good.
 */
static void test_forget_closes_session_after_busy_instance(void **state)
{
	uint32_t s = open_ta(GUEST, 1), t = open_ta(OTHER, 1);
	unsigned closes = 0;

	start_wait_as(OTHER, t, TEE_TIMEOUT_INFINITE, true, 4);
	assert_int_equal(tee_close_all(GUEST), 1);
	assert_int_equal(invoke(GUEST, s, 1), TEE_ERROR_BAD_PARAMETERS);
	entries = 0;
	assert_int_equal(tee_cancel(OTHER, t, 4), TEE_SUCCESS);
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	for (unsigned i = 0; i < entries; i++)
		closes += seen[i].op == TA_OP_CLOSE_SESSION;
	assert_int_equal(closes, 1);
	assert_int_equal(tee_close_all(GUEST), 0);
	ta_fn = ta_ok;
	close_s(OTHER, t);
	assert_no_leak();
}

/* ---- Time slices and the secure timer ---------------------------------------------------- */

static struct tee_call lcall;

/* Start INVOKE of a looping TA (until_cancel: it looks at the flag); it uses up its slice. */
static void start_loop(ffa_id_t caller, uint32_t s, bool until_cancel)
{
	ta_fn = ta_loops;
	loop_runs = 0;
	memset(&lcall, 0, sizeof(lcall));
	lcall.in_use = true;
	lcall.self = 0x8002;
	lcall.caller = caller;
	lcall.msg.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	lcall.msg.session = s;
	lcall.msg.cancel_id = 9;
	lcall.msg.param_types = TEE_PARAM_TYPE_VALUE_INPUT;
	lcall.msg.params[0] = (struct tee_param){ .type = 1, .a = until_cancel };
	assert_int_equal(tee_call_start(&lcall), CALL_SUSPENDED);
	assert_true(lcall.preempted);
	assert_false(lcall.waiting);
}

/*
 * A TA that loops is suspended when its slice ends, not before (spurious INTIDs, another
 * INTID), and each resume gives it one more slice where it was; the instance is busy for
 * other calls meanwhile, and the timer is off once the TA is suspended.
 */
static void test_looping_ta_is_preempted_and_resumed(void **state)
{
	uint32_t s = open_ta(GUEST, 1), other = open_ta(OTHER, 1);
	uint64_t t0 = now;

	stray = 33; /* a device's INTID the TOS does not own: ignored */
	start_loop(GUEST, s, false);
	assert_int_equal(loop_runs, (TOS_TA_SLICE_MS + 2) / 3); /* 3 ms per run, 10 ms slice */
	assert_true(now - t0 >= TOS_TA_SLICE_MS);
	assert_int_equal(timer_at, UINT64_MAX);
	stray = 0;
	for (unsigned i = 0; i < 5; i++) {
		loop_runs = 0;
		assert_int_equal(tee_call_resume(&lcall), CALL_SUSPENDED);
		assert_true(lcall.preempted);
		assert_int_equal(loop_runs, (TOS_TA_SLICE_MS + 2) / 3);
	}
	assert_int_equal(entries,
			 4); /* create, two opens, one invoke: never entered afresh again */
	ta_fn = ta_ok;
	assert_int_equal(invoke(OTHER, other, 1), TEE_ERROR_BUSY);
	assert_int_equal(close_s(GUEST, s), TEE_ERROR_BUSY); /* its own call is in flight */
	/* A cancel it never looks at changes nothing; nor does the deadline for others. */
	assert_int_equal(tee_cancel(GUEST, s, 9), TEE_SUCCESS);
	now += TOS_SUSPEND_DEADLINE_MS;
	assert_int_equal(invoke(OTHER, other, 1), TEE_ERROR_BUSY);
	ta_fn = ta_loops;
	assert_int_equal(tee_call_resume(&lcall), CALL_SUSPENDED);
	/* Its client is forgotten: the instance is killed, every session of it is dead. */
	tee_call_abandon(&lcall);
	assert_false(lcall.preempted);
	assert_int_equal(lcall.ret, TEE_ERROR_TARGET_DEAD);
	assert_int_equal(lcall.origin, TEE_ORIGIN_TEE);
	assert_true(strstr(last_line, "killed") != NULL);
	ta_fn = ta_ok;
	assert_int_equal(invoke(OTHER, other, 1), TEE_ERROR_TARGET_DEAD);
	assert_int_equal(tee_close_all(GUEST), 1);
	assert_int_equal(close_s(OTHER, other), TEE_SUCCESS);
	/* The TOS serves on: a new instance of the same TA. */
	other = open_ta(OTHER, 1);
	assert_int_not_equal(other, 0);
	assert_int_equal(invoke(OTHER, other, 1), TEE_SUCCESS);
	close_s(OTHER, other);
	assert_no_leak();
}

/* A looping TA that looks at the cancellation flag ends at the first resume after CANCEL. */
static void test_looping_ta_cancelled(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	start_loop(GUEST, s, true);
	assert_int_equal(tee_call_resume(&lcall), CALL_SUSPENDED);
	assert_int_equal(tee_cancel(GUEST, s, 8), TEE_SUCCESS); /* another operation */
	assert_int_equal(tee_call_resume(&lcall), CALL_SUSPENDED);
	assert_int_equal(tee_cancel(GUEST, s, 9), TEE_SUCCESS);
	assert_int_equal(tee_call_resume(&lcall), CALL_DONE);
	assert_int_equal(lcall.ret, TEE_ERROR_CANCEL);
	assert_int_equal(lcall.origin, TEE_ORIGIN_TRUSTED_APP);
	/* Done: resuming it again does nothing. */
	assert_int_equal(tee_call_resume(&lcall), CALL_DONE);
	ta_fn = ta_ok;
	assert_int_equal(invoke(GUEST, s, 1), TEE_SUCCESS);
	close_s(GUEST, s);
	assert_no_leak();
}

/* Abandoned in TEE_Wait, the TA runs on and loops: killed after one slice, not forever. */
static int ta_waits_then_loops(struct user_ctx *c, bool fresh)
{
	if (fresh && c->x[0] == TA_OP_INVOKE)
		return sys(c, TA_SYS_WAIT, TEE_TIMEOUT_INFINITE, 0);
	if (fresh)
		return ta_ok(c, fresh);
	now += 3;
	pending[npending++] = timer_at <= now ? TOS_TIMER_INTID : 1023;
	c->elr = ENTRY + 4; /* interrupted past its entry */
	return USER_EXIT_IRQ;
}

static void test_abandoned_wait_that_loops_is_killed(void **state)
{
	uint32_t s = open_ta(GUEST, 1);

	start_wait(s, TEE_TIMEOUT_INFINITE, false, 1);
	ta_fn = ta_waits_then_loops;
	tee_call_abandon(&wcall);
	assert_false(wcall.waiting || wcall.preempted);
	assert_int_equal(wcall.ret, TEE_ERROR_TARGET_DEAD);
	ta_fn = ta_ok;
	assert_int_equal(invoke(GUEST, s, 1), TEE_ERROR_TARGET_DEAD);
	assert_int_equal(tee_close_all(GUEST), 1);
	assert_no_leak();
}

/* An entry point that cannot be suspended (here: create) is killed after TOS_ENTRY_SLICES. */
static int ta_loops_in_create(struct user_ctx *c, bool fresh)
{
	if (fresh && c->x[0] != TA_OP_CREATE)
		return ta_ok(c, fresh);
	loop_runs++;
	now += 5;
	pending[npending++] = timer_at <= now ? TOS_TIMER_INTID : 1023;
	c->elr = ENTRY + 4; /* interrupted past its entry */
	return USER_EXIT_IRQ;
}

static void test_looping_entry_point_is_killed(void **state)
{
	ta_fn = ta_loops_in_create;
	loop_runs = 0;
	assert_int_equal(open_ta(GUEST, 1), 0);
	assert_int_equal(call.ret, TEE_ERROR_TARGET_DEAD);
	assert_int_equal(call.origin, TEE_ORIGIN_TEE);
	assert_int_equal(loop_runs, 2 * TOS_ENTRY_SLICES);
	ta_fn = ta_ok;
	assert_int_not_equal(open_ta(GUEST, 1), 0); /* a new instance */
	tee_close_all(GUEST);
	assert_no_leak();
}

/*
 * The timer is set for the earliest TEE_Wait deadline of the suspended calls; its interrupt
 * (FFA_INTERRUPT while the TOS waits) marks the due ones expired and moves on to the next;
 * a resume then ends the wait. Interrupts that are not the timer's change nothing.
 */
static void test_timer_expires_waits(void **state)
{
	uint32_t s = open_ta(GUEST, 1), w = open_ta(OTHER, 3);
	static struct tee_call second; /* in the other client's per-session instance */
	uint64_t t0 = now;

	start_wait(s, 50, false, 1);
	assert_int_equal(timer_at, t0 + 50);
	memset(&second, 0, sizeof(second));
	second.in_use = true;
	second.caller = OTHER;
	second.msg.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND;
	second.msg.session = w;
	second.msg.param_types = TEE_PARAM_TYPE_VALUE_INPUT;
	second.msg.params[0] = (struct tee_param){ .type = 1, .a = 20 };
	assert_int_equal(tee_call_start(&second), CALL_SUSPENDED);
	assert_int_equal(timer_at, t0 + 20);
	now = t0 + 19;
	assert_false(ta_mgr_interrupt(29)); /* CNTPS: not ours */
	assert_false(ta_mgr_interrupt(1023));
	assert_int_equal(timer_at, t0 + 20);
	assert_true(ta_mgr_interrupt(TOS_TIMER_INTID)); /* early (a stale one): nothing due yet */
	assert_false(second.wait_expired);
	assert_int_equal(timer_at, t0 + 20);
	now = t0 + 20;
	assert_true(ta_mgr_interrupt(TOS_TIMER_INTID));
	assert_true(second.wait_expired);
	assert_false(wcall.wait_expired);
	assert_int_equal(timer_at, t0 + 50); /* the next deadline */
	assert_int_equal(tee_call_resume(&second), CALL_DONE);
	assert_int_equal(second.ret, TEE_SUCCESS);
	now = t0 + 60;
	assert_true(ta_mgr_interrupt(TOS_TIMER_INTID));
	assert_true(wcall.wait_expired);
	assert_int_equal(timer_at, UINT64_MAX); /* nothing left to wait for: off */
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	assert_int_equal(wcall.ret, TEE_SUCCESS);
	/* An interrupt with no call at all: nothing happens, the timer stays off. */
	assert_true(ta_mgr_interrupt(TOS_TIMER_INTID));
	assert_int_equal(timer_at, UINT64_MAX);
	ta_fn = ta_ok;
	close_s(GUEST, s), close_s(OTHER, w);
	assert_no_leak();
}

/* Without the timer (another TOS owns it): no slice, waits end at a resume past the deadline. */
static void test_without_the_timer(void **state)
{
	uint32_t s;

	ta_mgr_init(TA_TEST | TA_VAULT | TA_WALLET, false);
	timer_at = UINT64_MAX;
	s = open_ta(GUEST, 1);
	start_wait(s, 50, false, 1);
	assert_int_equal(timer_at, UINT64_MAX); /* never touched */
	assert_false(ta_mgr_interrupt(TOS_TIMER_INTID));
	now += 50;
	assert_int_equal(tee_call_resume(&wcall), CALL_DONE);
	assert_int_equal(wcall.ret, TEE_SUCCESS);
	ta_fn = ta_ok;
	close_s(GUEST, s);
	ta_mgr_init(TA_TEST | TA_VAULT | TA_WALLET, true);
	assert_no_leak();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_invoke_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_lines_are_rate_limited_per_client,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_or_unhosted_ta, setup, teardown),
		cmocka_unit_test_setup_teardown(test_instance_policies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_session_instance_is_busy, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_refusals_leave_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_panic_kills_the_instance_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fault_kills_the_instance_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_params_bounce_in_and_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait_times_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_while_the_instance_is_busy_is_done_after,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_wait_cancelled_only_when_unmasked_and_id_matches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_masked_wait_ignores_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abandoned_call_ends_and_forget_closes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_open_session_can_be_cancelled, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_sessions_belong_to_their_caller, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_client_identity_reaches_the_ta, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_params_mapped_for_map_memrefs_ta, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_null_memrefs_reach_the_ta, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions_fairly_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_session_instances_fairly_shared, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_overdue_suspended_call_ends_for_another_client,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_overdue_wait_ends_for_open_and_close, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_forget_closes_session_after_busy_instance,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_looping_ta_is_preempted_and_resumed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_looping_ta_cancelled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abandoned_wait_that_loops_is_killed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_looping_entry_point_is_killed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_timer_expires_waits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_without_the_timer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_alive, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
