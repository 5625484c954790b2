/*
 * Who may approve (docs/policy.md, "Who approved"): the offline team file that resolves "@org/team"
 * reviewers, the permissions file that shows write access, the logins file
 * of a change's contributors, and the matcher that compares a policy's
 * reviewer spec with a login. Parsed with positions (jsonc) so errors point
 * into the files.
 */
#include "riskgate/banned.h"

#include "riskgate/approvals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "approvals_internal.h"
#include "riskgate/identity.h"

static void team_dispose(gate_team *team)
{
	size_t i;

	for (i = 0; i < team->nmembers; i++)
		free(team->members[i]);
	free(team->members);
	free(team->name);
}

static const gate_team *find_team(const gate_teams *t, const char *team)
{
	size_t i;

	if (!t || !team)
		return NULL;
	team = gate_identity_skip_at(team);
	for (i = 0; i < t->count; i++)
		if (gate_identity_eq(t->items[i].name, team))
			return &t->items[i];
	return NULL;
}

/* Reads one "org/team": [...] member into a new last element of t->items.
 * Duplicates are found afterwards, by duplicate_team. */
static int read_team(gate_approvals__reader *R, gate_teams *t, size_t *alloc, const gate_json *m)
{
	const char *name = gate_identity_skip_at(m->key);
	const gate_json *el;
	gate_team *team;
	char shown[80];

	/* "org/team", or "org" alone: the organisation's members (docs/policy.md, "Who approved").
	 */
	/* An organisation's name has no '@' left once one is dropped: "@@x"
	 * kept as "@x" would be a key that no lookup, which drops one '@' from
	 * the name it is given, could find. */
	if (!gate_identity_team_valid(name) &&
	    (strchr(name, '/') || !gate_identity_login_valid(name, strlen(name)) ||
	     strchr(name, ' ') || strchr(name, '@'))) {
		gate_error_excerpt(shown, sizeof(shown), m->key);
		return gate_approvals__fail_key(
		    R, m,
		    "\"%s\" is not a team name (expected \"org/team\" or "
		    "\"@org/team\") nor an organisation (\"org\")",
		    shown);
	}
	if (m->type != GATE_JSON_ARRAY)
		return gate_approvals__fail(
		    R, m, "the members of a team must be an array of logins, not %s",
		    gate_approvals__type_name(m));
	if (gate_array_reserve((void **)&t->items, alloc, t->count + 1, sizeof(*t->items), R->err) <
	    0)
		return -1;
	team = &t->items[t->count];
	memset(team, 0, sizeof(*team));
	gate_approvals__map_pos(R, m->key_line, m->key_col, &team->line, &team->col);
	if (!(team->name = gate_strdup(name, R->err)))
		return -1;
	/* Counted now, so that gate_teams_free releases what follows. */
	t->count++;
	if (m->count && !(team->members = gate_calloc(m->count, sizeof(char *), R->err)))
		return -1;
	for (el = m->child; el; el = el->next) {
		const char *login;

		if (el->type != GATE_JSON_STRING)
			return gate_approvals__fail(R, el,
						    "a team member must be a login string, not %s",
						    gate_approvals__type_name(el));
		login = gate_identity_skip_at(el->str);
		if (strchr(login, '/')) {
			gate_error_excerpt(shown, sizeof(shown), login);
			return gate_approvals__fail(
			    R, el,
			    "nested teams are not resolved: list the members of \"%s\" "
			    "instead",
			    shown);
		}
		/* "@@x" would be kept as "@x", which gate_teams_is_member,
		 * dropping one '@' from the login it is given, never finds. */
		if (login[0] == '@')
			return gate_approvals__fail(
			    R, el, "a team member may start with one '@', not two");
		if (!gate_identity_login_valid(login, strlen(login)))
			return gate_approvals__fail(R, el,
						    "a login must be 1 to %d bytes without control "
						    "characters",
						    GATE_LOGIN_MAX);
		if (!(team->members[team->nmembers] = gate_strdup(login, R->err)))
			return -1;
		team->nmembers++;
	}
	return 0;
}

static int cmp_team_ref(const void *pa, const void *pb)
{
	const gate_team *const *a = pa, *const *b = pb;
	int c = gate_identity_cmp((*a)->name, (*b)->name);

	if (c)
		return c;
	return *a < *b ? -1 : *a > *b;
}

