/*
 * Rendering of an evaluation (docs/report.md): the JSON report, the human text,
 * GitHub annotations, a Markdown step summary and SARIF.
 * Each output format escapes attacker-controlled text (file names, commit
 * messages) in its own way, with the escapers of riskgate/escape.h.
 */
#ifndef RISKGATE_REPORT_H
#define RISKGATE_REPORT_H

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/repo.h"
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
	/* For SARIF only, each may be NULL: the repository the change was read
	 * from (to read the files results are placed on, for their line
	 * fingerprints); the repository's address for versionControlProvenance
	 * (credentials are dropped when written); where the documentation is
	 * published (an absolute http(s) URL ending in '/'), for informationUri
	 * and each rule's helpUri. */
	gate_repo *repo;
	const char *repository_uri;
	const char *docs_url;
} gate_report;

/* The verdict of a report: error when `error` is set, else the result's. */
gate_verdict gate_report_verdict(const gate_report *report);

/* Appends the JSON object of docs/report.md (pretty-printed, newline-terminated). */
int gate_report_json(gate_buf *out, const gate_report *report, gate_error *err);

/* Appends the human-readable text report; `color` enables ANSI colours. */
int gate_report_text(gate_buf *out, const gate_report *report, int color, gate_error *err);

/*
 * GitHub workflow commands (report_github.c): a ::notice with the verdict,
 * one ::error or ::warning annotation per violation (at most
 * GATE_REPORT_GITHUB_MAX_ANNOTATIONS of each, as GitHub shows no more per
 * step, then a ::notice saying how many were left out), then the text
 * report with every line that could be read as a workflow command
 * defused. An error run gives one ::error annotation and the text of the
 * failure. Attacker text is escaped as the runner unescapes it (actions/
 * toolkit command.ts: %, CR, LF in data; also : and , in properties),
 * invalid UTF-8 becomes U+FFFD and control characters never pass raw.
 */
#define GATE_REPORT_GITHUB_MAX_ANNOTATIONS 10
int gate_report_github(gate_buf *out, const gate_report *report, gate_error *err);

/*
 * A GitHub step summary in Markdown (report_markdown.c): the verdict and
 * counts, a table per tier, each violation with how to fix it, and the
 * AI-assisted commits. Names are shown in code spans that no name can
 * break out of, prose is backslash-escaped. Never more than
 * GATE_REPORT_MARKDOWN_MAX bytes: what does not fit is counted in a note
 * that points at the JSON report.
 */
#define GATE_REPORT_MARKDOWN_MAX ((size_t)1 << 20)
int gate_report_markdown(gate_buf *out, const gate_report *report, gate_error *err);

/*
 * SARIF 2.1.0 for GitHub code scanning (report_sarif.c): one run, one rule
 * per distinct rule id (riskgate/CHECK or riskgate/CHECK/RULE), one result
 * per violation with a percent-encoded repository-relative URI, the start
 * line when known, and partialFingerprints {"riskgate/v1": fingerprint}.
 * A violation without a path is placed on the first changed file of its
 * tier (else the first changed file, else .riskgate.json), since code
 * scanning needs a location for every result. At most
 * GATE_REPORT_SARIF_MAX_RESULTS results (GitHub's own limit per run). An
 * error run has no results and a failed invocation saying why.
 */
#define GATE_REPORT_SARIF_MAX_RESULTS 25000
int gate_report_sarif(gate_buf *out, const gate_report *report, gate_error *err);

/* Whether `url` can be gate_report.docs_url: an http(s) URL ending in '/'
 * with no character a URI must not show raw. */
int gate_report_sarif_docs_url_ok(const char *url);

/*
 * `explain` output for one path classified as `cls` under `policy`: the
 * text block (path, tier, rule as FILE:LINE: PATTERN, its CODEOWNERS owners
 * when `owners` is not NULL, what the tier requires), or one JSON object
 * without a trailing newline.
 */
int gate_report_explain_text(gate_buf *out, const gate_policy *policy, const char *path, size_t len,
			     const gate_class *cls, const gate_file_owners *owners,
			     gate_error *err);
int gate_report_explain_json(gate_buf *out, const gate_policy *policy, const char *path, size_t len,
			     const gate_class *cls, const gate_file_owners *owners,
			     gate_error *err);

/*
 * The text of `explain` for many paths: what does not depend on the path
 * (each tier's line and requirements, each rule) is rendered once and
 * copied, so that a block costs escaping its path. The output is
 * gate_report_explain_text's, byte for byte. `policy` is borrowed and must
 * outlive the explainer, which is the caller's (gate_report_explainer_free).
 */
typedef struct gate_report_explainer gate_report_explainer;
int gate_report_explainer_new(gate_report_explainer **out, const gate_policy *policy,
			      gate_error *err);
void gate_report_explainer_free(gate_report_explainer *ex);
/* Appends the text block of one path classified as `cls`, as
 * gate_report_explain_text does. */
int gate_report_explainer_text(gate_buf *out, gate_report_explainer *ex, const char *path,
			       size_t len, const gate_class *cls, const gate_file_owners *owners,
			       gate_error *err);

/*
 * Appends the trailers `t` as a JSON array of {"key": ..., "value": ...}
 * objects, one per line, newline-terminated ("[]\n" when there are none).
 * Bytes that are not valid UTF-8 become U+FFFD.
 */
int gate_report_trailers_json(gate_buf *out, const gate_trailers *t, gate_error *err);

#endif
