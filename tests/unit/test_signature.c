/*
 * Unit tests of SSH signature verification against ssh-keygen, the
 * reference: keys and signatures made with `ssh-keygen -t TYPE` and
 * `ssh-keygen -Y sign`, each verdict compared with `ssh-keygen -Y verify`
 * on the same inputs (valid, wrong namespace, wrong principal, tampered
 * message, unknown key, key options), and the allowed-signers parser on
 * good and bad lines.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gitrepo.h"
#include "riskgate/buf.h"
#include "riskgate/repo.h"
#include "riskgate/signature.h"
#include "unit.h"

static const char *const key_types[][2] = {
    {"ed25519", "-t ed25519"},       {"rsa", "-t rsa -b 2048"},
    {"ecdsa256", "-t ecdsa -b 256"}, {"ecdsa384", "-t ecdsa -b 384"},
    {"ecdsa521", "-t ecdsa -b 521"},
};

/* Reads file `name` of the run's directory. */
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

/* Makes key NAME (NAME and NAME.pub in the run's directory) once. */
static void keygen(const char *name, const char *args)
{
	gitrepo_sh("cd '%s' && { test -f %s || ssh-keygen -q %s -N '' -C %s -f %s; }",
		   gitrepo_top(), name, args, name, name);
}

/* Signs file MSG with key KEY in namespace NS into MSG.sig. */
static void sign(const char *msg, const char *key, const char *ns, const char *extra)
{
	gitrepo_sh("cd '%s' && rm -f %s.sig && ssh-keygen -q -Y sign -f %s -n %s %s %s "
		   ">/dev/null 2>&1",
		   gitrepo_top(), msg, key, ns, extra, msg);
}

/* Writes the allowed-signers file `file`: "PRINCIPALS [OPTIONS] <KEY.pub>". */
static void allow(const char *file, const char *principals, const char *options, const char *key)
{
	gitrepo_sh("cd '%s' && printf '%%s %%s %%s\\n' '%s' '%s' \"$(cut -d' ' -f1,2 %s.pub)\" "
		   ">%s",
		   gitrepo_top(), principals, options, key, file);
}

/* ssh-keygen's verdict: 1 when `ssh-keygen -Y verify` accepts. */
static int reference(const char *file, const char *identity, const char *msg)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && ssh-keygen -Y verify -f %s -I '%s' -n git -s %s.sig <%s "
		 ">/dev/null 2>&1",
		 gitrepo_top(), file, identity, msg, msg);
	return system(cmd) == 0;
}

