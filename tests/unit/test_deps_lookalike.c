/*
 * Look-alike dependency names (src/deps_lookalike.c) and the bundled lists
 * of popular names (src/deps_popular.c). The positive cases are, where one
 * is known, a name that was really published to squat the package it is
 * tested against; the negative ones are real packages that sit close to
 * each other and the namespaces nobody but their owner can publish in.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/deps.h"
#include "unit.h"

static const char *const ecosystems[] = {"npm", "pypi", "go", "cargo", "maven"};
#define NECO (sizeof(ecosystems) / sizeof(ecosystems[0]))

/* The look-alike of `name` in `eco` against the bundled list only. */
static const char *like(const char *eco, const char *name)
{
	return gate_deps_lookalike(eco, name, NULL, 0);
}

#define FLAGS(eco, name, target) CHECK_STR(like(eco, name), target)
#define CLEAN(eco, name)                                                                           \
	do {                                                                                       \
		const char *unit_got_ = like(eco, name);                                           \
		if (unit_got_) {                                                                   \
			fprintf(stderr, "%s:%d: %s \"%s\" flagged as a look-alike of \"%s\"\n",    \
				__FILE__, __LINE__, eco, name, unit_got_);                         \
			unit_current_failed = 1;                                                   \
		}                                                                                  \
	} while (0)

/* Each list is sorted bytewise and unique, within what its registry
 * allows, and large enough to be worth bundling. */
static void test_lists_are_sorted_unique_and_normalised(void)
{
	static const size_t least[] = {300, 300, 150, 200, 150};
	size_t e, i, j, n;

	for (e = 0; e < NECO; e++) {
		const char *const *list = gate_deps_popular(ecosystems[e], &n);

		CHECK(list != NULL);
		if (!list)
			continue;
		if (n < least[e])
			fprintf(stderr, "%s: %zu names\n", ecosystems[e], n);
		CHECK(n >= least[e]);
		for (i = 0; i < n; i++) {
			char norm[GATE_DEPS_NAME_MAX + 1];

			CHECK(list[i] && list[i][0] != '\0');
			CHECK(strlen(list[i]) <= GATE_DEPS_NAME_MAX);
			if (i > 0 && strcmp(list[i - 1], list[i]) >= 0) {
				fprintf(stderr, "%s: \"%s\" before \"%s\"\n", ecosystems[e],
					list[i - 1], list[i]);
				unit_current_failed = 1;
			}
			CHECK(gate_deps_normalize(norm, sizeof(norm), ecosystems[e], list[i]) == 0);
			/* npm and crates.io names are lower case; PyPI's are kept
			 * in their PEP 503 form. Go paths and Maven coordinates keep
			 * their registry's capitals. */
			if (strcmp(ecosystems[e], "go") != 0 &&
			    strcmp(ecosystems[e], "maven") != 0 && strcmp(norm, list[i]) != 0) {
				fprintf(stderr, "%s: \"%s\" is not normalised (\"%s\")\n",
					ecosystems[e], list[i], norm);
				unit_current_failed = 1;
			}
			/* Two entries that normalise alike would be one package. */
			for (j = 0; j < i; j++) {
				char other[GATE_DEPS_NAME_MAX + 1];

				CHECK(gate_deps_normalize(other, sizeof(other), ecosystems[e],
							  list[j]) == 0);
				if (strcmp(norm, other) == 0) {
					fprintf(stderr, "%s: \"%s\" and \"%s\" are one name\n",
						ecosystems[e], list[i], list[j]);
					unit_current_failed = 1;
				}
			}
		}
	}
}

/* No popular name is flagged, however near another popular name it is
 * (npm "preact"/"react", pypi "arrow"/"pyarrow", npm "sass"/"node-sass"),
 * nor when it is spelt in capitals where the registry ignores case. */
