// SPDX-License-Identifier: BSD-3-Clause
/*
 * System calls of TAs (svc #0 from S-EL0; numbers and arguments in
 * tos/include/tos/ta_abi.h). Every pointer a TA passes is checked against
 * its own page tables (present, user-accessible, writable when written)
 * before the kernel touches the page through its own mapping; a request
 * the kernel cannot make sense of kills the TA, never the TOS.
 */
#include <lib/print.h>
#include <lib/string.h>
#include <tee_api_defines.h>

#include "arch.h"
#include "attest.h"
#include "pages.h"
#include "syscall.h"

#define LOG_MAX 256

/* Copy between the kernel and user [va, va + len); false if any byte is not accessible. */
static bool user_copy(const struct uspace *as, uint64_t va, void *k, uint64_t len, bool to_user)
{
	uint8_t *p = k;

	while (len) {
		uint64_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1)), ka;

		chunk = chunk < len ? chunk : len;
		ka = uspace_page_addr(as, va, chunk, to_user);
		if (!ka)
			return false;
		if (to_user)
			memcpy((void *)(uintptr_t)ka, p, chunk);
		else
			memcpy(p, (const void *)(uintptr_t)ka, chunk);
		va += chunk;
		p += chunk;
		len -= chunk;
	}
	return true;
}

static bool user_range_ok(const struct uspace *as, uint64_t va, uint64_t len, bool write)
{
	if (va + len < va)
		return false;
	while (len) {
		uint64_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));

		chunk = chunk < len ? chunk : len;
		if (!uspace_page_addr(as, va, chunk, write))
			return false;
		va += chunk;
		len -= chunk;
	}
	return true;
}

static uint64_t sys_log(struct ta_instance *in, uint64_t va, uint64_t len)
{
	char buf[LOG_MAX + 1];

	if (len > LOG_MAX)
		len = LOG_MAX;
	if (!user_copy(&in->as, va, buf, len, false))
		return TEE_ERROR_ACCESS_DENIED;
	buf[len] = 0;
	for (uint64_t i = 0; i < len; i++)
		if ((buf[i] < 0x20 && buf[i] != '\n') || buf[i] == 0x7f)
			buf[i] = '.'; /* no escape sequences from a TA on our console */
	printk("TA %s: %s%s", in->head->name, buf, len && buf[len - 1] == '\n' ? "" : "\n");
	return TEE_SUCCESS;
}

/* Time since boot from the generic counter: x0 seconds, x1 milliseconds. */
static void sys_time(struct ta_instance *in)
{
	uint64_t freq = tos_arch_counter_freq(), now = tos_arch_counter();

	in->ctx.x[0] = now / freq;
	in->ctx.x[1] = (now % freq) * 1000 / freq;
}

static uint64_t sys_random(struct ta_instance *in, uint64_t va, uint64_t len)
{
	if (!user_range_ok(&in->as, va, len, true))
		return TEE_ERROR_ACCESS_DENIED;
	while (len) {
		uint64_t v = tos_arch_random(), n = len < 8 ? len : 8;

		user_copy(&in->as, va, &v, n, true);
		va += n;
		len -= n;
	}
	return TEE_SUCCESS;
}

static bool cancelled(const struct tee_call *c)
{
	return c->cancelled && c->sess && !c->sess->cancel_mask;
}

static uint64_t sys_cancel(struct tee_call *c, uint64_t op)
{
	bool old;

	if (!c->sess)
		return op == TA_CANCEL_GET ? 0 : 1;
	old = c->sess->cancel_mask;
	if (op == TA_CANCEL_UNMASK)
		c->sess->cancel_mask = false;
	else if (op == TA_CANCEL_MASK)
		c->sess->cancel_mask = true;
	else
		return cancelled(c);
	return old;
}

static bool overlaps_bounce(uint64_t va, uint64_t len)
{
	return va < TA_VA_BOUNCE + TA_VA_BOUNCE_MAX && TA_VA_BOUNCE < va + len;
}

/* TEE_CheckMemoryAccessRights: the TA's own pages; client memrefs need ANY_OWNER. */
static uint64_t sys_check_access(struct ta_instance *in, uint64_t flags, uint64_t va, uint64_t len)
{
	uint64_t known =
	    TEE_MEMORY_ACCESS_READ | TEE_MEMORY_ACCESS_WRITE | TEE_MEMORY_ACCESS_ANY_OWNER;

	if (flags & ~known)
		return TEE_ERROR_ACCESS_DENIED;
	if (len == 0)
		return TEE_SUCCESS;
	if (!user_range_ok(&in->as, va, len, flags & TEE_MEMORY_ACCESS_WRITE))
		return TEE_ERROR_ACCESS_DENIED;
	if (!(flags & TEE_MEMORY_ACCESS_ANY_OWNER) && overlaps_bounce(va, len))
		return TEE_ERROR_ACCESS_DENIED;
	return TEE_SUCCESS;
}

