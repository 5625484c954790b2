/*
 * Unit tests for CODEOWNERS (src/codeowners.c): a table of pattern/path
 * cases for every matching rule, GitHub's documented example file, the
 * last-match-wins and empty-owner rules, every lint diagnostic, and hostile
 * input. Every text is copied into a heap block of exactly its length, so
 * AddressSanitizer catches any read past the end.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "riskgate/codeowners.h"
#include "unit.h"

/* Prints `len` bytes of test input readably (for failure messages only). */
static void show(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len && i < 120; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c >= 0x20 && c < 0x7f)
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	if (len > 120)
		fputs("...", stderr);
}

/* Parses an exact-size heap copy of `len` bytes of `text`. */
static int parse_n(gate_codeowners **out, const char *text, size_t len, gate_diags *diags,
		   gate_error *err)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	if (!copy)
		return -2;
	if (len)
		memcpy(copy, text, len);
	gate_error_init(err);
	rc = gate_codeowners_parse(out, copy, len, "CODEOWNERS", diags, err);
	free(copy);
	return rc;
}

/* Parses `text`, which must be accepted with no diagnostic at all. */
static gate_codeowners *parse_clean(const char *text)
{
	gate_codeowners *co = NULL;
	gate_diags diags;
	gate_error err;
	size_t i;

	gate_diags_init(&diags);
	if (parse_n(&co, text, strlen(text), &diags, &err) != 0 || diags.count != 0) {
		fprintf(stderr, "  CODEOWNERS \"");
		show(text, strlen(text));
		fprintf(stderr, "\": error \"%s\", %zu diagnostics\n", err.message, diags.count);
		for (i = 0; i < diags.count; i++)
			fprintf(stderr, "    %u:%u: %s\n", diags.items[i].line, diags.items[i].col,
				diags.items[i].message);
		gate_codeowners_free(co);
		co = NULL;
	}
	gate_diags_dispose(&diags);
	return co;
}

/* Matches an exact-size heap copy of `len` bytes of `path`. */
static int match_n(const gate_codeowners *co, const char *path, size_t len,
		   const char *const **owners, size_t *nowners, unsigned *line)
{
	char *copy = malloc(len ? len : 1);
	gate_error err;
	int rc;

	if (!copy)
		return -2;
	if (len)
		memcpy(copy, path, len);
	gate_error_init(&err);
	rc = gate_codeowners_match(co, copy, len, owners, nowners, line, &err);
	free(copy);
	return rc;
}

static int match(const gate_codeowners *co, const char *path, const char *const **owners,
		 size_t *nowners, unsigned *line)
{
	return match_n(co, path, strlen(path), owners, nowners, line);
}

/* The owners of `path` joined by spaces ("" when unowned, "(none)" when no
 * line matches, "(error)" on an error), in a static buffer. */
static const char *owners_of(const gate_codeowners *co, const char *path, unsigned *line)
{
	static char buf[512];
	const char *const *owners;
	size_t n, i, o = 0;
	unsigned l = 0;
	int rc;

	rc = co ? match(co, path, &owners, &n, &l) : -1;
	if (line)
		*line = l;
	if (rc < 0)
		return "(error)";
	if (rc == 0)
		return "(none)";
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t len = strlen(owners[i]);

		if (o + len + 2 > sizeof(buf))
			break;
		if (i)
			buf[o++] = ' ';
		memcpy(buf + o, owners[i], len + 1);
		o += len;
	}
	return buf;
}

/*
 * Every matching rule, one pattern and one path at a time. Sources: [GH]
 * GitHub's "About code owners" (its example file and syntax exceptions),
 * [GI] gitignore(5), [HM] GitHub behaviour recorded in hmarr/codeowners'
 * pattern table; see src/codeowners.c.
 */
