/*
 * Policy loading and validation (SPEC 3): the JSON-with-comments text is
 * parsed with positions, checked against the schema key by key (unknown
 * keys are errors), and every pattern is compiled once. Problems point at
 * FILE:LINE:COL in the original text.
 */
#include "riskgate/banned.h"

#include "riskgate/policy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/check.h"
#include "riskgate/jsonc.h"
#include "riskgate/sha256.h"

/* Provided by the generated build/default_policy.c. */
extern const char gate_builtin_policy[];
extern const size_t gate_builtin_policy_len;

#define BUILTIN_FILE "policies/default.json"

typedef struct {
	const char *file;
	const char *text;
	size_t len;
	gate_diags *diags;
	gate_error first; /* the first non-warning problem */
	int failed;       /* a problem was found */
	int fatal;        /* out of memory: stop at once */
	gate_error *err;
} loader;

void gate_diags_init(gate_diags *diags)
{
	memset(diags, 0, sizeof(*diags));
}

void gate_diags_dispose(gate_diags *diags)
{
	size_t i;

	if (!diags)
		return;
	for (i = 0; i < diags->count; i++) {
		free(diags->items[i].file);
		free(diags->items[i].message);
	}
	free(diags->items);
	memset(diags, 0, sizeof(*diags));
}

static int diag_add(loader *L, unsigned line, unsigned col, int warning, const char *msg)
{
	gate_diag *d;

	if (!L->diags)
		return 0;
	if (gate_array_reserve((void **)&L->diags->items, &L->diags->alloc, L->diags->count + 1,
			       sizeof(*L->diags->items), L->err) < 0)
		return -1;
	d = &L->diags->items[L->diags->count];
	d->line = line;
	d->col = col;
	d->warning = warning;
	d->file = gate_strdup(L->file, L->err);
	d->message = gate_strdup(msg, L->err);
	if (!d->file || !d->message) {
		free(d->file);
		free(d->message);
		return -1;
	}
	L->diags->count++;
	return 0;
}

static void report(loader *L, unsigned line, unsigned col, int warning, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(loader *L, unsigned line, unsigned col, int warning, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (diag_add(L, line, col, warning, msg) < 0) {
		L->fatal = 1;
		return;
	}
	if (warning)
		return;
	if (!L->failed)
		gate_error_set_at(&L->first, GATE_ERR_POLICY, L->file, line, col, "%s", msg);
	L->failed = 1;
}

#define PROBLEM(L, node, ...)     report((L), (node)->line, (node)->col, 0, __VA_ARGS__)
#define KEY_PROBLEM(L, node, ...) report((L), (node)->key_line, (node)->key_col, 0, __VA_ARGS__)

/*
 * The column in the original text of byte `offset` of the decoded string
 * value that starts (at its opening quote) at line/col. Regex errors are
 * reported at the offending character, which escapes in the JSON string
 * would otherwise shift.
 */
static unsigned string_offset_col(const loader *L, unsigned line, unsigned col, size_t offset)
{
	size_t pos = 0, decoded = 0;
	unsigned l = 1, c;

	while (pos < L->len && l < line) {
		if (L->text[pos++] == '\n')
			l++;
	}
	if (pos + col > L->len)
		return col;
	pos += col; /* just past the opening quote */
	c = col + 1;
	while (pos < L->len && decoded < offset && L->text[pos] != '"') {
		if (L->text[pos] == '\\' && pos + 1 < L->len) {
			if (L->text[pos + 1] == 'u') {
				pos += 6;
				c += 6;
			} else {
				pos += 2;
				c += 2;
			}
		} else {
			pos++;
			c++;
		}
		decoded++;
	}
	return c;
}

static int expect_type(loader *L, const gate_json *node, gate_json_type type, const char *what)
{
	if (node->type == type)
		return 1;
	PROBLEM(L, node, "%s must be %s %s, not %s", what,
		type == GATE_JSON_ARRAY || type == GATE_JSON_OBJECT ? "an" : "a",
		gate_json_type_name(type), gate_json_type_name(node->type));
	return 0;
}

/* Rejects keys not in `allowed` (a NULL-terminated list). */
static void check_keys(loader *L, const gate_json *obj, const char *where,
		       const char *const *allowed)
{
	const gate_json *m;
	size_t i;
	char list[512];
	size_t used = 0;

	list[0] = '\0';
	for (i = 0; allowed[i]; i++) {
		int n =
		    snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", allowed[i]);
		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
	}
	for (m = obj->child; m; m = m->next) {
		int known = 0;
		for (i = 0; allowed[i]; i++)
			if (strcmp(m->key, allowed[i]) == 0)
				known = 1;
		if (!known)
			KEY_PROBLEM(L, m, "unknown key \"%s\" in %s (expected one of: %s)", m->key,
				    where, list);
	}
}

static int copy_string(loader *L, char **dst, const gate_json *node, const char *what)
{
	if (!expect_type(L, node, GATE_JSON_STRING, what))
		return 0;
	*dst = gate_strdup(node->str, L->err);
	if (!*dst) {
		L->fatal = 1;
		return 0;
	}
	return 1;
}

static int compile_pattern(loader *L, gate_pattern *p, const gate_json *node, const char *what)
{
	size_t off = 0;
	gate_error rerr;

	p->line = node->line;
	p->col = node->col;
	if (!expect_type(L, node, GATE_JSON_STRING, what))
		return 0;
	if (node->str_len == 0) {
		PROBLEM(L, node, "%s is an empty pattern, which matches every path", what);
		return 0;
	}
	p->pattern = gate_strdup(node->str, L->err);
	if (!p->pattern) {
		L->fatal = 1;
		return 0;
	}
	gate_error_init(&rerr);
	if (gate_regex_new(&p->re, node->str, &off, &rerr) < 0) {
		if (rerr.klass == GATE_ERR_NOMEM) {
			*L->err = rerr;
			L->fatal = 1;
			return 0;
		}
		report(L, node->line, string_offset_col(L, node->line, node->col, off), 0, "%s: %s",
		       what, rerr.message);
		return 0;
	}
	return 1;
}

static void free_patterns(gate_pattern *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		gate_regex_free(p[i].re);
		free(p[i].pattern);
	}
	free(p);
}

