/*
 * The report as JSON (docs/report.md), the one object a machine reads: the range,
 * the policy, every file, commit, requirement, violation and waiver, and
 * the errors. Also the JSON of `explain` and of `trailers`. Untrusted text
 * goes through jsonout.h, which gives it one treatment.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonout.h"
#include "report_internal.h"
#include "riskgate/check.h"
#include "riskgate/conditions.h"
#include "conditions_internal.h"
#include "riskgate/report.h"
#include "riskgate/simulate.h"
#include "riskgate/version.h"

/* Adds a fixed-size string field (a digest, an object id). */
static int json_add_field(cJSON *obj, const char *key, const char *s, size_t size, gate_error *err)
{
	return gate_jsonout__add_textn(obj, key, s, gate_report__field_len(s, size), err);
}

/* Adds a fixed-size id field (an object id or digest), or null when empty.
 * The bound guards against a hand-built struct without a terminator. */
static int json_add_id(cJSON *obj, const char *key, const char *id, size_t size, gate_error *err)
{
	size_t len = gate_report__field_len(id, size);

	if (len == 0)
		return gate_jsonout__add_null(obj, key, err);
	return gate_jsonout__add_textn(obj, key, id, len, err);
}

static int json_range(cJSON *root, const gate_change *change, gate_error *err)
{
	cJSON *range;
	int error;

	if (!change)
		return gate_jsonout__add_null(root, "range", err);
	if ((error = gate_jsonout__add_object(&range, root, "range", err)) < 0 ||
	    (error = json_add_id(range, "base", change->base, sizeof(change->base), err)) < 0 ||
	    (error = json_add_id(range, "head", change->head, sizeof(change->head), err)) < 0 ||
	    (error = json_add_id(range, "merge_base", change->merge_base,
				 sizeof(change->merge_base), err)) < 0)
		return error;
	if ((error = gate_jsonout__add_bool(range, "shallow", change->shallow, err)) < 0)
		return error;
	/* Renames are always detected; copies from files that stay may not be. */
	return gate_jsonout__add_number(range, "copies_limited", (double)change->copies_limited,
					err);
}

static int json_policy(cJSON *root, const gate_policy *policy, gate_error *err)
{
	cJSON *obj;
	int error;

	if (!policy)
		return gate_jsonout__add_null(root, "policy", err);
	if ((error = gate_jsonout__add_object(&obj, root, "policy", err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "source", policy->source, err)) < 0 ||
	    (error = json_add_field(obj, "sha256", policy->sha256, sizeof(policy->sha256), err)) <
		0)
		return error;
	if (!policy->name)
		return gate_jsonout__add_null(obj, "name", err);
	return gate_jsonout__add_text(obj, "name", policy->name, err);
}

static int json_summary(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	cJSON *summary, *tiers;
	size_t t;
	int error;

	if ((error = gate_jsonout__add_object(&summary, root, "summary", err)) < 0 ||
	    (error = gate_jsonout__add_number(summary, "files", change ? (double)change->nfiles : 0,
					      err)) < 0 ||
	    (error = gate_jsonout__add_number(summary, "commits",
					      change ? (double)change->ncommits : 0, err)) < 0 ||
	    (error = gate_jsonout__add_number(
		 summary, "violations",
		 result ? (double)gate_result_count(result, GATE_SEV_ERROR) : 0, err)) < 0 ||
	    (error = gate_jsonout__add_number(
		 summary, "warnings",
		 result ? (double)gate_result_count(result, GATE_SEV_WARNING) : 0, err)) < 0 ||
	    (error = gate_jsonout__add_object(&tiers, summary, "tiers", err)) < 0)
		return error;
	for (t = 0; report->policy && t < report->policy->ntiers; t++) {
		const char *name =
		    report->policy->tiers[t].name ? report->policy->tiers[t].name : "";
		cJSON *count = cJSON_CreateNumber((double)gate_report__tier_files(report, t));
		cJSON *key;
		int replaced;

		if (!count)
			return gate_jsonout__nomem(err);
		/* The tier name is a key: give it the same UTF-8 treatment. */
		if (!(key = gate_jsonout__text(name, strlen(name), &replaced, err))) {
			cJSON_Delete(count);
			return -1;
		}
		error = gate_jsonout__add(tiers, key->valuestring, count, err);
		cJSON_Delete(key);
		if (error < 0)
			return error;
	}
	return 0;
}

