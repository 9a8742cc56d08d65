// SPDX-License-Identifier: BSD-3-Clause
/*
 * Bare-metal test guest (NS-EL1). One image serves every guest; the system
 * description's boot argument picks a scenario. The demo: ask nshyp for our
 * VM ID, send one FF-A direct request to each TEE, print what came back
 * (or the error), and power off through the virtual PSCI.
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <abi/scenario.h>
#include <abi/smccc.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <lib/smccc_probe.h>
#include <payload/fault_probe.h>
#include <plat/plat_def.h>

#include "guest.h"

void payload_main(uint64_t scenario, uint64_t first_counter);
void payload_exception(uint64_t esr, uint64_t elr, uint64_t far);

static const ffa_id_t tees[] = { 0x8001, 0x8002 };
static char tag[16] = "N guest";

static struct ffa_value call1(uint64_t fid, uint64_t a1)
{
	struct ffa_value v = { { fid, a1 } };
	return arch_hvc(v);
}

/* "N guest<VM ID>", the ID in decimal. */
static void set_tag(ffa_id_t id)
{
	char digits[6];
	int n = 0, at = 7;

	do {
		digits[n++] = (char)('0' + id % 10);
		id /= 10;
	} while (id);
	while (n)
		tag[at++] = digits[--n];
	tag[at] = 0;
}

void panic_exit(void)
{
	for (;;)
		call1(PSCI_SYSTEM_OFF, 0);
}

void payload_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	panic("exception at EL1: ESR 0x%lx ELR 0x%lx FAR 0x%lx", (unsigned long)esr,
	      (unsigned long)elr, (unsigned long)far);
}

static const char *ffa_error_name(int32_t e)
{
	static const char *const names[] = { "?",	  "NOT_SUPPORTED", "INVALID_PARAMETERS",
					     "NO_MEMORY", "BUSY",	   "INTERRUPTED",
					     "DENIED",	  "RETRY",	   "ABORTED" };

	return (e < 0 && e >= -8) ? names[-e] : "?";
}

static void message_tee(ffa_id_t self, ffa_id_t tee, uint32_t n)
{
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, tee), 0, n } };
	struct ffa_value resp = arch_hvc(req);

	if ((uint32_t)resp.x[0] == FFA_ERROR) {
		int32_t e = (int32_t)resp.x[2];
		printk("TEE 0x%x refused: FFA_ERROR %s (%d)\n", tee, ffa_error_name(e), e);
		return;
	}
	if (!ffa_is_direct_resp(resp.x[0])) {
		printk("TEE 0x%x: unexpected reply 0x%lx\n", tee, (unsigned long)resp.x[0]);
		return;
	}
	printk("TEE 0x%x answered %u*%u = %lu, sender ID it saw: 0x%lx (from 0x%x)\n", tee, n, n,
	       (unsigned long)resp.x[3], (unsigned long)resp.x[4], ffa_msg_sender(resp.x[1]));
}

/* Read memory that is not ours: nshyp injects an external abort, which the probe catches. */
#define TOUCH_REPEATS 300u

static void touch(const char *what, uint64_t ipa)
{
	struct fault_probe f;
	unsigned aborts = 0;
	uint64_t v;

	printk("test: reading %s at 0x%lx\n", what, (unsigned long)ipa);
	v = fault_probe_load(ipa, 0, &f);
	if (!f.esr) {
		printk("read 0x%lx (isolation failed!)\n", (unsigned long)v);
		return;
	}
	printk("external abort at EL1: %s (ESR 0x%lx FAR 0x%lx), nothing read; carrying on\n",
	       fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, ipa, false) ? "as expected" : "WRONG",
	       (unsigned long)f.esr, (unsigned long)f.far);
	/* A flood of them: nshyp's console lines about it stay rate-limited. */
	for (unsigned i = 0; i < TOUCH_REPEATS; i++)
		aborts += fault_probe_load(ipa, 0, &f) == 0 &&
			  fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, ipa, false);
	printk("%u more reads: %u external aborts\n", TOUCH_REPEATS, aborts);
}

/*
 * The same with a vector table in memory that is not ours either: the injected abort's vector
 * cannot be fetched, so nshyp stops the guest (its EL1 cannot take it).
 */
