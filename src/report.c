/*
 * The report (docs/report.md): what every writer of it shares — the verdict, the
 * failure that makes it "error", and the facts about files and commits that
 * each format shows. The formats themselves live in report_json.c,
 * report_text.c, report_github.c, report_markdown.c and report_sarif.c;
 * their escapers in escape.c.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <string.h>

#include "report_internal.h"
#include "riskgate/escape.h"
#include "riskgate/report.h"

gate_verdict gate_report_verdict(const gate_report *report)
{
	if (!report || (report->error && report->error->klass != GATE_ERR_NONE) || !report->result)
		return GATE_VERDICT_ERROR;
	return gate_result_verdict(report->result);
}

const gate_error *gate_report__failure(const gate_report *report, gate_error *scratch)
{
	if (report->error && report->error->klass != GATE_ERR_NONE)
		return report->error;
	if (!report->result) {
		/* Failing closed: no result is never a pass. */
		memset(scratch, 0, sizeof(*scratch));
		scratch->klass = GATE_ERR_INTERNAL;
		snprintf(scratch->message, sizeof(scratch->message),
			 "the run produced no result to report");
		return scratch;
	}
	return NULL;
}

const char *gate_report__subject(const char *message, size_t *len)
{
	const char *end;

	if (!message) {
		*len = 0;
		return "";
	}
	while (*message == '\n' || *message == '\r')
		message++;
	end = strchr(message, '\n');
	*len = end ? (size_t)(end - message) : strlen(message);
	while (*len > 0 &&
	       (message[*len - 1] == '\r' || message[*len - 1] == ' ' || message[*len - 1] == '\t'))
		(*len)--;
	return message;
}

const gate_class *gate_report__file_class(const gate_report *report, size_t i)
{
	const gate_class *cls;

	if (!report->policy || !report->result || i >= report->result->nclasses)
		return NULL;
	cls = &report->result->classes[i];
	if (cls->tier >= report->policy->ntiers)
		return NULL;
	switch (cls->kind) {
	case GATE_MATCH_PATTERN:
		return cls->rule ? cls : NULL;
	case GATE_MATCH_DEFAULT:
	case GATE_MATCH_GUARDED:
		return cls;
	}
	return NULL;
}

size_t gate_report__tier_files(const gate_report *report, size_t tier)
{
	size_t i, n = 0;

	if (!report->change)
		return 0;
	for (i = 0; i < report->change->nfiles; i++) {
		const gate_class *cls = gate_report__file_class(report, i);

		if (cls && cls->tier == tier)
			n++;
	}
	return n;
}

const char *gate_report__policy_file(const gate_policy *policy)
{
	return policy->file ? policy->file : "policy";
}

size_t gate_report__field_len(const char *s, size_t size)
{
	return strnlen(s, size - 1);
}

int gate_report__term_name(gate_buf *out, const char *s, size_t *width, gate_error *err)
{
	if (!s)
		s = "";
	if (width)
		*width = gate_escape_terminal_name_width(s, strlen(s));
	return gate_escape_terminal_name(out, s, strlen(s), err);
}

int gate_report__term_prose(gate_buf *out, const char *s, gate_error *err)
{
	if (!s)
		s = "";
	return gate_escape_terminal_prose(out, s, strlen(s), err);
}
