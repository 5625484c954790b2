/*
 * Inside the signature module: the allowed-signers file as parsed
 * (src/allowed_signers.c) with the cache of verified commits
 * (src/signature.c), and the helpers the two files share.
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

/* A commit's signature as verified once: its status before any identity is
 * asked (VERIFIED means "valid over the content"), the signing key, the
 * committer time, and why when it is not valid. */
typedef struct {
	char sha[GATE_OID_HEX + 1];
	gate_sig_status status;
	unsigned char *key;
	size_t keylen;
	long long when;
	char detail[200];
} gate_signature__cached;

struct gate_allowed_signers {
	gate_signature__line *lines;
	size_t nlines, alines;
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
 * "git" and that time; else UNKNOWN_KEY, WRONG_SIGNER or KEY_NOT_VALID,
 * with the detail.
 */
void gate_signature__judge(gate_sig_result *out, const gate_allowed_signers *s,
			   const unsigned char *key, size_t keylen, const char *identity,
			   long long when);

#endif