static const struct {
	const char *pattern;
	const char *path;
	int match;
} cases[] = {
    /* [GH] "*" is the default owner of everything. */
    {"*", "README.md", 1},
    {"*", "a/b/c.txt", 1},
    {"*", ".github/workflows/ci.yml", 1},
    /* [GH] "*.js": JS files at any depth. */
    {"*.js", "app.js", 1},
    {"*.js", "a/b/c.js", 1},
    {"*.js", "app.jsx", 0},
    {"*.js", "a/app.js.map", 0},
    {"*.go", "cmd/main.go", 1},
    /* [GH] "/build/logs/": the directory at the root and its subdirectories. */
    {"/build/logs/", "build/logs/a.log", 1},
    {"/build/logs/", "build/logs/deep/er/a.log", 1},
    {"/build/logs/", "build/logs", 0},
    {"/build/logs/", "x/build/logs/a.log", 0},
    /* [GH] "docs/" + "*" matches docs/getting-started.md but not
     * docs/build-app/troubleshooting.md; the middle slash anchors it. */
    {"docs/*", "docs/getting-started.md", 1},
    {"docs/*", "docs/build-app/troubleshooting.md", 0},
    {"docs/*", "x/docs/a.md", 0},
    {"docs/*", "docs", 0},
    /* [GH] "apps/": any file in an apps directory anywhere. */
    {"apps/", "apps/a.js", 1},
    {"apps/", "x/y/apps/z/a.js", 1},
    {"apps/", "apps", 0},
    {"apps/", "myapps/a.js", 0},
    /* [GH] "/docs/": the root docs directory and its subdirectories. */
    {"/docs/", "docs/a/b.md", 1},
    {"/docs/", "x/docs/a.md", 0},
    {"docs/", "x/docs/a.md", 1},
    {"docs/", "docs/a.md", 1},
    {"/scripts/", "scripts/deploy.sh", 1},
    {"/scripts/", "tools/scripts/deploy.sh", 0},
    /* [GH] "**" + "/logs": /build/logs, /scripts/logs, /deeply/nested/logs. */
    {"**/logs", "build/logs/x.log", 1},
    {"**/logs", "scripts/logs/x", 1},
    {"**/logs", "deeply/nested/logs/a/b", 1},
    {"**/logs", "logs/a", 1},
    {"**/logs", "logs", 1},
    {"**/logs", "catalogs/a", 0},
    {"/apps/github", "apps/github/x", 1},
    {"/apps/github", "apps/github", 1},
    {"/apps/github", "apps/githubx", 0},
    /* [GI][HM] A pattern without a slash matches a file or a directory
     * of that name at any depth, and everything under the directory. */
    {"foo", "foo", 1},
    {"foo", "x/foo/y", 1},
    {"foo", "x/y/foo", 1},
    {"foo", "foo.txt", 0},
    {"foo", "x/foo.txt", 0},
    {"foo", "xfoo", 0},
    /* [GH] "CODEOWNERS paths are case sensitive". */
    {"foo", "Foo", 0},
    {"/Docs/", "docs/a", 0},
    /* [GI][HM] A leading slash anchors to the root. */
    {"/foo", "foo", 1},
    {"/foo", "foo/bar/baz", 1},
    {"/foo", "bar/foo", 0},
    {"/foo", "fool.txt", 0},
    /* [GI] A slash in the middle anchors too. */
    {"foo/bar", "foo/bar", 1},
    {"foo/bar", "foo/bar/baz", 1},
    {"foo/bar", "x/foo/bar", 0},
    {"foo/bar", "foo/bart", 0},
    {"foo/bar/", "foo/bar", 0},
    {"foo/bar/", "foo/bar/baz", 1},
    {"foo/bar/", "x/foo/bar/baz", 0},
    /* [GI] "*" never crosses "/". */
    {"a/*.c", "a/x.c", 1},
    {"a/*.c", "a/b/c.c", 0},
    {"/*", "foo", 1},
    {"/*", "foo/bar", 0},
    {"/*/", "foo", 0},
    {"/*/", "foo/bar", 1},
    {"/*/", "a/b/c", 1},
    /* [HM] A final segment with a wildcard that is not a lone "*"
     * matches directories, and so their contents. */
    {"f*", "foo", 1},
    {"f*", "bar/foo/baz", 1},
    {"f*", "xfoo", 0},
    {"/f*", "foo/bar", 1},
    {"/f*", "bar/foo", 0},
    {"f*/", "foo", 0},
    {"f*/", "bar/foo/baz", 1},
    {"foo/*/baz", "foo/bar/baz", 1},
    {"foo/*/baz", "foo/bar/baz/qux", 1},
    {"foo/*/baz", "foo/baz", 0},
    {"foo/*/baz", "foo/a/b/baz", 0},
    {"*.min.*", "a/x.min.js", 1},
    {"a*b*c", "axxbyyc", 1},
    {"a*b*c", "abc", 1},
    {"a*b*c", "acb", 0},
    {"a*a", "a", 0},
    {"*a*a*a*b", "aaaa", 0},
    {"*a*a*a*b", "xaxaxayb", 1},
    /* [GI] "?" matches one character except "/"; a character is a UTF-8
     * sequence, or one byte when the bytes are not valid UTF-8. */
    {"f?o", "foo", 1},
    {"f?o", "fo", 0},
    {"f?o", "fooo", 0},
    {"f?o", "f/o", 0},
    {"?.txt", "\xc3\xa9.txt", 1},
    {"??.txt", "\xc3\xa9.txt", 0},
    {"f?o", "f\xffo", 1},
    {"f?o", "f\xe2\x82\xaco", 1},
    /* [GI] A leading "**" + "/" matches in all directories. */
    {"**/foo/bar", "foo/bar", 1},
    {"**/foo/bar", "x/y/foo/bar/z", 1},
    {"**/foo/bar", "foo/x/bar", 0},
    {"**/*bar*", "foo/rebar", 1},
    {"**/*bar*", "bar", 1},
    /* [GI] A trailing "/" + "**" matches everything inside, not the
     * directory's own name. */
    {"foo/bar/**", "foo/bar", 0},
    {"foo/bar/**", "foo/bar/baz", 1},
    {"foo/bar/**", "foo/bar/a/b/c", 1},
    {"foo/bar/**", "x/foo/bar/baz", 0},
    /* [GI] "a/" + "**" + "/b" matches a/b, a/x/b, a/x/y/b. */
    {"a/**/b", "a/b", 1},
    {"a/**/b", "a/x/b", 1},
    {"a/**/b", "a/x/y/b", 1},
    {"a/**/b", "a/x/y/b/c", 1},
    {"a/**/b", "x/a/b", 0},
    {"a/**/b", "a/bb", 0},
    {"a/**/b", "ab", 0},
    {"a/**/b", "a", 0},
    {"a/**/**/b", "a/b", 1},
    {"foo/**/", "foo", 0},
    {"foo/**/", "foo/bar", 1},
    {"foo/**/bar/b*", "foo/bar/baz", 1},
    {"foo/**/bar/b*", "foo/qux/bar/baz", 1},
    {"foo/**/bar/b*", "foo/bar/qux", 0},
    {"**", "anything/at/all", 1},
    {"/**", "x", 1},
    /* [GI] Other consecutive asterisks are regular asterisks. */
    {"**.js", "x/y.js", 1},
    {"a**b", "axyb", 1},
    {"a**b", "a/b", 0},
    /* [GH][GHE] "[" and "]" are literal once escaped (no ranges). */
    {"\\[abc\\].txt", "[abc].txt", 1},
    {"\\[abc\\].txt", "a.txt", 0},
    {"\\[abc\\].txt", "x/[abc].txt", 1},
    {"pages/s/\\[org\\]/index.tsx", "pages/s/[org]/index.tsx", 1},
    /* [GI] A backslash escapes any character. */
    {"f\\*o", "f*o", 1},
    {"f\\*o", "foo", 0},
    {"f\\?o", "f?o", 1},
    {"f\\?o", "foo", 0},
    {"foo\\ bar", "foo bar", 1},
    {"/Path\\ With\\ Space.cs", "Path With Space.cs", 1},
    {"trailing\\ ", "trailing ", 1},
    {"trailing\\ ", "trailing", 0},
    {"\\!important", "!important", 1},
    {"a!b", "a!b", 1},
    {"a#b", "a#b", 1},
    {"a\\/b", "a/b", 1},
    {"\\\\back", "\\back", 1},
    {"\\e\\s\\c", "esc", 1},
    /* Hostile names are just bytes. */
    {"*", "dir/\x1b[2Jfile", 1},
    {"*.txt", "new\nline.txt", 1},
    {"/a/*", "a/\xc3\xa9.md", 1},
    {"\xc3\xa9/", "x/\xc3\xa9/y", 1},
    {"*\xc3\xa9", "\xc3\xa9\xc3\xa9", 1},
    {"*\xa9", "\xc3\xa9", 0},
};

static void test_pattern_table(void)
{
	gate_codeowners *co;
	const char *const *owners;
	char text[256];
	size_t i, n;
	unsigned line;
	int rc;

	CHECK(sizeof(cases) / sizeof(cases[0]) >= 80);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "%s @owner\n", cases[i].pattern);
		co = parse_clean(text);
		rc = co ? match(co, cases[i].path, &owners, &n, &line) : -3;
		if (rc != cases[i].match) {
			fprintf(stderr, "  pattern \"%s\" path \"", cases[i].pattern);
			show(cases[i].path, strlen(cases[i].path));
			fprintf(stderr, "\": expected %d, got %d\n", cases[i].match, rc);
			unit_current_failed = 1;
		} else if (rc == 1) {
			CHECK(n == 1 && line == 1 && strcmp(owners[0], "@owner") == 0);
		}
		gate_codeowners_free(co);
	}
}

/* The line number of the first line of `text` that starts with `prefix`. */
static unsigned line_of(const char *text, const char *prefix)
{
	const char *p = text;
	unsigned line = 1;

	while (*p) {
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return line;
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
		line++;
	}
	return 0;
}

