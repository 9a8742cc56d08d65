/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SHA-256 compression with the Armv8 Cryptographic Extension (SHA256H,
 * SHA256H2, SHA256SU0/1), for boot's mbedTLS (MBEDTLS_SHA256_PROCESS_ALT:
 * mbedTLS 2.28 has no A64 path). About 1.3 instructions per byte against
 * about 20 for mbedTLS's C rounds: images are hashed as loaded, so this is
 * most of boot's hashing cost. Uses v0-v9 and v16-v31 and saves d8-d9, the
 * callee-saved part of them (boot's C is built -mgeneral-regs-only anyway).
 *
 * void boot_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks)
 */
#include <arch/asm.h>

	.arch	armv8-a+crypto
	.section .rodata.sha256_k, "a"
	.balign	16
sha256_k:
	.word 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
	.word 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
	.word 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
	.word 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
	.word 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
	.word 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
	.word 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
	.word 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2

/* Four rounds with schedule words \w (already + K in v4), then extend the schedule. */
.macro rounds4 wk, w0, w1, w2, w3, ext
	mov	v6.16b, v0.16b
	sha256h	q0, q1, \wk\().4s
	sha256h2 q1, q6, \wk\().4s
.if \ext
	sha256su0 \w0\().4s, \w1\().4s
	sha256su1 \w0\().4s, \w2\().4s, \w3\().4s
.endif
.endm

	.text
FUNC(boot_sha256_blocks)
	cbz	x2, 2f
	stp	d8, d9, [sp, #-16]!
	adrp	x3, sha256_k
	add	x3, x3, :lo12:sha256_k
	ld1	{v16.4s-v19.4s}, [x3], #64
	ld1	{v20.4s-v23.4s}, [x3], #64
	ld1	{v24.4s-v27.4s}, [x3], #64
	ld1	{v28.4s-v31.4s}, [x3]
	ld1	{v0.4s, v1.4s}, [x0]
1:	ld1	{v2.16b-v5.16b}, [x1], #64
	mov	v7.16b, v0.16b
	mov	v8.16b, v1.16b
	rev32	v2.16b, v2.16b
	rev32	v3.16b, v3.16b
	rev32	v4.16b, v4.16b
	rev32	v5.16b, v5.16b
	/* rounds 0-47: schedule extended as it goes */
	add	v9.4s, v2.4s, v16.4s
	rounds4	v9, v2, v3, v4, v5, 1
	add	v9.4s, v3.4s, v17.4s
	rounds4	v9, v3, v4, v5, v2, 1
	add	v9.4s, v4.4s, v18.4s
	rounds4	v9, v4, v5, v2, v3, 1
	add	v9.4s, v5.4s, v19.4s
	rounds4	v9, v5, v2, v3, v4, 1
	add	v9.4s, v2.4s, v20.4s
	rounds4	v9, v2, v3, v4, v5, 1
	add	v9.4s, v3.4s, v21.4s
	rounds4	v9, v3, v4, v5, v2, 1
	add	v9.4s, v4.4s, v22.4s
	rounds4	v9, v4, v5, v2, v3, 1
	add	v9.4s, v5.4s, v23.4s
	rounds4	v9, v5, v2, v3, v4, 1
	add	v9.4s, v2.4s, v24.4s
	rounds4	v9, v2, v3, v4, v5, 1
	add	v9.4s, v3.4s, v25.4s
	rounds4	v9, v3, v4, v5, v2, 1
	add	v9.4s, v4.4s, v26.4s
	rounds4	v9, v4, v5, v2, v3, 1
	add	v9.4s, v5.4s, v27.4s
	rounds4	v9, v5, v2, v3, v4, 1
	/* rounds 48-63 */
	add	v9.4s, v2.4s, v28.4s
	rounds4	v9, v2, v3, v4, v5, 0
	add	v9.4s, v3.4s, v29.4s
	rounds4	v9, v3, v4, v5, v2, 0
	add	v9.4s, v4.4s, v30.4s
	rounds4	v9, v4, v5, v2, v3, 0
	add	v9.4s, v5.4s, v31.4s
	rounds4	v9, v5, v2, v3, v4, 0
	add	v0.4s, v0.4s, v7.4s
	add	v1.4s, v1.4s, v8.4s
	subs	x2, x2, #1
	b.ne	1b
	st1	{v0.4s, v1.4s}, [x0]
	ldp	d8, d9, [sp], #16
2:	ret
END(boot_sha256_blocks)
