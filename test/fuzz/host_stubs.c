// SPDX-License-Identifier: BSD-3-Clause
/* Host versions of the firmware's console and panic for the fuzz targets and host tests. */
#include "host_guests.h"
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

/*
 * VM-to-VM messages (vm_msg.c) ask nshyp.c for guests by VM ID and park or unpark them: on the
 * host, a test registers its guests here and reads back their scheduling state.
 */
struct host_guest host_guests[HOST_GUESTS];
unsigned host_guest_count;
struct guest *nshyp_guest_by_id(ffa_id_t id);
bool nshyp_guest_live(const struct guest *g);
void nshyp_guest_block(struct guest *g);
void nshyp_guest_unblock(struct guest *g);

static struct host_guest *host_guest_of(const struct guest *g)
{
	for (unsigned i = 0; i < host_guest_count; i++)
		if (host_guests[i].g == g)
			return &host_guests[i];
	return NULL;
}

struct guest *nshyp_guest_by_id(ffa_id_t id)
{
	for (unsigned i = 0; i < host_guest_count; i++)
		if (host_guests[i].id == id)
			return host_guests[i].g;
	return NULL;
}

bool nshyp_guest_live(const struct guest *g)
{
	struct host_guest *h = host_guest_of(g);

	return h && !h->ended;
}

void nshyp_guest_block(struct guest *g)
{
	struct host_guest *h = host_guest_of(g);

	if (h)
		h->blocked = true;
}

void nshyp_guest_npi(struct guest *g);
void nshyp_guest_npi(struct guest *g)
{
	struct host_guest *h = host_guest_of(g);

	if (h)
		h->npis++;
}

void nshyp_guest_unblock(struct guest *g)
{
	struct host_guest *h = host_guest_of(g);

	if (h)
		h->blocked = false;
}
