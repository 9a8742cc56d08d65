// SPDX-License-Identifier: BSD-3-Clause
/*
 * Role nshyp: the normal-world hypervisor at NS-EL2. Runs each guest of the
 * system description behind its own stage 2, gives it a virtual PSCI, answers
 * FFA_ID_GET with its VM ID, and forwards its FF-A direct requests to the
 * secure world stamped with that ID, after applying the binding policy. A
 * guest that faults (touches memory outside its stage 2) is stopped and
 * reported; the others run on. When every guest is done, nshyp powers off.
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <abi/smccc.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <hyp/vm.h>
#include <lib/print.h>
#include <plat/plat_def.h>

const bool hyp_role_secure = false;

extern const struct sys_vm nshyp_vms[];
extern const unsigned nshyp_vm_count;
extern const bool nshyp_skip_policy;

#define NSHYP_TABLES 64
static s2_table_t s2_tables[NSHYP_TABLES] __attribute__((aligned(4096), section(".bss.s2_tables")));
static struct s2_pool s2_pool = { s2_tables, NSHYP_TABLES, 0 };
static struct vm vms[SYS_MAX_VMS];

static bool may_call(const struct sys_vm *cfg, ffa_id_t sp)
{
	for (unsigned i = 0; i < cfg->allowed_sp_count; i++)
		if (cfg->allowed_sp[i] == sp)
			return true;
	return false;
}

static struct ffa_value value1(uint64_t x0)
{
	struct ffa_value v = { { x0 } };
	return v;
}

static struct ffa_value forward_direct_req(const struct sys_vm *cfg, struct ffa_value req)
{
	ffa_id_t receiver = ffa_msg_receiver(req.x[1]);

	/* The sender field must name the caller; nshyp never lets a guest speak for another. */
	if (ffa_msg_sender(req.x[1]) != cfg->vm_id)
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!nshyp_skip_policy && !may_call(cfg, receiver)) {
		printk("denied: %s may not call partition 0x%x (binding policy)\n", cfg->name,
		       receiver);
		return ffa_error(FFA_RET_DENIED);
	}
	req.x[1] = ffa_msg_ids(cfg->vm_id, receiver);
	return arch_smc(req);
}

static struct ffa_value ffa_call(const struct sys_vm *cfg, struct ffa_value req)
{
	switch ((uint32_t)req.x[0]) {
	case FFA_VERSION:
		return value1((req.x[1] & (1u << 31)) ? SMCCC_UNKNOWN : FFA_VERSION_COMPILED);
	case FFA_ID_GET:
		return ffa_success(cfg->vm_id);
	case FFA_SPM_ID_GET:
		return ffa_success(FFA_ID_SPMC);
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		return forward_direct_req(cfg, req);
	default:
		return ffa_error(FFA_RET_NOT_SUPPORTED);
	}
}

/* Virtual PSCI for one guest. SYSTEM_OFF/RESET end that guest only. */
static struct ffa_value psci_call(struct vm *vm, struct ffa_value req)
{
	switch ((uint32_t)req.x[0]) {
	case PSCI_VERSION:
		return value1(PSCI_VERSION_1_1);
	case PSCI_FEATURES: {
		uint32_t f = (uint32_t)req.x[1];
		bool known = f == PSCI_VERSION || f == PSCI_FEATURES || f == PSCI_SYSTEM_OFF ||
			     f == PSCI_SYSTEM_RESET || f == PSCI_MIGRATE_INFO_TYPE ||
			     f == SMCCC_VERSION;
		return value1(known ? 0 : (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED);
	}
	case PSCI_MIGRATE_INFO_TYPE:
		return value1(PSCI_TOS_NOT_PRESENT_MP);
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		printk("%s powered off\n", vm->name);
		vm->vcpu.state = VCPU_OFF;
		return value1(0);
	default:
		return value1(SMCCC_UNKNOWN);
	}
}

static void guest_call(struct vm *vm, const struct sys_vm *cfg)
{
	struct ffa_value req, resp;

	for (int i = 0; i < 8; i++)
		req.x[i] = vm->vcpu.regs.x[i];
	switch (smccc_decode(req.x[0]).service) {
	case SMCCC_SVC_FFA:
		resp = ffa_call(cfg, req);
		break;
	case SMCCC_SVC_PSCI:
		resp = psci_call(vm, req);
		break;
	case SMCCC_SVC_ARCH:
		resp =
		    value1((uint32_t)req.x[0] == SMCCC_VERSION ? SMCCC_VERSION_1_2 : SMCCC_UNKNOWN);
		break;
	default:
		resp = value1(SMCCC_UNKNOWN);
		break;
	}
	vcpu_set_result(&vm->vcpu, resp.x);
}

static void run_guest(struct vm *vm, const struct sys_vm *cfg)
{
	struct vcpu *v = &vm->vcpu;

	v->state = VCPU_RUNNING;
	while (v->state == VCPU_RUNNING) {
		struct vcpu_exit e = vcpu_run(v);

		if (e.kind == EXIT_SYNC && (e.ec == EC_HVC64 || e.ec == EC_SMC64)) {
			vcpu_skip_trapped_smc(v, &e);
			guest_call(vm, cfg);
			continue;
		}
		vm_report_fault(vm, &e);
		v->state = VCPU_ABORTED;
	}
}

void role_main(void)
{
	struct ffa_value off = { { PSCI_SYSTEM_OFF } };

	console_init(PLAT_UART_NS_BASE, "N nshyp  ");
	printk("normal-world hypervisor running at EL%u, non-secure world (NS-EL2)\n",
	       arch_current_el());
	arch_hyp_init();
	for (unsigned i = 0; i < nshyp_vm_count; i++) {
		const struct sys_vm *cfg = &nshyp_vms[i];

		if (vm_init(&vms[i], cfg->vm_id, cfg->name, &cfg->mem, cfg->devs, cfg->dev_count,
			    cfg->boot_arg, &s2_pool))
			panic("nshyp: cannot build stage 2 for %s", cfg->name);
		printk("starting %s (VM ID %u) at NS-EL1, IPA 0x%lx -> PA 0x%lx\n", cfg->name,
		       cfg->vm_id, (unsigned long)cfg->mem.ipa, (unsigned long)cfg->mem.pa);
		run_guest(&vms[i], cfg);
	}
	printk("all guests finished; powering off\n");
	arch_smc(off);
	panic("nshyp: SYSTEM_OFF returned");
}
