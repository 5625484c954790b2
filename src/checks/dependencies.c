/*
 * Dependency intake (docs/dependencies.md): for each dependency manifest of
 * the tier that the change touches, the dependencies it adds, re-versions
 * and removes, read at the merge base and at the head from the object
 * store; then what the tier asks of them: a lock file that changes with
 * the manifest and holds every new package at a resolved version, the one
 * the manifest names when it names one (a name or version that never
 * resolved cannot be locked), versions pinned, allowed and denied names,
 * names that look like popular ones, npm install-time scripts, and
 * approvals from named people when packages are added. No network: the
 * repository and the policy are all it reads.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/deps.h"
#include "riskgate/repo.h"

/* The largest manifest or lock file read; a larger one is a finding. */
#define DEPS_MAX_FILE ((size_t)32 << 20)

typedef struct {
	gate_result *res;
	gate_check_ctx *ctx;
	const gate_tier *tier;
	const gate_deps_req *req;
	size_t added, changed, removed, findings;
	int any_added;
	/* The names of the tier's list files, read from the base revision
	 * (docs/dependencies.md, "Allow and deny list files"); empty when the
	 * policy names none. */
	gate_deps_list allow_list, deny_list;
	/* The inline names and those of the files, borrowed; `allow_on` when
	 * either says which names may be added (an allow file with no names
	 * allows none). */
	char **allow, **deny;
	size_t nallow, ndeny;
	int allow_on;
	/* The names added, re-versioned and removed, for the requirement
	 * (moved into it; NULL after). */
	gate_req_packages *pk;
} deps_run;

/* Counts one package of a list and keeps its name among the first. */
static int note_package(gate_strlist *list, size_t *n, const char *name, gate_error *err)
{
	(*n)++;
	return list->count < GATE_REQ_PACKAGES_MAX ? gate_strlist_add(list, name, err) : 0;
}

/* One finding; `d`, when not NULL, the dependency it is about (its package
 * and version requirement go into the report's structured fields). */
static int finding(deps_run *D, const gate_dep *d, const char *rule, const char *path, size_t line,
		   const char *message, const char *hint, gate_error *err)
{
	gate_violation v = {0};

	v.check = (char *)"dependencies";
	v.rule = (char *)rule;
	v.tier = D->tier->name;
	v.severity = GATE_SEV_ERROR;
	v.path = (char *)path;
	v.line = line;
	v.message = (char *)message;
	v.hint = (char *)hint;
	if (d && d->kind != GATE_DEP_REGISTRY) {
		v.package = d->pkg;
		v.version = d->spec[0] ? d->spec : NULL;
	}
	D->findings++;
	return gate_result_add_violation(D->res, &v, err);
}

/* Reads blob `oid` into `b` (NUL-terminated): 0, 1 when too large. */
static int read_blob(gate_buf *b, gate_repo *repo, const char *oid, gate_error *err)
{
	int rc;

	gate_buf_clear(b);
	if ((rc = gate_repo_read_blob(b, repo, oid, DEPS_MAX_FILE, err)) != 0)
		return rc;
	if (gate_buf_putc(b, '\0', err) < 0)
		return -1;
	b->size--;
	return 0;
}

/* A manifest's dependencies by key, for lookups in log time (a manifest
 * may declare thousands). */
typedef struct {
	const gate_dep **v;
	size_t n;
} dep_index;

static int cmp_dep(const void *a, const void *b)
{
	return strcmp((*(const gate_dep *const *)a)->key, (*(const gate_dep *const *)b)->key);
}

static int index_deps(dep_index *ix, const gate_manifest *m, gate_error *err)
{
	size_t i;

	ix->n = 0;
	if (!(ix->v = gate_calloc(m->ndeps ? m->ndeps : 1, sizeof(*ix->v), err)))
		return -1;
	for (i = 0; i < m->ndeps; i++)
		ix->v[ix->n++] = &m->deps[i];
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp_dep);
	return 0;
}

/* The first dependency of the index with `key`, or NULL. */
static const gate_dep *find_dep(const dep_index *ix, const char *key)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(ix->v[mid]->key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->v[lo]->key, key) == 0 ? ix->v[lo] : NULL;
}

/* Whether `d` is new: no dependency of the base with its key fetches
 * the same package (an npm alias pointed elsewhere is a new package). */
static const gate_dep *base_of(const dep_index *base, const gate_dep *d)
{
	const gate_dep *old = base ? find_dep(base, d->key) : NULL;

	return old && strcmp(old->pkg, d->pkg) == 0 ? old : NULL;
}

static int cmp_locked(const void *a, const void *b)
{
	const gate_locked *x = a, *y = b;

	return strcmp(x->key, y->key);
}