/* GitHub's example CODEOWNERS file, as in "About code owners". */
static const char github_example[] =
    "# This is a comment.\n"
    "# Each line is a file pattern followed by one or more owners.\n"
    "\n"
    "# These owners will be the default owners for everything in\n"
    "# the repo. Unless a later match takes precedence,\n"
    "# @global-owner1 and @global-owner2 will be requested for\n"
    "# review when someone opens a pull request.\n"
    "*       @global-owner1 @global-owner2\n"
    "\n"
    "# Order is important; the last matching pattern takes the most\n"
    "# precedence. When someone opens a pull request that only\n"
    "# modifies JS files, only @js-owner and not the global\n"
    "# owner(s) will be requested for a review.\n"
    "*.js    @js-owner #This is an inline comment.\n"
    "\n"
    "# You can also use email addresses if you prefer. They'll be\n"
    "# used to look up users just like we do for commit author\n"
    "# emails.\n"
    "*.go docs@example.com\n"
    "\n"
    "# Teams can be specified as code owners as well. Teams should\n"
    "# be identified in the format @org/team-name. Teams must have\n"
    "# explicit write access to the repository. In this example,\n"
    "# the octocats team in the octo-org organization owns all .txt files.\n"
    "*.txt @octo-org/octocats\n"
    "\n"
    "# In this example, @doctocat owns any files in the build/logs\n"
    "# directory at the root of the repository and any of its\n"
    "# subdirectories.\n"
    "/build/logs/ @doctocat\n"
    "\n"
    "# The `docs/*` pattern will match files like\n"
    "# `docs/getting-started.md` but not further nested files like\n"
    "# `docs/build-app/troubleshooting.md`.\n"
    "docs/* docs@example.com\n"
    "\n"
    "# In this example, @octocat owns any file in an apps directory\n"
    "# anywhere in your repository.\n"
    "apps/ @octocat\n"
    "\n"
    "# In this example, @doctocat owns any file in the `/docs`\n"
    "# directory in the root of your repository and any of its\n"
    "# subdirectories.\n"
    "/docs/ @doctocat\n"
    "\n"
    "# In this example, any change inside the `/scripts` directory\n"
    "# will require approval from @doctocat or @octocat.\n"
    "/scripts/ @doctocat @octocat\n"
    "\n"
    "# In this example, @octocat owns any file in a `/logs` directory such as\n"
    "# `/build/logs`, `/scripts/logs`, and `/deeply/nested/logs`. Any changes\n"
    "# in a `/logs` directory will require approval from @octocat.\n"
    "**/logs @octocat\n"
    "\n"
    "# In this example, @octocat owns any file in the `/apps`\n"
    "# directory in the root of your repository except for the `/apps/github`\n"
    "# subdirectory, as its owners are left empty. Without an owner, changes\n"
    "# to `apps/github` can be made with the approval of any user who has\n"
    "# write access to the repository.\n"
    "/apps/ @octocat\n"
    "/apps/github\n"
    "\n"
    "# In this example, @octocat owns any file in the `/apps`\n"
    "# directory in the root of your repository except for the `/apps/github`\n"
    "# subdirectory, as this subdirectory has its own owner @doctocat\n"
    "/apps/ @octocat\n"
    "/apps/github @doctocat\n";

static void test_github_example(void)
{
	gate_codeowners *co = parse_clean(github_example);
	unsigned line;

	CHECK(co != NULL);
	CHECK_STR(owners_of(co, "README.md", &line), "@global-owner1 @global-owner2");
	CHECK(line == line_of(github_example, "*       @global"));
	/* The inline comment is not an owner. */
	CHECK_STR(owners_of(co, "src/app.js", &line), "@js-owner");
	CHECK(line == line_of(github_example, "*.js"));
	CHECK_STR(owners_of(co, "cmd/main.go", NULL), "docs@example.com");
	CHECK_STR(owners_of(co, "notes.txt", NULL), "@octo-org/octocats");
	/* "**" + "/logs" comes after "/build/logs/", so it decides. */
	CHECK_STR(owners_of(co, "build/logs/x.log", &line), "@octocat");
	CHECK(line == line_of(github_example, "**/logs"));
	CHECK_STR(owners_of(co, "build/x.log", NULL), "@global-owner1 @global-owner2");
	CHECK_STR(owners_of(co, "deeply/nested/logs/y.txt", NULL), "@octocat");
	/* "/docs/" comes after "docs/" + "*". */
	CHECK_STR(owners_of(co, "docs/getting-started.md", &line), "@doctocat");
	CHECK(line == line_of(github_example, "/docs/"));
	CHECK_STR(owners_of(co, "docs/build-app/troubleshooting.md", NULL), "@doctocat");
	CHECK_STR(owners_of(co, "x/apps/a.js", &line), "@octocat");
	CHECK(line == line_of(github_example, "apps/ @octocat"));
	CHECK_STR(owners_of(co, "scripts/deploy.sh", NULL), "@doctocat @octocat");
	CHECK_STR(owners_of(co, "apps/main/index.js", NULL), "@octocat");
	/* The final "/apps/github @doctocat" wins over the ownerless line. */
	CHECK_STR(owners_of(co, "apps/github/readme.md", &line), "@doctocat");
	CHECK(line == line_of(github_example, "/apps/github @doctocat"));
	gate_codeowners_free(co);
}

static void test_last_match_wins(void)
{
	const char *text = "* @a\n*.js @b\n/src/ @c\n";
	const char *reversed = "/src/ @c\n*.js @b\n* @a\n";
	gate_codeowners *co = parse_clean(text);
	unsigned line;

	CHECK_STR(owners_of(co, "src/a.js", &line), "@c");
	CHECK(line == 3);
	CHECK_STR(owners_of(co, "lib/a.js", &line), "@b");
	CHECK(line == 2);
	CHECK_STR(owners_of(co, "README", &line), "@a");
	CHECK(line == 1);
	gate_codeowners_free(co);

	/* Owners of earlier lines are never merged in. */
	co = parse_clean(reversed);
	CHECK_STR(owners_of(co, "src/a.js", &line), "@a");
	CHECK(line == 3);
	gate_codeowners_free(co);

	/* The same pattern twice: only the last line counts ([GH] "the
	 * pattern matches only the last mentioned code owner"). */
	co = parse_clean("apps/ @octocat\napps/ @doctocat\n");
	CHECK_STR(owners_of(co, "apps/x", &line), "@doctocat");
	CHECK(line == 2);
	gate_codeowners_free(co);
}

static void test_empty_owners_override(void)
{
	static const char *const dummy[1] = {"dummy"};
	gate_codeowners *co = parse_clean("/apps/ @octocat\n/apps/github\n");
	const char *const *owners = dummy;
	size_t n = 99;
	unsigned line = 99;

	CHECK(co && match(co, "apps/github/readme.md", &owners, &n, &line) == 1);
	CHECK(n == 0 && owners == NULL && line == 2);
	CHECK_STR(owners_of(co, "apps/main/index.js", &line), "@octocat");
	CHECK(line == 1);
	CHECK(co && match(co, "README.md", &owners, &n, &line) == 0);
	CHECK(n == 0 && owners == NULL && line == 0);
	gate_codeowners_free(co);

	/* A later ownerless "*" makes everything unowned. */
	co = parse_clean("*.js @js\n*\n");
	CHECK_STR(owners_of(co, "a.js", &line), "");
	CHECK(line == 2);
	gate_codeowners_free(co);
}

static void test_no_rules(void)
{
	gate_codeowners *co;
	gate_error err;

	co = parse_clean("");
	CHECK_STR(owners_of(co, "a", NULL), "(none)");
	gate_codeowners_free(co);
	co = parse_clean("# only a comment\n\n   \n\t# indented comment\n");
	CHECK_STR(owners_of(co, "a", NULL), "(none)");
	gate_codeowners_free(co);
	/* A NULL text of length 0 is an empty file. */
	co = NULL;
	gate_error_init(&err);
	CHECK(gate_codeowners_parse(&co, NULL, 0, NULL, NULL, &err) == 0 && co);
	CHECK_STR(owners_of(co, "a", NULL), "(none)");
	gate_codeowners_free(co);
}

