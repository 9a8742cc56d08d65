/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The measured-boot event log (docs/secure-boot.md): boot writes it at
 * PLAT_EVLOG_BASE in secure RAM before anything it loaded runs, one entry for
 * its own image, the system description, each signer key and each image it
 * loads; everything after boot only reads it (the SPMC maps it read-only and
 * the attestation service names its entries in tokens: docs/attestation.md).
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

_Static_assert(sizeof(struct evlog_entry) == 56, "include/abi/evlog.h");
_Static_assert(sizeof(struct evlog) == 8 + 56 * EVLOG_MAX, "include/abi/evlog.h");

#endif /* ABI_EVLOG_H */
