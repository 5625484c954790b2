/*
 * The report as SARIF 2.1.0 for GitHub code scanning (docs/report.md,
 * "`--format sarif`, `--sarif FILE`"): every rule riskgate can report
 * listed on every run, stable rule ids, repository-relative percent-encoded
 * URIs, a region on every result and GitHub's own line fingerprint, so that
 * the same finding stays the same alert from one run to the next; and no
 * results at all on an error run, so that an upload can never close open
 * alerts for a run that judged nothing.
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
#include "riskgate/linehash.h"
#include "riskgate/report.h"
#include "riskgate/version.h"
#include "riskgate/walkthrough.h"

#define SARIF_SCHEMA  "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"

/* Where a result without a path of its own points when the change has no
 * file at all (a change of commits only): the policy's usual home. */
#define SARIF_FALLBACK_URI ".riskgate.json"

/* The largest file riskgate reads to fingerprint the results in it: a
 * larger one gets none, and code scanning's uploader computes it from the
 * checkout when it can. */
#define SARIF_HASH_MAX ((size_t)64 << 20)

/* The most AI-written line ranges listed in `run.artifacts`, over all
 * files: past it they are counted in run.properties.aiLineRangesOmitted
 * (the JSON report lists them all). */
#define SARIF_MAX_AI_RANGES 10000

/* The page of the documentation each rule links to. */
#define SARIF_RULES_PAGE "policy.md"

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

/* The rule id riskgate/CHECK or riskgate/CHECK/RULE. */
static int rule_id(gate_buf *out, const char *check, const char *rule, gate_error *err)
{
	int error;

	gate_buf_clear(out);
	if ((error = gate_buf_puts(out, "riskgate/", err)) < 0 ||
	    (error = gate_buf_puts(out, check ? check : "", err)) < 0)
		return error;
	if (rule && ((error = gate_buf_putc(out, '/', err)) < 0 ||
		     (error = gate_buf_puts(out, rule, err)) < 0))
		return error;
	return 0;
}

static const char *level_name(gate_severity severity)
{
	return severity == GATE_SEV_WARNING ? "warning" : "error";
}

/*
 * One rule of the run (a reportingDescriptor): a check, one of a check's
 * own rules, a language of `observability`, a content rule of the policy,
 * a failure-mode question, or, for a violation none of those names, that
 * violation's check and rule as they are.
 */
typedef struct {
	char *id;
	const gate_check_info *check; /* NULL only for an unknown check */
	const char *name;             /* the part after the check, or NULL */
	const char *summary;          /* a check's own rule or a question: what it is */
	const gate_rule *content;     /* a content rule */
	const gate_language *lang;    /* a language of observability */
	const gate_violation *first;  /* an unknown rule: its first violation */
} sarif_rule;

typedef struct {
	sarif_rule *v;
	size_t n, cap;
} rule_set;

static void rules_dispose(rule_set *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		free(rs->v[i].id);
	free(rs->v);
}

#define NO_RULE ((size_t)-1)

static size_t rules_find(const rule_set *rs, const char *id)
{
	size_t i;

	/* Rules are few (the checks, theirs and the policy's): a linear
	 * search is enough. */
	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].id, id) == 0)
			return i;
	return NO_RULE;
}

/* Adds `r` under the id of its check and name, unless that id is there. */
static int rules_add(rule_set *rs, sarif_rule r, gate_buf *scratch, gate_error *err)
{
	int error;

	if ((error = rule_id(scratch,
			     r.check ? r.check->name
				     : (r.first && r.first->check ? r.first->check : ""),
			     r.name, err)) < 0)
		return error;
	if (rules_find(rs, scratch->ptr) != NO_RULE)
		return 0;
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		sarif_rule *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return gate_jsonout__nomem(err);
		rs->v = v;
		rs->cap = cap;
	}
	if (!(r.id = strdup(scratch->ptr)))
		return gate_jsonout__nomem(err);
	rs->v[rs->n++] = r;
	return 0;
}

/* Every rule riskgate can report under `policy`, in the registry's order:
 * each check, then its own rules, then its languages or content rules. */
