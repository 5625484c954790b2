/*
 * AI-assistance detection and accountability of commits (docs/policy.md, "`provenance`"), from
 * trailers read exactly as git reads them, the author and committer
 * identities, and notes.
 */
#include "riskgate/banned.h"

#include "riskgate/provenance.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>

#include "riskgate/buf.h"
#include "riskgate/history.h"
#include "riskgate/identity.h"

int gate_provenance_is_ai_identity(gate_policy *policy, const char *ident, size_t len,
				   gate_error *err)
{
	return gate_patterns_match(policy->ai_identities, policy->nai_identities, ident, len, NULL,
				   err);
}

/* "Name <email>" of a commit's author or committer. */
static int ident(gate_buf *out, const char *name, const char *email, gate_error *err)
{
	gate_buf_clear(out);
	return gate_buf_printf(out, err, "%s <%s>", name ? name : "", email ? email : "");
}

static int set_str(char **dst, const char *s, gate_error *err)
{
	if (*dst)
		return 0;
	*dst = gate_strdup(s, err);
	return *dst ? 0 : -1;
}

/* Whether trailer identity `value` names the person `name`/`email`: the
 * emails match case-insensitively, or, without an email, the names do. */
static int same_person(const char *value, const char *name, const char *email, gate_error *err)
{
	char *vname = NULL, *vemail = NULL;
	int same = 0;

	if (gate_ident_parse(value, &vname, &vemail, err) < 0)
		return -1;
	if (vemail && vemail[0] && email && email[0])
		same = gate_identity_email_eq(vemail, email);
	else if (vname && vname[0] && name && name[0])
		same = strcmp(vname, name) == 0;
	free(vname);
	free(vemail);
	return same;
}

static int is_ai_value(gate_policy *p, const char *value, gate_error *err)
{
	int rc = gate_provenance_is_ai_identity(p, value, strlen(value), err);

	if (rc)
		return rc;
	return gate_patterns_match(p->ai_coauthors, p->nai_coauthors, value, strlen(value), NULL,
				   err);
}

/*
 * The assistants a disclosure value may name, lower case. This is the one list
 * of assistant names: a human marker whose value says "no" but names one of
 * these ("AI-Assisted: No - Claude Code wrote this") contradicts itself, and
 * the gate believes the assistant. Words that are also common English
 * ("amp", "continue") are left out; "cursor" is kept, since a false positive
 * only asks for the AI-assisted review a human commit could have given.
 */
static const char *const assistant_names[] = {
    "claude", "anthropic", "copilot", "cursor",       "chatgpt",      "gpt",     "openai",
    "codex",  "gemini",    "aider",   "devin",        "windsurf",     "codeium", "tabnine",
    "cody",   "jules",     "llm",     "ai-generated", "ai generated", NULL,
};

int gate_provenance_names_assistant(const char *value, size_t len)
{
	size_t i, k, n;

	for (k = 0; assistant_names[k]; k++) {
		n = strlen(assistant_names[k]);
		for (i = 0; i + n <= len; i++) {
			if (strncasecmp(value + i, assistant_names[k], n) != 0)
				continue;
			/* A whole word: "gpt-4o" and "Claude's" count, "Claudette" does not. */
			if (i > 0 && isalnum((unsigned char)value[i - 1]))
				continue;
			if (i + n < len && isalpha((unsigned char)value[i + n]))
				continue;
			return 1;
		}
	}
	return 0;
}

/* "git-ai note: 2 files, 37 lines by claude (claude-sonnet-4), ..." */
#define NOTE_MAX_AGENTS 3

static int note_evidence(gate_buf *ev, const gate_ainote *note, gate_error *err)
{
	size_t i;

	if (gate_buf_printf(ev, err, "git-ai note: %zu file%s, %zu line%s by ", note->nfiles,
			    note->nfiles == 1 ? "" : "s", note->lines,
			    note->lines == 1 ? "" : "s") < 0)
		return -1;
	for (i = 0; i < note->nagents && i < NOTE_MAX_AGENTS; i++) {
		const gate_ainote_agent *a = &note->agents[i];

		if (gate_buf_printf(ev, err, "%s%s", i ? ", " : "", a->tool) < 0 ||
		    (a->model[0] && gate_buf_printf(ev, err, " (%s)", a->model) < 0))
			return -1;
	}
	if (note->nagents > NOTE_MAX_AGENTS &&
	    gate_buf_printf(ev, err, " and %zu more", note->nagents - NOTE_MAX_AGENTS) < 0)
		return -1;
	return 0;
}

