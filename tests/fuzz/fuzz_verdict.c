/*
 * Fuzz target: verdict notes as `verify` and `audit` read them
 * (src/verdict.c). The input is a note of a fixed commit (its failure-mode
 * answers included), read without and with an allowed signers file; with
 * one, no note can count, since no input holds a signature by its key.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/signature.h"
#include "riskgate/verdict.h"
#include "riskgate/walkthrough.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define COMMIT "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

/* A key no input has the private half of. */
static const char signers_text[] =
    "riskgate namespaces=\"riskgate-verdict\" ssh-ed25519 "
    "AAAAC3NzaC1lZDI1NTE5AAAAIK9z0TWYSM1/iqVNUx84PfU2UyVcdby13YqABGwimMAb\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static gate_allowed_signers *signers;
	gate_verdict_note n;
	gate_error err;

	gate_error_init(&err);
	if (!signers && gate_allowed_signers_parse(&signers, signers_text, strlen(signers_text),
						   "fuzz", &err) < 0)
		abort();
	if (gate_verdict_note_parse(&n, (const char *)data, size, COMMIT, NULL, NULL, &err) == 0) {
		/* A verdict counts only as the verdict of this very commit. */
		if (n.landed != GATE_LANDED_INVALID && n.landed != GATE_LANDED_NONE &&
		    strcmp(n.head, COMMIT) != 0)
			abort();
		if (n.landed == GATE_LANDED_OVERRIDE && !n.override_by[0])
			abort();
		if (memchr(n.problem, '\0', sizeof(n.problem)) == NULL)
			abort();
		/* The answers a record may hold are bounded (docs/verdicts.md,
		 * "The record"); an invalid record counts none. */
		if (n.nanswers > GATE_WALKTHROUGH_MAX_QUESTIONS ||
		    (n.landed == GATE_LANDED_INVALID && n.nanswers != 0))
			abort();
	}
	if (gate_verdict_note_parse(&n, (const char *)data, size, COMMIT, signers, NULL, &err) ==
	    0) {
		if (n.landed != GATE_LANDED_INVALID)
			abort();
		if (n.sig_checked && n.sig.status == GATE_SIG_VERIFIED)
			abort();
	}
	return 0;
}