static void test_owner_kinds(void)
{
	gate_codeowners *co =
	    parse_clean("a @user\nb @org/team-name\nc user@example.com\n"
			"d @octocat_acme @Org-1/Team_2 first.last+tag@sub.example.co.uk\n"
			"e @a @a\n");

	CHECK_STR(owners_of(co, "a", NULL), "@user");
	CHECK_STR(owners_of(co, "b", NULL), "@org/team-name");
	CHECK_STR(owners_of(co, "c", NULL), "user@example.com");
	CHECK_STR(owners_of(co, "d", NULL),
		  "@octocat_acme @Org-1/Team_2 first.last+tag@sub.example.co.uk");
	CHECK_STR(owners_of(co, "e", NULL), "@a @a");
	gate_codeowners_free(co);
}

static void test_inline_comments(void)
{
	gate_codeowners *co = parse_clean("*.js @a #c @b\n"
					  "foo # comment\n"
					  "bar x#y@example.com\n");

	CHECK_STR(owners_of(co, "x.js", NULL), "@a");
	CHECK_STR(owners_of(co, "foo", NULL), "");
	CHECK_STR(owners_of(co, "bar", NULL), "x#y@example.com");
	gate_codeowners_free(co);
}

static void test_whitespace_and_line_ends(void)
{
	gate_codeowners *co;
	unsigned line;

	/* Trailing blanks are not part of the pattern or an owner. */
	co = parse_clean("foo   \nbar @a   \t\n  baz\t@b\n");
	CHECK_STR(owners_of(co, "foo", &line), "");
	CHECK(line == 1);
	CHECK_STR(owners_of(co, "bar", NULL), "@a");
	CHECK_STR(owners_of(co, "baz", NULL), "@b");
	gate_codeowners_free(co);

	/* CRLF: the CR belongs to neither the owner nor the pattern. */
	co = parse_clean("a @x\r\nb @y\r\nc\r\n# c\r\n\r\nd/ @z\r\n");
	CHECK_STR(owners_of(co, "a", NULL), "@x");
	CHECK_STR(owners_of(co, "b", &line), "@y");
	CHECK(line == 2);
	CHECK_STR(owners_of(co, "c", &line), "");
	CHECK(line == 3);
	CHECK_STR(owners_of(co, "d/e", &line), "@z");
	CHECK(line == 6);
	gate_codeowners_free(co);

	/* No final newline. */
	co = parse_clean("a @b\nlast @c");
	CHECK_STR(owners_of(co, "last", &line), "@c");
	CHECK(line == 2);
	gate_codeowners_free(co);

	/* A UTF-8 byte order mark is not part of the first pattern. */
	co = parse_clean("\xef\xbb\xbf"
			 "a @bom\n");
	CHECK_STR(owners_of(co, "a", &line), "@bom");
	CHECK(line == 1);
	gate_codeowners_free(co);
}

/*
 * Parses `text` (len bytes), expecting exactly one diagnostic at line:col
 * with the given warning flag and a message containing `needle`. Returns the
 * parsed rules (or NULL on failure).
 */
static gate_codeowners *one_diag_n(const char *text, size_t len, unsigned line, unsigned col,
				   int warning, const char *needle)
{
	gate_codeowners *co = NULL;
	gate_diags diags;
	gate_error err;
	int ok;

	gate_diags_init(&diags);
	ok = parse_n(&co, text, len, &diags, &err) == 0 && co && diags.count == 1 &&
	     diags.items[0].line == line && diags.items[0].col == col &&
	     diags.items[0].warning == warning && strcmp(diags.items[0].file, "CODEOWNERS") == 0 &&
	     strstr(diags.items[0].message, needle) != NULL;
	if (!ok) {
		fprintf(stderr, "  CODEOWNERS \"");
		show(text, len);
		fprintf(stderr, "\"\n    expected one diagnostic %u:%u (warning %d) with \"%s\"\n",
			line, col, warning, needle);
		if (diags.count)
			fprintf(stderr, "    got %zu, first %u:%u (warning %d): %s\n", diags.count,
				diags.items[0].line, diags.items[0].col, diags.items[0].warning,
				diags.items[0].message);
		else
			fprintf(stderr, "    got none (error \"%s\")\n", err.message);
		unit_current_failed = 1;
	}
	gate_diags_dispose(&diags);
	return co;
}

static gate_codeowners *one_diag(const char *text, unsigned line, unsigned col, int warning,
				 const char *needle)
{
	return one_diag_n(text, strlen(text), line, col, warning, needle);
}

static void test_lint_negation(void)
{
	gate_codeowners *co;

	/* [GH] "Using ! to negate a pattern" does not work: the line is
	 * reported and skipped, so the earlier line still decides. */
	co = one_diag("* @x\n!foo @y\n", 2, 1, 0, "'!' negation is not supported");
	CHECK_STR(owners_of(co, "foo", NULL), "@x");
	CHECK_STR(owners_of(co, "!foo", NULL), "@x");
	gate_codeowners_free(co);
	co = one_diag("  !*.log\n", 1, 3, 0, "negation");
	CHECK_STR(owners_of(co, "a.log", NULL), "(none)");
	gate_codeowners_free(co);
}

static void test_lint_brackets(void)
{
	gate_codeowners *co;

	/* [GH] no character ranges; [GHE] "both `[` and `]` must be escaped". */
	co = one_diag("[abc].txt @a\n", 1, 1, 0, "'[' and ']' must be escaped");
	CHECK_STR(owners_of(co, "[abc].txt", NULL), "(none)");
	CHECK_STR(owners_of(co, "a.txt", NULL), "(none)");
	gate_codeowners_free(co);
	co = one_diag("* @x\nPython/ceval*.[ch] @y\n", 2, 15, 0, "'['");
	CHECK_STR(owners_of(co, "Python/ceval.c", NULL), "@x");
	gate_codeowners_free(co);
	co = one_diag("a]b @y\n", 1, 2, 0, "']'");
	gate_codeowners_free(co);
}

static void test_lint_lone_cr(void)
{
	gate_codeowners *co;

	/* A lone CR separates words like a blank: "y" is then an owner. */
	co = one_diag("x @p\ry @q", 1, 6, 0, "invalid owner 'y'");
	CHECK_STR(owners_of(co, "x", NULL), "(none)");
	gate_codeowners_free(co);
}

static void test_lint_escaped_hash(void)
{
	gate_codeowners *co;

	/* [GH] escaping a leading '#' does not work: no rule comes of it. */
	co = one_diag("* @x\n\\#file_with_pound.rb @y\n", 2, 1, 0, "'\\#'");
	CHECK_STR(owners_of(co, "#file_with_pound.rb", NULL), "@x");
	CHECK_STR(owners_of(co, "\\#file_with_pound.rb", NULL), "@x");
	gate_codeowners_free(co);
	/* The way that works: a wildcard in front. */
	co = parse_clean("?file @y\n");
	CHECK_STR(owners_of(co, "#file", NULL), "@y");
	gate_codeowners_free(co);
	/* A '#' later in a pattern is an ordinary character. */
	co = parse_clean("a\\#b @y\n");
	CHECK_STR(owners_of(co, "a#b", NULL), "@y");
	gate_codeowners_free(co);
}

