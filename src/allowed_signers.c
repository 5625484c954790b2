/*
 * The allowed-signers file of git's gpg.ssh.allowedSignersFile
 * (ssh-keygen(1), "ALLOWED SIGNERS"): parsed strictly, and asked which
 * principals a key signs for (include/riskgate/signature.h).
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "signature_internal.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* OpenSSH's match_pattern: * and ? over `n` bytes of `p`, ignoring ASCII
 * case when `fold` is set. */
static int glob_match(const char *s, const char *p, size_t n, int fold)
{
	const char *star_p = NULL, *star_s = NULL, *end = p + n;

	while (*s) {
		if (p < end &&
		    (*p == '?' ||
		     (fold ? lower((unsigned char)*p) == lower((unsigned char)*s) : *p == *s))) {
			p++;
			s++;
		} else if (p < end && *p == '*') {
			star_p = ++p;
			star_s = s;
		} else if (star_p) {
			p = star_p;
			s = ++star_s;
		} else {
			return 0;
		}
	}
	while (p < end && *p == '*')
		p++;
	return p == end;
}

/* Whether `s` matches the comma list of patterns `list`: some pattern
 * matches and no !pattern does (OpenSSH's match_pattern_list), ignoring
 * ASCII case when `fold` is set. */
static int list_match(const char *s, const char *list, int fold)
{
	int hit = 0;

	while (*list) {
		const char *end = strchr(list, ',');
		size_t n = end ? (size_t)(end - list) : strlen(list);

		if (n > 0 && list[0] == '!') {
			if (glob_match(s, list + 1, n - 1, fold))
				return 0;
		} else if (n > 0 && glob_match(s, list, n, fold)) {
			hit = 1;
		}
		list += n;
		if (*list == ',')
			list++;
	}
	return hit;
}

static int is_key_type(const char *t, size_t n)
{
	return (n > 4 && memcmp(t, "ssh-", 4) == 0) || (n > 6 && memcmp(t, "ecdsa-", 6) == 0) ||
	       (n > 3 && memcmp(t, "sk-", 3) == 0);
}

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* YYYYMMDD[HHMM[SS]][Z] as seconds since the epoch, read as UTC. */
static int parse_time(long long *out, const char *s, size_t n)
{
	unsigned v[14];
	size_t i, digits = n;
	long long y;

	if (digits > 0 && (s[digits - 1] == 'Z' || s[digits - 1] == 'z'))
		digits--;
	if (digits != 8 && digits != 12 && digits != 14)
		return -1;
	for (i = 0; i < 14; i++) {
		if (i < digits && (s[i] < '0' || s[i] > '9'))
			return -1;
		v[i] = i < digits ? (unsigned)(s[i] - '0') : 0;
	}
	y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	{
		unsigned mo = v[4] * 10 + v[5], d = v[6] * 10 + v[7], h = v[8] * 10 + v[9],
			 mi = v[10] * 10 + v[11], se = v[12] * 10 + v[13];

		if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
			return -1;
		*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	}
	return 0;
}

/* The next space-separated field of the line [*p, end); `quotes`: a field
 * may hold double-quoted spans with spaces. */
static int next_field(const char **start, size_t *n, const char **p, const char *end, int quotes)
{
	const char *s = *p;
	int inq = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end)
		return 0;
	*start = s;
	while (s < end && (inq || (*s != ' ' && *s != '\t'))) {
		if (quotes && *s == '"')
			inq = !inq;
		s++;
	}
	if (inq)
		return -1;
	*n = (size_t)(s - *start);
	*p = s;
	return 1;
}

static int line_error(gate_error *err, const char *file, unsigned line, const char *what)
{
	return gate_error_set_at(err, GATE_ERR_INPUT, file, line, 1, "allowed signers: %s", what);
}

