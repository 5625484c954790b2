/*
 * Unit tests of the trailer parser: hand-picked messages whose expected
 * trailers were established by running git 2.39 (`git log
 * --format='%(trailers:only,unfold)'` on the message stored raw), hostile
 * inputs, and the identity split. Run with --git-format, it is instead the
 * batch driver of tests/trailers_test.sh: for each message file named on
 * standard input (one path per line) it prints a NUL and then the trailers
 * exactly as that git command does, so thousands of messages can be
 * compared with git in one process.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "riskgate/buf.h"
#include "riskgate/trailers.h"
#include "unit.h"

#define SOB      "Signed-off-by: A U Thor <author@example.com>\n"
#define SCISSORS "# ------------------------ >8 ------------------------"

/*
 * Parses `len` bytes of `msg` from an exactly-sized heap copy (so that
 * ASan catches any read past the end: the parser must not rely on a NUL
 * terminator) and renders the trailers the way git prints them: one
 * "key: value\n" per trailer.
 */
static char *render(const char *msg, size_t len)
{
	gate_trailers t;
	gate_error err;
	gate_buf out = GATE_BUF_INIT((size_t)1 << 28);
	char *copy = malloc(len ? len : 1);
	size_t i;

	gate_trailers_init(&t);
	gate_error_init(&err);
	if (!copy) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memcpy(copy, msg, len);
	if (gate_trailers_parse(&t, copy, len, &err) < 0) {
		fprintf(stderr, "parse failed: %s\n", err.message);
		exit(2);
	}
	if (gate_buf_grow(&out, 0, &err) < 0)
		exit(2);
	for (i = 0; i < t.count; i++) {
		if (gate_buf_printf(&out, &err, "%s: %s\n", t.items[i].key, t.items[i].value) < 0)
			exit(2);
	}
	gate_trailers_dispose(&t);
	free(copy);
	return gate_buf_detach(&out);
}

/* Checks the trailers of a NUL-terminated message against git's output. */
#define EXPECT(msg, want)                                                                          \
	do {                                                                                       \
		char *got_ = render((msg), strlen(msg));                                           \
		CHECK_STR(got_, (want));                                                           \
		free(got_);                                                                        \
	} while (0)

/* The same for a message given with its length (it may hold NUL bytes). */
#define EXPECT_N(msg, want)                                                                        \
	do {                                                                                       \
		char *got_ = render((msg), sizeof(msg) - 1);                                       \
		CHECK_STR(got_, (want));                                                           \
		free(got_);                                                                        \
	} while (0)

static void test_title_and_last_paragraph(void)
{
	EXPECT("title\n\nKey: v\n", "Key: v\n");
	/* The first paragraph is the title, even when it looks like trailers. */
	EXPECT("Key: v\nK2: w\n", "");
	EXPECT("title\nKey: v\n\nK2: w\n", "K2: w\n");
	/* Only the last paragraph counts. */
	EXPECT("title\n\nKey: v\n\nbody\n", "");
	EXPECT("title\n\nKey: v\n\nK2: w\n", "K2: w\n");
	/* git log starts from the subject: leading blank lines are skipped. */
	EXPECT("\n\nKey: v\n", "");
	EXPECT(" \t\n\r\n\ntitle\n\nKey: v\n", "Key: v\n");
	EXPECT("", "");
	EXPECT("\n\n  \n", "");
	EXPECT("title", "");
	EXPECT("title\n\nKey: v", "Key: v\n");
	EXPECT("title\n\n\nKey: v\n\n\n", "Key: v\n");
}

static void test_mixed_blocks(void)
{
	/* Without a git-generated prefix, every line must be a trailer. */
	EXPECT("title\n\nKey: a\nbody\n", "");
	/* With one, a quarter of trailers is enough. */
	EXPECT("title\n\n" SOB "b1\nb2\nb3\n", "Signed-off-by: A U Thor <author@example.com>\n");
	EXPECT("title\n\n" SOB "b1\nb2\nb3\nb4\n", "");
	EXPECT("title\n\n(cherry picked from commit abc)\nb1\nb2\n", "");
	EXPECT("title\n\n(cherry picked from commit abc)\nb1\nb2\nb3\n", "");
	EXPECT("title\n\n(cherry picked from commit abc)\nKey: v\nb1\n", "Key: v\n");
	/* The prefix needs its exact case and the space after the colon. */
	EXPECT("title\n\nSigned-off-by:x\nb1\n", "");
	EXPECT("title\n\nsigned-off-by: x\nb1\n", "");
	/* Indented lines under a non-trailer count as non-trailers. */
	EXPECT("title\n\nSigned-off-by: a\nbody\n  c1\n  c2\n", "Signed-off-by: a\n");
	EXPECT("title\n\nSigned-off-by: a\nbody\n  c1\n  c2\n  c3\n", "");
	EXPECT("title\n\n  lead\nSigned-off-by: a\n", "Signed-off-by: a\n");
	EXPECT("title\n\n  lead\nKey: a\n", "");
	/* Comment lines count as neither. */
	EXPECT("title\n\nKey: a\n# c\nK2: b\n", "Key: a\nK2: b\n");
	EXPECT("title\n\nKey: a\n#K2: b\n", "Key: a\n");
	/* A URL is a trailer with the key "http"; "Not a key" is not. */
	EXPECT("title\n\nhttp://x\nSigned-off-by: a\n", "http: //x\nSigned-off-by: a\n");
	EXPECT("title\n\nNot a key: x\nKey: v\n", "");
}