static int json_mode(cJSON *obj, const char *key, unsigned mode, gate_error *err)
{
	char text[32];

	if (mode == 0)
		return 0;
	snprintf(text, sizeof(text), "%06o", mode);
	return cJSON_AddStringToObject(obj, key, text) ? 0 : gate_jsonout__nomem(err);
}

static int json_file(cJSON *files, const gate_policy *policy, const gate_file *file,
		     const gate_class *cls, const gate_file_owners *owners, gate_error *err)
{
	cJSON *arr;
	size_t i;
	/* A rule holds one pattern of the policy, which is bounded. */
	gate_buf rule = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE + 1024);
	cJSON *obj = cJSON_CreateObject();
	int error;

	if ((error = gate_jsonout__push(files, obj, err)) < 0)
		goto done;
	if ((error =
		 gate_jsonout__add_path(obj, "path", "path_base64", file->path ? file->path : "",
					file->path ? file->path_len : 0, err)) < 0)
		goto done;
	if ((file->status == GATE_STATUS_RENAMED || file->status == GATE_STATUS_COPIED) &&
	    file->old_path &&
	    (error = gate_jsonout__add_path(obj, "old_path", "old_path_base64", file->old_path,
					    file->old_path_len, err)) < 0)
		goto done;
	if ((error = gate_jsonout__add_text(obj, "status", gate_status_name(file->status), err)) <
	    0)
		goto done;
	if (cls) {
		if ((error = gate_jsonout__add_text(obj, "tier", policy->tiers[cls->tier].name,
						    err)) < 0 ||
		    (error = gate_classify_describe(&rule, policy, cls, err)) < 0 ||
		    (error = gate_jsonout__add_textn(obj, "rule", rule.ptr, rule.size, err)) < 0)
			goto done;
	} else if ((error = gate_jsonout__add_null(obj, "tier", err)) < 0 ||
		   (error = gate_jsonout__add_null(obj, "rule", err)) < 0) {
		goto done;
	}
	if ((error = gate_jsonout__add_bool(obj, "binary", file->binary, err)) < 0 ||
	    (error = gate_jsonout__add_number(obj, "additions", (double)file->additions, err)) <
		0 ||
	    (error = gate_jsonout__add_number(obj, "deletions", (double)file->deletions, err)) <
		0 ||
	    (error = json_mode(obj, "old_mode", file->old_mode, err)) < 0 ||
	    (error = json_mode(obj, "new_mode", file->new_mode, err)) < 0)
		goto done;
	/* Owners only when the base revision has a CODEOWNERS file. */
	if (owners && owners->known) {
		if ((error = gate_jsonout__add_array(&arr, obj, "owners", err)) < 0)
			goto done;
		for (i = 0; owners->matched && i < owners->nowners; i++)
			if ((error = gate_jsonout__push(
				 arr,
				 gate_jsonout__text(owners->owners[i], strlen(owners->owners[i]),
						    NULL, err),
				 err)) < 0)
				goto done;
	}

done:
	gate_buf_dispose(&rule);
	return error;
}

static int json_person(cJSON *obj, const char *key, const char *name, const char *email,
		       gate_error *err)
{
	cJSON *person;
	int error;

	if ((error = gate_jsonout__add_object(&person, obj, key, err)) < 0 ||
	    (error = gate_jsonout__add_text(person, "name", name, err)) < 0)
		return error;
	return gate_jsonout__add_text(person, "email", email, err);
}

/*
 * What a commit's git-ai note says (null when it has none): the lines it
 * attributes to AI sessions per file, as [start, end] pairs, and the
 * sessions' tools and models.
 */
