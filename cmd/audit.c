/*
 * `riskgate audit`: evaluates every commit of a range (or of a branch
 * against the default branch) on its own, against its first parent, and the
 * range as a whole, and prints a per-commit table. Exit 0 when every commit
 * and the range pass, 1 when any fails, 2 usage or policy error, 3
 * repository or runtime error.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "riskgate/audit.h"
#include "riskgate/change.h"
#include "riskgate/check.h"
#include "riskgate/report.h"
#include "riskgate/run.h"

static const char audit_usage[] =
    "usage: riskgate audit [--repo DIR] [--policy FILE] (--branch REF | RANGE | REV)\n"
    "                      [--format text|markdown|json] [--json FILE] [--no-color]\n"
    "                      [--allowed-signers FILE] [--openpgp-keyring FILE]\n"
    "   or: riskgate audit --stats [--since YYYY-MM-DD] [--period month|week]\n"
    "                      [--format markdown|json|html] [--json FILE]\n"
    "                      [--markdown FILE] [--html FILE] [--repo DIR]\n"
    "                      [--policy FILE] (--branch REF | RANGE | REV)\n"
    "\n"
    "Evaluates every commit of RANGE (A..B: the commits reachable from B and not\n"
    "from A), or of REV's whole history (every commit reachable from REV, root\n"
    "commits included, as 'git log REV' lists them), one by one, each against its\n"
    "first parent (a root commit against the empty tree, a merge on what it\n"
    "changes against its first parent, conflict resolutions included), then the\n"
    "range as a whole as 'check --base A --head B' would (from the empty tree for\n"
    "a whole history), and prints one row per commit: id, author, AI-assisted,\n"
    "tiers touched, verdict and violations, newest first.\n"
    "\n"
    "options:\n"
    "  --repo DIR       the repository (default: discovered from the current directory)\n"
    "  --branch REF     audit the commits of REF that are not on the default branch:\n"
    "                   origin/HEAD, else main, else master (the same as\n"
    "                   'riskgate audit DEFAULT..REF')\n"
    "  --policy FILE    the policy (default: .riskgate.json in A's tree, REV's for a\n"
    "                   whole history, else the built-in policy)\n"
    "  --format FMT     text (default), markdown (a table for an incident or\n"
    "                   compliance review) or json, written to standard output\n"
    "  --json FILE      also write the JSON audit to FILE\n"
    "  --allowed-signers FILE\n"
    "                   whose SSH keys sign commits (git's gpg.ssh.allowedSignersFile\n"
    "                   format), for the signature requirements\n"
    "  --openpgp-keyring FILE\n"
    "                   whose OpenPGP keys sign commits (public keys from\n"
    "                   gpg --export [--armor]), for the signature requirements\n"
    "  --no-color       no colour (also when NO_COLOR is set or not on a terminal)\n"
    "\n"
    "trends (--stats: counts what the verdicts recorded, judges nothing again;\n"
    "riskgate audit --stats --help for what is counted):\n"
    "  --stats          per month or week and per tier: commits, AI-assisted and\n"
    "                   signed-off shares, verdicts landed with, findings by rule,\n"
    "                   waivers, overrides, time to first failure\n"
    "  --since DATE     only commits authored on or after DATE (YYYY-MM-DD, UTC)\n"
    "  --period P       month (default) or week (ISO weeks)\n"
    "  --format FMT     markdown (default), json, or html (one self-contained page)\n"
    "  --json FILE, --markdown FILE, --html FILE\n"
    "                   also write that rendering to FILE\n"
    "\n"
    "An audit knows no pull-request reviews: reviewer and approval requirements are\n"
    "'unverified' (and fail) unless the policy trusts Reviewed-by/Approved-by trailers.\n"
    "CODEOWNERS is read from A (from REV for a whole history).\n"
    "\n"
    "exit codes: 0 every commit and the range pass, 1 any fails, 2 usage or policy\n"
    "error, 3 repository or runtime error (unknown revision, empty range, shallow\n"
    "history, unwritable output).\n";

typedef struct {
	const char *repo;
	const char *policy;
	const char *branch;
	const char *range;
	const char *format;
	const char *json_file;
	const char *allowed_signers;
	const char *openpgp_keyring;
	int no_color;
	gate_audit_format fmt;
} audit_opts;

static int parse_args(audit_opts *o, int argc, char **argv, int *help)
{
	int i, rc;

	memset(o, 0, sizeof(*o));
	o->format = "text";
	*help = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = 1;
			return 0;
		}
		if (strcmp(a, "--no-color") == 0) {
			o->no_color = 1;
			continue;
		}
		if ((rc = cmd_opt(argc, argv, &i, "audit", "--repo", &o->repo)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--policy", &o->policy)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--branch", &o->branch)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--format", &o->format)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--json", &o->json_file)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--allowed-signers",
				  &o->allowed_signers)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--openpgp-keyring",
				  &o->openpgp_keyring))) {
			if (rc < 0)
				return -1;
			continue;
		}
		if (a[0] == '-' && a[1] != '\0' && !(a[1] == '.' && a[2] == '.')) {
			cmd_usage_error("audit", "unknown option '%s'", a);
			return -1;
		}
		if (o->range) {
			cmd_usage_error("audit", "more than one range ('%s' and '%s')", o->range,
					a);
			return -1;
		}
		o->range = a;
	}
	if (strcmp(o->format, "text") == 0) {
		o->fmt = GATE_AUDIT_TEXT;
	} else if (strcmp(o->format, "markdown") == 0) {
		o->fmt = GATE_AUDIT_MARKDOWN;
	} else if (strcmp(o->format, "json") == 0) {
		o->fmt = GATE_AUDIT_JSON;
	} else {
		cmd_usage_error("audit", "unknown format '%s' (expected text, markdown or json)",
				o->format);
		return -1;
	}
	if (o->branch && o->range) {
		cmd_usage_error("audit",
				"give either --branch REF or a range or revision, not both");
		return -1;
	}
	if (!o->branch && !o->range) {
		cmd_usage_error("audit",
				"nothing to audit: give a range A..B, a revision or --branch REF");
		return -1;
	}
	if (o->branch && !o->branch[0]) {
		cmd_usage_error("audit", "--branch needs a revision");
		return -1;
	}
	return 0;
}

static int audit_commits_cmd(int argc, char **argv);

/* A reference name as a reader knows it. */
static const char *short_ref(const char *ref)
{
	static const char *const prefixes[] = {"refs/heads/", "refs/remotes/", "refs/tags/", NULL};
	size_t i;

	for (i = 0; prefixes[i]; i++)
		if (strncmp(ref, prefixes[i], strlen(prefixes[i])) == 0)
			return ref + strlen(prefixes[i]);
	return ref;
}

