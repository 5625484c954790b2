/*
 * Durable verdicts (docs/verdicts.md): the record written as a note on the
 * evaluated head, its SSH signature, and reading both back.
 */
#include "riskgate/banned.h"

#include "riskgate/verdict.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "repo_internal.h"
#include "riskgate/escape.h"
#include "riskgate/history.h"
#include "riskgate/jsonc.h"
#include "riskgate/jsonw.h"
#include "riskgate/result.h"
#include "riskgate/sha256.h"
#include "riskgate/version.h"
#include "riskgate/walkthrough.h"

#define SIG_BEGIN "-----BEGIN SSH SIGNATURE-----"
#define SIG_END   "-----END SSH SIGNATURE-----"

/* ---- the record ------------------------------------------------------- */

static int id_or_null(gate_jsonw *w, const char *key, const char *id)
{
	return id && id[0] ? gate_jsonw_text(w, key, id) : gate_jsonw_null(w, key);
}

/* At most this many of a requirement's passing items (its approvers, or
 * its files): the record stays small on a change of thousands of files. */
#define PASSING_MAX 20

static int strlist(gate_jsonw *w, const char *key, const gate_strlist *l)
{
	size_t i;

	if (l->count == 0)
		return 0;
	if (gate_jsonw_array(w, key) < 0)
		return -1;
	for (i = 0; i < l->count && i < PASSING_MAX; i++)
		if (gate_jsonw_text(w, NULL, l->items[i]) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0)
		return -1;
	return l->count > PASSING_MAX
		   ? gate_jsonw_number(w, "passing_more", (double)(l->count - PASSING_MAX))
		   : 0;
}