/*
 * Refuses two keys naming the same team, at the second one in the file.
 * Sorting keeps this O(n log n) on a file with a million keys, where
 * comparing each key with all earlier ones would not finish.
 */
static int duplicate_team(const gate_teams *t, const char *file, gate_error *err)
{
	const gate_team **refs = NULL, *dup = NULL;
	char shown[80];
	size_t i;
	int error = -1;

	if (t->count < 2)
		return 0;
	if (!(refs = gate_calloc(t->count, sizeof(*refs), err)))
		goto done;
	for (i = 0; i < t->count; i++)
		refs[i] = &t->items[i];
	qsort(refs, t->count, sizeof(*refs), cmp_team_ref);
	for (i = 1; i < t->count; i++)
		if (gate_identity_eq(refs[i - 1]->name, refs[i]->name) && (!dup || refs[i] < dup))
			dup = refs[i];
	if (dup) {
		gate_error_excerpt(shown, sizeof(shown), dup->name);
		gate_error_set_at(err, GATE_ERR_INPUT, file, dup->line, dup->col,
				  "team \"%s\" is listed twice (names ignore case and a leading "
				  "'@')",
				  shown);
		goto done;
	}
	error = 0;
done:
	free(refs);
	return error;
}

int gate_teams_load(gate_teams **out, const char *text, size_t len, const char *file,
		    gate_error *err)
{
	gate_teams *t = NULL;
	gate_json *root = NULL;
	const gate_json *m;
	gate_approvals__reader R;
	size_t alloc = 0;
	int error = -1;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_teams_load: no output");
	*out = NULL;
	if (gate_approvals__parse_one(&root, &R, "gate_teams_load", text, len, file, "<teams>",
				      err) < 0)
		goto done;
	if (root->type != GATE_JSON_OBJECT) {
		gate_approvals__fail(
		    &R, root,
		    "a teams file must be an object {\"org/team\": [\"login\", ...]}, not %s",
		    gate_approvals__type_name(root));
		goto done;
	}
	if (!(t = gate_calloc(1, sizeof(*t), err)))
		goto done;
	for (m = root->child; m; m = m->next)
		if (read_team(&R, t, &alloc, m) < 0)
			goto done;
	if (duplicate_team(t, R.file, err) < 0)
		goto done;
	*out = t;
	t = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_teams_free(t);
	return error;
}

int gate_teams_load_file(gate_teams **out, const char *path, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (gate_approvals__read_input(&buf, path, &name, err) < 0)
		goto done;
	error = gate_teams_load(out, buf.ptr, buf.size, name, err);
done:
	gate_buf_dispose(&buf);
	return error;
}

void gate_teams_free(gate_teams *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->count; i++)
		team_dispose(&t->items[i]);
	free(t->items);
	free(t);
}

int gate_teams_known(const gate_teams *t, const char *team)
{
	return find_team(t, team) != NULL;
}

int gate_teams_is_member(const gate_teams *t, const char *team, const char *login)
{
	const gate_team *found = find_team(t, team);
	size_t i;

	if (!found || !login)
		return 0;
	login = gate_identity_skip_at(login);
	if (!login[0])
		return 0;
	for (i = 0; i < found->nmembers; i++)
		if (gate_identity_eq(found->members[i], login))
			return 1;
	return 0;
}

/* Whether team `t` is organisation `org` itself or one of its teams. */
static int of_org(const gate_team *t, const char *org)
{
	size_t n = strlen(org);

	return gate_identity_eq(t->name, org) ||
	       (strncasecmp(t->name, org, n) == 0 && t->name[n] == '/');
}

int gate_teams_org_known(const gate_teams *t, const char *org)
{
	size_t i;

	if (!t || !org)
		return 0;
	org = gate_identity_skip_at(org);
	if (!org[0] || strchr(org, '/'))
		return 0;
	for (i = 0; i < t->count; i++)
		if (of_org(&t->items[i], org))
			return 1;
	return 0;
}

/* Whether `login` is listed for organisation `org` or any of its teams. */
static int org_member(const gate_teams *t, const char *org, const char *login)
{
	size_t i, m;

	for (i = 0; i < t->count; i++) {
		if (!of_org(&t->items[i], org))
			continue;
		for (m = 0; m < t->items[i].nmembers; m++)
			if (gate_identity_eq(t->items[i].members[m], login))
				return 1;
	}
	return 0;
}

