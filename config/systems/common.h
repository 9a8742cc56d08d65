/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Building blocks shared by the system descriptions in this directory: the
 * standard TEE instances and guests. A description is plain C data; these
 * macros only save repetition, every field stays visible in system.h. The
 * boot-argument numbers and bit fields they use (scenarios, TOS_TAS) are the
 * payloads' ABI: include/abi/scenario.h.
 */
#ifndef CONFIG_SYSTEMS_COMMON_H
#define CONFIG_SYSTEMS_COMMON_H

#include <abi/scenario.h>
#include <config/system.h>
#include <plat/plat_def.h>

#define MiB(x) ((uint64_t)(x) << 20)

/* Trusted OSes see their memory at IPA 0x10000000 whatever PA backs it. */
#define TOS_IPA	  SYS_TOS_IPA
#define GUEST_IPA SYS_GUEST_IPA

#define SECURE_UART                                                                                \
	{                                                                                          \
		.pa = PLAT_UART_S_BASE, .size = PLAT_DEV_PAGE                                      \
	}
#define NS_UART                                                                                    \
	{                                                                                          \
		.pa = PLAT_UART_NS_BASE, .size = PLAT_DEV_PAGE                                     \
	}

/*
 * The trusted OS's partition properties: AArch64, direct requests both ways, VM availability; a
 * system may define it first to add indirect messages (bit 2).
 */
#ifndef TOS_PROPERTIES
#define TOS_PROPERTIES 0x1c3
#endif

/*
 * A trusted-OS instance. Its boot_arg (x0 at first entry) carries, besides the test scenario
 * in bits [31:0] (TOS_* in abi/scenario.h: test builds only, docs/system-description.md), the TAs
 * it hosts in bits [47:32] (TOS_TAS) and its memory size in MiB in bits [55:48] (filled from `size`
 * here; 0 means 1 MiB). docs/tos.md.
 */
#define TOS_SP_FIELDS(nm, id, pa_, uuid_last, arg, size_, signer_)                                 \
	.name = nm, .image = "tos", .ffa_id = id,                                                  \
	.uuid = { 0x7e, 0x55, 0xe4, 0xa0, 0x54, 0x0c, 0x4b, 0x11,                                  \
		  0x9a, 0x3d, 0x1c, 0x0d, 0xe5, 0x7e, 0x55, uuid_last },                           \
	.properties = TOS_PROPERTIES,                                                              \
	.mem = { .pa = pa_, .ipa = TOS_IPA, .size = size_, .entry_offset = 0 },                    \
	.devs = { SECURE_UART }, .dev_count = 1, .boot_arg = (uint64_t)(arg) | TOS_MEM_ARG(size_), \
	.signer = signer_
#define TOS_SP_SIZED(nm, id, pa_, uuid_last, arg, size_)                                           \
	TOS_SP_SIGNED(nm, id, pa_, uuid_last, arg, size_, NULL)
/* ... whose image a TEE vendor's key signs (docs/secure-boot.md); NULL: the platform's. */
#define TOS_SP_SIGNED(nm, id, pa_, uuid_last, arg, size_, signer_)                                 \
	{                                                                                          \
		TOS_SP_FIELDS(nm, id, pa_, uuid_last, arg, size_, signer_)                         \
	}
/* The same, owning the secure timer (the EL1 physical timer CNTP, PPI 30): at most one
 * partition may, and the SPMC lets no other one reach CNTP. The
 * interrupt goes in its irqs (the monitor and the SPMC route it) and TOS_ARG_TIMER in its boot
 * argument (the trusted OS then uses it: docs/tos.md §3.1); validation requires both or neither. */
#define TOS_SP_TIMER_SIGNED(nm, id, pa_, uuid_last, arg, size_, signer_)                           \
	{                                                                                          \
		TOS_SP_FIELDS(nm, id, pa_, uuid_last, (arg) | TOS_ARG_TIMER, size_, signer_),      \
		    .irqs = { SYS_IRQ_SEC_TIMER }, .irq_count = 1,                                 \
	}
#define TOS_SP_TIMER(nm, id, pa_, uuid_last, arg, size_)                                           \
	TOS_SP_TIMER_SIGNED(nm, id, pa_, uuid_last, arg, size_, NULL)
#define TOS_SP(nm, id, pa_, uuid_last, arg) TOS_SP_SIZED(nm, id, pa_, uuid_last, arg, MiB(1))

#define GUEST_VM(nm, id, pa_, arg, ...)                                                            \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id,                                         \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },         \
		.devs = { NS_UART }, .dev_count = 1, .boot_arg = arg, .tees = { __VA_ARGS__ },     \
	}

/*
 * A Linux guest (docs/system-description.md, "Linux guests"): `size_` bytes of memory at PA
 * `pa_` (2 MiB aligned) seen at IPA 0x40000000, the kernel Image and initramfs `kernel_` and
 * `initrd_` (built-in names such as "debian" and "tessera", or paths), its command line, the
 * NS UART (its virtual GIC needs no device), 2 MiB of OP-TEE shared memory, bound to the TEEs named
 * after it. cfgtool lays the window out and generates its device tree.
 */
#define LINUX_OPTEE_SHM MiB(2)
#define LINUX_VM(nm, id, pa_, size_, kernel_, initrd_, cmdline_, ...)                              \
	{                                                                                          \
		.name = nm, .kind = SYS_VM_LINUX, .vm_id = id,                                     \
		.linux_boot = { .kernel = kernel_, .initrd = initrd_, .cmdline = cmdline_ },       \
		.optee_shm_size = LINUX_OPTEE_SHM,                                                 \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = size_, .entry_offset = 0 },          \
		.devs = { NS_UART }, .dev_count = 1, .tees = { __VA_ARGS__ },                      \
	}

#endif /* CONFIG_SYSTEMS_COMMON_H */