static int requirements(gate_jsonw *w, const gate_result *result)
{
	size_t i;

	if (gate_jsonw_array(w, "requirements") < 0)
		return -1;
	for (i = 0; result && i < result->nreqs; i++) {
		const gate_requirement *r = &result->reqs[i];

		if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "tier", r->tier) < 0 ||
		    gate_jsonw_text(w, "check", r->check) < 0 ||
		    gate_jsonw_text(w, "status", gate_req_status_name(r->status)) < 0 ||
		    strlist(w, "passing", &r->passing) < 0 || gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

static int waivers(gate_jsonw *w, const gate_result *result)
{
	size_t i;

	if (gate_jsonw_array(w, "waivers") < 0)
		return -1;
	for (i = 0; result && i < result->nwaivers; i++) {
		const gate_waiver *v = &result->waivers[i];

		if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "rule", v->rule) < 0 ||
		    (v->path &&
		     gate_jsonw_path(w, "path", "path_base64", v->path, strlen(v->path)) < 0) ||
		    gate_jsonw_number(w, "line", (double)v->line) < 0 ||
		    gate_jsonw_text(w, "reason", v->reason) < 0 || gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

/* The longest prefix of `len` bytes of UTF-8 `s` that is at most `max`
 * bytes and does not end inside a character. */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* Whether a tier's walkthrough requirement asked question `id`: its
 * passing and failing lists hold exactly the questions it asked, those of
 * its require_when blocks included. */
static int asked(const gate_result *result, const char *id)
{
	size_t i, j;

	for (i = 0; i < result->nreqs; i++) {
		const gate_requirement *r = &result->reqs[i];

		if (strcmp(r->check, "walkthrough") != 0)
			continue;
		for (j = 0; j < r->passing.count; j++)
			if (strcmp(r->passing.items[j], id) == 0)
				return 1;
		for (j = 0; j < r->failing.count; j++)
			if (strcmp(r->failing.items[j], id) == 0)
				return 1;
	}
	return 0;
}

/*
 * The failure-mode answers (docs/verdicts.md, "The record"), as the report
 * has them, so that an answer given in a pull request description outlives
 * the CI run that read it: one entry per question a tier asked, in the
 * policy's order, and none when no tier asked.
 * Each answer is first made valid UTF-8 as any JSON string of riskgate is,
 * so that what is counted here is what a reader gets back, then cut to
 * GATE_VERDICT_ANSWER_MAX bytes and to what is left of
 * GATE_VERDICT_ANSWERS_MAX; a cut answer, here or in the report, is marked
 * "truncated".
 */
static int answers(gate_jsonw *w, const gate_report *report)
{
	const gate_result *result = report->result;
	const gate_policy *policy = report->policy;
	size_t i, left = GATE_VERDICT_ANSWERS_MAX;
	char *text = NULL;
	int error = -1;

	if (!result || !result->walkthrough || !policy)
		return 0;
	if (gate_jsonw_array(w, "answers") < 0)
		return -1;
	for (i = 0; i < result->nwalkthrough && i < policy->nwt_questions; i++) {
		const gate_wt_answer *a = &result->walkthrough[i];
		size_t len = 0, keep = 0;

		if (!asked(result, policy->wt_questions[i].id))
			continue;
		free(text);
		text = NULL;
		if (a->answer) {
			if (gate_escape_json_text(&text, a->answer, strlen(a->answer), w->err) < 0)
				goto done;
			len = strlen(text);
			keep = utf8_prefix(
			    text, len,
			    left < GATE_VERDICT_ANSWER_MAX ? left : GATE_VERDICT_ANSWER_MAX);
			left -= keep;
		}
		if (gate_jsonw_object(w, NULL) < 0 ||
		    gate_jsonw_text(w, "question", policy->wt_questions[i].id) < 0 ||
		    gate_jsonw_text(w, "heading", policy->wt_questions[i].heading) < 0 ||
		    gate_jsonw_text(w, "status", gate_wt_status_name(a->status)) < 0 ||
		    (a->status == GATE_WT_REPEATED && a->same_as < policy->nwt_questions &&
		     gate_jsonw_text(w, "same_as", policy->wt_questions[a->same_as].id) < 0) ||
		    gate_jsonw_opt_text(w, "source", a->source) < 0 ||
		    (text && gate_jsonw_textn(w, "answer", text, keep) < 0) ||
		    ((a->truncated || keep < len) && gate_jsonw_bool(w, "truncated", 1) < 0) ||
		    gate_jsonw_close(w) < 0)
			goto done;
	}
	error = gate_jsonw_close(w);
done:
	free(text);
	return error;
}

/* A violation's rule as the stats count it: "check" or "check/rule". */
static int rule_id(gate_buf *out, const gate_violation *v, gate_error *err)
{
	gate_buf_clear(out);
	return v->rule ? gate_buf_printf(out, err, "%s/%s", v->check, v->rule)
		       : gate_buf_puts(out, v->check, err);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The violations counted by rule, in the rules' order. */
static int findings(gate_jsonw *w, const gate_result *result)
{
	gate_buf id = GATE_BUF_INIT(4096);
	char **ids = NULL;
	size_t i, n = result ? result->nviols : 0, run;
	int error = -1;

	if (gate_jsonw_array(w, "findings") < 0)
		goto done;
	if (n && !(ids = gate_calloc(n, sizeof(*ids), w->err)))
		goto done;
	for (i = 0; i < n; i++)
		if (rule_id(&id, &result->viols[i], w->err) < 0 ||
		    !(ids[i] = gate_strdup(id.ptr, w->err)))
			goto done;
	if (n)
		qsort(ids, n, sizeof(*ids), by_text);
	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && strcmp(ids[i], ids[i + run]) == 0; run++)
			;
		if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "rule", ids[i]) < 0 ||
		    gate_jsonw_number(w, "count", (double)run) < 0 || gate_jsonw_close(w) < 0)
			goto done;
	}
	error = gate_jsonw_close(w);
done:
	for (i = 0; ids && i < n; i++)
		free(ids[i]);
	free(ids);
	gate_buf_dispose(&id);
	return error;
}

static void format_time(char out[32], long long when)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

