/*
 * Durable verdicts (docs/verdicts.md): an evaluation's outcome written as a
 * git note on the evaluated head under refs/notes/riskgate, a compact JSON
 * record (one line) optionally followed by an SSH signature over that line,
 * and read back by `riskgate verify` and `riskgate audit`. The record and
 * its layout are owned here: the writers and the readers share this one
 * definition.
 */
#ifndef RISKGATE_VERDICT_H
#define RISKGATE_VERDICT_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"
#include "riskgate/report.h"
#include "riskgate/repo.h"
#include "riskgate/signature.h"
#include "riskgate/walkthrough.h"

/* Where the notes live. */
#define GATE_VERDICT_NOTES_REF "refs/notes/riskgate"

/* The namespace of a verdict's SSH signature (ssh-keygen -Y sign -n). */
#define GATE_VERDICT_NAMESPACE "riskgate-verdict"

/* The principal `verify` looks for in the allowed signers file by default. */
#define GATE_VERDICT_SIGNER "riskgate"

/* The record's format version ("riskgate_verdict"). */
#define GATE_VERDICT_FORMAT 1

/* The largest note read back, in bytes. */
#define GATE_VERDICT_MAX_SIZE (1024u * 1024u)

/* The most bytes of one failure-mode answer a record keeps: the report's
 * GATE_WALKTHROUGH_KEEP and the "..." that marks a cut there. */
#define GATE_VERDICT_ANSWER_MAX (GATE_WALKTHROUGH_KEEP + 3u)

/* The most bytes of answer text a record keeps over all its answers
 * (docs/verdicts.md, "The record"): past it, answers are cut (to nothing,
 * once it is spent) and marked "truncated". With JSON's escapes the
 * answers take at most six times this in the note, well under
 * GATE_VERDICT_MAX_SIZE. */
#define GATE_VERDICT_ANSWERS_MAX (32u * 1024u)

/* What the record says beyond the report. Strings are borrowed and may be
 * NULL. */
typedef struct {
	const char *ref;             /* the pushed ref; NULL for a range */
	const char *pusher;          /* who pushed or opened the change */
	const char *override_by;     /* a break-glass override let it through */
	const char *override_reason; /* ...and why */
	long long when;              /* evaluation time, seconds since the epoch */
} gate_verdict_ctx;

/*
 * Appends the record of `report` (its change must be known) to `out`: one
 * line of JSON ending in a newline, members in a fixed order. Returns 0, or
 * -1 with `err` set (`out` then as it was).
 */
int gate_verdict_record(gate_buf *out, const gate_report *report, const gate_verdict_ctx *ctx,
			gate_error *err);

/*
 * Signs the `note` (a record, exactly as gate_verdict_record wrote it) with
 * the SSH private key at `key_file` by running ssh-keygen -Y sign -n
 * riskgate-verdict, and appends the armored signature. Returns 0, or -1
 * with GATE_ERR_IO (no ssh-keygen, a key it refuses; its message quoted).
 */
int gate_verdict_sign(gate_buf *note, const char *key_file, gate_error *err);

/*
 * Writes `len` bytes of `note` as the note of commit `commit_hex` under
 * refs/notes/riskgate (replacing an older one: the notes ref's history keeps
 * it), retrying when another writer moved the ref meanwhile. Returns 0 or
 * -1 with GATE_ERR_REPO.
 */
int gate_verdict_note_write(gate_repo *repo, const char *commit_hex, const char *note, size_t len,
			    gate_error *err);

/*
 * The server's hand-over from pre-receive to post-receive
 * (docs/verdicts.md, "On the server"): pre-receive cannot write a note
 * while the pushed objects are quarantined, so once it accepts a push it
 * keeps each evaluated ref's record in GATE_VERDICT_PENDING_DIR inside the
 * git dir, named by the ref and the new commit, and post-receive turns them
 * into notes.
 */
#define GATE_VERDICT_PENDING_DIR "riskgate-verdicts"

/* Keeps `len` bytes of `record` for the update of `ref` to `commit_hex`
 * (replaced atomically). Returns 0, or -1 with GATE_ERR_IO. */
int gate_verdict_pending_put(gate_repo *repo, const char *ref, const char *commit_hex,
			     const char *record, size_t len, gate_error *err);

/* Reads the record kept for the update of `ref` to `commit_hex` into
 * `out`: 1 when there is one, 0 when none, -1 with `err` set. */