static void test_lint_owners(void)
{
	static const struct {
		const char *text;
		unsigned col;
	} bad[] = {
	    {"* user\n", 3},   {"* @a @b@c\n", 6},    {"* @\n", 3},           {"* @org/\n", 3},
	    {"* @/team\n", 3}, {"* @-x\n", 3},        {"* @org/team/x\n", 3}, {"* a@b\n", 3},
	    {"* @a.b\n", 3},   {"* a@-b.com\n", 3},   {"* a@b..com\n", 3},    {"* @a, @b\n", 3},
	    {"* \"@a\"\n", 3}, {"*  \t@ok bad\n", 9},
	};
	gate_codeowners *co;
	gate_diags diags;
	gate_error err;
	const char *text;
	size_t i;

	/* [GHE] "Invalid owner": the whole line is skipped. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		co = one_diag(bad[i].text, 1, bad[i].col, 0, "invalid owner");
		CHECK_STR(owners_of(co, "a", NULL), "(none)");
		gate_codeowners_free(co);
	}
	/* Each bad owner of a line is reported; the earlier line decides. */
	co = NULL;
	gate_diags_init(&diags);
	text = "* @x\n*.c nobody @ok also-bad\n";
	CHECK(parse_n(&co, text, strlen(text), &diags, &err) == 0);
	CHECK(diags.count == 2);
	if (diags.count == 2) {
		CHECK(diags.items[0].line == 2 && diags.items[0].col == 5);
		CHECK_STR(diags.items[0].message,
			  "invalid owner 'nobody' (expected @user, @org/team or an email "
			  "address); GitHub ignores this line");
		CHECK(diags.items[1].line == 2 && diags.items[1].col == 16);
	}
	CHECK_STR(owners_of(co, "a.c", NULL), "@x");
	gate_codeowners_free(co);
	gate_diags_dispose(&diags);

	/* A good owner before the bad one is dropped with its line; the
	 * lines around it keep theirs. */
	co = one_diag("* @x\n*.c @ok nobody\n*.h @h @i\n", 2, 9, 0, "invalid owner 'nobody'");
	CHECK_STR(owners_of(co, "a.c", NULL), "@x");
	CHECK_STR(owners_of(co, "a.h", NULL), "@h @i");
	gate_codeowners_free(co);

	/* Hostile text in a message is escaped and shortened. */
	co = one_diag("* \x1b[2J'\\x\n", 1, 3, 0, "invalid owner '\\x1b[2J\\'\\\\x'");
	gate_codeowners_free(co);
}

static void test_lint_other_syntax(void)
{
	gate_codeowners *co;

	/* [GHE] "The pattern `/` will never match anything". */
	co = one_diag("/ @a\n", 1, 1, 0, "the pattern '/' never matches anything");
	gate_codeowners_free(co);
	co = one_diag("a//b @a\n", 1, 3, 0, "empty path segment");
	gate_codeowners_free(co);
	co = one_diag("// @a\n", 1, 2, 0, "empty path segment");
	gate_codeowners_free(co);
	co = one_diag("a/***/b @a\n", 1, 3, 0, "'***'");
	gate_codeowners_free(co);
	co = one_diag("x****.js @a\n", 1, 2, 0, "'***'");
	gate_codeowners_free(co);
	co = one_diag("foo\\\n", 1, 4, 0, "ends with a backslash");
	gate_codeowners_free(co);
	co = one_diag("foo\\\r\n", 1, 4, 0, "ends with a backslash");
	gate_codeowners_free(co);
	/* A NUL byte: the line is skipped, the others are read. */
	co = one_diag_n("a @x\nb\0c @y\nd @z\n", 17, 2, 2, 0, "NUL byte");
	CHECK_STR(owners_of(co, "a", NULL), "@x");
	CHECK_STR(owners_of(co, "b", NULL), "(none)");
	CHECK_STR(owners_of(co, "d", NULL), "@z");
	gate_codeowners_free(co);
}

static void test_lint_warning_owner_as_pattern(void)
{
	gate_codeowners *co;
	unsigned line;

	/* Kept (GitHub reads a pattern), but flagged. */
	co =
	    one_diag("* @x\n@octocat\n", 2, 1, 1, "'@octocat' is read as a pattern with no owners");
	CHECK_STR(owners_of(co, "README", &line), "@x");
	CHECK_STR(owners_of(co, "@octocat", &line), "");
	CHECK(line == 2);
	gate_codeowners_free(co);
}

static void test_diags_cap_and_null(void)
{
	gate_codeowners *co = NULL;
	gate_diags diags;
	gate_error err;
	char *text;
	size_t i, n = 1000;

	text = malloc(n * 3 + 8);
	if (!text) {
		CHECK(0);
		return;
	}
	for (i = 0; i < n; i++)
		memcpy(text + 3 * i, "!x\n", 3);
	memcpy(text + 3 * n, "x @ok\n", 6);
	gate_diags_init(&diags);
	CHECK(parse_n(&co, text, 3 * n + 6, &diags, &err) == 0 && co);
	CHECK(diags.count == GATE_CODEOWNERS_MAX_DIAGS + 1);
	if (diags.count == GATE_CODEOWNERS_MAX_DIAGS + 1) {
		CHECK(diags.items[GATE_CODEOWNERS_MAX_DIAGS - 1].line == GATE_CODEOWNERS_MAX_DIAGS);
		CHECK(strstr(diags.items[GATE_CODEOWNERS_MAX_DIAGS].message, "too many problems"));
		CHECK(diags.items[GATE_CODEOWNERS_MAX_DIAGS].warning == 0);
	}
	CHECK_STR(owners_of(co, "x", NULL), "@ok");
	gate_codeowners_free(co);
	gate_diags_dispose(&diags);

	/* Without a diags list, invalid lines are skipped silently. */
	co = NULL;
	CHECK(parse_n(&co, text, 3 * n + 6, NULL, &err) == 0 && co);
	CHECK_STR(owners_of(co, "x", NULL), "@ok");
	gate_codeowners_free(co);
	free(text);
}

static void test_size_limit(void)
{
	gate_codeowners *co = NULL;
	gate_error err;
	size_t n = GATE_CODEOWNERS_MAX_SIZE, i;
	char *text = malloc(n);
	unsigned line;
	clock_t t0;

	if (!text) {
		CHECK(0);
		return;
	}
	/* Lines "x @o\n" (5 bytes); the last line of the text decides. */
	for (i = 0; i + 5 <= n; i += 5)
		memcpy(text + i, "x @o\n", 5);
	memset(text + i, '\n', n - i);
	co = (gate_codeowners *)&co;
	CHECK(parse_n(&co, text, n, NULL, &err) == -1 && co == NULL);
	CHECK(err.klass == GATE_ERR_INPUT && strstr(err.message, "3145728") != NULL);

	/* One byte less is loaded, quickly. */
	t0 = clock();
	CHECK(parse_n(&co, text, n - 1, NULL, &err) == 0 && co);
	CHECK_STR(owners_of(co, "x", &line), "@o");
	CHECK(line == (n / 5));
	CHECK_STR(owners_of(co, "y", NULL), "(none)");
	/* Generous, for sanitizer builds. */
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
	gate_codeowners_free(co);
	free(text);
}