/* What the lock says of one dependency. */
typedef enum {
	LOCK_OK = 0,
	LOCK_ABSENT,       /* no entry with its key */
	LOCK_NOT_CONCRETE, /* entries, none at one resolved version */
	LOCK_OTHER_VERSION /* at resolved versions, none the exact one asked for */
} lock_state;

/*
 * Whether the sorted lock `l` holds `key` at a concrete resolved version
 * and, when `exact` is not NULL, at that version (docs/dependencies.md,
 * "Locked at the version asked for"). Any entry that qualifies is enough:
 * npm keeps nested copies of one package at other versions. *found is
 * set to a version the lock does hold (borrowed), for the message.
 */
static lock_state lock_state_of(const gate_lock *l, gate_eco eco, const char *key,
				const char *exact, const char **found)
{
	size_t lo = 0, hi = l->count;
	int concrete = 0;

	*found = NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(l->items[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < l->count && strcmp(l->items[lo].key, key) == 0; lo++) {
		const char *v = l->items[lo].version;

		if (!gate_deps_version_concrete(eco, v)) {
			if (!concrete && !*found)
				*found = v;
			continue;
		}
		if (!exact || gate_deps_version_same(eco, exact, v))
			return LOCK_OK;
		if (!concrete)
			*found = v;
		concrete = 1;
	}
	if (concrete)
		return LOCK_OTHER_VERSION;
	return *found ? LOCK_NOT_CONCRETE : LOCK_ABSENT;
}

static const gate_file *changed_file(const gate_change *c, const char *path)
{
	size_t i;

	for (i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i].path, path) == 0 &&
		    c->files[i].status != GATE_STATUS_DELETED)
			return &c->files[i];
	return NULL;
}

/* Whether `name` is in `list` (n names), compared as the ecosystem
 * spells names alike. */
