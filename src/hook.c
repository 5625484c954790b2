/*
 * The pre-receive hook: parses the ref updates of a push, works out for each
 * what it brings that no existing ref already holds, and evaluates that with
 * the engine of `check`, watching a deadline. It reads the repository and
 * never writes a ref.
 */
#include "riskgate/banned.h"

#include "riskgate/hook.h"
#include "hookrefs.h"
#include "repo_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "riskgate/buf.h"
#include "riskgate/check.h"
#include "riskgate/conditions.h"
#include "riskgate/run.h"
#include "riskgate/sha256.h"
#include "riskgate/sources.h"

/* ---- input ------------------------------------------------------------ */

void gate_hook_updates_init(gate_hook_updates *u)
{
	memset(u, 0, sizeof(*u));
}

void gate_hook_updates_dispose(gate_hook_updates *u)
{
	size_t i;

	if (!u)
		return;
	for (i = 0; i < u->count; i++)
		free(u->items[i].ref);
	free(u->items);
	memset(u, 0, sizeof(*u));
}

#define STDIN_NAME "<stdin>"

/* Reads one id at `s` (up to `n` bytes): its length, 0 when it is not a run
 * of lower-case hex digits of a known length followed by a space. */
static int read_id(size_t *len, const char *s, size_t n, unsigned line, gate_error *err)
{
	size_t i = 0;

	while (i < n && s[i] != ' ') {
		char c = s[i];

		if (c >= 'A' && c <= 'F')
			return gate_error_set_at(
			    err, GATE_ERR_INPUT, STDIN_NAME, line, (unsigned)i + 1,
			    "object ids must be lower-case hex, as git writes them");
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line,
						 (unsigned)i + 1,
						 "expected '<old-id> <new-id> <ref>': an object id "
						 "holds only hex digits");
		i++;
	}
	if (i != 40 && i != 64)
		return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, 1,
					 "expected '<old-id> <new-id> <ref>': an object id has 40 "
					 "(SHA-1) or 64 (SHA-256) hex digits, not %zu",
					 i);
	if (i == n)
		return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, (unsigned)i + 1,
					 "expected '<old-id> <new-id> <ref>': the line ends "
					 "after an object id");
	*len = i;
	return 0;
}

static int all_zero(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != '0')
			return 0;
	return 1;
}

static int parse_line(gate_hook_update *u, const char *s, size_t n, unsigned line, gate_error *err)
{
	size_t a, b, i, col;
	const char *ref;
	size_t ref_len;

	memset(u, 0, sizeof(*u));
	if (n == 0)
		return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, 1,
					 "empty line: expected '<old-id> <new-id> <ref>'");
	if (read_id(&a, s, n, line, err) < 0)
		return -1;
	if (read_id(&b, s + a + 1, n - a - 1, line, err) < 0) {
		err->col += (unsigned)a + 1;
		return -1;
	}
	if (a != b)
		return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, (unsigned)a + 2,
					 "the old and new ids differ in length (%zu and %zu hex "
					 "digits)",
					 a, b);
	col = a + b + 2;
	ref = s + col;
	ref_len = n - col;
	if (ref_len == 0)
		return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, (unsigned)col + 1,
					 "expected '<old-id> <new-id> <ref>': the ref name is "
					 "missing");
	if (ref_len < 6 || memcmp(ref, "refs/", 5) != 0)
		return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, (unsigned)col + 1,
					 "the ref name must be a full name under refs/");
	for (i = 0; i < ref_len; i++) {
		unsigned char c = (unsigned char)ref[i];

		if (c == '\r')
			return gate_error_set_at(
			    err, GATE_ERR_INPUT, STDIN_NAME, line, (unsigned)(col + i) + 1,
			    "carriage return in the ref name: lines end in LF");
		if (c <= ' ' || c == 0x7f)
			return gate_error_set_at(
			    err, GATE_ERR_INPUT, STDIN_NAME, line, (unsigned)(col + i) + 1,
			    "the ref name holds a space or a control character");
	}
	memcpy(u->old_id, s, a);
	u->old_id[a] = '\0';
	memcpy(u->new_id, s + a + 1, b);
	u->new_id[b] = '\0';
	u->id_len = a;
	u->old_zero = all_zero(u->old_id, a);
	u->new_zero = all_zero(u->new_id, b);
	if (u->old_zero && u->new_zero)
		return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, 1,
					 "both ids are zero: nothing is created or deleted");
	if ((u->ref = gate_malloc(ref_len + 1, err)) == NULL)
		return -1;
	memcpy(u->ref, ref, ref_len);
	u->ref[ref_len] = '\0';
	return 0;
}