static void test_continuations(void)
{
	EXPECT("title\n\nKey: a\n  b\n\tc\nK2: d\n", "Key: a b c\nK2: d\n");
	EXPECT("title\n\nKey:\n  b\n", "Key: b\n");
	EXPECT("title\n\nKey: a\n  b: c\nKey : d\n", "Key: a b: c\nKey: d\n");
	EXPECT("title\n\nKey: a\n   \n", "Key: a\n");
	EXPECT("title\n\nKey: a\n\r\n", "Key: a\n");
	/* A CR before the newline stays in the unfolded value, as in git. */
	EXPECT("title\r\n\r\nKey: v\r\n  cont\r\n", "Key: v\r cont\n");
	EXPECT("title\r\n\r\nKey: v\r\nK2: w\r\n", "Key: v\nK2: w\n");
}

static void test_tokens(void)
{
	EXPECT("title\n\nKey:value\n", "Key: value\n");
	EXPECT("title\n\nkey : value\n", "key: value\n");
	EXPECT("title\n\nKey \t : v\n", "Key: v\n");
	EXPECT("title\n\nKey: a: b\n", "Key: a: b\n");
	EXPECT("title\n\nKey:\n", "Key: \n");
	EXPECT("title\n\n-: v\n", "-: v\n");
	EXPECT("title\n\n: v\n", "");
	EXPECT("title\n\nTwo words: x\n", "");
	EXPECT("title\n\nKey_u: v\n", "");
	/* Only ASCII letters and digits make a token. */
	EXPECT("title\n\nSchl\xc3\xbcssel: v\n", "");
	/* Values keep their bytes, valid UTF-8 or not. */
	EXPECT("title\n\nKey: a\xff\x80 \xc3\xa4\n", "Key: a\xff\x80 \xc3\xa4\n");
	/* git's whitespace is space, TAB, LF and CR: VT and FF are text. */
	EXPECT("title\n\nKey: v\n\v\n", "");
	EXPECT("title\n\nKey: v\n\f\n", "");
	EXPECT("title\n\nKey: a\vb\n", "Key: a\vb\n");
	EXPECT("title\n\nKey: \v\n", "Key: \v\n");
}

static void test_ignored_parts(void)
{
	/* The scissors line cuts off the rest, but only exactly as written. */
	EXPECT("title\n\nKey: v\n" SCISSORS "\nK2: w\n", "Key: v\n");
	EXPECT("title\n\nKey: v\n" SCISSORS " \nK2: w\n", "Key: v\nK2: w\n");
	EXPECT(SCISSORS "\ntitle\n\nKey: v\n", "");
	/* Trailing comments and empty lines are not part of the message. */
	EXPECT("title\n\nKey: v\n\n# comment\n\n", "Key: v\n");
	/* Nor is an old-style conflicts block at the end. */
	EXPECT("title\n\nKey: v\nConflicts:\n\tfile.c\n", "Key: v\n");
	EXPECT("title\n\nKey: v\nConflicts:\n\ta.c\nmore\n", "");
	/* `git log` does not cut the message at a "---" line. */
	EXPECT("title\n\nKey: v\n---\n", "");
	EXPECT("title\n\n" SOB "---\nK2: w\n",
	       "Signed-off-by: A U Thor <author@example.com>\nK2: w\n");
}

static void test_nul_ends_the_message(void)
{
	EXPECT_N("title\n\nKey: v\0K2: w\n", "Key: v\n");
	EXPECT_N("title\n\nKey: v\nK2: w\0\n", "Key: v\nK2: w\n");
	EXPECT_N("\0title\n\nKey: v\n", "");
}

static void test_appends_and_get(void)
{
	gate_trailers t;
	gate_error err;
	static const char m1[] = "t\n\nSigned-off-by: A <a@x>\nco-AUTHORED-by: Claude "
				 "<noreply@anthropic.com>\n";
	static const char m2[] = "t\n\nCo-authored-by: B <b@x>\n";

	gate_trailers_init(&t);
	gate_error_init(&err);
	CHECK(gate_trailers_parse(&t, m1, sizeof(m1) - 1, &err) == 0);
	CHECK(gate_trailers_parse(&t, m2, sizeof(m2) - 1, &err) == 0);
	CHECK(t.count == 3);
	if (t.count == 3) {
		CHECK_STR(t.items[1].key, "co-AUTHORED-by");
		CHECK_STR(t.items[2].value, "B <b@x>");
	}
	CHECK_STR(gate_trailers_get(&t, "Co-Authored-By"), "Claude <noreply@anthropic.com>");
	CHECK_STR(gate_trailers_get(&t, "signed-off-by"), "A <a@x>");
	CHECK(gate_trailers_get(&t, "Reviewed-by") == NULL);
	CHECK(gate_trailers_get(&t, "Signed-off-b") == NULL);
	CHECK(gate_trailers_parse(&t, NULL, 0, &err) == 0);
	CHECK(t.count == 3);
	gate_trailers_dispose(&t);
	CHECK(t.count == 0 && t.items == NULL);
	gate_trailers_dispose(&t);
	gate_trailers_dispose(NULL);
	CHECK(gate_trailers_get(NULL, "x") == NULL);
}

