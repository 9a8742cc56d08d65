/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port contract (docs/architecture.md §12): the firmware-call conduit. What portable code (lib/)
 * uses to call the level above it, SMCCC v1.1 register use: x0-x7 taken from *v and their
 * results put back there (in place: no copy of the whole value on either side of the call).
 * Implemented by arch/<arch>/port.c (AArch64: SMC #0 and HVC #0; the host's fake arch: the test
 * harness's fake_smc()). Code that is itself architecture-specific may use the inline forms of
 * <arch/smc.h> instead.
 */
#ifndef PORT_CALL_H
#define PORT_CALL_H

#include <abi/ffa.h>

/* A call to the firmware above (AArch64: SMC), e.g. FF-A from a partition, guest or nshyp. */
void port_smc(struct ffa_value *v);
/* A call to the hypervisor above (AArch64: HVC), e.g. a guest's call to nshyp. */
void port_hvc(struct ffa_value *v);

#endif /* PORT_CALL_H */