static int json_git_ai_note(cJSON *obj, const gate_provenance *prov, gate_error *err)
{
	const gate_ainote *note = &prov->note;
	cJSON *n, *agents, *files;
	size_t i, k;
	int error;

	if (!prov->has_note)
		return gate_jsonout__add_null(obj, "git_ai_note", err);
	if ((error = gate_jsonout__add_object(&n, obj, "git_ai_note", err)) < 0 ||
	    (error = gate_jsonout__add_bool(n, "ai", gate_ainote_is_ai(note), err)) < 0 ||
	    (error = gate_jsonout__add_number(n, "ai_lines", (double)note->lines, err)) < 0 ||
	    (error = gate_jsonout__add_number(n, "human_lines", (double)note->human_lines, err)) <
		0 ||
	    (error = gate_jsonout__add_array(&agents, n, "agents", err)) < 0)
		return error;
	for (i = 0; i < note->nagents; i++) {
		cJSON *a = cJSON_CreateObject();

		if ((error = gate_jsonout__push(agents, a, err)) < 0 ||
		    (error = gate_jsonout__add_text(a, "tool", note->agents[i].tool, err)) < 0 ||
		    (error = gate_jsonout__add_text(a, "model", note->agents[i].model, err)) < 0)
			return error;
	}
	if ((error = gate_jsonout__add_array(&files, n, "files", err)) < 0)
		return error;
	for (i = 0; i < note->nfiles; i++) {
		const gate_ainote_file *f = &note->files[i];
		cJSON *fo = cJSON_CreateObject(), *ranges;

		if ((error = gate_jsonout__push(files, fo, err)) < 0 ||
		    (error = gate_jsonout__add_path(fo, "path", "path_base64", f->path,
						    strlen(f->path), err)) < 0 ||
		    (error = gate_jsonout__add_number(fo, "lines", (double)f->lines, err)) < 0 ||
		    (error = gate_jsonout__add_array(&ranges, fo, "ranges", err)) < 0)
			return error;
		for (k = 0; k < f->nranges; k++) {
			cJSON *r = cJSON_CreateArray();

			if ((error = gate_jsonout__push(ranges, r, err)) < 0 ||
			    (error = gate_jsonout__push(
				 r, cJSON_CreateNumber((double)f->ranges[k].start), err)) < 0 ||
			    (error = gate_jsonout__push(
				 r, cJSON_CreateNumber((double)f->ranges[k].end), err)) < 0)
				return error;
		}
	}
	return 0;
}

/* A commit with, when assessed, its provenance (docs/policy.md, "`provenance`") and trailers. */
static int json_commit(cJSON *commits, const gate_commit *commit, const gate_provenance *prov,
		       gate_error *err)
{
	cJSON *obj = cJSON_CreateObject(), *parents, *trailers;
	const char *subject;
	size_t i, len;
	int error;

	if ((error = gate_jsonout__push(commits, obj, err)) < 0 ||
	    (error = json_add_field(obj, "sha", commit->sha, sizeof(commit->sha), err)) < 0 ||
	    (error = json_person(obj, "author", commit->author_name, commit->author_email, err)) <
		0 ||
	    (error = json_person(obj, "committer", commit->committer_name, commit->committer_email,
				 err)) < 0 ||
	    (error = gate_jsonout__add_array(&parents, obj, "parents", err)) < 0)
		return error;
	for (i = 0; i < commit->nparents; i++) {
		const char *sha = commit->parents[i];

		if ((error = gate_jsonout__push(
			 parents,
			 gate_jsonout__text(sha, gate_report__field_len(sha, GATE_OID_HEX + 1),
					    NULL, err),
			 err)) < 0)
			return error;
	}
	subject = gate_report__subject(commit->message, &len);
	if ((error = gate_jsonout__add_textn(obj, "subject", subject, len, err)) < 0)
		return error;
	if (!prov)
		return 0;
	if ((error = gate_jsonout__add_bool(obj, "ai_assisted", prov->ai_assisted, err)) < 0 ||
	    (error = (prov->evidence ? gate_jsonout__add_text(obj, "evidence", prov->evidence, err)
				     : gate_jsonout__add_null(obj, "evidence", err))) < 0 ||
	    (error = gate_jsonout__add_bool(obj, "disclosed", prov->disclosed, err)) < 0 ||
	    (error = gate_jsonout__add_bool(obj, "signed_off", prov->signed_off, err)) < 0 ||
	    (error = (prov->accountable
			  ? gate_jsonout__add_text(obj, "accountable", prov->accountable, err)
			  : gate_jsonout__add_null(obj, "accountable", err))) < 0 ||
	    (error = gate_jsonout__add_array(&trailers, obj, "trailers", err)) < 0)
		return error;
	for (i = 0; i < prov->trailers.count; i++) {
		cJSON *t = cJSON_CreateObject();

		if ((error = gate_jsonout__push(trailers, t, err)) < 0 ||
		    (error = gate_jsonout__add_text(t, "key", prov->trailers.items[i].key, err)) <
			0 ||
		    (error = gate_jsonout__add_text(t, "value", prov->trailers.items[i].value,
						    err)) < 0)
			return error;
	}
	return json_git_ai_note(obj, prov, err);
}

