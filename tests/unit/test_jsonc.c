/*
 * Unit tests for the JSON-with-comments parser (src/jsonc.c): every type,
 * positions of values and keys, comments, and each class of error with its
 * exact line and column. Every input is copied into a heap block of exactly
 * its length, so AddressSanitizer catches any read past the end.
 */
#include "riskgate/banned.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/jsonc.h"
#include "unit.h"

#define LITERAL_MSG(word)                                                                          \
	"unknown literal '" word "' (expected a value: JSON literals are true, false and "         \
	"null, strings need double quotes)"
#define HIGH_SURROGATE_MSG(hex)                                                                    \
	"lone surrogate \\u" hex " (a high surrogate must be followed by a \\uDC00-\\uDFFF "       \
	"escape)"

/* Prints `len` bytes of test input readably (for failure messages only). */
static void show(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len && i < 200; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c >= 0x20 && c < 0x7f)
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	if (len > 200)
		fputs("...", stderr);
}

/* Runs the parser on an exact-size heap copy of `len` bytes of `text`. */
static int run(gate_json **out, const char *text, size_t len, gate_error *err)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	if (!copy)
		return -2;
	if (len)
		memcpy(copy, text, len);
	gate_error_init(err);
	rc = gate_json_parse(out, text ? copy : NULL, len, "t.json", GATE_ERR_NONE, err);
	free(copy);
	return rc;
}

/* Parses `len` bytes that must be valid; NULL (with a message) otherwise. */
static gate_json *parse_n(const char *text, size_t len)
{
	gate_json *json = NULL;
	gate_error err;

	if (run(&json, text, len, &err) != 0 || !json) {
		fprintf(stderr, "  input \"");
		show(text, len);
		fprintf(stderr, "\": unexpected error %u:%u: %s\n", err.line, err.col, err.message);
		gate_json_free(json);
		return NULL;
	}
	return json;
}

static gate_json *parse(const char *text)
{
	return parse_n(text, strlen(text));
}

/* Returns 1 when parsing `len` bytes fails at line:col with exactly `message`. */
static int fails_n(const char *text, size_t len, unsigned line, unsigned col, const char *message)
{
	gate_json *json = NULL;
	gate_error err;
	int rc, ok;

	rc = run(&json, text, len, &err);
	ok = rc == -1 && json == NULL && err.klass == GATE_ERR_POLICY && err.line == line &&
	     err.col == col && strcmp(err.message, message) == 0 && strcmp(err.file, "t.json") == 0;
	if (!ok) {
		fprintf(stderr, "  input \"");
		show(text, len);
		fprintf(stderr, "\"\n    expected %u:%u: %s\n    got rc=%d %u:%u: %s\n", line, col,
			message, rc, err.line, err.col, err.message);
	}
	gate_json_free(json);
	return ok;
}

static int fails(const char *text, unsigned line, unsigned col, const char *message)
{
	return fails_n(text, strlen(text), line, col, message);
}

/* A NUL-terminated string of `n` copies of `unit` followed by `tail`. */
static char *repeat(const char *unit, size_t n, const char *tail)
{
	size_t ulen = strlen(unit), tlen = strlen(tail), i;
	char *s = malloc(ulen * n + tlen + 1);

	if (!s)
		return NULL;
	for (i = 0; i < n; i++)
		memcpy(s + i * ulen, unit, ulen);
	memcpy(s + n * ulen, tail, tlen + 1);
	return s;
}

static void test_literals(void)
{
	gate_json *j;

	CHECK((j = parse("null")) && j->type == GATE_JSON_NULL && j->line == 1 && j->col == 1);
	gate_json_free(j);
	CHECK((j = parse("true")) && j->type == GATE_JSON_BOOL && j->boolean == 1);
	gate_json_free(j);
	CHECK((j = parse("false")) && j->type == GATE_JSON_BOOL && j->boolean == 0);
	gate_json_free(j);
	CHECK((j = parse("  \t true \r\n")) && j->type == GATE_JSON_BOOL && j->col == 5);
	CHECK(j && !j->key && !j->str && !j->child && !j->next && j->count == 0);
	gate_json_free(j);
}

static void test_integers(void)
{
	gate_json *j;

	CHECK((j = parse("0")) && j->type == GATE_JSON_NUMBER && j->is_int && j->ival == 0 &&
	      j->num == 0.0);
	gate_json_free(j);
	CHECK((j = parse("-0")) && j->is_int && j->ival == 0);
	gate_json_free(j);
	CHECK((j = parse("42")) && j->is_int && j->ival == 42 && j->num == 42.0);
	gate_json_free(j);
	CHECK((j = parse("-17")) && j->is_int && j->ival == -17 && j->num == -17.0);
	gate_json_free(j);
	CHECK((j = parse("[10,-2]")) && j->count == 2 && j->child->ival == 10 &&
	      j->child->next->ival == -2 && j->child->next->col == 5);
	gate_json_free(j);
}

static void test_fractions_and_exponents(void)
{
	gate_json *j;

	CHECK((j = parse("3.25")) && j->type == GATE_JSON_NUMBER && !j->is_int && j->num == 3.25 &&
	      j->ival == 0);
	gate_json_free(j);
	/* An exponent makes a number non-integral even when its value is whole. */
	CHECK((j = parse("1e3")) && !j->is_int && j->num == 1000.0);
	gate_json_free(j);
	CHECK((j = parse("-1.5E-2")) && !j->is_int && j->num == -1.5E-2);
	gate_json_free(j);
	CHECK((j = parse("1E+2")) && !j->is_int && j->num == 100.0);
	gate_json_free(j);
	CHECK((j = parse("0.5")) && !j->is_int && j->num == 0.5);
	gate_json_free(j);
	CHECK((j = parse("2.0")) && !j->is_int && j->num == 2.0);
	gate_json_free(j);
	/* Underflow is not an error: the value is simply tiny or zero. */
	CHECK((j = parse("1e-400")) && !j->is_int && j->num >= 0.0 && j->num < 1e-300);
	gate_json_free(j);
}

