/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host "physical memory" for code that reaches memory by PA (the hypervisors'
 * memory modules): anonymous memory mapped into the test process at the
 * platform's own addresses, secure RAM at PLAT_SEC_RAM_BASE and NS RAM at
 * PLAT_NS_RAM_BASE, so a PA is a host pointer. Low addresses are ordinary
 * application memory for ASan on x86-64.
 */
#ifndef TEST_FUZZ_FAKE_PHYS_H
#define TEST_FUZZ_FAKE_PHYS_H

/* Map both windows (once per process; aborts if the addresses are taken). */
void fake_phys_map(void);

#endif /* TEST_FUZZ_FAKE_PHYS_H */
