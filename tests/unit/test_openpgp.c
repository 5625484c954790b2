/*
 * Unit tests of OpenPGP commit signatures (--openpgp-keyring) through the
 * public API: keys made and commits signed with gpg and git in a throwaway
 * GNUPGHOME, the keyring's refusals (empty, not keys, a secret key, a
 * second keyring), and the status of each commit for each identity, the
 * second time from the cache. tests/openpgp_test.sh holds the same
 * verdicts against git verify-commit.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"
#include "riskgate/buf.h"
#include "riskgate/repo.h"
#include "riskgate/signature.h"
#include "unit.h"

/* Runs a shell command with the run's GNUPGHOME (short: the agent's socket
 * path must stay under 108 bytes). */
#define GPG_SH(fmt, ...)                                                                           \
	gitrepo_sh("export GNUPGHOME='%s/g'; cd '%s' && " fmt, gitrepo_top(), gitrepo_top(),       \
		   __VA_ARGS__)

static void read_top(gate_buf *out, const char *name)
{
	char path[512];
	gate_error err;

	gate_error_init(&err);
	snprintf(path, sizeof(path), "%s/%s", gitrepo_top(), name);
	gate_buf_clear(out);
	if (gate_buf_read_file(out, path, GATE_ERR_INPUT, &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		unit_abort();
	}
}

/* Makes a signing key for user ID `uid`; its fingerprint into file `name`. */
static void keygen(const char *name, const char *uid, const char *algo)
{
	GPG_SH(
	    "gpg --batch --pinentry-mode loopback --passphrase '' --quick-gen-key '%s' %s sign 0 "
	    "2>/dev/null && gpg --with-colons --list-keys '=%s' | awk -F: '$1 == \"fpr\" { print "
	    "$10; exit }' >%s",
	    uid, algo, uid, name);
}

static int keyring_add(gate_allowed_signers **s, const char *file, gate_error *err)
{
	gate_buf data = GATE_BUF_INIT(GATE_OPENPGP_KEYRING_MAX_SIZE);
	int rc;

	read_top(&data, file);
	rc = gate_allowed_signers_add_keyring(s, data.ptr ? data.ptr : "", data.size, file, err);
	gate_buf_dispose(&data);
	return rc;
}

static void setup(void)
{
	gitrepo_sh("mkdir -p '%s/g' && chmod 700 '%s/g'", gitrepo_top(), gitrepo_top());
	keygen("alice.fpr", "Alice <alice@example.com>", "ed25519");
	keygen("bob.fpr", "Bob <bob@example.com>", "rsa2048");
	keygen("carol.fpr", "carol@example.com", "ed25519");
	keygen("mallory.fpr", "Mallory <mallory@example.com>", "ed25519");
	/* Alice's second address, revoked. */
	GPG_SH("gpg --batch --pinentry-mode loopback --passphrase '' --quick-add-uid \"$(cat "
	       "alice.fpr)\" 'Alice <old@example.com>' 2>/dev/null && gpg --batch --pinentry-mode "
	       "loopback --passphrase '' --quick-revoke-uid \"$(cat alice.fpr)\" 'Alice "
	       "<old@example.com>' 2>/dev/null%s",
	       "");
	GPG_SH("gpg --export --armor \"$(cat alice.fpr)\" \"$(cat bob.fpr)\" \"$(cat carol.fpr)\" "
	       ">keyring.asc && gpg --export \"$(cat alice.fpr)\" >alice.gpg && gpg --batch "
	       "--pinentry-mode loopback --passphrase '' --export-secret-keys \"$(cat alice.fpr)\" "
	       ">secret.gpg 2>/dev/null && printf 'not a key\\n' >junk%s",
	       "");
}

static void test_keyring_refusals(void)
{
	gate_allowed_signers *s = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_allowed_signers_add_keyring(&s, "", 0, "empty", &err) < 0);
	CHECK(s == NULL);
	CHECK(strstr(err.message, "no public key") != NULL);
	gate_error_init(&err);
	CHECK(keyring_add(&s, "junk", &err) < 0);
	CHECK(s == NULL);
	CHECK(strstr(err.message, "junk") != NULL);
	gate_error_init(&err);
	CHECK(keyring_add(&s, "secret.gpg", &err) < 0);
	CHECK(s == NULL);
	CHECK(strstr(err.message, "a gate's keyring holds public keys only") != NULL);
	gate_error_init(&err);
	CHECK(keyring_add(&s, "alice.gpg", &err) == 0);
	CHECK(s != NULL);
	CHECK(keyring_add(&s, "keyring.asc", &err) < 0);
	CHECK(strstr(err.message, "only one keyring") != NULL);
	gate_allowed_signers_free(s);
}

