/*
 * The pre-receive hook (docs/pre-receive.md): parses the ref updates git feeds a
 * pre-receive hook, decides what each update brings that is new, and
 * evaluates it with the same engine as `check`, within a deadline.
 * Installing it is riskgate/hookinstall.h.
 */
#ifndef RISKGATE_HOOK_H
#define RISKGATE_HOOK_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/codeowners.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/result.h"

/* The longest object id in hex (SHA-256). */
#define GATE_HOOK_ID_MAX 64

/* The largest standard input accepted, and the longest line. */
#define GATE_HOOK_INPUT_MAX ((size_t)16 * 1024 * 1024)
#define GATE_HOOK_LINE_MAX  4096

/* Returned by gate_hook_eval_ref when the deadline was reached. */
#define GATE_HOOK_DEADLINE (-2)

/* The default deadline: under GitHub Enterprise Server's 5-second budget. */
#define GATE_HOOK_DEADLINE_MS 4500

/* How many lines the pusher sees by default before the rest are counted
 * (`hook pre-receive --max-lines`). */
#define GATE_HOOK_MAX_LINES 100

/* Where accepted overrides are recorded, inside the repository's git dir. */
#define GATE_HOOK_OVERRIDE_LOG "riskgate-overrides.log"

/*
 * One line of the hook's input. `old_id` and `new_id` are lower-case hex of
 * `id_len` digits (40 for SHA-1, 64 for SHA-256); the zero id (all zeros)
 * means "no such ref" (creation, deletion). `ref` is the full ref name, any
 * byte but NUL, control characters and space (checked).
 */
typedef struct {
	char old_id[GATE_HOOK_ID_MAX + 1];
	char new_id[GATE_HOOK_ID_MAX + 1];
	size_t id_len;
	char *ref;
	int old_zero;
	int new_zero;
} gate_hook_update;

typedef struct {
	gate_hook_update *items;
	size_t count;
	size_t alloc;
} gate_hook_updates;

void gate_hook_updates_init(gate_hook_updates *u);
void gate_hook_updates_dispose(gate_hook_updates *u);

/*
 * Parses `len` bytes of `<old> <new> <ref>` lines (each ending in LF; the
 * last LF may be missing) into `out`, which must be initialised. Strict:
 * ids are lower-case hex of the same length (40 or 64) on a line, not both
 * zero; the ref starts with "refs/" and holds no space or control byte.
 * On a malformed line returns -1 with GATE_ERR_INPUT at "<stdin>":LINE:COL.
 * Input with no line at all is an error too (nothing to decide).
 */
int gate_hook_parse(gate_hook_updates *out, const char *text, size_t len, gate_error *err);

/* What a ref update is. */
typedef enum {
	GATE_HOOK_CREATE,
	GATE_HOOK_UPDATE, /* fast-forward */
	GATE_HOOK_FORCE,  /* the old value is not an ancestor of the new */
	GATE_HOOK_DELETE
} gate_hook_kind;

/* "create", "update", "force push", "delete". */
const char *gate_hook_kind_name(gate_hook_kind kind);

/*
 * A hook run over one push: the repository and what existed before the
 * push. `policy` (borrowed, may be NULL) is
 * the --policy one, used for every ref instead of the repository's.
 * `deadline_ms` is an absolute time on gate_hook_now_ms()'s clock.
 */
