/*
 * The policy: risk tiers with their path patterns and requirements, what a
 * test file is and how source files pair with tests. Loaded from JSON with
 * comments (docs/policy.md), validated strictly, every pattern compiled once.
 */
#ifndef RISKGATE_POLICY_H
#define RISKGATE_POLICY_H

#include <stddef.h>

#include "riskgate/codeowners.h"
#include "riskgate/diag.h"
#include "riskgate/error.h"
#include "riskgate/regex.h"

/* The highest policy format version this build understands. */
#define GATE_POLICY_VERSION 1

/* Largest policy text accepted, in bytes. */
#define GATE_POLICY_MAX_SIZE (4u * 1024u * 1024u)

/* One compiled pattern with where it was written. `re` is never NULL in a
 * loaded policy; line/col locate the pattern's string in the policy text. */
typedef struct {
	gate_regex *re;
	char *pattern;
	unsigned line, col;
} gate_pattern;

typedef enum { GATE_TESTS_NONE = 0, GATE_TESTS_CHANGED, GATE_TESTS_PAIRED } gate_tests_mode;

/* Who may give a commit's missing sign-off in a later commit of the same
 * change (docs/policy.md, "Remediation commits"), as the DCO app's
 * allowRemediationCommits: nobody, the commit's own author, or also someone
 * else on the author's behalf (third_party includes individual). */
typedef enum {
	GATE_REMEDIATION_NONE = 0,
	GATE_REMEDIATION_INDIVIDUAL,
	GATE_REMEDIATION_THIRD_PARTY
} gate_signoff_remediation;

/* Provenance options of a tier (docs/policy.md, "`provenance`"). */
typedef struct {
	int require_disclosure; /* every commit touching the tier carries an AI or human marker */
	int require_signoff;    /* a human Signed-off-by matching author or committer */
	gate_signoff_remediation
	    allow_remediation;        /* remediation commits satisfy require_signoff */
	int ai_allowed;               /* 0: AI-assisted commits touching the tier fail */
	long long ai_extra_approvals; /* extra human approvals when any commit is AI-assisted */
	/* The sign-off counts only when the commit is signed by a key the
	 * allowed-signers file gives to the sign-off's email. */
	int require_signed_signoff;
} gate_provenance_req;

/*
 * When a conditional block of a tier applies (docs/policy.md, "Conditions"):
 * every condition present must hold. A pattern whose `re` is NULL, a list
 * of 0 items and a minimum of -1 are absent. Labels compare ignoring case
 * (GitHub's label names are unique ignoring case); `author_in` holds logins
 * and @org/team names. Conditions only ever add requirements, so none of
 * them is a negation: a condition an author controls can at most fail to
 * add something, never take away the tier's own `require`.
 */
typedef struct {
	gate_pattern target_branch;
	gate_pattern source_branch;
	char **labels_any;
	size_t nlabels_any;
	gate_pattern title;
	char **author_in;
	size_t nauthor_in;
	long long min_changed_lines;
	long long min_changed_files;
	gate_pattern commit_message;
} gate_when;

/*
 * One approval rule of a tier (docs/policy.md, "`approval_rules`"): a leaf
 * (GATE_RULE_FROM) holds when at least `count` approvers of the change are
 * named by `from` (any approver when nfrom is 0); GATE_RULE_ALL_OF holds
 * when each of `children` holds, GATE_RULE_ANY_OF when one does. `name` is
 * the rule's name for the report (NULL when not given); line and col
 * locate it in the policy.
 */
typedef enum { GATE_RULE_FROM, GATE_RULE_ALL_OF, GATE_RULE_ANY_OF } gate_approval_rule_kind;

typedef struct gate_approval_rule {
	gate_approval_rule_kind kind;
	char *name;
	long long count;
	char **from;
	size_t nfrom;
	struct gate_approval_rule *children;
	size_t nchildren;
	/* When the rule applies (docs/policy.md, "Conditions on one rule");
	 * NULL when it always does. */
	gate_when *when;
	unsigned line, col;
} gate_approval_rule;

