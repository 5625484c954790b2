/*
 * Reads the new version of a changed file and the numbers of its added
 * lines from the object store (see include/riskgate/content.h).
 */
#include "riskgate/banned.h"

#include "riskgate/content.h"
#include "riskgate/scan.h"

#include "repo_internal.h"

#include <string.h>

typedef struct {
	gate_content *c;
	size_t alloc;
	gate_error *err;
	int failed;
} added_ctx;

static int on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   const git_diff_line *line, void *payload)
{
	added_ctx *ctx = payload;

	(void)delta;
	(void)hunk;
	if (line->origin != GIT_DIFF_LINE_ADDITION || line->new_lineno <= 0)
		return 0;
	if (gate_array_reserve((void **)&ctx->c->added, &ctx->alloc, ctx->c->nadded + 1,
			       sizeof(size_t), ctx->err) < 0) {
		ctx->failed = 1;
		return -1;
	}
	ctx->c->added[ctx->c->nadded++] = (size_t)line->new_lineno;
	return 0;
}

/* The offset just past the next newline at or after `i`, or 0 if none. */
static size_t next_line(const gate_content *c, size_t i)
{
	const char *nl = i < c->size ? memchr(c->data + i, '\n', c->size - i) : NULL;

	return nl ? (size_t)(nl - c->data) + 1 : 0;
}

static int index_lines(gate_content *c, gate_error *err)
{
	size_t i, n = 0;

	/* memchr, not a loop over bytes: this runs over every changed file. */
	for (i = next_line(c, 0); i; i = next_line(c, i))
		n++;
	if (c->size && c->data[c->size - 1] != '\n')
		n++;
	c->nlines = n;
	c->line_start = gate_calloc(n + 1, sizeof(size_t), err);
	if (!c->line_start)
		return -1;
	n = 0;
	c->line_start[0] = 0;
	for (i = next_line(c, 0); i; i = next_line(c, i))
		c->line_start[++n] = i;
	c->line_start[c->nlines] = c->size;
	return 0;
}

static int skip(gate_content *c, const char *why)
{
	c->skipped = 1;
	c->skip_reason = why;
	return 0;
}

/* The added lines from the ranges gate_change_read recorded. */
static int take_added(gate_content *c, const gate_file *file, gate_error *err)
{
	size_t i, k, n = 0;

	for (i = 0; i < file->nadded; i++) {
		const gate_line_range *r = &file->added[i];

		if (r->start == 0 || r->start > c->nlines || r->count > c->nlines - r->start + 1 ||
		    (i && r->start <= file->added[i - 1].start + file->added[i - 1].count - 1))
			return gate_error_set(err, GATE_ERR_INTERNAL,
					      "added lines out of range in %s", file->path);
		n += r->count;
	}
	if (n && !(c->added = gate_calloc(n, sizeof(*c->added), err)))
		return -1;
	for (i = 0; i < file->nadded; i++)
		for (k = 0; k < file->added[i].count; k++)
			c->added[c->nadded++] = file->added[i].start + k;
	return 0;
}

int gate_content_ahead(gate_repo *repo, const gate_file *const *files, size_t n, gate_error *err)
{
	git_oid *ids;
	size_t i, m = 0;

	if (n < GATE_REPO_AHEAD_MIN)
		return 0;
	if ((ids = gate_calloc(n, sizeof(*ids), err)) == NULL)
		return -1;
	/* The blob gate_content_load reads first: a regular file's new side. */
	for (i = 0; i < n; i++)
		if (files[i]->status != GATE_STATUS_DELETED &&
		    (files[i]->new_mode & 0170000) == 0100000 &&
		    git_oid_fromstr(&ids[m], files[i]->new_oid) == 0)
			m++;
	gate_repo__ahead_start(repo, ids, m);
	free(ids);
	return 0;
}

void gate_content_ahead_stop(gate_repo *repo)
{
	if (repo)
		gate_repo__ahead_stop(repo);
}

