/*
 * Commit signatures (include/riskgate/signature.h): which kind a commit's
 * signature is, decided here once and dispatched; the SSHSIG format of
 * OpenSSH's PROTOCOL.sshsig and its verification with libcrypto, per commit
 * and cached; whose SSH key signed is src/allowed_signers.c's question,
 * OpenPGP signatures are src/openpgp.c's. The only module that includes
 * OpenSSL's headers.
 *
 * NEEDSWORK: X.509 (gpgsm) signatures are reported as unsupported.
 */
#include "riskgate/banned.h"

#include "riskgate/signature.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "repo_internal.h"
#include "signature_internal.h"
#include "riskgate/buf.h"

#define SSHSIG_MAGIC     "SSHSIG"
#define SSHSIG_MAGIC_LEN 6
#define SSHSIG_BEGIN     "-----BEGIN SSH SIGNATURE-----"
#define SSHSIG_END       "-----END SSH SIGNATURE-----"
#define PGP_SIG_BEGIN    "-----BEGIN PGP SIGNATURE-----"
#define PGP_MSG_BEGIN    "-----BEGIN PGP MESSAGE-----"
#define SSHSIG_NAMESPACE GATE_SIGNATURE_NAMESPACE
/* Largest signature or key blob read, in bytes (an RSA-16384 key is 2 KiB). */
#define SSH_BLOB_MAX (64u * 1024u)

/* ---- reading the SSH wire format ---- */

typedef struct {
	const unsigned char *p;
	size_t n;
} reader;

static int get_u32(uint32_t *out, reader *r)
{
	if (r->n < 4)
		return -1;
	*out = ((uint32_t)r->p[0] << 24) | ((uint32_t)r->p[1] << 16) | ((uint32_t)r->p[2] << 8) |
	       (uint32_t)r->p[3];
	r->p += 4;
	r->n -= 4;
	return 0;
}

static int get_string(reader *out, reader *r)
{
	uint32_t len;

	if (get_u32(&len, r) < 0 || len > r->n)
		return -1;
	out->p = r->p;
	out->n = len;
	r->p += len;
	r->n -= len;
	return 0;
}

static int str_is(const reader *s, const char *text)
{
	return s->n == strlen(text) && memcmp(s->p, text, s->n) == 0;
}

int gate_signature__key_type_is(const unsigned char *key, size_t keylen, const char *type,
				size_t tn)
{
	reader r, t;

	r.p = key;
	r.n = keylen;
	return get_string(&t, &r) == 0 && t.n == tn && memcmp(t.p, type, tn) == 0;
}