static void test_popular_names_are_never_lookalikes(void)
{
	size_t e, i, n;

	for (e = 0; e < NECO; e++) {
		const char *const *list = gate_deps_popular(ecosystems[e], &n);

		for (i = 0; i < n; i++) {
			char upper[GATE_DEPS_NAME_MAX + 1];
			size_t k;

			CLEAN(ecosystems[e], list[i]);
			CHECK(gate_deps_lookalike(ecosystems[e], list[i], list, n) == NULL);
			for (k = 0; list[i][k] && k + 1 < sizeof(upper); k++)
				upper[k] = (list[i][k] >= 'a' && list[i][k] <= 'z')
					       ? (char)(list[i][k] - 'a' + 'A')
					       : list[i][k];
			upper[k] = '\0';
			CLEAN(ecosystems[e], upper);
		}
	}
	CLEAN("npm", "react-dom");
	CLEAN("npm", "react");
	CLEAN("npm", "preact");
	CLEAN("npm", "ms");
	CLEAN("npm", "qs");
	CLEAN("npm", "ws");
	CLEAN("pypi", "boto");
	CLEAN("pypi", "boto3");
	CLEAN("pypi", "PyYAML");
	CLEAN("pypi", "Flask_SQLAlchemy");
	CLEAN("maven", "com.zaxxer:hikaricp");
}

/* Every name of the bundled lists with its last two letters swapped is a
 * look-alike of something, unless that is popular itself or the name is
 * too short to match by distance. It is also the timing case: a thousand
 * look-ups against the largest lists. */
static void test_transposed_popular_names_are_caught(void)
{
	static const char *const ecos[] = {"npm", "pypi", "cargo"};
	size_t e, i, n, caught = 0, tried = 0;

	for (e = 0; e < sizeof(ecos) / sizeof(ecos[0]); e++) {
		const char *const *list = gate_deps_popular(ecos[e], &n);

		for (i = 0; i < n; i++) {
			char name[GATE_DEPS_NAME_MAX + 1];
			size_t len = strlen(list[i]), k;
			char t;
			int popular = 0;

			if (len < 5 || list[i][len - 1] == list[i][len - 2] || list[i][0] == '@')
				continue;
			memcpy(name, list[i], len + 1);
			t = name[len - 1];
			name[len - 1] = name[len - 2];
			name[len - 2] = t;
			for (k = 0; k < n; k++)
				popular |= strcmp(list[k], name) == 0;
			if (popular)
				continue;
			tried++;
			if (like(ecos[e], name))
				caught++;
			else
				fprintf(stderr, "%s: \"%s\" not caught\n", ecos[e], name);
		}
	}
	CHECK(tried > 500);
	CHECK(caught == tried);
}

static void test_normalize(void)
{
	char out[32];

	CHECK(gate_deps_normalize(out, sizeof(out), "pypi", "Foo__Bar..baz-_-Qux") == 0);
	CHECK_STR(out, "foo-bar-baz-qux");
	CHECK(gate_deps_normalize(out, sizeof(out), "pypi", "_Leading.") == 0);
	CHECK_STR(out, "-leading-");
	CHECK(gate_deps_normalize(out, sizeof(out), "pypi", "python_dateutil") == 0);
	CHECK_STR(out, "python-dateutil");
	/* Only PyPI folds separators: npm's "cross_env" is another package. */
	CHECK(gate_deps_normalize(out, sizeof(out), "npm", "Cross_Env.JS") == 0);
	CHECK_STR(out, "cross_env.js");
	CHECK(gate_deps_normalize(out, sizeof(out), "cargo", "Rust_Decimal") == 0);
	CHECK_STR(out, "rust_decimal");
	CHECK(gate_deps_normalize(out, sizeof(out), "maven", "com.zaxxer:HikariCP") == 0);
	CHECK_STR(out, "com.zaxxer:hikaricp");
	CHECK(gate_deps_normalize(out, sizeof(out), "rubygems", "Rails") == 0);
	CHECK_STR(out, "rails");
	/* Bytes past ASCII are kept as they are. */
	CHECK(gate_deps_normalize(out, sizeof(out), "npm",
				  "R\xc3\xa9"
				  "act") == 0);
	CHECK_STR(out, "r\xc3\xa9"
		       "act");
	CHECK(gate_deps_normalize(out, sizeof(out), "npm", "") == 0);
	CHECK_STR(out, "");

	/* Exactly fits, one byte short, no room at all. */
	CHECK(gate_deps_normalize(out, 7, "npm", "Lodash") == 0);
	CHECK_STR(out, "lodash");
	CHECK(gate_deps_normalize(out, 6, "npm", "Lodash") == -1);
	CHECK_STR(out, "");
	CHECK(gate_deps_normalize(out, 0, "npm", "x") == -1);
	CHECK(gate_deps_normalize(NULL, 8, "npm", "x") == -1);
	CHECK(gate_deps_normalize(out, sizeof(out), "npm", NULL) == -1);
	CHECK_STR(out, "");
	/* The run collapses before the capacity is counted. */
	CHECK(gate_deps_normalize(out, 4, "pypi", "a---b") == 0);
	CHECK_STR(out, "a-b");
}

