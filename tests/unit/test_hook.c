/*
 * Unit tests of the pre-receive hook's input parser: git's lines for SHA-1
 * and SHA-256, every malformed shape rejected with its position, and random
 * mutations of valid input that must never crash or accept garbage; and of
 * the override decision, each of its branches.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/hook.h"
#include "unit.h"

#define A40 "1111111111111111111111111111111111111111"
#define B40 "2222222222222222222222222222222222222222"
#define Z40 "0000000000000000000000000000000000000000"
#define A64 A40 "111111111111111111111111"
#define Z64 Z40 "000000000000000000000000"

static int parse(gate_hook_updates *u, const char *s, gate_error *err)
{
	gate_hook_updates_init(u);
	gate_error_init(err);
	return gate_hook_parse(u, s, strlen(s), err);
}

static void test_valid(void)
{
	gate_hook_updates u;
	gate_error err;

	CHECK(parse(&u,
		    A40 " " B40 " refs/heads/main\n" Z40 " " A40 " refs/tags/v1\n" A40 " " Z40
			" refs/heads/old",
		    &err) == 0);
	CHECK(u.count == 3);
	if (u.count == 3) {
		CHECK_STR(u.items[0].ref, "refs/heads/main");
		CHECK(!u.items[0].old_zero && !u.items[0].new_zero);
		CHECK(u.items[1].old_zero && !u.items[1].new_zero);
		CHECK(u.items[2].new_zero);
		CHECK_STR(u.items[2].ref, "refs/heads/old");
		CHECK(u.items[0].id_len == 40);
	}
	gate_hook_updates_dispose(&u);

	CHECK(parse(&u, Z64 " " A64 " refs/heads/x\xe9\"'\n", &err) == 0);
	CHECK(u.count == 1 && u.items[0].id_len == 64 && u.items[0].old_zero);
	gate_hook_updates_dispose(&u);
}

static void expect_bad(const char *input, unsigned line, unsigned col)
{
	gate_hook_updates u;
	gate_error err;

	CHECK(parse(&u, input, &err) < 0);
	CHECK(err.klass == GATE_ERR_INPUT);
	if (line) {
		CHECK(err.line == line);
		CHECK(err.col == col);
		if (err.col != col)
			fprintf(stderr, "  input \"%.20s...\": col %u, expected %u (%s)\n", input,
				err.col, col, err.message);
	}
	gate_hook_updates_dispose(&u);
}

static void test_malformed(void)
{
	expect_bad("", 0, 0);
	expect_bad("\n", 1, 1);
	expect_bad("1234 " B40 " refs/heads/x\n", 1, 1);
	expect_bad(A40 " " B40 "\n", 1, 82);
	expect_bad(A40 " " B40 " \n", 1, 83);
	expect_bad(A40 " " B40 " main\n", 1, 83);
	expect_bad(A40 " " B40 " refs/heads/a b\n", 1, 95);
	expect_bad(A40 " " B40 " refs/heads/x\r\n", 1, 95);
	expect_bad(Z40 " " Z40 " refs/heads/x\n", 1, 1);
	expect_bad(Z64 " " Z64 " refs/heads/x\n", 1, 1);
	expect_bad(A40 " " A64 " refs/heads/x\n", 1, 42);
	expect_bad("G" A40 " " B40 " refs/heads/x\n", 1, 1);
	expect_bad("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA " B40 " refs/heads/x\n", 1, 1);
	expect_bad(A40 "\t" B40 "\trefs/heads/x\n", 1, 41);
	expect_bad(A40 " " B40 " refs/heads/x\n" A64 " " A64 " refs/heads/y\n", 2, 1);
	expect_bad(A40 " " B40 " refs/heads/x\n\n", 2, 1);
	expect_bad(A40, 1, 41);
}

static void test_nul(void)
{
	static const char in[] = A40 " " B40 " refs/heads/x\0y\n";
	gate_hook_updates u;
	gate_error err;

	gate_hook_updates_init(&u);
	gate_error_init(&err);
	CHECK(gate_hook_parse(&u, in, sizeof(in) - 1, &err) < 0);
	gate_hook_updates_dispose(&u);
}

/* Random byte mutations of a valid input: the parser either accepts
 * something well-formed or rejects it with a position, never more. */
