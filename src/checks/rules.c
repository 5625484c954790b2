/*
 * Content rules (SPEC 3.3): patterns over the added lines of a change for
 * the failures that slip through review (swallowed errors, insecure
 * defaults, missing timeouts, secrets...). A rule's `unless` pattern near
 * the trigger satisfies it; a `riskgate: allow <id> <reason>` comment on the
 * line or the line above waives one finding and is recorded.
 */
#include "riskgate/banned.h"

#include "checks.h"

#include <stdio.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/content.h"
#include "riskgate/rules.h"
#include "riskgate/scan.h"

#define WAIVER_TAG "riskgate: allow "

static const char *find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i;

	if (nlen > hlen)
		return NULL;
	for (i = 0; i + nlen <= hlen; i++)
		if (memcmp(hay + i, needle, nlen) == 0)
			return hay + i;
	return NULL;
}

/*
 * Looks for a waiver of rule `id` on `line`. Returns 1 with its reason
 * (trimmed, comment closers dropped) in `reason`, 2 when the waiver names
 * the rule but gives no reason (which does not count), 0 when none.
 */
static int find_waiver(const char *line, size_t len, const char *id, gate_buf *reason,
		       gate_error *err)
{
	const char *p = line, *end = line + len, *hit;
	size_t idlen = strlen(id);

	while ((hit = find_bytes(p, (size_t)(end - p), WAIVER_TAG, sizeof(WAIVER_TAG) - 1))) {
		const char *q = hit + sizeof(WAIVER_TAG) - 1, *r;

		p = q;
		if ((size_t)(end - q) < idlen || memcmp(q, id, idlen) != 0)
			continue;
		q += idlen;
		if (q < end && *q != ' ' && *q != '\t')
			continue; /* a longer id that starts with this one */
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		r = end;
		while (r > q && (r[-1] == ' ' || r[-1] == '\t' || r[-1] == '/' || r[-1] == '*' ||
				 r[-1] == '>' || r[-1] == '-' || r[-1] == '#'))
			r--;
		if (r == q)
			return 2;
		if (gate_buf_put(reason, q, (size_t)(r - q), err) < 0)
			return -1;
		return 1;
	}
	return 0;
}

/* Whether `re` matches a line of [line - window, line + window]. */
static int near(gate_regex *re, const gate_content *c, size_t line, long long window,
		gate_error *err)
{
	size_t lo = (long long)line - window > 1 ? (size_t)((long long)line - window) : 1;
	size_t hi = line + (size_t)window < c->nlines ? line + (size_t)window : c->nlines;
	size_t i, len;
	const char *s;
	int rc;

	for (i = lo; i <= hi; i++) {
		s = gate_content_line(c, i, &len);
		if ((rc = gate_regex_match(re, s, len, err)) != 0)
			return rc;
	}
	return 0;
}

typedef struct {
	gate_result *res;
	gate_check_ctx *ctx;
	const gate_tier *tier;
	size_t findings; /* error-severity findings */
	size_t warnings;
	size_t waived;
} rules_run;

static int check_line(rules_run *run, const gate_rule *rule, const gate_file *f,
		      const gate_content *c, size_t n, gate_error *err)
{
	gate_buf reason = GATE_BUF_INIT(4096), msg = GATE_BUF_INIT(65536);
	gate_violation v = {0};
	gate_waiver w = {0};
	const char *s;
	size_t len;
	int rc, waiver = 0, error = -1;

	s = gate_content_line(c, n, &len);
	if ((rc = gate_regex_match(rule->trigger.re, s, len, err)) <= 0)
		return rc;
	if (rule->unless.re && (rc = near(rule->unless.re, c, n, rule->window, err)) != 0)
		return rc < 0 ? -1 : 0;
	waiver = find_waiver(s, len, rule->id, &reason, err);
	if (waiver == 0 && n > 1) {
		const char *above = gate_content_line(c, n - 1, &len);
		waiver = find_waiver(above, len, rule->id, &reason, err);
	}
	if (waiver < 0)
		goto done;
	if (waiver == 1) {
		w.rule = rule->id;
		w.tier = run->tier->name;
		w.path = f->path;
		w.line = n;
		w.reason = reason.ptr;
		error = gate_result_add_waiver(run->res, &w, err);
		run->waived++;
		goto done;
	}
	if (gate_buf_puts(&msg, rule->message, err) < 0 ||
	    (waiver == 2 &&
	     gate_buf_puts(&msg, " (a waiver without a reason does not count)", err) < 0))
		goto done;
	v.check = (char *)"rules";
	v.rule = rule->id;
	v.tier = run->tier->name;
	v.severity = rule->severity == GATE_RULE_WARNING ? GATE_SEV_WARNING : GATE_SEV_ERROR;
	v.path = f->path;
	v.line = n;
	v.message = msg.ptr;
	v.hint = rule->hint;
	if (rule->severity == GATE_RULE_WARNING)
		run->warnings++;
	else
		run->findings++;
	error = gate_result_add_violation(run->res, &v, err);
done:
	gate_buf_dispose(&reason);
	gate_buf_dispose(&msg);
	return error;
}

/*
 * A covered file whose new version cannot be read as text (content.h's
 * `unscannable`). Source code (scan.h) is the finding
 * "rules/unscannable-source"; any other file is allowed only when it
 * matches the policy's `assets`, else it is "rules/unscannable-file".
 * Returns 1 when the file fails the requirement, 0 when it is an asset.
 */
