/*
 * Unit tests of the streaming JSON writer (riskgate/jsonw.h), with
 * cJSON_Print as the oracle: random documents (nested and empty objects and
 * arrays, numbers at every edge of cJSON's printing, strings with every
 * control character, quotes, backslashes, slashes, non-ASCII and invalid
 * UTF-8 and NUL, paths and untrusted keys) are built both through the
 * writer and as a cJSON tree whose strings got the text treatment of
 * escape.h, the way the report used to be printed, and must come out as
 * the same bytes. Also: a failure half-way appends nothing, and
 * misuse is refused.
 */
#include "riskgate/banned.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "riskgate/escape.h"
#include "riskgate/jsonw.h"
#include "unit.h"

/* xorshift64*: reproducible documents, the seed printed on a difference. */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() % n);
}

/* Appends one random piece of text: printable ASCII with the characters
 * JSON escapes, every C0 control, DEL, valid UTF-8 of every length, and the
 * byte sequences the text treatment replaces (stray continuation bytes,
 * truncated and overlong forms, surrogates, beyond U+10FFFF, NUL). */
static void random_piece(gate_buf *b, int allow_nul)
{
	static const char *const pieces[] = {
	    "\"", "\\", "/", "\\u0041", "a", "Z", " ", "{", "}", "[", "]", ":", ",", "\x7f",
	    "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xef\xbf\xbd", "\xe2\x80\xa8",
	    "\xe2\x80\xae", "\xc2\x85", "\xf4\x8f\xbf\xbf",
	    /* invalid */
	    "\x80", "\xbf", "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xc0\xaf", "\xe0\x80\xaf",
	    "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xff", "\xfe"};
	gate_error err;
	char c;

	gate_error_init(&err);
	switch (pick(4)) {
	case 0:
		c = (char)(1 + pick(31)); /* a C0 control, NUL aside */
		gate_buf_putc(b, c, &err);
		break;
	case 1:
		c = (char)(32 + pick(95));
		gate_buf_putc(b, c, &err);
		break;
	case 2:
		if (allow_nul && pick(4) == 0) {
			gate_buf_putc(b, '\0', &err);
			break;
		}
		gate_buf_puts(b, pieces[pick(sizeof(pieces) / sizeof(pieces[0]))], &err);
		break;
	default:
		c = (char)(128 + pick(128)); /* any high byte */
		gate_buf_putc(b, c, &err);
		break;
	}
}

/* Random text into `b` (cleared first); NUL only when allow_nul. */
static void random_text(gate_buf *b, int allow_nul)
{
	size_t n = pick(5) == 0 ? 0 : pick(24);
	gate_error err;

	gate_error_init(&err);
	gate_buf_clear(b);
	gate_buf_puts(b, "", &err);
	while (n--)
		random_piece(b, allow_nul);
}

static double random_number(void)
{
	static const double edges[] = {0.0,
				       -0.0,
				       1.0,
				       -1.0,
				       0.5,
				       0.1,
				       -0.1,
				       1.0 / 3.0,
				       2.0 / 3.0,
				       1e-7,
				       -1e-7,
				       1e300,
				       -1e300,
				       1e15,
				       1e16,
				       1e17,
				       1e21,
				       123456789012345678.0,
				       (double)INT_MAX,
				       (double)INT_MAX + 1.0,
				       (double)INT_MIN,
				       (double)INT_MIN - 1.0,
				       4294967295.0,
				       4294967296.0,
				       9007199254740991.0,
				       9007199254740992.0,
				       9007199254740994.0,
				       18446744073709551615.0,
				       DBL_MAX,
				       -DBL_MAX,
				       DBL_MIN,
				       DBL_EPSILON,
				       5e-324,
				       -5e-324,
				       0.30000000000000004,
				       100.0,
				       1e-300};
	uint64_t bits;
	double d;

	switch (pick(6)) {
	case 0:
		return edges[pick(sizeof(edges) / sizeof(edges[0]))];
	case 1:
		return (double)(int64_t)(rng() >> pick(64)) * (pick(2) ? 1 : -1);
	case 2:
		return (double)pick(100000);
	case 3:
		return (double)(int64_t)(rng() >> 11) / (double)(1 + pick(1000000));
	case 4:
		/* Any double; NaN and the infinities print as null. */
		bits = rng();
		memcpy(&d, &bits, sizeof(d));
		return d;
	default:
		return ldexp((double)(rng() >> 11), (int)pick(200) - 100);
	}
}

