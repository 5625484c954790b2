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

void gate_stats_dispose(gate_stats *st)
{
	size_t i;

	for (i = 0; i < st->nperiods; i++) {
		free(st->periods[i].tier_commits);
		free(st->periods[i].tier_ai);
		free(st->periods[i].tier_signed);
		free(st->periods[i].rules);
		free(st->periods[i].failures.v);
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
	p->tier_commits = gate_calloc(st->ntiers ? st->ntiers : 1, sizeof(size_t), err);
	p->tier_ai = gate_calloc(st->ntiers ? st->ntiers : 1, sizeof(size_t), err);
	p->tier_signed = gate_calloc(st->ntiers ? st->ntiers : 1, sizeof(size_t), err);
	if (!p->tier_commits || !p->tier_ai || !p->tier_signed) {
		free(p->tier_commits);
		free(p->tier_ai);
		free(p->tier_signed);
		return NULL;
	}
	*hint = st->nperiods++;
	return p;
}

/* A verdict's findings, counted into its period. */
typedef struct {
	gate_stats *st;
	gate_stats_period *period;
	int failed;
	gate_error *err;
} finding_ctx;

static void on_finding(const char *rule, size_t count, void *payload)
{
	finding_ctx *f = payload;
	gate_stats *st = f->st;
	gate_stats_period *p = f->period;
	size_t r;

	if (f->failed)
		return;
	for (r = 0; r < st->rules.count && strcmp(st->rules.items[r], rule) != 0; r++)
		;
	if (r == st->rules.count && gate_strlist_add(&st->rules, rule, f->err) < 0) {
		f->failed = 1;
		return;
	}
	if (r >= p->nrules) {
		size_t n = st->rules.count + 8, *grown = realloc(p->rules, n * sizeof(*grown));

		if (!grown) {
			gate_error_set(f->err, GATE_ERR_NOMEM, "out of memory");
			f->failed = 1;
			return;
		}
		memset(grown + p->nrules, 0, (n - p->nrules) * sizeof(*grown));
		p->rules = grown;
		p->nrules = n;
	}
	p->rules[r] += count;
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
	size_t c, t, hint = 0;
	int error = -1;

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
		p->commits++;
		p->ai += prov.ai_assisted != 0;
		p->signed_off += prov.signed_off != 0;
		p->landed[landed[c].state]++;
		for (t = 0; t < st->ntiers; t++) {
			if (!tiers[t])
				continue;
			p->tier_commits[t]++;
			p->tier_ai[t] += prov.ai_assisted != 0;
			p->tier_signed[t] += prov.signed_off != 0;
		}
		gate_provenance_dispose(&prov);
		/* What the verdict on this very commit recorded. */
		fc.st = st;
		fc.period = p;
		fc.failed = 0;
		fc.err = err;
		if (gate_verdict_note_read_findings(&note, repo, commit->sha, NULL, NULL,
						    on_finding, &fc, err) < 0 ||
		    fc.failed)
			goto done;
		if (note.landed != GATE_LANDED_NONE && note.landed != GATE_LANDED_INVALID) {
			p->verdicts++;
			p->waivers += note.nwaivers;
			p->overrides += note.landed == GATE_LANDED_OVERRIDE;
		}
		/* A verdict before the author's date (a clock off, or a date
		 * set by hand) counts as no time at all. */
		if (first_fail[c] >= 0) {
			long long took = first_fail[c] - commit->author_time;

			if (took < 0)
				took = 0;
			if (times_add(&p->failures, took, err) < 0 ||
			    times_add(&st->failures, took, err) < 0)
				goto done;
		}
		st->commits++;
	}
	if (progress)
		progress(change->ncommits, change->ncommits, payload);
	/* Periods in order: each carries its own counts. */
	if (st->nperiods)
		qsort(st->periods, st->nperiods, sizeof(*st->periods), by_key);
	for (c = 0; c < st->nperiods; c++)
		if (st->periods[c].failures.n)
			qsort(st->periods[c].failures.v, st->periods[c].failures.n,
			      sizeof(long long), by_time);
	if (st->failures.n)
		qsort(st->failures.v, st->failures.n, sizeof(long long), by_time);
	error = 0;
done:
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

size_t gate_stats_found(const gate_stats_period *p, size_t rule)
{
	return rule < p->nrules ? p->rules[rule] : 0;
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
		const gate_stats_period *p = &st->periods[i];

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
		    gate_jsonw_number(&w, "commits", (double)p->commits) < 0 ||
		    gate_jsonw_number(&w, "ai_assisted", (double)p->ai) < 0 ||
		    gate_jsonw_number(&w, "ai_share", share(p->ai, p->commits)) < 0 ||
		    gate_jsonw_number(&w, "signed_off", (double)p->signed_off) < 0 ||
		    gate_jsonw_number(&w, "signoff_share", share(p->signed_off, p->commits)) < 0 ||
		    json_landed(&w, p->landed) < 0 ||
		    gate_jsonw_number(&w, "verdicts", (double)p->verdicts) < 0 ||
		    gate_jsonw_number(&w, "waivers", (double)p->waivers) < 0 ||
		    gate_jsonw_number(&w, "overrides", (double)p->overrides) < 0 ||
		    json_to_failure(&w, &p->failures) < 0 || gate_jsonw_array(&w, "tiers") < 0) {
			error = -1;
			break;
		}
		for (t = 0; !error && t < st->ntiers; t++)
			if (gate_jsonw_object(&w, NULL) < 0 ||
			    gate_jsonw_text(&w, "tier", policy->tiers[t].name) < 0 ||
			    gate_jsonw_number(&w, "commits", (double)p->tier_commits[t]) < 0 ||
			    gate_jsonw_number(&w, "ai_assisted", (double)p->tier_ai[t]) < 0 ||
			    gate_jsonw_number(&w, "signed_off", (double)p->tier_signed[t]) < 0 ||
			    gate_jsonw_close(&w) < 0)
				error = -1;
		if (error || gate_jsonw_close(&w) < 0 || gate_jsonw_array(&w, "findings") < 0) {
			error = -1;
			break;
		}
		for (r = 0; !error && r < st->rules.count; r++) {
			size_t n = gate_stats_found(p, r);

			if (n && (gate_jsonw_object(&w, NULL) < 0 ||
				  gate_jsonw_text(&w, "rule", st->rules.items[r]) < 0 ||
				  gate_jsonw_number(&w, "count", (double)n) < 0 ||
				  gate_jsonw_close(&w) < 0))
				error = -1;
		}
		if (error || gate_jsonw_close(&w) < 0 || gate_jsonw_close(&w) < 0)
			error = -1;
	}
	if (!error && (gate_jsonw_close(&w) < 0 || gate_jsonw_array(&w, "rules") < 0))
		error = -1;
	for (r = 0; !error && r < st->rules.count; r++) {
		size_t n = 0;

		for (i = 0; i < st->nperiods; i++)
			n += gate_stats_found(&st->periods[i], r);
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

/* "N | median, p90 |": the last two cells of a period's row. */
static int md_to_failure(gate_buf *out, const gate_stats_times *t, gate_error *err)
{
	double median, p90;
	size_t n = gate_stats_time_to_failure(t, &median, &p90);

	if (!n)
		return gate_buf_puts(out, "0 | - |\n", err);
	return gate_buf_printf(out, err, "%zu | %.1f, %.1f |\n", n, median, p90);
}

int gate_stats_markdown(gate_buf *out, const gate_stats *st, const gate_stats_info *info,
			gate_error *err)
{
	const gate_policy *policy = info->policy;
	size_t i, t, r;
	int error;

	if (gate_buf_puts(out, "## riskgate trends: ", err) < 0 ||
	    gate_escape_markdown_code(out, info->spec, strlen(info->spec), err) < 0 ||
	    gate_buf_printf(out, err, "\n\n%zu commit%s by %s", st->commits,
			    st->commits == 1 ? "" : "s",
			    st->kind == GATE_STATS_WEEK ? "ISO week" : "month") < 0 ||
	    (info->since && gate_buf_printf(out, err, " since %s", info->since) < 0) ||
	    gate_buf_puts(out, ", policy ", err) < 0 ||
	    gate_escape_markdown_code(out, policy->source, strlen(policy->source), err) < 0 ||
	    gate_buf_printf(out, err, " (sha256 `%.12s`).\n\n", policy->sha256) < 0 ||
	    gate_buf_puts(
		out,
		"| Period | Commits | AI-assisted | Signed off | Landed pass | Override | "
		"Fail | Error | Invalid | No verdict | Waivers | Failed once | "
		"Hours to first failure (median, p90) |\n"
		"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
		err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++) {
		const gate_stats_period *p = &st->periods[i];

		if (gate_buf_printf(out, err, "| %s | %zu | ", p->key, p->commits) < 0 ||
		    md_percent(out, p->ai, p->commits, err) < 0 ||
		    gate_buf_puts(out, " | ", err) < 0 ||
		    md_percent(out, p->signed_off, p->commits, err) < 0 ||
		    gate_buf_printf(out, err, " | %zu | %zu | %zu | %zu | %zu | %zu | %zu | ",
				    p->landed[GATE_LANDED_PASS], p->landed[GATE_LANDED_OVERRIDE],
				    p->landed[GATE_LANDED_FAIL], p->landed[GATE_LANDED_ERROR],
				    p->landed[GATE_LANDED_INVALID], p->landed[GATE_LANDED_NONE],
				    p->waivers) < 0 ||
		    md_to_failure(out, &p->failures, err) < 0)
			return -1;
	}
	if (gate_buf_puts(
		out,
		"\n### By tier\n\n| Period | Tier | Commits | AI-assisted | Signed off |\n"
		"|---|---|---:|---:|---:|\n",
		err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++)
		for (t = 0; t < st->ntiers; t++) {
			const gate_stats_period *p = &st->periods[i];

			if (!p->tier_commits[t])
				continue;
			if (gate_buf_printf(out, err, "| %s | ", p->key) < 0 ||
			    gate_escape_markdown_cell_code(out, policy->tiers[t].name,
							   strlen(policy->tiers[t].name),
							   err) < 0 ||
			    gate_buf_printf(out, err, " | %zu | ", p->tier_commits[t]) < 0 ||
			    md_percent(out, p->tier_ai[t], p->tier_commits[t], err) < 0 ||
			    gate_buf_puts(out, " | ", err) < 0 ||
			    md_percent(out, p->tier_signed[t], p->tier_commits[t], err) < 0 ||
			    gate_buf_puts(out, " |\n", err) < 0)
				return -1;
		}
	if (gate_buf_puts(out, "\n### Findings by rule (recorded verdicts)\n\n", err) < 0)
		return -1;
	if (!st->rules.count)
		return gate_buf_puts(out, "No recorded verdict has findings.\n", err);
	error = gate_buf_puts(out, "| Period | Rule | Findings |\n|---|---|---:|\n", err);
	for (i = 0; !error && i < st->nperiods; i++)
		for (r = 0; !error && r < st->rules.count; r++) {
			size_t n = gate_stats_found(&st->periods[i], r);

			if (n &&
			    (gate_buf_printf(out, err, "| %s | ", st->periods[i].key) < 0 ||
			     gate_escape_markdown_cell_code(out, st->rules.items[r],
							    strlen(st->rules.items[r]), err) < 0 ||
			     gate_buf_printf(out, err, " | %zu |\n", n) < 0))
				error = -1;
		}
	return error;
}
