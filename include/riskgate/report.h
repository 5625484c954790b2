/*
 * Rendering of an evaluation (SPEC 5): the JSON report and the human text.
 * Each output format escapes attacker-controlled text (file names, commit
 * messages) in its own way, in one place.
 */
#ifndef RISKGATE_REPORT_H
#define RISKGATE_REPORT_H

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/result.h"
#include "riskgate/trailers.h"

#define GATE_REPORT_SCHEMA_VERSION 1

/*
 * Everything a report shows. `policy` and `change` may be NULL when the run
 * failed before they existed (verdict error); `error` is set (klass !=
 * GATE_ERR_NONE) for such a run.
 */
typedef struct {
	const gate_policy *policy;
	const gate_change *change;
	const gate_result *result;
	const gate_error *error;
} gate_report;

/* The verdict of a report: error when `error` is set, else the result's. */
gate_verdict gate_report_verdict(const gate_report *report);

/* Appends the JSON object of SPEC 5 (pretty-printed, newline-terminated). */
int gate_report_json(gate_buf *out, const gate_report *report, gate_error *err);

/* Appends the human-readable text report; `color` enables ANSI colours. */
int gate_report_text(gate_buf *out, const gate_report *report, int color, gate_error *err);

/*
 * Appends `len` bytes of `s` for a terminal: valid UTF-8 passes through,
 * control characters and invalid bytes become C-style escapes, and the whole
 * is double-quoted (like git's quoted paths) when anything was escaped or it
 * contains a quote or backslash.
 */
int gate_report_quote_terminal(gate_buf *out, const char *s, size_t len, gate_error *err);

/*
 * `explain` output for one path classified as `cls` under `policy`: the
 * text block (path, tier, rule as FILE:LINE: PATTERN, its CODEOWNERS owners
 * when `owners` is not NULL, what the tier requires), or one JSON object
 * without a trailing newline.
 */
int gate_report_explain_text(gate_buf *out, const gate_policy *policy, const char *path,
			     size_t len, const gate_class *cls, const gate_file_owners *owners,
			     gate_error *err);
int gate_report_explain_json(gate_buf *out, const gate_policy *policy, const char *path,
			     size_t len, const gate_class *cls, const gate_file_owners *owners,
			     gate_error *err);

/*
 * Appends the trailers `t` as a JSON array of {"key": ..., "value": ...}
 * objects, one per line, newline-terminated ("[]\n" when there are none).
 * Bytes that are not valid UTF-8 become U+FFFD.
 */
int gate_report_trailers_json(gate_buf *out, const gate_trailers *t, gate_error *err);

#endif
