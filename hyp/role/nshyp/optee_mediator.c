// SPDX-License-Identifier: BSD-3-Clause
/*
 * The OP-TEE SMC ABI mediator (docs/abi/optee-smc.md): an unmodified Linux
 * optee.ko in a guest with an OP-TEE window (optee_shm_size) reaches the
 * TEEs it is bound to, which speak the OP-TEE FF-A ABI.
 *
 * nshyp answers the fast calls itself (static shared memory only: the
 * guest's part of the window). At guest start it shares the whole window
 * with the guest's OP-TEE TEEs in one FF-A transaction (lender = the guest)
 * and takes the window's first page, the mediator page, out of the guest's
 * stage 2. CALL_WITH_ARG: the argument is copied once out of the guest,
 * checked, its TMEM (guest address) memrefs rewritten into FMEM (handle +
 * offset), and the result placed in the call's slot of the mediator page,
 * which the TEE reads (YIELDING_CALL_WITH_ARG, sender = the guest). On return
 * only ret, ret_origin, the session of an OPEN_SESSION, output values and
 * output sizes go back into the guest's argument: its addresses are never
 * rewritten. OPEN_SESSION tries the TEEs in binding order until one does
 * not answer ITEM_NOT_FOUND; sessions get IDs of the mediator, so a session
 * reaches only the TEE that opened it. A call the TEE suspends
 * (RETURN_INTERRUPT) or an interrupt preempts (FFA_INTERRUPT, FFA_YIELD)
 * becomes RPC_FOREIGN_INTR with a3 = its thread; RETURN_FROM_RPC resumes it.
 * A call for a TEE that another guest's preempted call holds waits in nshyp
 * like an FF-A request (g->waiting_for: its SMC is made again later).
 */
#include <abi/ffa_rules.h>
#include <abi/optee_ffa.h>
#include <abi/optee_smc.h>
#include <abi/smccc.h>
#include <arch/sysreg.h>
#include <hyp/mem_share.h>
#include <lib/print.h>
#include <lib/string.h>

#include "nshyp.h"

/* The description's largest OP-TEE window must fit one FF-A transaction (config/validate.c). */
_Static_assert(SYS_OPTEE_SHM_MAX <= (uint64_t)MEM_MAX_PAGES * 4096u, "one share per window");

/* GP TEE Client API results and origins, as the message protocol carries them. */
#define ERR_BAD_PARAMETERS 0xffff0006u
#define ERR_ITEM_NOT_FOUND 0xffff0008u
#define ERR_OUT_OF_MEMORY  0xffff000cu
#define ERR_COMMUNICATION  0xffff000eu

/* GET_OS_REVISION: the revision of Tessera's trusted OS (tos/optee_server.c answers the same). */
#define OS_REVISION_MAJOR 0u
#define OS_REVISION_MINOR 1u

/* Static shared memory only: every memref lies in the window shared once. */
#define SEC_CAPS (OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM | OPTEE_SMC_SEC_CAP_MEMREF_NULL)
/* FFA_RUNs nshyp gives a preempted partition at guest start or stop before giving up. */
#define MAX_RUNS   64u
#define NO_SESSION (-1)

_Static_assert(OPTEE_MED_TEES <= MEM_MAX_BORROWERS, "one share names every TEE");
_Static_assert(OPTEE_MSG_ATTR_TYPE_TMEM_INPUT - OPTEE_MSG_ATTR_TYPE_FMEM_INPUT == 4 &&
		   OPTEE_MSG_ATTR_TYPE_TMEM_INOUT - OPTEE_MSG_ATTR_TYPE_FMEM_INOUT == 4,
	       "TMEM and FMEM types differ by 4");

/* ---- answers and FF-A requests ------------------------------------------------------------ */

/* An OP-TEE SMC answer: a0-a3 (32-bit values; GET_SHM_CONFIG's a1/a2 are addresses). */
static void answer(struct ffa_value *m, uint32_t a0, uint64_t a1, uint64_t a2, uint32_t a3)
{
	m->x[0] = a0;
	m->x[1] = a1;
	m->x[2] = a2;
	m->x[3] = a3;
}

static struct ffa_value tee_request(const struct guest *g, ffa_id_t tee, uint32_t w3, uint32_t w4,
				    uint32_t w5, uint32_t w6, uint32_t w7)
{
	struct ffa_value r = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(g->vm.id, tee), 0, w3, w4,
				 w5, w6, w7 } };

	nshyp_forward(&r);
	return r;
}

static struct ffa_value run_partition(ffa_id_t tee)
{
	struct ffa_value r = { { FFA_RUN, (uint64_t)tee << 16 } };

	nshyp_forward(&r);
	return r;
}