/* The deepest nesting of any_of/all_of in approval_rules (an any_of in an
 * all_of is 2), and the most rules one list may hold. */
#define GATE_APPROVAL_RULES_MAX_DEPTH 3
#define GATE_APPROVAL_RULES_MAX       64

/* How exactly a new or re-versioned dependency must name its version
 * (docs/dependencies.md): any way, with an upper bound, or one version. */
typedef enum { GATE_PIN_NONE = 0, GATE_PIN_BOUNDED, GATE_PIN_EXACT } gate_pin_mode;

/* A tier's `dependencies` requirement (docs/dependencies.md). */
typedef struct {
	int lockfile; /* manifests change with their lock file, new ones locked */
	gate_pin_mode pinned;
	int allow_vcs;       /* git and other repository sources allowed */
	int allow_paths;     /* local paths (file:, path =) allowed */
	int allow_urls;      /* archive URLs allowed */
	int lookalike;       /* a new name like a popular or allowed one is a finding */
	int install_scripts; /* 0: npm install-time scripts added are a finding */
	char **allow;        /* when any: only these packages may be added */
	size_t nallow;
	char **deny; /* these packages may never be added */
	size_t ndeny;
	/* Paths of list files in the base revision's tree (docs/dependencies.md,
	 * "Allow and deny list files"), NULL when not set: their names add to
	 * `allow` and `deny`. Relative, without "." or ".." parts. */
	char *allow_file;
	char *deny_file;
	long long approvals; /* approvals from `approvers` when packages are added */
	char **approvers;
	size_t napprovers;
} gate_deps_req;

/*
 * A tier's `ai_lines` (docs/policy.md, "`ai_lines`"): what the tier asks of
 * the added lines an AI session wrote (riskgate/ailines.h). `rules` are
 * indexes into policy->rules whose findings on an AI-written line of the
 * tier are errors, whatever the rule's severity; `approvals` are human
 * approvals required beyond the tier's own when AI-written lines land in
 * the tier; `observability` asks a hook of the policy's languages within
 * observability.window lines of each block of AI-written lines.
 */
typedef struct {
	size_t *rules;
	size_t nrules;
	long long approvals;
	int observability;
} gate_ailines_req;

/*
 * What a tier requires. A ceiling of -1 means "no ceiling"; approvals and
 * reviewers_min of 0 mean "none". `rules` holds indexes into policy->rules.
 */
typedef struct {
	gate_tests_mode tests;
	long long max_files;
	long long max_lines;
	long long approvals;
	char **reviewers;
	size_t nreviewers;
	long long reviewers_min;
	/* Rules that must all hold (implicitly all_of). */
	gate_approval_rule *approval_rules;
	size_t napproval_rules;
	/* Whose standing request for changes blocks the approvals of this tier:
	 * 0 as the policy's top-level "changes_requested" says, 1 "owners", 2
	 * "writers" (docs/policy.md, "Requests for changes"). */
	int changes_requested;
	int codeowners;
	int has_provenance;
	gate_provenance_req provenance;
	int observability;
	size_t *rules;
	size_t nrules;
	/* Every commit touching the tier carries an SSH signature by a key the
	 * allowed-signers file gives to its committer's email (signed_commits). */
	int signed_commits;
	/* The failure-mode questions (policy->wt_questions) the author must
	 * answer, one bit per question; 0: none (docs/walkthrough.md). */
	unsigned long long walkthrough;
	/* Dependency intake (docs/dependencies.md); NULL: not asked. Owned
	 * by the tier's `require` (a require_when block's by the block). */
	gate_deps_req *dependencies;
	/* Requirements on AI-written lines; NULL: none. Owned by the tier's
	 * `require` (never a require_when block's). */
	gate_ailines_req *ai_lines;
} gate_require;

/* One entry of a tier's `require_when`: requirements added to the tier's
 * own `require` when `when` holds (or cannot be evaluated). */
typedef struct {
	gate_when when;
	gate_require require;
	unsigned line, col;
} gate_require_when;

