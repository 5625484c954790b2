/*
 * Fuzz target: the allowed-signers parser and the SSH signature verifier.
 * The input is an allowed-signers file, then, after a line "--", an
 * armored SSH signature, which is verified over a fixed message for a
 * fixed identity. Neither may crash, leak or read out of bounds, whatever
 * the bytes; a signature the verifier accepts must be of a known status.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/signature.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char message[] = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
			      "author A <a@example.com> 1700000000 +0000\n"
			      "committer A <a@example.com> 1700000000 +0000\n\nx\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *sep = NULL, *sig = "";
	gate_allowed_signers *signers = NULL;
	gate_sig_result res;
	gate_error err;
	size_t i, len = size, siglen = 0;

	for (i = 0; i + 4 <= size; i++)
		if (memcmp(text + i, "\n--\n", 4) == 0) {
			sep = text + i;
			break;
		}
	if (sep) {
		len = (size_t)(sep - text) + 1;
		sig = sep + 4;
		siglen = size - (size_t)(sig - text);
	}
	gate_error_init(&err);
	if (gate_allowed_signers_parse(&signers, text, len, "fuzz", &err) < 0) {
		if (signers || !err.message[0])
			abort();
		return 0;
	}
	memset(&res, 0, sizeof(res));
	gate_error_init(&err);
	if (gate_signature_verify_ssh(&res, signers, sig, siglen, message, sizeof(message) - 1,
				      "a@example.com", 1700000000LL, &err) == 0)
		(void)gate_sig_status_name(res.status);
	gate_allowed_signers_free(signers);
	return 0;
}
