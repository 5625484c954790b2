/*
 * Trends over a history (docs/audit.md, "Trends"): counting, and the JSON
 * and Markdown renderings. The HTML page is stats_html.c.
 */
#include "riskgate/banned.h"

#include "riskgate/stats.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "riskgate/audit.h"
#include "riskgate/classify.h"
#include "riskgate/escape.h"
#include "riskgate/history.h"
#include "riskgate/jsonw.h"
#include "riskgate/provenance.h"
#include "riskgate/version.h"

void gate_stats_init(gate_stats *st, const gate_policy *policy, gate_stats_kind kind,
		     long long since)
{
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	st->since = since;
	st->ntiers = policy->ntiers;
}

static void counts_dispose(gate_stats_counts *c)
{
	free(c->rules);
	free(c->failures.v);
}

void gate_stats_dispose(gate_stats *st)
{
	size_t i, t;

	for (i = 0; i < st->nperiods; i++) {
		counts_dispose(&st->periods[i].all);
		for (t = 0; t < st->ntiers; t++)
			counts_dispose(&st->periods[i].tiers[t]);
		free(st->periods[i].tiers);
	}
	free(st->failures.v);
	free(st->periods);
	gate_strlist_dispose(&st->rules);
	memset(st, 0, sizeof(*st));
}

/* The period of a time: "YYYY-MM", or the ISO week "YYYY-Www". */
static void period_key(char key[16], gate_stats_kind kind, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    strftime(key, 16, kind == GATE_STATS_WEEK ? "%G-W%V" : "%Y-%m", &tm) == 0)
		memcpy(key, "unknown", 8);
}

/* The period for `key`, added when new; `hint` is the last one found. */
static gate_stats_period *period_for(gate_stats *st, const char *key, size_t *hint, gate_error *err)
{
	gate_stats_period *p;
	size_t i;

	if (*hint < st->nperiods && strcmp(st->periods[*hint].key, key) == 0)
		return &st->periods[*hint];
	for (i = 0; i < st->nperiods; i++)
		if (strcmp(st->periods[i].key, key) == 0) {
			*hint = i;
			return &st->periods[i];
		}
	if (st->nperiods == st->aperiods) {
		size_t n = st->aperiods ? 2 * st->aperiods : 16;
		gate_stats_period *grown = realloc(st->periods, n * sizeof(*grown));

		if (!grown) {
			gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
			return NULL;
		}
		st->periods = grown;
		st->aperiods = n;
	}
	p = &st->periods[st->nperiods];
	memset(p, 0, sizeof(*p));
	memcpy(p->key, key, sizeof(p->key));
	if (!(p->tiers = gate_calloc(st->ntiers ? st->ntiers : 1, sizeof(*p->tiers), err)))
		return NULL;
	*hint = st->nperiods++;
	return p;
}

/* What one commit adds to the counts of its period and of each tier it
 * touches: read once, added by counts_add alone. */
typedef struct {
	int ai, signed_off;
	gate_landed landed;
	int verdict;          /* a note on this very commit that is a record of it */
	size_t waivers;       /* that record's */
	int override;         /* that record let a failure through */
	long long failed;     /* seconds to the first failing verdict; -1: none */
	size_t *rule, *count; /* that record's findings: index into st->rules */
	size_t nfound, afound;
} commit_facts;

/* The findings of the verdict on a commit, into its facts. */
typedef struct {
	gate_stats *st;
	commit_facts *facts;
	int failed;
	gate_error *err;
} finding_ctx;

static void on_finding(const char *rule, size_t count, void *payload)
{
	finding_ctx *f = payload;
	gate_stats *st = f->st;
	commit_facts *cf = f->facts;
	size_t r;

	if (f->failed)
		return;
	for (r = 0; r < st->rules.count && strcmp(st->rules.items[r], rule) != 0; r++)
		;
	if (r == st->rules.count && gate_strlist_add(&st->rules, rule, f->err) < 0) {
		f->failed = 1;
		return;
	}
	if (cf->nfound == cf->afound) {
		size_t n = cf->afound ? 2 * cf->afound : 8;
		size_t *rule_grown = realloc(cf->rule, n * sizeof(*rule_grown)), *count_grown;

		if (rule_grown)
			cf->rule = rule_grown;
		count_grown = rule_grown ? realloc(cf->count, n * sizeof(*count_grown)) : NULL;
		if (!count_grown) {
			gate_error_set(f->err, GATE_ERR_NOMEM, "out of memory");
			f->failed = 1;
			return;
		}
		cf->count = count_grown;
		cf->afound = n;
	}
	cf->rule[cf->nfound] = r;
	cf->count[cf->nfound++] = count;
}

