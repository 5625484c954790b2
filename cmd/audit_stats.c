/*
 * `riskgate audit --stats`: trends over a branch's history, per month or
 * week and per tier, as JSON, Markdown or one self-contained HTML page
 * (docs/audit.md, "Trends").
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "riskgate/audit.h"
#include "riskgate/run.h"
#include "riskgate/stats.h"

static const char stats_usage[] =
    "usage: riskgate audit --stats [--repo DIR] [--policy FILE] [--since YYYY-MM-DD]\n"
    "                      [--period month|week] [--format markdown|json|html]\n"
    "                      [--json FILE] [--markdown FILE] [--html FILE]\n"
    "                      (--branch REF | RANGE | REV)\n"
    "\n"
    "Trends over the commits of RANGE (A..B), of REF against the default branch,\n"
    "or of REV's whole history: per month (or ISO week) and per tier, the\n"
    "commits, the share that is AI-assisted and the share a human signed off,\n"
    "the verdict each commit landed with (refs/notes/riskgate), the\n"
    "findings, waivers and overrides those verdicts recorded, and the hours\n"
    "from a commit's authoring to the first verdict that failed it (read from\n"
    "the notes' history, so a verdict replaced later counts). No commit is\n"
    "evaluated again. The policy (for tiers and AI markers) is --policy FILE,\n"
    "else .riskgate.json in A's tree (REV's for a whole history), else built-in.\n"
    "\n"
    "options:\n"
    "  --since DATE     only commits authored on or after DATE (UTC)\n"
    "  --period P       month (default) or week\n"
    "  --format FMT     markdown (default), json, or html (one page, charts as\n"
    "                   inline SVG, no scripts or fetched files), to standard output\n"
    "  --json FILE, --markdown FILE, --html FILE\n"
    "                   also write that rendering to FILE\n"
    "A count of the commits read goes to standard error on a terminal.\n"
    "\n"
    "exit codes: 0 done, 2 usage or policy error, 3 repository or runtime error.\n";

typedef struct {
	const char *repo, *policy, *branch, *target, *since, *period, *format;
	const char *json_file, *markdown_file, *html_file;
	long long since_time;
	gate_stats_kind kind;
} stats_opts;

/* "YYYY-MM-DD" as seconds since the epoch (UTC midnight), or -1. */
static long long parse_date(const char *s)
{
	int f[3] = {0, 0, 0}, k, i, pos = 0;
	static const int width[3] = {4, 2, 2};
	struct tm tm;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (k = 0; k < 3; k++, pos++)
		for (i = 0; i < width[k]; i++, pos++) {
			if (s[pos] < '0' || s[pos] > '9')
				return -1;
			f[k] = f[k] * 10 + (s[pos] - '0');
		}
	if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[0] < 1970)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = f[0] - 1900;
	tm.tm_mon = f[1] - 1;
	tm.tm_mday = f[2];
	return (long long)timegm(&tm);
}

static int parse_args(stats_opts *o, int argc, char **argv, int *help)
{
	int i, rc;

	memset(o, 0, sizeof(*o));
	o->format = "markdown";
	o->since_time = -1;
	*help = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = 1;
			return 0;
		}
		if (strcmp(a, "--stats") == 0)
			continue;
		if ((rc = cmd_opt(argc, argv, &i, "audit", "--repo", &o->repo)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--policy", &o->policy)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--branch", &o->branch)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--since", &o->since)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--period", &o->period)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--format", &o->format)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--json", &o->json_file)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--markdown", &o->markdown_file)) ||
		    (rc = cmd_opt(argc, argv, &i, "audit", "--html", &o->html_file))) {
			if (rc < 0)
				return -1;
			continue;
		}
		if (a[0] == '-' && a[1] != '\0' && !(a[1] == '.' && a[2] == '.')) {
			cmd_usage_error("audit", "unknown option '%s' (with --stats)", a);
			return -1;
		}
		if (o->target) {
			cmd_usage_error("audit", "more than one range ('%s' and '%s')", o->target,
					a);
			return -1;
		}
		o->target = a;
	}
	if (strcmp(o->format, "markdown") != 0 && strcmp(o->format, "json") != 0 &&
	    strcmp(o->format, "html") != 0) {
		cmd_usage_error("audit", "unknown format '%s' (expected markdown, json or html)",
				o->format);
		return -1;
	}
	if (!o->period || strcmp(o->period, "month") == 0) {
		o->kind = GATE_STATS_MONTH;
	} else if (strcmp(o->period, "week") == 0) {
		o->kind = GATE_STATS_WEEK;
	} else {
		cmd_usage_error("audit", "--period must be month or week, not '%s'", o->period);
		return -1;
	}
	if (o->since && (o->since_time = parse_date(o->since)) < 0) {
		cmd_usage_error("audit", "--since needs a date YYYY-MM-DD, not '%s'", o->since);
		return -1;
	}
	if (o->branch && o->target) {
		cmd_usage_error("audit",
				"give either --branch REF or a range or revision, not both");
		return -1;
	}
	if (!o->branch && !o->target) {
		cmd_usage_error("audit",
				"nothing to count: give a range A..B, a revision or --branch");
		return -1;
	}
	if (o->target && strstr(o->target, "...")) {
		cmd_usage_error("audit", "'%s': symmetric ranges are not supported; use A..B",
				o->target);
		return -1;
	}
	return 0;
}

