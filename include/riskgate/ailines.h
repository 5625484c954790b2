/*
 * AI-written lines (docs/policy.md, "AI-written lines"): which added lines of
 * a change an AI session wrote, and which tool and model, as the git-ai notes
 * of the change's commits attest them. The gate's one answer to "is this
 * added line AI-written, and by whom": every check and report writer asks
 * gate_ailines_agent.
 *
 * A note names lines of a file as its commit has it. The head commit's note
 * names the head's own lines, so those are taken by line number (exact). A
 * note of an earlier commit is matched by text: an added line of the head
 * is AI-written when, at that commit, the same path held an attested line
 * with the same text, white space aside (docs/policy.md, "AI-written
 * lines"), so that lines moved, re-indented or re-spaced by later commits
 * are still found; an attested text the head's file at that path no longer
 * has (the file renamed, moved or deleted later, or the lines moved out of
 * it) is looked for in every file of the change. Lines of fewer than
 * GATE_AILINES_MIN_TEXT bytes besides white space ("}", "") are never
 * matched by text: any file has them.
 */
#ifndef RISKGATE_AILINES_H
#define RISKGATE_AILINES_H

#include <stddef.h>

#include "riskgate/ainote.h"
#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/repo.h"

#define GATE_AILINES_MIN_TEXT 3

/* Head lines start..end (1-based, inclusive) of one file, added by the
 * change and written by agent `agent` (an index into gate_ailines.agents).
 * `exact` is set when the head commit's own note names them by number, 0
 * when an earlier commit's note matched them by text. */
typedef struct {
	size_t start, end;
	size_t agent;
	int exact;
} gate_ailines_range;

/* One file of the change: its AI-written added lines as ascending, disjoint
 * ranges (adjacent ranges differ in agent or exactness); `lines` is how many
 * lines they cover. */
typedef struct {
	gate_ailines_range *ranges;
	size_t nranges;
	size_t lines;
} gate_ailines_file;

/*
 * The AI-written lines of a change. `files` has one entry per file of the
 * change (same order), or is NULL when no note of the change attests a
 * line; `agents` are the distinct tool/model pairs the ranges name (owned
 * copies). `lines` is the total over all files.
 */
typedef struct {
	gate_ailines_file *files;
	size_t nfiles;
	gate_ainote_agent *agents;
	size_t nagents;
	size_t lines;
} gate_ailines;

/*
 * Attributes the added lines of `change` from the git-ai notes of its
 * commits: `notes[c]` is commit c's parsed note, or NULL when it has none
 * (`ncommits` entries, in the order of change->commits). Reads each noted
 * commit's version of the files its note names from `repo`, and the head
 * version of each changed file whose path a note names. Files over
 * `max_size` bytes are not read: a note that attests lines of one is an
 * error. Fails closed: a note that attests a file its commit does not have,
 * or lines past that file's end, is a GATE_ERR_INPUT error (a note that
 * cannot be checked proves nothing either way); an unreadable object is
 * GATE_ERR_REPO. Returns 0 or -1; on failure `out` is left empty. Release
 * with gate_ailines_dispose.
 */
int gate_ailines_build(gate_ailines *out, gate_repo *repo, const gate_change *change,
		       const gate_ainote *const *notes, size_t ncommits, size_t max_size,
		       gate_error *err);

/* The agent that wrote head line `line` of file `file` (an index into the
 * change's files), or NULL when the line is not AI-written (or not added).
 * Borrowed from `a`, which may be NULL or empty. */
const gate_ainote_agent *gate_ailines_agent(const gate_ailines *a, size_t file, size_t line);

/* How many added lines of file `file` are AI-written (0 for a NULL `a`). */
size_t gate_ailines_count(const gate_ailines *a, size_t file);

/* Releases what gate_ailines_build filled in; accepts a zeroed struct. */
void gate_ailines_dispose(gate_ailines *a);

#endif
