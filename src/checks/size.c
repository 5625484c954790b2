/*
 * Size ceilings (docs/policy.md, "`max_files`, `max_lines`"): a change too large to
 * review in one sitting fails its tier, with the figures that say by how
 * much.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>

#include "riskgate/scan.h"

static int size_check(gate_result *res, gate_check_ctx *ctx, size_t tier, int lines,
		      gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	long long limit = lines ? t->require.max_lines : t->require.max_files;
	const char *name = lines ? "max_lines" : "max_files";
	const char *unit = lines ? "changed lines" : "files";
	gate_requirement *req = NULL;
	gate_violation v = {0};
	size_t i, total = 0;
	char detail[512], hint[512];
	int fail;

	if (limit < 0)
		return 0;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		size_t n = lines ? f->additions + f->deletions : 1;
		int rc;

		/* A binary file has no line counts in git's diff; unless the
		 * policy calls it an asset, its lines count as rewritten, so a
		 * NUL byte cannot take a change under the limit. */
		if (lines && f->binary) {
			if ((rc = gate_scan_is_asset(ctx->policy, f->path, f->path_len, err)) < 0)
				return -1;
			if (!rc && (!ctx->repo ||
				    gate_scan_binary_lines(&n, ctx->repo, f,
							   (size_t)ctx->policy->obs_max_file_size,
							   err) < 0))
				return ctx->repo ? -1
						 : gate_error_set(err, GATE_ERR_INTERNAL,
								  "line limits need a repository");
		}
		total = total + n < total ? (size_t)-1 : total + n;
	}
	fail = (unsigned long long)total > (unsigned long long)limit;
	snprintf(detail, sizeof(detail), "%zu %s in tier \"%s\" (limit %lld)%s", total, unit,
		 t->name, limit, fail ? "" : ": within the limit");
	if (gate_result_add_requirement(res, &req, t->name, name,
					fail ? GATE_REQ_FAIL : GATE_REQ_PASS, detail, err) < 0)
		return -1;
	if (!fail)
		return 0;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		if (gate_strlist_addn(&req->failing, f->path, f->path_len, err) < 0)
			return -1;
	}
	snprintf(detail, sizeof(detail),
		 "the change has %zu %s in tier \"%s\", more than its limit of %lld", total, unit,
		 t->name, limit);
	snprintf(hint, sizeof(hint),
		 "split the change so that each part has at most %lld %s in tier \"%s\"", limit,
		 unit, t->name);
	v.check = (char *)name;
	v.tier = t->name;
	v.severity = GATE_SEV_ERROR;
	v.message = detail;
	v.hint = hint;
	return gate_result_add_violation(res, &v, err);
}

int gate_check_max_files(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	return size_check(res, ctx, tier, 0, err);
}

int gate_check_max_lines(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	return size_check(res, ctx, tier, 1, err);
}

/* A ceiling in the text: "max_files: 25", nothing when there is none. */
static int size_text(gate_buf *out, const char *sep, const char *name, long long limit,
		     gate_error *err)
{
	int error;

	if (limit < 0)
		return 0;
	if ((error = gate_buf_printf(out, err, "%s%s: %lld", sep, name, limit)) < 0)
		return error;
	return 1;
}

/* A ceiling in JSON: its number, null when there is none. */
static int size_json(cJSON *requires, const char *name, long long limit, gate_error *err)
{
	return limit >= 0 ? gate_jsonout__add_number(requires, name, (double)limit, err)
			  : gate_jsonout__add_null(requires, name, err);
}

int gate_check_max_files_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	(void)policy;
	return size_text(out, sep, "max_files", tier->require.max_files, err);
}

int gate_check_max_files_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	(void)policy;
	return size_json(requires, "max_files", tier->require.max_files, err);
}

int gate_check_max_lines_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	(void)policy;
	return size_text(out, sep, "max_lines", tier->require.max_lines, err);
}

int gate_check_max_lines_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	(void)policy;
	return size_json(requires, "max_lines", tier->require.max_lines, err);
}