/* Loads an array of patterns into *out, its length into *n. */
static void load_patterns(loader *L, gate_pattern **out, size_t *n, const gate_json *node,
			  const char *what)
{
	const gate_json *e;
	char label[256];
	size_t i = 0;

	*out = NULL;
	*n = 0;
	if (!expect_type(L, node, GATE_JSON_ARRAY, what))
		return;
	*out = gate_calloc(node->count, sizeof(**out), L->err);
	if (!*out) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next, i++) {
		snprintf(label, sizeof(label), "%s[%zu]", what, i);
		if (compile_pattern(L, &(*out)[*n], e, label))
			(*n)++;
		else {
			gate_regex_free((*out)[*n].re);
			free((*out)[*n].pattern);
			memset(&(*out)[*n], 0, sizeof((*out)[*n]));
		}
	}
}

static int get_count(loader *L, long long *dst, const gate_json *node, const char *what)
{
	if (node->type != GATE_JSON_NUMBER || !node->is_int || node->ival < 0) {
		PROBLEM(L, node, "%s must be a whole number >= 0", what);
		return 0;
	}
	*dst = node->ival;
	return 1;
}

static int get_bool(loader *L, int *dst, const gate_json *node, const char *what)
{
	if (node->type != GATE_JSON_BOOL) {
		PROBLEM(L, node, "%s must be true or false", what);
		return 0;
	}
	*dst = node->boolean;
	return 1;
}

/* Copies an array of strings; `check` (may be NULL) validates each. */
static void load_strings(loader *L, char ***out, size_t *n, const gate_json *node, const char *what,
			 int (*check)(const char *))
{
	const gate_json *e;

	*out = NULL;
	*n = 0;
	if (!expect_type(L, node, GATE_JSON_ARRAY, what))
		return;
	*out = gate_calloc(node->count, sizeof(**out), L->err);
	if (!*out) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next) {
		if (!copy_string(L, &(*out)[*n], e, what))
			continue;
		if (check && !check((*out)[*n])) {
			PROBLEM(L, e, "%s: \"%s\" is not valid here", what, (*out)[*n]);
			free((*out)[*n]);
			(*out)[*n] = NULL;
			continue;
		}
		(*n)++;
	}
}

static void free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* A reviewer: a login, "@login", "@org/team" or an email address. */
static int valid_reviewer(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 256)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == ',')
			return 0;
	return 1;
}

static void load_provenance_req(loader *L, gate_provenance_req *pr, const gate_json *node)
{
	static const char *const keys[] = {"require_disclosure", "require_signoff", "ai_allowed",
					   "ai_extra_approvals", NULL};
	const gate_json *m;

	if (!expect_type(L, node, GATE_JSON_OBJECT, "\"provenance\""))
		return;
	check_keys(L, node, "\"provenance\" of a tier", keys);
	if ((m = gate_json_get(node, "require_disclosure")))
		get_bool(L, &pr->require_disclosure, m, "\"require_disclosure\"");
	if ((m = gate_json_get(node, "require_signoff")))
		get_bool(L, &pr->require_signoff, m, "\"require_signoff\"");
	if ((m = gate_json_get(node, "ai_allowed")))
		get_bool(L, &pr->ai_allowed, m, "\"ai_allowed\"");
	if ((m = gate_json_get(node, "ai_extra_approvals")))
		get_count(L, &pr->ai_extra_approvals, m, "\"ai_extra_approvals\"");
}

/*
 * The keys a tier's "require" may have: those the registered checks read
 * (include/riskgate/check.h), in their documented order, NULL-terminated.
 * Every key of "require" belongs to a check. Returns 0, or -1 when `max`
 * slots are too few.
 */
static int require_keys(const char **keys, size_t max, gate_error *err)
{
	const gate_check_info *checks, *next;
	size_t nchecks, i, k, n = 0;
	unsigned done = 0;

	checks = gate_check_registry(&nchecks);
	for (;;) {
		/* The row of least require_order not listed yet. */
		next = NULL;
		for (i = 0; i < nchecks; i++)
			if (checks[i].require_order >= done &&
			    (!next || checks[i].require_order < next->require_order))
				next = &checks[i];
		if (!next)
			break;
		for (k = 0; next->require_keys[k]; k++) {
			if (n + 1 >= max)
				return gate_error_set(err, GATE_ERR_INTERNAL,
						      "too many \"require\" keys");
			keys[n++] = next->require_keys[k];
		}
		done = next->require_order + 1;
	}
	keys[n] = NULL;
	return 0;
}

static void load_require(loader *L, gate_policy *p, gate_tier *tier, const gate_json *node)
{
	const char *keys[64];
	const gate_json *m, *e;

	if (!expect_type(L, node, GATE_JSON_OBJECT, "\"require\""))
		return;
	if (require_keys(keys, sizeof(keys) / sizeof(keys[0]), L->err) < 0) {
		L->fatal = 1;
		return;
	}
	check_keys(L, node, "\"require\"", keys);
	if ((m = gate_json_get(node, "tests"))) {
		if (m->type != GATE_JSON_STRING)
			PROBLEM(L, m, "\"tests\" must be one of \"none\", \"changed\", \"paired\"");
		else if (strcmp(m->str, "none") == 0)
			tier->require.tests = GATE_TESTS_NONE;
		else if (strcmp(m->str, "changed") == 0)
			tier->require.tests = GATE_TESTS_CHANGED;
		else if (strcmp(m->str, "paired") == 0)
			tier->require.tests = GATE_TESTS_PAIRED;
		else
			PROBLEM(L, m,
				"\"tests\" must be one of \"none\", \"changed\", \"paired\", not "
				"\"%s\"",
				m->str);
	}
	if ((m = gate_json_get(node, "max_files")))
		get_count(L, &tier->require.max_files, m, "\"max_files\"");
	if ((m = gate_json_get(node, "max_lines")))
		get_count(L, &tier->require.max_lines, m, "\"max_lines\"");
	if ((m = gate_json_get(node, "approvals")))
		get_count(L, &tier->require.approvals, m, "\"approvals\"");
	if ((m = gate_json_get(node, "reviewers"))) {
		load_strings(L, &tier->require.reviewers, &tier->require.nreviewers, m,
			     "\"reviewers\"", valid_reviewer);
		tier->require.reviewers_min = tier->require.nreviewers ? 1 : 0;
	}
	if ((m = gate_json_get(node, "reviewers_min"))) {
		if (get_count(L, &tier->require.reviewers_min, m, "\"reviewers_min\"") &&
		    tier->require.reviewers_min > 0 && tier->require.nreviewers == 0)
			PROBLEM(L, m, "\"reviewers_min\" needs a \"reviewers\" list");
	}
	if ((m = gate_json_get(node, "codeowners")))
		get_bool(L, &tier->require.codeowners, m, "\"codeowners\"");
	if ((m = gate_json_get(node, "provenance"))) {
		tier->require.has_provenance = 1;
		load_provenance_req(L, &tier->require.provenance, m);
	}
	if ((m = gate_json_get(node, "observability")))
		get_bool(L, &tier->require.observability, m, "\"observability\"");
	if ((m = gate_json_get(node, "rules")) && expect_type(L, m, GATE_JSON_ARRAY, "\"rules\"")) {
		tier->require.rules = gate_calloc(m->count, sizeof(size_t), L->err);
		if (!tier->require.rules) {
			L->fatal = 1;
			return;
		}
		for (e = m->child; e; e = e->next) {
			long idx;

			if (!expect_type(L, e, GATE_JSON_STRING, "a rule id"))
				continue;
			idx = gate_policy_rule_index(p, e->str);
			if (idx < 0)
				PROBLEM(L, e,
					"no rule has the id \"%s\" (rules are declared in the "
					"top-level \"rules\")",
					e->str);
			else
				tier->require.rules[tier->require.nrules++] = (size_t)idx;
		}
	}
}

