// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the vault TA: its blob store (vault_core.c) and its command handling
 * through the real entry points (vault_ta.c), over the TA library shim. Each guest (FF-A
 * endpoint) has its own quota (issue 10 item 7): one guest filling its quota leaves every
 * other guest its full quota, and what a store answers depends only on the guest's own
 * blobs. Each owner (endpoint + GP identity, issue 11) sees only its own blobs: two users of
 * a guest, its PUBLIC clients, and the same identity in two guests are all apart; the
 * owners of one guest share its quota and its one area.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../ta/vault/vault_core.h"
#include "test_ta_shim.h"

#define T_NONE TEE_PARAM_TYPE_NONE
#define T_MIN  TEE_PARAM_TYPE_MEMREF_INPUT
#define T_MOUT TEE_PARAM_TYPE_MEMREF_OUTPUT
#define T_VOUT TEE_PARAM_TYPE_VALUE_OUTPUT

static struct vault v;

/* The PUBLIC client of endpoint e: what every session of a guest was before identities. */
static const struct ta_client *pub(uint32_t e)
{
	static struct ta_client c[128];

	c[e % 128] = (struct ta_client){ .endpoint = e };
	return &c[e % 128];
}

/* A client of endpoint e logged in with `login` and a UUID whose bytes are all u. */
static const struct ta_client *who(uint32_t e, uint32_t login, uint8_t u)
{
	static struct ta_client c[16];
	static unsigned next;
	struct ta_client *p = &c[next++ % 16];

	*p = (struct ta_client){ .endpoint = e, .id.login = login };
	memset(&p->id.uuid, u, sizeof(p->id.uuid));
	return p;
}

static int setup(void **state)
{
	(void)state;
	shim_reset();
	vault_init(&v);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vault_clear(&v);
	assert_int_equal(shim_heap_used, 0); /* nothing leaked */
	return 0;
}

static TEE_Result store(const char *name, const void *data, size_t size)
{
	return vault_store(&v, pub(0), name, strlen(name), data, size);
}

static size_t count0(void)
{
	size_t count, total;

	vault_usage(&v, 0, &count, &total);
	return count;
}

static size_t total0(void)
{
	size_t count, total;

	vault_usage(&v, 0, &count, &total);
	return total;
}

static void test_store_fetch_roundtrip(void **state)
{
	char out[16];
	size_t size = sizeof(out);

	(void)state;
	assert_int_equal(store("photo", "cat picture", 11), TEE_SUCCESS);
	assert_int_equal(vault_fetch(&v, pub(0), "photo", 5, out, &size), TEE_SUCCESS);
	assert_int_equal(size, 11);
	assert_memory_equal(out, "cat picture", 11);
	assert_int_equal(total0(), 11);
}

static void test_store_replaces(void **state)
{
	char out[16];
	size_t size = sizeof(out);

	(void)state;
	assert_int_equal(store("a", "first", 5), TEE_SUCCESS);
	assert_int_equal(store("a", "2nd", 3), TEE_SUCCESS);
	assert_int_equal(count0(), 1);
	assert_int_equal(total0(), 3);
	assert_int_equal(vault_fetch(&v, pub(0), "a", 1, out, &size), TEE_SUCCESS);
	assert_int_equal(size, 3);
	assert_memory_equal(out, "2nd", 3);
}

