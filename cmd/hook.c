/*
 * `riskgate hook pre-receive`: the server-side gate. Reads the ref updates
 * git feeds a pre-receive hook, evaluates each, tells the pusher why on
 * standard error (git relays it as "remote: ...") and exits non-zero to
 * reject the push; and `riskgate hook`'s usage and dispatch. Installing the
 * hook and proving it runs are cmd/hook_install.c, writing the verdict notes
 * cmd/hook_notes.c.
 */
#include "riskgate/banned.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "hook_notes.h"
#include "riskgate/buf.h"
#include "riskgate/escape.h"
#include "riskgate/hook.h"
#include "riskgate/hookinstall.h"
#include "riskgate/policy.h"
#include "riskgate/report.h"
#include "riskgate/verdict.h"
#include "riskgate/version.h"

static const char hook_usage[] =
    "usage: riskgate hook pre-receive [--repo DIR] [--policy FILE] [--deadline-ms N]\n"
    "                                 [--allowed-signers FILE] [--openpgp-keyring FILE]\n"
    "                                 [--max-lines N] [--report-dir DIR] [--notes]\n"
    "       riskgate hook post-receive [--repo DIR] [--sign-key KEY]\n"
    "       riskgate hook install --repo DIR [--layout L] [--chain | --force]\n"
    "                             [--policy FILE] [--allowed-signers FILE]\n"
    "                             [--openpgp-keyring FILE] [--deadline-ms N]\n"
    "                             [--max-lines N] [--report-dir DIR]\n"
    "                             [--notes [--sign-key KEY]]\n"
    "       riskgate hook status --repo DIR [--layout L]\n"
    "\n"
    "pre-receive: reads '<old-id> <new-id> <ref>' lines on standard input, as git\n"
    "feeds a pre-receive hook, evaluates every update of a gated ref (the default\n"
    "branch, and the policy's \"refs\", by default refs/heads/release/*) and\n"
    "exits non-zero to reject the push. Updates are evaluated like 'check' with\n"
    "BASE the old value; new refs, tags and force pushes by the commits that no\n"
    "existing ref holds. Messages for the pusher go to standard error (standard\n"
    "output on GitHub Enterprise Server, where GITHUB_REPO_NAME is set).\n"
    "\n"
    "options:\n"
    "  --repo DIR        the repository (default: from GIT_DIR, as git runs hooks,\n"
    "                    so that quarantined objects are visible)\n"
    "  --policy FILE     the policy (default: .riskgate.json in the tree of the\n"
    "                    ref's old value, or of HEAD for a new ref, else built-in)\n"
    "  --deadline-ms N   decide within N ms (default 4500), else reject (or pass\n"
    "                    when the policy sets \"on_deadline\": \"pass\")\n"
    "  --allowed-signers FILE\n"
    "                    whose SSH keys sign commits (git's\n"
    "                    gpg.ssh.allowedSignersFile format), for the signature\n"
    "                    requirements\n"
    "  --openpgp-keyring FILE\n"
    "                    whose OpenPGP keys sign commits (public keys from\n"
    "                    gpg --export [--armor]), for the signature requirements\n"
    "  --max-lines N     show the pusher at most N lines of findings (default\n"
    "                    100), then how many were left out and where they all are\n"
    "  --report-dir DIR  also write every line to a new file in DIR on the server\n"
    "                    (riskgate-TIME-PID.txt), named in the pusher's output\n"
    "  --notes           keep each accepted ref's verdict for 'hook post-receive',\n"
    "                    which writes it under refs/notes/riskgate; a push of that\n"
    "                    ref is then rejected (docs/verdicts.md)\n"
    "\n";

