/*
 * Dependency manifests and lock files, read as their own tools read them,
 * as far as a gate needs (docs/dependencies.md, "What is read"): the
 * dependencies each manifest declares with their version requirements and
 * lines, npm's install-time scripts, and the packages a lock file resolved.
 * JSON goes through the policy's reader (jsonc.c); TOML, go.mod, pip's
 * requirement lines, XML and the lock formats through the small readers
 * below. What cannot be read is an error naming the file and line, never
 * an empty manifest.
 */
#include "riskgate/banned.h"

#include "riskgate/deps.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "deps_internal.h"
#include "riskgate/jsonc.h"

const char *gate_deps_eco_name(gate_eco eco)
{
	static const char *const names[] = {"npm", "pypi", "go", "cargo", "maven"};

	return eco < GATE_ECO_COUNT ? names[eco] : "unknown";
}

const char *gate_dep_kind_name(gate_dep_kind kind)
{
	static const char *const names[] = {"exact", "bounded", "open",    "vcs",
					    "path",  "url",     "managed", "registry"};

	return kind <= GATE_DEP_REGISTRY ? names[kind] : "open";
}

static const char *base_name(const char *path, size_t len, size_t *blen)
{
	size_t i;

	for (i = len; i > 0; i--)
		if (path[i - 1] == '/')
			break;
	*blen = len - i;
	return path + i;
}

static int name_is(const char *b, size_t blen, const char *name)
{
	return strlen(name) == blen && memcmp(b, name, blen) == 0;
}

/* pip requirement files: requirements.txt, requirements-dev.txt,
 * constraints.txt, and any .txt under a requirements/ directory. */
static int pip_requirements(const char *path, size_t len, const char *b, size_t blen)
{
	size_t i;

	if (blen < 5 || memcmp(b + blen - 4, ".txt", 4) != 0)
		return 0;
	if (name_is(b, blen, "requirements.txt") || name_is(b, blen, "constraints.txt"))
		return 1;
	if ((blen > 16 && memcmp(b, "requirements", 12) == 0 && memchr("-_.", b[12], 3)) ||
	    (blen > 15 && memcmp(b, "constraints", 11) == 0 && memchr("-_.", b[11], 3)))
		return 1;
	for (i = 0; i + 13 <= len - blen; i++)
		if (memcmp(path + i, "requirements/", 13) == 0 && (i == 0 || path[i - 1] == '/') &&
		    i + 13 == len - blen)
			return 1;
	return 0;
}

int gate_deps_manifest_eco(const char *path, size_t len, gate_eco *eco)
{
	size_t blen;
	const char *b = base_name(path, len, &blen);

	if (name_is(b, blen, "package.json"))
		*eco = GATE_ECO_NPM;
	else if (name_is(b, blen, "pyproject.toml") || name_is(b, blen, "Pipfile") ||
		 pip_requirements(path, len, b, blen))
		*eco = GATE_ECO_PYPI;
	else if (name_is(b, blen, "go.mod"))
		*eco = GATE_ECO_GO;
	else if (name_is(b, blen, "Cargo.toml"))
		*eco = GATE_ECO_CARGO;
	else if (name_is(b, blen, "pom.xml"))
		*eco = GATE_ECO_MAVEN;
	else
		return 0;
	return 1;
}

const char *gate_deps_unread_manifest(const char *path, size_t len)
{
	size_t blen;
	const char *b = base_name(path, len, &blen);

	if (name_is(b, blen, "build.gradle") || name_is(b, blen, "build.gradle.kts") ||
	    name_is(b, blen, "settings.gradle") || name_is(b, blen, "settings.gradle.kts") ||
	    name_is(b, blen, "libs.versions.toml"))
		return "Gradle";
	if (name_is(b, blen, "Gemfile") || (blen > 8 && memcmp(b + blen - 8, ".gemspec", 8) == 0))
		return "Ruby";
	if (name_is(b, blen, "setup.py") || name_is(b, blen, "setup.cfg") ||
	    (blen >= 15 && memcmp(b, "requirements", 12) == 0 &&
	     memcmp(b + blen - 3, ".in", 3) == 0 && (blen == 15 || memchr("-_.", b[12], 3))))
		return "PyPI";
	if (name_is(b, blen, "go.work"))
		return "Go";
	return NULL;
}

const char *const *gate_deps_lock_names(gate_eco eco)
{
	static const char *const npm[] = {"package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
					  "pnpm-lock.yaml", NULL};
	static const char *const pypi[] = {"poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock",
					   NULL};
	static const char *const go[] = {"go.sum", NULL};
	static const char *const cargo[] = {"Cargo.lock", NULL};

	switch (eco) {
	case GATE_ECO_NPM:
		return npm;
	case GATE_ECO_PYPI:
		return pypi;
	case GATE_ECO_GO:
		return go;
	case GATE_ECO_CARGO:
		return cargo;
	default:
		return NULL;
	}
}

/* --- building the lists -------------------------------------------------- */

size_t gate_deps__line_at(const src *S, const char *p)
{
	line_cache start = {S->text, 1}, *lc = S->lc ? S->lc : &start;
	const char *q, *end = S->text + S->len;

	if (p > end)
		p = end;
	if (p < lc->pos) {
		lc->pos = S->text;
		lc->line = 1;
	}
	for (q = lc->pos; q < p && (q = memchr(q, '\n', (size_t)(p - q))) != NULL; q++)
		lc->line++;
	lc->pos = p;
	return lc->line;
}

int gate_deps__bad(const src *S, size_t line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gate_error_set(S->err, GATE_ERR_INPUT, "%s:%zu: %s", S->path, line, msg);
	if (S->err)
		S->err->line = (unsigned)line;
	return -1;
}

/* PEP 503: lower case, runs of '-', '_' and '.' as one '-'. */
static char *pypi_key(const char *name, size_t n, gate_error *err)
{
	char *k = gate_strndup(name, n, err);
	size_t i, o = 0;

	if (!k)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (c == '-' || c == '_' || c == '.') {
			if (o && k[o - 1] == '-')
				continue;
			c = '-';
		} else if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		k[o++] = c;
	}
	k[o] = '\0';
	return k;
}

/* The package an npm alias ("npm:real@range", "npm:@s/real@range")
 * fetches; the dependency's own name otherwise. */
static char *npm_alias_pkg(gate_eco eco, const char *name, size_t nlen, const char *spec,
			   gate_error *err)
{
	const char *at;

	if (eco != GATE_ECO_NPM || strncmp(spec, "npm:", 4) != 0)
		return gate_strndup(name, nlen, err);
	at = strrchr(spec + 4, '@');
	if (!at || at == spec + 4)
		at = spec + strlen(spec);
	return gate_strndup(spec + 4, (size_t)(at - spec - 4), err);
}

static int add_dep(gate_manifest *m, const char *name, size_t nlen, const char *spec, size_t slen,
		   gate_dep_kind kind, size_t line, gate_error *err)
{
	gate_dep *grown, *d;

	if (!(grown = gate_reallocarray(m->deps, m->ndeps + 1, sizeof(*grown), err)))
		return -1;
	m->deps = grown;
	d = &m->deps[m->ndeps];
	memset(d, 0, sizeof(*d));
	if (!(d->name = gate_strndup(name, nlen, err)) ||
	    !(d->spec = gate_strndup(spec, slen, err)) ||
	    !(d->key = m->eco == GATE_ECO_PYPI ? pypi_key(name, nlen, err)
					       : gate_strndup(name, nlen, err)) ||
	    !(d->pkg = npm_alias_pkg(m->eco, name, nlen, d->spec, err))) {
		free(d->name);
		free(d->spec);
		free(d->key);
		return -1;
	}
	d->kind = kind;
	d->line = line;
	m->ndeps++;
	return 0;
}

static int add_locked(gate_lock *l, gate_eco eco, const char *name, size_t nlen,
		      const char *version, size_t vlen, gate_error *err)
{
	gate_locked *grown, *e;

	if (!(grown = gate_reallocarray(l->items, l->count + 1, sizeof(*grown), err)))
		return -1;
	l->items = grown;
	e = &l->items[l->count];
	e->key = eco == GATE_ECO_PYPI ? pypi_key(name, nlen, err) : gate_strndup(name, nlen, err);
	e->version = e->key ? gate_strndup(version, vlen, err) : NULL;
	if (!e->version) {
		free(e->key);
		return -1;
	}
	l->count++;
	return 0;
}

void gate_deps_manifest_dispose(gate_manifest *m)
{
	size_t i;

	for (i = 0; i < m->ndeps; i++) {
		free(m->deps[i].name);
		free(m->deps[i].key);
		free(m->deps[i].pkg);
		free(m->deps[i].spec);
	}
	free(m->deps);
	for (i = 0; i < m->nscripts; i++) {
		free(m->scripts[i].name);
		free(m->scripts[i].command);
	}
	free(m->scripts);
	memset(m, 0, sizeof(*m));
}

void gate_deps_lock_dispose(gate_lock *l)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		free(l->items[i].key);
		free(l->items[i].version);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

const char *gate_deps_lock_find(const gate_lock *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].version;
	return NULL;
}

static int has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* A version made of digits and dots, with an optional pre-release or
 * build suffix: "1.2.3", "1.2.3-rc.1", "2.0.0+build". */
static int is_version(const char *s)
{
	if (*s == 'v' || *s == '=')
		s++;
	if (!is_digit(*s))
		return 0;
	while (is_digit(*s) || *s == '.')
		s++;
	if (*s == '-' || *s == '+') {
		for (s++; *s; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			      is_digit(*s) || *s == '.' || *s == '-' || *s == '+'))
				return 0;
		return 1;
	}
	return *s == '\0';
}

/* Exactly one semantic version, MAJOR.MINOR.PATCH with an optional
 * pre-release and build ("1.2" is a range to npm and Cargo). */
static int is_semver3(const char *s)
{
	int parts = 0;

	if (*s == 'v' || *s == '=')
		s++;
	for (;;) {
		if (!is_digit(*s))
			return 0;
		while (is_digit(*s))
			s++;
		parts++;
		if (*s != '.' || parts == 3)
			break;
		s++;
	}
	if (parts != 3)
		return 0;
	if (*s == '\0')
		return 1;
	if (*s != '-' && *s != '+')
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || is_digit(*s) ||
		      *s == '.' || *s == '-' || *s == '+'))
			return 0;
	return 1;
}

/* --- locked versions (docs/dependencies.md, "Locked at the version asked for") */

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
}

/* Semantic version MAJOR.MINOR.PATCH with nothing in front of it: what npm
 * and Cargo write into a lock. */
static int is_plain_semver3(const char *s)
{
	return is_digit(*s) && is_semver3(s);
}

