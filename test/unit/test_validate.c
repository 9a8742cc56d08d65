// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the system-description validator (config/validate.c, as run by cfgtool). Each
 * test starts from a good description modelled on config/systems/demo.c (two trusted OSes "A"
 * and "B", two guests bound to them), changes one thing, and checks that sys_validate() rejects
 * it with a message naming the problem, or, at the edges of each rule, still accepts it. The
 * description lives in writable copies so that a test can break any field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <abi/pkg.h>

#include "../../config/systems/common.h"

static const struct sys_sp good_sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm good_vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, SCENARIO_DEMO, "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, SCENARIO_DEMO, "A"),
};

/* One slot more than allowed, so that "too many" can be described with valid entries. */
static struct sys_sp sps[SYS_MAX_SPS + 1];
static struct sys_vm vms[SYS_MAX_VMS + 1];
static struct sys_desc sys;
static char err[256];

static int setup(void **state)
{
	memset(sps, 0, sizeof(sps));
	memset(vms, 0, sizeof(vms));
	memcpy(sps, good_sps, sizeof(good_sps));
	memcpy(vms, good_vms, sizeof(good_vms));
	sys = (struct sys_desc){
		.name = "unit",
		.sps = sps,
		.sp_count = SYS_COUNT(good_sps),
		.vms = vms,
		.vm_count = SYS_COUNT(good_vms),
	};
	return 0;
}

/* Accepted, and the error buffer left alone. */
static void expect_valid(void)
{
	int rc;

	strcpy(err, "untouched");
	rc = sys_validate(&sys, err, sizeof(err));

	if (rc != 0)
		print_error("unexpected rejection: %s\n", err);
	assert_int_equal(rc, 0);
	assert_string_equal(err, "untouched");
}

/* Rejected, with `what` somewhere in the message. */
static void expect_invalid(const char *what)
{
	strcpy(err, "");
	assert_int_equal(sys_validate(&sys, err, sizeof(err)), -1);
	if (!strstr(err, what))
		print_error("message \"%s\" does not mention \"%s\"\n", err, what);
	assert_non_null(strstr(err, what));
}

/* Valid SPs in slots 2.. : names S<i>, IDs 0x8001 + i, 1 MiB each, packed from PLAT_SEC_FW_END. */
static void add_sps(unsigned count)
{
	static const char *const names[] = { "A", "B", "S2", "S3", "S4", "S5", "S6", "S7", "S8" };

	for (unsigned i = 2; i < count; i++) {
		sps[i] = good_sps[0];
		sps[i].name = names[i];
		sps[i].ffa_id = (uint16_t)(0x8001 + i);
		sps[i].uuid[15] = (uint8_t)i;
		sps[i].mem.pa = PLAT_SEC_FW_END + i * MiB(1);
	}
	sys.sp_count = count;
}

static void test_good(void **state)
{
	expect_valid();
	assert_ptr_equal(sys_find_sp(&sys, "A"), &sps[0]);
	assert_ptr_equal(sys_find_sp(&sys, "B"), &sps[1]);
	assert_null(sys_find_sp(&sys, "C"));
	assert_null(sys_find_sp(&sys, "a"));
	assert_null(sys_find_sp(&sys, ""));
}

/* The demo description in its various shapes, at the edges of what is allowed. */
static void test_good_edges(void **state)
{
	/* Last free secure MiB; last 2 MiB of guest RAM; the largest IDs; entry at the end
	 * (user images: the built-in ones are linked for a fixed IPA and entry). */
	sps[0].image = sps[1].image = "user/sp.bin";
	vms[1].image = "user/guest.bin";
	sps[1].mem.pa = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - MiB(1);
	sps[1].ffa_id = 0xfffe;
	sps[1].mem.entry_offset = MiB(1) - 4;
	vms[1].mem.pa = PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - MiB(2);
	vms[1].vm_id = 0x7fff;
	/* All of the free secure RAM for one SP, mapped at the top of the IPA space. */
	sps[0].mem.size = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - PLAT_SEC_FW_END - MiB(1);
	sps[0].mem.ipa = (1ull << 32) - sps[0].mem.size;
	/* A UUID that is non-nil in its first byte only; the secure UART stays with the SPs. */
	memset(sps[0].uuid, 0, sizeof(sps[0].uuid));
	sps[0].uuid[0] = 1;
	/* A guest with no binding at all, one device more (up to the limit). */
	memset(vms[1].tees, 0, sizeof(vms[1].tees));
	vms[0].devs[1] = (struct sys_dev){ .pa = 0x0a000000, .size = 0x1000 };
	vms[0].devs[2] = (struct sys_dev){ .pa = 0x0a001000, .size = 0x1000 };
	vms[0].devs[3] = (struct sys_dev){ .pa = 0x0c000000, .size = 0x01000000 };
	vms[0].dev_count = SYS_MAX_DEVS;
	expect_valid();
}

static void test_max_sps(void **state)
{
	add_sps(SYS_MAX_SPS);
	expect_valid();
}

static void test_sp_count(void **state)
{
	sys.sp_count = 0;
	expect_invalid("need 1..8 secure partitions, have 0");
	setup(state);
	add_sps(SYS_MAX_SPS + 1);
	expect_invalid("need 1..8 secure partitions, have 9");
}

static void test_vm_count(void **state)
{
	sys.vm_count = 0;
	expect_invalid("guests, have 0");
	setup(state);
	sys.vm_count = SYS_MAX_VMS + 1;
	expect_invalid("guests, have 9");
}

static void test_sp_overlap(void **state)
{
	sps[1].mem.pa = 0x0e1ff000; /* A is 0x0e100000..0x0e1fffff */
	expect_invalid("SP B: memory overlaps SP A");
	sps[1].mem.pa = 0x0e100000;
	expect_invalid("SP B: memory overlaps SP A");
	sps[1].mem.pa = 0x0e000000 + MiB(1) + 0x80000; /* inside A */
	sps[1].mem.size = 0x40000;
	expect_invalid("SP B: memory overlaps SP A");
	sps[0].mem.pa = 0x0e180000; /* B below A, ending inside it */
	sps[1].mem.pa = 0x0e100000;
	sps[1].mem.size = MiB(1);
	expect_invalid("SP B: memory overlaps SP A");
	sps[0].mem.pa = 0x0e100000;
	/* Same IPA for both is fine (separate spaces), only PAs must not meet. */
	sps[1].mem.pa = 0x0e200000;
	expect_valid();
}

