/*
 * Who approved a change (docs/policy.md, "Who approved"): the reviews GitHub lists for a pull
 * request reduced to each reviewer's standing review (src/reviews.c), the
 * offline team membership that resolves "@org/team" reviewers, the
 * permissions and contributor logins files, and the matcher that the
 * reviewers check uses to compare a policy's reviewer spec with a login
 * (src/teams.c). Login syntax and comparison are riskgate/identity.h's.
 */
#ifndef RISKGATE_APPROVALS_H
#define RISKGATE_APPROVALS_H

#include <stddef.h>

#include "riskgate/error.h"
#include "riskgate/identity.h"

/* Largest reviews or teams file accepted, in bytes. */
#define GATE_APPROVALS_MAX_SIZE (64u * 1024u * 1024u)

/*
 * Most JSON values (objects, arrays, strings, numbers, literals) one reviews
 * or teams file may hold. Each parsed value costs about a hundred bytes, so
 * without this a 64 MiB file of "[0,0,0,..." would need gigabytes. A real
 * review from GitHub is about 40 values in 2 KB, so the ceiling lies above
 * anything the size limit lets through from GitHub itself.
 */
#define GATE_APPROVALS_MAX_VALUES (2u * 1024u * 1024u)

/* Longest commit id: 64 hexadecimal digits for SHA-256 repositories. */
#define GATE_REVIEW_OID_MAX 64

/* A standing review. DISMISSED, COMMENTED and PENDING never stand. */
typedef enum { GATE_REVIEW_APPROVED, GATE_REVIEW_CHANGES_REQUESTED } gate_review_state;

/*
 * One reviewer's standing review: their latest APPROVED, CHANGES_REQUESTED
 * or DISMISSED review, when that one is not DISMISSED.
 *
 * `login` is GitHub's spelling (1..GATE_LOGIN_MAX bytes, no control
 * characters, never "ghost"). `commit_id` holds the 40 or 64 hexadecimal
 * digits the review was made on, lower-cased, or "" when GitHub gave null
 * (the commit was garbage-collected). `submitted_at` is the RFC 3339 time as
 * written. `association` is GitHub's author_association ("OWNER", "MEMBER",
 * ...) or NULL when the entry had none. `user_type` is user.type as written
 * ("User", "Bot", ...) or NULL when absent. line/col locate the review
 * object in the file (1-based; col in bytes).
 *
 * The flags say why an approval does or does not count. The loader only
 * parses; they are set by the one judgement of approvals, beside the
 * collection of approvers (src/approvers.c):
 * - `stale`: APPROVED on another commit than the head (or the head was not
 *   given). Set whatever allow_stale says, so that a report can mention it.
 * - `is_author`: the reviewer is the change's author.
 * - `is_bot`: user.type is "Bot" or the login ends in "[bot]" (GitHub Apps,
 *   Copilot): not a human approval (docs/policy.md, "Which approvals count").
 * - `is_outsider`: author_association is present and is none of OWNER,
 *   MEMBER, COLLABORATOR, i.e. the reviewer has no relationship with the
 *   repository that could carry write access. On a public repository anyone
 *   can submit an APPROVED review. The association can exclude a reviewer
 *   but never shows write access (a MEMBER may only read): that comes from
 *   the permissions file (gate_permissions).
 * - `counts`: state is APPROVED, not (stale unless allow_stale), not
 *   is_author, not is_bot, not is_outsider: the approval counts on its
 *   face. gate_evaluate then also requires independence from the change
 *   and write access shown by the permissions file before it counts.
 */
typedef struct {
	char *login;
	gate_review_state state;
	char commit_id[GATE_REVIEW_OID_MAX + 1];
	char *submitted_at;
	char *association;
	char *user_type;
	unsigned line, col;
	int stale;
	int is_author;
	int is_bot;
	int is_outsider;
	int counts;
} gate_review;