static void test_path_errors(void)
{
	gate_codeowners *co = parse_clean("* @a\n");
	const char *const *owners;
	gate_error err;
	size_t n;
	unsigned line;

	CHECK(co && match_n(co, "a\0b", 3, &owners, &n, &line) == -1);
	gate_error_init(&err);
	CHECK(co && gate_codeowners_match(co, "a\0b", 3, &owners, &n, &line, &err) == -1 &&
	      err.klass == GATE_ERR_INPUT && owners == NULL && n == 0 && line == 0);
	CHECK(co && gate_codeowners_match(co, "", 0, &owners, &n, &line, &err) == -1 &&
	      err.klass == GATE_ERR_INPUT);
	/* Paths need not be NUL-terminated. */
	CHECK(co && match_n(co, "abc", 2, &owners, &n, &line) == 1);
	gate_codeowners_free(co);
	co = parse_clean("/ab @a\n");
	CHECK(co && match_n(co, "abc", 2, &owners, &n, &line) == 1);
	CHECK(co && match_n(co, "abc", 3, &owners, &n, &line) == 0);
	gate_codeowners_free(co);
	gate_codeowners_free(NULL);
}

/* A path of `segs` segments of `seglen` characters `c` each. */
static char *long_path(size_t segs, size_t seglen, char c, size_t *len)
{
	size_t i, n = segs * (seglen + 1) - 1;
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memset(p, c, n);
	for (i = 1; i < segs; i++)
		p[i * (seglen + 1) - 1] = '/';
	p[n] = '\0';
	*len = n;
	return p;
}

static void test_hostile_patterns_finish_fast(void)
{
	gate_codeowners *co;
	const char *const *owners;
	char *text, *deep, *flat, *star_pattern;
	size_t dlen, flen, i, n;
	unsigned line;
	clock_t t0 = clock();

	/* 10,000 characters, in many short segments and in one long one. */
	deep = long_path(2000, 4, 'a', &dlen);
	flat = long_path(1, 10000, 'a', &flen);
	/* 2,000 stars: "*a*a*a...*a*b". */
	star_pattern = malloc(4000 + 16);
	if (!deep || !flat || !star_pattern) {
		CHECK(0);
		goto done;
	}
	CHECK(dlen == 9999 && flen == 10000);
	for (i = 0; i < 2000; i++)
		memcpy(star_pattern + 2 * i, "*a", 2);
	memcpy(star_pattern + 4000, "*b @o\n", 7);

	co = parse_clean("*a*a*a*a*a*a*a*a*b @o\n"
			 "**/a*a*a*a*a*a*a*b/** @o\n"
			 "**/*/*/*/*/*/*/*/*/*/b/** @o\n"
			 "a/**/a/**/a/**/a/**/a/**/b @o\n"
			 "**/?????????????????????????????????????????????b @o\n");
	CHECK(co && match_n(co, flat, flen, &owners, &n, &line) == 0);
	CHECK(co && match_n(co, deep, dlen, &owners, &n, &line) == 0);
	gate_codeowners_free(co);

	co = parse_clean(star_pattern);
	CHECK(co && match_n(co, flat, flen, &owners, &n, &line) == 0);
	CHECK(co && match_n(co, deep, dlen, &owners, &n, &line) == 0);
	/* 9,999 'a' then a 'b': there are enough a's for the 2,000 "*a". */
	flat[flen - 1] = 'b';
	CHECK(co && match_n(co, flat, flen, &owners, &n, &line) == 1);
	gate_codeowners_free(co);
	/* 5,000 "*a" then "*b": no more than 4,999 non-overlapping a's fit
	 * in a path of 9,999 characters split in 2,000 segments. */
	text = malloc(10000 + 16);
	if (text) {
		for (i = 0; i < 5000; i++)
			memcpy(text + 2 * i, "*a", 2);
		memcpy(text + 10000, "*b @o\n", 7);
		co = parse_clean(text);
		CHECK(co && match_n(co, flat, flen, &owners, &n, &line) == 1);
		CHECK(co && match_n(co, deep, dlen, &owners, &n, &line) == 0);
		gate_codeowners_free(co);
		free(text);
	}

	/* A long path still matches ordinary patterns correctly. */
	co = parse_clean("* @all\n*.c @c\n/aaaa/ @top\n");
	CHECK(co && match_n(co, deep, dlen, &owners, &n, &line) == 1 && line == 3);
	deep[dlen - 2] = '.';
	deep[dlen - 1] = 'c';
	CHECK(co && match_n(co, deep, dlen, &owners, &n, &line) == 1 && line == 3);
	deep[0] = 'b';
	CHECK(co && match_n(co, deep, dlen, &owners, &n, &line) == 1 && line == 2);
	gate_codeowners_free(co);

	/* Natively a few milliseconds; generous for valgrind. */
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
done:
	free(deep);
	free(flat);
	free(star_pattern);
}

static void test_many_rules(void)
{
	gate_codeowners *co = NULL;
	gate_error err;
	char *text, path[64];
	size_t i, o = 0, n = 5000;
	unsigned line;
	clock_t t0 = clock();

	text = malloc(n * 40);
	if (!text) {
		CHECK(0);
		return;
	}
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(text + o, 40, "/dir%zu/**/*.c @team%zu\n", i, i % 7);
	CHECK(parse_n(&co, text, o, NULL, &err) == 0 && co);
	for (i = 0; i < 500; i++) {
		snprintf(path, sizeof(path), "dir%zu/x/y/z.c", i * 7);
		CHECK(owners_of(co, path, &line)[0] == '@' && line == i * 7 + 1);
	}
	CHECK_STR(owners_of(co, "dir5/z.h", NULL), "(none)");
	/* Generous, for valgrind: this is about blow-ups, not speed. */
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
	gate_codeowners_free(co);
	free(text);
}

/* Parses `text` in GitLab's dialect; the number of diagnostics goes to
 * *ndiags. */
static gate_codeowners *parse_gitlab(const char *text, size_t *ndiags)
{
	gate_codeowners *co = NULL;
	gate_diags diags;
	gate_error err;
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1);

	gate_diags_init(&diags);
	gate_error_init(&err);
	if (copy) {
		memcpy(copy, text, len);
		if (gate_codeowners_parse_dialect(&co, copy, len, "CODEOWNERS",
						  GATE_CODEOWNERS_GITLAB, &diags, &err) != 0)
			co = NULL;
	}
	*ndiags = diags.count;
	free(copy);
	gate_diags_dispose(&diags);
	return co;
}

/* The sections that own `path`, written "Name[N]^:@a,@b;" per section ('^'
 * when optional), into buf. */
