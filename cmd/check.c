/*
 * `riskgate check`: evaluates the change BASE...HEAD of a repository against
 * the policy and prints the verdict. Exit 0 pass, 1 fail, 2 usage or policy
 * error, 3 repository or runtime error.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "riskgate/conditions.h"
#include "riskgate/event.h"
#include "riskgate/report.h"
#include "riskgate/run.h"
#include "riskgate/simulate.h"
#include "riskgate/verdict.h"

static const char check_usage[] =
    "usage: riskgate check [--repo DIR] [--base REV] [--head REV] [--policy FILE]\n"
    "                      [--approvals FILE] [--teams FILE] [--author LOGIN]\n"
    "                      [--permissions FILE] [--pusher LOGIN] [--contributors FILE]\n"
    "                      [--target-branch NAME] [--source-branch NAME]\n"
    "                      [--label NAME]... [--no-labels] [--title TEXT]\n"
    "                      [--description FILE]\n"
    "                      [--allowed-signers FILE] [--openpgp-keyring FILE]\n"
    "                      [--format text|json|github|markdown|sarif] [--json FILE]\n"
    "                      [--sarif FILE] [--markdown FILE] [--no-color]\n"
    "                      [--simulate-approve LOGIN[,LOGIN...]] [--simulate-label NAME]\n"
    "                      [--write-note [--sign-key KEY]]\n"
    "\n"
    "Evaluates the change from the merge base of BASE and HEAD to HEAD (what a pull\n"
    "request shows, BASE...HEAD) and every commit reachable from HEAD and not from\n"
    "BASE: classifies each changed file into a risk tier and checks what the tier\n"
    "requires.\n"
    "\n"
    "options:\n"
    "  --repo DIR       the repository (default: discovered from the current directory)\n"
    "  --base REV       the branch the change merges into (default: the upstream of\n"
    "                   the current branch, else origin/HEAD)\n"
    "  --head REV       the tip of the change (default: HEAD)\n"
    "  --policy FILE    a trusted policy file outside the change (e.g. one shipped\n"
    "                   with the CI configuration); default: .riskgate.json in\n"
    "                   BASE's tree, else the built-in policy\n"
    "  --policy-path P  the policy at path P in BASE's tree (e.g.\n"
    "                   .github/riskgate.json), never the workspace's copy; P is\n"
    "                   guarded like .riskgate.json\n"
    "  --approvals FILE the pull request's reviews as GitHub's API returns them\n"
    "                   (GET /repos/O/R/pulls/N/reviews); without it, and unless the\n"
    "                   policy names trusted review trailers, reviewer requirements\n"
    "                   are 'unverified' and fail\n"
    "  --teams FILE     {\"org/team\": [\"login\", ...]} to resolve @org/team reviewers\n"
    "  --author LOGIN   the change's author, whose own approval never counts\n"
    "  --permissions FILE\n"
    "                   {\"login\": \"write\", ...}: each reviewer's repository\n"
    "                   permission (admin, maintain, write, triage, read, none) as\n"
    "                   GET /repos/O/R/collaborators/LOGIN/permission reports it;\n"
    "                   an approval counts only from a login it shows has write\n"
    "                   access (otherwise it is 'unverified' and does not count)\n"
    "  --pusher LOGIN   who pushed the head, when known: their approval does not\n"
    "                   count (nor that of any author, committer or co-author of\n"
    "                   the change's commits, unless the policy allows it)\n"
    "  --contributors FILE\n"
    "                   [\"login\", ...]: the GitHub logins of the change's commit\n"
    "                   authors and committers (GET /repos/O/R/pulls/N/commits),\n"
    "                   whose approvals do not count either\n"
    "  --target-branch NAME, --source-branch NAME, --label NAME (repeatable: all\n"
    "  the labels), --no-labels, --title TEXT\n"
    "                   the pull request's context for the policy's require_when\n"
    "                   conditions; an unknown one adds the requirements\n"
    "  --description FILE\n"
    "                   the pull request's description (- for standard input),\n"
    "                   where the author answers the failure-mode questions of\n"
    "                   require.walkthrough; without it only commit messages are read\n";

static const char check_usage_outputs[] =
    "  --allowed-signers FILE\n"
    "                   whose SSH keys sign commits, in git's\n"
    "                   gpg.ssh.allowedSignersFile format; without it a signature\n"
    "                   requirement (signed_commits, require_signed) cannot be met\n"
    "  --openpgp-keyring FILE\n"
    "                   whose OpenPGP keys sign commits: public keys as\n"
    "                   gpg --export [--armor] writes them; a key's user-ID emails\n"
    "                   are the identities it signs for\n"
    "  --format FMT     written to standard output: text (default), json, github\n"
    "                   (workflow-command annotations, then the text), markdown (a\n"
    "                   step summary under 1 MiB) or sarif (SARIF 2.1.0 for code\n"
    "                   scanning)\n"
    "  --json FILE      also write the JSON report to FILE\n"
    "  --sarif FILE     also write the SARIF report to FILE (its rules link to the\n"
    "                   docs at $RISKGATE_DOCS_URL when set, an http(s) URL ending\n"
    "                   in '/'; an error run's SARIF has no results, so that an\n"
    "                   upload cannot close open alerts)\n"
    "  --markdown FILE  also write the Markdown summary to FILE (e.g.\n"
    "                   \"$GITHUB_STEP_SUMMARY\")\n"
    "                   Each FILE is written whatever the verdict; on an error it\n"
    "                   says \"error\".\n"
    "  --no-color       no colour (also when NO_COLOR is set or not on a terminal)\n"
    "  --write-note     record the verdict as a git note on HEAD's commit under\n"
    "                   refs/notes/riskgate (docs/verdicts.md); push that ref to\n"
    "                   keep it\n"
    "  --sign-key KEY   sign the recorded verdict with the SSH private key KEY\n"
    "                   (ssh-keygen -Y sign, namespace riskgate-verdict), for\n"
    "                   'riskgate verify'\n";

/* The usage goes out in parts: ISO C bounds the length of one literal. */
static const char check_usage_simulate[] =
    "  --simulate-approve LOGIN[,LOGIN...]\n"
    "                   what if LOGIN approved the head too (repeatable, at most 20):\n"
    "                   also prints the verdict with each approval and which\n"
    "                   requirements it would turn to pass, assuming write access\n"
    "                   unless --permissions says otherwise; the exit code and the\n"
    "                   report's verdict stay the real ones\n"
    "  --simulate-label NAME\n"
    "                   a label the pull request would carry (repeatable): recorded\n"
    "                   in the simulation, not evaluated yet\n";

