/*
 * The report (SPEC 5): the JSON object a machine reads and the text a human
 * reads, both rendered from the same policy, change and result. This is the
 * one place that escapes attacker-controlled text for JSON and for terminals.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "report_internal.h"
#include "riskgate/report.h"
#include "riskgate/version.h"

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

/*
 * UTF-8
 */

/*
 * Decodes the UTF-8 sequence at `s` (`len` bytes available). Returns its
 * length (1 to 4) and stores the code point in *cp, or returns 0 when the
 * bytes there do not start a valid sequence: a stray continuation byte, a
 * truncated sequence, an overlong form, a surrogate (U+D800-U+DFFF) or a
 * code point above U+10FFFF.
 */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n, i;
	uint32_t c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min[n] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

/*
 * Whether `len` bytes of `s` can go into a JSON string as they are: valid
 * UTF-8 and no NUL byte (cJSON takes C strings, so a NUL would silently cut
 * the value short).
 */
static int json_text_clean(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * Copies `len` bytes of `s` into a new NUL-terminated string in which each
 * byte that is not part of a valid UTF-8 sequence (and each NUL) is replaced
 * by U+FFFD. The copy is the caller's (free()).
 */
static char *json_text_replace(const char *s, size_t len, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t size, i = 0, o = 0, n;
	uint32_t cp;
	char *copy;

	if (gate_mul_overflow(&size, len, 3) || gate_add_overflow(&size, size, 1)) {
		gate_error_set(err, GATE_ERR_NOMEM, "a string of the report is too long");
		return NULL;
	}
	if (!(copy = gate_malloc(size, err)))
		return NULL;
	while (i < len) {
		n = utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0) {
			memcpy(copy + o, GATE_UTF8_REPLACEMENT, 3);
			o += 3;
			i++;
		} else {
			memcpy(copy + o, s + i, n);
			o += n;
			i += n;
		}
	}
	copy[o] = '\0';
	return copy;
}

/*
 * Encodes `len` bytes of `s` in standard base64 (RFC 4648, with padding)
 * into a new NUL-terminated string, the caller's (free()).
 */
