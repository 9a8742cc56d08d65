// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for the SPMC's attestation service (attest/attest_service.c, token.c,
 * cbor.c): a fuzzed request page, room, caller and event log. Invariants: a success writes a
 * tagged COSE_Sign1 of exactly the length it reports, within the room, and nothing past it; a
 * refusal writes nothing; the token always names the caller given (never anything from the
 * request) and is at most ATTEST_TOKEN_MAX bytes.
 */
#include <assert.h>
#include <string.h>

#include <abi/attest.h>
#include <abi/ffa.h>

#include "../../attest/attest_service.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t page[4096] __attribute__((aligned(4096)));
static uint8_t snapshot[4096];
static struct evlog log_;
static unsigned long successes; /* for a debugger: that the deep path is reached */

static uint8_t *map(void *ctx, uint64_t ipa)
{
	(void)ctx;
	return ipa == 0x1000 ? page : NULL;
}

static int sign(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64])
{
	(void)ctx, (void)msg, (void)len;
	memset(sig, 0x5a, 64);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t ueid[33], impl[32], uuid[16] = { 7 };
	struct fuzz_input in = { data, size };
	struct attest_device dev = { &log_, ueid, impl, sign, NULL };
	struct attest_caller who = { (uint16_t)fuzz_take(&in, 2), "tee", uuid };
	uint64_t ipa = fuzz_take(&in, 1) < 240 ? 0x1000 : fuzz_take(&in, 8);
	uint64_t room = fuzz_take(&in, 2), len = 0;
	size_t n;
	int32_t rc;

	memset(page, 0xee, sizeof(page));
	n = in.left < sizeof(struct attest_req) ? in.left : sizeof(struct attest_req);
	memcpy(page, in.data, n); /* the request, as fuzzed */
	in.data += n, in.left -= n;
	memset(&log_, 0xee, sizeof(log_));
	n = in.left < sizeof(log_) ? in.left : sizeof(log_);
	memcpy(&log_, in.data, n);   /* the log: magic and count too */
	if (n && (in.data[0] & 1)) { /* usually a log that measures the caller, to go deeper */
		log_.magic = EVLOG_MAGIC;
		log_.count = log_.count % EVLOG_MAX + 1;
		log_.e[log_.count - 1].ffa_id = who.ffa_id;
		memcpy(log_.e[log_.count - 1].name, "x", 2);
		if (in.data[0] & 2) { /* and a request that passes */
			struct attest_req *r = (struct attest_req *)page;

			r->version = ATTEST_REQ_VERSION;
			r->challenge_len = ATTEST_CHALLENGE_MIN + r->challenge_len % 57;
			memset(r->challenge + r->challenge_len, 0, 64 - r->challenge_len);
			r->reserved = 0;
		}
	}
	memcpy(snapshot, page, sizeof(page));
	rc = attest_handle(&dev, &who, ipa, room, map, NULL, &len);
	if (rc != 0) {
		assert(rc == FFA_RET_INVALID_PARAMETERS || rc == FFA_RET_DENIED ||
		       rc == FFA_RET_NO_MEMORY || rc == FFA_RET_ABORTED);
		assert(memcmp(snapshot, page, sizeof(page)) == 0);
		return 0;
	}
	assert(len > 0 && len <= room && len <= ATTEST_TOKEN_MAX);
	assert(page[0] == 0xd2 && page[1] == 0x84); /* 18([...4 items]) */
	assert(memcmp(page + len, snapshot + len, sizeof(page) - len) == 0);
	assert(memmem(page, len, "\x19\x09\x5a", 3)); /* the client ID claim */
	successes++;
	return 0;
}
