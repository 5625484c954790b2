/*
 * A tier's `require.dependencies` (docs/dependencies.md, "What the tier can require").
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "policy_internal.h"
#include "riskgate/identity.h"

static int valid_package(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 214)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* A path in a revision's tree, as git stores it: relative, "/"-separated,
 * no empty, "." or ".." part, no control characters or backslash. */
static int valid_tree_path(const char *s)
{
	const char *part = s;
	size_t n = strlen(s);

	if (n == 0 || n > 4096)
		return 0;
	for (;; s++) {
		if (*s == '/' || *s == '\0') {
			size_t len = (size_t)(s - part);

			if (len == 0 || (len == 1 && part[0] == '.') ||
			    (len == 2 && part[0] == '.' && part[1] == '.'))
				return 0;
			if (*s == '\0')
				return 1;
			part = s + 1;
			continue;
		}
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return 0;
	}
}

/* "allow_file", "deny_file": a path in the base's tree
 * (docs/dependencies.md, "Allow and deny list files"). */
static void load_list_file(gate_policy_loader *L, char **out, const gate_json *m, const char *what)
{
	if (m->type != GATE_JSON_STRING || !valid_tree_path(m->str)) {
		PROBLEM(L, m,
			"\"%s\" must be the path of a file in the repository (relative, "
			"without \".\" or \"..\" parts)",
			what);
		return;
	}
	free(*out);
	if (!(*out = gate_strdup(m->str, L->err)))
		L->fatal = 1;
}

void gate_policy__load_require_dependencies(gate_policy_loader *L, gate_require *req,
					    const gate_json *node)
{
	static const char *const keys[] = {
	    "lockfile",  "pinned",          "allow_vcs", "allow_paths", "allow_urls",
	    "lookalike", "install_scripts", "allow",     "deny",        "allow_file",
	    "deny_file", "approvals",       NULL};
	static const char *const approval_keys[] = {"count", "from", NULL};
	gate_deps_req *d;
	const gate_json *m;

	if (node->type == GATE_JSON_BOOL && !node->boolean)
		return;
	if (node->type != GATE_JSON_BOOL && node->type != GATE_JSON_OBJECT) {
		PROBLEM(L, node, "\"dependencies\" must be true, false or an object");
		return;
	}
	if (!(d = gate_calloc(1, sizeof(*d), L->err))) {
		L->fatal = 1;
		return;
	}
	gate_policy__free_deps_req(req->dependencies);
	req->dependencies = d;
	d->lockfile = 1;
	d->pinned = GATE_PIN_BOUNDED;
	d->lookalike = 1;
	if (node->type == GATE_JSON_BOOL)
		return;
	gate_policy__check_keys(L, node, "\"dependencies\"", keys);
	if ((m = gate_json_get(node, "lockfile")))
		gate_policy__get_bool(L, &d->lockfile, m, "\"lockfile\"");
	if ((m = gate_json_get(node, "pinned"))) {
		if (m->type == GATE_JSON_BOOL)
			d->pinned = m->boolean ? GATE_PIN_BOUNDED : GATE_PIN_NONE;
		else if (m->type == GATE_JSON_STRING && strcmp(m->str, "exact") == 0)
			d->pinned = GATE_PIN_EXACT;
		else if (m->type == GATE_JSON_STRING && strcmp(m->str, "bounded") == 0)
			d->pinned = GATE_PIN_BOUNDED;
		else
			PROBLEM(L, m, "\"pinned\" must be true, false, \"bounded\" or \"exact\"");
	}
	if ((m = gate_json_get(node, "allow_vcs")))
		gate_policy__get_bool(L, &d->allow_vcs, m, "\"allow_vcs\"");
	if ((m = gate_json_get(node, "allow_paths")))
		gate_policy__get_bool(L, &d->allow_paths, m, "\"allow_paths\"");
	if ((m = gate_json_get(node, "allow_urls")))
		gate_policy__get_bool(L, &d->allow_urls, m, "\"allow_urls\"");
	if ((m = gate_json_get(node, "lookalike")))
		gate_policy__get_bool(L, &d->lookalike, m, "\"lookalike\"");
	if ((m = gate_json_get(node, "install_scripts")))
		gate_policy__get_bool(L, &d->install_scripts, m, "\"install_scripts\"");
	if ((m = gate_json_get(node, "allow")))
		gate_policy__load_strings(L, &d->allow, &d->nallow, m, "\"allow\"", valid_package);
	if ((m = gate_json_get(node, "deny")))
		gate_policy__load_strings(L, &d->deny, &d->ndeny, m, "\"deny\"", valid_package);
	if ((m = gate_json_get(node, "allow_file")))
		load_list_file(L, &d->allow_file, m, "allow_file");
	if ((m = gate_json_get(node, "deny_file")))
		load_list_file(L, &d->deny_file, m, "deny_file");
	if ((m = gate_json_get(node, "approvals")) &&
	    gate_policy__expect_type(L, m, GATE_JSON_OBJECT, "\"approvals\"")) {
		const gate_json *k;

		gate_policy__check_keys(L, m, "\"approvals\"", approval_keys);
		if ((k = gate_json_get(m, "count")))
			gate_policy__get_count(L, &d->approvals, k, "\"count\"");
		else
			d->approvals = 1;
		if ((k = gate_json_get(m, "from")))
			gate_policy__load_strings(L, &d->approvers, &d->napprovers, k, "\"from\"",
						  gate_identity_reviewer_valid);
		if (d->approvals > 0 && d->napprovers == 0)
			PROBLEM(L, m,
				"\"approvals\" needs \"from\": who approves new dependencies");
	}
}

void gate_policy__free_deps_req(gate_deps_req *d)
{
	if (!d)
		return;
	gate_policy__free_strings(d->allow, d->nallow);
	gate_policy__free_strings(d->deny, d->ndeny);
	gate_policy__free_strings(d->approvers, d->napprovers);
	free(d->allow_file);
	free(d->deny_file);
	free(d);
}