static const char *sections_of(const gate_codeowners *co, const char *path, char *buf, size_t size)
{
	gate_codeowners_hit hits[16];
	gate_error err;
	size_t n = 0, i, k, o = 0;

	buf[0] = '\0';
	gate_error_init(&err);
	if (!co || gate_codeowners_nsections(co) > 16 ||
	    gate_codeowners_match_sections(co, path, strlen(path), hits, &n, &err) < 0)
		return "(error)";
	for (i = 0; i < n && o < size; i++) {
		o += (size_t)snprintf(buf + o, size - o, "%s[%u]%s:", hits[i].section,
				      hits[i].approvals, hits[i].optional ? "^" : "");
		for (k = 0; k < hits[i].nowners && o < size; k++)
			o += (size_t)snprintf(buf + o, size - o, "%s%s", k ? "," : "",
					      hits[i].owners[k]);
		if (o < size)
			o += (size_t)snprintf(buf + o, size - o, ";");
	}
	return buf;
}

#define SECTIONS(co, path, want)                                                                   \
	do {                                                                                       \
		char got_[512];                                                                    \
		sections_of((co), (path), got_, sizeof(got_));                                     \
		CHECK(strcmp(got_, (want)) == 0);                                                  \
		if (strcmp(got_, (want)) != 0)                                                     \
			fprintf(stderr, "  %s: got \"%s\", want \"%s\"\n", (path), got_, (want));  \
	} while (0)

/* GitLab's "Regular entries and sections" example: entries outside a
 * section are an unnamed section of their own, each matching section
 * contributes its owners, and an entry without owners takes its section's
 * default owners. */
static void test_gitlab_regular_entries_and_sections(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("# Required for all files\n"
					   "* @general-approvers\n"
					   "\n"
					   "[Documentation] @docs-team\n"
					   "docs/\n"
					   "README.md\n"
					   "*.txt\n"
					   "\n"
					   "[Database] @database-team\n"
					   "model/db/\n"
					   "config/db/database-setup.md @docs-team\n",
					   &nd);

	CHECK(co && nd == 0);
	CHECK(gate_codeowners_nsections(co) == 3);
	SECTIONS(co, "docs/guide.md", "[1]:@general-approvers;Documentation[1]:@docs-team;");
	SECTIONS(co, "notes.txt", "[1]:@general-approvers;Documentation[1]:@docs-team;");
	SECTIONS(co, "model/db/user.rb", "[1]:@general-approvers;Database[1]:@database-team;");
	SECTIONS(co, "config/db/database-setup.md",
		 "[1]:@general-approvers;Database[1]:@docs-team;");
	SECTIONS(co, "src/main.c", "[1]:@general-approvers;");
	gate_codeowners_free(co);
}

/* GitLab's "Default Code Owners and optional sections" example:
 * "[Documentation][2] @docs-team" needs two approvals; "^[Database]" is
 * optional. */
static void test_gitlab_optional_and_counts(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("[Documentation][2] @docs-team\n"
					   "docs/\n"
					   "README.md\n"
					   "\n"
					   "^[Database] @database-team\n"
					   "model/db/\n"
					   "config/db/database-setup.md @docs-team\n",
					   &nd);

	CHECK(co && nd == 0);
	SECTIONS(co, "README.md", "Documentation[2]:@docs-team;");
	SECTIONS(co, "model/db/x.sql", "Database[1]^:@database-team;");
	SECTIONS(co, "config/db/database-setup.md", "Database[1]^:@docs-team;");
	SECTIONS(co, "other.c", "");
	gate_codeowners_free(co);
}

/* "Section names are not case-sensitive. Sections with duplicate names are
 * combined": the last match across both headings wins, the name is the
 * first heading's, and the stricter heading's count and requiredness hold. */
static void test_gitlab_combined_sections(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("^[Security]\n"
					   "*.c @alice\n"
					   "[Docs]\n"
					   "*.md @docs\n"
					   "[SECURITY][2]\n"
					   "auth/ @sec-lead\n",
					   &nd);

	CHECK(co && nd == 0);
	CHECK(gate_codeowners_nsections(co) == 3);
	SECTIONS(co, "auth/login.c", "Security[2]:@sec-lead;");
	SECTIONS(co, "lib/x.c", "Security[2]:@alice;");
	SECTIONS(co, "auth/README.md", "Security[2]:@sec-lead;Docs[1]:@docs;");
	gate_codeowners_free(co);
}

/* Malformed headings are reported and still start a required section, so
 * their entries never fall into the section above; GitHub's rules read a
 * heading as an invalid character range, as before. */
static void test_gitlab_bad_headings(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("^[Optional]\n"
					   "a @x\n"
					   "[Unclosed\n"
					   "b @y\n"
					   "[Zero][0]\n"
					   "c @z\n"
					   "[Named] not-an-owner @w\n"
					   "d\n",
					   &nd);
	const char *const *owners;
	size_t n;
	unsigned line;
	gate_error err;
	gate_diags diags;

	CHECK(co && nd == 3);
	SECTIONS(co, "b", "[Unclosed[1]:@y;");
	SECTIONS(co, "c", "Zero[1]:@z;");
	SECTIONS(co, "d", "Named[1]:@w;");
	gate_codeowners_free(co);

	gate_diags_init(&diags);
	CHECK(parse_n(&co, "[Docs] @d\ndocs/ @d\n", 19, &diags, &err) == 0);
	CHECK(diags.count == 1 && strstr(diags.items[0].message, "looks like a GitLab section") &&
	      strstr(diags.items[0].message, "set dialect gitlab"));
	CHECK(co && gate_codeowners_nsections(co) == 1);
	CHECK(co && gate_codeowners_match(co, "docs/a", 6, &owners, &n, &line, &err) == 1 &&
	      line == 2);
	gate_diags_dispose(&diags);
	gate_codeowners_free(co);
}

/* The owners of a path in the parser's dialect, as explain and fixtures
 * show them: GitHub's last match, or every GitLab section's owners once. */
