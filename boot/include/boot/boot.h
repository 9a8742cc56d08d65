/* SPDX-License-Identifier: BSD-3-Clause */
/* Boot's internal interfaces: fast copy/zero, the rollback store, refusal. */
#ifndef BOOT_BOOT_H
#define BOOT_BOOT_H

#include <boot/pkg_verify.h>
#include <stddef.h>
#include <stdint.h>

void boot_copy(void *dst, const void *src, size_t n);
void boot_zero(void *dst, size_t n);
__attribute__((noreturn)) void boot_refuse(const struct pkg_error *err);

/* The rollback store (boot/rollback.c): refuse a signer below its minimum; raise minima. */
void boot_rollback_check(const struct pkg_meta *m);
void boot_rollback_update(const struct pkg_meta *m);

#endif /* BOOT_BOOT_H */