static const char check_usage_tail[] =
    "\n"
    "Revisions are anything libgit2 understands: branch and tag names, SHAs,\n"
    "origin/main, HEAD~3, main@{upstream}...\n"
    "\n"
    "exit codes: 0 pass, 1 fail, 2 usage or policy error, 3 repository or runtime\n"
    "error (unknown revision, shallow history, empty range, unwritable output).\n";

typedef struct {
	const char *repo;
	const char *base;
	const char *head;
	const char *policy;
	const char *policy_path;
	const char *format;
	const char *json_file;
	const char *sarif_file;
	const char *markdown_file;
	const char *approvals;
	const char *teams;
	const char *author;
	const char *permissions;
	const char *pusher;
	const char *contributors;
	const char *target_branch;
	const char *source_branch;
	const char *title;
	const char *description;
	const char *labels[GATE_COND_MAX_LABELS];
	size_t nlabels;
	int no_labels;
	const char *allowed_signers;
	const char *openpgp_keyring;
	int no_color;
	int write_note;
	const char *sign_key;
	/* --simulate-approve and --simulate-label: `simulate` is set when
	 * either was given; sim_logins point into sim_args (owned copies of
	 * the arguments, split at commas); labels are borrowed from argv. */
	int simulate;
	char *sim_args[GATE_SIMULATE_MAX_LOGINS + 1];
	size_t nsim_args;
	const char *sim_logins[GATE_SIMULATE_MAX_LOGINS + 1];
	size_t nsim_logins;
	const char *sim_labels[GATE_SIMULATE_MAX_LOGINS + 1];
	size_t nsim_labels;
} check_opts;

static void opts_dispose(check_opts *o)
{
	size_t i;

	for (i = 0; i < o->nsim_args; i++)
		free(o->sim_args[i]);
	o->nsim_args = 0;
}