/* An mpint as a positive big-endian magnitude (no sign byte). */
static int get_mpint_positive(reader *out, reader *r)
{
	if (get_string(out, r) < 0 || out->n == 0 || (out->p[0] & 0x80))
		return -1;
	while (out->n > 0 && out->p[0] == 0) {
		out->p++;
		out->n--;
	}
	return out->n > 0 ? 0 : -1;
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decodes strict base64 (padding required, nothing after it) from `len`
 * bytes of `s`, skipping line breaks when `lines` is set. Returns the
 * decoded bytes (malloc'd, *outlen set), or NULL with *bad set when the
 * text is not base64 (and *bad clear on out of memory).
 */
unsigned char *gate_signature__b64_decode(size_t *outlen, const char *s, size_t len, int lines,
					  int *bad, gate_error *err)
{
	unsigned char *out;
	unsigned acc = 0;
	size_t i, n = 0, bits = 0, pad = 0, chars = 0;

	*bad = 0;
	if (len > SSH_BLOB_MAX * 2) {
		*bad = 1;
		return NULL;
	}
	if (!(out = gate_malloc(len / 4 * 3 + 3, err)))
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int v;

		if (lines && (c == '\n' || c == '\r'))
			continue;
		chars++;
		if (c == '=') {
			pad++;
			continue;
		}
		if (pad || (v = b64_value(c)) < 0)
			goto bad;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (chars % 4 != 0 || pad > 2 || acc != 0)
		goto bad;
	*outlen = n;
	return out;
bad:
	free(out);
	*bad = 1;
	return NULL;
}

/* ---- verifying a signature ---- */

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t pn = strlen(prefix);

	return n >= pn && memcmp(s, prefix, pn) == 0;
}

/* By the armor line, as git's gpg-interface tells its formats apart. */
gate_signature__kind gate_signature__kind_of(const char *sig, size_t siglen)
{
	if (starts_with(sig, siglen, SSHSIG_BEGIN))
		return GATE_SIGNATURE__SSH;
	if (starts_with(sig, siglen, PGP_SIG_BEGIN) || starts_with(sig, siglen, PGP_MSG_BEGIN))
		return GATE_SIGNATURE__OPENPGP;
	return GATE_SIGNATURE__OTHER;
}

typedef struct {
	reader key;      /* the public key blob */
	reader ns;       /* namespace */
	reader reserved; /* signed as it is, whatever it holds */
	reader hash;     /* "sha256" or "sha512" */
	reader sig_type; /* the signature's algorithm name */
	reader sig_blob; /* its algorithm-specific bytes */
} sshsig;

/* Splits the decoded SSHSIG blob. Returns 0, or -1 when malformed. */
static int sshsig_parse(sshsig *out, const unsigned char *b, size_t n)
{
	reader r, sig;
	uint32_t version;

	if (n < SSHSIG_MAGIC_LEN || memcmp(b, SSHSIG_MAGIC, SSHSIG_MAGIC_LEN) != 0)
		return -1;
	r.p = b + SSHSIG_MAGIC_LEN;
	r.n = n - SSHSIG_MAGIC_LEN;
	if (get_u32(&version, &r) < 0 || version != 1 || get_string(&out->key, &r) < 0 ||
	    get_string(&out->ns, &r) < 0 || get_string(&out->reserved, &r) < 0 ||
	    get_string(&out->hash, &r) < 0 || get_string(&sig, &r) < 0 || r.n != 0)
		return -1;
	if (get_string(&out->sig_type, &sig) < 0 || get_string(&out->sig_blob, &sig) < 0 ||
	    sig.n != 0)
		return -1;
	return 0;
}

static int put_string(gate_buf *b, const void *p, size_t n, gate_error *err)
{
	unsigned char len[4];

	if (n > UINT32_MAX)
		return gate_error_set(err, GATE_ERR_NOMEM, "a string too long for SSH");
	len[0] = (unsigned char)(n >> 24);
	len[1] = (unsigned char)(n >> 16);
	len[2] = (unsigned char)(n >> 8);
	len[3] = (unsigned char)n;
	if (gate_buf_put(b, len, 4, err) < 0)
		return -1;
	return n ? gate_buf_put(b, p, n, err) : 0;
}

static int crypto_fail(gate_error *err, const char *what)
{
	return gate_error_set(err, GATE_ERR_INTERNAL, "libcrypto: %s failed", what);
}

/* An EVP_PKEY of a public RSA key from its e and n. */
static EVP_PKEY *rsa_key(reader *kr, int *bad)
{
	reader e, n;
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *pctx = NULL;
	EVP_PKEY *pkey = NULL;
	BIGNUM *be = NULL, *bn = NULL;

	if (get_mpint_positive(&e, kr) < 0 || get_mpint_positive(&n, kr) < 0 || kr->n != 0 ||
	    n.n < 1024 / 8 || n.n > 16384 / 8) {
		*bad = 1;
		return NULL;
	}
	if (!(be = BN_bin2bn(e.p, (int)e.n, NULL)) || !(bn = BN_bin2bn(n.p, (int)n.n, NULL)) ||
	    !(bld = OSSL_PARAM_BLD_new()) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) ||
	    !(params = OSSL_PARAM_BLD_to_param(bld)) ||
	    !(pctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL)) ||
	    EVP_PKEY_fromdata_init(pctx) <= 0 ||
	    EVP_PKEY_fromdata(pctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pkey = NULL;
	EVP_PKEY_CTX_free(pctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(be);
	BN_free(bn);
	return pkey;
}

/* An EVP_PKEY of a public ECDSA key on curve `group` from its point. */
static EVP_PKEY *ec_key(reader *kr, const char *curve, const char *group, int *bad)
{
	reader c, q;
	OSSL_PARAM params[3];
	EVP_PKEY_CTX *pctx = NULL;
	EVP_PKEY *pkey = NULL;

	if (get_string(&c, kr) < 0 || !str_is(&c, curve) || get_string(&q, kr) < 0 || kr->n != 0 ||
	    q.n == 0) {
		*bad = 1;
		return NULL;
	}
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)group, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)q.p, q.n);
	params[2] = OSSL_PARAM_construct_end();
	if (!(pctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) ||
	    EVP_PKEY_fromdata_init(pctx) <= 0 ||
	    EVP_PKEY_fromdata(pctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
		pkey = NULL;
		*bad = 1; /* not a point of the curve */
	}
	EVP_PKEY_CTX_free(pctx);
	return pkey;
}