int gate_reviewer_matches(const char *spec, const char *login, const gate_teams *teams)
{
	const char *name;

	if (!spec || !login)
		return 0;
	login = gate_identity_skip_at(login);
	if (!spec[0] || !login[0])
		return 0;
	if (gate_identity_spec_is_email(spec))
		return 0; /* an email address: matched against trailers elsewhere */
	name = gate_identity_skip_at(spec);
	if (!name[0])
		return 0;
	if (strchr(name, '/'))
		return gate_teams_is_member(teams, name, login);
	if (gate_teams_org_known(teams, name))
		return org_member(teams, name, login);
	return gate_identity_eq(name, login);
}

/* Permission names as GitHub's API writes them, by gate_permission value. */
static const char *const permission_names[] = {"none",  "read",     "triage",
					       "write", "maintain", "admin"};

const char *gate_permission_name(gate_permission perm)
{
	if (perm < GATE_PERM_NONE || perm > GATE_PERM_ADMIN)
		return "unknown";
	return permission_names[perm];
}

int gate_permission_can_write(gate_permission perm)
{
	return perm == GATE_PERM_WRITE || perm == GATE_PERM_MAINTAIN || perm == GATE_PERM_ADMIN;
}

static int cmp_permission_ref(const void *pa, const void *pb)
{
	const gate_login_permission *const *a = pa, *const *b = pb;
	int c = gate_identity_cmp((*a)->login, (*b)->login);

	if (c)
		return c;
	return *a < *b ? -1 : *a > *b;
}

/* Refuses one login listed twice, at its second place in the file. */
static int duplicate_login(const gate_permissions *p, const char *file, gate_error *err)
{
	const gate_login_permission **refs = NULL, *dup = NULL;
	char shown[80];
	size_t i;
	int error = -1;

	if (p->count < 2)
		return 0;
	if (!(refs = gate_calloc(p->count, sizeof(*refs), err)))
		goto done;
	for (i = 0; i < p->count; i++)
		refs[i] = &p->items[i];
	qsort(refs, p->count, sizeof(*refs), cmp_permission_ref);
	for (i = 1; i < p->count; i++)
		if (gate_identity_eq(refs[i - 1]->login, refs[i]->login) && (!dup || refs[i] > dup))
			dup = refs[i];
	if (dup) {
		gate_error_excerpt(shown, sizeof(shown), dup->login);
		gate_error_set_at(err, GATE_ERR_INPUT, file, dup->line, dup->col,
				  "\"%s\" is listed twice (logins ignore case and a leading '@')",
				  shown);
		goto done;
	}
	error = 0;
done:
	free(refs);
	return error;
}

static int read_permission(gate_approvals__reader *R, gate_permissions *p, const gate_json *m)
{
	gate_login_permission *lp;
	const char *login = gate_identity_skip_at(m->key);
	char shown[80];
	size_t i;
	int found = -1;

	if (login[0] == '@' || !gate_identity_login_valid(login, strlen(login)) ||
	    strchr(login, '/')) {
		gate_error_excerpt(shown, sizeof(shown), m->key);
		return gate_approvals__fail_key(R, m, "\"%s\" is not a login", shown);
	}
	if (m->type != GATE_JSON_STRING)
		return gate_approvals__fail(
		    R, m,
		    "a permission must be a string (admin, maintain, write, triage, read "
		    "or none), not %s",
		    gate_approvals__type_name(m));
	for (i = 0; i < sizeof(permission_names) / sizeof(permission_names[0]); i++)
		if (gate_identity_eq(m->str, permission_names[i]) && strlen(m->str) == m->str_len)
			found = (int)i;
	if (found < 0) {
		gate_error_excerpt(shown, sizeof(shown), m->str);
		return gate_approvals__fail(
		    R, m,
		    "unknown permission \"%s\" (expected admin, maintain, write, triage, "
		    "read or none)",
		    shown);
	}
	lp = &p->items[p->count];
	memset(lp, 0, sizeof(*lp));
	gate_approvals__map_pos(R, m->key_line, m->key_col, &lp->line, &lp->col);
	lp->permission = (gate_permission)found;
	if (!(lp->login = gate_strdup(login, R->err)))
		return -1;
	p->count++;
	return 0;
}

