/*
 * Rendering of `audit` (docs/audit.md): a table with one row per commit, the
 * violations of each listed below it, and the range as a whole, as text,
 * markdown (for an incident or compliance review) or one JSON object.
 * Rows are rendered as commits are evaluated so that no commit's result
 * has to be kept.
 */
#include "riskgate/banned.h"

#include "jsonout.h"
#include "report_internal.h"
#include "riskgate/audit.h"
#include "riskgate/escape.h"
#include "riskgate/version.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Output documents are bounded like check's. */
#define AUDIT_OUT_MAX ((size_t)1 << 31)

/* How much AI evidence a table cell shows. */
#define EVIDENCE_CELL_MAX 60

/* The width of the short commit ids of the table. */
#define SHORT_SHA 12

/* ---- JSON ------------------------------------------------------------ */

static int json_nomem(gate_error *err)
{
	return gate_error_set(err, GATE_ERR_NOMEM, "out of memory building the audit JSON");
}

/* A JSON string of untrusted text: invalid UTF-8 becomes U+FFFD. */
static cJSON *json_text(const char *s, gate_error *err)
{
	if (!s)
		s = "";
	return gate_jsonout__text(s, strlen(s), NULL, err);
}

static int json_put(cJSON *obj, const char *key, cJSON *item, gate_error *err)
{
	if (!item)
		return err->klass != GATE_ERR_NONE ? -1 : json_nomem(err);
	if (key ? !cJSON_AddItemToObject(obj, key, item) : !cJSON_AddItemToArray(obj, item)) {
		cJSON_Delete(item);
		return json_nomem(err);
	}
	return 0;
}

static int json_str(cJSON *obj, const char *key, const char *s, gate_error *err)
{
	return json_put(obj, key, json_text(s, err), err);
}

static int json_opt_str(cJSON *obj, const char *key, const char *s, gate_error *err)
{
	return json_put(obj, key, s ? json_text(s, err) : cJSON_CreateNull(), err);
}

/* Appends the unformatted JSON of `item` (deleted) to `out`. */
static int json_emit(gate_buf *out, cJSON *item, gate_error *err)
{
	char *text = cJSON_PrintUnformatted(item);
	int error;

	cJSON_Delete(item);
	if (!text)
		return json_nomem(err);
	error = gate_buf_puts(out, text, err);
	cJSON_free(text);
	return error;
}

/* ---- markdown -------------------------------------------------------- */

/* Untrusted text in Markdown: the one Markdown escaper of the report. */
static int md_text(gate_buf *out, const char *s, gate_error *err)
{
	return s ? gate_escape_markdown_prose(out, s, strlen(s), err) : 0;
}

/* ---- text ------------------------------------------------------------ */

/* A name (author, path, tier) for a terminal, quoted when escaped. */
static int term_text(gate_buf *out, const char *s, gate_error *err)
{
	if (!s)
		s = "";
	return gate_escape_terminal_name(out, s, strlen(s), err);
}

/* Prose (messages, subjects) for a terminal: the report's one terminal
 * escaper. */
static int term_prose(gate_buf *out, const char *s, gate_error *err)
{
	return s ? gate_escape_terminal_prose(out, s, strlen(s), err) : 0;
}

/* Colour codes, only when asked. */
static int paint(gate_buf *out, int color, gate_verdict v, const char *word, gate_error *err)
{
	const char *code = v == GATE_VERDICT_PASS ? "32" : "31";

	if (!color)
		return gate_buf_puts(out, word, err);
	return gate_buf_printf(out, err, "\033[1;%sm%s\033[0m", code, word);
}

/* ---- one commit ------------------------------------------------------ */