static int times_add(gate_stats_times *t, long long v, gate_error *err)
{
	if (t->n == t->alloc) {
		size_t n = t->alloc ? 2 * t->alloc : 16;
		long long *grown = realloc(t->v, n * sizeof(*grown));

		if (!grown)
			return gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		t->v = grown;
		t->alloc = n;
	}
	t->v[t->n++] = v;
	return 0;
}

static int by_time(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Adds one commit's facts to `c`; `nrules` is how many rules the stats
 * know so far. The one place a commit's figures are counted. */
static int counts_add(gate_stats_counts *c, const commit_facts *f, size_t nrules, gate_error *err)
{
	size_t k;

	if (c->nrules < nrules) {
		size_t *grown = realloc(c->rules, (nrules + 8) * sizeof(*grown));

		if (!grown)
			return gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		memset(grown + c->nrules, 0, (nrules + 8 - c->nrules) * sizeof(*grown));
		c->rules = grown;
		c->nrules = nrules + 8;
	}
	c->commits++;
	c->ai += f->ai != 0;
	c->signed_off += f->signed_off != 0;
	c->landed[f->landed]++;
	if (f->verdict) {
		c->verdicts++;
		c->waivers += f->waivers;
		c->overrides += f->override != 0;
		for (k = 0; k < f->nfound; k++)
			c->rules[f->rule[k]] += f->count[k];
	}
	if (f->failed >= 0 && times_add(&c->failures, f->failed, err) < 0)
		return -1;
	return 0;
}

static void sort_times(gate_stats_times *t)
{
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), by_time);
}

size_t gate_stats_time_to_failure(const gate_stats_times *t, double *median_hours,
				  double *p90_hours)
{
	size_t n = t->n, rank;

	if (!n)
		return 0;
	*median_hours =
	    (n % 2 ? (double)t->v[n / 2] : ((double)t->v[n / 2 - 1] + (double)t->v[n / 2]) / 2.0) /
	    3600.0;
	/* Nearest rank: the smallest value at or above 90 % of them. */
	rank = (9 * n + 9) / 10;
	*p90_hours = (double)t->v[rank - 1] / 3600.0;
	return n;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const gate_stats_period *)a)->key, ((const gate_stats_period *)b)->key);
}

