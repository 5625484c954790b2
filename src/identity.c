/*
 * Identities (include/riskgate/identity.h): the syntax of logins, teams and
 * e-mail addresses, and how two of them are compared. Case folding is ASCII
 * only, so that the answer never depends on the locale.
 */
#include "riskgate/banned.h"

#include "riskgate/identity.h"

#include <string.h>

#define NOREPLY_DOMAIN "users.noreply.github.com"
#define REVIEWER_MAX   256

static unsigned char fold(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= 'A' && u <= 'Z') ? (unsigned char)(u + ('a' - 'A')) : u;
}

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

const char *gate_identity_skip_at(const char *s)
{
	return s[0] == '@' ? s + 1 : s;
}

int gate_identity_cmp(const char *a, const char *b)
{
	while (*a && fold(*a) == fold(*b)) {
		a++;
		b++;
	}
	return (int)fold(*a) - (int)fold(*b);
}

int gate_identity_eq(const char *a, const char *b)
{
	return gate_identity_cmp(a, b) == 0;
}

int gate_identity_eqn(const char *s, size_t n, const char *b)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!b[i] || fold(s[i]) != fold(b[i]))
			return 0;
	return b[n] == '\0';
}

int gate_identity_login_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > GATE_LOGIN_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

int gate_identity_team_valid(const char *s)
{
	size_t i, slash = 0, nslash = 0, len = strlen(s);

	if (len == 0 || len > GATE_TEAM_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == 0x7f || c == '@')
			return 0;
		if (c == '/') {
			slash = i;
			nslash++;
		}
	}
	return nslash == 1 && slash > 0 && slash + 1 < len;
}

int gate_identity_slug_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (n == 0 || n > GATE_SLUG_MAX || !is_alnum(u[0]))
		return 0;
	for (i = 1; i < n; i++) {
		if (!is_alnum(u[i]) && u[i] != '-' && u[i] != '_')
			return 0;
	}
	return 1;
}

int gate_identity_email_valid(const char *str, size_t n)
{
	static const char atext[] = "!#$%&'*+-/=?^_`{|}~.";
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *at = memchr(s, '@', n);
	size_t local, i, label = 0, labels = 0;

	if (!at || at == s || s[0] == '.')
		return 0;
	local = (size_t)(at - s);
	for (i = 0; i < local; i++) {
		if (!is_alnum(s[i]) && (s[i] == '\0' || !strchr(atext, s[i])))
			return 0;
	}
	/* The domain: labels of letters, digits and '-', at least two. */
	for (i = local + 1; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (label == 0 || s[i - 1] == '-' || s[i - label] == '-')
				return 0;
			labels++;
			label = 0;
		} else if (is_alnum(s[i]) || s[i] == '-') {
			label++;
		} else {
			return 0;
		}
	}
	return labels >= 2;
}

/*
 * Logins and team slugs are letters, digits, '-' and '_' (the underscore
 * for Enterprise Managed Users' "_shortcode" logins), starting with a letter
 * or digit; whether they exist is only known to GitHub.
 * NEEDSWORK: GitHub's own syntax check is not documented; this is lenient
 * on purpose, since a CODEOWNERS line with an invalid owner is skipped
 * entirely.
 */
int gate_identity_owner_valid(const char *s, size_t n)
{
	const char *slash;

	if (n == 0)
		return 0;
	if (s[0] != '@')
		return gate_identity_email_valid(s, n);
	slash = memchr(s + 1, '/', n - 1);
	if (!slash)
		return gate_identity_slug_valid(s + 1, n - 1);
	return gate_identity_slug_valid(s + 1, (size_t)(slash - s - 1)) &&
	       gate_identity_slug_valid(slash + 1, n - (size_t)(slash - s) - 1);
}

int gate_identity_committer_email_valid(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' || s[i] == 0x7f)
			return 0;
	return 1;
}

int gate_identity_reviewer_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > REVIEWER_MAX)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == ',')
			return 0;
	return 1;
}

int gate_identity_spec_is_email(const char *spec)
{
	return spec[0] != '@' && strchr(spec, '@') != NULL;
}

int gate_identity_spec_is_team(const char *spec)
{
	return spec[0] == '@' && strchr(spec + 1, '/') != NULL;
}

int gate_identity_login_eq(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	a = gate_identity_skip_at(a);
	b = gate_identity_skip_at(b);
	return a[0] && b[0] && gate_identity_eq(a, b);
}

int gate_identity_email_eq(const char *a, const char *b)
{
	return a && b && a[0] && b[0] && gate_identity_eq(a, b);
}

void gate_identity_email_normalize(char *email)
{
	for (; email && *email; email++)
		*email = (char)fold(*email);
}

int gate_login_is_ident(const char *login, const char *name, const char *email)
{
	const char *at, *local;
	size_t n;

	if (!login)
		return 0;
	login = gate_identity_skip_at(login);
	if (!login[0])
		return 0;
	if (name && gate_identity_eq(name, login))
		return 1;
	if (!email || !(at = strrchr(email, '@')))
		return 0;
	local = email;
	n = (size_t)(at - email);
	if (gate_identity_eqn(local, n, login))
		return 1;
	if (gate_identity_eq(at + 1, NOREPLY_DOMAIN)) {
		/* "ID+login": the user id GitHub puts before the login. */
		const char *plus = memchr(local, '+', n);

		if (plus && gate_identity_eqn(plus + 1, n - (size_t)(plus + 1 - local), login))
			return 1;
	}
	return 0;
}