/* An ECDSA signature (mpint r, mpint s) in the DER form libcrypto checks. */
static unsigned char *ec_sig_der(size_t *outlen, reader blob)
{
	reader r, s;
	ECDSA_SIG *sig = NULL;
	BIGNUM *br = NULL, *bs = NULL;
	unsigned char *der = NULL;
	int len;

	if (get_mpint_positive(&r, &blob) < 0 || get_mpint_positive(&s, &blob) < 0 || blob.n != 0)
		return NULL;
	if (!(sig = ECDSA_SIG_new()) || !(br = BN_bin2bn(r.p, (int)r.n, NULL)) ||
	    !(bs = BN_bin2bn(s.p, (int)s.n, NULL)) || !ECDSA_SIG_set0(sig, br, bs)) {
		BN_free(br);
		BN_free(bs);
		ECDSA_SIG_free(sig);
		return NULL;
	}
	len = i2d_ECDSA_SIG(sig, &der);
	ECDSA_SIG_free(sig);
	if (len <= 0)
		return NULL;
	*outlen = (size_t)len;
	return der;
}

static void set_detail(char *dst, size_t cap, const char *text)
{
	snprintf(dst, cap, "%s", text);
}

/*
 * Verifies the signature of `ss` over the signed data `data` with the key
 * it carries. Sets *status to VERIFIED, BAD or UNSUPPORTED (with `detail`).
 * Returns 0, or -1 on an error of libcrypto itself.
 */