/* --simulate-approve VALUE: its comma-separated logins. */
static int add_sim_logins(check_opts *o, const char *value)
{
	char *copy, *p, *comma;

	if (o->nsim_args > GATE_SIMULATE_MAX_LOGINS) {
		cmd_usage_error("check", "too many --simulate-approve logins (at most %d)",
				GATE_SIMULATE_MAX_LOGINS);
		return -1;
	}
	if (!(copy = strdup(value))) {
		cmd_usage_error("check", "out of memory");
		return -1;
	}
	o->sim_args[o->nsim_args++] = copy;
	for (p = copy;; p = comma + 1) {
		if ((comma = strchr(p, ',')))
			*comma = '\0';
		if (!p[0]) {
			cmd_usage_error("check",
					"--simulate-approve needs logins, separated by commas");
			return -1;
		}
		if (o->nsim_logins >= GATE_SIMULATE_MAX_LOGINS) {
			cmd_usage_error("check", "too many --simulate-approve logins (at most %d)",
					GATE_SIMULATE_MAX_LOGINS);
			return -1;
		}
		o->sim_logins[o->nsim_logins++] = p;
		if (!comma)
			return 0;
	}
}

/* The renderers of the report, by --format name; text takes a colour flag
 * and is handled apart. */
typedef int (*report_fn)(gate_buf *out, const gate_report *report, gate_error *err);

static const struct {
	const char *name;
	report_fn render;
} formats[] = {
    {"text", NULL},
    {"json", gate_report_json},
    {"github", gate_report_github},
    {"markdown", gate_report_markdown},
    {"sarif", gate_report_sarif},
};

/* Whether `name` is a format; *render (when not NULL) gets its renderer. */
static int find_format(const char *name, report_fn *render)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0) {
			if (render)
				*render = formats[i].render;
			return 1;
		}
	return 0;
}

/* A branch name of --target-branch/--source-branch: "main" or
 * "refs/heads/main" (made "main"), as git would accept it. */
static int branch_arg(const char **v, const char *opt)
{
	const char *why;

	if (!*v)
		return 0;
	if ((why = gate_event_check_branch(*v))) {
		cmd_usage_error("check", "%s: not a branch name (%s)", opt, why);
		return -1;
	}
	if (strncmp(*v, "refs/", 5) == 0 && !(*v = gate_cond_branch_of_ref(*v))) {
		cmd_usage_error("check", "%s: a ref that is not a branch (refs/heads/...)", opt);
		return -1;
	}
	return 0;
}

/* A label or title: text with no control character (one a terminal or a
 * log would act on), of at most `max` bytes. */
static int text_arg(const char *v, const char *opt, size_t max)
{
	const char *c;

	for (c = v; v && *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			cmd_usage_error("check", "%s: holds a control character", opt);
			return -1;
		}
	if (v && (!v[0] || strlen(v) > max)) {
		cmd_usage_error("check", "%s: needs 1 to %zu bytes", opt, max);
		return -1;
	}
	return 0;
}

