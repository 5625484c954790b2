/* Content rules applied to a path and a line (see include/riskgate/rules.h). */
#include "riskgate/banned.h"

#include "riskgate/rules.h"

int gate_rule_covers(gate_rule *rule, const char *path, size_t len, gate_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < rule->nfiles; i++)
		if ((rc = gate_regex_match(rule->files[i].re, path, len, err)) != 0)
			return rc;
	return 0;
}

int gate_rule_fires(gate_rule *rule, const char *line, size_t len, gate_error *err)
{
	int rc = gate_regex_match(rule->trigger.re, line, len, err);

	if (rc <= 0 || !rule->unless.re)
		return rc;
	rc = gate_regex_match(rule->unless.re, line, len, err);
	return rc < 0 ? -1 : !rc;
}
