// SPDX-License-Identifier: BSD-3-Clause
/* The QEMU virt platform's console: its UARTs are PL011s (lib/print.c knows no driver). */
#include <drivers/pl011.h>
#include <lib/print.h>

/* No canary: console_attach() changes the stack protector's guard under it. */
__attribute__((no_stack_protector)) void console_init(uintptr_t uart_base, const char *tag)
{
	console_attach(pl011_write, uart_base, tag);
}