/* The partition stopped in the middle of the request (interrupt or yield): FFA_RUN resumes it. */
static bool preempted(const struct ffa_value *r, ffa_id_t tee)
{
	uint32_t f = (uint32_t)r->x[0];

	return (f == FFA_INTERRUPT || f == FFA_YIELD) && ffa_msg_sender(r->x[1]) == tee;
}

static bool answered(const struct ffa_value *r, const struct guest *g, ffa_id_t tee)
{
	return (uint32_t)r->x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && ffa_msg_sender(r->x[1]) == tee &&
	       ffa_msg_receiver(r->x[1]) == g->vm.id;
}

/* Run a preempted partition until it answers (bounded); one still preempted stays the guest's. */
static struct ffa_value run_to_answer(struct guest *g, ffa_id_t tee, struct ffa_value r)
{
	for (unsigned n = 0; preempted(&r, tee) && n < MAX_RUNS; n++)
		r = run_partition(tee);
	if (preempted(&r, tee))
		g->yielded_sp = tee; /* nshyp_guest_stopped() finishes it */
	return r;
}

/* Is a call of this guest stopped in partition `sp` (0: in any)? */
static bool med_holds(const struct optee_mediator *med, ffa_id_t sp)
{
	for (unsigned i = 0; med->ready && i < OPTEE_MED_THREADS; i++)
		if (med->threads[i].state == OPTEE_MED_PREEMPTED &&
		    (!sp || med->tees[med->threads[i].tee] == sp))
			return true;
	return false;
}

bool optee_mediator_holds(const struct guest *g, ffa_id_t sp)
{
	return med_holds(&g->optee, sp);
}

/*
 * nshyp resumes a call stopped in `tee` for a guest that cannot (it stopped) or need not (a
 * framework message needs the TEE): each resume gets a quantum before nshyp's tick preempts it
 * again, and the interrupt that preempted it is taken before the next (nshyp_resume_*()), so a
 * looping TEE costs a bounded time (MAX_RUNS quanta) while the other guests wait.
 */
static struct ffa_value resume_bounded(ffa_id_t tee)
{
	struct ffa_value r = { { FFA_INTERRUPT, (uint64_t)tee << 16 } };

	for (unsigned n = 0; preempted(&r, tee) && n < MAX_RUNS; n++) {
		nshyp_resume_begin();
		r = run_partition(tee);
		if ((uint32_t)r.x[0] == FFA_INTERRUPT)
			nshyp_resume_preempted();
	}
	return r;
}

void optee_mediator_release(struct guest *g, ffa_id_t sp)
{
	struct optee_mediator *med = &g->optee;

	for (unsigned i = 0; med->ready && i < OPTEE_MED_THREADS; i++) {
		struct optee_med_thread *t = &med->threads[i];
		struct ffa_value r;

		if (t->state != OPTEE_MED_PREEMPTED || med->tees[t->tee] != sp)
			continue;
		r = resume_bounded(sp);
		if (!preempted(&r, sp)) {
			t->answer = r;
			t->state = OPTEE_MED_ANSWERED;
		}
	}
}

/*
 * `tee` is stopped in another guest's call (it would answer BUSY): true, and this call is not
 * made now. A guest that holds no partition itself waits in nshyp (g->waiting_for: the SMC is
 * made again once `tee` is free), the one rule of FF-A requests. One that holds a partition (a
 * call of its own preempted) must not wait while holding, or two guests could wait for each
 * other: it gets an answer that makes it come back (the caller's), and its held call, which
 * never waits, goes on meanwhile.
 */
static bool tee_busy_elsewhere(struct guest *g, ffa_id_t tee)
{
	if (!nshyp_sp_busy_elsewhere(g, tee))
		return false;
	if (!optee_mediator_holds(g, 0))
		g->waiting_for = tee;
	return true;
}

/* ---- guest start and stop ----------------------------------------------------------------- */

/* The window: the top optee_shm_size bytes of the guest's memory, whole pages, one share. */
static bool window_of(const struct guest *g, struct optee_mediator *med)
{
	const struct sys_vm *c = g->cfg;
	uint64_t size = c->optee_shm_size;

	if (size % FFA_PAGE_SIZE || size <= SYS_OPTEE_MEDIATOR_SIZE || size > c->mem.size ||
	    size / FFA_PAGE_SIZE > MEM_MAX_PAGES)
		return false;
	med->win_size = size;
	med->win_ipa = c->mem.ipa + c->mem.size - size;
	med->win_pa = c->mem.pa + c->mem.size - size;
	return true;
}

