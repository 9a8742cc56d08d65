/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uint64_t irq_ns_spin(uint64_t iterations): count down with every general register but x0
 * (the counter), sp and x18 holding a known value, then return how many of them changed. A
 * secure interrupt taken to EL3 in the middle stops this code anywhere in the loop; the
 * monitor must give every register back.
 */
#include <arch/asm.h>

.macro pattern reg, n
	movz	\reg, #(0x1000 + \n)
	movk	\reg, #0xa5a5, lsl #16
	movk	\reg, #(0x5a00 + \n), lsl #32
	movk	\reg, #0xc3c3, lsl #48
.endm

.macro check reg, n
	pattern	x18, \n
	cmp	\reg, x18
	cinc	x0, x0, ne
.endm

	.text
FUNC(irq_ns_spin)
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	.irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
	pattern	x\n, \n
	.endr
	.irp n, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	pattern	x\n, \n
	.endr
1:	subs	x0, x0, #1
	b.ne	1b
	.irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
	check	x\n, \n
	.endr
	.irp n, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	check	x\n, \n
	.endr
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
END(irq_ns_spin)