static int valid_tier_name(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return n > 0 && n <= 64;
}

static void load_tier(loader *L, gate_policy *p, gate_tier *tier, const gate_json *node, size_t idx)
{
	static const char *const keys[] = {"name",    "description", "paths",
					   "exclude", "require",     NULL};
	const gate_json *m;
	char what[96];

	tier->require.max_files = -1;
	tier->require.max_lines = -1;
	tier->require.provenance.ai_allowed = 1;
	tier->line = node->line;
	tier->col = node->col;
	snprintf(what, sizeof(what), "tiers[%zu]", idx);
	if (!expect_type(L, node, GATE_JSON_OBJECT, what))
		return;
	check_keys(L, node, "a tier", keys);
	m = gate_json_get(node, "name");
	if (!m)
		PROBLEM(L, node, "tier %zu has no \"name\"", idx);
	else if (copy_string(L, &tier->name, m, "\"name\"") && !valid_tier_name(tier->name))
		PROBLEM(L, m, "tier name \"%s\" must be 1 to 64 of a-z, 0-9, '_' and '-'",
			tier->name);
	if ((m = gate_json_get(node, "description")))
		copy_string(L, &tier->description, m, "\"description\"");
	if ((m = gate_json_get(node, "paths"))) {
		snprintf(what, sizeof(what), "tier \"%s\" paths", tier->name ? tier->name : "?");
		load_patterns(L, &tier->paths, &tier->npaths, m, what);
	} else {
		/* Allowed for the default tier only; checked once default_tier is known. */
	}
	if ((m = gate_json_get(node, "exclude"))) {
		snprintf(what, sizeof(what), "tier \"%s\" exclude", tier->name ? tier->name : "?");
		load_patterns(L, &tier->exclude, &tier->nexclude, m, what);
	}
	if ((m = gate_json_get(node, "require")))
		load_require(L, p, tier, m);
}

static void load_pairs(loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"from", "to", NULL};
	const gate_json *e, *m, *t;
	size_t i = 0;

	if (!expect_type(L, node, GATE_JSON_ARRAY, "\"tests.pairs\""))
		return;
	p->test_pairs = gate_calloc(node->count, sizeof(*p->test_pairs), L->err);
	if (!p->test_pairs) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next, i++) {
		gate_test_pair *pair = &p->test_pairs[p->ntest_pairs];
		char what[64];
		int ok = 1;

		snprintf(what, sizeof(what), "tests.pairs[%zu]", i);
		if (!expect_type(L, e, GATE_JSON_OBJECT, what))
			continue;
		check_keys(L, e, what, keys);
		if (!(m = gate_json_get(e, "from"))) {
			PROBLEM(L, e, "%s has no \"from\" pattern", what);
			ok = 0;
		} else if (!compile_pattern(L, &pair->from, m, "\"from\"")) {
			ok = 0;
		}
		t = gate_json_get(e, "to");
		if (!t) {
			PROBLEM(L, e, "%s has no \"to\" substitution", what);
			ok = 0;
		} else if (t->type == GATE_JSON_STRING || t->type == GATE_JSON_ARRAY) {
			const gate_json *s = t->type == GATE_JSON_STRING ? t : t->child;
			size_t want = t->type == GATE_JSON_STRING ? 1 : t->count;

			if (want == 0) {
				PROBLEM(L, t, "\"to\" must name at least one test path");
				ok = 0;
			}
			pair->to = gate_calloc(want, sizeof(*pair->to), L->err);
			if (!pair->to) {
				L->fatal = 1;
				return;
			}
			for (; s && ok; s = t->type == GATE_JSON_STRING ? NULL : s->next) {
				if (!copy_string(L, &pair->to[pair->nto], s, "\"to\"")) {
					ok = 0;
					break;
				}
				pair->nto++;
			}
		} else {
			PROBLEM(L, t, "\"to\" must be a string or an array of strings, not %s",
				gate_json_type_name(t->type));
			ok = 0;
		}
		if (ok) {
			p->ntest_pairs++;
		} else {
			size_t k;
			gate_regex_free(pair->from.re);
			free(pair->from.pattern);
			for (k = 0; k < pair->nto; k++)
				free(pair->to[k]);
			free(pair->to);
			memset(pair, 0, sizeof(*pair));
		}
	}
}

static void load_tests(loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"paths", "pairs", NULL};
	const gate_json *m;

	if (!expect_type(L, node, GATE_JSON_OBJECT, "\"tests\""))
		return;
	check_keys(L, node, "\"tests\"", keys);
	if ((m = gate_json_get(node, "paths")))
		load_patterns(L, &p->test_paths, &p->ntest_paths, m, "tests.paths");
	if ((m = gate_json_get(node, "pairs")))
		load_pairs(L, p, m);
}

/*
 * Provenance markers (SPEC 3.4). What a policy leaves out comes from the
 * built-in policy's "provenance" block, so there is one list of assistants
 * to maintain, in policies/default.json, and a team policy that only sets
 * tiers still recognises them.
 */