/* Does `tee` speak the OP-TEE FF-A ABI, with arguments at an offset (our slots)? */
static bool optee_tee(struct guest *g, ffa_id_t tee)
{
	struct ffa_value r =
	    run_to_answer(g, tee, tee_request(g, tee, OPTEE_FFA_GET_API_VERSION, 0, 0, 0, 0));

	if (!answered(&r, g, tee) || (uint32_t)r.x[3] != OPTEE_FFA_VERSION_MAJOR)
		return false;
	r = run_to_answer(g, tee, tee_request(g, tee, OPTEE_FFA_EXCHANGE_CAPABILITIES, 0, 0, 0, 0));
	return answered(&r, g, tee) && (uint32_t)r.x[3] == 0 &&
	       ((uint32_t)r.x[5] & OPTEE_FFA_SEC_CAP_ARG_OFFSET);
}

/* Share the window with the TEEs and take the mediator page from the guest; false on failure. */
static bool take_window(struct guest *g, struct optee_mediator *med)
{
	unsigned count = 0;
	int32_t rc = 0;

	if (med->tee_count)
		rc = nshyp_mem_share_pinned(g, med->win_ipa,
					    (uint32_t)(med->win_size / FFA_PAGE_SIZE), med->tees,
					    med->tee_count, &med->handle);
	if (rc) {
		printk("%s: cannot share its OP-TEE window (%d); its OP-TEE calls fail\n",
		       g->cfg->name, (int)rc);
		return false;
	}
	/* Shared first (the share checks the pages are the guest's), then the page is nshyp's. */
	if (s2_runs_collect(&g->vm.s2, med->win_ipa, SYS_OPTEE_MEDIATOR_SIZE / FFA_PAGE_SIZE, 0, 0,
			    &med->page, &count, 1) != S2_OK ||
	    s2_runs_unmap(&g->vm.s2, &med->page, 1) != S2_OK) {
		printk(
		    "%s: no stage-2 table left to take its mediator page; its OP-TEE calls fail\n",
		    g->cfg->name);
		return false;
	}
	arch_s2_tlb_flush_all();
	memset((void *)(uintptr_t)med->win_pa, 0, SYS_OPTEE_MEDIATOR_SIZE);
	return true;
}

void optee_mediator_guest_start(struct guest *g)
{
	struct optee_mediator *med = &g->optee;

	memset(med, 0, sizeof(*med));
	if (!g->cfg->optee_shm_size)
		return;
	if (!window_of(g, med)) {
		printk(
		    "%s: optee_shm_size 0x%lx is no usable OP-TEE window; its OP-TEE calls fail\n",
		    g->cfg->name, (unsigned long)g->cfg->optee_shm_size);
		return;
	}
	for (unsigned i = 0; i < g->cfg->allowed_sp_count && med->tee_count < OPTEE_MED_TEES; i++)
		if (optee_tee(g, g->cfg->allowed_sp[i]))
			med->tees[med->tee_count++] = g->cfg->allowed_sp[i];
	if (!take_window(g, med))
		return;
	med->ready = true;
	printk("%s: OP-TEE SMC ABI mediated: window IPA 0x%lx-0x%lx, %u TEE(s), handle 0x%lx\n",
	       g->cfg->name, (unsigned long)med->win_ipa,
	       (unsigned long)(med->win_ipa + med->win_size), med->tee_count,
	       (unsigned long)med->handle);
}

void optee_mediator_guest_stopped(struct guest *g)
{
	struct optee_mediator *med = &g->optee;
	unsigned calls = 0, sessions = 0;

	if (!med->ready)
		return;
	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++) {
		struct optee_med_thread *t = &med->threads[i];

		calls += t->state != OPTEE_MED_FREE;
		/*
		 * A partition an interrupt stopped is BLOCKED: run it, so it can take VM_DESTROYED,
		 * in quanta (nshyp's tick is stopped here: an unbounded run would hold every
		 * guest); one still stopped is left to nshyp_guest_stopped()'s loop.
		 */
		if (t->state == OPTEE_MED_PREEMPTED) {
			ffa_id_t tee = med->tees[t->tee];
			struct ffa_value r = resume_bounded(tee);

			if (preempted(&r, tee))
				g->yielded_sp = tee;
		}
	}
	for (unsigned i = 0; i < OPTEE_MED_SESSIONS; i++)
		sessions += med->sessions[i].open;
	if (calls || sessions)
		printk(
		    "%s stopped with %u OP-TEE call(s) in flight and %u session(s) open; its TEEs "
		    "drop them (VM_DESTROYED)\n",
		    g->cfg->name, calls, sessions);
	memset(med->threads, 0, sizeof(med->threads));
	memset(med->sessions, 0, sizeof(med->sessions));
	med->ready = false;
	/* Its memory whole again (a split block merges back): nothing of it stays nshyp's. */
	if (s2_runs_map(&g->vm.s2, &med->page, 1) != S2_OK)
		panic("nshyp: cannot give %s back its mediator page", g->cfg->name);
	arch_s2_tlb_flush_all();
}

/* ---- fast calls --------------------------------------------------------------------------- */