typedef struct {
	gate_jsonw w;
	gate_buf text;
	gate_buf key;
	int nodes;
} doc;

/* Attaches `item` under `key` (an object) or at the end (an array). */
static void attach(cJSON *parent, const char *key, cJSON *item)
{
	if (!item)
		unit_abort();
	if (!(key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item)))
		unit_abort();
}

/* The tree's side of `len` bytes of untrusted text: the treatment of
 * escape.h (U+FFFD for invalid bytes and NUL), then a cJSON string. */
static cJSON *oracle_text(const char *s, size_t len)
{
	gate_error err;
	char *copy = NULL;
	cJSON *item;

	gate_error_init(&err);
	if (gate_escape_json_text(&copy, s, len, &err) < 0)
		unit_abort();
	item = cJSON_CreateString(copy);
	free(copy);
	if (!item)
		unit_abort();
	return item;
}

/* The tree's side of a path: its text, and when that needed repair its
 * exact bytes in base64 under `raw_key`. */
static void oracle_path(cJSON *obj, const char *key, const char *raw_key, const char *s, size_t len)
{
	gate_error err;
	char *raw = NULL;
	cJSON *item;

	gate_error_init(&err);
	attach(obj, key, oracle_text(s, len));
	if (gate_escape_json_valid(s, len))
		return;
	if (gate_escape_base64(&raw, s, len, &err) < 0)
		unit_abort();
	item = cJSON_CreateString(raw);
	free(raw);
	attach(obj, raw_key, item);
}

/* Appends cJSON_Print's text of `root` (cJSON_PrintUnformatted's when
 * `compact`) and the newline a report ends with. */
static void oracle_print(gate_buf *out, const cJSON *root, int compact)
{
	gate_error err;
	char *text = compact ? cJSON_PrintUnformatted(root) : cJSON_Print(root);

	gate_error_init(&err);
	if (!text || gate_buf_puts(out, text, &err) < 0 || gate_buf_putc(out, '\n', &err) < 0)
		unit_abort();
	cJSON_free(text);
}

static cJSON *random_container(doc *d, cJSON *parent, const char *wkey, const char *ckey,
			       int depth);

/*
 * One random member of `parent`, written through both: under `wkey` by the
 * writer, which treats keys as untrusted text itself, and under `ckey`, the
 * key after that treatment, in the tree (both NULL in an array).
 */
static void random_value(doc *d, cJSON *parent, const char *wkey, const char *ckey, int depth)
{
	double n;
	int b;

	d->nodes++;
	switch (pick(depth < 6 && d->nodes < 200 ? 7 : 5)) {
	case 0:
		CHECK(gate_jsonw_null(&d->w, wkey) == 0);
		attach(parent, ckey, cJSON_CreateNull());
		break;
	case 1:
		b = (int)pick(2);
		CHECK(gate_jsonw_bool(&d->w, wkey, b) == 0);
		attach(parent, ckey, cJSON_CreateBool(b));
		break;
	case 2:
		n = random_number();
		CHECK(gate_jsonw_number(&d->w, wkey, n) == 0);
		attach(parent, ckey, cJSON_CreateNumber(n));
		break;
	case 3:
		random_text(&d->text, 1);
		CHECK(gate_jsonw_textn(&d->w, wkey, d->text.ptr, d->text.size) == 0);
		attach(parent, ckey, oracle_text(d->text.ptr, d->text.size));
		break;
	case 4:
		if (wkey) {
			/* A path, with its base64 when it needed repair. */
			random_text(&d->text, 1);
			CHECK(gate_jsonw_path(&d->w, wkey, "raw", d->text.ptr, d->text.size) == 0);
			oracle_path(parent, ckey, "raw", d->text.ptr, d->text.size);
			break;
		}
		random_text(&d->text, 0);
		CHECK(gate_jsonw_text(&d->w, wkey, d->text.ptr) == 0);
		attach(parent, ckey, oracle_text(d->text.ptr, d->text.size));
		break;
	default:
		random_container(d, parent, wkey, ckey, depth + 1);
		break;
	}
}

