/*
 * The report as text (docs/report.md), for a human at a terminal or in a CI log:
 * a headline, the range and policy, the files with their tiers, the
 * commits' provenance, requirements, violations with how to fix them, and
 * the verdict. Every name and sentence goes through the terminal escapers
 * of escape.h. The text of `explain` is report_explain.c's.
 */
#include "riskgate/banned.h"

#include <string.h>

#include "report_internal.h"
#include "riskgate/conditions.h"
#include "riskgate/check.h"
#include "riskgate/escape.h"
#include "riskgate/report.h"
#include "riskgate/simulate.h"

/* Characters shown of an object id and of the policy digest in the text. */
#define GATE_REPORT_SHORT_OID    12
#define GATE_REPORT_SHORT_SHA256 12

/*
 * The text report lists at most this many files; the JSON report lists all.
 * A push of thousands of files would otherwise bury the violations, which
 * are always listed in full.
 */
#define GATE_REPORT_TEXT_MAX_FILES 200

/* What an error means, said wherever the verdict is "error". */
#define GATE_REPORT_FAIL_CLOSED                                                                    \
	"the gate fails closed: nothing was evaluated to the end, and an error is never a pass.\n"

#define GATE_ANSI_RED    "\033[31m"
#define GATE_ANSI_GREEN  "\033[32m"
#define GATE_ANSI_YELLOW "\033[33m"
#define GATE_ANSI_RESET  "\033[0m"

/* The columns a name takes once made safe. */
static size_t term_name_width(const char *s)
{
	return s ? gate_escape_terminal_name_width(s, strlen(s)) : 0;
}

static int term_pad(gate_buf *out, size_t width, size_t target, gate_error *err)
{
	int error;

	for (; width < target; width++)
		if ((error = gate_buf_putc(out, ' ', err)) < 0)
			return error;
	return 0;
}

/* A short object id, escaped like any other untrusted text. */
static int term_short_id(gate_buf *out, const char *id, size_t size, size_t keep, gate_error *err)
{
	size_t len = gate_report__field_len(id, size);

	if (len > keep)
		len = keep;
	return gate_escape_terminal_name(out, id, len, err);
}

/* Writes `word` in the colour `code` when colour is on, else plainly. */
static int paint(gate_buf *out, int color, const char *code, const char *word, gate_error *err)
{
	if (!color || !code)
		return gate_buf_puts(out, word, err);
	return gate_buf_printf(out, err, "%s%s%s", code, word, GATE_ANSI_RESET);
}

static const char *verdict_word(gate_verdict verdict, const char **color)
{
	switch (verdict) {
	case GATE_VERDICT_PASS:
		*color = GATE_ANSI_GREEN;
		return "pass";
	case GATE_VERDICT_FAIL:
		*color = GATE_ANSI_RED;
		return "fail";
	case GATE_VERDICT_ERROR:
		break;
	}
	*color = GATE_ANSI_RED;
	return "error";
}