static bool fast_call(const struct optee_mediator *med, uint32_t id, struct ffa_value *m)
{
	uint32_t unavailable = med->ready ? OPTEE_SMC_RETURN_OK : OPTEE_SMC_RETURN_ENOTAVAIL;

	switch (id) {
	case OPTEE_SMC_CALLS_UID:
		answer(m, OPTEE_MSG_UID_0, OPTEE_MSG_UID_1, OPTEE_MSG_UID_2, OPTEE_MSG_UID_3);
		return true;
	case OPTEE_SMC_CALLS_REVISION:
		answer(m, OPTEE_MSG_REVISION_MAJOR, OPTEE_MSG_REVISION_MINOR, 0, 0);
		return true;
	case OPTEE_SMC_CALL_GET_OS_UUID:
		answer(m, OPTEE_MSG_OS_OPTEE_UUID_0, OPTEE_MSG_OS_OPTEE_UUID_1,
		       OPTEE_MSG_OS_OPTEE_UUID_2, OPTEE_MSG_OS_OPTEE_UUID_3);
		return true;
	case OPTEE_SMC_CALL_GET_OS_REVISION:
		answer(m, OS_REVISION_MAJOR, OS_REVISION_MINOR, 0, 0);
		return true;
	case OPTEE_SMC_EXCHANGE_CAPABILITIES:
		answer(m, unavailable, med->ready ? SEC_CAPS : 0, 0, 0);
		return true;
	case OPTEE_SMC_GET_SHM_CONFIG:
		if (med->ready)
			answer(m, OPTEE_SMC_RETURN_OK, med->win_ipa + SYS_OPTEE_MEDIATOR_SIZE,
			       med->win_size - SYS_OPTEE_MEDIATOR_SIZE, OPTEE_SMC_SHM_CACHED);
		else
			answer(m, OPTEE_SMC_RETURN_ENOTAVAIL, 0, 0, 0);
		return true;
	case OPTEE_SMC_ENABLE_SHM_CACHE:
		answer(m, OPTEE_SMC_RETURN_OK, 0, 0, 0);
		return true;
	case OPTEE_SMC_DISABLE_SHM_CACHE:
		/* "No cached buffer left": anything else keeps Linux's loop (and its shutdown)
		 * going. */
		answer(m, OPTEE_SMC_RETURN_ENOTAVAIL, 0, 0, 0);
		return true;
	default:
		return false;
	}
}

/* ---- threads and sessions ----------------------------------------------------------------- */

static struct optee_msg_arg *msg_of(struct optee_med_thread *t)
{
	return (struct optee_msg_arg *)(void *)t->msg;
}

static unsigned thread_id(const struct optee_mediator *med, const struct optee_med_thread *t)
{
	return (unsigned)(t - med->threads);
}

static uint32_t slot_offset(const struct optee_mediator *med, const struct optee_med_thread *t)
{
	return thread_id(med, t) * OPTEE_MED_SLOT_SIZE;
}

/* The call's slot in the mediator page: nshyp's and the TEEs', never the guest's. */
static struct optee_msg_arg *slot_of(const struct optee_mediator *med,
				     const struct optee_med_thread *t)
{
	return (struct optee_msg_arg *)(uintptr_t)(med->win_pa + slot_offset(med, t));
}

static struct optee_med_thread *thread_new(struct optee_mediator *med)
{
	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++) {
		struct optee_med_thread *t = &med->threads[i];

		if (t->state == OPTEE_MED_FREE) {
			memset(t, 0, sizeof(*t));
			t->state = OPTEE_MED_BUSY;
			t->session = NO_SESSION;
			return t;
		}
	}
	return 0;
}

static bool in_flight(const struct optee_med_thread *t)
{
	return t->state != OPTEE_MED_FREE && t->state != OPTEE_MED_BUSY;
}

static struct optee_med_session *session_find(struct optee_mediator *med, uint32_t id, bool open)
{
	for (unsigned i = 0; id && i < OPTEE_MED_SESSIONS; i++)
		if (med->sessions[i].id == id && (med->sessions[i].open || !open))
			return &med->sessions[i];
	return 0;
}

/* A new guest-visible session ID: never 0, never one in use (at most 32 are). */
static uint32_t session_new_id(struct optee_mediator *med)
{
	uint32_t id;

	do
		id = ++med->next_session;
	while (!id || session_find(med, id, false));
	return id;
}

/* Reserve an entry for an OPEN_SESSION in flight; its index, or NO_SESSION at the quota. */
static int session_reserve(struct optee_mediator *med)
{
	for (int i = 0; i < OPTEE_MED_SESSIONS; i++) {
		if (!med->sessions[i].id) {
			med->sessions[i] = (struct optee_med_session){ .id = session_new_id(med) };
			return i;
		}
	}
	return NO_SESSION;
}

