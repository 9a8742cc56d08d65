// SPDX-License-Identifier: BSD-3-Clause
/*
 * The guests' console. Guests now share the CPU in slices, and the Normal world has one UART:
 * a guest preempted in the middle of a line would leave half a line for the next guest to
 * continue. So a bare guest does not get the UART page in its stage 2 (Linux keeps its
 * PL011: it uses interrupts and more registers); its accesses trap
 * (stage-2 data aborts with a valid syndrome) and nshyp emulates the little of the PL011 a polled
 * console uses: UARTDR writes collect the characters of a line, which goes to the real UART whole,
 * at its newline (or when the buffer is full, or when the guest stops); UARTFR reads "transmit FIFO
 * empty"; other registers read as zero and ignore writes. The guest's lines carry the label it
 * prints itself.
 */
#include <drivers/pl011.h>
#include <plat/plat_def.h>

#include "nshyp.h"

#define UARTDR	    0x000
#define UARTFR	    0x018
#define UARTFR_TXFE (1u << 7)
#define UARTFR_RXFE (1u << 4)

/* ESR_EL2.ISS of a data abort: a valid syndrome (ISV), the register (SRT), a write (WnR). */
#define ISS_ISV(esr) (((esr) >> 24) & 1u)
#define ISS_SRT(esr) ((unsigned)((esr) >> 16) & 0x1fu)
#define ISS_WNR(esr) (((esr) >> 6) & 1u)

bool nshyp_vcons_owns(const struct sys_dev *d)
{
	return d->pa == PLAT_UART_NS_BASE;
}

void nshyp_vcons_flush(struct guest *g)
{
	if (!g->con.len)
		return;
	pl011_write(PLAT_UART_NS_BASE, g->con.buf, g->con.len);
	g->con.len = 0;
}

static void put(struct guest *g, char c)
{
	g->con.buf[g->con.len++] = c;
	if (c == '\n' || g->con.len == sizeof(g->con.buf))
		nshyp_vcons_flush(g);
}

bool nshyp_vcons_access(struct guest *g, struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t off = e->ipa - PLAT_UART_NS_BASE, esr = e->syndrome;
	unsigned rt = ISS_SRT(esr);

	if (!g->con.virtual || e->exec || e->ipa < PLAT_UART_NS_BASE || off >= PLAT_DEV_PAGE ||
	    !ISS_ISV(esr))
		return false;
	if (ISS_WNR(esr)) {
		if (off == UARTDR)
			put(g, rt == 31 ? 0 : (char)v->regs.x[rt]);
	} else if (rt != 31) {
		v->regs.x[rt] = off == UARTFR ? (UARTFR_TXFE | UARTFR_RXFE) : 0;
	}
	v->regs.elr += arch_trapped_insn_len(esr);
	return true;
}
