/*
 * Tests for patch ids (src/patchid.c) against git itself: real repositories
 * built with the git CLI, hand-written and seeded random changes, and every
 * combined id compared with `git diff --no-renames --full-index MB TIP |
 * git patch-id --stable`, every per-file id with the same for that path
 * alone. RISKGATE_TEST_SEED and RISKGATE_TEST_HISTORIES replay or widen the
 * generated part.
 */
#include "riskgate/banned.h"

#include "riskgate/patchid.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"
#include "unit.h"

#define DEFAULT_SEED 20261205u

static unsigned long long base_seed = DEFAULT_SEED;
static unsigned nhistories = 25;
static uint64_t rng;
static int combined_compared, files_compared, disagreements, kept_checked, kept_checked;
static unsigned long seen_binary, seen_mode, seen_ws, seen_delete, seen_add, seen_move, seen_empty;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

static unsigned rn(unsigned n)
{
	return n ? (unsigned)(rnd() % n) : 0;
}

/* ---- git as the oracle ------------------------------------------------ */

/* What `git patch-id --stable` prints, as 40 hex digits or "", for
 * `git diff --no-renames --full-index MB TIP [-- PATH]`, or with `plain`
 * for `git diff MB TIP` as a user would type it. */
static void git_patch_id(char out[GATE_OID_HEX + 1], const char *mb, const char *tip, int plain,
			 const char *path)
{
	gate_buf d = GATE_BUF_INIT((size_t)1 << 28), p = GATE_BUF_INIT(4096);
	char file[4096], spec[4096];
	FILE *f;

	snprintf(file, sizeof(file), "%s/diff.out", gitrepo_top());
	if (path) {
		snprintf(spec, sizeof(spec), ":(literal)%s", path);
		gitrepo_git(&d, NULL, "diff", "--no-renames", "--full-index", mb, tip, "--", spec,
			    NULL);
	} else if (plain) {
		gitrepo_git(&d, NULL, "diff", mb, tip, NULL);
	} else {
		gitrepo_git(&d, NULL, "diff", "--no-renames", "--full-index", mb, tip, NULL);
	}
	f = fopen(file, "wb");
	if (!f || fwrite(d.ptr ? d.ptr : "", 1, d.size, f) != d.size || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", file);
		unit_abort();
	}
	gitrepo_git(&p, file, "patch-id", "--stable", NULL);
	out[0] = '\0';
	if (p.size >= GATE_OID_HEX) {
		memcpy(out, p.ptr, GATE_OID_HEX);
		out[GATE_OID_HEX] = '\0';
	}
	gate_buf_dispose(&d);
	gate_buf_dispose(&p);
}

static gate_patchid *compute(const char *base, const char *tip)
{
	gate_repo *r = NULL;
	gate_patchid *p = NULL;
	gate_error err;

	gate_error_init(&err);
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0 ||
	    gate_patchid_compute(&p, r, base, tip, &err) < 0) {
		fprintf(stderr, "patchid %s %s: %s\n", base, tip, err.message);
		gate_repo_free(r);
		unit_abort();
	}
	gate_repo_free(r);
	return p;
}

/*
 * Compares the ids of merge-base(base, tip)..tip with git's: the combined
 * id, the list of paths (`git diff --name-only -z`) and each file's id.
 * `plain` also compares the combined id with plain `git diff MB TIP` (no
 * option), for changes where it makes the same diff (no binary file, no
 * rename). Returns the ids (caller frees).
 */