static void test_integer_limits(void)
{
	gate_json *j;

	CHECK((j = parse("9223372036854775807")) && j->is_int && j->ival == LLONG_MAX);
	gate_json_free(j);
	CHECK((j = parse("-9223372036854775808")) && j->is_int && j->ival == LLONG_MIN);
	gate_json_free(j);
	/* One past either end still parses, as a double only. */
	CHECK((j = parse("9223372036854775808")) && !j->is_int && j->ival == 0 &&
	      j->num == 9223372036854775808.0);
	gate_json_free(j);
	CHECK((j = parse("-9223372036854775809")) && !j->is_int &&
	      j->num == -9223372036854775808.0);
	gate_json_free(j);
	CHECK((j = parse("100000000000000000000000")) && !j->is_int && j->num == 1e23);
	gate_json_free(j);
}

static void test_long_and_out_of_range_numbers(void)
{
	char *s;
	gate_json *j;

	/* Longer than the parser's stack copy: exercises the heap copy. */
	s = repeat("0", 299, "");
	CHECK(s != NULL);
	if (s) {
		s[0] = '1';
		CHECK((j = parse(s)) && !j->is_int && j->num == 1e298);
		gate_json_free(j);
	}
	free(s);
	CHECK((j = parse("0.000000000000000000000000000000000000000000000000000000000000000"
			 "000000000000000000000000000000000000000000000000000000000000000001")) &&
	      j->num > 0.0 && j->num < 1e-100);
	gate_json_free(j);

	/* Infinity is not a number a policy can mean. */
	CHECK(fails("1e400", 1, 1, "number out of range"));
	CHECK(fails("-1e400", 1, 1, "number out of range"));
	CHECK(fails("[0, 1e309]", 1, 5, "number out of range"));
	s = repeat("9", 400, "");
	CHECK(s && fails(s, 1, 1, "number out of range"));
	free(s);
}

static void test_number_grammar_errors(void)
{
	CHECK(fails("01", 1, 1, "leading zeros are not allowed"));
	CHECK(fails("-01", 1, 2, "leading zeros are not allowed"));
	CHECK(fails("[00]", 1, 2, "leading zeros are not allowed"));
	CHECK(fails("+1", 1, 1, "unexpected character '+' (expected a value)"));
	CHECK(fails(".5", 1, 1, "unexpected character '.' (expected a value)"));
	CHECK(fails("1.", 1, 3, "expected a digit after '.'"));
	CHECK(fails("1.e5", 1, 3, "expected a digit after '.'"));
	CHECK(fails("1e", 1, 3, "expected a digit in the exponent"));
	CHECK(fails("1e+", 1, 4, "expected a digit in the exponent"));
	CHECK(fails("[1E-x]", 1, 5, "expected a digit in the exponent"));
	CHECK(fails("-", 1, 2, "expected a digit after '-'"));
	CHECK(fails("- 1", 1, 2, "expected a digit after '-'"));
	CHECK(fails("-Infinity", 1, 2, "expected a digit after '-'"));
	CHECK(fails("0x10", 1, 2, "unexpected character 'x' in number"));
	CHECK(fails("1.5.3", 1, 4, "unexpected character '.' in number"));
	CHECK(fails("12abc", 1, 3, "unexpected character 'a' in number"));
}

static void test_literal_errors(void)
{
	CHECK(fails("tru", 1, 1, LITERAL_MSG("tru")));
	CHECK(fails("True", 1, 1, LITERAL_MSG("True")));
	CHECK(fails("nulls", 1, 1, LITERAL_MSG("nulls")));
	CHECK(fails("[truefalse]", 1, 2, LITERAL_MSG("truefalse")));
	CHECK(fails("NaN", 1, 1, LITERAL_MSG("NaN")));
	CHECK(fails("Infinity", 1, 1, LITERAL_MSG("Infinity")));
	CHECK(fails("{\"a\": undefined}", 1, 7, LITERAL_MSG("undefined")));
	/* Long words are shortened in the message. */
	CHECK(fails("abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", 1, 1,
		    LITERAL_MSG("abcdefghijklmnopqrstuvwxyzabcdef...")));
	CHECK(fails("'abc'", 1, 1, "strings must be in double quotes"));
}

static void test_strings(void)
{
	gate_json *j;

	CHECK((j = parse("\"hello\"")) && j->type == GATE_JSON_STRING && j->str_len == 5);
	CHECK(j && j->str && strcmp(j->str, "hello") == 0 && j->col == 1);
	gate_json_free(j);
	CHECK((j = parse("  \"\"")) && j->type == GATE_JSON_STRING && j->str && j->str_len == 0 &&
	      j->str[0] == '\0' && j->col == 3);
	gate_json_free(j);
	/* DEL is not a control character in JSON's sense. */
	CHECK((j = parse("\"a\x7f\"")) && j->str_len == 2 && strcmp(j->str, "a\x7f") == 0);
	gate_json_free(j);
}

