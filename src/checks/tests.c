/*
 * The tests requirement (docs/policy.md, "Requirements"): "changed" asks that the change touch at
 * least one test file; "paired" asks that each changed source file come
 * with a change to its own test, named by the policy's pairing rules.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"

typedef struct {
	const char *path;
	size_t len;
} path_ref;

static int cmp_path(const void *a, const void *b)
{
	const path_ref *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->path, y->path, n);

	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/*
 * Whether the change gives `f` new content: a test counts only then. A mode
 * change (chmod) or a rename or copy that keeps the blob leaves the test
 * exactly as it was, whatever path it now has.
 */
static int content_changed(const gate_file *f)
{
	if (f->status == GATE_STATUS_DELETED)
		return 0;
	return strcmp(f->old_oid, f->new_oid) != 0;
}

/* The changed paths whose content the change writes (content_changed),
 * sorted for lookup. */
static int present_paths(path_ref **out, size_t *n, const gate_change *change, gate_error *err)
{
	size_t i;

	*n = 0;
	*out = gate_calloc(change->nfiles, sizeof(**out), err);
	if (!*out)
		return -1;
	for (i = 0; i < change->nfiles; i++) {
		if (!content_changed(&change->files[i]))
			continue;
		(*out)[*n].path = change->files[i].path;
		(*out)[(*n)++].len = change->files[i].path_len;
	}
	qsort(*out, *n, sizeof(**out), cmp_path);
	return 0;
}

static int is_present(const path_ref *paths, size_t n, const char *path, size_t len)
{
	path_ref key;

	key.path = path;
	key.len = len;
	return bsearch(&key, paths, n, sizeof(*paths), cmp_path) != NULL;
}

/*
 * For a source file under "paired": 1 when one of its paired tests changed,
 * 0 when none did (the candidates are appended to `expected`, separated by
 * ", "), 2 when no pairing rule covers the file.
 */
static int paired_status(gate_check_ctx *ctx, const gate_file *f, const path_ref *present,
			 size_t npresent, gate_buf *expected, gate_error *err)
{
	gate_policy *p = ctx->policy;
	gate_buf cand = GATE_BUF_INIT(65536);
	size_t i, k;
	int covered = 0, rc, result = -1;

	for (i = 0; i < p->ntest_pairs; i++) {
		for (k = 0; k < p->test_pairs[i].nto; k++) {
			gate_buf_clear(&cand);
			rc = gate_regex_substitute(&cand, p->test_pairs[i].from.re, f->path,
						   f->path_len, p->test_pairs[i].to[k], err);
			if (rc < 0)
				goto done;
			if (rc == 0)
				break; /* `from` does not match: no other `to` will */
			covered = 1;
			if (is_present(present, npresent, cand.ptr, cand.size)) {
				result = 1;
				goto done;
			}
			if (expected->size && gate_buf_puts(expected, ", ", err) < 0)
				goto done;
			if (gate_buf_put(expected, cand.ptr, cand.size, err) < 0)
				goto done;
		}
	}
	result = covered ? 0 : 2;
done:
	gate_buf_dispose(&cand);
	return result;
}

