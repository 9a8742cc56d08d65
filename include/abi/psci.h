/* SPDX-License-Identifier: BSD-3-Clause */
/* PSCI v1.1 (Arm DEN0022D) function IDs and return codes (§5.1, §5.2.2). */
#ifndef ABI_PSCI_H
#define ABI_PSCI_H

#define PSCI_VERSION		    0x84000000u
#define PSCI_CPU_SUSPEND	    0x84000001u
#define PSCI_CPU_SUSPEND64	    0xc4000001u
#define PSCI_CPU_OFF		    0x84000002u
#define PSCI_CPU_ON		    0x84000003u
#define PSCI_CPU_ON64		    0xc4000003u
#define PSCI_AFFINITY_INFO	    0x84000004u
#define PSCI_AFFINITY_INFO64	    0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE	    0x84000006u
#define PSCI_SYSTEM_OFF		    0x84000008u
#define PSCI_SYSTEM_RESET	    0x84000009u
#define PSCI_FEATURES		    0x8400000au

#define PSCI_VERSION_1_1	    0x10001u

#define PSCI_RET_SUCCESS	    0
#define PSCI_RET_NOT_SUPPORTED	    (-1)
#define PSCI_RET_INVALID_PARAMETERS (-2)
#define PSCI_RET_DENIED		    (-3)
#define PSCI_RET_ALREADY_ON	    (-4)

/* MIGRATE_INFO_TYPE: "trusted OS not present or does not require migration". */
#define PSCI_TOS_NOT_PRESENT_MP 2

#endif /* ABI_PSCI_H */
