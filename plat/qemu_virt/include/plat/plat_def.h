/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * QEMU `virt` (secure=on, virtualization=on, gic-version=3) platform facts and
 * Tessera's fixed firmware layout. Used by C, assembly and linker scripts, so
 * only plain #defines live here. Partition and guest memory is not here: it
 * comes from the system description and is checked against these windows.
 */
#ifndef PLAT_PLAT_DEF_H
#define PLAT_PLAT_DEF_H

#define PLAT_MAX_CPUS	4
#define PLAT_STACK_SIZE 0x2000

/* Secure flash (bank 0) at 0: boot code runs from here, the package follows. */
#define PLAT_FLASH_BASE	  0x00000000
#define PLAT_FLASH_SIZE	  0x04000000
#define PLAT_FLASH_SECTOR 0x00040000 /* QEMU virt's CFI flash erases 256 KiB at a time */
/*
 * Secure flash layout (docs/architecture.md, "Flash"): boot's code, then three regions each in
 * its own sector so that no erase of one touches another: the device secret, the rollback
 * store, the package.
 */
#define PLAT_BOOT_MAX_SIZE 0x00080000 /* boot.bin executes in place below the secret */
/* The device-unique secret's stand-in (32 bytes) at the start of its own sector: secure flash,
 * which only the secure world can read; the monitor alone reads it (docs/attestation.md). It is
 * not in the signed package and boot never writes, hashes or measures it. */
#define PLAT_ATTEST_SECRET_OFFSET 0x00080000
/* The anti-rollback store: the flash sector (256 KiB) before the package (docs/secure-boot.md). */
#define PLAT_ROLLBACK_OFFSET 0x000c0000
#define PLAT_PKG_OFFSET	     0x00100000 /* image package inside flash */
#define PLAT_PKG_MAX_SIZE    (PLAT_FLASH_SIZE - PLAT_PKG_OFFSET)

/* The only secure-only RAM: 16 MiB. Everything secure must fit here. */
#define PLAT_SEC_RAM_BASE 0x0e000000
#define PLAT_SEC_RAM_SIZE 0x01000000

/* Fixed secure firmware windows (the rest of secure RAM is for partitions). */
#define PLAT_BOOT_RAM_BASE 0x0e000000 /* the event log, then boot's bss and stack */
/* The measured-boot event log (include/abi/evlog.h): boot writes it, everything after reads it. */
#define PLAT_EVLOG_BASE	   0x0e000000
#define PLAT_EVLOG_SIZE	   0x00001000
#define PLAT_BOOT_RAM_SIZE 0x00010000
#define PLAT_MONITOR_BASE  0x0e010000
#define PLAT_MONITOR_SIZE  0x00030000
#define PLAT_SPMC_BASE	   0x0e040000
#define PLAT_SPMC_SIZE	   0x000c0000
#define PLAT_SEC_FW_END	   0x0e100000 /* partitions start at or above this */

/* Non-secure RAM (1 GiB with -m 1024 in our runner: room for Linux guests). The size has a
 * 64-bit suffix so that base + size does not overflow an int: C only, not for .ld/.S files. */
#define PLAT_NS_RAM_BASE 0x40000000
#define PLAT_NS_RAM_SIZE 0x40000000ull
#define PLAT_DTB_BASE	 0x40000000 /* QEMU copies its DTB here */
#define PLAT_NSHYP_BASE	 0x40100000
#define PLAT_NSHYP_SIZE	 0x00300000
#define PLAT_NS_FW_END	 0x40400000 /* guests start at or above this */

/* Devices. */
#define PLAT_GICD_BASE	  0x08000000
#define PLAT_GICD_SIZE	  0x00010000
#define PLAT_GICR_BASE	  0x080a0000
#define PLAT_GICR_SIZE	  0x00020000 /* one redistributor (RD and SGI frames): -smp 1 */
#define PLAT_UART_NS_BASE 0x09000000
#define PLAT_UART_S_BASE  0x09040000
#define PLAT_DEV_PAGE	  0x1000

#endif /* PLAT_PLAT_DEF_H */