/* One tier. `name` is unique within the policy. `require` always applies;
 * each of the `nrequire_when` blocks adds its requirements to it when its
 * conditions hold. */
typedef struct {
	char *name;
	char *description;
	gate_pattern *paths;
	size_t npaths;
	gate_pattern *exclude;
	size_t nexclude;
	gate_require require;
	gate_require_when *require_when;
	size_t nrequire_when;
	unsigned line, col;
} gate_tier;

/* A pairing rule: a changed source file matching `from` needs a changed
 * test at one of the paths obtained by substituting `to[i]` (PCRE2
 * substitution syntax) into the source path. nto >= 1. */
typedef struct {
	gate_pattern from;
	char **to;
	size_t nto;
} gate_test_pair;

typedef enum { GATE_RULE_ERROR, GATE_RULE_WARNING } gate_rule_severity;

/* Where a rule's `unless` is looked for: within `window` lines of the
 * trigger (the default), or only inside the statement or the call that the
 * trigger starts, followed for at most `window` lines. */
typedef enum { GATE_UNLESS_WINDOW = 0, GATE_UNLESS_STATEMENT, GATE_UNLESS_CALL } gate_unless_scope;

/* Largest `lines` a rule may match its trigger over. */
#define GATE_RULE_MAX_LINES 20

/* A content rule (docs/policy.md, "`rules`") over the added lines of files matching `files`.
 * `unless` (optional, re == NULL when absent) satisfies the rule when it is
 * found within `window` lines of the trigger in the new file. */
typedef struct {
	char *id;
	char *message;
	char *hint; /* may be NULL */
	gate_rule_severity severity;
	gate_pattern *files;
	size_t nfiles;
	gate_pattern trigger;
	/* Literals one of which every match of the trigger contains, NULL
	 * when the trigger has none (riskgate/literals.h). */
	struct gate_literals *trigger_literals;
	gate_pattern unless;
	long long window;
	/* The trigger is matched over up to `lines` consecutive lines (1 to
	 * GATE_RULE_MAX_LINES, joined by "\n") that start at a line and
	 * include an added one; 1 is one line at a time. */
	long long lines;
	gate_unless_scope unless_scope;
	/* Trigger and `unless` see the text with compatibility forms folded
	 * (`normalize: "nfkc"`), as languages that normalise identifiers do. */
	int normalize_nfkc;
	/* 0: no waiver comment counts (always 0 for "secret." rules). */
	int waivable;
	/* For code scanning (SARIF): `security_severity` in tenths, 1 to 100
	 * (0: not a security rule), and `precision`, one of
	 * GATE_RULE_PRECISIONS ("high" when not given). */
	int security_severity;
	const char *precision;
	unsigned line, col;
} gate_rule;

/* The values of a rule's `precision`, as code scanning ranks them. */
#define GATE_RULE_PRECISIONS                                                                       \
	{                                                                                          \
		"very-high", "high", "medium", "low"                                               \
	}

/* One language for observability hooks: files it covers and its hooks. */
typedef struct {
	char *name;
	gate_pattern *files;
	size_t nfiles;
	gate_pattern *hooks;
	size_t nhooks;
} gate_language;

/* A fixture of `policy test` (docs/policy.md, "Fixtures"): a path and the tier it must land
 * in; optionally owners (checked against a CODEOWNERS file) and a line of
 * text with the ids of the rules it must trigger. */
typedef struct {
	char *path;
	char *tier;
	int has_owners;
	char **owners;
	size_t nowners;
	char *text;
	char **rule_hits;
	size_t nrule_hits;
	int has_rule_hits;
	unsigned line, col;
} gate_fixture;

/*
 * A loaded policy. Invariants: ntiers >= 1; default_tier < ntiers; tier
 * names are unique; every pattern compiled. Tiers are ordered highest risk
 * first, so tier index 0 is the highest tier.
 */