int gate_hook_parse(gate_hook_updates *out, const char *text, size_t len, gate_error *err)
{
	size_t pos = 0;
	unsigned line = 0;
	gate_hook_update u;

	if (len > GATE_HOOK_INPUT_MAX)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "standard input is larger than %zu bytes",
				      GATE_HOOK_INPUT_MAX);
	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;

		line++;
		pos += n + (nl ? 1 : 0);
		if (n > GATE_HOOK_LINE_MAX)
			return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, 1,
						 "line longer than %d bytes", GATE_HOOK_LINE_MAX);
		if (memchr(s, '\0', n))
			return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, 1,
						 "NUL byte in the input");
		if (parse_line(&u, s, n, line, err) < 0)
			return -1;
		if (out->count && out->items[0].id_len != u.id_len) {
			free(u.ref);
			return gate_error_set_at(err, GATE_ERR_INPUT, STDIN_NAME, line, 1,
						 "object ids of %zu hex digits after ids of %zu",
						 u.id_len, out->items[0].id_len);
		}
		if (gate_array_reserve((void **)&out->items, &out->alloc, out->count + 1,
				       sizeof(gate_hook_update), err) < 0) {
			free(u.ref);
			return -1;
		}
		out->items[out->count++] = u;
	}
	if (out->count == 0)
		return gate_error_set(
		    err, GATE_ERR_INPUT,
		    "no ref updates on standard input (expected lines "
		    "'<old-id> <new-id> <ref>', as git feeds a pre-receive hook)");
	return 0;
}

const char *gate_hook_kind_name(gate_hook_kind kind)
{
	switch (kind) {
	case GATE_HOOK_CREATE:
		return "create";
	case GATE_HOOK_UPDATE:
		return "update";
	case GATE_HOOK_FORCE:
		return "force push";
	case GATE_HOOK_DELETE:
		return "delete";
	}
	return "unknown";
}

long long gate_hook_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the repository before the push ------------------------------------ */

/* The commit `obj` peels to, as hex; 0 when it peels to none. */
static int peel_hex(char out[GATE_OID_HEX + 1], git_object *obj)
{
	git_object *peeled = NULL;

	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		git_error_clear();
		return 0;
	}
	git_oid_tostr(out, GATE_OID_HEX + 1, git_object_id(peeled));
	git_object_free(peeled);
	return 1;
}

static int policy_from_text(gate_policy **out, int builtin, const gate_buf *text,
			    const char *commit, gate_error *err);

int gate_hook_init(gate_hook *hook, gate_repo *repo, gate_policy *policy, long long deadline_ms,
		   gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL, *head = NULL;
	git_object *obj = NULL;
	char hex[GATE_OID_HEX + 1];
	int rc = GIT_ITEROVER, error = -1;

	memset(hook, 0, sizeof(*hook));
	gate_buf_init(&hook->cached_text, GATE_POLICY_MAX_SIZE);
	gate_buf_init(&hook->head_text, GATE_POLICY_MAX_SIZE);
	hook->repo = repo;
	hook->policy = policy;
	hook->deadline_ms = deadline_ms;
	if (git_reference_iterator_new(&it, git) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot list the references");
		goto done;
	}
	/* Whether any ref leads to a commit: the first one found answers it. */
	while (!hook->has_refs && (rc = git_reference_next(&ref, it)) == 0) {
		if (git_reference_peel(&obj, ref, GIT_OBJECT_ANY) == 0 && peel_hex(hex, obj))
			hook->has_refs = 1;
		git_error_clear();
		git_object_free(obj);
		obj = NULL;
		git_reference_free(ref);
		ref = NULL;
	}
	if (!hook->has_refs && rc != GIT_ITEROVER) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot list the references");
		goto done;
	}
	/* The default branch: HEAD of the (usually bare) repository; unborn in
	 * a repository that received no push yet. */
	if (git_repository_head(&head, git) == 0 &&
	    git_reference_peel(&obj, head, GIT_OBJECT_ANY) == 0)
		peel_hex(hook->default_head, obj);
	git_error_clear();
	if (gate_hookrefs_init(hook, err) < 0)
		goto done;
	/* The default branch's policy (or --policy) decides the deadline and
	 * which refs go first; one that does not load decides nothing. */
	if (policy) {
		hook->on_deadline_pass = policy->on_deadline_pass;
	} else {
		gate_error ignored;
		int found = 0;

		gate_error_init(&ignored);
		if (hook->default_head[0])
			found = gate_sources_policy_text(&hook->head_text, repo, hook->default_head,
							 &ignored);
		hook->head_builtin = found == 0;
		if (found >= 0)
			(void)policy_from_text(&hook->head_policy, found == 0, &hook->head_text,
					       hook->default_head, &ignored);
		hook->on_deadline_pass = hook->head_policy && hook->head_policy->on_deadline_pass;
	}
	error = 0;
