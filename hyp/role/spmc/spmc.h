/* SPDX-License-Identifier: BSD-3-Clause */
/* SPMC internals shared by its boot code and its FF-A dispatcher (and the host tests). */
#ifndef HYP_ROLE_SPMC_H
#define HYP_ROLE_SPMC_H

#include <abi/ffa.h>
#include <abi/smccc.h>
#include <config/system.h>
#include <hyp/idmap.h>
#include <hyp/rxtx.h>
#include <hyp/vm.h>
#include <lib/print.h>
#include <plat/plat_def.h>

#define SPMC_NO_REQUESTER 0xffffffffu
#define SPMC_NO_RESPONSE  SMCCC_SVE_HINT

/* A secure partition as the SPMC runs it. */
struct sp {
	struct vm vm; /* vm.vcpus[0].state is the FF-A runtime state */
	const struct sys_sp *cfg;
	struct rxtx rxtx;
	uint32_t requester; /* endpoint whose direct request it is handling, or SPMC_NO_REQUESTER */
	/*
	 * The one response its request takes (deliver(), valid_response()): w0 of the request's
	 * width, w1 = its own ID << 16 | the requester, w2 = 0 answering a partition message or
	 * the framework bit and the response type answering a framework message (FF-A v1.1
	 * §15.3, §18.3: type + 1). SPMC_NO_RESPONSE (a w0 no call has: bit 16 is cleared first)
	 * while it handles no request.
	 */
	uint32_t resp_fid;
	uint64_t resp_w1, resp_w2;
	uint8_t accepts_direct; /* properties bit 0: it receives direct requests */
	uint8_t resumes;	/* yields resumed in a partition's request (SP_CALL_MAX_RESUMES) */
	struct idset allowed_vms; /* binding policy: the VMs that may message it */
	struct log_limit log;	  /* what refused calls to it may print */
	struct s2_space s2_ns;	  /* its Non-secure IPA space, empty until memory sharing */
	/*
	 * Its secure interrupts (irq_spmc.c), one bit per entry of cfg->irqs: acknowledged and
	 * waiting for it to be WAITING (irq_pending); given to it in its current run, to be
	 * deactivated when that run ends (irq_active); of those, signalled with HCR_EL2.VI and not
	 * yet read with HYPCALL_INTERRUPT_GET (irq_vi).
	 */
	uint8_t irq_pending, irq_active, irq_vi;
	/* Its notification pending interrupt (SPMC_NPI_* bits, irq_spmc.c), a virtual INTID. */
	uint8_t npi;
	uint8_t irq_preempted; /* a Non-secure interrupt stopped its handling of one */
	uint8_t irq_preempts;  /* ...this often in the current handling (SP_IRQ_MAX_PREEMPTS) */
	/* Storm bound (irq_spmc.c): when its last run with an interrupt ended, and how many of
	 * its interrupts in a row came back at once after one. */
	uint64_t irq_run_end;
	uint8_t irq_storm;
};

/*
 * Per CPU: the normal world as a vCPU (Hafnium's other world, VM ID 0: its x0-x7 are the FF-A
 * call it made or the answer it gets, hyp_other_world_loop), and what is pending
 * (`on_return`): interrupts masked for a partition's run that could not give the CPU back (undone
 * when that run ends), a VM_DESTROYED message to report (when the normal world runs again).
 */
struct __attribute__((aligned(1024))) spmc_cpu { /* a power of two: cheap to index */
	struct vcpu other_world;
	uint8_t on_return;  /* SPMC_RETURN_* bits */
	uint64_t irq_saved; /* SPMC_RETURN_UNMASK: what arch_irq_restore() puts back */
	uint64_t gone_vm;   /* SPMC_RETURN_REPORT: the VM a VM_DESTROYED message was about */
	struct sp *irq_sp; /* the partition handling a secure interrupt it got with FFA_INTERRUPT */
	struct sp *deact_sp; /* SPMC_RETURN_DEACT: the partition whose run holds active INTIDs */
};
#define SPMC_RETURN_UNMASK 1u
#define SPMC_RETURN_REPORT 2u
#define SPMC_RETURN_DEACT  4u  /* at the end of deact_sp's run: deactivate its INTIDs, clear VI */
#define SPMC_RETURN_IRQ	   8u  /* a secure interrupt waits for its partition: see before_return */
#define SPMC_RETURN_NS_IRQ 16u /* for a pending Non-secure interrupt: no irq_detour() now */
#define SPMC_RETURN_SRI	   32u /* a delayed SRI: sent as the normal world runs again */
/*
 * Slots of the other world's frame that its x0-x7 leave free (other_world.S): x19, the partition
 * whose callee-saved registers are live; x20, the frame whose x0-x7 its next SMC carries (its
 * own, or the answering partition's, which stays as it is until then: no copy).
 */
