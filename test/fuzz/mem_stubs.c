// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host stand-ins for the hypervisors' FF-A memory modules (mem_spmc.c,
 * mem_nshyp.c) in the dispatcher tests and fuzz targets: those modules touch
 * physical memory and stage 2s, which the host cannot give them; the
 * memory-management core they use is tested on its own (test_mem_share,
 * fuzz_mem) and the whole path in QEMU (test/sys/test_mem.py). Here every
 * memory call is "not ours", so the dispatchers answer NOT_SUPPORTED.
 */
#include <abi/ffa.h>
#include <hyp/rxtx.h>
#include <stdbool.h>
#include <stdint.h>

struct sp;
struct guest;

bool spmc_mem_nwd_call(struct ffa_value *m);
bool spmc_mem_sp_call(struct sp *sp, struct ffa_value *c);
bool spmc_mem_supported(uint32_t fid, bool from_partition);
void spmc_mem_init(void);
bool nshyp_mem_call(struct guest *g, struct ffa_value *m);
bool nshyp_mem_supported(uint32_t fid);

bool spmc_mem_nwd_call(struct ffa_value *m)
{
	(void)m;
	return false;
}

bool spmc_mem_sp_call(struct sp *sp, struct ffa_value *c)
{
	(void)sp;
	(void)c;
	return false;
}

bool spmc_mem_supported(uint32_t fid, bool from_partition)
{
	(void)fid;
	(void)from_partition;
	return false;
}

void spmc_mem_init(void)
{
}

bool spmc_mem_feature_input_ok(uint32_t fid, uint32_t input, const struct sp *sp);
bool spmc_mem_feature_input_ok(uint32_t fid, uint32_t input, const struct sp *sp)
{
	(void)fid;
	(void)input;
	(void)sp;
	return true;
}

uint32_t spmc_mem_feature_bits(uint32_t fid, const struct sp *sp);
uint32_t spmc_mem_feature_bits(uint32_t fid, const struct sp *sp)
{
	(void)fid;
	(void)sp;
	return 0;
}

/* The hypervisor's own pair at the SPMC (msg_spmc.c reads a forwarded RXTX_MAP from its TX):
 * none, unless a test points this at one. */
struct rxtx *mem_stub_nwd_rxtx;
struct rxtx *spmc_mem_nwd_buffers(void);
struct rxtx *spmc_mem_nwd_buffers(void)
{
	static struct rxtx none;

	return mem_stub_nwd_rxtx ? mem_stub_nwd_rxtx : &none;
}

void spmc_mem_partition_aborted(struct sp *sp);
void spmc_mem_partition_aborted(struct sp *sp)
{
	(void)sp;
}

bool nshyp_mem_call(struct guest *g, struct ffa_value *m)
{
	(void)g;
	(void)m;
	return false;
}

bool nshyp_mem_supported(uint32_t fid)
{
	(void)fid;
	return false;
}

/* The OP-TEE mediator's window share: always granted, with a fixed handle. */
int32_t nshyp_mem_share_pinned(struct guest *g, uint64_t ipa, uint32_t pages, const ffa_id_t *to,
			       unsigned count, uint64_t *handle);
int32_t nshyp_mem_share_pinned(struct guest *g, uint64_t ipa, uint32_t pages, const ffa_id_t *to,
			       unsigned count, uint64_t *handle)
{
	(void)g;
	(void)ipa;
	(void)pages;
	(void)to;
	(void)count;
	*handle = 0x1234;
	return 0;
}

bool vm_mem_feature(const struct guest *g, uint32_t fid);
bool vm_mem_feature(const struct guest *g, uint32_t fid)
{
	(void)g;
	(void)fid;
	return false;
}

uint32_t vm_mem_feature_bits(const struct guest *g, uint32_t fid);
uint32_t vm_mem_feature_bits(const struct guest *g, uint32_t fid)
{
	(void)g;
	(void)fid;
	return 0;
}

/* nshyp's own TX (mem_nshyp.c): none, so guests' buffers stay at nshyp alone, unless a test
 * points this at one. */
void *mem_stub_nshyp_tx;
void *nshyp_mem_tx(void);
void *nshyp_mem_tx(void)
{
	return mem_stub_nshyp_tx;
}