static gate_patchid *compare(const char *base, const char *tip, int plain)
{
	gate_patchid *p = compute(base, tip);
	gate_buf names = GATE_BUF_INIT((size_t)1 << 24);
	char want[GATE_OID_HEX + 1];
	size_t i, pos = 0;
	int bad = 0;

	git_patch_id(want, p->base, p->tip, 0, NULL);
	combined_compared++;
	if (strcmp(want, p->id) != 0) {
		fprintf(stderr, "combined id of %s..%s: git %s, ours %s\n", p->base, p->tip, want,
			p->id);
		bad = 1;
	}
	if (plain) {
		git_patch_id(want, p->base, p->tip, 1, NULL);
		CHECK_STR(p->id, want);
	}
	gitrepo_git(&names, NULL, "diff", "--no-renames", "--name-only", "-z", p->base, p->tip,
		    NULL);
	for (i = 0; i < p->nfiles; i++) {
		const char *n = pos < names.size ? names.ptr + pos : "";

		if (strcmp(n, p->files[i].path) != 0) {
			fprintf(stderr, "path %zu: git \"%s\", ours \"%s\"\n", i, n,
				p->files[i].path);
			bad = 1;
		}
		pos += strlen(n) + 1;
		git_patch_id(want, p->base, p->tip, 0, p->files[i].path);
		files_compared++;
		if (strcmp(want, p->files[i].id) != 0) {
			fprintf(stderr, "id of %s in %s..%s: git %s, ours %s\n", p->files[i].path,
				p->base, p->tip, want, p->files[i].id);
			bad = 1;
		}
	}
	if (pos < names.size) {
		fprintf(stderr, "git has more paths: \"%s\"\n", names.ptr + pos);
		bad = 1;
	}
	gate_buf_dispose(&names);
	if (bad) {
		disagreements++;
		gitrepo_keep();
		CHECK(!bad);
	}
	return p;
}

static void put(const char *path, const char *text)
{
	gitrepo_mkdirs_for(path);
	gitrepo_write(path, text, strlen(text), 0);
}

/* Runs git in the current repository (arguments without the NULL). */
#define git(...) gitrepo_git(NULL, NULL, __VA_ARGS__, NULL)

static const char *id_of(const gate_patchid *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, path) == 0)
			return p->files[i].id;
	return NULL;
}

/* ---- hand-written cases ------------------------------------------------ */

/* A base with a few files, and a branch "topic" off it that changes two. */
static void start_topic(const char *dir)
{
	gitrepo_init(dir, NULL);
	put("src/auth/login.c", "int login(void)\n{\n\treturn check();\n}\n");
	put("src/pay/pay.c", "int pay(int n)\n{\n\treturn n * 2;\n}\n");
	put("README", "readme\n");
	gitrepo_commit("base");
	git("checkout", "-q", "-b", "topic");
	put("src/auth/login.c", "int login(void)\n{\n\tlog();\n\treturn check();\n}\n");
	put("src/pay/pay.c", "int pay(int n)\n{\n\treturn n * 3;\n}\n");
	gitrepo_commit("topic work");
}

/* GitHub's "Update branch": main moves on in other files and is merged
 * into the approved branch without conflicts; the branch's change is the
 * same patch. */
static void test_update_merge_keeps_patch(void)
{
	gate_patchid *before, *after;
	const char *differs = NULL;

	start_topic("update");
	before = compare("main", "topic", 1);
	git("checkout", "-q", "main");
	put("README", "readme\nmore\n");
	put("docs/new.md", "new\n");
	gitrepo_commit("main moves on");
	git("checkout", "-q", "topic");
	gitrepo_git(NULL, NULL, "merge", "-q", "--no-edit", "main", NULL);
	after = compare("main", "topic", 1);
	CHECK(before->nfiles == 2);
	CHECK_STR(after->id, before->id);
	CHECK(gate_patchid_same(before, after, NULL, NULL, &differs) == 1);
	CHECK(differs == NULL);
	gate_patchid_free(before);
	gate_patchid_free(after);
}

/* A rebase onto a newer main with no content change of its own. */
static void test_rebase_keeps_patch(void)
{
	gate_patchid *before, *after;

	start_topic("rebase");
	before = compare("main", "topic", 1);
	git("checkout", "-q", "main");
	put("src/auth/other.c", "other\n");
	put("src/pay/pay.h", "int pay(int);\n");
	gitrepo_commit("main moves on");
	git("checkout", "-q", "topic");
	gitrepo_git(NULL, NULL, "rebase", "-q", "main", NULL);
	after = compare("main", "topic", 1);
	CHECK(strcmp(before->tip, after->tip) != 0);
	CHECK_STR(after->id, before->id);
	CHECK(gate_patchid_same(before, after, NULL, NULL, NULL) == 1);
	gate_patchid_free(before);
	gate_patchid_free(after);
}