done:
	git_object_free(obj);
	git_reference_free(ref);
	git_reference_free(head);
	git_reference_iterator_free(it);
	if (error < 0)
		gate_hook_dispose(hook);
	return error;
}

void gate_hook_dispose(gate_hook *hook)
{
	if (!hook)
		return;
	gate_strlist_dispose(&hook->default_refs);
	gate_policy_free(hook->head_policy);
	hook->head_policy = NULL;
	gate_buf_dispose(&hook->head_text);
	gate_strlist_dispose(&hook->symrefs);
	gate_strlist_dispose(&hook->symref_targets);
	hook->default_ref = NULL;
	gate_policy_free(hook->cached);
	gate_buf_dispose(&hook->cached_text);
}

void gate_hook_ref_init(gate_hook_ref *r)
{
	memset(r, 0, sizeof(*r));
	gate_result_init(&r->result);
}

void gate_hook_ref_dispose(gate_hook_ref *r)
{
	if (!r)
		return;
	gate_result_dispose(&r->result);
	gate_codeowners_free(r->codeowners);
	gate_change_free(r->change);
	gate_strlist_dispose(&r->notes);
	memset(r, 0, sizeof(*r));
}

/*
 * Looks up the pushed object `hex`. *commit is the commit it peels to
 * ("" when none) and *type the type of what it finally points at.
 */
static int peel_pushed(char commit[GATE_OID_HEX + 1], const char **type, gate_repo *repo,
		       const char *hex, gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	git_object *obj = NULL, *target = NULL;
	git_oid oid;
	int error = -1;

	commit[0] = '\0';
	*type = "commit";
	if (git_oid_fromstr(&oid, hex) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "bad object id");
		goto done;
	}
	if (git_object_lookup(&obj, git, &oid, GIT_OBJECT_ANY) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "");
		gate_error_prefix(
		    err,
		    "object %.64s is not in the repository (when git runs the hook, "
		    "GIT_DIR, GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES "
		    "must reach the quarantined objects)",
		    hex);
		goto done;
	}
	if (!peel_hex(commit, obj)) {
		*type = git_object_type2string(git_object_type(obj));
		if (git_object_type(obj) == GIT_OBJECT_TAG &&
		    git_object_peel(&target, obj, GIT_OBJECT_ANY) == 0)
			*type = git_object_type2string(git_object_type(target));
		git_error_clear();
	}
	error = 0;
done:
	git_object_free(target);
	git_object_free(obj);
	return error;
}

/*
 * Whether the pushed object `hex` can be the target of the policy's notes
 * ref: a commit whose tree reads, as the notes reader (libgit2's
 * git_note_read, through gate_history_note) needs it. Anything else, an
 * annotated tag included, makes every later read of the notes an error,
 * and so every gated push fail. 1 yes; 0 no, with *what naming what it is;
 * -1 on error.
 */