/* The usage goes out in two parts: ISO C bounds the length of one literal. */
static const char hook_usage_more[] =
    "install: writes a hook that runs this binary by absolute path where the\n"
    "server runs it: git runs <core.hooksPath>/pre-receive when core.hooksPath\n"
    "is set, else hooks/pre-receive (never a pre-receive.d/ directory by\n"
    "itself); GitLab's Gitaly runs custom_hooks/pre-receive.d/riskgate.\n"
    "  --layout L        git, gitlab, or auto (default: gitlab when the\n"
    "                    repository looks like Gitaly's, else git)\n"
    "  --chain           keep an existing hook, run after riskgate accepts\n"
    "  --force           replace an existing hook, keeping a backup\n"
    "  --policy, --allowed-signers, --openpgp-keyring, --deadline-ms,\n"
    "  --max-lines, --report-dir, --notes\n"
    "                    written into the hook for 'hook pre-receive' (files by\n"
    "                    absolute path), after checking that each loads; with\n"
    "                    --notes also the post-receive hook that writes the\n"
    "                    verdicts, signed with --sign-key KEY when given\n"
    "Without --chain or --force an existing hook that is not riskgate's is\n"
    "left alone and install fails.\n"
    "\n"
    "status: proves whether the next push runs riskgate, by asking git to run\n"
    "the pre-receive hook as a push would ('git hook run', no ref updates) and\n"
    "watching riskgate answer. Exit 0 yes, 1 no (with the reason).\n"
    "\n"
    "break glass: 'git push -o riskgate.override=REASON' lets a failing push\n"
    "through when the pusher, as the variable the policy names in\n"
    "overrides.identity_env says (the server's: GL_USERNAME, GITHUB_USER_LOGIN),\n"
    "is listed in overrides.users and the server advertises push options\n"
    "(receive.advertisePushOptions). Every override is appended to\n"
    "riskgate-overrides.log in the repository's git dir.\n"
    "\n"
    "exit codes: 0 accept, 1 reject (violations), 2 usage, policy or input error,\n"
    "3 repository or runtime error, deadline reached. Anything but 0 rejects.\n";

void cmd_hook_usage(FILE *to)
{
	fputs(hook_usage, to);
	fputs(hook_usage_more, to);
}

/* Whether to prefix messages for GitLab's UI (its hooks get GL_* variables). */
static int on_gitlab;

/*
 * Where the pusher's lines go (docs/pre-receive.md, "What the pusher
 * sees"): standard error, which git relays as "remote:" lines, or standard
 * output on GitHub Enterprise Server, whose documentation names only that
 * one; at most `max` lines while `capped`, the rest counted; every line
 * also to `full` when --report-dir gave a file.
 */
static struct {
	FILE *to;
	long long max, shown, hidden;
	int capped;
	FILE *full;
	char full_path[PATH_MAX];
} pusher = {NULL, GATE_HOOK_MAX_LINES, 0, 0, 1, NULL, ""};

/* The environment, as the override decision reads it. */
static const char *env_get(const char *name)
{
	return getenv(name);
}

static int env_set(const char *name)
{
	const char *v = getenv(name);

	return v && v[0];
}

/* Prints one line for the pusher. `text` was escaped by the caller. */
static void say_raw(const char *text)
{
	FILE *to = pusher.to ? pusher.to : stderr;

	if (pusher.full)
		fprintf(pusher.full, "riskgate: %s\n", text);
	if (pusher.capped && pusher.shown >= pusher.max) {
		pusher.hidden++;
		return;
	}
	pusher.shown++;
	if (on_gitlab)
		fputs("GL-HOOK-ERR: ", to);
	fputs("riskgate: ", to);
	fputs(text, to);
	fputc('\n', to);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a line built from trusted text (numbers, fixed words). */
static void say(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	say_raw(msg);
}

/* Appends attacker-controlled text escaped for a terminal. */
static int put_q(gate_buf *b, const char *s, gate_error *err)
{
	return gate_escape_terminal_name(b, s, strlen(s), err);
}

/* Appends the escaped form of every character of trusted-format text that
 * may embed attacker text (a message naming a path): control characters
 * escaped, no quoting. */
static int put_msg(gate_buf *b, const char *s, gate_error *err)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			if (gate_buf_printf(b, err, "\\x%02x", *p) < 0)
				return -1;
		} else if (gate_buf_putc(b, (char)*p, err) < 0) {
			return -1;
		}
	}
	return 0;
}