static int json_strlist(cJSON *obj, const char *key, const gate_strlist *list, gate_error *err)
{
	cJSON *arr;
	size_t i;
	int error;

	if ((error = gate_jsonout__add_array(&arr, obj, key, err)) < 0)
		return error;
	for (i = 0; i < list->count; i++) {
		const char *s = list->items[i] ? list->items[i] : "";

		if ((error = gate_jsonout__push(arr, gate_jsonout__text(s, strlen(s), NULL, err),
						err)) < 0)
			return error;
	}
	return 0;
}

static int json_requirement(cJSON *reqs, const gate_requirement *req, gate_error *err)
{
	cJSON *obj = cJSON_CreateObject();
	int error;

	if ((error = gate_jsonout__push(reqs, obj, err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "tier", req->tier, err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "check", req->check, err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "status", gate_req_status_name(req->status),
					    err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "detail", req->detail, err)) < 0 ||
	    (error = json_strlist(obj, "passing", &req->passing, err)) < 0)
		return error;
	return json_strlist(obj, "failing", &req->failing, err);
}

static int json_violation(cJSON *viols, const gate_violation *v, gate_error *err)
{
	cJSON *obj = cJSON_CreateObject();
	int error;

	if ((error = gate_jsonout__push(viols, obj, err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "check", v->check, err)) < 0 ||
	    (error = gate_jsonout__add_opt_text(obj, "rule", v->rule, err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "tier", v->tier, err)) < 0 ||
	    (error =
		 gate_jsonout__add_text(obj, "severity", gate_severity_name(v->severity), err)) < 0)
		return error;
	if (v->path && (error = gate_jsonout__add_path(obj, "path", "path_base64", v->path,
						       strlen(v->path), err)) < 0)
		return error;
	if (v->line > 0 &&
	    (error = gate_jsonout__add_number(obj, "line", (double)v->line, err)) < 0)
		return error;
	if ((error = gate_jsonout__add_opt_text(obj, "commit", v->commit, err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "message", v->message, err)) < 0 ||
	    (error = gate_jsonout__add_opt_text(obj, "hint", v->hint, err)) < 0)
		return error;
	return json_add_field(obj, "fingerprint", v->fingerprint, sizeof(v->fingerprint), err);
}

/* One entry of "errors": {"class", "message", "file"?, "line"?, "column"?}. */
static int json_error_entry(cJSON *errors, const char *klass, const char *message,
			    size_t message_len, const char *file, size_t file_len, unsigned line,
			    unsigned col, gate_error *err)
{
	cJSON *obj = cJSON_CreateObject();
	int error;

	if ((error = gate_jsonout__push(errors, obj, err)) < 0 ||
	    (error = gate_jsonout__add_text(obj, "class", klass, err)) < 0 ||
	    (error = gate_jsonout__add_textn(obj, "message", message, message_len, err)) < 0)
		return error;
	if (file_len > 0 &&
	    (error = gate_jsonout__add_path(obj, "file", "file_base64", file, file_len, err)) < 0)
		return error;
	if (line > 0 && (error = gate_jsonout__add_number(obj, "line", line, err)) < 0)
		return error;
	if (col > 0 && (error = gate_jsonout__add_number(obj, "column", col, err)) < 0)
		return error;
	return 0;
}

