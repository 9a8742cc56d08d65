/* SPDX-License-Identifier: BSD-3-Clause */
/* Arm PL011 UART, transmit only (polled). */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stddef.h>
#include <stdint.h>

/* Transmit the n bytes at s, waiting while the FIFO is full. */
void pl011_write(uintptr_t base, const char *s, size_t n);

#endif
