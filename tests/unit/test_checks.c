/*
 * Tests for each requirement check through gate_evaluate (src/check.c,
 * src/checks/): a policy of one tier that asks for one requirement, a change
 * that meets it and one that does not, and the requirement's status and the
 * violation's check and message compared. The size, test and review checks
 * run on changes built in memory; provenance, observability and content
 * rules read the repository (the commits a change touches, the new version
 * of a file), so their changes are real commits made with git.
 */
#include "riskgate/banned.h"

#include "riskgate/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/classify.h"
#include "riskgate/report.h"

#include "gitrepo.h"
#include "unit.h"

#define HEAD_SHA "1111111111111111111111111111111111111111"
#define BASE_SHA "2222222222222222222222222222222222222222"

/* The policy of every row: one tier, "t", asking for the row's
 * requirements (%s, a JSON object). */
static const char policy_fmt[] =
    "{\"version\": 1, \"default_tier\": \"t\",\n"
    " \"tests\": {\"paths\": [\"(^|/)tests/\"]},\n"
    " \"observability\": {\"window\": 3, \"languages\": [\n"
    "   {\"name\": \"py\", \"files\": [\"\\\\.py$\"], \"hooks\": [\"\\\\blog\\\\.\"]}]},\n"
    " \"rules\": [{\"id\": \"py.bare-except\", \"message\": \"bare except swallows errors\",\n"
    "   \"files\": [\"\\\\.py$\"], \"trigger\": \"except:\"}],\n"
    " \"tiers\": [{\"name\": \"t\", \"require\": %s}]}\n";

/* One changed file of an in-memory change; `same_blob` when only its mode
 * changed (the old and new blob are one). */
typedef struct {
	const char *path;
	gate_status status;
	size_t additions, deletions;
	int same_blob;
} mem_file;

#define MAX_FILES 4
#define FILE_(path, status, adds, dels)                                                            \
	{                                                                                          \
		(path), (status), (adds), (dels), 0                                                \
	}
#define MODE_ONLY(path)                                                                            \
	{                                                                                          \
		(path), GATE_STATUS_MODIFIED, 0, 0, 1                                              \
	}

/*
 * One row: the tier's `require` object, the changed files, who reviewed
 * (GitHub's reviews JSON, NULL: no approvals file), their permissions and
 * the base's CODEOWNERS (NULL: none), then what `check` must report: its
 * requirement's status and, when `message` is set, a violation of that
 * check whose message holds it (else none).
 */
typedef struct {
	const char *name;
	const char *require;
	mem_file files[MAX_FILES];
	const char *reviews;
	const char *permissions;
	const char *codeowners;
	const char *check;
	gate_req_status status;
	const char *message;
} mem_row;

#define REVIEW(login, state)                                                                       \
	"{\"user\": {\"login\": \"" login "\"}, \"state\": \"" state                               \
	"\", \"commit_id\": \"" HEAD_SHA                                                           \
	"\", \"submitted_at\": \"2024-01-01T00:00:00Z\", \"author_association\": \"MEMBER\"}"

