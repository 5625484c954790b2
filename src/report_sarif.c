/*
 * The report as SARIF 2.1.0 for GitHub code scanning (docs/report.md,
 * "`--format sarif`, `--sarif FILE`"): stable rule ids, repository-relative percent-encoded URIs,
 * start lines and partial fingerprints, so that the same finding stays the same alert from one run
 * to the next.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonout.h"
#include "report_internal.h"
#include "riskgate/check.h"
#include "riskgate/escape.h"
#include "riskgate/report.h"
#include "riskgate/version.h"

#define SARIF_SCHEMA  "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"

/* Where a result without a path of its own points when the change has no
 * file at all (a change of commits only): the policy's usual home. */
#define SARIF_FALLBACK_URI ".riskgate.json"

/* Creates an object or array under `key` (or pushed on array `parent` when
 * key is NULL); *out borrows it. */
static int add_obj(cJSON **out, cJSON *parent, const char *key, gate_error *err)
{
	*out = cJSON_CreateObject();
	return key ? gate_jsonout__add(parent, key, *out, err)
		   : gate_jsonout__push(parent, *out, err);
}

/* {"text": s} under `key`. */
static int add_message(cJSON *obj, const char *key, const char *s, gate_error *err)
{
	cJSON *msg;
	int error;

	if ((error = add_obj(&msg, obj, key, err)) < 0)
		return error;
	return gate_jsonout__add_text(msg, "text", s, err);
}

/* The rule id of a violation: riskgate/CHECK or riskgate/CHECK/RULE. */
static int rule_id(gate_buf *out, const gate_violation *v, gate_error *err)
{
	int error;

	gate_buf_clear(out);
	if ((error = gate_buf_puts(out, "riskgate/", err)) < 0 ||
	    (error = gate_buf_puts(out, v->check ? v->check : "", err)) < 0)
		return error;
	if (v->rule && ((error = gate_buf_putc(out, '/', err)) < 0 ||
			(error = gate_buf_puts(out, v->rule, err)) < 0))
		return error;
	return 0;
}

/* What the check is about, for the rule's descriptions: its registry
 * summary. */
static const char *check_text(const char *check)
{
	const gate_check_info *info = gate_check_find(check);

	return info ? info->summary : "A requirement of the riskgate policy";
}

static const char *level_name(gate_severity severity)
{
	return severity == GATE_SEV_WARNING ? "warning" : "error";
}

/* Adds one reportingDescriptor for the rule of `v` (id `id`). */
static int sarif_rule(cJSON *rules, const char *id, const gate_violation *v, gate_error *err)
{
	cJSON *rule, *conf, *props, *tags;
	gate_buf full = GATE_BUF_INIT((size_t)1 << 20);
	const char *what = check_text(v->check);
	int error;

	if ((error = add_obj(&rule, rules, NULL, err)) < 0 ||
	    (error = gate_jsonout__add_text(rule, "id", id, err)) < 0 ||
	    (error = gate_jsonout__add_text(rule, "name", id, err)) < 0)
		goto done;
	/* A content rule is described by its own message; a check by what it
	 * is about. */
	if ((error = add_message(
		 rule, "shortDescription",
		 v->rule && v->check && strcmp(v->check, "rules") == 0 ? v->message : what, err)) <
	    0)
		goto done;
	if ((error = gate_buf_puts(&full, what, err)) < 0)
		goto done;
	if (v->rule && ((error = gate_buf_puts(&full, " (", err)) < 0 ||
			(error = gate_buf_puts(&full, v->rule, err)) < 0 ||
			(error = gate_buf_puts(&full, ")", err)) < 0))
		goto done;
	if ((error = gate_buf_puts(&full, ", required by the riskgate policy of this repository.",
				   err)) < 0 ||
	    (error = add_message(rule, "fullDescription", full.ptr, err)) < 0 ||
	    (error = add_message(rule, "help",
				 v->hint && v->hint[0] ? v->hint
						       : "See the riskgate report for what the "
							 "policy requires.",
				 err)) < 0 ||
	    (error = add_obj(&conf, rule, "defaultConfiguration", err)) < 0 ||
	    (error = gate_jsonout__add_text(conf, "level", level_name(v->severity), err)) < 0 ||
	    (error = add_obj(&props, rule, "properties", err)) < 0 ||
	    (error = gate_jsonout__add_array(&tags, props, "tags", err)) < 0 ||
	    (error = gate_jsonout__push(tags, cJSON_CreateString("riskgate"), err)) < 0)
		goto done;
	error = gate_jsonout__push(tags,
				   gate_jsonout__text(v->check ? v->check : "",
						      v->check ? strlen(v->check) : 0, NULL, err),
				   err);
done:
	gate_buf_dispose(&full);
	return error;
}

