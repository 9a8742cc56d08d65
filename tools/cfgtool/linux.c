// SPDX-License-Identifier: BSD-3-Clause
/*
 * cfgtool's Linux guests (docs/system-description.md, "Linux guests"): resolve the kernel
 * and initramfs names (built-ins such as "debian", or paths), check that the kernel is an
 * arm64 Image (Documentation/arch/arm64/booting.rst: magic "ARM\x64" at 0x38, text_offset
 * at 8, image_size at 16, flags at 24), lay the guest's window out (sys_linux_layout() in
 * config/validate.c) and write the device tree source the guest boots with. Every failure
 * is one sentence naming the guest.
 */
#include <errno.h>
#include <plat/plat_def.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "cfgtool.h"

#define IMAGE_MAGIC	    0x644d5241u /* "ARM\x64", little-endian */
#define IMAGE_HEADER_SIZE   64
#define IMAGE_FLAG_BE	    (1ull << 0)
#define GIC_SPI		    0
#define GIC_PPI		    1
#define IRQ_TYPE_LEVEL_HIGH 4
#define IRQ_TYPE_LEVEL_LOW  8

/* A name with a '/' is a path; without, a built-in from the list. */
static const char *resolve(const struct cfg_builtin *list, unsigned n, const char *name)
{
	if (strchr(name, '/'))
		return name;
	for (unsigned i = 0; i < n; i++)
		if (strcmp(list[i].name, name) == 0)
			return list[i].path;
	return NULL;
}

int cfg_linux_paths(const struct sys_vm *vm, const struct cfg_linux_opts *o, struct cfg_linux *out,
		    char *err, size_t len)
{
	const struct sys_linux *lb = &vm->linux_boot;

	memset(out, 0, sizeof(*out));
	out->kernel_path = resolve(o->kernels, o->kernel_count, lb->kernel);
	if (!out->kernel_path)
		return sys_fail(err, len,
				"VM %s: kernel \"%s\" is not a built-in (\"debian\"); write a path "
				"with a '/', such as ./%s",
				vm->name, lb->kernel, lb->kernel);
	if (!lb->initrd)
		return 0;
	out->initrd_path = resolve(o->initrds, o->initrd_count, lb->initrd);
	if (!out->initrd_path)
		return sys_fail(
		    err, len,
		    "VM %s: initramfs \"%s\" is not a built-in (\"tessera\"); write a path "
		    "with a '/', such as ./%s",
		    vm->name, lb->initrd, lb->initrd);
	return 0;
}

static uint64_t le64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The Image header's text_offset and image_size; the file's size. */
static int read_image(const struct sys_vm *vm, const char *path, struct sys_linux_files *f,
		      char *err, size_t len)
{
	unsigned char h[IMAGE_HEADER_SIZE];
	FILE *in = fopen(path, "rb");
	struct stat st;
	size_t got;

	if (!in || fstat(fileno(in), &st) != 0)
		return sys_fail(err, len, "VM %s: cannot read the kernel %s: %s", vm->name, path,
				strerror(errno));
	got = fread(h, 1, sizeof(h), in);
	fclose(in);
	if (got >= 2 && h[0] == 0x1f && h[1] == 0x8b)
		return sys_fail(
		    err, len,
		    "VM %s: the kernel %s is gzip-compressed; give the uncompressed arm64 "
		    "Image (zcat it)",
		    vm->name, path);
	if (got < sizeof(h) || (uint32_t)le64(h + 0x38) != IMAGE_MAGIC)
		return sys_fail(err, len,
				"VM %s: %s is not an arm64 Linux Image (no \"ARM\\x64\" magic at "
				"offset 0x38)",
				vm->name, path);
	f->text_offset = le64(h + 8);
	f->image_size = le64(h + 16);
	if (f->image_size == 0)
		return sys_fail(
		    err, len,
		    "VM %s: the kernel %s has image_size 0 (older than Linux 3.17), so its "
		    "memory needs are unknown",
		    vm->name, path);
	if (le64(h + 24) & IMAGE_FLAG_BE)
		return sys_fail(err, len,
				"VM %s: the kernel %s is big-endian; guests are little-endian",
				vm->name, path);
	f->kernel_bytes = (uint64_t)st.st_size;
	return 0;
}