static int rules_collect(rule_set *rs, const gate_policy *policy, gate_buf *scratch,
			 gate_error *err)
{
	const gate_check_info *reg;
	size_t n, i, j;
	int error;

	reg = gate_check_registry(&n);
	for (i = 0; i < n; i++) {
		const gate_check_info *c = &reg[i];
		sarif_rule r = {0};

		r.check = c;
		if ((error = rules_add(rs, r, scratch, err)) < 0)
			return error;
		for (j = 0; c->rules && c->rules[j].name; j++) {
			r.name = c->rules[j].name;
			r.summary = c->rules[j].summary;
			if ((error = rules_add(rs, r, scratch, err)) < 0)
				return error;
		}
		r.summary = NULL;
		for (j = 0;
		     policy && strcmp(c->name, "observability") == 0 && j < policy->nlanguages;
		     j++) {
			if (!policy->languages[j].name)
				continue;
			r.name = policy->languages[j].name;
			r.lang = &policy->languages[j];
			if ((error = rules_add(rs, r, scratch, err)) < 0)
				return error;
		}
		r.lang = NULL;
		for (j = 0; policy && strcmp(c->name, "rules") == 0 && j < policy->nrules; j++) {
			r.name = policy->rules[j].id;
			r.content = &policy->rules[j];
			if ((error = rules_add(rs, r, scratch, err)) < 0)
				return error;
		}
		r.content = NULL;
		/* A failure-mode question: its heading is what it asks. */
		for (j = 0;
		     policy && strcmp(c->name, "walkthrough") == 0 && j < policy->nwt_questions;
		     j++) {
			r.name = policy->wt_questions[j].id;
			r.summary = policy->wt_questions[j].heading;
			if ((error = rules_add(rs, r, scratch, err)) < 0)
				return error;
		}
		r.summary = NULL;
	}
	return 0;
}

/* The rule of violation `v`: its index in `rs`, added when unknown. */
static int rules_of(size_t *out, rule_set *rs, const gate_violation *v, gate_buf *scratch,
		    gate_error *err)
{
	sarif_rule r = {0};
	size_t at;
	int error;

	if ((error = rule_id(scratch, v->check, v->rule, err)) < 0)
		return error;
	if ((at = rules_find(rs, scratch->ptr)) == NO_RULE) {
		r.check = gate_check_find(v->check);
		r.name = v->rule;
		r.first = v;
		if ((error = rules_add(rs, r, scratch, err)) < 0)
			return error;
		at = rs->n - 1;
	}
	*out = at;
	return 0;
}

/* A name for people: the id's words after "riskgate/" in PascalCase
 * (riskgate/provenance/require_signoff: ProvenanceRequireSignoff), a
 * content rule's without "Rules" (py.swallowed-exception:
 * PySwallowedException). */
static int friendly_name(gate_buf *out, const char *id, gate_error *err)
{
	const char *p = id + strlen("riskgate/");
	int up = 1, error;

	if (strncmp(p, "rules/", 6) == 0 && p[6])
		p += 6;
	gate_buf_clear(out);
	for (; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
			up = 1;
			continue;
		}
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		up = 0;
		if ((error = gate_buf_putc(out, c, err)) < 0)
			return error;
	}
	return out->size ? 0 : gate_buf_puts(out, "Riskgate", err);
}

/* What a rule is about, in one line. */
static const char *rule_summary(const sarif_rule *r)
{
	if (r->content)
		return r->content->message;
	if (r->summary)
		return r->summary;
	if (r->first && r->first->rule && r->check && strcmp(r->check->name, "rules") == 0)
		return r->first->message;
	return r->check ? r->check->summary : "A requirement of the riskgate policy";
}

/* The rule's full text (help.text, help.markdown and fullDescription
 * start the same): what it asks and how to meet it. `md` escapes the
 * policy's words for Markdown. */
static int rule_help(gate_buf *out, const sarif_rule *r, const char *docs_url, int md,
		     gate_error *err)
{
	int (*put)(gate_buf *, const char *, size_t, gate_error *) =
	    md ? gate_escape_markdown_prose : NULL;
	const char *what = r->check ? r->check->description : rule_summary(r);
	const char *hint = r->content ? r->content->hint : NULL;
	int error;

#define PUT(s) ((put ? put(out, (s), strlen(s), err) : gate_buf_puts(out, (s), err)))
	gate_buf_clear(out);
	if (r->content) {
		if ((error = PUT(r->content->message)) < 0 ||
		    (error = gate_buf_puts(out, md ? "\n\n" : ". ", err)) < 0 ||
		    (error =
			 gate_buf_puts(out,
				       "A content rule of the policy: the lines a change adds to "
				       "the files it covers must not match its trigger.",
				       err)) < 0)
			return error;
	} else {
		if (r->lang && ((error = gate_buf_puts(out, "For the language ", err)) < 0 ||
				(error = PUT(r->lang->name)) < 0 ||
				(error = gate_buf_puts(out, md ? ":\n\n" : ": ", err)) < 0))
			return error;
		if (r->summary && ((error = PUT(r->summary)) < 0 ||
				   (error = gate_buf_puts(out, md ? "\n\n" : ". ", err)) < 0))
			return error;
		if ((error = PUT(what)) < 0)
			return error;
	}
	if ((error = gate_buf_puts(out,
				   md ? "\n\nIt applies to the tiers of the repository's riskgate "
					"policy that require it."
				      : " It applies to the tiers of the repository's riskgate "
					"policy that require it.",
				   err)) < 0)
		return error;
	if (hint &&
	    ((error = gate_buf_puts(out, md ? "\n\n**How to fix:** " : " How to fix: ", err)) < 0 ||
	     (error = PUT(hint)) < 0))
		return error;
	if (md && docs_url &&
	    ((error = gate_buf_puts(out, "\n\nSee [the policy documentation](", err)) < 0 ||
	     (error = gate_buf_puts(out, docs_url, err)) < 0 ||
	     (error = gate_buf_puts(out, SARIF_RULES_PAGE "#", err)) < 0 ||
	     (error = gate_buf_puts(out, r->check ? r->check->doc_anchor : "requirements", err)) <
		 0 ||
	     (error = gate_buf_puts(out, ").", err)) < 0))
		return error;
#undef PUT
	return 0;
}