static int json_errors(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_error *failure;
	gate_error scratch;
	cJSON *errors;
	size_t i;
	int error;

	if ((error = gate_jsonout__add_array(&errors, root, "errors", err)) < 0)
		return error;
	for (i = 0; report->result && i < report->result->errors.count; i++) {
		const char *msg = report->result->errors.items[i];

		if (!msg)
			msg = "";
		if ((error = json_error_entry(errors, "check", msg, strlen(msg), NULL, 0, 0, 0,
					      err)) < 0)
			return error;
	}
	if ((failure = gate_report__failure(report, &scratch)) != NULL)
		return json_error_entry(
		    errors, gate_error_class_name(failure->klass), failure->message,
		    gate_report__field_len(failure->message, sizeof(failure->message)),
		    failure->file, gate_report__field_len(failure->file, sizeof(failure->file)),
		    failure->line, failure->col, err);
	return 0;
}

/* Each require_when block of a tier with files: whether its requirements
 * were added, what they are, and how each condition came out. */
static int json_conditions(cJSON *root, const gate_result *result, gate_error *err)
{
	cJSON *arr, *obj, *checks, *c;
	size_t i, k;
	int error;

	if ((error = gate_jsonout__add_array(&arr, root, "conditions", err)) < 0)
		return error;
	for (i = 0; result && i < result->nconditions; i++) {
		const gate_cond_outcome *o = &result->conditions[i];

		obj = cJSON_CreateObject();
		if ((error = gate_jsonout__push(arr, obj, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "tier", o->tier, err)) < 0 ||
		    (error = gate_jsonout__add_number(obj, "index", (double)o->index, err)) < 0 ||
		    (error = gate_jsonout__add_bool(obj, "applied", o->applied, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "adds", o->adds, err)) < 0 ||
		    (error = gate_jsonout__add_array(&checks, obj, "checks", err)) < 0)
			return error;
		for (k = 0; k < o->nchecks; k++) {
			c = cJSON_CreateObject();
			if ((error = gate_jsonout__push(checks, c, err)) < 0 ||
			    (error = gate_jsonout__add_text(c, "condition", o->checks[k].name,
							    err)) < 0 ||
			    (error = gate_jsonout__add_text(
				 c, "status", gate_cond_status_name(o->checks[k].status), err)) <
				0 ||
			    (error =
				 gate_jsonout__add_text(c, "detail", o->checks[k].detail, err)) < 0)
				return error;
		}
	}
	return 0;
}

