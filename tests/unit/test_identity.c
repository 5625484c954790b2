/*
 * Unit tests for identities (src/identity.c): tables of valid and invalid
 * logins, team names, CODEOWNERS owners, e-mail addresses and policy
 * reviewer specs, and of which identities are the same person, including
 * case variants, Unicode look-alikes, trailing dots and empty strings.
 * Every text given with a length is copied into a heap block of exactly
 * that length, so AddressSanitizer catches any read past the end.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/identity.h"
#include "unit.h"

/* "а" (U+0430 CYRILLIC SMALL LETTER A), "ⅼ" (U+217C SMALL ROMAN NUMERAL FIFTY),
 * "Ａ" (U+FF21 FULLWIDTH LATIN CAPITAL LETTER A), "İ" (U+0130), a zero-width
 * space (U+200B). */
#define CYR_A   "\xd0\xb0"
#define ROMAN_L "\xe2\x85\xbc"
#define FW_A    "\xef\xbc\xa1"
#define DOT_I   "\xc4\xb0"
#define ZWSP    "\xe2\x80\x8b"

typedef struct {
	const char *s;
	int want;
} valid_case;

/* Calls `fn` on an exact-size heap copy of `s`. */
static int call_n(int (*fn)(const char *, size_t), const char *s)
{
	size_t n = strlen(s);
	char *copy = malloc(n ? n : 1);
	int rc;

	if (!copy)
		return -1;
	memcpy(copy, s, n);
	rc = fn(copy, n);
	free(copy);
	return rc;
}

static void run_n(const char *what, int (*fn)(const char *, size_t), const valid_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int got = call_n(fn, c[i].s);

		if (got != c[i].want) {
			fprintf(stderr, "%s(\"%s\"): got %d, want %d\n", what, c[i].s, got,
				c[i].want);
			CHECK(got == c[i].want);
		}
	}
}

static void run_z(const char *what, int (*fn)(const char *), const valid_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int got = fn(c[i].s);

		if (got != c[i].want) {
			fprintf(stderr, "%s(\"%s\"): got %d, want %d\n", what, c[i].s, got,
				c[i].want);
			CHECK(got == c[i].want);
		}
	}
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The loose login of the reviews, teams, permissions and logins files. */
static void test_login_valid(void)
{
	static const valid_case cases[] = {
	    {"alice", 1},
	    {"a", 1},
	    {"Alice-Smith_1", 1},
	    {"renovate[bot]", 1},
	    {"@alice", 1}, /* whether '@' may lead is each file's rule */
	    {"org/team", 1},
	    {"alice.", 1},
	    {"alice ", 1},
	    {CYR_A "lice", 1}, /* a look-alike is a valid, different login */
	    {"", 0},
	    {"al\tice", 0},
	    {"alice\n", 0},
	    {"al\x7f", 0},
	    {"\x1b[31m", 0},
	    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxxxxxxxxxxxxxxx",
	     1}, /* 100 bytes */
	    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	     "xxxxxxxxxxxxxxxxxxx",
	     0}, /* 101 bytes */
	};

	run_n("gate_identity_login_valid", gate_identity_login_valid, cases, N(cases));
	/* An embedded NUL is a control character. */
	CHECK(!gate_identity_login_valid("al\0ce", 5));
}

static void test_team_valid(void)
{
	static const valid_case cases[] = {
	    {"acme/security", 1},
	    {"Acme/Sec-Team_2", 1},
	    {"a/b", 1},
	    {"acme/" CYR_A "dmins", 1},
	    {"acme/team.", 1},
	    {"", 0},
	    {"acme", 0},
	    {"/team", 0},
	    {"acme/", 0},
	    {"acme/sec/ops", 0},
	    {"@acme/security", 0}, /* the '@' is removed before */
	    {"acme/se@c", 0},
	    {"acme/sec team", 0},
	    {"acme/sec\tteam", 0},
	    {"acme/sec\x7f", 0},
	};

	run_z("gate_identity_team_valid", gate_identity_team_valid, cases, N(cases));
}

/* CODEOWNERS' stricter spelling of logins and slugs. */
static void test_slug_and_owner(void)
{
	static const valid_case slugs[] = {
	    {"alice", 1},  {"Alice-1", 1},       {"_shortcode", 0}, {"a_shortcode", 1},
	    {"-alice", 0}, {"alice.", 0},        {"", 0},           {CYR_A "lice", 0},
	    {"al ice", 0}, {"renovate[bot]", 0}, {"ali@ce", 0},     {FW_A "lice", 0},
	};
	static const valid_case owners[] = {
	    {"@alice", 1}, {"@acme/security", 1}, {"@Acme/Sec-Team", 1}, {"alice@example.com", 1},
	    {"@", 0},      {"@@alice", 0},        {"alice", 0},          {"@acme/", 0},
	    {"@/team", 0}, {"@acme/sec/ops", 0},  {"@" CYR_A "lice", 0}, {"@alice.", 0},
	    {"", 0},
	};

	run_n("gate_identity_slug_valid", gate_identity_slug_valid, slugs, N(slugs));
	run_n("gate_identity_owner_valid", gate_identity_owner_valid, owners, N(owners));
}

