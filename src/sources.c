/*
 * The policy and CODEOWNERS of a change, read from the base revision's tree
 * (see include/riskgate/sources.h).
 */
#include "riskgate/banned.h"

#include "riskgate/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void gate_sources_read_init(gate_sources_read *r)
{
	memset(r, 0, sizeof(*r));
	gate_buf_init(&r->text, GATE_POLICY_MAX_SIZE);
}

void gate_sources_read_dispose(gate_sources_read *r)
{
	gate_buf_dispose(&r->text);
	free(r->file);
	free(r->source);
	free(r->guarded);
	memset(r, 0, sizeof(*r));
}

/* The policy at `path` of `commit_hex`'s tree, which must exist. */
static int read_at(gate_sources_read *r, gate_repo *repo, const char *commit_hex, const char *path,
		   gate_error *err)
{
	gate_buf source = GATE_BUF_INIT(4096 + 64);
	int rc, error = -1;

	if (!path[0] || path[0] == '/' || strlen(path) > 4096) {
		gate_error_set(err, GATE_ERR_USAGE,
			       "--policy-path names a file by its path inside the repository "
			       "(e.g. .github/riskgate.json)");
		goto done;
	}
	rc = gate_repo_read_file(&r->text, repo, commit_hex, path, err);
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
	    (r->file = gate_strdup(path, err)) == NULL ||
	    (r->source = gate_strdup(source.ptr, err)) == NULL ||
	    (r->guarded = gate_strdup(path, err)) == NULL)
		goto done;
	error = 0;
done:
	gate_buf_dispose(&source);
	return error;
}

int gate_sources_policy_read(gate_sources_read *r, gate_repo *repo, const char *commit_hex,
			     const char *path, gate_error *err)
{
	char source[128];
	int rc;

	if (path)
		return read_at(r, repo, commit_hex, path, err);
	if ((rc = gate_sources_policy_text(&r->text, repo, commit_hex, err)) < 0)
		return -1;
	if (rc == 0) {
		r->builtin = 1;
		return 0;
	}
	snprintf(source, sizeof(source), ".riskgate.json at base %.12s", commit_hex);
	if ((r->file = gate_strdup(".riskgate.json", err)) == NULL ||
	    (r->source = gate_strdup(source, err)) == NULL)
		return -1;
	return 0;
}

int gate_sources_policy_load(gate_policy **out, const gate_sources_read *r, gate_error *err)
{
	*out = NULL;
	if (r->builtin)
		return gate_policy_load_builtin(out, err);
	if (gate_policy_load(out, r->text.ptr, r->text.size, r->file, r->source, NULL, err) < 0)
		return -1;
	if (r->guarded && ((*out)->guarded_path = gate_strdup(r->guarded, err)) == NULL) {
		gate_policy_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int read_and_load(gate_policy **out, gate_repo *repo, const char *commit_hex,
			 const char *path, gate_error *err)
{
	gate_sources_read r;
	int error;

	*out = NULL;
	gate_sources_read_init(&r);
	error = gate_sources_policy_read(&r, repo, commit_hex, path, err) < 0
		    ? -1
		    : gate_sources_policy_load(out, &r, err);
	gate_sources_read_dispose(&r);
	return error;
}

int gate_sources_policy(gate_policy **out, gate_repo *repo, const char *commit_hex, gate_error *err)
{
	return read_and_load(out, repo, commit_hex, NULL, err);
}

int gate_sources_policy_at(gate_policy **out, gate_repo *repo, const char *commit_hex,
			   const char *path, gate_error *err)
{
	return read_and_load(out, repo, commit_hex, path, err);
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