static void load_provenance(loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"ai_markers", "human_marker", "notes_ref", NULL};
	static const char *const marker_keys[] = {"trailers", "co_authors", "identities", NULL};
	static const char *const human_keys[] = {"key", "value", NULL};
	gate_json *builtin = NULL;
	const gate_json *bprov = NULL, *bmarkers = NULL, *m = NULL, *k;
	gate_error berr;

	if (node && !expect_type(L, node, GATE_JSON_OBJECT, "\"provenance\""))
		node = NULL;
	if (node) {
		check_keys(L, node, "\"provenance\"", keys);
		m = gate_json_get(node, "ai_markers");
		if (m && !expect_type(L, m, GATE_JSON_OBJECT, "\"ai_markers\""))
			m = NULL;
		if (m)
			check_keys(L, m, "\"ai_markers\"", marker_keys);
	}
	if (!m || !gate_json_get(m, "trailers") || !gate_json_get(m, "co_authors") ||
	    !gate_json_get(m, "identities") || !node || !gate_json_get(node, "human_marker") ||
	    !gate_json_get(node, "notes_ref")) {
		gate_error_init(&berr);
		if (gate_json_parse(&builtin, gate_builtin_policy, gate_builtin_policy_len,
				    BUILTIN_FILE, GATE_ERR_POLICY, &berr) < 0) {
			*L->err = berr;
			L->fatal = 1;
			return;
		}
		bprov = gate_json_get(builtin, "provenance");
		bmarkers = gate_json_get(bprov, "ai_markers");
	}
#define PICK(own, key, fallback)                                                                   \
	((own) && gate_json_get((own), (key)) ? gate_json_get((own), (key))                        \
					      : gate_json_get((fallback), (key)))
	if ((k = PICK(m, "trailers", bmarkers)))
		load_strings(L, &p->ai_trailers, &p->nai_trailers, k, "\"ai_markers.trailers\"",
			     NULL);
	if ((k = PICK(m, "co_authors", bmarkers)))
		load_patterns(L, &p->ai_coauthors, &p->nai_coauthors, k, "ai_markers.co_authors");
	if ((k = PICK(m, "identities", bmarkers)))
		load_patterns(L, &p->ai_identities, &p->nai_identities, k, "ai_markers.identities");
	m = PICK(node, "human_marker", bprov);
	if (m && expect_type(L, m, GATE_JSON_OBJECT, "\"human_marker\"")) {
		check_keys(L, m, "\"human_marker\"", human_keys);
		if (!(k = gate_json_get(m, "key")))
			PROBLEM(L, m, "\"human_marker\" needs a \"key\" (a trailer key)");
		else
			copy_string(L, &p->human_marker_key, k, "\"human_marker.key\"");
		if ((k = gate_json_get(m, "value")))
			compile_pattern(L, &p->human_marker_value, k, "\"human_marker.value\"");
	}
	if ((m = PICK(node, "notes_ref", bprov)))
		copy_string(L, &p->notes_ref, m, "\"notes_ref\"");
#undef PICK
	gate_json_free(builtin);
}

static void load_observability(loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"window", "max_file_size", "languages", NULL};
	static const char *const lang_keys[] = {"name", "files", "hooks", NULL};
	const gate_json *m, *e;

	p->obs_window = 10;
	p->obs_max_file_size = GATE_CONTENT_MAX_SIZE;
	if (!node || !expect_type(L, node, GATE_JSON_OBJECT, "\"observability\""))
		return;
	check_keys(L, node, "\"observability\"", keys);
	if ((m = gate_json_get(node, "window")))
		get_count(L, &p->obs_window, m, "\"window\"");
	if ((m = gate_json_get(node, "max_file_size")))
		get_count(L, &p->obs_max_file_size, m, "\"max_file_size\"");
	m = gate_json_get(node, "languages");
	if (!m || !expect_type(L, m, GATE_JSON_ARRAY, "\"languages\""))
		return;
	p->languages = gate_calloc(m->count, sizeof(*p->languages), L->err);
	if (!p->languages) {
		L->fatal = 1;
		return;
	}
	for (e = m->child; e && !L->fatal; e = e->next) {
		gate_language *lang = &p->languages[p->nlanguages++];
		const gate_json *k;

		if (!expect_type(L, e, GATE_JSON_OBJECT, "a language"))
			continue;
		check_keys(L, e, "a language", lang_keys);
		if ((k = gate_json_get(e, "name")))
			copy_string(L, &lang->name, k, "\"name\"");
		else
			PROBLEM(L, e, "a language needs a \"name\"");
		if ((k = gate_json_get(e, "files")))
			load_patterns(L, &lang->files, &lang->nfiles, k, "language files");
		else
			PROBLEM(L, e, "a language needs \"files\" patterns");
		if ((k = gate_json_get(e, "hooks")))
			load_patterns(L, &lang->hooks, &lang->nhooks, k, "language hooks");
		else
			PROBLEM(L, e, "a language needs \"hooks\" patterns");
	}
}

static int valid_rule_id(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.'))
			return 0;
	}
	return n > 0 && n <= 64;
}

/* A rule's keys for how it matches and who may waive it: `lines`,
 * `unless_scope`, `normalize`, `waivable`. A secret is never waivable: a
 * waiver cannot un-leak it. */
static void load_rule_matching(loader *L, gate_rule *r, const gate_json *e)
{
	const gate_json *k;

	r->lines = 1;
	r->waivable = !(r->id && strncmp(r->id, "secret.", 7) == 0);
	if ((k = gate_json_get(e, "lines")) && get_count(L, &r->lines, k, "\"lines\"") &&
	    (r->lines < 1 || r->lines > GATE_RULE_MAX_LINES))
		PROBLEM(L, k, "\"lines\" must be 1 to %d", GATE_RULE_MAX_LINES);
	if ((k = gate_json_get(e, "unless_scope"))) {
		if (k->type == GATE_JSON_STRING && strcmp(k->str, "window") == 0)
			r->unless_scope = GATE_UNLESS_WINDOW;
		else if (k->type == GATE_JSON_STRING && strcmp(k->str, "statement") == 0)
			r->unless_scope = GATE_UNLESS_STATEMENT;
		else if (k->type == GATE_JSON_STRING && strcmp(k->str, "call") == 0)
			r->unless_scope = GATE_UNLESS_CALL;
		else
			PROBLEM(L, k,
				"\"unless_scope\" must be \"window\", \"statement\" or "
				"\"call\"");
		if (!gate_json_get(e, "unless"))
			PROBLEM(L, k, "\"unless_scope\" needs an \"unless\" pattern");
	}
	if ((k = gate_json_get(e, "normalize"))) {
		if (k->type == GATE_JSON_STRING && strcmp(k->str, "nfkc") == 0)
			r->normalize_nfkc = 1;
		else if (!(k->type == GATE_JSON_STRING && strcmp(k->str, "none") == 0))
			PROBLEM(L, k, "\"normalize\" must be \"nfkc\" or \"none\"");
	}
	if ((k = gate_json_get(e, "waivable"))) {
		int w = 0;

		if (get_bool(L, &w, k, "\"waivable\"")) {
			if (w && !r->waivable)
				PROBLEM(L, k,
					"a secret (rule \"%s\") cannot be waivable: a leaked "
					"credential must be removed and rotated",
					r->id);
			else
				r->waivable = w;
		}
	}
}

