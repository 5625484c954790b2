/*
 * Fuzz target: the reviewers' permissions file (gate_permissions_load),
 * then lookups of every login it lists, and the login-to-commit-identity
 * matcher on those logins; the same bytes as a contributors file
 * (gate_logins_load), every login of which must be found.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/approvals.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_permissions *p = NULL;
	gate_error err;
	char *text, email[256];
	size_t i;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_error_init(&err);
	if (gate_permissions_load(&p, text, size, "permissions.json", &err) == 0) {
		for (i = 0; i < p->count && i < 64; i++) {
			const gate_login_permission *lp = &p->items[i];

			/* Every listed login is found, with what the file says. */
			if (gate_permissions_get(p, lp->login) != lp->permission)
				abort();
			(void)gate_permission_can_write(lp->permission);
			(void)gate_permission_name(lp->permission);
			snprintf(email, sizeof(email), "1+%s@users.noreply.github.com", lp->login);
			if (strlen(lp->login) < 200 && !gate_login_is_ident(lp->login, NULL, email))
				abort();
			(void)gate_login_is_ident(lp->login, lp->login, "x@y");
		}
		(void)gate_permissions_get(p, "@");
		(void)gate_permissions_get(p, "alice");
		gate_permissions_free(p);
	} else if (p) {
		abort();
	}
	{
		gate_logins *l = NULL;

		if (gate_logins_load(&l, text, size, "contributors.json", &err) == 0) {
			for (i = 0; i < l->count && i < 64; i++)
				if (!gate_logins_has(l, l->items[i]))
					abort();
			gate_logins_free(l);
		} else if (l) {
			abort();
		}
	}
	free(text);
	return 0;
}