static uint64_t sys_client_id(struct ta_instance *in, struct tee_call *c, uint64_t va)
{
	struct ta_client_id id = { 0 };

	if (c->sess) {
		id.login = c->sess->login;
		id.endpoint = c->sess->caller;
		memcpy(id.uuid, c->sess->client_uuid, sizeof(id.uuid));
	}
	return user_copy(&in->as, va, &id, sizeof(id), true) ? TEE_SUCCESS
							     : TEE_ERROR_ACCESS_DENIED;
}

/* TEE_Attest (tos/attest.c): the arguments, the challenge and the token cross by copy. */
static uint64_t sys_attest(struct ta_instance *in, uint64_t va)
{
	static uint8_t token[ATTEST_TOKEN_MAX];
	uint8_t challenge[ATTEST_CHALLENGE_MAX];
	struct ta_attest_args a;
	size_t len;
	uint32_t res;

	if (!user_copy(&in->as, va, &a, sizeof(a), false))
		return TEE_ERROR_ACCESS_DENIED;
	if (a.challenge_len > sizeof(challenge))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!user_copy(&in->as, a.challenge, challenge, a.challenge_len, false))
		return TEE_ERROR_ACCESS_DENIED;
	res = tos_attest(in->head, in->blob_size, challenge, a.challenge_len, token, sizeof(token),
			 &len);
	if (res == TEE_SUCCESS && len > a.token_len)
		res = TEE_ERROR_SHORT_BUFFER;
	if (res == TEE_SUCCESS && !user_copy(&in->as, a.token, token, len, true))
		return TEE_ERROR_ACCESS_DENIED;
	a.token_len = len;
	if (!user_copy(&in->as, va, &a, sizeof(a), true))
		return TEE_ERROR_ACCESS_DENIED;
	return res;
}

/* TEE_Wait(ms): SYS_CONTINUE with the result in x0, or SYS_SUSPEND until resumed. */
static int sys_wait(struct ta_instance *in, struct tee_call *c, uint64_t ms)
{
	uint64_t freq = tos_arch_counter_freq();

	if (ms == 0) {
		in->ctx.x[0] = TEE_SUCCESS;
		return SYS_CONTINUE;
	}
	c->suspended_at = tos_arch_counter();
	c->deadline = ms == TEE_TIMEOUT_INFINITE ? UINT64_MAX : c->suspended_at + ms * freq / 1000;
	c->waiting = true;
	c->wait_expired = false;
	return syscall_wait_check(c);
}

bool syscall_wait_overdue(const struct tee_call *c)
{
	uint64_t limit = TOS_SUSPEND_DEADLINE_MS * tos_arch_counter_freq() / 1000;

	return c->waiting && tos_arch_counter() - c->suspended_at >= limit;
}

bool syscall_wait_due(const struct tee_call *c, uint64_t now)
{
	return c->deadline != UINT64_MAX && now >= c->deadline;
}

int syscall_wait_check(struct tee_call *c)
{
	struct ta_instance *in = c->inst;

	if (cancelled(c) || c->abandoned || c->evicted)
		in->ctx.x[0] = TEE_ERROR_CANCEL;
	else if (c->wait_expired || syscall_wait_due(c, tos_arch_counter()))
		in->ctx.x[0] = TEE_SUCCESS;
	else
		return SYS_SUSPEND;
	c->waiting = false;
	return SYS_CONTINUE;
}

int syscall_handle(struct ta_instance *in, struct tee_call *c)
{
	uint64_t *x = in->ctx.x;

	switch (x[8]) {
	case TA_SYS_RETURN:
		return SYS_DONE;
	case TA_SYS_LOG:
		x[0] = sys_log(in, x[0], x[1]);
		return SYS_CONTINUE;
	case TA_SYS_PANIC:
		printk("TA \"%s\" panicked (TEE_Panic 0x%x)\n", in->head->name, (uint32_t)x[0]);
		return SYS_KILL;
	case TA_SYS_GET_TIME:
		sys_time(in);
		return SYS_CONTINUE;
	case TA_SYS_WAIT:
		return sys_wait(in, c, (uint32_t)x[0]);
	case TA_SYS_RANDOM:
		x[0] = sys_random(in, x[0], x[1]);
		return SYS_CONTINUE;
	case TA_SYS_CANCEL:
		x[0] = sys_cancel(c, x[0]);
		return SYS_CONTINUE;
	case TA_SYS_CHECK_ACCESS:
		x[0] = sys_check_access(in, x[0], x[1], x[2]);
		return SYS_CONTINUE;
	case TA_SYS_CLIENT_ID:
		x[0] = sys_client_id(in, c, x[0]);
		return SYS_CONTINUE;
	case TA_SYS_ATTEST:
		x[0] = sys_attest(in, x[0]);
		return SYS_CONTINUE;
	default:
		printk("TA \"%s\": unknown system call %lu\n", in->head->name, (unsigned long)x[8]);
		return SYS_KILL;
	}
}
