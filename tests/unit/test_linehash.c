/*
 * The line fingerprint against GitHub's own figures: the expected values
 * of the upstream uploader's tests (github/codeql-action,
 * src/fingerprints.test.ts), then inputs the upstream tests do not cover
 * (a byte-order mark, astral characters, ill-formed UTF-8, CR space LF),
 * whose values were computed by the upstream hashing code run under
 * Node.js.
 */
#include <stdlib.h>
#include <string.h>

#include "riskgate/linehash.h"
#include "unit.h"

typedef struct {
	const char *input;
	size_t len;
	const char *const *expected; /* one per line, NULL-terminated */
} vector;

#define V(s, ...)                                                                                  \
	{                                                                                          \
		s, sizeof(s) - 1, (const char *const[])                                            \
		{                                                                                  \
			__VA_ARGS__, NULL                                                          \
		}                                                                                  \
	}

static const vector upstream[] = {
    V("", "c129715d7a2bc9a3:1"),
    V(" a\nb\n  \t\tc\n d", "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
      "a23a3dc5e078b07b:1"),
    V(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1",
      "bff680108adb0fcc:1", "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"),
    V(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"),
    V(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"),
    V(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"),
    V(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"),
    V("Lorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit "
      "amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit "
      "amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit "
      "amet.\nLorem ipsum dolor sit amet.\n",
      "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"),
    V("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n", "e54938cc54b302f1:1",
      "bb609acbe9138d60:1", "1131fd5871777f34:1", "5c482a0f8b35ea28:1", "54517377da7028d2:1",
      "2c644846cb18d53e:1", "f1b89f20de0d133:1", "c129715d7a2bc9a3:1"),
};

static const vector edges[] = {
    /* utf8 BOM then a\n */
    V("\xef"
      "\xbb"
      "\xbf"
      "a\n",
      "25afd31b599dedcd:1", "c129715d7a2bc9a3:1"),
    /* e-acute (U+00E9) line */
    V("\xc3"
      "\xa9"
      "\n",
      "46b47b20627f8c7a:1", "c129715d7a2bc9a3:1"),
    /* emoji U+1F600 (surrogate pair) */
    V("\xf0"
      "\x9f"
      "\x98"
      "\x80"
      "\n",
      "49e42825ed591e1a:1", "c129715d7a2bc9a3:1"),
    /* NUL byte inside line */
    V("a\x00"
      "b\n",
      "636f257f958bb544:1", "c129715d7a2bc9a3:1"),
    /* invalid: lone 0xFF */
    V("\xff"
      "\n",
      "a88b3c201b7e6ebe:1", "c129715d7a2bc9a3:1"),
    /* invalid: truncated 2-byte C3 before LF */
    V("\xc3"
      "\n",
      "a88b3c201b7e6ebe:1", "c129715d7a2bc9a3:1"),
    /* invalid: truncated 3-byte E2 82 before LF */
    V("\xe2"
      "\x82"
      "\n",
      "a88b3c201b7e6ebe:1", "c129715d7a2bc9a3:1"),
    /* invalid: overlong C0 80 */
    V("\xc0"
      "\x80"
      "\n",
      "b94e3e336a503d4f:1", "c129715d7a2bc9a3:1"),
    /* invalid: encoded surrogate ED A0 80 */
    V("\xed"
      "\xa0"
      "\x80"
      "\n",
      "66bb4c1842ee204c:1", "c129715d7a2bc9a3:1"),
    /* invalid: > U+10FFFF F4 90 80 80 */
    V("\xf4"
      "\x90"
      "\x80"
      "\x80"
      "\n",
      "9bd9eb9afcad3445:1", "c129715d7a2bc9a3:1"),
    /* CR space LF = two line breaks */
    V("a\r \nb", "67c066a59e652f5e:1", "cc4c43d77869440f:1", "8ee5a81e681643c1:1"),
    /* whitespace-only middle line */
    V("int x;\n   \t \n}\n", "960de0e94bd3f360:1", "2aace4c0835fec88:1", "32dce9ccfdbc9d3e:1",
      "c129715d7a2bc9a3:1"),
    /* C snippet */
    V("#include <stdio.h>\nint main(void) {\n\tprintf(\"hi\\n\");\n\treturn 0;\n}\n",
      "ece6cbf315bb5c2b:1", "55b021fb645325b7:1", "83e2415a7af21e0b:1", "1faea435564ce3cb:1",
      "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"),
    /* 150-char line then b */
    V("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nb\n",
      "52b56201ffb58620:1", "ade70578248be16f:1", "c129715d7a2bc9a3:1"),
    /* file ends with spaces after LF */
    V("a\n   ", "243cbaa4685aab12:1", "c129715d7a2bc9a3:1"),
};
static size_t count_lines(const vector *v)
{
	size_t n = 0;

	while (v->expected[n])
		n++;
	return n;
}

/* Every line, asked for in reverse order with one asked twice, plus line 0
 * and the line past the end: the same answers as one by one. */
static void check_vector(const vector *v)
{
	size_t n = count_lines(v), i, k = n + 3;
	size_t *lines = calloc(k, sizeof(*lines));
	char(*out)[GATE_LINEHASH_MAX] = calloc(k, sizeof(*out));
	gate_error err;

	gate_error_init(&err);
	if (!lines || !out)
		unit_abort();
	for (i = 0; i < n; i++)
		lines[i] = n - i;
	lines[n] = 0;
	lines[n + 1] = n + 1;
	lines[n + 2] = 1;
	CHECK(gate_linehash(v->input, v->len, lines, k, out, &err) == 0);
	for (i = 0; i < n; i++)
		CHECK_STR(out[i], v->expected[n - i - 1]);
	CHECK_STR(out[n], "");
	CHECK_STR(out[n + 1], "");
	CHECK_STR(out[n + 2], v->expected[0]);
	for (i = 0; i < n; i++) {
		char one[1][GATE_LINEHASH_MAX];
		size_t line = i + 1;

		CHECK(gate_linehash(v->input, v->len, &line, 1, one, &err) == 0);
		CHECK_STR(one[0], v->expected[i]);
	}
	free(lines);
	free(out);
}

static void test_upstream_vectors(void)
{
	size_t i;

	for (i = 0; i < sizeof(upstream) / sizeof(upstream[0]); i++)
		check_vector(&upstream[i]);
}

static void test_edges(void)
{
	size_t i;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		check_vector(&edges[i]);
}

/* The same line 50,000 times: each occurrence counts the ones before it,
 * and asking for the last needs no memory per line. */
static void test_repeats(void)
{
	const char *line = "Lorem ipsum dolor sit amet.\n";
	size_t llen = strlen(line), n = 50000, i, ask[3] = {1, 2, 49990};
	char *buf = malloc(llen * n);
	char out[3][GATE_LINEHASH_MAX];
	gate_error err;

	gate_error_init(&err);
	if (!buf)
		unit_abort();
	for (i = 0; i < n; i++)
		memcpy(buf + i * llen, line, llen);
	CHECK(gate_linehash(buf, llen * n, ask, 3, out, &err) == 0);
	/* Upstream's figures for the first two (the tests' ten repeats). */
	CHECK_STR(out[0], "a7f2ff13bc495cf2:1");
	CHECK_STR(out[1], "a7f2ff13bc495cf2:2");
	CHECK_STR(out[2], "a7f2ff13bc495cf2:49990");
	free(buf);
}

/* Nothing asked: nothing done, no allocation. */
static void test_none(void)
{
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_linehash("a\n", 2, NULL, 0, NULL, &err) == 0);
}

/* Lines as riskgate counts them (LF) in GitHub's numbering (CR, LF, CR LF;
 * CR space LF is two). */
static void test_line_numbers(void)
{
	CHECK(gate_linehash_line("a\rb\nX\n", 7, 1) == 1);
	CHECK(gate_linehash_line("a\rb\nX\n", 7, 2) == 3);
	CHECK(gate_linehash_line("a\r\nb\nc", 7, 3) == 3);
	CHECK(gate_linehash_line("a\r \nb", 6, 2) == 3);
	CHECK(gate_linehash_line("a\nb\nc", 5, 3) == 3);
	CHECK(gate_linehash_line("\r\r\n\n", 4, 2) == 3);
	CHECK(gate_linehash_line("\r\r\n\n", 4, 3) == 4);
	/* Past the end: counted on from the last line. */
	CHECK(gate_linehash_line("a\rb", 3, 4) == 5);
}

int main(void)
{
	GATE_RUN(test_upstream_vectors);
	GATE_RUN(test_edges);
	GATE_RUN(test_repeats);
	GATE_RUN(test_none);
	GATE_RUN(test_line_numbers);
	return GATE_UNIT_DONE("test_linehash");
}