static void test_email_valid(void)
{
	static const valid_case cases[] = {
	    {"alice@example.com", 1},
	    {"Alice.Smith+tag@Example.COM", 1},
	    {"a!#$%&'*+-/=?^_`{|}~@x.io", 1},
	    {"alice@sub.example.co.uk", 1},
	    {"alice@example.com.", 0}, /* a trailing dot is an empty label */
	    {"alice@.example.com", 0},
	    {"alice@example..com", 0},
	    {"alice@localhost", 0},
	    {"alice@-example.com", 0},
	    {"alice@example-.com", 0},
	    {"alice@exa_mple.com", 0},
	    {".alice@example.com", 0},
	    {"@example.com", 0},
	    {"alice@", 0},
	    {"alice", 0},
	    {"", 0},
	    {"al ice@example.com", 0},
	    {"alice@ex" CYR_A "mple.com", 0},
	    {"alice@example.com" ZWSP, 0},
	    {"alice@b@example.com", 0},
	};

	run_n("gate_identity_email_valid", gate_identity_email_valid, cases, N(cases));
}

/* The policy's spellings: review_trailers.trusted_committers and reviewers. */
static void test_policy_spellings(void)
{
	static const valid_case committers[] = {
	    {"ci@example.com", 1},
	    {"ci@localhost", 1},
	    {"ci@example.com.", 1}, /* looser than CODEOWNERS: kept as it was */
	    {"CI+bot@Example.com", 1},
	    {"ci@ex" CYR_A "mple.com", 1},
	    {"@example.com", 0},
	    {"ci@", 0},
	    {"ci", 0},
	    {"", 0},
	    {"ci@a@b", 0},
	    {"c i@example.com", 0},
	    {"<ci@example.com>", 0},
	    {"ci@example.com\n", 0},
	};
	static const valid_case reviewers[] = {
	    {"alice", 1},   {"@alice", 1},    {"@acme/security", 1}, {"alice@example.com", 1},
	    {"@@alice", 1}, /* accepted; never matches a login */
	    {"", 0},        {"alice,bob", 0}, {"alice bob", 0},      {"alice\t", 0},
	};

	run_z("gate_identity_committer_email_valid", gate_identity_committer_email_valid,
	      committers, N(committers));
	run_z("gate_identity_reviewer_valid", gate_identity_reviewer_valid, reviewers,
	      N(reviewers));
}

static void test_specs(void)
{
	static const valid_case emails[] = {
	    {"alice@example.com", 1}, {"a@", 1},    {"@alice", 0},
	    {"@acme/team", 0},        {"alice", 0}, {"", 0},
	};
	static const valid_case teams[] = {
	    {"@acme/team", 1}, {"@acme/", 1}, {"acme/team", 0}, {"@alice", 0}, {"@/", 1}, {"", 0},
	};

	run_z("gate_identity_spec_is_email", gate_identity_spec_is_email, emails, N(emails));
	run_z("gate_identity_spec_is_team", gate_identity_spec_is_team, teams, N(teams));
}

typedef struct {
	const char *a, *b;
	int want;
} pair_case;

static void test_login_eq(void)
{
	static const pair_case cases[] = {
	    {"alice", "alice", 1},
	    {"alice", "ALICE", 1},
	    {"@alice", "Alice", 1},
	    {"@Alice", "@aLiCe", 1},
	    {"@@alice", "alice", 0}, /* one '@' is dropped, never two */
	    {"alice", "alice ", 0},
	    {"alice", "alice.", 0},
	    {"alice", CYR_A "lice", 0},
	    {"alice", "a" ROMAN_L "ice", 0},
	    {"Alice", FW_A "lice", 0},
	    {"alice", "alice" ZWSP, 0},
	    {"ALICE", "AL" DOT_I "CE", 0}, /* no locale-dependent folding */
	    {"alice", "alicf", 0},
	    {"", "", 0},
	    {"@", "@", 0},
	    {"@", "", 0},
	    {"alice", "", 0},
	};
	size_t i;

	for (i = 0; i < N(cases); i++) {
		int got = gate_identity_login_eq(cases[i].a, cases[i].b);

		if (got != cases[i].want)
			fprintf(stderr, "login_eq(\"%s\", \"%s\"): got %d\n", cases[i].a,
				cases[i].b, got);
		CHECK(got == cases[i].want);
		CHECK(gate_identity_login_eq(cases[i].b, cases[i].a) == got);
	}
	CHECK(!gate_identity_login_eq(NULL, "alice"));
	CHECK(!gate_identity_login_eq("alice", NULL));
}

