/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Building blocks shared by the system descriptions in this directory: the
 * standard TEE instances and guests. A description is plain C data; these
 * macros only save repetition, every field stays visible in system.h.
 */
#ifndef CONFIG_SYSTEMS_COMMON_H
#define CONFIG_SYSTEMS_COMMON_H

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

/* The GIC's distributor and the boot CPU's redistributor, for a guest that owns the GIC. */
#define GICD_DEV                                                                                   \
	{                                                                                          \
		.pa = PLAT_GICD_BASE, .size = PLAT_GICD_SIZE                                       \
	}
#define GICR_DEV                                                                                   \
	{                                                                                          \
		.pa = PLAT_GICR_BASE, .size = PLAT_GICR_SIZE                                       \
	}

/*
 * A trusted-OS instance. Its boot_arg (x0 at first entry) carries, besides the test scenario
 * in bits [31:0] (TOS_* below: test builds only, docs/system-description.md), the TAs it hosts in
 * bits [47:32] (TOS_TAS) and its memory size in MiB in bits [55:48] (filled from `size` here; 0
 * means 1 MiB). docs/tos.md.
 */
#define TOS_SP_SIZED(nm, id, pa_, uuid_last, arg, size_)                                           \
	{                                                                                          \
		.name = nm, .image = "tos", .ffa_id = id,                                          \
		.uuid = { 0x7e, 0x55, 0xe4, 0xa0, 0x54, 0x0c, 0x4b, 0x11,                          \
			  0x9a, 0x3d, 0x1c, 0x0d, 0xe5, 0x7e, 0x55, uuid_last },                   \
		.properties = 0x1c3, /* AArch64, direct requests both ways, VM availability */     \
		    .mem = { .pa = pa_, .ipa = TOS_IPA, .size = size_, .entry_offset = 0 },        \
		.devs = { SECURE_UART }, .dev_count = 1,                                           \
		.boot_arg = (uint64_t)(arg) | TOS_MEM_ARG(size_),                                  \
	}
#define TOS_SP(nm, id, pa_, uuid_last, arg) TOS_SP_SIZED(nm, id, pa_, uuid_last, arg, MiB(1))

/* The TAs a trusted-OS instance hosts (built into the tos image; the instance picks). The test
 * TA is built into the test variant tos_test only: TA_TEST needs a test build. */
#define TA_WALLET	      (1u << 0) /* ta/wallet */
#define TA_VAULT	      (1u << 1) /* ta/vault */
#define TA_TEST		      (1u << 2) /* ta/test */
#define TOS_TAS(mask)	      ((uint64_t)(mask) << 32)
#define TOS_ARG_TAS(arg)      ((unsigned)((arg) >> 32) & 0xffffu)
#define TOS_MEM_ARG(sz)	      (((uint64_t)(sz) >> 20 & 0xffu) << 48)
#define TOS_ARG_MIB(arg)      ((unsigned)((arg) >> 48) & 0xffu)
#define TOS_ARG_SCENARIO(arg) ((uint32_t)(arg))

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
 * NS UART and the GIC, 2 MiB of OP-TEE shared memory, bound to the TEEs named after it. cfgtool
 * lays the window out and generates its device tree.
 */
#define LINUX_OPTEE_SHM MiB(2)
#define LINUX_VM(nm, id, pa_, size_, kernel_, initrd_, cmdline_, ...)                              \
	{                                                                                          \
		.name = nm, .kind = SYS_VM_LINUX, .vm_id = id,                                     \
		.linux_boot = { .kernel = kernel_, .initrd = initrd_, .cmdline = cmdline_ },       \
		.optee_shm_size = LINUX_OPTEE_SHM,                                                 \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = size_, .entry_offset = 0 },          \
		.devs = { NS_UART, GICD_DEV, GICR_DEV }, .dev_count = 3, .tees = { __VA_ARGS__ },  \
	}

/* Scenario numbers passed as boot_arg; the payloads switch on them (low 8 bits). */
/* clang-format off */
#define SCENARIO_DEMO           0
#define GUEST_TOUCH_OTHER_GUEST 1 /* guest reads the PA of another guest */
#define GUEST_TOUCH_SECURE      2 /* guest reads secure RAM */
#define GUEST_UNKNOWN_CALLS     3 /* guest issues unknown SMC/HVC IDs */
#define GUEST_BENCH             4 /* benchmarks: 15:8 TEEs, 30:16 traced round trips, 31 alternate */
#define GUEST_CONFORMANCE       5 /* FF-A conformance; bits 15:8 = partitions it may see */
#define GUEST_HOSTILE           6 /* random hostile calls; bits 31:8 = how many */
#define GUEST_STATE_CHECK       7 /* registers and EL1/EL2 state survive; bits 31:8 = calls */
#define GUEST_MEM               8 /* FF-A memory management checks; bit 8: bound to TEE B too */
#define GUEST_OPTEE_RAW         16 /* raw OP-TEE FF-A ABI checks against TEE 0x8002; bits 15:8 guest/optee_raw.c */
#define GUEST_TEEC_DEMO         9 /* the demo app: wallet in "pay", photo in "vault" (libteec) */
#define GUEST_TEEC_CONFORMANCE 10 /* GP Client API conformance; bits 15:8 = TEEs it may reach */
#define GUEST_LIFECYCLE        11 /* dies in a TEE call (bit 8) or checks the TA serves it */
#define GUEST_S2_DRAIN         20 /* lend/share a page per 2 MiB block; 15:8 blocks, 23:16 rounds */
#define GUEST_MEM_QUOTA        12 /* memory reservations; bits 15:8 guest/mem_quota.c */
#define GUEST_LEAK_PROBE       13 /* EL1 registers another guest left behind; bit 8: reader */
#define GUEST_PRODUCT_PROBE    14 /* test commands to product TEEs "pay"/"vault" around GP calls */
#define GUEST_SMCCC_REGS       17 /* SMCCC/FF-A register rules: x1-x17 kept or zeroed as due */
#define GUEST_STACK_SMASH      18 /* overruns a stack buffer: the stack protector must panic it */
#define GUEST_ATTACKER         19 /* issue 10 attacks on product images; bit 8: TEEs, else platform */
#define GUEST_OPTEE_SMC        21 /* minimal OP-TEE SMC driver via nshyp's mediator; 15:8 guest/optee_smc.c */
#define GUEST_PREEMPT          22 /* NS interrupts preempt TEE calls; GIC/FP ownership; 15:8 below */
#define PREEMPT_OWNER           0 /*   owns the GIC and FP: preemption cases, leaves a mess, faults */
#define PREEMPT_NEXT            1 /*   owns them next: finds them clean */
#define PREEMPT_BARE            2 /*   owns neither: EL2 state intact, FP/SIMD traps */

/* Trusted-OS test scenarios: only its test variant (tos_test) has them; they need test_build. */
#define TOS_TOUCH_OTHER_TOS     1 /* TOS reads the other TOS's memory on its first request */
#define TOS_UNKNOWN_CALLS       2 /* TOS issues unknown SMC/HVC IDs at boot */
#define TOS_HOSTILE             3 /* TOS issues 3000 random SMC/HVC calls at boot */
#define TOS_STATE_CHECK         4 /* TOS checks its GPRs/EL1 state on every request */
#define TOS_KEEPS_GONE_CLIENTS_MEMORY 5 /* test commands' holds survive VM_DESTROYED */
/* clang-format on */

#endif /* CONFIG_SYSTEMS_COMMON_H */