static void progress(size_t done, size_t total, void *payload)
{
	(void)payload;
	fprintf(stderr, "\rriskgate: %zu of %zu commits read", done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

typedef struct {
	const stats_opts *o;
	gate_stats *st;
	const char *base; /* full id, or "" */
	int initialised;
} stats_state;

/* Once the commits are read: counts them and ends the run. */
static int count_commits(gate_run *run, void *payload, gate_error *err)
{
	stats_state *s = payload;

	gate_stats_init(s->st, run->policy, s->o->kind, s->o->since_time);
	s->initialised = 1;
	if (gate_stats_add(s->st, run->repo, run->policy, run->change, s->base,
			   isatty(2) ? progress : NULL, NULL, err) < 0)
		return -1;
	return 1;
}

static int render(gate_buf *out, const char *format, const gate_stats *st,
		  const gate_stats_info *info, gate_error *err)
{
	gate_buf_clear(out);
	if (strcmp(format, "json") == 0)
		return gate_stats_json(out, st, info, err);
	if (strcmp(format, "html") == 0)
		return gate_stats_html(out, st, info, err);
	return gate_stats_markdown(out, st, info, err);
}

int cmd_audit_stats(int argc, char **argv)
{
	stats_opts o;
	gate_error err;
	gate_run_opts ro;
	gate_run run;
	gate_stats st;
	gate_stats_info info;
	stats_state state;
	gate_repo *repo = NULL;
	gate_buf out = GATE_BUF_INIT((size_t)1 << 30);
	char *base_rev = NULL, *head_rev = NULL, *branch_base = NULL;
	char base[GATE_OID_HEX + 1] = "", head[GATE_OID_HEX + 1] = "";
	const char *hide[1];
	int help, code = CMD_RUNTIME;

	gate_error_init(&err);
	gate_run_init(&run);
	memset(&st, 0, sizeof(st));
	memset(&state, 0, sizeof(state));
	if (parse_args(&o, argc, argv, &help) < 0)
		return CMD_USAGE;
	if (help) {
		fputs(stats_usage, stdout);
		return cmd_close_stdout();
	}
	if (gate_repo_open(&repo, o.repo, &err) < 0)
		goto failed;
	if (o.branch) {
		if (gate_audit_default_branch(&branch_base, repo, &err) < 0 ||
		    !(head_rev = gate_strdup(o.branch, &err)) ||
		    !(base_rev = gate_strdup(branch_base, &err)))
			goto failed;
	} else if (strstr(o.target, "..")) {
		if (gate_audit_split_range(&base_rev, &head_rev, o.target, &err) < 0)
			goto failed;
	} else if (!(head_rev = gate_strdup(o.target, &err))) {
		goto failed;
	}
	if (gate_repo_resolve(head, repo, head_rev, &err) < 0 ||
	    (base_rev && gate_repo_resolve(base, repo, base_rev, &err) < 0))
		goto failed;

	/* The commits of head that base does not hold, and no file diff: the
	 * range read from head to head. */
	memset(&ro, 0, sizeof(ro));
	ro.repo = repo;
	ro.policy_file = o.policy;
	ro.push = 1;
	ro.from = head;
	ro.head = head;
	hide[0] = base;
	ro.hide = hide;
	ro.nhide = base[0] ? 1 : 0;
	ro.sources = base[0] ? base : head;
	state.o = &o;
	state.st = &st;
	state.base = base;
	state.initialised = 0;
	ro.changed = count_commits;
	ro.payload = &state;
	if (gate_run_change(&run, &ro, &err) < 0)
		goto failed;

	info.spec = o.branch ? o.branch : o.target;
	info.head = head;
	info.since = o.since;
	info.policy = run.policy;
	if ((o.json_file && (render(&out, "json", &st, &info, &err) < 0 ||
			     cmd_write(o.json_file, out.ptr, out.size, &err) < 0)) ||
	    (o.markdown_file && (render(&out, "markdown", &st, &info, &err) < 0 ||
				 cmd_write(o.markdown_file, out.ptr, out.size, &err) < 0)) ||
	    (o.html_file && (render(&out, "html", &st, &info, &err) < 0 ||
			     cmd_write(o.html_file, out.ptr, out.size, &err) < 0)) ||
	    render(&out, o.format, &st, &info, &err) < 0 ||
	    cmd_write("-", out.ptr, out.size, &err) < 0)
		goto failed;
	code = CMD_PASS;
	goto done;
failed:
	code = cmd_print_error(&err);
done:
	if (state.initialised)
		gate_stats_dispose(&st);
	gate_run_dispose(&run);
	gate_repo_free(repo);
	free(base_rev);
	free(head_rev);
	free(branch_base);
	gate_buf_dispose(&out);
	if (cmd_close_stdout() != 0 && code == CMD_PASS)
		code = CMD_RUNTIME;
	return code;
}