/* The friendly name of rule `i` of `rs`, made unique: two ids can give
 * one name (py.eval and py-eval), and then the later one gets its index. */
static int unique_name(gate_buf *out, const rule_set *rs, size_t i, gate_error *err)
{
	gate_buf other = GATE_BUF_INIT((size_t)1 << 16);
	size_t j;
	int error;

	if ((error = friendly_name(out, rs->v[i].id, err)) < 0)
		return error;
	for (j = 0; j < i; j++) {
		if ((error = friendly_name(&other, rs->v[j].id, err)) < 0)
			break;
		if (strcmp(other.ptr, out->ptr) == 0) {
			error = gate_buf_printf(out, err, "%zu", i);
			break;
		}
	}
	gate_buf_dispose(&other);
	return error < 0 ? error : 0;
}

/* Adds the reportingDescriptor of rule `i` of `rs`. */
static int sarif_descriptor(cJSON *rules, const rule_set *rs, size_t i, const char *docs_url,
			    gate_buf *scratch, gate_error *err)
{
	const sarif_rule *r = &rs->v[i];
	cJSON *rule, *conf, *help, *props, *tags;
	int security = r->content && r->content->security_severity > 0;
	const char *level =
	    r->content && r->content->severity == GATE_RULE_WARNING ? "warning" : "error";
	int error;

	if ((error = add_obj(&rule, rules, NULL, err)) < 0 ||
	    (error = gate_jsonout__add_text(rule, "id", r->id, err)) < 0 ||
	    (error = unique_name(scratch, rs, i, err)) < 0 ||
	    (error = gate_jsonout__add_text(rule, "name", scratch->ptr, err)) < 0 ||
	    (error = add_message(rule, "shortDescription", rule_summary(r), err)) < 0 ||
	    (error = rule_help(scratch, r, docs_url, 0, err)) < 0 ||
	    (error = add_message(rule, "fullDescription", scratch->ptr, err)) < 0 ||
	    (error = add_obj(&help, rule, "help", err)) < 0 ||
	    (error = gate_jsonout__add_text(help, "text", scratch->ptr, err)) < 0 ||
	    (error = rule_help(scratch, r, docs_url, 1, err)) < 0 ||
	    (error = gate_jsonout__add_text(help, "markdown", scratch->ptr, err)) < 0)
		return error;
	if (docs_url) {
		gate_buf_clear(scratch);
		if ((error = gate_buf_puts(scratch, docs_url, err)) < 0 ||
		    (error = gate_buf_puts(scratch, SARIF_RULES_PAGE "#", err)) < 0 ||
		    (error = gate_buf_puts(
			 scratch, r->check ? r->check->doc_anchor : "requirements", err)) < 0 ||
		    (error = gate_jsonout__add_text(rule, "helpUri", scratch->ptr, err)) < 0)
			return error;
	}
	if ((error = add_obj(&conf, rule, "defaultConfiguration", err)) < 0 ||
	    (error = gate_jsonout__add_text(conf, "level", level, err)) < 0 ||
	    (error = add_obj(&props, rule, "properties", err)) < 0 ||
	    (error = gate_jsonout__add_array(&tags, props, "tags", err)) < 0 ||
	    (error = gate_jsonout__push(tags, cJSON_CreateString("riskgate"), err)) < 0)
		return error;
	if (r->check &&
	    (error = gate_jsonout__push(tags, cJSON_CreateString(r->check->name), err)) < 0)
		return error;
	if (security && (error = gate_jsonout__push(tags, cJSON_CreateString("security"), err)) < 0)
		return error;
	/* A check states a fact about the change (a missing review, a commit
	 * without sign-off): always right. A content rule is a pattern, as
	 * precise as the policy says. */
	if ((error = gate_jsonout__add_text(
		 props, "precision", r->content ? r->content->precision : "very-high", err)) < 0 ||
	    (error = gate_jsonout__add_text(props, "problem.severity", level, err)) < 0)
		return error;
	if (security) {
		char score[16];

		snprintf(score, sizeof(score), "%d.%d", r->content->security_severity / 10,
			 r->content->security_severity % 10);
		if ((error = gate_jsonout__add_text(props, "security-severity", score, err)) < 0)
			return error;
	}
	return 0;
}

