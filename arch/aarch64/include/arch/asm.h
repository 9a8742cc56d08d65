/* SPDX-License-Identifier: BSD-3-Clause */
/* Assembler helpers. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define FUNC(name)                                                                                 \
	.global name;                                                                              \
	.type name, % function;                                                                    \
	name:

#define END(name) .size name, .- name

#ifdef __ASSEMBLER__
/* clang-format off */
/* Zero [__bss_start, __bss_end) (8-byte aligned by every linker script). Clobbers x0, x1. */
.macro zero_bss
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
.Lzero_bss_loop\@:
	cmp	x0, x1
	b.hs	.Lzero_bss_done\@
	str	xzr, [x0], #8
	b	.Lzero_bss_loop\@
.Lzero_bss_done\@:
.endm

/* sp = top of this CPU's stack in \stacks[cpus][\size] (CPU index = MPIDR Aff0). Clobbers x0-x2. */
.macro percpu_stack stacks, size
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	add	x0, x0, #1
	ldr	x1, =\stacks
	mov	x2, #\size
	madd	x1, x0, x2, x1
	mov	sp, x1
.endm
/* clang-format on */
#endif

#endif /* ARCH_ASM_H */
