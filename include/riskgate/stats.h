/*
 * Trends over a branch's history (`audit --stats`, docs/audit.md,
 * "Trends"): per month or week and per tier, the commits, the share that
 * is AI-assisted and the share a human signed off, which verdict each
 * commit landed with (the notes of docs/verdicts.md), the findings,
 * waivers and overrides those verdicts recorded, and the time from a
 * commit's authoring to its first failing verdict. Read from the commits,
 * their trailers and notes, without evaluating any commit again, so that a
 * history of tens of thousands of commits takes seconds.
 */
#ifndef RISKGATE_STATS_H
#define RISKGATE_STATS_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/repo.h"
#include "riskgate/verdict.h"

typedef enum { GATE_STATS_MONTH, GATE_STATS_WEEK } gate_stats_kind;

/* A list of durations in seconds. */
typedef struct {
	long long *v;
	size_t n, alloc;
} gate_stats_times;

/*
 * What a set of commits adds up to: a period's, or the commits of a period
 * that touch one tier. Every figure is counted once per commit by one
 * function (stats.c, counts_add), so a tier's row and its period's row are
 * the same facts summed over different commits.
 */
typedef struct {
	size_t commits, ai, signed_off;
	size_t landed[GATE_LANDED_INVALID + 1];
	size_t verdicts; /* notes on these commits */
	size_t waivers, overrides;
	size_t *rules; /* findings by index into the stats' rules; nrules long */
	size_t nrules;
	/* Seconds from authoring to the first failing verdict, one per
	 * commit a recorded verdict failed; sorted once gate_stats_add ends. */
	gate_stats_times failures;
} gate_stats_counts;

/* One month ("2026-03") or ISO week ("2026-W09"): its commits, and those
 * of them that touch each of the policy's tiers (`tiers[t]` for the
 * policy's tier t; a commit that touches two tiers counts in both). */
typedef struct {
	char key[16];
	gate_stats_counts all;
	gate_stats_counts *tiers;
} gate_stats_period;

typedef struct {
	gate_stats_kind kind;
	long long since; /* commits authored before are left out; -1: none */
	size_t ntiers;
	gate_stats_period *periods; /* by key, once gate_stats_add has run */
	size_t nperiods, aperiods;
	gate_strlist rules;        /* "check" or "check/rule", as verdicts recorded them */
	size_t commits;            /* counted */
	size_t earlier;            /* left out by `since` */
	gate_stats_times failures; /* every period's, sorted */
} gate_stats;

void gate_stats_init(gate_stats *st, const gate_policy *policy, gate_stats_kind kind,
		     long long since);
void gate_stats_dispose(gate_stats *st);

/* Called every few hundred commits with how many are done of `total`. */
typedef void (*gate_stats_progress_fn)(size_t done, size_t total, void *payload);

/*
 * Counts the commits of `change` (read from `repo`; `base` is the commit
 * the range starts from, "" for the whole history) into `st`. Returns 0 or
 * -1 with `err` set.
 */
int gate_stats_add(gate_stats *st, gate_repo *repo, gate_policy *policy, const gate_change *change,
		   const char *base, gate_stats_progress_fn progress, void *payload,
		   gate_error *err);

/* The findings of rule `rule` (an index into st->rules) in `c`. */
size_t gate_stats_found(const gate_stats_counts *c, size_t rule);

/*
 * Time to first failure (docs/audit.md, "Trends"): of the commits in `t`,
 * how many a recorded verdict failed (the return value) and, when any,
 * the median and the 90th percentile (nearest rank) of the time from
 * their authoring to the first failing verdict, in hours.
 */
size_t gate_stats_time_to_failure(const gate_stats_times *t, double *median_hours,
				  double *p90_hours);

/* What the outputs say the trends cover; strings are borrowed. */
typedef struct {
	const char *spec; /* the range or revision as given */
	const char *head; /* full commit id */
	const char *since;
	const gate_policy *policy;
} gate_stats_info;

/* The JSON, Markdown and HTML (one self-contained page, charts as inline
 * SVG, no script, no fetched resource) renderings; each appends to `out`
 * and returns 0 or -1. */
int gate_stats_json(gate_buf *out, const gate_stats *st, const gate_stats_info *info,
		    gate_error *err);
int gate_stats_markdown(gate_buf *out, const gate_stats *st, const gate_stats_info *info,
			gate_error *err);
int gate_stats_html(gate_buf *out, const gate_stats *st, const gate_stats_info *info,
		    gate_error *err);

#endif