/* The call is over. `release`: the session it reserved or closed goes (if still that one). */
static void thread_end(struct optee_mediator *med, struct optee_med_thread *t, bool release)
{
	struct optee_med_session *s = t->session != NO_SESSION ? &med->sessions[t->session] : 0;

	if (release && s && s->id == t->sid)
		memset(s, 0, sizeof(*s));
	memset(t, 0, sizeof(*t));
}

/* ---- checking an argument ----------------------------------------------------------------- */

/* Copy the guest's argument at `ipa` into the thread, each byte once; an OP-TEE SMC error or 0. */
static uint32_t fetch_arg(struct optee_mediator *med, uint64_t ipa, struct optee_med_thread *t)
{
	uint64_t lo = med->win_ipa + SYS_OPTEE_MEDIATOR_SIZE, hi = med->win_ipa + med->win_size;
	struct optee_msg_arg *a = msg_of(t);
	const uint8_t *src;
	uint64_t len;

	if (ipa % 8 || ipa < lo || ipa >= hi || hi - ipa < sizeof(*a))
		return OPTEE_SMC_RETURN_EBADADDR;
	t->arg_pa = med->win_pa + (ipa - med->win_ipa);
	src = (const uint8_t *)(uintptr_t)t->arg_pa;
	arch_dcache_clean_inval(src, sizeof(*a)); /* written with caches off? */
	memcpy(a, src, sizeof(*a));
	/* More parameters than a slot holds (Linux sends at most 6): not an argument we take. */
	if (a->num_params > OPTEE_MED_MAX_PARAMS)
		return OPTEE_SMC_RETURN_EBADADDR;
	len = OPTEE_MSG_GET_ARG_SIZE(a->num_params);
	if (hi - ipa < len)
		return OPTEE_SMC_RETURN_EBADADDR;
	arch_dcache_clean_inval(src + sizeof(*a), len - sizeof(*a));
	memcpy(a->params, src + sizeof(*a), len - sizeof(*a));
	return 0;
}

/* One client parameter, checked; a TMEM memref becomes FMEM (offset in the share). */
static bool client_param(const struct optee_mediator *med, struct optee_msg_param *p)
{
	uint64_t type = p->attr, lo = med->win_ipa + SYS_OPTEE_MEDIATOR_SIZE;
	uint64_t hi = med->win_ipa + med->win_size, buf, size;

	/* Only the type: no META, no NONCONTIG (no dynamic shared memory), no cache attributes. */
	switch (type) {
	case OPTEE_MSG_ATTR_TYPE_NONE:
		memset(&p->u, 0, sizeof(p->u));
		return true;
	case OPTEE_MSG_ATTR_TYPE_VALUE_INPUT:
	case OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT:
	case OPTEE_MSG_ATTR_TYPE_VALUE_INOUT:
		return true;
	case OPTEE_MSG_ATTR_TYPE_TMEM_INPUT:
	case OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT:
	case OPTEE_MSG_ATTR_TYPE_TMEM_INOUT:
		break;
	default: /* RMEM: nothing can be registered without DYNAMIC_SHM */
		return false;
	}
	buf = p->u.tmem.buf_ptr;
	size = p->u.tmem.size;
	memset(&p->u, 0, sizeof(p->u));
	p->attr = type - 4; /* the FMEM type of the same direction */
	p->u.fmem.size = size;
	if (!buf) { /* a NULL memref (OPTEE_SMC_SEC_CAP_MEMREF_NULL) */
		p->u.fmem.global_id = OPTEE_MSG_FMEM_INVALID_GLOBAL_ID;
		return true;
	}
	/* Wholly inside the guest's part of the window; never in the mediator page. */
	if (buf < lo || buf > hi || size > hi - buf)
		return false;
	optee_msg_fmem_set_offset(&p->u.fmem, buf - med->win_ipa);
	p->u.fmem.global_id = med->handle;
	return true;
}

static bool is_meta_value(const struct optee_msg_param *p)
{
	return p->attr == (OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
}

/* CANCEL of an OPEN_SESSION in flight (session 0): the TEE that has it now. */
static uint32_t route_cancel_open(struct optee_mediator *med, struct optee_med_thread *t)
{
	uint32_t cancel_id = msg_of(t)->cancel_id;

	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++) {
		struct optee_med_thread *o = &med->threads[i];

		if (in_flight(o) && msg_of(o)->cmd == OPTEE_MSG_CMD_OPEN_SESSION &&
		    msg_of(o)->cancel_id == cancel_id) {
			t->tee = o->tee;
			return 0;
		}
	}
	return ERR_BAD_PARAMETERS;
}