int gate_verdict_pending_read(gate_buf *out, gate_repo *repo, const char *ref,
			      const char *commit_hex, gate_error *err);

/* Removes it, once its note is written. Returns 0 or -1 (GATE_ERR_IO). */
int gate_verdict_pending_remove(gate_repo *repo, const char *ref, const char *commit_hex,
				gate_error *err);

/* Drops kept records older than `seconds`: a push that a later hook
 * refused never reaches post-receive. */
void gate_verdict_pending_drop_stale(gate_repo *repo, long long seconds);

/* What a commit's note says, as read back. */
typedef enum {
	GATE_LANDED_NONE = 0, /* no note */
	GATE_LANDED_PASS,     /* a pass verdict */
	GATE_LANDED_OVERRIDE, /* failed, let through by a recorded override */
	GATE_LANDED_FAIL,     /* a fail verdict, not overridden */
	GATE_LANDED_ERROR,    /* an evaluation that ended in an error */
	GATE_LANDED_INVALID   /* not a verdict of this commit, or a bad signature */
} gate_landed;

typedef struct {
	gate_landed landed;
	char problem[256]; /* why INVALID, or why the signature did not verify */
	char base[GATE_OID_HEX + 1];
	char merge_base[GATE_OID_HEX + 1]; /* "" when the record has none */
	char head[GATE_OID_HEX + 1];
	char ref[256];
	char override_by[128];
	char policy_sha256[65];
	char evaluated_at[32];
	long long evaluated_time; /* evaluated_at in seconds since the epoch */
	int failed;               /* the record's verdict is "fail", overridden or not */
	size_t nwaivers;          /* the record's waivers */
	size_t nanswers;          /* the record's failure-mode answers (well-formed) */
	int is_signed;            /* a signature follows the record */
	int sig_checked;          /* signers were given: `sig` holds the outcome */
	gate_sig_result sig;      /* VERIFIED, or why not */
} gate_verdict_note;

/*
 * Reads the note of commit `commit_hex` into *out. A note that does not
 * parse, whose record names another commit, whose answers are not as the
 * gate writes them (docs/verdicts.md, "The record"), or (with `signers`) that is
 * unsigned or not signed by `signer` (NULL: GATE_VERDICT_SIGNER) for
 * namespace riskgate-verdict is GATE_LANDED_INVALID with the problem. No
 * note is GATE_LANDED_NONE. Returns 0, or -1 with `err` set when the
 * repository cannot be read.
 */
int gate_verdict_note_read(gate_verdict_note *out, gate_repo *repo, const char *commit_hex,
			   const gate_allowed_signers *signers, const char *signer,
			   gate_error *err);

/* Called with each rule the record counts findings of ("check" or
 * "check/rule") and how many. */
typedef void (*gate_verdict_finding_fn)(const char *rule, size_t count, void *payload);

/* gate_verdict_note_read, also giving `fn` the findings of a record that
 * is not invalid (the trends of `audit --stats`). */
int gate_verdict_note_read_findings(gate_verdict_note *out, gate_repo *repo, const char *commit_hex,
				    const gate_allowed_signers *signers, const char *signer,
				    gate_verdict_finding_fn fn, void *payload, gate_error *err);

/*
 * Judges `len` bytes of note text as the note of `commit_hex` (what
 * gate_verdict_note_read does once it has the text; never reads the
 * repository). Returns 0, or -1 with `err` set (out of memory).
 */
int gate_verdict_note_parse(gate_verdict_note *out, const char *text, size_t len,
			    const char *commit_hex, const gate_allowed_signers *signers,
			    const char *signer, gate_error *err);

/*
 * For each of the `n` commits `ids` (full hex ids), the earliest
 * `evaluated_at` (seconds since the epoch) of a record on it whose verdict
 * is "fail", over every version of its note in the history of
 * refs/notes/riskgate (a note replaced by a later verdict is still in that
 * history), or -1 when none: first[i] for ids[i]. A version that is not a
 * record of that commit does not count. Returns 0, or -1 with `err` set
 * when the notes' history cannot be read.
 */
int gate_verdict_first_failures(long long *first, gate_repo *repo, const char *const *ids, size_t n,
				gate_error *err);

/* "pass", "override", "fail", "error", "invalid" or "none". */
const char *gate_landed_name(gate_landed landed);

#endif