static int listed(const char *eco, const char *name, char *const *list, size_t n)
{
	char a[GATE_DEPS_NAME_MAX + 1], b[GATE_DEPS_NAME_MAX + 1];
	size_t i;

	if (gate_deps_normalize(a, sizeof(a), eco, name) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (gate_deps_normalize(b, sizeof(b), eco, list[i]) == 0 && strcmp(a, b) == 0)
			return 1;
	return 0;
}

/*
 * The lock file of manifest `path`: the first of the ecosystem's lock
 * names in the manifest's directory, then in each directory above it (a
 * workspace keeps one lock at its root), as it is at the head. Writes its
 * path into `out`; 1 found, 0 none, -1 error.
 */
static int find_lock(gate_buf *out, gate_buf *text, deps_run *D, gate_eco eco, const char *path,
		     gate_error *err)
{
	const char *const *names = gate_deps_lock_names(eco);
	size_t dir = strlen(path), i;
	int rc;

	for (;;) {
		while (dir > 0 && path[dir - 1] != '/')
			dir--;
		for (i = 0; names && names[i]; i++) {
			gate_buf_clear(out);
			if (gate_buf_put(out, path, dir, err) < 0 ||
			    gate_buf_puts(out, names[i], err) < 0 ||
			    gate_buf_putc(out, '\0', err) < 0)
				return -1;
			gate_buf_clear(text);
			rc = gate_repo_read_file(text, D->ctx->repo, D->ctx->change->head, out->ptr,
						 err);
			if (rc < 0)
				return -1;
			if (rc > 0)
				return gate_buf_putc(text, '\0', err) < 0 ? -1 : (text->size--, 1);
		}
		if (dir == 0)
			return 0;
		dir--; /* past the '/' */
	}
}

static int pinned_finding(deps_run *D, const char *path, const gate_dep *d, gate_error *err)
{
	const gate_deps_req *r = D->req;
	char msg[1024], hint[512];
	const char *why = NULL;

	switch (d->kind) {
	case GATE_DEP_OPEN:
		if (r->pinned != GATE_PIN_NONE)
			why = "has no upper bound: any future release, or whoever publishes one, "
			      "is installed";
		break;
	case GATE_DEP_BOUNDED:
		if (r->pinned == GATE_PIN_EXACT)
			why = "is a range, and the tier asks for one exact version";
		break;
	case GATE_DEP_VCS:
		if (!r->allow_vcs)
			why = "comes from a repository, not the registry: what it is can change "
			      "with the branch";
		break;
	case GATE_DEP_PATH:
		if (!r->allow_paths)
			why = "is a local path, outside the registry and its lock";
		break;
	case GATE_DEP_URL:
		if (!r->allow_urls)
			why = "is an archive URL, outside the registry";
		break;
	default:
		break;
	}
	if (!why)
		return 0;
	snprintf(msg, sizeof(msg), "%.200s \"%.200s\" in %.300s %s", d->name, d->spec, path, why);
	snprintf(hint, sizeof(hint), "name %s version of %s (%s)%s",
		 r->pinned == GATE_PIN_EXACT ? "one exact" : "a bounded", d->name,
		 r->pinned == GATE_PIN_EXACT ? "npm \"1.2.3\", pip \"==1.2.3\", Cargo \"=1.2.3\""
					     : "npm \"^1.2.3\", pip \"~=1.2\" or \">=1.2,<2\"",
		 d->kind >= GATE_DEP_VCS ? ", or publish it to a registry the tier trusts" : "");
	return finding(D, d, "pinned", path, d->line, msg, hint, err);
}

/*
 * An added or re-versioned registry package of a manifest with a lock
 * file: the lock must hold it at one resolved version, and at the version
 * the manifest names when it names one (docs/dependencies.md, "Locked at
 * the version asked for"). A range in the manifest is not evaluated: any
 * resolved version passes.
 */
static int unlocked_finding(deps_run *D, const char *path, gate_eco eco, const gate_dep *d,
			    const gate_lock *lock, const char *lockpath, gate_error *err)
{
	const char *exact = NULL, *found = NULL;
	char msg[1024], hint[1024];

	if (eco == GATE_ECO_GO || d->kind == GATE_DEP_EXACT) {
		/* Go's require is always one version; go.sum lists it as written */
		exact = eco == GATE_ECO_GO ? d->spec : gate_deps_exact_version(eco, d->spec);
		if (!exact)
			exact = d->spec; /* exact to the manifest's reader: compare as written */
	}
	switch (lock_state_of(lock, eco, d->key, exact, &found)) {
	case LOCK_OK:
		return 0;
	case LOCK_ABSENT:
		snprintf(msg, sizeof(msg),
			 "%.200s is not in %.300s at any version: a package that never resolved "
			 "cannot be locked",
			 d->name, lockpath);
		snprintf(hint, sizeof(hint),
			 "check that %.200s exists in the registry under that name, then install "
			 "it so that %.300s records the version",
			 d->name, lockpath);
		break;
	case LOCK_NOT_CONCRETE:
		snprintf(msg, sizeof(msg),
			 "%.200s is in %.300s only at \"%.100s\", which is not one resolved "
			 "version: a package manager locks the version it installed, never a "
			 "range",
			 d->name, lockpath, found);
		snprintf(hint, sizeof(hint),
			 "let the package manager write %.300s (npm install, poetry lock, cargo "
			 "update) instead of editing it by hand",
			 lockpath);
		break;
	case LOCK_OTHER_VERSION:
		snprintf(msg, sizeof(msg),
			 "%.200s \"%.100s\" is locked in %.300s at %.100s, not at %.100s: the "
			 "version the manifest names never resolved",
			 d->name, d->spec, lockpath, found, exact);
		snprintf(hint, sizeof(hint),
			 "check that version %.100s of %.200s exists, then install it so that "
			 "%.300s records it",
			 exact, d->name, lockpath);
		break;
	}
	return finding(D, d, "unlocked", path, d->line, msg, hint, err);
}

static int same_base_name(const char *a, const char *b)
{
	const char *x = strrchr(a, '/'), *y = strrchr(b, '/');

	return strcmp(x ? x + 1 : a, y ? y + 1 : b) == 0;
}

/* One manifest of the tier. */
static int check_manifest(deps_run *D, const gate_file *f, gate_eco eco, gate_error *err)
{
	const gate_deps_req *r = D->req;
	const char *econame = gate_deps_eco_name(eco);
	gate_buf text = GATE_BUF_INIT(DEPS_MAX_FILE + 1), lockpath = GATE_BUF_INIT(4096),
		 locktext = GATE_BUF_INIT(DEPS_MAX_FILE + 1);
	gate_manifest head, base;
	dep_index hix = {NULL, 0}, bix = {NULL, 0};
	gate_lock lock;
	gate_error perr;
	char msg[1024], hint[1024];
	size_t i, k, added = 0, changed = 0, removed = 0;
	int rc, error = -1, have_base = 0, have_lock = 0, lock_changed = 0;
	gate_eco old_eco;

	memset(&head, 0, sizeof(head));
	memset(&base, 0, sizeof(base));
	memset(&lock, 0, sizeof(lock));
	gate_error_init(&perr);
	if ((rc = read_blob(&text, D->ctx->repo, f->new_oid, err)) < 0)
		goto done;
	if (rc > 0 ||
	    gate_deps_parse_manifest(&head, eco, f->path, text.ptr, text.size, &perr) < 0) {
		if (perr.klass == GATE_ERR_NOMEM && !rc) {
			*err = perr;
			goto done;
		}
		snprintf(msg, sizeof(msg), "%.300s cannot be read as a %s manifest: %.500s",
			 f->path, econame, rc > 0 ? "larger than 32 MiB" : perr.message);
		error = finding(D, NULL, "unreadable", f->path, perr.line, msg,
				"fix the file so that its package manager reads it; the gate does "
				"not pass what it cannot read",
				err);
		goto done;
	}
	/* The base: the old side of the file (NUL: a new manifest). A base the
	 * gate cannot read counts as empty, so every dependency is new. */
	/* A renamed or copied file is compared with its old self only when
	 * that was a manifest of the same kind: a file renamed into a
	 * manifest brings every dependency it declares as new. */
	if (f->status != GATE_STATUS_ADDED && f->old_oid[0] && strspn(f->old_oid, "0") != 40 &&
	    (!f->old_path || (gate_deps_manifest_eco(f->old_path, f->old_path_len, &old_eco) &&
			      old_eco == eco && same_base_name(f->old_path, f->path)))) {
		if ((rc = read_blob(&text, D->ctx->repo, f->old_oid, err)) < 0)
			goto done;
		gate_error_init(&perr);
		have_base = rc == 0 && gate_deps_parse_manifest(&base, eco,
								f->old_path ? f->old_path : f->path,
								text.ptr, text.size, &perr) == 0;
		if (!have_base && perr.klass == GATE_ERR_NOMEM) {
			*err = perr;
			goto done;
		}
	}
	if (index_deps(&hix, &head, err) < 0 || (have_base && index_deps(&bix, &base, err) < 0))
		goto done;
	for (i = 0; i < head.ndeps; i++) {
		const gate_dep *old = base_of(have_base ? &bix : NULL, &head.deps[i]);

		if (!old) {
			added++;
			if (note_package(&D->pk->added, &D->pk->nadded, head.deps[i].pkg, err) < 0)
				goto done;
		} else if (strcmp(old->spec, head.deps[i].spec) != 0 ||
			   old->kind != head.deps[i].kind) {
			changed++;
			if (note_package(&D->pk->reversioned, &D->pk->nreversioned,
					 head.deps[i].pkg, err) < 0)
				goto done;
		}
	}
	for (i = 0; have_base && i < base.ndeps; i++)
		if (find_dep(&hix, base.deps[i].key) == NULL) {
			removed++;
			if (note_package(&D->pk->removed, &D->pk->nremoved, base.deps[i].pkg, err) <
			    0)
				goto done;
		}
	D->added += added;
	D->changed += changed;
	D->removed += removed;
	D->any_added |= added > 0;

	/* The lock file. */
	if (r->lockfile && !head.self_locked && gate_deps_lock_names(eco) &&
	    (added || changed || removed)) {
		if ((rc = find_lock(&lockpath, &locktext, D, eco, f->path, err)) < 0)
			goto done;
		if (rc == 0) {
			const char *const *names = gate_deps_lock_names(eco);

			snprintf(
			    msg, sizeof(msg),
			    "%s changes dependencies and there is no lock file (%s%s%s) next to it "
			    "or above it",
			    f->path, names[0], names[1] ? ", " : "", names[1] ? names[1] : "");
			snprintf(hint, sizeof(hint),
				 "commit the lock file your package manager writes (npm install, "
				 "poetry lock, go mod tidy, cargo generate-lockfile)");
			if (finding(D, NULL, "lockfile", f->path, 1, msg, hint, err) < 0)
				goto done;
		} else {
			have_lock = 1;
			lock_changed = changed_file(D->ctx->change, lockpath.ptr) != NULL;
			if (!lock_changed) {
				snprintf(msg, sizeof(msg),
					 "%s changes dependencies but %s does not change with it",
					 f->path, lockpath.ptr);
				snprintf(
				    hint, sizeof(hint),
				    "run the package manager so that it resolves the change and "
				    "commit %s with it",
				    lockpath.ptr);
				if (finding(D, NULL, "lockfile", f->path, 1, msg, hint, err) < 0)
					goto done;
			}
			gate_error_init(&perr);
			if (gate_deps_parse_lock(&lock, eco, lockpath.ptr, locktext.ptr,
						 locktext.size, &perr) == 0) {
				if (lock.count)
					qsort(lock.items, lock.count, sizeof(*lock.items),
					      cmp_locked);
			} else {
				if (perr.klass == GATE_ERR_NOMEM) {
					*err = perr;
					goto done;
				}
				have_lock = 0;
				snprintf(msg, sizeof(msg), "%.300s cannot be read: %.500s",
					 lockpath.ptr, perr.message);
				if (finding(D, NULL, "lockfile", lockpath.ptr, perr.line, msg,
					    "fix or regenerate the lock file", err) < 0)
					goto done;
			}
		}
	}

	for (i = 0; i < head.ndeps; i++) {
		const gate_dep *d = &head.deps[i];
		const gate_dep *old = base_of(have_base ? &bix : NULL, d);
		int is_new = old == NULL;
		const char *like;

		if (i % 1024 == 1023 && gate_eval_expired(D->ctx, err) < 0)
			goto done;
		if (!is_new && strcmp(old->spec, d->spec) == 0 && old->kind == d->kind)
			continue;
		if (d->kind == GATE_DEP_REGISTRY) {
			/* a package index or repository: packages may come from it
			 * instead of the public registry */
			if (!is_new || r->allow_urls)
				continue;
			snprintf(msg, sizeof(msg),
				 "adds the package source %.300s: a package of any name may come "
				 "from it instead of the public registry",
				 d->spec);
			if (finding(
				D, NULL, "registry", f->path, d->line, msg,
				"configure package sources where they are reviewed on their own "
				"(the registry settings of the CI), or allow them with "
				"dependencies.allow_urls",
				err) < 0)
				goto done;
			continue;
		}
		if (pinned_finding(D, f->path, d, err) < 0)
			goto done;
		/* Locked: a registry package that resolved has an entry at a
		 * version; for a requirements file, the file is the lock. */
		if (r->lockfile && head.self_locked && d->kind != GATE_DEP_EXACT &&
		    d->kind < GATE_DEP_VCS) {
			snprintf(
			    msg, sizeof(msg),
			    "%.200s \"%.200s\" is not pinned with ==, and a requirements file is "
			    "its own lock",
			    d->name, d->spec);
			if (finding(D, d, "unlocked", f->path, d->line, msg,
				    "pin it (name==1.2.3), e.g. with pip-compile or pip freeze",
				    err) < 0)
				goto done;
		} else if (r->lockfile && have_lock && d->kind < GATE_DEP_VCS && !d->override) {
			if (unlocked_finding(D, f->path, eco, d, &lock, lockpath.ptr, err) < 0)
				goto done;
		}
		if (!is_new)
			continue;
		if (D->ndeny && listed(econame, d->pkg, D->deny, D->ndeny)) {
			if (listed(econame, d->pkg, r->deny, r->ndeny))
				snprintf(msg, sizeof(msg), "%.200s is on the policy's deny-list",
					 d->pkg);
			else
				snprintf(msg, sizeof(msg),
					 "%.200s is on the deny-list %.300s of the base revision",
					 d->pkg, r->deny_file);
			if (finding(
				D, d, "denied", f->path, d->line, msg,
				"use another package; the policy names this one as never allowed",
				err) < 0)
				goto done;
			continue;
		}
		if (D->allow_on && !listed(econame, d->pkg, D->allow, D->nallow)) {
			if (r->allow_file)
				snprintf(msg, sizeof(msg),
					 "%.200s is not on the policy's allow-list%s%.300s of the "
					 "base revision",
					 d->pkg, r->nallow ? " nor on " : ", the file ",
					 r->allow_file);
			else
				snprintf(msg, sizeof(msg),
					 "%.200s is not on the policy's allow-list", d->pkg);
			if (finding(
				D, d, "not-allowed", f->path, d->line, msg,
				"use an allowed package, or have the policy's owners add this one "
				"to dependencies.allow (or its allow_file, on the base branch)",
				err) < 0)
				goto done;
		}
		if (r->lookalike &&
		    (like = gate_deps_lookalike(econame, d->pkg, (const char *const *)D->allow,
						D->nallow)) != NULL) {
			snprintf(msg, sizeof(msg),
				 "%.200s looks like %.200s, %s %s package, but is not it", d->pkg,
				 like,
				 listed(econame, like, D->allow, D->nallow) ? "an allowed"
									    : "a widely used",
				 econame);
			snprintf(
			    hint, sizeof(hint),
			    "check the name: typosquats are named like popular packages; if %.200s "
			    "is the package you mean, add it to dependencies.allow",
			    d->name);
			if (finding(D, d, "lookalike", f->path, d->line, msg, hint, err) < 0)
				goto done;
		}
	}

	/* npm install-time scripts added or changed. */
	for (i = 0; !r->install_scripts && i < head.nscripts; i++) {
		const gate_dep_script *s = &head.scripts[i];
		int same = 0;

		for (k = 0; have_base && k < base.nscripts; k++)
			same |= strcmp(base.scripts[k].name, s->name) == 0 &&
				strcmp(base.scripts[k].command, s->command) == 0;
		if (same)
			continue;
		snprintf(msg, sizeof(msg),
			 "adds a \"%s\" script (%.200s): it runs on every machine that installs "
			 "the package",
			 s->name, s->command);
		if (finding(D, NULL, "install-script", f->path, s->line, msg,
			    "do the work in a script people run on purpose (npm run ...), or have "
			    "the policy allow install scripts for this tier",
			    err) < 0)
			goto done;
	}
	error = 0;
done:
	free(hix.v);
	free(bix.v);
	gate_deps_manifest_dispose(&head);
	gate_deps_manifest_dispose(&base);
	gate_deps_lock_dispose(&lock);
	gate_buf_dispose(&text);
	gate_buf_dispose(&lockpath);
	gate_buf_dispose(&locktext);
	return error;
}

/* Approvals from the named people when packages are added. */
static int check_approvals(deps_run *D, size_t tier, gate_error *err)
{
	const gate_deps_req *r = D->req;
	gate_check_ctx *ctx = D->ctx;
	size_t i, k, n = 0;
	char msg[512];

	if (!D->any_added || r->approvals <= 0)
		return 0;
	if (!ctx->approvers_known) {
		snprintf(
		    msg, sizeof(msg),
		    "the change adds packages in tier \"%s\", which need %lld approval(s) from "
		    "the dependency reviewers, and who approved is not known",
		    D->tier->name, r->approvals);
		return finding(D, NULL, "approvals", NULL, 0, msg,
			       gate_check_unknown_approvals(ctx), err);
	}
	for (i = 0; i < ctx->napprovers; i++) {
		if (!gate_approver_counts_for(&ctx->approvers[i], tier))
			continue;
		for (k = 0; k < r->napprovers; k++)
			if (gate_approver_matches(&ctx->approvers[i], r->approvers[k],
						  ctx->opts ? ctx->opts->teams : NULL)) {
				n++;
				break;
			}
	}
	if ((long long)n >= r->approvals)
		return 0;
	snprintf(msg, sizeof(msg),
		 "the change adds packages in tier \"%s\": %zu of the %lld approval(s) it needs "
		 "from %s%s",
		 D->tier->name, n, r->approvals, r->approvers[0],
		 r->napprovers > 1 ? " and others" : "");
	return finding(D, NULL, "approvals", NULL, 0, msg,
		       "ask one of the dependency reviewers the policy names to review the change",
		       err);
}

/*
 * Reads the list file `path` that the policy names from the trusted base
 * revision into `out` (docs/dependencies.md, "Allow and deny list files").
 * Never from the head: the change under review must not write its own
 * allow-list. Missing, unreadable, binary or too large is an error.
 */
static int read_list(gate_deps_list *out, gate_check_ctx *ctx, const char *key, const char *path,
		     gate_error *err)
{
	const char *rev = ctx->opts ? ctx->opts->sources : NULL;
	gate_buf text = GATE_BUF_INIT(GATE_DEPS_LIST_MAX);
	int rc, error = -1;

	if (!rev)
		rev = ctx->change->base;
	if (!rev[0] || strspn(rev, "0") == strlen(rev)) {
		gate_error_set(err, GATE_ERR_POLICY,
			       "dependencies.%s names %s, and this change has no base revision to "
			       "read it from",
			       key, path);
		goto done;
	}
	if ((rc = gate_repo_read_file(&text, ctx->repo, rev, path, err)) < 0) {
		gate_error_prefix(err, "dependencies.%s", key);
		goto done;
	}
	if (rc == 0) {
		gate_error_set(err, GATE_ERR_POLICY,
			       "dependencies.%s: %s is not in the base revision %.12s; the list is "
			       "read from the base, never from the change",
			       key, path, rev);
		goto done;
	}
	if (gate_deps_list_parse(out, path, text.ptr, text.size, err) < 0) {
		gate_error_prefix(err, "dependencies.%s", key);
		goto done;
	}
	error = 0;
done:
	gate_buf_dispose(&text);
	return error;
}

/* One list of borrowed names: the policy's inline ones, then the file's. */
static int merge_names(char ***out, size_t *n, char *const *inline_names, size_t ninline,
		       const gate_deps_list *file, gate_error *err)
{
	size_t i, total;

	if (gate_add_overflow(&total, ninline, file->count))
		return gate_error_set(err, GATE_ERR_NOMEM, "too many package names");
	if (!(*out = gate_calloc(total ? total : 1, sizeof(**out), err)))
		return -1;
	for (i = 0; i < ninline; i++)
		(*out)[i] = inline_names[i];
	for (i = 0; i < file->count; i++)
		(*out)[ninline + i] = file->names[i];
	*n = total;
	return 0;
}

static int load_lists(deps_run *D, gate_error *err)
{
	const gate_deps_req *r = D->req;

	if (r->allow_file &&
	    read_list(&D->allow_list, D->ctx, "allow_file", r->allow_file, err) < 0)
		return -1;
	if (r->deny_file && read_list(&D->deny_list, D->ctx, "deny_file", r->deny_file, err) < 0)
		return -1;
	if (merge_names(&D->allow, &D->nallow, r->allow, r->nallow, &D->allow_list, err) < 0 ||
	    merge_names(&D->deny, &D->ndeny, r->deny, r->ndeny, &D->deny_list, err) < 0)
		return -1;
	D->allow_on = r->nallow > 0 || r->allow_file != NULL;
	return 0;
}

static void deps_run_dispose(deps_run *D)
{
	if (D->pk) {
		gate_strlist_dispose(&D->pk->added);
		gate_strlist_dispose(&D->pk->reversioned);
		gate_strlist_dispose(&D->pk->removed);
		free(D->pk);
	}
	gate_deps_list_dispose(&D->allow_list);
	gate_deps_list_dispose(&D->deny_list);
	free(D->allow);
	free(D->deny);
}

/* How many paths of the unread manifests the detail names. */
#define DEPS_UNREAD_SHOWN 10

/* " (a, b and 3 more)" for a list of package names; nothing when empty. */
static int names_text(gate_buf *out, const gate_strlist *names, size_t n, gate_error *err)
{
	size_t i;

	if (!names->count)
		return 0;
	for (i = 0; i < names->count; i++)
		if (gate_buf_printf(out, err, "%s%s", i ? ", " : " (", names->items[i]) < 0)
			return -1;
	if (n > names->count && gate_buf_printf(out, err, " and %zu more", n - names->count) < 0)
		return -1;
	return gate_buf_putc(out, ')', err);
}

/*
 * The requirement's detail: what was read and found, then the changed
 * manifests of the tier riskgate does not read (docs/dependencies.md,
 * "Limits"), named so that a reviewer sees them.
 */
static int detail_text(gate_buf *out, const deps_run *D, size_t manifests,
		       const gate_strlist *unread, gate_error *err)
{
	size_t i;

	if (manifests && (gate_buf_printf(out, err, "%zu manifest(s): %zu dependenc%s added",
					  manifests, D->added, D->added == 1 ? "y" : "ies") < 0 ||
			  names_text(out, &D->pk->added, D->pk->nadded, err) < 0 ||
			  gate_buf_printf(out, err, ", %zu re-versioned", D->changed) < 0 ||
			  names_text(out, &D->pk->reversioned, D->pk->nreversioned, err) < 0 ||
			  gate_buf_printf(out, err, ", %zu removed", D->removed) < 0 ||
			  names_text(out, &D->pk->removed, D->pk->nremoved, err) < 0 ||
			  gate_buf_printf(out, err, "; %zu finding(s)", D->findings) < 0))
		return -1;
	if (!unread->count)
		return 0;
	if (gate_buf_printf(out, err, "%s%zu manifest(s) not read: ", manifests ? "; " : "",
			    unread->count) < 0)
		return -1;
	for (i = 0; i < unread->count && i < DEPS_UNREAD_SHOWN; i++)
		if (gate_buf_printf(out, err, "%s%s", i ? ", " : "", unread->items[i]) < 0)
			return -1;
	if (unread->count > DEPS_UNREAD_SHOWN &&
	    gate_buf_printf(out, err, " and %zu more", unread->count - DEPS_UNREAD_SHOWN) < 0)
		return -1;
	return gate_buf_puts(out,
			     " (riskgate does not read their dependencies: review them "
			     "by hand)",
			     err);
}

int gate_check_dependencies(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	gate_requirement *req = NULL;
	gate_strlist unread = {NULL, 0, 0};
	gate_buf detail = GATE_BUF_INIT(64 * 1024);
	deps_run D;
	size_t i, manifests = 0, before;
	int error = -1;

	if (!t->require.dependencies)
		return 0;
	if (!ctx->repo)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "dependency intake needs the repository");
	memset(&D, 0, sizeof(D));
	D.res = res;
	D.ctx = ctx;
	D.tier = t;
	D.req = t->require.dependencies;
	if (!(D.pk = gate_calloc(1, sizeof(*D.pk), err)))
		return -1;
	before = res->nviols;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		gate_eco eco;

		if (f->status == GATE_STATUS_DELETED)
			continue;
		if (gate_deps_manifest_eco(f->path, f->path_len, &eco))
			manifests++;
		else if (gate_deps_unread_manifest(f->path, f->path_len) &&
			 gate_strlist_add(&unread, f->path, err) < 0)
			goto done;
	}
	if (!manifests && !unread.count) {
		error = 0;
		goto done;
	}
	/* The lists matter only when a manifest is read: a tier without one
	 * does not read them. */
	if (manifests && load_lists(&D, err) < 0)
		goto done;
	for (i = 0; manifests && i < ctx->tier_nfiles[tier]; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		gate_eco eco;

		if (f->status == GATE_STATUS_DELETED ||
		    !gate_deps_manifest_eco(f->path, f->path_len, &eco))
			continue;
		if (gate_eval_expired(ctx, err) < 0 || check_manifest(&D, f, eco, err) < 0)
			goto done;
	}
	if (manifests && check_approvals(&D, tier, err) < 0)
		goto done;
	if (detail_text(&detail, &D, manifests, &unread, err) < 0 ||
	    gate_buf_putc(&detail, '\0', err) < 0)
		goto done;
	/* Unread manifests warn, they do not fail (docs/dependencies.md,
	 * "Limits"); with nothing read the requirement is skipped, not passed. */
	if (gate_result_add_requirement(res, &req, t->name, "dependencies",
					D.findings  ? GATE_REQ_FAIL
					: manifests ? GATE_REQ_PASS
						    : GATE_REQ_SKIP,
					detail.ptr, err) < 0)
		goto done;
	if (manifests) {
		req->packages = D.pk;
		D.pk = NULL;
	}
	/* each file once, however many findings it has */
	for (i = before; i < res->nviols; i++) {
		size_t k;

		if (!res->viols[i].path)
			continue;
		for (k = 0; k < req->failing.count; k++)
			if (strcmp(req->failing.items[k], res->viols[i].path) == 0)
				break;
		if (k == req->failing.count &&
		    gate_strlist_add(&req->failing, res->viols[i].path, err) < 0)
			goto done;
	}
	error = 0;