/* Which TEE serves the call, with the TEE's own session number; a TEEC error or 0. */
static uint32_t route(struct optee_mediator *med, struct optee_med_thread *t)
{
	struct optee_msg_arg *a = msg_of(t);
	struct optee_med_session *s;

	if (a->cmd == OPTEE_MSG_CMD_OPEN_SESSION) {
		if (!med->tee_count)
			return ERR_ITEM_NOT_FOUND;
		t->session = (int8_t)session_reserve(med);
		if (t->session == NO_SESSION)
			return ERR_OUT_OF_MEMORY;
		t->sid = med->sessions[t->session].id;
		t->tee = 0; /* then the next ones, in binding order */
		return 0;
	}
	if (a->cmd == OPTEE_MSG_CMD_CANCEL && a->session == 0)
		return route_cancel_open(med, t);
	/* Only a session this guest opened here, and only to the TEE that has it. */
	s = session_find(med, a->session, true);
	if (!s)
		return ERR_BAD_PARAMETERS;
	t->tee = s->tee;
	a->session = s->real;
	if (a->cmd == OPTEE_MSG_CMD_CLOSE_SESSION) {
		t->session = (int8_t)(s - med->sessions);
		t->sid = s->id;
	}
	return 0;
}

/* Check the copy field by field and put it in FF-A form; a TEEC error (and origin) or 0. */
static uint32_t prepare(struct optee_mediator *med, struct optee_med_thread *t, uint32_t *origin)
{
	struct optee_msg_arg *a = msg_of(t);
	unsigned first = 0;

	*origin = OPTEE_MSG_ORIGIN_COMMS;
	a->pad = 0;
	a->ret = 0;
	a->ret_origin = 0;
	switch (a->cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION:
		/* The TA's UUID and the client's login and identity: to the TEE unchanged. */
		first = OPTEE_MSG_OPEN_SESSION_META_PARAMS;
		if (a->num_params < first || !is_meta_value(&a->params[0]) ||
		    !is_meta_value(&a->params[1]))
			return ERR_BAD_PARAMETERS;
		a->session = 0;
		break;
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		break;
	case OPTEE_MSG_CMD_CLOSE_SESSION:
	case OPTEE_MSG_CMD_CANCEL:
		if (a->num_params)
			return ERR_BAD_PARAMETERS;
		break;
	default: /* REGISTER_SHM & co.: capabilities this mediator does not offer */
		return ERR_BAD_PARAMETERS;
	}
	if (a->num_params - first > OPTEE_MSG_MAX_CLIENT_PARAMS)
		return ERR_BAD_PARAMETERS;
	for (unsigned i = first; i < a->num_params; i++)
		if (!client_param(med, &a->params[i]))
			return ERR_BAD_PARAMETERS;
	*origin = OPTEE_MSG_ORIGIN_TEE;
	return route(med, t);
}

/* ---- results ------------------------------------------------------------------------------ */

/*
 * Write the results into the guest's argument: ret, ret_origin, the session of an opened one,
 * and (from the slot, when given) output values and output sizes. Nothing else: attributes,
 * addresses and cookies stay as the guest wrote them, whatever the TEE put in the slot.
 */
static void write_back(struct optee_med_thread *t, const struct optee_msg_arg *slot, uint32_t ret,
		       uint32_t origin, uint32_t session)
{
	const struct optee_msg_arg *a = msg_of(t);
	struct optee_msg_arg *ga = (struct optee_msg_arg *)(uintptr_t)t->arg_pa;

	ga->ret = ret;
	ga->ret_origin = origin;
	if (session)
		ga->session = session;
	for (unsigned i = 0; slot && i < a->num_params; i++) {
		switch (a->params[i].attr) {
		case OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_VALUE_INOUT:
			ga->params[i].u.value = slot->params[i].u.value;
			break;
		case OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT:
		case OPTEE_MSG_ATTR_TYPE_FMEM_INOUT:
			ga->params[i].u.tmem.size = slot->params[i].u.fmem.size;
			break;
		default:
			break;
		}
	}
	arch_dcache_clean_inval(ga, OPTEE_MSG_GET_ARG_SIZE(a->num_params)); /* caches off? */
}

/* The call ends without the TEE's results: the error goes into the argument, a0 = OK. */
static void fail(struct optee_mediator *med, struct optee_med_thread *t, uint32_t ret,
		 uint32_t origin, struct ffa_value *m)
{
	write_back(t, 0, ret, origin, 0);
	thread_end(med, t, true);
	answer(m, OPTEE_SMC_RETURN_OK, 0, 0, 0);
}

/* Does this guest have another call in flight on the TEE of `t`? */
static bool other_call_on_tee(const struct optee_mediator *med, const struct optee_med_thread *t)
{
	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++)
		if (&med->threads[i] != t && in_flight(&med->threads[i]) &&
		    med->threads[i].tee == t->tee)
			return true;
	return false;
}

/*
 * The call is not sent now: the guest gets RPC_FOREIGN_INTR with its thread and the call goes
 * to its TEE at its RETURN_FROM_RPC (state NEXT; RPC_FOREIGN_INTR again while the TEE is still
 * held). Used where the guest must not wait in nshyp and ETHREAD_LIMIT would make Linux wait
 * for one of its calls to *end*, which a call suspended in a long TEE_Wait delays for as long
 * (a CANCEL of that call too).
 */
