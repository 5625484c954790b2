/*
 * Unit tests of remediation commits (gate_provenance_remediation): commit A
 * by Alice without a sign-off, commit R after it with a statement in its
 * message, under each allow_remediation mode. The rows follow the DCO app's
 * reading: case-insensitive text, trailing blanks, the full id only, the
 * author (or, on the author's behalf, the remediating commit's author or
 * committer), and a remediation commit that is itself signed off.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/provenance.h"
#include "unit.h"

#define SHA_A          "c9b2b8aefbcf4c7f2b4e0f4a3c1d5e6f7a8b9c0d"
#define ALICE          "Alice Example <alice@example.com>"
#define SOB_ALICE      "\n\nSigned-off-by: " ALICE "\n"
#define SOB_BOB        "\n\nSigned-off-by: Bob Builder <bob@example.com>\n"
#define SELF(who, sha) "I, " who ", hereby add my Signed-off-by to this commit: " sha
#define BEHALF(author, who, sha)                                                                   \
	"On behalf of " author ", I, " who ", hereby add my Signed-off-by to this commit: " sha

typedef struct {
	const char *r_name, *r_email; /* the remediating commit's author */
	const char *c_name, *c_email; /* its committer */
	const char *message;          /* its message */
	gate_signoff_remediation mode;
	int want; /* 0: none, 1: individual, 2: on the author's behalf */
} row;

#define ALICE_R "Alice Example", "alice@example.com"
#define BOB_R   "Bob Builder", "bob@example.com"
#define CI_R    "CI", "ci@example.com"

static const row rows[] = {
    /* The author's own statement, signed off. */
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A) SOB_ALICE, GATE_REMEDIATION_INDIVIDUAL, 1},
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A) SOB_ALICE, GATE_REMEDIATION_THIRD_PARTY, 1},
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A) SOB_ALICE, GATE_REMEDIATION_NONE, 0},
    /* Case and trailing blanks, as the DCO app reads them; the id in upper
     * case is the same object. */
    {ALICE_R, CI_R,
     "Fix\n\ni, alice example <ALICE@example.com>, HEREBY ADD MY SIGNED-OFF-BY TO THIS "
     "COMMIT: " SHA_A " \t\r\n" SOB_ALICE,
     GATE_REMEDIATION_INDIVIDUAL, 1},
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, "C9B2B8AEFBCF4C7F2B4E0F4A3C1D5E6F7A8B9C0D") SOB_ALICE,
     GATE_REMEDIATION_INDIVIDUAL, 1},
    /* Not at the start of the line, an abbreviated id, a longer one, text
     * after the id. */
    {ALICE_R, CI_R, "Fix\n\n  " SELF(ALICE, SHA_A) SOB_ALICE, GATE_REMEDIATION_INDIVIDUAL, 0},
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, "c9b2b8aefbcf") SOB_ALICE, GATE_REMEDIATION_INDIVIDUAL,
     0},
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A "0") SOB_ALICE, GATE_REMEDIATION_INDIVIDUAL, 0},
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A " too") SOB_ALICE, GATE_REMEDIATION_INDIVIDUAL, 0},
    /* Another name, another email, no email, in the statement. */
    {ALICE_R, CI_R, "Fix\n\n" SELF("Alicia Example <alice@example.com>", SHA_A) SOB_ALICE,
     GATE_REMEDIATION_INDIVIDUAL, 0},
    {ALICE_R, CI_R, "Fix\n\n" SELF("Alice Example <alice@evil.example>", SHA_A) SOB_ALICE,
     GATE_REMEDIATION_INDIVIDUAL, 0},
    {ALICE_R, CI_R, "Fix\n\n" SELF("Alice Example", SHA_A) SOB_ALICE, GATE_REMEDIATION_INDIVIDUAL,
     0},
    /* The remediating commit is not signed off, or only by someone else. */
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A) "\n", GATE_REMEDIATION_INDIVIDUAL, 0},
    {ALICE_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A) SOB_BOB, GATE_REMEDIATION_INDIVIDUAL, 0},
    /* Bob writes Alice's own statement: not hers. */
    {BOB_R, CI_R, "Fix\n\n" SELF(ALICE, SHA_A) SOB_BOB, GATE_REMEDIATION_THIRD_PARTY, 0},
    /* On Alice's behalf: only under third_party, by R's author or
     * committer. */
    {BOB_R, CI_R, "Fix\n\n" BEHALF(ALICE, "Bob Builder <bob@example.com>", SHA_A) SOB_BOB,
     GATE_REMEDIATION_THIRD_PARTY, 2},
    {BOB_R, CI_R, "Fix\n\n" BEHALF(ALICE, "Bob Builder <bob@example.com>", SHA_A) SOB_BOB,
     GATE_REMEDIATION_INDIVIDUAL, 0},
    {CI_R, BOB_R, "Fix\n\n" BEHALF(ALICE, "Bob Builder <bob@example.com>", SHA_A) SOB_BOB,
     GATE_REMEDIATION_THIRD_PARTY, 2},
    {BOB_R, CI_R, "Fix\n\n" BEHALF(ALICE, "Carol Example <carol@example.com>", SHA_A) SOB_BOB,
     GATE_REMEDIATION_THIRD_PARTY, 0},
    {BOB_R, CI_R,
     "Fix\n\n" BEHALF("Alice Example <alice@other.example>", "Bob Builder <bob@example.com>", SHA_A)
	 SOB_BOB,
     GATE_REMEDIATION_THIRD_PARTY, 0},
    /* An assistant cannot sign off on anyone's behalf. */
    {"Claude", "noreply@anthropic.com", BOB_R,
     "Fix\n\n" BEHALF(ALICE, "Claude <noreply@anthropic.com>", SHA_A) SOB_BOB,
     GATE_REMEDIATION_THIRD_PARTY, 0},
};