/* The subject as a NUL-terminated copy (the caller frees). */
static char *subject_dup(const gate_commit *c, gate_error *err)
{
	size_t len;
	const char *s = gate_report__subject(c->message, &len);
	char *copy = gate_malloc(len + 1, err);

	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

/* Whether tier `t` has a file of the change. */
static int tier_touched(const gate_report *report, size_t t)
{
	size_t i;

	for (i = 0; i < report->change->nfiles; i++) {
		const gate_class *cls = gate_report__file_class(report, i);

		if (cls && cls->tier == t)
			return 1;
	}
	return 0;
}

/* "Name <email>" of the author (the caller frees). */
static char *author_of(const gate_commit *c, gate_error *err)
{
	gate_buf b = GATE_BUF_INIT(AUDIT_OUT_MAX);

	if (gate_buf_printf(&b, err, "%s <%s>", c->author_name ? c->author_name : "",
			    c->author_email ? c->author_email : "") < 0 ||
	    gate_buf_putc(&b, '\0', err) < 0) {
		gate_buf_dispose(&b);
		return NULL;
	}
	return b.ptr;
}

/* Whether a requirement is unmet and no violation already says so (such
 * a requirement is listed in the details on its own). */
static int req_unmet(const gate_result *res, const gate_requirement *r)
{
	size_t i;

	if (r->status != GATE_REQ_FAIL && r->status != GATE_REQ_UNVERIFIED)
		return 0;
	for (i = 0; i < res->nviols; i++)
		if (res->viols[i].check && res->viols[i].tier && r->check && r->tier &&
		    strcmp(res->viols[i].check, r->check) == 0 &&
		    strcmp(res->viols[i].tier, r->tier) == 0)
			return 0;
	return 1;
}

/* The landed column's word. */
static const char *landed_word(const gate_audit_landed *l)
{
	return gate_landed_name(l ? l->state : GATE_LANDED_NONE);
}

static int row_text(gate_audit_out *o, const gate_report *report, const gate_commit *c,
		    const gate_provenance *prov, gate_verdict v, const gate_audit_landed *landed,
		    const char *author, const char *subject, gate_error *err)
{
	const gate_result *res = report->result;
	const gate_policy *policy = report->policy;
	gate_buf *b = &o->rows, *d = &o->details;
	size_t t, i, first = 1;

	if (gate_buf_printf(b, err, "%.12s  ", c->sha) < 0)
		return -1;
	if (paint(b, o->color, v, gate_verdict_name(v), err) < 0 ||
	    gate_buf_printf(b, err, "%*s", (int)(7 - strlen(gate_verdict_name(v))), "") < 0 ||
	    gate_buf_printf(b, err, "  %-8s", landed_word(landed)) < 0 ||
	    gate_buf_printf(b, err, "  %10zu  %-3s  ", gate_result_count(res, GATE_SEV_ERROR),
			    prov && prov->ai_assisted ? "yes" : "no") < 0 ||
	    term_text(b, author, err) < 0 || gate_buf_puts(b, "  [", err) < 0)
		return -1;
	for (t = 0; t < policy->ntiers; t++) {
		if (!tier_touched(report, t))
			continue;
		if ((!first && gate_buf_puts(b, ", ", err) < 0) ||
		    term_text(b, policy->tiers[t].name, err) < 0)
			return -1;
		first = 0;
	}
	if (gate_buf_puts(b, "]\n", err) < 0)
		return -1;

	if (v == GATE_VERDICT_PASS && !(prov && prov->ai_assisted) && res->nviols == 0)
		return 0;
	if (gate_buf_printf(d, err, "\n%.12s ", c->sha) < 0 ||
	    paint(d, o->color, v, gate_verdict_name(v), err) < 0 ||
	    gate_buf_puts(d, "  ", err) < 0 || term_prose(d, subject, err) < 0 ||
	    gate_buf_putc(d, '\n', err) < 0)
		return -1;
	if (prov && prov->ai_assisted &&
	    (gate_buf_puts(d, "  AI-assisted: ", err) < 0 ||
	     term_prose(d, prov->evidence, err) < 0 || gate_buf_putc(d, '\n', err) < 0))
		return -1;
	if (landed && landed->state != GATE_LANDED_NONE &&
	    (gate_buf_printf(d, err, "  landed: %s (the note on %.12s", landed_word(landed),
			     landed->note_commit) < 0 ||
	     (landed->override_by[0] && (gate_buf_puts(d, "; override by ", err) < 0 ||
					 term_text(d, landed->override_by, err) < 0)) ||
	     (landed->problem[0] &&
	      (gate_buf_puts(d, ": ", err) < 0 || term_prose(d, landed->problem, err) < 0)) ||
	     gate_buf_puts(d, ")\n", err) < 0))
		return -1;
	for (i = 0; i < res->nviols; i++) {
		const gate_violation *viol = &res->viols[i];

		if (gate_buf_printf(d, err, "  %s %s", gate_severity_name(viol->severity),
				    viol->check) < 0 ||
		    (viol->rule &&
		     (gate_buf_putc(d, '/', err) < 0 || term_text(d, viol->rule, err) < 0)) ||
		    gate_buf_puts(d, " [", err) < 0 || term_text(d, viol->tier, err) < 0 ||
		    gate_buf_puts(d, "]", err) < 0)
			return -1;
		if (viol->path &&
		    (gate_buf_putc(d, ' ', err) < 0 || term_text(d, viol->path, err) < 0 ||
		     (viol->line && gate_buf_printf(d, err, ":%zu", viol->line) < 0)))
			return -1;
		if (gate_buf_puts(d, ": ", err) < 0 || term_prose(d, viol->message, err) < 0 ||
		    gate_buf_putc(d, '\n', err) < 0)
			return -1;
		if (viol->hint &&
		    (gate_buf_puts(d, "      fix: ", err) < 0 ||
		     term_prose(d, viol->hint, err) < 0 || gate_buf_putc(d, '\n', err) < 0))
			return -1;
	}
	for (i = 0; i < res->nreqs; i++) {
		const gate_requirement *r = &res->reqs[i];

		if (!req_unmet(res, r))
			continue;
		if (gate_buf_printf(d, err, "  requirement %s [", r->check) < 0 ||
		    term_text(d, r->tier, err) < 0 ||
		    gate_buf_printf(d, err, "] %s: ", gate_req_status_name(r->status)) < 0 ||
		    term_prose(d, r->detail, err) < 0 || gate_buf_putc(d, '\n', err) < 0)
			return -1;
	}
	for (i = 0; i < res->errors.count; i++)
		if (gate_buf_puts(d, "  error: ", err) < 0 ||
		    term_prose(d, res->errors.items[i], err) < 0 || gate_buf_putc(d, '\n', err) < 0)
			return -1;
	return 0;
}

static int md_violation(gate_buf *d, const gate_violation *viol, gate_error *err)
{
	if (gate_buf_printf(d, err, "- **%s** %s", gate_severity_name(viol->severity),
			    viol->check) < 0 ||
	    (viol->rule && (gate_buf_putc(d, '/', err) < 0 || md_text(d, viol->rule, err) < 0)) ||
	    gate_buf_puts(d, " (tier ", err) < 0 || md_text(d, viol->tier, err) < 0 ||
	    gate_buf_puts(d, ")", err) < 0)
		return -1;
	if (viol->path && (gate_buf_puts(d, " in ", err) < 0 || md_text(d, viol->path, err) < 0 ||
			   (viol->line && gate_buf_printf(d, err, " line %zu", viol->line) < 0)))
		return -1;
	if (gate_buf_puts(d, ": ", err) < 0 || md_text(d, viol->message, err) < 0)
		return -1;
	if (viol->hint && (gate_buf_puts(d, " Fix: ", err) < 0 || md_text(d, viol->hint, err) < 0))
		return -1;
	return gate_buf_putc(d, '\n', err);
}

static int md_requirements(gate_buf *d, const gate_result *res, gate_error *err)
{
	size_t i;

	for (i = 0; i < res->nreqs; i++) {
		const gate_requirement *r = &res->reqs[i];

		if (!req_unmet(res, r))
			continue;
		if (gate_buf_printf(d, err, "- requirement **%s** (tier ", r->check) < 0 ||
		    md_text(d, r->tier, err) < 0 ||
		    gate_buf_printf(d, err, ") %s: ", gate_req_status_name(r->status)) < 0 ||
		    md_text(d, r->detail, err) < 0 || gate_buf_putc(d, '\n', err) < 0)
			return -1;
	}
	for (i = 0; i < res->errors.count; i++)
		if (gate_buf_puts(d, "- error: ", err) < 0 ||
		    md_text(d, res->errors.items[i], err) < 0 || gate_buf_putc(d, '\n', err) < 0)
			return -1;
	return 0;
}

static int row_markdown(gate_audit_out *o, const gate_report *report, const gate_commit *c,
			const gate_provenance *prov, gate_verdict v,
			const gate_audit_landed *landed, const char *author, const char *subject,
			gate_error *err)
{
	const gate_result *res = report->result;
	const gate_policy *policy = report->policy;
	gate_buf *b = &o->rows, *d = &o->details;
	size_t t, i, first = 1;

	if (gate_buf_printf(b, err, "| `%.12s` | ", c->sha) < 0 || md_text(b, author, err) < 0 ||
	    gate_buf_puts(b, " | ", err) < 0)
		return -1;
	if (prov && prov->ai_assisted) {
		char ev[EVIDENCE_CELL_MAX + 4];
		const char *e = prov->evidence ? prov->evidence : "";
		size_t n = strlen(e);

		/* Cut on a character boundary. */
		if (n > EVIDENCE_CELL_MAX) {
			n = EVIDENCE_CELL_MAX;
			while (n && ((unsigned char)e[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(ev, e, n);
		memcpy(ev + n, strlen(e) > n ? "..." : "", strlen(e) > n ? 4 : 1);
		if (gate_buf_puts(b, "yes: ", err) < 0 || md_text(b, ev, err) < 0)
			return -1;
	} else if (gate_buf_puts(b, "no", err) < 0) {
		return -1;
	}
	if (gate_buf_puts(b, " | ", err) < 0)
		return -1;
	for (t = 0; t < policy->ntiers; t++) {
		if (!tier_touched(report, t))
			continue;
		if ((!first && gate_buf_puts(b, ", ", err) < 0) ||
		    md_text(b, policy->tiers[t].name, err) < 0)
			return -1;
		first = 0;
	}
	if (gate_buf_printf(b, err, " | %s%s%s | %zu | %s |\n", v == GATE_VERDICT_PASS ? "" : "**",
			    gate_verdict_name(v), v == GATE_VERDICT_PASS ? "" : "**",
			    gate_result_count(res, GATE_SEV_ERROR), landed_word(landed)) < 0)
		return -1;

	if (v == GATE_VERDICT_PASS && res->nviols == 0)
		return 0;
	if (gate_buf_printf(d, err, "\n### `%.12s` %s: ", c->sha, gate_verdict_name(v)) < 0 ||
	    md_text(d, subject, err) < 0 || gate_buf_puts(d, "\n\n", err) < 0)
		return -1;
	for (i = 0; i < res->nviols; i++)
		if (md_violation(d, &res->viols[i], err) < 0)
			return -1;
	return md_requirements(d, res, err);
}

static int json_violations(cJSON *obj, const gate_result *res, gate_error *err)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	if (json_put(obj, "violations", arr, err) < 0)
		return -1;
	for (i = 0; i < res->nviols; i++) {
		const gate_violation *viol = &res->viols[i];
		cJSON *v = cJSON_CreateObject();

		if (json_put(arr, NULL, v, err) < 0 || json_str(v, "check", viol->check, err) < 0 ||
		    (viol->rule && json_str(v, "rule", viol->rule, err) < 0) ||
		    json_str(v, "tier", viol->tier, err) < 0 ||
		    json_str(v, "severity", gate_severity_name(viol->severity), err) < 0 ||
		    (viol->path && json_str(v, "path", viol->path, err) < 0) ||
		    (viol->line &&
		     json_put(v, "line", cJSON_CreateNumber((double)viol->line), err) < 0) ||
		    (viol->commit && json_str(v, "commit", viol->commit, err) < 0) ||
		    json_str(v, "message", viol->message, err) < 0 ||
		    (viol->hint && json_str(v, "hint", viol->hint, err) < 0) ||
		    json_str(v, "fingerprint", viol->fingerprint, err) < 0)
			return -1;
	}
	return 0;
}

static int row_json(gate_audit_out *o, const gate_report *report, const gate_commit *c,
		    const gate_provenance *prov, gate_verdict v, const gate_audit_landed *landed,
		    const char *subject, gate_error *err)
{
	const gate_result *res = report->result;
	const gate_policy *policy = report->policy;
	cJSON *obj = cJSON_CreateObject(), *person, *arr;
	size_t t, i;
	int error = -1;

	if (!obj)
		return json_nomem(err);
	if (json_str(obj, "sha", c->sha, err) < 0 || json_str(obj, "subject", subject, err) < 0 ||
	    json_put(obj, "author", person = cJSON_CreateObject(), err) < 0 ||
	    json_str(person, "name", c->author_name, err) < 0 ||
	    json_str(person, "email", c->author_email, err) < 0 ||
	    json_put(obj, "parents", arr = cJSON_CreateArray(), err) < 0)
		goto done;
	for (i = 0; i < c->nparents; i++)
		if (json_str(arr, NULL, c->parents[i], err) < 0)
			goto done;
	if (json_put(obj, "ai_assisted", cJSON_CreateBool(prov && prov->ai_assisted), err) < 0 ||
	    json_opt_str(obj, "evidence", prov ? prov->evidence : NULL, err) < 0 ||
	    json_put(obj, "files", cJSON_CreateNumber((double)report->change->nfiles), err) < 0 ||
	    json_put(obj, "tiers", arr = cJSON_CreateArray(), err) < 0)
		goto done;
	for (t = 0; t < policy->ntiers; t++)
		if (tier_touched(report, t) && json_str(arr, NULL, policy->tiers[t].name, err) < 0)
			goto done;
	if (json_str(obj, "verdict", gate_verdict_name(v), err) < 0 ||
	    json_violations(obj, res, err) < 0 ||
	    json_put(obj, "unmet_requirements", arr = cJSON_CreateArray(), err) < 0)
		goto done;
	for (i = 0; i < res->nreqs; i++) {
		const gate_requirement *r = &res->reqs[i];
		cJSON *ro;

		if (r->status != GATE_REQ_FAIL && r->status != GATE_REQ_UNVERIFIED)
			continue;
		if (json_put(arr, NULL, ro = cJSON_CreateObject(), err) < 0 ||
		    json_str(ro, "tier", r->tier, err) < 0 ||
		    json_str(ro, "check", r->check, err) < 0 ||
		    json_str(ro, "status", gate_req_status_name(r->status), err) < 0 ||
		    json_str(ro, "detail", r->detail, err) < 0)
			goto done;
	}
	if (json_put(obj, "errors", arr = cJSON_CreateArray(), err) < 0)
		goto done;
	for (i = 0; i < res->errors.count; i++)
		if (json_str(arr, NULL, res->errors.items[i], err) < 0)
			goto done;
	if (json_put(obj, "landed", arr = cJSON_CreateObject(), err) < 0 ||
	    json_str(arr, "state", landed_word(landed), err) < 0 ||
	    json_opt_str(arr, "note_on",
			 landed && landed->note_commit[0] ? landed->note_commit : NULL, err) < 0 ||
	    json_opt_str(arr, "override_by",
			 landed && landed->override_by[0] ? landed->override_by : NULL, err) < 0 ||
	    json_opt_str(arr, "problem", landed && landed->problem[0] ? landed->problem : NULL,
			 err) < 0)
		goto done;
	if (o->ncommits > 1 && gate_buf_puts(&o->rows, ",\n", err) < 0)
		goto done;
	error = json_emit(&o->rows, obj, err);
	obj = NULL;
done:
	cJSON_Delete(obj);
	return error;
}

void gate_audit_out_init(gate_audit_out *o, gate_audit_format format, int color)
{
	memset(o, 0, sizeof(*o));
	o->format = format;
	o->color = format == GATE_AUDIT_TEXT && color;
	gate_buf_init(&o->rows, AUDIT_OUT_MAX);
	gate_buf_init(&o->details, AUDIT_OUT_MAX);
}

void gate_audit_out_dispose(gate_audit_out *o)
{
	gate_buf_dispose(&o->rows);
	gate_buf_dispose(&o->details);
}

int gate_audit_out_commit(gate_audit_out *o, const gate_report *report,
			  const gate_audit_landed *landed, gate_error *err)
{
	const gate_commit *c;
	const gate_provenance *prov;
	gate_verdict v;
	char *author = NULL, *subject = NULL;
	int error = -1;

	if (!report->change || report->change->ncommits != 1 || !report->policy || !report->result)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "an audit row needs one evaluated commit");
	c = &report->change->commits[0];
	prov = report->result->nprovenance ? &report->result->provenance[0] : NULL;
	v = gate_report_verdict(report);
	o->ncommits++;
	if (v == GATE_VERDICT_FAIL)
		o->nfailed++;
	else if (v == GATE_VERDICT_ERROR)
		o->nerrors++;
	if ((author = author_of(c, err)) == NULL || (subject = subject_dup(c, err)) == NULL)
		goto done;
	switch (o->format) {
	case GATE_AUDIT_TEXT:
		error = row_text(o, report, c, prov, v, landed, author, subject, err);
		break;
	case GATE_AUDIT_MARKDOWN:
		error = row_markdown(o, report, c, prov, v, landed, author, subject, err);
		break;
	case GATE_AUDIT_JSON:
		error = row_json(o, report, c, prov, v, landed, subject, err);
		break;
	}
done:
	free(author);
	free(subject);
	return error;
}

gate_verdict gate_audit_verdict(const gate_audit_out *o, const gate_report *range)
{
	gate_verdict rv = gate_report_verdict(range);

	if (o->nerrors || rv == GATE_VERDICT_ERROR || o->ncommits == 0)
		return GATE_VERDICT_ERROR;
	if (o->nfailed || rv == GATE_VERDICT_FAIL)
		return GATE_VERDICT_FAIL;
	return GATE_VERDICT_PASS;
}

static int finish_text(gate_buf *out, gate_audit_out *o, const gate_audit_info *info,
		       const gate_report *range, gate_error *err)
{
	gate_verdict v = gate_audit_verdict(o, range), rv = gate_report_verdict(range);

	if (gate_buf_puts(out, "riskgate audit of ", err) < 0 ||
	    term_text(out, info->spec, err) < 0 ||
	    gate_buf_printf(out, err, " (%.12s..%.12s): %zu commit%s, policy ", info->base,
			    info->head, o->ncommits, o->ncommits == 1 ? "" : "s") < 0 ||
	    term_text(out, info->policy->source, err) < 0 ||
	    gate_buf_printf(out, err, " (sha256 %.12s)\n\n", info->policy->sha256) < 0 ||
	    gate_buf_printf(out, err, "%-12s  %-7s  %-8s  %10s  %-3s  %s\n", "COMMIT", "VERDICT",
			    "LANDED", "VIOLATIONS", "AI", "AUTHOR  [TIERS]") < 0 ||
	    gate_buf_put(out, o->rows.ptr, o->rows.size, err) < 0)
		return -1;
	if (o->details.size &&
	    (gate_buf_puts(out, "\nCommits that fail, or are AI-assisted:\n", err) < 0 ||
	     gate_buf_put(out, o->details.ptr, o->details.size, err) < 0))
		return -1;
	if (gate_buf_puts(out, "\nThe range as a whole (", err) < 0 ||
	    term_text(out, info->spec, err) < 0 || gate_buf_puts(out, "):\n", err) < 0 ||
	    gate_report_text(out, range, o->color, err) < 0)
		return -1;
	if (gate_buf_printf(out, err, "\naudit: %zu commit%s, %zu failed", o->ncommits,
			    o->ncommits == 1 ? "" : "s", o->nfailed) < 0 ||
	    (o->nerrors && gate_buf_printf(out, err, ", %zu with errors", o->nerrors) < 0) ||
	    gate_buf_printf(out, err, "; the range: %s; verdict: ", gate_verdict_name(rv)) < 0 ||
	    paint(out, o->color, v, gate_verdict_name(v), err) < 0 ||
	    gate_buf_putc(out, '\n', err) < 0)
		return -1;
	return 0;
}

static int finish_markdown(gate_buf *out, gate_audit_out *o, const gate_audit_info *info,
			   const gate_report *range, gate_error *err)
{
	gate_verdict v = gate_audit_verdict(o, range), rv = gate_report_verdict(range);
	const gate_result *res = range->result;
	size_t i;

	if (gate_buf_puts(out, "# riskgate audit: ", err) < 0 ||
	    md_text(out, info->spec, err) < 0 ||
	    gate_buf_printf(out, err,
			    "\n\n- Verdict: **%s** (%zu commit%s, %zu failed%s; the range as a "
			    "whole: %s)\n",
			    gate_verdict_name(v), o->ncommits, o->ncommits == 1 ? "" : "s",
			    o->nfailed, o->nerrors ? ", some with errors" : "",
			    gate_verdict_name(rv)) < 0 ||
	    gate_buf_printf(out, err, "- Range: `%s`..`%s` (merge base `%s`)\n", info->base,
			    info->head, info->merge_base ? info->merge_base : "") < 0 ||
	    gate_buf_puts(out, "- Policy: ", err) < 0 ||
	    md_text(out, info->policy->source, err) < 0 ||
	    gate_buf_printf(out, err, " (sha256 `%s`)\n", info->policy->sha256) < 0 ||
	    gate_buf_puts(out,
			  "- Approvals: none known to an audit; reviewer requirements are "
			  "unverified unless the policy trusts review trailers\n\n",
			  err) < 0 ||
	    gate_buf_puts(
		out,
		"| Commit | Author | AI-assisted | Tiers | Verdict | Violations | Landed |\n"
		"|---|---|---|---|---|---|---|\n",
		err) < 0 ||
	    gate_buf_put(out, o->rows.ptr, o->rows.size, err) < 0)
		return -1;
	if (o->details.size && (gate_buf_puts(out, "\n## Violations by commit\n", err) < 0 ||
				gate_buf_put(out, o->details.ptr, o->details.size, err) < 0))
		return -1;
	if (gate_buf_printf(out, err, "\n## The range as a whole: %s\n\n", gate_verdict_name(rv)) <
	    0)
		return -1;
	if (!res)
		return 0;
	for (i = 0; i < res->nviols; i++)
		if (md_violation(out, &res->viols[i], err) < 0)
			return -1;
	if (md_requirements(out, res, err) < 0)
		return -1;
	if (res->nviols == 0 && gate_buf_puts(out, "No violations.\n", err) < 0)
		return -1;
	return 0;
}

static int finish_json(gate_buf *out, gate_audit_out *o, const gate_audit_info *info,
		       const gate_report *range, gate_error *err)
{
	cJSON *root = cJSON_CreateObject(), *obj;
	gate_buf head = GATE_BUF_INIT(AUDIT_OUT_MAX);
	int error = -1;

	if (!root)
		return json_nomem(err);
	if (json_put(root, "schema_version", cJSON_CreateNumber(GATE_REPORT_SCHEMA_VERSION), err) <
		0 ||
	    json_put(root, "tool", obj = cJSON_CreateObject(), err) < 0 ||
	    json_str(obj, "name", "riskgate", err) < 0 ||
	    json_str(obj, "version", GATE_VERSION, err) < 0 ||
	    json_str(root, "verdict", gate_verdict_name(gate_audit_verdict(o, range)), err) < 0 ||
	    json_put(root, "range", obj = cJSON_CreateObject(), err) < 0 ||
	    json_str(obj, "spec", info->spec, err) < 0 ||
	    json_opt_str(obj, "branch", info->branch, err) < 0 ||
	    json_str(obj, "base", info->base, err) < 0 ||
	    json_str(obj, "head", info->head, err) < 0 ||
	    json_opt_str(obj, "merge_base", info->merge_base, err) < 0 ||
	    json_put(root, "policy", obj = cJSON_CreateObject(), err) < 0 ||
	    json_str(obj, "source", info->policy->source, err) < 0 ||
	    json_str(obj, "sha256", info->policy->sha256, err) < 0 ||
	    json_put(root, "summary", obj = cJSON_CreateObject(), err) < 0 ||
	    json_put(obj, "commits", cJSON_CreateNumber((double)o->ncommits), err) < 0 ||
	    json_put(obj, "failed", cJSON_CreateNumber((double)o->nfailed), err) < 0 ||
	    json_put(obj, "errors", cJSON_CreateNumber((double)o->nerrors), err) < 0 ||
	    json_str(obj, "range_verdict", gate_verdict_name(gate_report_verdict(range)), err) < 0)
		goto done;
	/* The document is streamed: the head object without its closing
	 * brace, the commit objects as they were rendered, then check's own
	 * report of the range (the text of gate_report_json, never re-parsed). */
	error = json_emit(&head, root, err);
	root = NULL;
	if (error < 0)
		goto done;
	error = -1;
	if (head.size < 2 || head.ptr[head.size - 1] != '}') {
		gate_error_set(err, GATE_ERR_INTERNAL, "unexpected audit JSON head");
		goto done;
	}
	if (gate_buf_put(out, head.ptr, head.size - 1, err) < 0 ||
	    gate_buf_puts(out, ",\n\"commits\": [\n", err) < 0 ||
	    gate_buf_put(out, o->rows.ptr, o->rows.size, err) < 0 ||
	    gate_buf_puts(out, "\n],\n\"range_report\": ", err) < 0 ||
	    gate_report_json(out, range, err) < 0 || gate_buf_puts(out, "}\n", err) < 0)
		goto done;
	error = 0;
done:
	cJSON_Delete(root);
	gate_buf_dispose(&head);
	return error;
}

int gate_audit_out_finish(gate_buf *out, gate_audit_out *o, const gate_audit_info *info,
			  const gate_report *range, gate_error *err)
{
	switch (o->format) {
	case GATE_AUDIT_TEXT:
		return finish_text(out, o, info, range, err);
	case GATE_AUDIT_MARKDOWN:
		return finish_markdown(out, o, info, range, err);
	case GATE_AUDIT_JSON:
		return finish_json(out, o, info, range, err);
	}
	return gate_error_set(err, GATE_ERR_INTERNAL, "unknown audit format");
}