/* Rule (a): edit distance, transpositions counting one. */
static void test_distance(void)
{
	/* npm typosquats of 2017-2018. */
	FLAGS("npm", "electorn", "electron");
	FLAGS("npm", "loadsh", "lodash");
	FLAGS("npm", "mongose", "mongoose");
	FLAGS("npm", "axois", "axios");             /* 5 letters: the shortest to count */
	FLAGS("npm", "jsnwebtokn", "jsonwebtoken"); /* two edits at 10 letters */
	/* Near css-loader, less-loader and sass-loader: the first listed wins. */
	FLAGS("npm", "cass-loader", "css-loader");
	/* PyPI: reqeusts and urlib3 were published, colourama (2018) too. */
	FLAGS("pypi", "reqeusts", "requests");
	FLAGS("pypi", "urlib3", "urllib3");
	FLAGS("pypi", "colourama", "colorama");
	FLAGS("pypi", "python3-dateutil", "python-dateutil");
	/* "jeIlyfish" (2019) hid a capital I among the l's; PyPI reads it
	 * as "jeilyfish", one letter from jellyfish. */
	FLAGS("pypi", "jeIlyfish", "jellyfish");
	FLAGS("pypi", "beautifulsoup", "beautifulsoup4");
	FLAGS("cargo", "tokoi", "tokio");
	FLAGS("cargo", "serde_jsno", "serde_json");

	/* Two edits under 9 letters, three at 9 or more. */
	CLEAN("npm", "mongoo");
	CLEAN("npm", "jsnwbtokn");
	/* Four letters or fewer never match by distance. */
	CLEAN("npm", "reat");
	CLEAN("npm", "vuex");
	CLEAN("npm", "mss");
	CLEAN("npm", "wss");
	CLEAN("npm", "qss");
	CLEAN("pypi", "sixx");
	CLEAN("cargo", "sha4");
	/* Far from everything. */
	CLEAN("npm", "left-pad-but-better");
	CLEAN("pypi", "riskgate");
}

/* Rules (b) and (c): separators removed, confusables read as the letters
 * they imitate. */
static void test_separators_and_confusables(void)
{
	FLAGS("npm", "crossenv", "cross-env"); /* 2017 */
	FLAGS("npm", "expressjs", "express");  /* "js" run on */
	FLAGS("npm", "babelcli", "babel-cli"); /* 2017 */
	FLAGS("npm", "cross_env", "cross-env");
	FLAGS("pypi", "pythondateutil", "python-dateutil");
	/* PyPI itself folds "_" into "-": the same package, not a look-alike. */
	CLEAN("pypi", "python_dateutil");
	CLEAN("pypi", "Python.Dateutil");
	FLAGS("cargo", "rustdecimal", "rust_decimal");

	FLAGS("pypi", "c0lorama", "colorama");
	FLAGS("npm", "1odash", "lodash");
	FLAGS("npm", "rnongoose", "mongoose"); /* two edits at 8 letters: only as "m" */
	FLAGS("npm", "rnoment", "moment");
	FLAGS("npm", "vvebpack", "webpack");
	/* Confusables count however short the name. */
	FLAGS("npm", "vvs", "ws");
	FLAGS("npm", "rns", "ms");
	FLAGS("npm", "q-s", "qs");
}

/* Rule (d): an npm scope is owned; only a scope one edit from a popular
 * one, with the same name under it, is a look-alike. */