/* Retrieved memory appears at IPA == PA: a partition's window must stay clear of RAM PAs. */
static void test_sp_ipa_clear_of_retrieved_memory(void **state)
{
	sps[1].image = "user/sp.bin";
	sps[1].mem.ipa = PLAT_SEC_RAM_BASE + MiB(15);
	expect_invalid("SP B: IPA window 0xef00000+0x100000 overlaps secure or normal-world RAM");
	sps[1].mem.ipa = PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - MiB(1);
	expect_invalid("overlaps secure or normal-world RAM");
	sps[1].mem.ipa = PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE;
	expect_valid();
}

static void test_vm_overlap(void **state)
{
	vms[1].mem.pa = 0x40500000; /* guest1 is 0x40400000..0x405fffff */
	expect_invalid("VM guest2: memory overlaps VM guest1");
	vms[1].mem.pa = 0x40200000 + MiB(2) + 0x1000;
	vms[1].mem.size = 0x1000;
	expect_invalid("VM guest2: memory overlaps VM guest1");
	vms[0].mem.pa = 0x40600000; /* guest2 below guest1, ending inside it */
	vms[1].mem.pa = 0x40500000;
	vms[1].mem.size = MiB(2);
	expect_invalid("VM guest2: memory overlaps VM guest1");
	vms[0].mem.pa = 0x40400000;
	vms[1].mem.pa = 0x40300000;
	vms[1].mem.size = MiB(2);
	expect_invalid("outside guest RAM"); /* also in nshyp's own window */
	vms[1].mem.pa = 0x40600000;
	expect_valid();
}

static void test_sp_outside_secure_window(void **state)
{
	const char *msg = "SP B: memory 0x";

	sps[1].mem.pa = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE; /* just after secure RAM */
	expect_invalid(msg);
	assert_non_null(strstr(err, "outside the free secure RAM 0xe100000..0xf000000"));
	sps[1].mem.pa = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - 0x80000; /* straddles the end */
	expect_invalid(msg);
	sps[1].mem.pa = 0x40800000; /* normal-world RAM */
	expect_invalid(msg);
	sps[1].mem.pa = 0x0d000000; /* below secure RAM */
	expect_invalid(msg);
	/* Secure RAM, but the part that firmware owns. */
	sps[1].mem.pa = PLAT_SEC_RAM_BASE;
	expect_invalid(msg);
	sps[1].mem.pa = PLAT_SPMC_BASE;
	expect_invalid(msg);
	sps[1].mem.pa = PLAT_SEC_FW_END - 0x1000; /* straddles the end of the firmware part */
	expect_invalid(msg);
}

static void test_vm_outside_ns_ram(void **state)
{
	const char *msg = "VM guest2: memory 0x";

	vms[1].mem.pa = 0x0e300000; /* secure RAM */
	expect_invalid(msg);
	assert_non_null(strstr(err, "outside guest RAM 0x40400000..0x80000000"));
	vms[1].mem.pa = PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE;
	expect_invalid(msg);
	vms[1].mem.pa = PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - MiB(1); /* straddles the end */
	expect_invalid(msg);
	vms[1].mem.pa = PLAT_NSHYP_BASE; /* nshyp's own memory */
	expect_invalid(msg);
	vms[1].mem.pa = PLAT_DTB_BASE;
	expect_invalid(msg);
	vms[1].mem.pa = 0x80000000;
	expect_invalid(msg);
}

static void test_unknown_tee(void **state)
{
	vms[1].tees[0] = "C";
	expect_invalid("VM guest2: binding names unknown TEE \"C\"");
	vms[1].tees[0] = "a"; /* names are case-sensitive */
	expect_invalid("unknown TEE \"a\"");
	vms[1].tees[0] = "A";
	vms[1].tees[1] = "AB";
	expect_invalid("unknown TEE \"AB\"");
	/* The last slot is checked too. */
	vms[1].tees[1] = "B";
	for (unsigned t = 2; t < SYS_MAX_SPS - 1; t++)
		vms[1].tees[t] = "A";
	vms[1].tees[SYS_MAX_SPS - 1] = "Z";
	expect_invalid("unknown TEE \"Z\"");
}

/* The VM-to-VM binding (vms[]): other guests of the description, each once; empty is valid. */
static void test_vm_to_vm_binding(void **state)
{
	vms[0].vms[0] = "guest2"; /* a later guest */
	vms[1].vms[0] = "guest1";
	expect_valid();
	assert_ptr_equal(sys_find_vm(&sys, "guest2"), &vms[1]);
	assert_null(sys_find_vm(&sys, "guest3"));
	vms[1].vms[0] = "guest3";
	expect_invalid("VM guest2: VM-to-VM binding names unknown VM \"guest3\"");
	vms[1].vms[0] = "Guest1"; /* names are case-sensitive */
	expect_invalid("unknown VM \"Guest1\"");
	vms[1].vms[0] = "A"; /* a partition is not a VM */
	expect_invalid("unknown VM \"A\"");
	vms[1].vms[0] = "guest2";
	expect_invalid("VM guest2: VM-to-VM binding names the VM itself");
	vms[1].vms[0] = "guest1";
	vms[1].vms[1] = "guest1";
	expect_invalid("VM guest2: VM-to-VM binding names VM \"guest1\" twice");
	/* Any position is checked. */
	vms[1].vms[1] = NULL;
	vms[0].vms[1] = "x";
	expect_invalid("VM guest1: VM-to-VM binding names unknown VM \"x\"");
}

static void test_duplicate_ids(void **state)
{
	sps[1].ffa_id = 0x8001;
	expect_invalid("SP B: duplicate FF-A ID 0x8001 (also A)");
	setup(state);
	vms[1].vm_id = 1;
	expect_invalid("VM guest2: duplicate VM ID 1 (also guest1)");
	setup(state);
	add_sps(SYS_MAX_SPS);
	sps[7].ffa_id = 0x8004; /* same as S3 */
	expect_invalid("SP S7: duplicate FF-A ID 0x8004 (also S3)");
}

