/*
 * Dependency manifests and lock files (docs/dependencies.md): which files
 * they are, and what they declare, read from their text with no network
 * and no package manager. Five ecosystems: npm (package.json), PyPI
 * (requirements*.txt, pyproject.toml), Go (go.mod), Cargo (Cargo.toml)
 * and Maven (pom.xml).
 */
#ifndef RISKGATE_DEPS_H
#define RISKGATE_DEPS_H

#include <stddef.h>

#include "riskgate/error.h"

typedef enum {
	GATE_ECO_NPM = 0,
	GATE_ECO_PYPI,
	GATE_ECO_GO,
	GATE_ECO_CARGO,
	GATE_ECO_MAVEN,
	GATE_ECO_COUNT
} gate_eco;

/* What a dependency's version requirement is. */
typedef enum {
	GATE_DEP_EXACT = 0, /* one version */
	GATE_DEP_BOUNDED,   /* a range with an upper bound (^1.2.3, ~=1.4, [1.0,2.0)) */
	GATE_DEP_OPEN,      /* no upper bound: *, latest, >=1.0, none at all, a SNAPSHOT */
	GATE_DEP_VCS,       /* a git or other repository URL */
	GATE_DEP_PATH,      /* a local path, file:, link:, workspace: */
	GATE_DEP_URL,       /* an archive URL */
	GATE_DEP_MANAGED,   /* the version comes from elsewhere (a workspace, a parent pom) */
	GATE_DEP_REGISTRY   /* no package: a package index or repository the build adds */
} gate_dep_kind;

/* One declared dependency. `name` as the manifest spells it; `key` the
 * name compared between versions and with lock files (npm and Cargo as
 * written, PyPI normalised as PEP 503 says, Maven groupId:artifactId). */
typedef struct {
	char *name;
	char *key;
	/* The package fetched: the name, or for an npm alias
	 * ("x": "npm:real@1.2.3") the real package's. */
	char *pkg;
	char *spec; /* the version requirement as written, "" when none */
	gate_dep_kind kind;
	size_t line;  /* 1-based, in the manifest */
	int override; /* npm overrides, yarn resolutions: forces what others depend on */
} gate_dep;

/* An npm lifecycle script that runs at install time. */
typedef struct {
	char *name; /* preinstall, install, postinstall, prepare */
	char *command;
	size_t line;
} gate_dep_script;

typedef struct {
	gate_eco eco;
	gate_dep *deps;
	size_t ndeps;
	gate_dep_script *scripts;
	size_t nscripts;
	/* requirements*.txt: the file is its own lock (pinned with ==). */
	int self_locked;
} gate_manifest;

/* One package of a lock file, at the version it resolved to. */
typedef struct {
	char *key; /* as gate_dep.key */
	char *version;
} gate_locked;

typedef struct {
	gate_locked *items;
	size_t count;
} gate_lock;

/* Whether `path` (len bytes) is a manifest: 1 with *eco set, else 0. */
int gate_deps_manifest_eco(const char *path, size_t len, gate_eco *eco);

/*
 * Whether `path` (len bytes) is a dependency manifest riskgate knows but
 * does not read (docs/dependencies.md, "Limits"): the ecosystem's name
 * ("Gradle" for build.gradle[.kts], settings.gradle[.kts] and
 * libs.versions.toml; "Ruby" for Gemfile and *.gemspec; "PyPI" for
 * requirements*.in, setup.py and setup.cfg; "Go" for go.work), else NULL.
 * The check names such files, so that they are never passed in silence.
 */
const char *gate_deps_unread_manifest(const char *path, size_t len);

/* The lock file names of `eco`, NULL-terminated, in the order they are
 * looked for; NULL for an ecosystem without lock files (Maven). */
const char *const *gate_deps_lock_names(gate_eco eco);

/* "npm", "pypi", "go", "cargo", "maven". */
const char *gate_deps_eco_name(gate_eco eco);

/* "exact", "bounded", "open", "vcs", "path", "url", "managed", "registry". */
const char *gate_dep_kind_name(gate_dep_kind kind);

/*
 * Reads the manifest `path` of `eco` from `len` bytes of `text`, which
 * must be followed by a NUL byte (text[len] == '\0'). A text
 * the ecosystem's own tools could not read either (invalid JSON, a TOML
 * line that is no key = value) fails with GATE_ERR_INPUT naming
 * PATH:LINE: a manifest the gate cannot read is never taken as empty.
 */
int gate_deps_parse_manifest(gate_manifest *out, gate_eco eco, const char *path, const char *text,
			     size_t len, gate_error *err);
void gate_deps_manifest_dispose(gate_manifest *m);

/* Reads the lock file `path` (its base name says which format) into
 * `out`; GATE_ERR_INPUT when it cannot be read. */
int gate_deps_parse_lock(gate_lock *out, gate_eco eco, const char *path, const char *text,
			 size_t len, gate_error *err);
void gate_deps_lock_dispose(gate_lock *l);

/* The version `key` is locked at, NULL when the lock has no such package
 * (borrowed). */
const char *gate_deps_lock_find(const gate_lock *l, const char *key);

/*
 * Whether `version`, as a lock file of `eco` records it, is one concrete
 * resolved version (docs/dependencies.md, "Locked at the version asked
 * for"): npm and Cargo a plain MAJOR.MINOR.PATCH[-pre][+build]; PyPI a
 * version that starts with a digit and holds no operator, wildcard, comma
 * or space; Go "v" and a digit. A range ("^4.0.0"), "*", "latest" or ""
 * is not. NULL is not.
 */
