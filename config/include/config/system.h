/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The system description schema: which trusted OSes (secure partitions) and
 * guests exist, where their memory is, which image each runs, and which guest
 * may call which TEE (the binding policy). A system is written once as C data
 * in config/systems/<name>.c, validated on the host by tools/cfgtool (a bad
 * description fails the build), and cfgtool emits one view per image so that
 * no image carries more of the system than it needs.
 */
#ifndef CONFIG_SYSTEM_H
#define CONFIG_SYSTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYS_MAX_SPS   8
#define SYS_MAX_VMS   8
#define SYS_MAX_DEVS  4
#define SYS_MAX_PEERS 8
#define SYS_MAX_IRQS  8	 /* interrupts one partition or guest may own (irqs[]) */
#define SYS_NAME_MAX  12 /* the package names images "sp_<name>"/"vm_<name>" in 15 bytes */
/* Stage-2 tables in each hypervisor's pool (config/s2_budget.h). The SPMC's pool holds the
 * quotas of SYS_MAX_SPS 1 MiB partitions with a UART (14 each) and must fit its 768 KiB window
 * beside the memory-sharing tables; nshyp has room for more. */
#define SYS_SPMC_S2_TABLES  112
#define SYS_NSHYP_S2_TABLES 128

/* Where the built-in images are linked (Makefile PAYLOAD_BASE) and the least memory they need. */
#define SYS_TOS_IPA	   0x10000000ull
#define SYS_TOS_MIN_SIZE   0x100000ull
#define SYS_GUEST_IPA	   0x40000000ull
#define SYS_GUEST_MIN_SIZE 0x200000ull

/* nshyp's part of a guest's OP-TEE shared memory: where it places checked argument copies. */
#define SYS_OPTEE_MEDIATOR_SIZE 0x1000ull
/* The least OP-TEE shared memory a guest may have: nshyp's part and 64 KiB for its driver. */
#define SYS_OPTEE_SHM_MIN (SYS_OPTEE_MEDIATOR_SIZE + 0x10000ull)
/* At most what one FF-A transaction holds (MEM_MAX_PAGES in hyp/include/hyp/mem_share.h). */
#define SYS_OPTEE_SHM_MAX 0x400000ull

/* A Linux guest's layout (docs/system-description.md): its window and pieces are 2 MiB
 * aligned, the DTB has a 64 KiB window, and Linux takes a command line of at most 2047 bytes. */
#define SYS_LINUX_ALIGN	      0x200000ull
#define SYS_LINUX_DTB_SIZE    0x10000ull
#define SYS_LINUX_CMDLINE_MAX 2047

/*
 * Interrupt ownership (docs/system-description.md, "Interrupts"). INTIDs of QEMU virt's GICv3:
 * SGIs 0-15 and PPIs 16-31 per CPU, SPIs 32..SYS_GIC_SPI_LAST. PPIs are fixed by role, never
 * listed, except the secure timer's (PPI 30), which the one partition that lists it owns; SGIs
 * are the firmware's. A partition's interrupts are Secure Group 1, every other INTID
 * Non-secure Group 1 (the monitor programs the GIC from cfgtool's monitor view).
 * The secure timer is the EL1 physical timer CNTP: with S-EL2 (SCR_EL3.EEL2 = 1) S-EL1 may not
 * use CNTPS (UNDEFINED), and CNTP reaches S-EL1 only through the SPMC's CNTHCTL_EL2.EL1PCEN,
 * which it gives to this owner alone. CNTP is one timer for both security states: the normal
 * world leaves it alone (nshyp uses CNTHP, guests CNTV; docs/architecture.md, "Timers").
 */
#define SYS_IRQ_SPI_FIRST  32
#define SYS_IRQ_SPI_LAST   287 /* QEMU virt: 256 SPIs (GICD_TYPER.ITLinesNumber = 8) */
#define SYS_IRQ_SEC_TIMER  30  /* CNTP, the EL1 physical timer: the secure world's */
#define SYS_IRQ_CNTPS	   29  /* CNTPS: EL3's only (S-EL1 cannot reach it with S-EL2) */
#define SYS_IRQ_MAINT	   25  /* GIC maintenance interrupt: nshyp's */
#define SYS_IRQ_HYP_TIMER  26  /* CNTHP: nshyp's scheduler tick */
#define SYS_IRQ_VIRT_TIMER 27  /* CNTV: each guest's virtual timer (nshyp's vGIC) */
/* SGI 8: the FF-A schedule receiver interrupt (SRI), the SPMC's to nshyp (Non-secure Group 1,
 * as Hafnium's HF_SCHEDULE_RECEIVER_INTID); like every SGI, nobody may list it. */
