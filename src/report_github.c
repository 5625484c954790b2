/*
 * The report as GitHub workflow commands (docs/report.md, "`--format github`"):
 * annotations a pull request shows beside the code, escaped exactly as the
 * runner unescapes them, so that no file name or commit message can issue a
 * workflow command of its own.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <string.h>

#include "report_internal.h"
#include "riskgate/escape.h"
#include "riskgate/report.h"

/* Characters of a commit id in an annotation's title. */
#define GH_SHORT_OID 12

/* NUL-terminated text as the data of a workflow command or as a property
 * value (riskgate/escape.h); NULL shows nothing. */
static int gh_data(gate_buf *out, const char *s, gate_error *err)
{
	return s ? gate_escape_github_data(out, s, strlen(s), err) : 0;
}

static int gh_prop(gate_buf *out, const char *s, gate_error *err)
{
	return s ? gate_escape_github_property(out, s, strlen(s), err) : 0;
}

/*
 * One annotation:
 *   ::error file=PATH,line=N,title=riskgate: [tier] check/rule (commit abc)::MESSAGE%0AHow to fix:
 * HINT The title is built whole, then escaped as one property.
 */
static int gh_violation(gate_buf *out, const gate_violation *v, gate_error *err)
{
	gate_buf title = GATE_BUF_INIT(out->max);
	int error;

	if ((error = gate_buf_puts(out, v->severity == GATE_SEV_WARNING ? "::warning " : "::error ",
				   err)) < 0)
		goto done;
	if (v->path) {
		if ((error = gate_buf_puts(out, "file=", err)) < 0 ||
		    (error = gh_prop(out, v->path, err)) < 0 ||
		    (error = gate_buf_putc(out, ',', err)) < 0)
			goto done;
		if (v->line > 0 && (error = gate_buf_printf(out, err, "line=%zu,", v->line)) < 0)
			goto done;
	}
	if ((error = gate_buf_puts(&title, "riskgate: [", err)) < 0 ||
	    (error = gate_buf_puts(&title, v->tier ? v->tier : "", err)) < 0 ||
	    (error = gate_buf_puts(&title, "] ", err)) < 0 ||
	    (error = gate_buf_puts(&title, v->check ? v->check : "", err)) < 0)
		goto done;
	if (v->rule && ((error = gate_buf_putc(&title, '/', err)) < 0 ||
			(error = gate_buf_puts(&title, v->rule, err)) < 0))
		goto done;
	if (v->commit &&
	    (error = gate_buf_printf(&title, err, " (commit %.*s)", GH_SHORT_OID, v->commit)) < 0)
		goto done;
	if ((error = gate_buf_puts(out, "title=", err)) < 0 ||
	    (error = gate_escape_github_property(out, title.ptr ? title.ptr : "", title.size,
						 err)) < 0 ||
	    (error = gate_buf_puts(out, "::", err)) < 0 ||
	    (error = gh_data(out, v->message, err)) < 0)
		goto done;
	if (v->hint && v->hint[0] &&
	    ((error = gate_buf_puts(out, "%0AHow to fix: ", err)) < 0 ||
	     (error = gh_data(out, v->hint, err)) < 0))
		goto done;
	error = gate_buf_putc(out, '\n', err);
done:
	gate_buf_dispose(&title);
	return error;
}

/*
 * The waived findings as notices (at most the cap): a waiver silences a
 * finding, never its trace.
 *   ::notice file=PATH,line=N,title=riskgate: [tier] waived rules/RULE::REASON
 */
static int gh_waivers(gate_buf *out, const gate_result *result, gate_error *err)
{
	gate_buf title = GATE_BUF_INIT(out->max);
	size_t i;
	int error = 0;

	for (i = 0; result && i < result->nwaivers && error == 0; i++) {
		const gate_waiver *w = &result->waivers[i];

		if (i == GATE_REPORT_GITHUB_MAX_ANNOTATIONS - 1) {
			error = gate_buf_printf(
			    out, err,
			    "::notice title=riskgate::%zu more waived findings; see "
			    "the step summary or the JSON report\n",
			    result->nwaivers - i);
			break;
		}
		gate_buf_clear(&title);
		if ((error = gate_buf_puts(out, "::notice file=", err)) < 0 ||
		    (error = gh_prop(out, w->path, err)) < 0 ||
		    (w->line > 0 &&
		     (error = gate_buf_printf(out, err, ",line=%zu", w->line)) < 0) ||
		    (error = gate_buf_printf(&title, err, "riskgate: [%s] waived rules/%s",
					     w->tier ? w->tier : "", w->rule ? w->rule : "")) < 0 ||
		    (error = gate_buf_puts(out, ",title=", err)) < 0 ||
		    (error = gate_escape_github_property(out, title.ptr, title.size, err)) < 0 ||
		    (error = gate_buf_puts(out, "::waived: ", err)) < 0 ||
		    (error = gh_data(out, w->reason, err)) < 0)
			break;
		error = gate_buf_putc(out, '\n', err);
	}
	gate_buf_dispose(&title);
	return error;
}

/* The annotations of one severity, at most the cap; *shown counts them. */
static int gh_violations(gate_buf *out, const gate_result *result, gate_severity severity,
			 size_t *shown, gate_error *err)
{
	size_t i;
	int error;

	*shown = 0;
	for (i = 0; i < result->nviols; i++) {
		if (result->viols[i].severity != severity)
			continue;
		if (*shown == GATE_REPORT_GITHUB_MAX_ANNOTATIONS)
			break;
		if ((error = gh_violation(out, &result->viols[i], err)) < 0)
			return error;
		(*shown)++;
	}
	return 0;
}

