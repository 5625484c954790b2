/*
 * The pre-receive hook's break glass: which push option asks for an
 * override, who pushes, and whether a failing push may go through (see
 * include/riskgate/hook.h). The decision lives here so that every branch
 * of it can be tested without a server.
 */
#include "riskgate/banned.h"

#include "riskgate/hook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OVERRIDE_OPTION "riskgate.override"

static int is_uint(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

void gate_hook_override_init(gate_hook_override *o, gate_hook_env_fn env)
{
	const char *count = env("GIT_PUSH_OPTION_COUNT");
	char name[64];
	long n, i;

	memset(o, 0, sizeof(*o));
	if (!count || !is_uint(count) || strlen(count) > 6)
		return;
	n = strtol(count, NULL, 10);
	for (i = 0; i < n; i++) {
		const char *v;

		snprintf(name, sizeof(name), "GIT_PUSH_OPTION_%ld", i);
		v = env(name);
		if (!v)
			continue;
		if (strcmp(v, OVERRIDE_OPTION) == 0) {
			o->given = 1;
			o->reason = o->reason ? o->reason : "";
		} else if (strncmp(v, OVERRIDE_OPTION "=", sizeof(OVERRIDE_OPTION)) == 0) {
			o->given = 1;
			o->reason = o->reason ? o->reason : v + sizeof(OVERRIDE_OPTION);
		} else if (!o->bad_option && strncasecmp(v, "riskgate", 8) == 0) {
			o->bad_option = v;
		}
	}
}

/* Who pushes, as the hosting server says: the variable the policy names
 * in overrides.identity_env, and no other. NULL when the policy names none
 * or the server did not set it. */
static const char *pusher(const gate_policy *p, gate_hook_env_fn env)
{
	const char *v;

	if (!p || !p->override_identity_env)
		return NULL;
	v = env(p->override_identity_env);
	return v && v[0] ? v : NULL;
}

static int listed(const gate_policy *p, const char *login)
{
	size_t i;

	for (i = 0; p && i < p->noverride_users; i++)
		if (strcmp(p->override_users[i], login) == 0)
			return 1;
	return 0;
}

void gate_hook_override_ref_failed(gate_hook_override *o, const gate_policy *policy,
				   gate_hook_env_fn env)
{
	const char *who = pusher(policy, env);

	if (!policy || !policy->override_identity_env) {
		o->no_identity_env = 1;
	} else if (!who) {
		o->identity_unset = 1;
		snprintf(o->missing_env, sizeof(o->missing_env), "%s",
			 policy->override_identity_env);
	} else if (!listed(policy, who)) {
		o->not_listed = 1;
	}
	if (who)
		o->login = who;
}

gate_hook_override_decision gate_hook_override_decide(const gate_hook_override *o,
						      gate_verdict outcome)
{
	if (!o->given)
		return GATE_OVERRIDE_NONE;
	if (outcome == GATE_VERDICT_PASS)
		return GATE_OVERRIDE_NOT_NEEDED;
	if (outcome != GATE_VERDICT_FAIL)
		return GATE_OVERRIDE_NOT_VIOLATIONS;
	if (!o->reason || !o->reason[0])
		return GATE_OVERRIDE_NO_REASON;
	if (o->no_identity_env)
		return GATE_OVERRIDE_NO_IDENTITY;
	if (o->identity_unset)
		return GATE_OVERRIDE_IDENTITY_UNSET;
	if (!o->login)
		return GATE_OVERRIDE_PUSHER_UNKNOWN;
	if (o->not_listed)
		return GATE_OVERRIDE_NOT_LISTED;
	return GATE_OVERRIDE_ACCEPTED;
}