static void test_rows(void)
{
	gate_policy *policy = NULL;
	gate_error err;
	size_t i;

	gate_error_init(&err);
	if (gate_policy_load_builtin(&policy, &err) < 0) {
		fprintf(stderr, "builtin policy: %s\n", err.message);
		unit_abort();
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const row *w = &rows[i];
		gate_commit commits[2];
		gate_change change;
		gate_provenance prov[2];
		gate_remediation fix;
		int rc;

		memset(commits, 0, sizeof(commits));
		memset(&change, 0, sizeof(change));
		memcpy(commits[0].sha, SHA_A, sizeof(SHA_A));
		commits[0].author_name = (char *)"Alice Example";
		commits[0].author_email = (char *)"alice@example.com";
		commits[0].committer_name = (char *)"CI";
		commits[0].committer_email = (char *)"ci@example.com";
		commits[0].message = (char *)"Change a\n";
		memcpy(commits[1].sha, "0123456789012345678901234567890123456789", 41);
		commits[1].author_name = (char *)w->r_name;
		commits[1].author_email = (char *)w->r_email;
		commits[1].committer_name = (char *)w->c_name;
		commits[1].committer_email = (char *)w->c_email;
		commits[1].message = (char *)w->message;
		change.commits = commits;
		change.ncommits = 2;
		CHECK(gate_provenance_assess(&prov[0], policy, &commits[0], NULL, &err) == 0);
		CHECK(gate_provenance_assess(&prov[1], policy, &commits[1], NULL, &err) == 0);
		CHECK(!prov[0].signed_off);
		rc = gate_provenance_remediation(&fix, policy, &change, prov, 0, w->mode, &err);
		if (rc != (w->want ? 1 : 0) || (rc == 1 && fix.third_party != (w->want == 2)) ||
		    (rc == 1 && fix.by != 1)) {
			fprintf(stderr, "  row %zu: got %d (third_party %d), want %d\n", i, rc,
				fix.third_party, w->want);
			unit_current_failed = 1;
		}
		/* A commit never remediates itself, nor is remediated by one
		 * that only remediation signs off. */
		CHECK(gate_provenance_remediation(&fix, policy, &change, prov, 1, w->mode, &err) ==
		      0);
		gate_provenance_dispose(&prov[0]);
		gate_provenance_dispose(&prov[1]);
	}
	gate_policy_free(policy);
}

int main(void)
{
	GATE_RUN(test_rows);
	return GATE_UNIT_DONE("test_remediation");
}
