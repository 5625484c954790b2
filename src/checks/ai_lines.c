/*
 * Requirements on AI-written lines (docs/policy.md, "`ai_lines`"): what a
 * tier asks of the added lines its files' git-ai notes attest
 * (riskgate/ailines.h). This check reports how many such lines land in the
 * tier and asks each block of them for an observability hook; the stricter
 * content rules are the rules check's findings and the extra approvals the
 * approvals check's, both reading the same attribution.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/content.h"

size_t gate_check_ai_lines_in_tier(const gate_result *res, const gate_check_ctx *ctx, size_t tier)
{
	size_t i, n = 0;

	for (i = 0; i < ctx->tier_nfiles[tier]; i++)
		n += gate_ailines_count(&res->ailines, ctx->tier_files[tier][i]);
	return n;
}

/*
 * Each block of AI-written lines (consecutive lines, whoever wrote them) of
 * file `fi` needs a hook within the observability window of it. Returns the
 * number of blocks without one (each a violation), or -1.
 */
static long blocks_without_hook(gate_result *res, gate_check_ctx *ctx, const gate_tier *t,
				size_t fi, const gate_language *lang, const gate_content *c,
				gate_error *err)
{
	const gate_ailines_file *af = &res->ailines.files[fi];
	const gate_file *f = &ctx->change->files[fi];
	long long w = ctx->policy->obs_window;
	gate_buf msg = GATE_BUF_INIT(65536);
	gate_violation v = {0};
	size_t r = 0, start, end;
	long missing = 0;
	int rc;

	while (r < af->nranges) {
		const gate_ainote_agent *who = &res->ailines.agents[af->ranges[r].agent];
		size_t lo, hi;

		start = af->ranges[r].start;
		end = af->ranges[r].end;
		while (++r < af->nranges && af->ranges[r].start == end + 1)
			end = af->ranges[r].end;
		lo = (long long)start - w > 1 ? (size_t)((long long)start - w) : 1;
		hi = end + (size_t)w;
		if ((rc = gate_check_hook_in_lines(lang, c, lo, hi, err)) < 0) {
			missing = -1;
			break;
		}
		if (rc)
			continue;
		gate_buf_clear(&msg);
		v.check = (char *)"ai_lines";
		v.rule = (char *)GATE_RULE_AI_OBSERVABILITY;
		v.tier = t->name;
		v.severity = GATE_SEV_ERROR;
		v.path = f->path;
		v.line = start;
		v.hint = (char *)"log, count, trace or report errors in or next to the AI-written "
				 "code";
		if (gate_buf_printf(&msg, err,
				    "lines %zu-%zu of %s, written by %s%s%s%s, add %s code in tier "
				    "\"%s\" with no logging, metrics, tracing or error-reporting "
				    "hook within %lld lines of them",
				    start, end, f->path, who->tool, who->model[0] ? " (" : "",
				    who->model, who->model[0] ? ")" : "",
				    lang->name ? lang->name : "source", t->name, w) < 0 ||
		    (v.message = msg.ptr, gate_result_add_violation(res, &v, err)) < 0) {
			missing = -1;
			break;
		}
		missing++;
	}
	gate_buf_dispose(&msg);
	return missing;
}