int gate_check_tests(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	gate_tests_mode mode = t->require.tests;
	gate_requirement *req = NULL;
	path_ref *present = NULL;
	size_t npresent = 0, i, nsources = 0, ntests_changed = 0, nfailing = 0;
	gate_buf expected = GATE_BUF_INIT(1u << 20);
	gate_buf msg = GATE_BUF_INIT(1u << 20);
	gate_violation v = {0};
	char detail[512];
	int error = -1, rc;
	char *is_source = NULL;

	if (mode == GATE_TESTS_NONE)
		return 0;
	if (present_paths(&present, &npresent, ctx->change, err) < 0)
		goto done;
	for (i = 0; i < npresent; i++) {
		rc = gate_policy_is_test(ctx->policy, present[i].path, present[i].len, err);
		if (rc < 0)
			goto done;
		ntests_changed += (size_t)rc;
	}
	is_source = gate_calloc(ctx->tier_nfiles[tier], 1, err);
	if (!is_source)
		goto done;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		size_t fi = ctx->tier_files[tier][i];
		const gate_file *f = &ctx->change->files[fi];
		/* Deleted files need no test; the files that guard the gate (policy,
		 * CODEOWNERS) are governance, not code, and have none. */
		if (f->status == GATE_STATUS_DELETED || res->classes[fi].kind == GATE_MATCH_GUARDED)
			continue;
		rc = gate_policy_is_test(ctx->policy, f->path, f->path_len, err);
		if (rc < 0)
			goto done;
		if (!rc) {
			is_source[i] = 1;
			nsources++;
		}
	}
	if (mode == GATE_TESTS_CHANGED)
		snprintf(detail, sizeof(detail),
			 "%zu source file(s) in tier \"%s\"; the change touches %zu test file(s)",
			 nsources, t->name, ntests_changed);
	else
		snprintf(detail, sizeof(detail),
			 "%zu source file(s) in tier \"%s\", each needs its paired test changed",
			 nsources, t->name);
	if (gate_result_add_requirement(res, &req, t->name, "tests", GATE_REQ_PASS, detail, err) <
	    0)
		goto done;

	v.check = (char *)"tests";
	v.tier = t->name;
	v.severity = GATE_SEV_ERROR;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		int ok;

		if (!is_source[i])
			continue;
		gate_buf_clear(&expected);
		gate_buf_clear(&msg);
		if (mode == GATE_TESTS_PAIRED) {
			rc = paired_status(ctx, f, present, npresent, &expected, err);
			if (rc < 0)
				goto done;
		} else {
			rc = 2;
		}
		if (rc == 2)
			ok = ntests_changed > 0;
		else
			ok = rc == 1;
		if (gate_strlist_addn(ok ? &req->passing : &req->failing, f->path, f->path_len,
				      err) < 0)
			goto done;
		if (ok)
			continue;
		nfailing++;
		if (rc == 0) {
			if (gate_buf_printf(&msg, err,
					    "%s is in tier \"%s\", which requires paired tests, "
					    "but none of its tests changed (expected one of: %s)",
					    f->path, t->name, expected.ptr) < 0)
				goto done;
			v.hint = (char *)"add or update the paired test in the same change";
		} else if (mode == GATE_TESTS_PAIRED) {
			if (gate_buf_printf(
				&msg, err,
				"%s is in tier \"%s\", which requires tests; no pairing "
				"rule names its test and the change touches no test file",
				f->path, t->name) < 0)
				goto done;
			v.hint = (char *)"add or update a test in the same change, or add a "
					 "tests.pairs rule for this kind of file";
		} else {
			if (gate_buf_printf(&msg, err,
					    "%s is in tier \"%s\", which requires a test change, "
					    "and the change touches no test file",
					    f->path, t->name) < 0)
				goto done;
			v.hint = (char *)"add or update a test (a file matching the policy's "
					 "tests.paths) in the same change";
		}
		v.path = f->path;
		v.message = msg.ptr;
		v.rule = NULL;
		if (gate_result_add_violation(res, &v, err) < 0)
			goto done;
	}
	if (nfailing) {
		req->status = GATE_REQ_FAIL;
	}
	error = 0;
done:
	free(is_source);
	free(present);
	gate_buf_dispose(&expected);
	gate_buf_dispose(&msg);
	return error;
}

int gate_check_tests_text(gate_buf *out, const char *sep, const gate_policy *policy,
			  const gate_tier *tier, gate_error *err)
{
	int error;

	(void)policy;
	if ((error = gate_buf_printf(out, err, "%stests: %s", sep,
				     gate_tests_mode_name(tier->require.tests))) < 0)
		return error;
	return 1;
}

int gate_check_tests_json(struct cJSON *requires, const gate_policy *policy, const gate_tier *tier,
			  gate_error *err)
{
	(void)policy;
	return gate_jsonout__add_text(requires, "tests", gate_tests_mode_name(tier->require.tests),
				      err);
}