static int is_uint(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The numbers `hook pre-receive` takes, and what `hook install` checks
 * before writing them into the hook: --deadline-ms and --max-lines. */
typedef struct {
	const char *option;
	const char *what;
	long long min, max;
} hook_number;

static const hook_number deadline_number = {"--deadline-ms", "a number of milliseconds", 1,
					    999999999};
static const hook_number lines_number = {"--max-lines", "a number of lines", 1, 1000000};

/* Reads `v` as number `n`: 0 with *out set, or a usage error (CMD_USAGE). */
static int parse_number(long long *out, const char *v, const hook_number *n)
{
	if (!is_uint(v) || strlen(v) > 9 || strtoll(v, NULL, 10) < n->min ||
	    strtoll(v, NULL, 10) > n->max)
		return cmd_usage_error("hook", "%s needs %s (%lld to %lld)", n->option, n->what,
				       n->min, n->max);
	*out = strtoll(v, NULL, 10);
	return 0;
}

int cmd_hook_number(long long *out, const char *v, int max_lines)
{
	return parse_number(out, v, max_lines ? &lines_number : &deadline_number);
}

/* ---- pre-receive ------------------------------------------------------- */

typedef struct {
	const char *repo;
	const char *policy;
	const char *allowed_signers;
	const char *openpgp_keyring;
	const char *report_dir;
	long long deadline_ms;
	long long max_lines;
	int notes; /* --notes: keep each verdict for post-receive */
} pre_opts;

static int parse_pre(pre_opts *o, int argc, char **argv, int *help)
{
	const char *deadline = NULL, *max_lines = NULL;
	int i, rc;

	memset(o, 0, sizeof(*o));
	o->deadline_ms = GATE_HOOK_DEADLINE_MS;
	o->max_lines = GATE_HOOK_MAX_LINES;
	*help = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = 1;
			return 0;
		}
		if (strcmp(a, "--notes") == 0) {
			o->notes = 1;
			continue;
		}
		if ((rc = cmd_opt(argc, argv, &i, "hook", "--repo", &o->repo)) ||
		    (rc = cmd_opt(argc, argv, &i, "hook", "--policy", &o->policy)) ||
		    (rc = cmd_opt(argc, argv, &i, "hook", "--deadline-ms", &deadline)) ||
		    (rc = cmd_opt(argc, argv, &i, "hook", "--max-lines", &max_lines)) ||
		    (rc = cmd_opt(argc, argv, &i, "hook", "--report-dir", &o->report_dir)) ||
		    (rc = cmd_opt(argc, argv, &i, "hook", "--allowed-signers",
				  &o->allowed_signers)) ||
		    (rc = cmd_opt(argc, argv, &i, "hook", "--openpgp-keyring",
				  &o->openpgp_keyring))) {
			if (rc < 0)
				return -1;
			continue;
		}
		cmd_usage_error("hook", "%s '%s'",
				a[0] == '-' ? "unknown option" : "unexpected argument", a);
		return -1;
	}
	if (deadline && parse_number(&o->deadline_ms, deadline, &deadline_number) != 0)
		return -1;
	if (max_lines && parse_number(&o->max_lines, max_lines, &lines_number) != 0)
		return -1;
	return 0;
}

static int read_stdin(gate_buf *in, gate_error *err)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		if (gate_buf_put(in, chunk, n, err) < 0)
			return gate_error_set(err, GATE_ERR_INPUT,
					      "standard input is larger than %zu bytes",
					      GATE_HOOK_INPUT_MAX);
	if (ferror(stdin))
		return gate_error_set(err, GATE_ERR_INPUT, "cannot read standard input: %s",
				      strerror(errno));
	return 0;
}

/* Appends the accepted override `what` ("override by LOGIN: REASON",
 * already escaped), with the time and the ref updates, to the repository's
 * override log. */