int gate_check_ai_lines(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	gate_policy *p = ctx->policy;
	const gate_tier *t = &p->tiers[tier];
	const gate_ailines_req *a = t->require.ai_lines;
	gate_requirement *req;
	gate_buf detail = GATE_BUF_INIT(1u << 16);
	gate_content c;
	size_t i, nlines, nfiles = 0;
	long missing = 0, m;
	int error = -1;

	if (!a)
		return 0;
	memset(&c, 0, sizeof(c));
	nlines = gate_check_ai_lines_in_tier(res, ctx, tier);
	for (i = 0; i < ctx->tier_nfiles[tier]; i++)
		nfiles += gate_ailines_count(&res->ailines, ctx->tier_files[tier][i]) > 0;
	if (gate_result_add_requirement(res, NULL, t->name, "ai_lines", GATE_REQ_PASS, "", err) < 0)
		return -1;
	req = &res->reqs[res->nreqs - 1];
	for (i = 0; a->observability && i < ctx->tier_nfiles[tier]; i++) {
		size_t fi = ctx->tier_files[tier][i];
		const gate_file *f = &ctx->change->files[fi];
		const gate_language *lang;

		if (!gate_ailines_count(&res->ailines, fi))
			continue;
		gate_error_init(err);
		if (!(lang = gate_policy_language(p, f->path, f->path_len, err))) {
			if (err->klass != GATE_ERR_NONE)
				goto done;
			continue; /* not source code of a known language */
		}
		if (gate_eval_expired(ctx, err) < 0 ||
		    gate_content_load(&c, ctx->repo, f, (size_t)p->obs_max_file_size, err) < 0)
			goto done;
		/* The attribution read this file as text; it still is. */
		if (c.skipped) {
			gate_error_set(err, GATE_ERR_INTERNAL,
				       "%s has AI-written lines but no text", f->path);
			goto done;
		}
		if ((m = blocks_without_hook(res, ctx, t, fi, lang, &c, err)) < 0)
			goto done;
		missing += m;
		if (gate_strlist_addn(m ? &req->failing : &req->passing, f->path, f->path_len,
				      err) < 0)
			goto done;
		gate_content_dispose(&c);
	}
	if (gate_buf_printf(&detail, err, "%zu AI-written line(s) in %zu file(s) of the tier",
			    nlines, nfiles) < 0 ||
	    (a->nrules && gate_buf_printf(&detail, err, "; %zu rule(s) hold as errors on them",
					  a->nrules) < 0) ||
	    (a->approvals && nlines &&
	     gate_buf_printf(&detail, err, "; %lld more approval(s) required (see approvals)",
			     a->approvals) < 0) ||
	    (a->observability &&
	     gate_buf_printf(&detail, err, "; %ld block(s) without a hook within %lld lines",
			     missing, p->obs_window) < 0))
		goto done;
	free(req->detail);
	if (!(req->detail = gate_buf_detach(&detail))) {
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (missing)
		req->status = GATE_REQ_FAIL;
	error = 0;
done:
	gate_content_dispose(&c);
	gate_buf_dispose(&detail);
	return error;
}

int gate_check_ai_lines_text(gate_buf *out, const char *sep, const gate_policy *policy,
			     const gate_tier *tier, gate_error *err)
{
	const gate_ailines_req *a = tier->require.ai_lines;
	const char *inner = "";
	size_t i;
	int error;

	if (!a)
		return 0;
	if ((error = gate_buf_printf(out, err, "%sai_lines: {", sep)) < 0)
		return error;
	if (a->nrules) {
		if ((error = gate_buf_puts(out, "rules:", err)) < 0)
			return error;
		for (i = 0; i < a->nrules; i++)
			if ((error = gate_buf_putc(out, ' ', err)) < 0 ||
			    (error = gate_check_describe_name(out, policy->rules[a->rules[i]].id,
							      err)) < 0)
				return error;
		inner = ", ";
	}
	if (a->approvals) {
		if ((error = gate_buf_printf(out, err, "%sapprovals: +%lld", inner, a->approvals)) <
		    0)
			return error;
		inner = ", ";
	}
	if (a->observability && (error = gate_buf_printf(out, err, "%sobservability", inner)) < 0)
		return error;
	if ((error = gate_buf_putc(out, '}', err)) < 0)
		return error;
	return 1;
}

int gate_check_ai_lines_json(struct cJSON *requires, const gate_policy *policy,
			     const gate_tier *tier, gate_error *err)
{
	const gate_ailines_req *a = tier->require.ai_lines;
	cJSON *obj, *arr;
	size_t i;

	if (!a)
		return gate_jsonout__add_null(requires, "ai_lines", err);
	if (gate_jsonout__add_object(&obj, requires, "ai_lines", err) < 0 ||
	    gate_jsonout__add_array(&arr, obj, "rules", err) < 0)
		return -1;
	for (i = 0; i < a->nrules; i++)
		if (gate_jsonout__push(arr,
				       gate_jsonout__text(policy->rules[a->rules[i]].id,
							  strlen(policy->rules[a->rules[i]].id),
							  NULL, err),
				       err) < 0)
			return -1;
	if (gate_jsonout__add_number(obj, "approvals", (double)a->approvals, err) < 0)
		return -1;
	return gate_jsonout__add_bool(obj, "observability", a->observability, err);
}