static void test_fetch_short_buffer_and_missing(void **state)
{
	char out[4];
	size_t size = sizeof(out);

	(void)state;
	assert_int_equal(store("doc", "0123456789", 10), TEE_SUCCESS);
	assert_int_equal(vault_fetch(&v, pub(0), "doc", 3, out, &size), TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(size, 10);
	size = 0;
	assert_int_equal(vault_fetch(&v, pub(0), "doc", 3, NULL, &size), TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(size, 10);
	size = sizeof(out);
	assert_int_equal(vault_fetch(&v, pub(0), "dog", 3, out, &size), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(vault_fetch(&v, pub(0), "do", 2, out, &size), TEE_ERROR_ITEM_NOT_FOUND);
}

static void test_empty_blob(void **state)
{
	size_t size = 0;

	(void)state;
	assert_int_equal(store("empty", NULL, 0), TEE_SUCCESS);
	assert_int_equal(vault_fetch(&v, pub(0), "empty", 5, NULL, &size), TEE_SUCCESS);
	assert_int_equal(size, 0);
	assert_int_equal(vault_store(&v, pub(0), "x", 1, NULL, 5), TEE_ERROR_BAD_PARAMETERS);
}

static void test_list_in_store_order(void **state)
{
	char out[32];
	size_t size = sizeof(out);
	uint32_t count;

	(void)state;
	assert_int_equal(vault_list(&v, pub(0), out, &size, &count), TEE_SUCCESS);
	assert_int_equal(size, 0);
	assert_int_equal(count, 0);
	assert_int_equal(store("b", "1", 1), TEE_SUCCESS);
	assert_int_equal(store("aa", "2", 1), TEE_SUCCESS);
	assert_int_equal(store("ccc", "3", 1), TEE_SUCCESS);
	size = 8; /* needs 2 + 3 + 4 = 9 */
	assert_int_equal(vault_list(&v, pub(0), out, &size, &count), TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(size, 9);
	assert_int_equal(count, 3);
	size = sizeof(out);
	assert_int_equal(vault_list(&v, pub(0), out, &size, &count), TEE_SUCCESS);
	assert_int_equal(size, 9);
	assert_memory_equal(out, "b\0aa\0ccc\0", 9);
}

static void test_delete(void **state)
{
	char out[16];
	size_t size = sizeof(out);
	uint32_t count;

	(void)state;
	assert_int_equal(store("one", "1", 1), TEE_SUCCESS);
	assert_int_equal(store("two", "22", 2), TEE_SUCCESS);
	assert_int_equal(store("three", "333", 3), TEE_SUCCESS);
	assert_int_equal(vault_delete(&v, pub(0), "two", 3), TEE_SUCCESS);
	assert_int_equal(vault_delete(&v, pub(0), "two", 3), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(total0(), 4);
	assert_int_equal(vault_list(&v, pub(0), out, &size, &count), TEE_SUCCESS);
	assert_int_equal(count, 2);
	assert_memory_equal(out, "one\0three\0", 10);
}

static void test_names_checked(void **state)
{
	char long_name[VAULT_MAX_NAME + 1];

	(void)state;
	memset(long_name, 'n', sizeof(long_name));
	assert_int_equal(vault_store(&v, pub(0), "", 0, "x", 1), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(vault_store(&v, pub(0), NULL, 3, "x", 1), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(vault_store(&v, pub(0), "a\0b", 3, "x", 1), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(vault_store(&v, pub(0), long_name, sizeof(long_name), "x", 1),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(vault_store(&v, pub(0), long_name, VAULT_MAX_NAME, "x", 1), TEE_SUCCESS);
	assert_int_equal(vault_delete(&v, pub(0), "", 0), TEE_ERROR_BAD_PARAMETERS);
}

static void test_limits(void **state)
{
	static uint8_t big[VAULT_MAX_BLOB_SIZE + 1];
	char name[16];

	(void)state;
	assert_int_equal(vault_store(&v, pub(0), "big", 3, big, sizeof(big)),
			 TEE_ERROR_EXCESS_DATA);
	/* Total: VAULT_MAX_TOTAL / VAULT_MAX_BLOB_SIZE full blobs fit, one more byte does not. */
	for (int i = 0; i < VAULT_MAX_TOTAL / VAULT_MAX_BLOB_SIZE; i++) {
		snprintf(name, sizeof(name), "b%d", i);
		assert_int_equal(store(name, big, VAULT_MAX_BLOB_SIZE), TEE_SUCCESS);
	}
	assert_int_equal(store("more", big, 1), TEE_ERROR_OUT_OF_MEMORY);
	/* Replacing a blob by a smaller one is fine even when full. */
	assert_int_equal(store("b0", big, 10), TEE_SUCCESS);
	vault_clear(&v);
	/* Count: VAULT_MAX_BLOBS blobs, then no more. */
	for (int i = 0; i < VAULT_MAX_BLOBS; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(store(name, "x", 1), TEE_SUCCESS);
	}
	assert_int_equal(store("extra", "x", 1), TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(store("n3", "yy", 2), TEE_SUCCESS); /* replacing still works */
}

/* A store that does not fit changes nothing: the old blob stays as it was. */
static void test_refused_store_leaves_vault_unchanged(void **state)
{
	static uint8_t big[VAULT_MAX_BLOB_SIZE];
	char out[8];
	size_t size = sizeof(out), count, total;

	(void)state;
	assert_int_equal(store("k", "old", 3), TEE_SUCCESS);
	assert_int_equal(store("fill", big, VAULT_MAX_TOTAL - 3), TEE_SUCCESS);
	assert_int_equal(store("k", "newer", 5), TEE_ERROR_OUT_OF_MEMORY);
	vault_usage(&v, 0, &count, &total);
	assert_int_equal(count, 2);
	assert_int_equal(total, VAULT_MAX_TOTAL);
	assert_int_equal(vault_fetch(&v, pub(0), "k", 1, out, &size), TEE_SUCCESS);
	assert_memory_equal(out, "old", 3);
}

/* Fill client c's guest quota: "b0" takes the bytes, 15 one-byte blobs the count. */
static void fill_client(const struct ta_client *c, uint8_t fill)
{
	static uint8_t big[VAULT_MAX_BLOB_SIZE];
	struct ta_client me = *c;
	char name[16];

	_Static_assert(VAULT_MAX_TOTAL - (VAULT_MAX_BLOBS - 1) <= VAULT_MAX_BLOB_SIZE, "b0 fits");
	memset(big, fill, sizeof(big));
	assert_int_equal(
	    vault_store(&v, &me, "b0", 2, big, VAULT_MAX_TOTAL - (VAULT_MAX_BLOBS - 1)),
	    TEE_SUCCESS);
	for (int i = 1; i < VAULT_MAX_BLOBS; i++) {
		snprintf(name, sizeof(name), "b%d", i);
		assert_int_equal(vault_store(&v, &me, name, strlen(name), big, 1), TEE_SUCCESS);
	}
	assert_int_equal(vault_store(&v, &me, "x", 1, big, 0), TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(vault_store(&v, &me, "b1", 2, big, 2), TEE_ERROR_OUT_OF_MEMORY);
}

/* Fill endpoint o's quota as its PUBLIC client. */
static void fill_owner(uint32_t o)
{
	fill_client(pub(o), (uint8_t)o);
}

/*
 * Client A fills its quota (count and bytes): client B still stores VAULT_MAX_BLOBS blobs
 * and VAULT_MAX_TOTAL bytes, and every refusal B gets is the one it would get alone. Before,
 * the limits were shared: B got OUT_OF_MEMORY at its first store.
 */
static void test_one_client_full_leaves_others_their_quota(void **state)
{
	static uint8_t big[VAULT_MAX_BLOB_SIZE];
	char name[16];
	size_t count, total;

	(void)state;
	fill_owner(1);
	for (int i = 0; i < VAULT_MAX_BLOBS; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(vault_store(&v, pub(2), name, strlen(name), "x", 1), TEE_SUCCESS);
	}
	assert_int_equal(vault_store(&v, pub(2), "extra", 5, "x", 1), TEE_ERROR_OUT_OF_MEMORY);
	vault_clear(&v);
	fill_owner(1);
	assert_int_equal(vault_store(&v, pub(2), "all", 3, big, VAULT_MAX_BLOB_SIZE), TEE_SUCCESS);
	vault_usage(&v, 2, &count, &total);
	assert_int_equal(total, VAULT_MAX_BLOB_SIZE);
	/* A's blobs are intact. */
	vault_usage(&v, 1, &count, &total);
	assert_int_equal(count, VAULT_MAX_BLOBS);
	assert_int_equal(total, VAULT_MAX_TOTAL);
}

/* Every client of a system (VAULT_MAX_CLIENTS) gets its full quota at the same time. */
static void test_every_client_gets_its_quota(void **state)
{
	uint8_t out[VAULT_MAX_BLOB_SIZE];
	size_t size = sizeof(out);

	(void)state;
	for (uint32_t o = 1; o <= VAULT_MAX_CLIENTS; o++)
		fill_owner(o);
	for (uint32_t o = 1; o <= VAULT_MAX_CLIENTS; o++) {
		size = sizeof(out);
		assert_int_equal(vault_fetch(&v, pub(o), "b0", 2, out, &size), TEE_SUCCESS);
		assert_int_equal(out[0], o);
	}
	/* A client beyond what a system can have finds no area; one that empties its area
	 * frees it. */
	assert_int_equal(vault_store(&v, pub(99), "n", 1, "x", 1), TEE_ERROR_OUT_OF_MEMORY);
	for (int i = 0; i < VAULT_MAX_BLOBS; i++) {
		char name[16];

		snprintf(name, sizeof(name), "b%d", i);
		assert_int_equal(vault_delete(&v, pub(3), name, strlen(name)), TEE_SUCCESS);
	}
	assert_int_equal(vault_store(&v, pub(99), "n", 1, "x", 1), TEE_SUCCESS);
}

static void test_owners_are_separate(void **state)
{
	char out[16];
	size_t size = sizeof(out), n1, n2, t1, t2;
	uint32_t count;

	(void)state;
	assert_int_equal(vault_store(&v, pub(1), "photo", 5, "one", 3), TEE_SUCCESS);
	assert_int_equal(vault_fetch(&v, pub(2), "photo", 5, out, &size), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(vault_delete(&v, pub(2), "photo", 5), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(vault_list(&v, pub(2), out, &size, &count), TEE_SUCCESS);
	assert_int_equal(count, 0);
	assert_int_equal(size, 0);
	/* The same name for another owner is another blob. */
	assert_int_equal(vault_store(&v, pub(2), "photo", 5, "two!", 4), TEE_SUCCESS);
	vault_usage(&v, 1, &n1, &t1);
	vault_usage(&v, 2, &n2, &t2);
	assert_int_equal(n1 + n2, 2);
	assert_int_equal(t1 + t2, 7);
	size = sizeof(out);
	assert_int_equal(vault_fetch(&v, pub(1), "photo", 5, out, &size), TEE_SUCCESS);
	assert_int_equal(size, 3);
	assert_memory_equal(out, "one", 3);
	size = sizeof(out);
	assert_int_equal(vault_list(&v, pub(1), out, &size, &count), TEE_SUCCESS);
	assert_int_equal(count, 1);
	assert_memory_equal(out, "photo\0", 6);
	assert_int_equal(vault_delete(&v, pub(2), "photo", 5), TEE_SUCCESS);
	size = sizeof(out);
	assert_int_equal(vault_fetch(&v, pub(1), "photo", 5, out, &size), TEE_SUCCESS);
}

/*
 * Issue 11: the owner is (endpoint, login, UUID). Two users of a guest, its group login,
 * its PUBLIC clients, its kernel (REE_KERNEL) and the same user identity in another guest
 * each see only their own blobs; the same name under each is another blob.
 */
static void test_identities_are_separate(void **state)
{
	const struct ta_client *owners[] = {
		pub(1),
		who(1, TEE_LOGIN_USER, 0xa1),
		who(1, TEE_LOGIN_USER, 0xa2),
		who(1, TEE_LOGIN_GROUP, 0xa1),
		who(1, TEE_LOGIN_REE_KERNEL, 0),
		who(2, TEE_LOGIN_USER, 0xa1),
	};
	struct ta_client mine[6];
	const size_t n = sizeof(owners) / sizeof(owners[0]);
	char out[16];
	size_t size;
	uint32_t count;

	(void)state;
	for (size_t i = 0; i < n; i++)
		mine[i] = *owners[i];
	assert_int_equal(vault_store(&v, &mine[1], "key", 3, "A", 1), TEE_SUCCESS);
	for (size_t i = 0; i < n; i++) {
		size = sizeof(out);
		if (i == 1)
			continue;
		assert_int_equal(vault_fetch(&v, &mine[i], "key", 3, out, &size),
				 TEE_ERROR_ITEM_NOT_FOUND);
		assert_int_equal(vault_delete(&v, &mine[i], "key", 3), TEE_ERROR_ITEM_NOT_FOUND);
		assert_int_equal(vault_list(&v, &mine[i], out, &size, &count), TEE_SUCCESS);
		assert_int_equal(count, 0);
	}
	/* Each stores its own "key": six blobs, each owner fetches its own. */
	for (size_t i = 0; i < n; i++) {
		char b = (char)('A' + i);

		assert_int_equal(vault_store(&v, &mine[i], "key", 3, &b, 1), TEE_SUCCESS);
	}
	for (size_t i = 0; i < n; i++) {
		size = sizeof(out);
		assert_int_equal(vault_fetch(&v, &mine[i], "key", 3, out, &size), TEE_SUCCESS);
		assert_int_equal(out[0], 'A' + (int)i);
		size = sizeof(out);
		assert_int_equal(vault_list(&v, &mine[i], out, &size, &count), TEE_SUCCESS);
		assert_int_equal(count, 1);
		assert_memory_equal(out, "key\0", 4);
	}
	/* Deleting one owner's blob leaves the others'. */
	assert_int_equal(vault_delete(&v, &mine[2], "key", 3), TEE_SUCCESS);
	size = sizeof(out);
	assert_int_equal(vault_fetch(&v, &mine[1], "key", 3, out, &size), TEE_SUCCESS);
	assert_int_equal(out[0], 'B');
}

/*
 * The quota is the guest's (its endpoint's), shared by its identities: a user filling it
 * leaves another user of that guest nothing, and every other guest its whole quota; a
 * guest's many identities hold one area, so they cannot take other guests' areas.
 */
static void test_identities_share_their_guests_quota(void **state)
{
	struct ta_client a = *who(1, TEE_LOGIN_USER, 0xa1), b = *who(1, TEE_LOGIN_USER, 0xa2);
	size_t count, total;
	char name[16];

	(void)state;
	fill_client(&a, 0xa1);
	assert_int_equal(vault_store(&v, &b, "mine", 4, "x", 1), TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(vault_store(&v, pub(1), "mine", 4, "x", 1), TEE_ERROR_OUT_OF_MEMORY);
	fill_owner(2);
	/* One blob from each of 16 identities of guest 3: its whole quota, one area. */
	for (uint8_t u = 0; u < VAULT_MAX_BLOBS; u++) {
		struct ta_client c = *who(3, TEE_LOGIN_USER, u);

		assert_int_equal(vault_store(&v, &c, "n", 1, "x", 1), TEE_SUCCESS);
	}
	vault_usage(&v, 3, &count, &total);
	assert_int_equal(count, VAULT_MAX_BLOBS);
	/* A 17th identity of guest 3 is refused; every other guest still gets its area. */
	b = *who(3, TEE_LOGIN_GROUP, 0);
	assert_int_equal(vault_store(&v, &b, "n", 1, "x", 1), TEE_ERROR_OUT_OF_MEMORY);
	for (uint32_t o = 4; o <= VAULT_MAX_CLIENTS; o++)
		fill_owner(o);
	/* When user a deletes a blob, the room is its guest's again, for any of its owners. */
	snprintf(name, sizeof(name), "b%d", 5);
	assert_int_equal(vault_delete(&v, &a, name, strlen(name)), TEE_SUCCESS);
	b = *who(1, TEE_LOGIN_USER, 0xa2);
	assert_int_equal(vault_store(&v, &b, "mine", 4, "x", 1), TEE_SUCCESS);
}

/*
 * Random store/fetch/delete/list sequences against a plain model (per owner and name: present
 * or not, and the bytes; quotas per endpoint): the vault must answer exactly as the model,
 * including its limits. Owners: endpoint 1 PUBLIC, two users and a group of endpoint 1, and
 * endpoint 2 PUBLIC and as the first user's identity (the same login and UUID in two guests).
 */
#define M_OWNERS 6
#define M_EPS	 2
#define M_NAMES	 6
#define M_ROUNDS 30000

struct model_blob {
	bool present;
	size_t size;
	uint8_t fill; /* the blob is `size` bytes of this value */
};

struct model {
	struct model_blob b[M_OWNERS][M_NAMES];
	size_t count[M_EPS], total[M_EPS]; /* each endpoint's quota, shared by its owners */
};

static const char *const m_names[M_NAMES] = { "a", "bb", "photo", "key", "x1", "long-name-here" };

/* Model owner o's endpoint index (0 or 1) and its client. */
static int m_ep(int o)
{
	return o < 4 ? 0 : 1;
}

static const struct ta_client *m_owner(int o)
{
	switch (o) {
	case 0:
		return pub(1);
	case 1:
		return who(1, TEE_LOGIN_USER, 0xa1);
	case 2:
		return who(1, TEE_LOGIN_USER, 0xa2);
	case 3:
		return who(1, TEE_LOGIN_GROUP, 0xa1); /* the first user's UUID, another login */
	case 4:
		return pub(2);
	default:
		return who(2, TEE_LOGIN_USER, 0xa1);
	}
}

static size_t m_size(uint32_t *rng)
{
	static const size_t sizes[] = { 0,
					1,
					100,
					4096,
					VAULT_MAX_BLOB_SIZE / 2,
					VAULT_MAX_BLOB_SIZE,
					VAULT_MAX_BLOB_SIZE + 1 };
	*rng = *rng * 1103515245u + 12345u;
	return sizes[(*rng >> 16) % 7];
}

static TEE_Result model_store(struct model *m, int o, int n, size_t size, uint8_t fill)
{
	struct model_blob *b = &m->b[o][n];
	size_t old = b->present ? b->size : 0;
	int e = m_ep(o);

	if (size > VAULT_MAX_BLOB_SIZE)
		return TEE_ERROR_EXCESS_DATA;
	if ((!b->present && m->count[e] == VAULT_MAX_BLOBS) ||
	    m->total[e] - old + size > VAULT_MAX_TOTAL)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (!b->present)
		m->count[e]++;
	m->total[e] = m->total[e] - old + size;
	*b = (struct model_blob){ .present = true, .size = size, .fill = fill };
	return TEE_SUCCESS;
}

static void check_fetch(const struct model *m, int o, int n)
{
	static uint8_t out[VAULT_MAX_BLOB_SIZE];
	const struct model_blob *b = &m->b[o][n];
	size_t size = sizeof(out);
	TEE_Result res = vault_fetch(&v, m_owner(o), m_names[n], strlen(m_names[n]), out, &size);

	if (!b->present) {
		assert_int_equal(res, TEE_ERROR_ITEM_NOT_FOUND);
		return;
	}
	assert_int_equal(res, TEE_SUCCESS);
	assert_int_equal(size, b->size);
	for (size_t i = 0; i < size; i++)
		assert_int_equal(out[i], b->fill);
}

static void check_list(const struct model *m, int o)
{
	char out[VAULT_MAX_BLOBS * (VAULT_MAX_NAME + 1)];
	size_t size = sizeof(out), pos = 0;
	uint32_t count, expected = 0;

	for (int n = 0; n < M_NAMES; n++)
		expected += m->b[o][n].present;
	assert_int_equal(vault_list(&v, m_owner(o), out, &size, &count), TEE_SUCCESS);
	assert_int_equal(count, expected);
	/* Every name listed is one of this owner's. */
	for (uint32_t i = 0; i < count; i++) {
		int n = 0;

		while (n < M_NAMES && strcmp(out + pos, m_names[n]))
			n++;
		assert_true(n < M_NAMES && m->b[o][n].present);
		pos += strlen(out + pos) + 1;
	}
	assert_int_equal(pos, size);
}

static void model_delete(struct model *m, int o, int n)
{
	TEE_Result want = m->b[o][n].present ? TEE_SUCCESS : TEE_ERROR_ITEM_NOT_FOUND;

	assert_int_equal(vault_delete(&v, m_owner(o), m_names[n], strlen(m_names[n])), want);
	if (m->b[o][n].present) {
		m->count[m_ep(o)]--;
		m->total[m_ep(o)] -= m->b[o][n].size;
		m->b[o][n].present = false;
	}
}

static void test_against_model(void **state)
{
	static uint8_t data[VAULT_MAX_BLOB_SIZE + 1];
	struct model m = { 0 };
	uint32_t rng = 7;

	(void)state;
	for (int r = 0; r < M_ROUNDS; r++) {
		int o, n, op;

		rng = rng * 1103515245u + 12345u;
		o = (int)((rng >> 8) % M_OWNERS);
		n = (int)((rng >> 12) % M_NAMES);
		op = (int)((rng >> 20) % 4);
		if (op == 0 || op == 1) {
			size_t size = m_size(&rng);
			uint8_t fill = (uint8_t)r;

			memset(data, fill, size);
			assert_int_equal(
			    vault_store(&v, m_owner(o), m_names[n], strlen(m_names[n]), data, size),
			    model_store(&m, o, n, size, fill));
		} else if (op == 2) {
			model_delete(&m, o, n);
		} else {
			check_fetch(&m, o, n);
			check_list(&m, o);
		}
		for (int k = 0; k < M_EPS; k++) {
			size_t count, total;

			vault_usage(&v, (uint32_t)k + 1, &count, &total);
			assert_int_equal(count, m.count[k]);
			assert_int_equal(total, m.total[k]);
		}
	}
}

/* ---- through the TA entry points ---- */

static void *sess; /* the session ta_setup opened: endpoint and identity not provided */

static TEE_Result invoke(uint32_t cmd, uint32_t types, TEE_Param p[4])
{
	return TA_InvokeCommandEntryPoint(sess, cmd, types, p);
}

static void memref(TEE_Param *p, const void *buf, size_t size)
{
	p->memref.buffer = (void *)buf;
	p->memref.size = size;
}

static int ta_setup(void **state)
{
	(void)state;
	shim_reset();
	assert_int_equal(TA_CreateEntryPoint(), TEE_SUCCESS);
	sess = NULL;
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &sess), TEE_SUCCESS);
	assert_non_null(sess);
	return 0;
}

static int ta_teardown(void **state)
{
	(void)state;
	TA_CloseSessionEntryPoint(sess);
	TA_DestroyEntryPoint();
	assert_int_equal(shim_heap_used, 0);
	return 0;
}

static void test_ta_commands(void **state)
{
	const uint32_t store_t = TEE_PARAM_TYPES(T_MIN, T_MIN, T_NONE, T_NONE);
	const uint32_t fetch_t = TEE_PARAM_TYPES(T_MIN, T_MOUT, T_NONE, T_NONE);
	const uint32_t list_t = TEE_PARAM_TYPES(T_MOUT, T_VOUT, T_NONE, T_NONE);
	TEE_Param p[4] = { 0 };
	char out[32];

	(void)state;
	memref(&p[0], "photo", 5);
	memref(&p[1], "JPEG...", 7);
	assert_int_equal(invoke(TA_VAULT_CMD_STORE, store_t, p), TEE_SUCCESS);
	memref(&p[1], out, 3);
	assert_int_equal(invoke(TA_VAULT_CMD_FETCH, fetch_t, p), TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[1].memref.size, 7);
	memref(&p[1], out, sizeof(out));
	assert_int_equal(invoke(TA_VAULT_CMD_FETCH, fetch_t, p), TEE_SUCCESS);
	assert_int_equal(p[1].memref.size, 7);
	assert_memory_equal(out, "JPEG...", 7);
	memref(&p[0], out, sizeof(out));
	assert_int_equal(invoke(TA_VAULT_CMD_LIST, list_t, p), TEE_SUCCESS);
	assert_int_equal(p[0].memref.size, 6);
	assert_int_equal(p[1].value.a, 1);
	assert_memory_equal(out, "photo\0", 6);
	memref(&p[0], "photo", 5);
	assert_int_equal(invoke(TA_VAULT_CMD_DELETE, TEE_PARAM_TYPES(T_MIN, 0, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(invoke(TA_VAULT_CMD_FETCH, fetch_t, p), TEE_ERROR_ITEM_NOT_FOUND);
}

/* Sessions opened by different FF-A endpoints see only their own blobs. */
static void test_ta_sessions_of_different_endpoints(void **state)
{
	const uint32_t store_t = TEE_PARAM_TYPES(T_MIN, T_MIN, T_NONE, T_NONE);
	const uint32_t fetch_t = TEE_PARAM_TYPES(T_MIN, T_MOUT, T_NONE, T_NONE);
	TEE_Param p[4] = { 0 };
	void *guest1, *guest3;
	char out[8];

	(void)state;
	shim_client_endpoint = 1;
	assert_int_equal(TA_OpenSessionEntryPoint(0, p, &guest1), TEE_SUCCESS);
	shim_client_endpoint = 3;
	assert_int_equal(TA_OpenSessionEntryPoint(0, p, &guest3), TEE_SUCCESS);
	memref(&p[0], "photo", 5);
	memref(&p[1], "cat", 3);
	assert_int_equal(TA_InvokeCommandEntryPoint(guest1, TA_VAULT_CMD_STORE, store_t, p),
			 TEE_SUCCESS);
	memref(&p[1], out, sizeof(out));
	assert_int_equal(TA_InvokeCommandEntryPoint(guest3, TA_VAULT_CMD_FETCH, fetch_t, p),
			 TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(TA_InvokeCommandEntryPoint(guest1, TA_VAULT_CMD_FETCH, fetch_t, p),
			 TEE_SUCCESS);
	assert_memory_equal(out, "cat", 3);
	/* A session from a trusted OS that names no endpoint (owner 0) sees neither. */
	assert_int_equal(invoke(TA_VAULT_CMD_FETCH, fetch_t, p), TEE_ERROR_ITEM_NOT_FOUND);
	TA_CloseSessionEntryPoint(guest1);
	TA_CloseSessionEntryPoint(guest3);
}

/* Store `data` under "k" as session s; fetch "k" as session s (the result; data in out). */
static TEE_Result ta_store(void *s, const char *data)
{
	TEE_Param p[4] = { 0 };

	memref(&p[0], "k", 1);
	memref(&p[1], data, strlen(data));
	return TA_InvokeCommandEntryPoint(s, TA_VAULT_CMD_STORE,
					  TEE_PARAM_TYPES(T_MIN, T_MIN, T_NONE, T_NONE), p);
}

static TEE_Result ta_fetch(void *s, char out[8])
{
	TEE_Param p[4] = { 0 };

	memset(out, 0, 8);
	memref(&p[0], "k", 1);
	memref(&p[1], out, 7);
	return TA_InvokeCommandEntryPoint(s, TA_VAULT_CMD_FETCH,
					  TEE_PARAM_TYPES(T_MIN, T_MOUT, T_NONE, T_NONE), p);
}

/*
 * Issue 11, through the entry points: the identity is read at OpenSession. Two users of
 * guest 1, its PUBLIC client (a UUID sent with PUBLIC is ignored: every PUBLIC session of a
 * guest is one client), and user 1's identity in guest 2 each see only their own blob.
 */
static void test_ta_sessions_of_different_identities(void **state)
{
	enum {
		USER1,
		USER2,
		PUB,
		PUB_WITH_UUID,
		OTHER_GUEST,
		N
	};
	void *s[N];
	char out[8];

	(void)state;
	shim_set_client(1, TEE_LOGIN_USER, 0xa1);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &s[USER1]), TEE_SUCCESS);
	shim_set_client(1, TEE_LOGIN_USER, 0xa2);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &s[USER2]), TEE_SUCCESS);
	shim_set_client(1, TEE_LOGIN_PUBLIC, 0);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &s[PUB]), TEE_SUCCESS);
	shim_set_client(1, TEE_LOGIN_PUBLIC, 0x77);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &s[PUB_WITH_UUID]), TEE_SUCCESS);
	shim_set_client(2, TEE_LOGIN_USER, 0xa1);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &s[OTHER_GUEST]), TEE_SUCCESS);
	shim_set_client(1, TEE_LOGIN_USER, 0xa1); /* what invokes see must not matter */

	assert_int_equal(ta_store(s[USER1], "user1"), TEE_SUCCESS);
	assert_int_equal(ta_fetch(s[USER2], out), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(ta_fetch(s[PUB], out), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(ta_fetch(s[OTHER_GUEST], out), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(ta_store(s[PUB_WITH_UUID], "public"), TEE_SUCCESS);
	assert_int_equal(ta_fetch(s[PUB], out), TEE_SUCCESS);
	assert_string_equal(out, "public");
	assert_int_equal(ta_fetch(s[USER1], out), TEE_SUCCESS);
	assert_string_equal(out, "user1");
	assert_int_equal(ta_fetch(s[USER2], out), TEE_ERROR_ITEM_NOT_FOUND);
	for (int i = 0; i < N; i++)
		TA_CloseSessionEntryPoint(s[i]);
}

/* The session context is allocated: without heap, OpenSession fails and leaks nothing. */
static void test_ta_open_session_out_of_memory(void **state)
{
	void *ctx = (void *)1;

	(void)state;
	shim_malloc_fail_in = 1;
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &ctx), TEE_ERROR_OUT_OF_MEMORY);
}

static void test_ta_rejects_bad_params(void **state)
{
	const uint32_t store_t = TEE_PARAM_TYPES(T_MIN, T_MIN, T_NONE, T_NONE);
	TEE_Param p[4] = { 0 };
	char long_name[VAULT_MAX_NAME + 1] = { 0 };
	void *ctx;

	(void)state;
	memref(&p[0], "n", 1);
	memref(&p[1], "d", 1);
	/* Wrong types for each command. */
	assert_int_equal(invoke(TA_VAULT_CMD_STORE, TEE_PARAM_TYPES(T_MIN, T_MOUT, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(TA_VAULT_CMD_STORE, store_t | (T_MIN << 8), p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(TA_VAULT_CMD_FETCH, store_t, p), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(TA_VAULT_CMD_LIST, store_t, p), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(TA_VAULT_CMD_DELETE, store_t, p), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(99, store_t, p), TEE_ERROR_NOT_SUPPORTED);
	/* Bad names: NULL buffer, too long, NUL inside. */
	memref(&p[0], NULL, 1);
	assert_int_equal(invoke(TA_VAULT_CMD_STORE, store_t, p), TEE_ERROR_BAD_PARAMETERS);
	memref(&p[0], long_name, sizeof(long_name));
	assert_int_equal(invoke(TA_VAULT_CMD_STORE, store_t, p), TEE_ERROR_BAD_PARAMETERS);
	memref(&p[0], long_name, 2);
	assert_int_equal(invoke(TA_VAULT_CMD_STORE, store_t, p), TEE_ERROR_BAD_PARAMETERS);
	/* A session opened with parameters is refused. */
	assert_int_equal(TA_OpenSessionEntryPoint(TEE_PARAM_TYPES(T_MIN, 0, 0, 0), p, &ctx),
			 TEE_ERROR_BAD_PARAMETERS);
}

/* Random hostile calls: nothing crashes or overruns, and the vault stays consistent. */
static void test_ta_hostile_client(void **state)
{
	char out[VAULT_MAX_NAME * VAULT_MAX_BLOBS + VAULT_MAX_BLOBS];
	TEE_Param p[4] = { 0 };

	(void)state;
	shim_hostile_rounds(sess, TA_VAULT_CMD_DELETE, NULL, 0, 30000, 0x5eed);
	memref(&p[0], out, sizeof(out));
	assert_int_equal(invoke(TA_VAULT_CMD_LIST, TEE_PARAM_TYPES(T_MOUT, T_VOUT, 0, 0), p),
			 TEE_SUCCESS);
	assert_true(p[1].value.a <= VAULT_MAX_BLOBS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_fetch_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fetch_short_buffer_and_missing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_empty_blob, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_in_store_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_store_leaves_vault_unchanged, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_one_client_full_leaves_others_their_quota,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_client_gets_its_quota, setup, teardown),
		cmocka_unit_test_setup_teardown(test_owners_are_separate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identities_are_separate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identities_share_their_guests_quota, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_against_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ta_commands, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_ta_sessions_of_different_endpoints, ta_setup,
						ta_teardown),
		cmocka_unit_test_setup_teardown(test_ta_sessions_of_different_identities, ta_setup,
						ta_teardown),
		cmocka_unit_test_setup_teardown(test_ta_open_session_out_of_memory, ta_setup,
						ta_teardown),
		cmocka_unit_test_setup_teardown(test_ta_rejects_bad_params, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_ta_hostile_client, ta_setup, ta_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