/* The changed file `path` names, or NULL. */
static const gate_file *file_named(const gate_change *change, const char *path)
{
	size_t i = gate_change_file_index(change, path, strlen(path));

	return i == SIZE_MAX ? NULL : &change->files[i];
}

/* Whether `f` exists at the head (a result can point into it). */
static int at_head(const gate_file *f)
{
	return f->status != GATE_STATUS_DELETED;
}

/*
 * The file a violation without a path is shown on: the first changed file
 * of its tier that exists at the head (where the change puts that
 * requirement in force, so the alert appears on the pull request), else
 * the tier's first, else the first changed file that exists at the head,
 * else the first; NULL when the change has no file.
 */
static const gate_file *anchor_file(const gate_report *report, const gate_violation *v)
{
	const gate_change *change = report->change;
	const gate_policy *policy = report->policy;
	const gate_file *tier_first = NULL;
	size_t i;

	if (!change || change->nfiles == 0)
		return NULL;
	for (i = 0; policy && v->tier && i < change->nfiles; i++) {
		const gate_class *cls = gate_report__file_class(report, i);

		if (cls && policy->tiers[cls->tier].name &&
		    strcmp(policy->tiers[cls->tier].name, v->tier) == 0) {
			if (at_head(&change->files[i]))
				return &change->files[i];
			if (!tier_first)
				tier_first = &change->files[i];
		}
	}
	if (tier_first)
		return tier_first;
	for (i = 0; i < change->nfiles; i++)
		if (at_head(&change->files[i]))
			return &change->files[i];
	return &change->files[0];
}

/* Where a result is shown: its file (NULL for the fallback URI) and line. */
typedef struct {
	const gate_file *file;
	const char *path; /* the violation's own path, when not a changed file */
	size_t line;
	char hash[GATE_LINEHASH_MAX];
} place;

static void place_of(place *pl, const gate_report *report, const gate_violation *v)
{
	memset(pl, 0, sizeof(*pl));
	if (v->path) {
		pl->path = v->path;
		pl->file = file_named(report->change, v->path);
		pl->line = v->line > 0 ? (size_t)v->line : 1;
	} else {
		pl->file = anchor_file(report, v);
		pl->line = 1;
	}
}

static int by_file(const void *a, const void *b)
{
	const place *x = *(const place *const *)a, *y = *(const place *const *)b;

	return x->file < y->file ? -1 : x->file > y->file;
}

/*
 * GitHub's line fingerprint for each place in a file that exists at the
 * head: each such blob is read once, for all the places in it. A blob that
 * cannot be read leaves its places without one (code scanning then
 * computes it from the checkout, when it can).
 */
static int line_hashes(place *places, size_t n, const gate_report *report, gate_error *err)
{
	place **order = NULL;
	size_t *lines = NULL, m = 0, i, j, k;
	char(*out)[GATE_LINEHASH_MAX] = NULL;
	gate_buf blob = GATE_BUF_INIT(SIZE_MAX);
	int error = 0, rc;

	if (!report->repo || n == 0)
		return 0;
	order = calloc(n, sizeof(*order));
	lines = calloc(n, sizeof(*lines));
	out = calloc(n, sizeof(*out));
	if (!order || !lines || !out) {
		error = gate_jsonout__nomem(err);
		goto done;
	}
	/* A symbolic link's blob is its target's name, while the uploader
	 * reads the file it points to; a submodule has no blob. Neither is
	 * fingerprinted here. */
	for (i = 0; i < n; i++)
		if (places[i].file && at_head(places[i].file) &&
		    places[i].file->new_mode != 0160000 && places[i].file->new_mode != 0120000)
			order[m++] = &places[i];
	qsort(order, m, sizeof(*order), by_file);
	for (i = 0; i < m; i = j) {
		gate_error failed;

		for (j = i; j < m && order[j]->file == order[i]->file; j++)
			;
		gate_buf_clear(&blob);
		gate_error_init(&failed);
		rc = gate_repo_read_blob(&blob, report->repo, order[i]->file->new_oid,
					 SARIF_HASH_MAX, &failed);
		if (rc < 0 && failed.klass == GATE_ERR_NOMEM) {
			error = gate_error_set(err, GATE_ERR_NOMEM, "%s", failed.message);
			goto done;
		}
		if (rc != 0)
			continue;
		/* A lone CR ends a line for GitHub: the region is given in its
		 * numbering, and the fingerprint is that line's. */
		for (k = i; k < j; k++) {
			order[k]->line =
			    gate_linehash_line(blob.ptr ? blob.ptr : "", blob.size, order[k]->line);
			lines[k - i] = order[k]->line;
		}
		if ((error = gate_linehash(blob.ptr ? blob.ptr : "", blob.size, lines, j - i, out,
					   err)) < 0)
			goto done;
		for (k = i; k < j; k++)
			memcpy(order[k]->hash, out[k - i], GATE_LINEHASH_MAX);
	}
done:
	gate_buf_dispose(&blob);
	free(order);
	free(lines);
	free(out);
	return error;
}