static int notes_target_ok(const char **what, gate_repo *repo, const char *hex, gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	git_object *obj = NULL;
	git_tree *tree = NULL;
	git_oid oid;
	int rc = -1;

	if (git_oid_fromstr(&oid, hex) < 0 ||
	    git_object_lookup(&obj, git, &oid, GIT_OBJECT_ANY) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "");
		gate_error_prefix(err, "object %.64s", hex);
		goto done;
	}
	*what = git_object_type2string(git_object_type(obj));
	if (git_object_type(obj) != GIT_OBJECT_COMMIT) {
		rc = 0;
	} else if (git_commit_tree(&tree, (git_commit *)obj) < 0) {
		git_error_clear();
		*what = "commit whose tree cannot be read";
		rc = 0;
	} else {
		rc = 1;
	}
done:
	git_tree_free(tree);
	git_object_free(obj);
	return rc;
}

/*
 * --policy, else .riskgate.json in `commit`'s tree ("" for none), else
 * built-in. Compiling a policy costs more than reading most pushes, so the
 * last one is kept and reused while the text is the same.
 */
/* Whether two policies read from a tree are the same: both built-in, or
 * both files of the same text. */
static int same_policy_text(int a_builtin, const gate_buf *a, int b_builtin, const gate_buf *b)
{
	if (a_builtin != b_builtin)
		return 0;
	return a_builtin || (a->size == b->size && memcmp(a->ptr, b->ptr, a->size) == 0);
}

/* The policy of `text` read at `commit` (the built-in one when `builtin`). */
static int policy_from_text(gate_policy **out, int builtin, const gate_buf *text,
			    const char *commit, gate_error *err)
{
	char source[128];

	if (builtin)
		return gate_policy_load_builtin(out, err);
	snprintf(source, sizeof(source), ".riskgate.json at %.12s", commit);
	return gate_policy_load(out, text->ptr, text->size, ".riskgate.json", source, NULL, err);
}

static int load_policy(gate_hook_ref *out, gate_hook *hook, const char *commit, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE);
	int rc = 0, error = -1, builtin;

	if (hook->policy) {
		out->policy = hook->policy;
		return 0;
	}
	if (commit[0]) {
		rc = gate_sources_policy_text(&text, hook->repo, commit, err);
		if (rc < 0)
			goto done;
	}
	builtin = rc == 0;
	/* HEAD's, loaded once at the start, is what most refs have. */
	if (hook->head_policy &&
	    same_policy_text(hook->head_builtin, &hook->head_text, builtin, &text)) {
		out->policy = hook->head_policy;
		error = 0;
		goto done;
	}
	if (hook->cached &&
	    same_policy_text(hook->cached_builtin, &hook->cached_text, builtin, &text)) {
		out->policy = hook->cached;
		error = 0;
		goto done;
	}
	gate_policy_free(hook->cached);
	hook->cached = NULL;
	gate_buf_clear(&hook->cached_text);
	error = policy_from_text(&hook->cached, builtin, &text, commit, err);
	if (error == 0 && !builtin &&
	    gate_buf_put(&hook->cached_text, text.ptr, text.size, err) < 0) {
		gate_policy_free(hook->cached);
		hook->cached = NULL;
		error = -1;
	}
	hook->cached_builtin = builtin;
	out->policy = hook->cached;
done:
	gate_buf_dispose(&text);
	return error;
}

/*
 * What governs a ref whose policy comes from `commit` ("" for none): the
 * policy text (or which fixed policy) and the CODEOWNERS text, hashed into
 * `out`. Two refs with the same key are judged by the same rules, so a
 * commit accepted for one needs no second look for the other.
 */
static int governance_key(char out[65], gate_hook *hook, const char *commit, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE > GATE_CODEOWNERS_MAX_SIZE
					  ? GATE_POLICY_MAX_SIZE
					  : GATE_CODEOWNERS_MAX_SIZE);
	gate_sha256 ctx;
	unsigned char digest[32];
	size_t i;
	int rc = 0, error = -1;

	gate_sha256_init(&ctx);
	if (hook->policy) {
		gate_sha256_update(&ctx, "policy:fixed", 13);
	} else if (commit[0]) {
		if ((rc = gate_sources_policy_text(&text, hook->repo, commit, err)) < 0)
			goto done;
		gate_sha256_update(&ctx, rc ? "policy:file" : "policy:builtin", rc ? 12 : 15);
		gate_sha256_update(&ctx, text.ptr, text.size);
	} else {
		gate_sha256_update(&ctx, "policy:builtin", 15);
	}
	if (commit[0]) {
		const char *file;

		if ((rc = gate_sources_codeowners_text(&text, &file, hook->repo, commit, err)) < 0)
			goto done;
		if (rc == 1) {
			gate_sha256_update(&ctx, file, strlen(file) + 1);
			gate_sha256_update(&ctx, text.ptr, text.size);
		}
	}
	gate_sha256_final(&ctx, digest);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	error = 0;