/*
 * What an approval given on commit C, not the head H, needs to count:
 * - GATE_BIND_DIFF ("diff", the default): the change C showed (from its
 *   merge base with the base to C) and the change H shows are the same
 *   patch, file by file (riskgate/patchid.h).
 * - GATE_BIND_TIER_DIFF ("tier_diff"): the same, file by file, for the
 *   files of each tier separately: the approval counts for the tiers whose
 *   files' diffs did not change.
 * - GATE_BIND_COMMIT ("commit"): C must be H.
 */
typedef enum { GATE_BIND_DIFF, GATE_BIND_TIER_DIFF, GATE_BIND_COMMIT } gate_approval_binding;

typedef struct gate_policy {
	char *source; /* how it was found: "--policy FILE", "base:.riskgate.json", "builtin" */
	/* The repository path this policy was read from when that is not
	 * .riskgate.json (check --policy-path); classified as a guarded file
	 * like .riskgate.json. NULL otherwise. Owned. */
	char *guarded_path;
	char *file;      /* the name used in FILE:LINE:COL positions */
	char sha256[65]; /* of the exact policy text, lower-case hex */
	long long version;
	char *name;
	char *description;
	gate_tier *tiers;
	size_t ntiers;
	size_t default_tier;
	gate_pattern *test_paths;
	size_t ntest_paths;
	gate_test_pair *test_pairs;
	size_t ntest_pairs;

	/* Provenance (docs/policy.md, "`provenance`"): trailer keys that mark AI assistance;
	 * patterns on Co-authored-by values that name an assistant; patterns on author or committer
	 * identities ("Name <email>") of bots and assistants; the explicit human marker (key, and a
	 * pattern on its value); the notes ref that holds git-ai's authorship logs (NULL: none). */
	char **ai_trailers;
	size_t nai_trailers;
	gate_pattern *ai_coauthors;
	size_t nai_coauthors;
	gate_pattern *ai_identities;
	size_t nai_identities;
	char *human_marker_key;
	gate_pattern human_marker_value;
	char *notes_ref;

	/* Reviews (docs/policy.md, "Who approved"). `review_trailers`: Reviewed-by/Approved-by
	 * trailers count, but only on commits whose committer email is one of `trusted_committers`
	 * (ntrusted_committers >= 1 when set). `allow_contributor`: an author, committer, co-author
	 * or pusher of the change may approve it. `changes_requested_writers`: a standing request
	 * for changes from any reviewer with write access blocks, not only from
	 * a code owner of a changed file or a required reviewer. */
	int review_trailers;
	char **trusted_committers;
	size_t ntrusted_committers;
	/* review_trailers.require_signed: a trailer counts only on a commit signed by a key the
	 * allowed-signers file gives to the trailer's email; then trusted_committers may be
	 * empty. */
	int review_trailers_signed;
	int allow_stale_approvals;
	int allow_contributor;
	int changes_requested_writers;
	/* What an approval on another commit than the head needs to still count
	 * (docs/policy.md, "Approvals bound to the diff"). */
	gate_approval_binding approval_binding;

	/* Observability (docs/policy.md, "`observability`"). */
	long long obs_window;
	long long obs_max_file_size;
	gate_language *languages;
	size_t nlanguages;

	/* Binary files the policy allows without reading them (`assets`):
	 * images, fonts. A file that is source code is never one. */
	gate_pattern *assets;
	size_t nassets;

	/* The pre-receive hook (docs/pre-receive.md): pass instead of reject when the
	 * deadline is hit; refs whose deletion is refused; the logins allowed a
	 * break-glass override (`git push -o riskgate.override=REASON`), none
	 * when NULL/0. */
	int on_deadline_pass;
	gate_pattern *protected_refs;
	size_t nprotected_refs;
	/* The refs the hook gates (`refs`); when the key is absent
	 * (has_gated_refs 0), the default branch and refs/heads/release/. */
	gate_pattern *gated_refs;
	size_t ngated_refs;
	int has_gated_refs;
	char **override_users;
	size_t noverride_users;
	/* The environment variable the hosting server sets to the
	 * authenticated pusher (GL_USERNAME, GITHUB_USER_LOGIN, ...), the only
	 * identity an override is granted to; NULL: overrides are off. */
	char *override_identity_env;

	/* Who must approve a change whose own waiver comments silence content
	 * rules: at least `waiver_min` approvers of the change (0: no approval
	 * needed), each matching one of `waiver_approvers` (logins or
	 * @org/teams; none listed: any approver the gate counts). Default 1. */
	char **waiver_approvers;
	size_t nwaiver_approvers;
	long long waiver_min;

	/* How every command reads the CODEOWNERS file (docs/policy.md, "`codeowners`"): GitHub's
	 * rules unless a tier says "codeowners": {"dialect": "gitlab"}. The file is one, so the
	 * policy has one dialect: tiers that name different ones are rejected when loading.
	 * `codeowners_dialect_line` is the line of the first tier that names one (0: none). */
	gate_codeowners_dialect codeowners_dialect;
	unsigned codeowners_dialect_line;

	/* Failure-mode questions (docs/walkthrough.md): the policy's list, or
	 * the built-in one when it has none (never empty); the least number of
	 * characters of an answer; the words that are no answer alone (NULL:
	 * the built-in list), NULL-terminated. */
	struct gate_walkthrough_question *wt_questions;
	size_t nwt_questions;
	long long wt_min_length;
	char **wt_placeholders;

	/* Content rules (docs/policy.md, "`rules`") and fixtures (docs/policy.md, "Fixtures"). */
	gate_rule *rules;
	size_t nrules;
	gate_fixture *fixtures;
	size_t nfixtures;

	/* classify.c's index of the tiers' patterns, built when paths are
	 * classified in numbers (gate_classify_prepare); NULL until then.
	 * Owned; it makes classification, like matching, single-threaded. */
	struct gate_classify_index *classify_index;
} gate_policy;