static int parse_args(check_opts *o, int argc, char **argv, int *help)
{
	const char *value = NULL;
	const char *v;
	size_t k;
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
		if (strcmp(a, "--write-note") == 0) {
			o->write_note = 1;
			continue;
		}
		if ((rc = cmd_opt(argc, argv, &i, "check", "--simulate-approve", &value))) {
			if (rc < 0 || add_sim_logins(o, value) < 0)
				return -1;
			o->simulate = 1;
			continue;
		}
		if ((rc = cmd_opt(argc, argv, &i, "check", "--simulate-label", &value))) {
			if (rc < 0)
				return -1;
			if (!value[0] || o->nsim_labels >= GATE_SIMULATE_MAX_LOGINS) {
				cmd_usage_error("check",
						"--simulate-label needs a label (at most %d)",
						GATE_SIMULATE_MAX_LOGINS);
				return -1;
			}
			o->sim_labels[o->nsim_labels++] = value;
			o->simulate = 1;
			continue;
		}
		if (strcmp(a, "--no-labels") == 0) {
			o->no_labels = 1;
			continue;
		}
		if ((rc = cmd_opt(argc, argv, &i, "check", "--label", &v))) {
			if (rc < 0)
				return -1;
			if (o->nlabels == GATE_COND_MAX_LABELS) {
				cmd_usage_error("check", "more than %d --label options",
						GATE_COND_MAX_LABELS);
				return -1;
			}
			o->labels[o->nlabels++] = v;
			continue;
		}
		if ((rc = cmd_opt(argc, argv, &i, "check", "--repo", &o->repo)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--base", &o->base)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--head", &o->head)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--policy", &o->policy)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--policy-path", &o->policy_path)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--format", &o->format)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--json", &o->json_file)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--sarif", &o->sarif_file)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--markdown", &o->markdown_file)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--approvals", &o->approvals)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--teams", &o->teams)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--author", &o->author)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--permissions", &o->permissions)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--pusher", &o->pusher)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--contributors", &o->contributors)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--target-branch", &o->target_branch)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--source-branch", &o->source_branch)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--title", &o->title)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--description", &o->description)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--sign-key", &o->sign_key)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--allowed-signers",
				  &o->allowed_signers)) ||
		    (rc = cmd_opt(argc, argv, &i, "check", "--openpgp-keyring",
				  &o->openpgp_keyring))) {
			if (rc < 0)
				return -1;
			continue;
		}
		if (a[0] == '-')
			cmd_usage_error("check", "unknown option '%s'", a);
		else
			cmd_usage_error("check", "unexpected argument '%s' (use --base and --head)",
					a);
		return -1;
	}
	if (!find_format(o->format, NULL)) {
		cmd_usage_error(
		    "check", "unknown format '%s' (expected text, json, github, markdown or sarif)",
		    o->format);
		return -1;
	}
	if (o->base && !o->base[0]) {
		cmd_usage_error("check", "--base needs a revision");
		return -1;
	}
	if (o->pusher && !(o->pusher[0] == '@' ? o->pusher[1] : o->pusher[0])) {
		cmd_usage_error("check", "--pusher needs a login");
		return -1;
	}
	if (o->head && !o->head[0]) {
		cmd_usage_error("check", "--head needs a revision");
		return -1;
	}
	if (branch_arg(&o->target_branch, "--target-branch") < 0 ||
	    branch_arg(&o->source_branch, "--source-branch") < 0 ||
	    text_arg(o->title, "--title", GATE_EVENT_TITLE_MAX) < 0)
		return -1;
	for (k = 0; k < o->nlabels; k++)
		if (text_arg(o->labels[k], "--label", GATE_EVENT_LABEL_MAX) < 0)
			return -1;
	if (o->nlabels && o->no_labels) {
		cmd_usage_error("check", "--label and --no-labels contradict each other");
		return -1;
	}
	if (o->policy && o->policy_path) {
		cmd_usage_error("check", "--policy and --policy-path name two policies; give one");
		return -1;
	}
	if (o->sign_key && !o->write_note) {
		cmd_usage_error("check",
				"--sign-key signs the verdict note: give --write-note too");
		return -1;
	}
	if (o->sign_key && !*o->sign_key) {
		cmd_usage_error("check", "--sign-key needs a key file");
		return -1;
	}
	return 0;
}

/* --write-note: the verdict as a note on the evaluated head, signed with
 * --sign-key when given (docs/verdicts.md). */
static int write_note(const check_opts *o, const gate_report *report, gate_run *run,
		      gate_error *err)
{
	gate_buf note = GATE_BUF_INIT(GATE_VERDICT_MAX_SIZE);
	gate_verdict_ctx ctx;
	int error;

	memset(&ctx, 0, sizeof(ctx));
	ctx.pusher = o->pusher ? o->pusher : o->author;
	ctx.when = (long long)time(NULL);
	error = gate_verdict_record(&note, report, &ctx, err);
	if (!error && o->sign_key)
		error = gate_verdict_sign(&note, o->sign_key, err);
	if (!error)
		error =
		    gate_verdict_note_write(run->repo, run->change->head, note.ptr, note.size, err);
	gate_buf_dispose(&note);
	if (error < 0)
		gate_error_prefix(err, "while recording the verdict");
	return error;
}

/* Renders with `render` and writes to `path` ("-" for stdout). */
static int emit_one(const char *path, report_fn render, const gate_report *report, gate_buf *out,
		    gate_error *err)
{
	gate_buf_clear(out);
	if (render(out, report, err) < 0)
		return -1;
	return cmd_write(path, out->ptr ? out->ptr : "", out->size, err);
}

