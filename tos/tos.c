// SPDX-License-Identifier: BSD-3-Clause
/*
 * Trusted OS (S-EL1): one codebase, instantiated once per TEE in the system
 * description (its TAs and memory size come in the boot argument). It learns
 * its FF-A ID, turns its MMU on, registers the TAs it hosts, signals ready
 * with FFA_MSG_WAIT, then serves direct requests (docs/tos.md §1): framework
 * messages (a VM created or destroyed), the secure timer's interrupt
 * (FFA_INTERRUPT, ta_mgr.c) and the OP-TEE FF-A ABI
 * (optee_server.c), which answers a w3 it does not know with
 * FFA_RET_NOT_SUPPORTED in w3, as for any unknown OP-TEE function. The test
 * variant (tos_test) adds, through test_hooks.h, the test scenarios and the
 * diagnostic protocol of tos/test/; this file has no test code.
 */
#include <abi/ffa.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <plat/plat_def.h>

#include "mmu.h"
#include "optee_server.h"
#include "pages.h"
#include "ta_mgr.h"
#include "test_hooks.h"

extern char __text_end[], __image_end[];

void payload_main(uint64_t scenario, uint64_t first_counter);
void payload_exception(uint64_t esr, uint64_t elr, uint64_t far);

static char tag[16] = "S tee ????";

void panic_exit(void)
{
	/* Tell the SPMC we failed; it marks this partition aborted. */
	struct ffa_value err = ffa_error(FFA_RET_ABORTED);

	for (;;)
		arch_smc(err);
}

void payload_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	panic("exception at S-EL1: ESR 0x%lx ELR 0x%lx FAR 0x%lx", (unsigned long)esr,
	      (unsigned long)elr, (unsigned long)far);
}

static struct ffa_value ffa_call1(uint32_t fid)
{
	struct ffa_value v = { { fid } };
	return arch_smc(v);
}

static void set_tag(ffa_id_t id)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 4; i++)
		tag[6 + i] = hex[(id >> (12 - 4 * i)) & 0xf];
	console_set_tag(tag);
}

/*
 * A framework message (§18.3): the hypervisor (ID 0; the SPMC lets no one else send
 * one) says VM w5 was created (nothing to do) or destroyed (drop its calls, sessions
 * and shared memory). The answer is the framework response type with w3 = status.
 */
static void vm_availability(ffa_id_t self, ffa_id_t sender, struct ffa_value *m)
{
	uint32_t type = (uint32_t)m->x[2] & FFA_FWK_MSG_TYPE_MASK;
	ffa_id_t vm = (ffa_id_t)m->x[5];
	int32_t status = 0;

	if (sender != FFA_ID_HYPERVISOR ||
	    (type != FFA_FWK_VM_CREATED && type != FFA_FWK_VM_DESTROYED))
		status = FFA_RET_INVALID_PARAMETERS;
	else if (type == FFA_FWK_VM_DESTROYED) {
		optee_server_forget(self, vm);
		tos_test_forget(self, vm);
	}
	m->x[0] = FFA_MSG_SEND_DIRECT_RESP_32;
	m->x[1] = ffa_msg_ids(self, sender);
	m->x[2] = FFA_MSG_FLAG_FRAMEWORK | (type + 1);
	m->x[3] = (uint64_t)(int64_t)status;
	for (unsigned i = 4; i < 8; i++)
		m->x[i] = 0;
}

/* Turn the direct request in *m into its response, in place. */
static inline __attribute__((always_inline)) void answer(ffa_id_t self, struct ffa_value *m)
{
	ffa_id_t sender = ffa_msg_sender(m->x[1]);

	if (__builtin_expect(m->x[2] & FFA_MSG_FLAG_FRAMEWORK, 0))
		return vm_availability(self, sender, m);

	m->x[0] = (uint32_t)m->x[0] == FFA_MSG_SEND_DIRECT_REQ_64 ? FFA_MSG_SEND_DIRECT_RESP_64
								  : FFA_MSG_SEND_DIRECT_RESP_32;
	m->x[1] = ffa_msg_ids(self, sender);
	m->x[2] = 0;
	if (tos_test_request(self, sender, m))
		return;
	optee_server_handle(self, sender, m);
}

/*
 * Anything but a direct request: FFA_INTERRUPT (w2 = INTID) while we waited is the secure
 * timer's (ta_mgr.c); then wait for the next message. Out of line: the request loop stays
 * as it was for the message path's benchmarks.
 */
static __attribute__((noinline, cold)) struct ffa_value wait_next(const struct ffa_value *m)
{
	if ((uint32_t)m->x[0] == FFA_INTERRUPT)
		ta_mgr_interrupt((uint32_t)m->x[2]);
	return ffa_call1(FFA_MSG_WAIT);
}

/* MMU on over our window (size from the boot argument), the page pool, the hosted TAs. */
static void memory_init(uint64_t boot_arg)
{
	uint64_t size = (uint64_t)(TOS_ARG_MIB(boot_arg) ? TOS_ARG_MIB(boot_arg) : 1) << 20;
	uint64_t image_end = (uintptr_t)__image_end;

	mmu_init(PAYLOAD_BASE, size, (uintptr_t)__text_end);
	pages_init(image_end, PAYLOAD_BASE + size);
	printk("MMU on; %u KiB for TAs\n", pages_free_count() * 4);
	ta_mgr_init(TOS_ARG_TAS(boot_arg), (boot_arg & TOS_ARG_TIMER) != 0);
}

void payload_main(uint64_t boot_arg, uint64_t first_counter)
{
	(void)first_counter;
	struct ffa_value id = ffa_call1(FFA_ID_GET);
	ffa_id_t self = (ffa_id_t)id.x[2];
	struct ffa_value msg;

	console_init(PLAT_UART_S_BASE, "S tee");
	set_tag(self);
	printk("trusted OS instance 0x%x running at EL%u (S-EL1), secure world\n", self,
	       arch_current_el());
	tos_test_boot(self, boot_arg, answer);
	memory_init(boot_arg);
	msg = ffa_call1(FFA_MSG_WAIT);
	for (;;) {
		if (ffa_is_direct_req(msg.x[0])) {
			answer(self, &msg);
			arch_smc_inplace(&msg);
		} else {
			msg = wait_next(&msg);
		}
	}
}
