/* Content rules applied to a path and a line (see include/riskgate/rules.h). */
#include "riskgate/banned.h"

#include "riskgate/rules.h"

int gate_rule_covers(gate_rule *rule, const char *path, size_t len, gate_error *err)
{
	return gate_patterns_match(rule->files, rule->nfiles, path, len, NULL, err);
}

int gate_rule_fires(gate_rule *rule, const char *line, size_t len, gate_error *err)
{
	int rc = gate_regex_match(rule->trigger.re, line, len, err);

	if (rc <= 0 || !rule->unless.re)
		return rc;
	rc = gate_regex_match(rule->unless.re, line, len, err);
	return rc < 0 ? -1 : !rc;
}