int gate_provenance_assess(gate_provenance *out, gate_policy *p, const gate_commit *commit,
			   gate_ainote *note, gate_error *err)
{
	gate_buf author = GATE_BUF_INIT(1u << 16), committer = GATE_BUF_INIT(1u << 16);
	gate_buf ev = GATE_BUF_INIT(1u << 16);
	size_t i, k;
	int rc, committer_ai, error = -1;
	const char *msg = commit->message ? commit->message : "";

	memset(out, 0, sizeof(*out));
	gate_trailers_init(&out->trailers);
	if (note) {
		out->has_note = 1;
		out->note = *note;
		memset(note, 0, sizeof(*note));
	}
	if (gate_trailers_parse(&out->trailers, msg, strlen(msg), err) < 0)
		goto done;
	if (ident(&author, commit->author_name, commit->author_email, err) < 0 ||
	    ident(&committer, commit->committer_name, commit->committer_email, err) < 0)
		goto done;
	if ((rc = gate_provenance_is_ai_identity(p, author.ptr, author.size, err)) < 0)
		goto done;
	out->author_is_ai = rc;
	if ((committer_ai = gate_provenance_is_ai_identity(p, committer.ptr, committer.size, err)) <
	    0)
		goto done;

	/* Evidence, first found wins: trailers, then identities, then the note. */
	for (i = 0; i < out->trailers.count && !out->evidence; i++) {
		const gate_trailer *t = &out->trailers.items[i];

		for (k = 0; k < p->nai_trailers; k++) {
			if (strcasecmp(t->key, p->ai_trailers[k]) == 0) {
				if (gate_buf_printf(&ev, err, "trailer %s: %s", t->key, t->value) <
				    0)
					goto done;
				break;
			}
		}
		if (!ev.size && strcasecmp(t->key, "Co-authored-by") == 0) {
			if ((rc = is_ai_value(p, t->value, err)) < 0)
				goto done;
			if (rc && gate_buf_printf(&ev, err, "trailer %s: %s", t->key, t->value) < 0)
				goto done;
		}
		if (!ev.size && p->human_marker_key &&
		    strcasecmp(t->key, p->human_marker_key) == 0) {
			rc = p->human_marker_value.re
				 ? gate_regex_match(p->human_marker_value.re, t->value,
						    strlen(t->value), err)
				 : 1;
			if (rc < 0)
				goto done;
			out->disclosed = 1;
			/* "AI-Assisted: yes" discloses assistance; "no" declares a
			 * human, unless the value itself names an assistant. */
			if (rc && gate_provenance_names_assistant(t->value, strlen(t->value)))
				rc = 0;
			if (!rc &&
			    gate_buf_printf(&ev, err, "trailer %s: %s", t->key, t->value) < 0)
				goto done;
		}
		if (ev.size && !(out->evidence = gate_buf_detach(&ev)))
			goto nomem;
	}
	if (!out->evidence && out->author_is_ai) {
		if (gate_buf_printf(&ev, err, "author %s is a bot or assistant", author.ptr) < 0)
			goto done;
		if (!(out->evidence = gate_buf_detach(&ev)))
			goto nomem;
	}
	if (!out->evidence && committer_ai) {
		if (gate_buf_printf(&ev, err, "committer %s is a bot or assistant", committer.ptr) <
		    0)
			goto done;
		if (!(out->evidence = gate_buf_detach(&ev)))
			goto nomem;
	}
	if (!out->evidence && gate_ainote_is_ai(&out->note)) {
		if (note_evidence(&ev, &out->note, err) < 0)
			goto done;
		if (!(out->evidence = gate_buf_detach(&ev)))
			goto nomem;
	}
	out->ai_assisted = out->evidence != NULL;
	if (out->ai_assisted)
		out->disclosed = 1;

	/* Accountability: a human's Signed-off-by that names the author or the
	 * committer; when the author is a bot or assistant, a human co-author
	 * may answer for the commit. An assistant's sign-off never counts. */
	for (i = 0; i < out->trailers.count; i++) {
		const gate_trailer *t = &out->trailers.items[i];
		int matches = 0;

		if (strcasecmp(t->key, "Signed-off-by") != 0)
			continue;
		if ((rc = is_ai_value(p, t->value, err)) < 0)
			goto done;
		if (rc)
			continue;
		if (!out->author_is_ai && (rc = same_person(t->value, commit->author_name,
							    commit->author_email, err)) != 0)
			matches = rc;
		if (!matches && !committer_ai &&
		    (rc = same_person(t->value, commit->committer_name, commit->committer_email,
				      err)) != 0)
			matches = rc;
		if (!matches && out->author_is_ai) {
			for (k = 0; k < out->trailers.count && !matches; k++) {
				const gate_trailer *co = &out->trailers.items[k];
				char *cn = NULL, *ce = NULL;

				if (strcasecmp(co->key, "Co-authored-by") != 0)
					continue;
				if ((rc = is_ai_value(p, co->value, err)) < 0)
					goto done;
				if (rc)
					continue;
				if (gate_ident_parse(co->value, &cn, &ce, err) < 0)
					goto done;
				rc = same_person(t->value, cn, ce, err);
				free(cn);
				free(ce);
				if (rc < 0)
					goto done;
				matches = rc;
			}
		}
		if (matches < 0)
			goto done;
		if (matches) {
			out->signed_off = 1;
			if (set_str(&out->accountable, t->value, err) < 0)
				goto done;
			break;
		}
	}
	if (!out->accountable && !out->author_is_ai &&
	    set_str(&out->accountable, author.ptr, err) < 0)
		goto done;
	if (!out->accountable && !committer_ai &&
	    set_str(&out->accountable, committer.ptr, err) < 0)
		goto done;
	error = 0;
	goto done;
nomem:
	gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
done:
	gate_buf_dispose(&author);
	gate_buf_dispose(&committer);
	gate_buf_dispose(&ev);
	if (error < 0)
		gate_provenance_dispose(out);
	return error;
}