static void test_npm_scopes(void)
{
	FLAGS("npm", "@typos/node", "@types/node");
	FLAGS("npm", "@type/node", "@types/node");
	FLAGS("npm", "@babe1/core", "@babel/core");
	/* Another scope with a popular unscoped or scoped name under it. */
	CLEAN("npm", "@acme/lodash");
	CLEAN("npm", "@acme/react");
	CLEAN("npm", "@evil/node");
	CLEAN("npm", "@types/lodash.merge");
	/* The owner's own scope: nobody else can publish there. */
	CLEAN("npm", "@types/nodes");
	CLEAN("npm", "@types/n0de");
	CLEAN("npm", "@babel/c0re");
	CLEAN("npm", "@vue/compiler-sfcc");
	/* Unscoped against scoped: only the scope spelt into the name. */
	FLAGS("npm", "types-node", "@types/node");
	CLEAN("npm", "node-types");
}

/* Rule (e): common prefixes and suffixes, npm and PyPI only. */
static void test_affixes(void)
{
	FLAGS("pypi", "requests-python", "requests");
	FLAGS("pypi", "requests_python", "requests");
	FLAGS("pypi", "pyrequests", "requests");
	FLAGS("pypi", "py-requests", "requests");
	FLAGS("pypi", "python-requests", "requests");
	FLAGS("pypi", "colorama.js", "colorama");
	FLAGS("pypi", "yaml", "pyyaml"); /* removed from a popular name */
	FLAGS("npm", "lodash-js", "lodash");
	FLAGS("npm", "lodash.js", "lodash");
	FLAGS("npm", "js-lodash", "lodash");
	FLAGS("npm", "node-lodash", "lodash");
	FLAGS("npm", "lodash-node", "lodash");
	FLAGS("npm", "pylodash", "lodash");
	FLAGS("npm", "fetch", "node-fetch");
	/* Only the listed affixes, and only in those two ecosystems. */
	CLEAN("npm", "lodash-ts");
	CLEAN("npm", "lodash-plus");
	CLEAN("cargo", "serde-python");
	CLEAN("cargo", "pyserde");
	CLEAN("maven", "org.slf4j:slf4j-api-js");
}

/* Go: a host, or a user on a shared code host, owns its paths. */
static void test_go(void)
{
	FLAGS("go", "github.com/strechr/testify", "github.com/stretchr/testify");
	FLAGS("go", "github.com/gorila/mux", "github.com/gorilla/mux");
	FLAGS("go", "github.com/sirupsen-/logrus", "github.com/sirupsen/logrus");
	FLAGS("go", "go.uber0.org/zap", "go.uber.org/zap");
	FLAGS("go", "golang.org.x/crypto", "golang.org/x/crypto");
	FLAGS("go", "go1ang.org/x/crypto", "golang.org/x/crypto");
	FLAGS("go", "gopkg.in/yml.v3", "gopkg.in/yaml.v3");

	CLEAN("go", "github.com/stretchr/testifyy");
	CLEAN("go", "golang.org/x/crypt0");
	CLEAN("go", "github.com/spf13/c0bra");
	CLEAN("go", "github.com/sirupsen/logrous");
	CLEAN("go", "golang.org/x/syncs");
	CLEAN("go", "gopkg.in/yaml.v4");
	CLEAN("go", "k8s.io/apis");
	/* Module paths differ in case only where GitHub ignores it. */
	CLEAN("go", "github.com/Sirupsen/logrus");
	CLEAN("go", "github.com/acme/widgets");
}

/* Maven: a group's reverse domain is verified, so it owns its groups. */
static void test_maven(void)
{
	FLAGS("maven", "org.sl4fj:slf4j-api", "org.slf4j:slf4j-api");
	FLAGS("maven", "com.fasterxm1.jackson.core:jackson-databind",
	      "com.fasterxml.jackson.core:jackson-databind");
	FLAGS("maven", "io.netyt:netty-all", "io.netty:netty-all");

	CLEAN("maven", "com.fasterxml.jackson.core:jackson-databnid");
	CLEAN("maven", "org.apache.commons:commons-lang4");
	CLEAN("maven", "org.apache.common:commons-lang3");
	CLEAN("maven", "com.google.guava:guava-testlib");
	CLEAN("maven", "com.example:widgets");
}

