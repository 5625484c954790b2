/*
 * Observability hooks (docs/policy.md, "`observability`"): new code in a tier that asks for it must
 * come with a log, metric, trace or error report — in the added lines or
 * within the policy's window of them in the new version of the file. The
 * language, and so the hooks that count, is chosen by path.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/content.h"

static int blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int gate_check_hook_in_lines(const gate_language *lang, const gate_content *c, size_t lo, size_t hi,
			     gate_error *err)
{
	size_t i, h, len;
	const char *s;
	int rc;

	for (i = lo ? lo : 1; i <= hi && i <= c->nlines; i++) {
		s = gate_content_line(c, i, &len);
		for (h = 0; h < lang->nhooks; h++)
			if ((rc = gate_regex_match(lang->hooks[h].re, s, len, err)) != 0)
				return rc;
	}
	return 0;
}

/*
 * Returns 1 when a hook of `lang` appears within `window` lines of an added
 * line, 0 when none does, -1 on error. *first receives the first non-blank
 * added line (0 when only blank lines were added).
 */
static int has_hook(const gate_language *lang, const gate_content *c, long long window,
		    size_t *first, gate_error *err)
{
	size_t k, len, next = 1; /* lines below `next` were already searched */
	const char *s;
	int rc;

	*first = 0;
	for (k = 0; k < c->nadded; k++) {
		size_t a = c->added[k], lo, hi;

		s = gate_content_line(c, a, &len);
		if (blank(s, len))
			continue;
		if (!*first)
			*first = a;
		lo = (long long)a - window > 1 ? (size_t)((long long)a - window) : 1;
		hi = a + (size_t)window < c->nlines ? a + (size_t)window : c->nlines;
		if (lo < next)
			lo = next;
		if (lo <= hi && (rc = gate_check_hook_in_lines(lang, c, lo, hi, err)) != 0)
			return rc;
		if (hi + 1 > next)
			next = hi + 1;
	}
	return 0;
}

int gate_check_observability(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	gate_policy *p = ctx->policy;
	const gate_tier *t = &p->tiers[tier];
	gate_requirement *req;
	gate_buf skipped = GATE_BUF_INIT(1u << 20), msg = GATE_BUF_INIT(65536);
	gate_buf detail = GATE_BUF_INIT(1u << 20);
	gate_content c;
	gate_violation v = {0};
	size_t i, nchecked = 0, nmissing = 0, nskipped = 0, first;
	int error = -1, rc;

	if (!t->require.observability)
		return 0;
	if (!ctx->repo)
		return gate_error_set(err, GATE_ERR_INTERNAL, "observability needs a repository");
	memset(&c, 0, sizeof(c));
	if (gate_result_add_requirement(res, NULL, t->name, "observability", GATE_REQ_PASS, "",
					err) < 0)
		return -1;
	req = &res->reqs[res->nreqs - 1];

	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		const gate_language *lang;

		if (f->status == GATE_STATUS_DELETED)
			continue;
		if ((rc = gate_policy_is_test(p, f->path, f->path_len, err)) < 0)
			goto done;
		if (rc)
			continue; /* tests are not production code paths */
		gate_error_init(err);
		lang = gate_policy_language(p, f->path, f->path_len, err);
		if (!lang) {
			if (err->klass != GATE_ERR_NONE)
				goto done;
			continue; /* not source code of a known language */
		}
		if (gate_eval_expired(ctx, err) < 0 ||
		    gate_content_load(&c, ctx->repo, f, (size_t)p->obs_max_file_size, err) < 0)
			goto done;
		if (c.skipped && c.unscannable) {
			/* Source code the gate cannot read has no hook it can
			 * see: a NUL byte or padding must not excuse it. */
			nmissing++;
			gate_buf_clear(&msg);
			if (gate_strlist_addn(&req->failing, f->path, f->path_len, err) < 0 ||
			    gate_buf_printf(&msg, err,
					    "%s is %s code in tier \"%s\" whose content cannot be "
					    "scanned (%s), so its hooks cannot be seen",
					    f->path, lang->name ? lang->name : "source", t->name,
					    c.skip_reason) < 0)
				goto done;
			v.check = (char *)"observability";
			v.tier = t->name;
			v.severity = GATE_SEV_ERROR;
			v.path = f->path;
			v.line = 0;
			v.message = msg.ptr;
			v.rule = (char *)GATE_RULE_UNSCANNABLE_SOURCE;
			v.hint = (char *)"store source code as text under the size cap";
			if (gate_result_add_violation(res, &v, err) < 0)
				goto done;
			gate_content_dispose(&c);
			continue;
		}
		if (c.skipped) {
			nskipped++;
			if (gate_buf_printf(&skipped, err, "%s%s (%s)", nskipped == 1 ? "" : ", ",
					    f->path, c.skip_reason) < 0)
				goto done;
			gate_content_dispose(&c);
			continue;
		}
		if ((rc = has_hook(lang, &c, p->obs_window, &first, err)) < 0)
			goto done;
		if (!first) {
			gate_content_dispose(&c);
			continue; /* nothing but blank lines added */
		}
		nchecked++;
		if (gate_strlist_addn(rc ? &req->passing : &req->failing, f->path, f->path_len,
				      err) < 0)
			goto done;
		if (!rc) {
			nmissing++;
			gate_buf_clear(&msg);
			if (gate_buf_printf(
				&msg, err,
				"%s adds %s code in tier \"%s\" with no logging, metrics, "
				"tracing or error-reporting hook within %lld lines of it",
				f->path, lang->name ? lang->name : "source", t->name,
				p->obs_window) < 0)
				goto done;
			v.check = (char *)"observability";
			v.tier = t->name;
			v.severity = GATE_SEV_ERROR;
			v.path = f->path;
			v.line = first;
			v.message = msg.ptr;
			v.rule = lang->name;
			v.hint = (char *)"log, count, trace or report errors on the new code path "
					 "with one of the libraries the policy lists for this "
					 "language";
			if (gate_result_add_violation(res, &v, err) < 0)
				goto done;
		}
		gate_content_dispose(&c);
	}
	if (gate_buf_printf(&detail, err,
			    "%zu source file(s) with added code checked for a hook within %lld "
			    "lines: %zu without one",
			    nchecked, p->obs_window, nmissing) < 0)
		goto done;
	if (nskipped && gate_buf_printf(&detail, err, "; skipped: %s", skipped.ptr) < 0)
		goto done;
	free(req->detail);
	req->detail = gate_buf_detach(&detail);
	if (!req->detail) {
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (nmissing)
		req->status = GATE_REQ_FAIL;
	error = 0;
done:
	gate_content_dispose(&c);
	gate_buf_dispose(&skipped);
	gate_buf_dispose(&msg);
	gate_buf_dispose(&detail);
	return error;
}

int gate_check_observability_text(gate_buf *out, const char *sep, const gate_policy *policy,
				  const gate_tier *tier, gate_error *err)
{
	int error;

	(void)policy;
	if (!tier->require.observability)
		return 0;
	if ((error = gate_buf_printf(out, err, "%sobservability", sep)) < 0)
		return error;
	return 1;
}

int gate_check_observability_json(struct cJSON *requires, const gate_policy *policy,
				  const gate_tier *tier, gate_error *err)
{
	(void)policy;
	return gate_jsonout__add_bool(requires, "observability", tier->require.observability, err);
}