static void test_email_eq(void)
{
	static const pair_case cases[] = {
	    {"alice@example.com", "alice@example.com", 1},
	    {"Alice@Example.COM", "alice@example.com", 1},
	    {"alice@example.com", "alice@example.com.", 0},
	    {"alice+tag@example.com", "alice@example.com", 0},
	    {"alice@example.com", CYR_A "lice@example.com", 0},
	    {"alice@example.com", " alice@example.com", 0},
	    {"", "", 0},
	    {"alice@example.com", "", 0},
	};
	char buf[] = "Alice.Smith@EXAMPLE.com" DOT_I;
	size_t i;

	for (i = 0; i < N(cases); i++) {
		CHECK(gate_identity_email_eq(cases[i].a, cases[i].b) == cases[i].want);
		CHECK(gate_identity_email_eq(cases[i].b, cases[i].a) == cases[i].want);
	}
	CHECK(!gate_identity_email_eq(NULL, "a@b.c"));
	CHECK(!gate_identity_email_eq("a@b.c", NULL));
	gate_identity_email_normalize(buf);
	CHECK_STR(buf, "alice.smith@example.com" DOT_I); /* only ASCII is folded */
	gate_identity_email_normalize(NULL);
}

static void test_cmp(void)
{
	CHECK(gate_identity_cmp("alice", "ALICE") == 0);
	CHECK(gate_identity_cmp("alice", "bob") < 0);
	CHECK(gate_identity_cmp("Bob", "alice") > 0);
	CHECK(gate_identity_cmp("alice", "alice2") < 0);
	CHECK(gate_identity_cmp("", "") == 0);
	CHECK(gate_identity_cmp("", "a") < 0);
	/* '_' lies between 'Z' and 'a': folding first keeps the order stable. */
	CHECK(gate_identity_cmp("A_", "aa") < 0);
	CHECK(gate_identity_cmp("\xc3\xa9", "\xc3\x89") != 0);
	CHECK(gate_identity_eqn("ALICEx", 5, "alice"));
	CHECK(!gate_identity_eqn("alice", 5, "alic"));
	CHECK(!gate_identity_eqn("alic", 4, "alice"));
	CHECK(gate_identity_eqn("", 0, ""));
	CHECK_STR(gate_identity_skip_at("@alice"), "alice");
	CHECK_STR(gate_identity_skip_at("@@alice"), "@alice");
	CHECK_STR(gate_identity_skip_at("alice"), "alice");
	CHECK_STR(gate_identity_skip_at(""), "");
}

typedef struct {
	const char *login, *name, *email;
	int want;
} ident_case;

static void test_login_is_ident(void)
{
	static const ident_case cases[] = {
	    {"alice", "alice", NULL, 1},
	    {"alice", "ALICE", "x@y.z", 1},
	    {"@alice", NULL, "Alice@example.com", 1},
	    {"alice", NULL, "alice@users.noreply.github.com", 1},
	    {"alice", NULL, "12345+Alice@users.noreply.github.com", 1},
	    {"alice", NULL, "12345+alice@USERS.NOREPLY.GITHUB.COM", 1},
	    {"alice", NULL, "12345+alice@example.com", 0}, /* "ID+" only for no-reply */
	    {"alice", NULL, "12345+alice@users.noreply.github.com.", 0},
	    {"alice", NULL, "alice2@example.com", 0},
	    {"alice", "Alice Smith", "asmith@example.com", 0},
	    {"alice", CYR_A "lice", CYR_A "lice@example.com", 0},
	    {"alice", "alice.", NULL, 0},
	    {"alice", NULL, "a@b@alice", 0},
	    {"alice", NULL, "alice", 0}, /* no '@': not an address */
	    {"", "", "@x", 0},
	    {"@", "", "@x", 0},
	    {NULL, "alice", "alice@x.y", 0},
	    {"alice", NULL, NULL, 0},
	};
	size_t i;

	for (i = 0; i < N(cases); i++) {
		int got = gate_login_is_ident(cases[i].login, cases[i].name, cases[i].email);

		if (got != cases[i].want)
			fprintf(stderr, "login_is_ident(%s, %s, %s): got %d\n",
				cases[i].login ? cases[i].login : "NULL",
				cases[i].name ? cases[i].name : "NULL",
				cases[i].email ? cases[i].email : "NULL", got);
		CHECK(got == cases[i].want);
	}
}

int main(void)
{
	GATE_RUN(test_login_valid);
	GATE_RUN(test_team_valid);
	GATE_RUN(test_slug_and_owner);
	GATE_RUN(test_email_valid);
	GATE_RUN(test_policy_spellings);
	GATE_RUN(test_specs);
	GATE_RUN(test_login_eq);
	GATE_RUN(test_email_eq);
	GATE_RUN(test_cmp);
	GATE_RUN(test_login_is_ident);
	return GATE_UNIT_DONE("identity");
}