static void send_later(struct optee_mediator *med, struct optee_med_thread *t, struct ffa_value *m)
{
	t->state = OPTEE_MED_NEXT;
	answer(m, OPTEE_SMC_RETURN_RPC_FOREIGN_INTR, 0, 0, thread_id(med, t));
}

/*
 * The TEE (w3) or the SPMC (FFA_ERROR) refused the call. BUSY before the TEE took it:
 *  - the partition is stopped in another call of this guest (preempted): that one is the
 *    guest's to resume, so this one is sent later (send_later());
 *  - another call of this guest is in flight there (the TOS has no room for another):
 *    ETHREAD_LIMIT, and Linux retries once one of its calls completes.
 * Otherwise (nothing of its own to wait for) a communication error.
 */
static void refused(struct optee_mediator *med, struct optee_med_thread *t, int32_t err,
		    struct ffa_value *m)
{
	if (err == FFA_RET_BUSY && !t->started && med_holds(med, med->tees[t->tee]))
		return send_later(med, t, m);
	if (err == FFA_RET_BUSY && !t->started && other_call_on_tee(med, t)) {
		/* Nothing happened: an OPEN_SESSION gives its reservation back, a CLOSE keeps it.
		 */
		thread_end(med, t, msg_of(t)->cmd == OPTEE_MSG_CMD_OPEN_SESSION);
		answer(m, OPTEE_SMC_RETURN_ETHREAD_LIMIT, 0, 0, 0);
		return;
	}
	fail(med, t, ERR_COMMUNICATION, OPTEE_MSG_ORIGIN_COMMS, m);
}

/* DONE: results from the slot into the guest's argument; an opened session gets its ID. */
static void complete(struct optee_mediator *med, struct optee_med_thread *t, struct ffa_value *m)
{
	const struct optee_msg_arg *slot = slot_of(med, t);
	uint32_t ret = slot->ret, origin = slot->ret_origin, session = 0;

	if (msg_of(t)->cmd == OPTEE_MSG_CMD_OPEN_SESSION && ret == 0) {
		struct optee_med_session *s = &med->sessions[t->session];

		s->real = slot->session;
		s->tee = t->tee;
		s->open = true;
		session = s->id;
		t->session = NO_SESSION; /* kept */
	}
	write_back(t, slot, ret, origin, session);
	thread_end(med, t, true);
	answer(m, OPTEE_SMC_RETURN_OK, 0, 0, 0);
}

/* The call's argument into its slot, and the request to its TEE. */
static struct ffa_value send(struct guest *g, struct optee_med_thread *t)
{
	struct optee_mediator *med = &g->optee;
	const struct optee_msg_arg *a = msg_of(t);

	memcpy(slot_of(med, t), a, OPTEE_MSG_GET_ARG_SIZE(a->num_params));
	return tee_request(g, med->tees[t->tee], OPTEE_FFA_YIELDING_CALL_WITH_ARG,
			   (uint32_t)med->handle, (uint32_t)(med->handle >> 32),
			   slot_offset(med, t), 0);
}

/* OPEN_SESSION: "no such TA here" (not the TA's own answer) moves on to the next TEE. */
static bool try_next_tee(struct optee_mediator *med, struct optee_med_thread *t)
{
	const struct optee_msg_arg *slot = slot_of(med, t);

	if (msg_of(t)->cmd != OPTEE_MSG_CMD_OPEN_SESSION || slot->ret != ERR_ITEM_NOT_FOUND ||
	    slot->ret_origin == OPTEE_MSG_ORIGIN_TRUSTED_APP || t->tee + 1u >= med->tee_count)
		return false;
	t->tee++;
	t->started = false;
	return true;
}

/* The call stays in flight: the guest takes its interrupt and resumes with RETURN_FROM_RPC. */
static void suspend(struct optee_mediator *med, struct optee_med_thread *t, uint8_t state,
		    struct ffa_value *m)
{
	t->state = state;
	t->started = true;
	answer(m, OPTEE_SMC_RETURN_RPC_FOREIGN_INTR, 0, 0, thread_id(med, t));
}

/* What the secure world answered for the call of `t`, into the guest's answer. */
static void outcome(struct guest *g, struct optee_med_thread *t, struct ffa_value r,
		    struct ffa_value *m)
{
	struct optee_mediator *med = &g->optee;