static void touch_without_vectors(const char *what, uint64_t ipa)
{
	printk("test: VBAR_EL1 at 0x%lx, then reading %s at 0x%lx\n", (unsigned long)ipa, what,
	       (unsigned long)ipa);
	write_sysreg(vbar_el1, ipa);
	isb();
	printk("read 0x%lx (isolation failed!)\n",
	       (unsigned long)*(volatile uint64_t *)(uintptr_t)ipa);
}

void payload_main(uint64_t scenario, uint64_t first_counter)
{
	uint64_t boot_ticks = first_counter; /* read by the guest's first instruction */
	struct ffa_value id;
	ffa_id_t self;

	console_init(PLAT_UART_NS_BASE, tag);
	id = call1(FFA_ID_GET, 0);
	self = (ffa_id_t)id.x[2];
	set_tag(self);
	printk("guest VM %u running at EL%u (NS-EL1), normal world\n", self, arch_current_el());
	switch (scenario & 0xff) {
	case GUEST_STATE_CHECK:
		guest_state_check(self, (unsigned)(scenario >> 8));
		break;
	case GUEST_HOSTILE:
		guest_hostile(self, (unsigned)(scenario >> 8));
		break;
	case GUEST_TEEC_DEMO:
		guest_demo_app(self);
		call1(PSCI_SYSTEM_OFF, 0);
		break;
	case GUEST_TEEC_CONFORMANCE:
		guest_teec_conformance(self, (unsigned)(scenario >> 8) & 0xff);
		call1(PSCI_SYSTEM_OFF, 0);
		break;
	case GUEST_LEAK_PROBE:
		guest_leak_probe(self, (unsigned)(scenario >> 8) & 1);
		break;
	case GUEST_LIFECYCLE:
		guest_lifecycle((unsigned)(scenario >> 8));
		break;
	case GUEST_MEM:
		guest_mem_test(self, (unsigned)(scenario >> 8));
		break;
	case GUEST_S2_DRAIN:
		guest_s2_drain(self, (unsigned)(scenario >> 8));
		break;
	case GUEST_MEM_QUOTA:
		guest_mem_quota(self, (unsigned)(scenario >> 8) & 0xff);
		break;
	case GUEST_OPTEE_RAW:
		guest_optee_raw(self, (unsigned)(scenario >> 8));
		break;
	case GUEST_PRODUCT_PROBE:
		guest_product_probe(self);
		call1(PSCI_SYSTEM_OFF, 0);
		break;
	case GUEST_CONFORMANCE:
		guest_conformance(self, (unsigned)(scenario >> 8) & 0xff);
		break;
	case GUEST_ATTACKER:
		guest_attacker(self, (unsigned)(scenario >> 8) & 1);
		break;
	case GUEST_OPTEE_SMC:
		guest_optee_smc((unsigned)(scenario >> 8));
		break;
	case GUEST_SMCCC_REGS:
		guest_smccc_regs(self, 0x8001);
		break;
	case GUEST_STACK_SMASH:
		guest_stack_smash();
		break;
	case GUEST_PREEMPT:
		guest_preempt(self, (unsigned)(scenario >> 8) & 0xff);
		break;
	case GUEST_SCHED:
		guest_sched(self, scenario);
		break;
	case GUEST_VM_MSG:
		guest_vm_msg((unsigned)(scenario >> 8) & 0xff);
		break;
	case GUEST_VM_MEM:
		guest_vm_mem((unsigned)(scenario >> 8) & 0xff);
		break;
	case GUEST_INDIRECT:
		guest_indirect(self, (unsigned)(scenario >> 8) & 0xff);
		break;
	case GUEST_BENCH:
		guest_bench(self, scenario, boot_ticks);
		call1(PSCI_SYSTEM_OFF, 0);
		break;
	case GUEST_TOUCH_OTHER_GUEST:
		touch("another guest's memory", 0x40600000);
		break;
	case GUEST_TOUCH_SECURE:
		touch_without_vectors("secure RAM", PLAT_SEC_RAM_BASE);
		break;
	case GUEST_UNKNOWN_CALLS:
		smccc_probe_unknown();
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < sizeof(tees) / sizeof(tees[0]); i++)
		message_tee(self, tees[i], 7u + self * 10u + i);
	printk("done; PSCI SYSTEM_OFF\n");
	call1(PSCI_SYSTEM_OFF, 0);
	panic("SYSTEM_OFF returned");
}
