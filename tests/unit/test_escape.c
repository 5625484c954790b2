/*
 * Unit tests of the escapers (riskgate/escape.h): every output format's
 * escaper on hostile input — control characters, ANSI escape sequences,
 * invalid and overlong UTF-8, NUL, newlines, '%', '|', backticks, bidi
 * controls — with the exact bytes expected, so that any change in how a
 * format escapes shows here first.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/escape.h"
#include "unit.h"

/* U+FFFD, as the expected strings spell it. */
#define R "\xef\xbf\xbd"

typedef int (*escaper)(gate_buf *out, const char *s, size_t len, gate_error *err);

/* The output of `f` on `len` bytes of `s`, the caller's; NULL on failure. */
static char *run(escaper f, const char *s, size_t len)
{
	gate_buf out = GATE_BUF_INIT((size_t)1 << 20);
	gate_error err;

	gate_error_init(&err);
	/* An empty output still has to be a string. */
	if (gate_buf_puts(&out, "", &err) < 0 || f(&out, s, len, &err) < 0) {
		gate_buf_dispose(&out);
		return NULL;
	}
	return gate_buf_detach(&out);
}

/* `in` is a string literal: its length counts embedded NULs. */
#define CHECK_ESC(f, in, want)                                                                     \
	do {                                                                                       \
		char *got_ = run((f), (in), sizeof(in) - 1);                                       \
		CHECK_STR(got_, (want));                                                           \
		free(got_);                                                                        \
	} while (0)

static void test_utf8_decode(void)
{
	uint32_t cp = 0;

	CHECK(gate_escape_utf8_decode((const unsigned char *)"a", 1, &cp) == 1 && cp == 'a');
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp) == 2 &&
	      cp == 0xe9);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp) == 4 &&
	      cp == 0x1f600);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"", 0, &cp) == 0);
	/* Stray continuation, truncation, overlong, surrogate, past U+10FFFF,
	 * a byte that never starts a sequence. */
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\x80", 1, &cp) == 0);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xe6\x97", 2, &cp) == 0);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xe6\x97x", 3, &cp) == 0);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp) == 0);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xe0\x80\xaf", 3, &cp) == 0);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp) == 0);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp) == 0);
	CHECK(gate_escape_utf8_decode((const unsigned char *)"\xff", 1, &cp) == 0);
}

static void test_unsafe_cp(void)
{
	static const uint32_t unsafe[] = {0x00,   0x09,   0x0a,   0x1b,   0x1f,   0x7f,
					  0x85,   0x9b,   0x9f,   0x061c, 0x200e, 0x200f,
					  0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069};
	static const uint32_t safe[] = {0x20, '%',    '|',    '`',    0x7e,   0xa0,
					0xe9, 0x2027, 0x202f, 0x2065, 0x206a, 0x1f600};
	size_t i;

	for (i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++)
		CHECK(gate_escape_unsafe_cp(unsafe[i]) == 1);
	for (i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		CHECK(gate_escape_unsafe_cp(safe[i]) == 0);
}

static void test_json(void)
{
	gate_error err;
	char *out = NULL;

	gate_error_init(&err);
	CHECK(gate_escape_json_valid("", 0) == 1);
	CHECK(gate_escape_json_valid("caf\xc3\xa9 50% |`x`|", 15) == 1);
	/* Controls are valid UTF-8: cJSON escapes them, nothing to repair. */
	CHECK(gate_escape_json_valid("\x1b[31m\n\r\t", 8) == 1);
	CHECK(gate_escape_json_valid("a\0b", 3) == 0);
	CHECK(gate_escape_json_valid("a\xff", 2) == 0);
	CHECK(gate_escape_json_valid("\xc0\xaf", 2) == 0);
	CHECK(gate_escape_json_valid("\xed\xa0\x80", 3) == 0);

	CHECK(gate_escape_json_text(&out,
				    "a\xff"
				    "b\0c\xc3",
				    6, &err) == 0);
	CHECK_STR(out, "a" R "b" R "c" R);
	free(out);
	/* Each byte of an overlong form or a surrogate is replaced alone. */
	CHECK(gate_escape_json_text(&out, "\xc0\xaf/\xed\xa0\x80", 6, &err) == 0);
	CHECK_STR(out, R R "/" R R R);
	free(out);
	CHECK(gate_escape_json_text(&out, "\x1b[0m\n%|`\xe2\x80\xae", 11, &err) == 0);
	CHECK_STR(out, "\x1b[0m\n%|`\xe2\x80\xae");
	free(out);
	/* Only `len` bytes are taken. */
	CHECK(gate_escape_json_text(&out, "abcdef", 3, &err) == 0);
	CHECK_STR(out, "abc");
	free(out);
	CHECK(gate_escape_json_text(&out, "", 0, &err) == 0);
	CHECK_STR(out, "");
	free(out);
}

static void test_base64(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} cases[] = {
	    {"", 0, ""},
	    {"f", 1, "Zg=="},
	    {"fo", 2, "Zm8="},
	    {"foo", 3, "Zm9v"},
	    {"\xff\x00\xfe", 3, "/wD+"},
	    {"a\nb\x1b", 4, "YQpiGw=="},
	};
	gate_error err;
	char *out = NULL;
	size_t i;

	gate_error_init(&err);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(gate_escape_base64(&out, cases[i].in, cases[i].len, &err) == 0);
		CHECK_STR(out, cases[i].want);
		free(out);
		out = NULL;
	}
}