/* The top-level "waivers": who must approve a change whose own waiver
 * comments silence findings. */
static void load_waivers(loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"approvers", "min", NULL};
	const gate_json *k;

	p->waiver_min = 1;
	if (!node || !expect_type(L, node, GATE_JSON_OBJECT, "\"waivers\""))
		return;
	check_keys(L, node, "\"waivers\"", keys);
	if ((k = gate_json_get(node, "approvers")))
		load_strings(L, &p->waiver_approvers, &p->nwaiver_approvers, k,
			     "\"waivers.approvers\"", valid_reviewer);
	if ((k = gate_json_get(node, "min")))
		get_count(L, &p->waiver_min, k, "\"waivers.min\"");
}

static void load_rules(loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {
	    "id",   "message", "severity",     "files",     "trigger",  "unless", "window",
	    "hint", "lines",   "unless_scope", "normalize", "waivable", NULL};
	const gate_json *e, *k;
	size_t i;

	if (!expect_type(L, node, GATE_JSON_ARRAY, "\"rules\""))
		return;
	p->rules = gate_calloc(node->count, sizeof(*p->rules), L->err);
	if (!p->rules) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next) {
		gate_rule *r = &p->rules[p->nrules];

		if (!expect_type(L, e, GATE_JSON_OBJECT, "a rule"))
			continue;
		p->nrules++;
		r->line = e->line;
		r->col = e->col;
		r->window = 3;
		check_keys(L, e, "a rule", keys);
		if (!(k = gate_json_get(e, "id"))) {
			PROBLEM(L, e, "a rule needs an \"id\"");
		} else if (copy_string(L, &r->id, k, "\"id\"")) {
			if (!valid_rule_id(r->id))
				PROBLEM(L, k,
					"rule id \"%s\" must be 1 to 64 of a-z, 0-9, '.', '_', '-'",
					r->id);
			for (i = 0; i + 1 < p->nrules; i++)
				if (p->rules[i].id && strcmp(p->rules[i].id, r->id) == 0)
					PROBLEM(L, k, "duplicate rule id \"%s\" (first at line %u)",
						r->id, p->rules[i].line);
		}
		if (!(k = gate_json_get(e, "message")))
			PROBLEM(L, e, "a rule needs a \"message\"");
		else
			copy_string(L, &r->message, k, "\"message\"");
		if ((k = gate_json_get(e, "hint")))
			copy_string(L, &r->hint, k, "\"hint\"");
		if ((k = gate_json_get(e, "severity"))) {
			if (k->type == GATE_JSON_STRING && strcmp(k->str, "error") == 0)
				r->severity = GATE_RULE_ERROR;
			else if (k->type == GATE_JSON_STRING && strcmp(k->str, "warning") == 0)
				r->severity = GATE_RULE_WARNING;
			else
				PROBLEM(L, k, "\"severity\" must be \"error\" or \"warning\"");
		}
		if ((k = gate_json_get(e, "files")))
			load_patterns(L, &r->files, &r->nfiles, k, "rule files");
		else
			PROBLEM(L, e, "a rule needs \"files\" patterns");
		if (!(k = gate_json_get(e, "trigger")))
			PROBLEM(L, e, "a rule needs a \"trigger\" pattern");
		else
			compile_pattern(L, &r->trigger, k, "\"trigger\"");
		if ((k = gate_json_get(e, "unless")))
			compile_pattern(L, &r->unless, k, "\"unless\"");
		if ((k = gate_json_get(e, "window")))
			get_count(L, &r->window, k, "\"window\"");
		load_rule_matching(L, r, e);
	}
}

static void load_fixtures(loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"path", "tier", "owners", "text", "rules", NULL};
	const gate_json *e, *k;

	if (!expect_type(L, node, GATE_JSON_ARRAY, "\"fixtures\""))
		return;
	p->fixtures = gate_calloc(node->count, sizeof(*p->fixtures), L->err);
	if (!p->fixtures) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next) {
		gate_fixture *f = &p->fixtures[p->nfixtures];

		if (!expect_type(L, e, GATE_JSON_OBJECT, "a fixture"))
			continue;
		p->nfixtures++;
		f->line = e->line;
		f->col = e->col;
		check_keys(L, e, "a fixture", keys);
		if (!(k = gate_json_get(e, "path")))
			PROBLEM(L, e, "a fixture needs a \"path\"");
		else
			copy_string(L, &f->path, k, "\"path\"");
		if ((k = gate_json_get(e, "tier"))) {
			if (copy_string(L, &f->tier, k, "\"tier\"") &&
			    gate_policy_tier_index(p, f->tier) < 0)
				PROBLEM(L, k, "fixture names tier \"%s\", which is not a tier",
					f->tier);
		}
		if ((k = gate_json_get(e, "owners"))) {
			f->has_owners = 1;
			load_strings(L, &f->owners, &f->nowners, k, "\"owners\"", NULL);
		}
		if ((k = gate_json_get(e, "text")))
			copy_string(L, &f->text, k, "\"text\"");
		if ((k = gate_json_get(e, "rules"))) {
			f->has_rule_hits = 1;
			load_strings(L, &f->rule_hits, &f->nrule_hits, k, "\"rules\"", NULL);
			if (!f->text)
				PROBLEM(L, k,
					"a fixture with \"rules\" needs the \"text\" of a line");
		}
	}
}

/* Lint-level findings that do not stop loading: tiers no path can reach,
 * and requirements that can never find anything to check. */
typedef struct {
	const char *pattern;
	size_t tier, index, flat;
} pattern_ref;