static int json_report(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	cJSON *tool, *arr;
	size_t i;
	int error;

	if ((error = gate_jsonout__add_number(root, "schema_version", GATE_REPORT_SCHEMA_VERSION,
					      err)) < 0 ||
	    (error = gate_jsonout__add_object(&tool, root, "tool", err)) < 0 ||
	    (error = gate_jsonout__add_text(tool, "name", "riskgate", err)) < 0 ||
	    (error = gate_jsonout__add_text(tool, "version", GATE_VERSION, err)) < 0 ||
	    (error = gate_jsonout__add_text(
		 root, "verdict", gate_verdict_name(gate_report_verdict(report)), err)) < 0 ||
	    (error = json_range(root, change, err)) < 0 ||
	    (error = json_policy(root, report->policy, err)) < 0 ||
	    (error = json_summary(root, report, err)) < 0)
		return error;

	if ((error = gate_jsonout__add_array(&arr, root, "files", err)) < 0)
		return error;
	for (i = 0; change && i < change->nfiles; i++)
		if ((error = json_file(
			 arr, report->policy, &change->files[i], gate_report__file_class(report, i),
			 result && i < result->nowners ? &result->owners[i] : NULL, err)) < 0)
			return error;

	if ((error = gate_jsonout__add_array(&arr, root, "commits", err)) < 0)
		return error;
	for (i = 0; change && i < change->ncommits; i++)
		if ((error = json_commit(
			 arr, &change->commits[i],
			 result && i < result->nprovenance ? &result->provenance[i] : NULL, err)) <
		    0)
			return error;

	if ((error = gate_jsonout__add_array(&arr, root, "requirements", err)) < 0)
		return error;
	for (i = 0; result && i < result->nreqs; i++)
		if ((error = json_requirement(arr, &result->reqs[i], err)) < 0)
			return error;

	if ((error = json_conditions(root, result, err)) < 0)
		return error;

	if ((error = gate_jsonout__add_array(&arr, root, "violations", err)) < 0)
		return error;
	for (i = 0; result && i < result->nviols; i++)
		if ((error = json_violation(arr, &result->viols[i], err)) < 0)
			return error;

	if ((error = gate_jsonout__add_array(&arr, root, "waivers", err)) < 0)
		return error;
	for (i = 0; result && i < result->nwaivers; i++) {
		const gate_waiver *w = &result->waivers[i];
		cJSON *obj = cJSON_CreateObject();

		if ((error = gate_jsonout__push(arr, obj, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "rule", w->rule, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "tier", w->tier, err)) < 0 ||
		    (error =
			 gate_jsonout__add_path(obj, "path", "path_base64", w->path ? w->path : "",
						w->path ? strlen(w->path) : 0, err)) < 0 ||
		    (error = gate_jsonout__add_number(obj, "line", (double)w->line, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "reason", w->reason, err)) < 0)
			return error;
	}
	if ((error = gate_jsonout__add_array(&arr, root, "ignored_approvals", err)) < 0)
		return error;
	for (i = 0; result && i < result->nignored; i++) {
		const gate_ignored_approval *a = &result->ignored[i];
		cJSON *obj = cJSON_CreateObject();

		if ((error = gate_jsonout__push(arr, obj, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "login", a->who, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "kind", a->kind, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "reason", a->reason, err)) < 0 ||
		    (error = gate_jsonout__add_bool(obj, "unverified", a->unverified, err)) < 0 ||
		    (error = gate_jsonout__add_opt_text(obj, "reviewed_commit", a->commit, err)) <
			0 ||
		    (error = gate_jsonout__add_opt_text(obj, "tier", a->tier, err)) < 0 ||
		    (a->path && (error = gate_jsonout__add_path(obj, "path", "path_base64", a->path,
								strlen(a->path), err)) < 0))
			return error;
	}
	if ((error = gate_jsonout__add_array(&arr, root, "carried_approvals", err)) < 0)
		return error;
	for (i = 0; result && i < result->ncarried; i++) {
		const gate_carried_approval *c = &result->carried[i];
		cJSON *obj = cJSON_CreateObject();

		if ((error = gate_jsonout__push(arr, obj, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "login", c->who, err)) < 0 ||
		    (error = gate_jsonout__add_text(obj, "reviewed_commit", c->commit, err)) < 0 ||
		    (error = (c->tiers ? gate_jsonout__add_text(obj, "tiers", c->tiers, err)
				       : gate_jsonout__add_null(obj, "tiers", err))) < 0)
			return error;
	}
	return json_errors(root, report, err);
}

/* One simulated approver of the "simulation" object. */
static int json_simulated(cJSON *arr, const gate_simulated_approval *a, gate_error *err)
{
	cJSON *obj = cJSON_CreateObject(), *flips, *f;
	size_t i;

	if (gate_jsonout__push(arr, obj, err) < 0 ||
	    gate_jsonout__add_text(obj, "login", a->login, err) < 0 ||
	    gate_jsonout__add_text(obj, "permission", gate_permission_name(a->permission), err) <
		0 ||
	    gate_jsonout__add_bool(obj, "write_access_assumed", a->permission == GATE_PERM_UNKNOWN,
				   err) < 0 ||
	    gate_jsonout__add_bool(obj, "counted", a->ignored == NULL, err) < 0 ||
	    (a->ignored ? gate_jsonout__add_text(obj, "ignored_reason", a->ignored, err)
			: gate_jsonout__add_null(obj, "ignored_reason", err)) < 0 ||
	    gate_jsonout__add_text(obj, "verdict", gate_verdict_name(a->verdict), err) < 0 ||
	    gate_jsonout__add_array(&flips, obj, "turns_to_pass", err) < 0)
		return -1;
	for (i = 0; i < a->nflipped; i++) {
		f = cJSON_CreateObject();
		if (gate_jsonout__push(flips, f, err) < 0 ||
		    gate_jsonout__add_text(f, "tier", a->flipped[i].tier, err) < 0 ||
		    gate_jsonout__add_text(f, "check", a->flipped[i].check, err) < 0 ||
		    gate_jsonout__add_text(f, "detail", a->flipped[i].detail, err) < 0)
			return -1;
	}
	return 0;
}

