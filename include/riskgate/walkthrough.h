/*
 * Failure-mode answers (docs/walkthrough.md): the questions a tier asks the
 * author of a change ("what happens if a dependency is down or slow?"), and
 * what counts as an answer to each, read from the pull request description
 * and the change's commit messages. This file is the one owner of what an
 * answer is: the check (src/checks/walkthrough.c) only compares the
 * statuses it finds with what each tier asks for.
 */
#ifndef RISKGATE_WALKTHROUGH_H
#define RISKGATE_WALKTHROUGH_H

#include <stddef.h>

#include "riskgate/change.h"
#include "riskgate/error.h"

struct gate_policy;

/* Most questions a policy may list (a tier's set of them is a bit mask). */
#define GATE_WALKTHROUGH_MAX_QUESTIONS 32

/* Longest heading of a question, in bytes. */
#define GATE_WALKTHROUGH_MAX_HEADING 200

/* Default least number of characters an answer must have (letters and
 * digits, once the question's own words are taken out). */
#define GATE_WALKTHROUGH_MIN_LENGTH 30

/* Longest description read (GitHub's limit is 65,536 characters, which is
 * at most four times as many bytes). */
#define GATE_WALKTHROUGH_MAX_DESCRIPTION (256u * 1024u)

/* Longest answer kept in the report, in bytes; a longer one is cut at a
 * character boundary and ends with "...". */
#define GATE_WALKTHROUGH_KEEP 4000

/* One question of the policy (`walkthrough.questions`). */
typedef struct gate_walkthrough_question {
	char *id;
	char *heading;
	unsigned line, col;
} gate_walkthrough_question;

typedef enum {
	GATE_WT_ANSWERED = 0,
	GATE_WT_MISSING,     /* no section headed by the question */
	GATE_WT_PLACEHOLDER, /* the section says nothing: empty, "N/A", "TODO", the question again
			      */
	GATE_WT_SHORT,       /* fewer characters than the policy's minimum */
	GATE_WT_REPEATED     /* the same words as the answer to another question */
} gate_wt_status;

/* The answer found for one question of the policy. */
typedef struct gate_wt_answer {
	gate_wt_status status;
	char *answer;   /* the section's text, trimmed; NULL when missing */
	int truncated;  /* `answer` was cut at GATE_WALKTHROUGH_KEEP bytes */
	char *source;   /* "description", or the full id of the commit; NULL when missing */
	size_t length;  /* the characters that count */
	size_t same_as; /* GATE_WT_REPEATED: the question whose answer this repeats */
} gate_wt_answer;

/*
 * Finds the answer to each of the policy's questions (out[i] for question
 * i; `*out` has policy->nwt_questions entries, the caller's, freed with
 * gate_walkthrough_free). The description, when `description` is not NULL,
 * is read first, then each commit's message from the newest; a question
 * takes the first acceptable answer, else the first section found. Returns
 * 0 or -1 (out of memory).
 */
int gate_walkthrough_read(gate_wt_answer **out, const struct gate_policy *policy,
			  const char *description, size_t description_len,
			  const gate_change *change, gate_error *err);

void gate_walkthrough_free(gate_wt_answer *answers, size_t n);

/* "answered", "missing", "placeholder", "too_short", "repeated". */
const char *gate_wt_status_name(gate_wt_status status);

/* Whether `heading` can be a question's heading: 1 to
 * GATE_WALKTHROUGH_MAX_HEADING bytes, no control character, no ':' (which
 * starts an answer on the heading's line), at least one letter or digit. */
int gate_walkthrough_heading_valid(const char *heading);

/* Whether two texts have the same words (headings compare so). */
int gate_walkthrough_same_words(const char *a, const char *b);

/* The built-in questions, used when the policy lists none: `n` of them,
 * ids and headings as static strings. */
const char *const *gate_walkthrough_default_ids(size_t *n);
const char *const *gate_walkthrough_default_headings(size_t *n);

/* The words an answer may not consist of alone ("n/a", "todo", ...),
 * NULL-terminated, for a policy that lists none. */
const char *const *gate_walkthrough_default_placeholders(void);

#endif