static int sarif_location(cJSON *res, const place *pl, gate_buf *scratch, gate_error *err)
{
	cJSON *locs, *loc, *phys, *art, *region;
	int error;

	gate_buf_clear(scratch);
	if (pl->path)
		error = gate_escape_uri_path(scratch, pl->path, strlen(pl->path), err);
	else if (pl->file)
		error = gate_escape_uri_path(scratch, pl->file->path, pl->file->path_len, err);
	else
		error = gate_buf_puts(scratch, SARIF_FALLBACK_URI, err);
	if (error < 0)
		return error;
	if ((error = gate_jsonout__add_array(&locs, res, "locations", err)) < 0 ||
	    (error = add_obj(&loc, locs, NULL, err)) < 0 ||
	    (error = add_obj(&phys, loc, "physicalLocation", err)) < 0 ||
	    (error = add_obj(&art, phys, "artifactLocation", err)) < 0 ||
	    (error = gate_jsonout__add_text(art, "uri", scratch->ptr, err)) < 0 ||
	    (error = gate_jsonout__add_text(art, "uriBaseId", "%SRCROOT%", err)) < 0 ||
	    (error = add_obj(&region, phys, "region", err)) < 0)
		return error;
	return gate_jsonout__add_number(region, "startLine", (double)pl->line, err);
}

/* The agent that wrote the line a violation is on (riskgate/ailines.h), or
 * NULL when that line is not an AI-written added line. */
static const gate_ainote_agent *ai_agent_of(const gate_report *report, const gate_violation *v)
{
	size_t i;

	if (!report->result || !report->change || !v->path || v->line == 0)
		return NULL;
	i = gate_change_file_index(report->change, v->path, strlen(v->path));
	if (i == SIZE_MAX)
		return NULL;
	return gate_ailines_agent(&report->result->ailines, i, v->line);
}

static int sarif_result(cJSON *results, const gate_violation *v, const char *id, size_t index,
			const place *pl, const gate_ainote_agent *ai, gate_buf *scratch,
			gate_error *err)
{
	cJSON *res, *fps, *props;
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
	if ((error = add_message(res, "message", scratch->ptr, err)) < 0 ||
	    (error = sarif_location(res, pl, scratch, err)) < 0 ||
	    (error = add_obj(&fps, res, "partialFingerprints", err)) < 0)
		return error;
	if (pl->hash[0] &&
	    (error = gate_jsonout__add_text(fps, "primaryLocationLineHash", pl->hash, err)) < 0)
		return error;
	if ((error = gate_jsonout__add_text(fps, "riskgate/v1",
					    v->fingerprint[0] ? v->fingerprint : id, err)) < 0)
		return error;
	/* The package of a dependency finding; on an AI-written line, which
	 * tool and model wrote it (docs/report.md, "`--format sarif`,
	 * `--sarif FILE`"). */
	if (!ai && !v->package)
		return 0;
	if ((error = add_obj(&props, res, "properties", err)) < 0)
		return error;
	if (v->package &&
	    ((error = gate_jsonout__add_text(props, "package", v->package, err)) < 0 ||
	     (v->version &&
	      (error = gate_jsonout__add_text(props, "version", v->version, err)) < 0)))
		return error;
	if (!ai)
		return 0;
	if ((error = gate_jsonout__add_bool(props, "aiWritten", 1, err)) < 0 ||
	    (error = gate_jsonout__add_text(props, "aiTool", ai->tool, err)) < 0)
		return error;
	return gate_jsonout__add_text(props, "aiModel", ai->model, err);
}

/*
 * The AI-written added lines, line by line (docs/report.md, "`--format
 * sarif`, `--sarif FILE`"): one artifact per file that has any, in the
 * change's order, whose properties give `aiWrittenLines` and `aiLines`,
 * the ranges of head lines with the tool and model that wrote each. A
 * property bag is SARIF's place for facts it has no member for; results
 * stay what code scanning shows as alerts. *omitted counts the ranges past
 * SARIF_MAX_AI_RANGES.
 */