#define SPMC_OW_OWNER 19
#define SPMC_OW_ARGS  20

extern struct spmc_cpu spmc_cpus[PLAT_MAX_CPUS];

static inline struct spmc_cpu *spmc_this_cpu(void)
{
	return &spmc_cpus[arch_this_cpu()];
}

extern struct sp spmc_partitions[SYS_MAX_SPS];
extern unsigned spmc_partition_count;
/* Partitions that finished their boot with FFA_MSG_WAIT (they serve requests). */
extern unsigned spmc_serving;

/*
 * Prepare the partitions of the description and return the first vCPU to run: the first
 * partition to boot. Each one's FFA_MSG_WAIT boots the next; after the last, the normal world
 * (spmc_this_cpu()->other_world) is next, with FFA_MSG_WAIT in its registers.
 */
struct vcpu *spmc_boot_partitions(const struct sys_sp *cfgs, unsigned count, struct s2_pool *pool);
/* The normal world's call is in other_world's x0-x7 (hyp_other_world_loop): the next vCPU. */
struct vcpu *spmc_other_world_exit(struct vcpu *other_world);

/* Whether the request partition `sp` handles is the 64-bit form (so must its response be). */
static inline bool spmc_request_is_64(const struct sp *sp)
{
	return sp->resp_fid == FFA_MSG_SEND_DIRECT_RESP_64;
}

/* The partition with FF-A ID `id`, or NULL. */
struct sp *spmc_find_sp(ffa_id_t id);

/* FF-A memory management (mem_spmc.c). The *_call functions return false for other IDs. */
void spmc_mem_init(void);
bool spmc_mem_nwd_call(struct ffa_value *m);
bool spmc_mem_sp_call(struct sp *sp, struct ffa_value *c);
bool spmc_mem_supported(uint32_t fid, bool from_partition);
uint32_t spmc_mem_feature_bits(uint32_t fid, const struct sp *sp); /* w2 of FFA_FEATURES(fid) */
/* FFA_FEATURES(fid)'s input properties w2 acceptable from sp (NULL: the normal world)? */
bool spmc_mem_feature_input_ok(uint32_t fid, uint32_t input, const struct sp *sp);
uint32_t spmc_mem_live(void);		 /* live transactions, for reports */
struct rxtx *spmc_mem_nwd_buffers(void); /* the hypervisor's pair (ID 0): msg_spmc.c, discovery */
void spmc_mem_partition_aborted(struct sp *sp);

/*
 * Secure interrupts (irq_spmc.c; docs/abi/ffa.md, "Secure interrupts"). INTIDs are Secure Group 1
 * (the monitor's set-up from the description); the SPMC acknowledges them at S-EL2 with its CPU
 * interface in EOImode 1: acknowledge and priority drop at once, deactivation when the owner's
 * handling run ends, so that a level interrupt cannot fire again while it is handled.
 */
#define SPMC_IRQ_NONE 1023u /* GIC spurious INTID; HYPCALL_INTERRUPT_GET's "none pending" */
/*
 * The notification pending interrupt (NPI, FF-A v1.1 §10.7.1): a virtual INTID no physical
 * interrupt has (Hafnium's HF_NOTIFICATION_PENDING_INTID, 5; FFA_FEATURES(NPI) from a partition
 * answers it). It is delivered like one of the partition's secure interrupts: to a WAITING
 * partition in an interrupt run (FFA_INTERRUPT, w2 = 5), to one that runs (or is resumed) with
 * HCR_EL2.VI and HYPCALL_INTERRUPT_GET; never acknowledged or deactivated at the GIC.
 * SPMC_NPI_PENDING: to be delivered; SPMC_NPI_VI: signalled with VI, not read yet;
 * SPMC_NPI_SENT: raised since the partition's last FFA_NOTIFICATION_GET (not raised again).
 */
