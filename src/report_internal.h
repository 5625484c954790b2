/*
 * Helpers that report.c shares with the other renderers of a report
 * (report_github.c, report_markdown.c, report_sarif.c): UTF-8 decoding, the
 * code points that must never reach a log or terminal raw, the facts every
 * format shows, and cJSON building that checks its allocations. Internal to
 * the library: not installed, not for cmd/.
 */
#ifndef RISKGATE_REPORT_INTERNAL_H
#define RISKGATE_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "riskgate/report.h"

/* The replacement character U+FFFD in UTF-8. */
#define GATE_UTF8_REPLACEMENT "\xef\xbf\xbd"

/*
 * Decodes the UTF-8 sequence at `s` (`len` bytes available): its length (1
 * to 4) with the code point in *cp, or 0 when the bytes do not start a valid
 * sequence (stray continuation, truncation, overlong form, surrogate, beyond
 * U+10FFFF).
 */
size_t gate_report_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * The one escaper per output format for untrusted sentences, which every
 * writer uses (check's and audit's alike): for a terminal, controls, C1,
 * separators and bidirectional controls become escapes (report.c); for
 * Markdown, its punctuation is backslash-escaped and unsafe code points
 * become U+FFFD (report_markdown.c). Both append `len` bytes of `s`.
 */
int gate_report_prose_terminal(gate_buf *out, const char *s, size_t len, gate_error *err);
int gate_report_prose_markdown(gate_buf *out, const char *s, size_t len, gate_error *err);

/* Whether code point `cp` must not be shown raw: C0 and C1 controls, DEL,
 * the line and paragraph separators, bidirectional controls. */
int gate_report_unsafe_cp(uint32_t cp);

/* The error that makes the report's verdict "error" (the run's own, or a
 * stand-in written to `scratch`), or NULL when the run did not fail. */
const gate_error *gate_report_failure(const gate_report *report, gate_error *scratch);

/* The subject (first non-empty line, trailing blanks cut) of a commit
 * message; borrowed from `message`, *len bytes long. */
const char *gate_report_subject(const char *message, size_t *len);

/* Whether `file` has a tier under `policy`, and how many files of the
 * report's change are in tier `tier`. */
int gate_report_file_classified(const gate_policy *policy, const gate_file *file);
size_t gate_report_tier_files(const gate_report *report, size_t tier);

/* The one-line verdict summary of the text report, without colour and
 * without the trailing newline: "riskgate: FAIL — 2 violations in 3 files
 * (critical: 1)". Names are escaped for a terminal. */
int gate_report_headline(gate_buf *out, const gate_report *report, gate_error *err);

/*
 * cJSON building, as in report.c: each helper returns 0, or -1 with
 * GATE_ERR_NOMEM; an item that could not be attached is freed, so the
 * caller only ever owns the root. gate_report_json_text makes a string of
 * untrusted bytes (U+FFFD for invalid UTF-8 and NUL).
 */
int gate_report_json_add(cJSON *obj, const char *key, cJSON *item, gate_error *err);
int gate_report_json_push(cJSON *arr, cJSON *item, gate_error *err);
cJSON *gate_report_json_text(const char *s, size_t len, gate_error *err);

/* Appends the pretty-printed text of `root` and a newline to `out`, all or
 * nothing; `root` stays the caller's. */
int gate_report_json_print(gate_buf *out, cJSON *root, gate_error *err);

#endif