done:
	deps_run_dispose(&D);
	gate_strlist_dispose(&unread);
	gate_buf_dispose(&detail);
	return error;
}

int gate_check_dependencies_text(gate_buf *out, const char *sep, const gate_policy *policy,
				 const gate_tier *tier, gate_error *err)
{
	const gate_deps_req *d = tier->require.dependencies;
	int error;

	(void)policy;
	if (!d)
		return 0;
	if ((error = gate_buf_printf(out, err, "%sdependencies:%s%s%s%s", sep,
				     d->lockfile ? " locked" : "",
				     d->pinned == GATE_PIN_EXACT     ? " exact"
				     : d->pinned == GATE_PIN_BOUNDED ? " bounded"
								     : "",
				     d->lookalike ? " no-lookalikes" : "",
				     d->install_scripts ? "" : " no-install-scripts")) < 0)
		return error;
	if (d->ndeny && (error = gate_buf_printf(out, err, " deny:%zu", d->ndeny)) < 0)
		return error;
	if (d->nallow && (error = gate_buf_printf(out, err, " allow:%zu", d->nallow)) < 0)
		return error;
	if (d->deny_file && (error = gate_buf_printf(out, err, " deny_file:%s", d->deny_file)) < 0)
		return error;
	if (d->allow_file &&
	    (error = gate_buf_printf(out, err, " allow_file:%s", d->allow_file)) < 0)
		return error;
	if (d->approvals > 0 &&
	    (error = gate_buf_printf(out, err, " +%lld approval(s) for new packages",
				     d->approvals)) < 0)
		return error;
	return 1;
}