/* A random object or array (often empty) under the keys of random_value
 * (the root when parent is NULL); returns the tree's side. */
static cJSON *random_container(doc *d, cJSON *parent, const char *wkey, const char *ckey, int depth)
{
	int array = (int)pick(2);
	size_t i, n = pick(3) == 0 ? 0 : pick(6);
	cJSON *item = array ? cJSON_CreateArray() : cJSON_CreateObject(), *k;
	char name[32], *raw;

	CHECK((array ? gate_jsonw_array(&d->w, wkey) : gate_jsonw_object(&d->w, wkey)) == 0);
	if (parent)
		attach(parent, ckey, item);
	else if (!item)
		unit_abort();
	for (i = 0; i < n; i++) {
		if (array) {
			random_value(d, item, NULL, NULL, depth);
		} else if (pick(3) == 0) {
			/* An untrusted key, as a tier's name is one: no NUL, by strlen. */
			random_text(&d->key, 0);
			if (!(raw = strdup(d->key.ptr)))
				unit_abort();
			k = oracle_text(raw, strlen(raw));
			random_value(d, item, raw, k->valuestring, depth);
			cJSON_Delete(k);
			free(raw);
		} else {
			snprintf(name, sizeof(name), "k%u", (unsigned)pick(1000));
			random_value(d, item, name, name, depth);
		}
	}
	CHECK(gate_jsonw_close(&d->w) == 0);
	return item;
}

/* Prints where two outputs first differ. */
static void show_difference(const gate_buf *want, const gate_buf *got, uint64_t seed)
{
	size_t i = 0;

	while (i < want->size && i < got->size && want->ptr[i] == got->ptr[i])
		i++;
	fprintf(stderr, "seed %llu: outputs differ at byte %zu (cJSON %zu bytes, writer %zu)\n",
		(unsigned long long)seed, i, want->size, got->size);
	fprintf(stderr, "cJSON:  %.60s\nwriter: %.60s\n", want->ptr + (i > 20 ? i - 20 : 0),
		got->ptr + (i > 20 ? i - 20 : 0));
}

/* One random document (a container at the top, or now and then a scalar)
 * through both, laid out or `compact`; returns whether they agree. A prefix
 * already in both buffers must stay. */
static int one_document(uint64_t seed, int compact)
{
	gate_buf want = GATE_BUF_INIT((size_t)1 << 26), got = GATE_BUF_INIT((size_t)1 << 26);
	gate_error err;
	cJSON *root = NULL;
	doc d;
	int same;

	memset(&d, 0, sizeof(d));
	gate_buf_init(&d.text, (size_t)1 << 20);
	gate_buf_init(&d.key, (size_t)1 << 20);
	gate_error_init(&err);
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	gate_buf_puts(&want, "prefix", &err);
	gate_buf_puts(&got, "prefix", &err);
	if (compact)
		gate_jsonw_init_compact(&d.w, &got, &err);
	else
		gate_jsonw_init(&d.w, &got, &err);
	if (pick(10) == 0) {
		/* A scalar at the top: build it inside an array and print that alone. */
		cJSON *holder = cJSON_CreateArray();

		if (!holder)
			unit_abort();
		random_value(&d, holder, NULL, NULL, 6);
		root = cJSON_DetachItemFromArray(holder, 0);
		cJSON_Delete(holder);
	} else {
		root = random_container(&d, NULL, NULL, NULL, 0);
	}
	CHECK(gate_jsonw_finish(&d.w, 0) == 0);
	oracle_print(&want, root, compact);
	same = want.size == got.size && memcmp(want.ptr, got.ptr, want.size) == 0;
	if (!same)
		show_difference(&want, &got, seed);
	cJSON_Delete(root);
	gate_buf_dispose(&want);
	gate_buf_dispose(&got);
	gate_buf_dispose(&d.text);
	gate_buf_dispose(&d.key);
	return same;
}