/*
 * A review that does not stand, kept for the report (docs/report.md,
 * "`ignored_approvals[]`"): the reviewer's latest review was DISMISSED
 * (GATE_DROP_DISMISSED; GitHub does not say whether it approved or
 * requested changes), or the reviewer's latest approval was superseded by a
 * later request for changes (GATE_DROP_SUPERSEDED; `later_at` is when).
 * `commit_id` as in gate_review.
 */
typedef enum { GATE_DROP_DISMISSED, GATE_DROP_SUPERSEDED } gate_review_drop;

typedef struct {
	char *login;
	gate_review_drop why;
	char commit_id[GATE_REVIEW_OID_MAX + 1];
	char *submitted_at;
	char *later_at;
	size_t index;
} gate_dropped_review;

/*
 * The standing reviews of a change: at most one per reviewer (logins
 * compared case-insensitively), in the order in which those reviews were
 * submitted. `nread` counts every review entry in the file, including those
 * that were ignored or superseded; `ncounting` the items with `counts` set.
 */
typedef struct gate_approvals {
	gate_review *items;
	size_t count;
	size_t nread;
	size_t ncounting;
	gate_dropped_review *dropped; /* in the order of the input */
	size_t ndropped;
} gate_approvals;

/*
 * Reads `len` bytes of reviews as GitHub's REST API returns them for
 * GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews: a JSON array of
 * review objects. Also accepted, because that is what `gh api --paginate`
 * writes, several such arrays one after the other ("[...][...]", with
 * optional whitespace between), and, for `gh api --paginate --slurp`, an
 * array whose elements are such arrays ("[[...],[...]]"). Comments are
 * allowed as in the policy; fields riskgate does not use are ignored.
 *
 * Every entry needs `state` (a string) and `user` (an object with a string
 * `login`, or null for a deleted account, which makes the entry ignored;
 * so does the login "ghost", GitHub's placeholder for deleted accounts).
 * `commit_id` and `submitted_at` may be absent or null, except that an
 * APPROVED, CHANGES_REQUESTED or DISMISSED review needs `submitted_at`.
 * States are compared case-insensitively; a state other than the five GitHub
 * documents is an error, since it could be a new way of blocking a change.
 *
 * Only each user's latest APPROVED, CHANGES_REQUESTED or DISMISSED review
 * counts ("latest" by submitted_at, then by position in the input, later
 * wins); COMMENTED and PENDING reviews are ignored entirely, so commenting
 * after approving keeps the approval. A latest DISMISSED leaves the user
 * with no standing review. See gate_review for the flags.
 *
 * `file` names the input in error positions (NULL: "<approvals>").
 * `head_sha` is the full hexadecimal id of the change's head, or NULL when
 * unknown (then every approval is stale). `author` is the change's author's
 * login (with or without a leading '@'), or NULL/"" when unknown.
 *
 * On success *out is owned by the caller (gate_approvals_free). On failure
 * returns -1 with *out NULL and `err` set: GATE_ERR_INPUT for invalid input,
 * with file, line and column when the problem has a position;
 * GATE_ERR_USAGE for a malformed head_sha; GATE_ERR_NOMEM.
 */
int gate_approvals_load(gate_approvals **out, const char *text, size_t len, const char *file,
			const char *head_sha, int allow_stale, const char *author, gate_error *err);

/* Like gate_approvals_load on the contents of the file at `path` ("-" for
 * standard input), which may not exceed GATE_APPROVALS_MAX_SIZE bytes. */
int gate_approvals_load_file(gate_approvals **out, const char *path, const char *head_sha,
			     int allow_stale, const char *author, gate_error *err);

/* Frees a set returned by a loader; accepts NULL. */
void gate_approvals_free(gate_approvals *a);

/* The number of distinct reviewers whose approval counts (gate_review.counts);
 * 0 for NULL. */
size_t gate_approvals_count(const gate_approvals *a);

/* The standing review of `login` (with or without a leading '@', compared
 * case-insensitively), or NULL when that user has none. Borrowed from `a`. */