/* The "simulation" object: never read for the verdict, which stays the
 * report's own "verdict". */
static int json_simulation(cJSON *root, const gate_simulation *sim, gate_error *err)
{
	cJSON *obj, *arr;
	size_t i;

	if (gate_jsonout__add_object(&obj, root, "simulation", err) < 0 ||
	    gate_jsonout__add_text(
		obj, "note",
		"what if: not the real verdict; each simulated reviewer approves "
		"the head, has write access unless the permissions file says "
		"otherwise, and is not among the change's contributors unless the "
		"inputs say so",
		err) < 0 ||
	    gate_jsonout__add_text(obj, "real_verdict", gate_verdict_name(sim->real), err) < 0 ||
	    gate_jsonout__add_text(obj, "verdict", gate_verdict_name(sim->simulated), err) < 0 ||
	    gate_jsonout__add_array(&arr, obj, "approvals", err) < 0)
		return -1;
	for (i = 0; i < sim->napprovals; i++)
		if (json_simulated(arr, &sim->approvals[i], err) < 0)
			return -1;
	if (gate_jsonout__add_array(&arr, obj, "labels", err) < 0)
		return -1;
	for (i = 0; i < sim->labels.count; i++)
		if (gate_jsonout__push(arr,
				       gate_jsonout__text(sim->labels.items[i],
							  strlen(sim->labels.items[i]), NULL, err),
				       err) < 0)
			return -1;
	return 0;
}

int gate_report_json(gate_buf *out, const gate_report *report, gate_error *err)
{
	return gate_report_json_simulated(out, report, NULL, err);
}

int gate_report_json_simulated(gate_buf *out, const gate_report *report, const gate_simulation *sim,
			       gate_error *err)
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
	if ((error = json_report(root, report, err)) < 0 ||
	    (sim && (error = json_simulation(root, sim, err)) < 0))
		goto done;
	error = gate_jsonout__print(out, root, err);
done:
	if (error < 0 && err)
		gate_error_prefix(err, "while writing the JSON report");
	cJSON_Delete(root);
	return error;
}

/* The tier's "require_when" for explain --json: each block's conditions
 * under their policy keys, and what it adds, as "requires" is written. */
static int explain_require_when(cJSON *obj, const gate_policy *policy, const gate_tier *tier,
				gate_error *err)
{
	const gate_check_info *c;
	cJSON *arr, *block, *when, *req;
	gate_tier shown = *tier;
	size_t b;

	if (gate_jsonout__add_array(&arr, obj, "require_when", err) < 0)
		return -1;
	for (b = 0; b < tier->nrequire_when; b++) {
		const gate_when *w = &tier->require_when[b].when;

		block = cJSON_CreateObject();
		if (gate_jsonout__push(arr, block, err) < 0 ||
		    gate_jsonout__add_object(&when, block, "when", err) < 0 ||
		    gate_conditions__when_json(when, w, err) < 0 ||
		    gate_jsonout__add_object(&req, block, "requires", err) < 0)
			return -1;
		shown.require = tier->require_when[b].require;
		for (c = gate_check_next(NULL, GATE_CHECK_ORDER_JSON); c;
		     c = gate_check_next(c, GATE_CHECK_ORDER_JSON))
			if (c->describe_json(req, policy, &shown, err) < 0)
				return -1;
	}
	return 0;
}

