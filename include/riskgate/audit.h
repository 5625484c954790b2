/*
 * `audit` (docs/audit.md): a range of commits judged one by one, each against
 * its first parent, and as a whole. src/audit.c finds what to audit;
 * src/report_audit.c renders the per-commit table as text, markdown or
 * JSON, one commit at a time, so that no commit's full result outlives its
 * row.
 */
#ifndef RISKGATE_AUDIT_H
#define RISKGATE_AUDIT_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/report.h"
#include "riskgate/verdict.h"

/*
 * Splits a range "A..B" into its two revisions (copies into *base and
 * *head, the caller's to free). An empty side means HEAD, as in git.
 * Fails with GATE_ERR_USAGE for anything else ("A...B", a lone revision).
 */
int gate_audit_split_range(char **base, char **head, const char *range, gate_error *err);

/*
 * The default branch that `--branch REF` is audited against: origin/HEAD,
 * else main, else master, the first that names a commit. *out is its full
 * reference name (refs/remotes/origin/HEAD, refs/heads/main, ...; the
 * caller's to free), so that a tag of the same name cannot shadow it. Fails with GATE_ERR_USAGE,
 * saying to pass a range A..B, when none exists.
 */
int gate_audit_default_branch(char **out, gate_repo *repo, gate_error *err);

/*
 * Whether a commit landed with a recorded verdict (docs/verdicts.md,
 * "The record"): the state of the note that covers it, read from the note
 * on the commit itself or on a later commit of the audit whose recorded
 * range holds it (the head of the change it came in with), and the commit
 * that note is on ("" for none).
 */
typedef struct {
	gate_landed state;
	char note_commit[GATE_OID_HEX + 1];
	char override_by[128];
	char problem[256];
} gate_audit_landed;

/*
 * Fills out[i] for each of the `n` commits of an audit, newest first, whose
 * commits are reachable from the audit's head and not from `base` (a
 * commit id, or "" for none). Notes are read as they are (signatures are
 * verify's). Returns 0, or -1 with `err` set when the repository cannot be
 * read.
 */
int gate_audit_landed_find(gate_audit_landed *out, gate_repo *repo, const gate_commit *commits,
			   size_t n, const char *base, gate_error *err);

typedef enum { GATE_AUDIT_TEXT, GATE_AUDIT_MARKDOWN, GATE_AUDIT_JSON } gate_audit_format;

/* What the audit covers, for the heading and the JSON "range" object.
 * Strings are borrowed; `branch` is NULL for an explicit range. */
typedef struct {
	const char *spec; /* "A..B" as shown to the reader */
	const char *branch;
	const char *base; /* full commit ids */
	const char *head;
	const char *merge_base;
	const gate_policy *policy;
} gate_audit_info;

/*
 * One rendering of an audit in progress. Rows (and, for text and
 * markdown, the details listed below the table) are rendered as each
 * commit is evaluated; gate_audit_out_finish assembles the document.
 * Counters say how many commits passed, failed or had errors.
 */
typedef struct {
	gate_audit_format format;
	int color;
	gate_buf rows;
	gate_buf details;
	size_t ncommits;
	size_t nfailed;
	size_t nerrors;
} gate_audit_out;

void gate_audit_out_init(gate_audit_out *o, gate_audit_format format, int color);
void gate_audit_out_dispose(gate_audit_out *o);

/*
 * Renders one commit's evaluation: `report` holds a change of exactly one
 * commit (gate_change_read_commit) and its result; `landed` the verdict it
 * landed with. Returns 0 or -1.
 */
int gate_audit_out_commit(gate_audit_out *o, const gate_report *report,
			  const gate_audit_landed *landed, gate_error *err);

/*
 * Appends the whole audit to `out`: heading, the table of every commit
 * rendered so far, the details, and the evaluation of the range as a whole
 * (`range`, as `check` reports it; in JSON under "range_report"). Returns
 * 0 or -1.
 */
int gate_audit_out_finish(gate_buf *out, gate_audit_out *o, const gate_audit_info *info,
			  const gate_report *range, gate_error *err);

/* The verdict of the whole audit: error when any commit or the range had
 * an error, fail when any failed, else pass. */
gate_verdict gate_audit_verdict(const gate_audit_out *o, const gate_report *range);

#endif