/*
 * The file a violation without a path is shown on: the first changed file
 * of its tier (where the change puts that requirement in force, so the
 * alert appears on the pull request), else the first changed file; NULL
 * when the change has no file.
 */
static const gate_file *anchor_file(const gate_report *report, const gate_violation *v)
{
	const gate_change *change = report->change;
	const gate_policy *policy = report->policy;
	size_t i;

	if (!change || change->nfiles == 0)
		return NULL;
	for (i = 0; policy && v->tier && i < change->nfiles; i++) {
		const gate_class *cls = gate_report__file_class(report, i);

		if (cls && policy->tiers[cls->tier].name &&
		    strcmp(policy->tiers[cls->tier].name, v->tier) == 0)
			return &change->files[i];
	}
	return &change->files[0];
}

static int sarif_result(cJSON *results, const gate_report *report, const gate_violation *v,
			const char *id, size_t index, gate_buf *scratch, gate_error *err)
{
	cJSON *res, *locs, *loc, *phys, *art, *region, *fps;
	const gate_file *anchor;
	int error;

	if ((error = add_obj(&res, results, NULL, err)) < 0 ||
	    (error = gate_jsonout__add_text(res, "ruleId", id, err)) < 0 ||
	    (error = gate_jsonout__add_number(res, "ruleIndex", (double)index, err)) < 0 ||
	    (error = gate_jsonout__add_text(res, "level", level_name(v->severity), err)) < 0)
		return error;
	gate_buf_clear(scratch);
	if ((error = gate_buf_puts(scratch, v->message ? v->message : "", err)) < 0)
		return error;
	if (v->commit && (error = gate_buf_printf(scratch, err, " (commit %.12s)", v->commit)) < 0)
		return error;
	if (v->hint && v->hint[0] &&
	    ((error = gate_buf_puts(scratch, "\nHow to fix: ", err)) < 0 ||
	     (error = gate_buf_puts(scratch, v->hint, err)) < 0))
		return error;
	if ((error = add_message(res, "message", scratch->ptr, err)) < 0)
		return error;

	gate_buf_clear(scratch);
	if (v->path) {
		error = gate_escape_uri_path(scratch, v->path, strlen(v->path), err);
	} else if ((anchor = anchor_file(report, v)) != NULL) {
		error = gate_escape_uri_path(scratch, anchor->path, anchor->path_len, err);
	} else {
		error = gate_buf_puts(scratch, SARIF_FALLBACK_URI, err);
	}
	if (error < 0)
		return error;
	if ((error = gate_jsonout__add_array(&locs, res, "locations", err)) < 0 ||
	    (error = add_obj(&loc, locs, NULL, err)) < 0 ||
	    (error = add_obj(&phys, loc, "physicalLocation", err)) < 0 ||
	    (error = add_obj(&art, phys, "artifactLocation", err)) < 0 ||
	    (error = gate_jsonout__add_text(art, "uri", scratch->ptr, err)) < 0 ||
	    (error = gate_jsonout__add_text(art, "uriBaseId", "%SRCROOT%", err)) < 0)
		return error;
	if (v->path && v->line > 0 &&
	    ((error = add_obj(&region, phys, "region", err)) < 0 ||
	     (error = gate_jsonout__add_number(region, "startLine", (double)v->line, err)) < 0))
		return error;
	if ((error = add_obj(&fps, res, "partialFingerprints", err)) < 0)
		return error;
	return gate_jsonout__add_text(fps, "riskgate/v1", v->fingerprint[0] ? v->fingerprint : id,
				      err);
}

