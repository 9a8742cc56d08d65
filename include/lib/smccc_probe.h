/* SPDX-License-Identifier: BSD-3-Clause */
/* Test helper for EL1 payloads: issue unknown function IDs by SMC and HVC and print each result. */
#ifndef LIB_SMCCC_PROBE_H
#define LIB_SMCCC_PROBE_H

void smccc_probe_unknown(void);

#endif
