/*
 * Trends as one self-contained HTML page (docs/audit.md, "Trends"): the
 * charts are inline SVG drawn here, the style is inline, there is no script
 * and nothing is fetched, so the file opens offline and can be attached to
 * a review as it is.
 */
#include "riskgate/banned.h"

#include <math.h>
#include <string.h>

#include "riskgate/escape.h"
#include "riskgate/stats.h"
#include "riskgate/version.h"

/* The plot area of every chart, in SVG user units. */
#define CHART_W    960.0
#define CHART_H    300.0
#define PAD_LEFT   56.0
#define PAD_RIGHT  16.0
#define PAD_TOP    16.0
#define PAD_BOTTOM 64.0
/* Rules drawn by name in the findings chart; the rest are "other". */
#define TOP_RULES 6

static const char *const landed_color[GATE_LANDED_INVALID + 1] = {
    "#9e9e9e", /* none */
    "#2e7d32", /* pass */
    "#ef6c00", /* override */
    "#c62828", /* fail */
    "#6a1b9a", /* error */
    "#ad1457", /* invalid */
};

static const char *const rule_color[TOP_RULES + 1] = {"#1565c0", "#00838f", "#f9a825", "#6d4c41",
						      "#5e35b1", "#d81b60", "#78909c"};

static int text(gate_buf *out, const char *s, gate_error *err)
{
	return gate_escape_html_text(out, s, strlen(s), err);
}

static double plot_w(void)
{
	return CHART_W - PAD_LEFT - PAD_RIGHT;
}

static double plot_h(void)
{
	return CHART_H - PAD_TOP - PAD_BOTTOM;
}

/*
 * A value axis: from 0 to `top` in `ticks` steps of `step`, a 1, 2 or 5
 * times a power of ten, so that every label is a round number, the
 * labels are distinct (each is printed with the decimals its step needs)
 * and the top is at or above the data's maximum.
 */
typedef struct {
	double step, top;
	int ticks;    /* intervals, 1 to MAX_TICKS */
	int decimals; /* of a label: those of the step */
	int percent;  /* labels are 100 times the value, with "%" */
} chart_axis;

#define MAX_TICKS 5

/* The axis for data up to `max`; `whole`: the data are counts, so no step
 * is below 1. */
static void axis_for(chart_axis *a, double max, int whole, int percent)
{
	static const double mult[] = {1, 2, 5};
	double base = 1, target;
	int k = 0, j;

	if (!(max > 0))
		max = 1; /* no data (or NaN): an axis of one step */
	target = max / MAX_TICKS;
	/* base = 10^k, at most target, more than target / 10. */
	while (base * 10 <= target) {
		base *= 10;
		k++;
	}
	while (base > target && k > -12) {
		base /= 10;
		k--;
	}
	for (;;) {
		for (j = 0; j < 3; j++) {
			double step = mult[j] * base;
			double n = ceil(max / step - 1e-9);

			if ((whole && step < 1) || n > MAX_TICKS)
				continue;
			a->step = step;
			a->ticks = n < 1 ? 1 : (int)n;
			a->top = a->ticks * step;
			/* A label has the step's decimals; a percent two
			 * fewer. */
			a->decimals = k < 0 ? -k : 0;
			if (percent)
				a->decimals = a->decimals > 2 ? a->decimals - 2 : 0;
			a->percent = percent;
			return;
		}
		base *= 10;
		k++;
	}
}

/* Opens a chart: the SVG, its title for screen readers, grid lines and
 * their labels, and the periods along the bottom. */
static int chart_open(gate_buf *out, const gate_stats *st, const char *id, const char *title,
		      const chart_axis *axis, gate_error *err)
{
	size_t i, every = st->nperiods > 24 ? (st->nperiods + 23) / 24 : 1;
	int g;

	if (gate_buf_printf(out, err,
			    "<figure><svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" "
			    "role=\"img\" aria-labelledby=\"%s-t\"><title id=\"%s-t\">",
			    id, CHART_W, CHART_H, id, id) < 0 ||
	    text(out, title, err) < 0 || gate_buf_puts(out, "</title>\n", err) < 0)
		return -1;
	for (g = 0; g <= axis->ticks; g++) {
		double y = PAD_TOP + plot_h() * (1.0 - (double)g / axis->ticks),
		       v = axis->step * g * (axis->percent ? 100.0 : 1.0);

		if (gate_buf_printf(out, err,
				    "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				    "y2=\"%.1f\"/><text class=\"axis tick\" x=\"%.1f\" y=\"%.1f\" "
				    "text-anchor=\"end\">%.*f%s</text>\n",
				    PAD_LEFT, CHART_W - PAD_RIGHT, y, y, PAD_LEFT - 6, y + 4,
				    axis->decimals, v, axis->percent ? "%" : "") < 0)
			return -1;
	}
	for (i = 0; i < st->nperiods; i += every) {
		double x = PAD_LEFT + plot_w() * (i + 0.5) / (double)st->nperiods;

		if (gate_buf_printf(out, err,
				    "<text class=\"axis\" transform=\"translate(%.1f %.1f) "
				    "rotate(-45)\" text-anchor=\"end\">%s</text>\n",
				    x, CHART_H - PAD_BOTTOM + 14, st->periods[i].key) < 0)
			return -1;
	}
	return 0;
}

