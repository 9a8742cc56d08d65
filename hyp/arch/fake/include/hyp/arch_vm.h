/* SPDX-License-Identifier: BSD-3-Clause */
/* Host "fake" architecture: per-VM and per-vCPU arch state of the hypervisor core (none needed). */
#ifndef HYP_ARCH_VM_H
#define HYP_ARCH_VM_H

#include <stdint.h>

struct vcpu_arch {
	uint64_t loads; /* how often the vCPU was loaded: lets tests see switching */
};

struct vm_arch {
	uint64_t root;
};

#endif /* HYP_ARCH_VM_H */