/* A rebase onto a main that moved the branch's lines down in the same file:
 * other line numbers, same patch. */
static void test_rebase_moves_lines(void)
{
	gate_patchid *before, *after;
	char text[2048];
	int i;

	gitrepo_init("shift", NULL);
	text[0] = '\0';
	for (i = 0; i < 20; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "line %d\n", i);
	put("f", text);
	gitrepo_commit("base");
	git("checkout", "-q", "-b", "topic");
	gitrepo_sh("cd '%s' && sed -i 's/^line 15$/line fifteen/' f", gitrepo_dir());
	gitrepo_commit("topic");
	before = compare("main", "topic", 1);
	git("checkout", "-q", "main");
	gitrepo_sh("cd '%s' && sed -i '1i header' f", gitrepo_dir());
	gitrepo_commit("main adds a line at the top");
	git("checkout", "-q", "topic");
	git("rebase", "-q", "main");
	after = compare("main", "topic", 1);
	CHECK_STR(after->id, before->id);
	CHECK(gate_patchid_same(before, after, NULL, NULL, NULL) == 1);
	gate_patchid_free(before);
	gate_patchid_free(after);
}

static int in_auth(const char *path, void *payload)
{
	(void)payload;
	return strncmp(path, "src/auth/", 9) == 0;
}

static int in_pay(const char *path, void *payload)
{
	(void)payload;
	return strncmp(path, "src/pay/", 8) == 0;
}

/* One more line in one file changes that file's id only; the change is the
 * same patch for the other files' scope and not for that file's. */
static void test_one_line_changes_one_file(void)
{
	gate_patchid *before, *after;
	const char *differs = NULL;

	start_topic("oneline");
	before = compare("main", "topic", 1);
	put("src/auth/login.c", "int login(void)\n{\n\tlog();\n\treturn 1;\n}\n");
	gitrepo_commit("after review");
	after = compare("main", "topic", 1);
	CHECK(strcmp(after->id, before->id) != 0);
	CHECK(strcmp(id_of(after, "src/auth/login.c"), id_of(before, "src/auth/login.c")) != 0);
	CHECK_STR(id_of(after, "src/pay/pay.c"), id_of(before, "src/pay/pay.c"));
	CHECK(gate_patchid_same(before, after, NULL, NULL, &differs) == 0);
	CHECK_STR(differs, "src/auth/login.c");
	CHECK(gate_patchid_same(before, after, in_auth, NULL, NULL) == 0);
	CHECK(gate_patchid_same(before, after, in_pay, NULL, NULL) == 1);
	gate_patchid_free(before);
	before = after;
	/* A file added in one scope changes that scope only. */
	put("src/auth/new.c", "new\n");
	gitrepo_commit("one more file");
	after = compare("main", "topic", 1);
	CHECK(gate_patchid_same(before, after, in_auth, NULL, &differs) == 0);
	CHECK_STR(differs, "src/auth/new.c");
	CHECK(gate_patchid_same(before, after, in_pay, NULL, NULL) == 1);
	CHECK(gate_patchid_same(after, before, in_auth, NULL, &differs) == 0);
	CHECK_STR(differs, "src/auth/new.c");
	gate_patchid_free(before);
	gate_patchid_free(after);
}

