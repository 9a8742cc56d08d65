/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Erase one sector of secure flash and program words into it with CFI
 * (Intel/Sharp command set: QEMU virt's pflash0, two 16-bit devices
 * interleaved, so every command is written to both halves). While the flash
 * is in command mode it cannot be read as memory, so boot cannot execute
 * from it: this runs from RAM (section .ramfunc, copied there by
 * boot_rollback_update() before the call). Returns the CFI error bits (SR.4
 * program, SR.5 erase) seen, 0 on success; the flash is back in read-array
 * mode on return.
 *
 * uint32_t boot_flash_write(volatile uint32_t *sector, const uint32_t *src, size_t words)
 */
#include <arch/asm.h>

	.section .ramfunc, "ax"
	.balign	8
FUNC(boot_flash_write)
	mov	x9, x30
	mov	x6, xzr			/* error bits seen */
	mov	w4, #0x20		/* block erase, confirm */
	orr	w4, w4, w4, lsl #16
	str	w4, [x0]
	mov	w4, #0xd0
	orr	w4, w4, w4, lsl #16
	str	w4, [x0]
	bl	1f
	mov	x7, x0			/* program word by word */
2:	cbz	x2, 3f
	mov	w4, #0x40
	orr	w4, w4, w4, lsl #16
	str	w4, [x7]
	ldr	w5, [x1], #4
	str	w5, [x7], #4
	bl	1f
	sub	x2, x2, #1
	b	2b
3:	mov	w4, #0x50		/* clear status, back to read array */
	orr	w4, w4, w4, lsl #16
	str	w4, [x0]
	mov	w4, #0xff
	orr	w4, w4, w4, lsl #16
	str	w4, [x0]
	and	w0, w6, #0x00300030
	ret	x9
/* Wait until both devices are ready (SR.7); collect their error bits. (the caller's x30 is in x9) */
1:	ldr	w5, [x0]
	mov	w10, #0x80
	orr	w10, w10, w10, lsl #16
	and	w8, w5, w10
	cmp	w8, w10
	b.ne	1b
	orr	x6, x6, x5
	ret
END(boot_flash_write)