/* Reads the options field `o` (n bytes) into `sl`. */
static int parse_options(gate_signature__line *sl, const char *o, size_t n, const char *file,
			 unsigned ln, gate_error *err)
{
	const char *end = o + n;

	while (o < end) {
		const char *eq, *vs = NULL, *opt = o;
		size_t on, vn = 0;

		while (o < end && *o != ',' && *o != '=')
			o++;
		on = (size_t)(o - opt);
		eq = o;
		if (o < end && *o == '=') {
			if (++o >= end || *o != '"')
				return line_error(err, file, ln, "an option value must be quoted");
			vs = ++o;
			while (o < end && *o != '"')
				o++;
			if (o >= end)
				return line_error(err, file, ln, "unterminated option value");
			vn = (size_t)(o - vs);
			o++;
		}
		(void)eq;
		if (on == 14 && memcmp(opt, "cert-authority", 14) == 0)
			return line_error(err, file, ln,
					  "cert-authority lines are not supported: list each "
					  "signer's own key");
		if (!vs)
			return line_error(err, file, ln,
					  "unknown option (expected namespaces, "
					  "valid-after or valid-before)");
		if (on == 10 && memcmp(opt, "namespaces", 10) == 0) {
			free(sl->namespaces);
			if (!(sl->namespaces = gate_strndup(vs, vn, err)))
				return -1;
		} else if (on == 11 && memcmp(opt, "valid-after", 11) == 0) {
			if (parse_time(&sl->valid_after, vs, vn) < 0)
				return line_error(err, file, ln,
						  "valid-after is not YYYYMMDD[HHMM[SS]][Z]");
		} else if (on == 12 && memcmp(opt, "valid-before", 12) == 0) {
			if (parse_time(&sl->valid_before, vs, vn) < 0)
				return line_error(err, file, ln,
						  "valid-before is not YYYYMMDD[HHMM[SS]][Z]");
		} else {
			return line_error(err, file, ln,
					  "unknown option (expected namespaces, "
					  "valid-after or valid-before)");
		}
		if (o < end) {
			if (*o != ',')
				return line_error(err, file, ln, "options are separated by commas");
			o++;
		}
	}
	return 0;
}

static void line_dispose(gate_signature__line *sl)
{
	free(sl->principals);
	free(sl->namespaces);
	free(sl->key);
}

/* Parses one non-comment line [p, end) into `sl`. */
static int parse_line(gate_signature__line *sl, const char *p, const char *end, const char *file,
		      unsigned ln, gate_error *err)
{
	const char *f, *type;
	size_t n, tn;
	int rc, bad;

	memset(sl, 0, sizeof(*sl));
	sl->valid_after = sl->valid_before = -1;
	sl->line = ln;
	if (next_field(&f, &n, &p, end, 1) <= 0)
		return line_error(err, file, ln, "no principals");
	if (f[0] == '"') {
		if (n < 2 || f[n - 1] != '"')
			return line_error(err, file, ln, "badly quoted principals");
		f++;
		n -= 2;
	}
	if (n == 0 || memchr(f, '"', n))
		return line_error(err, file, ln, "badly quoted principals");
	if (!(sl->principals = gate_strndup(f, n, err)))
		return -1;
	if ((rc = next_field(&type, &tn, &p, end, 1)) <= 0)
		return line_error(err, file, ln, "no key");
	if (!is_key_type(type, tn)) {
		if (parse_options(sl, type, tn, file, ln, err) < 0)
			return -1;
		if ((rc = next_field(&type, &tn, &p, end, 0)) <= 0)
			return line_error(err, file, ln, "no key after the options");
	}
	if (!is_key_type(type, tn))
		return line_error(err, file, ln, "unknown key type");
	if (next_field(&f, &n, &p, end, 0) <= 0)
		return line_error(err, file, ln, "no base64 key after the key type");
	if (!(sl->key = gate_signature__b64_decode(&sl->keylen, f, n, 0, &bad, err)))
		return bad ? line_error(err, file, ln, "the key is not base64") : -1;
	if (!gate_signature__key_type_is(sl->key, sl->keylen, type, tn))
		return line_error(err, file, ln, "the key's type is not the one the line names");
	return 0;
}

int gate_allowed_signers_parse(gate_allowed_signers **out, const char *text, size_t len,
			       const char *file, gate_error *err)
{
	gate_allowed_signers *s;
	const char *p = text, *end = text + len;
	unsigned ln = 0;

	*out = NULL;
	if (!(s = gate_calloc(1, sizeof(*s), err)))
		return -1;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q;
		const char *le = eol ? eol : end;

		ln++;
		if (le > p && le[-1] == '\r')
			le--;
		for (q = p; q < le && (*q == ' ' || *q == '\t'); q++)
			;
		if (memchr(p, '\0', (size_t)(le - p))) {
			line_error(err, file, ln, "a NUL byte");
			goto fail;
		}
		if (q < le && *q != '#') {
			if (gate_array_reserve((void **)&s->lines, &s->alines, s->nlines + 1,
					       sizeof(*s->lines), err) < 0)
				goto fail;
			if (parse_line(&s->lines[s->nlines], q, le, file, ln, err) < 0) {
				line_dispose(&s->lines[s->nlines]);
				goto fail;
			}
			s->nlines++;
		}
		p = eol ? eol + 1 : end;
	}
	*out = s;
	return 0;