/* The JSON report, with the simulation when there is one, to `path`. */
static int emit_json(const char *path, const gate_report *report, const gate_simulation *sim,
		     gate_buf *out, gate_error *err)
{
	gate_buf_clear(out);
	if (gate_report_json_simulated(out, report, sim, err) < 0)
		return -1;
	return cmd_write(path, out->ptr ? out->ptr : "", out->size, err);
}

/*
 * Writes the report: JSON to --json FILE, SARIF to --sarif FILE, Markdown to
 * --markdown FILE, and the --format output to stdout. `text` is 0 for an
 * error run, whose text has already gone to stderr. Every output is tried
 * even when an earlier one could not be written, so that none is left stale;
 * `err` gets the first failure.
 */
static int emit(const check_opts *o, const gate_report *report, const gate_simulation *sim,
		int text, gate_error *err)
{
	gate_buf out = GATE_BUF_INIT((size_t)1 << 31);
	report_fn render = NULL;
	gate_error later;
	int failed = 0;

	gate_error_init(&later);
	find_format(o->format, &render);

	if (o->json_file && emit_json(o->json_file, report, sim, &out, failed ? &later : err) < 0)
		failed = 1;
	if (o->sarif_file &&
	    emit_one(o->sarif_file, gate_report_sarif, report, &out, failed ? &later : err) < 0)
		failed = 1;
	if (o->markdown_file && emit_one(o->markdown_file, gate_report_markdown, report, &out,
					 failed ? &later : err) < 0)
		failed = 1;
	if (render == gate_report_json) {
		if ((!text || !failed) &&
		    emit_json("-", report, sim, &out, failed ? &later : err) < 0)
			failed = 1;
	} else if (render) {
		/* After a failure, stdout gets only the error run's report. */
		if ((!text || !failed) &&
		    emit_one("-", render, report, &out, failed ? &later : err) < 0)
			failed = 1;
	} else if (text && !failed) {
		gate_buf_clear(&out);
		if (gate_report_text(&out, report, cmd_use_color(stdout, o->no_color), err) < 0 ||
		    gate_report_simulation_text(&out, sim, cmd_use_color(stdout, o->no_color),
						err) < 0 ||
		    cmd_write("-", out.ptr ? out.ptr : "", out.size, err) < 0)
			failed = 1;
	}
	gate_buf_dispose(&out);
	return failed ? -1 : 0;
}

/* RISKGATE_DOCS_URL: where SARIF's rule links point (docs/report.md). */
#define DOCS_URL_ENV "RISKGATE_DOCS_URL"

/* Refuses a RISKGATE_DOCS_URL that cannot be a link: -1 with a usage error. */
static int docs_url_env(gate_error *err)
{
	const char *url = getenv(DOCS_URL_ENV);

	if (!url || !*url || gate_report_sarif_docs_url_ok(url))
		return 0;
	return gate_error_set(err, GATE_ERR_USAGE,
			      DOCS_URL_ENV " must be an http(s) URL of the documentation's "
					   "directory, ending in '/' (got '%.200s')",
			      url);
}

/*
 * What SARIF says about where the change comes from: the repository (for
 * line fingerprints), its address (GitHub's, from GITHUB_SERVER_URL and
 * GITHUB_REPOSITORY in a workflow, else the remote origin's) and the
 * documentation's. *uri is the caller's to free.
 */
static void sarif_context(gate_report *report, gate_run *run, char **uri, const check_opts *o)
{
	const char *server = getenv("GITHUB_SERVER_URL"), *slug = getenv("GITHUB_REPOSITORY");
	const char *docs = getenv(DOCS_URL_ENV);
	gate_error ignored;

	/* Only SARIF reads these: no configuration read for other outputs. */
	if (!o->sarif_file && strcmp(o->format, "sarif") != 0)
		return;
	report->repo = run->repo;
	report->docs_url = docs && *docs ? docs : NULL;
	if (!*uri && server && *server && slug && *slug) {
		size_t n = strlen(server) + strlen(slug) + 2;

		if ((*uri = malloc(n)))
			snprintf(*uri, n, "%s/%s", server, slug);
	}
	gate_error_init(&ignored);
	if (!*uri && run->repo)
		(void)gate_repo_remote_url(uri, run->repo, "origin", &ignored);
	report->repository_uri = *uri;
}