/* Our verdict on MSG.sig over MSG for `identity` under `file`. */
static gate_sig_status ours(const char *file, const char *identity, const char *msg)
{
	gate_buf text = GATE_BUF_INIT(1u << 20), sig = GATE_BUF_INIT(1u << 20),
		 body = GATE_BUF_INIT(1u << 20);
	gate_allowed_signers *s = NULL;
	gate_sig_result r;
	gate_error err;
	char name[256];

	gate_error_init(&err);
	read_top(&text, file);
	snprintf(name, sizeof(name), "%s.sig", msg);
	read_top(&sig, name);
	read_top(&body, msg);
	if (gate_allowed_signers_parse(&s, text.ptr ? text.ptr : "", text.size, file, &err) < 0 ||
	    gate_signature_verify_ssh(&r, s, sig.ptr, sig.size, body.ptr ? body.ptr : "", body.size,
				      identity, (long long)time(NULL), &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		unit_abort();
	}
	gate_allowed_signers_free(s);
	gate_buf_dispose(&text);
	gate_buf_dispose(&sig);
	gate_buf_dispose(&body);
	return r.status;
}

/* Checks our status and that ssh-keygen agrees on accept/reject. */
static void expect(const char *file, const char *identity, const char *msg, gate_sig_status want)
{
	gate_sig_status got = ours(file, identity, msg);
	int ref = reference(file, identity, msg);

	if (got != want || ref != (want == GATE_SIG_VERIFIED)) {
		fprintf(stderr, "%s as %s under %s: got \"%s\", want \"%s\"; ssh-keygen %s\n", msg,
			identity, file, gate_sig_status_name(got), gate_sig_status_name(want),
			ref ? "accepts" : "rejects");
		unit_current_failed = 1;
	}
}

static void write_top(const char *name, const char *text)
{
	gitrepo_sh("cd '%s' && printf '%%s' '%s' >%s", gitrepo_top(), text, name);
}

static void test_each_key_type_agrees_with_ssh_keygen(void)
{
	size_t i;

	write_top("msg", "tree 0000\nauthor Bob <bob@x> 1 +0000\n\nhello\n");
	write_top("tampered", "tree 0000\nauthor Bob <bob@x> 1 +0000\n\nhellO\n");
	keygen("carol", "-t ed25519");
	for (i = 0; i < sizeof(key_types) / sizeof(key_types[0]); i++) {
		const char *k = key_types[i][0];

		keygen(k, key_types[i][1]);
		allow("allowed", "bob@x", "namespaces=\"git\"", k);
		sign("msg", k, "git", "");
		expect("allowed", "bob@x", "msg", GATE_SIG_VERIFIED);
		expect("allowed", "alice@x", "msg", GATE_SIG_WRONG_SIGNER);
		gitrepo_sh("cd '%s' && cp msg.sig tampered.sig", gitrepo_top());
		expect("allowed", "bob@x", "tampered", GATE_SIG_BAD);
		sign("msg", k, "file", "");
		expect("allowed", "bob@x", "msg", GATE_SIG_WRONG_NAMESPACE);
		sign("msg", "carol", "git", "");
		expect("allowed", "bob@x", "msg", GATE_SIG_UNKNOWN_KEY);
	}
}

static void test_rsa_sha256_and_sha256_hash(void)
{
	write_top("msg2", "some commit\n");
	keygen("rsa", "-t rsa -b 2048");
	keygen("ed25519", "-t ed25519");
	allow("allowed2", "bob@x", "namespaces=\"git\"", "rsa");
	sign("msg2", "rsa", "git", "-O hashalg=sha256");
	expect("allowed2", "bob@x", "msg2", GATE_SIG_VERIFIED);
	allow("allowed3", "bob@x", "namespaces=\"git\"", "ed25519");
	sign("msg2", "ed25519", "git", "-O hashalg=sha256");
	expect("allowed3", "bob@x", "msg2", GATE_SIG_VERIFIED);
}

static void test_principal_patterns_and_options(void)
{
	write_top("msg3", "x\n");
	keygen("ed25519", "-t ed25519");
	sign("msg3", "ed25519", "git", "");
	allow("pat", "*@example.com,!eve@example.com", "namespaces=\"git\"", "ed25519");
	expect("pat", "bob@example.com", "msg3", GATE_SIG_VERIFIED);
	expect("pat", "eve@example.com", "msg3", GATE_SIG_WRONG_SIGNER);
	expect("pat", "bob@example.org", "msg3", GATE_SIG_WRONG_SIGNER);
	allow("nsfile", "bob@x", "namespaces=\"file\"", "ed25519");
	expect("nsfile", "bob@x", "msg3", GATE_SIG_KEY_NOT_VALID);
	allow("expired", "bob@x", "valid-before=\"20200101Z\"", "ed25519");
	expect("expired", "bob@x", "msg3", GATE_SIG_KEY_NOT_VALID);
	allow("future", "bob@x", "valid-after=\"29990101\"", "ed25519");
	expect("future", "bob@x", "msg3", GATE_SIG_KEY_NOT_VALID);
	allow("current", "bob@x", "valid-after=\"20200101\",valid-before=\"29990101Z\"", "ed25519");
	expect("current", "bob@x", "msg3", GATE_SIG_VERIFIED);
	/* No options at all: any namespace, any time. */
	gitrepo_sh("cd '%s' && printf 'bob@x %%s\\n' \"$(cut -d' ' -f1,2 ed25519.pub)\" >plain",
		   gitrepo_top());
	expect("plain", "bob@x", "msg3", GATE_SIG_VERIFIED);
}

/* Returns 0 when `text` parses, else -1 with the message in `msg`. */
static unsigned parse_line;

static int parse(const char *text, char *msg, size_t cap)
{
	gate_allowed_signers *s = NULL;
	gate_error err;
	int rc;

	gate_error_init(&err);
	rc = gate_allowed_signers_parse(&s, text, strlen(text), "allowed", &err);
	snprintf(msg, cap, "%s", rc < 0 ? err.message : "");
	parse_line = err.line;
	gate_allowed_signers_free(s);
	return rc;
}

#define ED_KEY "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDZqWyxKBH3zR1lB4s7W6dN2zHqk8vZ1t9JBqS5Qy4rR"

static void test_parser(void)
{
	char msg[1100];

	CHECK(parse("", msg, sizeof(msg)) == 0);
	CHECK(parse("# comment\n\n   \n", msg, sizeof(msg)) == 0);
	CHECK(parse("bob@x " ED_KEY " a comment\n", msg, sizeof(msg)) == 0);
	CHECK(parse("\"bob@x,al ice@x\" " ED_KEY "\n", msg, sizeof(msg)) == 0);
	CHECK(parse("bob@x namespaces=\"git,file\" " ED_KEY "\r\n", msg, sizeof(msg)) == 0);
	CHECK(parse("bob@x cert-authority " ED_KEY "\n", msg, sizeof(msg)) < 0);
	CHECK(strstr(msg, "cert-authority") != NULL);
	CHECK(parse("bob@x no-touch-required " ED_KEY "\n", msg, sizeof(msg)) < 0);
	CHECK(parse("bob@x namespaces=git " ED_KEY "\n", msg, sizeof(msg)) < 0);
	CHECK(parse("bob@x valid-after=\"2020\" " ED_KEY "\n", msg, sizeof(msg)) < 0);
	CHECK(parse("bob@x\n", msg, sizeof(msg)) < 0);
	CHECK(parse("bob@x ssh-ed25519\n", msg, sizeof(msg)) < 0);
	CHECK(parse("bob@x ssh-ed25519 AAAA!!!!\n", msg, sizeof(msg)) < 0);
	/* The base64 holds an Ed25519 key, the line says RSA. */
	CHECK(parse("bob@x ssh-rsa "
		    "AAAAC3NzaC1lZDI1NTE5AAAAIDZqWyxKBH3zR1lB4s7W6dN2zHqk8vZ1t9JBqS5Qy4rR\n",
		    msg, sizeof(msg)) < 0);
	CHECK(parse_line == 1);
	CHECK(parse("bob@x " ED_KEY "\nbad line\n", msg, sizeof(msg)) < 0);
	CHECK(parse_line == 2);
}

static void test_not_ssh(void)
{
	static const char pgp[] = "-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP "
				  "SIGNATURE-----\n";
	static const char junk[] = "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH "
				   "SIGNATURE-----\n";
	gate_sig_result r;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_signature_verify_ssh(&r, NULL, pgp, strlen(pgp), "m", 1, "bob@x", 0, &err) == 0);
	CHECK(r.status == GATE_SIG_UNSUPPORTED);
	CHECK(strstr(r.detail, "OpenPGP") != NULL);
	CHECK(gate_signature_verify_ssh(&r, NULL, junk, strlen(junk), "m", 1, "bob@x", 0, &err) ==
	      0);
	CHECK(r.status == GATE_SIG_BAD);
	CHECK(gate_signature_verify_ssh(&r, NULL, junk, 20, "m", 1, "bob@x", 0, &err) == 0);
	CHECK(r.status == GATE_SIG_UNSUPPORTED);
}