/* A partition's signer (docs/secure-boot.md): a vendor key name, never "platform". */
static void test_sp_signer(void **state)
{
	sps[0].signer = "payco";
	expect_valid();
	sps[1].signer = "platform";
	expect_invalid("SP B: signer must be a vendor key name");
	sps[1].signer = "";
	expect_invalid("SP B: signer must be a vendor key name");
	sps[1].signer = "vendor/x";
	expect_invalid("SP B: signer must be a vendor key name");
	sps[1].signer = "a-long-vendor";
	expect_invalid("SP B: signer must be a vendor key name");
}

static void test_duplicate_uuid(void **state)
{
	sps[1].uuid[15] = 0xa1;
	expect_invalid("SP B: duplicate UUID (also A)");
	/* UUIDs that differ only in the first byte are different. */
	sps[1].uuid[0] ^= 0x80;
	expect_valid();
}

static void test_nil_uuid(void **state)
{
	memset(sps[1].uuid, 0, sizeof(sps[1].uuid));
	expect_invalid("SP B: UUID must not be nil");
	sps[1].uuid[15] = 1;
	expect_valid();
}

static void test_vm_id(void **state)
{
	vms[1].vm_id = 0;
	expect_invalid("VM guest2: VM ID 0x0 must be in 1..0x7fff");
	vms[1].vm_id = 0x8000;
	expect_invalid("VM ID 0x8000 must be in 1..0x7fff");
	vms[1].vm_id = 0x8002;
	expect_invalid("VM ID 0x8002 must be in 1..0x7fff");
	vms[1].vm_id = 0xffff;
	expect_invalid("VM ID 0xffff must be in 1..0x7fff");
}

static void test_sp_id(void **state)
{
	static const uint16_t bad[] = { 0, 1, 0x7fff, 0x8000, 0xffff };

	for (unsigned i = 0; i < SYS_COUNT(bad); i++) {
		char want[64];

		sps[1].ffa_id = bad[i];
		snprintf(want, sizeof(want), "SP B: FF-A ID 0x%x must be in 0x8001..0xfffe",
			 bad[i]);
		expect_invalid(want);
	}
}

static void test_unaligned_memory(void **state)
{
	const char *msg = "memory must be non-empty and 4 KiB aligned";

	sps[1].mem.pa += 0x800;
	expect_invalid(msg);
	assert_non_null(strstr(err, "B:"));
	setup(state);
	sps[1].mem.ipa += 0x10;
	expect_invalid(msg);
	setup(state);
	sps[1].mem.size -= 1;
	expect_invalid(msg);
	setup(state);
	sps[1].mem.size = 0;
	expect_invalid(msg);
	setup(state);
	vms[1].mem.pa += 0x200;
	expect_invalid(msg);
	assert_non_null(strstr(err, "guest2:"));
	setup(state);
	vms[1].mem.size = 0x1800;
	expect_invalid(msg);
}

static void test_ipa_window(void **state)
{
	sps[1].mem.ipa = (1ull << 32) - 0x80000; /* runs past 4 GiB */
	expect_invalid("B: memory window wraps or leaves the 4 GiB IPA space");
	setup(state);
	vms[1].mem.ipa = 1ull << 32;
	expect_invalid("guest2: memory window wraps or leaves the 4 GiB IPA space");
	setup(state);
	vms[1].mem.ipa = ~0ull & ~0xfffull;
	expect_invalid("guest2: memory window wraps or leaves the 4 GiB IPA space");
	setup(state);
	vms[1].mem.pa = ~0ull & ~0xfffull;
	expect_invalid("guest2: memory window wraps or leaves the 4 GiB IPA space");
}

static void test_entry_offset(void **state)
{
	sps[1].mem.entry_offset = MiB(1);
	expect_invalid("B: entry_offset 0x100000 is outside its memory");
	sps[1].mem.entry_offset = ~0ull & ~3ull;
	expect_invalid("B: entry_offset 0xfffffffffffffffc is outside its memory");
	sps[1].mem.entry_offset = 2; /* not an instruction boundary */
	expect_invalid("B: entry_offset 0x2 ");
	setup(state);
	vms[1].mem.entry_offset = MiB(2);
	expect_invalid("guest2: entry_offset 0x200000 is outside its memory");
	vms[1].mem.entry_offset = MiB(2) - 4;
	expect_invalid(
	    "VM guest2: built-in image \"guest\" runs at IPA 0x40000000 with entry_offset 0");
	vms[1].image = "user/guest.bin";
	expect_valid();
}

static void test_builtin_image_placement(void **state)
{
	sps[0].mem.ipa = 0x20000000;
	expect_invalid("SP A: built-in image \"tos\" runs at IPA 0x10000000");
	sps[0].image = "user/sp.bin";
	expect_valid();
	setup(state);
	vms[0].mem.size = MiB(1);
	expect_invalid(
	    "VM guest1: built-in image \"guest\" runs at IPA 0x40000000 with entry_offset "
	    "0 and needs at least 0x200000 bytes");
}

static void test_stage2_table_budget(void **state)
{
	/*
	 * 120 MiB of guest memory whose PA is not 2 MiB-congruent with its IPA: all 4 KiB pages.
	 * Each guest's quota: root, runtime reserve 8, 1 + 60 tables for memory, 2 for the UART.
	 */
	vms[0].image = vms[1].image = "user/guest.bin";
	vms[0].mem.size = vms[1].mem.size = MiB(120);
	vms[0].mem.pa = 0x40401000;
	vms[1].mem.pa = 0x48001000;
	expect_invalid("the guests may need up to 144 stage-2 tables; nshyp has 128");
	vms[0].mem.pa = 0x40400000; /* congruent: blocks inside, at most 2 level-3 tables */
	expect_valid();
}

static void test_vmid_collision(void **state)
{
	sps[1].ffa_id = 0x8101; /* low byte equals A's 0x8001 */
	expect_invalid("SP B: FF-A ID 0x8101 gives the same VMID (low 8 bits) as A");
	setup(state);
	vms[1].vm_id = 0x101;
	expect_invalid("VM guest2: VM ID 257 gives the same VMID (low 8 bits) as guest1");
}

