/*
 * The report as JSON (docs/report.md), the one object a machine reads: the range,
 * the policy, every file, commit, requirement, violation and waiver, and
 * the errors, streamed through jsonw.h so that a report of a long range
 * costs its text and no tree. Also the JSON of `explain` and of `trailers`,
 * built with cJSON through jsonout.h. Untrusted text gets one treatment
 * either way (escape.h).
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonout.h"
#include "riskgate/jsonw.h"
#include "report_internal.h"
#include "riskgate/check.h"
#include "riskgate/conditions.h"
#include "conditions_internal.h"
#include "riskgate/report.h"
#include "riskgate/simulate.h"
#include "riskgate/version.h"
#include "riskgate/walkthrough.h"

/* Writes a fixed-size string field (a digest, an object id). */
static int json_field(gate_jsonw *w, const char *key, const char *s, size_t size)
{
	return gate_jsonw_textn(w, key, s, gate_report__field_len(s, size));
}

/* Writes a fixed-size id field (an object id or digest), or null when empty.
 * The bound guards against a hand-built struct without a terminator. */
static int json_id(gate_jsonw *w, const char *key, const char *id, size_t size)
{
	size_t len = gate_report__field_len(id, size);

	if (len == 0)
		return gate_jsonw_null(w, key);
	return gate_jsonw_textn(w, key, id, len);
}

