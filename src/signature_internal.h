/*
 * Inside the signature module: the allowed-signers file as parsed
 * (src/allowed_signers.c), the OpenPGP keyring (src/openpgp.c), the cache
 * of verified commits (src/signature.c), and the helpers the files share.
 */
#ifndef RISKGATE_SRC_SIGNATURE_INTERNAL_H
#define RISKGATE_SRC_SIGNATURE_INTERNAL_H

#include <stddef.h>

#include "riskgate/error.h"
#include "riskgate/repo.h"
#include "riskgate/signature.h"

/* The only namespace whose signatures sign commits. */
#define GATE_SIGNATURE_NAMESPACE "git"

/* One line of the allowed-signers file. `key` is the public key blob (the
 * wire form the base64 holds); `namespaces` NULL means any. */
typedef struct {
	char *principals;
	char *namespaces;
	unsigned char *key;
	size_t keylen;
	long long valid_after, valid_before; /* -1: none */
	unsigned line;
} gate_signature__line;

/* What a signature is, by its armor line: the one place that decides it
 * (gate_signature__kind_of). */
typedef enum {
	GATE_SIGNATURE__SSH,
	GATE_SIGNATURE__OPENPGP,
	GATE_SIGNATURE__OTHER
} gate_signature__kind;

/* The kind of the armored signature of `siglen` bytes at `sig`. */
gate_signature__kind gate_signature__kind_of(const char *sig, size_t siglen);

/* An OpenPGP keyring of public keys (src/openpgp.c). */
typedef struct gate_openpgp__keyring gate_openpgp__keyring;

/* A commit's signature as verified once: its kind, its status before any
 * identity is asked (VERIFIED means "valid over the content, by a key
 * valid at the commit's time"), the signing key (SSH: the public key blob;
 * OpenPGP: the primary key's fingerprint in hex, NUL-terminated), the
 * committer time, and why when it is not valid. */
typedef struct {
	char sha[GATE_OID_HEX + 1];
	gate_signature__kind kind;
	gate_sig_status status;
	unsigned char *key;
	size_t keylen;
	long long when;
	char detail[200];
} gate_signature__cached;

struct gate_allowed_signers {
	gate_signature__line *lines;
	size_t nlines, alines;
	gate_openpgp__keyring *keyring; /* NULL: no --openpgp-keyring */
	gate_signature__cached *cache;
	size_t ncache, acache;
};

/*
 * Decodes strict base64 (padding required) from `len` bytes of `s`,
 * skipping line breaks when `lines` is set. Returns the bytes (the
 * caller's, *outlen set), or NULL with *bad set when the text is not
 * base64, or NULL with *bad clear and `err` set when out of memory.
 */
unsigned char *gate_signature__b64_decode(size_t *outlen, const char *s, size_t len, int lines,
					  int *bad, gate_error *err);

/* Whether public key blob `key` is of type `type` (`tn` bytes). */
int gate_signature__key_type_is(const unsigned char *key, size_t keylen, const char *type,
				size_t tn);

/*
 * Judges a valid signature by public key blob `key` for `identity` signed
 * at `when` against the lines of `s` (may be NULL): VERIFIED when a line
 * lists the key for a principal pattern matching `identity`, for namespace
 * `ns` and that time; else UNKNOWN_KEY, WRONG_SIGNER or KEY_NOT_VALID,
 * with the detail.
 */
void gate_signature__judge(gate_sig_result *out, const gate_allowed_signers *s,
			   const unsigned char *key, size_t keylen, const char *ns,
			   const char *identity, long long when);

/*
 * Reads the public keys of `len` bytes of `data` into *out (the caller's,
 * gate_openpgp__free). Refuses malformed data, data with no public key and
 * data with a secret key (GATE_ERR_INPUT, naming `file`). Returns 0 or -1.
 */
int gate_openpgp__load(gate_openpgp__keyring **out, const void *data, size_t len, const char *file,
		       gate_error *err);

/* Frees the keyring; accepts NULL. */
void gate_openpgp__free(gate_openpgp__keyring *k);

/*
 * Verifies the armored OpenPGP signature `sig` as a detached signature of
 * `msg` against keyring `k`, for a commit of committer time `when`: sets
 * *status to VERIFIED (valid, by a key of the keyring valid for signing
 * then), UNKNOWN_KEY, KEY_NOT_VALID or BAD with `detail`, and *fpr (the
 * caller's, set only when VERIFIED) to the primary key's fingerprint. An
 * invalid signature is a status; returns -1 with `err` only when out of
 * memory or when librnp fails on its own.
 */
int gate_openpgp__verify(gate_sig_status *status, char *detail, size_t cap, char **fpr,
			 const gate_openpgp__keyring *k, const char *sig, size_t siglen,
			 const char *msg, size_t msglen, long long when, gate_error *err);

/*
 * Judges a valid signature by the key of primary fingerprint `fpr` for
 * `identity`: VERIFIED when a valid, non-revoked user ID of that key has
 * the email `identity` (ignoring ASCII case), else WRONG_SIGNER naming the
 * key's user-ID emails. Returns 0, or -1 with `err` set.
 */
int gate_openpgp__judge(gate_sig_result *out, const gate_openpgp__keyring *k, const char *fpr,
			const char *identity, gate_error *err);

#endif
