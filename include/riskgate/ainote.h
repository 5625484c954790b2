/*
 * git-ai authorship logs: the notes git-ai attaches to every commit under
 * refs/notes/ai (format "authorship/3.0.0"), read strictly. A note says
 * which lines of which files an AI session wrote; a commit is AI-assisted by
 * its note only when the note attests at least one such line.
 */
#ifndef RISKGATE_AINOTE_H
#define RISKGATE_AINOTE_H

#include <stddef.h>

#include "riskgate/error.h"

/* A note larger than this is an input error, never partly read. */
#define GATE_AINOTE_MAX_BYTES ((size_t)1 << 20)
/* Line ranges (over all attestation lines), files and sessions a note may
 * hold before it is an input error. */
#define GATE_AINOTE_MAX_RANGES 65536
#define GATE_AINOTE_MAX_FILES  4096
/* Longest tool or model name accepted from the metadata. */
#define GATE_AINOTE_MAX_NAME 128

/* Lines start..end (1-based, inclusive, start <= end). */
typedef struct {
	unsigned long start, end;
} gate_ainote_range;

/* One attestation's range of lines and the AI session that wrote them:
 * `agent` is an index into the note's `agents`. */
typedef struct {
	gate_ainote_range range;
	size_t agent;
} gate_ainote_span;

/*
 * One file's lines attributed to AI sessions. `ranges` are sorted, disjoint
 * and not adjacent (overlapping attestations of several sessions merged);
 * `lines` is the number of lines they cover. `spans` are the same lines as
 * the note attests them, each with its session's agent, sorted by start
 * and not merged (two sessions may attest one line). `path` is the note's
 * path, unquoted, owned, and may hold any byte but NUL and newline.
 */
typedef struct {
	char *path;
	gate_ainote_range *ranges;
	size_t nranges;
	size_t lines;
	gate_ainote_span *spans;
	size_t nspans;
} gate_ainote_file;

/* A tool and model of an AI session an attestation names (owned; `model` is
 * "" when the note names none). */
typedef struct {
	char *tool;
	char *model;
} gate_ainote_agent;

/*
 * What one note says. `files` lists only files with AI-attributed lines,
 * in the note's order; `agents` the distinct tool/model pairs of the AI
 * sessions that the attestations name, in order of first use; `lines` the
 * sum of the files' lines. `human_lines` counts lines attested to known
 * humans (git-ai's "h_" keys), which are never AI. The note is AI evidence
 * exactly when nfiles > 0.
 */
typedef struct {
	gate_ainote_file *files;
	size_t nfiles;
	gate_ainote_agent *agents;
	size_t nagents;
	size_t lines;
	size_t human_lines;
} gate_ainote;

/*
 * Parses the `len` bytes of `text` (need not be NUL-terminated; may hold
 * any bytes) as a git-ai authorship log into `out`. Returns 0, or -1 with a
 * GATE_ERR_INPUT error that says what is wrong and on which line of the note
 * (hostile text is never copied into the message unescaped): no "---"
 * divider, an attestation line that is not a two-space indented key and
 * ranges, an unparseable or descending range ("5-2"), a key that names no
 * session or human of the metadata, metadata that is not a JSON object, a
 * schema_version other than "authorship/3.0.0", a session without a tool,
 * or a size limit exceeded (GATE_ERR_NOMEM on allocation failure). On
 * failure `out` is left empty. Release with gate_ainote_dispose.
 */
int gate_ainote_parse(gate_ainote *out, const char *text, size_t len, gate_error *err);

/* Releases what gate_ainote_parse filled in; accepts a zeroed struct. */
void gate_ainote_dispose(gate_ainote *note);

/* Whether the note attributes any line to an AI session. */
int gate_ainote_is_ai(const gate_ainote *note);

#endif