static int unscannable(rules_run *run, const gate_file *f, const gate_content *c,
		       gate_requirement *req, gate_buf *detail, size_t *nskipped, gate_error *err)
{
	gate_buf msg = GATE_BUF_INIT(65536);
	gate_violation v = {0};
	int src, asset = 0, error = -1;

	src = gate_scan_is_source(run->ctx->policy, f, c->shebang ? "#!" : NULL,
				  c->shebang ? 2 : 0, err);
	if (src < 0)
		return -1;
	if (!src && (asset = gate_scan_is_asset(run->ctx->policy, f->path, f->path_len, err)) < 0)
		return -1;
	(*nskipped)++;
	if (gate_buf_printf(detail, err, "%s%s (%s: %s)", *nskipped == 1 ? "; skipped: " : ", ",
			    f->path, c->skip_reason,
			    asset ? "an asset" : "not scanned") < 0)
		return -1;
	if (asset)
		return 0;
	if (gate_strlist_addn(&req->failing, f->path, f->path_len, err) < 0 ||
	    gate_buf_printf(&msg, err,
			    "%s is %s whose content cannot be scanned (%s), so the content "
			    "rules of tier \"%s\" cannot clear it",
			    f->path, src ? "source code" : "a file that is not a listed asset",
			    c->skip_reason, run->tier->name) < 0)
		goto done;
	v.check = (char *)"rules";
	v.rule = src ? (char *)"unscannable-source" : (char *)"unscannable-file";
	v.tier = run->tier->name;
	v.severity = GATE_SEV_ERROR;
	v.path = f->path;
	v.message = msg.ptr;
	v.hint = src ? (char *)"store source code as text: remove the NUL or control bytes, "
			       "split the file under the size cap, or keep it out of Git LFS"
		     : (char *)"store it as text, or add a pattern for it to the policy's "
			       "\"assets\" on the base branch";
	error = gate_result_add_violation(run->res, &v, err) < 0 ? -1 : 1;
done:
	gate_buf_dispose(&msg);
	return error;
}

int gate_check_rules(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	gate_requirement *req = NULL;
	gate_buf detail = GATE_BUF_INIT(1u << 20);
	gate_content c;
	rules_run run;
	size_t i, r, k, nchecked = 0, nskipped = 0, ntoobig = 0;
	int error = -1, rc;

	if (t->require.nrules == 0)
		return 0;
	if (!ctx->repo)
		return gate_error_set(err, GATE_ERR_INTERNAL, "content rules need a repository");
	memset(&run, 0, sizeof(run));
	memset(&c, 0, sizeof(c));
	run.res = res;
	run.ctx = ctx;
	run.tier = t;
	if (gate_result_add_requirement(res, NULL, t->name, "rules", GATE_REQ_PASS, "", err) < 0)
		return -1;
	/* The requirement's index stays valid; its pointer may move as the
	 * checks of other tiers add theirs, but not during this function. */
	req = &res->reqs[res->nreqs - 1];

	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		size_t before = run.findings;
		int loaded = 0;

		if (f->status == GATE_STATUS_DELETED)
			continue;
		for (r = 0; r < t->require.nrules; r++) {
			gate_rule *rule = &ctx->policy->rules[t->require.rules[r]];

			rc = gate_rule_covers(rule, f->path, f->path_len, err);
			if (rc < 0)
				goto done;
			if (!rc)
				continue;
			if (!loaded) {
				if (gate_eval_expired(ctx, err) < 0 ||
				    gate_content_load(&c, ctx->repo, f,
						      (size_t)ctx->policy->obs_max_file_size, err) < 0)
					goto done;
				loaded = 1;
				if (c.skipped && c.unscannable) {
					/* Content that cannot be read cannot be
					 * cleared: a NUL byte, padding past the cap
					 * or an LFS pointer must not hide what a file
					 * adds, unless the policy calls it an asset. */
					if ((rc = unscannable(&run, f, &c, req, &detail, &nskipped,
							      err)) < 0)
						goto done;
					ntoobig += (size_t)rc;
					break;
				}
				if (c.skipped) {
					nskipped++;
					if (gate_buf_printf(&detail, err, "%s%s (%s)",
							    nskipped == 1 ? "; skipped: " : ", ",
							    f->path, c.skip_reason) < 0)
						goto done;
					break;
				}
				nchecked++;
			}
			for (k = 0; k < c.nadded; k++)
				if (check_line(&run, rule, f, &c, c.added[k], err) < 0)
					goto done;
		}
		if (loaded && !c.skipped &&
		    gate_strlist_addn(run.findings > before ? &req->failing : &req->passing,
				      f->path, f->path_len, err) < 0)
			goto done;
		gate_content_dispose(&c);
	}
	free(req->detail);
	req->detail = NULL;
	{
		gate_buf d = GATE_BUF_INIT(1u << 20);
		if (gate_buf_printf(&d, err,
				    "%zu rule(s) over the added lines of %zu file(s): %zu finding(s), "
				    "%zu warning(s), %zu waived%s",
				    t->require.nrules, nchecked, run.findings, run.warnings, run.waived,
				    detail.ptr ? detail.ptr : "") < 0) {
			gate_buf_dispose(&d);
			goto done;
		}
		req->detail = gate_buf_detach(&d);
	}
	if (!req->detail) {
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (run.findings || ntoobig)
		req->status = GATE_REQ_FAIL;
	error = 0;
done:
	gate_content_dispose(&c);
	gate_buf_dispose(&detail);
	return error;
}