int gate_check_dependencies_json(struct cJSON *requires, const gate_policy *policy,
				 const gate_tier *tier, gate_error *err)
{
	const gate_deps_req *d = tier->require.dependencies;
	cJSON *o = NULL;

	(void)policy;
	if (!d)
		return gate_jsonout__add_null(requires, "dependencies", err);
	if (gate_jsonout__add_object(&o, requires, "dependencies", err) < 0 ||
	    gate_jsonout__add_bool(o, "lockfile", d->lockfile, err) < 0 ||
	    gate_jsonout__add_text(o, "pinned",
				   d->pinned == GATE_PIN_EXACT     ? "exact"
				   : d->pinned == GATE_PIN_BOUNDED ? "bounded"
								   : "none",
				   err) < 0 ||
	    gate_jsonout__add_bool(o, "lookalike", d->lookalike, err) < 0 ||
	    gate_jsonout__add_bool(o, "install_scripts", d->install_scripts, err) < 0 ||
	    (d->allow_file && gate_jsonout__add_text(o, "allow_file", d->allow_file, err) < 0) ||
	    (d->deny_file && gate_jsonout__add_text(o, "deny_file", d->deny_file, err) < 0) ||
	    gate_jsonout__add_number(o, "approvals", (double)d->approvals, err) < 0)
		return -1;
	return 0;
}
