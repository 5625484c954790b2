/*
 * The policy and CODEOWNERS of a change, read from the base revision's tree
 * (see include/riskgate/sources.h).
 */
#include "riskgate/banned.h"

#include "riskgate/sources.h"

#include <stdio.h>

int gate_sources_policy_text(gate_buf *text, gate_repo *repo, const char *commit_hex,
			     gate_error *err)
{
	int rc = gate_repo_read_file(text, repo, commit_hex, ".riskgate.json", err);

	if (rc < 0) {
		/* Too large, or not a regular file: the policy is unusable. */
		if (err->klass == GATE_ERR_NOMEM || err->klass == GATE_ERR_REPO)
			err->klass = GATE_ERR_POLICY;
		gate_error_prefix(err, "reading .riskgate.json from %.12s", commit_hex);
	}
	return rc;
}

int gate_sources_policy(gate_policy **out, gate_repo *repo, const char *commit_hex, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE);
	char source[128];
	int rc, error;

	*out = NULL;
	rc = gate_sources_policy_text(&text, repo, commit_hex, err);
	if (rc < 0)
		error = -1;
	else if (rc == 0)
		error = gate_policy_load_builtin(out, err);
	else {
		snprintf(source, sizeof(source), ".riskgate.json at base %.12s", commit_hex);
		error =
		    gate_policy_load(out, text.ptr, text.size, ".riskgate.json", source, NULL, err);
	}
	gate_buf_dispose(&text);
	return error;
}

int gate_sources_policy_at(gate_policy **out, gate_repo *repo, const char *commit_hex,
			   const char *path, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE);
	gate_buf source = GATE_BUF_INIT(4096 + 64);
	int rc, error = -1;

	*out = NULL;
	if (!path[0] || path[0] == '/' || strlen(path) > 4096) {
		gate_error_set(err, GATE_ERR_USAGE,
			       "--policy-path names a file by its path inside the repository "
			       "(e.g. .github/riskgate.json)");
		goto done;
	}
	rc = gate_repo_read_file(&text, repo, commit_hex, path, err);
	if (rc < 0) {
		err->klass = GATE_ERR_POLICY;
		gate_error_prefix(err, "reading %.200s from %.12s", path, commit_hex);
		goto done;
	}
	if (rc == 0) {
		gate_error_set(err, GATE_ERR_POLICY,
			       "%.200s does not exist in the base revision %.12s: a policy named "
			       "by path is read from the base, never from the change or the "
			       "workspace",
			       path, commit_hex);
		goto done;
	}
	if (gate_buf_printf(&source, err, "base:%s at %.12s", path, commit_hex) < 0 ||
	    gate_policy_load(out, text.ptr, text.size, path, source.ptr, NULL, err) < 0)
		goto done;
	if (((*out)->guarded_path = gate_strdup(path, err)) == NULL)
		goto done;
	error = 0;
done:
	if (error < 0) {
		gate_policy_free(*out);
		*out = NULL;
	}
	gate_buf_dispose(&text);
	gate_buf_dispose(&source);
	return error;
}

int gate_sources_codeowners_text(gate_buf *text, const char **file, gate_repo *repo,
				 const char *commit_hex, gate_error *err)
{
	static const char *const places[] = {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS",
					     NULL};
	size_t i;
	int rc;

	*file = NULL;
	for (i = 0; places[i]; i++) {
		gate_buf_clear(text);
		rc = gate_repo_read_file(text, repo, commit_hex, places[i], err);
		if (rc < 0) {
			gate_error_prefix(err, "reading %s from %.12s", places[i], commit_hex);
			return -1;
		}
		if (rc == 1) {
			*file = places[i];
			return 1;
		}
	}
	return 0;
}

int gate_sources_codeowners(gate_codeowners **out, const char **file, gate_repo *repo,
			    const char *commit_hex, const gate_policy *policy, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_CODEOWNERS_MAX_SIZE);
	int rc;

	*out = NULL;
	rc = gate_sources_codeowners_text(&text, file, repo, commit_hex, err);
	if (rc == 1)
		rc = gate_codeowners_parse_dialect(
		    out, text.ptr, text.size, *file,
		    policy ? policy->codeowners_dialect : GATE_CODEOWNERS_GITHUB, NULL, err);
	gate_buf_dispose(&text);
	return rc < 0 ? -1 : 0;
}