static int sarif_ai_artifacts(cJSON *run, const gate_report *report, size_t *omitted,
			      gate_buf *scratch, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_ailines *ai = &report->result->ailines;
	cJSON *arts = NULL, *art, *loc, *props, *list, *range;
	size_t i, r, listed = 0;
	int error;

	*omitted = 0;
	if (!change || !ai->files || ai->lines == 0)
		return 0;
	for (i = 0; i < change->nfiles && i < ai->nfiles; i++) {
		const gate_ailines_file *f = &ai->files[i];

		if (f->nranges == 0)
			continue;
		if (listed >= SARIF_MAX_AI_RANGES) {
			*omitted += f->nranges;
			continue;
		}
		gate_buf_clear(scratch);
		if ((!arts &&
		     (error = gate_jsonout__add_array(&arts, run, "artifacts", err)) < 0) ||
		    (error = gate_escape_uri_path(scratch, change->files[i].path,
						  change->files[i].path_len, err)) < 0 ||
		    (error = add_obj(&art, arts, NULL, err)) < 0 ||
		    (error = add_obj(&loc, art, "location", err)) < 0 ||
		    (error = gate_jsonout__add_text(loc, "uri", scratch->ptr, err)) < 0 ||
		    (error = gate_jsonout__add_text(loc, "uriBaseId", "%SRCROOT%", err)) < 0 ||
		    (error = add_obj(&props, art, "properties", err)) < 0 ||
		    (error = gate_jsonout__add_number(props, "aiWrittenLines", (double)f->lines,
						      err)) < 0 ||
		    (error = gate_jsonout__add_array(&list, props, "aiLines", err)) < 0)
			return error;
		for (r = 0; r < f->nranges; r++) {
			const gate_ailines_range *g = &f->ranges[r];
			const gate_ainote_agent *who =
			    g->agent < ai->nagents ? &ai->agents[g->agent] : NULL;

			if (listed >= SARIF_MAX_AI_RANGES) {
				*omitted += f->nranges - r;
				break;
			}
			listed++;
			if ((error = add_obj(&range, list, NULL, err)) < 0 ||
			    (error = gate_jsonout__add_number(range, "startLine", (double)g->start,
							      err)) < 0 ||
			    (error = gate_jsonout__add_number(range, "endLine", (double)g->end,
							      err)) < 0 ||
			    (error = gate_jsonout__add_text(range, "aiTool", who ? who->tool : NULL,
							    err)) < 0 ||
			    (error = gate_jsonout__add_text(range, "aiModel",
							    who ? who->model : NULL, err)) < 0 ||
			    (error = gate_jsonout__add_text(range, "match",
							    g->exact ? "line" : "text", err)) < 0)
				return error;
		}
	}
	return 0;
}

/* The run's invocation: successful unless the verdict is error, with the
 * cause as a notification. */
static int sarif_invocation(cJSON *run, const gate_report *report, size_t omitted, gate_error *err)
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
	if (omitted > 0) {
		char text[256];

		snprintf(text, sizeof(text),
			 "%zu findings are not results here: code scanning takes at most %d per "
			 "run, so the errors and the most severe security findings were kept; the "
			 "JSON report lists all of them",
			 omitted, GATE_REPORT_SARIF_MAX_RESULTS);
		if ((error = add_obj(&note, notes, NULL, err)) < 0 ||
		    (error = gate_jsonout__add_text(note, "level", "warning", err)) < 0 ||
		    (error = add_message(note, "message", text, err)) < 0)
			return error;
	}
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

/* Whether `s` holds only characters a URI may show as they are (no
 * blank, control, non-ASCII, quote or bracket). */
static int uri_chars_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f ||
		    strchr("\"<>\\`{}|^", *s))
			return 0;
	return 1;
}

int gate_report_sarif_docs_url_ok(const char *url)
{
	size_t n = url ? strlen(url) : 0;

	return n > 0 && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0) &&
	       url[n - 1] == '/' && uri_chars_ok(url);
}

/* Whether `s` (`n` bytes) is a host name, an IPv4 address or a bracketed
 * IPv6 one, with an optional :port. */
static int host_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr(".-:[]_", s[i])))
			return 0;
	return 1;
}

/*
 * The repository's address as SARIF's repositoryUri: an http(s), ssh or
 * git URL without its user, password, query or fragment, an scp-like
 * `user@host:path` as ssh://host/path. A token in a remote's URL must never
 * reach code scanning, and a malformed URL can hide one anywhere (an
 * unencoded '#', '?', '/' or '@' in a password), so anything that is not
 * unambiguously one of these forms (an '@' outside the authority, a user
 * part with ':' in the scp-like form, a host with other characters) is not
 * written at all, nor is a local path or a file: URL: *out stays empty.
 */
