/*
 * OpenPGP commit signatures (git's default gpg.format), verified in process
 * with librnp against a keyring of public keys the user gives
 * (--openpgp-keyring): which key signed, whether it was valid then, and
 * whose user IDs it carries. The only module that includes RNP's headers.
 *
 * librnp (RNP, Thunderbird's OpenPGP implementation) verifies a detached
 * signature with keys loaded from memory: no gpg binary, agent, home
 * directory or process per commit, which a pre-receive hook with a budget
 * of seconds cannot afford. GPGME drives the gpg binary and needs a
 * GNUPGHOME, so it is not used.
 *
 * librnp 0.16 as Debian builds it prints diagnostics ("signer's key not
 * found") to standard error whatever RNP_LOG_CONSOLE says, and
 * rnp_ffi_set_log_fd does not reach them; a pusher would read them above
 * the hook's own message. Standard error is pointed at /dev/null for the
 * length of each librnp call that parses input (quiet_begin/quiet_end);
 * what went wrong is riskgate's message to give.
 */
#include "riskgate/banned.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "riskgate/buf.h"
#include "riskgate/signature.h"
#include "signature_internal.h"

#ifndef GATE_HAVE_RNP

/* Built without librnp (the Makefile found none): a keyring is refused, so
 * an OpenPGP signature stays "unsupported", which fails. */

void gate_openpgp__free(gate_openpgp__keyring *k)
{
	free(k);
}

int gate_openpgp__load(gate_openpgp__keyring **out, const void *data, size_t len, const char *file,
		       gate_error *err)
{
	(void)data;
	(void)len;
	*out = NULL;
	return gate_error_set(err, GATE_ERR_USAGE,
			      "OpenPGP keyring %s: this riskgate was built without librnp, so it "
			      "cannot verify OpenPGP signatures (install librnp-dev, or Homebrew's "
			      "rnp, and rebuild)",
			      file);
}

int gate_openpgp__verify(gate_sig_status *status, char *detail, size_t cap, char **fpr,
			 const gate_openpgp__keyring *k, const char *sig, size_t siglen,
			 const char *msg, size_t msglen, long long when, gate_error *err)
{
	(void)k, (void)sig, (void)siglen, (void)msg, (void)msglen, (void)when;
	*status = GATE_SIG_UNSUPPORTED;
	*fpr = NULL;
	if (cap)
		detail[0] = '\0';
	return gate_error_set(err, GATE_ERR_INTERNAL, "built without librnp");
}

int gate_openpgp__judge(gate_sig_result *out, const gate_openpgp__keyring *k, const char *fpr,
			const char *identity, gate_error *err)
{
	(void)k, (void)fpr, (void)identity;
	out->status = GATE_SIG_UNSUPPORTED;
	out->detail[0] = '\0';
	return gate_error_set(err, GATE_ERR_INTERNAL, "built without librnp");
}

const char *gate_signature_openpgp_backend(void)
{
	return NULL;
}

const char *gate_signature_openpgp_unavailable(void)
{
	return NULL;
}

#else

#include <rnp/rnp.h>
#include <rnp/rnp_err.h>

/*
 * librnp is loaded when a keyring is first given, not at start: it pulls in
 * Botan, whose relocations cost every run about 7 ms (riskgate --version:
 * 10.3 ms with librnp linked, 3.6 ms without), a tenth of a pull request's
 * whole evaluation, for a library most runs never call. Every function is
 * called through rnp_api, filled from the library's SONAME (GATE_RNP_SONAME,
 * from the Makefile) by rnp_load.
 */
#include <dlfcn.h>

#ifndef GATE_RNP_SONAME
#define GATE_RNP_SONAME "librnp.so.0"
#endif