/* sign_commit BRANCH KEYFILE: a commit on BRANCH from main signed with the
 * key whose fingerprint file is KEYFILE; its id into `out`. */
static void sign_commit(char out[GATE_OID_HEX + 1], const char *branch, const char *keyfile)
{
	GPG_SH("cd '%s' && git checkout -q -b %s main && echo %s >%s.txt && git add %s.txt && git "
	       "-c gpg.program=gpg -c user.signingkey=\"$(cat ../%s)!\" commit -q -S -m %s && git "
	       "checkout -q main",
	       gitrepo_dir(), branch, branch, branch, branch, keyfile, branch);
	gitrepo_rev(out, branch);
}

static void test_commits(void)
{
	char alice[GATE_OID_HEX + 1], bob[GATE_OID_HEX + 1], carol[GATE_OID_HEX + 1],
	    mallory[GATE_OID_HEX + 1], forged[GATE_OID_HEX + 1];
	gate_buf out = GATE_BUF_INIT(1 << 16);
	gate_allowed_signers *s = NULL;
	gate_repo *repo = NULL;
	gate_sig_result r;
	gate_error err;
	int i;

	gate_error_init(&err);
	gitrepo_init("commits", NULL);
	gitrepo_write("a", "1\n", 2, 0);
	gitrepo_commit("root");
	sign_commit(alice, "alice", "alice.fpr");
	sign_commit(bob, "bob", "bob.fpr");
	sign_commit(carol, "carol", "carol.fpr");
	sign_commit(mallory, "mallory", "mallory.fpr");
	gitrepo_sh("cd '%s' && git cat-file commit alice | sed 's/^alice$/forged/' | git "
		   "hash-object -t commit -w --stdin >../forged",
		   gitrepo_dir());
	read_top(&out, "forged");
	CHECK(out.size > GATE_OID_HEX);
	snprintf(forged, sizeof(forged), "%.40s", out.ptr ? out.ptr : "");
	if (keyring_add(&s, "keyring.asc", &err) < 0 ||
	    gate_repo_open(&repo, gitrepo_dir(), &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		unit_abort();
	}
	for (i = 0; i < 2; i++) {
		CHECK(gate_signature_commit_signed_by(&r, repo, alice, s, "ALICE@example.com",
						      &err) == 0);
		CHECK(r.status == GATE_SIG_VERIFIED);
	}
	CHECK(gate_signature_commit_signed_by(&r, repo, alice, s, "old@example.com", &err) == 0);
	CHECK(r.status == GATE_SIG_WRONG_SIGNER);
	CHECK(strstr(r.detail, "alice@example.com") != NULL);
	CHECK(strstr(r.detail, "old@example.com") == NULL);
	CHECK(gate_signature_commit_signed_by(&r, repo, alice, s, "bob@example.com", &err) == 0);
	CHECK(r.status == GATE_SIG_WRONG_SIGNER);
	CHECK(gate_signature_commit_signed_by(&r, repo, bob, s, "bob@example.com", &err) == 0);
	CHECK(r.status == GATE_SIG_VERIFIED);
	CHECK(gate_signature_commit_signed_by(&r, repo, carol, s, "Carol@Example.com", &err) == 0);
	CHECK(r.status == GATE_SIG_VERIFIED);
	CHECK(gate_signature_commit_signed_by(&r, repo, mallory, s, "mallory@example.com", &err) ==
	      0);
	CHECK(r.status == GATE_SIG_UNKNOWN_KEY);
	CHECK(gate_signature_commit_signed_by(&r, repo, forged, s, "alice@example.com", &err) == 0);
	CHECK(r.status == GATE_SIG_BAD);
	gate_allowed_signers_free(s);
	s = NULL;
	/* Without a keyring: unsupported, saying how to give one. */
	CHECK(gate_allowed_signers_parse(&s, "", 0, "none", &err) == 0);
	CHECK(gate_signature_commit_signed_by(&r, repo, alice, s, "alice@example.com", &err) == 0);
	CHECK(r.status == GATE_SIG_UNSUPPORTED);
	CHECK(strstr(r.detail, "--openpgp-keyring") != NULL);
	gate_repo_free(repo);
	gate_allowed_signers_free(s);
	gate_buf_dispose(&out);
}

int main(void)
{
	int rc;

	if (gitrepo_start("openpgp", unit_abort) < 0)
		return 2;
	GATE_RUN(setup);
	GATE_RUN(test_keyring_refusals);
	GATE_RUN(test_commits);
	gitrepo_sh("GNUPGHOME='%s/g' gpgconf --kill gpg-agent", gitrepo_top());
	rc = GATE_UNIT_DONE("test_openpgp");
	gitrepo_finish();
	return rc;
}