int gate_deps_version_concrete(gate_eco eco, const char *v)
{
	const char *p;

	if (!v)
		return 0;
	switch (eco) {
	case GATE_ECO_NPM:
	case GATE_ECO_CARGO:
		return is_plain_semver3(v);
	case GATE_ECO_GO:
		/* v1.2.3, v0.0.0-20240101000000-abcdef012345, v2.0.0+incompatible */
		if (v[0] != 'v' || !is_digit(v[1]))
			return 0;
		for (p = v + 1; *p; p++)
			if (!is_alnum(*p) && !strchr(".+-", *p))
				return 0;
		return 1;
	case GATE_ECO_PYPI:
		/* PEP 440: [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]; what
		 * matters here is that it is one version, not a specifier: no
		 * operator, no wildcard, no comma, no space */
		if (!is_digit(v[0]))
			return 0;
		for (p = v; *p; p++)
			if (!is_alnum(*p) && !strchr(".+-_!", *p))
				return 0;
		return 1;
	default:
		return 0;
	}
}

/* Compares two PEP 440 versions as equal when their release segments are
 * numerically equal once padded with zeros ("1.2" is "1.2.0") and the rest
 * is equal without case. Both without an operator. */
static int pep440_same(const char *a, const char *b)
{
	if (*a == 'v' || *a == 'V')
		a++;
	if (*b == 'v' || *b == 'V')
		b++;
	/* the release segments; a side that has run out reads as 0 */
	while (is_digit(*a) || is_digit(*b)) {
		unsigned long long x = 0, y = 0;

		for (; is_digit(*a); a++)
			x = x > 100000000000ULL ? x : x * 10 + (unsigned)(*a - '0');
		for (; is_digit(*b); b++)
			y = y > 100000000000ULL ? y : y * 10 + (unsigned)(*b - '0');
		if (x != y)
			return 0;
		if (*a == '.' && is_digit(a[1]))
			a++;
		if (*b == '.' && is_digit(b[1]))
			b++;
	}
	/* the rest (pre-, post-, dev-release, local) as written, without case */
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

const char *gate_deps_exact_version(gate_eco eco, const char *spec)
{
	const char *at;

	if (!spec)
		return NULL;
	switch (eco) {
	case GATE_ECO_NPM:
		if (has_prefix(spec, "npm:")) {
			at = strrchr(spec + 4, '@');
			if (!at || at == spec + 4)
				return NULL;
			spec = at + 1;
		}
		if (*spec == '=' || *spec == 'v')
			spec++;
		return is_plain_semver3(spec) ? spec : NULL;
	case GATE_ECO_CARGO:
		/* only "=1.2.3": a bare "1.2.3" is a caret range in Cargo */
		if (*spec != '=')
			return NULL;
		spec++;
		while (*spec == ' ')
			spec++;
		return is_plain_semver3(spec) ? spec : NULL;
	case GATE_ECO_PYPI:
		while (*spec == '=' || *spec == ' ')
			spec++;
		return gate_deps_version_concrete(eco, spec) ||
			       ((*spec == 'v' || *spec == 'V') &&
				gate_deps_version_concrete(eco, spec + 1))
			   ? spec
			   : NULL;
	case GATE_ECO_GO:
		return gate_deps_version_concrete(eco, spec) ? spec : NULL;
	default:
		return NULL;
	}
}

int gate_deps_version_same(gate_eco eco, const char *exact, const char *locked)
{
	if (!exact || !locked)
		return 0;
	if (eco == GATE_ECO_PYPI)
		return pep440_same(exact, locked);
	return strcmp(exact, locked) == 0;
}

/* --- npm ------------------------------------------------------------------ */

static int npm_is_vcs(const char *s)
{
	const char *slash;

	if (has_prefix(s, "git+") || has_prefix(s, "git://") || has_prefix(s, "github:") ||
	    has_prefix(s, "gitlab:") || has_prefix(s, "bitbucket:") || has_prefix(s, "gist:"))
		return 1;
	/* "user/repo" or "user/repo#ref": GitHub shorthand. */
	slash = strchr(s, '/');
	return slash && s[0] != '@' && s[0] != '.' && s[0] != '/' && !strchr(s, ':') &&
	       !strchr(s, ' ') && slash != s;
}

/*
 * One comparator set of a range ("^1.2.0", ">=1 <2", "1.2.x", "1 - 2",
 * ">= 1.0.0"): whether it has an upper bound. An operator may stand apart
 * from its version; a version that is "*", "x" or "X" is any version.
 */
static int npm_set_bounded(const char *s, size_t n)
{
	char op[8];
	size_t i = 0, k;
	int bounded = 0, any = 0, hyphen = 0;

	while (i < n) {
		size_t ol = 0;

		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		if (s[i] == '-' && (i + 1 == n || s[i + 1] == ' ')) {
			hyphen = 1; /* "A - B": B is the upper bound */
			i++;
			continue;
		}
		while (i < n && strchr("<>=^~v", s[i]) && ol + 1 < sizeof(op))
			op[ol++] = s[i++];
		op[ol] = '\0';
		while (i < n && s[i] == ' ')
			i++; /* ">= 1.0.0" */
		if (i >= n)
			return 0; /* an operator with nothing after it */
		k = i;
		while (i < n && s[i] != ' ')
			i++;
		any = 1;
		if (s[k] == '*' || s[k] == 'x' || s[k] == 'X')
			return 0; /* "*", "^x", "<=*": any version */
		if (!is_digit(s[k]))
			return 0; /* "latest", a dist-tag */
		if (strchr(op, '>') && !hyphen)
			continue; /* a lower bound bounds nothing */
		bounded = 1;      /* ^, ~, <, <=, =, a bare version, x-range with a major */
		hyphen = 0;
	}
	return any && bounded;
}

static gate_dep_kind npm_kind(const char *spec)
{
	const char *p, * or ;

	if (has_prefix(spec, "npm:")) {
		/* an alias: npm:real-name@range */
		p = strrchr(spec + 4, '@');
		if (!p || p == spec + 4)
			return GATE_DEP_OPEN;
		spec = p + 1;
	}
	if (has_prefix(spec, "file:") || has_prefix(spec, "link:") ||
	    has_prefix(spec, "workspace:") || has_prefix(spec, "portal:") || spec[0] == '.' ||
	    spec[0] == '/' || (spec[0] == '~' && spec[1] == '/'))
		return GATE_DEP_PATH;
	if (has_prefix(spec, "http://") || has_prefix(spec, "https://"))
		return GATE_DEP_URL;
	if (npm_is_vcs(spec))
		return GATE_DEP_VCS;
	if (is_semver3(spec))
		return GATE_DEP_EXACT;
	for (p = spec;; p = or +2) {
		or = strstr(p, "||");
		if (!npm_set_bounded(p, or ? (size_t)(or -p) : strlen(p)))
			return GATE_DEP_OPEN;
		if (! or)
			break;
	}
	return GATE_DEP_BOUNDED;
}

/*
 * npm's `overrides`, yarn's `resolutions`, pnpm's `pnpm.overrides`: each
 * forces the version, or the source, of a package others depend on. Each
 * string in them is kept as a dependency named by its path ("overrides
 * a>b"), fetching the last package it names, or the package an npm: alias
 * value names ("a": "npm:other@1" fetches other).
 */
static int npm_overrides(gate_manifest *m, const src *S, const gate_json *node, const char *what)
{
	const gate_json *stack[32], *e;
	char path[512];
	size_t depth = 0;

	if (!node)
		return 0;
	if (node->type != GATE_JSON_OBJECT)
		return gate_deps__bad(S, node->line, "\"%s\" must be an object", what);
	stack[depth++] = node->child;
	while (depth) {
		e = stack[--depth];
		for (; e; e = e->next) {
			if (e->type == GATE_JSON_OBJECT) {
				if (e->child && depth < sizeof(stack) / sizeof(stack[0]))
					stack[depth++] = e->child;
				continue;
			}
			if (e->type != GATE_JSON_STRING)
				continue;
			{
				/* the package: the key's last part ("**\/a", "b@1" -> b;
				 * "." is the object's own package) */
				const char *k = e->key, *slash, *at;
				gate_dep *d;
				size_t n;

				if (strcmp(k, ".") == 0)
					k = "(this)";
				slash = strrchr(k, '/');
				if (slash && !(k[0] == '@' && strchr(k, '/') == slash))
					k = slash + 1;
				at = strchr(k[0] == '@' ? k + 1 : k, '@');
				n = at ? (size_t)(at - k) : strlen(k);
				snprintf(path, sizeof(path), "%s %s", what, e->key);
				if (add_dep(m, path, strlen(path), e->str, e->str_len,
					    npm_kind(e->str), e->key_line, S->err) < 0)
					return -1;
				d = &m->deps[m->ndeps - 1];
				d->override = 1;
				free(d->pkg);
				/* the value may fetch another package ("npm:real@1"):
				 * that one is judged, as under "dependencies" */
				if (!(d->pkg = npm_alias_pkg(m->eco, k, n, d->spec, S->err)))
					return -1;
			}
		}
	}
	return 0;
}

static int parse_npm(gate_manifest *m, const src *S)
{
	static const char *const sections[] = {"dependencies", "devDependencies",
					       "optionalDependencies", "peerDependencies", NULL};
	static const char *const install[] = {"preinstall", "install", "postinstall", NULL};
	gate_json *root = NULL;
	const gate_json *sec, *e, *scripts;
	size_t i;
	int error = -1;

	if (gate_json_parse(&root, S->text, S->len, S->path, GATE_ERR_INPUT, S->err) < 0)
		return -1;
	if (root->type != GATE_JSON_OBJECT) {
		gate_deps__bad(S, root->line, "a package.json must be a JSON object");
		goto done;
	}
	for (i = 0; sections[i]; i++) {
		if (!(sec = gate_json_get(root, sections[i])))
			continue;
		if (sec->type != GATE_JSON_OBJECT) {
			gate_deps__bad(S, sec->line, "\"%s\" must be an object", sections[i]);
			goto done;
		}
		for (e = sec->child; e; e = e->next) {
			if (e->type != GATE_JSON_STRING) {
				gate_deps__bad(S, e->line, "the version of \"%s\" must be a string",
					       e->key);
				goto done;
			}
			if (add_dep(m, e->key, strlen(e->key), e->str, e->str_len, npm_kind(e->str),
				    e->key_line, S->err) < 0)
				goto done;
		}
	}
	if (npm_overrides(m, S, gate_json_get(root, "overrides"), "overrides") < 0 ||
	    npm_overrides(m, S, gate_json_get(root, "resolutions"), "resolutions") < 0 ||
	    npm_overrides(m, S,
			  gate_json_get(root, "pnpm") &&
				  gate_json_get(root, "pnpm")->type == GATE_JSON_OBJECT
			      ? gate_json_get(gate_json_get(root, "pnpm"), "overrides")
			      : NULL,
			  "pnpm.overrides") < 0)
		goto done;
	if ((scripts = gate_json_get(root, "scripts")) && scripts->type == GATE_JSON_OBJECT)
		for (e = scripts->child; e; e = e->next)
			for (i = 0; install[i]; i++) {
				gate_dep_script *grown;

				if (strcmp(e->key, install[i]) != 0)
					continue;
				if (!(grown = gate_reallocarray(m->scripts, m->nscripts + 1,
								sizeof(*grown), S->err)))
					goto done;
				m->scripts = grown;
				grown[m->nscripts].line = e->key_line;
				grown[m->nscripts].command = NULL;
				if (!(grown[m->nscripts].name = gate_strdup(e->key, S->err)))
					goto done;
				m->nscripts++;
				if (!(grown[m->nscripts - 1].command = gate_strdup(
					  e->type == GATE_JSON_STRING ? e->str : "", S->err)))
					goto done;
			}
	error = 0;
done:
	gate_json_free(root);
	return error;
}

/* The name of the package of lock path "node_modules/a/node_modules/@s/b". */
static const char *npm_lock_name(const char *key)
{
	const char *p = key, *q;

	while ((q = strstr(p, "node_modules/")) != NULL)
		p = q + strlen("node_modules/");
	return p;
}

static int lock_npm_json(gate_lock *l, const src *S)
{
	gate_json *root = NULL;
	const gate_json *pk, *e, *v;
	int error = -1;

	if (gate_json_parse(&root, S->text, S->len, S->path, GATE_ERR_INPUT, S->err) < 0)
		return -1;
	if (root->type != GATE_JSON_OBJECT) {
		gate_deps__bad(S, root->line, "a lock file must be a JSON object");
		goto done;
	}
	if ((pk = gate_json_get(root, "packages")) && pk->type == GATE_JSON_OBJECT) {
		for (e = pk->child; e; e = e->next) {
			const char *name = npm_lock_name(e->key);

			if (!*name || e->key[0] == '\0' || e->type != GATE_JSON_OBJECT)
				continue;
			v = gate_json_get(e, "version");
			if (v && v->type == GATE_JSON_STRING &&
			    add_locked(l, GATE_ECO_NPM, name, strlen(name), v->str, v->str_len,
				       S->err) < 0)
				goto done;
		}
	} else if ((pk = gate_json_get(root, "dependencies")) && pk->type == GATE_JSON_OBJECT) {
		/* lockfileVersion 1: nested "dependencies" */
		const gate_json *stack[64];
		size_t depth = 0;

		stack[depth++] = pk->child;
		while (depth) {
			e = stack[--depth];
			for (; e; e = e->next) {
				const gate_json *sub;

				if (e->type != GATE_JSON_OBJECT)
					continue;
				v = gate_json_get(e, "version");
				if (v && v->type == GATE_JSON_STRING) {
					/* an alias is locked as "npm:real@1.2.3" */
					const char *ver = v->str, *at;

					if (has_prefix(ver, "npm:") &&
					    (at = strrchr(ver + 4, '@')) != NULL && at > ver + 4)
						ver = at + 1;
					if (add_locked(l, GATE_ECO_NPM, e->key, strlen(e->key), ver,
						       strlen(ver), S->err) < 0)
						goto done;
				}
				sub = gate_json_get(e, "dependencies");
				if (sub && sub->type == GATE_JSON_OBJECT && sub->child &&
				    depth < sizeof(stack) / sizeof(stack[0]))
					stack[depth++] = sub->child;
			}
		}
	}
	error = 0;
done:
	gate_json_free(root);
	return error;
}

/* A line of text (riskgate/buf.h). */
typedef gate_text_line span;

static span trim(span l)
{
	while (l.start < l.end && (*l.start == ' ' || *l.start == '\t'))
		l.start++;
	while (l.end > l.start && (l.end[-1] == ' ' || l.end[-1] == '\t'))
		l.end--;
	return l;
}

static span unquote(span l)
{
	if (l.end - l.start >= 2 && (*l.start == '"' || *l.start == '\'') && l.end[-1] == *l.start)
		l.start++, l.end--;
	return l;
}

/* yarn.lock: `"a@^1", a@^1.2:` then `  version "1.2.3"` (v1) or
 * `  version: 1.2.3` (berry). */
static int lock_yarn(gate_lock *l, const src *S)
{
	const char *p = S->text, *end = S->text + S->len;
	char name[512];
	size_t nlen = 0;

	while (p < end) {
		span ln = gate_next_line(&p, end);

		if (ln.start == ln.end || *ln.start == '#')
			continue;
		if (*ln.start != ' ') {
			/* an entry: its first descriptor names the package */
			span d = ln;
			const char *c = memchr(d.start, ',', (size_t)(d.end - d.start)), *at;

			if (c)
				d.end = c;
			else if (d.end > d.start && d.end[-1] == ':')
				d.end--;
			d = unquote(trim(d));
			nlen = 0;
			for (at = d.end - 1; at > d.start; at--)
				if (*at == '@')
					break;
			if (at > d.start && (size_t)(at - d.start) < sizeof(name)) {
				nlen = (size_t)(at - d.start);
				memcpy(name, d.start, nlen);
				/* berry: "a@npm:^1" names a as well */
				if (nlen > 4 && memcmp(name + nlen - 4, "@npm", 4) == 0)
					nlen -= 4;
			}
			continue;
		}
		ln = trim(ln);
		if (nlen && ln.end - ln.start > 8 && memcmp(ln.start, "version", 7) == 0 &&
		    (ln.start[7] == ' ' || ln.start[7] == ':')) {
			span v = {ln.start + 8, ln.end};

			v = unquote(trim(v));
			if (add_locked(l, GATE_ECO_NPM, name, nlen, v.start,
				       (size_t)(v.end - v.start), S->err) < 0)
				return -1;
			nlen = 0;
		}
	}
	return 0;
}

/* pnpm-lock.yaml: the keys of `packages:` ("/a@1.2.3", "a@1.2.3",
 * "/a/1.2.3" in version 5, with "(peer@x)" suffixes). */
static int lock_pnpm(gate_lock *l, const src *S)
{
	const char *p = S->text, *end = S->text + S->len;
	int in_packages = 0;

	while (p < end) {
		span ln = gate_next_line(&p, end);
		span k;
		const char *at, *paren;

		if (ln.start == ln.end)
			continue;
		if (*ln.start != ' ') {
			in_packages =
			    ln.end - ln.start == 9 && memcmp(ln.start, "packages:", 9) == 0;
			continue;
		}
		if (!in_packages || ln.end - ln.start < 3 || ln.start[0] != ' ' ||
		    ln.start[1] != ' ' || ln.start[2] == ' ' || ln.end[-1] != ':')
			continue;
		k.start = ln.start + 2;
		k.end = ln.end - 1;
		k = unquote(trim(k));
		if (k.start < k.end && *k.start == '/')
			k.start++;
		if ((paren = memchr(k.start, '(', (size_t)(k.end - k.start))) != NULL)
			k.end = paren;
		if (k.end - k.start < 3)
			continue; /* no room for a name, a separator and a version */
		{
			/* version 5: a/1.2.3 or @s/a/1.2.3, its peers after a '_'
			 * (a/1.2.3_b@2.0.0): the version ends there */
			const char *n = k.start, *slash, *u;

			if (*n == '@')
				n = (slash = memchr(n, '/', (size_t)(k.end - n))) ? slash + 1
										  : k.end;
			slash = n < k.end ? memchr(n, '/', (size_t)(k.end - n)) : NULL;
			if (slash && slash > n && slash + 1 < k.end && is_digit(slash[1])) {
				if ((u = memchr(slash + 1, '_', (size_t)(k.end - slash - 1))))
					k.end = u;
				if (add_locked(l, GATE_ECO_NPM, k.start, (size_t)(slash - k.start),
					       slash + 1, (size_t)(k.end - slash - 1), S->err) < 0)
					return -1;
				continue;
			}
		}
		for (at = k.end - 1; at > k.start; at--)
			if (*at == '@')
				break;
		if (at == k.start) {
			/* version 5: a/1.2.3 */
			for (at = k.end - 1; at > k.start && *at != '/'; at--)
				;
			if (at == k.start || !is_digit(at[1]))
				continue;
		}
		if (add_locked(l, GATE_ECO_NPM, k.start, (size_t)(at - k.start), at + 1,
			       (size_t)(k.end - at - 1), S->err) < 0)
			return -1;
	}
	return 0;
}

/* --- PyPI ----------------------------------------------------------------- */

/* A version specifier list ("==1.2.3", ">=1,<2", "~=1.4", "" for none). */
static gate_dep_kind pep440_kind(const char *s, size_t n)
{
	size_t clauses = 0;
	int exact = 0, upper = 0;
	const char *p = s, *end = s + n;

	while (p < end) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		span cl = {p, c ? c : end};

		cl = trim(cl);
		p = c ? c + 1 : end;
		if (cl.start == cl.end)
			continue;
		clauses++;
		if (cl.end - cl.start >= 2 && cl.start[0] == '=' && cl.start[1] == '=') {
			if (memchr(cl.start, '*', (size_t)(cl.end - cl.start)))
				upper = 1;
			else
				exact = 1;
		} else if (cl.start[0] == '<' || (cl.start[0] == '~' && cl.start[1] == '=')) {
			upper = 1;
		}
	}
	if (exact && clauses == 1)
		return GATE_DEP_EXACT;
	return exact || upper ? GATE_DEP_BOUNDED : GATE_DEP_OPEN;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' ||
	       c == '_' || c == '.';
}