static void test_secure_uart_to_ns(void **state)
{
	vms[1].devs[0] = (struct sys_dev)SECURE_UART;
	expect_invalid("guest2: the secure UART cannot go to the normal world");
	/* Any window that covers it. */
	vms[1].devs[0] = (struct sys_dev){ .pa = 0x09000000, .size = 0x00100000 };
	expect_invalid("the secure UART cannot go to the normal world");
	vms[1].devs[0] = (struct sys_dev)NS_UART;
	vms[1].devs[1] = (struct sys_dev){ .pa = 0x09040000, .size = 0x1000 };
	vms[1].dev_count = 2;
	expect_invalid("the secure UART cannot go to the normal world");
	/* An SP may have it, and both UARTs. */
	setup(state);
	sps[1].devs[1] = (struct sys_dev)NS_UART;
	sps[1].dev_count = 2;
	expect_valid();
}

static void test_device_in_secure_ram(void **state)
{
	sps[1].devs[0] = (struct sys_dev){ .pa = 0x0e200000, .size = 0x1000 };
	expect_invalid("B: device 0 overlaps secure RAM");
	sps[1].devs[0] = (struct sys_dev){ .pa = 0x0dfff000, .size = 0x2000 };
	expect_invalid("B: device 0 overlaps secure RAM");
	setup(state);
	vms[1].devs[1] = (struct sys_dev){ .pa = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - 0x1000,
					   .size = 0x1000 };
	vms[1].dev_count = 2;
	expect_invalid("guest2: device 1 overlaps secure RAM");
	/* Right next to it is fine. */
	vms[1].devs[1].pa = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE;
	expect_valid();
}

static void test_bad_devices(void **state)
{
	vms[1].dev_count = SYS_MAX_DEVS + 1;
	expect_invalid("guest2: more than 4 devices");
	setup(state);
	vms[1].devs[0] = (struct sys_dev){ .pa = 0x09000000, .size = 0 };
	expect_invalid("guest2: device 0 must be non-empty and 4 KiB aligned");
	vms[1].devs[0] = (struct sys_dev){ .pa = 0x09000800, .size = 0x1000 };
	expect_invalid("guest2: device 0 must be non-empty and 4 KiB aligned");
	vms[1].devs[0] = (struct sys_dev){ .pa = PLAT_NS_RAM_BASE, .size = 0x1000 };
	expect_invalid("guest2: device 0 at 0x40000000 is not in the device window");
	vms[1].devs[0] = (struct sys_dev){ .pa = 0x07fff000, .size = 0x2000 };
	expect_invalid("guest2: device 0 at 0x7fff000 is not in the device window");
	vms[1].devs[0] = (struct sys_dev){ .pa = PLAT_GICR_BASE, .size = 0x1000 };
	expect_invalid("guest2: device 0 overlaps the GIC");
	vms[1].devs[0] = (struct sys_dev){ .pa = PLAT_GICD_BASE, .size = 0x1000 };
	expect_invalid("guest2: device 0 overlaps the GIC");
	/* Devices are mapped 1:1, so one may not sit in the memory's IPA window. */
	setup(state);
	sps[1].devs[0] = (struct sys_dev){ .pa = TOS_IPA + 0x80000, .size = 0x1000 };
	expect_invalid("B: device 0 overlaps its own memory IPA window");
}

static void test_names_and_images(void **state)
{
	sps[1].name = "";
	expect_invalid("SP 1: needs a name of 1..12 characters");
	sps[1].name = "thirteen_chrs";
	expect_invalid("SP 1: needs a name of 1..12 characters");
	sps[1].name = "B";
	sps[1].image = NULL;
	expect_invalid("SP B: no image");
	setup(state);
	sps[1].name = "A";
	sps[1].mem.pa = 0x0e200000;
	expect_invalid("SP A: duplicate name");
	setup(state);
	vms[1].name = NULL;
	expect_invalid("VM 1: needs a name of 1..12 characters");
	vms[1].name = "guest1";
	expect_invalid("VM guest1: duplicate name");
	vms[1].name = "guest2";
	vms[1].image = "";
	expect_invalid("VM guest2: no image");
	setup(state);
	sys.name = "";
	expect_invalid("the system needs a name");
	/* The NS-EL2 image: NULL (nshyp) or a name, never empty. */
	setup(state);
	sys.ns_el2_image = "nsclient";
	expect_valid();
	sys.ns_el2_image = "";
	expect_invalid("ns_el2_image is empty");
	/* nshyp's scheduling: round robin, a quantum of 0 (default) or 100 us..1 s. */
	setup(state);
	sys.sched.quantum_us = SYS_SCHED_QUANTUM_MIN_US;
	expect_valid();
	sys.sched.quantum_us = SYS_SCHED_QUANTUM_MAX_US;
	expect_valid();
	sys.sched.quantum_us = SYS_SCHED_QUANTUM_MIN_US - 1;
	expect_invalid("sched.quantum_us 99 is outside 100..1000000 (0: the default)");
	sys.sched.quantum_us = SYS_SCHED_QUANTUM_MAX_US + 1;
	expect_invalid("sched.quantum_us 1000001 is outside 100..1000000");
	sys.sched.quantum_us = 0;
	sys.sched.policy = (enum sys_sched_policy)7;
	expect_invalid("sched.policy 7 is unknown (SYS_SCHED_ROUND_ROBIN, SYS_SCHED_IN_ORDER)");
}

/* Test behaviour (a TOS test scenario, the test TA, the policy switch) needs test_build. */
static void test_test_behaviour_needs_test_build(void **state)
{
	sps[0].boot_arg |= TOS_STATE_CHECK;
	expect_invalid("SP A: a trusted-OS test scenario (boot_arg bits 31:0 = 4) needs "
		       "test_build = true");
	sys.test_build = true;
	expect_valid();
	setup(state);
	sps[1].boot_arg |= TOS_TAS(TA_VAULT | TA_TEST);
	expect_invalid("SP B: the test TA needs test_build = true");
	sys.test_build = true;
	expect_valid();
	setup(state);
	sps[1].boot_arg |= TOS_TAS(TA_WALLET | TA_VAULT); /* product TAs: fine */
	expect_valid();
	sys.test_nshyp_skip_policy = true;
	expect_invalid("test_nshyp_skip_policy needs test_build = true");
	sys.test_build = true;
	expect_valid();
	/* A raw partition image's boot argument is its own business, not a TOS scenario. */
	setup(state);
	sps[1].image = "build/user_sp/user_sp.bin";
	sps[1].boot_arg = 0x1234;
	expect_valid();
}