	for (;;) {
		ffa_id_t tee = med->tees[t->tee];

		if (preempted(&r, tee))
			return suspend(med, t, OPTEE_MED_PREEMPTED, m);
		if ((uint32_t)r.x[0] == FFA_ERROR)
			return refused(med, t, (int32_t)r.x[2], m);
		if (!answered(&r, g, tee))
			return fail(med, t, ERR_COMMUNICATION, OPTEE_MSG_ORIGIN_COMMS, m);
		if ((uint32_t)r.x[3])
			return refused(med, t, (int32_t)(uint32_t)r.x[3], m);
		if ((uint32_t)r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT) {
			t->resume = (uint32_t)r.x[7];
			return suspend(med, t, OPTEE_MED_SUSPENDED, m);
		}
		/* RPC_CMD (or anything else): this mediator serves no RPC. */
		if ((uint32_t)r.x[4] != OPTEE_FFA_YIELDING_CALL_RETURN_DONE)
			return fail(med, t, ERR_COMMUNICATION, OPTEE_MSG_ORIGIN_COMMS, m);
		if (!try_next_tee(med, t))
			return complete(med, t, m);
		if (nshyp_sp_busy_elsewhere(g, med->tees[t->tee]))
			return send_later(med, t, m); /* the next TEE is another guest's now */
		r = send(g, t);
	}
}

/* ---- yielding calls ----------------------------------------------------------------------- */

/* CALL_WITH_ARG: a1:a2 = the argument's address (IPA) in the guest's part of the window. */
static void call_with_arg(struct guest *g, struct ffa_value *m)
{
	struct optee_mediator *med = &g->optee;
	uint64_t ipa = (uint64_t)(uint32_t)m->x[1] << 32 | (uint32_t)m->x[2];
	struct optee_med_thread *t;
	uint32_t rc, origin;

	if (!med->ready)
		return answer(m, OPTEE_SMC_RETURN_ENOTAVAIL, 0, 0, 0);
	t = thread_new(med);
	if (!t) /* every slot holds a call in flight: one of them ends first */
		return answer(m, OPTEE_SMC_RETURN_ETHREAD_LIMIT, 0, 0, 0);
	rc = fetch_arg(med, ipa, t);
	if (rc) {
		thread_end(med, t, true);
		return answer(m, rc, 0, 0, 0);
	}
	rc = prepare(med, t, &origin);
	if (rc)
		return fail(med, t, rc, origin, m);
	if (tee_busy_elsewhere(g, med->tees[t->tee])) {
		/* A guest that holds a partition itself never waits (two guests could wait for
		 * each other): its call is sent later. */
		if (!g->waiting_for)
			return send_later(med, t, m);
		/* It waits in nshyp, its registers still its call, nothing happened: an
		 * OPEN_SESSION gives its reservation back, a CLOSE keeps it. */
		thread_end(med, t, msg_of(t)->cmd == OPTEE_MSG_CMD_OPEN_SESSION);
		return;
	}
	outcome(g, t, send(g, t), m);
}

/* RETURN_FROM_RPC: a3 = the thread of a call this guest has in flight. */
static void return_from_rpc(struct guest *g, struct ffa_value *m)
{
	struct optee_mediator *med = &g->optee;
	uint32_t id = (uint32_t)m->x[3];
	struct optee_med_thread *t = id < OPTEE_MED_THREADS ? &med->threads[id] : 0;
	ffa_id_t tee;
	struct ffa_value r;

	if (!med->ready || !t || !in_flight(t))
		return answer(m, OPTEE_SMC_RETURN_ERESUME, 0, 0, 0);
	tee = med->tees[t->tee];
	/* A new request (not the partition stopped in this call) may find the TEE held. */
	if ((t->state == OPTEE_MED_SUSPENDED || t->state == OPTEE_MED_NEXT) &&
	    tee_busy_elsewhere(g, tee)) {
		if (!g->waiting_for)
			answer(m, OPTEE_SMC_RETURN_RPC_FOREIGN_INTR, 0, 0, id);
		return;
	}
	if (t->state == OPTEE_MED_SUSPENDED)
		r = tee_request(g, tee, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, t->resume);
	else if (t->state == OPTEE_MED_NEXT)
		r = send(g, t);
	else if (t->state == OPTEE_MED_ANSWERED)
		r = t->answer;
	else
		r = run_partition(tee);
	t->state = OPTEE_MED_BUSY;
	outcome(g, t, r, m);
}

bool optee_mediator_call(struct guest *g, struct ffa_value *m)
{
	uint32_t id = smccc_fid_id(m->x[0]);

	if (!g->cfg->optee_shm_size)
		return false;
	if (fast_call(&g->optee, id, m))
		return true;
	if (id == OPTEE_SMC_CALL_WITH_ARG)
		call_with_arg(g, m);
	else if (id == OPTEE_SMC_CALL_RETURN_FROM_RPC)
		return_from_rpc(g, m);
	else
		smccc_answer(m, OPTEE_SMC_RETURN_UNKNOWN_FUNCTION); /* x0 only, as SMC_UNK */
	return true;
}