static const mem_row mem_rows[] = {
    {"tests changed, with a test",
     "{\"tests\": \"changed\"}",
     {FILE_("src/a.c", GATE_STATUS_MODIFIED, 3, 1), FILE_("tests/a.c", GATE_STATUS_MODIFIED, 2, 0)},
     NULL,
     NULL,
     NULL,
     "tests",
     GATE_REQ_PASS,
     NULL},
    {"tests changed, without a test",
     "{\"tests\": \"changed\"}",
     {FILE_("src/a.c", GATE_STATUS_MODIFIED, 3, 1)},
     NULL,
     NULL,
     NULL,
     "tests",
     GATE_REQ_FAIL,
     "src/a.c is in tier \"t\", which requires a test change, and the change touches no test "
     "file"},
    {"tests changed, a test whose mode alone changed",
     "{\"tests\": \"changed\"}",
     {FILE_("src/a.c", GATE_STATUS_MODIFIED, 3, 1), MODE_ONLY("tests/a.c")},
     NULL,
     NULL,
     NULL,
     "tests",
     GATE_REQ_FAIL,
     "src/a.c is in tier \"t\", which requires a test change"},
    {"tests changed, a deleted file needs none",
     "{\"tests\": \"changed\"}",
     {FILE_("src/a.c", GATE_STATUS_DELETED, 0, 9)},
     NULL,
     NULL,
     NULL,
     "tests",
     GATE_REQ_PASS,
     NULL},
    {"max_files within",
     "{\"max_files\": 2}",
     {FILE_("a.c", GATE_STATUS_ADDED, 1, 0), FILE_("b.c", GATE_STATUS_MODIFIED, 1, 1)},
     NULL,
     NULL,
     NULL,
     "max_files",
     GATE_REQ_PASS,
     NULL},
    {"max_files over",
     "{\"max_files\": 2}",
     {FILE_("a.c", GATE_STATUS_ADDED, 1, 0), FILE_("b.c", GATE_STATUS_MODIFIED, 1, 1),
      FILE_("c.c", GATE_STATUS_DELETED, 0, 4)},
     NULL,
     NULL,
     NULL,
     "max_files",
     GATE_REQ_FAIL,
     "the change has 3 files in tier \"t\", more than its limit of 2"},
    {"max_lines at the limit",
     "{\"max_lines\": 10}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 6, 1), FILE_("b.c", GATE_STATUS_MODIFIED, 2, 1)},
     NULL,
     NULL,
     NULL,
     "max_lines",
     GATE_REQ_PASS,
     NULL},
    {"max_lines over",
     "{\"max_lines\": 10}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 6, 1), FILE_("b.c", GATE_STATUS_MODIFIED, 3, 1)},
     NULL,
     NULL,
     NULL,
     "max_lines",
     GATE_REQ_FAIL,
     "the change has 11 changed lines in tier \"t\", more than its limit of 10"},
    {"approvals by a writer",
     "{\"approvals\": 1}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "]",
     "{\"alice\": \"write\"}",
     NULL,
     "approvals",
     GATE_REQ_PASS,
     NULL},
    {"approvals by a reader",
     "{\"approvals\": 1}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "]",
     "{\"alice\": \"read\"}",
     NULL,
     "approvals",
     GATE_REQ_FAIL,
     "0 distinct human approval(s); tier \"t\" needs 1"},
    {"approvals unknown",
     "{\"approvals\": 1}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     NULL,
     NULL,
     NULL,
     "approvals",
     GATE_REQ_UNVERIFIED,
     "tier \"t\" needs 1 approval(s), and who approved is not known"},
    {"approvals without shown write access",
     "{\"approvals\": 1}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "]",
     NULL,
     NULL,
     "approvals",
     GATE_REQ_UNVERIFIED,
     "1 approval(s) unverified and not counted"},
    {"approval_rules: each rule has its approver",
     "{\"approval_rules\": [{\"from\": [\"bob\"]}, {\"name\": \"two\", \"count\": 2}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "," REVIEW("bob", "APPROVED") "]",
     "{\"alice\": \"write\", \"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_PASS,
     NULL},
    {"approval_rules: one rule lacks its approver",
     "{\"approval_rules\": [{\"from\": [\"bob\"]}, {\"from\": [\"carol\"]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "rule 2 of tier \"t\" needs 1 approval(s), and 0 counted"},
    {"approval_rules: any_of with one branch holding",
     "{\"approval_rules\": [{\"any_of\": [{\"from\": [\"bob\"]}, {\"from\": "
     "[\"carol\"]}]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("carol", "APPROVED") "]",
     "{\"carol\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_PASS,
     NULL},
    {"approval_rules: all_of nested under any_of, one short",
     "{\"approval_rules\": [{\"any_of\": [{\"all_of\": [{\"from\": [\"bob\"]}, {\"from\": "
     "[\"carol\"]}]}, {\"count\": 3}]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("carol", "APPROVED") "]",
     "{\"carol\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "rule 1.1.1 of tier \"t\" needs 1 approval(s), and 0 counted"},
    {"approval_rules: an approval without write access counts for no rule",
     "{\"approval_rules\": [{\"from\": [\"bob\"]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"read\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "rule 1 of tier \"t\" needs 1 approval(s), and 0 counted"},
    /* A rule's "when" (docs/policy.md, "Conditions on one rule"). */
    {"approval_rules: a rule whose condition fails is left out",
     "{\"approval_rules\": [{\"from\": [\"bob\"]}, {\"from\": [\"carol\"], \"when\": "
     "{\"min_changed_lines\": 10}}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_PASS,
     NULL},
    {"approval_rules: a rule whose condition holds is asked for",
     "{\"approval_rules\": [{\"from\": [\"bob\"]}, {\"from\": [\"carol\"], \"when\": "
     "{\"min_changed_lines\": 2}}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "rule 2 of tier \"t\" needs 1 approval(s), and 0 counted"},
    {"approval_rules: no rule applies",
     "{\"approval_rules\": [{\"from\": [\"carol\"], \"when\": {\"min_changed_files\": 2}}, "
     "{\"all_of\": [{\"from\": [\"carol\"], \"when\": {\"min_changed_lines\": 9}}]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[]",
     "{}",
     NULL,
     "approval_rules",
     GATE_REQ_PASS,
     NULL},
    {"approval_rules: any_of left with one rule that does not hold",
     "{\"approval_rules\": [{\"any_of\": [{\"from\": [\"bob\"], \"when\": "
     "{\"min_changed_files\": 2}}, {\"from\": [\"carol\"]}]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "rule 1.2 of tier \"t\" needs 1 approval(s), and 0 counted"},
    {"approval_rules: a condition that cannot be evaluated applies the rule",
     "{\"approval_rules\": [{\"from\": [\"carol\"], \"when\": {\"target_branch\": "
     "\"^release/\"}}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "rule 1 of tier \"t\" needs 1 approval(s), and 0 counted"},
    /* An any_of whose one satisfied rule applies only because its target
     * branch is unknown: that rule must not open a way to pass. */
    {"approval_rules: an unevaluated condition never satisfies an any_of",
     "{\"approval_rules\": [{\"any_of\": [{\"from\": [\"carol\"]}, {\"from\": [\"bob\"], "
     "\"when\": {\"target_branch\": \"^hotfix/\"}}]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "rule 1.1 of tier \"t\" needs 1 approval(s), and 0 counted"},
    {"approval_rules: an any_of with only unevaluated rules is still asked for",
     "{\"approval_rules\": [{\"any_of\": [{\"from\": [\"bob\"], \"when\": "
     "{\"target_branch\": \"^hotfix/\"}}]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_FAIL,
     "such a rule cannot satisfy an any_of"},
    {"approval_rules: an unevaluated rule in an all_of must hold",
     "{\"approval_rules\": [{\"all_of\": [{\"from\": [\"bob\"]}, {\"from\": [\"bob\"], "
     "\"when\": {\"target_branch\": \"^hotfix/\"}}]}]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "approval_rules",
     GATE_REQ_PASS,
     NULL},
    {"reviewers: the named one approved",
     "{\"reviewers\": [\"bob\"]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     NULL,
     "reviewers",
     GATE_REQ_PASS,
     NULL},
    {"reviewers: another approved",
     "{\"reviewers\": [\"bob\"]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "]",
     "{\"alice\": \"write\"}",
     NULL,
     "reviewers",
     GATE_REQ_FAIL,
     "0 of the required 1 approval(s) from bob"},
    {"reviewers: the named one requested changes",
     "{\"reviewers\": [\"bob\"]}",
     {FILE_("a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "," REVIEW("bob", "CHANGES_REQUESTED") "]",
     "{\"alice\": \"write\", \"bob\": \"write\"}",
     NULL,
     "reviewers",
     GATE_REQ_FAIL,
     "bob, a required reviewer of tier \"t\", has requested changes"},
    {"codeowners: an owner approved",
     "{\"codeowners\": true}",
     {FILE_("src/a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "]",
     "{\"alice\": \"write\"}",
     "/src/ @alice\n",
     "codeowners",
     GATE_REQ_PASS,
     NULL},
    {"codeowners: only a non-owner approved",
     "{\"codeowners\": true}",
     {FILE_("src/a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("bob", "APPROVED") "]",
     "{\"bob\": \"write\"}",
     "/src/ @alice\n",
     "codeowners",
     GATE_REQ_FAIL,
     "src/a.c needs an approval from one of its code owners (@alice, CODEOWNERS line 1)"},
    {"codeowners: an unowned file",
     "{\"codeowners\": true}",
     {FILE_("doc/a.md", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "]",
     "{\"alice\": \"write\"}",
     "/src/ @alice\n",
     "codeowners",
     GATE_REQ_FAIL,
     "CODEOWNERS gives it no owner"},
    {"codeowners: no CODEOWNERS at the base",
     "{\"codeowners\": true}",
     {FILE_("src/a.c", GATE_STATUS_MODIFIED, 1, 1)},
     "[" REVIEW("alice", "APPROVED") "]",
     "{\"alice\": \"write\"}",
     NULL,
     "codeowners",
     GATE_REQ_FAIL,
     "the base revision has no CODEOWNERS file"},
};

static char *format_policy(const char *require)
{
	size_t size = sizeof(policy_fmt) + strlen(require);
	char *text = malloc(size);

	if (text)
		snprintf(text, size, policy_fmt, require);
	return text;
}

static gate_policy *load_policy(const char *require)
{
	gate_policy *policy = NULL;
	gate_error err;
	char *text = format_policy(require);

	gate_error_init(&err);
	if (!text ||
	    gate_policy_load(&policy, text, strlen(text), "policy.json", "test", NULL, &err) < 0) {
		fprintf(stderr, "policy %s: %s\n", require, err.message);
		policy = NULL;
	}
	free(text);
	return policy;
}

/*
 * Checks that `res` holds one requirement of `check` in tier "t" with
 * status `status`, and a violation of `check` whose message holds
 * `message` (none when NULL). `what` names the row in failures.
 */
static void expect(const gate_result *res, const char *what, const char *check,
		   gate_req_status status, const char *message)
{
	const gate_requirement *req = NULL;
	const gate_violation *viol = NULL;
	size_t i, nreqs = 0;

	for (i = 0; i < res->nreqs; i++)
		if (strcmp(res->reqs[i].check, check) == 0) {
			req = &res->reqs[i];
			nreqs++;
		}
	for (i = 0; i < res->nviols && !viol; i++)
		if (strcmp(res->viols[i].check, check) == 0)
			viol = &res->viols[i];
	if (nreqs != 1 || req->status != status || strcmp(req->tier, "t") != 0) {
		fprintf(stderr, "%s: %zu %s requirement(s), status %d (expected one, status %d)\n",
			what, nreqs, check, req ? (int)req->status : -1, (int)status);
		unit_current_failed = 1;
	}
	if (message && (!viol || !strstr(viol->message, message) || strcmp(viol->tier, "t"))) {
		fprintf(stderr, "%s: expected a %s violation with \"%s\", got \"%s\"\n", what,
			check, message, viol ? viol->message : "(none)");
		unit_current_failed = 1;
	}
	if (!message && viol) {
		fprintf(stderr, "%s: unexpected %s violation: %s\n", what, check, viol->message);
		unit_current_failed = 1;
	}
}

static void run_mem_row(const mem_row *row)
{
	gate_file files[MAX_FILES];
	gate_commit commit;
	gate_change change;
	gate_eval_opts opts;
	gate_result res;
	gate_error err;
	gate_policy *policy = load_policy(row->require);
	gate_approvals *approvals = NULL;
	gate_permissions *perms = NULL;
	gate_codeowners *owners = NULL;
	size_t i;

	gate_error_init(&err);
	gate_result_init(&res);
	memset(files, 0, sizeof(files));
	memset(&commit, 0, sizeof(commit));
	memset(&change, 0, sizeof(change));
	memset(&opts, 0, sizeof(opts));
	CHECK(policy != NULL);
	if (!policy)
		return;
	for (i = 0; i < MAX_FILES && row->files[i].path; i++) {
		gate_file *f = &files[i];

		f->path = (char *)row->files[i].path;
		f->path_len = strlen(f->path);
		f->status = row->files[i].status;
		f->additions = row->files[i].additions;
		f->deletions = row->files[i].deletions;
		f->old_mode = f->status == GATE_STATUS_ADDED ? 0 : 0100644;
		f->new_mode = f->status == GATE_STATUS_DELETED ? 0 : 0100644;
		if (f->status != GATE_STATUS_ADDED)
			memset(f->old_oid, 'a', GATE_OID_HEX);
		if (f->status != GATE_STATUS_DELETED)
			memset(f->new_oid, row->files[i].same_blob ? 'a' : 'b', GATE_OID_HEX);
		if (row->files[i].same_blob)
			f->new_mode = 0100755;
	}
	change.files = files;
	change.nfiles = i;
	snprintf(change.head, sizeof(change.head), "%s", HEAD_SHA);
	snprintf(change.base, sizeof(change.base), "%s", BASE_SHA);
	snprintf(change.merge_base, sizeof(change.merge_base), "%s", BASE_SHA);
	snprintf(commit.sha, sizeof(commit.sha), "%s", HEAD_SHA);
	commit.author_name = commit.committer_name = (char *)"A U Thor";
	commit.author_email = commit.committer_email = (char *)"author@example.com";
	commit.message = (char *)"Change a file\n\nSigned-off-by: A U Thor <author@example.com>\n";
	change.commits = &commit;
	change.ncommits = 1;
	if (row->reviews)
		CHECK(gate_approvals_load(&approvals, row->reviews, strlen(row->reviews), NULL,
					  HEAD_SHA, 0, "author", &err) == 0);
	if (row->permissions)
		CHECK(gate_permissions_load(&perms, row->permissions, strlen(row->permissions),
					    NULL, &err) == 0);
	if (row->codeowners)
		CHECK(gate_codeowners_parse(&owners, row->codeowners, strlen(row->codeowners),
					    "CODEOWNERS", NULL, &err) == 0);
	opts.approvals = approvals;
	opts.permissions = perms;
	opts.codeowners = owners;
	opts.codeowners_file = row->codeowners ? "CODEOWNERS" : NULL;
	opts.author = "author";
	if (gate_evaluate(&res, policy, &change, NULL, &opts, &err) < 0) {
		fprintf(stderr, "%s: %s\n", row->name, err.message);
		unit_current_failed = 1;
	} else {
		expect(&res, row->name, row->check, row->status, row->message);
	}
	gate_result_dispose(&res);
	gate_codeowners_free(owners);
	gate_permissions_free(perms);
	gate_approvals_free(approvals);
	gate_policy_free(policy);
}

static void test_in_memory(void)
{
	size_t i;

	for (i = 0; i < sizeof(mem_rows) / sizeof(mem_rows[0]); i++)
		run_mem_row(&mem_rows[i]);
}

/* The checks an in-memory change cannot drive say so, and fail closed. */
static void test_need_a_repository(void)
{
	static const char *const requires[] = {
	    "{\"provenance\": {\"require_disclosure\": true}}",
	    "{\"observability\": true}",
	    "{\"rules\": [\"py.bare-except\"]}",
	};
	gate_file file;
	gate_change change;
	gate_result res;
	gate_error err;
	size_t i;

	for (i = 0; i < sizeof(requires) / sizeof(requires[0]); i++) {
		gate_policy *policy = load_policy(requires[i]);

		memset(&file, 0, sizeof(file));
		memset(&change, 0, sizeof(change));
		file.path = (char *)"app.py";
		file.path_len = 6;
		file.status = GATE_STATUS_ADDED;
		file.new_mode = 0100644;
		file.additions = 1;
		change.files = &file;
		change.nfiles = 1;
		gate_error_init(&err);
		gate_result_init(&res);
		CHECK(policy != NULL);
		CHECK(policy && gate_evaluate(&res, policy, &change, NULL, NULL, &err) < 0);
		CHECK(err.klass == GATE_ERR_INTERNAL);
		CHECK(strstr(err.message, "repositor") != NULL);
		gate_result_dispose(&res);
		gate_policy_free(policy);
	}
}

/*
 * One row read from a repository: a base commit, then one commit with
 * message `message` that writes `content` to `path`; the change is
 * base..head.
 */
typedef struct {
	const char *name;
	const char *require;
	const char *path;
	const char *content;
	const char *message;
	const char *check;
	gate_req_status status;
	const char *message_part;
	/* 0: no allowed signers file; 1: one listing the committer's key, the
	 * commit unsigned; 2: the same, the commit signed with that key. */
	int signing;
	/* The git-ai note of the commit (refs/notes/ai), or NULL. */
	const char *note;
} repo_row;

/* A git-ai note by one Claude session attesting `ranges` of app.py. */
#define AI_NOTE(ranges)                                                                            \
	"app.py\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 " ranges "\n---\n"                           \
	"{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"abc\", "                \
	"\"prompts\": {}, \"sessions\": {\"s_c9883b05a2487d\": {\"agent_id\": "                    \
	"{\"tool\": \"claude\", \"id\": \"x\", \"model\": \"m\"}}}}\n"

static const repo_row repo_rows[] = {
    {"provenance disclosed", "{\"provenance\": {\"require_disclosure\": true}}", "app.c",
     "int x;\n", "Add x\n\nAI-Assisted: no\n", "provenance", GATE_REQ_PASS, NULL, 0, NULL},
    {"provenance not disclosed", "{\"provenance\": {\"require_disclosure\": true}}", "app.c",
     "int x;\n", "Add x\n", "provenance", GATE_REQ_FAIL,
     "touches tier \"t\" without saying whether", 0, NULL},
    {"provenance signed off", "{\"provenance\": {\"require_signoff\": true}}", "app.c", "int x;\n",
     "Add x\n\nSigned-off-by: A U Thor <author@example.com>\n", "provenance", GATE_REQ_PASS, NULL,
     0, NULL},
    {"provenance not signed off", "{\"provenance\": {\"require_signoff\": true}}", "app.c",
     "int x;\n", "Add x\n", "provenance", GATE_REQ_FAIL,
     "touches tier \"t\" and has no Signed-off-by from a human author or committer", 0, NULL},
    {"observability with a hook", "{\"observability\": true}", "app.py",
     "def f():\n    log.info('f')\n    return 1\n", "Add f\n", "observability", GATE_REQ_PASS, NULL,
     0, NULL},
    {"observability without a hook", "{\"observability\": true}", "app.py",
     "def f():\n    return 1\n", "Add f\n", "observability", GATE_REQ_FAIL,
     "app.py adds py code in tier \"t\" with no logging, metrics, tracing or "
     "error-reporting hook within 3 lines of it",
     0, NULL},
    {"rules not triggered", "{\"rules\": [\"py.bare-except\"]}", "app.py",
     "try:\n    f()\nexcept ValueError:\n    log.info('x')\n", "Add f\n", "rules", GATE_REQ_PASS,
     NULL, 0, NULL},
    {"rules triggered", "{\"rules\": [\"py.bare-except\"]}", "app.py",
     "try:\n    f()\nexcept:\n    pass\n", "Add f\n", "rules", GATE_REQ_FAIL,
     "bare except swallows errors", 0, NULL},
    {"signed commits, signed", "{\"signed_commits\": true}", "app.c", "int x;\n", "Add x\n",
     "signed_commits", GATE_REQ_PASS, NULL, 2, NULL},
    {"signed commits, unsigned", "{\"signed_commits\": true}", "app.c", "int x;\n", "Add x\n",
     "signed_commits", GATE_REQ_FAIL,
     "is not signed by its committer <committer@example.com>: unsigned", 1, NULL},
    {"signed commits, no allowed signers", "{\"signed_commits\": true}", "app.c", "int x;\n",
     "Add x\n", "signed_commits", GATE_REQ_UNVERIFIED,
     "cannot be verified without an allowed signers file", 0, NULL},
    {"dependencies pinned", "{\"dependencies\": true}", "requirements.txt", "requests==2.31.0\n",
     "Add requests\n", "dependencies", GATE_REQ_PASS, NULL, 0, NULL},
    {"dependencies look-alike", "{\"dependencies\": true}", "requirements.txt",
     "reqeusts==2.31.0\n", "Add reqeusts\n", "dependencies", GATE_REQ_FAIL,
     "reqeusts looks like requests, a widely used pypi package, but is not it", 0, NULL},
    {"walkthrough answered", "{\"walkthrough\": [\"runs-twice\"]}", "app.c", "int x;\n",
     "Add x\n\nWhat happens if this runs twice?\nThe second run sees x already set and "
     "returns.\n",
     "walkthrough", GATE_REQ_PASS, NULL, 0, NULL},
    {"walkthrough not answered", "{\"walkthrough\": [\"runs-twice\"]}", "app.c", "int x;\n",
     "Add x\n\nWhat happens if this runs twice?\nN/A\n", "walkthrough", GATE_REQ_FAIL,
     "\"What happens if this runs twice?\" is not answered: its section says nothing", 0, NULL},
    {"ai_lines block with a hook", "{\"ai_lines\": {\"observability\": true}}", "app.py",
     "def f():\n    log.info('f')\n    return 1\n", "Add f\n", "ai_lines", GATE_REQ_PASS, NULL, 0,
     AI_NOTE("1-3")},
    {"ai_lines block without a hook", "{\"ai_lines\": {\"observability\": true}}", "app.py",
     "def f():\n    return 1\n", "Add f\n", "ai_lines", GATE_REQ_FAIL,
     "lines 1-2 of app.py, written by claude (m), add py code in tier \"t\" with no logging", 0,
     AI_NOTE("1-2")},
};

static void run_repo_row(const repo_row *row, unsigned index)
{
	char dir[32], base[GATE_OID_HEX + 1], head[GATE_OID_HEX + 1];
	gate_policy *policy = load_policy(row->require);
	gate_repo *repo = NULL;
	gate_change *change = NULL;
	gate_allowed_signers *signers = NULL;
	gate_eval_opts opts;
	gate_result res;
	gate_error err;

	gate_error_init(&err);
	gate_result_init(&res);
	memset(&opts, 0, sizeof(opts));
	CHECK(policy != NULL);
	snprintf(dir, sizeof(dir), "row%u", index);
	gitrepo_init(dir, NULL);
	gitrepo_write("README", "base\n", 5, 0);
	gitrepo_commit("Base\n\nAI-Assisted: no\nSigned-off-by: A U Thor <author@example.com>");
	gitrepo_rev(base, "HEAD");
	gitrepo_write(row->path, row->content, strlen(row->content), 0);
	gitrepo_commit(row->message);
	if (row->signing) {
		char path[512];

		gitrepo_sh(
		    "cd '%s' && { test -f signer || ssh-keygen -q -t ed25519 -N '' -f signer; "
		    "} && printf 'committer@example.com %%s\\n' \"$(cut -d' ' -f1,2 "
		    "signer.pub)\" >allowed",
		    gitrepo_top());
		if (row->signing == 2)
			gitrepo_sh(
			    "cd '%s' && git -c gpg.format=ssh -c user.signingkey='%s/signer' "
			    "commit -q --amend --no-edit -S",
			    gitrepo_dir(), gitrepo_top());
		snprintf(path, sizeof(path), "%s/allowed", gitrepo_top());
		if (gate_allowed_signers_load_file(&signers, path, &err) < 0)
			fprintf(stderr, "%s\n", err.message);
		opts.allowed_signers = signers;
	}
	if (row->note) {
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/note%u", gitrepo_top(), index);
		if ((f = fopen(path, "w"))) {
			fputs(row->note, f);
			fclose(f);
		}
		gitrepo_sh("cd '%s' && git notes --ref=ai add -F '%s' HEAD", gitrepo_dir(), path);
	}
	gitrepo_rev(head, "HEAD");
	if (!policy || gate_repo_open(&repo, gitrepo_dir(), &err) < 0 ||
	    gate_change_read(&change, repo, base, head, &err) < 0 ||
	    gate_evaluate(&res, policy, change, repo, &opts, &err) < 0) {
		fprintf(stderr, "%s: %s\n", row->name, err.message);
		unit_current_failed = 1;
	} else {
		expect(&res, row->name, row->check, row->status, row->message_part);
	}
	gate_result_dispose(&res);
	gate_change_free(change);
	gate_repo_free(repo);
	gate_policy_free(policy);
	gate_allowed_signers_free(signers);
}

static void test_from_a_repository(void)
{
	unsigned i;

	for (i = 0; i < sizeof(repo_rows) / sizeof(repo_rows[0]); i++)
		run_repo_row(&repo_rows[i], i);
}

/* Every check of the registry has a passing and a failing row above. */
static void test_every_check_covered(void)
{
	const gate_check_info *reg, *c;
	size_t i, n;

	reg = gate_check_registry(&n);
	for (c = reg; c < reg + n; c++) {
		int pass = 0, fail = 0;

		for (i = 0; i < sizeof(mem_rows) / sizeof(mem_rows[0]); i++)
			if (strcmp(mem_rows[i].check, c->name) == 0) {
				pass |= mem_rows[i].status == GATE_REQ_PASS;
				fail |= mem_rows[i].status == GATE_REQ_FAIL;
			}
		for (i = 0; i < sizeof(repo_rows) / sizeof(repo_rows[0]); i++)
			if (strcmp(repo_rows[i].check, c->name) == 0) {
				pass |= repo_rows[i].status == GATE_REQ_PASS;
				fail |= repo_rows[i].status == GATE_REQ_FAIL;
			}
		if (!pass || !fail) {
			fprintf(stderr, "check %s lacks a %s row\n", c->name,
				pass ? "failing" : "passing");
			unit_current_failed = 1;
		}
	}
}

/* Every row describes its part of a tier's requirements, and each of the
 * two orders visits every row once. */
static void test_every_check_described(void)
{
	const gate_check_info *reg, *c;
	size_t n, seen;

	reg = gate_check_registry(&n);
	for (c = reg; c < reg + n; c++) {
		if (!c->describe_text || !c->describe_json) {
			fprintf(stderr, "check %s has no describer\n", c->name);
			unit_current_failed = 1;
		}
	}
	for (seen = 0, c = gate_check_next(NULL, GATE_CHECK_ORDER_TEXT); c;
	     c = gate_check_next(c, GATE_CHECK_ORDER_TEXT))
		seen++;
	CHECK(seen == n);
	for (seen = 0, c = gate_check_next(NULL, GATE_CHECK_ORDER_JSON); c;
	     c = gate_check_next(c, GATE_CHECK_ORDER_JSON))
		seen++;
	CHECK(seen == n);
}

/* A tier asking for every requirement: explain lists each check's part, in
 * the text's order and with each of its `require` keys in the JSON. */
static void test_explain_lists_every_check(void)
{
	static const char require[] =
	    "{\"tests\": \"changed\", \"max_files\": 5, \"max_lines\": 100, "
	    "\"approvals\": 2, \"changes_requested\": \"owners\", "
	    "\"reviewers\": [\"alice\", \"@org/team\"], "
	    "\"reviewers_min\": 1, \"approval_rules\": [{\"from\": [\"@org\"]}], "
	    "\"codeowners\": true, \"observability\": true, "
	    "\"provenance\": {\"require_disclosure\": true, \"require_signoff\": true, "
	    "\"ai_allowed\": false, \"ai_extra_approvals\": 1}, "
	    "\"rules\": [\"py.bare-except\"], \"signed_commits\": true, "
	    "\"walkthrough\": [\"runs-twice\", \"larger-input\"], \"dependencies\": {\"deny\": "
	    "[\"x\"], "
	    "\"approvals\": {\"count\": 2, \"from\": [\"@org/deps\"]}}, "
	    "\"ai_lines\": {\"rules\": [\"py.bare-except\"], \"approvals\": 1, "
	    "\"observability\": true}}";
	static const char text_line[] =
	    "\n  requires: tests: changed, max_files: 5, max_lines: 100, approvals: 2, 1 of "
	    "reviewers: alice @org/team, approval rules: 1 from @org, codeowners, disclosure, "
	    "sign-off, no AI, +1 approval(s) "
	    "if AI-assisted, observability, rules: py.bare-except, signed commits, walkthrough: "
	    "runs-twice larger-input, dependencies: locked bounded no-lookalikes "
	    "no-install-scripts deny:1 +2 approval(s) for new packages, ai_lines: {rules: "
	    "py.bare-except, approvals: +1, observability}\n";
	static const char json_requires[] =
	    "\"requires\":{\"tests\":\"changed\",\"max_files\":5,\"max_lines\":100,"
	    "\"approvals\":2,\"changes_requested\":\"owners\",\"reviewers\":[\"alice\","
	    "\"@org/team\"],\"reviewers_min\":1,"
	    "\"codeowners\":true,\"observability\":true,\"provenance\":{"
	    "\"require_disclosure\":true,\"require_signoff\":true,\"ai_allowed\":false,"
	    "\"ai_extra_approvals\":1},\"rules\":[\"py.bare-except\"],"
	    "\"approval_rules\":[{\"count\":1,\"from\":[\"@org\"]}],\"signed_commits\":true,"
	    "\"walkthrough\":[\"runs-twice\",\"larger-input\"],\"dependencies\":{\"lockfile\":true,"
	    "\"pinned\":\"bounded\",\"lookalike\":true,\"install_scripts\":false,\"approvals\":2},"
	    "\"ai_lines\":{\"rules\":[\"py.bare-except\"],\"approvals\":1,"
	    "\"observability\":true}}";
	gate_policy *policy = load_policy(require);
	gate_buf text = GATE_BUF_INIT(1 << 20), json = GATE_BUF_INIT(1 << 20),
		 part = GATE_BUF_INIT(1 << 20);
	const gate_check_info *reg, *c;
	const char *const *key;
	gate_class cls;
	gate_error err;
	size_t n;

	gate_error_init(&err);
	CHECK(policy != NULL);
	if (!policy)
		return;
	CHECK(gate_classify_path(&cls, policy, "src/a.py", 8, &err) == 0);
	CHECK(gate_report_explain_text(&text, policy, "src/a.py", 8, &cls, NULL, &err) == 0);
	CHECK(gate_report_explain_json(&json, policy, "src/a.py", 8, &cls, NULL, &err) == 0);
	CHECK(text.ptr && strstr(text.ptr, text_line));
	CHECK(json.ptr && strstr(json.ptr, json_requires));
	reg = gate_check_registry(&n);
	for (c = reg; c < reg + n; c++) {
		gate_buf_clear(&part);
		if (c->describe_text(&part, "", policy, &policy->tiers[cls.tier], &err) != 1 ||
		    !part.ptr || !text.ptr || !strstr(text.ptr, part.ptr)) {
			fprintf(stderr, "explain does not list check %s\n", c->name);
			unit_current_failed = 1;
		}
		for (key = c->require_keys; *key; key++) {
			gate_buf_clear(&part);
			if (gate_buf_printf(&part, &err, "\"%s\":", *key) < 0 || !json.ptr ||
			    !strstr(json.ptr, part.ptr)) {
				fprintf(stderr, "explain --json lacks %s of check %s\n", *key,
					c->name);
				unit_current_failed = 1;
			}
		}
	}
	gate_buf_dispose(&part);
	gate_buf_dispose(&json);
	gate_buf_dispose(&text);
	gate_policy_free(policy);
}

int main(void)
{
	if (gitrepo_start("checks", unit_abort) < 0)
		return 1;
	GATE_RUN(test_in_memory);
	GATE_RUN(test_need_a_repository);
	GATE_RUN(test_from_a_repository);
	GATE_RUN(test_every_check_covered);
	GATE_RUN(test_every_check_described);
	GATE_RUN(test_explain_lists_every_check);
	gitrepo_finish();
	return GATE_UNIT_DONE("checks");
}