/*
 * Parses and validates a policy from `len` bytes of `text`. `file` names
 * the text in diagnostics; `source` describes where it was found (copied
 * into the policy). On failure returns -1 with a GATE_ERR_POLICY error at
 * the first problem's FILE:LINE:COL. When `diags` is not NULL every problem
 * found is also appended to it (the loader keeps going as far as it can).
 * The policy is the caller's (gate_policy_free).
 */
int gate_policy_load(gate_policy **out, const char *text, size_t len, const char *file,
		     const char *source, gate_diags *diags, gate_error *err);

/* Reads FILE (or stdin for "-") and loads it. */
int gate_policy_load_file(gate_policy **out, const char *path, gate_diags *diags, gate_error *err);

/* Loads the built-in default policy (policies/default.json compiled in). */
int gate_policy_load_builtin(gate_policy **out, gate_error *err);

/* The text of the built-in default policy. Borrowed, NUL-terminated. */
const char *gate_policy_builtin_text(size_t *len);

void gate_policy_free(gate_policy *policy);

/* The index of the tier named `name`, or -1. */
long gate_policy_tier_index(const gate_policy *policy, const char *name);

/* Human names of the test modes ("none", "changed", "paired"). */
const char *gate_tests_mode_name(gate_tests_mode mode);

/*
 * Matches `len` bytes of `s` against each of `n` patterns in order. Returns
 * 1 at the first match (with *hit set to it when hit is not NULL), 0 when
 * none matches, -1 when a pattern hit its limits.
 */
int gate_patterns_match(gate_pattern *pats, size_t n, const char *s, size_t len, gate_pattern **hit,
			gate_error *err);

/* Default size cap for reading files for content checks. */
#define GATE_CONTENT_MAX_SIZE (1024 * 1024)

/* The language whose `files` patterns match `path`, or NULL (borrowed).
 * *err set and NULL returned with err->klass != 0 on a regex error. */
const gate_language *gate_policy_language(gate_policy *policy, const char *path, size_t len,
					  gate_error *err);

/* The index of the rule with id `id`, or -1. */
long gate_policy_rule_index(const gate_policy *policy, const char *id);

/* Whether `path` is a test file under the policy's `tests.paths`.
 * Returns 1, 0, or -1 on a regex error. */
int gate_policy_is_test(gate_policy *policy, const char *path, size_t len, gate_error *err);

#endif