typedef struct {
	gate_repo *repo;
	gate_policy *policy;
	long long deadline_ms;
	int has_refs;                        /* some ref led to a commit before the push */
	char default_head[GATE_OID_HEX + 1]; /* HEAD's commit, "" when unborn */
	/* Whether a push that reaches the deadline is let through: the
	 * --policy's "on_deadline", else that of HEAD's policy, never a pushed
	 * ref's own (docs/pre-receive.md, "The deadline"). */
	int on_deadline_pass;
	/* HEAD's policy (owned; NULL with --policy or when it does not load),
	 * its text and whether it is the built-in one: the first policy a ref
	 * whose policy has the same text is given. */
	gate_policy *head_policy;
	gate_buf head_text;
	int head_builtin;
	gate_strlist default_refs; /* the refs HEAD's symbolic chain names */
	/* Every other symbolic ref under refs/ and the ref its chain ends at:
	 * a push to that target moves the symbolic ref too. */
	gate_strlist symrefs, symref_targets;
	const char *default_ref; /* the last of them (refs/heads/main), or NULL */
	int ignorecase;          /* core.ignorecase: ref names that differ in case collide */
	char head_key[65];       /* HEAD's governance key, "" until computed */
	/* The last policy read from the repository (owned), with its text
	 * (empty and cached_builtin set for the built-in one), reused while
	 * the next ref's policy text is the same. */
	gate_policy *cached;
	gate_buf cached_text;
	int cached_builtin;
	/* The allowed-signers file each ref's evaluation reads (borrowed; NULL:
	 * none), set by the caller after gate_hook_init. */
	const char *allowed_signers_file;
	const char *openpgp_keyring_file; /* likewise, the OpenPGP keyring */
} gate_hook;

/*
 * Prepares a run: notes HEAD's commit and whether any ref leads to a
 * commit. `repo` and `policy` are borrowed and must outlive the hook.
 */
int gate_hook_init(gate_hook *hook, gate_repo *repo, gate_policy *policy, long long deadline_ms,
		   gate_error *err);
void gate_hook_dispose(gate_hook *hook);

/*
 * The outcome for one ref. `verdict` is pass or fail (errors are returned
 * instead). `notes` are sentences for the pusher ("force push: 2 commits
 * rewritten"). `policy` is the policy used, borrowed from the hook (valid
 * until the hook is disposed). `change` is NULL when nothing was evaluated;
 * `result` holds the evaluation. `deleted_protected` is set when the ref is
 * a deletion refused by protected_refs. `codeowners` (may be NULL) is
 * borrowed by `result` and lives as long as it.
 */
typedef struct {
	gate_hook_kind kind;
	gate_verdict verdict;
	gate_strlist notes;
	gate_policy *policy;
	gate_change *change;
	gate_codeowners *codeowners;
	gate_result result;
	int deleted_protected;
} gate_hook_ref;

void gate_hook_ref_init(gate_hook_ref *r);
void gate_hook_ref_dispose(gate_hook_ref *r);

/*
 * Evaluates one ref update into `out` (initialised by the caller), as if
 * it were pushed alone:
 * - update (fast-forward): the change old..new exactly as `check --base old
 *   --head new` reads it;
 * - force push: the commits of new not reachable from old, and the files
 *   from the merge base of old and new;
 * - creation (branch or tag, annotated tags peeled): the commits of new not
 *   reachable from HEAD (when HEAD is governed by the same policy and
 *   CODEOWNERS), and the files from the merge base with HEAD (the empty
 *   tree when there is none); a tag of a non-commit passes with a note.
 *   With HEAD unborn in a repository that has refs, a creation is an
 *   error: the policy it would be judged by is gone.
 * - the policy's notes_ref (under refs/notes/): not evaluated, but fails
 *   unless the new value is a commit whose tree reads, as the notes
 *   reader needs it;
 * - deletion: fails when the ref matches the policy's protected_refs.
 * A force push or creation whose new tip has another policy or CODEOWNERS
 * than what governs the ref now fails, as does an update that brings a
 * policy that does not load (a note says why). The policy is --policy,
 * else .riskgate.json in the old value's tree (HEAD's for a creation),
 * else the built-in one; CODEOWNERS comes from the same commit. Returns 0,
 * -1 on an error, or GATE_HOOK_DEADLINE (err says where) when the deadline
 * passed before the ref was decided (the hook's on_deadline_pass decides
 * then).
 */
int gate_hook_eval_ref(gate_hook_ref *out, gate_hook *hook, const gate_hook_update *u,
		       gate_error *err);

