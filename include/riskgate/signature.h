/*
 * Commit signatures, verified offline: SSH signatures (git's gpg.format=ssh,
 * the SSHSIG format of OpenSSH) checked with libcrypto against an
 * allowed-signers file in git's gpg.ssh.allowedSignersFile format, and
 * OpenPGP signatures (git's default gpg.format) checked with librnp against
 * a keyring of public keys (docs/policy.md, "`signed_commits`"). Never runs
 * git, ssh-keygen or gpg.
 */
#ifndef RISKGATE_SIGNATURE_H
#define RISKGATE_SIGNATURE_H

#include <stddef.h>

#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/repo.h"

/* Largest allowed-signers file accepted, in bytes. */
#define GATE_ALLOWED_SIGNERS_MAX_SIZE (4u * 1024u * 1024u)

/* Largest OpenPGP keyring file accepted, in bytes. */
#define GATE_OPENPGP_KEYRING_MAX_SIZE (16u * 1024u * 1024u)

/* What a signature says about one identity. */
typedef enum {
	GATE_SIG_VERIFIED = 0,    /* valid, by a key the file gives to the identity */
	GATE_SIG_UNSIGNED,        /* no signature at all */
	GATE_SIG_BAD,             /* malformed, or does not verify over the content */
	GATE_SIG_UNKNOWN_KEY,     /* valid, by a key the file does not list */
	GATE_SIG_WRONG_SIGNER,    /* valid, by a listed key of other principals */
	GATE_SIG_WRONG_NAMESPACE, /* made for another namespace than "git" */
	GATE_SIG_KEY_NOT_VALID,   /* the key's line excludes "git" or the commit's time; an
				     OpenPGP key revoked, expired or not for signing */
	GATE_SIG_UNSUPPORTED      /* X.509, an SSH key type not handled, or OpenPGP
				     without a keyring */
} gate_sig_status;

/* The outcome for one identity: the status and a short, terminal-safe
 * explanation (the key type, the principals of the key's lines). */
typedef struct {
	gate_sig_status status;
	char detail[256];
} gate_sig_result;

/* A parsed allowed-signers file and, when given, an OpenPGP keyring, with
 * a cache of the commits verified against them. */
typedef struct gate_allowed_signers gate_allowed_signers;

/*
 * Parses `len` bytes of `text` in the ALLOWED SIGNERS format of
 * ssh-keygen(1): per line, principals (a comma list of patterns with * and
 * ?, and !negations), optional options (namespaces="...",
 * valid-after="...", valid-before="..."), a key type and its base64 key,
 * and an optional comment; '#' lines and blank lines are skipped. A
 * cert-authority line is refused (certificates are not supported), as is
 * any unknown option. `file` names the text in messages. Returns 0 with
 * *out the caller's (gate_allowed_signers_free), or -1 with GATE_ERR_INPUT
 * at FILE:LINE.
 */
int gate_allowed_signers_parse(gate_allowed_signers **out, const char *text, size_t len,
			       const char *file, gate_error *err);

/* Reads the file at `path` and parses it. */
int gate_allowed_signers_load_file(gate_allowed_signers **out, const char *path, gate_error *err);

/*
 * Adds the OpenPGP public keys of `len` bytes of `data` (transferable
 * public keys as `gpg --export` writes them, binary or armored) to
 * *signers, creating an empty *signers (no allowed-signers line) when it
 * is NULL. `file` names the data in messages. Refused with GATE_ERR_INPUT:
 * data that is not OpenPGP keys, data with no public key, data holding a
 * secret key, and a second keyring. Returns 0, or -1 with `err` set (on
 * failure *signers is left as it was).
 */
int gate_allowed_signers_add_keyring(gate_allowed_signers **signers, const void *data, size_t len,
				     const char *file, gate_error *err);

/* Reads the file at `path` and adds its keys (gate_allowed_signers_add_keyring). */
int gate_allowed_signers_add_keyring_file(gate_allowed_signers **signers, const char *path,
					  gate_error *err);

/* Frees the signers, the keyring and their cache; accepts NULL. */
void gate_allowed_signers_free(gate_allowed_signers *signers);

/*
 * Verifies an armored SSH signature ("-----BEGIN SSH SIGNATURE-----", `sig`
 * of `siglen` bytes) over `msglen` bytes of `msg` as a signature of
 * `identity` in namespace "git" at time `when` (seconds since the epoch),
 * into *out. An invalid or foreign signature is a status, not an error.
 * Returns 0, or -1 with `err` set (out of memory, a libcrypto failure).
 */
int gate_signature_verify_ssh(gate_sig_result *out, const gate_allowed_signers *signers,
			      const char *sig, size_t siglen, const char *msg, size_t msglen,
			      const char *identity, long long when, gate_error *err);

/* The same for a signature made for namespace `ns` (ssh-keygen -Y sign -n):
 * the allowed signers line must admit that namespace. */
int gate_signature_verify_ssh_ns(gate_sig_result *out, const gate_allowed_signers *signers,
				 const char *sig, size_t siglen, const char *msg, size_t msglen,
				 const char *ns, const char *identity, long long when,
				 gate_error *err);

/*
 * Whether commit `sha` of `repo` is signed by `identity` (an email): its
 * "gpgsig" header verifies over the rest of the commit object and, for an
 * SSH signature, its key is listed for a principal pattern that matches
 * `identity` (ignoring ASCII case), for namespace "git", at the commit's
 * committer time; for an OpenPGP signature, its key (a primary key or a
 * subkey bound to it) is in the keyring, valid for signing at the
 * committer time, and its primary key has a valid, non-revoked user ID
 * whose email is `identity` (ignoring ASCII case). The
 * cryptographic verification of each commit is done once and kept in
 * `signers`. Returns 0 with *out filled, or -1 with `err` set when the
 * commit cannot be read.
 */
int gate_signature_commit_signed_by(gate_sig_result *out, gate_repo *repo, const char *sha,
				    gate_allowed_signers *signers, const char *identity,
				    gate_error *err);

/* The version of the OpenPGP library riskgate was built with (librnp's,
 * loaded on first use), or NULL when it was built without one or the
 * library cannot be loaded: then --openpgp-keyring is refused and OpenPGP
 * signatures are "unsupported". */
const char *gate_signature_openpgp_backend(void);

/* Why a riskgate built with librnp cannot use it (the loader's message),
 * or NULL when it can or was built without it. */
const char *gate_signature_openpgp_unavailable(void);

/* A short name of a status ("verified", "unsigned", "bad signature", ...). */
const char *gate_sig_status_name(gate_sig_status status);

#endif
