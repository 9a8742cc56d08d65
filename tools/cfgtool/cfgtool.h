/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * cfgtool's parts (tools/cfgtool/): cfgtool.c writes the views and the package listing;
 * linux.c handles Linux guests: the names of their kernel and initramfs, the files' checks
 * (an arm64 Image header), their layout and the device tree source each one boots with.
 */
#ifndef TOOLS_CFGTOOL_H
#define TOOLS_CFGTOOL_H

#include <config/system.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CFG_MAX_BUILTINS 4

/* A built-in Linux boot piece: a name without '/' in a description, and the file it means. */
struct cfg_builtin {
	const char *name;
	const char *path;
};

/* Options for Linux guests: the built-ins, and the make command line's overrides. */
struct cfg_linux_opts {
	struct cfg_builtin kernels[CFG_MAX_BUILTINS];
	unsigned kernel_count;
	struct cfg_builtin initrds[CFG_MAX_BUILTINS];
	unsigned initrd_count;
	const char *kernel; /* overrides for every Linux guest; NULL: keep the description's */
	const char *initrd;
	const char *cmdline;
};

/* A Linux guest's files and where they go. */
struct cfg_linux {
	const char *kernel_path;
	const char *initrd_path; /* NULL: none */
	uint64_t initrd_bytes;
	struct sys_linux_layout layout;
};

/* The files a Linux guest's kernel and initrd names mean; -1 with one sentence if unknown. */
int cfg_linux_paths(const struct sys_vm *vm, const struct cfg_linux_opts *o, struct cfg_linux *out,
		    char *err, size_t len);
/* Read the files (the Image header, the sizes) and lay the guest out; -1 with one sentence. */
int cfg_linux_place(const struct sys_vm *vm, struct cfg_linux *lx, char *err, size_t len);
/* The guest's device tree source (compiled by the Makefile with dtc). */
void cfg_linux_write_dts(FILE *f, const char *sys_name, const struct sys_vm *vm,
			 const struct cfg_linux *lx);

#endif /* TOOLS_CFGTOOL_H */
