// SPDX-License-Identifier: BSD-3-Clause
/*
 * Role spmc: the secure hypervisor at S-EL2, an FF-A SPMC. It boots every
 * secure partition from the system description (each behind its own stage 2),
 * then serves the normal world: each FF-A call arrives as the return value of
 * the SMC with which the SPMC last handed the CPU back to the monitor.
 * Direct requests are routed to the addressed partition after checking the
 * sender's identity and the binding policy; a partition that faults is
 * marked aborted and reported, and every other partition keeps serving.
 */
#include <abi/ffa.h>
#include <abi/smccc.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <hyp/vm.h>
#include <lib/print.h>
#include <plat/plat_def.h>

const bool hyp_role_secure = true;

extern const struct sys_sp spmc_sps[];
extern const unsigned spmc_sp_count;

#define SPMC_TABLES 64
static s2_table_t s2_tables[SPMC_TABLES] __attribute__((aligned(4096), section(".bss.s2_tables")));
static struct s2_pool s2_pool = { s2_tables, SPMC_TABLES, 0 };
static struct vm sps[SYS_MAX_SPS];

static struct vm *find_sp(ffa_id_t id)
{
	for (unsigned i = 0; i < spmc_sp_count; i++)
		if (sps[i].id == id)
			return &sps[i];
	return 0;
}

static const struct sys_sp *sp_cfg(const struct vm *sp)
{
	return &spmc_sps[sp - sps];
}

/* Binding policy, enforced again on the secure side whatever nshyp did. */
static bool vm_may_call(const struct vm *sp, ffa_id_t vm_id)
{
	const struct sys_sp *cfg = sp_cfg(sp);

	for (unsigned i = 0; i < cfg->allowed_vm_count; i++)
		if (cfg->allowed_vm[i] == vm_id)
			return true;
	return false;
}

static void set_result(struct vcpu *v, struct ffa_value r)
{
	vcpu_set_result(v, r.x);
}

/* FF-A calls a partition makes that the SPMC answers on the spot. */
static struct ffa_value sp_local_call(const struct vm *sp, const struct arch_regs *r)
{
	switch ((uint32_t)r->x[0]) {
	case FFA_VERSION: {
		struct ffa_value v = { { FFA_VERSION_COMPILED } };
		return v;
	}
	case FFA_ID_GET:
		return ffa_success(sp->id);
	case FFA_SPM_ID_GET:
		return ffa_success(FFA_ID_SPMC);
	default:
		if (smccc_decode(r->x[0]).service == SMCCC_SVC_FFA)
			return ffa_error(FFA_RET_NOT_SUPPORTED);
		{
			struct ffa_value unk = { { SMCCC_UNKNOWN } };
			return unk;
		}
	}
}

static void sp_abort(struct vm *sp, const struct vcpu_exit *e)
{
	vm_report_fault(sp, e);
	sp->vcpu.state = VCPU_ABORTED;
}

/*
 * Run a partition until it gives the CPU back with one of `done` calls
 * (MSG_WAIT while booting, DIRECT_RESP while serving). Other FF-A calls are
 * answered and it runs on. Returns false if it faulted (now ABORTED).
 */
static bool run_sp_until(struct vm *sp, bool (*done)(const struct vm *, const struct arch_regs *))
{
	struct vcpu *v = &sp->vcpu;

	v->state = VCPU_RUNNING;
	for (;;) {
		struct vcpu_exit e = vcpu_run(v);

		if (e.kind != EXIT_SYNC || (e.ec != EC_HVC64 && e.ec != EC_SMC64)) {
			sp_abort(sp, &e);
			return false;
		}
		vcpu_skip_trapped_smc(v, &e);
		if (done(sp, &v->regs))
			return true;
		set_result(v, sp_local_call(sp, &v->regs));
	}
}

static bool boot_done(const struct vm *sp, const struct arch_regs *r)
{
	(void)sp;
	return (uint32_t)r->x[0] == FFA_MSG_WAIT || (uint32_t)r->x[0] == FFA_ERROR;
}