static void test_mutations(void)
{
	static const char base[] = A40 " " B40 " refs/heads/main\n" Z40 " " A40 " refs/tags/v1\n";
	static const char alphabet[] = "0af AZ\n\r\t\x01\x7f\xff/.-refs";
	char buf[sizeof(base)];
	unsigned seed = 12345;
	int i, j;

	for (i = 0; i < 20000; i++) {
		gate_hook_updates u;
		gate_error err;
		size_t len = sizeof(base) - 1, k;

		memcpy(buf, base, sizeof(base));
		for (j = 0; j < 1 + i % 4; j++) {
			seed = seed * 1103515245u + 12345u;
			k = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			buf[k] = alphabet[(seed >> 8) % (sizeof(alphabet) - 1)];
		}
		seed = seed * 1103515245u + 12345u;
		if (i % 3 == 0)
			len = (seed >> 8) % len;
		gate_hook_updates_init(&u);
		gate_error_init(&err);
		if (gate_hook_parse(&u, buf, len, &err) == 0) {
			for (k = 0; k < u.count; k++) {
				const char *r = u.items[k].ref;

				CHECK(strncmp(r, "refs/", 5) == 0);
				CHECK(strpbrk(r, " \r\n\t\x01\x7f") == NULL);
				CHECK(u.items[k].id_len == 40 || u.items[k].id_len == 64);
				CHECK(!(u.items[k].old_zero && u.items[k].new_zero));
			}
		} else {
			CHECK(err.klass == GATE_ERR_INPUT);
		}
		gate_hook_updates_dispose(&u);
	}
}

/* ---- the override decision ------------------------------------------- */

/* The environment the override reads: NAME=VALUE strings, NULL-ended. */
static const char *const *fake_env;

static const char *env_lookup(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; fake_env && fake_env[i]; i++)
		if (strncmp(fake_env[i], name, n) == 0 && fake_env[i][n] == '=')
			return fake_env[i] + n + 1;
	return NULL;
}

static void override_with(gate_hook_override *o, const char *const *env)
{
	fake_env = env;
	gate_hook_override_init(o, env_lookup);
}

static void test_override_options(void)
{
	static const char *const none[] = {NULL};
	static const char *const reasoned[] = {"GIT_PUSH_OPTION_COUNT=3",
					       "GIT_PUSH_OPTION_0=ci.skip",
					       "GIT_PUSH_OPTION_1=riskgate.override=outage 42",
					       "GIT_PUSH_OPTION_2=riskgate.override=second", NULL};
	static const char *const bare[] = {"GIT_PUSH_OPTION_COUNT=1",
					   "GIT_PUSH_OPTION_0=riskgate.override", NULL};
	static const char *const typo[] = {"GIT_PUSH_OPTION_COUNT=2",
					   "GIT_PUSH_OPTION_0=RiskGate.overide=x",
					   "GIT_PUSH_OPTION_1=riskgate.override=y", NULL};
	static const char *const bad_count[] = {"GIT_PUSH_OPTION_COUNT=1x",
						"GIT_PUSH_OPTION_0=riskgate.override=x", NULL};
	static const char *const long_count[] = {"GIT_PUSH_OPTION_COUNT=1234567",
						 "GIT_PUSH_OPTION_0=riskgate.override=x", NULL};
	static const char *const gap[] = {"GIT_PUSH_OPTION_COUNT=2",
					  "GIT_PUSH_OPTION_1=riskgate.override=late", NULL};
	gate_hook_override o;

	override_with(&o, none);
	CHECK(!o.given && !o.reason && !o.bad_option);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_NONE);

	override_with(&o, reasoned);
	CHECK(o.given && !o.bad_option);
	CHECK_STR(o.reason, "outage 42");

	override_with(&o, bare);
	CHECK(o.given && o.reason && o.reason[0] == '\0');

	override_with(&o, typo);
	CHECK(o.given && o.bad_option);
	CHECK_STR(o.bad_option, "RiskGate.overide=x");

	override_with(&o, bad_count);
	CHECK(!o.given);
	override_with(&o, long_count);
	CHECK(!o.given);

	override_with(&o, gap);
	CHECK(o.given);
	CHECK_STR(o.reason, "late");
}