static void test_terminal_name(void)
{
	escaper f = gate_escape_terminal_name;

	CHECK_ESC(f, "", "");
	CHECK_ESC(f, "src/a b|%c`d`.c", "src/a b|%c`d`.c");
	CHECK_ESC(f, "caf\xc3\xa9.c", "caf\xc3\xa9.c");
	/* Anything escaped: the whole is quoted, so it reads back exactly. */
	CHECK_ESC(f, "red\x1b[31mx\x1b[0m", "\"red\\033[31mx\\033[0m\"");
	CHECK_ESC(f, "a\nb\rc\td\ve\ff\bg\ah", "\"a\\nb\\rc\\td\\ve\\ff\\bg\\ah\"");
	CHECK_ESC(f, "del\x7f", "\"del\\177\"");
	CHECK_ESC(f, "nul\0x", "\"nul\\000x\"");
	CHECK_ESC(f, "bad\xff\xc3", "\"bad\\377\\303\"");
	CHECK_ESC(f, "long\xc0\xaf", "\"long\\300\\257\"");
	CHECK_ESC(f, "c1\xc2\x85", "\"c1\\302\\205\"");
	CHECK_ESC(f, "rlo\xe2\x80\xae.c", "\"rlo\\342\\200\\256.c\"");
	CHECK_ESC(f, "p\"q\\r", "\"p\\\"q\\\\r\"");
	CHECK(gate_escape_terminal_name_width("abc", 3) == 3);
	CHECK(gate_escape_terminal_name_width("caf\xc3\xa9", 5) == 4);
	/* a, \n and the two quotes. */
	CHECK(gate_escape_terminal_name_width("a\n", 2) == 5);
	CHECK(gate_escape_terminal_name_width(NULL, 0) == 0);
}

static void test_terminal_prose(void)
{
	escaper f = gate_escape_terminal_prose;
	gate_buf out = GATE_BUF_INIT(64);
	gate_error err;

	/* The same bytes are escaped, but quotes and backslashes stay and
	 * nothing is wrapped. */
	CHECK_ESC(f, "say \"hi\" to C:\\dir", "say \"hi\" to C:\\dir");
	CHECK_ESC(f, "x\x1b[2Jy\n%|`z`", "x\\033[2Jy\\n%|`z`");
	CHECK_ESC(f, "tab\tdel\x7f", "tab\\tdel\\177");
	CHECK_ESC(f, "cut\xe2\x80", "cut\\342\\200");
	CHECK_ESC(f, "bidi\xe2\x81\xa6x", "bidi\\342\\201\\246x");
	CHECK_ESC(f, "nul\0", "nul\\000");
	CHECK_ESC(f, "caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80");

	gate_error_init(&err);
	CHECK(gate_escape_terminal_prose(NULL, "x", 1, &err) < 0 && err.klass == GATE_ERR_INTERNAL);
	gate_error_init(&err);
	CHECK(gate_escape_terminal_prose(&out, NULL, 1, &err) < 0 &&
	      err.klass == GATE_ERR_INTERNAL);
	gate_buf_dispose(&out);
}

static void test_markdown_code(void)
{
	escaper f = gate_escape_markdown_code, cell = gate_escape_markdown_cell_code;
	char in[700], want[700];

	CHECK_ESC(f, "src/a.c", "`src/a.c`");
	CHECK_ESC(f, "", "(empty)");
	/* `|` only matters in a table cell. */
	CHECK_ESC(f, "a|b%c", "`a|b%c`");
	CHECK_ESC(cell, "a|b%c", "`a\\|b%c`");
	CHECK_ESC(cell, "a\\|b", "`a\\\\|b`");
	/* The fence outgrows every run of backticks inside; a backtick or a
	 * space at either end is padded. */
	CHECK_ESC(f, "x`y", "``x`y``");
	CHECK_ESC(f, "a``b", "```a``b```");
	CHECK_ESC(f, "`x", "`` `x ``");
	CHECK_ESC(f, "x ", "` x  `");
	CHECK_ESC(f, "a\nb\tc\rd", "`a\\nb\\tc\\rd`");
	CHECK_ESC(f, "\x1b[31mred", "`" R "[31mred`");
	CHECK_ESC(f, "bad\xff\0x", "`bad" R R "x`");
	CHECK_ESC(f, "rlo\xe2\x80\xae", "`rlo" R "`");
	CHECK_ESC(f, "<b>&amp;*x*", "`<b>&amp;*x*`");

	/* Cut at the limit, on a character boundary, with an ellipsis. */
	memset(in, 'a', sizeof(in));
	{
		char *got;

		memset(want, 0, sizeof(want));
		want[0] = '`';
		memset(want + 1, 'a', GATE_ESCAPE_MARKDOWN_NAME_MAX);
		memcpy(want + 1 + GATE_ESCAPE_MARKDOWN_NAME_MAX, "\xe2\x80\xa6`", 4);
		got = run(f, in, 600);
		CHECK_STR(got, want);
		free(got);
		/* An "é" across the limit is dropped whole. */
		memcpy(in + GATE_ESCAPE_MARKDOWN_NAME_MAX - 1, "\xc3\xa9", 2);
		memset(want, 0, sizeof(want));
		want[0] = '`';
		memset(want + 1, 'a', GATE_ESCAPE_MARKDOWN_NAME_MAX - 1);
		memcpy(want + GATE_ESCAPE_MARKDOWN_NAME_MAX, "\xe2\x80\xa6`", 4);
		got = run(f, in, 600);
		CHECK_STR(got, want);
		free(got);
	}
}