static int json_range(gate_jsonw *w, const gate_change *change)
{
	if (!change)
		return gate_jsonw_null(w, "range");
	if (gate_jsonw_object(w, "range") < 0 ||
	    json_id(w, "base", change->base, sizeof(change->base)) < 0 ||
	    json_id(w, "head", change->head, sizeof(change->head)) < 0 ||
	    json_id(w, "merge_base", change->merge_base, sizeof(change->merge_base)) < 0 ||
	    gate_jsonw_bool(w, "shallow", change->shallow) < 0 ||
	    /* Renames are always detected; copies from files that stay may not be. */
	    gate_jsonw_number(w, "copies_limited", (double)change->copies_limited) < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_policy(gate_jsonw *w, const gate_policy *policy)
{
	if (!policy)
		return gate_jsonw_null(w, "policy");
	if (gate_jsonw_object(w, "policy") < 0 ||
	    gate_jsonw_text(w, "source", policy->source) < 0 ||
	    json_field(w, "sha256", policy->sha256, sizeof(policy->sha256)) < 0 ||
	    gate_jsonw_text_or_null(w, "name", policy->name) < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_summary(gate_jsonw *w, const gate_report *report)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	size_t t;

	if (gate_jsonw_object(w, "summary") < 0 ||
	    gate_jsonw_number(w, "files", change ? (double)change->nfiles : 0) < 0 ||
	    gate_jsonw_number(w, "commits", change ? (double)change->ncommits : 0) < 0 ||
	    gate_jsonw_number(w, "violations",
			      result ? (double)gate_result_count(result, GATE_SEV_ERROR) : 0) < 0 ||
	    gate_jsonw_number(w, "warnings",
			      result ? (double)gate_result_count(result, GATE_SEV_WARNING) : 0) <
		0 ||
	    gate_jsonw_object(w, "tiers") < 0)
		return -1;
	for (t = 0; report->policy && t < report->policy->ntiers; t++) {
		const char *name =
		    report->policy->tiers[t].name ? report->policy->tiers[t].name : "";

		/* The tier name is a key: the writer gives it the text treatment. */
		if (gate_jsonw_number(w, name, (double)gate_report__tier_files(report, t)) < 0)
			return -1;
	}
	if (gate_jsonw_close(w) < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_mode(gate_jsonw *w, const char *key, unsigned mode)
{
	char text[32];

	if (mode == 0)
		return 0;
	snprintf(text, sizeof(text), "%06o", mode);
	return gate_jsonw_text(w, key, text);
}

/*
 * A file's AI-written added lines (docs/report.md, "`files[]`"): ranges of
 * head line numbers, each with the tool and model that wrote it and how the
 * line was matched to its note.
 */
static int json_ai_lines(gate_jsonw *w, const gate_ailines *ai, size_t index)
{
	const gate_ailines_file *f = ai && index < ai->nfiles ? &ai->files[index] : NULL;
	size_t i;

	if (gate_jsonw_number(w, "ai_additions", (double)gate_ailines_count(ai, index)) < 0 ||
	    gate_jsonw_array(w, "ai_lines") < 0)
		return -1;
	for (i = 0; f && i < f->nranges; i++) {
		const gate_ailines_range *r = &f->ranges[i];

		if (gate_jsonw_object(w, NULL) < 0 ||
		    gate_jsonw_number(w, "start", (double)r->start) < 0 ||
		    gate_jsonw_number(w, "end", (double)r->end) < 0 ||
		    gate_jsonw_text(w, "tool", ai->agents[r->agent].tool) < 0 ||
		    gate_jsonw_text(w, "model", ai->agents[r->agent].model) < 0 ||
		    gate_jsonw_text(w, "match", r->exact ? "line" : "text") < 0 ||
		    gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

/* One entry of "files"; `rule` is scratch space for the rule's text. */
static int json_file(gate_jsonw *w, const gate_policy *policy, const gate_file *file,
		     const gate_class *cls, const gate_file_owners *owners, const gate_ailines *ai,
		     size_t index, gate_buf *rule)
{
	size_t i;

	if (gate_jsonw_object(w, NULL) < 0 ||
	    gate_jsonw_path(w, "path", "path_base64", file->path ? file->path : "",
			    file->path ? file->path_len : 0) < 0)
		return -1;
	if ((file->status == GATE_STATUS_RENAMED || file->status == GATE_STATUS_COPIED) &&
	    file->old_path &&
	    gate_jsonw_path(w, "old_path", "old_path_base64", file->old_path, file->old_path_len) <
		0)
		return -1;
	if (gate_jsonw_text(w, "status", gate_status_name(file->status)) < 0)
		return -1;
	if (cls) {
		gate_buf_clear(rule);
		if (gate_jsonw_text(w, "tier", policy->tiers[cls->tier].name) < 0 ||
		    gate_classify_describe(rule, policy, cls, w->err) < 0 ||
		    gate_jsonw_textn(w, "rule", rule->ptr, rule->size) < 0)
			return -1;
	} else if (gate_jsonw_null(w, "tier") < 0 || gate_jsonw_null(w, "rule") < 0) {
		return -1;
	}
	if (gate_jsonw_bool(w, "binary", file->binary) < 0 ||
	    gate_jsonw_number(w, "additions", (double)file->additions) < 0 ||
	    gate_jsonw_number(w, "deletions", (double)file->deletions) < 0 ||
	    json_mode(w, "old_mode", file->old_mode) < 0 ||
	    json_mode(w, "new_mode", file->new_mode) < 0 || json_ai_lines(w, ai, index) < 0)
		return -1;
	/* Owners only when the base revision has a CODEOWNERS file. */
	if (owners && owners->known) {
		if (gate_jsonw_array(w, "owners") < 0)
			return -1;
		for (i = 0; owners->matched && i < owners->nowners; i++)
			if (gate_jsonw_text(w, NULL, owners->owners[i]) < 0)
				return -1;
		if (gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

static int json_files(gate_jsonw *w, const gate_report *report)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	/* A rule holds one pattern of the policy, which is bounded. */
	gate_buf rule = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE + 1024);
	size_t i;
	int error = gate_jsonw_array(w, "files");

	for (i = 0; error == 0 && change && i < change->nfiles; i++)
		error = json_file(w, report->policy, &change->files[i],
				  gate_report__file_class(report, i),
				  result && i < result->nowners ? &result->owners[i] : NULL,
				  result ? &result->ailines : NULL, i, &rule);
	gate_buf_dispose(&rule);
	if (error < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_person(gate_jsonw *w, const char *key, const char *name, const char *email)
{
	if (gate_jsonw_object(w, key) < 0 || gate_jsonw_text(w, "name", name) < 0 ||
	    gate_jsonw_text(w, "email", email) < 0)
		return -1;
	return gate_jsonw_close(w);
}

/*
 * What a commit's git-ai note says (null when it has none): the lines it
 * attributes to AI sessions per file, as [start, end] pairs, and the
 * sessions' tools and models.
 */
static int json_git_ai_note(gate_jsonw *w, const gate_provenance *prov)
{
	const gate_ainote *note = &prov->note;
	size_t i, k;

	if (!prov->has_note)
		return gate_jsonw_null(w, "git_ai_note");
	if (gate_jsonw_object(w, "git_ai_note") < 0 ||
	    gate_jsonw_bool(w, "ai", gate_ainote_is_ai(note)) < 0 ||
	    gate_jsonw_number(w, "ai_lines", (double)note->lines) < 0 ||
	    gate_jsonw_number(w, "human_lines", (double)note->human_lines) < 0 ||
	    gate_jsonw_array(w, "agents") < 0)
		return -1;
	for (i = 0; i < note->nagents; i++)
		if (gate_jsonw_object(w, NULL) < 0 ||
		    gate_jsonw_text(w, "tool", note->agents[i].tool) < 0 ||
		    gate_jsonw_text(w, "model", note->agents[i].model) < 0 ||
		    gate_jsonw_close(w) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0 || gate_jsonw_array(w, "files") < 0)
		return -1;
	for (i = 0; i < note->nfiles; i++) {
		const gate_ainote_file *f = &note->files[i];

		if (gate_jsonw_object(w, NULL) < 0 ||
		    gate_jsonw_path(w, "path", "path_base64", f->path, strlen(f->path)) < 0 ||
		    gate_jsonw_number(w, "lines", (double)f->lines) < 0 ||
		    gate_jsonw_array(w, "ranges") < 0)
			return -1;
		for (k = 0; k < f->nranges; k++)
			if (gate_jsonw_array(w, NULL) < 0 ||
			    gate_jsonw_number(w, NULL, (double)f->ranges[k].start) < 0 ||
			    gate_jsonw_number(w, NULL, (double)f->ranges[k].end) < 0 ||
			    gate_jsonw_close(w) < 0)
				return -1;
		if (gate_jsonw_close(w) < 0 || gate_jsonw_close(w) < 0)
			return -1;
	}
	if (gate_jsonw_close(w) < 0)
		return -1;
	return gate_jsonw_close(w);
}

/* A commit with, when assessed, its provenance (docs/policy.md, "`provenance`") and trailers. */
static int json_commit(gate_jsonw *w, const gate_commit *commit, const gate_provenance *prov)
{
	const char *subject;
	size_t i, len;

	if (gate_jsonw_object(w, NULL) < 0 ||
	    json_field(w, "sha", commit->sha, sizeof(commit->sha)) < 0 ||
	    json_person(w, "author", commit->author_name, commit->author_email) < 0 ||
	    json_person(w, "committer", commit->committer_name, commit->committer_email) < 0 ||
	    gate_jsonw_array(w, "parents") < 0)
		return -1;
	for (i = 0; i < commit->nparents; i++) {
		const char *sha = commit->parents[i];

		if (gate_jsonw_textn(w, NULL, sha, gate_report__field_len(sha, GATE_OID_HEX + 1)) <
		    0)
			return -1;
	}
	if (gate_jsonw_close(w) < 0)
		return -1;
	subject = gate_report__subject(commit->message, &len);
	if (gate_jsonw_textn(w, "subject", subject, len) < 0)
		return -1;
	if (!prov)
		return gate_jsonw_close(w);
	if (gate_jsonw_bool(w, "ai_assisted", prov->ai_assisted) < 0 ||
	    gate_jsonw_text_or_null(w, "evidence", prov->evidence) < 0 ||
	    gate_jsonw_bool(w, "disclosed", prov->disclosed) < 0 ||
	    gate_jsonw_bool(w, "signed_off", prov->signed_off) < 0 ||
	    gate_jsonw_text_or_null(w, "accountable", prov->accountable) < 0 ||
	    gate_jsonw_array(w, "trailers") < 0)
		return -1;
	for (i = 0; i < prov->trailers.count; i++)
		if (gate_jsonw_object(w, NULL) < 0 ||
		    gate_jsonw_text(w, "key", prov->trailers.items[i].key) < 0 ||
		    gate_jsonw_text(w, "value", prov->trailers.items[i].value) < 0 ||
		    gate_jsonw_close(w) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0 || json_git_ai_note(w, prov) < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_strlist(gate_jsonw *w, const char *key, const gate_strlist *list)
{
	size_t i;

	if (gate_jsonw_array(w, key) < 0)
		return -1;
	for (i = 0; i < list->count; i++)
		if (gate_jsonw_text(w, NULL, list->items[i]) < 0)
			return -1;
	return gate_jsonw_close(w);
}

/* "packages": {"added": {"count", "names"}, "reversioned": ..., "removed": ...} */
static int json_package_list(gate_jsonw *w, const char *key, const gate_strlist *names, size_t n)
{
	return gate_jsonw_object(w, key) < 0 || gate_jsonw_number(w, "count", (double)n) < 0 ||
		       json_strlist(w, "names", names) < 0
		   ? -1
		   : gate_jsonw_close(w);
}

static int json_packages(gate_jsonw *w, const gate_req_packages *p)
{
	if (gate_jsonw_object(w, "packages") < 0 ||
	    json_package_list(w, "added", &p->added, p->nadded) < 0 ||
	    json_package_list(w, "reversioned", &p->reversioned, p->nreversioned) < 0 ||
	    json_package_list(w, "removed", &p->removed, p->nremoved) < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_requirement(gate_jsonw *w, const gate_requirement *req)
{
	if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "tier", req->tier) < 0 ||
	    gate_jsonw_text(w, "check", req->check) < 0 ||
	    gate_jsonw_text(w, "status", gate_req_status_name(req->status)) < 0 ||
	    gate_jsonw_text(w, "detail", req->detail) < 0 ||
	    json_strlist(w, "passing", &req->passing) < 0 ||
	    json_strlist(w, "failing", &req->failing) < 0)
		return -1;
	if (req->packages && json_packages(w, req->packages) < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_violation(gate_jsonw *w, const gate_violation *v)
{
	if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "check", v->check) < 0 ||
	    gate_jsonw_opt_text(w, "rule", v->rule) < 0 ||
	    gate_jsonw_text(w, "tier", v->tier) < 0 ||
	    gate_jsonw_text(w, "severity", gate_severity_name(v->severity)) < 0)
		return -1;
	if (v->path && gate_jsonw_path(w, "path", "path_base64", v->path, strlen(v->path)) < 0)
		return -1;
	if (v->line > 0 && gate_jsonw_number(w, "line", (double)v->line) < 0)
		return -1;
	if (gate_jsonw_opt_text(w, "commit", v->commit) < 0 ||
	    gate_jsonw_text(w, "message", v->message) < 0 ||
	    gate_jsonw_opt_text(w, "hint", v->hint) < 0 ||
	    gate_jsonw_opt_text(w, "package", v->package) < 0 ||
	    gate_jsonw_opt_text(w, "version", v->version) < 0 ||
	    json_field(w, "fingerprint", v->fingerprint, sizeof(v->fingerprint)) < 0)
		return -1;
	return gate_jsonw_close(w);
}

/* One entry of "errors": {"class", "message", "file"?, "line"?, "column"?}. */
static int json_error_entry(gate_jsonw *w, const char *klass, const char *message,
			    size_t message_len, const char *file, size_t file_len, unsigned line,
			    unsigned col)
{
	if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "class", klass) < 0 ||
	    gate_jsonw_textn(w, "message", message, message_len) < 0)
		return -1;
	if (file_len > 0 && gate_jsonw_path(w, "file", "file_base64", file, file_len) < 0)
		return -1;
	if (line > 0 && gate_jsonw_number(w, "line", line) < 0)
		return -1;
	if (col > 0 && gate_jsonw_number(w, "column", col) < 0)
		return -1;
	return gate_jsonw_close(w);
}

static int json_errors(gate_jsonw *w, const gate_report *report)
{
	const gate_error *failure;
	gate_error scratch;
	size_t i;

	if (gate_jsonw_array(w, "errors") < 0)
		return -1;
	for (i = 0; report->result && i < report->result->errors.count; i++) {
		const char *msg = report->result->errors.items[i];

		if (!msg)
			msg = "";
		if (json_error_entry(w, "check", msg, strlen(msg), NULL, 0, 0, 0) < 0)
			return -1;
	}
	if ((failure = gate_report__failure(report, &scratch)) != NULL &&
	    json_error_entry(w, gate_error_class_name(failure->klass), failure->message,
			     gate_report__field_len(failure->message, sizeof(failure->message)),
			     failure->file,
			     gate_report__field_len(failure->file, sizeof(failure->file)),
			     failure->line, failure->col) < 0)
		return -1;
	return gate_jsonw_close(w);
}

/* Each require_when block of a tier with files: whether its requirements
 * were added, what they are, and how each condition came out. */
static int json_conditions(gate_jsonw *w, const gate_result *result)
{
	size_t i, k;

	if (gate_jsonw_array(w, "conditions") < 0)
		return -1;
	for (i = 0; result && i < result->nconditions; i++) {
		const gate_cond_outcome *o = &result->conditions[i];

		if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "tier", o->tier) < 0 ||
		    gate_jsonw_number(w, "index", (double)o->index) < 0 ||
		    gate_jsonw_bool(w, "applied", o->applied) < 0 ||
		    gate_jsonw_text(w, "adds", o->adds) < 0 || gate_jsonw_array(w, "checks") < 0)
			return -1;
		for (k = 0; k < o->nchecks; k++)
			if (gate_jsonw_object(w, NULL) < 0 ||
			    gate_jsonw_text(w, "condition", o->checks[k].name) < 0 ||
			    gate_jsonw_text(w, "status",
					    gate_cond_status_name(o->checks[k].status)) < 0 ||
			    gate_jsonw_text(w, "detail", o->checks[k].detail) < 0 ||
			    gate_jsonw_close(w) < 0)
				return -1;
		if (gate_jsonw_close(w) < 0 || gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

static int json_waivers(gate_jsonw *w, const gate_result *result)
{
	size_t i;

	if (gate_jsonw_array(w, "waivers") < 0)
		return -1;
	for (i = 0; result && i < result->nwaivers; i++) {
		const gate_waiver *v = &result->waivers[i];

		if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "rule", v->rule) < 0 ||
		    gate_jsonw_text(w, "tier", v->tier) < 0 ||
		    gate_jsonw_path(w, "path", "path_base64", v->path ? v->path : "",
				    v->path ? strlen(v->path) : 0) < 0 ||
		    gate_jsonw_number(w, "line", (double)v->line) < 0 ||
		    gate_jsonw_text(w, "reason", v->reason) < 0 || gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

static int json_approvals(gate_jsonw *w, const gate_result *result)
{
	size_t i;

	if (gate_jsonw_array(w, "ignored_approvals") < 0)
		return -1;
	for (i = 0; result && i < result->nignored; i++) {
		const gate_ignored_approval *a = &result->ignored[i];

		if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "login", a->who) < 0 ||
		    gate_jsonw_text(w, "kind", a->kind) < 0 ||
		    gate_jsonw_text(w, "reason", a->reason) < 0 ||
		    gate_jsonw_bool(w, "unverified", a->unverified) < 0 ||
		    gate_jsonw_opt_text(w, "reviewed_commit", a->commit) < 0 ||
		    gate_jsonw_opt_text(w, "tier", a->tier) < 0 ||
		    (a->path &&
		     gate_jsonw_path(w, "path", "path_base64", a->path, strlen(a->path)) < 0) ||
		    gate_jsonw_close(w) < 0)
			return -1;
	}
	if (gate_jsonw_close(w) < 0 || gate_jsonw_array(w, "carried_approvals") < 0)
		return -1;
	for (i = 0; result && i < result->ncarried; i++) {
		const gate_carried_approval *c = &result->carried[i];

		if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "login", c->who) < 0 ||
		    gate_jsonw_text(w, "reviewed_commit", c->commit) < 0 ||
		    gate_jsonw_text_or_null(w, "tiers", c->tiers) < 0 || gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

/* The answers to the failure-mode questions, when a tier asked for any:
 * kept in the report so that the audit keeps them (docs/walkthrough.md). */
static int json_walkthrough(gate_jsonw *w, const gate_report *report)
{
	const gate_result *result = report->result;
	const gate_policy *policy = report->policy;
	size_t i;

	if (gate_jsonw_array(w, "walkthrough") < 0)
		return -1;
	for (i = 0; policy && result && result->walkthrough && i < result->nwalkthrough &&
		    i < policy->nwt_questions;
	     i++) {
		const gate_wt_answer *a = &result->walkthrough[i];

		if (gate_jsonw_object(w, NULL) < 0 ||
		    gate_jsonw_text(w, "question", policy->wt_questions[i].id) < 0 ||
		    gate_jsonw_text(w, "heading", policy->wt_questions[i].heading) < 0 ||
		    gate_jsonw_text(w, "status", gate_wt_status_name(a->status)) < 0 ||
		    gate_jsonw_opt_text(w, "source", a->source) < 0 ||
		    gate_jsonw_opt_text(w, "answer", a->answer) < 0 ||
		    (a->truncated && gate_jsonw_bool(w, "truncated", 1) < 0) ||
		    gate_jsonw_number(w, "length", (double)a->length) < 0 ||
		    (a->status == GATE_WT_REPEATED && a->same_as < policy->nwt_questions &&
		     gate_jsonw_text(w, "same_as", policy->wt_questions[a->same_as].id) < 0) ||
		    gate_jsonw_close(w) < 0)
			return -1;
	}
	return gate_jsonw_close(w);
}

/* The members of the report object, in the order of docs/report.md. */
static int json_report(gate_jsonw *w, const gate_report *report)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	size_t i;

	if (gate_jsonw_number(w, "schema_version", GATE_REPORT_SCHEMA_VERSION) < 0 ||
	    gate_jsonw_object(w, "tool") < 0 || gate_jsonw_text(w, "name", "riskgate") < 0 ||
	    gate_jsonw_text(w, "version", GATE_VERSION) < 0 || gate_jsonw_close(w) < 0 ||
	    gate_jsonw_text(w, "verdict", gate_verdict_name(gate_report_verdict(report))) < 0 ||
	    json_range(w, change) < 0 || json_policy(w, report->policy) < 0 ||
	    json_summary(w, report) < 0 || json_files(w, report) < 0)
		return -1;

	if (gate_jsonw_array(w, "commits") < 0)
		return -1;
	for (i = 0; change && i < change->ncommits; i++)
		if (json_commit(w, &change->commits[i],
				result && i < result->nprovenance ? &result->provenance[i] : NULL) <
		    0)
			return -1;
	if (gate_jsonw_close(w) < 0 || gate_jsonw_array(w, "requirements") < 0)
		return -1;
	for (i = 0; result && i < result->nreqs; i++)
		if (json_requirement(w, &result->reqs[i]) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0 || json_conditions(w, result) < 0 ||
	    gate_jsonw_array(w, "violations") < 0)
		return -1;
	for (i = 0; result && i < result->nviols; i++)
		if (json_violation(w, &result->viols[i]) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0 || json_waivers(w, result) < 0 ||
	    json_approvals(w, result) < 0 || json_walkthrough(w, report) < 0)
		return -1;
	return json_errors(w, report);
}

/* One simulated approver of the "simulation" object. */
static int json_simulated(gate_jsonw *w, const gate_simulated_approval *a)
{
	size_t i;

	if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "login", a->login) < 0 ||
	    gate_jsonw_text(w, "permission", gate_permission_name(a->permission)) < 0 ||
	    gate_jsonw_bool(w, "write_access_assumed", a->permission == GATE_PERM_UNKNOWN) < 0 ||
	    gate_jsonw_bool(w, "counted", a->ignored == NULL) < 0 ||
	    gate_jsonw_text_or_null(w, "ignored_reason", a->ignored) < 0 ||
	    gate_jsonw_text(w, "verdict", gate_verdict_name(a->verdict)) < 0 ||
	    gate_jsonw_array(w, "turns_to_pass") < 0)
		return -1;
	for (i = 0; i < a->nflipped; i++)
		if (gate_jsonw_object(w, NULL) < 0 ||
		    gate_jsonw_text(w, "tier", a->flipped[i].tier) < 0 ||
		    gate_jsonw_text(w, "check", a->flipped[i].check) < 0 ||
		    gate_jsonw_text(w, "detail", a->flipped[i].detail) < 0 ||
		    gate_jsonw_close(w) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0)
		return -1;
	return gate_jsonw_close(w);
}

/* The "simulation" object: never read for the verdict, which stays the
 * report's own "verdict". */
static int json_simulation(gate_jsonw *w, const gate_simulation *sim)
{
	size_t i;

	if (gate_jsonw_object(w, "simulation") < 0 ||
	    gate_jsonw_text(w, "note",
			    "what if: not the real verdict; each simulated reviewer approves "
			    "the head, has write access unless the permissions file says "
			    "otherwise, and is not among the change's contributors unless the "
			    "inputs say so") < 0 ||
	    gate_jsonw_text(w, "real_verdict", gate_verdict_name(sim->real)) < 0 ||
	    gate_jsonw_text(w, "verdict", gate_verdict_name(sim->simulated)) < 0 ||
	    gate_jsonw_array(w, "approvals") < 0)
		return -1;
	for (i = 0; i < sim->napprovals; i++)
		if (json_simulated(w, &sim->approvals[i]) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0 || gate_jsonw_array(w, "labels") < 0)
		return -1;
	for (i = 0; i < sim->labels.count; i++)
		if (gate_jsonw_text(w, NULL, sim->labels.items[i]) < 0)
			return -1;
	if (gate_jsonw_close(w) < 0)
		return -1;
	return gate_jsonw_close(w);
}

int gate_report_json(gate_buf *out, const gate_report *report, gate_error *err)
{
	return gate_report_json_simulated(out, report, NULL, err);
}

int gate_report_json_simulated(gate_buf *out, const gate_report *report, const gate_simulation *sim,
			       gate_error *err)
{
	gate_jsonw w;
	int error;

	if (!out || !report) {
		error = gate_error_set(err, GATE_ERR_INTERNAL, "no report to render");
		goto done;
	}
	/* Streamed into `out` as it is written; a failure takes it all back. */
	gate_jsonw_init(&w, out, err);
	error = 0;
	if (gate_jsonw_object(&w, NULL) < 0 || json_report(&w, report) < 0 ||
	    (sim && json_simulation(&w, sim) < 0) || gate_jsonw_close(&w) < 0)
		error = -1;
	error = gate_jsonw_finish(&w, error);
done:
	if (error < 0 && err)
		gate_error_prefix(err, "while writing the JSON report");
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
