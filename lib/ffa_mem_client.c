// SPDX-License-Identifier: BSD-3-Clause
/*
 * The endpoint side of FF-A v1.1 memory management (include/lib/ffa_mem_client.h):
 * descriptors are built in a local staging buffer, then copied into TX one
 * fragment at a time, so a caller's TX buffer never holds a half-written
 * descriptor that the hypervisor could see. Retrieve responses are assembled
 * the same way from RX.
 */
#include <lib/ffa_mem_client.h>
#include <lib/string.h>
#include <port/call.h>
#include <stddef.h>

/* Above the largest descriptor the hypervisors accept (4 borrowers, 16 ranges: 384 bytes). */
#define DESC_MAX 1024u

static struct ffa_value ffa_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	struct ffa_value v = { { fid, a1, a2, a3, a4, 0, 0, 0 } };

	port_smc(&v);
	return v;
}

/* 0 for FFA_SUCCESS, the error code for FFA_ERROR, ABORTED for anything else. */
static int32_t ffa_result(const struct ffa_value *r)
{
	if (r->x[0] == FFA_SUCCESS_32 || r->x[0] == FFA_SUCCESS_64)
		return 0;
	if (r->x[0] == FFA_ERROR)
		return (int32_t)(uint32_t)r->x[2];
	return FFA_RET_ABORTED;
}

static uint64_t handle_of(uint64_t lo, uint64_t hi)
{
	return (uint32_t)lo | (uint64_t)(uint32_t)hi << 32;
}

uint32_t ffa_mem_desc_build(uint8_t *d, uint32_t max, ffa_id_t self,
			    const struct ffa_mem_grant *grants, uint32_t grant_count,
			    const struct ffa_mem_range *ranges, uint32_t range_count,
			    uint16_t attributes, uint32_t flags, uint64_t tag)
{
	uint32_t access_off = sizeof(struct ffa_mem_region);
	uint32_t comp_off = access_off + grant_count * (uint32_t)sizeof(struct ffa_mem_access);
	uint32_t cons_off = comp_off + (uint32_t)sizeof(struct ffa_composite_mem_region);
	uint32_t len = cons_off + range_count * (uint32_t)sizeof(struct ffa_mem_constituent);
	struct ffa_mem_region hdr = { 0 };
	struct ffa_composite_mem_region comp = { 0 };

	if (grant_count == 0 || range_count == 0 || grant_count > max || range_count > max ||
	    len > max)
		return 0;
	hdr.sender_id = self;
	hdr.attributes = attributes;
	hdr.flags = flags;
	hdr.tag = tag;
	hdr.ep_mem_access_size = sizeof(struct ffa_mem_access);
	hdr.ep_count = grant_count;
	hdr.ep_mem_access_offset = access_off;
	memcpy(d, &hdr, sizeof(hdr));
	for (uint32_t i = 0; i < grant_count; i++) {
		struct ffa_mem_access a = { .receiver_id = grants[i].id,
					    .permissions = grants[i].perms,
					    .composite_offset = comp_off };

		memcpy(d + access_off + i * sizeof(a), &a, sizeof(a));
	}
	for (uint32_t i = 0; i < range_count; i++) {
		struct ffa_mem_constituent c = { .address = ranges[i].addr,
						 .page_count = ranges[i].pages };

		memcpy(d + cons_off + i * sizeof(c), &c, sizeof(c));
		comp.page_count += ranges[i].pages;
	}
	comp.constituent_count = range_count;
	memcpy(d + comp_off, &comp, sizeof(comp));
	return len;
}

int32_t ffa_mem_send(uint32_t fid, const struct ffa_mem_buffers *buf, ffa_id_t self,
		     const struct ffa_mem_grant *grants, uint32_t grant_count,
		     const struct ffa_mem_range *ranges, uint32_t range_count, uint16_t attributes,
		     uint32_t flags, uint64_t tag, uint32_t frag_max, uint64_t *handle)
{
	static uint8_t desc[DESC_MAX];
	uint32_t total = ffa_mem_desc_build(desc, DESC_MAX, self, grants, grant_count, ranges,
					    range_count, attributes, flags, tag);
	uint32_t sent, frag;
	struct ffa_value r;

	if (total == 0)
		return FFA_RET_INVALID_PARAMETERS;
	if (frag_max == 0 || frag_max > buf->size)
		frag_max = buf->size;
	frag = total < frag_max ? total : frag_max;
	memcpy(buf->tx, desc, frag);
	r = ffa_call(fid, total, frag, 0, 0);
	sent = frag;
	/* The receiver asks for the next fragment with FFA_MEM_FRAG_RX(handle, offset). */
	while (r.x[0] == FFA_MEM_FRAG_RX) {
		uint32_t offset = (uint32_t)r.x[3];

		if (offset != sent || sent >= total)
			return FFA_RET_ABORTED;
		frag = total - sent < frag_max ? total - sent : frag_max;
		memcpy(buf->tx, desc + sent, frag);
		r = ffa_call(FFA_MEM_FRAG_TX, (uint32_t)r.x[1], (uint32_t)r.x[2], frag, 0);
		sent += frag;
	}
	if (ffa_result(&r) != 0)
		return ffa_result(&r);
	*handle = handle_of(r.x[2], r.x[3]);
	return 0;
}

int32_t ffa_mem_reclaim(uint64_t handle, uint32_t flags)
{
	struct ffa_value r = ffa_call(FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, flags, 0);

	return ffa_result(&r);
}