static void test_simple_escapes(void)
{
	gate_json *j;

	CHECK((j = parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")) && j->str_len == 8 &&
	      memcmp(j->str, "\"\\/\b\f\n\r\t", 9) == 0);
	gate_json_free(j);
	CHECK((j = parse("\"a\\nb\"")) && j->str_len == 3 && strcmp(j->str, "a\nb") == 0);
	gate_json_free(j);
}

static void test_unicode_escapes(void)
{
	gate_json *j;

	CHECK((j = parse("\"\\u00e9\\u20AC\\uD83D\\uDE00\\u0041\"")) && j->str_len == 10 &&
	      strcmp(j->str, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
			     "A") == 0);
	gate_json_free(j);
	CHECK((j = parse("\"\\u007f\\u0080\\u07FF\\u0800\\uFFFF\"")) &&
	      strcmp(j->str, "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf") == 0);
	gate_json_free(j);
	/* The ends of the supplementary planes. */
	CHECK((j = parse("\"\\uD800\\uDC00\\udbff\\udfff\"")) && j->str_len == 8 &&
	      strcmp(j->str, "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf") == 0);
	gate_json_free(j);
}

static void test_surrogate_errors(void)
{
	CHECK(fails("\"\\uD800\"", 1, 2, HIGH_SURROGATE_MSG("D800")));
	CHECK(fails("\"\\uD800\\u0041\"", 1, 2, HIGH_SURROGATE_MSG("D800")));
	CHECK(fails("\"\\uD800\\uD800\"", 1, 2, HIGH_SURROGATE_MSG("D800")));
	CHECK(fails("\"\\uD83D\\uDE0\"", 1, 2, HIGH_SURROGATE_MSG("D83D")));
	CHECK(fails("\"\\uDBFF", 1, 2, HIGH_SURROGATE_MSG("DBFF")));
	CHECK(fails("\"ab\\uDC00\"", 1, 4,
		    "lone surrogate \\uDC00 (a low surrogate must follow a high one)"));
	CHECK(fails("\"\\uDE00\\uD83D\"", 1, 2,
		    "lone surrogate \\uDE00 (a low surrogate must follow a high one)"));
}

static void test_escape_errors(void)
{
	CHECK(fails("\"\\q\"", 1, 2, "invalid escape \\q"));
	CHECK(fails("[\"a\\x41\"]", 1, 4, "invalid escape \\x"));
	CHECK(fails("\"\\'\"", 1, 2, "invalid escape \\'"));
	CHECK(fails("\"\\U0041\"", 1, 2, "invalid escape \\U"));
	CHECK(fails("\"\\\n\"", 1, 2, "invalid escape: '\\' followed by byte 0x0a"));
	CHECK(fails("\"\\u12\"", 1, 2, "invalid \\u escape (expected four hex digits)"));
	CHECK(fails("\"\\u12G4\"", 1, 2, "invalid \\u escape (expected four hex digits)"));
	CHECK(fails("\"\\u12", 1, 2, "invalid \\u escape (expected four hex digits)"));
	CHECK(fails("\"x\\u0000\"", 1, 3, "\\u0000 is not allowed (strings cannot contain NUL)"));
	CHECK(fails("\"abc\\", 1, 1, "unterminated string"));
}

static void test_string_errors(void)
{
	CHECK(fails("\"abc", 1, 1, "unterminated string"));
	CHECK(fails("[1, \"abc", 1, 5, "unterminated string"));
	CHECK(fails("\"a\tb\"", 1, 3, "control character U+0009 in string"));
	CHECK(fails("\"\x1b[31m\"", 1, 2, "control character U+001B in string"));
	CHECK(fails("{\"a\": \"x\n\"}", 1, 9,
		    "control character U+000A in string (missing closing quote?)"));
	CHECK(fails("{\n \"a\n\": 1}", 2, 4,
		    "control character U+000A in string (missing closing quote?)"));
}

static void test_raw_utf8(void)
{
	gate_json *j;

	CHECK((j = parse("\"h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"")) && j->str_len == 12 &&
	      strcmp(j->str, "h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == 0);
	gate_json_free(j);
	/* Columns count bytes, not characters. */
	CHECK((j = parse("[\"\xc3\xa9\", 1]")) && j->count == 2 && j->child->next->col == 8);
	gate_json_free(j);
	CHECK((j = parse("{\"\xe2\x82\xac\": 1}")) && j->child &&
	      strcmp(j->child->key, "\xe2\x82\xac") == 0 && j->child->col == 9);
	gate_json_free(j);
}

static void test_invalid_utf8_in_strings(void)
{
	gate_json *j;

	CHECK(fails("\"\xff\"", 1, 2, "invalid UTF-8 byte 0xff"));
	CHECK(fails("\"\x80\"", 1, 2, "invalid UTF-8 byte 0x80"));
	CHECK(fails("\"\xf5\x80\x80\x80\"", 1, 2, "invalid UTF-8 byte 0xf5"));
	CHECK(fails("\"\xc0\xaf\"", 1, 2, "invalid UTF-8 byte 0xc0 (overlong encoding)"));
	CHECK(fails("\"\xc1\xbf\"", 1, 2, "invalid UTF-8 byte 0xc1 (overlong encoding)"));
	CHECK(fails("\"\xe0\x80\xaf\"", 1, 2, "invalid UTF-8 byte 0xe0 (overlong encoding)"));
	CHECK(fails("\"\xe0\x9f\xbf\"", 1, 2, "invalid UTF-8 byte 0xe0 (overlong encoding)"));
	CHECK(fails("\"\xf0\x8f\xbf\xbf\"", 1, 2, "invalid UTF-8 byte 0xf0 (overlong encoding)"));
	CHECK(fails("\"\xed\xa0\x80\"", 1, 2, "invalid UTF-8 byte 0xed (encoded surrogate)"));
	CHECK(fails("\"\xed\xbf\xbf\"", 1, 2, "invalid UTF-8 byte 0xed (encoded surrogate)"));
	CHECK(fails("\"\xf4\x90\x80\x80\"", 1, 2, "invalid UTF-8 byte 0xf4 (beyond U+10FFFF)"));
	CHECK(fails("\"\xe2\x82\"", 1, 2, "invalid UTF-8 byte 0xe2 (incomplete sequence)"));
	CHECK(fails("\"\xc3"
		    "A\"",
		    1, 2, "invalid UTF-8 byte 0xc3 (incomplete sequence)"));
	CHECK(fails("\"ab\xe2\x82", 1, 4, "invalid UTF-8 byte 0xe2 (incomplete sequence)"));
	/* The largest valid forms of each length, and those around the surrogates. */
	CHECK((j = parse("\"\xdf\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf\xed\x9f\xbf\xee\x80\x80\"")) &&
	      j->str_len == 15);
	gate_json_free(j);
}

static void test_invalid_utf8_outside_strings(void)
{
	CHECK(fails("// \xff\n1", 1, 4, "invalid UTF-8 byte 0xff"));
	CHECK(fails("/* ok \xc3\xa9\n \xc0\x80 */ 1", 2, 2,
		    "invalid UTF-8 byte 0xc0 (overlong encoding)"));
	CHECK(fails("[\xff]", 1, 2, "invalid UTF-8 byte 0xff"));
	CHECK(fails("1 \xff", 1, 3, "unexpected content after the value"));
	CHECK(fails("\xc3\xa9", 1, 1, "unexpected character U+00E9 (expected a value)"));
	/* A no-break space is not JSON whitespace. */
	CHECK(fails("[\xc2\xa0 1]", 1, 2, "unexpected character U+00A0 (expected a value)"));
	CHECK(fails("{\"a\":1\xe2\x80\xa8}", 1, 7,
		    "unexpected character U+2028 (expected ',' or '}')"));
}

static void test_bom(void)
{
	gate_json *j;

	/* The BOM is skipped but, like every byte, counts in columns. */
	CHECK((j = parse("\xef\xbb\xbf{\"a\": 1}")) && j->type == GATE_JSON_OBJECT &&
	      j->line == 1 && j->col == 4 && j->child && j->child->key_col == 5 &&
	      j->child->col == 10);
	gate_json_free(j);
	CHECK(fails("\xef\xbb\xbf", 1, 4, "unexpected end of input (expected a value)"));
	CHECK(fails("\xef\xbb\xbf\xef\xbb\xbf"
		    "1",
		    1, 4, "unexpected character U+FEFF (expected a value)"));
	CHECK(fails("[\xef\xbb\xbf"
		    "1]",
		    1, 2, "unexpected character U+FEFF (expected a value)"));
	CHECK(fails("\xef\xbb", 1, 1, "invalid UTF-8 byte 0xef (incomplete sequence)"));
}

static void test_arrays(void)
{
	gate_json *j, *e;

	CHECK((j = parse("[]")) && j->type == GATE_JSON_ARRAY && j->count == 0 && !j->child);
	gate_json_free(j);
	j = parse("[ 1 , \"a\" , null , [ true ] , { } ]");
	CHECK(j && j->type == GATE_JSON_ARRAY && j->count == 5);
	if (!j)
		return;
	e = j->child;
	CHECK(e && e->type == GATE_JSON_NUMBER && e->col == 3 && !e->key);
	e = e ? e->next : NULL;
	CHECK(e && e->type == GATE_JSON_STRING && e->col == 7 && strcmp(e->str, "a") == 0);
	e = e ? e->next : NULL;
	CHECK(e && e->type == GATE_JSON_NULL && e->col == 13);
	e = e ? e->next : NULL;
	CHECK(e && e->type == GATE_JSON_ARRAY && e->col == 20 && e->count == 1 && e->child &&
	      e->child->type == GATE_JSON_BOOL && e->child->col == 22 && !e->child->next);
	e = e ? e->next : NULL;
	CHECK(e && e->type == GATE_JSON_OBJECT && e->col == 31 && e->count == 0 && !e->next);
	CHECK(e && e->key_line == 0 && e->key_col == 0);
	gate_json_free(j);
}

static void test_objects(void)
{
	gate_json *j, *m;

	CHECK((j = parse("{}")) && j->type == GATE_JSON_OBJECT && j->count == 0 && !j->child);
	gate_json_free(j);
	j = parse("{\"name\": \"x\", \"n\": 2, \"ok\": true, \"\": null}");
	CHECK(j && j->count == 4);
	if (!j)
		return;
	CHECK((m = gate_json_get(j, "name")) && m->type == GATE_JSON_STRING &&
	      strcmp(m->str, "x") == 0 && strcmp(m->key, "name") == 0);
	CHECK((m = gate_json_get(j, "n")) && m->is_int && m->ival == 2);
	CHECK((m = gate_json_get(j, "ok")) && m->type == GATE_JSON_BOOL && m->boolean);
	CHECK((m = gate_json_get(j, "")) && m->type == GATE_JSON_NULL);
	CHECK(gate_json_get(j, "Name") == NULL);
	CHECK(gate_json_get(j, "nam") == NULL);
	CHECK(gate_json_get(j, "names") == NULL);
	CHECK(gate_json_get(j, NULL) == NULL);
	CHECK(gate_json_get(NULL, "name") == NULL);
	/* Members stay in document order. */
	CHECK(j->child && strcmp(j->child->key, "name") == 0 && j->child->next &&
	      strcmp(j->child->next->key, "n") == 0);
	/* Only objects have members. */
	CHECK(gate_json_get(j->child, "name") == NULL);
	gate_json_free(j);
	CHECK((j = parse("[{\"a\": 1}]")) && gate_json_get(j, "a") == NULL &&
	      gate_json_get(j->child, "a") != NULL);
	gate_json_free(j);
}

static void test_nested(void)
{
	gate_json *j, *m;

	j = parse("{\"a\": {\"b\": [{\"c\": [1, 2, {\"d\": null}]}]}, \"z\": [[[]]]}");
	CHECK(j != NULL);
	if (!j)
		return;
	m = gate_json_get(gate_json_get(j, "a"), "b");
	CHECK(m && m->type == GATE_JSON_ARRAY && m->count == 1);
	m = m ? gate_json_get(m->child, "c") : NULL;
	CHECK(m && m->count == 3 && m->child->next->next->type == GATE_JSON_OBJECT);
	m = m ? gate_json_get(m->child->next->next, "d") : NULL;
	CHECK(m && m->type == GATE_JSON_NULL && m->col == 33 && m->key_col == 28);
	m = gate_json_get(j, "z");
	CHECK(m && m->count == 1 && m->child->count == 1 && m->child->child->count == 0);
	gate_json_free(j);
}

static void test_positions_multiline(void)
{
	gate_json *j, *m;

	j = parse("{\n"
		  "  \"name\": \"x\",\n"
		  "  \"list\": [\n"
		  "    1,\n"
		  "      true\n"
		  "  ],\n"
		  "\t\"tab\": null\n"
		  "}\n");
	CHECK(j && j->line == 1 && j->col == 1);
	if (!j)
		return;
	CHECK((m = gate_json_get(j, "name")) && m->key_line == 2 && m->key_col == 3 &&
	      m->line == 2 && m->col == 11);
	CHECK((m = gate_json_get(j, "list")) && m->key_line == 3 && m->key_col == 3 &&
	      m->line == 3 && m->col == 11);
	CHECK(m && m->child && m->child->line == 4 && m->child->col == 5);
	CHECK(m && m->child && m->child->next && m->child->next->line == 5 &&
	      m->child->next->col == 7);
	/* A tab is one byte, so one column. */
	CHECK((m = gate_json_get(j, "tab")) && m->key_line == 7 && m->key_col == 2 &&
	      m->line == 7 && m->col == 9);
	gate_json_free(j);
}

static void test_positions_crlf(void)
{
	gate_json *j, *m;

	j = parse("{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n");
	CHECK(j != NULL);
	if (!j)
		return;
	CHECK((m = gate_json_get(j, "a")) && m->key_line == 2 && m->key_col == 3 && m->line == 2 &&
	      m->col == 8);
	CHECK((m = gate_json_get(j, "b")) && m->key_line == 3 && m->line == 3 && m->col == 8 &&
	      m->child && m->child->line == 4 && m->child->col == 5);
	gate_json_free(j);
	CHECK(fails("[\r\n1,\r\n  x]", 3, 3, LITERAL_MSG("x")));
	/* Only LF ends a line; a lone CR is whitespace within the line. */
	CHECK((j = parse("[1,\r2]")) && j->child->next->line == 1 && j->child->next->col == 5);
	gate_json_free(j);
}

static void test_positions_after_comments(void)
{
	gate_json *j, *m;

	j = parse("/* header\n"
		  "   spans\n"
		  "   lines */ {\n"
		  "  /* a */ \"k\" /* b */ : /* c */ 42 /* d */\n"
		  "}");
	CHECK(j && j->line == 3 && j->col == 13);
	CHECK(j && (m = gate_json_get(j, "k")) && m->key_line == 4 && m->key_col == 11 &&
	      m->line == 4 && m->col == 33 && m->ival == 42);
	gate_json_free(j);
	CHECK((j = parse("// one\n// two\n  [1]")) && j->line == 3 && j->col == 3);
	gate_json_free(j);
	/* Multibyte characters inside a comment count as bytes too. */
	CHECK((j = parse("/* \xc3\xa9 */ 1")) && j->col == 10);
	gate_json_free(j);
	CHECK(fails("/*\n\n*/ x", 3, 4, LITERAL_MSG("x")));
	CHECK(fails("[1, /* a\nb */ 2 3]", 2, 8, "unexpected character '3' (expected ',' or ']')"));
}

static void test_comments_everywhere(void)
{
	gate_json *j, *m;

	j = parse("// lead\n"
		  "/* lead2 */{ /* a */ \"a\" // b\n"
		  " : // c\n"
		  " [ /* d */ 1 /* e */, // f\n"
		  " 2 // g\n"
		  " ] /* h */, \"e\": {/**/}, \"f\": [//\n"
		  "] } // end");
	CHECK(j && j->count == 3);
	CHECK(j && (m = gate_json_get(j, "a")) && m->count == 2 && m->child->ival == 1 &&
	      m->child->next->ival == 2 && m->line == 4 && m->col == 2);
	CHECK(j && (m = gate_json_get(j, "e")) && m->type == GATE_JSON_OBJECT && m->count == 0);
	CHECK(j && (m = gate_json_get(j, "f")) && m->type == GATE_JSON_ARRAY && m->count == 0);
	gate_json_free(j);

	CHECK((j = parse("1// no newline at the end")) && j->ival == 1);
	gate_json_free(j);
	CHECK((j = parse("1/* */")) && j->ival == 1);
	gate_json_free(j);
	CHECK((j = parse("/***/1")) && j->ival == 1 && j->col == 6);
	gate_json_free(j);
	CHECK((j = parse("/*/ */1")) && j->ival == 1);
	gate_json_free(j);
	CHECK((j = parse("/* // */1")) && j->ival == 1);
	gate_json_free(j);
	CHECK((j = parse("// /* \n1")) && j->ival == 1 && j->line == 2);
	gate_json_free(j);
	CHECK((j = parse("/* \"not a string */ \"/* not a comment */\"")) &&
	      strcmp(j->str, "/* not a comment */") == 0);
	gate_json_free(j);
}

static void test_comment_errors(void)
{
	CHECK(fails("/* never closed", 1, 1, "unterminated comment"));
	CHECK(fails("1 /* \n\n", 1, 3, "unterminated comment"));
	CHECK(fails("[1,\n  /* x *\n", 2, 3, "unterminated comment"));
	CHECK(fails("/* *", 1, 1, "unterminated comment"));
	CHECK(fails("/", 1, 1, "unexpected character '/' (a comment starts with // or /*)"));
	CHECK(fails("/ 1", 1, 1, "unexpected character '/' (a comment starts with // or /*)"));
	CHECK(fails("1 /", 1, 3, "unexpected character '/' (a comment starts with // or /*)"));
	CHECK(fails("# comment\n1", 1, 1, "unexpected character '#' (expected a value)"));
	CHECK(fails_n("/* a \0 b */1", 12, 1, 6, "NUL byte in comment"));
	CHECK(fails_n("// a\0\n1", 7, 1, 5, "NUL byte in comment"));
}

static void test_trailing_commas(void)
{
	CHECK(fails("[1,]", 1, 3, "trailing comma is not allowed"));
	CHECK(fails("{\"a\":1,}", 1, 7, "trailing comma is not allowed"));
	CHECK(fails("[1, // x\n]", 1, 3, "trailing comma is not allowed"));
	CHECK(fails("{\"a\":1,\n/* c */\n}", 1, 7, "trailing comma is not allowed"));
	CHECK(fails("[,]", 1, 2, "unexpected character ',' (expected a value)"));
}

static void test_structure_errors(void)
{
	CHECK(fails("[1 2]", 1, 4, "unexpected character '2' (expected ',' or ']')"));
	CHECK(fails("[1}", 1, 3, "unexpected character '}' (expected ',' or ']')"));
	CHECK(fails("[1,,2]", 1, 4, "unexpected character ',' (expected a value)"));
	CHECK(fails("]", 1, 1, "unexpected character ']' (expected a value)"));
	CHECK(fails("{\"a\" 1}", 1, 6, "unexpected character '1' (expected ':')"));
	CHECK(fails("{\"a\":}", 1, 6, "unexpected character '}' (expected a value)"));
	CHECK(fails("{\"a\":1]", 1, 7, "unexpected character ']' (expected ',' or '}')"));
	CHECK(fails("{\"a\":1 \"b\":2}", 1, 8, "unexpected character '\"' (expected ',' or '}')"));
	CHECK(fails("{a:1}", 1, 2, "object keys must be double-quoted strings"));
	CHECK(fails("{'a':1}", 1, 2, "object keys must be double-quoted strings"));
	CHECK(fails("{1:2}", 1, 2, "object keys must be double-quoted strings"));
	CHECK(fails("{,}", 1, 2, "unexpected character ',' (expected a string key or '}')"));
	CHECK(fails("{\"a\":1,,}", 1, 8, "unexpected character ',' (expected a string key)"));
	CHECK(fails("{\"a\":1, [", 1, 9, "unexpected character '[' (expected a string key)"));
	/* Only space, tab, CR and LF are whitespace. */
	CHECK(fails("\f1", 1, 1, "unexpected character U+000C (expected a value)"));
	CHECK(fails("[1\v]", 1, 3, "unexpected character U+000B (expected ',' or ']')"));
	CHECK(fails("[1 'x']", 1, 4, "unexpected character \"'\" (expected ',' or ']')"));
}

static void test_unterminated_containers(void)
{
	CHECK(fails("[", 1, 1, "unterminated array (no closing ']')"));
	CHECK(fails("[1, 2", 1, 1, "unterminated array (no closing ']')"));
	CHECK(fails("[1, 2,", 1, 1, "unterminated array (no closing ']')"));
	CHECK(fails("[[]", 1, 1, "unterminated array (no closing ']')"));
	CHECK(fails("{\n  \"a\": [1,\n", 2, 8, "unterminated array (no closing ']')"));
	CHECK(fails("{", 1, 1, "unterminated object (no closing '}')"));
	CHECK(fails("{\"a\"", 1, 1, "unterminated object (no closing '}')"));
	CHECK(fails("{\"a\":", 1, 1, "unterminated object (no closing '}')"));
	CHECK(fails("{\"a\": 1", 1, 1, "unterminated object (no closing '}')"));
	CHECK(fails("{\"a\": 1,", 1, 1, "unterminated object (no closing '}')"));
	CHECK(fails("[{\"a\": 1", 1, 2, "unterminated object (no closing '}')"));
}

static void test_empty_input(void)
{
	static gate_json dummy;
	gate_json *j = &dummy;
	gate_error err;

	CHECK(fails("", 1, 1, "unexpected end of input (expected a value)"));
	CHECK(fails("  \n  ", 2, 3, "unexpected end of input (expected a value)"));
	CHECK(fails("// only a comment\n", 2, 1, "unexpected end of input (expected a value)"));
	CHECK(fails("/* */", 1, 6, "unexpected end of input (expected a value)"));
	/* No text at all is the same as empty text; *out is cleared on failure. */
	gate_error_init(&err);
	CHECK(gate_json_parse(&j, NULL, 0, "t.json", GATE_ERR_NONE, &err) == -1 && j == NULL &&
	      err.line == 1 && err.col == 1);
}

static void test_trailing_content(void)
{
	CHECK(fails("1 2", 1, 3, "unexpected content after the value"));
	CHECK(fails("{}}", 1, 3, "unexpected content after the value"));
	CHECK(fails("[] // ok\nx", 2, 1, "unexpected content after the value"));
	CHECK(fails("null null", 1, 6, "unexpected content after the value"));
	CHECK(fails("\"a\"\"b\"", 1, 4, "unexpected content after the value"));
}

/* Depth: 64 nested containers are accepted, the 65th is rejected at its bracket. */
static void test_depth_64_accepted(void)
{
	char *open = repeat("[", 64, ""), *close = repeat("]", 64, ""), *s = NULL;
	gate_json *j, *e;
	int levels = 0;

	if (open && close && (s = malloc(129))) {
		memcpy(s, open, 64);
		memcpy(s + 64, close, 65);
	}
	CHECK(s != NULL);
	if (s) {
		j = parse(s);
		for (e = j; e; e = e->child)
			levels++;
		CHECK(j && levels == 64);
		gate_json_free(j);
	}
	free(open);
	free(close);
	free(s);

	/* 64 objects deep, with a scalar at the bottom. */
	open = repeat("{\"a\":", 64, "1");
	close = repeat("}", 64, "");
	s = NULL;
	if (open && close && (s = malloc(5 * 64 + 1 + 64 + 1))) {
		memcpy(s, open, 5 * 64 + 1);
		memcpy(s + 5 * 64 + 1, close, 65);
	}
	CHECK(s != NULL);
	if (s) {
		levels = 0;
		j = parse(s);
		for (e = j; e && e->type == GATE_JSON_OBJECT; e = e->child)
			levels++;
		CHECK(j && levels == 64 && e && e->is_int && e->ival == 1);
		gate_json_free(j);
	}
	free(open);
	free(close);
	free(s);
}

static void test_depth_65_rejected(void)
{
	char *s;

	s = repeat("[", 65, "");
	CHECK(s && fails(s, 1, 65, "nesting deeper than 64 levels"));
	free(s);
	/* An empty object at level 65 is still too deep. */
	s = repeat("[", 64, "{}");
	CHECK(s && fails(s, 1, 65, "nesting deeper than 64 levels"));
	free(s);
	s = repeat("{\"a\":", 65, "1");
	CHECK(s && fails(s, 1, 321, "nesting deeper than 64 levels"));
	free(s);
	/* Scalars at level 65 are fine: only containers nest. */
	s = repeat("[", 64, "1");
	CHECK(s && fails(s, 1, 64, "unterminated array (no closing ']')"));
	free(s);
}

static void test_depth_10000(void)
{
	char *s;

	s = repeat("[", 10000, "");
	CHECK(s && fails(s, 1, 65, "nesting deeper than 64 levels"));
	free(s);
	s = repeat("[", 10000, "");
	if (s) {
		char *t = repeat("]", 10000, "");
		char *both = t ? malloc(20001) : NULL;

		if (both) {
			memcpy(both, s, 10000);
			memcpy(both + 10000, t, 10001);
			CHECK(fails(both, 1, 65, "nesting deeper than 64 levels"));
		}
		free(both);
		free(t);
	}
	free(s);
	s = repeat("{\"a\":[", 5000, "");
	CHECK(s && fails(s, 1, 6 * 32 + 1, "nesting deeper than 64 levels"));
	free(s);
}

static void test_not_nul_terminated(void)
{
	gate_json *j;

	CHECK((j = parse_n("[1,2]garbage", 5)) && j->count == 2);
	gate_json_free(j);
	CHECK((j = parse_n("123456", 3)) && j->is_int && j->ival == 123);
	gate_json_free(j);
	CHECK((j = parse_n("\"ab\"xyz", 4)) && strcmp(j->str, "ab") == 0);
	gate_json_free(j);
	CHECK((j = parse_n("1.5e3", 3)) && j->num == 1.5);
	gate_json_free(j);
	CHECK(fails_n("\"abc\"", 4, 1, 1, "unterminated string"));
	CHECK(fails_n("true", 3, 1, 1, LITERAL_MSG("tru")));
	CHECK(fails_n("1e5", 2, 1, 3, "expected a digit in the exponent"));
	CHECK(fails_n("/* */ 1", 4, 1, 1, "unterminated comment"));
	CHECK(fails_n("\"\\u0041\"", 6, 1, 2, "invalid \\u escape (expected four hex digits)"));
	CHECK(fails_n("\"\\uD83D\\uDE00\"", 12, 1, 2, HIGH_SURROGATE_MSG("D83D")));
	CHECK(
	    fails_n("\"\xe2\x82\xac\"", 3, 1, 2, "invalid UTF-8 byte 0xe2 (incomplete sequence)"));
}

/*
 * Every proper prefix of a document that ends in '}' is invalid, and every
 * one-byte deletion is either valid or a clean error: neither may crash or
 * read past the end (each input is an exact-size heap copy).
 */
static void test_prefixes_and_deletions(void)
{
	static const char doc[] =
	    "\xef\xbb\xbf// policy\n"
	    "{ /* c\xc3\xa9 */ \"version\": 1, \"x\": [-0.5e+3, true, false, null, \"\\u00e9\\uD83D"
	    "\\uDE00\\n\"],\r\n  \"o\": {\"k\": \"\xe2\x82\xac\", \"n\": -12},\n\t\"e\": [{}, []]}";
	size_t len = sizeof(doc) - 1, i, bad = 0, checked = 0;
	char del[sizeof(doc)];
	gate_json *j;
	gate_error err;
	int rc;

	CHECK((j = parse(doc)) && j->count == 4);
	gate_json_free(j);
	for (i = 0; i < len; i++) {
		j = NULL;
		rc = run(&j, doc, i, &err);
		if (rc != -1 || j || err.line < 1 || err.line > 5 || err.col < 1 ||
		    err.message[0] == '\0' || err.klass != GATE_ERR_POLICY)
			bad++;
		gate_json_free(j);
	}
	CHECK(bad == 0);
	for (i = 0; i < len; i++) {
		memcpy(del, doc, i);
		memcpy(del + i, doc + i + 1, len - i - 1);
		j = NULL;
		rc = run(&j, del, len - 1, &err);
		if (!(rc == 0 && j) &&
		    !(rc == -1 && !j && err.line >= 1 && err.col >= 1 && err.message[0] != '\0'))
			bad++;
		checked++;
		gate_json_free(j);
	}
	CHECK(bad == 0 && checked == len);
}

static void test_nul_bytes(void)
{
	CHECK(fails_n("[1,\0 2]", 7, 1, 4, "unexpected character U+0000 (expected a value)"));
	CHECK(fails_n("\"a\0b\"", 5, 1, 3, "control character U+0000 in string"));
	CHECK(fails_n("{\"a\0\": 1}", 9, 1, 4, "control character U+0000 in string"));
	CHECK(fails_n("1\0", 2, 1, 2, "unexpected content after the value"));
	CHECK(fails_n("\0", 1, 1, 1, "unexpected character U+0000 (expected a value)"));
	CHECK(fails_n("\0{}", 3, 1, 1, "unexpected character U+0000 (expected a value)"));
}

static void test_duplicate_keys(void)
{
	gate_json *j;

	CHECK(fails("{\"a\":1,\"b\":2,\"a\":3}", 1, 14, "duplicate key \"a\" (first at line 1)"));
	CHECK(fails("{\n  \"x\": 1,\n  \"y\": 2,\n  \"x\": 3\n}", 4, 3,
		    "duplicate key \"x\" (first at line 2)"));
	/* Keys are compared after decoding escapes. */
	CHECK(fails("{\"a\":1, \"\\u0061\":2}", 1, 9, "duplicate key \"a\" (first at line 1)"));
	CHECK(
	    fails("[{\"k\":1},{\"k\":1,\"k\":2}]", 1, 17, "duplicate key \"k\" (first at line 1)"));
	/* The earliest member that repeats a key is the one reported. */
	CHECK(fails("{\"b\":1,\n\"a\":2,\n\"b\":3,\n\"a\":4}", 3, 1,
		    "duplicate key \"b\" (first at line 1)"));
	CHECK(
	    fails("{\"a\":1,\n\"a\":2,\n\"a\":3}", 2, 1, "duplicate key \"a\" (first at line 1)"));

	/* Same key in different objects, keys differing in case or length: fine. */
	CHECK((j = parse("{\"a\":{\"a\":1},\"b\":{\"a\":2}}")) && j->count == 2);
	gate_json_free(j);
	CHECK((j = parse("{\"a\":1,\"A\":2,\"ab\":3,\"abc\":4,\"\":5}")) && j->count == 5 &&
	      gate_json_get(j, "A")->ival == 2 && gate_json_get(j, "")->ival == 5);
	gate_json_free(j);
}

static void test_duplicate_keys_in_large_objects(void)
{
	char *s = malloc(200000), line[64];
	size_t used;
	gate_json *j;
	int i;

	CHECK(s != NULL);
	if (!s)
		return;
	/* Keys in descending order, so the sort has work to do; k42 repeats on line 102. */
	used = 0;
	s[used++] = '{';
	s[used++] = '\n';
	for (i = 99; i >= 0; i--) {
		int n = snprintf(line, sizeof(line), "\"k%d\": %d,\n", i, i);

		memcpy(s + used, line, (size_t)n);
		used += (size_t)n;
	}
	memcpy(s + used, "\"k42\": 0}", 10);
	CHECK(fails(s, 102, 1, "duplicate key \"k42\" (first at line 59)"));

	/* 5000 distinct keys parse, and lookups find the first and the last. */
	used = 0;
	s[used++] = '{';
	for (i = 0; i < 5000; i++) {
		int n = snprintf(line, sizeof(line), "%s\"key%d\":%d", i ? "," : "", i, i);

		memcpy(s + used, line, (size_t)n);
		used += (size_t)n;
	}
	memcpy(s + used, "}", 2);
	CHECK((j = parse(s)) && j->count == 5000 && gate_json_get(j, "key0")->ival == 0 &&
	      gate_json_get(j, "key4999")->ival == 4999 && !gate_json_get(j, "key5000"));
	gate_json_free(j);
	free(s);
}

static void test_duplicate_key_message_is_escaped(void)
{
	gate_json *j = NULL;
	gate_error err;
	char *s, *key;

	/* Terminal escapes in a key must not reach the message raw. */
	CHECK(fails("{\"\\u001b[2J\":1,\"\\u001b[2J\":2}", 1, 16,
		    "duplicate key \"\\u001B[2J\" (first at line 1)"));
	CHECK(fails("{\"a\\\"b\\\\\":1,\"a\\\"b\\\\\":2}", 1, 13,
		    "duplicate key \"a\\\"b\\\\\" (first at line 1)"));
	CHECK(fails("{\"\xc3\xa9\xf0\x9f\x98\x80\":1,\"\xc3\xa9\xf0\x9f\x98\x80\":2}", 1, 13,
		    "duplicate key \"\\u00E9\\uD83D\\uDE00\" (first at line 1)"));

	/* A long key is shortened. */
	key = repeat("a", 300, "");
	s = key ? malloc(2 * 300 + 20) : NULL;
	if (s) {
		snprintf(s, 2 * 300 + 20, "{\"%s\":1,\"%s\":2}", key, key);
		CHECK(run(&j, s, strlen(s), &err) == -1 && !j && strlen(err.message) < 200 &&
		      strstr(err.message, "aaa...\" (first at line 1)") != NULL &&
		      err.col == 300 + 7);
	}
	free(s);
	free(key);
}

static void test_error_class_and_file(void)
{
	gate_json *j = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_json_parse(&j, "[1,]", 4, "policy.json", GATE_ERR_INPUT, &err) == -1 &&
	      err.klass == GATE_ERR_INPUT && strcmp(err.file, "policy.json") == 0 &&
	      err.line == 1 && err.col == 3);
	gate_error_init(&err);
	CHECK(gate_json_parse(&j, "[1,]", 4, "p.json", GATE_ERR_NONE, &err) == -1 &&
	      err.klass == GATE_ERR_POLICY);
	gate_error_init(&err);
	CHECK(gate_json_parse(&j, "[1,]", 4, NULL, GATE_ERR_NONE, &err) == -1 &&
	      err.file[0] != '\0' && err.line == 1);
	/* A NULL error is allowed: the failure is still reported. */
	CHECK(gate_json_parse(&j, "[1,]", 4, "p.json", GATE_ERR_NONE, NULL) == -1 && !j);
	CHECK(gate_json_parse(&j, "[1]", 3, "p.json", GATE_ERR_NONE, NULL) == 0 && j);
	gate_json_free(j);
}

static void test_large_array(void)
{
	size_t n = 200000, used = 0, i;
	char *s = malloc(n * 8 + 3);
	gate_json *j, *e;
	long long expect = 0;
	int in_order = 1;

	CHECK(s != NULL);
	if (!s)
		return;
	s[used++] = '[';
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(s + used, 9, "%s%zu", i ? "," : "", i);
	s[used++] = ']';
	j = parse_n(s, used);
	CHECK(j && j->count == n);
	for (e = j ? j->child : NULL; e; e = e->next, expect++)
		if (!e->is_int || e->ival != expect)
			in_order = 0;
	CHECK(in_order && expect == (long long)n);
	gate_json_free(j);
	free(s);
}

static void test_type_names(void)
{
	CHECK_STR(gate_json_type_name(GATE_JSON_NULL), "null");
	CHECK_STR(gate_json_type_name(GATE_JSON_BOOL), "boolean");
	CHECK_STR(gate_json_type_name(GATE_JSON_NUMBER), "number");
	CHECK_STR(gate_json_type_name(GATE_JSON_STRING), "string");
	CHECK_STR(gate_json_type_name(GATE_JSON_ARRAY), "array");
	CHECK_STR(gate_json_type_name(GATE_JSON_OBJECT), "object");
}

static void test_free(void)
{
	gate_json *j;

	gate_json_free(NULL);
	/* A wide and deep tree with strings and keys at every level. */
	j = parse("{\"a\": [\"s\", {\"b\": [[[\"t\"]], {\"c\": \"u\"}]}, [1, [2, [3]]]], "
		  "\"d\": {\"e\": {\"f\": {}}}}");
	CHECK(j != NULL);
	gate_json_free(j);
}

int main(void)
{
	GATE_RUN(test_literals);
	GATE_RUN(test_integers);
	GATE_RUN(test_fractions_and_exponents);
	GATE_RUN(test_integer_limits);
	GATE_RUN(test_long_and_out_of_range_numbers);
	GATE_RUN(test_number_grammar_errors);
	GATE_RUN(test_literal_errors);
	GATE_RUN(test_strings);
	GATE_RUN(test_simple_escapes);
	GATE_RUN(test_unicode_escapes);
	GATE_RUN(test_surrogate_errors);
	GATE_RUN(test_escape_errors);
	GATE_RUN(test_string_errors);
	GATE_RUN(test_raw_utf8);
	GATE_RUN(test_invalid_utf8_in_strings);
	GATE_RUN(test_invalid_utf8_outside_strings);
	GATE_RUN(test_bom);
	GATE_RUN(test_arrays);
	GATE_RUN(test_objects);
	GATE_RUN(test_nested);
	GATE_RUN(test_positions_multiline);
	GATE_RUN(test_positions_crlf);
	GATE_RUN(test_positions_after_comments);
	GATE_RUN(test_comments_everywhere);
	GATE_RUN(test_comment_errors);
	GATE_RUN(test_trailing_commas);
	GATE_RUN(test_structure_errors);
	GATE_RUN(test_unterminated_containers);
	GATE_RUN(test_empty_input);
	GATE_RUN(test_trailing_content);
	GATE_RUN(test_depth_64_accepted);
	GATE_RUN(test_depth_65_rejected);
	GATE_RUN(test_depth_10000);
	GATE_RUN(test_not_nul_terminated);
	GATE_RUN(test_prefixes_and_deletions);
	GATE_RUN(test_nul_bytes);
	GATE_RUN(test_duplicate_keys);
	GATE_RUN(test_duplicate_keys_in_large_objects);
	GATE_RUN(test_duplicate_key_message_is_escaped);
	GATE_RUN(test_error_class_and_file);
	GATE_RUN(test_large_array);
	GATE_RUN(test_type_names);
	GATE_RUN(test_free);
	return GATE_UNIT_DONE("jsonc");
}