int gate_permissions_load(gate_permissions **out, const char *text, size_t len, const char *file,
			  gate_error *err)
{
	gate_permissions *p = NULL;
	gate_json *root = NULL;
	const gate_json *m;
	gate_approvals__reader R;
	int error = -1;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_permissions_load: no output");
	*out = NULL;
	if (gate_approvals__parse_one(&root, &R, "gate_permissions_load", text, len, file,
				      "<permissions>", err) < 0)
		goto done;
	if (root->type != GATE_JSON_OBJECT) {
		gate_approvals__fail(
		    &R, root,
		    "a permissions file must be an object {\"login\": \"write\", ...}, not %s",
		    gate_approvals__type_name(root));
		goto done;
	}
	if (!(p = gate_calloc(1, sizeof(*p), err)))
		goto done;
	if (root->count && !(p->items = gate_calloc(root->count, sizeof(*p->items), err)))
		goto done;
	for (m = root->child; m; m = m->next)
		if (read_permission(&R, p, m) < 0)
			goto done;
	if (duplicate_login(p, R.file, err) < 0)
		goto done;
	*out = p;
	p = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_permissions_free(p);
	return error;
}

int gate_permissions_load_file(gate_permissions **out, const char *path, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (gate_approvals__read_input(&buf, path, &name, err) < 0)
		goto done;
	error = gate_permissions_load(out, buf.ptr, buf.size, name, err);
done:
	gate_buf_dispose(&buf);
	return error;
}

void gate_permissions_free(gate_permissions *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->count; i++)
		free(p->items[i].login);
	free(p->items);
	free(p);
}

gate_permission gate_permissions_get(const gate_permissions *p, const char *login)
{
	size_t i;

	if (!p || !login)
		return GATE_PERM_UNKNOWN;
	login = gate_identity_skip_at(login);
	if (!login[0])
		return GATE_PERM_UNKNOWN;
	for (i = 0; i < p->count; i++)
		if (gate_identity_eq(p->items[i].login, login))
			return p->items[i].permission;
	return GATE_PERM_UNKNOWN;
}

static int cmp_login_ref(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;

	return gate_identity_cmp(*a, *b);
}

int gate_logins_has(const gate_logins *l, const char *login)
{
	size_t lo = 0, hi, mid;
	int c;

	if (!l || !login)
		return 0;
	login = gate_identity_skip_at(login);
	if (!login[0])
		return 0;
	hi = l->count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = gate_identity_cmp(l->items[mid], login)) == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int gate_logins_load(gate_logins **out, const char *text, size_t len, const char *file,
		     gate_error *err)
{
	gate_logins *l = NULL;
	gate_json *root = NULL;
	const gate_json *e;
	gate_approvals__reader R;
	int error = -1;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_logins_load: no output");
	*out = NULL;
	if (gate_approvals__parse_one(&root, &R, "gate_logins_load", text, len, file, "<logins>",
				      err) < 0)
		goto done;
	if (root->type != GATE_JSON_ARRAY) {
		gate_approvals__fail(&R, root, "expected an array of logins, not %s",
				     gate_approvals__type_name(root));
		goto done;
	}
	if (!(l = gate_calloc(1, sizeof(*l), err)))
		goto done;
	if (root->count && !(l->items = gate_calloc(root->count, sizeof(char *), err)))
		goto done;
	for (e = root->child; e; e = e->next) {
		const char *login;

		if (e->type == GATE_JSON_NULL)
			continue;
		if (e->type != GATE_JSON_STRING) {
			gate_approvals__fail(&R, e, "a login must be a string, not %s",
					     gate_approvals__type_name(e));
			goto done;
		}
		login = gate_identity_skip_at(e->str);
		if (login[0] == '@' || strlen(login) != e->str_len - (size_t)(login - e->str) ||
		    !gate_identity_login_valid(login, strlen(login)) || strchr(login, '/')) {
			gate_approvals__fail(
			    &R, e,
			    "not a login (1 to %d bytes without control characters, "
			    "'/' or a second '@')",
			    GATE_LOGIN_MAX);
			goto done;
		}
		if (!(l->items[l->count] = gate_strdup(login, err)))
			goto done;
		l->count++;
	}
	/* Sorted, for lookups in O(log n) whatever the file holds. */
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), cmp_login_ref);
	*out = l;
	l = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_logins_free(l);
	return error;
}

int gate_logins_load_file(gate_logins **out, const char *path, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (gate_approvals__read_input(&buf, path, &name, err) < 0)
		goto done;
	error = gate_logins_load(out, buf.ptr, buf.size, name, err);
done:
	gate_buf_dispose(&buf);
	return error;
}

void gate_logins_free(gate_logins *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	free(l);
}