fail:
	gate_allowed_signers_free(s);
	return -1;
}

int gate_allowed_signers_load_file(gate_allowed_signers **out, const char *path, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_ALLOWED_SIGNERS_MAX_SIZE);
	int error;

	*out = NULL;
	if ((error = gate_buf_read_file(&text, path, GATE_ERR_INPUT, err)) < 0) {
		gate_error_prefix(err, "allowed signers file %s", path);
		return error;
	}
	error = gate_allowed_signers_parse(out, text.ptr ? text.ptr : "", text.size, path, err);
	gate_buf_dispose(&text);
	return error;
}

int gate_allowed_signers_add_keyring(gate_allowed_signers **signers, const void *data, size_t len,
				     const char *file, gate_error *err)
{
	gate_openpgp__keyring *k = NULL;

	if (*signers && (*signers)->keyring)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "OpenPGP keyring %s: only one keyring can be given", file);
	if (gate_openpgp__load(&k, data, len, file, err) < 0)
		return -1;
	if (!*signers && gate_allowed_signers_parse(signers, "", 0, file, err) < 0) {
		gate_openpgp__free(k);
		return -1;
	}
	(*signers)->keyring = k;
	return 0;
}

int gate_allowed_signers_add_keyring_file(gate_allowed_signers **signers, const char *path,
					  gate_error *err)
{
	gate_buf data = GATE_BUF_INIT(GATE_OPENPGP_KEYRING_MAX_SIZE);
	int error;

	if ((error = gate_buf_read_file(&data, path, GATE_ERR_INPUT, err)) < 0) {
		gate_error_prefix(err, "OpenPGP keyring %s", path);
		return error;
	}
	error = gate_allowed_signers_add_keyring(signers, data.ptr ? data.ptr : "", data.size, path,
						 err);
	gate_buf_dispose(&data);
	return error;
}

void gate_allowed_signers_free(gate_allowed_signers *s)
{
	size_t i;

	if (!s)
		return;
	gate_openpgp__free(s->keyring);
	for (i = 0; i < s->nlines; i++)
		line_dispose(&s->lines[i]);
	for (i = 0; i < s->ncache; i++)
		free(s->cache[i].key);
	free(s->lines);
	free(s->cache);
	free(s);
}

/* Judges a valid signature by key `key` for `identity` against the file. */
void gate_signature__judge(gate_sig_result *out, const gate_allowed_signers *s,
			   const unsigned char *key, size_t keylen, const char *ns,
			   const char *identity, long long when)
{
	size_t i;
	int listed = 0, other_ok = 0;
	const char *others = NULL;
	/* A commit's signer is an email, which git compares without case; any
	 * other principal is compared exactly, as ssh-keygen -Y verify does,
	 * and a namespace always is. */
	int fold = strcmp(ns, GATE_SIGNATURE_NAMESPACE) == 0;

	out->status = GATE_SIG_UNKNOWN_KEY;
	snprintf(out->detail, sizeof(out->detail), "%s", "the key is on no allowed signers line");
	for (i = 0; s && i < s->nlines; i++) {
		const gate_signature__line *l = &s->lines[i];

		if (l->keylen != keylen || memcmp(l->key, key, keylen) != 0)
			continue;
		listed = 1;
		if (!identity || !list_match(identity, l->principals, fold)) {
			if (!others)
				others = l->principals;
			continue;
		}
		if ((l->namespaces && !list_match(ns, l->namespaces, 0)) ||
		    (l->valid_after >= 0 && when < l->valid_after) ||
		    (l->valid_before >= 0 && when > l->valid_before)) {
			other_ok = 1;
			continue;
		}
		out->status = GATE_SIG_VERIFIED;
		snprintf(out->detail, sizeof(out->detail), "signed by %s (allowed signers line %u)",
			 identity, l->line);
		return;
	}
	if (other_ok) {
		out->status = GATE_SIG_KEY_NOT_VALID;
		snprintf(out->detail, sizeof(out->detail),
			 "its allowed signers line excludes namespace \"%.64s\" or the time of "
			 "signing",
			 ns);
	} else if (listed) {
		out->status = GATE_SIG_WRONG_SIGNER;
		snprintf(out->detail, sizeof(out->detail), "the key of %.120s",
			 others ? others : "");
	}
}
