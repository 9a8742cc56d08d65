// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the TA system calls (tos/syscall.c) against a fake TA
 * address space: every call with good arguments and with the bad ones a
 * hostile TA could pass (unmapped, read-only for a write, kernel addresses,
 * ranges that wrap or cross into a hole, unknown flags, unknown numbers),
 * TEE_Wait's suspend / time-out / cancel decisions with a fake counter, the
 * cancellation mask, and the client identity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <lib/print.h>
#include <tee_api_defines.h>

#include "../../tos/arch.h"
#include "../../tos/pages.h"
#include "../../tos/syscall.h"

/* The fake address space: 6 pages from TA_VA_BASE, and one bounce page. */
#define NPAGES 6
enum {
	RO,
	RW,
	HOLE
};
static const int kind[NPAGES] = { RO, RW, RW, HOLE, RW, RO };
static uint8_t mem[NPAGES][4096] __attribute__((aligned(4096)));
static uint8_t bounce[4096] __attribute__((aligned(4096)));
static uint64_t now, random_calls;
static char last_log[512];

uint64_t uspace_page_addr(const struct uspace *as, uint64_t va, uint64_t len, bool write)
{
	uint64_t off = va & 4095;
	uint8_t *page = 0;

	if (len == 0 || len > 4096 - off)
		return 0;
	if (va >= TA_VA_BASE && va < TA_VA_BASE + NPAGES * 4096ull) {
		unsigned i = (unsigned)((va - TA_VA_BASE) / 4096);

		if (kind[i] == HOLE || (write && kind[i] == RO))
			return 0;
		page = mem[i];
	} else if (va >= TA_VA_BOUNCE && va < TA_VA_BOUNCE + 4096) {
		page = bounce;
	}
	return page ? (uint64_t)(uintptr_t)page + off : 0;
}

uint64_t tos_arch_counter(void)
{
	return now;
}

uint64_t tos_arch_counter_freq(void)
{
	return 1000; /* one tick per millisecond */
}

uint64_t tos_arch_random(void)
{
	return 0x0102030405060708ull + random_calls++;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_log, sizeof(last_log), fmt, ap);
	va_end(ap);
}

static const struct ta_head head = { .name = "fake" };
static struct ta_instance in;
static struct session sess;
static struct tee_call call;

static int setup(void **state)
{
	memset(&in, 0, sizeof(in));
	memset(&sess, 0, sizeof(sess));
	memset(&call, 0, sizeof(call));
	memset(mem, 0, sizeof(mem));
	in.head = &head;
	sess.cancel_mask = true;
	call.inst = &in;
	call.sess = &sess;
	now = 5000;
	return 0;
}

static int sys(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	in.ctx.x[8] = nr;
	in.ctx.x[0] = a0;
	in.ctx.x[1] = a1;
	in.ctx.x[2] = a2;
	return syscall_handle(&in, &call);
}

static uint64_t va(unsigned page, unsigned off)
{
	return TA_VA_BASE + page * 4096ull + off;
}

static void test_return_and_panic_and_unknown(void **state)
{
	assert_int_equal(sys(TA_SYS_RETURN, 0, 0x1234, 0), SYS_DONE);
	assert_int_equal(in.ctx.x[1], 0x1234); /* the session context stays for the caller */
	assert_int_equal(sys(TA_SYS_PANIC, 0xdead, 0, 0), SYS_KILL);
	assert_int_equal(sys(TA_SYS_COUNT, 0, 0, 0), SYS_KILL);
	assert_int_equal(sys(0xffffffffffffffffull, 0, 0, 0), SYS_KILL);
}