/* One PEP 508 requirement: name[extras] specifiers ; markers, or
 * name @ url. */
static int pep508(gate_manifest *m, const src *S, span r, size_t line)
{
	const char *p = r.start, *name = p, *semi;
	size_t nlen;
	span spec;

	while (p < r.end && is_name_char(*p))
		p++;
	nlen = (size_t)(p - name);
	if (!nlen ||
	    !((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') || is_digit(*name)))
		return gate_deps__bad(S, line, "\"%.*s\" is not a requirement",
				      (int)(r.end - r.start), r.start);
	while (p < r.end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < r.end && *p == '[') {
		const char *c = memchr(p, ']', (size_t)(r.end - p));

		if (!c)
			return gate_deps__bad(S, line, "the extras of \"%.*s\" are not closed",
					      (int)nlen, name);
		p = c + 1;
	}
	semi = memchr(p, ';', (size_t)(r.end - p));
	spec.start = p;
	spec.end = semi ? semi : r.end;
	{
		/* "--hash=..." and other per-requirement options follow it */
		const char *o;

		for (o = spec.start; o + 1 < spec.end; o++)
			if ((o[0] == ' ' || o[0] == '\t') && o[1] == '-') {
				spec.end = o;
				break;
			}
	}
	spec = trim(spec);
	if (spec.start < spec.end && *spec.start == '@') {
		span url = {spec.start + 1, spec.end};

		url = trim(url);
		return add_dep(m, name, nlen, url.start, (size_t)(url.end - url.start),
			       has_prefix(url.start, "git+") || has_prefix(url.start, "hg+") ||
				       has_prefix(url.start, "svn+") ||
				       has_prefix(url.start, "bzr+")
				   ? GATE_DEP_VCS
			       : has_prefix(url.start, "file:") ? GATE_DEP_PATH
								: GATE_DEP_URL,
			       line, S->err);
	}
	if (spec.start < spec.end && *spec.start == '(' && spec.end[-1] == ')')
		spec.start++, spec.end--;
	return add_dep(m, name, nlen, spec.start, (size_t)(spec.end - spec.start),
		       pep440_kind(spec.start, (size_t)(spec.end - spec.start)), line, S->err);
}

/*
 * The options pip reads in a requirements file (pip 23.2's
 * req_file.SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ, with each one's
 * short spelling and its aliases), and what each one means to the gate.
 */
typedef enum {
	PIP_OTHER = 0, /* changes no package source: --pre, --hash, -r, ... */
	PIP_INDEX,     /* a package source: --index-url, --extra-index-url, --find-links */
	PIP_EDITABLE   /* -e: a checkout */
} pip_opt_role;

typedef struct {
	const char *name; /* "--index-url", or a short option "-i" */
	int takes_value;
	pip_opt_role role;
} pip_opt;

static const pip_opt pip_opts[] = {
    {"--index-url", 1, PIP_INDEX},
    {"--pypi-url", 1, PIP_INDEX},
    {"-i", 1, PIP_INDEX},
    {"--extra-index-url", 1, PIP_INDEX},
    {"--no-index", 0, PIP_OTHER},
    {"--constraint", 1, PIP_OTHER},
    {"-c", 1, PIP_OTHER},
    {"--requirement", 1, PIP_OTHER},
    {"-r", 1, PIP_OTHER},
    {"--editable", 1, PIP_EDITABLE},
    {"-e", 1, PIP_EDITABLE},
    {"--find-links", 1, PIP_INDEX},
    {"-f", 1, PIP_INDEX},
    {"--no-binary", 1, PIP_OTHER},
    {"--only-binary", 1, PIP_OTHER},
    {"--prefer-binary", 0, PIP_OTHER},
    {"--require-hashes", 0, PIP_OTHER},
    {"--pre", 0, PIP_OTHER},
    {"--trusted-host", 1, PIP_OTHER},
    {"--use-feature", 1, PIP_OTHER},
    {"--global-option", 1, PIP_OTHER},
    {"--hash", 1, PIP_OTHER},
    {"--config-settings", 1, PIP_OTHER},
    {"-C", 1, PIP_OTHER},
};

/*
 * The next word of an option line, split as pip splits it (Python's
 * shlex.split: blanks separate words, '...' and "..." quote, a backslash
 * escapes) into `word`, NUL-terminated. 1 with a word, 0 at the end, -1
 * on an unclosed quote or a trailing backslash (pip refuses the file), -2
 * with `err` set when memory runs out.
 */
static int pip_word(gate_buf *word, const char **pp, const char *end, gate_error *err)
{
	const char *p = *pp;
	char quote = 0;
	int any = 0;

	gate_buf_clear(word);
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	for (; p < end; p++) {
		char c = *p;

		if (!quote && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
			break;
		if (!quote && (c == '\'' || c == '"')) {
			quote = c;
			any = 1;
			continue;
		}
		if (quote && c == quote) {
			quote = 0;
			continue;
		}
		if (c == '\\' && quote != '\'') {
			if (p + 1 >= end)
				return -1;
			/* in "...", only \" and \\ escape */
			if (quote && p[1] != '"' && p[1] != '\\') {
				/* kept, and the next character read as usual */
				if (gate_buf_putc(word, c, err) < 0)
					return -2;
				continue;
			}
			c = *++p;
		}
		if (gate_buf_putc(word, c, err) < 0)
			return -2;
		any = 1;
	}
	*pp = p;
	if (quote)
		return -1;
	if (gate_buf_putc(word, '\0', err) < 0)
		return -2;
	word->size--;
	return any;
}

/*
 * The option `word` names, as pip's optparse finds it: a short option by
 * its letter (the rest of the word being its value), a long one spelled
 * out or abbreviated to a prefix of exactly one long option. *value is
 * set to the value written in the word ("--opt=v", "-iv"), NULL when
 * none. NULL with *ambiguous set when the prefix fits several, NULL
 * alone when it fits none.
 */
static const pip_opt *pip_option(const char *word, const char **value, int *ambiguous)
{
	const pip_opt *hit = NULL;
	const char *eq;
	size_t i, n;

	*value = NULL;
	*ambiguous = 0;
	if (word[1] != '-') {
		for (i = 0; i < sizeof(pip_opts) / sizeof(pip_opts[0]); i++)
			if (pip_opts[i].name[1] == word[1] && !pip_opts[i].name[2]) {
				if (word[2])
					*value = word + 2;
				return &pip_opts[i];
			}
		return NULL;
	}
	eq = strchr(word, '=');
	n = eq ? (size_t)(eq - word) : strlen(word);
	if (eq)
		*value = eq + 1;
	for (i = 0; i < sizeof(pip_opts) / sizeof(pip_opts[0]); i++) {
		const char *name = pip_opts[i].name;

		if (name[1] != '-' || strncmp(name, word, n) != 0)
			continue;
		if (!name[n]) {
			*ambiguous = 0;
			return &pip_opts[i]; /* spelled out */
		}
		if (hit)
			*ambiguous = 1;
		hit = &pip_opts[i];
	}
	return *ambiguous ? NULL : hit;
}

/*
 * An option line of a requirements file (one that starts with "-"), read
 * as pip reads it: every option on it, each taking its value from the
 * rest of its word or from the next word. A package index or -e checkout
 * becomes a dependency; an option pip does not know, or an abbreviation
 * that fits several, makes pip refuse the file, and so the manifest is
 * unreadable here too.
 */
static int pip_option_line(gate_manifest *m, const src *S, span r, size_t line)
{
	gate_buf word = GATE_BUF_INIT((size_t)1 << 20), val = GATE_BUF_INIT((size_t)1 << 20);
	const char *p = r.start;
	int got, error = 0;

	while (!error && (got = pip_word(&word, &p, r.end, S->err)) != 0) {
		const pip_opt *o;
		const char *value;
		int ambiguous;

		if (got < 0)
			break;
		if (word.ptr[0] != '-' || !word.ptr[1])
			continue; /* a word that is no option: pip ignores it */
		if (strcmp(word.ptr, "--") == 0)
			break; /* the options end */
		if (!(o = pip_option(word.ptr, &value, &ambiguous))) {
			error = gate_deps__bad(
			    S, line,
			    ambiguous ? "%.100s is an abbreviation of several pip options: "
					"pip refuses it"
				      : "%.100s is no option pip reads in a requirements file",
			    word.ptr);
			break;
		}
		if (!o->takes_value) {
			if (value) {
				error = gate_deps__bad(S, line, "%s takes no value: pip refuses it",
						       o->name);
				break;
			}
			continue;
		}
		if (!value) {
			if ((got = pip_word(&val, &p, r.end, S->err)) <= 0) {
				if (got == 0)
					error = gate_deps__bad(
					    S, line, "%s needs a value: pip refuses it", o->name);
				break;
			}
			value = val.ptr;
		}
		if (o->role == PIP_INDEX) {
			/* a package index: packages may come from it instead of
			 * PyPI (dependency confusion) */
			if (add_dep(m, value, strlen(value), value, strlen(value),
				    GATE_DEP_REGISTRY, line, S->err) < 0)
				error = -1;
		} else if (o->role == PIP_EDITABLE) {
			/* a checkout, by path or VCS URL; without #egg=, the
			 * target names it */
			const char *egg = strstr(value, "#egg=");
			size_t n = egg ? strcspn(egg + 5, "&# \t") : 0;

			if (*value == '=')
				value++;
			if (add_dep(m, egg && n ? egg + 5 : value, egg && n ? n : strlen(value),
				    value, strlen(value),
				    strstr(value, "://") ? GATE_DEP_VCS : GATE_DEP_PATH, line,
				    S->err) < 0)
				error = -1;
		}
	}
	if (got == -1)
		error = gate_deps__bad(S, line,
				       "an unclosed quote or a trailing backslash: pip cannot read "
				       "this line");
	else if (got == -2)
		error = -1;
	gate_buf_dispose(&word);
	gate_buf_dispose(&val);
	return error;
}

/* A line that is a URL itself ("https://...", "git+https://..."): the
 * text before "://" is a scheme, no name and no space. */
static int bare_url(const char *s)
{
	const char *u = strstr(s, "://"), *p;

	if (!u || u == s)
		return 0;
	for (p = s; p < u; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || is_digit(*p) ||
		      *p == '+' || *p == '.' || *p == '-'))
			return 0;
	return 1;
}

static int parse_requirements(gate_manifest *m, const src *S)
{
	const char *p = S->text, *end = S->text + S->len;
	gate_buf joined = GATE_BUF_INIT((size_t)1 << 20);
	size_t line = 0, first = 0;
	int error = 0;

	m->self_locked = 1;
	while (p < end && !error) {
		span l = gate_next_line(&p, end);
		const char *hash;
		span r;

		line++;
		if (!joined.size)
			first = line;
		/* " #" starts a comment; a URL's "#egg=" does not */
		for (hash = l.start; hash < l.end; hash++)
			if (*hash == '#' &&
			    (hash == l.start || hash[-1] == ' ' || hash[-1] == '\t'))
				break;
		l.end = hash;
		if (l.end > l.start && l.end[-1] == '\\') {
			if (gate_buf_put(&joined, l.start, (size_t)(l.end - l.start - 1), S->err) <
			    0)
				error = -1;
			continue;
		}
		if (gate_buf_put(&joined, l.start, (size_t)(l.end - l.start), S->err) < 0) {
			error = -1;
			break;
		}
		/* NUL-terminated for the string searches below */
		if (gate_buf_putc(&joined, '\0', S->err) < 0) {
			error = -1;
			break;
		}
		joined.size--;
		r.start = joined.ptr;
		r.end = joined.ptr + joined.size;
		r = trim(r);
		if (r.start < r.end) {
			if (*r.start == '-') {
				/* options: -e checkouts, package indexes */
				if (pip_option_line(m, S, r, first) < 0)
					error = -1;
			} else if (*r.start == '.' || *r.start == '/' || bare_url(r.start)) {
				/* a bare path or URL: named by itself */
				if (add_dep(m, r.start, (size_t)(r.end - r.start), r.start,
					    (size_t)(r.end - r.start),
					    *r.start == '.' || *r.start == '/' ||
						    has_prefix(r.start, "file:")
						? GATE_DEP_PATH
					    : has_prefix(r.start, "git+") ||
						    has_prefix(r.start, "hg+") ||
						    has_prefix(r.start, "svn+") ||
						    has_prefix(r.start, "bzr+")
						? GATE_DEP_VCS
						: GATE_DEP_URL,
					    first, S->err) < 0)
					error = -1;
			} else if (pep508(m, S, r, first) < 0) {
				error = -1;
			}
		}
		gate_buf_clear(&joined);
	}
	gate_buf_dispose(&joined);
	return error;
}

/* Poetry's requirement: "1.2.3" is exactly that version, "^1.2" and
 * "~1.2" bounded, "*" open, and PEP 440 lists otherwise. */
static gate_dep_kind poetry_kind(const char *s)
{
	if (is_version(s))
		return GATE_DEP_EXACT;
	if (s[0] == '^' || (s[0] == '~' && s[1] != '='))
		return GATE_DEP_BOUNDED;
	if (!*s || strcmp(s, "*") == 0)
		return GATE_DEP_OPEN;
	return pep440_kind(s, strlen(s));
}

/* A dependency given as a table: { version = "..", git = "..", path = ".." } */
static int table_dep(gate_manifest *m, const src *S, const char *name, const tv *t,
		     gate_dep_kind (*kind_of)(const char *))
{
	const tv *v;

	if ((v = gate_deps__tv_get(t, "git")) && v->type == TV_STRING)
		return add_dep(m, name, strlen(name), v->str, strlen(v->str), GATE_DEP_VCS, t->line,
			       S->err);
	if ((v = gate_deps__tv_get(t, "path")) && v->type == TV_STRING)
		return add_dep(m, name, strlen(name), v->str, strlen(v->str), GATE_DEP_PATH,
			       t->line, S->err);
	if ((v = gate_deps__tv_get(t, "url")) && v->type == TV_STRING)
		return add_dep(m, name, strlen(name), v->str, strlen(v->str), GATE_DEP_URL, t->line,
			       S->err);
	if ((v = gate_deps__tv_get(t, "workspace")) && v->type == TV_OTHER &&
	    strcmp(v->str, "true") == 0)
		return add_dep(m, name, strlen(name), "workspace", 9, GATE_DEP_MANAGED, t->line,
			       S->err);
	if ((v = gate_deps__tv_get(t, "version")) && v->type == TV_STRING)
		return add_dep(m, name, strlen(name), v->str, strlen(v->str), kind_of(v->str),
			       t->line, S->err);
	return add_dep(m, name, strlen(name), "", 0, GATE_DEP_OPEN, t->line, S->err);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

typedef struct {
	gate_manifest *m;
	const src *S;
	int pipfile;
} walk_ctx;

/* A PEP 440 requirement as Pipfile writes it ("*" is any version). */
static gate_dep_kind pep440_kind_str(const char *s)
{
	return strcmp(s, "*") == 0 ? GATE_DEP_OPEN : pep440_kind(s, strlen(s));
}

static int pyproject_fn(void *ctx, const char *table, int array_table, const char *key,
			const tv *value)
{
	walk_ctx *W = ctx;
	const tv *e;

	if (!key)
		return 0;
	/* [[tool.uv.index]], [[tool.poetry.source]], Pipfile's [[source]]:
	 * package indexes */
	if (array_table) {
		if ((strcmp(table, "tool.uv.index") == 0 ||
		     strcmp(table, "tool.poetry.source") == 0 || strcmp(table, "source") == 0) &&
		    strcmp(key, "url") == 0 && value->type == TV_STRING)
			return add_dep(W->m, value->str, strlen(value->str), value->str,
				       strlen(value->str), GATE_DEP_REGISTRY, value->line,
				       W->S->err);
		return 0;
	}
	/* [tool.uv.sources]: where a package comes from (git, path, url) */
	if (strcmp(table, "tool.uv.sources") == 0 && value->type == TV_TABLE)
		return table_dep(W->m, W->S, key, value, pep440_kind_str);
	/* Pipfile: [packages], [dev-packages] */
	if (W->pipfile && (strcmp(table, "packages") == 0 || strcmp(table, "dev-packages") == 0)) {
		if (value->type == TV_STRING)
			return add_dep(W->m, key, strlen(key), value->str, strlen(value->str),
				       pep440_kind_str(value->str), value->line, W->S->err);
		if (value->type == TV_TABLE)
			return table_dep(W->m, W->S, key, value, pep440_kind_str);
		return gate_deps__bad(W->S, value->line,
				      "the requirement of \"%s\" is not a string or a table", key);
	}
	if ((strcmp(table, "project") == 0 && strcmp(key, "dependencies") == 0) ||
	    strcmp(table, "project.optional-dependencies") == 0 ||
	    strcmp(table, "dependency-groups") == 0) {
		if (value->type != TV_ARRAY)
			return gate_deps__bad(W->S, value->line,
					      "\"%s\" must be an array of requirements", key);
		for (e = value->kids; e; e = e->next) {
			span r;

			if (e->type != TV_STRING)
				continue; /* {include-group = ...} */
			r.start = e->str;
			r.end = e->str + strlen(e->str);
			if (pep508(W->m, W->S, trim(r), e->line) < 0)
				return -1;
		}
		return 0;
	}
	if (has_prefix(table, "tool.poetry.") &&
	    (ends_with(table, ".dependencies") || ends_with(table, ".dev-dependencies")) &&
	    (strcmp(table, "tool.poetry.dependencies") == 0 ||
	     strcmp(table, "tool.poetry.dev-dependencies") == 0 ||
	     has_prefix(table, "tool.poetry.group."))) {
		if (strcmp(key, "python") == 0)
			return 0;
		if (value->type == TV_STRING)
			return add_dep(W->m, key, strlen(key), value->str, strlen(value->str),
				       poetry_kind(value->str), value->line, W->S->err);
		if (value->type == TV_TABLE)
			return table_dep(W->m, W->S, key, value, poetry_kind);
		if (value->type == TV_ARRAY) /* several constraints by marker */
			return add_dep(W->m, key, strlen(key), "(several)", 9, GATE_DEP_BOUNDED,
				       value->line, W->S->err);
		return gate_deps__bad(W->S, value->line,
				      "the requirement of \"%s\" is not a string or a table", key);
	}
	return 0;
}

/* --- Cargo ---------------------------------------------------------------- */

static gate_dep_kind cargo_kind(const char *s)
{
	const char *p = s, *c;
	int upper = 0, exact = 0, clauses = 0;

	for (;;) {
		span cl;

		c = strchr(p, ',');
		cl.start = p;
		cl.end = c ? c : p + strlen(p);
		cl = trim(cl);
		if (cl.start < cl.end) {
			char one[128];
			size_t n = (size_t)(cl.end - cl.start);

			clauses++;
			if (n < sizeof(one)) {
				memcpy(one, cl.start, n);
				one[n] = '\0';
			} else {
				one[0] = '\0';
			}
			if (one[0] == '=' && is_semver3(one + 1))
				exact = 1;
			else if (one[0] == '>' || one[0] == '*' || !one[0])
				; /* no upper bound of its own */
			else
				upper = 1; /* a bare version (caret), ^, ~, <, <=, =1.2, 1.* */
		}
		if (!c)
			break;
		p = c + 1;
	}
	if (exact && clauses == 1)
		return GATE_DEP_EXACT;
	return upper || exact ? GATE_DEP_BOUNDED : GATE_DEP_OPEN;
}

/*
 * Whether `table` holds dependencies: [dependencies], [dev-dependencies],
 * [build-dependencies], the same under [target.X.*], and
 * [workspace.dependencies]; or is one of them ([dependencies.serde],
 * *name set to "serde").
 */
static int cargo_table(const char *table, const char **name)
{
	static const char *const kinds[] = {"dependencies", "dev-dependencies",
					    "build-dependencies", NULL};
	char pat[64];
	const char *q;
	size_t i;

	*name = NULL;
	/* [patch.crates-io], [patch.'https://...'] and [replace] swap the
	 * source of packages others depend on: read like dependencies */
	if (strcmp(table, "replace") == 0 ||
	    (has_prefix(table, "patch.") && !strchr(table + 6, '.')))
		return 1;
	for (i = 0; kinds[i]; i++) {
		size_t n = strlen(kinds[i]);

		if (strcmp(table, kinds[i]) == 0)
			return 1;
		if (has_prefix(table, kinds[i]) && table[n] == '.' && !strchr(table + n + 1, '.')) {
			*name = table + n + 1;
			return 1;
		}
		if (!has_prefix(table, "target.") && !has_prefix(table, "workspace."))
			continue;
		snprintf(pat, sizeof(pat), ".%s", kinds[i]);
		if (ends_with(table, pat))
			return 1;
		snprintf(pat, sizeof(pat), ".%s.", kinds[i]);
		for (q = strstr(table, pat); q; q = strstr(q + 1, pat))
			if (!strchr(q + strlen(pat), '.')) {
				*name = q + strlen(pat);
				return 1;
			}
	}
	return 0;
}

typedef struct {
	walk_ctx w;
	char *table_dep; /* the [dependencies.NAME] being read */
	gate_buf version, git, path;
	size_t line;
	int workspace;
} cargo_ctx;

static int cargo_flush(cargo_ctx *C)
{
	int rc = 0;
	const char *n = C->table_dep;

	if (!n)
		return 0;
	if (C->git.size)
		rc = add_dep(C->w.m, n, strlen(n), C->git.ptr, C->git.size, GATE_DEP_VCS, C->line,
			     C->w.S->err);
	else if (C->path.size)
		rc = add_dep(C->w.m, n, strlen(n), C->path.ptr, C->path.size, GATE_DEP_PATH,
			     C->line, C->w.S->err);
	else if (C->workspace)
		rc = add_dep(C->w.m, n, strlen(n), "workspace", 9, GATE_DEP_MANAGED, C->line,
			     C->w.S->err);
	else
		rc = add_dep(C->w.m, n, strlen(n), C->version.size ? C->version.ptr : "",
			     C->version.size,
			     C->version.size ? cargo_kind(C->version.ptr) : GATE_DEP_OPEN, C->line,
			     C->w.S->err);
	free(C->table_dep);
	C->table_dep = NULL;
	gate_buf_clear(&C->version);
	gate_buf_clear(&C->git);
	gate_buf_clear(&C->path);
	C->workspace = 0;
	return rc;
}

static int cargo_set(gate_buf *b, const tv *v, gate_error *err)
{
	gate_buf_clear(b);
	if (v->type != TV_STRING)
		return 0;
	if (gate_buf_puts(b, v->str, err) < 0 || gate_buf_putc(b, '\0', err) < 0)
		return -1;
	b->size--;
	return 0;
}

static int cargo_fn(void *ctx, const char *table, int array_table, const char *key, const tv *value)
{
	cargo_ctx *C = ctx;
	const char *one;
	const char *dot;
	char name[256];

	if (!key)
		return 0;
	if (array_table || !cargo_table(table, &one))
		return cargo_flush(C);
	if (one) {
		/* [dependencies.serde]: the keys describe one dependency */
		if (!C->table_dep || strcmp(C->table_dep, one) != 0) {
			if (cargo_flush(C) < 0 || !(C->table_dep = gate_strdup(one, C->w.S->err)))
				return -1;
			C->line = value->line;
		}
		if (strcmp(key, "version") == 0)
			return cargo_set(&C->version, value, C->w.S->err);
		if (strcmp(key, "git") == 0)
			return cargo_set(&C->git, value, C->w.S->err);
		if (strcmp(key, "path") == 0)
			return cargo_set(&C->path, value, C->w.S->err);
		if (strcmp(key, "workspace") == 0)
			C->workspace = value->type == TV_OTHER && strcmp(value->str, "true") == 0;
		return 0;
	}
	if (cargo_flush(C) < 0)
		return -1;
	/* serde.workspace = true: a dotted key */
	if ((dot = strchr(key, '.')) != NULL) {
		size_t n = (size_t)(dot - key);

		if (n >= sizeof(name))
			return gate_deps__bad(C->w.S, value->line, "a dependency name is too long");
		memcpy(name, key, n);
		name[n] = '\0';
		if (strcmp(dot + 1, "workspace") == 0)
			return add_dep(C->w.m, name, n, "workspace", 9, GATE_DEP_MANAGED,
				       value->line, C->w.S->err);
		if (strcmp(dot + 1, "version") == 0 && value->type == TV_STRING)
			return add_dep(C->w.m, name, n, value->str, strlen(value->str),
				       cargo_kind(value->str), value->line, C->w.S->err);
		if ((strcmp(dot + 1, "git") == 0 || strcmp(dot + 1, "path") == 0) &&
		    value->type == TV_STRING)
			return add_dep(C->w.m, name, n, value->str, strlen(value->str),
				       dot[1] == 'g' ? GATE_DEP_VCS : GATE_DEP_PATH, value->line,
				       C->w.S->err);
		return 0;
	}
	if (value->type == TV_STRING)
		return add_dep(C->w.m, key, strlen(key), value->str, strlen(value->str),
			       cargo_kind(value->str), value->line, C->w.S->err);
	if (value->type == TV_TABLE) {
		const tv *pkg = gate_deps__tv_get(value, "package");

		/* a renamed dependency: the package is what is fetched */
		if (pkg && pkg->type == TV_STRING)
			key = pkg->str;
		return table_dep(C->w.m, C->w.S, key, value, cargo_kind);
	}
	return gate_deps__bad(C->w.S, value->line,
			      "the requirement of \"%s\" is not a string or a table", key);
}

/* [[package]] name = "..." version = "..." (Cargo.lock, poetry.lock,
 * uv.lock, pdm.lock). */
typedef struct {
	gate_lock *l;
	gate_eco eco;
	const src *S;
	char *name, *version;
} toml_lock_ctx;

static int toml_lock_flush(toml_lock_ctx *C)
{
	int rc = 0;

	if (C->name && C->version)
		rc = add_locked(C->l, C->eco, C->name, strlen(C->name), C->version,
				strlen(C->version), C->S->err);
	free(C->name);
	free(C->version);
	C->name = C->version = NULL;
	return rc;
}

static int toml_lock_fn(void *ctx, const char *table, int array_table, const char *key,
			const tv *value)
{
	toml_lock_ctx *C = ctx;
	char **slot;

	/* A name and a version pair up within one [[package]] only: a block
	 * with one of them lends it to no other. */
	if (!key)
		return toml_lock_flush(C);
	if (!array_table || strcmp(table, "package") != 0 || value->type != TV_STRING)
		return 0;
	if (strcmp(key, "name") == 0)
		slot = &C->name;
	else if (strcmp(key, "version") == 0)
		slot = &C->version;
	else
		return 0;
	if (*slot && toml_lock_flush(C) < 0)
		return -1;
	if (!(*slot = gate_strdup(value->str, C->S->err)))
		return -1;
	return C->name && C->version ? toml_lock_flush(C) : 0;
}

/* --- Go ------------------------------------------------------------------- */

static int go_words(span l, span *w, size_t max)
{
	size_t n = 0;
	const char *p = l.start;

	while (n < max) {
		while (p < l.end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= l.end)
			break;
		w[n].start = p;
		while (p < l.end && *p != ' ' && *p != '\t')
			p++;
		w[n].end = p;
		n++;
	}
	return (int)n;
}

/*
 * Module paths and versions may be quoted as Go strings ("path" or
 * `path`): the quotes go. Anything the reader does not take as written
 * (an escape, a quote not closed in its word, a bracket inside a word)
 * is an error, never a name read otherwise than Go reads it.
 */
static int gomod_unquote(const src *S, size_t line, span *w, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		size_t len = (size_t)(w[i].end - w[i].start);
		char q = *w[i].start;

		if (len > 1 && (memchr(w[i].start, '(', len) || memchr(w[i].start, ')', len)))
			return gate_deps__bad(S, line, "a bracket inside a word is not read");
		if (q != '"' && q != '`') {
			if (memchr(w[i].start, '"', len) || memchr(w[i].start, '`', len))
				return gate_deps__bad(S, line, "a quote inside a word is not read");
			continue;
		}
		if (len < 2 || w[i].end[-1] != q || memchr(w[i].start + 1, q, len - 2) ||
		    memchr(w[i].start, '\\', len))
			return gate_deps__bad(S, line,
					      "a quoted module path or version is not read");
		w[i].start++;
		w[i].end--;
	}
	return 0;
}

static int parse_gomod(gate_manifest *m, const src *S)
{
	const char *p = S->text, *end = S->text + S->len;
	size_t line = 0;
	int block = 0; /* 1 in require ( ), 2 in replace ( ) */

	while (p < end) {
		span l = gate_next_line(&p, end), w[6];
		const char *c;
		int n, k = 0;

		line++;
		for (c = l.start; c + 1 < l.end; c++)
			if (c[0] == '/' && c[1] == '/')
				break;
		if (c + 1 < l.end)
			l.end = c;
		l = trim(l);
		n = go_words(l, w, 6);
		if (n == 0)
			continue;
		/* Go reads "require(" as "require (": the bracket is a token. */
		if (!block && n == 1 && w[0].end - w[0].start == 8 && w[0].start[7] == '(' &&
		    (memcmp(w[0].start, "require", 7) == 0 ||
		     memcmp(w[0].start, "replace", 7) == 0)) {
			block = *w[0].start == 'r' && w[0].start[2] == 'q' ? 1 : 2;
			continue;
		}
		if (gomod_unquote(S, line, w, n) < 0)
			return -1;
		if (block && n == 1 && w[0].end - w[0].start == 1 && *w[0].start == ')') {
			block = 0;
			continue;
		}
		if (!block) {
			int req =
			    w[0].end - w[0].start == 7 && memcmp(w[0].start, "require", 7) == 0;
			int rep =
			    w[0].end - w[0].start == 7 && memcmp(w[0].start, "replace", 7) == 0;

			if (!req && !rep)
				continue;
			if (n == 2 && *w[1].start == '(' && w[1].end - w[1].start == 1) {
				block = req ? 1 : 2;
				continue;
			}
			k = 1;
			if (req) {
				if (n - k < 2)
					return gate_deps__bad(
					    S, line, "a require needs a module and a version");
				goto require;
			}
			goto replace;
		}
		if (block == 2)
			goto replace;
	require:
		if (n - k < 2)
			return gate_deps__bad(S, line, "a require needs a module and a version");
		if (add_dep(m, w[k].start, (size_t)(w[k].end - w[k].start), w[k + 1].start,
			    (size_t)(w[k + 1].end - w[k + 1].start), GATE_DEP_EXACT, line,
			    S->err) < 0)
			return -1;
		continue;
	replace : {
		/* old [v] => new [v]: a local path replaces the module's source */
		int arrow;

		for (arrow = k; arrow < n; arrow++)
			if (w[arrow].end - w[arrow].start == 2 &&
			    memcmp(w[arrow].start, "=>", 2) == 0)
				break;
		if (arrow >= n - 1 || arrow == k)
			return gate_deps__bad(S, line, "a replace needs \"old => new\"");
		if (*w[arrow + 1].start == '.' || *w[arrow + 1].start == '/') {
			if (add_dep(m, w[k].start, (size_t)(w[k].end - w[k].start),
				    w[arrow + 1].start,
				    (size_t)(w[arrow + 1].end - w[arrow + 1].start), GATE_DEP_PATH,
				    line, S->err) < 0)
				return -1;
		} else if (arrow + 2 < n) {
			/* replaced by another module at a version: that module is fetched */
			if (add_dep(m, w[arrow + 1].start,
				    (size_t)(w[arrow + 1].end - w[arrow + 1].start),
				    w[arrow + 2].start,
				    (size_t)(w[arrow + 2].end - w[arrow + 2].start), GATE_DEP_EXACT,
				    line, S->err) < 0)
				return -1;
		}
	}
	}
	return 0;
}

static int lock_gosum(gate_lock *l, const src *S)
{
	const char *p = S->text, *end = S->text + S->len;

	while (p < end) {
		span ln = gate_next_line(&p, end), w[3];
		size_t vlen;

		if (go_words(ln, w, 3) != 3)
			continue;
		vlen = (size_t)(w[1].end - w[1].start);
		if (vlen > 7 && memcmp(w[1].end - 7, "/go.mod", 7) == 0)
			vlen -= 7;
		if (add_locked(l, GATE_ECO_GO, w[0].start, (size_t)(w[0].end - w[0].start),
			       w[1].start, vlen, S->err) < 0)
			return -1;
	}
	return 0;
}

/* --- Maven ---------------------------------------------------------------- */

/* The first `needle` in [s, e), or NULL. */
static const char *find_in(const char *s, const char *e, const char *needle)
{
	return gate_mem_find(s, (size_t)(e - s), needle, strlen(needle));
}

/* The length of the element name at p (after '<'), letters, digits and
 * '-', '.', '_'. */
static size_t tag_len(const char *p, const char *e)
{
	const char *q = p;

	while (q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || is_digit(*q) ||
			 *q == '-' || *q == '.' || *q == '_' || *q == ':'))
		q++;
	return (size_t)(q - p);
}

/*
 * The raw text of child element `tag` directly inside [s, e) (not inside
 * a nested element), as written: 1 with *out set, else 0. Only
 * xml_decode (through pom_text) makes it the text Maven reads.
 * Start tags may carry attributes and spaces ("<version >").
 */
static int xml_child(const char *s, const char *e, const char *tag, span *out)
{
	size_t tl = strlen(tag), n;
	int depth = 0;
	const char *p;

	for (p = s; p < e && (p = memchr(p, '<', (size_t)(e - p))) != NULL; p++) {
		const char *gt;

		if (p + 1 < e && p[1] == '/') {
			depth--;
			continue;
		}
		if (p + 1 < e && (p[1] == '!' || p[1] == '?'))
			continue;
		n = tag_len(p + 1, e);
		gt = memchr(p, '>', (size_t)(e - p));
		if (!gt)
			return 0;
		if (gt[-1] == '/') {
			p = gt;
			continue;
		}
		if (depth == 0 && n == tl && memcmp(p + 1, tag, tl) == 0) {
			char close[96];
			const char *c;

			snprintf(close, sizeof(close), "</%s", tag);
			c = find_in(gt + 1, e, close);
			if (!c)
				return 0;
			out->start = gt + 1;
			out->end = c;
			return 1;
		}
		depth++;
		p = gt;
	}
	return 0;
}

/*
 * The text of an element as an XML parser hands it to Maven, into
 * buf[cap]: character references (&#45; &#x2D;) and the five predefined
 * entities decoded, CDATA sections kept as written, then trimmed. This is
 * the one place a pom's text is decoded, so deny, allow, look-alike and
 * version rules all judge the name Maven reads ("evil&#45;lib" is
 * "evil-lib"). Fails closed (-1, error set) on what it does not decode: an
 * unknown or malformed reference (a DOCTYPE's entities are not expanded),
 * a reference to U+0000, a surrogate or a value above U+10FFFF, markup
 * inside the text, or a text longer than cap - 1.
 */
static int xml_decode(const src *S, const char *at, span in, char *buf, size_t cap, span *out)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"apos", '\''}, {"quot", '"'}};
	const char *p = in.start;
	size_t o = 0, i;

	while (p < in.end) {
		char u[4];
		size_t n = 1;

		if (*p == '<') {
			const char *ce;

			if (in.end - p < 9 || memcmp(p, "<![CDATA[", 9) != 0 ||
			    !(ce = find_in(p + 9, in.end, "]]>")))
				return gate_deps__bad(S, gate_deps__line_at(S, at),
						      "an element's text holds markup");
			n = (size_t)(ce - (p + 9));
			if (n >= cap - o)
				goto too_long;
			memcpy(buf + o, p + 9, n);
			o += n;
			p = ce + 3;
			continue;
		}
		if (*p == '&') {
			const char *semi = memchr(p, ';', (size_t)(in.end - p));
			unsigned long cp = 0;

			if (!semi)
				return gate_deps__bad(S, gate_deps__line_at(S, at),
						      "a reference has no ';'");
			if (p[1] == '#') {
				const char *d = p + 2;
				int hex = d < semi && *d == 'x';

				if (hex)
					d++;
				if (d == semi || semi - d > 8)
					return gate_deps__bad(S, gate_deps__line_at(S, at),
							      "a character reference is malformed");
				for (; d < semi; d++) {
					int v = is_digit(*d)                    ? *d - '0'
						: hex && *d >= 'a' && *d <= 'f' ? *d - 'a' + 10
						: hex && *d >= 'A' && *d <= 'F' ? *d - 'A' + 10
										: -1;

					if (v < 0)
						return gate_deps__bad(
						    S, gate_deps__line_at(S, at),
						    "a character reference is malformed");
					cp = cp * (hex ? 16 : 10) + (unsigned long)v;
				}
				if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
					return gate_deps__bad(
					    S, gate_deps__line_at(S, at),
					    "a character reference is not a character");
				n = gate_deps__utf8_encode(u, cp);
			} else {
				for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
					if ((size_t)(semi - p - 1) == strlen(named[i].name) &&
					    memcmp(p + 1, named[i].name, strlen(named[i].name)) ==
						0)
						break;
				if (i == sizeof(named) / sizeof(named[0]))
					return gate_deps__bad(
					    S, gate_deps__line_at(S, at),
					    "a reference to an entity riskgate does not expand");
				u[0] = named[i].c;
			}
			p = semi + 1;
		} else {
			u[0] = *p++;
		}
		if (n >= cap - o)
			goto too_long;
		memcpy(buf + o, u, n);
		o += n;
	}
	buf[o] = '\0';
	out->start = buf;
	out->end = buf + o;
	*out = trim(*out);
	return 0;