static const char *req_word(gate_req_status status, const char **color)
{
	switch (status) {
	case GATE_REQ_PASS:
		*color = GATE_ANSI_GREEN;
		return "PASS";
	case GATE_REQ_FAIL:
		*color = GATE_ANSI_RED;
		return "FAIL";
	case GATE_REQ_UNVERIFIED:
		*color = GATE_ANSI_YELLOW;
		return "UNVERIFIED";
	case GATE_REQ_SKIP:
		break;
	}
	*color = NULL;
	return "SKIP";
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "(critical: 1, low: 2)" over the tiers that have files, or nothing. */
static int text_tier_counts(gate_buf *out, const gate_report *report, gate_error *err)
{
	size_t t, n, shown = 0;
	int error;

	for (t = 0; report->policy && t < report->policy->ntiers; t++) {
		if ((n = gate_report__tier_files(report, t)) == 0)
			continue;
		if ((error = gate_buf_puts(out, shown ? ", " : " (", err)) < 0 ||
		    (error = gate_report__term_name(out, report->policy->tiers[t].name, NULL,
						    err)) < 0 ||
		    (error = gate_buf_printf(out, err, ": %zu", n)) < 0)
			return error;
		shown++;
	}
	return shown ? gate_buf_putc(out, ')', err) : 0;
}

/* "riskgate: FAIL — 2 violations, 1 warning in 3 files (critical: 1, ...)" */
static int text_headline(gate_buf *out, const gate_report *report, int color, gate_error *err)
{
	const gate_result *result = report->result;
	size_t nviol = gate_result_count(result, GATE_SEV_ERROR);
	size_t nwarn = gate_result_count(result, GATE_SEV_WARNING);
	size_t nfiles = report->change ? report->change->nfiles : 0;
	size_t unmet = 0, i, parts = 0;
	gate_verdict verdict = gate_report_verdict(report);
	const char *code;
	char word[8];
	const char *w = verdict_word(verdict, &code);
	int error;

	for (i = 0; i < result->nreqs; i++)
		if (result->reqs[i].status == GATE_REQ_FAIL ||
		    result->reqs[i].status == GATE_REQ_UNVERIFIED)
			unmet++;
	for (i = 0; w[i] && i + 1 < sizeof(word); i++)
		word[i] = (char)(w[i] - 'a' + 'A');
	word[i] = '\0';

	if ((error = gate_buf_puts(out, "riskgate: ", err)) < 0 ||
	    (error = paint(out, color, code, word, err)) < 0 ||
	    (error = gate_buf_puts(out, " \xe2\x80\x94 ", err)) < 0)
		return error;
	if (nviol > 0 || verdict == GATE_VERDICT_PASS) {
		if ((error = gate_buf_printf(out, err, "%zu %s", nviol,
					     plural(nviol, "violation", "violations"))) < 0)
			return error;
		parts++;
	}
	if (nwarn > 0) {
		if ((error = gate_buf_printf(out, err, "%s%zu %s", parts ? ", " : "", nwarn,
					     plural(nwarn, "warning", "warnings"))) < 0)
			return error;
		parts++;
	}
	if (unmet > 0) {
		if ((error = gate_buf_printf(
			 out, err, "%s%zu %s", parts ? ", " : "", unmet,
			 plural(unmet, "requirement not met", "requirements not met"))) < 0)
			return error;
		parts++;
	}
	if (result->errors.count > 0) {
		if ((error = gate_buf_printf(out, err, "%s%zu %s", parts ? ", " : "",
					     result->errors.count,
					     plural(result->errors.count, "error", "errors"))) < 0)
			return error;
		parts++;
	}
	if ((error = gate_buf_printf(out, err, "%sin %zu %s", parts ? " " : "", nfiles,
				     plural(nfiles, "file", "files"))) < 0 ||
	    (error = text_tier_counts(out, report, err)) < 0)
		return error;
	return gate_buf_putc(out, '\n', err);
}

/* "range: <merge base>..<head> (N commits)" and "policy: NAME (SOURCE, sha256 …)". */
static int text_context(gate_buf *out, const gate_report *report, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_policy *policy = report->policy;
	int error;

	if (change) {
		const char *from = change->merge_base[0] ? change->merge_base : change->base;

		if ((error = gate_buf_puts(out, "range: ", err)) < 0 ||
		    (error = term_short_id(out, from, sizeof(change->merge_base),
					   GATE_REPORT_SHORT_OID, err)) < 0 ||
		    (error = gate_buf_puts(out, "..", err)) < 0 ||
		    (error = term_short_id(out, change->head, sizeof(change->head),
					   GATE_REPORT_SHORT_OID, err)) < 0 ||
		    (error = gate_buf_printf(out, err, " (%zu %s%s)\n", change->ncommits,
					     plural(change->ncommits, "commit", "commits"),
					     change->shallow ? ", shallow clone" : "")) < 0)
			return error;
		if (change->copies_limited &&
		    (error = gate_buf_printf(out, err,
					     "renames: all detected; copies from %zu modified "
					     "file(s) not looked for (past the rename limit)\n",
					     change->copies_limited)) < 0)
			return error;
	}
	if (policy) {
		if ((error = gate_buf_puts(out, "policy: ", err)) < 0)
			return error;
		if (policy->name &&
		    ((error = gate_report__term_name(out, policy->name, NULL, err)) < 0 ||
		     (error = gate_buf_puts(out, " (", err)) < 0))
			return error;
		if ((error = gate_report__term_prose(out, policy->source, err)) < 0 ||
		    (error = gate_buf_puts(out, policy->name ? ", sha256 " : " (sha256 ", err)) <
			0 ||
		    (error = term_short_id(out, policy->sha256, sizeof(policy->sha256),
					   GATE_REPORT_SHORT_SHA256, err)) < 0 ||
		    (error = gate_buf_puts(out, "\xe2\x80\xa6)\n", err)) < 0)
			return error;
	}
	return 0;
}

static const char *file_tier_name(const gate_policy *policy, const gate_class *cls)
{
	if (!cls)
		return "-";
	return policy->tiers[cls->tier].name ? policy->tiers[cls->tier].name : "";
}

/* A pattern in the file list, cut short: FILE:LINE already locates it and
 * `explain` shows it whole. */
#define TEXT_PATTERN_MAX 48

static int text_pattern(gate_buf *out, const char *pattern, gate_error *err)
{
	size_t len = pattern ? strlen(pattern) : 0;
	int error;

	if (len <= TEXT_PATTERN_MAX)
		return gate_report__term_prose(out, pattern, err);
	len = TEXT_PATTERN_MAX - 3;
	while (len > 0 && ((unsigned char)pattern[len] & 0xC0) == 0x80)
		len--;
	if ((error = gate_escape_terminal_prose(out, pattern, len, err)) < 0)
		return error;
	return gate_buf_puts(out, "…", err);
}

/* The rule in the text: shorter than the JSON's, same facts. */
static int text_rule(gate_buf *out, const gate_policy *policy, const gate_class *cls,
		     gate_error *err)
{
	int error;

	switch (cls->kind) {
	case GATE_MATCH_PATTERN:
		if ((error = gate_buf_puts(out, "rule ", err)) < 0 ||
		    (error = gate_report__term_name(out, gate_report__policy_file(policy), NULL,
						    err)) < 0 ||
		    (error = gate_buf_printf(out, err, ":%u ", cls->rule->line)) < 0)
			return error;
		return text_pattern(out, cls->rule->pattern, err);
	case GATE_MATCH_DEFAULT:
		return gate_buf_puts(out, "default tier", err);
	case GATE_MATCH_GUARDED:
		return gate_buf_puts(out, "guarded file: always the highest tier", err);
	}
	return gate_error_set(err, GATE_ERR_INTERNAL, "unknown classification kind %d",
			      (int)cls->kind);
}

static int text_files(gate_buf *out, const gate_report *report, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_policy *policy = report->policy;
	size_t i, w, tier_w = 1, status_w = 0, shown;
	int error;

	if (!change || change->nfiles == 0)
		return 0;
	shown = change->nfiles < GATE_REPORT_TEXT_MAX_FILES ? change->nfiles
							    : GATE_REPORT_TEXT_MAX_FILES;
	for (i = 0; i < shown; i++) {
		const gate_file *file = &change->files[i];

		if ((w = term_name_width(
			 file_tier_name(policy, gate_report__file_class(report, i)))) > tier_w)
			tier_w = w;
		if ((w = strlen(gate_status_name(file->status))) > status_w)
			status_w = w;
	}
	if ((error = gate_buf_puts(out, "\nfiles:\n", err)) < 0)
		return error;
	for (i = 0; i < shown; i++) {
		const gate_file *file = &change->files[i];
		const gate_class *cls = gate_report__file_class(report, i);
		const char *status = gate_status_name(file->status);

		if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = gate_report__term_name(out, file_tier_name(policy, cls), &w, err)) <
			0 ||
		    (error = term_pad(out, w, tier_w + 2, err)) < 0 ||
		    (error = gate_buf_puts(out, status, err)) < 0 ||
		    (error = term_pad(out, strlen(status), status_w + 2, err)) < 0 ||
		    (error = gate_escape_terminal_name(out, file->path ? file->path : "",
						       file->path ? file->path_len : 0, err)) < 0)
			return error;
		if ((file->status == GATE_STATUS_RENAMED || file->status == GATE_STATUS_COPIED) &&
		    file->old_path &&
		    ((error = gate_buf_puts(out, " <- ", err)) < 0 ||
		     (error = gate_escape_terminal_name(out, file->old_path, file->old_path_len,
							err)) < 0))
			return error;
		if (file->binary)
			error = gate_buf_puts(out, "  (binary)", err);
		else
			error = gate_buf_printf(out, err, "  (+%zu -%zu)", file->additions,
						file->deletions);
		if (error < 0)
			return error;
		if (file->old_mode && file->new_mode && file->old_mode != file->new_mode &&
		    (error = gate_buf_printf(out, err, "  mode %06o -> %06o", file->old_mode,
					     file->new_mode)) < 0)
			return error;
		if (cls && ((error = gate_buf_puts(out, "  ", err)) < 0 ||
			    (error = text_rule(out, policy, cls, err)) < 0))
			return error;
		if ((error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	if (shown < change->nfiles &&
	    (error = gate_buf_printf(out, err,
				     "  \xe2\x80\xa6 and %zu more files (the JSON report lists "
				     "them all)\n",
				     change->nfiles - shown)) < 0)
		return error;
	return 0;
}

/* The commits, when some carry provenance worth seeing: AI-assisted, with
 * the evidence, and who answers for each. At most TEXT_MAX_COMMITS lines. */
#define TEXT_MAX_COMMITS 50

static int text_commits(gate_buf *out, const gate_report *report, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	size_t i, nai = 0, shown = 0, len;
	const char *subject;
	int error;

	if (!change || !result || result->nprovenance != change->ncommits)
		return 0;
	for (i = 0; i < result->nprovenance; i++)
		nai += (size_t)result->provenance[i].ai_assisted;
	if ((error = gate_buf_printf(out, err, "\ncommits: %zu, %zu AI-assisted\n",
				     change->ncommits, nai)) < 0)
		return error;
	for (i = 0; i < change->ncommits && shown < TEXT_MAX_COMMITS; i++, shown++) {
		const gate_provenance *p = &result->provenance[i];

		subject = gate_report__subject(change->commits[i].message, &len);
		if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = term_short_id(out, change->commits[i].sha,
					   sizeof(change->commits[i].sha), 12, err)) < 0 ||
		    (error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = gate_escape_terminal_prose(out, subject, len > 60 ? 60 : len, err)) <
			0)
			return error;
		if (p->ai_assisted &&
		    ((error = gate_buf_puts(out, "\n      AI-assisted: ", err)) < 0 ||
		     (error = gate_report__term_prose(out, p->evidence, err)) < 0))
			return error;
		if ((error = gate_buf_puts(out, "\n      accountable: ", err)) < 0 ||
		    (error =
			 gate_report__term_prose(out,
						 p->accountable ? p->accountable
								: "nobody (no human "
								  "author, committer or sign-off)",
						 err)) < 0 ||
		    (error = gate_buf_puts(out, p->signed_off ? " (signed off)\n" : "\n", err)) < 0)
			return error;
	}
	if (shown < change->ncommits &&
	    (error = gate_buf_printf(out, err, "  ... %zu more in the JSON report\n",
				     change->ncommits - shown)) < 0)
		return error;
	/* The AI-written lines are counted here and listed, as line ranges
	 * with tool and model, where a reader can follow them (docs/report.md,
	 * "The text report"). */
	if (result->ailines.lines > 0)
		return gate_buf_printf(out, err,
				       "  AI-written lines: %zu; their ranges, tools and models "
				       "are in the JSON report (files[].ai_lines), the Markdown "
				       "summary and SARIF\n",
				       result->ailines.lines);
	return 0;
}

