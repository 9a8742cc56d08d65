/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The measured-boot event log (issue 14): boot records the measurement of every image it loads,
 * of the system description and of the keys that signed them; the SPMC reads it (read-only) and
 * the attestation service names it in its tokens. Written by boot, read by the SPMC
 * (docs/secure-boot.md, docs/attestation.md).
 */
#ifndef ABI_EVLOG_H
#define ABI_EVLOG_H

#include <stddef.h>
#include <stdint.h>

/* Measured-boot event log, written by boot into secure RAM, read-only for everything after. */
#define EVLOG_MAGIC 0x474c5645u /* "EVLG" */
#define EVLOG_MAX   48
struct evlog_entry {
	char name[16];	    /* package entry name, or "boot", "sysdesc", "key:<signer>" */
	uint8_t sha256[32]; /* measurement: SHA-256 of the bytes as loaded in RAM */
	uint32_t svn;	    /* security version (0 for keys) */
	uint16_t signer;    /* index of the signer that signed it (0 = platform) */
	uint16_t ffa_id;    /* the partition it belongs to, 0 if none */
};
struct evlog {
	uint32_t magic, count;
	struct evlog_entry e[EVLOG_MAX];
};

_Static_assert(sizeof(struct evlog_entry) == 56, "evlog entry layout");
_Static_assert(offsetof(struct evlog, e) == 8, "evlog header layout");

#endif /* ABI_EVLOG_H */