static void test_markdown_prose(void)
{
	escaper f = gate_escape_markdown_prose;
	char in[2100], want[2100];
	char *got;

	CHECK_ESC(f, "plain words, 50% done #1 - ok.", "plain words, 50% done #1 - ok.");
	CHECK_ESC(f, "*b* _i_ [l](u) <b>&x; |c| ~s~ !i $m$ `c` \\",
		  "\\*b\\* \\_i\\_ \\[l\\](u) \\<b\\>\\&x; \\|c\\| \\~s\\~ \\!i \\$m\\$ \\`c\\` "
		  "\\\\");
	CHECK_ESC(f, "a\nb\r\nc\td", "a b  c d");
	CHECK_ESC(f, "\x1b[31mred\x7f", R "\\[31mred" R);
	CHECK_ESC(f, "bad\xff\0\xc3", "bad" R R R);
	CHECK_ESC(f, "rlo\xe2\x80\xae caf\xc3\xa9", "rlo" R " caf\xc3\xa9");

	memset(in, 'x', sizeof(in));
	memset(want, 0, sizeof(want));
	memset(want, 'x', GATE_ESCAPE_MARKDOWN_PROSE_MAX);
	memcpy(want + GATE_ESCAPE_MARKDOWN_PROSE_MAX, "\xe2\x80\xa6", 3);
	got = run(f, in, sizeof(in));
	CHECK_STR(got, want);
	free(got);
}

static void test_github(void)
{
	escaper data = gate_escape_github_data, prop = gate_escape_github_property;

	CHECK_ESC(data, "50% done\r\nnext: a,b", "50%25 done%0D%0Anext: a,b");
	/* A line of data cannot become a command of its own. */
	CHECK_ESC(data, "x\n::error::owned", "x%0A::error::owned");
	CHECK_ESC(data, "\x1b[31mred\x1b[0m", R "[31mred" R "[0m");
	CHECK_ESC(data, "t\tv\x0b|`c`", "t" R "v" R "|`c`");
	CHECK_ESC(data, "bad\xff\0\xc3", "bad" R R R);
	CHECK_ESC(data, "rlo\xe2\x80\xae caf\xc3\xa9", "rlo" R " caf\xc3\xa9");
	CHECK_ESC(data, "%25", "%2525");
	CHECK_ESC(prop, "a:b,c%d\ne\rf", "a%3Ab%2Cc%25d%0Ae%0Df");
	CHECK_ESC(prop, "src/x.c,line=1,title=::", "src/x.c%2Cline=1%2Ctitle=%3A%3A");
	CHECK_ESC(prop, "\x1b]0;t\x07", R "]0;t" R);
}

static void test_uri_path(void)
{
	escaper f = gate_escape_uri_path;

	CHECK_ESC(f, "src/a-b_c.d~/e.c", "src/a-b_c.d~/e.c");
	CHECK_ESC(f, "a b%#?:|`", "a%20b%25%23%3F%3A%7C%60");
	CHECK_ESC(f, "caf\xc3\xa9\xff", "caf%C3%A9%FF");
	CHECK_ESC(f, "\x1b[0m\n\0", "%1B%5B0m%0A%00");
	CHECK_ESC(f, "http://x", "http%3A//x");
	CHECK_ESC(f, "", "");
}

int main(void)
{
	GATE_RUN(test_utf8_decode);
	GATE_RUN(test_unsafe_cp);
	GATE_RUN(test_json);
	GATE_RUN(test_base64);
	GATE_RUN(test_terminal_name);
	GATE_RUN(test_terminal_prose);
	GATE_RUN(test_markdown_code);
	GATE_RUN(test_markdown_prose);
	GATE_RUN(test_github);
	GATE_RUN(test_uri_path);
	return GATE_UNIT_DONE("test_escape");
}