/*
 * Appends `text` (the text report) so that none of its lines is a workflow
 * command. The runner trims leading white space (Unicode's, in .NET) before
 * looking for "::", so a line whose first byte after ASCII blanks and any
 * non-ASCII bytes is ':' gets a visible "> " in front. The text report
 * already escapes every line break inside names.
 */
static int gh_defused(gate_buf *out, const char *text, size_t len, gate_error *err)
{
	size_t start = 0, end, k;
	int error;

	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);

		end = nl ? (size_t)(nl - text) + 1 : len;
		for (k = start; k < end; k++) {
			unsigned char c = (unsigned char)text[k];

			if (!(c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' ||
			      c >= 0x80))
				break;
		}
		if (k < end && text[k] == ':' && (error = gate_buf_puts(out, "> ", err)) < 0)
			return error;
		if ((error = gate_buf_put(out, text + start, end - start, err)) < 0)
			return error;
		start = end;
	}
	if (len > 0 && text[len - 1] != '\n')
		return gate_buf_putc(out, '\n', err);
	return 0;
}

/* An error run: one ::error annotation with the cause. */
static int gh_failure(gate_buf *out, const gate_error *failure, gate_error *err)
{
	size_t flen = gate_report__field_len(failure->file, sizeof(failure->file));
	int error;

	if ((error = gate_buf_puts(out, "::error ", err)) < 0)
		return error;
	if (flen > 0) {
		if ((error = gate_buf_puts(out, "file=", err)) < 0 ||
		    (error = gate_escape_github_property(out, failure->file, flen, err)) < 0 ||
		    (error = gate_buf_putc(out, ',', err)) < 0)
			return error;
		if (failure->line > 0 &&
		    (error = gate_buf_printf(out, err, "line=%u,", failure->line)) < 0)
			return error;
	}
	if ((error = gate_buf_puts(out, "title=riskgate error::", err)) < 0 ||
	    (error = gh_prop(out, gate_error_class_name(failure->klass), err)) < 0 ||
	    (error = gate_buf_puts(out, ": ", err)) < 0 ||
	    (error = gate_escape_github_data(
		 out, failure->message,
		 gate_report__field_len(failure->message, sizeof(failure->message)), err)) < 0 ||
	    (error = gate_buf_puts(out, "%0AThe gate fails closed: an error is never a pass.\n",
				   err)) < 0)
		return error;
	return 0;
}

int gate_report_github(gate_buf *out, const gate_report *report, gate_error *err)
{
	gate_buf gh = GATE_BUF_INIT(0), text = GATE_BUF_INIT(0), line = GATE_BUF_INIT(0);
	const gate_error *failure;
	gate_error scratch;
	size_t nerr = 0, nwarn = 0, shown_err = 0, shown_warn = 0, more, skip;
	int error = -1;

	if (!out || !report) {
		error = gate_error_set(err, GATE_ERR_INTERNAL, "no report to render");
		goto done;
	}
	/* Built aside, then appended at once, so a failure appends nothing. */
	gate_buf_init(&gh, out->max);
	gate_buf_init(&text, out->max);
	gate_buf_init(&line, out->max);
	if ((failure = gate_report__failure(report, &scratch)) != NULL) {
		if ((error = gh_failure(&gh, failure, err)) < 0)
			goto done;
	} else {
		nerr = gate_result_count(report->result, GATE_SEV_ERROR);
		nwarn = gate_result_count(report->result, GATE_SEV_WARNING);
		if ((error = gate_report__headline(&line, report, err)) < 0)
			goto done;
		/* The title already says riskgate. */
		skip = line.size >= 10 && memcmp(line.ptr, "riskgate: ", 10) == 0 ? 10 : 0;
		if ((error = gate_buf_puts(&gh, "::notice title=riskgate::", err)) < 0 ||
		    (error = gate_escape_github_data(&gh, line.ptr + skip, line.size - skip, err)) <
			0 ||
		    (error = gate_buf_putc(&gh, '\n', err)) < 0 ||
		    (error = gh_violations(&gh, report->result, GATE_SEV_ERROR, &shown_err, err)) <
			0 ||
		    (error = gh_violations(&gh, report->result, GATE_SEV_WARNING, &shown_warn,
					   err)) < 0 ||
		    (error = gh_waivers(&gh, report->result, err)) < 0)
			goto done;
		more = (nerr - shown_err) + (nwarn - shown_warn);
		if (more > 0 &&
		    (error = gate_buf_printf(
			 &gh, err,
			 "::notice title=riskgate::%zu more %s not shown as annotations "
			 "(GitHub shows %d errors and %d warnings per step); see the step "
			 "summary or the JSON report\n",
			 more, more == 1 ? "violation" : "violations",
			 GATE_REPORT_GITHUB_MAX_ANNOTATIONS, GATE_REPORT_GITHUB_MAX_ANNOTATIONS)) <
			0)
			goto done;
	}
	if ((error = gate_report_text(&text, report, 0, err)) < 0 ||
	    (error = gh_defused(&gh, text.ptr ? text.ptr : "", text.size, err)) < 0)
		goto done;
	if (gh.size > 0 && (error = gate_buf_put(out, gh.ptr, gh.size, err)) < 0)
		goto done;
	error = 0;
done:
	if (error < 0 && err)
		gate_error_prefix(err, "while writing the GitHub annotations");
	gate_buf_dispose(&gh);
	gate_buf_dispose(&text);
	gate_buf_dispose(&line);
	return error;
}