const gate_review *gate_approvals_find(const gate_approvals *a, const char *login);

/* 1 when `login` has an approval that counts, else 0 (also for NULL). */
int gate_approvals_approved_by(const gate_approvals *a, const char *login);

/* 1 when `login`'s standing review is CHANGES_REQUESTED, on whatever commit
 * and whoever they are (author and bot flags do not soften a block), else 0. */
int gate_approvals_changes_requested_by(const gate_approvals *a, const char *login);

/* One team: `name` is "org/team" without the '@', as written in the file;
 * `members` are logins without '@' (each valid as gate_review.login).
 * line/col locate the team's key in the file. */
typedef struct {
	char *name;
	char **members;
	size_t nmembers;
	unsigned line, col;
} gate_team;

/* The teams of a teams file, in file order; names are unique ignoring case
 * and a leading '@'. */
typedef struct gate_teams {
	gate_team *items;
	size_t count;
} gate_teams;

/*
 * Reads a teams file: a JSON object {"org/team": ["login", ...], ...}. A key
 * may start with '@'; it must then be "org/team" with both parts non-empty
 * and no spaces or control characters, or "org" alone, which lists the
 * members of the organisation (who also include every team's members). Members may start with '@'
 * too; a member naming a team ("org/team") is an error, because nested teams are not resolved. Two
 * keys naming the same team (ignoring case and '@') are an error. Comments are allowed.
 *
 * The file must come from a trusted place (the CI configuration, or the
 * base revision), never from the change under review, or the change could
 * make its author a member of the team it needs.
 *
 * `file` names the input in error positions (NULL: "<teams>"). On success
 * *out is owned by the caller (gate_teams_free); on failure returns -1 with
 * *out NULL and a GATE_ERR_INPUT (or GATE_ERR_NOMEM) error with position.
 */
int gate_teams_load(gate_teams **out, const char *text, size_t len, const char *file,
		    gate_error *err);

/* Like gate_teams_load on the file at `path` ("-" for standard input), at
 * most GATE_APPROVALS_MAX_SIZE bytes. */
int gate_teams_load_file(gate_teams **out, const char *path, gate_error *err);

/* Frees a set returned by a loader; accepts NULL. */
void gate_teams_free(gate_teams *t);

/* 1 when the file defines `team` ("@org/team" or "org/team", compared
 * case-insensitively), else 0 (also for NULL arguments). */
int gate_teams_known(const gate_teams *t, const char *team);

/* 1 when `login` (with or without '@', case-insensitive) is listed as a
 * member of `team`, else 0 (also for an unknown team or NULL arguments). */
int gate_teams_is_member(const gate_teams *t, const char *team, const char *login);

/* 1 when the teams file lists organisation `org` ("acme" or "@acme"): a
 * key "acme" of its own, or a team "acme/..."; else 0. */
int gate_teams_org_known(const gate_teams *t, const char *org);

/*
 * 1 when the reviewer spec `spec` of a policy names GitHub user `login`:
 * - "@acme" or "acme" when the teams file lists organisation acme
 *   (gate_teams_org_known): login is listed under the key "acme" or in one
 *   of acme's teams;
 * - otherwise "alice" or "@alice": login equal ignoring case (and a leading '@');
 * - "@org/team" or "org/team": login is a member of the team in `teams`
 *   (0 when teams is NULL or does not define the team);
 * - an email address (an '@' past the first character): 0, because GitHub
 *   reviews carry no email; emails are matched against commit trailers.
 * Returns 0 for NULL or empty arguments.
 */
int gate_reviewer_matches(const char *spec, const char *login, const gate_teams *teams);

/*
 * A repository permission as GitHub's "get repository permissions for a
 * user" API reports it (GET /repos/{owner}/{repo}/collaborators/{login}/
 * permission, its `role_name`), ordered so that more is greater.
 * GATE_PERM_UNKNOWN: the permissions file does not list the login.
 */