#define SPMC_NPI_INTID	 5u
#define SPMC_NPI_PENDING 1u
#define SPMC_NPI_VI	 2u
#define SPMC_NPI_SENT	 4u
/* A notification became pending for sp (notif_spmc.c): its NPI, once until its next GET. */
void spmc_npi_raise(struct sp *sp);
/* sp's GET took its notifications: the next SET raises the NPI again; nothing left pending
 * (`empty`): one not yet delivered is dropped. */
void spmc_npi_got(struct sp *sp, bool empty);
/* An interrupt (a secure one, or the NPI) waits to be delivered to sp. */
static inline bool spmc_irq_waits(const struct sp *sp)
{
	return sp->irq_pending || (sp->npi & SPMC_NPI_PENDING);
}
/* Interrupts acknowledged for no live partition (none owns them, or the owner aborted). */
extern unsigned spmc_irq_dropped;
/* Its INTIDs become its own (spmc_boot_partitions(), before any partition boots). */
void spmc_irq_add_owner(struct sp *sp);
/* Whether the description gives `intid` to sp (SYS_IRQ_SEC_TIMER: sp owns the secure timer). */
bool spmc_irq_owns(const struct sp *sp, uint32_t intid);
/* Acknowledge the highest-priority pending secure interrupt. Returns its owner, with the INTID
 * in its irq_pending set and in *intid; NULL if there was none (spurious) or it has no live owner
 * (then deactivated, disabled and counted, never delivered). */
struct sp *spmc_irq_take(uint32_t *intid);
/* Move the lowest of sp's pending INTIDs to its active set: true and *intid, or false. */
bool spmc_irq_next(struct sp *sp, uint32_t *intid);
/* sp runs: signal all its pending INTIDs as a virtual IRQ (HCR_EL2.VI) for HYPCALL_INTERRUPT_GET.
 */
void spmc_irq_signal_running(struct sp *sp);
/* HYPCALL_INTERRUPT_GET from sp: the next signalled INTID (VI cleared after the last), or NONE. */
uint32_t spmc_irq_get(struct sp *sp);
/* sp's run ended: deactivate its active INTIDs; what it did not read is not delivered again
 * (a level source still asserted fires again). HCR_EL2.VI cleared. */
void spmc_irq_run_ended(struct sp *sp);
/* sp's run stopped for a while (a Non-secure interrupt): VI off; on = true to resume it. */
void spmc_irq_vi(struct sp *sp, bool on);
/* sp aborted: the INTIDs it held are deactivated; the next that fires is counted and disabled at
 * the GIC (spmc_irq_take()), so a dead owner's source cannot keep the SPMC busy. */
void spmc_irq_partition_aborted(struct sp *sp);

/* The GIC and HCR_EL2 for it (arch/<arch>/spmc_arch.c; test/fuzz/spmc_gic_fake.c on the host). */
void spmc_arch_irq_init(void);
uint32_t spmc_arch_irq_ack(void); /* acknowledge and drop priority: the INTID, or >= 1020 */
uint64_t spmc_arch_counter(void); /* the physical counter (CNTPCT_EL0), 62.5 MHz on QEMU virt */
void spmc_arch_irq_deactivate(uint32_t intid);
void spmc_arch_irq_disable(uint32_t intid);
void spmc_arch_vi(bool on);
/* Pend the schedule receiver interrupt (SYS_IRQ_SRI, a Non-secure SGI) on this CPU. */
void spmc_arch_sri_send(void);
/* Take the secure timer from the partition that used it last (spmc_arch.c, role_arch_trap()):
 * before the SPMC's first FFA_MSG_WAIT, whose EL2 configuration the monitor keeps for good. */
void spmc_arch_timer_revoke(void);

/* HYPCALL_ATTEST (attest/attest_spmc.c): answer it in *c and return true; false for other IDs. */
bool spmc_attest_call(struct sp *sp, struct ffa_value *c);

#endif /* HYP_ROLE_SPMC_H */