done:
	gate_buf_dispose(&text);
	return error;
}

/* The one deadline test: the clock against the hook's deadline. */
static int hook_expired(void *payload)
{
	const gate_hook *hook = payload;

	return gate_hook_now_ms() > hook->deadline_ms;
}

/* Checks the deadline at a step of the hook itself. With the readers' and
 * the evaluation's own checks (through hook_expired), the only places that
 * set GATE_ERR_DEADLINE. */
static int deadline_passed(gate_hook *hook, const char *ref, const char *step, gate_error *err)
{
	if (!hook_expired(hook))
		return 0;
	gate_error_set(err, GATE_ERR_DEADLINE, "%s %.200s", step, ref);
	return 1;
}

/* What a failed step returns: the deadline only when a check said so; any
 * other error stays that error, however late it came. */
static int step_failed(const gate_error *err)
{
	return err->klass == GATE_ERR_DEADLINE ? GATE_HOOK_DEADLINE : -1;
}

static int note(gate_hook_ref *out, gate_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int note(gate_hook_ref *out, gate_error *err, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return gate_strlist_add(&out->notes, msg, err);
}

/* What the hook's run callback needs about the ref being evaluated. */
typedef struct {
	gate_hook_ref *out;
	gate_hook *hook;
	const gate_hook_update *u;
	const char *new_c;
} pushed_state;

/*
 * Once the ref's new commits are read: ends the run without an evaluation
 * when nothing is new, and checks the deadline before the evaluation
 * starts.
 */
static int pushed_change(gate_run *run, void *payload, gate_error *err)
{
	pushed_state *st = payload;

	if (run->change->ncommits == 0) {
		/* Everything it points at is already on the server: nothing new
		 * to gate. */
		gate_change_free(run->change);
		run->change = NULL;
		return note(st->out, err, "no new commits to evaluate") < 0 ? -1 : 1;
	}
	if (deadline_passed(st->hook, st->u->ref, "before evaluating", err))
		return -1;
	return 0;
}

/* Whether the .riskgate.json and CODEOWNERS of `commit` load: 0 yes (or
 * none there), 1 no (err says why). A ref they would govern could take no
 * later push. */
static int governance_loads(gate_hook *hook, const char *commit, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE);
	gate_policy *p = NULL;
	gate_codeowners *co = NULL;
	const char *file = NULL;
	int rc = 0;

	if (!hook->policy && (rc = gate_sources_policy_text(&text, hook->repo, commit, err)) > 0)
		rc = gate_policy_load(&p, text.ptr, text.size, ".riskgate.json", ".riskgate.json",
				      NULL, err) < 0
			 ? -1
			 : 0;
	if (rc >= 0 && gate_sources_codeowners(&co, &file, hook->repo, commit,
					       hook->policy ? hook->policy : p, err) < 0)
		rc = -1;
	gate_codeowners_free(co);
	gate_policy_free(p);
	gate_buf_dispose(&text);
	return rc < 0 ? 1 : 0;
}