static void boot_partitions(void)
{
	for (unsigned i = 0; i < spmc_sp_count; i++) {
		const struct sys_sp *cfg = &spmc_sps[i];
		struct vm *sp = &sps[i];

		if (vm_init(sp, cfg->ffa_id, cfg->name, &cfg->mem, cfg->devs, cfg->dev_count,
			    cfg->boot_arg, &s2_pool))
			panic("spmc: cannot build stage 2 for partition %s", cfg->name);
		printk("starting partition %s (ID 0x%x) at S-EL1, IPA 0x%lx -> PA 0x%lx\n",
		       cfg->name, cfg->ffa_id, (unsigned long)cfg->mem.ipa,
		       (unsigned long)cfg->mem.pa);
		if (!run_sp_until(sp, boot_done))
			continue;
		if ((uint32_t)sp->vcpu.regs.x[0] == FFA_ERROR) {
			printk("partition %s reported an error during boot; not serving it\n",
			       cfg->name);
			sp->vcpu.state = VCPU_ABORTED;
			continue;
		}
		sp->vcpu.state = VCPU_WAITING;
		printk("partition %s is waiting for messages (FFA_MSG_WAIT)\n", cfg->name);
	}
}

/* The response a partition gives must come from it and go back to the requester. */
static ffa_id_t pending_requester;

static bool direct_resp_done(const struct vm *sp, const struct arch_regs *r)
{
	if (!ffa_is_direct_resp(r->x[0]))
		return false;
	return ffa_msg_sender(r->x[1]) == sp->id && ffa_msg_receiver(r->x[1]) == pending_requester;
}

static struct ffa_value direct_req(struct ffa_value req)
{
	ffa_id_t sender = ffa_msg_sender(req.x[1]);
	struct vm *sp = find_sp(ffa_msg_receiver(req.x[1]));
	struct ffa_value resp;

	/* The normal world can only speak for a VM (or the hypervisor, ID 0). */
	if (ffa_id_is_secure(sender) || !sp)
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!vm_may_call(sp, sender)) {
		printk("denied: VM 0x%x is not bound to partition %s\n", sender, sp->name);
		return ffa_error(FFA_RET_DENIED);
	}
	if (sp->vcpu.state == VCPU_ABORTED)
		return ffa_error(FFA_RET_ABORTED);
	if (sp->vcpu.state != VCPU_WAITING)
		return ffa_error(FFA_RET_BUSY);
	set_result(&sp->vcpu, req);
	pending_requester = sender;
	if (!run_sp_until(sp, direct_resp_done))
		return ffa_error(FFA_RET_ABORTED);
	sp->vcpu.state = VCPU_WAITING;
	for (int i = 0; i < 8; i++)
		resp.x[i] = sp->vcpu.regs.x[i];
	return resp;
}

/* One FF-A call from the normal world (relayed by the monitor). */
static struct ffa_value handle_nwd_call(struct ffa_value req)
{
	switch ((uint32_t)req.x[0]) {
	case FFA_VERSION: {
		struct ffa_value v = { { (req.x[1] & (1u << 31)) ? SMCCC_UNKNOWN
								 : FFA_VERSION_COMPILED } };
		return v;
	}
	case FFA_SPM_ID_GET:
		return ffa_success(FFA_ID_SPMC);
	case FFA_ID_GET:
		return ffa_success(FFA_ID_HYPERVISOR);
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		return direct_req(req);
	default:
		return ffa_error(FFA_RET_NOT_SUPPORTED);
	}
}

void role_main(void)
{
	struct ffa_value call = { { FFA_MSG_WAIT } };

	console_init(PLAT_UART_S_BASE, "S spmc   ");
	printk("secure hypervisor (SPMC) running at EL%u, secure world (S-EL2)\n",
	       arch_current_el());
	arch_hyp_init();
	boot_partitions();
	printk("all partitions booted; telling the monitor with FFA_MSG_WAIT\n");
	for (;;) {
		struct ffa_value req = arch_smc(call);

		call = handle_nwd_call(req);
	}
}