too_long:
	return gate_deps__bad(S, gate_deps__line_at(S, at), "an element's text is too long");
}

/* The decoded text (xml_decode) of child `tag` in [s, e): 1 with *out set
 * (pointing into buf), 0 when there is none, -1 on an error. */
static int pom_text(const src *S, const char *at, const char *s, const char *e, const char *tag,
		    char *buf, size_t cap, span *out)
{
	span raw;

	if (!xml_child(s, e, tag, &raw))
		return 0;
	return xml_decode(S, at, raw, buf, cap, out) < 0 ? -1 : 1;
}

/* One part of a Maven version range ("[1.0,2.0)", "(,1.0]", "[1.0]"):
 * 1 when it has an upper bound. */
static int maven_part_bounded(const char *p, const char *e)
{
	const char *comma = memchr(p, ',', (size_t)(e - p));
	span up;

	if (!comma)
		return 1; /* "[1.0]": that version */
	up.start = comma + 1;
	up.end = e - 1; /* before ')' or ']' */
	up = trim(up);
	return up.start < up.end;
}

static gate_dep_kind maven_kind(const char *v, size_t n)
{
	const char *p, *e = v + n;
	int bounded = 1, exact = 1;

	if (n == 0)
		return GATE_DEP_MANAGED;
	if (*v == '[' || *v == '(') {
		/* a range, or a union of ranges: bounded only when each part is */
		for (p = v; p < e;) {
			const char *close = p;

			while (close < e && *close != ']' && *close != ')')
				close++;
			if (close == e)
				return GATE_DEP_OPEN;
			if (!maven_part_bounded(p + 1, close + 1))
				bounded = 0;
			if (memchr(p, ',', (size_t)(close - p)) || *p == '(')
				exact = 0;
			p = close + 1;
			while (p < e && (*p == ',' || *p == ' ' || *p == '\t'))
				p++;
			if (p < e && *p != '[' && *p != '(')
				return GATE_DEP_OPEN;
		}
		return !bounded ? GATE_DEP_OPEN : exact ? GATE_DEP_EXACT : GATE_DEP_BOUNDED;
	}
	if ((n == 6 && memcmp(v, "LATEST", 6) == 0) || (n == 7 && memcmp(v, "RELEASE", 7) == 0) ||
	    (n >= 9 && memcmp(v + n - 9, "-SNAPSHOT", 9) == 0))
		return GATE_DEP_OPEN;
	if (memchr(v, '$', n))
		return GATE_DEP_OPEN;
	return GATE_DEP_EXACT;
}