#define RNP_FUNCTIONS(X)                                                                           \
	X(rnp_buffer_destroy)                                                                      \
	X(rnp_ffi_create)                                                                          \
	X(rnp_ffi_destroy)                                                                         \
	X(rnp_get_public_key_count)                                                                \
	X(rnp_get_secret_key_count)                                                                \
	X(rnp_input_destroy)                                                                       \
	X(rnp_input_from_memory)                                                                   \
	X(rnp_key_allows_usage)                                                                    \
	X(rnp_key_get_creation)                                                                    \
	X(rnp_key_get_expiration)                                                                  \
	X(rnp_key_get_fprint)                                                                      \
	X(rnp_key_get_primary_fprint)                                                              \
	X(rnp_key_get_uid_at)                                                                      \
	X(rnp_key_get_uid_count)                                                                   \
	X(rnp_key_get_uid_handle_at)                                                               \
	X(rnp_key_handle_destroy)                                                                  \
	X(rnp_key_is_revoked)                                                                      \
	X(rnp_key_is_sub)                                                                          \
	X(rnp_key_valid_till64)                                                                    \
	X(rnp_load_keys)                                                                           \
	X(rnp_locate_key)                                                                          \
	X(rnp_op_verify_destroy)                                                                   \
	X(rnp_op_verify_detached_create)                                                           \
	X(rnp_op_verify_execute)                                                                   \
	X(rnp_op_verify_get_signature_at)                                                          \
	X(rnp_op_verify_get_signature_count)                                                       \
	X(rnp_op_verify_signature_get_handle)                                                      \
	X(rnp_op_verify_signature_get_hash)                                                        \
	X(rnp_op_verify_signature_get_key)                                                         \
	X(rnp_op_verify_signature_get_status)                                                      \
	X(rnp_op_verify_signature_get_times)                                                       \
	X(rnp_result_to_string)                                                                    \
	X(rnp_signature_get_keyid)                                                                 \
	X(rnp_signature_handle_destroy)                                                            \
	X(rnp_uid_handle_destroy)                                                                  \
	X(rnp_uid_is_revoked)                                                                      \
	X(rnp_uid_is_valid)                                                                        \
	X(rnp_version_string)

static struct {
#define X(f) __typeof__(f) *f;
	RNP_FUNCTIONS(X)
#undef X
} rnp_api;

/* 1 when rnp_api is filled, -1 when the library cannot be used (the reason
 * in rnp_load_error), 0 before the first try. */
static int rnp_state;
static char rnp_load_error[256];