int gate_verdict_record(gate_buf *out, const gate_report *report, const gate_verdict_ctx *ctx,
			gate_error *err)
{
	const gate_change *c = report->change;
	gate_verdict v = gate_report_verdict(report);
	char when[32];
	gate_jsonw w;
	int error = 0;

	if (!c || !c->head[0])
		return gate_error_set(err, GATE_ERR_INTERNAL, "no evaluated change to record");
	format_time(when, ctx->when);
	gate_jsonw_init_compact(&w, out, err);
	if (gate_jsonw_object(&w, NULL) < 0 ||
	    gate_jsonw_number(&w, "riskgate_verdict", GATE_VERDICT_FORMAT) < 0 ||
	    gate_jsonw_text(&w, "commit", c->head) < 0 ||
	    gate_jsonw_text(&w, "verdict", gate_verdict_name(v)) < 0 ||
	    gate_jsonw_object(&w, "range") < 0 || id_or_null(&w, "base", c->base) < 0 ||
	    id_or_null(&w, "merge_base", c->merge_base) < 0 ||
	    gate_jsonw_text(&w, "head", c->head) < 0 || gate_jsonw_close(&w) < 0 ||
	    gate_jsonw_text_or_null(&w, "ref", ctx->ref) < 0 ||
	    gate_jsonw_text_or_null(&w, "pusher", ctx->pusher) < 0 ||
	    gate_jsonw_text(&w, "evaluated_at", when) < 0 || gate_jsonw_object(&w, "tool") < 0 ||
	    gate_jsonw_text(&w, "name", "riskgate") < 0 ||
	    gate_jsonw_text(&w, "version", GATE_VERSION) < 0 || gate_jsonw_close(&w) < 0)
		error = -1;
	if (!error && report->policy &&
	    (gate_jsonw_object(&w, "policy") < 0 ||
	     gate_jsonw_text(&w, "source", report->policy->source) < 0 ||
	     gate_jsonw_text(&w, "sha256", report->policy->sha256) < 0 || gate_jsonw_close(&w) < 0))
		error = -1;
	if (!error && (requirements(&w, report->result) < 0 || findings(&w, report->result) < 0 ||
		       waivers(&w, report->result) < 0 || answers(&w, report) < 0))
		error = -1;
	if (!error && ctx->override_by &&
	    (gate_jsonw_object(&w, "override") < 0 ||
	     gate_jsonw_text(&w, "by", ctx->override_by) < 0 ||
	     gate_jsonw_text(&w, "reason", ctx->override_reason) < 0 || gate_jsonw_close(&w) < 0))
		error = -1;
	if (!error && report->error && report->error->klass != GATE_ERR_NONE &&
	    gate_jsonw_text(&w, "error", report->error->message) < 0)
		error = -1;
	if (!error && gate_jsonw_close(&w) < 0)
		error = -1;
	return gate_jsonw_finish(&w, error);
}

/* ---- signing ---------------------------------------------------------- */

/* Runs argv with standard input from /dev/null and standard output and
 * error into `log`; *status as waitpid gives it. */
static int run_quiet(char *const argv[], const char *log, int *status, gate_error *err)
{
	pid_t pid = fork();

	if (pid < 0)
		return gate_error_set(err, GATE_ERR_IO, "cannot fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY),
		    o = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

		if (in < 0 || o < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(o, 2) < 0)
			_exit(126);
		/* No terminal to ask a passphrase on: a key that needs one fails
		 * with ssh-keygen's message instead of waiting. */
		(void)setsid();
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return gate_error_set(err, GATE_ERR_IO, "cannot wait for %s: %s", argv[0],
					      strerror(errno));
	return 0;
}

static int write_all(const char *path, const char *data, size_t len, gate_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	size_t done = 0;

	if (fd < 0)
		return gate_error_set(err, GATE_ERR_IO, "cannot create %s: %s", path,
				      strerror(errno));
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s", path,
					      strerror(errno));
		}
		done += (size_t)n;
	}
	if (close(fd) < 0)
		return gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s", path,
				      strerror(errno));
	return 0;
}

int gate_verdict_sign(gate_buf *note, const char *key_file, gate_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], msg[4200], sig[4300], log[4200], key[4096];
	char a_prog[] = "ssh-keygen", a_q[] = "-q", a_y[] = "-Y", a_sign[] = "sign", a_n[] = "-n",
	     a_ns[] = GATE_VERDICT_NAMESPACE, a_f[] = "-f";
	char *argv[] = {a_prog, a_q, a_y, a_sign, a_n, a_ns, a_f, key, msg, NULL};
	gate_buf text = GATE_BUF_INIT(GATE_VERDICT_MAX_SIZE);
	int status = 0, error = -1;

	if (!key_file || !key_file[0])
		return gate_error_set(err, GATE_ERR_USAGE, "no signing key given");
	if (strlen(key_file) >= sizeof(key))
		return gate_error_set(err, GATE_ERR_USAGE, "the signing key's path is too long");
	memcpy(key, key_file, strlen(key_file) + 1);
	if (access(key_file, R_OK) < 0)
		return gate_error_set(err, GATE_ERR_INPUT, "cannot read the signing key %s: %s",
				      key_file, strerror(errno));
	snprintf(dir, sizeof(dir), "%s/riskgate-sign-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return gate_error_set(err, GATE_ERR_IO, "cannot create a directory in %s: %s",
				      tmp && *tmp ? tmp : "/tmp", strerror(errno));
	snprintf(msg, sizeof(msg), "%s/verdict", dir);
	snprintf(sig, sizeof(sig), "%s/verdict.sig", dir);
	snprintf(log, sizeof(log), "%s/log", dir);
	if (write_all(msg, note->ptr, note->size, err) < 0 ||
	    run_quiet(argv, log, &status, err) < 0)
		goto done;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		size_t n;

		(void)gate_buf_read_file(&text, log, GATE_ERR_IO, NULL);
		n = text.size;
		while (n > 0 && (text.ptr[n - 1] == '\n' || text.ptr[n - 1] == '\r'))
			n--;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			gate_error_set(err, GATE_ERR_IO,
				       "cannot run ssh-keygen to sign the verdict (is OpenSSH's "
				       "client installed?)");
		else
			gate_error_set(
			    err, GATE_ERR_IO, "ssh-keygen could not sign the verdict with %s: %.*s",
			    key_file, (int)(n > 300 ? 300 : n), text.ptr ? text.ptr : "");
		goto done;
	}
	gate_buf_clear(&text);
	if (gate_buf_read_file(&text, sig, GATE_ERR_IO, err) < 0)
		goto done;
	if (text.size < strlen(SIG_BEGIN) || memcmp(text.ptr, SIG_BEGIN, strlen(SIG_BEGIN)) != 0) {
		gate_error_set(err, GATE_ERR_IO, "ssh-keygen wrote no SSH signature");
		goto done;
	}
	error = gate_buf_put(note, text.ptr, text.size, err);
