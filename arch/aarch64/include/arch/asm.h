/* SPDX-License-Identifier: BSD-3-Clause */
/* Assembler helpers. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define FUNC(name)                                                                                 \
	.global name;                                                                              \
	.type name, % function;                                                                    \
	name:

#define END(name) .size name, .- name

#endif /* ARCH_ASM_H */