static void test_override_decision(void)
{
	static const char *const asked[] = {"GIT_PUSH_OPTION_COUNT=1",
					    "GIT_PUSH_OPTION_0=riskgate.override=outage",
					    "GL_USERNAME=alice", "OTHER_USER=", NULL};
	static const char *const asked_bare[] = {"GIT_PUSH_OPTION_COUNT=1",
						 "GIT_PUSH_OPTION_0=riskgate.override",
						 "GL_USERNAME=alice", NULL};
	char alice[] = "alice", bob[] = "bob", bob2[] = "bob";
	char *users[] = {alice, bob}, *nobody[] = {bob2};
	char env_gl[] = "GL_USERNAME", env_other[] = "OTHER_USER";
	gate_policy off, allows, refuses, unset;
	gate_hook_override o;

	memset(&off, 0, sizeof(off));
	memset(&allows, 0, sizeof(allows));
	allows.override_identity_env = env_gl;
	allows.override_users = users;
	allows.noverride_users = 2;
	refuses = allows;
	refuses.override_users = nobody;
	refuses.noverride_users = 1;
	unset = allows;
	unset.override_identity_env = env_other;

	/* Asked for, and every failing ref allows alice. */
	override_with(&o, asked);
	gate_hook_override_ref_failed(&o, &allows, env_lookup);
	gate_hook_override_ref_failed(&o, &allows, env_lookup);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_ACCEPTED);
	CHECK_STR(o.login, "alice");
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_PASS) == GATE_OVERRIDE_NOT_NEEDED);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_ERROR) == GATE_OVERRIDE_NOT_VIOLATIONS);

	/* No reason beats every other refusal. */
	override_with(&o, asked_bare);
	gate_hook_override_ref_failed(&o, &off, env_lookup);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_NO_REASON);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_PASS) == GATE_OVERRIDE_NOT_NEEDED);

	/* One failing ref whose policy has overrides off refuses the push. */
	override_with(&o, asked);
	gate_hook_override_ref_failed(&o, &allows, env_lookup);
	gate_hook_override_ref_failed(&o, &off, env_lookup);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_NO_IDENTITY);
	override_with(&o, asked);
	gate_hook_override_ref_failed(&o, NULL, env_lookup);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_NO_IDENTITY);

	/* The server did not set (or set empty) the variable a policy names. */
	override_with(&o, asked);
	gate_hook_override_ref_failed(&o, &unset, env_lookup);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_IDENTITY_UNSET);
	CHECK_STR(o.missing_env, "OTHER_USER");
	CHECK(o.login == NULL);

	/* A failing ref whose policy does not list the pusher. */
	override_with(&o, asked);
	gate_hook_override_ref_failed(&o, &allows, env_lookup);
	gate_hook_override_ref_failed(&o, &refuses, env_lookup);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_NOT_LISTED);

	/* No failing ref said who pushes. */
	override_with(&o, asked);
	CHECK(gate_hook_override_decide(&o, GATE_VERDICT_FAIL) == GATE_OVERRIDE_PUSHER_UNKNOWN);
}

int main(void)
{
	GATE_RUN(test_valid);
	GATE_RUN(test_malformed);
	GATE_RUN(test_nul);
	GATE_RUN(test_mutations);
	GATE_RUN(test_override_options);
	GATE_RUN(test_override_decision);
	return GATE_UNIT_DONE("unit-hook");
}