void gate_provenance_dispose(gate_provenance *prov)
{
	if (!prov)
		return;
	free(prov->evidence);
	free(prov->accountable);
	gate_trailers_dispose(&prov->trailers);
	gate_ainote_dispose(&prov->note);
	memset(prov, 0, sizeof(*prov));
}

/*
 * Remediation commits, as the DCO app (dcoapp/app, allowRemediationCommits)
 * reads them: a line of a later commit's message that adds its author's
 * sign-off to an earlier commit, named by its full id.
 */
#define REMEDIATION_MARK   ", hereby add my Signed-off-by to this commit: "
#define REMEDIATION_SELF   "I, "
#define REMEDIATION_BEHALF "On behalf of "
#define REMEDIATION_AND_I  ", I, "

/* The first place `needle` occurs in the `len` bytes at `s`, ignoring
 * ASCII case, or NULL. */
static const char *find_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* Whether the identity written in `len` bytes at `s` ("Name <email>",
 * ending at its '>') is `name` <`email`>: both parts given, the names equal
 * ignoring ASCII case, the emails the same mailbox. */
static int ident_is(const char *s, size_t len, const char *name, const char *email, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(1u << 16);
	char *vname = NULL, *vemail = NULL;
	int same = 0;

	if (!len || s[len - 1] != '>' || !name || !name[0] || !email || !email[0])
		return 0;
	if (gate_buf_put(&buf, s, len, err) < 0 ||
	    gate_ident_parse(buf.ptr, &vname, &vemail, err) < 0) {
		gate_buf_dispose(&buf);
		return -1;
	}
	same = vname[0] && strcasecmp(vname, name) == 0 && gate_identity_email_eq(vemail, email);
	free(vname);
	free(vemail);
	gate_buf_dispose(&buf);
	return same;
}

/* Whether `len` bytes at `s` are the full id `sha`, ignoring case. */
static int is_full_id(const char *s, size_t len, const char *sha)
{
	return len == strlen(sha) && strncasecmp(s, sha, len) == 0;
}

/*
 * Whether one line of commit r's message (`len` bytes, trailing blanks
 * removed) gives commit t's sign-off: 1 for the author's own statement, 2
 * for one on the author's behalf (only under third_party), else 0; -1 on an
 * error.
 */