/* A product description (cfgtool --product: config/systems/) can never be a test build. */
static void test_product_refuses_test_build(void **state)
{
	strcpy(err, "untouched");
	assert_int_equal(sys_validate_product(&sys, err, sizeof(err)), 0);
	assert_string_equal(err, "untouched");
	sys.test_build = true;
	assert_int_equal(sys_validate(&sys, err, sizeof(err)), 0);
	assert_int_equal(sys_validate_product(&sys, err, sizeof(err)), -1);
	assert_non_null(
	    strstr(err, "a product description (config/systems/) cannot set test_build"));
}

/* The first problem is reported even when the error buffer is tiny; it is never overrun. */
static void test_short_error_buffer(void **state)
{
	char small[8];

	memset(small, 'x', sizeof(small));
	sys.sp_count = 0;
	assert_int_equal(sys_validate(&sys, small, 6), -1);
	assert_string_equal(small, "need ");
	assert_int_equal(small[6], 'x');
}

/* ---- Linux guests ------------------------------------------------------------------------ */

#define CMDLINE "console=ttyAMA0 arm64.nosve arm64.nosme"

/* guest2 becomes a 192 MiB Linux guest bound to A (as in config/systems/linux.c). */
static void make_linux(unsigned i)
{
	static const struct sys_vm linux_vm =
	    LINUX_VM("guest2", 2, 0x40600000, MiB(192), "debian", "tessera", CMDLINE, "A");

	vms[i] = linux_vm;
	vms[i].name = i == 0 ? "guest1" : "guest2";
	vms[i].vm_id = (uint16_t)(i + 1);
	vms[i].mem.pa = i == 0 ? 0x40400000 : 0x4c400000;
}

static void test_linux_good(void **state)
{
	make_linux(1);
	expect_valid();
	/* Two Linux guests, each with its virtual GIC. */
	make_linux(0);
	expect_valid();
	/* No initramfs; no OP-TEE shared memory (then no binding needed); its own kernel file. */
	vms[1].linux_boot.initrd = NULL;
	vms[1].optee_shm_size = 0;
	memset(vms[1].tees, 0, sizeof(vms[1].tees));
	vms[1].linux_boot.kernel = "/home/me/Image";
	vms[1].linux_boot.cmdline = "";
	expect_valid();
}

static void test_linux_kind_and_fields(void **state)
{
	vms[1].kind = (enum sys_vm_kind)7;
	expect_invalid("VM guest2: unknown kind 7 (SYS_VM_BARE or SYS_VM_LINUX)");
	setup(state);
	vms[1].linux_boot.cmdline = "console=ttyAMA0";
	expect_invalid("VM guest2: linux_boot (kernel, initrd, cmdline) is for Linux guests, not a "
		       "bare-metal one");
	setup(state);
	vms[1].linux_boot.initrd = "tessera";
	expect_invalid("is for Linux guests");
	setup(state);
	make_linux(1);
	vms[1].image = "guest";
	expect_invalid("VM guest2: a Linux guest boots linux_boot.kernel; leave image NULL");
	vms[1].image = NULL;
	vms[1].linux_boot.kernel = NULL;
	expect_invalid("VM guest2: a Linux guest needs linux_boot.kernel");
	vms[1].linux_boot.kernel = "";
	expect_invalid("VM guest2: a Linux guest needs linux_boot.kernel");
	vms[1].linux_boot.kernel = "debian";
	vms[1].linux_boot.cmdline = NULL;
	expect_invalid("VM guest2: a Linux guest needs linux_boot.cmdline");
	vms[1].linux_boot.cmdline = "console=ttyAMA0\n";
	expect_invalid("VM guest2: the command line must be printable and at most 2047 characters");
	vms[1].linux_boot.cmdline = CMDLINE;
	vms[1].linux_boot.kernel = "my Image";
	expect_invalid(
	    "VM guest2: the kernel and initramfs names must be printable, without spaces");
	vms[1].linux_boot.kernel = "debian";
	vms[1].linux_boot.initrd = "";
	expect_invalid("VM guest2: linux_boot.initrd is empty");
}

static void test_linux_cmdline_length(void **state)
{
	static char line[SYS_LINUX_CMDLINE_MAX + 2];

	make_linux(1);
	memset(line, 'a', SYS_LINUX_CMDLINE_MAX);
	vms[1].linux_boot.cmdline = line;
	expect_valid();
	line[SYS_LINUX_CMDLINE_MAX] = 'a';
	expect_invalid("VM guest2: the command line must be printable and at most 2047 characters");
}

/* cfgtool computes the entry and boot argument from the Image; the window must be 2 MiB aligned. */
static void test_linux_placement(void **state)
{
	const char *msg = "VM guest2: a Linux guest's memory (pa, ipa, size) must be 2 MiB aligned";

	make_linux(1);
	vms[1].mem.entry_offset = 0x80000;
	expect_invalid("VM guest2: cfgtool sets a Linux guest's entry_offset and boot_arg; leave "
		       "them 0");
	vms[1].mem.entry_offset = 0;
	vms[1].boot_arg = 0x42200000;
	expect_invalid("leave them 0");
	vms[1].boot_arg = 0;
	vms[1].mem.pa += 0x100000;
	expect_invalid(msg);
	vms[1].mem.pa -= 0x100000;
	vms[1].mem.ipa = 0x40100000;
	expect_invalid(msg);
	vms[1].mem.ipa = GUEST_IPA;
	vms[1].mem.size = MiB(191);
	expect_invalid(msg);
	vms[1].mem.size = MiB(190);
	expect_valid();
}

/* No VM lists any part of the GIC: every guest has nshyp's virtual GIC at its addresses. */
static void test_linux_gic_devices(void **state)
{
	const struct sys_dev gicd = { .pa = PLAT_GICD_BASE, .size = PLAT_GICD_SIZE };
	const struct sys_dev gicr = { .pa = PLAT_GICR_BASE, .size = PLAT_GICR_SIZE };

	make_linux(1);
	expect_valid(); /* the NS UART only */
	vms[1].devs[1] = gicd;
	vms[1].dev_count = 2;
	expect_invalid("VM guest2: device 1 overlaps the GIC (owned by firmware; guests get a "
		       "virtual one)");
	vms[1].devs[1] = gicr;
	expect_invalid("VM guest2: device 1 overlaps the GIC");
	vms[1].devs[1] = (struct sys_dev){ .pa = 0x08080000, .size = 0x20000 }; /* the ITS */
	expect_invalid("VM guest2: device 1 overlaps the GIC");
	/* Bare-metal guests and partitions neither. */
	setup(state);
	vms[1].devs[1] = gicd;
	vms[1].dev_count = 2;
	expect_invalid("VM guest2: device 1 overlaps the GIC (owned by firmware");
	setup(state);
	sps[1].devs[1] = gicr;
	sps[1].dev_count = 2;
	expect_invalid("SP B: device 1 overlaps the GIC (owned by firmware");
}

