/*
 * Content rules on their own (docs/policy.md, "`rules`"): whether a rule covers a path and
 * where it fires in a file's content. The rules check applies them to the
 * added lines of a change; `policy test` applies them to the text of its
 * fixtures (every line of which counts as added).
 */
#ifndef RISKGATE_RULES_H
#define RISKGATE_RULES_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/content.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"

/* 1 when one of the rule's `files` patterns matches `path`, 0 when none
 * does, -1 on a regex error. */
int gate_rule_covers(gate_rule *rule, const char *path, size_t len, gate_error *err);

/* Called for each finding with the line it is reported at: the first added
 * line the trigger's match spans. A non-zero return stops the scan and is
 * returned by gate_rule_scan. */
typedef int (*gate_rule_hit_fn)(void *payload, size_t line, gate_error *err);

/*
 * Runs `rule` over the added lines of `content`: its trigger over every
 * run of `lines` consecutive lines that starts at a line and includes an
 * added one (a match must start on the run's first line and span an added
 * line), on the text folded as `normalize` says; a hit is a finding unless
 * `unless` matches in its scope (the window of lines around the match, or
 * the statement or call the match starts). At most one finding per line.
 * Returns 0 when done, the callback's non-zero return, or -1 on a regex
 * error.
 */
int gate_rule_scan(gate_rule *rule, const gate_content *content, gate_rule_hit_fn fn, void *payload,
		   gate_error *err);

/* The most rules gate_rule_marks marks in one pass. */
#define GATE_RULE_MARKS_MAX 64

/*
 * Marks, for up to GATE_RULE_MARKS_MAX rules at once, which lines of a
 * file hold one of a rule's required trigger literals (a trigger cannot
 * match a run of lines without one: docs/policy.md, "Pattern limits"),
 * searching the file once for all of them. A marker is made once for a
 * list of rules (they must outlive it); rules without literals, or whose
 * text is folded, are never marked.
 */
typedef struct gate_rule_marker gate_rule_marker;

int gate_rule_marker_new(gate_rule_marker **out, gate_rule *const *rules, size_t n,
			 gate_error *err);
void gate_rule_marker_free(gate_rule_marker *marker);

/*
 * For the marker's rules i with bit i in `want`: bit i of (*out)[n] for
 * every line n of `content` that a run of rules[i] around an added line
 * covers and that holds one of its literals. *out is the caller's (free),
 * or NULL when no wanted rule has literals (or an added line lies past the
 * content). 0, or -1 when out of memory.
 */
int gate_rule_marks(unsigned long long **out, const gate_rule_marker *marker,
		    unsigned long long want, const gate_content *content, gate_error *err);

/* gate_rule_scan with bit `bit` of `marks` from gate_rule_marks as the
 * rule's marks (NULL: each run's own text is searched instead). */
int gate_rule_scan_marked(gate_rule *rule, const gate_content *content,
			  const unsigned long long *marks, unsigned bit, gate_rule_hit_fn fn,
			  void *payload, gate_error *err);

/* 1 when the rule fires anywhere in `len` bytes of `text` (lines separated
 * by "\n", all of them added), 0 otherwise, -1 on an error. */
int gate_rule_fires(gate_rule *rule, const char *text, size_t len, gate_error *err);

/*
 * Appends `len` bytes of `s` to `out` with compatibility forms folded the
 * way NFKC folds them for identifiers: fullwidth ASCII, the mathematical
 * alphanumeric letters and digits, letterlike symbols, ligatures, long s,
 * superscript and subscript digits. An approximation of NFKC by code
 * point; bytes that are not such a form are copied unchanged, and a line
 * break is never added or removed. Returns 0 or -1.
 */
int gate_rule_fold_nfkc(gate_buf *out, const char *s, size_t len, gate_error *err);

#endif