static int rnp_load(void)
{
	void *lib, *sym;
	const char *why;

	if (rnp_state)
		return rnp_state;
	rnp_state = -1;
	if ((lib = dlopen(GATE_RNP_SONAME, RTLD_LAZY | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		snprintf(rnp_load_error, sizeof(rnp_load_error), "%s", why ? why : GATE_RNP_SONAME);
		return rnp_state;
	}
#define X(f)                                                                                       \
	if ((sym = dlsym(lib, #f)) == NULL) {                                                      \
		snprintf(rnp_load_error, sizeof(rnp_load_error), "%s has no %s", GATE_RNP_SONAME,  \
			 #f);                                                                      \
		return rnp_state;                                                                  \
	}                                                                                          \
	memcpy(&rnp_api.f, &sym, sizeof(sym));
	RNP_FUNCTIONS(X)
#undef X
	rnp_state = 1;
	return rnp_state;
}

const char *gate_signature_openpgp_backend(void)
{
	return rnp_load() > 0 ? rnp_api.rnp_version_string() : NULL;
}

const char *gate_signature_openpgp_unavailable(void)
{
	return rnp_load() > 0 ? NULL : rnp_load_error;
}

struct gate_openpgp__keyring {
	rnp_ffi_t ffi; /* holds the public keys only */
};

/* Points standard error at /dev/null; returns the saved descriptor to
 * give quiet_end, or -1 when it could not (then nothing changed). */
static int quiet_begin(void)
{
	int saved, null;

	fflush(stderr);
	if ((saved = dup(STDERR_FILENO)) < 0)
		return -1;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0) {
		close(saved);
		return -1;
	}
	if (dup2(null, STDERR_FILENO) < 0) {
		close(null);
		close(saved);
		return -1;
	}
	close(null);
	return saved;
}

static void quiet_end(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	(void)dup2(saved, STDERR_FILENO);
	close(saved);
}

static int rnp_fail(gate_error *err, const char *what, rnp_result_t rc)
{
	return gate_error_set(err, GATE_ERR_INTERNAL, "librnp: %s failed (%s)", what,
			      rnp_api.rnp_result_to_string(rc));
}

void gate_openpgp__free(gate_openpgp__keyring *k)
{
	if (!k)
		return;
	if (k->ffi)
		rnp_api.rnp_ffi_destroy(k->ffi);
	free(k);
}

int gate_openpgp__load(gate_openpgp__keyring **out, const void *data, size_t len, const char *file,
		       gate_error *err)
{
	gate_openpgp__keyring *k = NULL;
	rnp_input_t in = NULL;
	rnp_result_t rc;
	size_t npub = 0, nsec = 0;
	int error = -1, quiet;

	*out = NULL;
	if (rnp_load() < 0)
		return gate_error_set(
		    err, GATE_ERR_USAGE,
		    "OpenPGP keyring %s: librnp cannot be loaded (%s), so OpenPGP "
		    "signatures cannot be verified (install librnp0, or rebuild)",
		    file, rnp_load_error);
	if (len == 0)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "OpenPGP keyring %s: no public key in it", file);
	if (!(k = gate_calloc(1, sizeof(*k), err)))
		return -1;
	if ((rc = rnp_api.rnp_ffi_create(&k->ffi, "GPG", "GPG")) != RNP_SUCCESS) {
		k->ffi = NULL;
		rnp_fail(err, "creating a keyring", rc);
		goto done;
	}
	if ((rc = rnp_api.rnp_input_from_memory(&in, data, len, false)) != RNP_SUCCESS) {
		rnp_fail(err, "reading the keyring", rc);
		goto done;
	}
	/* Secret keys are loaded only to be seen and refused. */
	quiet = quiet_begin();
	rc = rnp_api.rnp_load_keys(k->ffi, "GPG", in,
				   RNP_LOAD_SAVE_PUBLIC_KEYS | RNP_LOAD_SAVE_SECRET_KEYS);
	quiet_end(quiet);
	if (rc == RNP_ERROR_OUT_OF_MEMORY) {
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (rc != RNP_SUCCESS) {
		gate_error_set(err, GATE_ERR_INPUT,
			       "OpenPGP keyring %s: not OpenPGP public keys (%s); export them with "
			       "gpg --export [--armor]",
			       file, rnp_api.rnp_result_to_string(rc));
		goto done;
	}
	if ((rc = rnp_api.rnp_get_public_key_count(k->ffi, &npub)) != RNP_SUCCESS ||
	    (rc = rnp_api.rnp_get_secret_key_count(k->ffi, &nsec)) != RNP_SUCCESS) {
		rnp_fail(err, "counting keys", rc);
		goto done;
	}
	if (nsec > 0) {
		gate_error_set(err, GATE_ERR_INPUT,
			       "OpenPGP keyring %s: it holds a secret key; a gate's keyring holds "
			       "public keys only (gpg --export, not --export-secret-keys)",
			       file);
		goto done;
	}
	if (npub == 0) {
		gate_error_set(err, GATE_ERR_INPUT, "OpenPGP keyring %s: no public key in it",
			       file);
		goto done;
	}
	*out = k;
	k = NULL;
	error = 0;
done:
	rnp_api.rnp_input_destroy(in);
	gate_openpgp__free(k);
	return error;
}

/* The primary key of `key` (a new handle), or NULL when it has none in
 * the keyring. */
static rnp_key_handle_t primary_of(rnp_ffi_t ffi, rnp_key_handle_t key)
{
	rnp_key_handle_t primary = NULL;
	char *fpr = NULL;
	bool sub = false;

	if (rnp_api.rnp_key_is_sub(key, &sub) != RNP_SUCCESS)
		return NULL;
	if (!sub) {
		if (rnp_api.rnp_key_get_fprint(key, &fpr) != RNP_SUCCESS)
			return NULL;
	} else if (rnp_api.rnp_key_get_primary_fprint(key, &fpr) != RNP_SUCCESS || !fpr) {
		return NULL;
	}
	if (rnp_api.rnp_locate_key(ffi, "fingerprint", fpr, &primary) != RNP_SUCCESS)
		primary = NULL;
	rnp_api.rnp_buffer_destroy(fpr);
	return primary;
}

/*
 * Why `key` (the signing key or its primary) cannot have signed at `signed`
 * for a commit of time `when`, or NULL when it could: revoked, never valid,
 * expired at the commit's time, or the signature made outside its life.
 */
static const char *key_invalid(rnp_key_handle_t key, long long signed_at, long long when)
{
	bool revoked = false;
	uint32_t created = 0, expires = 0;
	uint64_t till = 0;

	if (rnp_api.rnp_key_is_revoked(key, &revoked) != RNP_SUCCESS || revoked)
		return "the key is revoked";
	if (rnp_api.rnp_key_get_creation(key, &created) != RNP_SUCCESS ||
	    rnp_api.rnp_key_get_expiration(key, &expires) != RNP_SUCCESS ||
	    rnp_api.rnp_key_valid_till64(key, &till) != RNP_SUCCESS)
		return "the key's validity cannot be read";
	if (till == 0)
		return "the key was never valid (no valid self-signature or binding)";
	if (expires && when >= (long long)created + (long long)expires)
		return "the key had expired at the commit's time";
	if (signed_at < (long long)created ||
	    (expires && signed_at >= (long long)created + (long long)expires))
		return "the signature was made outside the key's validity";
	return NULL;
}

/* The key ID a signature names, for messages ("" when unreadable). */
static void signer_keyid(char *out, size_t cap, rnp_op_verify_signature_t s)
{
	rnp_signature_handle_t h = NULL;
	char *id = NULL;

	out[0] = '\0';
	if (rnp_api.rnp_op_verify_signature_get_handle(s, &h) == RNP_SUCCESS && h &&
	    rnp_api.rnp_signature_get_keyid(h, &id) == RNP_SUCCESS && id)
		snprintf(out, cap, "%.16s", id);
	rnp_api.rnp_buffer_destroy(id);
	rnp_api.rnp_signature_handle_destroy(h);
}

int gate_openpgp__verify(gate_sig_status *status, char *detail, size_t cap, char **fpr,
			 const gate_openpgp__keyring *k, const char *sig, size_t siglen,
			 const char *msg, size_t msglen, long long when, gate_error *err)
{
	rnp_input_t data_in = NULL, sig_in = NULL;
	rnp_op_verify_t op = NULL;
	rnp_op_verify_signature_t s = NULL;
	rnp_key_handle_t key = NULL, primary = NULL;
	rnp_result_t rc, st;
	char keyid[17], *hash = NULL, *pfpr = NULL;
	const char *why;
	uint32_t created = 0, sexpires = 0;
	size_t nsig = 0;
	bool can_sign = false;
	int error = -1, quiet;

	*status = GATE_SIG_BAD;
	*fpr = NULL;
	detail[0] = '\0';
	if ((rc = rnp_api.rnp_input_from_memory(&data_in, (const uint8_t *)msg, msglen, false)) !=
		RNP_SUCCESS ||
	    (rc = rnp_api.rnp_input_from_memory(&sig_in, (const uint8_t *)sig, siglen, false)) !=
		RNP_SUCCESS ||
	    (rc = rnp_api.rnp_op_verify_detached_create(&op, k->ffi, data_in, sig_in)) !=
		RNP_SUCCESS) {
		rnp_fail(err, "starting a verification", rc);
		goto done;
	}
	/* A failed execution is read from the signature's own status. */
	quiet = quiet_begin();
	(void)rnp_api.rnp_op_verify_execute(op);
	quiet_end(quiet);
	if (rnp_api.rnp_op_verify_get_signature_count(op, &nsig) != RNP_SUCCESS || nsig != 1 ||
	    rnp_api.rnp_op_verify_get_signature_at(op, 0, &s) != RNP_SUCCESS) {
		snprintf(detail, cap, "%s",
			 nsig > 1 ? "more than one OpenPGP signature in the commit"
				  : "the OpenPGP signature is malformed");
		error = 0;
		goto done;
	}
	st = rnp_api.rnp_op_verify_signature_get_status(s);
	if (rnp_api.rnp_op_verify_signature_get_key(s, &key) != RNP_SUCCESS)
		key = NULL;
	if (st == RNP_ERROR_KEY_NOT_FOUND || !key) {
		signer_keyid(keyid, sizeof(keyid), s);
		*status = GATE_SIG_UNKNOWN_KEY;
		snprintf(detail, cap, "the OpenPGP key %s is not in the keyring",
			 keyid[0] ? keyid : "(no key ID)");
		error = 0;
		goto done;
	}
	if (rnp_api.rnp_op_verify_signature_get_times(s, &created, &sexpires) != RNP_SUCCESS)
		created = 0;
	/* librnp reports a signature by a revoked or expired key as invalid:
	 * the key's state is asked first so that the status says which. */
	if (!(primary = primary_of(k->ffi, key))) {
		*status = GATE_SIG_KEY_NOT_VALID;
		snprintf(detail, cap, "%s", "the signing subkey has no primary key in the keyring");
		error = 0;
		goto done;
	}
	if ((why = key_invalid(primary, created, when)) ||
	    (why = key_invalid(key, created, when))) {
		*status = GATE_SIG_KEY_NOT_VALID;
		snprintf(detail, cap, "%s", why);
		error = 0;
		goto done;
	}
	if (rnp_api.rnp_key_allows_usage(key, "sign", &can_sign) != RNP_SUCCESS || !can_sign) {
		*status = GATE_SIG_KEY_NOT_VALID;
		snprintf(detail, cap, "%s", "the key is not a signing key");
		error = 0;
		goto done;
	}
	if (st == RNP_ERROR_SIGNATURE_EXPIRED) {
		*status = GATE_SIG_KEY_NOT_VALID;
		snprintf(detail, cap, "%s", "the signature has expired");
		error = 0;
		goto done;
	}
	if (st != RNP_SUCCESS) {
		if (rnp_api.rnp_op_verify_signature_get_hash(s, &hash) != RNP_SUCCESS)
			hash = NULL;
		snprintf(detail, cap,
			 "the OpenPGP signature (%.16s) does not verify over the content, or its "
			 "hash is one librnp considers insecure",
			 hash ? hash : "unknown hash");
		error = 0;
		goto done;
	}
	if ((rc = rnp_api.rnp_key_get_fprint(primary, &pfpr)) != RNP_SUCCESS) {
		rnp_fail(err, "reading a fingerprint", rc);
		goto done;
	}
	if (!(*fpr = gate_strdup(pfpr, err)))
		goto done;
	*status = GATE_SIG_VERIFIED;
	error = 0;
done:
	rnp_api.rnp_buffer_destroy(hash);
	rnp_api.rnp_buffer_destroy(pfpr);
	rnp_api.rnp_key_handle_destroy(primary);
	rnp_api.rnp_key_handle_destroy(key);
	rnp_api.rnp_op_verify_destroy(op);
	rnp_api.rnp_input_destroy(sig_in);
	rnp_api.rnp_input_destroy(data_in);
	return error;
}

/* The email of user ID `uid`: inside its one <>, else the whole ID when it
 * is an address; NULL when it has none, or more than one <> ("Eve
 * <eve@x> <bob@y>" would otherwise sign for Bob under a name read as
 * Eve's). Points into `uid`, *n bytes. */
static const char *uid_email(const char *uid, size_t *n)
{
	const char *lt = strchr(uid, '<'), *gt = strchr(uid, '>');

	if (lt || gt) {
		if (!lt || !gt || gt < lt || strrchr(uid, '<') != lt || strrchr(uid, '>') != gt)
			return NULL;
		*n = (size_t)(gt - lt - 1);
		return *n ? lt + 1 : NULL;
	}
	if (strchr(uid, '@') && !strpbrk(uid, " \t")) {
		*n = strlen(uid);
		return uid;
	}
	return NULL;
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int email_is(const char *e, size_t n, const char *identity)
{
	size_t i;

	if (strlen(identity) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)e[i]) != ascii_lower((unsigned char)identity[i]))
			return 0;
	return 1;
}

/* Appends `n` bytes of `s` to the detail, printable ASCII only. */
static void detail_put(char *d, size_t cap, const char *s, size_t n)
{
	size_t len = strlen(d);

	while (n-- > 0 && len + 1 < cap) {
		unsigned char c = (unsigned char)*s++;

		d[len++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	d[len] = '\0';
}

int gate_openpgp__judge(gate_sig_result *out, const gate_openpgp__keyring *k, const char *fpr,
			const char *identity, gate_error *err)
{
	rnp_key_handle_t key = NULL;
	rnp_result_t rc;
	size_t i, nuid = 0, named = 0;
	int error = -1;

	out->status = GATE_SIG_WRONG_SIGNER;
	snprintf(out->detail, sizeof(out->detail), "%s", "the OpenPGP key of ");
	if ((rc = rnp_api.rnp_locate_key(k->ffi, "fingerprint", fpr, &key)) != RNP_SUCCESS ||
	    !key) {
		rnp_fail(err, "finding a verified key", rc);
		goto done;
	}
	if ((rc = rnp_api.rnp_key_get_uid_count(key, &nuid)) != RNP_SUCCESS) {
		rnp_fail(err, "counting user IDs", rc);
		goto done;
	}
	for (i = 0; i < nuid; i++) {
		rnp_uid_handle_t uh = NULL;
		char *uid = NULL;
		const char *e;
		bool valid = false, revoked = true;
		size_t n = 0;

		if ((rc = rnp_api.rnp_key_get_uid_handle_at(key, i, &uh)) != RNP_SUCCESS ||
		    (rc = rnp_api.rnp_uid_is_valid(uh, &valid)) != RNP_SUCCESS ||
		    (rc = rnp_api.rnp_uid_is_revoked(uh, &revoked)) != RNP_SUCCESS ||
		    (rc = rnp_api.rnp_key_get_uid_at(key, i, &uid)) != RNP_SUCCESS) {
			rnp_api.rnp_uid_handle_destroy(uh);
			rnp_fail(err, "reading a user ID", rc);
			goto done;
		}
		rnp_api.rnp_uid_handle_destroy(uh);
		e = valid && !revoked ? uid_email(uid, &n) : NULL;
		if (e && identity && email_is(e, n, identity)) {
			out->status = GATE_SIG_VERIFIED;
			snprintf(out->detail, sizeof(out->detail),
				 "signed by %.200s (OpenPGP key %.16s)", identity, fpr);
			rnp_api.rnp_buffer_destroy(uid);
			error = 0;
			goto done;
		}
		if (e) {
			if (named++)
				detail_put(out->detail, sizeof(out->detail), ", ", 2);
			detail_put(out->detail, sizeof(out->detail), e, n);
		}
		rnp_api.rnp_buffer_destroy(uid);
	}
	if (!named)
		detail_put(out->detail, sizeof(out->detail), "no valid user ID with an email", 30);
	error = 0;
done:
	rnp_api.rnp_key_handle_destroy(key);
	return error;
}

#endif /* GATE_HAVE_RNP */