static int verify_sig(gate_sig_status *status, char *detail, size_t cap, const sshsig *ss,
		      const gate_buf *data, gate_error *err)
{
	reader kr = ss->key, ktype;
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *mctx = NULL;
	const EVP_MD *md = NULL;
	unsigned char *der = NULL;
	const unsigned char *sigp = ss->sig_blob.p;
	size_t sign = ss->sig_blob.n;
	int bad = 0, rc, error = -1;

	*status = GATE_SIG_BAD;
	if (get_string(&ktype, &kr) < 0) {
		set_detail(detail, cap, "the signature's public key is malformed");
		return 0;
	}
	if (str_is(&ktype, "ssh-ed25519")) {
		reader pk;

		if (!str_is(&ss->sig_type, "ssh-ed25519") || get_string(&pk, &kr) < 0 ||
		    kr.n != 0 || pk.n != 32 || sign != 64)
			bad = 1;
		else if (!(pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pk.p, 32)))
			return crypto_fail(err, "reading an Ed25519 key");
	} else if (str_is(&ktype, "ssh-rsa")) {
		if (str_is(&ss->sig_type, "rsa-sha2-512"))
			md = EVP_sha512();
		else if (str_is(&ss->sig_type, "rsa-sha2-256"))
			md = EVP_sha256();
		else
			bad = 1; /* "ssh-rsa" signs with SHA-1, which SSHSIG does not allow */
		if (!bad && !(pkey = rsa_key(&kr, &bad)) && !bad)
			return crypto_fail(err, "reading an RSA key");
	} else if (str_is(&ktype, "ecdsa-sha2-nistp256") || str_is(&ktype, "ecdsa-sha2-nistp384") ||
		   str_is(&ktype, "ecdsa-sha2-nistp521")) {
		static const struct {
			const char *type, *curve, *group;
			int bits;
		} curves[] = {{"ecdsa-sha2-nistp256", "nistp256", "prime256v1", 256},
			      {"ecdsa-sha2-nistp384", "nistp384", "secp384r1", 384},
			      {"ecdsa-sha2-nistp521", "nistp521", "secp521r1", 521}};
		size_t i;

		for (i = 0; !str_is(&ktype, curves[i].type); i++)
			;
		md = curves[i].bits == 256   ? EVP_sha256()
		     : curves[i].bits == 384 ? EVP_sha384()
					     : EVP_sha512();
		if (!str_is(&ss->sig_type, curves[i].type) ||
		    !(pkey = ec_key(&kr, curves[i].curve, curves[i].group, &bad)) ||
		    !(der = ec_sig_der(&sign, ss->sig_blob)))
			bad = 1;
		sigp = der;
	} else {
		*status = GATE_SIG_UNSUPPORTED;
		set_detail(detail, cap, "an SSH key type riskgate does not verify");
		return 0;
	}
	if (bad || !pkey) {
		set_detail(detail, cap,
			   "the signature's key or algorithm is malformed or mismatched");
		error = 0;
		goto done;
	}
	if (!(mctx = EVP_MD_CTX_new()) || EVP_DigestVerifyInit(mctx, NULL, md, NULL, pkey) <= 0) {
		crypto_fail(err, "starting a verification");
		goto done;
	}
	rc = EVP_DigestVerify(mctx, sigp, sign, (const unsigned char *)data->ptr, data->size);
	if (rc == 1)
		*status = GATE_SIG_VERIFIED;
	else
		set_detail(detail, cap, "the signature does not verify over the content");
	error = 0;
done:
	EVP_MD_CTX_free(mctx);
	EVP_PKEY_free(pkey);
	OPENSSL_free(der);
	return error;
}

/*
 * Verifies the armored signature `sig` over `msg`: into *status and
 * *key and *keylen (a copy of the signing key's blob, the caller's, set when
 * the signature is valid), for namespace `ns`. Identity-free: which key
 * signed, not whose.
 */