static int pattern_ref_cmp(const void *a, const void *b)
{
	const pattern_ref *x = a, *y = b;
	int c = strcmp(x->pattern, y->pattern);

	if (c)
		return c;
	if (x->tier != y->tier)
		return x->tier < y->tier ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/*
 * A path pattern that an earlier tier without excludes already has can
 * never classify anything. Found through the patterns sorted by text, so a
 * policy of many thousands of patterns is not compared pair by pair.
 */
static void find_shadowed(loader *L, gate_policy *p)
{
	pattern_ref *refs = NULL;
	size_t *pos = NULL, *group = NULL, n = 0, t, i, k, m;
	gate_error nomem;

	gate_error_init(&nomem);
	for (t = 0; t < p->ntiers; t++)
		n += p->tiers[t].npaths;
	if (n < 2)
		return;
	refs = gate_calloc(n, sizeof(*refs), &nomem);
	pos = gate_calloc(n, sizeof(*pos), &nomem);
	group = gate_calloc(n, sizeof(*group), &nomem);
	if (!refs || !pos || !group) {
		report(L, 1, 1, 0, "%s", nomem.message);
		goto done;
	}
	for (k = 0, t = 0; t < p->ntiers; t++)
		for (i = 0; i < p->tiers[t].npaths; i++, k++) {
			refs[k].pattern = p->tiers[t].paths[i].pattern;
			refs[k].tier = t;
			refs[k].index = i;
			refs[k].flat = k;
		}
	qsort(refs, n, sizeof(*refs), pattern_ref_cmp);
	for (k = 0; k < n; k++) {
		pos[refs[k].flat] = k;
		group[k] =
		    k && strcmp(refs[k - 1].pattern, refs[k].pattern) == 0 ? group[k - 1] : k;
	}
	/* In the order of the policy, each pattern against the same text in
	 * earlier tiers (sorted by tier within a group). */
	for (k = 0, t = 0; t < p->ntiers; t++)
		for (i = 0; i < p->tiers[t].npaths; i++, k++) {
			size_t at = pos[k];

			for (m = group[at]; m < at && refs[m].tier < t; m++) {
				const gate_tier *u = &p->tiers[refs[m].tier];

				if (u->nexclude)
					continue;
				report(L, p->tiers[t].paths[i].line, p->tiers[t].paths[i].col, 1,
				       "pattern can never match here: tier \"%s\" "
				       "(line %u) comes first with the same pattern",
				       u->name, u->paths[refs[m].index].line);
			}
		}
done:
	free(refs);
	free(pos);
	free(group);
}

static void find_unreachable(loader *L, gate_policy *p)
{
	size_t t;

	for (t = 0; t < p->ntiers; t++) {
		if (p->tiers[t].require.observability && p->nlanguages == 0)
			report(L, p->tiers[t].line, p->tiers[t].col, 1,
			       "tier \"%s\" requires observability, but the policy defines no "
			       "languages (observability.languages): no file will be checked",
			       p->tiers[t].name ? p->tiers[t].name : "?");
		if (p->tiers[t].npaths == 0 && t != p->default_tier)
			report(L, p->tiers[t].line, p->tiers[t].col, 1,
			       "tier \"%s\" is unreachable: it has no paths and is not the "
			       "default tier",
			       p->tiers[t].name ? p->tiers[t].name : "?");
	}
	find_shadowed(L, p);
}

/* A committer email of `review_trailers.trusted_committers`: one '@', no
 * spaces, angle brackets or control characters. */
static int valid_committer_email(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' || s[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * overrides.identity_env: the name of the variable the hosting server sets
 * to the authenticated pusher. Without it overrides are off, since any
 * other variable (REMOTE_USER on a local or ssh push, say) is the pusher's
 * to set.
 */
static void load_identity_env(loader *L, gate_policy *p, const gate_json *m)
{
	size_t i;

	if (!m)
		return;
	if (m->type != GATE_JSON_STRING || !m->str[0] || strlen(m->str) > 64) {
		PROBLEM(L, m,
			"\"overrides.identity_env\" must name an environment variable, "
			"e.g. \"GL_USERNAME\" or \"GITHUB_USER_LOGIN\"");
		return;
	}
	for (i = 0; m->str[i]; i++) {
		char c = m->str[i];

		if (!((c >= 'A' && c <= 'Z') || c == '_' || (i && c >= '0' && c <= '9'))) {
			PROBLEM(L, m,
				"\"overrides.identity_env\" must be an upper-case variable "
				"name ([A-Z_][A-Z0-9_]*)");
			return;
		}
	}
	if ((p->override_identity_env = gate_strdup(m->str, L->err)) == NULL)
		L->fatal = 1;
}

/* The review keys: allow_contributor, changes_requested and review_trailers
 * (docs/policy.md, "Who approved"). */
static void load_reviews(loader *L, gate_policy *p, const gate_json *root)
{
	static const char *const trailer_keys[] = {"trusted_committers", NULL};
	const gate_json *m, *t;

	if ((m = gate_json_get(root, "allow_contributor")))
		get_bool(L, &p->allow_contributor, m, "\"allow_contributor\"");
	if ((m = gate_json_get(root, "changes_requested"))) {
		if (m->type == GATE_JSON_STRING && strcmp(m->str, "writers") == 0)
			p->changes_requested_writers = 1;
		else if (!(m->type == GATE_JSON_STRING && strcmp(m->str, "owners") == 0))
			PROBLEM(L, m, "\"changes_requested\" must be \"owners\" or \"writers\"");
	}
	if (!(m = gate_json_get(root, "review_trailers")))
		return;
	if (!expect_type(L, m, GATE_JSON_OBJECT, "\"review_trailers\""))
		return;
	check_keys(L, m, "\"review_trailers\"", trailer_keys);
	if (!(t = gate_json_get(m, "trusted_committers"))) {
		PROBLEM(L, m,
			"\"review_trailers\" needs \"trusted_committers\": the committer emails "
			"whose commits' Reviewed-by trailers are authentic");
		return;
	}
	load_strings(L, &p->trusted_committers, &p->ntrusted_committers, t,
		     "\"review_trailers.trusted_committers\"", valid_committer_email);
	if (!L->fatal && t->type == GATE_JSON_ARRAY && t->count == 0)
		PROBLEM(L, t,
			"\"review_trailers.trusted_committers\" must name at least one "
			"committer email");
	p->review_trailers = 1;
}

static void load_root(loader *L, gate_policy *p, const gate_json *root)
{
	static const char *const keys[] = {"version",
					   "name",
					   "description",
					   "default_tier",
					   "tests",
					   "provenance",
					   "trust_review_trailers",
					   "allow_stale_approvals",
					   "allow_contributor",
					   "changes_requested",
					   "review_trailers",
					   "observability",
					   "rules",
					   "tiers",
					   "fixtures",
					   "on_deadline",
					   "protected_refs",
					   "overrides",
					   "waivers",
					   "assets",
					   NULL};
	const gate_json *m, *e;
	size_t i;

	if (!expect_type(L, root, GATE_JSON_OBJECT, "a policy"))
		return;
	check_keys(L, root, "the policy", keys);

	m = gate_json_get(root, "version");
	if (!m) {
		PROBLEM(L, root, "the policy has no \"version\" (write \"version\": %d first)",
			GATE_POLICY_VERSION);
	} else {
		if (root->child != m)
			KEY_PROBLEM(L, m, "\"version\" must be the first key of the policy");
		if (m->type != GATE_JSON_NUMBER || !m->is_int || m->ival < 1)
			PROBLEM(L, m, "\"version\" must be a whole number >= 1");
		else if (m->ival > GATE_POLICY_VERSION)
			PROBLEM(L, m,
				"policy version %lld is newer than this riskgate understands (%d); "
				"upgrade riskgate",
				m->ival, GATE_POLICY_VERSION);
		else
			p->version = m->ival;
	}
	if ((m = gate_json_get(root, "name")))
		copy_string(L, &p->name, m, "\"name\"");
	if ((m = gate_json_get(root, "description")))
		copy_string(L, &p->description, m, "\"description\"");
	if ((m = gate_json_get(root, "tests")))
		load_tests(L, p, m);
	load_provenance(L, p, gate_json_get(root, "provenance"));
	if ((m = gate_json_get(root, "trust_review_trailers")))
		KEY_PROBLEM(L, m,
			    "\"trust_review_trailers\" was removed: any pusher can write a "
			    "Reviewed-by trailer into their own commit; use \"review_trailers\": "
			    "{\"trusted_committers\": [\"merge-bot@example.com\"]} to count the "
			    "trailers of commits a trusted identity committed");
	load_reviews(L, p, root);
	if ((m = gate_json_get(root, "allow_stale_approvals")))
		get_bool(L, &p->allow_stale_approvals, m, "\"allow_stale_approvals\"");
	load_observability(L, p, gate_json_get(root, "observability"));
	/* Binary files allowed unread; source code never is (see scan.h). */
	if ((m = gate_json_get(root, "assets")))
		load_patterns(L, &p->assets, &p->nassets, m, "assets");
	if ((m = gate_json_get(root, "rules")))
		load_rules(L, p, m);
	load_waivers(L, p, gate_json_get(root, "waivers"));
	if (L->fatal)
		return;

	m = gate_json_get(root, "tiers");
	if (!m) {
		PROBLEM(L, root, "the policy has no \"tiers\"");
		return;
	}
	if (!expect_type(L, m, GATE_JSON_ARRAY, "\"tiers\""))
		return;
	if (m->count == 0) {
		PROBLEM(L, m, "\"tiers\" must list at least one tier");
		return;
	}
	p->tiers = gate_calloc(m->count, sizeof(*p->tiers), L->err);
	if (!p->tiers) {
		L->fatal = 1;
		return;
	}
	for (e = m->child, i = 0; e && !L->fatal; e = e->next, i++) {
		size_t k;
		load_tier(L, p, &p->tiers[i], e, i);
		p->ntiers++;
		for (k = 0; k < i && p->tiers[i].name; k++)
			if (p->tiers[k].name && strcmp(p->tiers[k].name, p->tiers[i].name) == 0)
				PROBLEM(L, gate_json_get(e, "name"),
					"duplicate tier name \"%s\" (first at line %u)",
					p->tiers[i].name, p->tiers[k].line);
	}
	if (L->fatal)
		return;

	m = gate_json_get(root, "default_tier");
	if (!m) {
		PROBLEM(L, root,
			"the policy has no \"default_tier\" (the tier for paths no tier "
			"matches)");
	} else if (expect_type(L, m, GATE_JSON_STRING, "\"default_tier\"")) {
		long idx = gate_policy_tier_index(p, m->str);
		if (idx < 0)
			PROBLEM(L, m, "\"default_tier\" names \"%s\", which is not a tier", m->str);
		else
			p->default_tier = (size_t)idx;
	}
	for (e = gate_json_get(root, "tiers")->child, i = 0; e; e = e->next, i++) {
		if (e->type == GATE_JSON_OBJECT && !gate_json_get(e, "paths") &&
		    i != p->default_tier)
			PROBLEM(L, e,
				"tier \"%s\" has no \"paths\" (only the default tier may omit "
				"them)",
				p->tiers[i].name ? p->tiers[i].name : "?");
	}
	if ((m = gate_json_get(root, "fixtures")))
		load_fixtures(L, p, m);
	if ((m = gate_json_get(root, "on_deadline"))) {
		if (m->type == GATE_JSON_STRING && strcmp(m->str, "pass") == 0)
			p->on_deadline_pass = 1;
		else if (!(m->type == GATE_JSON_STRING && strcmp(m->str, "reject") == 0))
			PROBLEM(L, m, "\"on_deadline\" must be \"reject\" or \"pass\"");
	}
	if ((m = gate_json_get(root, "protected_refs")))
		load_patterns(L, &p->protected_refs, &p->nprotected_refs, m, "protected_refs");
	if ((m = gate_json_get(root, "overrides"))) {
		static const char *const okeys[] = {"users", "identity_env", NULL};
		const gate_json *u;

		if (expect_type(L, m, GATE_JSON_OBJECT, "\"overrides\"")) {
			check_keys(L, m, "\"overrides\"", okeys);
			if ((u = gate_json_get(m, "users")))
				load_strings(L, &p->override_users, &p->noverride_users, u,
					     "\"overrides.users\"", valid_reviewer);
			else
				PROBLEM(L, m,
					"\"overrides\" needs \"users\": the logins allowed to "
					"override");
			load_identity_env(L, p, gate_json_get(m, "identity_env"));
		}
	}
	if (!L->failed)
		find_unreachable(L, p);
}

int gate_policy_load(gate_policy **out, const char *text, size_t len, const char *file,
		     const char *source, gate_diags *diags, gate_error *err)
{
	gate_policy *p = NULL;
	gate_json *root = NULL;
	loader L;
	int error = -1;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.file = file;
	L.text = text;
	L.len = len;
	L.diags = diags;
	L.err = err;
	gate_error_init(&L.first);

	if (len > GATE_POLICY_MAX_SIZE)
		return gate_error_set_at(err, GATE_ERR_POLICY, file, 1, 1,
					 "policy is %zu bytes, more than the limit of %u", len,
					 GATE_POLICY_MAX_SIZE);
	if (gate_json_parse(&root, text, len, file, GATE_ERR_POLICY, err) < 0) {
		if (diags && err->klass == GATE_ERR_POLICY)
			report(&L, err->line, err->col, 0, "%s", err->message);
		goto done;
	}
	p = gate_calloc(1, sizeof(*p), err);
	if (!p)
		goto done;
	if (!(p->source = gate_strdup(source, err)) || !(p->file = gate_strdup(file, err)))
		goto done;
	gate_sha256_hex(p->sha256, text, len);
	load_root(&L, p, root);
	if (L.fatal)
		goto done;
	if (L.failed) {
		*err = L.first;
		goto done;
	}
	*out = p;
	p = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_policy_free(p);
	return error;
}

int gate_policy_load_file(gate_policy **out, const char *path, gate_diags *diags, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE);
	int error;

	*out = NULL;
	if (gate_buf_read_file(&buf, path, GATE_ERR_POLICY, err) < 0) {
		gate_buf_dispose(&buf);
		return -1;
	}
	error = gate_policy_load(out, buf.ptr, buf.size, strcmp(path, "-") ? path : "<stdin>", path,
				 diags, err);
	gate_buf_dispose(&buf);
	return error;
}

const char *gate_policy_builtin_text(size_t *len)
{
	if (len)
		*len = gate_builtin_policy_len;
	return gate_builtin_policy;
}

int gate_policy_load_builtin(gate_policy **out, gate_error *err)
{
	if (gate_policy_load(out, gate_builtin_policy, gate_builtin_policy_len, BUILTIN_FILE,
			     "builtin", NULL, err) < 0) {
		gate_error_prefix(err, "the built-in policy is invalid");
		return -1;
	}
	return 0;
}

void gate_policy_free(gate_policy *p)
{
	size_t i, k;

	if (!p)
		return;
	for (i = 0; i < p->ntiers; i++) {
		free(p->tiers[i].name);
		free(p->tiers[i].description);
		free_patterns(p->tiers[i].paths, p->tiers[i].npaths);
		free_patterns(p->tiers[i].exclude, p->tiers[i].nexclude);
		free_strings(p->tiers[i].require.reviewers, p->tiers[i].require.nreviewers);
		free(p->tiers[i].require.rules);
	}
	free(p->tiers);
	free_patterns(p->test_paths, p->ntest_paths);
	for (i = 0; i < p->ntest_pairs; i++) {
		gate_regex_free(p->test_pairs[i].from.re);
		free(p->test_pairs[i].from.pattern);
		for (k = 0; k < p->test_pairs[i].nto; k++)
			free(p->test_pairs[i].to[k]);
		free(p->test_pairs[i].to);
	}
	free(p->test_pairs);
	free_strings(p->ai_trailers, p->nai_trailers);
	free_strings(p->trusted_committers, p->ntrusted_committers);
	free_patterns(p->ai_coauthors, p->nai_coauthors);
	free_patterns(p->ai_identities, p->nai_identities);
	free(p->human_marker_key);
	gate_regex_free(p->human_marker_value.re);
	free(p->human_marker_value.pattern);
	free(p->notes_ref);
	for (i = 0; i < p->nlanguages; i++) {
		free(p->languages[i].name);
		free_patterns(p->languages[i].files, p->languages[i].nfiles);
		free_patterns(p->languages[i].hooks, p->languages[i].nhooks);
	}
	free(p->languages);
	free_patterns(p->assets, p->nassets);
	for (i = 0; i < p->nrules; i++) {
		gate_rule *r = &p->rules[i];
		free(r->id);
		free(r->message);
		free(r->hint);
		free_patterns(r->files, r->nfiles);
		gate_regex_free(r->trigger.re);
		free(r->trigger.pattern);
		gate_regex_free(r->unless.re);
		free(r->unless.pattern);
	}
	free(p->rules);
	for (i = 0; i < p->nfixtures; i++) {
		gate_fixture *f = &p->fixtures[i];
		free(f->path);
		free(f->tier);
		free(f->text);
		free_strings(f->owners, f->nowners);
		free_strings(f->rule_hits, f->nrule_hits);
	}
	free(p->fixtures);
	free_patterns(p->protected_refs, p->nprotected_refs);
	free_strings(p->override_users, p->noverride_users);
	free_strings(p->waiver_approvers, p->nwaiver_approvers);
	free(p->source);
	free(p->override_identity_env);
	free(p->guarded_path);
	free(p->file);
	free(p->name);
	free(p->description);
	free(p);
}

long gate_policy_tier_index(const gate_policy *policy, const char *name)
{
	size_t i;

	for (i = 0; i < policy->ntiers; i++)
		if (policy->tiers[i].name && strcmp(policy->tiers[i].name, name) == 0)
			return (long)i;
	return -1;
}

const char *gate_tests_mode_name(gate_tests_mode mode)
{
	switch (mode) {
	case GATE_TESTS_NONE:
		return "none";
	case GATE_TESTS_CHANGED:
		return "changed";
	case GATE_TESTS_PAIRED:
		return "paired";
	}
	return "none";
}

int gate_patterns_match(gate_pattern *pats, size_t n, const char *s, size_t len, gate_pattern **hit,
			gate_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = gate_regex_match(pats[i].re, s, len, err);
		if (rc < 0)
			return -1;
		if (rc) {
			if (hit)
				*hit = &pats[i];
			return 1;
		}
	}
	return 0;
}

int gate_policy_is_test(gate_policy *policy, const char *path, size_t len, gate_error *err)
{
	return gate_patterns_match(policy->test_paths, policy->ntest_paths, path, len, NULL, err);
}

long gate_policy_rule_index(const gate_policy *policy, const char *id)
{
	size_t i;

	for (i = 0; i < policy->nrules; i++)
		if (policy->rules[i].id && strcmp(policy->rules[i].id, id) == 0)
			return (long)i;
	return -1;
}

const gate_language *gate_policy_language(gate_policy *policy, const char *path, size_t len,
					  gate_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < policy->nlanguages; i++) {
		rc = gate_patterns_match(policy->languages[i].files, policy->languages[i].nfiles,
					 path, len, NULL, err);
		if (rc < 0)
			return NULL;
		if (rc)
			return &policy->languages[i];
	}
	return NULL;
}
