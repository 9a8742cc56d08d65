// SPDX-License-Identifier: BSD-3-Clause
/* Hostile-input generator for test payloads (see <lib/hostile.h>). */
#include <abi/smccc.h>
#include <lib/hostile.h>
#include <lib/print.h>
#include <port/call.h>

uint64_t hostile_rand(struct hostile *h)
{
	uint64_t x = h->state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	h->state = x;
	return x;
}

/* The calls that do real work in some layer: drawn often so that random input gets deep. */
static const uint32_t hot_fids[] = {
	FFA_MSG_SEND_DIRECT_REQ_32,
	FFA_MSG_SEND_DIRECT_REQ_64,
	FFA_RUN,
	FFA_RXTX_MAP_64,
	FFA_RXTX_MAP_32,
	FFA_RXTX_UNMAP,
	FFA_RX_RELEASE,
	FFA_PARTITION_INFO_GET,
	FFA_MSG_SEND_DIRECT_RESP_32,
	FFA_YIELD,
	FFA_FEATURES,
	FFA_VERSION,
};

/* A function ID from one of the ranges every layer dispatches on, or pure noise. */
static uint32_t random_fid(struct hostile *h)
{
	uint32_t r = (uint32_t)hostile_rand(h);

	switch (r % 10) {
	case 8:
	case 9:
		return hot_fids[(r >> 8) % (sizeof(hot_fids) / sizeof(hot_fids[0]))];
	case 0:
	case 1:
	case 2:
		return 0x84000060u + (r >> 8) % 0xa0u; /* FF-A SMC32 */
	case 3:
		return 0xc4000060u + (r >> 8) % 0xa0u; /* FF-A SMC64 */
	case 4:
		return ((r >> 8) & 1 ? 0xc4000000u : 0x84000000u) + (r >> 9) % 0x20u; /* PSCI */
	case 5:
		return 0x80000000u + (r >> 8) % 0x10u; /* SMCCC arch */
	case 6:
		return 0x32000000u | ((r >> 8) & 0x3fffffu) | ((r & 0x100u) << 23); /* trusted OS */
	default:
		return (uint32_t)hostile_rand(h); /* anything */
	}
}

static bool excluded(const struct hostile *h, uint32_t fid)
{
	for (unsigned i = 0; i < h->exclude_count; i++)
		if ((fid & ~SMCCC_SVE_HINT) == h->exclude[i])
			return true;
	return false;
}

static uint64_t random_arg(struct hostile *h)
{
	uint64_t r = hostile_rand(h);

	switch (r % 7) {
	case 0:
		return 0;
	case 1:
		return h->addr_count ? h->addrs[(r >> 8) % h->addr_count] : r;
	case 2:
		return (r >> 8) & 0xffff; /* small: counts, IDs, flags */
	case 3:
		return ffa_msg_ids((uint16_t)(r >> 8), (uint16_t)(0x8000 + ((r >> 24) % 4)));
	case 4:
		return ffa_msg_ids(h->self, (uint16_t)(0x8000 + ((r >> 24) % 4)));
	default:
		return hostile_rand(h);
	}
}

struct ffa_value hostile_call(struct hostile *h, uint32_t *fid)
{
	struct ffa_value v;

	do {
		*fid = random_fid(h);
	} while (excluded(h, *fid));
	v.x[0] = *fid;
	for (int i = 1; i < 8; i++)
		v.x[i] = random_arg(h);
	/* Half the time, a well-formed sender/receiver pair (w1) from this caller. */
	if (hostile_rand(h) & 1)
		v.x[1] = ffa_msg_ids(h->self, (uint16_t)(0x8000 + hostile_rand(h) % 4));
	if (h->use_hvc && (hostile_rand(h) & 1))
		port_hvc(&v);
	else
		port_smc(&v);
	return v;
}

bool hostile_result_defined(const struct ffa_value *r)
{
	uint32_t w0 = (uint32_t)r->x[0];
	int32_t w2 = (int32_t)r->x[2];

	switch (w0) {
	case FFA_ERROR:
		return w2 <= -1 && w2 >= -9;
	case FFA_SUCCESS_32:
	case FFA_SUCCESS_64:
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_YIELD:
	case FFA_VERSION_1_1:	/* FFA_VERSION, and PSCI_VERSION 1.1 */
	case SMCCC_VERSION_1_2: /* SMCCC_VERSION */
		return true;
	default:
		/* SMC_UNK / NOT_SUPPORTED, or a small PSCI status (0, 2, negative codes). */
		return r->x[0] == SMCCC_UNKNOWN || (uint32_t)r->x[0] == 0xffffffffu ||
		       ((int64_t)r->x[0] >= -9 && (int64_t)r->x[0] <= 2);
	}
}

unsigned hostile_run(struct hostile *h, unsigned calls,
		     void (*each)(void *ctx, const struct ffa_value *r, unsigned i), void *ctx)
{
	unsigned undefined = 0;

	for (unsigned i = 1; i <= calls; i++) {
		uint32_t fid;
		struct ffa_value r = hostile_call(h, &fid);

		if (!hostile_result_defined(&r)) {
			undefined++;
			printk("undefined result 0x%lx for function 0x%x\n", (unsigned long)r.x[0],
			       fid);
		}
		if (each)
			each(ctx, &r, i);
	}
	return undefined;
}
