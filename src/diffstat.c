/*
 * What `git diff --numstat` says of one changed file: whether it is binary
 * (the one rule of scan.h, never .gitattributes), the lines it adds and
 * removes, and which lines of its new version are added.
 */
#include "riskgate/banned.h"

#include "diffstat.h"

#include "riskgate/change.h"
#include "riskgate/scan.h"
#include "repo_internal.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>

int gate_diffstat__blob_size(gate_fspec *f, git_odb *odb, gate_error *err)
{
	size_t len;
	git_object_t type;
	char hex[GATE_OID_HEX + 1];

	if (f->have_size)
		return 0;
	if (git_odb_read_header(&len, &type, odb, &f->oid) < 0) {
		gate_repo__oid_hex(hex, &f->oid);
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot read blob %s", hex);
	}
	f->size = len;
	f->have_size = 1;
	return 0;
}

/* The text git diffs for one side of a change. */
typedef struct {
	git_blob *blob;
	const char *ptr;
	size_t len;
	int binary;
	char text[64];
} content;

static int content_load(content *c, gate_repo *repo, git_odb *odb, gate_fspec *f, gate_error *err)
{
	char hex[GATE_OID_HEX + 1];

	memset(c, 0, sizeof(*c));
	c->ptr = "";
	if (!f || !f->mode)
		return 0;
	gate_repo__oid_hex(hex, &f->oid);
	if (GATE_MODE_IS_GITLINK(f->mode)) {
		/* What git diffs for a submodule (diff_populate_gitlink). */
		snprintf(c->text, sizeof(c->text), "Subproject commit %s\n", hex);
		c->ptr = c->text;
		c->len = strlen(c->text);
		return 0;
	}
	if (gate_diffstat__blob_size(f, odb, err) < 0)
		return -1;
	if (gate_scan_is_binary(NULL, 0, f->size)) {
		/* git calls a blob this big binary without reading it. */
		c->binary = 1;
		return 0;
	}
	if (gate_repo__blob(&c->blob, repo, &f->oid) < 0)
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot read blob %s (%s)", hex,
				       f->path);
	c->ptr = git_blob_rawcontent(c->blob);
	c->len = (size_t)git_blob_rawsize(c->blob);
	c->binary = gate_scan_is_binary(c->ptr, c->len, c->len);
	return 0;
}

typedef struct {
	gate_file *f;
	size_t alloc; /* of f->added */
	gate_error *err;
	int failed;
} count_ctx;

static int count_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
		      const git_diff_line *line, void *payload)
{
	count_ctx *cc = payload;
	gate_file *f = cc->f;
	gate_line_range *last;
	size_t n;

	(void)delta;
	(void)hunk;
	if (line->origin == GIT_DIFF_LINE_DELETION) {
		f->deletions++;
		return 0;
	}
	if (line->origin != GIT_DIFF_LINE_ADDITION)
		return 0;
	f->additions++;
	if (line->new_lineno <= 0) {
		cc->failed = 1;
		gate_error_set(cc->err, GATE_ERR_INTERNAL, "an added line without a number in %s",
			       f->path);
		return -1;
	}
	n = (size_t)line->new_lineno;
	last = f->nadded ? &f->added[f->nadded - 1] : NULL;
	if (last && last->start + last->count == n) {
		last->count++;
		return 0;
	}
	if (gate_array_reserve((void **)&f->added, &cc->alloc, f->nadded + 1, sizeof(*f->added),
			       cc->err) < 0) {
		cc->failed = 1;
		return -1;
	}
	f->added[f->nadded].start = n;
	f->added[f->nadded].count = 1;
	f->nadded++;
	return 0;
}

/*
 * The binary flag and line counts of `git diff --numstat`: binary when
 * either side has a NUL byte in its first 8000 bytes (or is huge), with no
 * counts; else the lines xdiff adds and removes. .gitattributes is not
 * consulted on purpose: the change itself must not be able to declare its
 * added lines binary and hide them.
 */
int gate_diffstat__file(gate_file *f, gate_repo *repo, git_odb *odb, gate_fspec *old,
			gate_fspec *new_, gate_error *err)
{
	content a, b;
	git_diff_options opts;
	count_ctx cc;
	int same, rc, error = -1;

	memset(&b, 0, sizeof(b));
	memset(&a, 0, sizeof(a));
	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0)
		return gate_error_from_git(err, GATE_ERR_INTERNAL, "diff options");
	same = old && new_ && old->mode && new_->mode && git_oid_equal(&old->oid, &new_->oid);
	if (content_load(&a, repo, odb, old, err) < 0)
		goto done;
	if (same && !GATE_MODE_IS_GITLINK(old->mode) && !GATE_MODE_IS_GITLINK(new_->mode)) {
		b = a;
		b.blob = NULL;
	} else if (content_load(&b, repo, odb, new_, err) < 0) {
		goto done;
	}
	f->binary = a.binary || b.binary;
	if (f->binary) {
		error = 0;
		goto done;
	}
	f->added_known = 1;
	if (same) {
		error = 0;
		goto done;
	}
	opts.flags = GIT_DIFF_FORCE_TEXT;
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	cc.f = f;
	cc.alloc = 0;
	cc.err = err;
	cc.failed = 0;
	/* Blobs are diffed as blobs: their ids are known, where a buffer is
	 * hashed first (SHA-1 with collision detection: 5 % of a push's
	 * evaluation). A submodule's side is a text of its own. */
	if ((a.blob || !old || !old->mode) && (b.blob || !new_ || !new_->mode))
		rc = git_diff_blobs(a.blob, NULL, b.blob, NULL, &opts, NULL, NULL, NULL, count_line,
				    &cc);
	else
		rc = git_diff_buffers(a.ptr, a.len, NULL, b.ptr, b.len, NULL, &opts, NULL, NULL,
				      NULL, count_line, &cc);
	if (rc < 0) {
		if (!cc.failed)
			gate_repo__fail(err, GATE_ERR_REPO, "cannot diff %s", f->path);
		goto done;
	}
	error = 0;
done:
	git_blob_free(a.blob);
	git_blob_free(b.blob);
	return error;
}
