/*
 * The table of requirement checks and the evaluation loop: classify every
 * changed file, group the files by tier, run each check for each tier that
 * has files. Adding a check is one file in src/checks/ and one row here.
 */
#include "riskgate/banned.h"

#include "riskgate/check.h"

#include <stdlib.h>
#include <string.h>

#include "checks/checks.h"

const gate_check gate_checks[] = {
	{"tests", gate_check_tests},
	{"max_files", gate_check_max_files},
	{"max_lines", gate_check_max_lines},
	{NULL, NULL},
};

static int classify_file(gate_file *f, gate_policy *policy, gate_error *err)
{
	gate_class old_cls;

	if (gate_classify_path(&f->cls, policy, f->path, f->path_len, err) < 0)
		return -1;
	/* A rename or copy takes the higher tier of its two paths, so moving code
	 * out of a risky folder cannot lower its tier. */
	if (f->old_path) {
		if (gate_classify_path(&old_cls, policy, f->old_path, f->old_path_len, err) < 0)
			return -1;
		if (old_cls.tier < f->cls.tier)
			f->cls = old_cls;
	}
	return 0;
}

int gate_evaluate(gate_result *res, gate_policy *policy, gate_change *change, gate_repo *repo,
		  gate_error *err)
{
	gate_check_ctx ctx;
	size_t i, t;
	int error = -1;

	memset(&ctx, 0, sizeof(ctx));
	ctx.policy = policy;
	ctx.change = change;
	ctx.repo = repo;
	ctx.tier_files = gate_calloc(policy->ntiers, sizeof(*ctx.tier_files), err);
	ctx.tier_nfiles = gate_calloc(policy->ntiers, sizeof(*ctx.tier_nfiles), err);
	if (!ctx.tier_files || !ctx.tier_nfiles)
		goto done;

	for (i = 0; i < change->nfiles; i++) {
		if (classify_file(&change->files[i], policy, err) < 0)
			goto done;
		ctx.tier_nfiles[change->files[i].cls.tier]++;
	}
	for (t = 0; t < policy->ntiers; t++) {
		ctx.tier_files[t] = gate_calloc(ctx.tier_nfiles[t], sizeof(size_t), err);
		if (!ctx.tier_files[t])
			goto done;
		ctx.tier_nfiles[t] = 0;
	}
	for (i = 0; i < change->nfiles; i++) {
		t = change->files[i].cls.tier;
		ctx.tier_files[t][ctx.tier_nfiles[t]++] = i;
	}
	for (t = 0; t < policy->ntiers; t++) {
		const gate_check *c;

		if (ctx.tier_nfiles[t] == 0)
			continue;
		for (c = gate_checks; c->name; c++) {
			if (c->run(res, &ctx, t, err) < 0) {
				gate_error_prefix(err, "check \"%s\" of tier \"%s\"", c->name,
						  policy->tiers[t].name);
				goto done;
			}
		}
	}
	error = 0;
done:
	if (ctx.tier_files)
		for (t = 0; t < policy->ntiers; t++)
			free(ctx.tier_files[t]);
	free(ctx.tier_files);
	free(ctx.tier_nfiles);
	return error;
}