static int repository_uri(gate_buf *out, const char *url, gate_error *err)
{
	static const char *const schemes[] = {"https://", "http://", "ssh://", "git://"};
	const char *rest = NULL, *host, *path, *at, *p;
	size_t i, hostlen;
	int error;

	gate_buf_clear(out);
	if (!url)
		return 0;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncmp(url, schemes[i], strlen(schemes[i])) == 0) {
			rest = url + strlen(schemes[i]);
			break;
		}
	if (rest) {
		/* The last '@' ends the user part, and must come before any
		 * '/', '?' or '#'; the host ends at the first of those. */
		at = strrchr(rest, '@');
		if (at && (size_t)(at - rest) > strcspn(rest, "/?#"))
			return 0;
		host = at ? at + 1 : rest;
		hostlen = strcspn(host, "/?#");
		path = host + hostlen;
		if (!host_ok(host, hostlen) || strchr(path, '@'))
			return 0;
		if ((error = gate_buf_puts(out, schemes[i], err)) < 0 ||
		    (error = gate_buf_put(out, host, hostlen, err)) < 0 ||
		    (error = gate_buf_put(out, path, strcspn(path, "?#"), err)) < 0)
			return error;
	} else {
		/* scp-like: [user@]host:path, no '/' before the ':', at most one
		 * '@', and a user of plain characters. */
		const char *colon = strchr(url, ':');

		if (!colon || strstr(url, "://") || memchr(url, '/', (size_t)(colon - url)))
			return 0;
		at = strchr(url, '@');
		if (at && (at > colon || strchr(at + 1, '@')))
			return 0;
		for (p = url; at && p < at; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			      (*p >= '0' && *p <= '9') || strchr("._-", *p)))
				return 0;
		host = at ? at + 1 : url;
		hostlen = (size_t)(colon - host);
		path = colon + 1;
		while (*path == '/')
			path++;
		if (!host_ok(host, hostlen) || memchr(host, ':', hostlen) || strchr(path, '@') ||
		    !*path)
			return 0;
		if ((error = gate_buf_puts(out, "ssh://", err)) < 0 ||
		    (error = gate_buf_put(out, host, hostlen, err)) < 0 ||
		    (error = gate_buf_putc(out, '/', err)) < 0 ||
		    (error = gate_buf_put(out, path, strcspn(path, "?#"), err)) < 0)
			return error;
	}
	if (!uri_chars_ok(out->ptr))
		gate_buf_clear(out);
	return 0;
}

/* The run's tool, automationDetails, versionControlProvenance and
 * originalUriBaseIds. */
static int sarif_about(cJSON *run, cJSON **rules, const gate_report *report, gate_buf *scratch,
		       gate_error *err)
{
	cJSON *tool, *driver, *auto_, *vcps, *vcp, *mapped, *bases, *root;
	const char *docs =
	    gate_report_sarif_docs_url_ok(report->docs_url) ? report->docs_url : NULL;
	int error;

	if ((error = add_obj(&tool, run, "tool", err)) < 0 ||
	    (error = add_obj(&driver, tool, "driver", err)) < 0 ||
	    (error = gate_jsonout__add_text(driver, "name", "riskgate", err)) < 0 ||
	    (error = gate_jsonout__add_text(driver, "version", GATE_VERSION, err)) < 0 ||
	    (error = gate_jsonout__add_text(driver, "semanticVersion", GATE_VERSION, err)) < 0)
		return error;
	if (docs && (error = gate_jsonout__add_text(driver, "informationUri", docs, err)) < 0)
		return error;
	if ((error = gate_jsonout__add_array(rules, driver, "rules", err)) < 0 ||
	    (error = add_obj(&auto_, run, "automationDetails", err)) < 0)
		return error;
	/* The category is riskgate (the part before the last '/'); the run's
	 * own id is the commit it judged. */
	gate_buf_clear(scratch);
	if ((error = gate_buf_puts(scratch, "riskgate/", err)) < 0 ||
	    (report->change && (error = gate_buf_puts(scratch, report->change->head, err)) < 0) ||
	    (error = gate_jsonout__add_text(auto_, "id", scratch->ptr, err)) < 0)
		return error;
	if ((error = repository_uri(scratch, report->repository_uri, err)) < 0)
		return error;
	if (scratch->size && report->change && report->change->head[0] &&
	    ((error = gate_jsonout__add_array(&vcps, run, "versionControlProvenance", err)) < 0 ||
	     (error = add_obj(&vcp, vcps, NULL, err)) < 0 ||
	     (error = gate_jsonout__add_text(vcp, "repositoryUri", scratch->ptr, err)) < 0 ||
	     (error = gate_jsonout__add_text(vcp, "revisionId", report->change->head, err)) < 0 ||
	     (error = add_obj(&mapped, vcp, "mappedTo", err)) < 0 ||
	     (error = gate_jsonout__add_text(mapped, "uriBaseId", "%SRCROOT%", err)) < 0))
		return error;
	if ((error = add_obj(&bases, run, "originalUriBaseIds", err)) < 0 ||
	    (error = add_obj(&root, bases, "%SRCROOT%", err)) < 0)
		return error;
	return add_message(root, "description",
			   "The root of the repository's tree: every uri is relative to it.", err);
}

/* How much a violation matters when not all fit: errors before warnings,
 * then by security severity. */
typedef struct {
	unsigned prio;
	size_t at;
} ranked;