static const char *all_owners(const gate_codeowners *co, const char *path, char *buf, size_t size)
{
	const char **owners = NULL;
	size_t n = 0, k, o = 0;
	unsigned line = 0;
	gate_error err;
	int rc;

	gate_error_init(&err);
	rc = gate_codeowners_owners(&owners, &n, &line, co, path, strlen(path), &err);
	if (rc < 0)
		return "(error)";
	o = (size_t)snprintf(buf, size, "%u:", line);
	for (k = 0; k < n && o < size; k++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", k ? "," : "", owners[k]);
	free(owners);
	return buf;
}

static void test_owners_in_dialect(void)
{
	static const char text[] = "* @general\n[Docs] @docs\n*.md\n^[Ops] @ops @General\n*.md\n";
	gate_codeowners *gh = NULL, *gl = NULL;
	gate_error err;
	char buf[256];
	size_t nd = 0;

	CHECK(parse_n(&gh, text, sizeof(text) - 1, NULL, &err) == 0);
	gl = parse_gitlab(text, &nd);
	CHECK(gl && nd == 0);
	CHECK(gate_codeowners_dialect_of(gh) == GATE_CODEOWNERS_GITHUB);
	CHECK(gate_codeowners_dialect_of(gl) == GATE_CODEOWNERS_GITLAB);
	/* GitHub ignores both headings: "*.md" (line 5) wins with no owner. */
	CHECK_STR(all_owners(gh, "a.md", buf, sizeof(buf)), "5:");
	/* GitLab: every section, optional ones too, each owner once. */
	CHECK_STR(all_owners(gl, "a.md", buf, sizeof(buf)), "1:@general,@docs,@ops");
	CHECK_STR(all_owners(gl, "a.c", buf, sizeof(buf)), "1:@general");
	gate_codeowners_free(gh);
	gate_codeowners_free(gl);
}

/* Exclusions: "!pattern" takes the paths it matches out of its own section
 * only, wherever it stands in the section (GitLab's own examples); one with
 * owners is reported and ignored, so the paths stay owned. */
static void test_gitlab_exclusions(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("* @group-x\n"
					   "!*.rb\n"
					   "\n"
					   "[Ruby]\n"
					   "!/config/*\n"
					   "*.rb @ruby-devs\n",
					   &nd);

	CHECK(co && nd == 0);
	SECTIONS(co, "app/user.rb", "Ruby[1]:@ruby-devs;");
	SECTIONS(co, "config/boot.rb", "");
	SECTIONS(co, "config/app.py", "[1]:@group-x;");
	gate_codeowners_free(co);

	co = parse_gitlab("* @default-owner\n!pom.xml\n!\n!*.lock @x\n", &nd);
	CHECK(co && nd == 2);
	SECTIONS(co, "pom.xml", "");
	SECTIONS(co, "Cargo.lock", "[1]:@default-owner;");
	gate_codeowners_free(co);
}

/* The example file of GitLab's "Code Owners syntax" page: the entries
 * before any heading are one unnamed section where the last match wins,
 * as on GitHub, a leading "\#" is an escaped '#' (GitHub refuses it), and
 * the [Documentation] section owns its paths besides. */
static void test_gitlab_reference_example(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("# Lines that start with `#` are ignored.\n"
					   "* @default-codeowner\n"
					   "* @multiple @code @owners\n"
					   "*.rb @ruby-owner\n"
					   "\\#file_with_pound.rb @owner-file-with-pound\n"
					   "LICENSE @legal janedoe@gitlab.com\n"
					   "README @group @group/with-nested/subgroup\n"
					   "/docs/ @all-docs\n"
					   "/docs/* @root-docs\n"
					   "/docs/**/*.md @root-docs\n"
					   "lib/ @lib-owner\n"
					   "/config/ @config-owner\n"
					   "path\\ with\\ spaces/ @space-owner\n"
					   "\n"
					   "[Documentation]\n"
					   "ee/docs    @docs\n"
					   "docs       @docs\n",
					   &nd);

	CHECK(co && nd == 0);
	SECTIONS(co, "main.c", "[1]:@multiple,@code,@owners;");
	SECTIONS(co, "app/models/user.rb", "[1]:@ruby-owner;");
	SECTIONS(co, "#file_with_pound.rb", "[1]:@owner-file-with-pound;");
	SECTIONS(co, "LICENSE", "[1]:@legal,janedoe@gitlab.com;");
	SECTIONS(co, "README", "[1]:@group,@group/with-nested/subgroup;");
	SECTIONS(co, "docs/index.md", "[1]:@root-docs;Documentation[1]:@docs;");
	SECTIONS(co, "docs/api/v4.txt", "[1]:@all-docs;Documentation[1]:@docs;");
	SECTIONS(co, "ee/docs/x.txt", "[1]:@multiple,@code,@owners;Documentation[1]:@docs;");
	SECTIONS(co, "src/lib/a.c", "[1]:@lib-owner;");
	SECTIONS(co, "config/app.yml", "[1]:@config-owner;");
	SECTIONS(co, "src/config/app.yml", "[1]:@multiple,@code,@owners;");
	SECTIONS(co, "path with spaces/a.txt", "[1]:@space-owner;");
	gate_codeowners_free(co);
}

/* The heading forms GitLab's "Section headings" lists: required, optional,
 * a count, default owners, and a count with default owners. */
static void test_gitlab_heading_forms(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("[Required section]\n"
					   "a/ @r\n"
					   "^[Optional section]\n"
					   "b/ @o\n"
					   "[Five][5]\n"
					   "c/ @f\n"
					   "[Defaulted] @username\n"
					   "d/\n"
					   "[Two][2] @group @subgroup\n"
					   "e/\n"
					   "e/own.c @mine\n",
					   &nd);

	CHECK(co && nd == 0);
	SECTIONS(co, "a/x", "Required section[1]:@r;");
	SECTIONS(co, "b/x", "Optional section[1]^:@o;");
	SECTIONS(co, "c/x", "Five[5]:@f;");
	SECTIONS(co, "d/x", "Defaulted[1]:@username;");
	SECTIONS(co, "e/x", "Two[2]:@group,@subgroup;");
	SECTIONS(co, "e/own.c", "Two[2]:@mine;");
	gate_codeowners_free(co);
}

/* The worked example of docs/policy.md, "`codeowners`". */
static void test_gitlab_policy_doc_example(void)
{
	size_t nd = 0;
	gate_codeowners *co = parse_gitlab("# Required for all files\n"
					   "* @general-approvers\n"
					   "\n"
					   "[Security][2] @sam @sue\n"
					   "/src/auth/\n"
					   "\n"
					   "[Python] @dora\n"
					   "*.py\n"
					   "\n"
					   "^[Docs] @writers\n"
					   "*.md\n",
					   &nd);

	CHECK(co && nd == 0);
	SECTIONS(co, "src/auth/session.py",
		 "[1]:@general-approvers;Security[2]:@sam,@sue;Python[1]:@dora;");
	SECTIONS(co, "src/auth/README.md",
		 "[1]:@general-approvers;Security[2]:@sam,@sue;Docs[1]^:@writers;");
	gate_codeowners_free(co);
}

int main(void)
{
	GATE_RUN(test_pattern_table);
	GATE_RUN(test_github_example);
	GATE_RUN(test_last_match_wins);
	GATE_RUN(test_empty_owners_override);
	GATE_RUN(test_no_rules);
	GATE_RUN(test_owner_kinds);
	GATE_RUN(test_inline_comments);
	GATE_RUN(test_whitespace_and_line_ends);
	GATE_RUN(test_lint_negation);
	GATE_RUN(test_lint_brackets);
	GATE_RUN(test_lint_lone_cr);
	GATE_RUN(test_lint_escaped_hash);
	GATE_RUN(test_lint_owners);
	GATE_RUN(test_lint_other_syntax);
	GATE_RUN(test_lint_warning_owner_as_pattern);
	GATE_RUN(test_diags_cap_and_null);
	GATE_RUN(test_size_limit);
	GATE_RUN(test_path_errors);
	GATE_RUN(test_hostile_patterns_finish_fast);
	GATE_RUN(test_many_rules);
	GATE_RUN(test_gitlab_regular_entries_and_sections);
	GATE_RUN(test_gitlab_optional_and_counts);
	GATE_RUN(test_gitlab_combined_sections);
	GATE_RUN(test_gitlab_bad_headings);
	GATE_RUN(test_owners_in_dialect);
	GATE_RUN(test_gitlab_exclusions);
	GATE_RUN(test_gitlab_policy_doc_example);
	GATE_RUN(test_gitlab_reference_example);
	GATE_RUN(test_gitlab_heading_forms);
	return GATE_UNIT_DONE("codeowners");
}
