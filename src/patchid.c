/*
 * Patch ids of a change, as `git patch-id --stable` computes them from
 * `git diff --no-renames --full-index` (riskgate/patchid.h says which
 * choices were made and why). The diff is made here line by line and fed
 * to a reading of the lines that follows git's, so that the ids equal
 * git's also where git's reading has quirks.
 */
#include "riskgate/banned.h"

#include "riskgate/patchid.h"

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/scan.h"
#include "repo_internal.h"
#include "treediff.h"

#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest line the diff is built from: a line of a text blob, which
 * is below core.bigFileThreshold. */
#define PATCHID_LINE_MAX ((size_t)1 << 30)

/* ---- SHA-1 (FIPS 180-4) ------------------------------------------- */

/* NEEDSWORK: patch ids are the only SHA-1 the gate computes itself; if a
 * second user appears this belongs in its own module beside sha256.c. */
typedef struct {
	uint32_t h[5];
	uint64_t len;
	unsigned char block[64];
	size_t used;
} sha1_ctx;

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void sha1_init(sha1_ctx *c)
{
	c->h[0] = 0x67452301;
	c->h[1] = 0xefcdab89;
	c->h[2] = 0x98badcfe;
	c->h[3] = 0x10325476;
	c->h[4] = 0xc3d2e1f0;
	c->len = 0;
	c->used = 0;
}

static void sha1_compress(sha1_ctx *c, const unsigned char *p)
{
	uint32_t w[80], a, b, d, e, f, k, t, cc;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = c->h[0];
	b = c->h[1];
	cc = c->h[2];
	d = c->h[3];
	e = c->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & cc) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ cc ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & cc) | (b & d) | (cc & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ cc ^ d;
			k = 0xca62c1d6;
		}
		t = ROL(a, 5) + f + e + k + w[i];
		e = d;
		d = cc;
		cc = ROL(b, 30);
		b = a;
		a = t;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += cc;
	c->h[3] += d;
	c->h[4] += e;
}

static void sha1_update(sha1_ctx *c, const void *data, size_t len)
{
	const unsigned char *p = data;

	c->len += len;
	while (len) {
		size_t n = 64 - c->used;

		if (n > len)
			n = len;
		memcpy(c->block + c->used, p, n);
		c->used += n;
		p += n;
		len -= n;
		if (c->used == 64) {
			sha1_compress(c, c->block);
			c->used = 0;
		}
	}
}