/*
 * A waived finding: a note-level result with an in-source suppression and
 * the waiver's reason as its justification, so code scanning shows that
 * the finding exists and who silenced it, and a consumer that drops
 * suppressed results still can.
 */
static int sarif_waiver(cJSON *results, const gate_waiver *w, gate_buf *scratch, gate_error *err)
{
	cJSON *res, *locs, *loc, *phys, *art, *region, *sups, *sup;
	int error;

	gate_buf_clear(scratch);
	if ((error = gate_buf_printf(scratch, err, "rules/%s", w->rule ? w->rule : "")) < 0 ||
	    (error = add_obj(&res, results, NULL, err)) < 0 ||
	    (error = gate_jsonout__add_text(res, "ruleId", scratch->ptr, err)) < 0 ||
	    (error = gate_jsonout__add_text(res, "level", "note", err)) < 0)
		return error;
	gate_buf_clear(scratch);
	if ((error = gate_buf_puts(scratch, "waived: ", err)) < 0 ||
	    (error = gate_buf_puts(scratch, w->reason ? w->reason : "", err)) < 0 ||
	    (error = add_message(res, "message", scratch->ptr, err)) < 0)
		return error;
	gate_buf_clear(scratch);
	if ((error = gate_escape_uri_path(scratch, w->path ? w->path : "",
					  w->path ? strlen(w->path) : 0, err)) < 0 ||
	    (error = gate_jsonout__add_array(&locs, res, "locations", err)) < 0 ||
	    (error = add_obj(&loc, locs, NULL, err)) < 0 ||
	    (error = add_obj(&phys, loc, "physicalLocation", err)) < 0 ||
	    (error = add_obj(&art, phys, "artifactLocation", err)) < 0 ||
	    (error = gate_jsonout__add_text(art, "uri", scratch->ptr, err)) < 0 ||
	    (error = gate_jsonout__add_text(art, "uriBaseId", "%SRCROOT%", err)) < 0)
		return error;
	if (w->line > 0 &&
	    ((error = add_obj(&region, phys, "region", err)) < 0 ||
	     (error = gate_jsonout__add_number(region, "startLine", (double)w->line, err)) < 0))
		return error;
	if ((error = gate_jsonout__add_array(&sups, res, "suppressions", err)) < 0 ||
	    (error = add_obj(&sup, sups, NULL, err)) < 0 ||
	    (error = gate_jsonout__add_text(sup, "kind", "inSource", err)) < 0)
		return error;
	return gate_jsonout__add_text(sup, "justification", w->reason ? w->reason : "", err);
}

/* The run's invocation: successful unless the verdict is error, with the
 * cause as a notification. */
static int sarif_invocation(cJSON *run, const gate_report *report, gate_error *err)
{
	cJSON *invs, *inv, *notes, *note;
	const gate_error *failure;
	gate_error scratch;
	size_t i;
	int error;

	failure = gate_report__failure(report, &scratch);
	if ((error = gate_jsonout__add_array(&invs, run, "invocations", err)) < 0 ||
	    (error = add_obj(&inv, invs, NULL, err)) < 0 ||
	    (error = gate_jsonout__add(
		 inv, "executionSuccessful",
		 cJSON_CreateBool(gate_report_verdict(report) != GATE_VERDICT_ERROR), err)) < 0 ||
	    (error = gate_jsonout__add_array(&notes, inv, "toolExecutionNotifications", err)) < 0)
		return error;
	for (i = 0; report->result && i < report->result->errors.count; i++)
		if ((error = add_obj(&note, notes, NULL, err)) < 0 ||
		    (error = gate_jsonout__add_text(note, "level", "error", err)) < 0 ||
		    (error = add_message(note, "message", report->result->errors.items[i], err)) <
			0)
			return error;
	if (failure) {
		char text[sizeof(failure->message) + 64];

		snprintf(text, sizeof(text), "%s: %s", gate_error_class_name(failure->klass),
			 failure->message);
		if ((error = add_obj(&note, notes, NULL, err)) < 0 ||
		    (error = gate_jsonout__add_text(note, "level", "error", err)) < 0 ||
		    (error = add_message(note, "message", text, err)) < 0)
			return error;
	}
	return 0;
}

