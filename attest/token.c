// SPDX-License-Identifier: BSD-3-Clause
/*
 * Claims assembly and the token's encoding (token.h). The payload is a CBOR map of EAT/PSA
 * claims; the token is COSE_Sign1 = 18([protected {1: -7 (ES256)}, {}, payload, signature])
 * and the signature covers Sig_structure = ["Signature1", protected, h'', payload]
 * (RFC 9052 §4.4).
 */
#include "token.h"

#include <lib/string.h>

#include "cbor.h"

#define COSE_SIGN1_TAG 18
/* The protected header map {1 (alg): -7 (ES256)} as its encoded bytes. */
static const uint8_t protected_hdr[] = { 0xa1, 0x01, 0x26 };
/* The platform components a token names, in order, by their event-log names. */
static const char *const platform_names[] = { "boot", "monitor", "spmc", "sysdesc" };

bool attest_evlog_valid(const struct evlog *log)
{
	return log && log->magic == EVLOG_MAGIC && log->count <= EVLOG_MAX;
}

static bool name_is(const struct evlog_entry *e, const char *name)
{
	size_t n = strlen(name);

	return n <= sizeof(e->name) && memcmp(e->name, name, n) == 0 &&
	       (n == sizeof(e->name) || e->name[n] == 0);
}

static bool is_key(const struct evlog_entry *e)
{
	return memcmp(e->name, "key:", 4) == 0;
}

/*
 * The hash of signer `index`: the "key:<signer>" entry boot recorded for it, which carries
 * the signer's index in the package's key table as its own `signer` (docs/attestation.md);
 * NULL if the log has none.
 */
static const uint8_t *signer_hash(const struct evlog *log, unsigned index)
{
	for (uint32_t i = 0; i < log->count; i++)
		if (is_key(&log->e[i]) && log->e[i].signer == index)
			return log->e[i].sha256;
	return NULL;
}

static void add(const struct evlog *log, const struct evlog_entry *e, const char *type,
		struct attest_claims *c)
{
	struct attest_component *s = &c->comp[c->comp_count++];

	memset(s->type, 0, sizeof(s->type));
	memcpy(s->type, type, strlen(type));
	s->value = e->sha256;
	s->svn = e->svn;
	s->signer_id = signer_hash(log, e->signer);
}

bool attest_components_from_log(const struct evlog *log, uint16_t caller, struct attest_claims *c)
{
	c->comp_count = 0;
	if (!attest_evlog_valid(log) || caller == 0)
		return false;
	for (unsigned n = 0; n < sizeof(platform_names) / sizeof(platform_names[0]); n++)
		for (uint32_t i = 0; i < log->count; i++)
			if (log->e[i].ffa_id == 0 && name_is(&log->e[i], platform_names[n])) {
				add(log, &log->e[i], platform_names[n], c);
				break;
			}
	for (uint32_t i = 0; i < log->count; i++)
		if (log->e[i].ffa_id == caller && !is_key(&log->e[i])) {
			add(log, &log->e[i], "tos", c);
			return true;
		}
	return false;
}

/* The security version as a decimal text string (PSA's version claim is a tstr). */
static void svn_tstr(struct cbor *w, uint32_t v)
{
	char d[10];
	size_t n = 0;

	do {
		d[sizeof(d) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	cbor_tstr_n(w, d + sizeof(d) - n, n);
}

static void component(struct cbor *w, const struct attest_component *s)
{
	cbor_map(w, s->signer_id ? 5 : 4);
	cbor_uint(w, SWC_TYPE);
	cbor_tstr(w, s->type);
	cbor_uint(w, SWC_VALUE);
	cbor_bstr(w, s->value, 32);
	cbor_uint(w, SWC_VERSION);
	svn_tstr(w, s->svn);
	if (s->signer_id) {
		cbor_uint(w, SWC_SIGNER_ID);
		cbor_bstr(w, s->signer_id, 32);
	}
	cbor_uint(w, SWC_DESC);
	cbor_tstr(w, "sha-256");
}

static void payload(struct cbor *w, const struct attest_claims *c)
{
	cbor_map(w, 9);
	cbor_uint(w, EAT_PROFILE);
	cbor_tstr(w, ATTEST_PROFILE);
	cbor_uint(w, EAT_NONCE);
	cbor_bstr(w, c->challenge, c->challenge_len);
	cbor_uint(w, EAT_UEID);
	cbor_bstr(w, c->ueid, 33);
	cbor_uint(w, PSA_IMPLEMENTATION_ID);
	cbor_bstr(w, c->impl_id, 32);
	cbor_uint(w, PSA_CLIENT_ID);
	cbor_uint(w, c->client_id);
	cbor_uint(w, PSA_LIFECYCLE);
	cbor_uint(w, ATTEST_LIFECYCLE_SECURED);
	cbor_uint(w, PSA_SW_COMPONENTS);
	cbor_array(w, c->comp_count);
	for (unsigned i = 0; i < c->comp_count; i++)
		component(w, &c->comp[i]);
	cbor_int(w, TESSERA_PARTITION);
	cbor_map(w, 2);
	cbor_uint(w, 1);
	cbor_tstr(w, c->partition_name);
	cbor_uint(w, 2);
	cbor_bstr(w, c->partition_uuid, 16);
	cbor_int(w, TESSERA_TA_UUID);
	cbor_bstr(w, c->ta_uuid, 16);
}

size_t attest_token_encode(const struct attest_claims *c, attest_sign_fn sign, void *sign_ctx,
			   uint8_t *out, size_t cap, uint8_t *scratch)
{
	struct cbor p, tbs, tok;
	uint8_t sig[ATTEST_SIG_LEN];

	cbor_init(&p, scratch, cap);
	payload(&p, c);
	cbor_init(&tbs, scratch + cap, cap);
	cbor_array(&tbs, 4);
	cbor_tstr(&tbs, "Signature1");
	cbor_bstr(&tbs, protected_hdr, sizeof(protected_hdr));
	cbor_bstr(&tbs, NULL, 0); /* external_aad */
	cbor_bstr(&tbs, p.buf, p.len);
	if (!cbor_ok(&p) || !cbor_ok(&tbs) || sign(sign_ctx, tbs.buf, tbs.len, sig) != 0)
		return 0;
	cbor_init(&tok, out, cap);
	cbor_tag(&tok, COSE_SIGN1_TAG);
	cbor_array(&tok, 4);
	cbor_bstr(&tok, protected_hdr, sizeof(protected_hdr));
	cbor_map(&tok, 0);
	cbor_bstr(&tok, p.buf, p.len);
	cbor_bstr(&tok, sig, sizeof(sig));
	memset(sig, 0, sizeof(sig));
	return cbor_ok(&tok) ? tok.len : 0;
}
