/*
 * Look-alike (typosquat) names in dependency intake: whether a newly added
 * dependency's name is close to, but not the same as, a widely used package
 * of its ecosystem or a name the policy allows. Private to src/. Offline:
 * the widely used names are bundled (src/deps_popular.c), never fetched.
 */
#ifndef RISKGATE_SRC_DEPS_LOOKALIKE_H
#define RISKGATE_SRC_DEPS_LOOKALIKE_H

#include <stddef.h>

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

#endif