done:
	(void)unlink(msg);
	(void)unlink(sig);
	(void)unlink(log);
	(void)rmdir(dir);
	gate_buf_dispose(&text);
	return error;
}

/* ---- writing the note ------------------------------------------------- */

int gate_verdict_note_write(gate_repo *repo, const char *commit_hex, const char *note, size_t len,
			    gate_error *err)
{
	git_signature *who = NULL;
	git_oid target, out;
	char *text = NULL;
	int rc = -1, tries;

	if (memchr(note, '\0', len))
		return gate_error_set(err, GATE_ERR_INTERNAL, "a verdict note holds a NUL byte");
	if (git_oid_fromstr(&target, commit_hex) < 0)
		return gate_error_set(err, GATE_ERR_INTERNAL, "invalid commit id %s", commit_hex);
	if (!(text = gate_strndup(note, len, err)))
		return -1;
	if (git_signature_now(&who, "riskgate", "riskgate@localhost") < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "making the note's signature");
		goto done;
	}
	/* libgit2 moves the notes ref only from the tip it read: another
	 * writer in between is GIT_EMODIFIED, and the note is written again on
	 * the new tip. */
	for (tries = 0; tries < 8; tries++) {
		rc = git_note_create(&out, gate_repo_git(repo), GATE_VERDICT_NOTES_REF, who, who,
				     &target, text, 1);
		if (rc != GIT_EMODIFIED && rc != GIT_ELOCKED)
			break;
		usleep(20000u * (unsigned)(tries + 1));
	}
	/* The ref moved (or may have): read again from its new tip. */
	gate_repo__notes_forget(repo);
	if (rc < 0)
		gate_error_from_git(err, GATE_ERR_REPO, "writing the verdict note");
done:
	git_signature_free(who);
	free(text);
	return rc < 0 ? -1 : 0;
}

/* ---- the hand-over on the server -------------------------------------- */

/* $GIT_DIR/riskgate-verdicts, or the record of (`ref`, `commit_hex`) in
 * it: the commit's id, a dash and the start of the ref name's SHA-256, then
 * `suffix`. */
static int pending_path(gate_buf *out, gate_repo *repo, const char *ref, const char *commit_hex,
			const char *suffix, gate_error *err)
{
	char refhash[65];
	size_t i;

	if (gate_buf_printf(out, err, "%s" GATE_VERDICT_PENDING_DIR,
			    git_repository_path(gate_repo_git(repo))) < 0)
		return -1;
	if (!commit_hex)
		return 0;
	for (i = 0; commit_hex[i]; i++)
		if (!((commit_hex[i] >= '0' && commit_hex[i] <= '9') ||
		      (commit_hex[i] >= 'a' && commit_hex[i] <= 'f')))
			return gate_error_set(err, GATE_ERR_INTERNAL, "invalid commit id");
	gate_sha256_hex(refhash, ref, strlen(ref));
	return gate_buf_printf(out, err, "/%s-%.16s%s", commit_hex, refhash, suffix);
}