int gate_stats_add(gate_stats *st, gate_repo *repo, gate_policy *policy, const gate_change *change,
		   const char *base, gate_stats_progress_fn progress, void *payload,
		   gate_error *err)
{
	gate_buf scratch = GATE_BUF_INIT(GATE_AINOTE_MAX_BYTES);
	gate_audit_landed *landed = NULL;
	unsigned char *tiers = NULL;
	const char **ids = NULL;
	long long *first_fail = NULL;
	commit_facts facts;
	size_t c, t, hint = 0;
	int error = -1;

	memset(&facts, 0, sizeof(facts));
	if (change->ncommits && (!(landed = gate_calloc(change->ncommits, sizeof(*landed), err)) ||
				 !(tiers = gate_calloc(st->ntiers ? st->ntiers : 1, 1, err))))
		goto done;
	/* The verdict each commit landed with, as audit shows it. */
	if (change->ncommits &&
	    gate_audit_landed_find(landed, repo, change->commits, change->ncommits, base, err) < 0)
		goto done;
	/* When each commit first failed: the notes' history keeps verdicts
	 * that later ones replaced. */
	if (change->ncommits) {
		if (!(ids = gate_calloc(change->ncommits, sizeof(*ids), err)) ||
		    !(first_fail = gate_calloc(change->ncommits, sizeof(*first_fail), err)))
			goto done;
		for (c = 0; c < change->ncommits; c++)
			ids[c] = change->commits[c].sha;
		if (gate_verdict_first_failures(first_fail, repo, ids, change->ncommits, err) < 0)
			goto done;
	}
	for (c = 0; c < change->ncommits; c++) {
		const gate_commit *commit = &change->commits[c];
		gate_stats_period *p;
		gate_provenance prov;
		gate_verdict_note note;
		finding_ctx fc;
		char key[16];

		if (progress && c % 500 == 0)
			progress(c, change->ncommits, payload);
		if (st->since >= 0 && commit->author_time < st->since) {
			st->earlier++;
			continue;
		}
		period_key(key, st->kind, commit->author_time);
		if (!(p = period_for(st, key, &hint, err)))
			goto done;
		memset(&prov, 0, sizeof(prov));
		if (gate_provenance_assess_at(&prov, policy, repo, commit, &scratch, err) < 0) {
			gate_provenance_dispose(&prov);
			goto done;
		}
		memset(tiers, 0, st->ntiers ? st->ntiers : 1);
		if (gate_history_tiers_at(tiers, change, c, repo, policy, NULL, err) < 0) {
			gate_provenance_dispose(&prov);
			goto done;
		}
		facts.ai = prov.ai_assisted != 0;
		facts.signed_off = prov.signed_off != 0;
		gate_provenance_dispose(&prov);
		facts.landed = landed[c].state;
		/* What the verdict on this very commit recorded. */
		facts.nfound = 0;
		fc.st = st;
		fc.facts = &facts;
		fc.failed = 0;
		fc.err = err;
		if (gate_verdict_note_read_findings(&note, repo, commit->sha, NULL, NULL,
						    on_finding, &fc, err) < 0 ||
		    fc.failed)
			goto done;
		facts.verdict =
		    note.landed != GATE_LANDED_NONE && note.landed != GATE_LANDED_INVALID;
		facts.waivers = note.nwaivers;
		facts.override = note.landed == GATE_LANDED_OVERRIDE;
		/* A verdict before the author's date (a clock off, or a date
		 * set by hand) counts as no time at all. */
		facts.failed = first_fail[c] < 0 ? -1
			       : first_fail[c] < commit->author_time
				   ? 0
				   : first_fail[c] - commit->author_time;
		/* The period's figures and each touched tier's, from the same
		 * facts. */
		if (counts_add(&p->all, &facts, st->rules.count, err) < 0 ||
		    (facts.failed >= 0 && times_add(&st->failures, facts.failed, err) < 0))
			goto done;
		for (t = 0; t < st->ntiers; t++)
			if (tiers[t] && counts_add(&p->tiers[t], &facts, st->rules.count, err) < 0)
				goto done;
		st->commits++;
	}
	if (progress)
		progress(change->ncommits, change->ncommits, payload);
	/* Periods in order: each carries its own counts. */
	if (st->nperiods)
		qsort(st->periods, st->nperiods, sizeof(*st->periods), by_key);
	for (c = 0; c < st->nperiods; c++) {
		sort_times(&st->periods[c].all.failures);
		for (t = 0; t < st->ntiers; t++)
			sort_times(&st->periods[c].tiers[t].failures);
	}
	sort_times(&st->failures);
	error = 0;
done:
	free(facts.rule);
	free(facts.count);
	free(ids);
	free(first_fail);
	free(landed);
	free(tiers);
	gate_buf_dispose(&scratch);
	return error;
}

/* ---- JSON -------------------------------------------------------------- */

static double share(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : 0.0;
}

static int json_landed(gate_jsonw *w, const size_t *landed)
{
	int s;

	if (gate_jsonw_object(w, "landed") < 0)
		return -1;
	for (s = GATE_LANDED_NONE; s <= GATE_LANDED_INVALID; s++)
		if (gate_jsonw_number(w, gate_landed_name((gate_landed)s), (double)landed[s]) < 0)
			return -1;
	return gate_jsonw_close(w);
}

/* "failed_commits" and "hours_to_first_failure": {"median", "p90"}, or
 * null when no commit failed. */
static int json_to_failure(gate_jsonw *w, const gate_stats_times *t)
{
	double median, p90;
	size_t n = gate_stats_time_to_failure(t, &median, &p90);

	if (gate_jsonw_number(w, "failed_commits", (double)n) < 0)
		return -1;
	if (!n)
		return gate_jsonw_null(w, "hours_to_first_failure");
	return gate_jsonw_object(w, "hours_to_first_failure") < 0 ||
		       gate_jsonw_number(w, "median", median) < 0 ||
		       gate_jsonw_number(w, "p90", p90) < 0 || gate_jsonw_close(w) < 0
		   ? -1
		   : 0;
}