/* The commit-level answer: a commit git signed verifies for its committer
 * (twice, the second from the cache), not for another email; an unsigned
 * commit and a rewritten signed one do not. */
static void test_commits(void)
{
	char signed_sha[GATE_OID_HEX + 1], unsigned_sha[GATE_OID_HEX + 1],
	    forged_sha[GATE_OID_HEX + 1], path[512];
	gate_buf out = GATE_BUF_INIT(1 << 16);
	gate_allowed_signers *s = NULL;
	gate_repo *repo = NULL;
	gate_sig_result r;
	gate_error err;
	int i;

	gate_error_init(&err);
	keygen("ed25519", "-t ed25519");
	gitrepo_init("commits", NULL);
	gitrepo_write("a", "1\n", 2, 0);
	gitrepo_commit("unsigned");
	gitrepo_rev(unsigned_sha, "HEAD");
	gitrepo_write("a", "2\n", 2, 0);
	gitrepo_sh("cd '%s' && git add -A && git -c gpg.format=ssh -c user.signingkey='%s/ed25519' "
		   "commit -q -S -m signed",
		   gitrepo_dir(), gitrepo_top());
	gitrepo_rev(signed_sha, "HEAD");
	gitrepo_sh(
	    "cd '%s' && git cat-file commit HEAD | sed 's/^signed$/forged/' | git hash-object "
	    "-t commit -w --stdin >../forged",
	    gitrepo_dir());
	read_top(&out, "forged");
	CHECK(out.size > GATE_OID_HEX);
	snprintf(forged_sha, sizeof(forged_sha), "%.40s", out.ptr ? out.ptr : "");
	gitrepo_sh("cd '%s' && printf 'committer@example.com %%s\\n' \"$(cut -d' ' -f1,2 "
		   "ed25519.pub)\" >commit-signers",
		   gitrepo_top());
	snprintf(path, sizeof(path), "%s/commit-signers", gitrepo_top());
	if (gate_allowed_signers_load_file(&s, path, &err) < 0 ||
	    gate_repo_open(&repo, gitrepo_dir(), &err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		unit_abort();
	}
	for (i = 0; i < 2; i++) {
		CHECK(gate_signature_commit_signed_by(&r, repo, signed_sha, s,
						      "Committer@Example.com", &err) == 0);
		CHECK(r.status == GATE_SIG_VERIFIED);
	}
	CHECK(gate_signature_commit_signed_by(&r, repo, signed_sha, s, "other@example.com", &err) ==
	      0);
	CHECK(r.status == GATE_SIG_WRONG_SIGNER);
	CHECK(gate_signature_commit_signed_by(&r, repo, unsigned_sha, s, "committer@example.com",
					      &err) == 0);
	CHECK(r.status == GATE_SIG_UNSIGNED);
	CHECK(gate_signature_commit_signed_by(&r, repo, forged_sha, s, "committer@example.com",
					      &err) == 0);
	CHECK(r.status == GATE_SIG_BAD);
	gate_repo_free(repo);
	gate_allowed_signers_free(s);
	gate_buf_dispose(&out);
}

int main(void)
{
	int rc;

	if (gitrepo_start("signature", unit_abort) < 0)
		return 2;
	GATE_RUN(test_parser);
	GATE_RUN(test_not_ssh);
	GATE_RUN(test_each_key_type_agrees_with_ssh_keygen);
	GATE_RUN(test_rsa_sha256_and_sha256_hash);
	GATE_RUN(test_principal_patterns_and_options);
	GATE_RUN(test_commits);
	rc = GATE_UNIT_DONE("test_signature");
	gitrepo_finish();
	return rc;
}
