// SPDX-License-Identifier: BSD-3-Clause
/*
 * A stand-alone FF-A partition, written the way a user outside the project
 * would: no Tessera headers or libraries, its own start-up, linked for IPA
 * 0x20000000 (not the built-in TEE's 0x10000000). It prints on the secure
 * UART, signals ready with FFA_MSG_WAIT and answers each direct request with
 * w3 + 1000. The system test builds it with the cross compiler and names
 * the raw binary in test/sys/systems/user_payload.c.
 */
#include <stdint.h>

#define UART 0x09040000ul

struct regs {
	uint64_t x[8];
};

static struct regs smc(struct regs in)
{
	register uint64_t x0 __asm__("x0") = in.x[0];
	register uint64_t x1 __asm__("x1") = in.x[1];
	register uint64_t x2 __asm__("x2") = in.x[2];
	register uint64_t x3 __asm__("x3") = in.x[3];
	register uint64_t x4 __asm__("x4") = in.x[4];
	register uint64_t x5 __asm__("x5") = in.x[5];
	register uint64_t x6 __asm__("x6") = in.x[6];
	register uint64_t x7 __asm__("x7") = in.x[7];

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6),
			   "+r"(x7)
			 :
			 : "memory");
	return (struct regs){ { x0, x1, x2, x3, x4, x5, x6, x7 } };
}

static void puts_uart(const char *s)
{
	for (; *s; s++)
		*(volatile uint32_t *)UART = (uint32_t)*s;
}

static void put_hex(uint64_t v)
{
	for (int i = 12; i >= 0; i -= 4)
		*(volatile uint32_t *)UART = (uint32_t) "0123456789abcdef"[(v >> i) & 0xf];
}

void user_main(void);

void user_main(void)
{
	struct regs id = smc((struct regs){ { 0x84000069 } }); /* FFA_ID_GET */
	struct regs msg;

	puts_uart("S user SP: hello from a user-supplied partition, ID 0x");
	put_hex(id.x[2]);
	puts_uart("\r\n");
	msg = smc((struct regs){ { 0x8400006b } }); /* FFA_MSG_WAIT */
	for (;;) {
		uint64_t ids = ((msg.x[1] & 0xffff) << 16) | (msg.x[1] >> 16 & 0xffff);

		if ((uint32_t)msg.x[0] != 0x8400006f) { /* not FFA_MSG_SEND_DIRECT_REQ_32 */
			msg = smc((struct regs){ { 0x8400006b } });
			continue;
		}
		msg = smc((struct regs){ { 0x84000070, ids, 0, msg.x[3] + 1000 } });
	}
}

__asm__(".section .text.start, \"ax\"\n"
	".global _start\n"
	"_start:\n"
	"	ldr x0, =0x20010000\n" /* stack at the top of its first 64 KiB */
	"	mov sp, x0\n"
	"	bl user_main\n"
	"	b .\n");