size_t gate_stats_found(const gate_stats_counts *c, size_t rule)
{
	return rule < c->nrules ? c->rules[rule] : 0;
}

/* The figures of `c`, the same members for a period and for a tier. */
static int json_counts(gate_jsonw *w, const gate_stats_counts *c)
{
	return gate_jsonw_number(w, "commits", (double)c->commits) < 0 ||
		       gate_jsonw_number(w, "ai_assisted", (double)c->ai) < 0 ||
		       gate_jsonw_number(w, "ai_share", share(c->ai, c->commits)) < 0 ||
		       gate_jsonw_number(w, "signed_off", (double)c->signed_off) < 0 ||
		       gate_jsonw_number(w, "signoff_share", share(c->signed_off, c->commits)) <
			   0 ||
		       json_landed(w, c->landed) < 0 ||
		       gate_jsonw_number(w, "verdicts", (double)c->verdicts) < 0 ||
		       gate_jsonw_number(w, "waivers", (double)c->waivers) < 0 ||
		       gate_jsonw_number(w, "overrides", (double)c->overrides) < 0 ||
		       json_to_failure(w, &c->failures) < 0
		   ? -1
		   : 0;
}

/* "findings": [{"rule", "count"}] of `c`, the rules with any. */
static int json_findings(gate_jsonw *w, const gate_stats *st, const gate_stats_counts *c)
{
	size_t r;

	if (gate_jsonw_array(w, "findings") < 0)
		return -1;
	for (r = 0; r < st->rules.count; r++) {
		size_t n = gate_stats_found(c, r);

		if (n && (gate_jsonw_object(w, NULL) < 0 ||
			  gate_jsonw_text(w, "rule", st->rules.items[r]) < 0 ||
			  gate_jsonw_number(w, "count", (double)n) < 0 || gate_jsonw_close(w) < 0))
			return -1;
	}
	return gate_jsonw_close(w);
}