static int text_waivers(gate_buf *out, const gate_result *result, gate_error *err)
{
	size_t i;
	int error;

	if (!result || !result->nwaivers)
		return 0;
	if ((error = gate_buf_puts(out, "\nwaivers:\n", err)) < 0)
		return error;
	for (i = 0; i < result->nwaivers; i++) {
		const gate_waiver *w = &result->waivers[i];

		/* A marker first: a line that began with the name could be read
		 * as a workflow command ("::error ...") when this text is a CI
		 * log, since the runner trims leading blanks. */
		if ((error = gate_buf_puts(out, "  - ", err)) < 0 ||
		    (error = gate_report__term_name(out, w->path, NULL, err)) < 0 ||
		    (error = gate_buf_printf(out, err, ":%zu: ", w->line)) < 0 ||
		    (error = gate_report__term_name(out, w->rule, NULL, err)) < 0 ||
		    (error = gate_buf_puts(out, " waived: ", err)) < 0 ||
		    (error = gate_report__term_prose(out, w->reason, err)) < 0 ||
		    (error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	return 0;
}

/* Approvals that do not count, each with its reason. */
static int text_ignored_approvals(gate_buf *out, const gate_result *result, gate_error *err)
{
	size_t i;
	int error;

	if (!result || !result->nignored)
		return 0;
	if ((error = gate_buf_puts(out, "\napprovals not counted:\n", err)) < 0)
		return error;
	for (i = 0; i < result->nignored; i++) {
		const gate_ignored_approval *a = &result->ignored[i];

		if ((error = gate_buf_puts(out, "  - ", err)) < 0 ||
		    (error = gate_report__term_name(out, a->who, NULL, err)) < 0 ||
		    (error = gate_buf_puts(out, ": ", err)) < 0 ||
		    (error = gate_report__term_prose(out, a->reason, err)) < 0 ||
		    (error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	return 0;
}

/* Approvals of an earlier commit that count because its diff is the head's. */
static int text_carried_approvals(gate_buf *out, const gate_result *result, gate_error *err)
{
	size_t i;
	int error;

	if (!result || !result->ncarried)
		return 0;
	if ((error = gate_buf_puts(out, "\napprovals of an earlier commit with the same diff:\n",
				   err)) < 0)
		return error;
	for (i = 0; i < result->ncarried; i++) {
		const gate_carried_approval *c = &result->carried[i];

		if ((error = gate_buf_puts(out, "  - ", err)) < 0 ||
		    (error = gate_report__term_name(out, c->who, NULL, err)) < 0 ||
		    (error = gate_buf_printf(out, err, ": reviewed %.12s, counts for ",
					     c->commit)) < 0 ||
		    (error = (c->tiers ? gate_report__term_name(out, c->tiers, NULL, err)
				       : gate_buf_puts(out, "every tier", err))) < 0 ||
		    (error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	return 0;
}

/* Each require_when block of a tier with files: applied or not, what it
 * adds, and every condition with why. */
static int text_conditions(gate_buf *out, const gate_result *result, gate_error *err)
{
	size_t i, k;
	int error;

	if (!result->nconditions)
		return 0;
	if ((error = gate_buf_puts(out, "\nconditions:\n", err)) < 0)
		return error;
	for (i = 0; i < result->nconditions; i++) {
		const gate_cond_outcome *o = &result->conditions[i];

		if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = gate_report__term_name(out, o->tier, NULL, err)) < 0 ||
		    (error = gate_buf_printf(out, err, " require_when[%zu]: %s (", o->index,
					     o->applied ? "applied, adds"
							: "not applied, would add")) < 0 ||
		    (error = gate_report__term_prose(out, o->adds, err)) < 0 ||
		    (error = gate_buf_puts(out, ")\n", err)) < 0)
			return error;
		for (k = 0; k < o->nchecks; k++) {
			const gate_cond_check *c = &o->checks[k];

			if ((error = gate_buf_puts(out, "    - ", err)) < 0 ||
			    (c->status != GATE_COND_NOT_EVALUATED &&
			     (error = gate_buf_printf(out, err, "%s %s: ", c->name,
						      gate_cond_status_name(c->status))) < 0) ||
			    (error = gate_report__term_prose(out, c->detail, err)) < 0 ||
			    (error = gate_buf_putc(out, '\n', err)) < 0)
				return error;
		}
	}
	return 0;
}

/* Under a failing approval requirement: who can satisfy it. */
static int text_who_can_approve(gate_buf *out, const gate_policy *policy,
				const gate_requirement *req, gate_error *err)
{
	gate_buf who = GATE_BUF_INIT(1u << 16);
	int rc;

	if ((rc = gate_simulate_who_can_approve(&who, policy, req, err)) > 0 &&
	    ((rc = gate_buf_puts(out, "\n      who can approve: ", err)) >= 0))
		rc = gate_report__term_prose(out, who.ptr, err);
	gate_buf_dispose(&who);
	return rc < 0 ? rc : 0;
}

static int text_requirements(gate_buf *out, const gate_policy *policy, const gate_result *result,
			     int color, gate_error *err)
{
	size_t i, w, tier_w = 0, check_w = 0;
	int error;

	if (result->nreqs == 0)
		return 0;
	for (i = 0; i < result->nreqs; i++) {
		if ((w = term_name_width(result->reqs[i].tier)) > tier_w)
			tier_w = w;
		if ((w = term_name_width(result->reqs[i].check)) > check_w)
			check_w = w;
	}
	if ((error = gate_buf_puts(out, "\nrequirements:\n", err)) < 0)
		return error;
	for (i = 0; i < result->nreqs; i++) {
		const gate_requirement *req = &result->reqs[i];
		const char *code;
		const char *word = req_word(req->status, &code);

		if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = gate_report__term_name(out, req->tier, &w, err)) < 0 ||
		    (error = term_pad(out, w, tier_w + 2, err)) < 0 ||
		    (error = gate_report__term_name(out, req->check, &w, err)) < 0 ||
		    (error = term_pad(out, w, check_w + 2, err)) < 0 ||
		    (error = paint(out, color, code, word, err)) < 0)
			return error;
		if (req->detail && req->detail[0] &&
		    ((error = term_pad(out, strlen(word), sizeof("UNVERIFIED") + 1, err)) < 0 ||
		     (error = gate_report__term_prose(out, req->detail, err)) < 0))
			return error;
		if ((error = text_who_can_approve(out, policy, req, err)) < 0 ||
		    (error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	return 0;
}

/*
 * One line per violation, compiler style so editors can jump to it:
 *   ✗ path:line: [tier] check/rule (commit abc): message
 *       how to fix: hint
 */
static int text_violation(gate_buf *out, const gate_violation *v, int color, gate_error *err)
{
	int warning = v->severity == GATE_SEV_WARNING;
	int error;

	if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
	    (error = paint(out, color, warning ? GATE_ANSI_YELLOW : GATE_ANSI_RED,
			   warning ? "!" : "\xe2\x9c\x97", err)) < 0 ||
	    (error = gate_buf_putc(out, ' ', err)) < 0)
		return error;
	if (v->path) {
		if ((error = gate_report__term_name(out, v->path, NULL, err)) < 0)
			return error;
		if (v->line > 0 && (error = gate_buf_printf(out, err, ":%zu", v->line)) < 0)
			return error;
		if ((error = gate_buf_puts(out, ": ", err)) < 0)
			return error;
	}
	if ((error = gate_buf_putc(out, '[', err)) < 0 ||
	    (error = gate_report__term_name(out, v->tier, NULL, err)) < 0 ||
	    (error = gate_buf_puts(out, "] ", err)) < 0 ||
	    (error = gate_report__term_name(out, v->check, NULL, err)) < 0)
		return error;
	if (v->rule && ((error = gate_buf_putc(out, '/', err)) < 0 ||
			(error = gate_report__term_name(out, v->rule, NULL, err)) < 0))
		return error;
	if (v->commit && ((error = gate_buf_puts(out, " (commit ", err)) < 0 ||
			  (error = term_short_id(out, v->commit, strlen(v->commit) + 1,
						 GATE_REPORT_SHORT_OID, err)) < 0 ||
			  (error = gate_buf_putc(out, ')', err)) < 0))
		return error;
	if ((error = gate_buf_puts(out, ": ", err)) < 0 ||
	    (error = gate_report__term_prose(out, v->message, err)) < 0)
		return error;
	if (warning && (error = gate_buf_puts(out, " (warning)", err)) < 0)
		return error;
	if (v->hint && v->hint[0] &&
	    ((error = gate_buf_puts(out, "\n      how to fix: ", err)) < 0 ||
	     (error = gate_report__term_prose(out, v->hint, err)) < 0))
		return error;
	return gate_buf_putc(out, '\n', err);
}

static int text_violations(gate_buf *out, const gate_result *result, int color, gate_error *err)
{
	size_t i;
	int error;

	if (result->nviols == 0)
		return 0;
	if ((error = gate_buf_puts(out, "\nviolations:\n", err)) < 0)
		return error;
	/* Errors first: they decide the verdict. */
	for (i = 0; i < result->nviols; i++)
		if (result->viols[i].severity != GATE_SEV_WARNING &&
		    (error = text_violation(out, &result->viols[i], color, err)) < 0)
			return error;
	for (i = 0; i < result->nviols; i++)
		if (result->viols[i].severity == GATE_SEV_WARNING &&
		    (error = text_violation(out, &result->viols[i], color, err)) < 0)
			return error;
	return 0;
}

static int text_result_errors(gate_buf *out, const gate_result *result, int color, gate_error *err)
{
	size_t i;
	int error;

	if (!result || result->errors.count == 0)
		return 0;
	if ((error = gate_buf_puts(out, "\nerrors:\n", err)) < 0)
		return error;
	for (i = 0; i < result->errors.count; i++)
		if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = paint(out, color, GATE_ANSI_RED, "\xe2\x9c\x97", err)) < 0 ||
		    (error = gate_buf_putc(out, ' ', err)) < 0 ||
		    (error = gate_report__term_prose(out, result->errors.items[i], err)) < 0 ||
		    (error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	return 0;
}

static int text_verdict(gate_buf *out, gate_verdict verdict, int color, gate_error *err)
{
	const char *code;
	const char *word = verdict_word(verdict, &code);
	int error;

	if ((error = gate_buf_puts(out, "\nverdict: ", err)) < 0 ||
	    (error = paint(out, color, code, word, err)) < 0)
		return error;
	return gate_buf_putc(out, '\n', err);
}

/* The text of a run that failed: what went wrong, what it means, and what
 * of the change and policy is known. */
static int text_failure(gate_buf *out, const gate_report *report, const gate_error *failure,
			int color, gate_error *err)
{
	int error;

	if ((error = gate_buf_puts(out, "riskgate: ", err)) < 0 ||
	    (error = paint(out, color, GATE_ANSI_RED, "ERROR", err)) < 0 ||
	    (error = gate_buf_puts(out, " \xe2\x80\x94 ", err)) < 0 ||
	    (error = gate_buf_puts(out, gate_error_class_name(failure->klass), err)) < 0 ||
	    (error = gate_buf_puts(out, ": ", err)) < 0 ||
	    (error = gate_escape_terminal_prose(
		 out, failure->message,
		 gate_report__field_len(failure->message, sizeof(failure->message)), err)) < 0 ||
	    (error = gate_buf_putc(out, '\n', err)) < 0)
		return error;
	if (failure->file[0]) {
		if ((error = gate_buf_puts(out, "  at ", err)) < 0 ||
		    (error = gate_escape_terminal_name(
			 out, failure->file,
			 gate_report__field_len(failure->file, sizeof(failure->file)), err)) < 0)
			return error;
		if (failure->line > 0 &&
		    (error = gate_buf_printf(out, err, ":%u", failure->line)) < 0)
			return error;
		if (failure->line > 0 && failure->col > 0 &&
		    (error = gate_buf_printf(out, err, ":%u", failure->col)) < 0)
			return error;
		if ((error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	if ((error = gate_buf_puts(out, GATE_REPORT_FAIL_CLOSED, err)) < 0 ||
	    (error = text_context(out, report, err)) < 0 ||
	    (error = text_result_errors(out, report->result, color, err)) < 0)
		return error;
	return text_verdict(out, GATE_VERDICT_ERROR, color, err);
}

int gate_report_text(gate_buf *out, const gate_report *report, int color, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(0);
	const gate_error *failure;
	gate_error scratch;
	int error = -1;

	if (!out || !report) {
		error = gate_error_set(err, GATE_ERR_INTERNAL, "no report to render");
		goto done;
	}
	/* Built aside, then appended at once, so a failure appends nothing. */
	gate_buf_init(&text, out->max);
	if ((failure = gate_report__failure(report, &scratch)) != NULL) {
		if ((error = text_failure(&text, report, failure, color, err)) < 0)
			goto done;
	} else if ((error = text_headline(&text, report, color, err)) < 0 ||
		   (error = text_context(&text, report, err)) < 0 ||
		   (error = text_files(&text, report, err)) < 0 ||
		   (error = text_commits(&text, report, err)) < 0 ||
		   (error = text_conditions(&text, report->result, err)) < 0 ||
		   (error = text_requirements(&text, report->policy, report->result, color, err)) <
		       0 ||
		   (error = text_violations(&text, report->result, color, err)) < 0 ||
		   (error = text_waivers(&text, report->result, err)) < 0 ||
		   (error = text_ignored_approvals(&text, report->result, err)) < 0 ||
		   (error = text_carried_approvals(&text, report->result, err)) < 0 ||
		   (error = text_result_errors(&text, report->result, color, err)) < 0 ||
		   (report->result->errors.count > 0 &&
		    (error = gate_buf_puts(&text, GATE_REPORT_FAIL_CLOSED, err)) < 0) ||
		   (error = text_verdict(&text, gate_report_verdict(report), color, err)) < 0) {
		goto done;
	}
	if (text.size > 0 && (error = gate_buf_put(out, text.ptr, text.size, err)) < 0)
		goto done;
	error = 0;

done:
	if (error < 0 && err)
		gate_error_prefix(err, "while writing the text report");
	gate_buf_dispose(&text);
	return error;
}

int gate_report__headline(gate_buf *out, const gate_report *report, gate_error *err)
{
	int error;

	if (!report->result)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no result to summarise");
	if ((error = text_headline(out, report, 0, err)) < 0)
		return error;
	/* text_headline always ends its line. */
	if (out->size > 0 && out->ptr[out->size - 1] == '\n')
		out->ptr[--out->size] = '\0';
	return 0;
}

/* One simulated approver's line: what their approval alone would turn to
 * pass, or why it changes nothing. */
static int text_simulated(gate_buf *out, const gate_simulated_approval *a, gate_error *err)
{
	size_t i;
	int error;

	if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
	    (error = gate_report__term_name(out, a->login, NULL, err)) < 0 ||
	    (error = gate_buf_printf(
		 out, err, " (%s%s): ",
		 a->permission == GATE_PERM_UNKNOWN ? "write access assumed" : "permission: ",
		 a->permission == GATE_PERM_UNKNOWN ? "" : gate_permission_name(a->permission))) <
		0)
		return error;
	if (a->nflipped == 0 && (error = gate_buf_puts(out, "changes nothing", err)) < 0)
		return error;
	for (i = 0; i < a->nflipped; i++)
		if ((error = gate_buf_puts(out, i ? ", " : "turns to pass: ", err)) < 0 ||
		    (error = gate_report__term_name(out, a->flipped[i].tier, NULL, err)) < 0 ||
		    (error = gate_buf_putc(out, ' ', err)) < 0 ||
		    (error = gate_report__term_name(out, a->flipped[i].check, NULL, err)) < 0)
			return error;
	if (a->ignored && ((error = gate_buf_puts(out, "; not counted: ", err)) < 0 ||
			   (error = gate_report__term_prose(out, a->ignored, err)) < 0))
		return error;
	return gate_buf_printf(out, err, "; verdict with this approval alone: %s\n",
			       gate_verdict_name(a->verdict));
}

int gate_report_simulation_text(gate_buf *out, const gate_simulation *sim, int color,
				gate_error *err)
{
	const char *code = NULL, *code2 = NULL;
	size_t i;
	int error;

	if (!sim)
		return 0;
	if ((error =
		 gate_buf_puts(out,
			       "\nsimulation (what if; the verdict above is the real one and "
			       "decides the exit code):\n"
			       "  assumed: each simulated reviewer approves the head, has write "
			       "access unless the permissions file says otherwise, and is not "
			       "among the change's contributors unless the inputs say so\n",
			       err)) < 0)
		return error;
	if (sim->napprovals || sim->labels.count) {
		const char *real = verdict_word(sim->real, &code);
		const char *with = verdict_word(sim->simulated, &code2);

		if ((error = gate_buf_puts(out, "  verdict without: ", err)) < 0 ||
		    (error = paint(out, color, code, real, err)) < 0 ||
		    (error =
			 gate_buf_puts(out,
				       !sim->labels.count ? ", with every simulated approval: "
				       : sim->napprovals  ? ", with every simulated approval and "
							    "label: "
							  : ", with the simulated labels: ",
				       err)) < 0 ||
		    (error = paint(out, color, code2, with, err)) < 0 ||
		    (error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	for (i = 0; i < sim->napprovals; i++)
		if ((error = text_simulated(out, &sim->approvals[i], err)) < 0)
			return error;
	for (i = 0; i < sim->labels.count; i++)
		if ((error = gate_buf_puts(out, i ? ", " : "  with labels: ", err)) < 0 ||
		    (error = gate_report__term_name(out, sim->labels.items[i], NULL, err)) < 0)
			return error;
	if (sim->labels.count && (error = gate_buf_putc(out, '\n', err)) < 0)
		return error;
	return 0;
}