static int sarif_run(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_result *result = report->result;
	cJSON *runs, *run, *tool, *driver, *rules, *results, *props;
	gate_buf id = GATE_BUF_INIT((size_t)1 << 20), scratch = GATE_BUF_INIT((size_t)1 << 22);
	char **ids = NULL;
	size_t nids = 0, i, r, shown = 0, shown_viols, nviols = result ? result->nviols : 0;
	int error;

	if ((error = gate_jsonout__add_text(root, "$schema", SARIF_SCHEMA, err)) < 0 ||
	    (error = gate_jsonout__add_text(root, "version", SARIF_VERSION, err)) < 0 ||
	    (error = gate_jsonout__add_array(&runs, root, "runs", err)) < 0 ||
	    (error = add_obj(&run, runs, NULL, err)) < 0 ||
	    (error = add_obj(&tool, run, "tool", err)) < 0 ||
	    (error = add_obj(&driver, tool, "driver", err)) < 0 ||
	    (error = gate_jsonout__add_text(driver, "name", "riskgate", err)) < 0 ||
	    (error = gate_jsonout__add_text(driver, "version", GATE_VERSION, err)) < 0 ||
	    (error = gate_jsonout__add_text(driver, "semanticVersion", GATE_VERSION, err)) < 0 ||
	    (error = gate_jsonout__add_array(&rules, driver, "rules", err)) < 0 ||
	    (error = gate_jsonout__add_array(&results, run, "results", err)) < 0)
		goto done;
	if (nviols > 0 && !(ids = calloc(nviols, sizeof(*ids)))) {
		error = gate_jsonout__nomem(err);
		goto done;
	}
	for (i = 0; i < nviols && shown < GATE_REPORT_SARIF_MAX_RESULTS; i++) {
		const gate_violation *v = &result->viols[i];

		if ((error = rule_id(&id, v, err)) < 0)
			goto done;
		/* Rules are few (checks and the policy's rule ids): a linear
		 * search is enough. */
		for (r = 0; r < nids && strcmp(ids[r], id.ptr) != 0; r++)
			;
		if (r == nids) {
			if (!(ids[nids] = strdup(id.ptr))) {
				error = gate_jsonout__nomem(err);
				goto done;
			}
			nids++;
			if ((error = sarif_rule(rules, id.ptr, v, err)) < 0)
				goto done;
		}
		if ((error = sarif_result(results, report, v, id.ptr, r, &scratch, err)) < 0)
			goto done;
		shown++;
	}
	shown_viols = shown;
	for (i = 0; result && i < result->nwaivers && shown < GATE_REPORT_SARIF_MAX_RESULTS; i++) {
		if ((error = sarif_waiver(results, &result->waivers[i], &scratch, err)) < 0)
			goto done;
		shown++;
	}
	if ((error = sarif_invocation(run, report, err)) < 0 ||
	    (error = add_obj(&props, run, "properties", err)) < 0 ||
	    (error = gate_jsonout__add_text(
		 props, "verdict", gate_verdict_name(gate_report_verdict(report)), err)) < 0 ||
	    (error = gate_jsonout__add_number(props, "violations", (double)nviols, err)) < 0 ||
	    (error = gate_jsonout__add_number(props, "omittedResults",
					      (double)(nviols - shown_viols), err)) < 0)
		goto done;
	error = 0;
done:
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	gate_buf_dispose(&id);
	gate_buf_dispose(&scratch);
	return error;
}

int gate_report_sarif(gate_buf *out, const gate_report *report, gate_error *err)
{
	cJSON *root = NULL;
	int error = -1;

	if (!out || !report) {
		error = gate_error_set(err, GATE_ERR_INTERNAL, "no report to render");
		goto done;
	}
	if (!(root = cJSON_CreateObject())) {
		error = gate_jsonout__nomem(err);
		goto done;
	}
	if ((error = sarif_run(root, report, err)) < 0)
		goto done;
	error = gate_jsonout__print(out, root, err);
done:
	if (error < 0 && err)
		gate_error_prefix(err, "while writing the SARIF report");
	cJSON_Delete(root);
	return error;
}