static void test_log(void **state)
{
	memcpy(mem[1] + 4090, "hello\x1b[2Jx", 11); /* crosses into page 2, an escape inside */
	assert_int_equal(sys(TA_SYS_LOG, va(1, 4090), 11, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_SUCCESS);
	assert_non_null(strstr(last_log, "TA fake: hello.[2Jx"));
	/* Read-only pages may be logged from; holes and kernel addresses may not. */
	memcpy(mem[0], "code", 4);
	assert_int_equal(sys(TA_SYS_LOG, va(0, 0), 4, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_SUCCESS);
	sys(TA_SYS_LOG, va(2, 4000), 200, 0); /* runs into the hole */
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	sys(TA_SYS_LOG, 0x10000000, 8, 0); /* the kernel's own image */
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	sys(TA_SYS_LOG, 0, 8, 0);
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	/* Long messages are cut, not overflowed. */
	memset(mem[1], 'a', 4096);
	assert_int_equal(sys(TA_SYS_LOG, va(1, 0), 5000, 0), SYS_CONTINUE);
	assert_true(strlen(last_log) < 300);
}

static void test_random(void **state)
{
	assert_int_equal(sys(TA_SYS_RANDOM, va(1, 4093), 13, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_SUCCESS);
	assert_int_equal(mem[1][4093], 0x08);
	assert_int_equal(mem[2][4], 0x01); /* 13 bytes across two pages */
	assert_int_equal(mem[2][5], 0x09); /* the second random word */
	memset(mem[2], 0, 64);
	sys(TA_SYS_RANDOM, va(0, 0), 16, 0); /* read-only */
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	sys(TA_SYS_RANDOM, va(2, 4090), 16, 0); /* into the hole: nothing written */
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(mem[2][4090], 0);
	sys(TA_SYS_RANDOM, va(1, 0), UINT64_MAX, 0); /* wraps */
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	sys(TA_SYS_RANDOM, 0x40000000, 8, 0); /* normal-world RAM */
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sys(TA_SYS_RANDOM, va(1, 0), 0, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_SUCCESS);
}

static void test_check_access(void **state)
{
	const uint64_t R = TEE_MEMORY_ACCESS_READ, W = TEE_MEMORY_ACCESS_WRITE,
		       ANY = TEE_MEMORY_ACCESS_ANY_OWNER;
	static const struct {
		uint64_t flags, va, len, want;
	} cases[] = {
		{ R, TA_VA_BASE, 4096, TEE_SUCCESS },
		{ R | W, TA_VA_BASE, 4, TEE_ERROR_ACCESS_DENIED },
		{ R | W, TA_VA_BASE + 4096, 8192, TEE_SUCCESS },
		{ R, TA_VA_BASE + 8192, 4097, TEE_ERROR_ACCESS_DENIED }, /* into the hole */
		{ R, 0, 1, TEE_ERROR_ACCESS_DENIED },
		{ R, TA_VA_BASE + 4096, UINT64_MAX, TEE_ERROR_ACCESS_DENIED },
		{ R, TA_VA_BASE, 0, TEE_SUCCESS },
		{ R | 0x100, TA_VA_BASE, 4, TEE_ERROR_ACCESS_DENIED }, /* unknown flag */
		{ R, TA_VA_BOUNCE, 16, TEE_ERROR_ACCESS_DENIED },      /* the client's memref */
		{ R | W | ANY, TA_VA_BOUNCE, 16, TEE_SUCCESS },
		{ R, 0x10000000, 16, TEE_ERROR_ACCESS_DENIED },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(
		    sys(TA_SYS_CHECK_ACCESS, cases[i].flags, cases[i].va, cases[i].len),
		    SYS_CONTINUE);
		if (in.ctx.x[0] != cases[i].want)
			fail_msg("case %u: 0x%llx", i, (unsigned long long)in.ctx.x[0]);
	}
}

static void test_time(void **state)
{
	now = 123456;
	assert_int_equal(sys(TA_SYS_GET_TIME, 0, 0, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], 123);
	assert_int_equal(in.ctx.x[1], 456);
}

static void test_wait_times_out(void **state)
{
	assert_int_equal(sys(TA_SYS_WAIT, 0, 0, 0), SYS_CONTINUE); /* zero: at once */
	assert_int_equal(in.ctx.x[0], TEE_SUCCESS);
	assert_int_equal(sys(TA_SYS_WAIT, 30, 0, 0), SYS_SUSPEND);
	assert_true(call.waiting);
	now += 29;
	assert_int_equal(syscall_wait_check(&call), SYS_SUSPEND);
	now += 1;
	assert_int_equal(syscall_wait_check(&call), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_SUCCESS);
	assert_false(call.waiting);
}

static void test_wait_cancel_needs_unmasking(void **state)
{
	assert_int_equal(sys(TA_SYS_WAIT, TEE_TIMEOUT_INFINITE, 0, 0), SYS_SUSPEND);
	call.cancelled = true;
	now += 1000000;
	/* Masked (the default): an infinite wait goes on, and the flag reads false. */
	assert_int_equal(syscall_wait_check(&call), SYS_SUSPEND);
	sys(TA_SYS_CANCEL, TA_CANCEL_GET, 0, 0);
	assert_int_equal(in.ctx.x[0], 0);
	sess.cancel_mask = false;
	assert_int_equal(syscall_wait_check(&call), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_ERROR_CANCEL);
	/* Already cancelled and unmasked: a new wait ends at once. */
	assert_int_equal(sys(TA_SYS_WAIT, 50, 0, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_ERROR_CANCEL);
}

static void test_wait_of_an_abandoned_call_ends_at_once(void **state)
{
	assert_int_equal(sys(TA_SYS_WAIT, TEE_TIMEOUT_INFINITE, 0, 0), SYS_SUSPEND);
	call.abandoned = true; /* masked or not, its caller is gone */
	assert_int_equal(syscall_wait_check(&call), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_ERROR_CANCEL);
	assert_int_equal(sys(TA_SYS_WAIT, 10, 0, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_ERROR_CANCEL);
}

static void test_cancel_mask(void **state)
{
	sys(TA_SYS_CANCEL, TA_CANCEL_UNMASK, 0, 0);
	assert_int_equal(in.ctx.x[0], 1); /* was masked */
	assert_false(sess.cancel_mask);
	sys(TA_SYS_CANCEL, TA_CANCEL_UNMASK, 0, 0);
	assert_int_equal(in.ctx.x[0], 0);
	call.cancelled = true;
	sys(TA_SYS_CANCEL, TA_CANCEL_GET, 0, 0);
	assert_int_equal(in.ctx.x[0], 1);
	sys(TA_SYS_CANCEL, TA_CANCEL_MASK, 0, 0);
	assert_int_equal(in.ctx.x[0], 0); /* was unmasked */
	sys(TA_SYS_CANCEL, TA_CANCEL_GET, 0, 0);
	assert_int_equal(in.ctx.x[0], 0);
	sys(TA_SYS_CANCEL, 77, 0, 0); /* unknown op: the flag, nothing changes */
	assert_true(sess.cancel_mask);
	/* Outside a session (create/destroy entry points): masked, never cancelled. */
	call.sess = 0;
	sys(TA_SYS_CANCEL, TA_CANCEL_UNMASK, 0, 0);
	assert_int_equal(in.ctx.x[0], 1);
	sys(TA_SYS_CANCEL, TA_CANCEL_GET, 0, 0);
	assert_int_equal(in.ctx.x[0], 0);
}

static void test_client_id(void **state)
{
	struct ta_client_id id;

	sess.login = TEE_LOGIN_APPLICATION;
	sess.caller = 0x8001;
	for (unsigned i = 0; i < 16; i++)
		sess.client_uuid[i] = (uint8_t)(0xa0 + i);
	assert_int_equal(sys(TA_SYS_CLIENT_ID, va(1, 4090), 0, 0), SYS_CONTINUE);
	assert_int_equal(in.ctx.x[0], TEE_SUCCESS);
	memcpy(&id, mem[1] + 4090, 6);
	memcpy((uint8_t *)&id + 6, mem[2], sizeof(id) - 6);
	assert_int_equal(id.login, TEE_LOGIN_APPLICATION);
	assert_int_equal(id.uuid[15], 0xaf);
	assert_int_equal(id.endpoint, 0x8001);
	sys(TA_SYS_CLIENT_ID, va(0, 0), 0, 0);
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
	sys(TA_SYS_CLIENT_ID, va(2, 4090), 0, 0); /* runs into the hole */
	assert_int_equal(in.ctx.x[0], TEE_ERROR_ACCESS_DENIED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_return_and_panic_and_unknown, setup),
		cmocka_unit_test_setup(test_log, setup),
		cmocka_unit_test_setup(test_random, setup),
		cmocka_unit_test_setup(test_check_access, setup),
		cmocka_unit_test_setup(test_time, setup),
		cmocka_unit_test_setup(test_wait_times_out, setup),
		cmocka_unit_test_setup(test_wait_cancel_needs_unmasking, setup),
		cmocka_unit_test_setup(test_wait_of_an_abandoned_call_ends_at_once, setup),
		cmocka_unit_test_setup(test_cancel_mask, setup),
		cmocka_unit_test_setup(test_client_id, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