static int read_initrd(const struct sys_vm *vm, const char *path, struct sys_linux_files *f,
		       char *err, size_t len)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return sys_fail(err, len, "VM %s: cannot read the initramfs %s: %s", vm->name, path,
				errno ? strerror(errno) : "not a file");
	if (st.st_size == 0)
		return sys_fail(err, len, "VM %s: the initramfs %s is empty", vm->name, path);
	f->initrd_bytes = (uint64_t)st.st_size;
	return 0;
}

int cfg_linux_place(const struct sys_vm *vm, struct cfg_linux *lx, char *err, size_t len)
{
	struct sys_linux_files f = { 0 };

	errno = 0;
	if (read_image(vm, lx->kernel_path, &f, err, len) ||
	    (lx->initrd_path && read_initrd(vm, lx->initrd_path, &f, err, len)))
		return -1;
	lx->initrd_bytes = f.initrd_bytes;
	return sys_linux_layout(vm, &f, &lx->layout, err, len);
}

/* ---- device tree source ---------------------------------------------------------------- */

static void reg(FILE *f, uint64_t base, uint64_t size)
{
	fprintf(f, "<0x%x 0x%08x 0x%x 0x%08x>", (unsigned)(base >> 32), (unsigned)base,
		(unsigned)(size >> 32), (unsigned)size);
}

static void cells64(FILE *f, const char *prop, uint64_t v)
{
	fprintf(f, "\t\t%s = <0x%x 0x%08x>;\n", prop, (unsigned)(v >> 32), (unsigned)v);
}

/* A DTS string: the validation allows printable characters only; quote " and \. */
static void dts_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int has_uart(const struct sys_vm *vm)
{
	for (unsigned i = 0; i < vm->dev_count; i++)
		if (vm->devs[i].pa == PLAT_UART_NS_BASE)
			return 1;
	return 0;
}

static void dts_memory_cpus(FILE *f, const struct sys_vm *vm)
{
	fprintf(f, "\t/*\n\t * The window without its top optee_shm_size bytes: the OP-TEE static "
		   "shared memory\n\t * is not RAM to Linux, so no reserved-memory node is needed; "
		   "optee.ko learns\n\t * it from OPTEE_SMC_GET_SHM_CONFIG.\n\t */\n");
	fprintf(f, "\tmemory@%llx {\n\t\tdevice_type = \"memory\";\n\t\treg = ",
		(unsigned long long)vm->mem.ipa);
	reg(f, vm->mem.ipa, vm->mem.size - vm->optee_shm_size);
	fprintf(f, ";\n\t};\n\n");
	fprintf(f, "\tcpus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n\n"
		   "\t\tcpu@0 {\n\t\t\tdevice_type = \"cpu\";\n\t\t\tcompatible = \"arm,armv8\";\n"
		   "\t\t\treg = <0>;\n\t\t\tenable-method = \"psci\";\n\t\t};\n\t};\n\n");
	fprintf(f, "\tpsci {\n\t\tcompatible = \"arm,psci-1.0\";\n\t\tmethod = \"smc\";\n\t};\n\n");
}

static void dts_timer_gic(FILE *f)
{
	fprintf(f, "\t/* Secure, Non-secure physical, virtual and hypervisor timers: GIC_PPI, "
		   "level-low. */\n");
	fprintf(f, "\ttimer {\n\t\tcompatible = \"arm,armv8-timer\";\n\t\tinterrupts = ");
	fprintf(f, "<%d 13 %d>, <%d 14 %d>, <%d 11 %d>, <%d 10 %d>;\n", GIC_PPI, IRQ_TYPE_LEVEL_LOW,
		GIC_PPI, IRQ_TYPE_LEVEL_LOW, GIC_PPI, IRQ_TYPE_LEVEL_LOW, GIC_PPI,
		IRQ_TYPE_LEVEL_LOW);
	fprintf(f, "\t\talways-on;\n\t};\n\n");
	fprintf(f,
		"\tgic: intc@%x {\n\t\tcompatible = \"arm,gic-v3\";\n\t\treg = ", PLAT_GICD_BASE);
	reg(f, PLAT_GICD_BASE, PLAT_GICD_SIZE);
	fprintf(f, ", ");
	reg(f, PLAT_GICR_BASE, PLAT_GICR_SIZE);
	/* nshyp's virtual GIC at the same addresses; its maintenance interrupt is PPI 9 (25). */
	fprintf(f, ";\n\t\tinterrupts = <%d 9 %d>;\n", GIC_PPI, IRQ_TYPE_LEVEL_HIGH);
	fprintf(f, "\t\t#interrupt-cells = <3>;\n\t\t#address-cells = <0>;\n"
		   "\t\tinterrupt-controller;\n\t\t#redistributor-regions = <1>;\n\t};\n\n");
}