/* Evaluates one commit on its own and renders its row into each output. */
static int audit_commit(gate_audit_out *outs, size_t nouts, const gate_run *run, const char *sha,
			const gate_audit_landed *landed, gate_error *err)
{
	gate_change *change = NULL;
	gate_result result;
	gate_report report;
	size_t i;
	int error = -1;

	gate_result_init(&result);
	if (gate_run_commit(&change, &result, run, sha, err) < 0)
		goto done;
	memset(&report, 0, sizeof(report));
	report.policy = run->policy;
	report.change = change;
	report.result = &result;
	report.error = NULL;
	for (i = 0; i < nouts; i++)
		if (gate_audit_out_commit(&outs[i], &report, landed, err) < 0)
			goto done;
	error = 0;
done:
	gate_result_dispose(&result);
	gate_change_free(change);
	return error;
}

/* What the run's callback needs: the options and the outputs. */
typedef struct {
	const audit_opts *o;
	gate_audit_out *outs;
	size_t nouts;
	gate_buf *spec;
	int whole; /* a revision's whole history: no base bounds it */
} audit_state;

/* Once the range is read: names it, then evaluates and renders each of its
 * commits, one at a time (its result is rendered and freed before the next
 * is read), before the range as a whole is evaluated. */
static int audit_commits(gate_run *run, void *payload, gate_error *err)
{
	audit_state *st = payload;
	const gate_change *change = run->change;
	gate_audit_landed *landed;
	size_t i;
	int error = -1;

	if (st->o->branch) {
		if (gate_buf_printf(st->spec, err, "%s..%s", short_ref(run->base_rev),
				    st->o->branch) < 0)
			return -1;
	} else if (gate_buf_puts(st->spec, st->o->range, err) < 0) {
		return -1;
	}
	if (change->ncommits == 0)
		return gate_error_set(err, GATE_ERR_EMPTY, "nothing to audit: %s has no commits",
				      st->spec->ptr);
	/* A whole history is read as a pushed ref is, from the empty tree,
	 * but judged as an audit: the hints name this command's options. */
	run->eval.push = 0;
	/* Which verdict each commit landed with (docs/verdicts.md). */
	if (!(landed = gate_calloc(change->ncommits, sizeof(*landed), err)))
		return -1;
	if (gate_audit_landed_find(landed, run->repo, change->commits, change->ncommits,
				   st->whole ? "" : change->base, err) < 0)
		goto done;
	for (i = 0; i < change->ncommits; i++)
		if (audit_commit(st->outs, st->nouts, run, change->commits[i].sha, &landed[i],
				 err) < 0)
			goto done;
	error = 0;
done:
	free(landed);
	return error;
}

int cmd_audit(int argc, char **argv)
{
	int k;

	/* Trends are their own run: no commit is evaluated again. */
	for (k = 1; k < argc; k++)
		if (strcmp(argv[k], "--stats") == 0)
			return cmd_audit_stats(argc, argv);
	return audit_commits_cmd(argc, argv);
}

