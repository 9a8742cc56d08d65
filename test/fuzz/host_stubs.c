// SPDX-License-Identifier: BSD-3-Clause
/* Host versions of the firmware's console and panic for the fuzz targets and host tests. */
#include <abi/ffa.h>
#include <lib/print.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

void printk(const char *fmt, ...)
{
	va_list ap;

	if (!getenv("TESSERA_FUZZ_VERBOSE"))
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void vprintk(const char *fmt, va_list ap)
{
	if (getenv("TESSERA_FUZZ_VERBOSE"))
		vprintf(fmt, ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort(); /* a panic reachable from input is a finding */
}

void console_init(uintptr_t uart_base, const char *tag)
{
	(void)uart_base;
	(void)tag;
}

/* nshyp's scheduler hooks around a stopped guest's resumes (nshyp.c): counted on the host. */
unsigned host_resume_begins, host_resume_preempted;
ffa_id_t host_busy_sp; /* the partition the host tests say is busy with another guest */
void nshyp_resume_begin(void);
void nshyp_resume_preempted(void);
struct guest;
bool nshyp_sp_busy_elsewhere(const struct guest *g, ffa_id_t sp);
bool nshyp_partition_release(ffa_id_t sp);
bool nshyp_may_wait(struct guest *g);

void nshyp_resume_begin(void)
{
	host_resume_begins++;
}

void nshyp_resume_preempted(void)
{
	host_resume_preempted++;
}

bool nshyp_sp_busy_elsewhere(const struct guest *g, ffa_id_t sp)
{
	(void)g;
	return sp && sp == host_busy_sp;
}

/* A wait never reaches its deadline on the host (nshyp.c keeps the time). */
bool nshyp_may_wait(struct guest *g)
{
	(void)g;
	return true;
}

bool nshyp_partition_release(ffa_id_t sp)
{
	(void)sp;
	return false;
}
