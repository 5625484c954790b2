/*
 * Provenance of a commit (docs/policy.md, "`provenance`"): whether it is AI-assisted and on what
 * evidence, whether it discloses its provenance, and which human answers
 * for it (a Signed-off-by that matches the author or committer).
 */
#ifndef RISKGATE_PROVENANCE_H
#define RISKGATE_PROVENANCE_H

#include "riskgate/ainote.h"
#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/repo.h"
#include "riskgate/trailers.h"

/*
 * What is known of one commit. `evidence` says why it is AI-assisted (NULL
 * when it is not); `accountable` is the "Name <email>" of the accountable
 * human (NULL when there is none). `signed_off` is set when a human's
 * Signed-off-by matches the author or committer (or, when the author is a
 * bot or assistant, a human co-author). `has_note` is set when the
 * policy's notes ref holds a git-ai note for the commit, and `note` is what
 * it says (empty otherwise); the note is evidence only when it attributes
 * lines to an AI session. Strings are owned.
 */
typedef struct {
	int ai_assisted;
	char *evidence;
	int disclosed;
	int signed_off;
	int author_is_ai;
	char *accountable;
	gate_trailers trailers;
	int has_note;
	gate_ainote note;
} gate_provenance;

/*
 * Assesses `commit` under the policy's markers. `note` is the commit's
 * parsed git-ai note, or NULL when it has none; what it holds moves into
 * out->note (it is left empty, whatever the outcome). Returns 0 or -1 (a
 * regex limit or out of memory). Release with gate_provenance_dispose.
 */
int gate_provenance_assess(gate_provenance *out, gate_policy *policy, const gate_commit *commit,
			   gate_ainote *note, gate_error *err);

/*
 * The same for a commit of `repo` (NULL: none), reading its git-ai note
 * from the policy's notes ref into `scratch` (whose maximum bounds it) and
 * parsing it first: a note that cannot be read or parsed is an error,
 * never "no note".
 */
int gate_provenance_assess_at(gate_provenance *out, gate_policy *policy, gate_repo *repo,
			      const gate_commit *commit, gate_buf *scratch, gate_error *err);

void gate_provenance_dispose(gate_provenance *prov);

/*
 * A remediation commit (docs/policy.md, "Remediation commits"): commit
 * `by` (an index into the change's commits) gives another commit's missing
 * sign-off in its message, as the DCO app reads it. `third_party` is set
 * when it was given on the author's behalf by someone else.
 */
typedef struct {
	size_t by;
	int third_party;
} gate_remediation;

/*
 * Whether a commit of `change` other than commit `target` gives `target`'s
 * sign-off under `mode` (the tier's allow_remediation). `prov` holds the
 * assessed provenance of every commit of the change. The remediating
 * commit must itself be signed off by a human, and a line of its message
 * must read, ignoring ASCII case and trailing blanks,
 *   I, NAME <EMAIL>, hereby add my Signed-off-by to this commit: SHA
 * where NAME <EMAIL> is `target`'s author and also the remediating commit's
 * author; or, under GATE_REMEDIATION_THIRD_PARTY, also
 *   On behalf of NAME <EMAIL>, I, NAME2 <EMAIL2>, hereby add my
 *   Signed-off-by to this commit: SHA
 * (one line) where NAME <EMAIL> is `target`'s author and NAME2 <EMAIL2>
 * the remediating commit's author or committer. SHA is `target`'s full id;
 * no prefix counts. Names compare ignoring ASCII case, emails as
 * gate_identity_email_eq; a bot or assistant never signs off. Returns 1
 * with *out filled (the first such commit), 0 when there is none, or -1 on
 * a regex error.
 */
int gate_provenance_remediation(gate_remediation *out, gate_policy *policy,
				const gate_change *change, const gate_provenance *prov,
				size_t target, gate_signoff_remediation mode, gate_error *err);

/* Whether the identity "Name <email>" is a bot or assistant under the
 * policy. Returns 1, 0, or -1 on a regex error. */
int gate_provenance_is_ai_identity(gate_policy *policy, const char *ident, size_t len,
				   gate_error *err);

/*
 * Whether the text `value` (of `len` bytes, not NUL-terminated) names a known
 * AI assistant as a word (Claude, Copilot, Cursor, ChatGPT, Codex, Gemini,
 * Aider, ...). The gate's one list of assistant names. Returns 1 or 0.
 */
int gate_provenance_names_assistant(const char *value, size_t len);

#endif
