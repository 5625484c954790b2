/*
 * Content rules (docs/policy.md, "`rules`"): patterns over the added lines of a change for
 * the failures that slip through review (swallowed errors, insecure
 * defaults, missing timeouts, secrets...). A rule's `unless` pattern in its
 * scope satisfies it. A `riskgate: allow <id> <reason>` comment on the
 * finding's line, or alone on an added line above it, waives that finding
 * when the rule is waivable and the change has the approval the policy's
 * "waivers" names; the waiver is recorded. Otherwise the finding stands.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/content.h"
#include "riskgate/rules.h"
#include "riskgate/scan.h"

#define WAIVER_TAG "riskgate: allow "

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

	while ((hit = gate_mem_find(p, (size_t)(end - p), WAIVER_TAG, sizeof(WAIVER_TAG) - 1))) {
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

/* Whether the text of `line` before the waiver tag at `tag` is only
 * whitespace and comment punctuation: a waiver on a line of its own,
 * written for the line below it. */
static int comment_only(const char *line, const char *tag)
{
	for (; line < tag; line++)
		if (!*line || !strchr(" \t#/*-;!<%'\"{", *line))
			return 0;
	return 1;
}

/*
 * Finds the waiver of `rule` for a finding at line `n`: on line n itself,
 * or on line n - 1 when that line is a comment of its own that the change
 * adds too. A waiver is written for one line: an older waiver above a line
 * the change adds was written for the line that stood there before, and an
 * added line of code with a waiver is about itself. Returns find_waiver's
 * answer.
 */
static int waiver_for(const gate_content *c, size_t n, const char *id, gate_buf *reason,
		      gate_error *err)
{
	const char *s, *tag;
	size_t len;
	int rc;

	s = gate_content_line(c, n, &len);
	if ((rc = find_waiver(s, len, id, reason, err)) != 0 || n < 2 ||
	    !gate_content_is_added(c, n - 1))
		return rc;
	s = gate_content_line(c, n - 1, &len);
	tag = gate_mem_find(s, len, WAIVER_TAG, sizeof(WAIVER_TAG) - 1);
	if (!tag || !comment_only(s, tag))
		return 0;
	return find_waiver(s, len, id, reason, err);
}

typedef struct {
	gate_result *res;
	gate_check_ctx *ctx;
	const gate_tier *tier;
	const gate_rule *rule;
	const gate_file *file;
	const gate_content *content;
	size_t findings; /* error-severity findings */
	size_t warnings;
	size_t waived;
	int approved;      /* the change has the approval its waivers need */
	const char *why;   /* when not: why not */
	size_t file_index; /* of `file` in the change, for its AI-written lines */
	int ai_strict;     /* the rule is in the tier's ai_lines.rules: an error there */
	int ai_only;       /* ... and not in its rules: read on AI-written lines only */
} rules_run;

