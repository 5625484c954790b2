/*
 * The GitHub event payload ($GITHUB_EVENT_PATH) reduced to the few fields the
 * Action needs to choose what to evaluate: the repository, the pull request's
 * head and base, a push's before and after, a merge group's head and base.
 * Every value is validated before it is returned, because the payload is
 * written from a pull request's branch names and reaches git and the shell.
 */
#ifndef RISKGATE_EVENT_H
#define RISKGATE_EVENT_H

#include <stddef.h>

#include "riskgate/conditions.h"
#include "riskgate/error.h"

/* Largest payload accepted: GitHub caps webhook payloads at 25 MB. */
#define GATE_EVENT_MAX_SIZE (25u * 1024u * 1024u)

/* Most JSON values accepted in a payload. GitHub's are a few thousand (a
 * push lists at most 20 commits); without a bound, 25 MiB of "[0,0,..."
 * would become millions of parsed nodes. */
#define GATE_EVENT_MAX_VALUES (256u * 1024u)

/* Longest event name ("pull_request_review_comment" is 27 bytes). */
#define GATE_EVENT_NAME_MAX 64

/* Longest branch or ref name accepted. git has no limit, but GitHub refuses
 * ref names longer than 255 bytes; the margin is for "refs/heads/". */
#define GATE_EVENT_REF_MAX 1024

/* An object id: 40 (SHA-1) or 64 (SHA-256) lowercase hexadecimal digits. */
#define GATE_EVENT_OID_MAX 64

/* A login: at most 39 characters on github.com, longer with an enterprise
 * suffix ("_shortcode") or "[bot]"; the same bound as the approvals file. */
#define GATE_EVENT_LOGIN_MAX 100

/* Longest pull request title kept (GitHub allows 256 characters, up to 4
 * bytes each); a longer one is left unknown. */
#define GATE_EVENT_TITLE_MAX 1024

/* Longest label name kept (GitHub allows 50 characters). */
#define GATE_EVENT_LABEL_MAX 200

/* "owner/name": an owner is a login, a repository name at most 100 bytes. */
#define GATE_EVENT_REPO_MAX (GATE_EVENT_LOGIN_MAX + 1 + 100)

/* Which fields an event carries, by its name. */
typedef enum {
	GATE_EVENT_OTHER,        /* anything else: only the repository */
	GATE_EVENT_PULL_REQUEST, /* pull_request, pull_request_target, pull_request_review,
				    pull_request_review_comment */
	GATE_EVENT_PUSH,
	GATE_EVENT_MERGE_GROUP
} gate_event_kind;

/*
 * What an event payload says. Every string is NUL-terminated and empty when
 * the payload does not have it (only fields that the event kind does not
 * need may be empty; see gate_event_read). A non-empty string has been
 * validated: object ids are 40 or 64 lowercase hex digits; branch and ref
 * names obey git's check-ref-format rules and never start with '-'; logins
 * and the repository's full name have GitHub's shapes. So no value contains
 * a control character, a space, or anything git would read as an option or
 * as revision syntax.
 */
typedef struct {
	char name[GATE_EVENT_NAME_MAX + 1]; /* the event name, [a-z0-9_]+ */
	gate_event_kind kind;
	char repository[GATE_EVENT_REPO_MAX + 1];    /* repository.full_name */
	char default_branch[GATE_EVENT_REF_MAX + 1]; /* repository.default_branch */

	/* Pull request events. */
	char head_sha[GATE_EVENT_OID_MAX + 1]; /* pull_request.head.sha */
	char base_ref[GATE_EVENT_REF_MAX + 1]; /* pull_request.base.ref */
	char author[GATE_EVENT_LOGIN_MAX + 1]; /* pull_request.user.login */
	char pusher[GATE_EVENT_LOGIN_MAX + 1]; /* sender.login of a "synchronize" */
	long pr_number;                        /* 1..2^31-1, or 0 when not a PR */
	char head_ref[GATE_EVENT_REF_MAX + 1]; /* pull_request.head.ref */
	/* pull_request.title, empty when missing or when it is longer than
	 * GATE_EVENT_TITLE_MAX or holds a control character: a title that
	 * cannot be printed on one line is unknown, never rewritten. */
	char title[GATE_EVENT_TITLE_MAX + 1];
	/* pull_request.labels[].name. `labels_known` is 1 when the payload
	 * lists the labels and every one was kept (at most
	 * GATE_COND_MAX_LABELS, each at most GATE_EVENT_LABEL_MAX bytes with
	 * no control character); otherwise the labels are unknown. */
	char labels[GATE_COND_MAX_LABELS][GATE_EVENT_LABEL_MAX + 1];
	size_t nlabels;
	int labels_known;

	/* The branch the change goes to: pull_request.base.ref, or the branch a
	 * push updates (empty for a tag or another ref). */
	char target_branch[GATE_EVENT_REF_MAX + 1];

	/* Pull request (base.sha) and merge group events (base_sha, head_sha
	 * above). */
	char base_sha[GATE_EVENT_OID_MAX + 1];

	/* Push events. `push_after` is all zeros when the push deleted the ref,
	 * `push_before` when it created it. */
	char push_ref[GATE_EVENT_REF_MAX + 1]; /* ref, "refs/..." */
	char push_before[GATE_EVENT_OID_MAX + 1];
	char push_after[GATE_EVENT_OID_MAX + 1];
	int deleted; /* after is all zeros, or "deleted": true */
	int created; /* before is all zeros, or "created": true */
} gate_event;

/* Empties `ev`. */
void gate_event_init(gate_event *ev);

/*
 * Reads the payload of event `name` (GITHUB_EVENT_NAME): `len` bytes of
 * `text`, which need not be NUL-terminated. `file` names the payload in
 * error positions. The top level must be a JSON object of at most
 * GATE_EVENT_MAX_SIZE bytes and GATE_EVENT_MAX_VALUES values.
 *
 * What the event needs must be present and valid:
 * - pull request events: pull_request.head.sha, pull_request.base.ref and
 *   the number (pull_request.number, else number);
 * - push: before, after and ref;
 * - merge_group: merge_group.head_sha and merge_group.base_sha.
 * Other fields (repository.full_name, repository.default_branch,
 * pull_request.base.sha, pull_request.user.login) may be missing or null,
 * but are validated when present. Members the reader does not know are
 * ignored.
 *
 * Returns 0 with `out` filled, or -1 with a GATE_ERR_INPUT error that names
 * the JSON path and what is wrong with it (the offending value, if quoted,
 * has its non-printable bytes replaced). `out` is emptied first either way.
 */
int gate_event_read(gate_event *out, const char *name, const char *text, size_t len,
		    const char *file, gate_error *err);

/* Like gate_event_read, with the payload read from `path` ("-" for standard
 * input), which may not exceed GATE_EVENT_MAX_SIZE bytes. */
int gate_event_read_file(gate_event *out, const char *name, const char *path, gate_error *err);

/*
 * The validators behind gate_event_read, for other callers. Each returns
 * NULL when `s` is acceptable, else a short reason ("contains '..'").
 * gate_event_check_oid: 40 or 64 lowercase hex digits.
 * gate_event_check_ref: a full ref name ("refs/heads/main") that git would
 * accept, not starting with '-'.
 * gate_event_check_branch: a branch name ("main", "feature/x"), or a full
 * ref name, that git would accept; not "HEAD" and not starting with '-'.
 */
const char *gate_event_check_oid(const char *s);
const char *gate_event_check_ref(const char *s);
const char *gate_event_check_branch(const char *s);

#endif