static char *base64_encode(const char *s, size_t len, gate_error *err)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	size_t size, i, o = 0;
	uint32_t v;
	char *out;

	if (gate_add_overflow(&size, len, 2) || gate_mul_overflow(&size, size / 3, 4) ||
	    gate_add_overflow(&size, size, 1)) {
		gate_error_set(err, GATE_ERR_NOMEM, "a string of the report is too long");
		return NULL;
	}
	if (!(out = gate_malloc(size, err)))
		return NULL;
	for (i = 0; i + 2 < len; i += 3) {
		v = ((uint32_t)u[i] << 16) | ((uint32_t)u[i + 1] << 8) | u[i + 2];
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = alphabet[(v >> 6) & 63];
		out[o++] = alphabet[v & 63];
	}
	if (len - i == 1) {
		v = (uint32_t)u[i] << 16;
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = '=';
		out[o++] = '=';
	} else if (len - i == 2) {
		v = ((uint32_t)u[i] << 16) | ((uint32_t)u[i + 1] << 8);
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = alphabet[(v >> 6) & 63];
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

/*
 * JSON building. Every helper checks cJSON's allocations and returns 0 or
 * -1 with GATE_ERR_NOMEM; an item that could not be attached is freed here,
 * so the caller only ever owns the root.
 */

static int json_nomem(gate_error *err)
{
	return gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
}

/* Attaches `item` (NULL when its creation failed) to object `obj`. */
static int json_add(cJSON *obj, const char *key, cJSON *item, gate_error *err)
{
	if (!item)
		return json_nomem(err);
	if (!cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		return json_nomem(err);
	}
	return 0;
}

/* Appends `item` (NULL when its creation failed) to array `arr`. */
static int json_push(cJSON *arr, cJSON *item, gate_error *err)
{
	if (!item)
		return json_nomem(err);
	if (!cJSON_AddItemToArray(arr, item)) {
		cJSON_Delete(item);
		return json_nomem(err);
	}
	return 0;
}

/* Creates an object or array and attaches it to `obj`; *out borrows it. */
static int json_add_object(cJSON **out, cJSON *obj, const char *key, gate_error *err)
{
	cJSON *item = cJSON_CreateObject();

	*out = item;
	return json_add(obj, key, item, err);
}

static int json_add_array(cJSON **out, cJSON *obj, const char *key, gate_error *err)
{
	cJSON *item = cJSON_CreateArray();

	*out = item;
	return json_add(obj, key, item, err);
}

static int json_add_number(cJSON *obj, const char *key, double value, gate_error *err)
{
	return cJSON_AddNumberToObject(obj, key, value) ? 0 : json_nomem(err);
}

static int json_add_bool(cJSON *obj, const char *key, int value, gate_error *err)
{
	return cJSON_AddBoolToObject(obj, key, value ? 1 : 0) ? 0 : json_nomem(err);
}

static int json_add_null(cJSON *obj, const char *key, gate_error *err)
{
	return cJSON_AddNullToObject(obj, key) ? 0 : json_nomem(err);
}

/*
 * Creates a JSON string from `len` bytes of untrusted text (s[len] must be
 * readable): as it is when it is valid UTF-8 without NUL, else with each
 * offending byte replaced by U+FFFD. *replaced (when not NULL) says which.
 * Returns NULL on error.
 */
static cJSON *json_text(const char *s, size_t len, int *replaced, gate_error *err)
{
	cJSON *item = NULL;
	char *copy = NULL;

	int clean = json_text_clean(s, len);

	if (replaced)
		*replaced = !clean;
	if (clean && s[len] == '\0') {
		if (!(item = cJSON_CreateString(s)))
			json_nomem(err);
		return item;
	}
	/* Invalid text, or a prefix of a longer string: work on a copy. */
	if (!(copy = json_text_replace(s, len, err)))
		return NULL;
	if (!(item = cJSON_CreateString(copy)))
		json_nomem(err);
	free(copy);
	return item;
}

/* Adds `len` bytes of untrusted text `s` under `key`. */
static int json_add_textn(cJSON *obj, const char *key, const char *s, size_t len, gate_error *err)
{
	cJSON *item = json_text(s, len, NULL, err);

	if (!item)
		return -1;
	return json_add(obj, key, item, err);
}

/* Adds untrusted text under `key`; a NULL `s` becomes "" (for the fields
 * that the result guarantees but a hand-built one might lack). */
static int json_add_text(cJSON *obj, const char *key, const char *s, gate_error *err)
{
	if (!s)
		s = "";
	return json_add_textn(obj, key, s, strlen(s), err);
}

/* Adds untrusted text under `key` only when `s` is not NULL. */
static int json_add_opt_text(cJSON *obj, const char *key, const char *s, gate_error *err)
{
	if (!s)
		return 0;
	return json_add_textn(obj, key, s, strlen(s), err);
}

/*
 * Adds a path under `key`. A path that is not valid UTF-8 is shown with
 * U+FFFD replacements, and its exact bytes follow under `raw_key` in base64,
 * so a consumer can still recover the name.
 */
static int json_add_path(cJSON *obj, const char *key, const char *raw_key, const char *s,
			 size_t len, gate_error *err)
{
	cJSON *item;
	char *raw = NULL;
	int replaced, error;

	if (!(item = json_text(s, len, &replaced, err)))
		return -1;
	if ((error = json_add(obj, key, item, err)) < 0 || !replaced)
		return error;
	if (!(raw = base64_encode(s, len, err)))
		return -1;
	error = cJSON_AddStringToObject(obj, raw_key, raw) ? 0 : json_nomem(err);
	free(raw);
	return error;
}

/*
 * The length of the string in a fixed-size field of `size` bytes, never
 * more than size - 1, so that s[len] is always readable even when a
 * hand-built struct lacks the terminator.
 */
static size_t field_len(const char *s, size_t size)
{
	return strnlen(s, size - 1);
}

/* Adds a fixed-size string field (a digest, an object id). */
static int json_add_field(cJSON *obj, const char *key, const char *s, size_t size, gate_error *err)
{
	return json_add_textn(obj, key, s, field_len(s, size), err);
}

/* Adds a fixed-size id field (an object id or digest), or null when empty.
 * The bound guards against a hand-built struct without a terminator. */
static int json_add_id(cJSON *obj, const char *key, const char *id, size_t size, gate_error *err)
{
	size_t len = field_len(id, size);

	if (len == 0)
		return json_add_null(obj, key, err);
	return json_add_textn(obj, key, id, len, err);
}

/*
 * What the report knows about one file's classification. A file the
 * evaluation has not classified yet (its `cls` still zero: a pattern match
 * without a rule) or a report without a policy has no tier.
 */
static int file_classified(const gate_policy *policy, const gate_file *file)
{
	if (!policy || file->cls.tier >= policy->ntiers)
		return 0;
	switch (file->cls.kind) {
	case GATE_MATCH_PATTERN:
		return file->cls.rule != NULL;
	case GATE_MATCH_DEFAULT:
	case GATE_MATCH_GUARDED:
		return 1;
	}
	return 0;
}

static size_t tier_file_count(const gate_report *report, size_t tier)
{
	size_t i, n = 0;

	if (!report->change)
		return 0;
	for (i = 0; i < report->change->nfiles; i++) {
		const gate_file *file = &report->change->files[i];

		if (file_classified(report->policy, file) && file->cls.tier == tier)
			n++;
	}
	return n;
}

static const char *policy_file_name(const gate_policy *policy)
{
	return policy->file ? policy->file : "policy";
}

/* The "rule" of a classified file: see gate_classify_describe. */
static int rule_text(gate_buf *out, const gate_policy *policy, const gate_class *cls,
		     gate_error *err)
{
	return gate_classify_describe(out, policy, cls, err);
}

static int json_range(cJSON *root, const gate_change *change, gate_error *err)
{
	cJSON *range;
	int error;

	if (!change)
		return json_add_null(root, "range", err);
	if ((error = json_add_object(&range, root, "range", err)) < 0 ||
	    (error = json_add_id(range, "base", change->base, sizeof(change->base), err)) < 0 ||
	    (error = json_add_id(range, "head", change->head, sizeof(change->head), err)) < 0 ||
	    (error = json_add_id(range, "merge_base", change->merge_base,
				 sizeof(change->merge_base), err)) < 0)
		return error;
	if ((error = json_add_bool(range, "shallow", change->shallow, err)) < 0)
		return error;
	/* Renames are always detected; copies from files that stay may not be. */
	return json_add_number(range, "copies_limited", (double)change->copies_limited, err);
}

static int json_policy(cJSON *root, const gate_policy *policy, gate_error *err)
{
	cJSON *obj;
	int error;

	if (!policy)
		return json_add_null(root, "policy", err);
	if ((error = json_add_object(&obj, root, "policy", err)) < 0 ||
	    (error = json_add_text(obj, "source", policy->source, err)) < 0 ||
	    (error = json_add_field(obj, "sha256", policy->sha256, sizeof(policy->sha256), err)) <
		0)
		return error;
	if (!policy->name)
		return json_add_null(obj, "name", err);
	return json_add_text(obj, "name", policy->name, err);
}

static int json_summary(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	cJSON *summary, *tiers;
	size_t t;
	int error;

	if ((error = json_add_object(&summary, root, "summary", err)) < 0 ||
	    (error = json_add_number(summary, "files", change ? (double)change->nfiles : 0, err)) <
		0 ||
	    (error = json_add_number(summary, "commits", change ? (double)change->ncommits : 0,
				     err)) < 0 ||
	    (error = json_add_number(summary, "violations",
				     result ? (double)gate_result_count(result, GATE_SEV_ERROR) : 0,
				     err)) < 0 ||
	    (error = json_add_number(
		 summary, "warnings",
		 result ? (double)gate_result_count(result, GATE_SEV_WARNING) : 0, err)) < 0 ||
	    (error = json_add_object(&tiers, summary, "tiers", err)) < 0)
		return error;
	for (t = 0; report->policy && t < report->policy->ntiers; t++) {
		const char *name =
		    report->policy->tiers[t].name ? report->policy->tiers[t].name : "";
		cJSON *count = cJSON_CreateNumber((double)tier_file_count(report, t));
		cJSON *key;
		int replaced;

		if (!count)
			return json_nomem(err);
		/* The tier name is a key: give it the same UTF-8 treatment. */
		if (!(key = json_text(name, strlen(name), &replaced, err))) {
			cJSON_Delete(count);
			return -1;
		}
		error = json_add(tiers, key->valuestring, count, err);
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
	return cJSON_AddStringToObject(obj, key, text) ? 0 : json_nomem(err);
}

static int json_file(cJSON *files, const gate_policy *policy, const gate_file *file,
		     const gate_file_owners *owners, gate_error *err)
{
	cJSON *arr;
	size_t i;
	/* A rule holds one pattern of the policy, which is bounded. */
	gate_buf rule = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE + 1024);
	cJSON *obj = cJSON_CreateObject();
	int error;

	if ((error = json_push(files, obj, err)) < 0)
		goto done;
	if ((error = json_add_path(obj, "path", "path_base64", file->path ? file->path : "",
				   file->path ? file->path_len : 0, err)) < 0)
		goto done;
	if ((file->status == GATE_STATUS_RENAMED || file->status == GATE_STATUS_COPIED) &&
	    file->old_path &&
	    (error = json_add_path(obj, "old_path", "old_path_base64", file->old_path,
				   file->old_path_len, err)) < 0)
		goto done;
	if ((error = json_add_text(obj, "status", gate_status_name(file->status), err)) < 0)
		goto done;
	if (file_classified(policy, file)) {
		if ((error = json_add_text(obj, "tier", policy->tiers[file->cls.tier].name, err)) <
			0 ||
		    (error = rule_text(&rule, policy, &file->cls, err)) < 0 ||
		    (error = json_add_textn(obj, "rule", rule.ptr, rule.size, err)) < 0)
			goto done;
	} else if ((error = json_add_null(obj, "tier", err)) < 0 ||
		   (error = json_add_null(obj, "rule", err)) < 0) {
		goto done;
	}
	if ((error = json_add_bool(obj, "binary", file->binary, err)) < 0 ||
	    (error = json_add_number(obj, "additions", (double)file->additions, err)) < 0 ||
	    (error = json_add_number(obj, "deletions", (double)file->deletions, err)) < 0 ||
	    (error = json_mode(obj, "old_mode", file->old_mode, err)) < 0 ||
	    (error = json_mode(obj, "new_mode", file->new_mode, err)) < 0)
		goto done;
	/* Owners only when the base revision has a CODEOWNERS file. */
	if (owners && owners->known) {
		if ((error = json_add_array(&arr, obj, "owners", err)) < 0)
			goto done;
		for (i = 0; owners->matched && i < owners->nowners; i++)
			if ((error = json_push(
				 arr,
				 json_text(owners->owners[i], strlen(owners->owners[i]), NULL, err),
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

	if ((error = json_add_object(&person, obj, key, err)) < 0 ||
	    (error = json_add_text(person, "name", name, err)) < 0)
		return error;
	return json_add_text(person, "email", email, err);
}

/* The subject of a commit message: its first non-empty line, without the
 * trailing whitespace. */
static const char *message_subject(const char *message, size_t *len)
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
		return json_add_null(obj, "git_ai_note", err);
	if ((error = json_add_object(&n, obj, "git_ai_note", err)) < 0 ||
	    (error = json_add_bool(n, "ai", gate_ainote_is_ai(note), err)) < 0 ||
	    (error = json_add_number(n, "ai_lines", (double)note->lines, err)) < 0 ||
	    (error = json_add_number(n, "human_lines", (double)note->human_lines, err)) < 0 ||
	    (error = json_add_array(&agents, n, "agents", err)) < 0)
		return error;
	for (i = 0; i < note->nagents; i++) {
		cJSON *a = cJSON_CreateObject();

		if ((error = json_push(agents, a, err)) < 0 ||
		    (error = json_add_text(a, "tool", note->agents[i].tool, err)) < 0 ||
		    (error = json_add_text(a, "model", note->agents[i].model, err)) < 0)
			return error;
	}
	if ((error = json_add_array(&files, n, "files", err)) < 0)
		return error;
	for (i = 0; i < note->nfiles; i++) {
		const gate_ainote_file *f = &note->files[i];
		cJSON *fo = cJSON_CreateObject(), *ranges;

		if ((error = json_push(files, fo, err)) < 0 ||
		    (error = json_add_path(fo, "path", "path_base64", f->path, strlen(f->path),
					   err)) < 0 ||
		    (error = json_add_number(fo, "lines", (double)f->lines, err)) < 0 ||
		    (error = json_add_array(&ranges, fo, "ranges", err)) < 0)
			return error;
		for (k = 0; k < f->nranges; k++) {
			cJSON *r = cJSON_CreateArray();

			if ((error = json_push(ranges, r, err)) < 0 ||
			    (error = json_push(r, cJSON_CreateNumber((double)f->ranges[k].start),
					       err)) < 0 ||
			    (error = json_push(r, cJSON_CreateNumber((double)f->ranges[k].end),
					       err)) < 0)
				return error;
		}
	}
	return 0;
}

/* A commit with, when assessed, its provenance (SPEC 3.4) and trailers. */
static int json_commit(cJSON *commits, const gate_commit *commit, const gate_provenance *prov,
		       gate_error *err)
{
	cJSON *obj = cJSON_CreateObject(), *parents, *trailers;
	const char *subject;
	size_t i, len;
	int error;

	if ((error = json_push(commits, obj, err)) < 0 ||
	    (error = json_add_field(obj, "sha", commit->sha, sizeof(commit->sha), err)) < 0 ||
	    (error = json_person(obj, "author", commit->author_name, commit->author_email, err)) <
		0 ||
	    (error = json_person(obj, "committer", commit->committer_name, commit->committer_email,
				 err)) < 0 ||
	    (error = json_add_array(&parents, obj, "parents", err)) < 0)
		return error;
	for (i = 0; i < commit->nparents; i++) {
		const char *sha = commit->parents[i];

		if ((error = json_push(parents,
				       json_text(sha, field_len(sha, GATE_OID_HEX + 1), NULL, err),
				       err)) < 0)
			return error;
	}
	subject = message_subject(commit->message, &len);
	if ((error = json_add_textn(obj, "subject", subject, len, err)) < 0)
		return error;
	if (!prov)
		return 0;
	if ((error = json_add_bool(obj, "ai_assisted", prov->ai_assisted, err)) < 0 ||
	    (error = (prov->evidence ? json_add_text(obj, "evidence", prov->evidence, err)
				     : json_add_null(obj, "evidence", err))) < 0 ||
	    (error = json_add_bool(obj, "disclosed", prov->disclosed, err)) < 0 ||
	    (error = json_add_bool(obj, "signed_off", prov->signed_off, err)) < 0 ||
	    (error = (prov->accountable ? json_add_text(obj, "accountable", prov->accountable, err)
					: json_add_null(obj, "accountable", err))) < 0 ||
	    (error = json_add_array(&trailers, obj, "trailers", err)) < 0)
		return error;
	for (i = 0; i < prov->trailers.count; i++) {
		cJSON *t = cJSON_CreateObject();

		if ((error = json_push(trailers, t, err)) < 0 ||
		    (error = json_add_text(t, "key", prov->trailers.items[i].key, err)) < 0 ||
		    (error = json_add_text(t, "value", prov->trailers.items[i].value, err)) < 0)
			return error;
	}
	return json_git_ai_note(obj, prov, err);
}

static int json_strlist(cJSON *obj, const char *key, const gate_strlist *list, gate_error *err)
{
	cJSON *arr;
	size_t i;
	int error;

	if ((error = json_add_array(&arr, obj, key, err)) < 0)
		return error;
	for (i = 0; i < list->count; i++) {
		const char *s = list->items[i] ? list->items[i] : "";

		if ((error = json_push(arr, json_text(s, strlen(s), NULL, err), err)) < 0)
			return error;
	}
	return 0;
}

static int json_requirement(cJSON *reqs, const gate_requirement *req, gate_error *err)
{
	cJSON *obj = cJSON_CreateObject();
	int error;

	if ((error = json_push(reqs, obj, err)) < 0 ||
	    (error = json_add_text(obj, "tier", req->tier, err)) < 0 ||
	    (error = json_add_text(obj, "check", req->check, err)) < 0 ||
	    (error = json_add_text(obj, "status", gate_req_status_name(req->status), err)) < 0 ||
	    (error = json_add_text(obj, "detail", req->detail, err)) < 0 ||
	    (error = json_strlist(obj, "passing", &req->passing, err)) < 0)
		return error;
	return json_strlist(obj, "failing", &req->failing, err);
}

static int json_violation(cJSON *viols, const gate_violation *v, gate_error *err)
{
	cJSON *obj = cJSON_CreateObject();
	int error;

	if ((error = json_push(viols, obj, err)) < 0 ||
	    (error = json_add_text(obj, "check", v->check, err)) < 0 ||
	    (error = json_add_opt_text(obj, "rule", v->rule, err)) < 0 ||
	    (error = json_add_text(obj, "tier", v->tier, err)) < 0 ||
	    (error = json_add_text(obj, "severity", gate_severity_name(v->severity), err)) < 0)
		return error;
	if (v->path &&
	    (error = json_add_path(obj, "path", "path_base64", v->path, strlen(v->path), err)) < 0)
		return error;
	if (v->line > 0 && (error = json_add_number(obj, "line", (double)v->line, err)) < 0)
		return error;
	if ((error = json_add_opt_text(obj, "commit", v->commit, err)) < 0 ||
	    (error = json_add_text(obj, "message", v->message, err)) < 0 ||
	    (error = json_add_opt_text(obj, "hint", v->hint, err)) < 0)
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

	if ((error = json_push(errors, obj, err)) < 0 ||
	    (error = json_add_text(obj, "class", klass, err)) < 0 ||
	    (error = json_add_textn(obj, "message", message, message_len, err)) < 0)
		return error;
	if (file_len > 0 &&
	    (error = json_add_path(obj, "file", "file_base64", file, file_len, err)) < 0)
		return error;
	if (line > 0 && (error = json_add_number(obj, "line", line, err)) < 0)
		return error;
	if (col > 0 && (error = json_add_number(obj, "column", col, err)) < 0)
		return error;
	return 0;
}

/*
 * The error that makes a report's verdict "error": the run's own error, or
 * (failing closed) a stand-in when there is neither an error nor a result.
 * Returns NULL when the run did not fail.
 */
static const gate_error *report_failure(const gate_report *report, gate_error *scratch)
{
	if (report->error && report->error->klass != GATE_ERR_NONE)
		return report->error;
	if (!report->result) {
		memset(scratch, 0, sizeof(*scratch));
		scratch->klass = GATE_ERR_INTERNAL;
		snprintf(scratch->message, sizeof(scratch->message),
			 "the run produced no result to report");
		return scratch;
	}
	return NULL;
}

static int json_errors(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_error *failure;
	gate_error scratch;
	cJSON *errors;
	size_t i;
	int error;

	if ((error = json_add_array(&errors, root, "errors", err)) < 0)
		return error;
	for (i = 0; report->result && i < report->result->errors.count; i++) {
		const char *msg = report->result->errors.items[i];

		if (!msg)
			msg = "";
		if ((error = json_error_entry(errors, "check", msg, strlen(msg), NULL, 0, 0, 0,
					      err)) < 0)
			return error;
	}
	if ((failure = report_failure(report, &scratch)) != NULL)
		return json_error_entry(
		    errors, gate_error_class_name(failure->klass), failure->message,
		    field_len(failure->message, sizeof(failure->message)), failure->file,
		    field_len(failure->file, sizeof(failure->file)), failure->line, failure->col,
		    err);
	return 0;
}

static int json_report(cJSON *root, const gate_report *report, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	cJSON *tool, *arr;
	size_t i;
	int error;

	if ((error = json_add_number(root, "schema_version", GATE_REPORT_SCHEMA_VERSION, err)) <
		0 ||
	    (error = json_add_object(&tool, root, "tool", err)) < 0 ||
	    (error = json_add_text(tool, "name", "riskgate", err)) < 0 ||
	    (error = json_add_text(tool, "version", GATE_VERSION, err)) < 0 ||
	    (error = json_add_text(root, "verdict", gate_verdict_name(gate_report_verdict(report)),
				   err)) < 0 ||
	    (error = json_range(root, change, err)) < 0 ||
	    (error = json_policy(root, report->policy, err)) < 0 ||
	    (error = json_summary(root, report, err)) < 0)
		return error;

	if ((error = json_add_array(&arr, root, "files", err)) < 0)
		return error;
	for (i = 0; change && i < change->nfiles; i++)
		if ((error = json_file(arr, report->policy, &change->files[i],
				       result && i < result->nowners ? &result->owners[i] : NULL,
				       err)) < 0)
			return error;

	if ((error = json_add_array(&arr, root, "commits", err)) < 0)
		return error;
	for (i = 0; change && i < change->ncommits; i++)
		if ((error = json_commit(
			 arr, &change->commits[i],
			 result && i < result->nprovenance ? &result->provenance[i] : NULL, err)) <
		    0)
			return error;

	if ((error = json_add_array(&arr, root, "requirements", err)) < 0)
		return error;
	for (i = 0; result && i < result->nreqs; i++)
		if ((error = json_requirement(arr, &result->reqs[i], err)) < 0)
			return error;

	if ((error = json_add_array(&arr, root, "violations", err)) < 0)
		return error;
	for (i = 0; result && i < result->nviols; i++)
		if ((error = json_violation(arr, &result->viols[i], err)) < 0)
			return error;

	if ((error = json_add_array(&arr, root, "waivers", err)) < 0)
		return error;
	for (i = 0; result && i < result->nwaivers; i++) {
		const gate_waiver *w = &result->waivers[i];
		cJSON *obj = cJSON_CreateObject();

		if ((error = json_push(arr, obj, err)) < 0 ||
		    (error = json_add_text(obj, "rule", w->rule, err)) < 0 ||
		    (error = json_add_text(obj, "tier", w->tier, err)) < 0 ||
		    (error = json_add_path(obj, "path", "path_base64", w->path ? w->path : "",
					   w->path ? strlen(w->path) : 0, err)) < 0 ||
		    (error = json_add_number(obj, "line", (double)w->line, err)) < 0 ||
		    (error = json_add_text(obj, "reason", w->reason, err)) < 0)
			return error;
	}
	if ((error = json_add_array(&arr, root, "ignored_approvals", err)) < 0)
		return error;
	for (i = 0; result && i < result->nignored; i++) {
		const gate_ignored_approval *a = &result->ignored[i];
		cJSON *obj = cJSON_CreateObject();

		if ((error = json_push(arr, obj, err)) < 0 ||
		    (error = json_add_text(obj, "login", a->who, err)) < 0 ||
		    (error = json_add_text(obj, "reason", a->reason, err)) < 0 ||
		    (error = json_add_bool(obj, "unverified", a->unverified, err)) < 0)
			return error;
	}
	return json_errors(root, report, err);
}

gate_verdict gate_report_verdict(const gate_report *report)
{
	if (!report || (report->error && report->error->klass != GATE_ERR_NONE) || !report->result)
		return GATE_VERDICT_ERROR;
	return gate_result_verdict(report->result);
}

int gate_report_json_print(gate_buf *out, cJSON *root, gate_error *err)
{
	char *text = cJSON_Print(root);
	size_t len, need;
	int error = -1;

	if (!text)
		return json_nomem(err);
	/* Reserve the whole text first so that a failure appends nothing. */
	len = strlen(text);
	if (gate_add_overflow(&need, len, 1))
		error = gate_error_set(err, GATE_ERR_NOMEM, "the report is too large");
	else if (gate_buf_grow(out, need, err) == 0 && gate_buf_put(out, text, len, err) == 0 &&
		 gate_buf_putc(out, '\n', err) == 0)
		error = 0;
	cJSON_free(text);
	return error;
}

int gate_report_json(gate_buf *out, const gate_report *report, gate_error *err)
{
	cJSON *root = NULL;
	int error = -1;

	if (!out || !report) {
		error = gate_error_set(err, GATE_ERR_INTERNAL, "no report to render");
		goto done;
	}
	if (!(root = cJSON_CreateObject())) {
		error = json_nomem(err);
		goto done;
	}
	if ((error = json_report(root, report, err)) < 0)
		goto done;
	error = gate_report_json_print(out, root, err);
done:
	if (error < 0 && err)
		gate_error_prefix(err, "while writing the JSON report");
	cJSON_Delete(root);
	return error;
}

/*
 * Terminal text
 */

/*
 * Two ways to make text safe for a terminal, sharing one escaper.
 * TERM_QUOTE is for names (paths, tiers, checks): like git's quoted paths,
 * the result is wrapped in double quotes, with `"` and `\` escaped, whenever
 * anything had to be escaped, so the exact name can be read back.
 * TERM_PROSE is for sentences (messages, details, hints, patterns): the same
 * bytes are escaped but nothing is wrapped, so a message that quotes a name
 * or a pattern full of backslashes stays readable. Both are safe: no
 * control character or invalid byte ever reaches the terminal raw.
 */
enum term_mode { TERM_QUOTE, TERM_PROSE };

/*
 * Code points that must not reach a terminal raw, though valid UTF-8: C0
 * controls (ESC starts escape sequences), DEL, C1 controls (U+0085 is a line
 * break, U+009B a one-byte CSI on some terminals), the line and paragraph
 * separators, and the bidirectional controls that can make a name display
 * as another ("Trojan Source", CVE-2021-42574).
 */
static int term_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * The escape of one byte, in git's style (quote.c): the usual letters,
 * then three octal digits. Writes at most 4 bytes to `esc`; returns the count.
 */
static size_t term_escape_byte(char esc[4], unsigned char c)
{
	static const char letters[] = "\a\b\t\n\v\f\r";
	static const char names[] = "abtnvfr";
	const char *p = c ? strchr(letters, c) : NULL;

	esc[0] = '\\';
	if (p) {
		esc[1] = names[p - letters];
		return 2;
	}
	if (c == '"' || c == '\\') {
		esc[1] = (char)c;
		return 2;
	}
	esc[1] = (char)('0' + ((c >> 6) & 7));
	esc[2] = (char)('0' + ((c >> 3) & 7));
	esc[3] = (char)('0' + (c & 7));
	return 4;
}

/*
 * Walks `len` bytes of `s` and, when `out` is not NULL, appends their safe
 * form (without the surrounding quotes). Always computes *size (bytes
 * written), *width (terminal columns, counting one per code point) and
 * *quote (whether TERM_QUOTE must wrap it). Returns 0 or -1.
 */
static int term_walk(gate_buf *out, const char *s, size_t len, enum term_mode mode, size_t *size,
		     size_t *width, int *quote, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, k, e;
	uint32_t cp;
	char esc[4];
	int error;

	*size = 0;
	*width = 0;
	*quote = 0;
	while (i < len) {
		/* Printable ASCII, by far the common case, is copied a run at a
		 * time. */
		for (k = i; k < len && u[k] >= 0x20 && u[k] < 0x7f &&
			    (mode == TERM_PROSE || (u[k] != '"' && u[k] != '\\'));
		     k++)
			;
		if (k > i) {
			if (out && (error = gate_buf_put(out, s + i, k - i, err)) < 0)
				return error;
			*size += k - i;
			*width += k - i;
			i = k;
			continue;
		}
		n = utf8_decode(u + i, len - i, &cp);
		if (n > 0 && !term_unsafe(cp) &&
		    (mode == TERM_PROSE || (cp != '"' && cp != '\\'))) {
			if (out && (error = gate_buf_put(out, s + i, n, err)) < 0)
				return error;
			*size += n;
			*width += 1;
			i += n;
			continue;
		}
		*quote = 1; /* something is escaped */
		/* An unsafe code point has each of its bytes escaped; an invalid
		 * byte is escaped alone and decoding resumes at the next. */
		if (n == 0)
			n = 1;
		for (k = 0; k < n; k++) {
			e = term_escape_byte(esc, u[i + k]);
			if (out && (error = gate_buf_put(out, esc, e, err)) < 0)
				return error;
			*size += e;
			*width += e;
		}
		i += n;
	}
	return 0;
}

/* Appends `len` bytes of `s` made safe in `mode`; *width (when not NULL)
 * receives the columns written. Nothing is appended on failure. */
static int term_put(gate_buf *out, const char *s, size_t len, enum term_mode mode, size_t *width,
		    gate_error *err)
{
	size_t size, cols, need;
	int quote, error;

	if (len > 0 && !s)
		return gate_error_set(err, GATE_ERR_INTERNAL, "NULL text to escape");
	if ((error = term_walk(NULL, s, len, mode, &size, &cols, &quote, err)) < 0)
		return error;
	if (mode == TERM_PROSE)
		quote = 0;
	if (gate_add_overflow(&need, size, quote ? 2 : 0))
		return gate_error_set(err, GATE_ERR_NOMEM, "text too long for the report");
	/* Growing by nothing would leave a fresh buffer unterminated. */
	if (need > 0 && (error = gate_buf_grow(out, need, err)) < 0)
		return error;
	if (quote && (error = gate_buf_putc(out, '"', err)) < 0)
		return error;
	if ((error = term_walk(out, s, len, mode, &size, &cols, &quote, err)) < 0)
		return error;
	if (mode == TERM_QUOTE && quote) {
		if ((error = gate_buf_putc(out, '"', err)) < 0)
			return error;
		cols += 2;
	}
	if (width)
		*width = cols;
	return 0;
}

int gate_report_quote_terminal(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no buffer to write to");
	return term_put(out, s, len, TERM_QUOTE, NULL, err);
}

int gate_report_prose_terminal(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return term_put(out, s, len, TERM_PROSE, NULL, err);
}

/* A NUL-terminated name (TERM_QUOTE) or sentence (TERM_PROSE); NULL is
 * shown as nothing. */
static int term_name(gate_buf *out, const char *s, size_t *width, gate_error *err)
{
	if (!s)
		s = "";
	return term_put(out, s, strlen(s), TERM_QUOTE, width, err);
}

static int term_prose(gate_buf *out, const char *s, gate_error *err)
{
	if (!s)
		s = "";
	return term_put(out, s, strlen(s), TERM_PROSE, NULL, err);
}

/* The columns a name takes once made safe. */
static size_t term_name_width(const char *s)
{
	size_t size, width;
	int quote;

	if (!s)
		return 0;
	/* Measuring (out == NULL) cannot fail. */
	term_walk(NULL, s, strlen(s), TERM_QUOTE, &size, &width, &quote, NULL);
	return width + (quote ? 2 : 0);
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
	size_t len = field_len(id, size);

	if (len > keep)
		len = keep;
	return term_put(out, id, len, TERM_QUOTE, NULL, err);
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
		if ((n = tier_file_count(report, t)) == 0)
			continue;
		if ((error = gate_buf_puts(out, shown ? ", " : " (", err)) < 0 ||
		    (error = term_name(out, report->policy->tiers[t].name, NULL, err)) < 0 ||
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
		if (policy->name && ((error = term_name(out, policy->name, NULL, err)) < 0 ||
				     (error = gate_buf_puts(out, " (", err)) < 0))
			return error;
		if ((error = term_prose(out, policy->source, err)) < 0 ||
		    (error = gate_buf_puts(out, policy->name ? ", sha256 " : " (sha256 ", err)) <
			0 ||
		    (error = term_short_id(out, policy->sha256, sizeof(policy->sha256),
					   GATE_REPORT_SHORT_SHA256, err)) < 0 ||
		    (error = gate_buf_puts(out, "\xe2\x80\xa6)\n", err)) < 0)
			return error;
	}
	return 0;
}

static const char *file_tier_name(const gate_policy *policy, const gate_file *file)
{
	if (!file_classified(policy, file))
		return "-";
	return policy->tiers[file->cls.tier].name ? policy->tiers[file->cls.tier].name : "";
}

/* A pattern in the file list, cut short: FILE:LINE already locates it and
 * `explain` shows it whole. */
#define TEXT_PATTERN_MAX 48

static int text_pattern(gate_buf *out, const char *pattern, gate_error *err)
{
	size_t len = pattern ? strlen(pattern) : 0;
	int error;

	if (len <= TEXT_PATTERN_MAX)
		return term_prose(out, pattern, err);
	len = TEXT_PATTERN_MAX - 3;
	while (len > 0 && ((unsigned char)pattern[len] & 0xC0) == 0x80)
		len--;
	if ((error = term_put(out, pattern, len, TERM_PROSE, NULL, err)) < 0)
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
		    (error = term_name(out, policy_file_name(policy), NULL, err)) < 0 ||
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

		if ((w = term_name_width(file_tier_name(policy, file))) > tier_w)
			tier_w = w;
		if ((w = strlen(gate_status_name(file->status))) > status_w)
			status_w = w;
	}
	if ((error = gate_buf_puts(out, "\nfiles:\n", err)) < 0)
		return error;
	for (i = 0; i < shown; i++) {
		const gate_file *file = &change->files[i];
		const char *status = gate_status_name(file->status);

		if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = term_name(out, file_tier_name(policy, file), &w, err)) < 0 ||
		    (error = term_pad(out, w, tier_w + 2, err)) < 0 ||
		    (error = gate_buf_puts(out, status, err)) < 0 ||
		    (error = term_pad(out, strlen(status), status_w + 2, err)) < 0 ||
		    (error = term_put(out, file->path ? file->path : "",
				      file->path ? file->path_len : 0, TERM_QUOTE, NULL, err)) < 0)
			return error;
		if ((file->status == GATE_STATUS_RENAMED || file->status == GATE_STATUS_COPIED) &&
		    file->old_path &&
		    ((error = gate_buf_puts(out, " <- ", err)) < 0 ||
		     (error = term_put(out, file->old_path, file->old_path_len, TERM_QUOTE, NULL,
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
		if (file_classified(policy, file) &&
		    ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		     (error = text_rule(out, policy, &file->cls, err)) < 0))
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

		subject = message_subject(change->commits[i].message, &len);
		if ((error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = term_short_id(out, change->commits[i].sha,
					   sizeof(change->commits[i].sha), 12, err)) < 0 ||
		    (error = gate_buf_puts(out, "  ", err)) < 0 ||
		    (error = term_put(out, subject, len > 60 ? 60 : len, TERM_PROSE, NULL, err)) <
			0)
			return error;
		if (p->ai_assisted &&
		    ((error = gate_buf_puts(out, "\n      AI-assisted: ", err)) < 0 ||
		     (error = term_prose(out, p->evidence, err)) < 0))
			return error;
		if ((error = gate_buf_puts(out, "\n      accountable: ", err)) < 0 ||
		    (error = term_prose(out,
					p->accountable ? p->accountable
						       : "nobody (no human "
							 "author, committer or sign-off)",
					err)) < 0 ||
		    (error = gate_buf_puts(out, p->signed_off ? " (signed off)\n" : "\n", err)) < 0)
			return error;
	}
	if (shown < change->ncommits)
		return gate_buf_printf(out, err, "  ... %zu more in the JSON report\n",
				       change->ncommits - shown);
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
		    (error = term_name(out, w->path, NULL, err)) < 0 ||
		    (error = gate_buf_printf(out, err, ":%zu: ", w->line)) < 0 ||
		    (error = term_name(out, w->rule, NULL, err)) < 0 ||
		    (error = gate_buf_puts(out, " waived: ", err)) < 0 ||
		    (error = term_prose(out, w->reason, err)) < 0 ||
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
		    (error = term_name(out, a->who, NULL, err)) < 0 ||
		    (error = gate_buf_puts(out, ": ", err)) < 0 ||
		    (error = term_prose(out, a->reason, err)) < 0 ||
		    (error = gate_buf_putc(out, '\n', err)) < 0)
			return error;
	}
	return 0;
}

static int text_requirements(gate_buf *out, const gate_result *result, int color, gate_error *err)
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
		    (error = term_name(out, req->tier, &w, err)) < 0 ||
		    (error = term_pad(out, w, tier_w + 2, err)) < 0 ||
		    (error = term_name(out, req->check, &w, err)) < 0 ||
		    (error = term_pad(out, w, check_w + 2, err)) < 0 ||
		    (error = paint(out, color, code, word, err)) < 0)
			return error;
		if (req->detail && req->detail[0] &&
		    ((error = term_pad(out, strlen(word), sizeof("UNVERIFIED") + 1, err)) < 0 ||
		     (error = term_prose(out, req->detail, err)) < 0))
			return error;
		if ((error = gate_buf_putc(out, '\n', err)) < 0)
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
		if ((error = term_name(out, v->path, NULL, err)) < 0)
			return error;
		if (v->line > 0 && (error = gate_buf_printf(out, err, ":%zu", v->line)) < 0)
			return error;
		if ((error = gate_buf_puts(out, ": ", err)) < 0)
			return error;
	}
	if ((error = gate_buf_putc(out, '[', err)) < 0 ||
	    (error = term_name(out, v->tier, NULL, err)) < 0 ||
	    (error = gate_buf_puts(out, "] ", err)) < 0 ||
	    (error = term_name(out, v->check, NULL, err)) < 0)
		return error;
	if (v->rule && ((error = gate_buf_putc(out, '/', err)) < 0 ||
			(error = term_name(out, v->rule, NULL, err)) < 0))
		return error;
	if (v->commit && ((error = gate_buf_puts(out, " (commit ", err)) < 0 ||
			  (error = term_short_id(out, v->commit, strlen(v->commit) + 1,
						 GATE_REPORT_SHORT_OID, err)) < 0 ||
			  (error = gate_buf_putc(out, ')', err)) < 0))
		return error;
	if ((error = gate_buf_puts(out, ": ", err)) < 0 ||
	    (error = term_prose(out, v->message, err)) < 0)
		return error;
	if (warning && (error = gate_buf_puts(out, " (warning)", err)) < 0)
		return error;
	if (v->hint && v->hint[0] &&
	    ((error = gate_buf_puts(out, "\n      how to fix: ", err)) < 0 ||
	     (error = term_prose(out, v->hint, err)) < 0))
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
		    (error = term_prose(out, result->errors.items[i], err)) < 0 ||
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
	    (error = term_put(out, failure->message,
			      field_len(failure->message, sizeof(failure->message)), TERM_PROSE,
			      NULL, err)) < 0 ||
	    (error = gate_buf_putc(out, '\n', err)) < 0)
		return error;
	if (failure->file[0]) {
		if ((error = gate_buf_puts(out, "  at ", err)) < 0 ||
		    (error = term_put(out, failure->file,
				      field_len(failure->file, sizeof(failure->file)), TERM_QUOTE,
				      NULL, err)) < 0)
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
	if ((failure = report_failure(report, &scratch)) != NULL) {
		if ((error = text_failure(&text, report, failure, color, err)) < 0)
			goto done;
	} else if ((error = text_headline(&text, report, color, err)) < 0 ||
		   (error = text_context(&text, report, err)) < 0 ||
		   (error = text_files(&text, report, err)) < 0 ||
		   (error = text_commits(&text, report, err)) < 0 ||
		   (error = text_requirements(&text, report->result, color, err)) < 0 ||
		   (error = text_violations(&text, report->result, color, err)) < 0 ||
		   (error = text_waivers(&text, report->result, err)) < 0 ||
		   (error = text_ignored_approvals(&text, report->result, err)) < 0 ||
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

/* What a tier requires, in one line: "tests: paired, max_files: 25". */
static int requires_text(gate_buf *out, const gate_policy *policy, const gate_tier *tier,
			 gate_error *err)
{
	const gate_require *r = &tier->require;
	size_t i;
	int error;

	if ((error = gate_buf_printf(out, err, "tests: %s", gate_tests_mode_name(r->tests))) < 0)
		return error;
	if (r->max_files >= 0 &&
	    (error = gate_buf_printf(out, err, ", max_files: %lld", r->max_files)) < 0)
		return error;
	if (r->max_lines >= 0 &&
	    (error = gate_buf_printf(out, err, ", max_lines: %lld", r->max_lines)) < 0)
		return error;
	if (r->approvals > 0 &&
	    (error = gate_buf_printf(out, err, ", approvals: %lld", r->approvals)) < 0)
		return error;
	if (r->nreviewers && r->reviewers_min > 0) {
		if ((error = gate_buf_printf(out, err, ", %lld of reviewers:", r->reviewers_min)) <
		    0)
			return error;
		for (i = 0; i < r->nreviewers; i++)
			if ((error = gate_buf_putc(out, ' ', err)) < 0 ||
			    (error = term_name(out, r->reviewers[i], NULL, err)) < 0)
				return error;
	}
	if (r->codeowners && (error = gate_buf_puts(out, ", codeowners", err)) < 0)
		return error;
	if (r->has_provenance) {
		if ((r->provenance.require_disclosure &&
		     (error = gate_buf_puts(out, ", disclosure", err)) < 0) ||
		    (r->provenance.require_signoff &&
		     (error = gate_buf_puts(out, ", sign-off", err)) < 0) ||
		    (!r->provenance.ai_allowed &&
		     (error = gate_buf_puts(out, ", no AI", err)) < 0) ||
		    (r->provenance.ai_extra_approvals > 0 &&
		     (error = gate_buf_printf(out, err, ", +%lld approval(s) if AI-assisted",
					      r->provenance.ai_extra_approvals)) < 0))
			return error;
	}
	if (r->observability && (error = gate_buf_puts(out, ", observability", err)) < 0)
		return error;
	if (r->nrules) {
		if ((error = gate_buf_puts(out, ", rules:", err)) < 0)
			return error;
		for (i = 0; i < r->nrules; i++)
			if ((error = gate_buf_putc(out, ' ', err)) < 0 ||
			    (error = term_name(out, policy->rules[r->rules[i]].id, NULL, err)) < 0)
				return error;
	}
	return 0;
}

/* "@a, @org/b (CODEOWNERS line N)" for explain. */
static int owners_text(gate_buf *out, const gate_file_owners *owners, gate_error *err)
{
	size_t i;
	int error;

	if (!owners->matched)
		return gate_buf_puts(out, "(no CODEOWNERS line matches)", err);
	if (owners->nowners == 0)
		return gate_buf_printf(out, err, "(unowned: CODEOWNERS line %u names no owner)",
				       owners->line);
	for (i = 0; i < owners->nowners; i++)
		if ((error = gate_buf_puts(out, i ? ", " : "", err)) < 0 ||
		    (error = term_name(out, owners->owners[i], NULL, err)) < 0)
			return error;
	return gate_buf_printf(out, err, " (CODEOWNERS line %u)", owners->line);
}

int gate_report_explain_text(gate_buf *out, const gate_policy *policy, const char *path, size_t len,
			     const gate_class *cls, const gate_file_owners *owners, gate_error *err)
{
	const gate_tier *tier = &policy->tiers[cls->tier];
	int error;

	if ((error = term_put(out, path, len, TERM_QUOTE, NULL, err)) < 0 ||
	    (error = gate_buf_puts(out, "\n  tier:     ", err)) < 0 ||
	    (error = term_name(out, tier->name, NULL, err)) < 0)
		return error;
	if (tier->description && ((error = gate_buf_puts(out, " — ", err)) < 0 ||
				  (error = term_prose(out, tier->description, err)) < 0))
		return error;
	if ((error = gate_buf_puts(out, "\n  rule:     ", err)) < 0)
		return error;
	if (cls->kind == GATE_MATCH_PATTERN) {
		if ((error = term_name(out, policy_file_name(policy), NULL, err)) < 0 ||
		    (error = gate_buf_printf(out, err, ":%u: ", cls->rule->line)) < 0 ||
		    (error = term_prose(out, cls->rule->pattern, err)) < 0)
			return error;
	} else if ((error = rule_text(out, policy, cls, err)) < 0) {
		return error;
	}
	if (owners && ((error = gate_buf_puts(out, "\n  owners:   ", err)) < 0 ||
		       (error = owners_text(out, owners, err)) < 0))
		return error;
	if ((error = gate_buf_puts(out, "\n  requires: ", err)) < 0 ||
	    (error = requires_text(out, policy, tier, err)) < 0)
		return error;
	return gate_buf_puts(out, "\n", err);
}

int gate_report_explain_json(gate_buf *out, const gate_policy *policy, const char *path, size_t len,
			     const gate_class *cls, const gate_file_owners *owners, gate_error *err)
{
	const gate_tier *tier = &policy->tiers[cls->tier];
	const gate_require *r = &tier->require;
	cJSON *obj = NULL, *rule = NULL, *req = NULL, *arr = NULL, *prov = NULL;
	size_t i;
	gate_buf text = GATE_BUF_INIT((size_t)1 << 20);
	char *printed = NULL;
	int error = -1;

	if (!(obj = cJSON_CreateObject())) {
		json_nomem(err);
		goto done;
	}
	if (json_add_path(obj, "path", "path_base64", path, len, err) < 0 ||
	    json_add_text(obj, "tier", tier->name, err) < 0 ||
	    json_add_opt_text(obj, "description", tier->description, err) < 0 ||
	    rule_text(&text, policy, cls, err) < 0 ||
	    json_add_textn(obj, "rule", text.ptr ? text.ptr : "", text.size, err) < 0)
		goto done;
	if (cls->kind == GATE_MATCH_PATTERN) {
		if (json_add_object(&rule, obj, "match", err) < 0 ||
		    json_add_text(rule, "file", policy_file_name(policy), err) < 0 ||
		    json_add_number(rule, "line", cls->rule->line, err) < 0 ||
		    json_add_text(rule, "pattern", cls->rule->pattern, err) < 0)
			goto done;
	} else if (json_add_null(obj, "match", err) < 0) {
		goto done;
	}
	if (json_add_object(&req, obj, "requires", err) < 0 ||
	    json_add_text(req, "tests", gate_tests_mode_name(tier->require.tests), err) < 0)
		goto done;
	if ((tier->require.max_files >= 0
		 ? json_add_number(req, "max_files", (double)tier->require.max_files, err)
		 : json_add_null(req, "max_files", err)) < 0 ||
	    (tier->require.max_lines >= 0
		 ? json_add_number(req, "max_lines", (double)tier->require.max_lines, err)
		 : json_add_null(req, "max_lines", err)) < 0)
		goto done;
	if (json_add_number(req, "approvals", (double)r->approvals, err) < 0 ||
	    json_add_array(&arr, req, "reviewers", err) < 0)
		goto done;
	for (i = 0; i < r->nreviewers; i++)
		if (json_push(arr, json_text(r->reviewers[i], strlen(r->reviewers[i]), NULL, err),
			      err) < 0)
			goto done;
	if (json_add_number(req, "reviewers_min", (double)r->reviewers_min, err) < 0 ||
	    json_add_bool(req, "codeowners", r->codeowners, err) < 0 ||
	    json_add_bool(req, "observability", r->observability, err) < 0)
		goto done;
	if (r->has_provenance) {
		if (json_add_object(&prov, req, "provenance", err) < 0 ||
		    json_add_bool(prov, "require_disclosure", r->provenance.require_disclosure,
				  err) < 0 ||
		    json_add_bool(prov, "require_signoff", r->provenance.require_signoff, err) <
			0 ||
		    json_add_bool(prov, "ai_allowed", r->provenance.ai_allowed, err) < 0 ||
		    json_add_number(prov, "ai_extra_approvals",
				    (double)r->provenance.ai_extra_approvals, err) < 0)
			goto done;
	} else if (json_add_null(req, "provenance", err) < 0) {
		goto done;
	}
	if (json_add_array(&arr, req, "rules", err) < 0)
		goto done;
	for (i = 0; i < r->nrules; i++)
		if (json_push(arr,
			      json_text(policy->rules[r->rules[i]].id,
					strlen(policy->rules[r->rules[i]].id), NULL, err),
			      err) < 0)
			goto done;
	if (owners) {
		if (json_add_array(&arr, obj, "owners", err) < 0 ||
		    (owners->matched ? json_add_number(obj, "owners_line", owners->line, err)
				     : json_add_null(obj, "owners_line", err)) < 0)
			goto done;
		for (i = 0; owners->matched && i < owners->nowners; i++)
			if (json_push(
				arr,
				json_text(owners->owners[i], strlen(owners->owners[i]), NULL, err),
				err) < 0)
				goto done;
	}
	if (!(printed = cJSON_PrintUnformatted(obj))) {
		json_nomem(err);
		goto done;
	}
	error = gate_buf_puts(out, printed, err);
done:
	free(printed);
	gate_buf_dispose(&text);
	cJSON_Delete(obj);
	return error;
}

int gate_report_trailers_json(gate_buf *out, const gate_trailers *t, gate_error *err)
{
	cJSON *obj = NULL;
	char *printed = NULL;
	size_t i, start = out->size;
	int error = -1;

	if (gate_buf_puts(out, t->count ? "[\n" : "[]\n", err) < 0)
		goto done;
	for (i = 0; i < t->count; i++) {
		if (!(obj = cJSON_CreateObject())) {
			json_nomem(err);
			goto done;
		}
		if (json_add_text(obj, "key", t->items[i].key, err) < 0 ||
		    json_add_text(obj, "value", t->items[i].value, err) < 0)
			goto done;
		if (!(printed = cJSON_PrintUnformatted(obj))) {
			json_nomem(err);
			goto done;
		}
		if (gate_buf_puts(out, printed, err) < 0 ||
		    gate_buf_puts(out, i + 1 < t->count ? ",\n" : "\n]\n", err) < 0)
			goto done;
		cJSON_free(printed);
		printed = NULL;
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
	cJSON_free(printed);
	cJSON_Delete(obj);
	return error;
}

/*
 * Shared with the other renderers (report_internal.h).
 */

size_t gate_report_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	return utf8_decode(s, len, cp);
}

int gate_report_unsafe_cp(uint32_t cp)
{
	return term_unsafe(cp);
}

const gate_error *gate_report_failure(const gate_report *report, gate_error *scratch)
{
	return report_failure(report, scratch);
}

const char *gate_report_subject(const char *message, size_t *len)
{
	return message_subject(message, len);
}

int gate_report_file_classified(const gate_policy *policy, const gate_file *file)
{
	return file_classified(policy, file);
}

size_t gate_report_tier_files(const gate_report *report, size_t tier)
{
	return tier_file_count(report, tier);
}

int gate_report_headline(gate_buf *out, const gate_report *report, gate_error *err)
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

int gate_report_json_add(cJSON *obj, const char *key, cJSON *item, gate_error *err)
{
	return json_add(obj, key, item, err);
}

int gate_report_json_push(cJSON *arr, cJSON *item, gate_error *err)
{
	return json_push(arr, item, err);
}

cJSON *gate_report_json_text(const char *s, size_t len, gate_error *err)
{
	return json_text(s, len, NULL, err);
}