/* The pom's <properties>, sorted by name for ${name} lookups. */
typedef struct {
	const char *name;
	size_t nlen;
	span value;
} pom_prop;

typedef struct {
	pom_prop *v;
	size_t n;
} pom_props;

static int cmp_prop(const void *a, const void *b)
{
	const pom_prop *x = a, *y = b;
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->name, y->name, n);

	return c ? c : (x->nlen > y->nlen) - (x->nlen < y->nlen);
}

static int maven_properties(pom_props *out, const src *S)
{
	const char *ps = find_in(S->text, S->text + S->len, "<properties>"), *pe, *p;

	out->v = NULL;
	out->n = 0;
	if (!ps || !(pe = find_in(ps, S->text + S->len, "</properties>")))
		return 0;
	for (p = ps + 12; p < pe && (p = memchr(p, '<', (size_t)(pe - p))) != NULL;) {
		size_t n = tag_len(p + 1, pe);
		const char *gt = memchr(p, '>', (size_t)(pe - p)), *close;
		pom_prop *grown;

		if (!n || !gt || gt[-1] == '/') {
			p = gt ? gt + 1 : pe;
			continue;
		}
		for (close = gt + 1; close < pe; close++) {
			close = memchr(close, '<', (size_t)(pe - close));
			if (!close || (close + 2 + n <= pe && close[1] == '/' &&
				       memcmp(close + 2, p + 1, n) == 0))
				break;
		}
		if (!close || close >= pe)
			break;
		if (!(grown = gate_reallocarray(out->v, out->n + 1, sizeof(*grown), S->err)))
			return -1;
		out->v = grown;
		grown[out->n].name = p + 1;
		grown[out->n].nlen = n;
		grown[out->n].value.start = gt + 1;
		grown[out->n].value.end = close;
		grown[out->n].value = trim(grown[out->n].value);
		out->n++;
		p = close + 2 + n;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_prop);
	return 0;
}

