/* SPDX-License-Identifier: BSD-3-Clause */
/* The trusted OS's test-only code (tos/test/, linked into tos_test only): shared declarations. */
#ifndef TOS_TEST_TOS_TEST_H
#define TOS_TEST_TOS_TEST_H

#include <abi/ffa.h>
#include <stdint.h>

uint64_t tos_selftest(ffa_id_t self);
uint64_t tos_call_other(ffa_id_t self);
void tos_hostile(ffa_id_t self, unsigned calls);
void tos_mem_command(ffa_id_t self, ffa_id_t sender, struct ffa_value *m, uint32_t pattern,
		     uint64_t handle, unsigned op, ffa_id_t lender);
/* Release what memory test commands hold or lent for `client`; how many. */
unsigned tos_mem_forget(ffa_id_t self, ffa_id_t client);

/* TOS_CMD_SEND2 (indirect.c): op cmd[15:8] with endpoint w3; the answer in resp's w6/w7. */
void tos_send2_command(ffa_id_t self, uint64_t cmd, uint64_t w3, struct ffa_value *resp);

#endif /* TOS_TEST_TOS_TEST_H */
