/*
 * Fuzz target: the offline team membership file (gate_teams_load), then
 * team lookups and reviewer-spec matching on names taken from it.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/approvals.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const specs[] = {"@org/team",     "org/team", "alice", "@alice",
				    "a@example.com", "@",        "/",     ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_teams *t = NULL;
	gate_error err;
	char *text, spec[512];
	size_t i, k;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_error_init(&err);
	if (gate_teams_load(&t, text, size, "teams.json", &err) == 0) {
		for (i = 0; i < t->count && i < 32; i++) {
			const gate_team *team = &t->items[i];

			if (!gate_teams_known(t, team->name))
				abort();
			snprintf(spec, sizeof(spec), "@%s", team->name);
			(void)gate_teams_known(t, spec);
			for (k = 0; k < team->nmembers && k < 32; k++) {
				if (!gate_teams_is_member(t, team->name, team->members[k]))
					abort();
				(void)gate_reviewer_matches(spec, team->members[k], t);
				(void)gate_reviewer_matches(team->members[k], team->members[k], t);
			}
			for (k = 0; k < sizeof(specs) / sizeof(specs[0]); k++)
				(void)gate_reviewer_matches(specs[k], team->name, t);
		}
		for (k = 0; k < sizeof(specs) / sizeof(specs[0]); k++) {
			(void)gate_teams_known(t, specs[k]);
			(void)gate_teams_is_member(t, specs[k], "alice");
			(void)gate_reviewer_matches(specs[k], "alice", t);
		}
		gate_teams_free(t);
	} else if (t) {
		abort();
	}
	free(text);
	return 0;
}
