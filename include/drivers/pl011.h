/* SPDX-License-Identifier: BSD-3-Clause */
/* Arm PL011 UART, transmit only (polled). */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stdint.h>

void pl011_putc(uintptr_t base, char c);

#endif