/* A ${name} version resolved from the pom's own <properties>. */
static span maven_resolve(const pom_props *props, span v)
{
	pom_prop key, *hit;

	if (v.end - v.start < 4 || v.start[0] != '$' || v.start[1] != '{' || v.end[-1] != '}' ||
	    !props->n)
		return v;
	key.name = v.start + 2;
	key.nlen = (size_t)(v.end - v.start - 3);
	hit = bsearch(&key, props->v, props->n, sizeof(*props->v), cmp_prop);
	return hit ? hit->value : v;
}

/* 1 when s holds a space, tab or newline. */
static int has_space(span s)
{
	const char *q;

	for (q = s.start; q < s.end; q++)
		if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			return 1;
	return 0;
}

static int parse_pom_text(gate_manifest *m, const src *S, const pom_props *props);

/* Comments blanked out (lines kept) before the pom is read: a commented
 * dependency is no dependency. */
static int parse_pom(gate_manifest *m, const src *S)
{
	char *copy = gate_strndup(S->text, S->len, S->err), *c, *e;
	line_cache lc = {NULL, 1};
	src C = *S;
	pom_props props = {NULL, 0};
	int rc;

	if (!copy)
		return -1;
	for (c = copy; (c = strstr(c, "<!--")) != NULL;) {
		e = strstr(c + 4, "-->");
		e = e ? e + 3 : copy + S->len;
		for (; c < e; c++)
			if (*c != '\n')
				*c = ' ';
	}
	C.text = copy;
	lc.pos = copy;
	C.lc = &lc;
	rc = maven_properties(&props, &C);
	if (rc == 0)
		rc = parse_pom_text(m, &C, &props);
	free(props.v);
	free(copy);
	return rc;
}