static void test_allowed(void)
{
	static const char *const allowed[] = {"acme-internal-lib", "expressx", "loadsh"};
	static const char *const pypi_allowed[] = {"Acme_Tools"};
	static const char *const odd[] = {NULL, "", "expressx"};
	const char *got;

	got = gate_deps_lookalike("npm", "acme-internal-lbi", allowed, 3);
	CHECK(got == allowed[0]);
	/* Allowed names come before popular ones: "expresss" is one edit
	 * from both express and expressx. */
	CHECK(like("npm", "expresss") != NULL);
	got = gate_deps_lookalike("npm", "expresss", allowed, 3);
	CHECK(got == allowed[1]);
	/* An allowed name is never a look-alike, even of a popular one. */
	CHECK(gate_deps_lookalike("npm", "loadsh", allowed, 3) == NULL);
	CHECK(gate_deps_lookalike("npm", "LOADSH", allowed, 3) == NULL);
	/* Compared normalised. */
	CHECK(gate_deps_lookalike("pypi", "acme.tools", pypi_allowed, 1) == NULL);
	CHECK(gate_deps_lookalike("pypi", "acme-tool", pypi_allowed, 1) == pypi_allowed[0]);
	/* Holes and empty names in the list are skipped; nallowed bounds it. */
	CHECK(gate_deps_lookalike("npm", "expresss", odd, 3) == odd[2]);
	CHECK_STR(gate_deps_lookalike("npm", "expresss", allowed, 1), "express");
	CHECK_STR(gate_deps_lookalike("npm", "expresss", NULL, 5), "express");
	/* The returned popular name is the bundled list's own string. */
	{
		size_t n, i;
		const char *const *list = gate_deps_popular("npm", &n);
		int ours = 0;

		got = like("npm", "loadsh");
		for (i = 0; i < n; i++)
			ours |= got == list[i];
		CHECK(ours);
	}
}

static void test_long_empty_and_unknown(void)
{
	char name[GATE_DEPS_NAME_MAX + 2], near[GATE_DEPS_NAME_MAX + 2];
	const char *allowed[1];
	size_t n = 99;

	CLEAN("npm", "");
	CLEAN("pypi", "---"); /* normalises to "-" */
	CHECK(like("npm", NULL) == NULL);

	/* 214 bytes still count; 215 never do, nor an allowed name that long. */
	memset(name, 'a', GATE_DEPS_NAME_MAX);
	name[GATE_DEPS_NAME_MAX] = '\0';
	memcpy(near, name, sizeof(name));
	near[0] = 'b';
	allowed[0] = near;
	CHECK(gate_deps_lookalike("npm", name, allowed, 1) == near);
	name[GATE_DEPS_NAME_MAX] = 'a';
	name[GATE_DEPS_NAME_MAX + 1] = '\0';
	CHECK(gate_deps_lookalike("npm", name, allowed, 1) == NULL);
	name[GATE_DEPS_NAME_MAX] = '\0';
	near[GATE_DEPS_NAME_MAX] = 'a';
	near[GATE_DEPS_NAME_MAX + 1] = '\0';
	CHECK(gate_deps_lookalike("npm", name, allowed, 1) == NULL);
	/* A long name near a popular one is still compared in full. */
	CLEAN("npm", "lodash-with-a-very-long-tail-that-is-nothing-like-any-popular-package");

	CHECK(gate_deps_popular("rubygems", &n) == NULL);
	CHECK(n == 0);
	n = 99;
	CHECK(gate_deps_popular(NULL, &n) == NULL);
	CHECK(n == 0);
	CHECK(gate_deps_popular("NPM", &n) == NULL);
	allowed[0] = "lodash";
	CHECK(gate_deps_lookalike("rubygems", "loadsh", allowed, 1) == NULL);
	CHECK(gate_deps_lookalike(NULL, "loadsh", allowed, 1) == NULL);
}

int main(void)
{
	GATE_RUN(test_lists_are_sorted_unique_and_normalised);
	GATE_RUN(test_popular_names_are_never_lookalikes);
	GATE_RUN(test_transposed_popular_names_are_caught);
	GATE_RUN(test_normalize);
	GATE_RUN(test_distance);
	GATE_RUN(test_separators_and_confusables);
	GATE_RUN(test_npm_scopes);
	GATE_RUN(test_affixes);
	GATE_RUN(test_go);
	GATE_RUN(test_maven);
	GATE_RUN(test_allowed);
	GATE_RUN(test_long_empty_and_unknown);
	return GATE_UNIT_DONE("test_deps_lookalike");
}
