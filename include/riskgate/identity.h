/*
 * Who someone is: the syntax of GitHub logins, team names ("org/team") and
 * e-mail addresses, and the one answer to "are these two the same person".
 * Every module that reads or compares an identity asks this one.
 *
 * Comparison is ASCII case folding only, independent of the locale: GitHub
 * logins and team slugs are ASCII, and the domain of an e-mail address is
 * compared the way a mail server compares it. Nothing is Unicode-normalised:
 * a look-alike ("аlice" with a Cyrillic "а", a full-width letter) is another
 * identity, never a match.
 */
#ifndef RISKGATE_IDENTITY_H
#define RISKGATE_IDENTITY_H

#include <stddef.h>

/* Longest login accepted, in bytes. GitHub's own limit is 39 characters, plus
 * "[bot]" for apps; the margin is for other forges and mannequins. */
#define GATE_LOGIN_MAX 100

/* Longest team name ("org/team", without the '@') accepted, in bytes. */
#define GATE_TEAM_NAME_MAX 200

/* Longest login or team slug in a CODEOWNERS owner, in bytes. */
#define GATE_SLUG_MAX 100

/* `s` without one leading '@' (never more than one). `s` must not be NULL. */
const char *gate_identity_skip_at(const char *s);

/*
 * Orders two identities ignoring ASCII case, like strcmp; the bytes are
 * otherwise compared as they are (no '@' is dropped, nothing normalised).
 * Neither may be NULL.
 */
int gate_identity_cmp(const char *a, const char *b);

/* 1 when gate_identity_cmp(a, b) == 0, else 0. */
int gate_identity_eq(const char *a, const char *b);

/* 1 when the `n` bytes at `s` equal the string `b` ignoring ASCII case. */
int gate_identity_eqn(const char *s, size_t n, const char *b);

/*
 * A login as the reviews, teams, permissions and logins files accept it:
 * 1 to GATE_LOGIN_MAX bytes with no control character (below 0x20, 0x7f).
 * Loose on purpose: GitHub's rules differ between users, apps, mannequins
 * and other forges, so only what could break a report is refused. Whether
 * a leading '@', a '/' or a second '@' is allowed is the file's rule.
 */
int gate_identity_login_valid(const char *s, size_t len);

/*
 * A team name "org/team" (leading '@' already removed): 1 to
 * GATE_TEAM_NAME_MAX bytes, exactly one '/', both parts non-empty, and no
 * '@', space or control character.
 */
int gate_identity_team_valid(const char *s);

/*
 * A login or team slug as CODEOWNERS writes it: 1 to GATE_SLUG_MAX ASCII
 * letters, digits, '-' and '_', the first a letter or digit.
 */
int gate_identity_slug_valid(const char *s, size_t n);

/*
 * An e-mail address as CODEOWNERS accepts it: a non-empty local part of
 * letters, digits and RFC 5322 atext (not starting with '.'), '@', and a
 * domain of at least two dot-separated labels of letters, digits and '-'
 * (no label empty, none starting or ending with '-'; so no trailing dot).
 */
int gate_identity_email_valid(const char *s, size_t n);

/*
 * A CODEOWNERS owner: "@login", "@org/team" (both as
 * gate_identity_slug_valid) or an e-mail address (gate_identity_email_valid).
 */
int gate_identity_owner_valid(const char *s, size_t n);

/*
 * A committer e-mail as a policy lists it (review_trailers): one '@' that
 * is neither first nor last, and no space, '<', '>' or control character.
 */
int gate_identity_committer_email_valid(const char *s);

/*
 * A reviewer as a policy lists it (a login, "@login", "@org/team" or an
 * e-mail address): 1 to 256 bytes, no space, control character or ','.
 */
int gate_identity_reviewer_valid(const char *s);

/* Whether a reviewer or owner spec is an e-mail address: an '@' past the
 * first byte. */
int gate_identity_spec_is_email(const char *spec);

/* Whether a reviewer or owner spec names a team: "@org/team". */
int gate_identity_spec_is_team(const char *spec);

/*
 * Whether two logins are the same GitHub account: equal ignoring ASCII case
 * once one leading '@' is dropped from each. 0 when either is NULL or empty
 * after the '@'.
 */
int gate_identity_login_eq(const char *a, const char *b);

/* Whether two e-mail addresses are the same mailbox: equal ignoring ASCII
 * case. 0 when either is NULL or empty. */
int gate_identity_email_eq(const char *a, const char *b);

/* Lower-cases the ASCII letters of `email` in place, the form in which an
 * approver's address is kept; accepts NULL. */
void gate_identity_email_normalize(char *email);

/*
 * Whether the git identity `name` <`email`> may be GitHub user `login`: the
 * one answer to "is this commit's author or committer the reviewer", used
 * to keep contributors from approving their own change. True when the email
 * is GitHub's no-reply address of the login ("login@users.noreply.github.com"
 * or "ID+login@users.noreply.github.com"), or its local part is the login,
 * or the name is the login (all ignoring case). A commit identity is
 * written by whoever made the commit, so this errs on the side of "same
 * person": a false match only withholds an approval. `name` and `email` may
 * be NULL. Returns 0 for a NULL or empty login.
 */
int gate_login_is_ident(const char *login, const char *name, const char *email);

#endif