static int parse_pom_text(gate_manifest *m, const src *S, const pom_props *props)
{
	static const char *const kinds[] = {"dependency", "plugin", "extension", "parent", NULL};
	const char *p, *end = S->text + S->len, *mgmt_end = NULL;
	size_t i;

	/* Entities a DOCTYPE defines are not expanded here, so a pom that
	 * defines one could hide a dependency from riskgate but not from
	 * Maven: refuse it. */
	if ((p = find_in(S->text, end, "<!ENTITY")) != NULL)
		return gate_deps__bad(
		    S, gate_deps__line_at(S, p),
		    "a pom defines an XML entity, which riskgate does not expand");
	for (p = S->text; p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		size_t n = tag_len(p + 1, end);
		const char *gt, *e;
		span g, a, v, rv;
		char name[512], close[32], gbuf[512], abuf[512], vbuf[512], pbuf[512];
		char ubuf[2048];
		size_t nlen;
		int rc;

		/* inside <dependencyManagement> or <pluginManagement>: versions
		 * for others, not what is built with */
		if ((n == 20 && memcmp(p + 1, "dependencyManagement", 20) == 0) ||
		    (n == 16 && memcmp(p + 1, "pluginManagement", 16) == 0)) {
			snprintf(close, sizeof(close), "</%.*s>", (int)n, p + 1);
			mgmt_end = find_in(p, end, close);
			if (!mgmt_end)
				return gate_deps__bad(S, gate_deps__line_at(S, p),
						      "a <%.*s> is not closed", (int)n, p + 1);
			p = mgmt_end;
			continue;
		}
		if (n == 10 && memcmp(p + 1, "repository", 10) == 0) {
			/* a repository the build downloads from (docs: "registry") */
			gt = memchr(p, '>', (size_t)(end - p));
			e = gt ? find_in(gt, end, "</repository>") : NULL;
			if (e &&
			    (rc = pom_text(S, p, gt + 1, e, "url", ubuf, sizeof(ubuf), &v)) < 0)
				return -1;
			if (e && rc &&
			    add_dep(m, "repository", 10, v.start, (size_t)(v.end - v.start),
				    GATE_DEP_URL, gate_deps__line_at(S, p), S->err) < 0)
				return -1;
			continue;
		}
		for (i = 0; kinds[i]; i++)
			if (strlen(kinds[i]) == n && memcmp(p + 1, kinds[i], n) == 0)
				break;
		if (!kinds[i] || (p + 1 + n < end && p[1 + n] != '>' && p[1 + n] != ' ' &&
				  p[1 + n] != '\t' && p[1 + n] != '\n' && p[1 + n] != '\r'))
			continue;
		gt = memchr(p, '>', (size_t)(end - p));
		snprintf(close, sizeof(close), "</%s>", kinds[i]);
		e = gt ? find_in(gt, end, close) : NULL;
		if (!e)
			return gate_deps__bad(S, gate_deps__line_at(S, p), "a <%s> is not closed",
					      kinds[i]);
		if ((rc = pom_text(S, p, gt + 1, e, "artifactId", abuf, sizeof(abuf), &a)) < 0)
			return -1;
		if (!rc) {
			if (i == 0)
				return gate_deps__bad(
				    S, gate_deps__line_at(S, p),
				    "a <dependency> needs a groupId and an artifactId");
			continue;
		}
		if ((rc = pom_text(S, p, gt + 1, e, "groupId", gbuf, sizeof(gbuf), &g)) < 0)
			return -1;
		if (!rc) {
			if (i == 0)
				return gate_deps__bad(
				    S, gate_deps__line_at(S, p),
				    "a <dependency> needs a groupId and an artifactId");
			/* a plugin's default group */
			g.start = "org.apache.maven.plugins";
			g.end = g.start + strlen(g.start);
		}
		if ((rc = pom_text(S, p, gt + 1, e, "version", vbuf, sizeof(vbuf), &v)) < 0)
			return -1;
		if (!rc)
			v.start = v.end = vbuf;
		/* a name with a space in it is no Maven id; it is also what a
		 * comment inside the text (blanked above) leaves behind */
		if (has_space(g) || has_space(a))
			return gate_deps__bad(S, gate_deps__line_at(S, p),
					      "a groupId or artifactId holds a space");
		rv = maven_resolve(props, v);
		if (rv.start != v.start && xml_decode(S, rv.start, rv, pbuf, sizeof(pbuf), &rv) < 0)
			return -1;
		nlen = (size_t)snprintf(name, sizeof(name), "%.*s:%.*s", (int)(g.end - g.start),
					g.start, (int)(a.end - a.start), a.start);
		if (nlen >= sizeof(name))
			return gate_deps__bad(S, gate_deps__line_at(S, p),
					      "a dependency's name is too long");
		if (add_dep(m, name, nlen, v.start, (size_t)(v.end - v.start),
			    maven_kind(rv.start, (size_t)(rv.end - rv.start)),
			    gate_deps__line_at(S, p), S->err) < 0)
			return -1;
		/* a dependency holds no other; a plugin may hold dependencies */
		if (i == 0)
			p = e;
		else
			p = gt;
	}
	(void)mgmt_end;
	return 0;
}