int gate_hook_eval_ref(gate_hook_ref *out, gate_hook *hook, const gate_hook_update *u,
		       gate_error *err)
{
	char old_c[GATE_OID_HEX + 1] = "", new_c[GATE_OID_HEX + 1] = "";
	char mb[GATE_OID_HEX + 1] = "", policy_commit[GATE_OID_HEX + 1] = "";
	const char *old_type = "commit", *new_type = "commit", *from = NULL;
	const char **hide = NULL;
	char key[65], *moved = NULL;
	size_t nhide = 0, rewritten;
	int is_tag = strncmp(u->ref, "refs/tags/", 10) == 0, found = 0, as_creation, run_rc,
	    head_hidden = 0, gated, error = -1;
	gate_run_opts ro;
	gate_cond_facts facts;
	gate_run run;
	pushed_state st;

	out->verdict = GATE_VERDICT_PASS;
	if (u->id_len != GATE_OID_HEX)
		return gate_error_set(err, GATE_ERR_REPO,
				      "object ids of %zu hex digits: this build reads only SHA-1 "
				      "repositories (libgit2 without SHA-256 support)",
				      u->id_len);
	if (!u->old_zero && peel_pushed(old_c, &old_type, hook->repo, u->old_id, err) < 0)
		return -1;
	if (!u->new_zero && peel_pushed(new_c, &new_type, hook->repo, u->new_id, err) < 0)
		return -1;

	/* The policy of what the ref was (HEAD's for a new ref): a push must
	 * not be able to weaken its own gate. */
	if (u->new_zero)
		out->kind = GATE_HOOK_DELETE;
	else if (u->old_zero)
		out->kind = GATE_HOOK_CREATE;
	else
		out->kind = GATE_HOOK_UPDATE;
	/* A tag is governed by the default branch, whatever commit it names:
	 * a tag made at an old commit must not bring that commit's policy to
	 * its later moves. */
	memcpy(policy_commit,
	       out->kind != GATE_HOOK_CREATE && old_c[0] && !is_tag ? old_c : hook->default_head,
	       sizeof(policy_commit));
	if (load_policy(out, hook, policy_commit, err) < 0)
		return -1;
	if (deadline_passed(hook, u->ref, "before", err))
		return GATE_HOOK_DEADLINE;

	/* The policy's provenance notes ref (git-ai's refs/notes/ai) holds
	 * notes about commits, not code anyone builds: judging its commits like
	 * a branch would fail every push of notes. Only that exact ref. What it
	 * points at must still be readable as notes, or one push would make
	 * every later gated push fail until an administrator repaired the ref.
	 * Its deletion goes on below, as any ref's: without the ref there are
	 * no notes, which every reader takes as it takes a repository that
	 * never had any. */
	if (out->kind != GATE_HOOK_DELETE && out->policy->notes_ref &&
	    strcmp(u->ref, out->policy->notes_ref) == 0 &&
	    strncmp(u->ref, "refs/notes/", 11) == 0) {
		const char *what = NULL;
		int ok = notes_target_ok(&what, hook->repo, u->new_id, err);

		if (ok < 0)
			return -1;
		if (!ok) {
			out->verdict = GATE_VERDICT_FAIL;
			return note(out, err,
				    "the policy's notes ref must point at a commit of notes (as "
				    "`git notes` makes), not a %s: every later push that reads "
				    "the notes would fail",
				    what);
		}
		return note(out, err,
			    "the policy's notes ref (provenance notes, not code): not "
			    "evaluated");
	}

	if (out->kind == GATE_HOOK_DELETE) {
		gate_buf why = GATE_BUF_INIT(4096);
		int rc = gate_hookrefs_deletion_refused(&why, hook, out->policy, u->ref, err);

		if (rc > 0) {
			out->verdict = GATE_VERDICT_FAIL;
			out->deleted_protected = 1;
			rc = note(out, err, "%s", why.ptr);
		} else if (rc == 0) {
			rc = note(out, err, "deletion: not a protected ref");
		}
		gate_buf_dispose(&why);
		return rc;
	}
	/* Gating needs the default branch: with HEAD detached, or naming a
	 * branch that does not exist while others do, it is unknown, and a
	 * guess could leave the real one ungated (and its commits, counted as
	 * judged, would launder into every new ref). An empty repository (its
	 * first push) has every ref gated. */
	if (hook->has_refs && (!hook->default_ref || !hook->default_head[0]))
		return gate_error_set(
		    err, GATE_ERR_REPO,
		    "%s, so the default branch, which is always gated, is unknown: point HEAD "
		    "at the default branch (git symbolic-ref HEAD refs/heads/<name>)",
		    !hook->default_ref ? "HEAD is detached (or a loop of symbolic refs)"
				       : "HEAD names a branch that does not exist");
	if (!hook->has_refs)
		gated = 1;
	else if ((gated = gate_hookrefs_gated(hook, out->policy, u->ref, err)) < 0)
		return -1;
	if (!gated)
		return out->policy->has_gated_refs
			   ? note(out, err,
				  "not gated: not the default branch (%.200s), and no pattern of "
				  "the policy's refs matches it",
				  hook->default_ref ? hook->default_ref : "HEAD detached")
			   : note(out, err,
				  "not gated: the policy sets no refs, so only the default "
				  "branch (%.200s) and refs/heads/release/* are",
				  hook->default_ref ? hook->default_ref : "HEAD detached");
	if (!new_c[0]) {
		if (!is_tag)
			return gate_error_set(err, GATE_ERR_REPO,
					      "%.200s would point at a %s: only commits can be "
					      "evaluated",
					      u->ref, new_type);
		return note(out, err, "the tag points at a %s, not a commit: nothing to evaluate",
			    new_type);
	}

	/* Fast-forward or force push. */
	if (out->kind == GATE_HOOK_UPDATE && old_c[0]) {
		if (gate_repo_merge_base(mb, &found, hook->repo, old_c, new_c, err) < 0)
			return -1;
		if (!found || strcmp(mb, old_c) != 0)
			out->kind = GATE_HOOK_FORCE;
	} else if (out->kind == GATE_HOOK_UPDATE) {
		/* The old value was not a commit (a tag of a tree, say). */
		out->kind = GATE_HOOK_FORCE;
	}
	if (out->kind == GATE_HOOK_FORCE && old_c[0]) {
		const char *keep = new_c;

		if (gate_repo_count_range(&rewritten, hook->repo, &keep, 1, old_c, err) < 0)
			return -1;
		if (note(out, err, "force push: %zu commit%s rewritten", rewritten,
			 rewritten == 1 ? "" : "s") < 0)
			return -1;
	}

	if (governance_key(key, hook, policy_commit, err) < 0)
		return -1;
	/* After this push the ref is governed by its new tip's policy and
	 * CODEOWNERS. A fast-forward that changes them is a change like any
	 * other (and the new policy must load); a force push or a new ref
	 * whose tip has others would change what governs the ref without any
	 * change judging it (docs/pre-receive.md, "What is evaluated"). */
	if (policy_commit[0]) {
		char new_key[65];

		if (governance_key(new_key, hook, new_c, err) < 0)
			return -1;
		/* The default branch's own policy and CODEOWNERS may always be
		 * taken (a branch rebased onto it, say); a tag is governed by
		 * them in any case. */
		if (strcmp(new_key, key) != 0 && out->kind != GATE_HOOK_UPDATE && !is_tag) {
			if (!hook->head_key[0] && hook->default_head[0] &&
			    governance_key(hook->head_key, hook, hook->default_head, err) < 0)
				return -1;
			if (strcmp(new_key, hook->head_key) != 0) {
				out->verdict = GATE_VERDICT_FAIL;
				return out->kind == GATE_HOOK_CREATE
					   ? note(out, err,
						  "governance: %.7s has another .riskgate.json or "
						  "CODEOWNERS than the default branch (%.7s), and "
						  "would govern this new branch by them unjudged: "
						  "create it at a commit that has the default "
						  "branch's (merge or cherry-pick them in first), "
						  "or "
						  "ask for a break-glass override",
						  new_c, hook->default_head)
					   : note(out, err,
						  "governance: %.7s has another .riskgate.json or "
						  "CODEOWNERS than this ref's old value (%.7s) and "
						  "the "
						  "default branch, and a force push would hand the "
						  "ref "
						  "to them unjudged: change them with a "
						  "fast-forward "
						  "of the ref instead",
						  new_c, policy_commit);
			}
		}
		if (strcmp(new_key, key) != 0 && governance_loads(hook, new_c, err)) {
			out->verdict = GATE_VERDICT_FAIL;
			return note(out, err,
				    "governance: the .riskgate.json or CODEOWNERS this push brings "
				    "does not load, and would govern this ref from now on: %s",
				    err->message);
		}
	}
	as_creation = out->kind != GATE_HOOK_UPDATE;
	if (as_creation && !hook->default_head[0] && hook->has_refs)
		return gate_error_set(err, GATE_ERR_REPO,
				      "HEAD names a branch that does not exist, so %.200s has no "
				      "policy or CODEOWNERS to be judged by; point HEAD at the "
				      "default branch (git symbolic-ref HEAD refs/heads/<name>)",
				      u->ref);
	/* Which commits are not new for this ref: those its old value holds,
	 * as `check --base old --head new` reads a fast-forward; for a new ref
	 * also those HEAD holds when HEAD is governed alike, which lie below
	 * the merge base the files are read from. Nothing else counts as
	 * judged: a commit judged for another ref was judged against that
	 * ref's files, and what it does here may differ (docs/pre-receive.md). */
	if ((hide = gate_calloc(2, sizeof(char *), err)) == NULL)
		return -1;
	if (old_c[0])
		hide[nhide++] = old_c;
	if (out->kind == GATE_HOOK_CREATE && hook->default_head[0]) {
		if (!hook->head_key[0] &&
		    governance_key(hook->head_key, hook, hook->default_head, err) < 0)
			goto done;
		if (strcmp(hook->head_key, key) == 0) {
			hide[nhide++] = hook->default_head;
			head_hidden = 1;
		}
	}
	if (!as_creation) {
		from = old_c;
	} else if (out->kind == GATE_HOOK_FORCE && found) {
		from = mb;
	} else if (head_hidden) {
		if (gate_repo_merge_base(mb, &found, hook->repo, hook->default_head, new_c, err) <
		    0)
			goto done;
		from = found ? mb : NULL;
	}

	memset(&ro, 0, sizeof(ro));
	ro.repo = hook->repo;
	ro.policy = out->policy;
	ro.allowed_signers_file = hook->allowed_signers_file;
	ro.openpgp_keyring_file = hook->openpgp_keyring_file;
	ro.push = 1;
	ro.from = from;
	ro.head = new_c;
	ro.hide = hide;
	ro.nhide = nhide;
	ro.sources = policy_commit;
	ro.expired = hook_expired;
	ro.expired_payload = hook;
	ro.changed = pushed_change;
	ro.payload = &st;
	memset(&facts, 0, sizeof(facts));
	/* The branch git moves: a push to a symbolic ref (master -> main)
	 * moves its target, whose conditions apply. */
	if (gate_hookrefs_moved(&moved, hook, u->ref, err) < 0)
		goto done;
	facts.target_branch = gate_cond_branch_of_ref(moved);
	ro.facts = &facts;
	st.out = out;
	st.hook = hook;
	st.u = u;
	st.new_c = new_c;
	gate_run_init(&run);
	run_rc = gate_run_change(&run, &ro, err);
	/* The ref keeps what its report shows. */
	out->change = run.change;
	run.change = NULL;
	out->codeowners = run.codeowners;
	run.codeowners = NULL;
	if (run.evaluated) {
		out->result = run.result;
		gate_result_init(&run.result);
		out->verdict = gate_result_verdict(&out->result);
	}
	gate_run_dispose(&run);
	error = run_rc < 0 ? step_failed(err) : 0;
done:
	free(moved);
	free(hide);
	return error;
}