/* Whitespace and line numbers are not part of a patch; content is. */
static void test_whitespace_and_position(void)
{
	gate_patchid *a, *b, *c;

	gitrepo_init("ws", NULL);
	put("f", "one\ntwo\nthree\n");
	put("g", "pad\npad\npad\npad\npad\npad\npad\npad\none\ntwo\nthree\n");
	gitrepo_commit("base");
	git("checkout", "-q", "-b", "t1");
	put("f", "one\ntwo\nTWO\nthree\n");
	gitrepo_commit("t1");
	a = compare("main", "t1", 1);
	git("checkout", "-q", "-b", "t2", "main");
	put("f", "one\ntwo\n\tT W O  \r\nthree\n");
	gitrepo_commit("t2");
	b = compare("main", "t2", 1);
	CHECK_STR(a->id, b->id);
	git("checkout", "-q", "-b", "t3", "main");
	put("f", " one\ntwo\nthree\n");
	gitrepo_commit("t3: whitespace only");
	c = compare("main", "t3", 1);
	CHECK(c->nfiles == 1 && strlen(c->id) == GATE_OID_HEX);
	gate_patchid_free(c);
	/* The same change further down another file: only the name differs. */
	git("checkout", "-q", "-b", "t4", "main");
	put("g", "pad\npad\npad\npad\npad\npad\npad\npad\none\ntwo\nTWO\nthree\n");
	gitrepo_commit("t4");
	c = compare("main", "t4", 1);
	CHECK(strcmp(c->id, a->id) != 0);
	gate_patchid_free(a);
	gate_patchid_free(b);
	gate_patchid_free(c);
	/* Nothing changed: no id, as git prints none. */
	a = compare("main", "main", 1);
	CHECK(a->nfiles == 0 && a->id[0] == '\0');
	gate_patchid_free(a);
}

/* Binary files, mode changes, empty files, renames, deletions and quoted
 * names in one change, in the order where git's reading joins them. */
static void test_binary_mode_and_names(void)
{
	gate_patchid *p;

	gitrepo_init("kinds", NULL);
	put("a.bin", "x");
	gitrepo_write("a.bin", "bin\0ary", 7, 0);
	put("b", "b\n");
	put("c.sh", "echo\n");
	put("d", "d\nd2\n");
	put("gone", "gone\n");
	put("nl", "no newline");
	gitrepo_commit("base");
	git("checkout", "-q", "-b", "t");
	gitrepo_write("a.bin", "bin\0ar2", 7, 0);
	put("b", "B\n");
	gitrepo_write("c.sh", "echo\n", 5, 1);
	put("d0", "");
	gitrepo_move("d", "e");
	gitrepo_remove("gone");
	put("nl", "no newline either");
	put("sp ace", "s\n");
	put("t\xc3\xa9st\"q", "u\n");
	put("ta\tb\\c\x7f", "v\n");
	gitrepo_commit("t");
	p = compare("main", "t", 0);
	CHECK(p->nfiles == 11);
	gate_patchid_free(p);
}

/* A file that becomes a symbolic link is a deletion and an addition. */
static void test_type_change(void)
{
	gate_patchid *p;

	gitrepo_init("type", NULL);
	put("l", "text\n");
	put("m", "m\n");
	gitrepo_commit("base");
	git("checkout", "-q", "-b", "t");
	gitrepo_remove("l");
	gitrepo_symlink("l", "target");
	put("m", "M\n");
	gitrepo_commit("t");
	p = compare("main", "t", 1);
	CHECK(p->nfiles == 2);
	gate_patchid_free(p);
	/* A submodule appears, then moves: git diffs "Subproject commit". */
	git("update-index", "--add", "--cacheinfo",
	    "160000,1111111111111111111111111111111111111111,sub");
	git("commit", "-q", "-m", "sub");
	p = compare("main", "t", 1);
	CHECK(p->nfiles == 3);
	gate_patchid_free(p);
	git("update-index", "--cacheinfo", "160000,2222222222222222222222222222222222222222,sub");
	git("commit", "-q", "-m", "sub moves");
	p = compare("main", "t", 1);
	CHECK(p->nfiles == 3);
	gate_patchid_free(p);
	p = compare("t~1", "t", 1);
	CHECK(p->nfiles == 1);
	gate_patchid_free(p);
}