/* --- entry points --------------------------------------------------------- */

int gate_deps_parse_manifest(gate_manifest *out, gate_eco eco, const char *path, const char *text,
			     size_t len, gate_error *err)
{
	line_cache lc = {text, 1};
	src S = {path, text, len, err, &lc};
	size_t blen;
	const char *b = base_name(path, strlen(path), &blen);
	int rc;

	memset(out, 0, sizeof(*out));
	out->eco = eco;
	if (text[len] != '\0')
		return gate_error_set(err, GATE_ERR_INTERNAL, "a manifest's text must end in NUL");
	if (memchr(text, '\0', len))
		return gate_deps__bad(&S, 1, "the file holds a NUL byte");
	switch (eco) {
	case GATE_ECO_NPM:
		rc = parse_npm(out, &S);
		break;
	case GATE_ECO_PYPI:
		if (name_is(b, blen, "pyproject.toml") || name_is(b, blen, "Pipfile")) {
			walk_ctx W = {out, &S, name_is(b, blen, "Pipfile")};

			rc = gate_deps__toml_walk(&S, pyproject_fn, &W);
		} else {
			rc = parse_requirements(out, &S);
		}
		break;
	case GATE_ECO_GO:
		rc = parse_gomod(out, &S);
		break;
	case GATE_ECO_CARGO: {
		cargo_ctx C;

		memset(&C, 0, sizeof(C));
		C.w.m = out;
		C.w.S = &S;
		gate_buf_init(&C.version, 4096);
		gate_buf_init(&C.git, 4096);
		gate_buf_init(&C.path, 4096);
		rc = gate_deps__toml_walk(&S, cargo_fn, &C);
		if (rc == 0)
			rc = cargo_flush(&C);
		free(C.table_dep);
		gate_buf_dispose(&C.version);
		gate_buf_dispose(&C.git);
		gate_buf_dispose(&C.path);
		break;
	}
	case GATE_ECO_MAVEN:
		rc = parse_pom(out, &S);
		break;
	default:
		rc = gate_error_set(err, GATE_ERR_INTERNAL, "unknown ecosystem");
	}
	if (rc < 0)
		gate_deps_manifest_dispose(out);
	return rc < 0 ? -1 : 0;
}

static int lock_pipfile(gate_lock *l, const src *S)
{
	static const char *const groups[] = {"default", "develop", NULL};
	gate_json *root = NULL;
	const gate_json *g, *e, *v;
	size_t i;
	int error = -1;

	if (gate_json_parse(&root, S->text, S->len, S->path, GATE_ERR_INPUT, S->err) < 0)
		return -1;
	for (i = 0; groups[i]; i++) {
		g = root->type == GATE_JSON_OBJECT ? gate_json_get(root, groups[i]) : NULL;
		for (e = g && g->type == GATE_JSON_OBJECT ? g->child : NULL; e; e = e->next) {
			v = e->type == GATE_JSON_OBJECT ? gate_json_get(e, "version") : NULL;
			if (v && v->type == GATE_JSON_STRING) {
				const char *ver = v->str;

				while (*ver == '=')
					ver++;
				if (add_locked(l, GATE_ECO_PYPI, e->key, strlen(e->key), ver,
					       strlen(ver), S->err) < 0)
					goto done;
			}
		}
	}
	error = 0;
done:
	gate_json_free(root);
	return error;
}

int gate_deps_parse_lock(gate_lock *out, gate_eco eco, const char *path, const char *text,
			 size_t len, gate_error *err)
{
	line_cache lc = {text, 1};
	src S = {path, text, len, err, &lc};
	size_t blen;
	const char *b = base_name(path, strlen(path), &blen);
	int rc;

	memset(out, 0, sizeof(*out));
	if (text[len] != '\0')
		return gate_error_set(err, GATE_ERR_INTERNAL, "a lock file's text must end in NUL");
	if (memchr(text, '\0', len))
		return gate_deps__bad(&S, 1, "the file holds a NUL byte");
	if (name_is(b, blen, "package-lock.json") || name_is(b, blen, "npm-shrinkwrap.json"))
		rc = lock_npm_json(out, &S);
	else if (name_is(b, blen, "yarn.lock"))
		rc = lock_yarn(out, &S);
	else if (name_is(b, blen, "pnpm-lock.yaml"))
		rc = lock_pnpm(out, &S);
	else if (name_is(b, blen, "go.sum"))
		rc = lock_gosum(out, &S);
	else if (name_is(b, blen, "Pipfile.lock"))
		rc = lock_pipfile(out, &S);
	else if (name_is(b, blen, "Cargo.lock") || name_is(b, blen, "poetry.lock") ||
		 name_is(b, blen, "uv.lock") || name_is(b, blen, "pdm.lock")) {
		toml_lock_ctx C = {out, eco, &S, NULL, NULL};

		rc = gate_deps__toml_walk(&S, toml_lock_fn, &C);
		if (rc == 0)
			rc = toml_lock_flush(&C);
		free(C.name);
		free(C.version);
	} else {
		rc = gate_error_set(err, GATE_ERR_INTERNAL, "%s is not a lock file riskgate reads",
				    path);
	}
	if (rc < 0)
		gate_deps_lock_dispose(out);
	return rc < 0 ? -1 : 0;
}