int gate_verdict_pending_put(gate_repo *repo, const char *ref, const char *commit_hex,
			     const char *record, size_t len, gate_error *err)
{
	gate_buf dir = GATE_BUF_INIT(8192), tmp = GATE_BUF_INIT(8192), path = GATE_BUF_INIT(8192);
	char suffix[48];
	int error = -1;

	snprintf(suffix, sizeof(suffix), ".tmp-%ld", (long)getpid());
	if (pending_path(&dir, repo, ref, NULL, "", err) < 0 ||
	    pending_path(&tmp, repo, ref, commit_hex, suffix, err) < 0 ||
	    pending_path(&path, repo, ref, commit_hex, "", err) < 0)
		goto done;
	if (mkdir(dir.ptr, 0755) < 0 && errno != EEXIST) {
		gate_error_set(err, GATE_ERR_IO, "cannot create %s: %s", dir.ptr, strerror(errno));
		goto done;
	}
	(void)unlink(tmp.ptr);
	if (write_all(tmp.ptr, record, len, err) < 0)
		goto done;
	if (rename(tmp.ptr, path.ptr) < 0) {
		gate_error_set(err, GATE_ERR_IO, "cannot keep the verdict in %s: %s", path.ptr,
			       strerror(errno));
		(void)unlink(tmp.ptr);
		goto done;
	}
	error = 0;
done:
	gate_buf_dispose(&dir);
	gate_buf_dispose(&tmp);
	gate_buf_dispose(&path);
	return error;
}

int gate_verdict_pending_read(gate_buf *out, gate_repo *repo, const char *ref,
			      const char *commit_hex, gate_error *err)
{
	gate_buf path = GATE_BUF_INIT(8192);
	gate_error rerr;
	int rc = -1;

	gate_buf_clear(out);
	gate_error_init(&rerr);
	if (pending_path(&path, repo, ref, commit_hex, "", err) < 0)
		goto done;
	if (gate_buf_read_file(out, path.ptr, GATE_ERR_IO, &rerr) < 0) {
		if (access(path.ptr, F_OK) < 0 && errno == ENOENT)
			rc = 0;
		else if (err)
			*err = rerr;
		goto done;
	}
	rc = 1;
done:
	gate_buf_dispose(&path);
	return rc;
}

int gate_verdict_pending_remove(gate_repo *repo, const char *ref, const char *commit_hex,
				gate_error *err)
{
	gate_buf path = GATE_BUF_INIT(8192);
	int error = 0;

	if (pending_path(&path, repo, ref, commit_hex, "", err) < 0)
		error = -1;
	else if (unlink(path.ptr) < 0 && errno != ENOENT)
		error = gate_error_set(err, GATE_ERR_IO, "cannot remove %s: %s", path.ptr,
				       strerror(errno));
	gate_buf_dispose(&path);
	return error;
}

void gate_verdict_pending_drop_stale(gate_repo *repo, long long seconds)
{
	gate_buf dir = GATE_BUF_INIT(8192), path = GATE_BUF_INIT(8192);
	struct dirent *e;
	struct stat st;
	time_t now = time(NULL);
	DIR *d = NULL;

	if (pending_path(&dir, repo, "", NULL, "", NULL) < 0 || !(d = opendir(dir.ptr)))
		goto done;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		gate_buf_clear(&path);
		if (gate_buf_printf(&path, NULL, "%s/%s", dir.ptr, e->d_name) == 0 &&
		    lstat(path.ptr, &st) == 0 && S_ISREG(st.st_mode) &&
		    (long long)(now - st.st_mtime) > seconds)
			(void)unlink(path.ptr);
	}
done:
	if (d)
		closedir(d);
	gate_buf_dispose(&dir);
	gate_buf_dispose(&path);
}

/* ---- reading it back -------------------------------------------------- */

const char *gate_landed_name(gate_landed landed)
{
	switch (landed) {
	case GATE_LANDED_PASS:
		return "pass";
	case GATE_LANDED_OVERRIDE:
		return "override";
	case GATE_LANDED_FAIL:
		return "fail";
	case GATE_LANDED_ERROR:
		return "error";
	case GATE_LANDED_INVALID:
		return "invalid";
	case GATE_LANDED_NONE:
		break;
	}
	return "none";
}

static int invalid(gate_verdict_note *out, const char *why)
{
	out->landed = GATE_LANDED_INVALID;
	snprintf(out->problem, sizeof(out->problem), "%s", why);
	return 0;
}

/* A member's text, when it is a string with no control byte, into `dst`. */
static int member_text(char *dst, size_t cap, const gate_json *obj, const char *key)
{
	const gate_json *v = gate_json_get(obj, key);
	size_t i;

	dst[0] = '\0';
	if (!v || v->type != GATE_JSON_STRING || v->str_len >= cap)
		return -1;
	for (i = 0; i < v->str_len; i++)
		if ((unsigned char)v->str[i] < 0x20 || v->str[i] == 0x7f)
			return -1;
	memcpy(dst, v->str, v->str_len + 1);
	return 0;
}

