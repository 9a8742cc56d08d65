// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A v1.1 indirect messages at the SPMC (DEN0077A §7.2-7.4, RX buffer ownership; the
 * FFA_MSG_SEND2 ABI; expected errors as Hafnium's api_ffa_msg_send2() and Arm's FF-A ACS,
 * test/v1.1 indirect messaging). A partition with properties bit 2 sends a message to another
 * with bit 2: header and payload go from its TX into the receiver's RX (hyp/core/rxtx.c checks
 * the header and the RX's ownership), the receiver owns its RX until FFA_RX_RELEASE, and it is
 * told by the framework notification "RX buffer full" (bit 0 of the SPM framework bitmap, GET's
 * w6), kept here and read through notif_spmc.c's GET. Nothing blocks: the sender runs on. There
 * is no binding policy between partitions (as for their direct requests and discovery): the
 * properties decide. Nothing here runs on the direct-message path.
 */
#include <string.h>

#include "msg_spmc.h"
#include "spmc.h"

/* Pending framework notifications per partition: [31:0] SPM's (w6), [63:32] hypervisor's (w7). */
static uint64_t fwk_pending[SYS_MAX_SPS];

static bool sends_indirect(const struct sp *sp)
{
	return (sp->cfg->properties & FFA_PART_PROP_INDIRECT_MSG) != 0;
}

bool spmc_msg_supported(uint32_t fid, const struct sp *sp)
{
	/* RX_ACQUIRE is a hypervisor's, for VMs' buffers, which the SPMC does not keep. */
	return fid == FFA_MSG_SEND2 && sp && sends_indirect(sp);
}

/*
 * FFA_MSG_SEND2 from partition `from`: w1 MBZ (the sender VM ID only a hypervisor forwards),
 * w2 flags: bit 1 delay SRI (accepted: there is no SRI to delay), the rest MBZ. Then, in
 * Hafnium's order: the header (INVALID_PARAMETERS; DENIED without a TX), the receiver exists
 * (INVALID_PARAMETERS), both take indirect messages (DENIED), the receiver is alive (ABORTED),
 * its RX is free (BUSY) and large enough (INVALID_PARAMETERS).
 */
static int32_t send2(struct sp *from, const struct ffa_value *m)
{
	struct ffa_msg_header h;
	struct sp *to;
	int32_t rc;

	if (m->x[1] != 0 || (m->x[2] & ~(uint64_t)FFA_MSG_SEND2_FLAG_DELAY_SRI))
		return FFA_RET_INVALID_PARAMETERS;
	rc = rxtx_msg_header(&from->rxtx, from->vm.id, &h);
	if (rc)
		return rc;
	to = spmc_find_sp(ffa_msg_receiver(h.ids));
	if (!to)
		return FFA_RET_INVALID_PARAMETERS;
	if (!sends_indirect(from) || !sends_indirect(to))
		return FFA_RET_DENIED;
	if (to->vm.vcpus[0].state == VCPU_ABORTED)
		return FFA_RET_ABORTED;
	rc = rxtx_msg_deliver(&to->rxtx, &from->rxtx, &h);
	if (rc)
		return rc;
	fwk_pending[to - spmc_partitions] |= FFA_NOTIF_FWK_RX_FULL; /* SPM's: from a partition */
	return 0;
}

bool spmc_msg_sp_call(struct sp *sp, struct ffa_value *m)
{
	int32_t rc;

	if ((uint32_t)m->x[0] != FFA_MSG_SEND2)
		return false;
	rc = spmc_msg_supported(FFA_MSG_SEND2, sp) ? send2(sp, m) : FFA_RET_DENIED;
	*m = rc ? ffa_error(rc) : ffa_success(0);
	return true;
}

void spmc_msg_fwk_get(ffa_id_t rcv, uint64_t want, struct ffa_value *v)
{
	struct sp *sp = spmc_find_sp(rcv);
	uint64_t *p;

	if (!sp)
		return; /* a VM: no framework notification reaches it through the SPMC */
	p = &fwk_pending[sp - spmc_partitions];
	if (want & FFA_NOTIF_GET_SPM) {
		v->x[6] = (uint32_t)*p;
		*p &= ~(uint64_t)UINT32_MAX;
	}
	if (want & FFA_NOTIF_GET_HYP) {
		v->x[7] = *p >> 32;
		*p &= UINT32_MAX;
	}
}

void spmc_msg_init(void)
{
	memset(fwk_pending, 0, sizeof(fwk_pending));
}

void spmc_msg_partition_aborted(const struct sp *sp)
{
	fwk_pending[sp - spmc_partitions] = 0;
}