int cmd_check(int argc, char **argv)
{
	check_opts o;
	gate_error err;
	gate_run_opts ro;
	gate_cond_facts facts;
	gate_run run;
	gate_report report;
	gate_simulation sim;
	char *repo_uri = NULL;
	size_t i;
	int help, code = CMD_RUNTIME;

	memset(&report, 0, sizeof(report));
	gate_error_init(&err);
	gate_run_init(&run);
	gate_simulation_init(&sim);
	if (parse_args(&o, argc, argv, &help) < 0) {
		opts_dispose(&o);
		return CMD_USAGE;
	}
	if (help) {
		opts_dispose(&o);
		fputs(check_usage, stdout);
		fputs(check_usage_outputs, stdout);
		fputs(check_usage_simulate, stdout);
		fputs(check_usage_tail, stdout);
		return cmd_close_stdout();
	}

	memset(&ro, 0, sizeof(ro));
	ro.repo_dir = o.repo;
	ro.base = o.base;
	ro.head = o.head;
	ro.base_default = GATE_RUN_BASE_UPSTREAM;
	ro.policy_file = o.policy;
	ro.policy_path = o.policy_path;
	ro.approvals_file = o.approvals;
	ro.teams_file = o.teams;
	ro.permissions_file = o.permissions;
	ro.contributors_file = o.contributors;
	ro.allowed_signers_file = o.allowed_signers;
	ro.openpgp_keyring_file = o.openpgp_keyring;
	ro.description_file = o.description;
	ro.author = o.author;
	ro.pusher = o.pusher;
	memset(&facts, 0, sizeof(facts));
	facts.target_branch = o.target_branch;
	facts.source_branch = o.source_branch;
	facts.title = o.title;
	facts.labels = o.labels;
	facts.nlabels = o.nlabels;
	facts.labels_known = o.nlabels > 0 || o.no_labels;
	ro.facts = &facts;
	if (docs_url_env(&err) < 0) {
		code = cmd_print_error(&err);
		opts_dispose(&o);
		return code;
	}
	if (gate_run_change(&run, &ro, &err) < 0)
		goto failed;
	/* What if: a second evaluation beside the real one, which alone
	 * decides the verdict and the exit code below. */
	if (o.simulate) {
		for (i = 0; i < o.nsim_labels; i++)
			if (gate_strlist_add(&sim.labels, o.sim_labels[i], &err) < 0)
				goto failed;
		if (gate_simulate_approvals(&sim, &run, o.sim_logins, o.nsim_logins, &err) < 0)
			goto failed;
	}

	sarif_context(&report, &run, &repo_uri, &o);
	report.policy = run.policy;
	report.change = run.change;
	report.result = &run.result;
	report.error = NULL;
	if (emit(&o, &report, o.simulate ? &sim : NULL, 1, &err) < 0)
		goto failed;
	if (o.write_note && write_note(&o, &report, &run, &err) < 0) {
		code = cmd_print_error(&err);
		goto done;
	}
	code = gate_report_verdict(&report) == GATE_VERDICT_PASS ? CMD_PASS : CMD_FAIL;
	if (gate_report_verdict(&report) == GATE_VERDICT_ERROR)
		code = CMD_RUNTIME;
	goto done;

failed:
	code = cmd_print_error(&err);
	if (o.json_file || o.sarif_file || o.markdown_file || strcmp(o.format, "text") != 0) {
		/* The reports still say what happened: a CI step that reads them
		 * must see "error", never a stale or missing verdict (also when
		 * another output could not be written: that one fails again, and
		 * its error has been given). Text output has already been given
		 * on stderr. */
		gate_error werr;

		gate_error_init(&werr);
		sarif_context(&report, &run, &repo_uri, &o);
		report.policy = run.policy;
		report.change = run.change;
		report.result = &run.result;
		report.error = &err;
		if (emit(&o, &report, NULL, 0, &werr) < 0 && err.klass != GATE_ERR_IO)
			cmd_print_error(&werr);
	}
done:
	free(repo_uri);
	gate_simulation_dispose(&sim);
	opts_dispose(&o);
	gate_run_dispose(&run);
	if (code == CMD_RUNTIME && err.klass == GATE_ERR_IO)
		fclose(stdout); /* a write error was reported once already */
	else if (cmd_close_stdout() != 0 && code != CMD_USAGE)
		code = CMD_RUNTIME;
	return code;
}
