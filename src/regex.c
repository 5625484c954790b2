/*
 * The only user of PCRE2. Every pattern is compiled once, JIT-compiled
 * before its first match when the platform allows, and matched under fixed
 * match, depth and heap limits so that no policy can make the gate hang: a
 * limit hit is an error.
 */
#include "riskgate/banned.h"

#include "riskgate/regex.h"

#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

struct gate_regex {
	pcre2_code *code;
	pcre2_match_data *md; /* reused by every match of this pattern */
	pcre2_match_context *mctx;
	char *pattern;
	int jit_tried; /* JIT compilation attempted (before the first match) */
};

/*
 * JIT-compiled patterns run on a JIT stack. PCRE2's default (32 KiB on the
 * machine stack) is small enough that an ordinary pattern with a repeated
 * group can exhaust it on a long line of minified code, which would fail
 * the gate closed for no good reason. Each thread gets one stack of up to
 * GATE_REGEX_JIT_STACK bytes, created on first use and shared by all
 * patterns (a stack is only in use during one match).
 */
#define GATE_REGEX_JIT_STACK (1024 * 1024)

static _Thread_local pcre2_jit_stack *jit_stack;

static pcre2_jit_stack *jit_stack_cb(void *data)
{
	(void)data;
	if (!jit_stack)
		jit_stack = pcre2_jit_stack_create(32 * 1024, GATE_REGEX_JIT_STACK, NULL);
	/* NULL makes PCRE2 fall back to its small default stack. */
	return jit_stack;
}

void gate_regex_thread_done(void)
{
	pcre2_jit_stack_free(jit_stack);
	jit_stack = NULL;
}

static void pcre2_message(char *out, size_t outlen, int code)
{
	if (pcre2_get_error_message(code, (PCRE2_UCHAR *)out, outlen) < 0 && outlen)
		out[0] = '\0';
}

int gate_regex_new(gate_regex **out, const char *pattern, size_t *err_offset, gate_error *err)
{
	return gate_regex_new_caseless(out, pattern, 0, err_offset, err);
}

int gate_regex_new_caseless(gate_regex **out, const char *pattern, int caseless, size_t *err_offset,
			    gate_error *err)
{
	gate_regex *re = NULL;
	int errcode = 0;
	PCRE2_SIZE erroff = 0;
	char msg[256];

	*out = NULL;
	if (err_offset)
		*err_offset = 0;
	re = gate_calloc(1, sizeof(*re), err);
	if (!re)
		return -1;
	re->pattern = gate_strdup(pattern, err);
	if (!re->pattern)
		goto fail;
	re->code = pcre2_compile((PCRE2_SPTR)pattern, strlen(pattern),
				 caseless ? PCRE2_CASELESS : 0, &errcode, &erroff, NULL);
	if (!re->code) {
		pcre2_message(msg, sizeof(msg), errcode);
		if (err_offset)
			*err_offset = erroff;
		gate_error_set(err, GATE_ERR_POLICY, "invalid regular expression at offset %zu: %s",
			       (size_t)erroff, msg);
		goto fail;
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->md || !re->mctx) {
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory compiling a pattern");
		goto fail;
	}
	pcre2_set_match_limit(re->mctx, GATE_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, GATE_REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, GATE_REGEX_HEAP_LIMIT_KIB);
	*out = re;
	return 0;
fail:
	gate_regex_free(re);
	return -1;
}

/*
 * JIT compilation costs about ten times the compilation itself (40 M of
 * the built-in policy's 52 M instructions at load), and most runs match
 * only some of the patterns (a change in C never reaches the Python
 * rules). So it happens just before a pattern's first match, and every
 * match of a pattern uses the same engine: the answer, and which limit a
 * hostile subject hits, never depends on how often it was matched before.
 */
static void jit_prepare(gate_regex *re)
{
	int jit = 0;

	if (re->jit_tried)
		return;
	re->jit_tried = 1;
	/* Not for valgrind runs (GATE_REGEX_NO_JIT): JIT code reads whole
	 * vectors past the end of short subjects (harmless, within the same
	 * page), which memcheck reports. */
#ifndef GATE_REGEX_NO_JIT
	jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
#endif
	if (jit)
		pcre2_jit_stack_assign(re->mctx, jit_stack_cb, NULL);
}

void gate_regex_prepare(gate_regex *re)
{
	jit_prepare(re);
}

void gate_regex_free(gate_regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re->pattern);
	free(re);
}

const char *gate_regex_pattern(const gate_regex *re)
{
	return re->pattern;
}

static int match_failed(gate_regex *re, int rc, gate_error *err)
{
	char msg[256];

	pcre2_message(msg, sizeof(msg), rc);
	return gate_error_set(err, GATE_ERR_REGEX,
			      "pattern '%s' could not be evaluated (%s); the gate fails closed",
			      re->pattern, msg);
}

int gate_regex_match(gate_regex *re, const char *subject, size_t len, gate_error *err)
{
	int rc;

	jit_prepare(re);
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, re->md, re->mctx);

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return match_failed(re, rc, err);
}

int gate_regex_find(gate_regex *re, const char *subject, size_t len, size_t *start, size_t *end,
		    gate_error *err)
{
	int rc;
	PCRE2_SIZE *ov;

	jit_prepare(re);
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, re->md, re->mctx);

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return match_failed(re, rc, err);
	ov = pcre2_get_ovector_pointer(re->md);
	*start = (size_t)ov[0];
	/* \K in a lookbehind can put the end before the start. */
	*end = ov[1] < ov[0] ? (size_t)ov[0] : (size_t)ov[1];
	return 1;
}

int gate_regex_substitute(gate_buf *out, gate_regex *re, const char *subject, size_t len,
			  const char *replacement, gate_error *err)
{
	PCRE2_UCHAR stackbuf[512];
	PCRE2_UCHAR *heap = NULL;
	PCRE2_UCHAR *dst = stackbuf;
	PCRE2_SIZE outlen = sizeof(stackbuf);
	uint32_t opts = PCRE2_SUBSTITUTE_EXTENDED | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH;
	int rc, error = -1;
	char msg[256];

	jit_prepare(re);
	rc = pcre2_substitute(re->code, (PCRE2_SPTR)subject, len, 0, opts, re->md, re->mctx,
			      (PCRE2_SPTR)replacement, strlen(replacement), dst, &outlen);
	if (rc == PCRE2_ERROR_NOMEMORY) {
		heap = gate_malloc(outlen, err);
		if (!heap)
			goto done;
		dst = heap;
		rc = pcre2_substitute(re->code, (PCRE2_SPTR)subject, len, 0, opts, re->md, re->mctx,
				      (PCRE2_SPTR)replacement, strlen(replacement), dst, &outlen);
	}
	if (rc == 0) {
		error = 0;
		goto done;
	}
	if (rc < 0) {
		if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
		    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
			match_failed(re, rc, err);
		} else {
			pcre2_message(msg, sizeof(msg), rc);
			gate_error_set(err, GATE_ERR_POLICY,
				       "substitution '%s' for pattern '%s' failed: %s", replacement,
				       re->pattern, msg);
		}
		goto done;
	}
	if (gate_buf_put(out, dst, outlen, err) < 0)
		goto done;
	error = 1;
done:
	free(heap);
	return error;
}