static int audit_commits_cmd(int argc, char **argv)
{
	audit_opts o;
	gate_error err;
	gate_run_opts ro;
	gate_run run;
	audit_state st;
	gate_report report;
	gate_audit_info info;
	gate_audit_out outs[2];
	gate_buf out = GATE_BUF_INIT((size_t)1 << 31), spec = GATE_BUF_INIT(4096);
	gate_repo *repo = NULL;
	char head[GATE_OID_HEX + 1];
	size_t nouts = 0, i;
	int help, color, code = CMD_RUNTIME;

	gate_error_init(&err);
	gate_run_init(&run);
	if (parse_args(&o, argc, argv, &help) < 0)
		return CMD_USAGE;
	if (help) {
		fputs(audit_usage, stdout);
		return cmd_close_stdout();
	}
	color = cmd_use_color(stdout, o.no_color);
	/* The --format rendering first; a JSON twin for --json FILE. */
	gate_audit_out_init(&outs[nouts++], o.fmt, color);
	if (o.json_file && o.fmt != GATE_AUDIT_JSON)
		gate_audit_out_init(&outs[nouts++], GATE_AUDIT_JSON, 0);

	memset(&ro, 0, sizeof(ro));
	ro.repo_dir = o.repo;
	ro.policy_file = o.policy;
	ro.allowed_signers_file = o.allowed_signers;
	ro.openpgp_keyring_file = o.openpgp_keyring;
	st.whole = 0;
	if (o.branch) {
		ro.head = o.branch;
		ro.base_default = GATE_RUN_BASE_DEFAULT_BRANCH;
	} else if (strstr(o.range, "..")) {
		ro.range = o.range;
	} else {
		/* One revision: its whole history, root commits included, as
		 * `git log REV` lists it (docs/audit.md, "What is evaluated").
		 * Read like a ref pushed to an empty repository: every commit
		 * reachable from REV, the range's files from the empty tree, the
		 * policy and CODEOWNERS from REV's own tree, for no base has
		 * them. */
		if (gate_repo_open(&repo, o.repo, &err) < 0 ||
		    gate_repo_resolve(head, repo, o.range, &err) < 0)
			goto failed;
		ro.repo = repo;
		ro.push = 1;
		ro.from = NULL;
		ro.head = head;
		ro.nhide = 0;
		ro.sources = head;
		st.whole = 1;
	}
	st.o = &o;
	st.outs = outs;
	st.nouts = nouts;
	st.spec = &spec;
	ro.changed = audit_commits;
	ro.payload = &st;
	if (gate_run_change(&run, &ro, &err) < 0)
		goto failed;

	memset(&report, 0, sizeof(report));
	report.policy = run.policy;
	report.change = run.change;
	report.result = &run.result;
	report.error = NULL;
	info.spec = spec.ptr;
	info.branch = o.branch;
	info.base = run.change->base;
	info.head = run.change->head;
	info.merge_base = run.change->merge_base;
	info.policy = run.policy;
	for (i = 0; i < nouts; i++) {
		gate_buf_clear(&out);
		if (gate_audit_out_finish(&out, &outs[i], &info, &report, &err) < 0 ||
		    cmd_write(outs[i].format == o.fmt ? "-" : o.json_file, out.ptr, out.size,
			      &err) < 0)
			goto failed;
		if (outs[i].format == o.fmt && o.fmt == GATE_AUDIT_JSON && o.json_file &&
		    cmd_write(o.json_file, out.ptr, out.size, &err) < 0)
			goto failed;
	}
	switch (gate_audit_verdict(&outs[0], &report)) {
	case GATE_VERDICT_PASS:
		code = CMD_PASS;
		break;
	case GATE_VERDICT_FAIL:
		code = CMD_FAIL;
		break;
	case GATE_VERDICT_ERROR:
		code = CMD_RUNTIME;
		break;
	}
	goto done;

failed:
	code = cmd_print_error(&err);
	if (err.klass != GATE_ERR_IO && (o.json_file || o.fmt == GATE_AUDIT_JSON)) {
		/* A consumer of the JSON must see "error", never a stale or
		 * missing verdict: the report of check's shape says what failed. */
		gate_error werr;

		gate_error_init(&werr);
		gate_buf_clear(&out);
		memset(&report, 0, sizeof(report));
		report.policy = run.policy;
		report.change = NULL;
		report.result = &run.result;
		report.error = &err;
		if (gate_report_json(&out, &report, &werr) < 0 ||
		    (o.json_file && cmd_write(o.json_file, out.ptr, out.size, &werr) < 0) ||
		    (o.fmt == GATE_AUDIT_JSON && cmd_write("-", out.ptr, out.size, &werr) < 0))
			cmd_print_error(&werr);
	}
done:
	for (i = 0; i < nouts; i++)
		gate_audit_out_dispose(&outs[i]);
	gate_buf_dispose(&out);
	gate_buf_dispose(&spec);
	gate_run_dispose(&run);
	gate_repo_free(repo);
	if (code == CMD_RUNTIME && err.klass == GATE_ERR_IO)
		fclose(stdout); /* a write error was reported once already */
	else if (cmd_close_stdout() != 0 && code != CMD_USAGE)
		code = CMD_RUNTIME;
	return code;
}