static void ident(const char *value, const char *name, const char *email)
{
	char *n = NULL, *e = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_ident_parse(value, &n, &e, &err) == 0);
	CHECK_STR(n, name);
	CHECK_STR(e, email);
	free(n);
	free(e);
}

static void test_ident(void)
{
	ident("A U Thor <a@example.com>", "A U Thor", "a@example.com");
	ident("  A U Thor   <  a@example.com >  ", "A U Thor", "a@example.com");
	ident("Claude <noreply@anthropic.com> (AI)", "Claude", "noreply@anthropic.com");
	ident("<a@example.com>", "", "a@example.com");
	ident("a@example.com", "", "a@example.com");
	ident(" a@example.com ", "", "a@example.com");
	ident("A U Thor", "A U Thor", "");
	ident("mail me at a@example.com", "mail me at a@example.com", "");
	ident("A <broken", "A <broken", "");
	ident("", "", "");
	ident("A <>", "A", "");
}

/* Hostile inputs must be handled in about linear time: each case must
 * finish well within a second even under sanitizers. */
static void test_hostile(void)
{
	size_t size = (size_t)1 << 20, i, n = 0;
	char *m = malloc(size + 64);
	char *got;
	clock_t start = clock();

	if (!m) {
		CHECK(0);
		return;
	}
	/* 1 MiB of trailers: a title, then "K: v" lines. */
	memcpy(m, "t\n\n", 3);
	for (i = 3; i + 5 <= size; i += 5, n++)
		memcpy(m + i, "K: v\n", 5);
	got = render(m, i);
	CHECK(strlen(got) == n * 5);
	free(got);
	/* One trailer with 200k continuation lines. */
	memcpy(m, "t\n\nK: v\n", 8);
	for (i = 8; i + 5 <= size; i += 5)
		memcpy(m + i, "  x\r\n", 5);
	got = render(m, i);
	CHECK(strncmp(got, "K: v x\r x\r", 10) == 0);
	free(got);
	/* A paragraph of 1 MiB of indented lines and a single long line. */
	memset(m, ' ', size);
	for (i = 1; i < size; i += 2)
		m[i] = '\n';
	got = render(m, size);
	CHECK_STR(got, "");
	free(got);
	memset(m, 'k', size);
	memcpy(m + size, ": v\n", 4);
	got = render(m, size + 4);
	CHECK_STR(got, "");
	free(got);
	/* Many blank paragraphs and comment lines: the backward scan. */
	for (i = 0; i + 2 <= size; i += 2)
		memcpy(m + i, (i / 2) % 3 ? "\n\n" : "#\n", 2);
	got = render(m, size);
	CHECK_STR(got, "");
	free(got);
	free(m);
	CHECK((double)(clock() - start) / CLOCKS_PER_SEC < 10.0);
}

/* The batch driver of tests/trailers_test.sh (see the top of the file). */
static int git_format(void)
{
	gate_buf path = GATE_BUF_INIT(4096), msg = GATE_BUF_INIT((size_t)64 << 20);
	gate_error err;
	int c, error = 2;

	gate_error_init(&err);
	while ((c = getchar()) != EOF) {
		char *got;

		if (c != '\n') {
			if (gate_buf_putc(&path, (char)c, &err) < 0)
				goto done;
			continue;
		}
		gate_buf_clear(&msg);
		if (gate_buf_read_file(&msg, path.ptr ? path.ptr : "", GATE_ERR_INPUT, &err) < 0)
			goto done;
		got = render(msg.ptr, msg.size);
		fputc('\0', stdout);
		fputs(got, stdout);
		fputc('\n', stdout);
		free(got);
		gate_buf_clear(&path);
	}
	error = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 3;
done:
	if (error == 2)
		fprintf(stderr, "test_trailers: %s\n", err.message);
	gate_buf_dispose(&path);
	gate_buf_dispose(&msg);
	return error;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--git-format") == 0)
		return git_format();
	GATE_RUN(test_title_and_last_paragraph);
	GATE_RUN(test_mixed_blocks);
	GATE_RUN(test_continuations);
	GATE_RUN(test_tokens);
	GATE_RUN(test_ignored_parts);
	GATE_RUN(test_nul_ends_the_message);
	GATE_RUN(test_appends_and_get);
	GATE_RUN(test_ident);
	GATE_RUN(test_hostile);
	return GATE_UNIT_DONE("trailers");
}