static void dts_uart(FILE *f)
{
	fprintf(f, "\tapb_pclk: apb-pclk {\n\t\tcompatible = \"fixed-clock\";\n"
		   "\t\t#clock-cells = <0>;\n\t\tclock-frequency = <24000000>;\n"
		   "\t\tclock-output-names = \"clk24mhz\";\n\t};\n\n");
	fprintf(f, "\tuart@%x {\n\t\tcompatible = \"arm,pl011\", \"arm,primecell\";\n\t\treg = ",
		PLAT_UART_NS_BASE);
	reg(f, PLAT_UART_NS_BASE, PLAT_DEV_PAGE);
	fprintf(f, ";\n\t\tinterrupts = <%d 1 %d>; /* GIC_SPI 1, level-high */\n", GIC_SPI,
		IRQ_TYPE_LEVEL_HIGH);
	fprintf(f, "\t\tclocks = <&apb_pclk>, <&apb_pclk>;\n"
		   "\t\tclock-names = \"uartclk\", \"apb_pclk\";\n\t};\n\n");
}

/* Devices other than the GIC and UART0 are mapped but get no node: cfgtool knows no more. */
static void dts_other_devices(FILE *f, const struct sys_vm *vm)
{
	for (unsigned i = 0; i < vm->dev_count; i++) {
		const struct sys_dev *d = &vm->devs[i];

		if (d->pa == PLAT_UART_NS_BASE || d->pa == PLAT_GICD_BASE ||
		    d->pa == PLAT_GICR_BASE)
			continue;
		fprintf(f,
			"\t/* device 0x%llx+0x%llx is mapped to the guest but has no node */\n\n",
			(unsigned long long)d->pa, (unsigned long long)d->size);
	}
}

static void dts_chosen(FILE *f, const struct sys_vm *vm, const struct cfg_linux *lx, int uart)
{
	const struct sys_linux_layout *l = &lx->layout;

	if (vm->optee_shm_size)
		fprintf(f, "\tfirmware {\n\t\toptee {\n\t\t\tcompatible = \"linaro,optee-tz\";\n"
			   "\t\t\tmethod = \"smc\";\n\t\t};\n\t};\n\n");
	fprintf(f, "\tchosen {\n\t\tbootargs = ");
	dts_string(f, vm->linux_boot.cmdline);
	fprintf(f, ";\n");
	if (uart)
		fprintf(f, "\t\tstdout-path = \"/uart@%x\";\n", PLAT_UART_NS_BASE);
	if (lx->initrd_path) {
		cells64(f, "linux,initrd-start", vm->mem.ipa + l->initrd);
		cells64(f, "linux,initrd-end", vm->mem.ipa + l->initrd + lx->initrd_bytes);
	}
	fprintf(f, "\t};\n");
}

void cfg_linux_write_dts(FILE *f, const char *sys_name, const struct sys_vm *vm,
			 const struct cfg_linux *lx)
{
	int uart = has_uart(vm);

	fprintf(f, "// SPDX-License-Identifier: BSD-3-Clause\n/dts-v1/;\n\n");
	fprintf(f,
		"/* Generated by cfgtool from system \"%s\" for the Linux guest \"%s\" (kernel "
		"%s). Do not edit. */\n\n",
		sys_name, vm->name, lx->kernel_path);
	fprintf(f, "/ {\n\tcompatible = \"tessera,guest\", \"linux,dummy-virt\";\n");
	fprintf(f, "\tmodel = \"Tessera guest %s\";\n", vm->name);
	fprintf(f, "\t#address-cells = <2>;\n\t#size-cells = <2>;\n");
	fprintf(f, "\tinterrupt-parent = <&gic>;\n\n");
	dts_memory_cpus(f, vm);
	dts_timer_gic(f);
	if (uart)
		dts_uart(f);
	dts_other_devices(f, vm);
	dts_chosen(f, vm, lx, uart);
	fprintf(f, "};\n");
}