int gate_content_load(gate_content *out, gate_repo *repo, const gate_file *file, size_t max_size,
		      gate_error *err)
{
	git_blob *old_blob = NULL, *new_blob = NULL;
	git_diff_options opts;
	git_oid oid;
	added_ctx ctx;
	int error = -1;

	memset(out, 0, sizeof(*out));
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	if (file->status == GATE_STATUS_DELETED)
		return skip(out, "deleted");
	if (file->new_mode == 0160000)
		return skip(out, "submodule");
	if (file->new_mode == 0120000)
		return skip(out, "symlink");
	if (git_oid_fromstr(&oid, file->new_oid) < 0 ||
	    gate_repo__blob(&new_blob, repo, &oid) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a changed file's new version");
		goto done;
	}
	/* What cannot be read as text cannot be cleared: these skips are
	 * `unscannable`, and the checks decide what that costs (scan.h). */
	if ((size_t)git_blob_rawsize(new_blob) > max_size) {
		git_blob_free(new_blob);
		out->too_big = 1;
		out->unscannable = 1;
		return skip(out, "larger than the size cap");
	}
	out->shebang = gate_scan_has_shebang(git_blob_rawcontent(new_blob),
					     (size_t)git_blob_rawsize(new_blob));
	if (gate_scan_is_binary(git_blob_rawcontent(new_blob), (size_t)git_blob_rawsize(new_blob),
				(uint64_t)git_blob_rawsize(new_blob))) {
		git_blob_free(new_blob);
		out->unscannable = 1;
		return skip(out, "binary");
	}
	if (gate_scan_is_lfs_pointer(git_blob_rawcontent(new_blob),
				     (size_t)git_blob_rawsize(new_blob))) {
		git_blob_free(new_blob);
		out->unscannable = 1;
		return skip(out, "a Git LFS pointer: the content is not in the repository");
	}
	out->blob = new_blob;
	out->data = git_blob_rawcontent(new_blob);
	out->size = (size_t)git_blob_rawsize(new_blob);
	new_blob = NULL;
	if (index_lines(out, err) < 0)
		goto done;

	/* The line diff of the change already found the added lines when both
	 * sides are files of text: no need to read the old side and diff again. */
	if (file->added_known && (file->new_mode & 0170000) == 0100000 &&
	    (file->old_mode == 0 || (file->old_mode & 0170000) == 0100000)) {
		error = take_added(out, file, err);
		goto done;
	}

	/* The old side: a modification's or rename's previous blob. A file whose
	 * old side was a symlink or submodule, or that is new, adds every line. */
	if (file->status != GATE_STATUS_ADDED && file->old_mode != 0 &&
	    (file->old_mode & 0170000) == 0100000) {
		if (git_oid_fromstr(&oid, file->old_oid) < 0 ||
		    gate_repo__blob(&old_blob, repo, &oid) < 0) {
			gate_error_from_git(err, GATE_ERR_REPO,
					    "reading a changed file's old version");
			goto done;
		}
	}
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags |= GIT_DIFF_FORCE_TEXT;
	memset(&ctx, 0, sizeof(ctx));
	ctx.c = out;
	ctx.err = err;
	if (git_diff_blobs(old_blob, NULL, out->blob, NULL, &opts, NULL, NULL, NULL, on_line,
			   &ctx) < 0) {
		if (!ctx.failed)
			gate_error_from_git(err, GATE_ERR_REPO, "diffing a changed file");
		goto done;
	}
	error = 0;
done:
	git_blob_free(old_blob);
	git_blob_free(new_blob);
	if (error < 0)
		gate_content_dispose(out);
	return error;
}

void gate_content_dispose(gate_content *content)
{
	if (!content)
		return;
	git_blob_free(content->blob);
	free(content->line_start);
	free(content->added);
	memset(content, 0, sizeof(*content));
}

const char *gate_content_line(const gate_content *content, size_t n, size_t *len)
{
	size_t start = content->line_start[n - 1], end = content->line_start[n];

	if (end > start && content->data[end - 1] == '\n')
		end--;
	if (end > start && content->data[end - 1] == '\r')
		end--;
	*len = end - start;
	return content->data + start;
}

int gate_content_from_text(gate_content *out, const char *text, size_t len, gate_error *err)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->data = text;
	out->size = len;
	if (index_lines(out, err) < 0)
		goto fail;
	if (out->nlines && !(out->added = gate_calloc(out->nlines, sizeof(*out->added), err)))
		goto fail;
	for (i = 0; i < out->nlines; i++)
		out->added[out->nadded++] = i + 1;
	return 0;
fail:
	gate_content_dispose(out);
	return -1;
}

int gate_content_is_added(const gate_content *content, size_t n)
{
	size_t lo = 0, hi = content->nadded;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (content->added[mid] == n)
			return 1;
		if (content->added[mid] < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}