typedef enum {
	GATE_PERM_UNKNOWN = -1,
	GATE_PERM_NONE = 0,
	GATE_PERM_READ,
	GATE_PERM_TRIAGE,
	GATE_PERM_WRITE,
	GATE_PERM_MAINTAIN,
	GATE_PERM_ADMIN
} gate_permission;

/* One login's permission. `login` is valid as gate_review.login. */
typedef struct {
	char *login;
	gate_permission permission;
	unsigned line, col;
} gate_login_permission;

/* The permissions file: logins unique ignoring case and a leading '@'. */
typedef struct gate_permissions {
	gate_login_permission *items;
	size_t count;
} gate_permissions;

/*
 * Reads a permissions file: a JSON object {"login": "PERMISSION", ...} where
 * PERMISSION is one of "admin", "maintain", "write", "triage", "read",
 * "none" (compared case-insensitively). A login may start with one '@'.
 * Any other value, an invalid login, or the same login twice (ignoring case
 * and '@') is an error: a file that says two things about one person must
 * not be read as the more generous one. Comments are allowed.
 *
 * Like the teams file it must come from a trusted place (the API, asked by
 * the CI job with its own token, or the CI configuration), never from the
 * change under review.
 *
 * `file` names the input in error positions (NULL: "<permissions>"). On
 * success *out is owned by the caller (gate_permissions_free); on failure
 * returns -1 with *out NULL and a GATE_ERR_INPUT (or GATE_ERR_NOMEM) error.
 */
int gate_permissions_load(gate_permissions **out, const char *text, size_t len, const char *file,
			  gate_error *err);

/* Like gate_permissions_load on the file at `path` ("-" for standard input),
 * at most GATE_APPROVALS_MAX_SIZE bytes. */
int gate_permissions_load_file(gate_permissions **out, const char *path, gate_error *err);

/* Frees a set returned by a loader; accepts NULL. */
void gate_permissions_free(gate_permissions *p);

/* The permission of `login` (with or without '@', case-insensitive), or
 * GATE_PERM_UNKNOWN when `p` is NULL or does not list it. */
gate_permission gate_permissions_get(const gate_permissions *p, const char *login);

/* Whether `perm` grants write access: write, maintain or admin. */
int gate_permission_can_write(gate_permission perm);

/* The API's name of `perm` ("admin", ..., "none"; "unknown"). */
const char *gate_permission_name(gate_permission perm);

/* Logins, without '@', sorted ignoring case (duplicates possible). */
typedef struct gate_logins {
	char **items;
	size_t count;
} gate_logins;

/*
 * Reads a JSON array of logins ("login" or "@login"), such as the GitHub logins of the authors and
 * committers of a pull request's commits (GET /repos/O/R/pulls/N/commits, each commit's
 * author.login and committer.login): git identities are whatever the
 * committer wrote, the logins GitHub resolved from verified emails are not.
 * `null` elements are skipped (a commit whose email is no account's).
 * `file` names the input in errors (NULL: "<logins>"). On success *out is
 * the caller's (gate_logins_free); on failure -1 with a GATE_ERR_INPUT (or
 * GATE_ERR_NOMEM) error with position.
 */
int gate_logins_load(gate_logins **out, const char *text, size_t len, const char *file,
		     gate_error *err);

/* Like gate_logins_load on the file at `path` ("-" for standard input), at
 * most GATE_APPROVALS_MAX_SIZE bytes. */
int gate_logins_load_file(gate_logins **out, const char *path, gate_error *err);

/* Frees a set returned by a loader; accepts NULL. */
void gate_logins_free(gate_logins *l);

/* 1 when `l` lists `login` (with or without '@', ignoring case), else 0. */
int gate_logins_has(const gate_logins *l, const char *login);

/* gate_login_is_ident, which compares a git identity with a login, is in
 * riskgate/identity.h. */

#endif
