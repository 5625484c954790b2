/*
 * Fuzz target: the pull-request reviews reader (gate_approvals_load) with a
 * fixed head and author, then its queries.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/approvals.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HEAD "0123456789abcdef0123456789abcdef01234567"

static const char *const logins[] = {"mona", "@Mona", "octocat", "bot[bot]", "ghost", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_approvals *a = NULL;
	gate_error err;
	char *text;
	size_t i, counting = 0;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_error_init(&err);
	/* The allow_stale flag comes from the input so both paths are fuzzed. */
	if (gate_approvals_load(&a, text, size, "reviews.json", HEAD, size & 1, "mona", &err) ==
	    0) {
		for (i = 0; i < a->count; i++) {
			const gate_review *r = &a->items[i];

			if (!r->login || strlen(r->login) == 0 ||
			    strlen(r->login) > GATE_LOGIN_MAX || !r->submitted_at)
				abort();
			if (gate_approvals_find(a, r->login) != r)
				abort();
			(void)gate_approvals_approved_by(a, r->login);
			(void)gate_approvals_changes_requested_by(a, r->login);
			counting += r->counts != 0;
		}
		if (counting != a->ncounting || gate_approvals_count(a) != counting)
			abort();
		for (i = 0; i < sizeof(logins) / sizeof(logins[0]); i++) {
			(void)gate_approvals_find(a, logins[i]);
			(void)gate_approvals_approved_by(a, logins[i]);
			(void)gate_approvals_changes_requested_by(a, logins[i]);
		}
		gate_approvals_free(a);
	} else if (a) {
		abort();
	}
	free(text);
	return 0;
}