int gate_report_explain_json(gate_buf *out, const gate_policy *policy, const char *path, size_t len,
			     const gate_class *cls, const gate_file_owners *owners, gate_error *err)
{
	const gate_tier *tier = &policy->tiers[cls->tier];
	const gate_check_info *c;
	cJSON *obj = NULL, *rule = NULL, *req = NULL, *arr = NULL;
	size_t i;
	gate_buf text = GATE_BUF_INIT((size_t)1 << 20);
	int error = -1;

	if (!(obj = cJSON_CreateObject())) {
		gate_jsonout__nomem(err);
		goto done;
	}
	if (gate_jsonout__add_path(obj, "path", "path_base64", path, len, err) < 0 ||
	    gate_jsonout__add_text(obj, "tier", tier->name, err) < 0 ||
	    gate_jsonout__add_opt_text(obj, "description", tier->description, err) < 0 ||
	    gate_classify_describe(&text, policy, cls, err) < 0 ||
	    gate_jsonout__add_textn(obj, "rule", text.ptr ? text.ptr : "", text.size, err) < 0)
		goto done;
	if (cls->kind == GATE_MATCH_PATTERN) {
		if (gate_jsonout__add_object(&rule, obj, "match", err) < 0 ||
		    gate_jsonout__add_text(rule, "file", gate_report__policy_file(policy), err) <
			0 ||
		    gate_jsonout__add_number(rule, "line", cls->rule->line, err) < 0 ||
		    gate_jsonout__add_text(rule, "pattern", cls->rule->pattern, err) < 0)
			goto done;
	} else if (gate_jsonout__add_null(obj, "match", err) < 0) {
		goto done;
	}
	/* Each check adds its members, in the order of that object. */
	if (gate_jsonout__add_object(&req, obj, "requires", err) < 0)
		goto done;
	for (c = gate_check_next(NULL, GATE_CHECK_ORDER_JSON); c;
	     c = gate_check_next(c, GATE_CHECK_ORDER_JSON))
		if (c->describe_json(req, policy, tier, err) < 0)
			goto done;
	if (tier->nrequire_when && explain_require_when(obj, policy, tier, err) < 0)
		goto done;
	if (owners) {
		if (gate_jsonout__add_array(&arr, obj, "owners", err) < 0 ||
		    (owners->matched
			 ? gate_jsonout__add_number(obj, "owners_line", owners->line, err)
			 : gate_jsonout__add_null(obj, "owners_line", err)) < 0)
			goto done;
		for (i = 0; owners->matched && i < owners->nowners; i++)
			if (gate_jsonout__push(arr,
					       gate_jsonout__text(owners->owners[i],
								  strlen(owners->owners[i]), NULL,
								  err),
					       err) < 0)
				goto done;
	}
	error = gate_jsonout__print_line(out, obj, err);
done:
	gate_buf_dispose(&text);
	cJSON_Delete(obj);
	return error;
}

int gate_report_trailers_json(gate_buf *out, const gate_trailers *t, gate_error *err)
{
	cJSON *obj = NULL;
	size_t i, start = out->size;
	int error = -1;

	if (gate_buf_puts(out, t->count ? "[\n" : "[]\n", err) < 0)
		goto done;
	for (i = 0; i < t->count; i++) {
		if (!(obj = cJSON_CreateObject())) {
			gate_jsonout__nomem(err);
			goto done;
		}
		if (gate_jsonout__add_text(obj, "key", t->items[i].key, err) < 0 ||
		    gate_jsonout__add_text(obj, "value", t->items[i].value, err) < 0)
			goto done;
		if (gate_jsonout__print_line(out, obj, err) < 0 ||
		    gate_buf_puts(out, i + 1 < t->count ? ",\n" : "\n]\n", err) < 0)
			goto done;
		cJSON_Delete(obj);
		obj = NULL;
	}
	error = 0;
done:
	if (error < 0) {
		/* Append all or nothing. */
		out->size = start;
		if (out->ptr)
			out->ptr[start] = '\0';
	}
	cJSON_Delete(obj);
	return error;
}