static uint32_t build_retrieve_req(uint8_t *d, ffa_id_t self, ffa_id_t sender, uint64_t handle,
				   uint8_t perms, uint32_t flags)
{
	struct ffa_mem_region hdr = { 0 };
	struct ffa_mem_access a = { .receiver_id = self, .permissions = perms };

	hdr.sender_id = sender;
	hdr.flags = flags;
	hdr.handle = handle;
	hdr.ep_mem_access_size = sizeof(struct ffa_mem_access);
	hdr.ep_count = 1;
	hdr.ep_mem_access_offset = sizeof(hdr);
	memcpy(d, &hdr, sizeof(hdr));
	memcpy(d + sizeof(hdr), &a, sizeof(a));
	return sizeof(hdr) + sizeof(a);
}

/* Read a retrieve response: this endpoint's access descriptor, then the composite. */
static int32_t parse_retrieve_resp(const uint8_t *d, uint32_t len, ffa_id_t self,
				   struct ffa_mem_retrieved *out)
{
	struct ffa_mem_region hdr;
	struct ffa_composite_mem_region comp;
	uint32_t comp_off = 0;

	if (len < sizeof(hdr))
		return FFA_RET_ABORTED;
	memcpy(&hdr, d, sizeof(hdr));
	if (hdr.ep_mem_access_size != sizeof(struct ffa_mem_access) ||
	    (uint64_t)hdr.ep_mem_access_offset + (uint64_t)hdr.ep_count * 16 > len)
		return FFA_RET_ABORTED;
	for (uint32_t i = 0; i < hdr.ep_count; i++) {
		struct ffa_mem_access a;

		memcpy(&a, d + hdr.ep_mem_access_offset + i * sizeof(a), sizeof(a));
		if (a.receiver_id == self) {
			comp_off = a.composite_offset;
			out->perms = a.permissions;
		}
	}
	if (comp_off == 0 || (uint64_t)comp_off + sizeof(comp) > len)
		return FFA_RET_ABORTED;
	memcpy(&comp, d + comp_off, sizeof(comp));
	if (comp.constituent_count == 0 || comp.constituent_count > FFA_MEM_CLIENT_MAX_RANGES ||
	    (uint64_t)comp_off + sizeof(comp) + (uint64_t)comp.constituent_count * 16 > len)
		return FFA_RET_ABORTED;
	out->range_count = comp.constituent_count;
	for (uint32_t i = 0; i < comp.constituent_count; i++) {
		struct ffa_mem_constituent c;

		memcpy(&c, d + comp_off + sizeof(comp) + i * sizeof(c), sizeof(c));
		out->ranges[i].addr = c.address;
		out->ranges[i].pages = c.page_count;
	}
	out->ns = (hdr.attributes & FFA_MEM_ATTR_NS) != 0;
	out->flags = hdr.flags;
	return 0;
}

int32_t ffa_mem_retrieve(const struct ffa_mem_buffers *buf, ffa_id_t self, ffa_id_t sender,
			 uint64_t handle, uint8_t perms, uint32_t flags,
			 struct ffa_mem_retrieved *out)
{
	static uint8_t desc[DESC_MAX];
	uint32_t len = build_retrieve_req(buf->tx, self, sender, handle, perms, flags);
	struct ffa_value r = ffa_call(FFA_MEM_RETRIEVE_REQ_32, len, len, 0, 0);
	uint32_t total, got = 0;

	if (r.x[0] != FFA_MEM_RETRIEVE_RESP)
		return ffa_result(&r) ? ffa_result(&r) : FFA_RET_ABORTED;
	total = (uint32_t)r.x[1];
	/* Fragments arrive in RX: take each, release RX, ask for the next at its offset. */
	for (;;) {
		uint32_t frag = (uint32_t)r.x[r.x[0] == FFA_MEM_RETRIEVE_RESP ? 2 : 3];

		if (total > DESC_MAX || frag > buf->size || frag > total - got) {
			ffa_rx_release();
			return FFA_RET_ABORTED;
		}
		memcpy(desc + got, buf->rx, frag);
		got += frag;
		ffa_rx_release();
		if (got == total || frag == 0)
			break;
		r = ffa_call(FFA_MEM_FRAG_RX, (uint32_t)handle, handle >> 32, got, 0);
		if (r.x[0] != FFA_MEM_FRAG_TX)
			return ffa_result(&r) ? ffa_result(&r) : FFA_RET_ABORTED;
	}
	if (got != total)
		return FFA_RET_ABORTED;
	return parse_retrieve_resp(desc, total, self, out);
}

int32_t ffa_mem_relinquish(const struct ffa_mem_buffers *buf, ffa_id_t self, uint64_t handle,
			   uint32_t flags)
{
	struct ffa_mem_relinquish rel = { .handle = handle, .flags = flags, .endpoint_count = 1 };
	uint8_t *tx = buf->tx;
	struct ffa_value r;

	memcpy(tx, &rel, sizeof(rel));
	memcpy(tx + sizeof(rel), &self, sizeof(self));
	r = ffa_call(FFA_MEM_RELINQUISH, 0, 0, 0, 0);
	return ffa_result(&r);
}

int32_t ffa_rxtx_map(const struct ffa_mem_buffers *buf)
{
	struct ffa_value r = ffa_call(FFA_RXTX_MAP_64, (uintptr_t)buf->tx, (uintptr_t)buf->rx,
				      buf->size / FFA_PAGE_SIZE, 0);

	return ffa_result(&r);
}

int32_t ffa_rx_release(void)
{
	struct ffa_value r = ffa_call(FFA_RX_RELEASE, 0, 0, 0, 0);

	return ffa_result(&r);
}
