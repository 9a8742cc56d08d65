// SPDX-License-Identifier: BSD-3-Clause
/* Arm PL011 UART: polled transmit. QEMU needs no set-up; hardware would want baud and LCR. */
#include <drivers/pl011.h>

#define UARTDR	    0x00
#define UARTFR	    0x18
#define UARTFR_TXFF (1u << 5)

void pl011_write(uintptr_t base, const char *s, size_t n)
{
	volatile uint32_t *fr = (volatile uint32_t *)(base + UARTFR);
	volatile uint32_t *dr = (volatile uint32_t *)(base + UARTDR);

	for (size_t i = 0; i < n; i++) {
		while (*fr & UARTFR_TXFF)
			;
		*dr = (uint32_t)(unsigned char)s[i];
	}
}
