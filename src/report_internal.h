/*
 * What the writers of a report (report_json.c, report_text.c,
 * report_github.c, report_markdown.c, report_sarif.c, report_audit.c)
 * share besides the escapers (riskgate/escape.h) and JSON building
 * (jsonout.h): the facts every format shows, asked in one place. Internal
 * to the library: not installed, not for cmd/.
 */
#ifndef RISKGATE_REPORT_INTERNAL_H
#define RISKGATE_REPORT_INTERNAL_H

#include <stddef.h>

#include "riskgate/report.h"

/* The error that makes the report's verdict "error" (the run's own, or a
 * stand-in written to `scratch` when there is neither an error nor a
 * result), or NULL when the run did not fail. */
const gate_error *gate_report__failure(const gate_report *report, gate_error *scratch);

/* The subject (first non-empty line, trailing blanks cut) of a commit
 * message; borrowed from `message` ("" for NULL), *len bytes long. */
const char *gate_report__subject(const char *message, size_t *len);

/*
 * The classification of file `i` of the report's change, or NULL when it
 * has no tier: the report has no policy or no result, or the evaluation has
 * not classified that file (its entry still zero: a pattern match without a
 * rule).
 */
const gate_class *gate_report__file_class(const gate_report *report, size_t i);

/* How many files of the report's change are in tier `tier`. */
size_t gate_report__tier_files(const gate_report *report, size_t tier);

/* The name a policy file is shown under ("policy" when it has none). */
const char *gate_report__policy_file(const gate_policy *policy);

/*
 * The length of the string in a fixed-size field of `size` bytes (an
 * object id, a digest, an error's message), never more than size - 1, so
 * that s[len] is always readable even when a hand-built struct lacks the
 * terminator.
 */
size_t gate_report__field_len(const char *s, size_t size);

/* A NUL-terminated name made safe for a terminal (escape.h); NULL is shown
 * as nothing. *width (when not NULL) receives the columns it takes. The
 * text report's and explain's one way to write a name. */
int gate_report__term_name(gate_buf *out, const char *s, size_t *width, gate_error *err);

/* A NUL-terminated sentence made safe for a terminal; NULL is shown as
 * nothing. */
int gate_report__term_prose(gate_buf *out, const char *s, gate_error *err);

/* The one-line verdict summary of the text report (report_text.c), without
 * colour and without the trailing newline: "riskgate: FAIL — 2 violations
 * in 3 files (critical: 1)". Names are escaped for a terminal. */
int gate_report__headline(gate_buf *out, const gate_report *report, gate_error *err);

#endif