int gate_stats_json(gate_buf *out, const gate_stats *st, const gate_stats_info *info,
		    gate_error *err)
{
	const gate_policy *policy = info->policy;
	size_t tot[GATE_LANDED_INVALID + 1], commits = 0, ai = 0, so = 0, wv = 0, ov = 0, vd = 0;
	size_t i, t, r;
	gate_jsonw w;
	int s, error = 0;

	memset(tot, 0, sizeof(tot));
	for (i = 0; i < st->nperiods; i++) {
		const gate_stats_counts *p = &st->periods[i].all;

		commits += p->commits;
		ai += p->ai;
		so += p->signed_off;
		wv += p->waivers;
		ov += p->overrides;
		vd += p->verdicts;
		for (s = 0; s <= GATE_LANDED_INVALID; s++)
			tot[s] += p->landed[s];
	}
	gate_jsonw_init(&w, out, err);
	if (gate_jsonw_object(&w, NULL) < 0 || gate_jsonw_number(&w, "schema_version", 1) < 0 ||
	    gate_jsonw_object(&w, "tool") < 0 || gate_jsonw_text(&w, "name", "riskgate") < 0 ||
	    gate_jsonw_text(&w, "version", GATE_VERSION) < 0 || gate_jsonw_close(&w) < 0 ||
	    gate_jsonw_text(&w, "spec", info->spec) < 0 ||
	    gate_jsonw_text(&w, "head", info->head) < 0 ||
	    gate_jsonw_text_or_null(&w, "since", info->since) < 0 ||
	    gate_jsonw_text(&w, "period", st->kind == GATE_STATS_WEEK ? "week" : "month") < 0 ||
	    gate_jsonw_object(&w, "policy") < 0 ||
	    gate_jsonw_text(&w, "source", policy->source) < 0 ||
	    gate_jsonw_text(&w, "sha256", policy->sha256) < 0 || gate_jsonw_close(&w) < 0 ||
	    gate_jsonw_object(&w, "totals") < 0 ||
	    gate_jsonw_number(&w, "commits", (double)commits) < 0 ||
	    gate_jsonw_number(&w, "ai_assisted", (double)ai) < 0 ||
	    gate_jsonw_number(&w, "signed_off", (double)so) < 0 || json_landed(&w, tot) < 0 ||
	    gate_jsonw_number(&w, "verdicts", (double)vd) < 0 ||
	    gate_jsonw_number(&w, "waivers", (double)wv) < 0 ||
	    gate_jsonw_number(&w, "overrides", (double)ov) < 0 ||
	    json_to_failure(&w, &st->failures) < 0 ||
	    gate_jsonw_number(&w, "earlier_commits_left_out", (double)st->earlier) < 0 ||
	    gate_jsonw_close(&w) < 0 || gate_jsonw_array(&w, "periods") < 0)
		error = -1;
	for (i = 0; !error && i < st->nperiods; i++) {
		const gate_stats_period *p = &st->periods[i];

		if (gate_jsonw_object(&w, NULL) < 0 || gate_jsonw_text(&w, "period", p->key) < 0 ||
		    json_counts(&w, &p->all) < 0 || gate_jsonw_array(&w, "tiers") < 0) {
			error = -1;
			break;
		}
		for (t = 0; !error && t < st->ntiers; t++)
			if (gate_jsonw_object(&w, NULL) < 0 ||
			    gate_jsonw_text(&w, "tier", policy->tiers[t].name) < 0 ||
			    json_counts(&w, &p->tiers[t]) < 0 ||
			    json_findings(&w, st, &p->tiers[t]) < 0 || gate_jsonw_close(&w) < 0)
				error = -1;
		if (error || gate_jsonw_close(&w) < 0 || json_findings(&w, st, &p->all) < 0 ||
		    gate_jsonw_close(&w) < 0)
			error = -1;
	}
	if (!error && (gate_jsonw_close(&w) < 0 || gate_jsonw_array(&w, "rules") < 0))
		error = -1;
	for (r = 0; !error && r < st->rules.count; r++) {
		size_t n = 0;

		for (i = 0; i < st->nperiods; i++)
			n += gate_stats_found(&st->periods[i].all, r);
		if (gate_jsonw_object(&w, NULL) < 0 ||
		    gate_jsonw_text(&w, "rule", st->rules.items[r]) < 0 ||
		    gate_jsonw_number(&w, "count", (double)n) < 0 || gate_jsonw_close(&w) < 0)
			error = -1;
	}
	if (!error && (gate_jsonw_close(&w) < 0 || gate_jsonw_close(&w) < 0))
		error = -1;
	return gate_jsonw_finish(&w, error);
}

/* ---- Markdown ---------------------------------------------------------- */

static int md_percent(gate_buf *out, size_t part, size_t whole, gate_error *err)
{
	if (!whole)
		return gate_buf_puts(out, "-", err);
	return gate_buf_printf(out, err, "%zu (%.0f%%)", part, 100.0 * share(part, whole));
}

/* "N | median, p90 |": the last two cells of a row. */
static int md_to_failure(gate_buf *out, const gate_stats_times *t, gate_error *err)
{
	double median, p90;
	size_t n = gate_stats_time_to_failure(t, &median, &p90);

	if (!n)
		return gate_buf_puts(out, "0 | - |\n", err);
	return gate_buf_printf(out, err, "%zu | %.1f, %.1f |\n", n, median, p90);
}

static const char md_head[] =
    "| Period | Commits | AI-assisted | Signed off | Landed pass | Override | "
    "Fail | Error | Invalid | No verdict | Waivers | Overrides | Failed once | "
    "Hours to first failure (median, p90) |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

/* A row of the period table or of a tier's: the same cells. */
static int md_row(gate_buf *out, const char *key, const gate_stats_counts *c, gate_error *err)
{
	return gate_buf_printf(out, err, "| %s | %zu | ", key, c->commits) < 0 ||
		       md_percent(out, c->ai, c->commits, err) < 0 ||
		       gate_buf_puts(out, " | ", err) < 0 ||
		       md_percent(out, c->signed_off, c->commits, err) < 0 ||
		       gate_buf_printf(out, err,
				       " | %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu | ",
				       c->landed[GATE_LANDED_PASS], c->landed[GATE_LANDED_OVERRIDE],
				       c->landed[GATE_LANDED_FAIL], c->landed[GATE_LANDED_ERROR],
				       c->landed[GATE_LANDED_INVALID], c->landed[GATE_LANDED_NONE],
				       c->waivers, c->overrides) < 0 ||
		       md_to_failure(out, &c->failures, err) < 0
		   ? -1
		   : 0;
}