int gate_deps_version_concrete(gate_eco eco, const char *version);

/*
 * The one version an exact requirement `spec` of `eco` names, without its
 * operator ("=1.2.3", "v1.2.3", "npm:x@1.2.3" -> "1.2.3"; PyPI "==1.2"
 * -> "1.2"; Cargo "=1.2.3" -> "1.2.3"), borrowed from `spec`; NULL when
 * `spec` names no single version.
 */
const char *gate_deps_exact_version(gate_eco eco, const char *spec);

/* Whether the locked version `locked` is the version `exact` (as
 * gate_deps_exact_version gives it): PyPI compares as PEP 440 does
 * ("1.2" is "1.2.0", case aside); the others byte for byte. */
int gate_deps_version_same(gate_eco eco, const char *exact, const char *locked);

/*
 * Look-alike (typosquat) names (src/deps_lookalike.c): whether a newly
 * added dependency's name is close to, but not the same as, a widely used
 * package of its ecosystem or a name the policy allows. Offline: the widely
 * used names are bundled (src/deps_popular.c), never fetched.
 */
/* The longest name that can be a look-alike (npm's limit on a name). */
#define GATE_DEPS_NAME_MAX 214

/* Ecosystems: "npm", "pypi", "go", "cargo", "maven". */

/*
 * The bundled most-used package names of `ecosystem`, sorted bytewise and
 * unique, as each registry spells them: npm names in lower case with scopes
 * such as "@types/node"; PyPI names in PEP 503 normalised form (lower case,
 * runs of '-', '_' and '.' as one '-'); Go module paths such as
 * "github.com/stretchr/testify"; crates.io names; Maven "groupId:artifactId".
 * Sets *n to their number. Returns NULL with *n 0 for an unknown ecosystem.
 * The list is static: the caller neither frees nor changes it.
 */
const char *const *gate_deps_popular(const char *ecosystem, size_t *n);

/*
 * Normalises `name` for comparison in `ecosystem` into `out` (cap bytes,
 * NUL-terminated): ASCII letters in lower case; for "pypi" each run of '-',
 * '_' and '.' becomes one '-' (PEP 503). An unknown ecosystem gets only the
 * lower case. Returns 0, or -1 when the result does not fit in cap bytes
 * (or an argument is NULL); `out` is then the empty string when cap > 0.
 */
int gate_deps_normalize(char *out, size_t cap, const char *ecosystem, const char *name);

/*
 * When `name` (as the manifest spells it) looks like, but is not, one of the
 * popular names of `ecosystem` or one of `allowed` (nallowed names; both
 * compared normalised), returns that name, borrowed from the bundled list or
 * from `allowed`. `allowed` names are tried first, then the bundled list in
 * its order; the first match wins. Returns NULL when `name` is one of those
 * names, looks like none of them, is empty or longer than
 * GATE_DEPS_NAME_MAX bytes, or when `ecosystem` is unknown (ask
 * gate_deps_popular() to tell an unknown ecosystem from a clean name).
 *
 * "Looks like", after normalisation and in ecosystem terms:
 *  - Damerau-Levenshtein distance (an adjacent transposition counts 1) of 1
 *    for names of 5 to 8 characters and of at most 2 for 9 or more; names of
 *    4 or fewer never match by distance. The length counted is the shorter
 *    name's, without the path or coordinate prefix ("…/", "…:") both share;
 *  - the same once '-', '_', '.' are removed and the confusables '0'/'o',
 *    '1'/'l', "rn"/"m", "vv"/"w" are read as one ("crossenv", "rnongoose");
 *  - npm and pypi: a popular name with one of the affixes "-js", ".js",
 *    "js-", "node-", "-node", "py", "python-", "-python", "py-" added or
 *    removed ("pyrequests", "requests-python");
 *  - npm: a scope at distance 1 from the other's, the rest equal
 *    ("@typos/node").
 * Names published under one owner never look like each other, because only
 * that owner can publish there: an npm scope, a Go module's host (with its
 * first path element on shared code hosts such as github.com), a Maven
 * group's reverse domain. An npm scoped name is never compared with an
 * unscoped one: "@acme/lodash" is not a look-alike of "lodash".
 */
const char *gate_deps_lookalike(const char *ecosystem, const char *name, const char *const *allowed,
				size_t nallowed);

/*
 * A list file of package names (docs/dependencies.md, "Allow and deny list
 * files"): one name a line, blank lines and comments ("#" at the start of
 * a line or after a space, to the end of it) ignored. Names are kept as
 * written; they compare as the policy's inline `allow` and `deny` do.
 */
typedef struct {
	char **names;
	size_t count;
} gate_deps_list;

/* The largest list file read: larger is an error. */
#define GATE_DEPS_LIST_MAX ((size_t)1 << 20)

/*
 * Reads `len` bytes of `text`, the list file `path` (for messages), into
 * `out` (the caller disposes it). A text larger than GATE_DEPS_LIST_MAX, a
 * binary one (gate_scan_is_binary), or a line that is not one name (a
 * space inside, a control character, longer than GATE_DEPS_NAME_MAX) fails
 * with GATE_ERR_POLICY naming PATH:LINE and leaves `out` empty: a list the
 * gate cannot read is never taken as empty.
 */
int gate_deps_list_parse(gate_deps_list *out, const char *path, const char *text, size_t len,
			 gate_error *err);
void gate_deps_list_dispose(gate_deps_list *l);

#endif