static void test_optee_shm_size(void **state)
{
	const char *bad = "VM guest2: optee_shm_size 0x";

	make_linux(1);
	vms[1].optee_shm_size = SYS_OPTEE_SHM_MIN;
	expect_valid();
	vms[1].optee_shm_size = SYS_OPTEE_SHM_MIN - 0x1000;
	expect_invalid(bad);
	assert_non_null(strstr(err, "must be a multiple of 4 KiB, at least 0x11000, at most "
				    "0x400000 (one FF-A share) and smaller than its memory"));
	vms[1].optee_shm_size = SYS_OPTEE_SHM_MAX;
	expect_valid();
	vms[1].optee_shm_size = SYS_OPTEE_SHM_MAX + 0x1000;
	expect_invalid(bad);
	vms[1].optee_shm_size = MiB(2) + 0x800;
	expect_invalid(bad);
	vms[1].optee_shm_size = MiB(192);
	expect_invalid(bad);
	vms[1].optee_shm_size = MiB(2);
	memset(vms[1].tees, 0, sizeof(vms[1].tees));
	expect_invalid("VM guest2: optee_shm_size is set but the guest is bound to no TEE");
	/* A bare-metal guest may speak the OP-TEE SMC ABI too; the built-in image keeps 2 MiB. */
	setup(state);
	vms[1].optee_shm_size = MiB(1);
	expect_invalid("VM guest2: built-in image \"guest\" runs at IPA 0x40000000 with "
		       "entry_offset 0 and needs at least 0x200000 bytes (below any OP-TEE shared "
		       "memory)");
	vms[1].mem.size = MiB(3);
	expect_valid();
}

/*
 * The most a description can hold: 8 partitions and 8 Linux guests with initramfs, 35 package
 * entries (boot reads up to PKG_MAX_ENTRIES). With a UART each, 8 Linux guests would need 144
 * stage-2 tables, more than nshyp's pool; without, they fit.
 */
static void test_package_entries(void **state)
{
	static const char *const names[] = { "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7" };
	struct sys_vm template;

	make_linux(1);
	template = vms[1];
	add_sps(SYS_MAX_SPS);
	for (unsigned i = 0; i < SYS_MAX_VMS; i++) {
		vms[i] = template;
		vms[i].name = names[i];
		vms[i].vm_id = (uint16_t)(i + 1);
		vms[i].mem.pa = 0x40400000 + i * MiB(96);
		vms[i].mem.size = MiB(96);
	}
	sys.vm_count = SYS_MAX_VMS;
	/* Two more device windows each (laid out as the GIC's frames were, in the virtio range). */
	for (unsigned i = 0; i < SYS_MAX_VMS; i++) {
		vms[i].devs[1] = (struct sys_dev){ .pa = 0x0a000000, .size = 0x10000 };
		vms[i].devs[2] = (struct sys_dev){ .pa = 0x0a0a0000, .size = 0x20000 };
		vms[i].dev_count = 3;
	}
	expect_invalid("the guests may need up to 144 stage-2 tables; nshyp has 128");
	for (unsigned i = 0; i < SYS_MAX_VMS; i++)
		vms[i].dev_count = 2;
	assert_true(3 + SYS_MAX_SPS + 3 * SYS_MAX_VMS <= PKG_MAX_ENTRIES);
	expect_valid();
}

static void test_names_are_plain(void **state)
{
	vms[1].name = "a/b";
	expect_invalid("VM 1: needs a name of 1..12 characters (letters, digits, '_', '-', '.')");
	vms[1].name = "g\"2";
	expect_invalid("VM 1: needs a name");
	vms[1].name = "g-2.x_Y";
	expect_valid();
	sps[1].name = "B B";
	expect_invalid("SP 1: needs a name");
}

/* Debian 12's kernel: text_offset 0, image_size 0x2010000, a 32 MB file. */
static const struct sys_linux_files debian = {
	.text_offset = 0,
	.image_size = 0x2010000,
	.kernel_bytes = 32956352,
	.initrd_bytes = 987820,
};

static int layout(const struct sys_linux_files *f, struct sys_linux_layout *l)
{
	strcpy(err, "untouched");
	return sys_linux_layout(&vms[1], f, l, err, sizeof(err));
}

static void test_linux_layout(void **state)
{
	struct sys_linux_layout l;
	struct sys_linux_files f = debian;

	make_linux(1);
	assert_int_equal(layout(&f, &l), 0);
	assert_string_equal(err, "untouched");
	assert_int_equal(l.kernel, 0);
	assert_int_equal(l.dtb, 0x2200000);	      /* next 2 MiB after 0x2010000 */
	assert_int_equal(l.initrd, 0x2400000);	      /* next 2 MiB after the DTB's 64 KiB */
	assert_int_equal(l.end, 0x2400000 + 0xf2000); /* 987820 rounded up to 4 KiB */
	assert_int_equal(l.shm, MiB(190));
	/* An older kernel's text_offset 0x80000; an image_size ending on a 2 MiB boundary. */
	f.text_offset = 0x80000;
	f.image_size = MiB(4) - 0x80000;
	f.kernel_bytes = f.image_size;
	assert_int_equal(layout(&f, &l), 0);
	assert_int_equal(l.kernel, 0x80000);
	assert_int_equal(l.dtb, MiB(4));
	assert_int_equal(l.initrd, MiB(6));
	/* No initramfs: the DTB is the last piece. */
	f.initrd_bytes = 0;
	assert_int_equal(layout(&f, &l), 0);
	assert_int_equal(l.initrd, 0);
	assert_int_equal(l.end, MiB(4) + SYS_LINUX_DTB_SIZE);
}