static void test_errors(void)
{
	gate_repo *r = NULL;
	gate_patchid *p = NULL;
	gate_error err;

	gitrepo_init("errors", NULL);
	put("f", "f\n");
	gitrepo_commit("one");
	git("checkout", "-q", "--orphan", "other");
	put("g", "g\n");
	gitrepo_commit("unrelated");
	gate_error_init(&err);
	CHECK(gate_repo_open(&r, gitrepo_dir(), &err) == 0);
	CHECK(gate_patchid_compute(&p, r, "main", "other", &err) < 0);
	CHECK(p == NULL && err.klass == GATE_ERR_REPO && strstr(err.message, "merge base"));
	gate_error_init(&err);
	CHECK(gate_patchid_compute(&p, r, "main", "no-such-branch", &err) < 0);
	CHECK(p == NULL && err.klass == GATE_ERR_REPO);
	gate_repo_free(r);
	gate_patchid_free(NULL);
}

/* ---- random changes ------------------------------------------------------ */

static const char *const names[] = {
    "a",         "b.c",        "src/x.c",     "src/y.h",  "src/deep/z.txt",
    "docs/r.md", "sp ace.txt", "t\xc3\xa9st", "bin/blob", "e",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static const char *const words[] = {
    "alpha", "beta", "if", "{",  "}",  "x = y;",  "return", "auth",        "",
    "\t",    " ",    "\r", "\v", "\f", "--- a/x", "+++ b",  "@@ -1 +1 @@", "diff --git a/q b/q",
    "\\ No"};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static void gen_text(gate_buf *b, unsigned lines)
{
	gate_error err;
	unsigned i, k, j;

	gate_error_init(&err);
	for (i = 0; i < lines; i++) {
		/* Blank lines and braces repeat, so that hunks can slide and
		 * git's indent heuristic has something to choose. */
		k = rn(3) ? rn(4) : 0;
		if (k == 0 && rn(2)) {
			gate_buf_puts(b, rn(2) ? "}" : "\t{", &err);
			if (i + 1 < lines || rn(4))
				gate_buf_putc(b, '\n', &err);
			continue;
		}
		for (j = 0; j < k; j++)
			gate_buf_printf(b, &err, "%s%s", j && rn(2) ? " " : "", words[rn(NWORDS)]);
		if (i + 1 < lines || rn(4))
			gate_buf_putc(b, '\n', &err);
	}
}

/* Rewrites some lines of `old` (or all when NULL): keeps, drops, inserts,
 * and changes only the whitespace of lines. */
static void mutate(gate_buf *out, const gate_buf *old)
{
	gate_error err;
	size_t pos = 0;

	gate_error_init(&err);
	if (!old || !old->size) {
		gen_text(out, rn(3) ? rn(12) : 20 + rn(60));
		return;
	}
	while (pos < old->size) {
		const char *nl = memchr(old->ptr + pos, '\n', old->size - pos);
		size_t len = nl ? (size_t)(nl - (old->ptr + pos)) + 1 : old->size - pos;
		unsigned r = rn(20);

		if (r == 0) {
			/* dropped */
		} else if (r == 1) {
			gen_text(out, 1 + rn(3));
			gate_buf_put(out, old->ptr + pos, len, &err);
		} else if (r <= 4) {
			/* The same line with other whitespace: a space or a tab
			 * more, or a carriage return before the newline. */
			static const char *const ws[] = {" ", "\t", "\r"};
			const char *w = ws[rn(3)];

			if (*w == '\r' && len && old->ptr[pos + len - 1] == '\n') {
				gate_buf_put(out, old->ptr + pos, len - 1, &err);
				gate_buf_puts(out, "\r\n", &err);
			} else {
				gate_buf_puts(out, w, &err);
				gate_buf_put(out, old->ptr + pos, len, &err);
			}
			seen_ws++;
		} else {
			gate_buf_put(out, old->ptr + pos, len, &err);
		}
		pos += len;
	}
	if (rn(5) == 0)
		gen_text(out, 1 + rn(3));
}

/* One random change of the work tree. */
static void random_edit(void)
{
	const char *n = names[rn(NNAMES)];
	gate_buf old = GATE_BUF_INIT((size_t)1 << 24), neu = GATE_BUF_INIT((size_t)1 << 24);
	char full[4096];
	FILE *f;
	int exists;

	gitrepo_path(full, sizeof(full), n);
	f = fopen(full, "rb");
	exists = f != NULL;
	if (f)
		fclose(f);
	if (exists)
		gitrepo_read(&old, n);
	switch (rn(10)) {
	case 0:
		if (exists) {
			gitrepo_remove(n);
			seen_delete++;
		}
		break;
	case 1: {
		const char *to = names[rn(NNAMES)];

		gitrepo_path(full, sizeof(full), to);
		f = fopen(full, "rb");
		if (exists && !f) {
			gitrepo_mkdirs_for(to);
			gitrepo_move(n, to);
			seen_move++;
		}
		if (f)
			fclose(f);
		break;
	}
	case 2:
		if (exists) {
			gitrepo_write(n, old.ptr, old.size, (int)rn(2));
			seen_mode++;
		}
		break;
	case 3: {
		gate_error err;

		gate_error_init(&err);
		gen_text(&neu, rn(4));
		gate_buf_put(&neu, "\0", 1, &err);
		gen_text(&neu, rn(4));
		gitrepo_mkdirs_for(n);
		gitrepo_write(n, neu.ptr, neu.size, 0);
		seen_binary++;
		break;
	}
	case 4:
		gitrepo_mkdirs_for(n);
		gitrepo_write(n, "", 0, 0);
		seen_empty++;
		break;
	default:
		if (!exists)
			seen_add++;
		mutate(&neu, exists ? &old : NULL);
		gitrepo_mkdirs_for(n);
		gitrepo_write(n, neu.ptr ? neu.ptr : "", neu.size, 0);
		break;
	}
	gate_buf_dispose(&old);
	gate_buf_dispose(&neu);
}

static void random_commits(unsigned n)
{
	unsigned i, k;

	for (i = 0; i < n; i++) {
		for (k = 1 + rn(4); k; k--)
			random_edit();
		gitrepo_commit("random");
	}
}

/*
 * What the issue asks of a rebase or an "Update branch" merge, as a
 * property: every file of the branch's change that main did not touch
 * since the old merge base keeps its id (`moved` is the new ids). The
 * rebase and the merge do not follow renames: with them, main's edits of a
 * file the branch moved land in the moved file, rightly changing its id.
 */
/* Whether the NUL-separated list `l` holds `path`. */
static int listed(const gate_buf *l, const char *path)
{
	const char *n;

	for (n = l->ptr; n && n < l->ptr + l->size; n += strlen(n) + 1)
		if (strcmp(n, path) == 0)
			return 1;
	return 0;
}

/*
 * What the issue asks of a rebase or an "Update branch" merge, as a
 * property: every file of the branch's change that main did not touch
 * since the old merge base keeps its id (`moved` is the new ids). Except
 * the files the branch adds when main edited a file the branch deletes:
 * git's merge follows the rename and rightly lands main's edits there.
 */
static void check_kept(const gate_patchid *reviewed, const gate_patchid *moved)
{
	gate_buf touched = GATE_BUF_INIT((size_t)1 << 24), deleted = GATE_BUF_INIT((size_t)1 << 24),
		 added = GATE_BUF_INIT((size_t)1 << 24);
	const char *n;
	int skip_added = 0;
	size_t i;

	gitrepo_git(&touched, NULL, "diff", "--no-renames", "--name-only", "-z", reviewed->base,
		    "main", NULL);
	gitrepo_git(&deleted, NULL, "diff", "--no-renames", "--name-only", "--diff-filter=D", "-z",
		    reviewed->base, reviewed->tip, NULL);
	gitrepo_git(&added, NULL, "diff", "--no-renames", "--name-only", "--diff-filter=A", "-z",
		    reviewed->base, reviewed->tip, NULL);
	for (n = deleted.ptr; n && n < deleted.ptr + deleted.size; n += strlen(n) + 1)
		if (listed(&touched, n))
			skip_added = 1;
	for (i = 0; i < reviewed->nfiles; i++) {
		const char *path = reviewed->files[i].path, *now;

		if (listed(&touched, path) || (skip_added && listed(&added, path)))
			continue;
		kept_checked++;
		now = id_of(moved, path);
		if (!now || strcmp(now, reviewed->files[i].id) != 0) {
			fprintf(stderr, "%s: %s: id %s after the update, %s before\n",
				gitrepo_dir(), path, now ? now : "(none)", reviewed->files[i].id);
			CHECK(0);
		}
	}
	gate_buf_dispose(&touched);
	gate_buf_dispose(&deleted);
	gate_buf_dispose(&added);
}

static void test_random_changes(void)
{
	unsigned h;
	char dir[64];

	for (h = 0; h < nhistories; h++) {
		gate_patchid *reviewed, *p;

		rng = base_seed * 2654435761u + h + 1;
		snprintf(dir, sizeof(dir), "random%u", h);
		gitrepo_init(dir, NULL);
		random_commits(1 + rn(2));
		git("checkout", "-q", "-b", "topic");
		random_commits(1 + rn(3));
		reviewed = compare("main", "topic", 0);
		git("checkout", "-q", "main");
		random_commits(1 + rn(2));
		p = compare("main", "topic", 0);
		gate_patchid_free(p);
		/* A rebase of the branch onto the new main, when it applies. */
		git("checkout", "-q", "-b", "rebased", "topic");
		if (gitrepo_git_try(NULL, NULL, "rebase", "-q", "main", NULL) == 0) {
			p = compare("main", "rebased", 0);
			check_kept(reviewed, p);
			gate_patchid_free(p);
		} else {
			gitrepo_git(NULL, NULL, "rebase", "--abort", NULL);
		}
		/* An "Update branch" merge of main into the branch. */
		git("checkout", "-q", "topic");
		if (gitrepo_git_try(NULL, NULL, "merge", "-q", "--no-edit", "main", NULL) == 0) {
			p = compare("main", "topic", 0);
			check_kept(reviewed, p);
			gate_patchid_free(p);
		} else {
			gitrepo_git(NULL, NULL, "merge", "--abort", NULL);
		}
		p = compare("topic", "main", 0);
		gate_patchid_free(p);
		gate_patchid_free(reviewed);
	}
}

int main(void)
{
	const char *s = getenv("RISKGATE_TEST_SEED");
	int rc;

	if (s && *s)
		base_seed = strtoull(s, NULL, 10);
	s = getenv("RISKGATE_TEST_HISTORIES");
	if (s && *s)
		nhistories = (unsigned)strtoul(s, NULL, 10);
	if (gitrepo_start("patchid", unit_abort) < 0)
		return 1;

	GATE_RUN(test_update_merge_keeps_patch);
	GATE_RUN(test_rebase_keeps_patch);
	GATE_RUN(test_rebase_moves_lines);
	GATE_RUN(test_one_line_changes_one_file);
	GATE_RUN(test_whitespace_and_position);
	GATE_RUN(test_binary_mode_and_names);
	GATE_RUN(test_type_change);
	GATE_RUN(test_errors);
	GATE_RUN(test_random_changes);

	printf("patchid: %u histories (seed %llu): %d combined and %d per-file ids compared "
	       "with git, %d disagreements; %d files kept their id over a rebase or update merge; "
	       "edits: %lu binary, %lu mode, %lu whitespace, %lu "
	       "deleted, %lu added, %lu moved, %lu emptied\n",
	       nhistories, base_seed, combined_compared, files_compared, disagreements,
	       kept_checked, seen_binary, seen_mode, seen_ws, seen_delete, seen_add, seen_move,
	       seen_empty);
	gitrepo_finish();
	rc = GATE_UNIT_DONE("patchid");
	return rc;
}