/* The counts of period `i`: all its commits (tier < 0), or those that
 * touch tier `tier`. */
static const gate_stats_counts *counts_of(const gate_stats *st, size_t i, long tier)
{
	return tier < 0 ? &st->periods[i].all : &st->periods[i].tiers[tier];
}

/* "| Period | Rule | Findings |" over the periods, for all commits or a
 * tier's. */
static int md_findings(gate_buf *out, const gate_stats *st, long tier, gate_error *err)
{
	size_t i, r, rows = 0;

	for (i = 0; i < st->nperiods; i++)
		for (r = 0; r < st->rules.count; r++) {
			size_t n = gate_stats_found(counts_of(st, i, tier), r);

			if (!n)
				continue;
			if ((!rows++ &&
			     gate_buf_puts(out, "| Period | Rule | Findings |\n|---|---|---:|\n",
					   err) < 0) ||
			    gate_buf_printf(out, err, "| %s | ", st->periods[i].key) < 0 ||
			    gate_escape_markdown_cell_code(out, st->rules.items[r],
							   strlen(st->rules.items[r]), err) < 0 ||
			    gate_buf_printf(out, err, " | %zu |\n", n) < 0)
				return -1;
		}
	if (!rows)
		return gate_buf_puts(out, "No recorded verdict has findings.\n", err);
	return 0;
}

int gate_stats_markdown(gate_buf *out, const gate_stats *st, const gate_stats_info *info,
			gate_error *err)
{
	const gate_policy *policy = info->policy;
	size_t i, t;

	if (gate_buf_puts(out, "## riskgate trends: ", err) < 0 ||
	    gate_escape_markdown_code(out, info->spec, strlen(info->spec), err) < 0 ||
	    gate_buf_printf(out, err, "\n\n%zu commit%s by %s", st->commits,
			    st->commits == 1 ? "" : "s",
			    st->kind == GATE_STATS_WEEK ? "ISO week" : "month") < 0 ||
	    (info->since && gate_buf_printf(out, err, " since %s", info->since) < 0) ||
	    gate_buf_puts(out, ", policy ", err) < 0 ||
	    gate_escape_markdown_code(out, policy->source, strlen(policy->source), err) < 0 ||
	    gate_buf_printf(out, err, " (sha256 `%.12s`).\n\n", policy->sha256) < 0 ||
	    gate_buf_puts(out, md_head, err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++)
		if (md_row(out, st->periods[i].key, &st->periods[i].all, err) < 0)
			return -1;
	if (gate_buf_puts(out, "\n### Findings by rule (recorded verdicts)\n\n", err) < 0 ||
	    md_findings(out, st, -1, err) < 0)
		return -1;
	/* Each tier: its commits' rows, the periods it has commits in. */
	for (t = 0; t < st->ntiers; t++) {
		if (gate_buf_puts(out, "\n### Tier ", err) < 0 ||
		    gate_escape_markdown_code(out, policy->tiers[t].name,
					      strlen(policy->tiers[t].name), err) < 0 ||
		    gate_buf_puts(out, "\n\n", err) < 0)
			return -1;
		for (i = 0; i < st->nperiods && !st->periods[i].tiers[t].commits; i++)
			;
		if (i == st->nperiods) {
			if (gate_buf_puts(out, "No commit touches this tier.\n", err) < 0)
				return -1;
			continue;
		}
		if (gate_buf_puts(out, md_head, err) < 0)
			return -1;
		for (i = 0; i < st->nperiods; i++)
			if (st->periods[i].tiers[t].commits &&
			    md_row(out, st->periods[i].key, &st->periods[i].tiers[t], err) < 0)
				return -1;
		if (gate_buf_puts(out, "\nFindings by rule:\n\n", err) < 0 ||
		    md_findings(out, st, (long)t, err) < 0)
			return -1;
	}
	return 0;
}
