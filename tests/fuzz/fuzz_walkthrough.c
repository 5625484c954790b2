/*
 * Fuzz target: failure-mode answers (src/walkthrough.c). The input is read
 * as a pull request description and as a commit message; every answer
 * must have a status, and a source and text exactly when it was found.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/policy.h"
#include "riskgate/walkthrough.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char policy_text[] =
    "{\"version\": 1, \"default_tier\": \"t\", \"walkthrough\": {\"min_length\": 10, "
    "\"questions\": [{\"id\": \"a\", \"heading\": \"What happens if this runs twice?\"}, "
    "{\"id\": \"b\", \"heading\": \"Rollback\"}, {\"id\": \"c\", \"heading\": "
    "\"\\u4e8c\\u5ea6\\u76ee\"}]}, \"tiers\": [{\"name\": \"t\", \"require\": {\"walkthrough\": "
    "true}}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static gate_policy *policy;
	gate_wt_answer *a = NULL;
	gate_change change;
	gate_commit commit;
	gate_error err;
	char *text;
	size_t i;

	gate_error_init(&err);
	if (!policy && gate_policy_load(&policy, policy_text, strlen(policy_text), "fuzz", "fuzz",
					NULL, &err) < 0)
		abort();
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&change, 0, sizeof(change));
	memset(&commit, 0, sizeof(commit));
	memset(commit.sha, 'a', 40);
	commit.message = text;
	change.commits = &commit;
	change.ncommits = strlen(text) ? 1 : 0;
	if (gate_walkthrough_read(&a, policy, text, size, &change, &err) == 0) {
		for (i = 0; i < policy->nwt_questions; i++) {
			if ((a[i].status == GATE_WT_MISSING) != (a[i].answer == NULL) ||
			    (a[i].answer == NULL) != (a[i].source == NULL))
				abort();
			if (a[i].status == GATE_WT_ANSWERED && a[i].length < 10)
				abort();
		}
		gate_walkthrough_free(a, policy->nwt_questions);
	}
	free(text);
	return 0;
}
