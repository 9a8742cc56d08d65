/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reset vector: the first code on every core, from secure flash at 0. All
 * cores start here together on QEMU virt; secondaries park until SMP support
 * (PSCI CPU_ON) lands. The primary gets a stack in secure RAM, a known
 * SCTLR_EL3, a panic vector table, zeroed bss, then runs boot_main().
 */
#include <arch/asm.h>
#include <plat/plat_def.h>

	.section .text.entry, "ax"
FUNC(boot_entry)
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	cbz	x0, 1f
0:	wfe
	b	0b
1:	ldr	x0, =0x30c50830 /* SCTLR_EL3 RES1 bits; MMU, caches, alignment checks off */
	msr	sctlr_el3, x0
	msr	cptr_el3, xzr /* SIMD for SHA-256 (sha256_ce.S); the monitor sets its own */
	isb
	adr	x0, boot_vectors
	msr	vbar_el3, x0
	ldr	x0, =PLAT_BOOT_RAM_BASE + PLAT_BOOT_RAM_SIZE
	mov	sp, x0
	zero_bss
	bl	boot_main
	b	.
END(boot_entry)

/* Boot takes no exceptions; any exception is a bug: report it and stop. */
	.balign 0x800
boot_vectors:
	.rept 16
	.balign 0x80
	b	boot_exception
	.endr