static int verify_armored(gate_sig_status *status, char *detail, size_t cap, unsigned char **key,
			  size_t *keylen, const char *sig, size_t siglen, const char *msg,
			  size_t msglen, const char *ns, gate_error *err)
{
	const char *b, *e;
	unsigned char *blob = NULL, digest[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	gate_buf data = GATE_BUF_INIT(SSH_BLOB_MAX);
	const EVP_MD *md;
	sshsig ss;
	size_t n, bl = strlen(SSHSIG_BEGIN);
	int bad, error = -1;

	*key = NULL;
	*status = GATE_SIG_BAD;
	detail[0] = '\0';
	if (gate_signature__kind_of(sig, siglen) != GATE_SIGNATURE__SSH) {
		*status = GATE_SIG_UNSUPPORTED;
		set_detail(detail, cap,
			   gate_signature__kind_of(sig, siglen) == GATE_SIGNATURE__OPENPGP
			       ? "an OpenPGP signature, not an SSH one"
			       : "not an SSH signature");
		return 0;
	}
	b = sig + bl;
	for (e = b; (size_t)(e - sig) + strlen(SSHSIG_END) <= siglen; e++)
		if (memcmp(e, SSHSIG_END, strlen(SSHSIG_END)) == 0)
			break;
	if ((size_t)(e - sig) + strlen(SSHSIG_END) > siglen) {
		set_detail(detail, cap, "the SSH signature has no end line");
		return 0;
	}
	if (!(blob = gate_signature__b64_decode(&n, b, (size_t)(e - b), 1, &bad, err))) {
		if (!bad)
			return -1;
		set_detail(detail, cap, "the SSH signature is not base64");
		return 0;
	}
	if (sshsig_parse(&ss, blob, n) < 0) {
		set_detail(detail, cap, "the SSH signature is malformed");
		error = 0;
		goto done;
	}
	if (!str_is(&ss.ns, ns)) {
		*status = GATE_SIG_WRONG_NAMESPACE;
		snprintf(detail, cap, "made for another namespace than \"%.64s\"", ns);
		error = 0;
		goto done;
	}
	if (str_is(&ss.hash, "sha512"))
		md = EVP_sha512();
	else if (str_is(&ss.hash, "sha256"))
		md = EVP_sha256();
	else {
		*status = GATE_SIG_UNSUPPORTED;
		set_detail(detail, cap, "a hash algorithm other than sha256 or sha512");
		error = 0;
		goto done;
	}
	if (EVP_Digest(msg, msglen, digest, &dlen, md, NULL) != 1) {
		crypto_fail(err, "hashing the commit");
		goto done;
	}
	/* The signed data: MAGIC, namespace, reserved, hash algorithm, H(message). */
	if (gate_buf_put(&data, SSHSIG_MAGIC, SSHSIG_MAGIC_LEN, err) < 0 ||
	    put_string(&data, ss.ns.p, ss.ns.n, err) < 0 ||
	    put_string(&data, ss.reserved.p, ss.reserved.n, err) < 0 ||
	    put_string(&data, ss.hash.p, ss.hash.n, err) < 0 ||
	    put_string(&data, digest, dlen, err) < 0)
		goto done;
	if (verify_sig(status, detail, cap, &ss, &data, err) < 0)
		goto done;
	if (*status == GATE_SIG_VERIFIED) {
		if (!(*key = gate_malloc(ss.key.n, err)))
			goto done;
		memcpy(*key, ss.key.p, ss.key.n);
		*keylen = ss.key.n;
	}
	error = 0;
done:
	gate_buf_dispose(&data);
	free(blob);
	return error;
}

int gate_signature_verify_ssh(gate_sig_result *out, const gate_allowed_signers *signers,
			      const char *sig, size_t siglen, const char *msg, size_t msglen,
			      const char *identity, long long when, gate_error *err)
{
	return gate_signature_verify_ssh_ns(out, signers, sig, siglen, msg, msglen,
					    SSHSIG_NAMESPACE, identity, when, err);
}

int gate_signature_verify_ssh_ns(gate_sig_result *out, const gate_allowed_signers *signers,
				 const char *sig, size_t siglen, const char *msg, size_t msglen,
				 const char *ns, const char *identity, long long when,
				 gate_error *err)
{
	unsigned char *key = NULL;
	size_t keylen = 0;

	memset(out, 0, sizeof(*out));
	if (verify_armored(&out->status, out->detail, sizeof(out->detail), &key, &keylen, sig,
			   siglen, msg, msglen, ns, err) < 0)
		return -1;
	if (out->status == GATE_SIG_VERIFIED)
		gate_signature__judge(out, signers, key, keylen, ns, identity, when);
	free(key);
	return 0;
}

/*
 * Verifies a commit's signature `sig` over `data` (the commit object
 * without its gpgsig header) by its kind, into `c` (whose `when` is set).
 */
static int verify_kind(gate_signature__cached *c, const gate_allowed_signers *s, const char *sig,
		       size_t siglen, const char *data, size_t datalen, gate_error *err)
{
	char *fpr = NULL;

	c->kind = gate_signature__kind_of(sig, siglen);
	switch (c->kind) {
	case GATE_SIGNATURE__SSH:
		return verify_armored(&c->status, c->detail, sizeof(c->detail), &c->key, &c->keylen,
				      sig, siglen, data, datalen, SSHSIG_NAMESPACE, err);
	case GATE_SIGNATURE__OPENPGP:
		if (!s->keyring) {
			c->status = GATE_SIG_UNSUPPORTED;
			set_detail(c->detail, sizeof(c->detail),
				   "an OpenPGP signature: pass --openpgp-keyring FILE (public keys "
				   "from gpg --export) to verify it");
			return 0;
		}
		if (gate_openpgp__verify(&c->status, c->detail, sizeof(c->detail), &fpr, s->keyring,
					 sig, siglen, data, datalen, c->when, err) < 0)
			return -1;
		c->key = (unsigned char *)fpr;
		c->keylen = fpr ? strlen(fpr) : 0;
		return 0;
	case GATE_SIGNATURE__OTHER:
		break;
	}
	c->status = GATE_SIG_UNSUPPORTED;
	set_detail(c->detail, sizeof(c->detail),
		   "neither an SSH nor an OpenPGP signature (X.509 is not verified)");
	return 0;
}

/* The cached verification of commit `sha`, made now when missing. */
static int cached(const gate_signature__cached **out, gate_repo *repo, const char *sha,
		  gate_allowed_signers *s, gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	git_commit *commit = NULL;
	git_oid oid;
	gate_signature__cached *c;
	size_t i;
	int rc, error = -1;

	for (i = 0; i < s->ncache; i++)
		if (strcmp(s->cache[i].sha, sha) == 0) {
			*out = &s->cache[i];
			return 0;
		}
	if (gate_array_reserve((void **)&s->cache, &s->acache, s->ncache + 1, sizeof(*s->cache),
			       err) < 0)
		return -1;
	c = &s->cache[s->ncache];
	memset(c, 0, sizeof(*c));
	snprintf(c->sha, sizeof(c->sha), "%s", sha);
	if (git_oid_fromstr(&oid, sha) < 0 || git_commit_lookup(&commit, git, &oid) < 0)
		return gate_repo__fail(err, GATE_ERR_REPO, "commit %.12s", sha);
	c->when = (long long)git_commit_committer(commit)->when.time;
	rc = git_commit_extract_signature(&sig, &data, git, &oid, "gpgsig");
	if (rc == GIT_ENOTFOUND) {
		c->status = GATE_SIG_UNSIGNED;
		snprintf(c->detail, sizeof(c->detail), "%s", "no gpgsig header");
	} else if (rc < 0) {
		gate_repo__fail(err, GATE_ERR_REPO, "the signature of commit %.12s", sha);
		goto done;
	} else if (verify_kind(c, s, sig.ptr, sig.size, data.ptr, data.size, err) < 0) {
		goto done;
	}
	*out = c;
	s->ncache++;
	error = 0;
done:
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	git_commit_free(commit);
	return error;
}

int gate_signature_commit_signed_by(gate_sig_result *out, gate_repo *repo, const char *sha,
				    gate_allowed_signers *signers, const char *identity,
				    gate_error *err)
{
	const gate_signature__cached *c = NULL;

	memset(out, 0, sizeof(*out));
	if (cached(&c, repo, sha, signers, err) < 0)
		return -1;
	out->status = c->status;
	snprintf(out->detail, sizeof(out->detail), "%s", c->detail);
	if (c->status != GATE_SIG_VERIFIED)
		return 0;
	if (c->kind == GATE_SIGNATURE__OPENPGP)
		return gate_openpgp__judge(out, signers->keyring, (const char *)c->key, identity,
					   err);
	gate_signature__judge(out, signers, c->key, c->keylen, SSHSIG_NAMESPACE, identity, c->when);
	return 0;
}

const char *gate_sig_status_name(gate_sig_status status)
{
	switch (status) {
	case GATE_SIG_VERIFIED:
		return "verified";
	case GATE_SIG_UNSIGNED:
		return "unsigned";
	case GATE_SIG_BAD:
		return "bad signature";
	case GATE_SIG_UNKNOWN_KEY:
		return "unknown key";
	case GATE_SIG_WRONG_SIGNER:
		return "signed by someone else";
	case GATE_SIG_WRONG_NAMESPACE:
		return "wrong namespace";
	case GATE_SIG_KEY_NOT_VALID:
		return "key not valid for git at the commit's time";
	case GATE_SIG_UNSUPPORTED:
		return "unsupported signature";
	}
	return "unknown";
}