static int on_hit(void *payload, size_t n, gate_error *err)
{
	rules_run *run = payload;
	const gate_rule *rule = run->rule;
	gate_buf reason = GATE_BUF_INIT(4096), msg = GATE_BUF_INIT(65536);
	gate_violation v = {0};
	gate_waiver w = {0};
	int waiver, error = -1, fails = rule->severity != GATE_RULE_WARNING;
	const char *hint = rule->hint;
	const gate_ainote_agent *ai = gate_ailines_agent(&run->res->ailines, run->file_index, n);

	if (run->ai_only && !ai)
		return 0;
	waiver = waiver_for(run->content, n, rule->id, &reason, err);
	if (waiver < 0)
		goto done;
	if (waiver == 1 && rule->waivable && run->approved) {
		w.rule = rule->id;
		w.tier = run->tier->name;
		w.path = run->file->path;
		w.line = n;
		w.reason = reason.ptr;
		error = gate_result_add_waiver(run->res, &w, err);
		run->waived++;
		goto done;
	}
	if (gate_buf_puts(&msg, rule->message, err) < 0)
		goto done;
	if (waiver == 2 &&
	    gate_buf_puts(&msg, " (a waiver without a reason does not count)", err) < 0)
		goto done;
	if (waiver == 1 && !rule->waivable) {
		if (gate_buf_printf(&msg, err, " (rule %s cannot be waived)", rule->id) < 0)
			goto done;
	} else if (waiver == 1) {
		/* A waiver the change writes for itself is a claim that needs
		 * approval; without it, the finding fails whatever its severity. */
		fails = 1;
		hint = "get the approval the policy's \"waivers\" names, or fix the finding";
		if (gate_buf_printf(&msg, err, " (waived by the change without approval: %s)",
				    run->why) < 0)
			goto done;
	}
	/* docs/policy.md, "`ai_lines`": on a line an AI session wrote, the
	 * tier holds the rule as an error, whatever its severity. */
	if (ai && run->ai_strict) {
		if (!fails &&
		    gate_buf_printf(&msg, err,
				    " (an AI-written line, by %s%s%s%s: tier \"%s\" "
				    "holds rule %s as an error there)",
				    ai->tool, ai->model[0] ? " (" : "", ai->model,
				    ai->model[0] ? ")" : "", run->tier->name, rule->id) < 0)
			goto done;
		fails = 1;
	}
	v.check = (char *)"rules";
	v.rule = rule->id;
	v.tier = run->tier->name;
	v.severity = fails ? GATE_SEV_ERROR : GATE_SEV_WARNING;
	v.path = run->file->path;
	v.line = n;
	v.message = msg.ptr;
	v.hint = (char *)hint;
	if (fails)
		run->findings++;
	else
		run->warnings++;
	error = gate_result_add_violation(run->res, &v, err);
done:
	gate_buf_dispose(&reason);
	gate_buf_dispose(&msg);
	return error;
}

/*
 * Whether the change has the approval the policy asks of waivers it adds
 * (policy "waivers"): `min` approvers of the change, each named by
 * `approvers` when that lists anyone. Sets run->approved, and run->why
 * (in `why`) when not.
 */