static void test_linux_layout_does_not_fit(void **state)
{
	struct sys_linux_layout l = { 0 };
	struct sys_linux_files f = debian;

	make_linux(1);
	/* Exactly up to the OP-TEE shared memory fits; one page more does not. */
	f.initrd_bytes = MiB(190) - 0x2400000;
	assert_int_equal(layout(&f, &l), 0);
	f.initrd_bytes += 1;
	assert_int_equal(layout(&f, &l), -1);
	assert_string_equal(err,
			    "VM guest2: the kernel, DTB and initramfs need 0xbe01000 bytes but "
			    "only 0xbe00000 lie below its OP-TEE shared memory; give it more "
			    "memory");
	f = debian;
	f.kernel_bytes = f.image_size + 1;
	assert_int_equal(layout(&f, &l), -1);
	assert_non_null(strstr(err, "VM guest2: the kernel file (0x2010001 bytes) is larger than "
				    "its header's image_size 0x2010000"));
	/* Header values that would overflow the sums, or an unaligned text_offset. */
	static const struct sys_linux_files hostile[] = {
		{ .text_offset = ~0ull & ~0xfffull, .image_size = 0x1000 },
		{ .text_offset = 0, .image_size = ~0ull },
		{ .text_offset = 0, .image_size = 0x1000, .initrd_bytes = ~0ull },
		{ .text_offset = 0x800, .image_size = 0x1000 },
	};
	for (unsigned i = 0; i < SYS_COUNT(hostile); i++) {
		assert_int_equal(layout(&hostile[i], &l), -1);
		assert_non_null(strstr(err, "does not fit its 0xc000000-byte memory"));
	}
}

/* Interrupt ownership: the secure timer to one partition, SPIs with their devices. */
static void test_irqs_good(void **state)
{
	sps[0].irqs[0] = SYS_IRQ_SEC_TIMER;
	sps[0].irqs[1] = 40; /* the secure UART's SPI 8 */
	sps[0].irq_count = 2;
	sps[0].boot_arg |= TOS_ARG_TIMER; /* a trusted OS told it owns the timer */
	vms[0].irqs[0] = 33;		  /* the NS UART's SPI 1 */
	vms[0].irq_count = 1;
	/* A virtio-mmio page holds 8 transports: SPIs 16..23 (INTIDs 48..55). */
	vms[1].devs[1] = (struct sys_dev){ .pa = 0x0a000000, .size = 0x1000 };
	vms[1].dev_count = 2;
	vms[1].irqs[0] = 48;
	vms[1].irqs[1] = 55;
	vms[1].irq_count = 2;
	expect_valid();
	/* The most a list holds. */
	for (unsigned i = 0; i < SYS_MAX_IRQS; i++)
		vms[1].irqs[i] = (uint16_t)(48 + i);
	vms[1].irq_count = SYS_MAX_IRQS;
	expect_valid();
}

static void test_irqs_one_owner(void **state)
{
	sps[0].irqs[0] = sps[1].irqs[0] = SYS_IRQ_SEC_TIMER;
	sps[0].irq_count = sps[1].irq_count = 1;
	sps[0].boot_arg |= TOS_ARG_TIMER;
	sps[1].boot_arg |= TOS_ARG_TIMER;
	expect_invalid("interrupt 30 has two owners: SP A and SP B");
	setup(state);
	sps[0].irqs[0] = 40;
	sps[0].irq_count = 1;
	sps[1].irqs[0] = 40;
	sps[1].irq_count = 1;
	expect_invalid("interrupt 40 has two owners: SP A and SP B");
	setup(state);
	vms[0].irqs[0] = vms[1].irqs[0] = 33;
	vms[0].irq_count = vms[1].irq_count = 1;
	expect_invalid("interrupt 33 has two owners: VM guest1 and VM guest2");
	setup(state);
	/* A partition's SPI is secure: no guest may list it too. */
	sps[0].devs[1] = (struct sys_dev){ .pa = 0x0a000000, .size = 0x1000 };
	sps[0].dev_count = 2;
	sps[0].irqs[0] = 50;
	sps[0].irq_count = 1;
	vms[1].devs[1] = (struct sys_dev){ .pa = 0x0a000000, .size = 0x1000 };
	vms[1].dev_count = 2;
	vms[1].irqs[0] = 50;
	vms[1].irq_count = 1;
	expect_invalid("interrupt 50 has two owners: SP A and VM guest2");
	setup(state);
	sps[0].irqs[0] = sps[0].irqs[1] = SYS_IRQ_SEC_TIMER;
	sps[0].irq_count = 2;
	expect_invalid("SP A: interrupt 30 is listed twice");
}

/* A trusted OS uses the secure timer exactly when the description routes it PPI 30. */
static void test_tos_timer_needs_both(void **state)
{
	sps[0].irqs[0] = SYS_IRQ_SEC_TIMER;
	sps[0].irq_count = 1;
	expect_invalid("SP A: owns the secure timer (PPI 30) but its boot argument lacks "
		       "TOS_ARG_TIMER");
	setup(state);
	sps[0].boot_arg |= TOS_ARG_TIMER;
	expect_invalid("SP A: TOS_ARG_TIMER without the secure timer (PPI 30) in its irqs");
}

static void test_irqs_reserved(void **state)
{
	static const uint16_t sgis[] = { 0, 7, 8, 15 };
	static const uint16_t ppis[] = { 16, 23, 25, 26, 27, 28, 31 };

	for (unsigned i = 0; i < SYS_COUNT(sgis); i++) {
		setup(state);
		sps[0].irqs[0] = sgis[i];
		sps[0].irq_count = 1;
		expect_invalid("is an SGI, which belongs to the firmware");
		setup(state);
		vms[0].irqs[0] = sgis[i];
		vms[0].irq_count = 1;
		expect_invalid("is an SGI, which belongs to the firmware");
	}
	/* SGI 8 is the FF-A schedule receiver interrupt (SYS_IRQ_SRI): said so. */
	setup(state);
	vms[1].irqs[0] = SYS_IRQ_SRI;
	vms[1].irq_count = 1;
	expect_invalid("VM guest2: interrupt 8 is an SGI, which belongs to the firmware: the FF-A "
		       "schedule receiver interrupt");
	for (unsigned i = 0; i < SYS_COUNT(ppis); i++) {
		setup(state);
		sps[0].irqs[0] = ppis[i];
		sps[0].irq_count = 1;
		expect_invalid("is fixed by role; a partition may list only PPI 30");
	}
	/* PPI 29, CNTPS, was the secure timer before S-EL2: now the firmware's, for anyone. */
	setup(state);
	sps[0].irqs[0] = SYS_IRQ_CNTPS;
	sps[0].irq_count = 1;
	sps[0].boot_arg |= TOS_ARG_TIMER;
	expect_invalid("SP A: PPI 29 (CNTPS) is the firmware's: with S-EL2 no partition can use "
		       "it; the secure timer is PPI 30 (CNTP)");
	setup(state);
	vms[0].irqs[0] = SYS_IRQ_CNTPS;
	vms[0].irq_count = 1;
	expect_invalid("VM guest1: PPI 29 (CNTPS) is the firmware's");
	setup(state);
	sps[0].irqs[0] = 288;
	sps[0].irq_count = 1;
	expect_invalid("SP A: interrupt 288 is out of range (QEMU virt's SPIs are 32..287)");
	setup(state);
	vms[0].irqs[0] = 1023;
	vms[0].irq_count = 1;
	expect_invalid("VM guest1: interrupt 1023 is out of range");
	setup(state);
	sps[0].irq_count = SYS_MAX_IRQS + 1;
	expect_invalid("SP A: more than 8 interrupts");
	setup(state);
	vms[0].irq_count = SYS_MAX_IRQS + 1;
	expect_invalid("VM guest1: more than 8 interrupts");
}