static int remediation_line(gate_policy *p, const char *line, size_t len, const gate_commit *t,
			    const gate_commit *r, gate_signoff_remediation mode, gate_error *err)
{
	const char *mark = find_ci(line, len, REMEDIATION_MARK), *who, *sep, *end = line + len;
	size_t nself = strlen(REMEDIATION_SELF), nbehalf = strlen(REMEDIATION_BEHALF);
	int rc;

	if (!mark || !is_full_id(mark + strlen(REMEDIATION_MARK),
				 (size_t)(end - mark) - strlen(REMEDIATION_MARK), t->sha))
		return 0;
	if (len > nself && strncasecmp(line, REMEDIATION_SELF, nself) == 0) {
		/* The author's own: the statement, the remediating commit's
		 * author and the remediated commit's author are one person. */
		who = line + nself;
		if ((rc = ident_is(who, (size_t)(mark - who), t->author_name, t->author_email,
				   err)) <= 0)
			return rc;
		if ((rc = ident_is(who, (size_t)(mark - who), r->author_name, r->author_email,
				   err)) <= 0)
			return rc;
		return 1;
	}
	if (mode != GATE_REMEDIATION_THIRD_PARTY || len <= nbehalf ||
	    strncasecmp(line, REMEDIATION_BEHALF, nbehalf) != 0)
		return 0;
	/* On the author's behalf: "On behalf of AUTHOR, I, SIGNER, ..." where
	 * SIGNER wrote or committed the remediating commit and is human. */
	who = line + nbehalf;
	if (!(sep = find_ci(who, (size_t)(mark - who), REMEDIATION_AND_I)))
		return 0;
	if ((rc = ident_is(who, (size_t)(sep - who), t->author_name, t->author_email, err)) <= 0)
		return rc;
	who = sep + strlen(REMEDIATION_AND_I);
	if (who >= mark)
		return 0;
	if ((rc = ident_is(who, (size_t)(mark - who), r->author_name, r->author_email, err)) == 0)
		rc =
		    ident_is(who, (size_t)(mark - who), r->committer_name, r->committer_email, err);
	if (rc <= 0)
		return rc;
	if ((rc = gate_provenance_is_ai_identity(p, who, (size_t)(mark - who), err)) != 0)
		return rc < 0 ? -1 : 0;
	return 2;
}

int gate_provenance_remediation(gate_remediation *out, gate_policy *policy,
				const gate_change *change, const gate_provenance *prov,
				size_t target, gate_signoff_remediation mode, gate_error *err)
{
	const gate_commit *t;
	size_t r;
	int rc;

	memset(out, 0, sizeof(*out));
	if (mode == GATE_REMEDIATION_NONE || target >= change->ncommits)
		return 0;
	t = &change->commits[target];
	/* A bot or assistant cannot certify the DCO, late or not. */
	if (prov[target].author_is_ai)
		return 0;
	for (r = 0; r < change->ncommits; r++) {
		const gate_commit *c = &change->commits[r];
		const char *msg = c->message ? c->message : "", *line = msg, *nl;

		/* Remediation commits must be properly signed off themselves:
		 * their own Signed-off-by, never another remediation. */
		if (r == target || !prov[r].signed_off)
			continue;
		for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
			size_t len;

			nl = strchr(line, '\n');
			len = nl ? (size_t)(nl - line) : strlen(line);
			while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
				       line[len - 1] == '\r'))
				len--;
			if ((rc = remediation_line(policy, line, len, t, c, mode, err)) < 0)
				return -1;
			if (rc) {
				out->by = r;
				out->third_party = rc == 2;
				return 1;
			}
			if (!nl)
				break;
		}
	}
	return 0;
}

int gate_provenance_assess_at(gate_provenance *out, gate_policy *policy, gate_repo *repo,
			      const gate_commit *commit, gate_buf *scratch, gate_error *err)
{
	gate_ainote note;
	int has_note = 0, error = -1;

	memset(&note, 0, sizeof(note));
	if ((repo && (has_note = gate_history_note(scratch, repo, policy->notes_ref, commit->sha,
						   err)) < 0) ||
	    (has_note > 0 &&
	     gate_ainote_parse(&note, scratch->ptr ? scratch->ptr : "", scratch->size, err) < 0)) {
		/* A note that cannot be read is never "no note". */
		gate_error_prefix(err, "commit %.12s: the git-ai note in %s", commit->sha,
				  policy->notes_ref);
		goto done;
	}
	error = gate_provenance_assess(out, policy, commit, has_note ? &note : NULL, err);
done:
	gate_ainote_dispose(&note);
	return error;
}