static int by_priority(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static int by_position(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Which violations become results, in the report's order: all of them, or
 * when more than GitHub takes in one run, the most important ones (a change
 * cannot push a security finding out of code scanning by adding thousands
 * of warnings). rule[i] is the rule of violation i.
 */
static int pick_results(ranked **out, size_t *shown, const gate_result *result, size_t nviols,
			const rule_set *rs, const size_t *rule, gate_error *err)
{
	ranked *r;
	size_t i;

	*out = NULL;
	*shown = nviols < GATE_REPORT_SARIF_MAX_RESULTS ? nviols : GATE_REPORT_SARIF_MAX_RESULTS;
	if (nviols == 0)
		return 0;
	if (!(r = calloc(nviols, sizeof(*r))))
		return gate_jsonout__nomem(err);
	for (i = 0; i < nviols; i++) {
		const sarif_rule *sr = &rs->v[rule[i]];

		r[i].at = i;
		r[i].prio = (result->viols[i].severity == GATE_SEV_WARNING ? 0u : 1000u) +
			    (sr->content ? (unsigned)sr->content->security_severity : 0u);
	}
	if (*shown < nviols) {
		qsort(r, nviols, sizeof(*r), by_priority);
		qsort(r, *shown, sizeof(*r), by_position);
	}
	*out = r;
	return 0;
}

static int sarif_run(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_result *result = report->result;
	int failed = gate_report_verdict(report) == GATE_VERDICT_ERROR;
	cJSON *runs, *run, *rules, *results, *props;
	gate_buf scratch = GATE_BUF_INIT((size_t)1 << 22);
	rule_set rs = {0};
	place *places = NULL;
	ranked *pick = NULL;
	size_t *rule = NULL, i, shown = 0, nviols = result && !failed ? result->nviols : 0,
	       ai_omitted = 0;
	const char *docs =
	    gate_report_sarif_docs_url_ok(report->docs_url) ? report->docs_url : NULL;
	int error;

	if ((error = gate_jsonout__add_text(root, "$schema", SARIF_SCHEMA, err)) < 0 ||
	    (error = gate_jsonout__add_text(root, "version", SARIF_VERSION, err)) < 0 ||
	    (error = gate_jsonout__add_array(&runs, root, "runs", err)) < 0 ||
	    (error = add_obj(&run, runs, NULL, err)) < 0 ||
	    (error = sarif_about(run, &rules, report, &scratch, err)) < 0 ||
	    (error = rules_collect(&rs, report->policy, &scratch, err)) < 0)
		goto done;
	if (nviols > 0 && !(rule = calloc(nviols, sizeof(*rule)))) {
		error = gate_jsonout__nomem(err);
		goto done;
	}
	for (i = 0; i < nviols; i++)
		if ((error = rules_of(&rule[i], &rs, &result->viols[i], &scratch, err)) < 0)
			goto done;
	if ((error = pick_results(&pick, &shown, result, nviols, &rs, rule, err)) < 0)
		goto done;
	if (shown > 0 && !(places = calloc(shown, sizeof(*places)))) {
		error = gate_jsonout__nomem(err);
		goto done;
	}
	for (i = 0; i < shown; i++)
		place_of(&places[i], report, &result->viols[pick[i].at]);
	if ((error = line_hashes(places, shown, report, err)) < 0)
		goto done;
	for (i = 0; i < rs.n; i++)
		if ((error = sarif_descriptor(rules, &rs, i, docs, &scratch, err)) < 0)
			goto done;
	/* An error run has no results at all: SARIF's way of saying that none
	 * were determined. An empty list would say "no findings", and code
	 * scanning would close every open alert of the category. */
	if (!failed) {
		if ((error = gate_jsonout__add_array(&results, run, "results", err)) < 0)
			goto done;
		for (i = 0; i < shown; i++) {
			size_t at = pick[i].at;

			if ((error = sarif_result(results, &result->viols[at], rs.v[rule[at]].id,
						  rule[at], &places[i],
						  ai_agent_of(report, &result->viols[at]), &scratch,
						  err)) < 0)
				goto done;
		}
	}
	if (!failed && result &&
	    (error = sarif_ai_artifacts(run, report, &ai_omitted, &scratch, err)) < 0)
		goto done;
	if ((error = sarif_invocation(run, report, nviols - shown, err)) < 0 ||
	    (error = add_obj(&props, run, "properties", err)) < 0 ||
	    (error = gate_jsonout__add_text(
		 props, "verdict", gate_verdict_name(gate_report_verdict(report)), err)) < 0 ||
	    (error = gate_jsonout__add_number(props, "violations", (double)nviols, err)) < 0 ||
	    (error = gate_jsonout__add_number(props, "omittedResults", (double)(nviols - shown),
					      err)) < 0 ||
	    (error = gate_jsonout__add_number(
		 props, "waived", (double)(result && !failed ? result->nwaivers : 0), err)) < 0 ||
	    (error = gate_jsonout__add_number(
		 props, "aiWrittenLines", (double)(result && !failed ? result->ailines.lines : 0),
		 err)) < 0 ||
	    (error = gate_jsonout__add_number(props, "aiLineRangesOmitted", (double)ai_omitted,
					      err)) < 0)
		goto done;
	error = 0;
done:
	rules_dispose(&rs);
	free(places);
	free(pick);
	free(rule);
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