static void sha1_final(unsigned char out[20], sha1_ctx *c)
{
	uint64_t bits = c->len * 8;
	unsigned char pad = 0x80, zero = 0, lenbuf[8];
	int i;

	sha1_update(c, &pad, 1);
	while (c->used != 56)
		sha1_update(c, &zero, 1);
	for (i = 0; i < 8; i++)
		lenbuf[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(c, lenbuf, 8);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

/* ---- git's reading of a diff ---------------------------------------- */

/* What a line of the diff is, as git's patch-id tells them apart. */
typedef enum {
	L_DIFF,   /* "diff --git a/P b/P" */
	L_HEADER, /* "new file mode 100644", "old mode ...": starts with a letter */
	L_INDEX,  /* "index PRE..POST": not hashed, its ids remembered */
	L_BINARY, /* "Binary files ... differ" */
	L_MINUS,  /* "--- a/P" */
	L_PLUS,   /* "+++ b/P" */
	L_HUNK,   /* "@@ -a,B +c,A @@": only the counts B and A are read */
	L_BODY    /* ' ', '-' or '+' and a line of the file */
} line_kind;

/*
 * One reading of a diff (git's get_one_patchid in --stable mode).
 * `before`/`after` count the lines left in the current hunk, -1 while
 * reading a file's header; `result` is the sum of the flushed hashes;
 * `patchlen` the number of bytes hashed (git prints nothing when 0).
 */
typedef struct {
	sha1_ctx ctx;
	unsigned char result[20];
	long before, after;
	int binary;
	size_t patchlen;
	char pre[GATE_OID_HEX + 1], post[GATE_OID_HEX + 1];
} reading;

static void reading_init(reading *r)
{
	memset(r, 0, sizeof(*r));
	sha1_init(&r->ctx);
	r->before = r->after = -1;
}

static void reading_flush(reading *r)
{
	unsigned char h[20];
	unsigned carry = 0;
	int i;

	sha1_final(h, &r->ctx);
	sha1_init(&r->ctx);
	for (i = 0; i < 20; i++) {
		carry += (unsigned)r->result[i] + h[i];
		r->result[i] = (unsigned char)carry;
		carry >>= 8;
	}
}

/* git's isspace: space, tab, newline and carriage return (not \v, \f). */
static int pid_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void reading_hash(reading *r, const char *s, size_t len)
{
	size_t i = 0, j;

	while (i < len) {
		while (i < len && pid_space((unsigned char)s[i]))
			i++;
		j = i;
		while (j < len && !pid_space((unsigned char)s[j]))
			j++;
		if (j > i) {
			sha1_update(&r->ctx, s + i, j - i);
			r->patchlen += j - i;
		}
		i = j;
	}
}

/* Reads one line: `s`/`len` is its text (a body line: origin, then the
 * file's line), `nb`/`na` the counts of a hunk header. */
static void reading_line(reading *r, line_kind kind, const char *s, size_t len, long nb, long na)
{
	if (r->before == -1) {
		if (kind == L_BINARY) {
			r->binary = 1;
			r->before = 0;
			sha1_update(&r->ctx, r->pre, strlen(r->pre));
			sha1_update(&r->ctx, r->post, strlen(r->post));
			r->patchlen += strlen(r->pre) + strlen(r->post);
			reading_flush(r);
			return;
		}
		if (kind == L_INDEX)
			return;
		if (kind == L_MINUS)
			r->before = r->after = 1;
	}
	if (r->binary) {
		if (kind == L_DIFF) {
			r->binary = 0;
			r->before = -1;
		}
		return;
	}
	if (r->before == 0 && r->after == 0) {
		if (kind == L_HUNK) {
			r->before = nb;
			r->after = na;
			return;
		}
		/* Only a new file's diff line can follow a finished hunk. */
		reading_flush(r);
		r->before = r->after = -1;
	}
	if (len && (s[0] == '-' || s[0] == ' '))
		r->before--;
	if (len && (s[0] == '+' || s[0] == ' '))
		r->after--;
	reading_hash(r, s, len);
}

/* The id the reading ends with (git flushes once more at the end), or ""
 * when nothing was hashed. */
static void reading_finish(char out[GATE_OID_HEX + 1], reading *r)
{
	static const char hexd[] = "0123456789abcdef";
	int i;

	reading_flush(r);
	if (!r->patchlen) {
		out[0] = '\0';
		return;
	}
	for (i = 0; i < 20; i++) {
		out[2 * i] = hexd[r->result[i] >> 4];
		out[2 * i + 1] = hexd[r->result[i] & 15];
	}
	out[GATE_OID_HEX] = '\0';
}

/* ---- making the diff ------------------------------------------------ */

typedef struct {
	gate_repo *repo;
	gate_patchid *p;
	size_t alloc; /* of p->files */
	reading all;  /* the whole change */
	reading one;  /* the current path */
	gate_buf line;
	gate_error *err;
} walk;

/* Feeds one line to both readings. */
static void emit(walk *w, line_kind kind, const char *s, size_t len, long nb, long na)
{
	if (kind == L_INDEX) {
		memcpy(w->all.pre, w->one.pre, sizeof(w->all.pre));
		memcpy(w->all.post, w->one.post, sizeof(w->all.post));
	}
	reading_line(&w->all, kind, s, len, nb, na);
	reading_line(&w->one, kind, s, len, nb, na);
}

static int emit_buf(walk *w, line_kind kind)
{
	emit(w, kind, w->line.ptr, w->line.size, 0, 0);
	gate_buf_clear(&w->line);
	return 0;
}

/* Appends `prefix` and `path` as git writes a name in a diff: quoted in C
 * style, prefix included, when it has a control character, a quote, a
 * backslash or a byte above 0x7e (core.quotePath). */
static int put_name(gate_buf *b, const char *prefix, const char *path, gate_error *err)
{
	const unsigned char *s;
	int quote = 0;

	for (s = (const unsigned char *)path; *s; s++)
		if (*s < 0x20 || *s == '"' || *s == '\\' || *s >= 0x7f)
			quote = 1;
	if (!quote)
		return gate_buf_printf(b, err, "%s%s", prefix, path);
	if (gate_buf_printf(b, err, "\"%s", prefix) < 0)
		return -1;
	for (s = (const unsigned char *)path; *s; s++) {
		static const char esc[] = "\a\b\t\n\v\f\r\"\\";
		static const char name[] = "abtnvfr\"\\";
		const char *e = *s ? strchr(esc, *s) : NULL;
		int rc;

		if (e)
			rc = gate_buf_printf(b, err, "\\%c", name[e - esc]);
		else if (*s < 0x20 || *s >= 0x7f)
			rc = gate_buf_printf(b, err, "\\%03o", (unsigned)*s);
		else
			rc = gate_buf_putc(b, (char)*s, err);
		if (rc < 0)
			return -1;
	}
	return gate_buf_putc(b, '"', err);
}

/* One side of a file: its content as git diffs it. */
typedef struct {
	git_blob *blob;
	const char *ptr;
	size_t len;
	int binary;
	char text[64];
} side;

static int side_load(side *c, walk *w, const gate_treediff_entry *e)
{
	git_odb *odb = NULL;
	size_t size;
	git_object_t type;
	char hex[GATE_OID_HEX + 1];
	int error = -1;

	memset(c, 0, sizeof(*c));
	c->ptr = "";
	if (!e)
		return 0;
	gate_repo__oid_hex(hex, &e->id);
	if (e->mode == GIT_FILEMODE_COMMIT) {
		/* What git diffs for a submodule. */
		snprintf(c->text, sizeof(c->text), "Subproject commit %s\n", hex);
		c->ptr = c->text;
		c->len = strlen(c->text);
		return 0;
	}
	if (git_repository_odb(&odb, w->repo->git) < 0 ||
	    git_odb_read_header(&size, &type, odb, &e->id) < 0) {
		gate_repo__fail(w->err, GATE_ERR_REPO, "cannot read blob %s", hex);
		goto done;
	}
	if (gate_scan_is_binary(NULL, 0, size)) {
		/* git calls a blob this big binary without reading it. */
		c->binary = 1;
		error = 0;
		goto done;
	}
	if (gate_repo__blob(&c->blob, w->repo, &e->id) < 0) {
		gate_repo__fail(w->err, GATE_ERR_REPO, "cannot read blob %s", hex);
		goto done;
	}
	c->ptr = git_blob_rawcontent(c->blob);
	c->len = (size_t)git_blob_rawsize(c->blob);
	c->binary = gate_scan_is_binary(c->ptr, c->len, c->len);
	error = 0;
done:
	git_odb_free(odb);
	return error;
}

/* Emits the header line "WHAT MODE" with the mode of `e`, as git writes
 * it ("new file mode 100644"). */
static int emit_mode(walk *w, const char *what, const gate_treediff_entry *e)
{
	if (gate_buf_printf(&w->line, w->err, "%s %06o", what, (unsigned)e->mode) < 0)
		return -1;
	return emit_buf(w, L_HEADER);
}

/* Writes the diff of one side pair (either may be NULL, not both) of
 * `path`, as `git diff --no-renames --full-index` does. */
static int emit_delta(walk *w, const char *path, const gate_treediff_entry *o,
		      const gate_treediff_entry *n)
{
	side a, b;
	git_patch *patch = NULL;
	git_diff_options opts;
	gate_buf *l = &w->line;
	size_t h, nh, i, nl;
	int error = -1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (gate_buf_puts(l, "diff --git ", w->err) < 0 || put_name(l, "a/", path, w->err) < 0 ||
	    gate_buf_putc(l, ' ', w->err) < 0 || put_name(l, "b/", path, w->err) < 0)
		goto done;
	emit_buf(w, L_DIFF);
	if ((!o && emit_mode(w, "new file mode", n) < 0) ||
	    (!n && emit_mode(w, "deleted file mode", o) < 0) ||
	    (o && n && o->mode != n->mode &&
	     (emit_mode(w, "old mode", o) < 0 || emit_mode(w, "new mode", n) < 0)))
		goto done;
	if (o && n && git_oid_equal(&o->id, &n->id)) {
		error = 0; /* a mode change only: no index line, no hunks */
		goto done;
	}
	memset(w->one.pre, '0', GATE_OID_HEX);
	memset(w->one.post, '0', GATE_OID_HEX);
	if (o)
		gate_repo__oid_hex(w->one.pre, &o->id);
	if (n)
		gate_repo__oid_hex(w->one.post, &n->id);
	emit(w, L_INDEX, "", 0, 0, 0);
	if (side_load(&a, w, o) < 0 || side_load(&b, w, n) < 0)
		goto done;
	if (a.binary || b.binary) {
		emit(w, L_BINARY, "", 0, 0, 0);
		error = 0;
		goto done;
	}
	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0) {
		gate_repo__fail(w->err, GATE_ERR_INTERNAL, "cannot set up a diff");
		goto done;
	}
	/* git diff's defaults: three lines of context, the indent heuristic. */
	opts.flags = GIT_DIFF_FORCE_TEXT | GIT_DIFF_INDENT_HEURISTIC;
	opts.context_lines = 3;
	opts.interhunk_lines = 0;
	if (git_patch_from_buffers(&patch, a.ptr, a.len, path, b.ptr, b.len, path, &opts) < 0) {
		gate_repo__fail(w->err, GATE_ERR_REPO, "cannot diff %.200s", path);
		goto done;
	}
	nh = git_patch_num_hunks(patch);
	if (nh) {
		if (gate_buf_puts(l, "--- ", w->err) < 0 ||
		    (o ? put_name(l, "a/", path, w->err) : gate_buf_puts(l, "/dev/null", w->err)) <
			0)
			goto done;
		emit_buf(w, L_MINUS);
		if (gate_buf_puts(l, "+++ ", w->err) < 0 ||
		    (n ? put_name(l, "b/", path, w->err) : gate_buf_puts(l, "/dev/null", w->err)) <
			0)
			goto done;
		emit_buf(w, L_PLUS);
	}
	for (h = 0; h < nh; h++) {
		const git_diff_hunk *hunk;

		if (git_patch_get_hunk(&hunk, &nl, patch, h) < 0) {
			gate_repo__fail(w->err, GATE_ERR_REPO, "cannot diff %.200s", path);
			goto done;
		}
		emit(w, L_HUNK, "@@", 2, hunk->old_lines, hunk->new_lines);
		for (i = 0; i < nl; i++) {
			const git_diff_line *dl;

			if (git_patch_get_line_in_hunk(&dl, patch, h, i) < 0) {
				gate_repo__fail(w->err, GATE_ERR_REPO, "cannot diff %.200s", path);
				goto done;
			}
			/* "\ No newline at end of file": git does not hash it. */
			if (dl->origin != GIT_DIFF_LINE_CONTEXT &&
			    dl->origin != GIT_DIFF_LINE_ADDITION &&
			    dl->origin != GIT_DIFF_LINE_DELETION)
				continue;
			if (gate_buf_putc(l, dl->origin, w->err) < 0 ||
			    gate_buf_put(l, dl->content, dl->content_len, w->err) < 0)
				goto done;
			emit_buf(w, L_BODY);
		}
	}
	error = 0;
done:
	gate_buf_clear(l);
	git_patch_free(patch);
	git_blob_free(a.blob);
	git_blob_free(b.blob);
	return error;
}

#define MODE_TYPE(m) ((unsigned)(m)&0170000u)

static int on_path(const char *path, size_t len, const gate_treediff_entry *o,
		   const gate_treediff_entry *n, void *payload)
{
	walk *w = payload;
	gate_patchid_file *f;

	(void)len;
	if (gate_repo__expired(w->repo, w->err) < 0)
		return -1;
	if (gate_array_reserve((void **)&w->p->files, &w->alloc, w->p->nfiles + 1,
			       sizeof(*w->p->files), w->err) < 0)
		return -1;
	f = &w->p->files[w->p->nfiles];
	memset(f, 0, sizeof(*f));
	if (!(f->path = gate_strdup(path, w->err)))
		return -1;
	w->p->nfiles++;
	reading_init(&w->one);
	/* A path whose type changed is, in git's diff, a deletion and an
	 * addition. */
	if (o && n && MODE_TYPE(o->mode) != MODE_TYPE(n->mode)) {
		if (emit_delta(w, path, o, NULL) < 0 || emit_delta(w, path, NULL, n) < 0)
			return -1;
	} else if (emit_delta(w, path, o, n) < 0) {
		return -1;
	}
	reading_finish(f->id, &w->one);
	return 0;
}

static int commit_tree(git_tree **out, gate_repo *repo, const char *hex, gate_error *err)
{
	git_oid oid;
	git_commit *c = NULL;
	int error;

	if (git_oid_fromstr(&oid, hex) < 0 || git_commit_lookup(&c, repo->git, &oid) < 0)
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot read commit %.40s", hex);
	error = git_commit_tree(out, c);
	git_commit_free(c);
	if (error < 0)
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot read the tree of %.40s", hex);
	return 0;
}

int gate_patchid_compute(gate_patchid **out, gate_repo *repo, const char *base_rev,
			 const char *tip_rev, gate_error *err)
{
	walk w;
	git_tree *t_base = NULL, *t_tip = NULL;
	char base[GATE_OID_HEX + 1];
	int found = 0, error = -1;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	w.repo = repo;
	w.err = err;
	gate_buf_init(&w.line, PATCHID_LINE_MAX);
	reading_init(&w.all);
	if (!(w.p = gate_calloc(1, sizeof(*w.p), err)))
		goto done;
	if (gate_repo_resolve(w.p->tip, repo, tip_rev, err) < 0 ||
	    gate_repo_resolve(base, repo, base_rev, err) < 0 ||
	    gate_repo_merge_base(w.p->base, &found, repo, base, w.p->tip, err) < 0)
		goto done;
	if (!found) {
		gate_error_set(err, GATE_ERR_REPO, "%.40s and %.40s have no merge base", base,
			       w.p->tip);
		goto done;
	}
	if (commit_tree(&t_base, repo, w.p->base, err) < 0 ||
	    commit_tree(&t_tip, repo, w.p->tip, err) < 0)
		goto done;
	if (gate_treediff(repo, git_tree_id(t_base), git_tree_id(t_tip), on_path, &w, err) != 0)
		goto done;
	reading_finish(w.p->id, &w.all);
	*out = w.p;
	w.p = NULL;
	error = 0;
done:
	gate_patchid_free(w.p);
	git_tree_free(t_base);
	git_tree_free(t_tip);
	gate_buf_dispose(&w.line);
	return error;
}

void gate_patchid_free(gate_patchid *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nfiles; i++)
		free(p->files[i].path);
	free(p->files);
	free(p);
}

static const gate_patchid_file *find_file(const gate_patchid *p, const char *path)
{
	size_t i;

	/* NEEDSWORK: linear; a change of many thousand files wants an index. */
	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, path) == 0)
			return &p->files[i];
	return NULL;
}

/* Whether every in-scope path of `x` is in `y` with the same id. */
static int covers(const gate_patchid *x, const gate_patchid *y,
		  int (*in_scope)(const char *path, void *payload), void *payload,
		  const char **differs)
{
	size_t i;

	for (i = 0; i < x->nfiles; i++) {
		const gate_patchid_file *f = &x->files[i], *g;

		if (in_scope && !in_scope(f->path, payload))
			continue;
		g = find_file(y, f->path);
		if (!g || strcmp(f->id, g->id) != 0) {
			if (differs)
				*differs = f->path;
			return 0;
		}
	}
	return 1;
}

int gate_patchid_same(const gate_patchid *a, const gate_patchid *b,
		      int (*in_scope)(const char *path, void *payload), void *payload,
		      const char **differs)
{
	if (differs)
		*differs = NULL;
	return covers(b, a, in_scope, payload, differs) && covers(a, b, in_scope, payload, differs);
}