#define SYS_IRQ_SRI 8

/* A device window passed through 1:1 (IPA == PA) to one partition or guest. */
struct sys_dev {
	uint64_t pa;
	uint64_t size;
};

/* Memory of a partition or guest: PA window, seen at IPA `ipa`, entry at ipa + entry_offset. */
struct sys_mem {
	uint64_t pa;
	uint64_t ipa;
	uint64_t size;
	uint64_t entry_offset;
};

/* A secure partition at S-EL1 (a trusted-OS instance or a user FF-A partition). */
struct sys_sp {
	const char *name;    /* short name, e.g. "A"; printed and used in policy */
	const char *image;   /* built-in image name ("tos") or a path to a raw binary */
	uint16_t ffa_id;     /* 0x8001.. */
	uint8_t uuid[16];    /* FF-A partition UUID, byte order as in the descriptor */
	uint32_t properties; /* FF-A partition properties (table 6.2) */
	struct sys_mem mem;
	struct sys_dev devs[SYS_MAX_DEVS];
	unsigned dev_count;
	/* Its interrupts: SPIs of its devices, and PPI 30 (the secure timer) for one partition. */
	uint16_t irqs[SYS_MAX_IRQS];
	unsigned irq_count;
	uint64_t boot_arg; /* x0 at first entry; test scenarios (test builds) select behaviour */
	/* Who signs its image: a TEE vendor's key name, NULL the platform (docs/secure-boot.md) */
	const char *signer;
	/* Filled by cfgtool for the SPMC's view: VM IDs allowed to message this SP. */
	uint16_t allowed_vm[SYS_MAX_VMS];
	unsigned allowed_vm_count;
};

/* What a guest runs. */
enum sys_vm_kind {
	SYS_VM_BARE,  /* a bare-metal image, entered at ipa + entry_offset with x0 = boot_arg */
	SYS_VM_LINUX, /* an arm64 Linux kernel: cfgtool places Image, initramfs and a generated DTB
		       */
};

/*
 * A Linux guest's boot pieces (kind SYS_VM_LINUX). Names without a '/' are built-in
 * artifacts ("debian": Debian's kernel Image; "tessera": our initramfs); anything else is a
 * path. cfgtool lays the window out (docs/system-description.md): the Image at the start,
 * then the DTB it generates, then the initramfs; the OP-TEE static shared memory is the top
 * optee_shm_size bytes of the window, outside the DTB's memory node.
 */
struct sys_linux {
	const char *kernel;
	const char *initrd; /* NULL: none */
	const char *cmdline;
};

/* A guest OS at NS-EL1 under the normal-world hypervisor. */
struct sys_vm {
	const char *name;
	const char *image; /* SYS_VM_BARE only */
	enum sys_vm_kind kind;
	struct sys_linux linux_boot; /* SYS_VM_LINUX only */
	/*
	 * Bytes at the top of its window the guest uses as OP-TEE static shared memory
	 * (the OP-TEE SMC ABI, mediated by nshyp: docs/abi/optee-smc.md); 0: the guest
	 * does not speak the OP-TEE SMC ABI (its SMCs in that range answer SMC_UNK).
	 * The first SYS_OPTEE_MEDIATOR_SIZE bytes are nshyp's, never mapped to the guest.
	 */
	uint64_t optee_shm_size;
	/* The guest may use FP/SIMD (CPTR_EL2.TFP clear); nshyp zeroes the FP registers
	 * before it starts, so no guest sees another's. Linux guests need it. */
	bool fp_simd;
	uint16_t vm_id; /* FF-A ID, 1..0x7fff; nshyp refuses calls that claim another sender */
	struct sys_mem mem;
	struct sys_dev devs[SYS_MAX_DEVS];
	unsigned dev_count;
	/* Its interrupts: SPIs of its devices only (Non-secure Group 1, routed by nshyp). */
	uint16_t irqs[SYS_MAX_IRQS];
	unsigned irq_count;
	uint64_t boot_arg;
	/* Binding policy: the SPs (by name) this guest may call. */
	const char *tees[SYS_MAX_SPS];
	/* Filled by cfgtool for nshyp's view: FF-A IDs of those SPs. */
	uint16_t allowed_sp[SYS_MAX_SPS];
	unsigned allowed_sp_count;
	/*
	 * VM-to-VM binding policy: the other guests (by name) this guest may send FF-A direct
	 * requests to through nshyp (docs/abi/ffa.md "VM-to-VM direct messages"). Empty (the
	 * default): none. Not itself, no name twice.
	 */
	const char *vms[SYS_MAX_VMS];
	/* Filled by cfgtool for nshyp's view: VM IDs of those guests. */
	uint16_t allowed_vm[SYS_MAX_VMS];
	unsigned allowed_vm_count;
};