static void test_random_documents(void)
{
	uint64_t seed;
	int differ = 0;

	for (seed = 1; seed <= 20000 && differ < 5; seed++)
		if (!one_document(seed, 0))
			differ++;
	CHECK(differ == 0);
}

/* The compact layout (verdict notes) against cJSON_PrintUnformatted. */
static void test_random_compact_documents(void)
{
	uint64_t seed;
	int differ = 0;

	for (seed = 1; seed <= 5000 && differ < 5; seed++)
		if (!one_document(seed, 1))
			differ++;
	CHECK(differ == 0);
}

/* Writes `n` through the writer alone, as the top value. */
static char *writer_number(double n)
{
	gate_buf out = GATE_BUF_INIT(1024);
	gate_error err;
	gate_jsonw w;

	gate_error_init(&err);
	gate_jsonw_init(&w, &out, &err);
	gate_jsonw_number(&w, NULL, n);
	if (gate_jsonw_finish(&w, 0) < 0)
		return NULL;
	return gate_buf_detach(&out);
}

/* The numbers where cJSON's printing has its turns, with their text. */
static void test_numbers(void)
{
	static const struct {
		double n;
		const char *text;
	} cases[] = {
	    {0.0, "0\n"},
	    {-0.0, "-0\n"},
	    {42.0, "42\n"},
	    {-7.0, "-7\n"},
	    {2147483648.0, "2147483648\n"},
	    /* %1.15g reads back within cJSON's epsilon: its text, not 17 digits. */
	    {9007199254740992.0, "9.00719925474099e+15\n"},
	    {123456789012345678.0, "1.2345678901234568e+17\n"},
	    {0.1, "0.1\n"},
	    /* ...but not always: 17 digits where 15 read back too far off. */
	    {1.0 / 3.0, "0.33333333333333331\n"},
	    {1e-7, "1e-07\n"},
	    {1e300, "1e+300\n"},
	    {5e-324, "4.94065645841247e-324\n"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = writer_number(cases[i].n);

		CHECK_STR(got, cases[i].text);
		free(got);
	}
	{
		char *got = writer_number(NAN);

		CHECK_STR(got, "null\n");
		free(got);
	}
}

/* Every byte value in one string, through both. */
static void test_every_byte(void)
{
	gate_buf want = GATE_BUF_INIT(1 << 20), got = GATE_BUF_INIT(1 << 20);
	char bytes[512];
	gate_error err;
	gate_jsonw w;
	cJSON *root;
	int i;

	gate_error_init(&err);
	for (i = 0; i < 256; i++) {
		bytes[i] = (char)i;
		bytes[256 + i] = (char)(255 - i);
	}
	root = cJSON_CreateObject();
	if (!root)
		unit_abort();
	attach(root, "s", oracle_text(bytes, sizeof(bytes)));
	oracle_path(root, "p", "p_raw", bytes + 1, 127);
	oracle_path(root, "q", "q_raw", bytes, 256);
	oracle_print(&want, root, 0);
	gate_jsonw_init(&w, &got, &err);
	CHECK(gate_jsonw_object(&w, NULL) == 0);
	CHECK(gate_jsonw_textn(&w, "s", bytes, sizeof(bytes)) == 0);
	CHECK(gate_jsonw_path(&w, "p", "p_raw", bytes + 1, 127) == 0);
	CHECK(gate_jsonw_path(&w, "q", "q_raw", bytes, 256) == 0);
	CHECK(gate_jsonw_close(&w) == 0);
	CHECK(gate_jsonw_finish(&w, 0) == 0);
	CHECK(want.size == got.size && memcmp(want.ptr, got.ptr, want.size) == 0);
	/* The escapes themselves, spelled out. */
	CHECK(strstr(got.ptr, "\"\\u0001\\u0002") != NULL);
	CHECK(strstr(got.ptr, "\\b\\t\\n\\u000b\\f\\r\\u000e") != NULL);
	CHECK(strstr(got.ptr, "\\u001f !\\\"#") != NULL);
	CHECK(strstr(got.ptr, "./0") != NULL);
	CHECK(strstr(got.ptr, "[\\\\]") != NULL);
	cJSON_Delete(root);
	gate_buf_dispose(&want);
	gate_buf_dispose(&got);
}

/* The empty forms, nested, as cJSON prints them. */
static void test_empty(void)
{
	gate_buf got = GATE_BUF_INIT(1 << 10);
	gate_error err;
	gate_jsonw w;

	gate_error_init(&err);
	gate_jsonw_init(&w, &got, &err);
	CHECK(gate_jsonw_object(&w, NULL) == 0);
	CHECK(gate_jsonw_object(&w, "o") == 0);
	CHECK(gate_jsonw_close(&w) == 0);
	CHECK(gate_jsonw_array(&w, "a") == 0);
	CHECK(gate_jsonw_object(&w, NULL) == 0);
	CHECK(gate_jsonw_close(&w) == 0);
	CHECK(gate_jsonw_array(&w, NULL) == 0);
	CHECK(gate_jsonw_close(&w) == 0);
	CHECK(gate_jsonw_close(&w) == 0);
	CHECK(gate_jsonw_close(&w) == 0);
	CHECK(gate_jsonw_finish(&w, 0) == 0);
	CHECK_STR(got.ptr, "{\n\t\"o\":\t{\n\t},\n\t\"a\":\t[{\n\t\t}, []]\n}\n");
	gate_buf_dispose(&got);
}

/* A failure half-way, whether the writer's own (the buffer's limit) or the
 * caller's, leaves the buffer as it was; misuse is refused. */
static void test_all_or_nothing(void)
{
	gate_buf out = GATE_BUF_INIT(64);
	gate_error err;
	gate_jsonw w;
	int i, error = 0;

	gate_error_init(&err);
	CHECK(gate_buf_puts(&out, "kept", &err) == 0);
	gate_jsonw_init(&w, &out, &err);
	gate_jsonw_array(&w, NULL);
	for (i = 0; i < 100 && error == 0; i++)
		error = gate_jsonw_text(&w, NULL, "0123456789");
	CHECK(error < 0);
	CHECK(gate_jsonw_close(&w) < 0);
	CHECK(gate_jsonw_finish(&w, 0) < 0);
	CHECK(err.klass == GATE_ERR_NOMEM);
	CHECK(out.size == 4);
	CHECK_STR(out.ptr, "kept");

	gate_error_init(&err);
	gate_jsonw_init(&w, &out, &err);
	CHECK(gate_jsonw_object(&w, NULL) == 0);
	CHECK(gate_jsonw_bool(&w, "b", 1) == 0);
	CHECK(gate_jsonw_close(&w) == 0);
	CHECK(gate_jsonw_finish(&w, gate_error_set(&err, GATE_ERR_INPUT, "later")) < 0);
	CHECK(err.klass == GATE_ERR_INPUT);
	CHECK_STR(out.ptr, "kept");

	/* Misuse: a key in an array, a member without one, an open container. */
	gate_error_init(&err);
	gate_jsonw_init(&w, &out, &err);
	CHECK(gate_jsonw_array(&w, NULL) == 0);
	CHECK(gate_jsonw_null(&w, "k") < 0);
	CHECK(gate_jsonw_finish(&w, 0) < 0);
	CHECK(err.klass == GATE_ERR_INTERNAL);
	gate_error_init(&err);
	gate_jsonw_init(&w, &out, &err);
	CHECK(gate_jsonw_object(&w, NULL) == 0);
	CHECK(gate_jsonw_null(&w, NULL) < 0);
	CHECK(gate_jsonw_finish(&w, 0) < 0);
	gate_error_init(&err);
	gate_jsonw_init(&w, &out, &err);
	CHECK(gate_jsonw_object(&w, NULL) == 0);
	CHECK(gate_jsonw_finish(&w, 0) < 0);
	CHECK(err.klass == GATE_ERR_INTERNAL);
	CHECK_STR(out.ptr, "kept");
	gate_buf_dispose(&out);
}

int main(void)
{
	GATE_RUN(test_numbers);
	GATE_RUN(test_empty);
	GATE_RUN(test_every_byte);
	GATE_RUN(test_all_or_nothing);
	GATE_RUN(test_random_documents);
	GATE_RUN(test_random_compact_documents);
	return GATE_UNIT_DONE("test_jsonw");
}