static int waiver_approval(rules_run *run, gate_buf *why, gate_error *err)
{
	const gate_policy *p = run->ctx->policy;
	const gate_teams *teams = run->ctx->opts ? run->ctx->opts->teams : NULL;
	size_t i, s, count = 0;

	run->approved = 0;
	if (p->waiver_min <= 0) {
		run->approved = 1;
		return 0;
	}
	if (!run->ctx->approvers_known) {
		run->why = "who approved is not known";
		return 0;
	}
	for (i = 0; i < run->ctx->napprovers; i++) {
		int ok = p->nwaiver_approvers == 0;

		if (!gate_approver_counts_for(&run->ctx->approvers[i],
					      (size_t)(run->tier - p->tiers)))
			continue;

		for (s = 0; !ok && s < p->nwaiver_approvers; s++)
			ok = gate_approver_matches(&run->ctx->approvers[i], p->waiver_approvers[s],
						   teams);
		count += ok;
	}
	if ((long long)count >= p->waiver_min) {
		run->approved = 1;
		return 0;
	}
	if (gate_buf_printf(why, err, "%zu of the %lld approval(s) needed", count, p->waiver_min) <
	    0)
		return -1;
	for (s = 0; s < p->nwaiver_approvers; s++)
		if (gate_buf_printf(why, err, "%s%s", s ? ", " : " from ", p->waiver_approvers[s]) <
		    0)
			return -1;
	run->why = why->ptr;
	return 0;
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

	src = gate_scan_is_source(run->ctx->policy, f, c->shebang ? "#!" : NULL, c->shebang ? 2 : 0,
				  err);
	if (src < 0)
		return -1;
	if (!src && (asset = gate_scan_is_asset(run->ctx->policy, f->path, f->path_len, err)) < 0)
		return -1;
	(*nskipped)++;
	if (gate_buf_printf(detail, err, "%s%s (%s: %s)", *nskipped == 1 ? "; skipped: " : ", ",
			    f->path, c->skip_reason, asset ? "an asset" : "not scanned") < 0)
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
	v.rule = src ? (char *)GATE_RULE_UNSCANNABLE_SOURCE : (char *)GATE_RULE_UNSCANNABLE_FILE;
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

/* Whether rule index `id` is one of the `n` of `ids`. */
static int listed(const size_t *ids, size_t n, size_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* The r-th rule a tier's files are read for: its own rules, then those of
 * its ai_lines that it does not list, in order. */
static size_t rule_at(const gate_tier *t, size_t r)
{
	const gate_ailines_req *a = t->require.ai_lines;
	size_t k;

	if (r < t->require.nrules)
		return t->require.rules[r];
	r -= t->require.nrules;
	for (k = 0; k < a->nrules; k++)
		if (!listed(t->require.rules, t->require.nrules, a->rules[k]) && r-- == 0)
			return a->rules[k];
	return 0; /* not reached: r < the number of rules counted */
}

int gate_check_rules(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	gate_requirement *req = NULL;
	gate_buf detail = GATE_BUF_INIT(1u << 20), why = GATE_BUF_INIT(1u << 16);
	gate_content c;
	rules_run run;
	gate_rule **rules = NULL;
	gate_rule_marker **markers = NULL;
	unsigned char *cover = NULL;
	unsigned long long *marks = NULL;
	const gate_file **ahead = NULL;
	size_t nmarkers = 0, nahead = 0;
	size_t i, r, nchecked = 0, nskipped = 0, ntoobig = 0, nall;
	int error = -1, rc;

	/* The tier's rules, then those of ai_lines that it does not list. */
	nall = t->require.nrules;
	if (t->require.ai_lines && gate_check_ai_lines_in_tier(res, ctx, tier) > 0)
		for (r = 0; r < t->require.ai_lines->nrules; r++)
			nall += !listed(t->require.rules, t->require.nrules,
					t->require.ai_lines->rules[r]);
	if (nall == 0)
		return 0;
	if (!ctx->repo)
		return gate_error_set(err, GATE_ERR_INTERNAL, "content rules need a repository");
	memset(&run, 0, sizeof(run));
	memset(&c, 0, sizeof(c));
	run.res = res;
	run.ctx = ctx;
	run.tier = t;
	if (waiver_approval(&run, &why, err) < 0)
		goto done;
	if (gate_result_add_requirement(res, NULL, t->name, "rules", GATE_REQ_PASS, "", err) < 0)
		return -1;
	/* The requirement's index stays valid; its pointer may move as the
	 * checks of other tiers add theirs, but not during this function. */
	req = &res->reqs[res->nreqs - 1];

	/* The rules, and a marker for each GATE_RULE_MARKS_MAX of them: a
	 * file's lines are searched once for all their literals. */
	if (!(rules = gate_calloc(nall, sizeof(*rules), err)) ||
	    !(cover = gate_calloc(nall, 1, err)) ||
	    !(markers = gate_calloc((nall + GATE_RULE_MARKS_MAX - 1) / GATE_RULE_MARKS_MAX,
				    sizeof(*markers), err)))
		goto done;
	for (r = 0; r < nall; r++)
		rules[r] = &ctx->policy->rules[rule_at(t, r)];
	for (r = 0; r < nall; r += GATE_RULE_MARKS_MAX, nmarkers++)
		if (gate_rule_marker_new(
			&markers[nmarkers], rules + r,
			nall - r < GATE_RULE_MARKS_MAX ? nall - r : GATE_RULE_MARKS_MAX, err) < 0)
			goto done;
	/* The files this loop reads, in its order, are read ahead on the
	 * second core while it works. */
	if ((ahead = gate_calloc(ctx->tier_nfiles[tier] ? ctx->tier_nfiles[tier] : 1,
				 sizeof(*ahead), err)) == NULL)
		goto done;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];

		if (f->status == GATE_STATUS_DELETED)
			continue;
		for (r = 0; r < nall; r++) {
			if ((rc = gate_rule_covers(rules[r], f->path, f->path_len, err)) < 0)
				goto done;
			if (rc)
				break;
		}
		if (r < nall)
			ahead[nahead++] = f;
	}
	if (gate_content_ahead(ctx->repo, ahead, nahead, err) < 0)
		goto done;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		size_t before = run.findings, ncover = 0, first, k;
		unsigned long long want;

		if (f->status == GATE_STATUS_DELETED)
			continue;
		for (r = 0; r < nall; r++) {
			rc = gate_rule_covers(rules[r], f->path, f->path_len, err);
			if (rc < 0)
				goto done;
			cover[r] = rc != 0;
			ncover += cover[r];
		}
		if (!ncover)
			continue;
		if (gate_eval_expired(ctx, err) < 0 ||
		    gate_content_load(&c, ctx->repo, f, (size_t)ctx->policy->obs_max_file_size,
				      err) < 0)
			goto done;
		if (c.skipped && c.unscannable) {
			/* Content that cannot be read cannot be cleared: a NUL
			 * byte, padding past the cap or an LFS pointer must not
			 * hide what a file adds, unless the policy calls it an
			 * asset. */
			if ((rc = unscannable(&run, f, &c, req, &detail, &nskipped, err)) < 0)
				goto done;
			ntoobig += (size_t)rc;
			gate_content_dispose(&c);
			continue;
		}
		if (c.skipped) {
			nskipped++;
			if (gate_buf_printf(&detail, err, "%s%s (%s)",
					    nskipped == 1 ? "; skipped: " : ", ", f->path,
					    c.skip_reason) < 0)
				goto done;
			gate_content_dispose(&c);
			continue;
		}
		nchecked++;
		for (first = 0; first < nall; first += GATE_RULE_MARKS_MAX) {
			size_t n =
			    nall - first < GATE_RULE_MARKS_MAX ? nall - first : GATE_RULE_MARKS_MAX;

			for (want = 0, k = 0; k < n; k++)
				want |= (unsigned long long)cover[first + k] << k;
			if (!want)
				continue;
			if (gate_rule_marks(&marks, markers[first / GATE_RULE_MARKS_MAX], want, &c,
					    err) < 0)
				goto done;
			for (k = 0; k < n; k++) {
				size_t id = rule_at(t, first + k);

				if (!cover[first + k])
					continue;
				run.rule = rules[first + k];
				run.file = f;
				run.content = &c;
				run.file_index = ctx->tier_files[tier][i];
				run.ai_strict =
				    t->require.ai_lines && listed(t->require.ai_lines->rules,
								  t->require.ai_lines->nrules, id);
				run.ai_only = first + k >= t->require.nrules;
				if (gate_rule_scan_marked(rules[first + k], &c, marks, (unsigned)k,
							  on_hit, &run, err) < 0)
					goto done;
			}
			free(marks);
			marks = NULL;
		}
		if (gate_strlist_addn(run.findings > before ? &req->failing : &req->passing,
				      f->path, f->path_len, err) < 0)
			goto done;
		gate_content_dispose(&c);
	}
	free(req->detail);
	req->detail = NULL;
	{
		gate_buf d = GATE_BUF_INIT(1u << 20);
		if (gate_buf_printf(
			&d, err,
			"%zu rule(s) over the added lines of %zu file(s): %zu finding(s), "
			"%zu warning(s), %zu waived%s",
			nall, nchecked, run.findings, run.warnings, run.waived,
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
	gate_content_ahead_stop(ctx->repo);
	free((void *)ahead);
	free(marks);
	while (nmarkers)
		gate_rule_marker_free(markers[--nmarkers]);
	free(markers);
	free(rules);
	free(cover);
	gate_content_dispose(&c);
	gate_buf_dispose(&detail);
	gate_buf_dispose(&why);
	return error;
}

int gate_check_rules_text(gate_buf *out, const char *sep, const gate_policy *policy,
			  const gate_tier *tier, gate_error *err)
{
	const gate_require *r = &tier->require;
	size_t i;
	int error;

	if (!r->nrules)
		return 0;
	if ((error = gate_buf_printf(out, err, "%srules:", sep)) < 0)
		return error;
	for (i = 0; i < r->nrules; i++)
		if ((error = gate_buf_putc(out, ' ', err)) < 0 ||
		    (error = gate_check_describe_name(out, policy->rules[r->rules[i]].id, err)) < 0)
			return error;
	return 1;
}

int gate_check_rules_json(struct cJSON *requires, const gate_policy *policy, const gate_tier *tier,
			  gate_error *err)
{
	const gate_require *r = &tier->require;
	cJSON *arr;
	size_t i;

	if (gate_jsonout__add_array(&arr, requires, "rules", err) < 0)
		return -1;
	for (i = 0; i < r->nrules; i++)
		if (gate_jsonout__push(arr,
				       gate_jsonout__text(policy->rules[r->rules[i]].id,
							  strlen(policy->rules[r->rules[i]].id),
							  NULL, err),
				       err) < 0)
			return -1;
	return 0;
}