/* Secure ones only to partitions: the secure timer is not a guest's; SPIs go with devices. */
static void test_irqs_secure_and_devices(void **state)
{
	vms[0].irqs[0] = SYS_IRQ_SEC_TIMER;
	vms[0].irq_count = 1;
	expect_invalid("VM guest1: PPI 30 is fixed by role; a guest may list only SPIs");
	setup(state);
	vms[0].irqs[0] = 40; /* the secure UART's: not a device of the guest */
	vms[0].irq_count = 1;
	expect_invalid("VM guest1: SPI 40 is not raised by any of its devices");
	setup(state);
	vms[0].irqs[0] = 34; /* the RTC's */
	vms[0].irq_count = 1;
	expect_invalid("VM guest1: SPI 34 is not raised by any of its devices");
	vms[0].devs[1] = (struct sys_dev){ .pa = 0x09010000, .size = 0x1000 };
	vms[0].dev_count = 2;
	expect_valid();
	setup(state);
	sps[0].irqs[0] = 33; /* the NS UART's: not the partition's device */
	sps[0].irq_count = 1;
	expect_invalid("SP A: SPI 33 is not raised by any of its devices");
	setup(state);
	/* One virtio-mmio transport past the guest's page. */
	vms[1].devs[1] = (struct sys_dev){ .pa = 0x0a000000, .size = 0x1000 };
	vms[1].dev_count = 2;
	vms[1].irqs[0] = 56;
	vms[1].irq_count = 1;
	expect_invalid("VM guest2: SPI 56 is not raised by any of its devices");
	setup(state);
	vms[1].irqs[0] = 100; /* no device raises it on this platform */
	vms[1].irq_count = 1;
	expect_invalid("VM guest2: SPI 100 is not raised by any of its devices");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good, setup),
		cmocka_unit_test_setup(test_good_edges, setup),
		cmocka_unit_test_setup(test_max_sps, setup),
		cmocka_unit_test_setup(test_sp_count, setup),
		cmocka_unit_test_setup(test_vm_count, setup),
		cmocka_unit_test_setup(test_sp_overlap, setup),
		cmocka_unit_test_setup(test_sp_ipa_clear_of_retrieved_memory, setup),
		cmocka_unit_test_setup(test_vm_overlap, setup),
		cmocka_unit_test_setup(test_sp_outside_secure_window, setup),
		cmocka_unit_test_setup(test_vm_outside_ns_ram, setup),
		cmocka_unit_test_setup(test_unknown_tee, setup),
		cmocka_unit_test_setup(test_vm_to_vm_binding, setup),
		cmocka_unit_test_setup(test_duplicate_ids, setup),
		cmocka_unit_test_setup(test_sp_signer, setup),
		cmocka_unit_test_setup(test_duplicate_uuid, setup),
		cmocka_unit_test_setup(test_nil_uuid, setup),
		cmocka_unit_test_setup(test_vm_id, setup),
		cmocka_unit_test_setup(test_sp_id, setup),
		cmocka_unit_test_setup(test_unaligned_memory, setup),
		cmocka_unit_test_setup(test_ipa_window, setup),
		cmocka_unit_test_setup(test_entry_offset, setup),
		cmocka_unit_test_setup(test_builtin_image_placement, setup),
		cmocka_unit_test_setup(test_vmid_collision, setup),
		cmocka_unit_test_setup(test_stage2_table_budget, setup),
		cmocka_unit_test_setup(test_secure_uart_to_ns, setup),
		cmocka_unit_test_setup(test_device_in_secure_ram, setup),
		cmocka_unit_test_setup(test_bad_devices, setup),
		cmocka_unit_test_setup(test_names_and_images, setup),
		cmocka_unit_test_setup(test_test_behaviour_needs_test_build, setup),
		cmocka_unit_test_setup(test_product_refuses_test_build, setup),
		cmocka_unit_test_setup(test_short_error_buffer, setup),
		cmocka_unit_test_setup(test_linux_good, setup),
		cmocka_unit_test_setup(test_linux_kind_and_fields, setup),
		cmocka_unit_test_setup(test_linux_cmdline_length, setup),
		cmocka_unit_test_setup(test_linux_placement, setup),
		cmocka_unit_test_setup(test_linux_gic_devices, setup),
		cmocka_unit_test_setup(test_optee_shm_size, setup),
		cmocka_unit_test_setup(test_package_entries, setup),
		cmocka_unit_test_setup(test_names_are_plain, setup),
		cmocka_unit_test_setup(test_linux_layout, setup),
		cmocka_unit_test_setup(test_linux_layout_does_not_fit, setup),
		cmocka_unit_test_setup(test_irqs_good, setup),
		cmocka_unit_test_setup(test_irqs_one_owner, setup),
		cmocka_unit_test_setup(test_tos_timer_needs_both, setup),
		cmocka_unit_test_setup(test_irqs_reserved, setup),
		cmocka_unit_test_setup(test_irqs_secure_and_devices, setup),
	};

	return cmocka_run_group_tests_name("sys_validate", tests, NULL, NULL);
}