int gate_hook_goes_first(gate_hook *hook, const char *ref, gate_error *err)
{
	gate_policy *p = hook->policy ? hook->policy : hook->head_policy;

	if (!hook->has_refs)
		return 1;
	if (!p)
		return 0;
	return gate_hookrefs_gated(hook, p, ref, err);
}

/* ---- the override record --------------------------------------------- */

int gate_hook_record_override(gate_hook *hook, const char *line, size_t len, gate_error *err)
{
	gate_buf path = GATE_BUF_INIT(8192);
	int fd = -1, error = -1;

	if (memchr(line, '\n', len))
		return gate_error_set(err, GATE_ERR_INTERNAL, "an override record is one line");
	if (gate_buf_printf(&path, err, "%s" GATE_HOOK_OVERRIDE_LOG,
			    git_repository_path(gate_repo_git(hook->repo))) < 0)
		goto done;
	fd = open(path.ptr, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 || write(fd, line, len) != (ssize_t)len || write(fd, "\n", 1) != 1 ||
	    fsync(fd) < 0) {
		gate_error_set(err, GATE_ERR_IO, "cannot record the override in %s: %s", path.ptr,
			       strerror(errno));
		goto done;
	}
	error = 0;
done:
	if (fd >= 0 && close(fd) < 0 && error == 0)
		error = gate_error_set(err, GATE_ERR_IO, "cannot record the override in %s: %s",
				       path.ptr, strerror(errno));
	gate_buf_dispose(&path);
	return error;
}