static int is_hex_id(const char *s)
{
	size_t i;

	for (i = 0; i < GATE_OID_HEX; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[GATE_OID_HEX] == '\0';
}

/* The record's time, for the allowed signers line's valid-after/before. */
static long long parse_time(const char *s)
{
	/* YYYY-MM-DDTHH:MM:SSZ: where each field starts and its width. */
	static const unsigned char at[] = {0, 4, 5, 2, 8, 2, 11, 2, 14, 2, 17, 2};
	int f[6], k, i;
	struct tm tm;

	if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z')
		return -1;
	for (k = 0; k < 6; k++) {
		int start = at[2 * k], width = at[2 * k + 1];

		f[k] = 0;
		for (i = start; i < start + width; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			f[k] = f[k] * 10 + (s[i] - '0');
		}
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = f[0] - 1900;
	tm.tm_mon = f[1] - 1;
	tm.tm_mday = f[2];
	tm.tm_hour = f[3];
	tm.tm_min = f[4];
	tm.tm_sec = f[5];
	return (long long)timegm(&tm);
}

/* Counts the record's waivers into `out` and gives `fn` its findings. */
static void record_counts(gate_verdict_note *out, const gate_json *root, gate_verdict_finding_fn fn,
			  void *payload)
{
	const gate_json *v = gate_json_get(root, "waivers"), *f, *rule, *count;

	if (v && v->type == GATE_JSON_ARRAY)
		out->nwaivers = v->count;
	if (!fn || !(v = gate_json_get(root, "findings")) || v->type != GATE_JSON_ARRAY)
		return;
	for (f = v->child; f; f = f->next) {
		if (f->type != GATE_JSON_OBJECT || !(rule = gate_json_get(f, "rule")) ||
		    rule->type != GATE_JSON_STRING || !(count = gate_json_get(f, "count")) ||
		    count->type != GATE_JSON_NUMBER || !count->is_int || count->ival < 1)
			continue;
		fn(rule->str, (size_t)count->ival, payload);
	}
}

/* Whether `v` is a string of 1 to `max` bytes (0 to `max` with `empty`). */
static int is_text(const gate_json *v, size_t max, int empty)
{
	return v && v->type == GATE_JSON_STRING && v->str_len <= max && (empty || v->str_len > 0);
}

static int is_status(const char *s)
{
	static const gate_wt_status all[] = {GATE_WT_ANSWERED, GATE_WT_MISSING, GATE_WT_PLACEHOLDER,
					     GATE_WT_SHORT, GATE_WT_REPEATED};
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(s, gate_wt_status_name(all[i])) == 0)
			return 1;
	return 0;
}

/*
 * The record's failure-mode answers, held to what answers() writes: at most
 * one per question a policy may have, each with its question, heading and
 * status, a source ("description" or a commit id) wherever there is an
 * answer, answers within GATE_VERDICT_ANSWER_MAX bytes each and
 * GATE_VERDICT_ANSWERS_MAX together, "truncated" only as true. A record
 * that holds more or other was not written by the gate, signed or not.
 * Counts them into out->nanswers; returns NULL, or what is wrong.
 */
static const char *record_answers(gate_verdict_note *out, const gate_json *root)
{
	const gate_json *list = gate_json_get(root, "answers"), *e, *v, *answer;
	size_t total = 0, n = 0;

	if (!list)
		return NULL;
	if (list->type != GATE_JSON_ARRAY || list->count > GATE_WALKTHROUGH_MAX_QUESTIONS)
		return "the record's answers are not a list of at most 32";
	for (e = list->child; e; e = e->next, n++) {
		if (e->type != GATE_JSON_OBJECT || !is_text(gate_json_get(e, "question"), 64, 0) ||
		    !is_text(gate_json_get(e, "heading"), GATE_WALKTHROUGH_MAX_HEADING, 0) ||
		    !is_text(v = gate_json_get(e, "status"), 16, 0) || !is_status(v->str))
			return "an answer of the record has no question, heading or status";
		if ((v = gate_json_get(e, "same_as")) && !is_text(v, 64, 0))
			return "an answer of the record repeats no question";
		answer = gate_json_get(e, "answer");
		v = gate_json_get(e, "source");
		if ((answer != NULL) != (v != NULL) ||
		    (v && !(is_text(v, GATE_OID_HEX, 0) &&
			    (strcmp(v->str, "description") == 0 || is_hex_id(v->str)))))
			return "an answer of the record has no source (description or a commit id)";
		if (answer && (!is_text(answer, GATE_VERDICT_ANSWER_MAX, 1) ||
			       (total += answer->str_len) > GATE_VERDICT_ANSWERS_MAX))
			return "the record's answers are longer than a record holds";
		if ((v = gate_json_get(e, "truncated")) &&
		    (v->type != GATE_JSON_BOOL || !v->boolean))
			return "an answer of the record has a truncated that is not true";
	}
	out->nanswers = n;
	return NULL;
}

static int parse_note(gate_verdict_note *out, const char *text, size_t len, const char *commit_hex,
		      const gate_allowed_signers *signers, const char *signer,
		      gate_verdict_finding_fn fn, void *payload, gate_error *err);

int gate_verdict_note_parse(gate_verdict_note *out, const char *text, size_t len,
			    const char *commit_hex, const gate_allowed_signers *signers,
			    const char *signer, gate_error *err)
{
	return parse_note(out, text, len, commit_hex, signers, signer, NULL, NULL, err);
}

static int parse_note(gate_verdict_note *out, const char *text, size_t len, const char *commit_hex,
		      const gate_allowed_signers *signers, const char *signer,
		      gate_verdict_finding_fn fn, void *payload, gate_error *err)
{
	const gate_json *v, *range;
	gate_json *root = NULL;
	gate_error perr;
	const char *nl, *sig, *why;
	size_t rlen;
	char verdict[16];
	long long when = -1;

	memset(out, 0, sizeof(*out));
	if (memchr(text, '\0', len))
		return invalid(out, "the note holds a NUL byte");
	/* The record is the first line; a signature may follow it, and
	 * nothing else. */
	if (!(nl = memchr(text, '\n', len)))
		return invalid(out, "the note is not a riskgate verdict (no line end)");
	rlen = (size_t)(nl - text) + 1;
	sig = text + rlen;
	if (sig < text + len) {
		const char *end;

		if ((size_t)(text + len - sig) < strlen(SIG_BEGIN) ||
		    memcmp(sig, SIG_BEGIN, strlen(SIG_BEGIN)) != 0)
			return invalid(out, "the note has text after its record that is not an "
					    "SSH signature");
		/* One signature, and nothing after its end line. */
		end = gate_mem_find(sig, (size_t)(text + len - sig), SIG_END, strlen(SIG_END));
		if (!end || (size_t)(text + len - (end + strlen(SIG_END))) > 1 ||
		    (end + strlen(SIG_END) < text + len && end[strlen(SIG_END)] != '\n'))
			return invalid(out, "the note has text after its signature");
		out->is_signed = 1;
	}
	gate_error_init(&perr);
	if (gate_json_parse(&root, text, rlen, "note", GATE_ERR_INPUT, &perr) < 0) {
		if (perr.klass == GATE_ERR_NOMEM)
			return gate_error_set(err, GATE_ERR_NOMEM, "%s", perr.message);
		snprintf(out->problem, sizeof(out->problem), "the record is not JSON: %.200s",
			 perr.message);
		out->landed = GATE_LANDED_INVALID;
		return 0;
	}
	if (root->type != GATE_JSON_OBJECT || !(v = gate_json_get(root, "riskgate_verdict")) ||
	    v->type != GATE_JSON_NUMBER) {
		invalid(out, "the note is not a riskgate verdict");
		goto done;
	}
	if (!v->is_int || v->ival != GATE_VERDICT_FORMAT) {
		invalid(out, "the record's format is not one this riskgate reads");
		goto done;
	}
	range = gate_json_get(root, "range");
	if (member_text(out->head, sizeof(out->head), root, "commit") < 0 ||
	    !is_hex_id(out->head) || !range || range->type != GATE_JSON_OBJECT) {
		invalid(out, "the record names no evaluated commit");
		goto done;
	}
	if (strcmp(out->head, commit_hex) != 0) {
		snprintf(out->problem, sizeof(out->problem),
			 "the record is the verdict of commit %.12s, not of this one", out->head);
		out->landed = GATE_LANDED_INVALID;
		goto done;
	}
	(void)member_text(out->base, sizeof(out->base), range, "base");
	(void)member_text(out->merge_base, sizeof(out->merge_base), range, "merge_base");
	if ((out->base[0] && !is_hex_id(out->base)) ||
	    (out->merge_base[0] && !is_hex_id(out->merge_base))) {
		invalid(out, "the record's range is not two commit ids");
		goto done;
	}
	(void)member_text(out->ref, sizeof(out->ref), root, "ref");
	/* The time the signer's key is judged at (as git judges a commit's
	 * signature at its committer time): a record must say it exactly. */
	if (member_text(out->evaluated_at, sizeof(out->evaluated_at), root, "evaluated_at") < 0 ||
	    (when = parse_time(out->evaluated_at)) < 0) {
		out->evaluated_at[0] = '\0';
		invalid(out, "the record has no evaluated_at time (YYYY-MM-DDTHH:MM:SSZ)");
		goto done;
	}
	if ((v = gate_json_get(root, "policy")) && v->type == GATE_JSON_OBJECT)
		(void)member_text(out->policy_sha256, sizeof(out->policy_sha256), v, "sha256");
	if (member_text(verdict, sizeof(verdict), root, "verdict") < 0) {
		invalid(out, "the record has no verdict");
		goto done;
	}
	if ((v = gate_json_get(root, "override"))) {
		if (v->type != GATE_JSON_OBJECT ||
		    member_text(out->override_by, sizeof(out->override_by), v, "by") < 0 ||
		    !out->override_by[0]) {
			invalid(out, "the record's override names no one");
			goto done;
		}
	}
	if ((why = record_answers(out, root))) {
		invalid(out, why);
		goto done;
	}
	out->evaluated_time = when;
	out->failed = strcmp(verdict, "fail") == 0;
	if (strcmp(verdict, "pass") == 0)
		out->landed = GATE_LANDED_PASS;
	else if (strcmp(verdict, "fail") == 0)
		out->landed = out->override_by[0] ? GATE_LANDED_OVERRIDE : GATE_LANDED_FAIL;
	else if (strcmp(verdict, "error") == 0)
		out->landed = out->override_by[0] ? GATE_LANDED_OVERRIDE : GATE_LANDED_ERROR;
	else {
		invalid(out, "the record's verdict is none of pass, fail, error");
		goto done;
	}
	if (!signers)
		goto done;
	/* Signers given: only a verified signature makes the record count. */
	out->sig_checked = 1;
	if (!out->is_signed) {
		out->sig.status = GATE_SIG_UNSIGNED;
		snprintf(out->sig.detail, sizeof(out->sig.detail), "the verdict is not signed");
	} else {
		if (gate_signature_verify_ssh_ns(
			&out->sig, signers, sig, (size_t)(text + len - sig), text, rlen,
			GATE_VERDICT_NAMESPACE, signer ? signer : GATE_VERDICT_SIGNER, when,
			err) < 0) {
			gate_json_free(root);
			return -1;
		}
	}
	if (out->sig.status != GATE_SIG_VERIFIED) {
		snprintf(out->problem, sizeof(out->problem), "signature: %.200s",
			 out->sig.detail[0] ? out->sig.detail
					    : gate_sig_status_name(out->sig.status));
		out->landed = GATE_LANDED_INVALID;
	}
done:
	if (out->landed != GATE_LANDED_INVALID)
		record_counts(out, root, fn, payload);
	else
		out->nanswers = 0;
	gate_json_free(root);
	return 0;
}

int gate_verdict_note_read(gate_verdict_note *out, gate_repo *repo, const char *commit_hex,
			   const gate_allowed_signers *signers, const char *signer, gate_error *err)
{
	return gate_verdict_note_read_findings(out, repo, commit_hex, signers, signer, NULL, NULL,
					       err);
}

int gate_verdict_note_read_findings(gate_verdict_note *out, gate_repo *repo, const char *commit_hex,
				    const gate_allowed_signers *signers, const char *signer,
				    gate_verdict_finding_fn fn, void *payload, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_VERDICT_MAX_SIZE);
	gate_error rerr;
	int rc;

	memset(out, 0, sizeof(*out));
	gate_error_init(&rerr);
	rc = gate_history_note(&text, repo, GATE_VERDICT_NOTES_REF, commit_hex, &rerr);
	if (rc < 0 && rerr.klass == GATE_ERR_INPUT) {
		rc = invalid(out, "the note is larger than 1 MiB");
	} else if (rc < 0) {
		if (err)
			*err = rerr;
	} else if (rc == 1) {
		rc = parse_note(out, text.ptr ? text.ptr : "", text.size, commit_hex, signers,
				signer, fn, payload, err);
	}
	gate_buf_dispose(&text);
	return rc < 0 ? -1 : 0;
}