static int legend_item(gate_buf *out, const char *color, const char *name, gate_error *err)
{
	return gate_buf_printf(out, err, "<span class=\"key\"><i style=\"background:%s\"></i>",
			       color) < 0 ||
		       text(out, name, err) < 0 || gate_buf_puts(out, "</span>", err) < 0
		   ? -1
		   : 0;
}

/* A stacked bar segment of `v` units at height `base` units. */
static int bar(gate_buf *out, const gate_stats *st, size_t i, double base, double v, double ymax,
	       const char *color, const char *what, gate_error *err)
{
	double slot = plot_w() / (double)st->nperiods, w = slot * 0.7;
	double x = PAD_LEFT + slot * (double)i + (slot - w) / 2;
	double y = PAD_TOP + plot_h() * (1.0 - (base + v) / ymax), h = plot_h() * v / ymax;

	if (v <= 0)
		return 0;
	if (gate_buf_printf(out, err,
			    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
			    "fill=\"%s\"><title>%s: ",
			    x, y, w, h, color, st->periods[i].key) < 0 ||
	    text(out, what, err) < 0 || gate_buf_printf(out, err, " %g</title></rect>\n", v) < 0)
		return -1;
	return 0;
}

static int chart_verdicts(gate_buf *out, const gate_stats *st, gate_error *err)
{
	double ymax = 0;
	chart_axis axis;
	size_t i;
	int s;

	for (i = 0; i < st->nperiods; i++)
		if ((double)st->periods[i].all.commits > ymax)
			ymax = (double)st->periods[i].all.commits;
	axis_for(&axis, ymax, 1, 0);
	ymax = axis.top;
	if (gate_buf_puts(out, "<h2>Commits by the verdict they landed with</h2>\n", err) < 0 ||
	    chart_open(out, st, "verdicts", "Commits per period by the verdict they landed with",
		       &axis, err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++) {
		double base = 0;
		/* Pass at the bottom, no verdict on top. */
		static const int order[] = {GATE_LANDED_PASS,    GATE_LANDED_OVERRIDE,
					    GATE_LANDED_FAIL,    GATE_LANDED_ERROR,
					    GATE_LANDED_INVALID, GATE_LANDED_NONE};

		for (s = 0; s < 6; s++) {
			double v = (double)st->periods[i].all.landed[order[s]];

			if (bar(out, st, i, base, v, ymax, landed_color[order[s]],
				gate_landed_name((gate_landed)order[s]), err) < 0)
				return -1;
			base += v;
		}
	}
	if (gate_buf_puts(out, "</svg><figcaption>", err) < 0)
		return -1;
	for (s = GATE_LANDED_PASS; s <= GATE_LANDED_INVALID; s++)
		if (legend_item(out, landed_color[s], gate_landed_name((gate_landed)s), err) < 0)
			return -1;
	if (legend_item(out, landed_color[GATE_LANDED_NONE], "no verdict", err) < 0)
		return -1;
	return gate_buf_puts(out, "</figcaption></figure>\n", err);
}

/* A line through each period's share `part(p) / commits(p)`. */
static int share_line(gate_buf *out, const gate_stats *st, int signed_off, const char *color,
		      gate_error *err)
{
	size_t i;

	if (gate_buf_printf(out, err,
			    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"",
			    color) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++) {
		const gate_stats_period *p = &st->periods[i];
		double v = p->all.commits ? (double)(signed_off ? p->all.signed_off : p->all.ai) /
						p->all.commits
					  : 0;

		if (gate_buf_printf(out, err, "%s%.2f,%.2f", i ? " " : "",
				    PAD_LEFT + plot_w() * (i + 0.5) / (double)st->nperiods,
				    PAD_TOP + plot_h() * (1.0 - v)) < 0)
			return -1;
	}
	if (gate_buf_puts(out, "\"/>\n", err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++) {
		const gate_stats_period *p = &st->periods[i];
		double v = p->all.commits ? (double)(signed_off ? p->all.signed_off : p->all.ai) /
						p->all.commits
					  : 0;

		if (gate_buf_printf(
			out, err,
			"<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" fill=\"%s\"><title>%s: "
			"%s %.0f%%</title></circle>\n",
			PAD_LEFT + plot_w() * (i + 0.5) / (double)st->nperiods,
			PAD_TOP + plot_h() * (1.0 - v), color, p->key,
			signed_off ? "signed off" : "AI-assisted", 100.0 * v) < 0)
			return -1;
	}
	return 0;
}

static int chart_shares(gate_buf *out, const gate_stats *st, gate_error *err)
{
	chart_axis axis;

	axis_for(&axis, 1.0, 0, 1);
	if (gate_buf_puts(out, "<h2>AI-assisted and signed-off share</h2>\n", err) < 0 ||
	    chart_open(out, st, "shares",
		       "Share of each period's commits that is AI-assisted, and that a human "
		       "signed off",
		       &axis, err) < 0 ||
	    share_line(out, st, 0, "#1565c0", err) < 0 ||
	    share_line(out, st, 1, "#2e7d32", err) < 0 ||
	    gate_buf_puts(out, "</svg><figcaption>", err) < 0 ||
	    legend_item(out, "#1565c0", "AI-assisted", err) < 0 ||
	    legend_item(out, "#2e7d32", "signed off by a human", err) < 0)
		return -1;
	return gate_buf_puts(out, "</figcaption></figure>\n", err);
}

static int chart_findings(gate_buf *out, const gate_stats *st, gate_error *err)
{
	size_t top[TOP_RULES], ntop = 0, i, r, k;
	double ymax = 0;
	chart_axis axis;

	if (gate_buf_puts(out, "<h2>Findings by rule, as the verdicts recorded them</h2>\n", err) <
	    0)
		return -1;
	if (!st->rules.count)
		return gate_buf_puts(
		    out, "<p class=\"empty\">No recorded verdict has findings.</p>\n", err);
	/* The rules with the most findings, by name; the rest together. */
	for (k = 0; k < TOP_RULES && k < st->rules.count; k++) {
		size_t best = SIZE_MAX, best_n = 0;

		for (r = 0; r < st->rules.count; r++) {
			size_t n = 0, j;
			int taken = 0;

			for (j = 0; j < ntop; j++)
				taken |= top[j] == r;
			if (taken)
				continue;
			for (i = 0; i < st->nperiods; i++)
				n += gate_stats_found(&st->periods[i].all, r);
			if (best == SIZE_MAX || n > best_n) {
				best = r;
				best_n = n;
			}
		}
		top[ntop++] = best;
	}
	for (i = 0; i < st->nperiods; i++) {
		double n = 0;

		for (r = 0; r < st->rules.count; r++)
			n += (double)gate_stats_found(&st->periods[i].all, r);
		if (n > ymax)
			ymax = n;
	}
	axis_for(&axis, ymax, 1, 0);
	ymax = axis.top;
	if (chart_open(out, st, "findings", "Findings per period by rule", &axis, err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++) {
		double base = 0, other = 0;

		for (k = 0; k < ntop; k++) {
			double v = (double)gate_stats_found(&st->periods[i].all, top[k]);

			if (bar(out, st, i, base, v, ymax, rule_color[k], st->rules.items[top[k]],
				err) < 0)
				return -1;
			base += v;
		}
		for (r = 0; r < st->rules.count; r++)
			other += (double)gate_stats_found(&st->periods[i].all, r);
		other -= base;
		if (bar(out, st, i, base, other, ymax, rule_color[TOP_RULES], "other rules", err) <
		    0)
			return -1;
	}
	if (gate_buf_puts(out, "</svg><figcaption>", err) < 0)
		return -1;
	for (k = 0; k < ntop; k++)
		if (legend_item(out, rule_color[k], st->rules.items[top[k]], err) < 0)
			return -1;
	if (st->rules.count > ntop &&
	    legend_item(out, rule_color[TOP_RULES], "other rules", err) < 0)
		return -1;
	return gate_buf_puts(out, "</figcaption></figure>\n", err);
}

/* Tiers drawn in these colours, in the policy's order, again from the
 * first after the last. */
static const char *const tier_color[] = {"#00838f", "#f9a825", "#5e35b1", "#6d4c41",
					 "#d81b60", "#0277bd", "#558b2f"};
#define NTIER_COLORS (sizeof(tier_color) / sizeof(tier_color[0]))

/* The findings of tier `t`'s commits in period `i`. */
static size_t tier_found(const gate_stats *st, size_t i, size_t t)
{
	size_t r, n = 0;

	for (r = 0; r < st->rules.count; r++)
		n += gate_stats_found(&st->periods[i].tiers[t], r);
	return n;
}

/* Per period, a bar for each tier: the findings of the verdicts on the
 * commits that touch it. Side by side, not stacked: a commit that touches
 * two tiers counts in both, so the tiers do not add up to the period. */
static int chart_tier_findings(gate_buf *out, const gate_stats *st, const gate_policy *policy,
			       gate_error *err)
{
	double ymax = 0;
	chart_axis axis;
	size_t i, t;

	if (!st->rules.count || !st->ntiers)
		return 0;
	for (i = 0; i < st->nperiods; i++)
		for (t = 0; t < st->ntiers; t++)
			if ((double)tier_found(st, i, t) > ymax)
				ymax = (double)tier_found(st, i, t);
	axis_for(&axis, ymax, 1, 0);
	ymax = axis.top;
	if (gate_buf_puts(out, "<h2>Findings by tier</h2>\n", err) < 0 ||
	    chart_open(out, st, "tier-findings",
		       "Findings per period of the verdicts on the commits that touch each tier",
		       &axis, err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++) {
		double slot = plot_w() / (double)st->nperiods, w = slot * 0.8 / (double)st->ntiers;

		for (t = 0; t < st->ntiers; t++) {
			double v = (double)tier_found(st, i, t), h = plot_h() * v / ymax;

			if (v <= 0)
				continue;
			if (gate_buf_printf(
				out, err,
				"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
				"fill=\"%s\"><title>%s: tier ",
				PAD_LEFT + slot * (double)i + slot * 0.1 + w * (double)t,
				PAD_TOP + plot_h() - h, w, h, tier_color[t % NTIER_COLORS],
				st->periods[i].key) < 0 ||
			    text(out, policy->tiers[t].name, err) < 0 ||
			    gate_buf_printf(out, err, ", %.0f finding%s</title></rect>\n", v,
					    v == 1 ? "" : "s") < 0)
				return -1;
		}
	}
	if (gate_buf_puts(out, "</svg><figcaption>", err) < 0)
		return -1;
	for (t = 0; t < st->ntiers; t++)
		if (legend_item(out, tier_color[t % NTIER_COLORS], policy->tiers[t].name, err) < 0)
			return -1;
	return gate_buf_puts(out, "</figcaption></figure>\n", err);
}

/* Per period, a bar for the median hours from authoring to the first
 * failing verdict and a tick at the 90th percentile. */
static int chart_to_failure(gate_buf *out, const gate_stats *st, gate_error *err)
{
	double ymax = 0, median, p90;
	chart_axis axis;
	size_t i;

	for (i = 0; i < st->nperiods; i++)
		if (gate_stats_time_to_failure(&st->periods[i].all.failures, &median, &p90) &&
		    p90 > ymax)
			ymax = p90;
	axis_for(&axis, ymax, 0, 0);
	ymax = axis.top;
	if (gate_buf_puts(out, "<h2>Time to first failure</h2>\n", err) < 0 ||
	    chart_open(out, st, "to-failure",
		       "Hours from a commit's authoring to the first verdict that failed it, per "
		       "period: median (bar) and 90th percentile (tick)",
		       &axis, err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++) {
		double slot = plot_w() / (double)st->nperiods, w = slot * 0.7;
		double x = PAD_LEFT + slot * (double)i + (slot - w) / 2, y;
		size_t n = gate_stats_time_to_failure(&st->periods[i].all.failures, &median, &p90);

		if (!n)
			continue;
		if (bar(out, st, i, 0, median, ymax, "#c62828", "median hours to first failure",
			err) < 0)
			return -1;
		y = PAD_TOP + plot_h() * (1.0 - p90 / ymax);
		if (gate_buf_printf(out, err,
				    "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" y2=\"%.2f\" "
				    "stroke=\"#4a148c\" stroke-width=\"3\"><title>%s: 90th "
				    "percentile %.1f hours, %zu commit%s</title></line>\n",
				    x, x + w, y, y, st->periods[i].key, p90, n,
				    n == 1 ? "" : "s") < 0)
			return -1;
	}
	if (gate_buf_puts(out, "</svg><figcaption>", err) < 0 ||
	    legend_item(out, "#c62828", "median hours", err) < 0 ||
	    legend_item(out, "#4a148c", "90th percentile", err) < 0)
		return -1;
	return gate_buf_puts(out, "</figcaption></figure>\n", err);
}

static int pct(gate_buf *out, size_t part, size_t whole, gate_error *err)
{
	if (!whole)
		return gate_buf_puts(out, "<td>-</td>", err);
	return gate_buf_printf(out, err, "<td>%zu <small>(%.0f%%)</small></td>", part,
			       100.0 * (double)part / (double)whole);
}

static const char table_head[] =
    "<table><thead><tr><th>Period</th><th>Commits</th>"
    "<th>AI-assisted</th><th>Signed off</th><th>Pass</th><th>Override</th>"
    "<th>Fail</th><th>Error</th><th>Invalid</th><th>No verdict</th>"
    "<th>Waivers</th><th>Overrides</th><th>Failed once</th>"
    "<th>Hours to first failure (median, p90)</th></tr></thead><tbody>\n";

/* A row of the period table or of a tier's: the same cells. */
static int row(gate_buf *out, const char *key, const gate_stats_counts *c, gate_error *err)
{
	double median, p90;
	size_t n;

	if (gate_buf_printf(out, err, "<tr><td>%s</td><td>%zu</td>", key, c->commits) < 0 ||
	    pct(out, c->ai, c->commits, err) < 0 || pct(out, c->signed_off, c->commits, err) < 0 ||
	    gate_buf_printf(out, err,
			    "<td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td>"
			    "<td>%zu</td><td>%zu</td><td>%zu</td>",
			    c->landed[GATE_LANDED_PASS], c->landed[GATE_LANDED_OVERRIDE],
			    c->landed[GATE_LANDED_FAIL], c->landed[GATE_LANDED_ERROR],
			    c->landed[GATE_LANDED_INVALID], c->landed[GATE_LANDED_NONE], c->waivers,
			    c->overrides) < 0)
		return -1;
	if (!(n = gate_stats_time_to_failure(&c->failures, &median, &p90)))
		return gate_buf_puts(out, "<td>0</td><td>-</td></tr>\n", err);
	return gate_buf_printf(out, err, "<td>%zu</td><td>%.1f, %.1f</td></tr>\n", n, median, p90);
}

/* The findings by rule of tier `tier`'s commits, per period. */
static int tier_findings(gate_buf *out, const gate_stats *st, size_t tier, gate_error *err)
{
	size_t i, r, rows = 0;

	for (i = 0; i < st->nperiods; i++)
		for (r = 0; r < st->rules.count; r++) {
			size_t n = gate_stats_found(&st->periods[i].tiers[tier], r);

			if (!n)
				continue;
			if ((!rows++ &&
			     gate_buf_puts(out,
					   "<table class=\"findings\"><thead><tr><th>Period</th>"
					   "<th>Rule</th><th>Findings</th></tr></thead><tbody>\n",
					   err) < 0) ||
			    gate_buf_printf(out, err, "<tr><td>%s</td><td>", st->periods[i].key) <
				0 ||
			    text(out, st->rules.items[r], err) < 0 ||
			    gate_buf_printf(out, err, "</td><td>%zu</td></tr>\n", n) < 0)
				return -1;
		}
	if (!rows)
		return gate_buf_puts(
		    out,
		    "<p class=\"empty\">No recorded verdict on these commits has findings.</p>\n",
		    err);
	return gate_buf_puts(out, "</tbody></table>\n", err);
}

static int tables(gate_buf *out, const gate_stats *st, const gate_policy *policy, gate_error *err)
{
	size_t i, t;

	if (gate_buf_puts(out, "<h2>Per period</h2>\n", err) < 0 ||
	    gate_buf_puts(out, table_head, err) < 0)
		return -1;
	for (i = 0; i < st->nperiods; i++)
		if (row(out, st->periods[i].key, &st->periods[i].all, err) < 0)
			return -1;
	if (gate_buf_puts(out, "</tbody></table>\n<h2>Per tier</h2>\n", err) < 0)
		return -1;
	/* A table per tier, of the commits that touch it: a verdict's
	 * findings, waivers and override count in each tier its commit
	 * touches. */
	for (t = 0; t < st->ntiers; t++) {
		if (gate_buf_printf(out, err, "<h3 id=\"tier-%zu\">Tier ", t) < 0 ||
		    text(out, policy->tiers[t].name, err) < 0 ||
		    gate_buf_puts(out, "</h3>\n", err) < 0)
			return -1;
		for (i = 0; i < st->nperiods && !st->periods[i].tiers[t].commits; i++)
			;
		if (i == st->nperiods) {
			if (gate_buf_puts(out,
					  "<p class=\"empty\">No commit touches this tier.</p>\n",
					  err) < 0)
				return -1;
			continue;
		}
		if (gate_buf_puts(out, table_head, err) < 0)
			return -1;
		for (i = 0; i < st->nperiods; i++)
			if (st->periods[i].tiers[t].commits &&
			    row(out, st->periods[i].key, &st->periods[i].tiers[t], err) < 0)
				return -1;
		if (gate_buf_puts(out, "</tbody></table>\n", err) < 0 ||
		    tier_findings(out, st, t, err) < 0)
			return -1;
	}
	return 0;
}

int gate_stats_html(gate_buf *out, const gate_stats *st, const gate_stats_info *info,
		    gate_error *err)
{
	const gate_policy *policy = info->policy;

	if (gate_buf_puts(
		out,
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>riskgate trends: ",
		err) < 0 ||
	    text(out, info->spec, err) < 0 ||
	    gate_buf_puts(
		out,
		"</title>\n<style>\n"
		"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px "
		"auto;"
		"max-width:1000px;color:#212121;padding:0 16px}\n"
		"h1{font-size:22px;overflow-wrap:anywhere}h2{font-size:17px;margin-top:32px}\n"
		"svg.chart{width:100%;height:auto;background:#fafafa;border:1px solid #e0e0e0}\n"
		".grid{stroke:#e0e0e0}.axis{font-size:11px;fill:#616161}\n"
		"figure{margin:0}figcaption{margin:6px 0 "
		"0}.key{margin-right:14px;white-space:nowrap}\n"
		".key i{display:inline-block;width:11px;height:11px;margin-right:5px;"
		"vertical-align:-1px}\n"
		"table{border-collapse:collapse;margin-top:8px}td,th{border:1px solid #e0e0e0;"
		"padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}\n"
		"small{color:#757575}.meta{color:#616161;overflow-wrap:anywhere}.empty{color:#"
		"757575}\n"
		"</style></head><body>\n<h1>riskgate trends: ",
		err) < 0 ||
	    text(out, info->spec, err) < 0 ||
	    gate_buf_printf(out, err, "</h1>\n<p class=\"meta\">%zu commit%s by %s", st->commits,
			    st->commits == 1 ? "" : "s",
			    st->kind == GATE_STATS_WEEK ? "ISO week" : "month") < 0 ||
	    (info->since &&
	     (gate_buf_puts(out, " since ", err) < 0 || text(out, info->since, err) < 0)) ||
	    gate_buf_printf(out, err, ", head <code>%.12s</code>, policy ", info->head) < 0 ||
	    text(out, policy->source, err) < 0 ||
	    gate_buf_printf(out, err, " (sha256 <code>%.12s</code>), riskgate %s.</p>\n",
			    policy->sha256, GATE_VERSION) < 0)
		return -1;
	if (!st->nperiods)
		return gate_buf_puts(
		    out, "<p class=\"empty\">No commits in this range.</p>\n</body></html>\n", err);
	if (chart_verdicts(out, st, err) < 0 || chart_shares(out, st, err) < 0 ||
	    chart_findings(out, st, err) < 0 || chart_tier_findings(out, st, policy, err) < 0 ||
	    chart_to_failure(out, st, err) < 0 || tables(out, st, policy, err) < 0)
		return -1;
	return gate_buf_puts(out,
			     "<p class=\"meta\">A commit's verdict is the note under "
			     "refs/notes/riskgate on it or on the head of the change it came in "
			     "with; findings, waivers and overrides are those the verdicts "
			     "recorded. The time to first failure runs from a commit's author "
			     "date to the earliest failing verdict on it that the notes' "
			     "history keeps.</p>\n</body></html>\n",
			     err);
}
