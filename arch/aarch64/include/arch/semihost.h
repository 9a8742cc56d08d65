/* SPDX-License-Identifier: BSD-3-Clause */
/* Semihosting exit (QEMU -semihosting): ends the run with a status. */
#ifndef ARCH_SEMIHOST_H
#define ARCH_SEMIHOST_H

__attribute__((noreturn)) void arch_semihost_exit(int code);

#endif