/*
 * Whether `ref` is evaluated before the others of a push: gated under
 * --policy or the default branch's policy (the default branch always is).
 * A push whose own branches make the clock run out must not keep those
 * refs from being judged. 1 yes, 0 no, -1 on error.
 */
int gate_hook_goes_first(gate_hook *hook, const char *ref, gate_error *err);

/* Milliseconds on a monotonic clock. */
long long gate_hook_now_ms(void);

/*
 * Appends one line (`len` bytes, no newline in it) to GATE_HOOK_OVERRIDE_LOG
 * in the repository's git dir, and syncs it to disk, so that every
 * accepted override leaves a durable trace beside stderr. Returns 0, or -1
 * (GATE_ERR_IO) when it could not be written: the override must then be
 * refused.
 */
int gate_hook_record_override(gate_hook *hook, const char *line, size_t len, gate_error *err);

/* ---- the break-glass override ------------------------------------------ */

/* Looks up an environment variable: getenv, or a test's stand-in. */
typedef const char *(*gate_hook_env_fn)(const char *name);

/* What becomes of a push's override request, in the order it is decided. */
typedef enum {
	GATE_OVERRIDE_NONE,           /* no riskgate.override push option */
	GATE_OVERRIDE_NOT_NEEDED,     /* requested, but the push passes anyway */
	GATE_OVERRIDE_NOT_VIOLATIONS, /* requested over errors or a missed deadline */
	GATE_OVERRIDE_NO_REASON,      /* -o riskgate.override with no =REASON */
	GATE_OVERRIDE_NO_IDENTITY,    /* a failing ref's policy names no identity_env */
	GATE_OVERRIDE_IDENTITY_UNSET, /* the server did not set that variable */
	GATE_OVERRIDE_PUSHER_UNKNOWN, /* no failing ref told who pushes */
	GATE_OVERRIDE_NOT_LISTED,     /* the pusher is not in a policy's overrides.users */
	GATE_OVERRIDE_ACCEPTED        /* let the push through, once it is recorded */
} gate_hook_override_decision;

/*
 * What a push's override rests on, gathered over its failing refs. `given`
 * is set when riskgate.override was among the push options; `reason` is
 * then its reason ("" when none was given; the first one given counts),
 * else NULL. `bad_option` is the first other push option that names
 * riskgate (a mistyped override must not pass unnoticed: the caller
 * rejects the push), else NULL. `login` is the pusher as the last failing
 * ref's identity variable says (NULL: unknown). `identity_unset` is set
 * when a failing ref's identity variable was not set by the server, and
 * `missing_env` (a copy, cut at 255 bytes) is the last such variable.
 * Other strings are borrowed from the environment.
 */
typedef struct {
	int given;
	const char *reason;
	const char *bad_option;
	int no_identity_env;
	int identity_unset;
	char missing_env[256];
	const char *login;
	int not_listed;
} gate_hook_override;

/*
 * Reads the push options (GIT_PUSH_OPTION_COUNT, GIT_PUSH_OPTION_<i>)
 * through `env` into `o`.
 */
void gate_hook_override_init(gate_hook_override *o, gate_hook_env_fn env);

/*
 * Notes a ref that failed on violations under `policy` (NULL when none was
 * loaded): every failing ref's policy must name, in
 * overrides.identity_env, the variable the server sets to who pushes, and
 * list that login in overrides.users.
 */
void gate_hook_override_ref_failed(gate_hook_override *o, const gate_policy *policy,
				   gate_hook_env_fn env);

/*
 * The decision, given the push's outcome without the override: `outcome`
 * is GATE_VERDICT_PASS, GATE_VERDICT_FAIL (violations only: the one case
 * an override may help) or GATE_VERDICT_ERROR (errors, a missed
 * deadline). GATE_OVERRIDE_ACCEPTED lets the push through only once the
 * caller has recorded it (gate_hook_record_override).
 */
gate_hook_override_decision gate_hook_override_decide(const gate_hook_override *o,
						      gate_verdict outcome);

#endif