static int record_override(gate_hook *hook, const gate_hook_updates *updates, const char *what,
			   gate_error *err)
{
	gate_buf line = GATE_BUF_INIT(1 << 20);
	char stamp[32] = "";
	struct tm tm;
	time_t now = time(NULL);
	size_t i;
	int error = -1;

	if (gmtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (gate_buf_printf(&line, err, "%s %s;", stamp, what) < 0)
		goto done;
	for (i = 0; i < updates->count; i++) {
		const gate_hook_update *u = &updates->items[i];

		if (gate_buf_puts(&line, " ", err) < 0 || put_q(&line, u->ref, err) < 0 ||
		    gate_buf_printf(&line, err, " %.12s..%.12s", u->old_id, u->new_id) < 0)
			goto done;
	}
	error = gate_hook_record_override(hook, line.ptr, line.size, err);
done:
	gate_buf_dispose(&line);
	return error;
}

static int short_id(gate_buf *b, const gate_hook_update *u, gate_error *err)
{
	return gate_buf_printf(b, err, "%.7s..%.7s", u->old_zero ? "0000000" : u->old_id,
			       u->new_zero ? "0000000" : u->new_id);
}

/* Whether a violation already says what requirement `r` says. */
static int has_violation(const gate_result *res, const gate_requirement *r)
{
	size_t i;

	for (i = 0; i < res->nviols; i++)
		if (strcmp(res->viols[i].check, r->check) == 0 &&
		    strcmp(res->viols[i].tier, r->tier) == 0)
			return 1;
	return 0;
}

/* Prints one ref's verdict, its violations with their fixes, and notes. */
static int print_ref(const gate_hook_update *u, const gate_hook_ref *r, gate_error *err)
{
	gate_buf b = GATE_BUF_INIT(1 << 20);
	const gate_result *res = &r->result;
	size_t i;
	int error = -1;

	if (put_q(&b, u->ref, err) < 0 ||
	    gate_buf_printf(&b, err, " (%s ", gate_hook_kind_name(r->kind)) < 0 ||
	    short_id(&b, u, err) < 0 ||
	    gate_buf_printf(&b, err, "): %s", r->verdict == GATE_VERDICT_PASS ? "pass" : "FAIL") <
		0)
		goto done;
	if (r->change && gate_buf_printf(&b, err, " - %zu commit%s, %zu file%s",
					 r->change->ncommits, r->change->ncommits == 1 ? "" : "s",
					 r->change->nfiles, r->change->nfiles == 1 ? "" : "s") < 0)
		goto done;
	say_raw(b.ptr);
	for (i = 0; i < r->notes.count; i++) {
		gate_buf_clear(&b);
		if (gate_buf_puts(&b, "  note: ", err) < 0 ||
		    put_msg(&b, r->notes.items[i], err) < 0)
			goto done;
		say_raw(b.ptr);
	}
	for (i = 0; i < res->nviols; i++) {
		const gate_violation *v = &res->viols[i];

		gate_buf_clear(&b);
		if (gate_buf_printf(&b, err, "  %s [%s] %s",
				    v->severity == GATE_SEV_ERROR ? "x" : "!", v->tier,
				    v->check) < 0 ||
		    (v->rule && (gate_buf_puts(&b, "/", err) < 0 || put_msg(&b, v->rule, err) < 0)))
			goto done;
		if (v->path) {
			if (gate_buf_puts(&b, ": ", err) < 0 || put_q(&b, v->path, err) < 0 ||
			    (v->line && gate_buf_printf(&b, err, ":%zu", v->line) < 0))
				goto done;
		}
		if (v->commit && gate_buf_printf(&b, err, " (commit %.12s)", v->commit) < 0)
			goto done;
		if (gate_buf_puts(&b, ": ", err) < 0 || put_msg(&b, v->message, err) < 0)
			goto done;
		say_raw(b.ptr);
		if (v->hint) {
			gate_buf_clear(&b);
			if (gate_buf_puts(&b, "      fix: ", err) < 0 ||
			    put_msg(&b, v->hint, err) < 0)
				goto done;
			say_raw(b.ptr);
		}
	}
	for (i = 0; i < res->nreqs; i++) {
		const gate_requirement *q = &res->reqs[i];

		if ((q->status != GATE_REQ_FAIL && q->status != GATE_REQ_UNVERIFIED) ||
		    has_violation(res, q))
			continue;
		gate_buf_clear(&b);
		if (gate_buf_printf(&b, err, "  x [%s] %s (%s): ", q->tier, q->check,
				    gate_req_status_name(q->status)) < 0 ||
		    put_msg(&b, q->detail ? q->detail : "", err) < 0)
			goto done;
		say_raw(b.ptr);
	}
	for (i = 0; i < res->errors.count; i++) {
		gate_buf_clear(&b);
		if (gate_buf_puts(&b, "  error: ", err) < 0 ||
		    put_msg(&b, res->errors.items[i], err) < 0)
			goto done;
		say_raw(b.ptr);
	}
	error = 0;
done:
	gate_buf_dispose(&b);
	return error;
}

/* Writes every line for the pusher to a new file in `dir` too, and says
 * so when it cannot. */
static void open_full_report(const char *dir, const char *repo_dir)
{
	char stamp[32] = "unknown-time";
	struct tm tm;
	time_t now = time(NULL);
	int fd;

	if (gmtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	if ((size_t)snprintf(pusher.full_path, sizeof(pusher.full_path), "%s/riskgate-%s-%ld.txt",
			     dir, stamp, (long)getpid()) >= sizeof(pusher.full_path)) {
		say("the full report is not kept: --report-dir is too long");
		pusher.full_path[0] = '\0';
		return;
	}
	fd = open(pusher.full_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0 || !(pusher.full = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		say("the full report is not kept: cannot create %.900s: %s", pusher.full_path,
		    strerror(e));
		pusher.full_path[0] = '\0';
		return;
	}
	/* One directory may serve many repositories: the file says which. */
	{
		gate_buf b = GATE_BUF_INIT(1 << 14);
		gate_error e;
		char where[PATH_MAX];
		const char *repo = repo_dir ? repo_dir : getenv("GIT_DIR");

		gate_error_init(&e);
		if (!realpath(repo && *repo ? repo : ".", where))
			snprintf(where, sizeof(where), "%s", repo && *repo ? repo : ".");
		if (put_q(&b, where, &e) == 0)
			fprintf(pusher.full, "riskgate: push to %s at %s\n", b.ptr, stamp);
		gate_buf_dispose(&b);
	}
}

/* Ends the cap: says how many lines were not shown and where all of them
 * are, the server's file or the command that shows them in the pusher's
 * clone (for update `u`, the first that failed). Lines after this one (the
 * verdict, overrides) are always shown. */
static void release_cap(const gate_hook_update *u, long long max)
{
	if (!pusher.capped)
		return;
	pusher.capped = 0;
	if (pusher.hidden == 0)
		return;
	if (pusher.full)
		say("%lld more line%s not shown (--max-lines %lld); the full report is on the "
		    "server: %.900s",
		    pusher.hidden, pusher.hidden == 1 ? "" : "s", max, pusher.full_path);
	else if (u)
		say("%lld more line%s not shown (--max-lines %lld); to see every finding, run in "
		    "your clone: riskgate check --base %.40s --head %.40s",
		    pusher.hidden, pusher.hidden == 1 ? "" : "s", max,
		    u->old_zero ? "origin/HEAD" : u->old_id, u->new_id);
	else
		say("%lld more line%s not shown (--max-lines %lld)", pusher.hidden,
		    pusher.hidden == 1 ? "" : "s", max);
}

/*
 * On GitHub Enterprise Server (GITHUB_REPO_NAME set): one line with what
 * the server says about the push, its documented variables, escaped (a
 * pull request's branch names are anyone's): the repository, the pusher,
 * GITHUB_VIA for a change made in the web interface or the API, and the
 * pull request a merge comes from.
 */
static void say_server_context(gate_error *err)
{
	const char *repo = getenv("GITHUB_REPO_NAME"), *login = getenv("GITHUB_USER_LOGIN");
	const char *via = getenv("GITHUB_VIA"), *head = getenv("GITHUB_PULL_REQUEST_HEAD");
	const char *base = getenv("GITHUB_PULL_REQUEST_BASE");
	const char *author = getenv("GITHUB_PULL_REQUEST_AUTHOR_LOGIN");
	gate_buf b = GATE_BUF_INIT(1 << 14);

	if (!repo || !*repo)
		return;
	if (gate_buf_puts(&b, "GitHub Enterprise Server: ", err) < 0 || put_q(&b, repo, err) < 0 ||
	    gate_buf_puts(&b, ", push by ", err) < 0 ||
	    put_q(&b, login && *login ? login : "(unknown)", err) < 0 ||
	    (via && *via && (gate_buf_puts(&b, " via ", err) < 0 || put_q(&b, via, err) < 0)) ||
	    (head && *head &&
	     (gate_buf_puts(&b, ", merging pull request branch ", err) < 0 ||
	      put_q(&b, head, err) < 0 ||
	      (base && *base &&
	       (gate_buf_puts(&b, " into ", err) < 0 || put_q(&b, base, err) < 0)) ||
	      (author && *author &&
	       (gate_buf_puts(&b, " by ", err) < 0 || put_q(&b, author, err) < 0)))))
		say("GitHub Enterprise Server (and out of memory describing the push)");
	else
		say_raw(b.ptr);
	gate_buf_dispose(&b);
}

static void print_error_line(const gate_hook_update *u, const gate_error *err)
{
	gate_buf b = GATE_BUF_INIT(1 << 16);
	gate_error e2;

	gate_error_init(&e2);
	if ((!u || (put_q(&b, u->ref, &e2) == 0 && gate_buf_puts(&b, ": ", &e2) == 0)) &&
	    gate_buf_printf(&b, &e2, "%s error: ", gate_error_class_name(err->klass)) == 0 &&
	    (!err->file[0] || (put_msg(&b, err->file, &e2) == 0 &&
			       gate_buf_printf(&b, &e2, ":%u:%u: ", err->line, err->col) == 0)) &&
	    put_msg(&b, err->message[0] ? err->message : "unknown error", &e2) == 0)
		say_raw(b.ptr);
	else
		say("error (and out of memory describing it)");
	gate_buf_dispose(&b);
}

static int cmd_pre_receive(int argc, char **argv)
{
	pre_opts o;
	gate_error err;
	gate_buf in = GATE_BUF_INIT(GATE_HOOK_INPUT_MAX);
	gate_hook_updates updates;
	gate_policy *policy = NULL;
	gate_repo *repo = NULL;
	gate_hook hook;
	gate_hook_ref r;
	gate_hook_override ov;
	hook_notes_kept kept;
	char probe[1024];
	size_t *order = NULL, k, pass;
	long long start = gate_hook_now_ms(), used;
	size_t i, nfail = 0, nerr = 0, first_bad = SIZE_MAX;
	int help, code = CMD_PASS, deadline = 0, deadline_pass = 0, hook_ready = 0;
	char deadline_where[sizeof(((gate_error *)0)->message)] = "";

	on_gitlab = env_set("GL_ID") || env_set("GL_USERNAME") || env_set("GL_PROTOCOL") ||
		    env_set("GL_REPOSITORY");
	pusher.to = env_set("GITHUB_REPO_NAME") ? stdout : stderr;
	gate_error_init(&err);
	gate_hook_updates_init(&updates);
	gate_hook_ref_init(&r);
	memset(&hook, 0, sizeof(hook));
	memset(&kept, 0, sizeof(kept));
	if (parse_pre(&o, argc, argv, &help) < 0)
		return CMD_USAGE;
	if (help) {
		cmd_hook_usage(stdout);
		return cmd_close_stdout();
	}
	pusher.max = o.max_lines;
	if (o.report_dir)
		open_full_report(o.report_dir, o.repo);
	/* `hook status` asks: say that this binary runs, and go on exactly as
	 * always. */
	if (gate_hook_probe_answer(probe, sizeof(probe),
				   o.notes ? "pre-receive, verdict notes" : "pre-receive"))
		say("%s", probe);
	say_server_context(&err);
	if (read_stdin(&in, &err) < 0 || gate_hook_parse(&updates, in.ptr, in.size, &err) < 0 ||
	    (o.policy && gate_policy_load_file(&policy, o.policy, NULL, &err) < 0)) {
		print_error_line(NULL, &err);
		say("push rejected: the hook could not run (exit %d)", gate_error_exit_code(&err));
		code = gate_error_exit_code(&err);
		goto done;
	}
	/* With git namespaces the pushed refs and HEAD live under
	 * refs/namespaces/NAME/, which the gate does not read: it would judge
	 * the ref updates against the wrong refs. Refused, and said. */
	if (env_set("GIT_NAMESPACE")) {
		gate_error_set(&err, GATE_ERR_REPO,
			       "GIT_NAMESPACE is set: riskgate does not gate repositories served "
			       "with git namespaces (gitnamespaces(7)), so no push is accepted");
		print_error_line(NULL, &err);
		say("push rejected: the hook could not run (exit %d)", gate_error_exit_code(&err));
		code = gate_error_exit_code(&err);
		goto done;
	}
	if (gate_repo_open(&repo, o.repo, &err) < 0 ||
	    gate_hook_init(&hook, repo, policy, start + o.deadline_ms, &err) < 0) {
		if (updates.items[0].id_len != GATE_OID_HEX || strstr(err.message, "objectformat"))
			gate_error_prefix(&err, "a SHA-256 repository (this build's libgit2 reads "
						"only SHA-1 repositories)");
		print_error_line(NULL, &err);
		say("push rejected: the hook could not run (exit %d)", gate_error_exit_code(&err));
		code = gate_error_exit_code(&err);
		goto done;
	}
	hook.allowed_signers_file = o.allowed_signers;
	hook.openpgp_keyring_file = o.openpgp_keyring;
	hook_ready = 1;
	/* With --notes the server writes the verdicts: a pushed one would be
	 * a verdict no evaluation gave. */
	for (i = 0; o.notes && i < updates.count; i++)
		if (hook_notes_is_ref(updates.items[i].ref)) {
			say(GATE_VERDICT_NOTES_REF " is written by riskgate on the server after "
						   "each accepted push; it cannot be pushed");
			say("push rejected (exit %d)", CMD_FAIL);
			code = CMD_FAIL;
			goto done;
		}
	gate_hook_override_init(&ov, env_get);
	if (ov.bad_option) {
		gate_buf b = GATE_BUF_INIT(1 << 12);

		if (gate_buf_puts(&b, "unknown push option ", &err) == 0 &&
		    put_q(&b, ov.bad_option, &err) == 0 &&
		    gate_buf_puts(&b, " (an override is -o 'riskgate.override=REASON'); rejecting",
				  &err) == 0)
			say_raw(b.ptr);
		gate_buf_dispose(&b);
		code = CMD_USAGE;
		goto done;
	}
	/* The refs the default branch's policy gates first, so that a push's
	 * other branches cannot run the clock out before them. */
	if (!(order = calloc(updates.count, sizeof(*order)))) {
		gate_error_set(&err, GATE_ERR_NOMEM, "out of memory");
		print_error_line(NULL, &err);
		code = CMD_RUNTIME;
		goto done;
	}
	for (pass = 0, k = 0; pass < 2; pass++)
		for (i = 0; i < updates.count; i++) {
			int first = gate_hook_goes_first(&hook, updates.items[i].ref, &err);

			if (first < 0) {
				print_error_line(&updates.items[i], &err);
				code = gate_error_exit_code(&err);
				goto done;
			}
			if (first == (pass == 0))
				order[k++] = i;
		}
	for (k = 0; k < updates.count; k++) {
		const gate_hook_update *u = &updates.items[i = order[k]];
		int rc;

		gate_hook_ref_dispose(&r);
		gate_hook_ref_init(&r);
		gate_error_init(&err);
		rc = gate_hook_eval_ref(&r, &hook, u, &err);
		if (rc == GATE_HOOK_DEADLINE) {
			/* Never the policy of the ref at hand: a pushed branch's own
			 * .riskgate.json would decide for every ref after it. */
			deadline = 1;
			deadline_pass = hook.on_deadline_pass;
			memcpy(deadline_where, err.message, sizeof(deadline_where));
			break;
		}
		if (rc < 0) {
			print_error_line(u, &err);
			if (gate_error_exit_code(&err) > code)
				code = gate_error_exit_code(&err);
			nerr++;
			first_bad = first_bad == SIZE_MAX ? i : first_bad;
			continue;
		}
		if (print_ref(u, &r, &err) < 0) {
			print_error_line(u, &err);
			code = CMD_RUNTIME;
			nerr++;
			continue;
		}
		if (r.verdict == GATE_VERDICT_FAIL)
			gate_hook_override_ref_failed(&ov, r.policy, env_get);
		if (o.notes && hook_notes_keep(&kept, u, &r, &ov, &err) < 0) {
			print_error_line(u, &err);
			code = CMD_RUNTIME;
			nerr++;
			continue;
		}
		if (r.verdict != GATE_VERDICT_PASS && first_bad == SIZE_MAX)
			first_bad = i;
		if (r.verdict == GATE_VERDICT_ERROR) {
			code = CMD_RUNTIME;
			nerr++;
		} else if (r.verdict == GATE_VERDICT_FAIL) {
			nfail++;
			if (code == CMD_PASS)
				code = CMD_FAIL;
		}
	}
	used = gate_hook_now_ms() - start;
	release_cap(first_bad < updates.count ? &updates.items[first_bad] : NULL, o.max_lines);

	if (deadline) {
		/* Where the clock ran out names a ref: attacker text, escaped. */
		gate_buf b = GATE_BUF_INIT(1 << 12);
		char head[128];

		snprintf(head, sizeof(head), "deadline of %lld ms reached after %lld ms (",
			 o.deadline_ms, used);
		if (gate_buf_puts(&b, head, &err) == 0 && put_msg(&b, deadline_where, &err) == 0 &&
		    gate_buf_puts(
			&b,
			deadline_pass
			    ? "); the policy sets \"on_deadline\": \"pass\", so the push is "
			      "accepted without a full evaluation"
			    : "); rejecting - the push was not fully evaluated (push fewer "
			      "commits at a time, or raise --deadline-ms)",
			&err) == 0)
			say_raw(b.ptr);
		else
			say("deadline of %lld ms reached after %lld ms", o.deadline_ms, used);
		gate_buf_dispose(&b);
		if (!deadline_pass)
			code = CMD_RUNTIME;
	}

	switch (gate_hook_override_decide(&ov, code == CMD_PASS   ? GATE_VERDICT_PASS
					       : code == CMD_FAIL ? GATE_VERDICT_FAIL
								  : GATE_VERDICT_ERROR)) {
	case GATE_OVERRIDE_NONE:
		break;
	case GATE_OVERRIDE_NOT_NEEDED:
		say("override requested but not needed: the push passes");
		break;
	case GATE_OVERRIDE_NOT_VIOLATIONS:
		say("override refused: it lets through violations, not errors or a missed "
		    "deadline");
		break;
	case GATE_OVERRIDE_NO_REASON:
		say("override refused: riskgate.override needs a reason "
		    "(git push -o 'riskgate.override=REASON')");
		break;
	case GATE_OVERRIDE_NO_IDENTITY:
		say("override refused: the policy names no overrides.identity_env, the "
		    "variable the server sets to the authenticated pusher, so overrides "
		    "are off");
		break;
	case GATE_OVERRIDE_IDENTITY_UNSET:
		say("override refused: the pusher is unknown (the server did not set %.64s)",
		    ov.missing_env);
		break;
	case GATE_OVERRIDE_PUSHER_UNKNOWN:
		say("override refused: the pusher is unknown");
		break;
	case GATE_OVERRIDE_NOT_LISTED: {
		gate_buf b = GATE_BUF_INIT(1 << 16);

		if (put_q(&b, ov.login, &err) == 0) {
			gate_buf_puts(&b,
				      " may not override: not listed in the policy's "
				      "overrides.users",
				      &err);
			say_raw("override refused:");
			say_raw(b.ptr);
		}
		gate_buf_dispose(&b);
		break;
	}
	case GATE_OVERRIDE_ACCEPTED: {
		gate_buf b = GATE_BUF_INIT(1 << 16);

		if (gate_buf_puts(&b, "override by ", &err) == 0 &&
		    put_q(&b, ov.login, &err) == 0 && gate_buf_puts(&b, ": ", &err) == 0 &&
		    put_q(&b, ov.reason, &err) == 0) {
			if (record_override(&hook, &updates, b.ptr, &err) < 0) {
				print_error_line(NULL, &err);
				say("override refused: it could not be recorded");
			} else {
				say_raw(b.ptr);
				code = CMD_PASS;
			}
		}
		gate_buf_dispose(&b);
		break;
	}
	}

	if (code == CMD_PASS && o.notes && hook_notes_hand_over(&kept, repo, &err) < 0) {
		print_error_line(NULL, &err);
		say("push rejected: the verdicts could not be kept for the notes (exit %d)",
		    gate_error_exit_code(&err));
		code = gate_error_exit_code(&err);
		goto done;
	}
	if (code == CMD_PASS)
		say("push accepted: %zu ref%s, decided in %lld ms (deadline %lld ms)",
		    updates.count, updates.count == 1 ? "" : "s", used, o.deadline_ms);
	else if (nerr)
		say("push rejected (exit %d): %zu of %zu ref%s failed, %zu could not be "
		    "evaluated, decided in %lld ms (deadline %lld ms)",
		    code, nfail, updates.count, updates.count == 1 ? "" : "s", nerr, used,
		    o.deadline_ms);
	else
		say("push rejected (exit %d): %zu of %zu ref%s failed, decided in %lld ms "
		    "(deadline "
		    "%lld ms)",
		    code, nfail, updates.count, updates.count == 1 ? "" : "s", used, o.deadline_ms);
done:
	release_cap(NULL, o.max_lines);
	/* The full report is for the administrators; the verdict does not
	 * depend on it. */
	if (pusher.full)
		(void)fclose(pusher.full);
	pusher.full = NULL;
	gate_hook_ref_dispose(&r);
	if (hook_ready)
		gate_hook_dispose(&hook);
	gate_repo_free(repo);
	gate_policy_free(policy);
	gate_hook_updates_dispose(&updates);
	gate_buf_dispose(&in);
	free(order);
	hook_notes_kept_dispose(&kept);
	return code;
}

int cmd_hook(int argc, char **argv)
{
	if (argc < 2) {
		cmd_hook_usage(stderr);
		return CMD_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cmd_hook_usage(stdout);
		return cmd_close_stdout();
	}
	if (strcmp(argv[1], "pre-receive") == 0)
		return cmd_pre_receive(argc - 1, argv + 1);
	if (strcmp(argv[1], "post-receive") == 0)
		return cmd_hook_post_receive(argc - 1, argv + 1);
	if (strcmp(argv[1], "install") == 0)
		return cmd_hook_install(argc - 1, argv + 1);
	if (strcmp(argv[1], "status") == 0)
		return cmd_hook_status(argc - 1, argv + 1);
	return cmd_usage_error(
	    "hook",
	    "unknown hook command '%s' (expected pre-receive, post-receive, install or status)",
	    argv[1]);
}
