/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The stack protector's guard (lib/stack_protector.c): stack_guard_init() replaces the
 * build-time guard with a random one where the image can (EL2/EL3, FEAT_RNG). Call it once,
 * from a function that never returns, before any function with a canary is entered that
 * returns after it (console_init() does).
 */
#ifndef LIB_STACK_GUARD_H
#define LIB_STACK_GUARD_H

void stack_guard_init(void);

#endif