/*
 * How nshyp shares the CPU between its guests (docs/system-description.md, "sched"). Guests
 * are time-sliced by nshyp's EL2 physical timer (CNTHP, PPI 26): each runs for at most one
 * quantum before the next runnable one; a guest's WFI ends its slice early. All zero means
 * round robin with SYS_SCHED_QUANTUM_DEFAULT_US. SYS_SCHED_IN_ORDER runs the first runnable
 * guest in description order until it ends or waits (no slices): a guest runs only while every
 * earlier one waits or has ended (systems whose guests must not overlap, such as a test's
 * clean-up check after its attackers).
 */
enum sys_sched_policy {
	SYS_SCHED_ROUND_ROBIN, /* the runnable guests in description order, one quantum each */
	SYS_SCHED_IN_ORDER,    /* the first runnable guest in description order, no quantum */
};

struct sys_sched {
	enum sys_sched_policy policy;
	uint32_t quantum_us; /* 0: the default; else SYS_SCHED_QUANTUM_MIN_US..MAX_US */
};

#define SYS_SCHED_QUANTUM_DEFAULT_US 10000u   /* 10 ms, Linux's CONFIG_HZ=100 tick */
#define SYS_SCHED_QUANTUM_MIN_US     100u     /* below this, switching is most of the work */
#define SYS_SCHED_QUANTUM_MAX_US     1000000u /* one second: a spinner delays others at most that */

struct sys_desc {
	const char *name;
	const struct sys_sp *sps;
	unsigned sp_count;
	const struct sys_vm *vms;
	unsigned vm_count;
	/*
	 * A test build: the package loads the test variants of the SPMC, nshyp and the
	 * trusted OS ("spmc_test", "nshyp_test", "tos_test", built with TESSERA_TEST_BUILD),
	 * which carry the test hooks (test scenarios, the diagnostic protocol, the test TA,
	 * HYPCALL_STATE_CHECK). Product images carry none of them, and a product
	 * description (config/systems/) cannot set this (docs/system-description.md).
	 */
	bool test_build;
	/* Test builds only: nshyp forwards calls without applying the binding
	 * policy, so tests can prove the SPMC enforces it on its own. */
	bool test_nshyp_skip_policy;
	/* Which image runs at NS-EL2 (loaded at the nshyp window, PLAT_NSHYP_BASE);
	 * NULL means the normal-world hypervisor "nshyp". */
	const char *ns_el2_image;
	/* nshyp's scheduling of the guests (policy, quantum); all zero: the defaults. */
	struct sys_sched sched;
};

/* Every system file defines exactly this object. */
extern const struct sys_desc system_desc;

#define SYS_COUNT(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

/*
 * Where cfgtool places a Linux guest's pieces, as offsets from its window's start (PA and IPA
 * alike), from what the files say: the Image header's text_offset and image_size, the kernel
 * file's size, the initramfs file's size (0: none).
 */
struct sys_linux_files {
	uint64_t text_offset;
	uint64_t image_size;
	uint64_t kernel_bytes;
	uint64_t initrd_bytes;
};

struct sys_linux_layout {
	uint64_t kernel; /* text_offset: the entry point */
	uint64_t dtb;	 /* next 2 MiB boundary after the kernel's image_size */
	uint64_t initrd; /* next 2 MiB boundary after the DTB's window (0: no initramfs) */
	uint64_t end;	 /* end of the last piece (DTB window, or initramfs rounded to 4 KiB) */
	uint64_t shm;	 /* start of the OP-TEE shared memory: window size - optee_shm_size */
};

/* Validation (config/validate.c), shared by cfgtool and the unit tests. */
int sys_validate(const struct sys_desc *sys, char *err, size_t err_len);
/* Lay out a (validated) Linux guest; fails with one sentence if the pieces do not fit. */
int sys_linux_layout(const struct sys_vm *vm, const struct sys_linux_files *f,
		     struct sys_linux_layout *out, char *err, size_t err_len);
/* The extra rule for a product description (config/systems/): no test_build. */
int sys_validate_product(const struct sys_desc *sys, char *err, size_t err_len);
const struct sys_sp *sys_find_sp(const struct sys_desc *sys, const char *name);
const struct sys_vm *sys_find_vm(const struct sys_desc *sys, const char *name);
/* Format one validation error into err (one sentence); returns -1. Shared with cfgtool. */
int sys_fail(char *err, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif /* CONFIG_SYSTEM_H */
