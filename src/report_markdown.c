/*
 * The report as a Markdown step summary (docs/report.md, "`--format markdown`, `--markdown FILE`"):
 * readable in ten seconds, never larger than GitHub accepts (1 MiB), and
 * escaped so that no file name or commit message can leave its code span or
 * table cell, inject HTML, or start a construct of its own.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"
#include "riskgate/escape.h"
#include "riskgate/report.h"
#include "riskgate/walkthrough.h"

/* Bytes kept free for the closing notes, whatever the items took. */
#define MD_RESERVE ((size_t)16 << 10)

/* The most one item (a violation, a table row) can take once escaped. */
#define MD_ITEM_MAX ((size_t)64 << 10)

/* Items listed at most, before the byte budget even matters. */
#define MD_MAX_VIOLATIONS 500
#define MD_MAX_COMMITS    50
#define MD_MAX_WAIVERS    50
#define MD_MAX_AI_FILES   100
#define MD_MAX_AI_RANGES  20 /* of one file */

/* Characters of a commit id shown. */
#define MD_SHORT_OID 12

/* A name as a code span in running text or in a table cell, and a
 * sentence as Markdown text (riskgate/escape.h); NULL shows as a name's
 * "(empty)" or as nothing. */
enum md_ctx { MD_TEXT, MD_CELL };

static int md_name(gate_buf *out, const char *s, enum md_ctx ctx, gate_error *err)
{
	size_t len = s ? strlen(s) : 0;

	if (ctx == MD_CELL)
		return gate_escape_markdown_cell_code(out, s, len, err);
	return gate_escape_markdown_code(out, s, len, err);
}

static int md_prose(gate_buf *out, const char *s, gate_error *err)
{
	return s ? gate_escape_markdown_prose(out, s, strlen(s), err) : 0;
}

/*
 * The byte budget: an item is rendered aside into `item`, then kept only
 * when it fits with MD_RESERVE to spare.
 */
typedef struct {
	gate_buf *out;
	gate_buf item;
} md_doc;

/* Appends the item built in doc->item when it fits; returns 1 when it
 * did, 0 when it was left out, -1 on error. Clears the item either way. */
static int md_commit(md_doc *doc, gate_error *err)
{
	int fits = doc->out->size + doc->item.size + MD_RESERVE <= GATE_REPORT_MARKDOWN_MAX;
	int error = 0;

	if (fits && doc->item.size > 0)
		error = gate_buf_put(doc->out, doc->item.ptr, doc->item.size, err);
	gate_buf_clear(&doc->item);
	if (error < 0)
		return error;
	return fits;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static int md_heading(gate_buf *out, const gate_report *report, gate_verdict verdict, int failed,
		      gate_error *err)
{
	const gate_result *result = report->result;
	const gate_change *change = report->change;
	size_t nviol = 0, nwarn = 0, nai = 0, i;
	int error;

	if (verdict == GATE_VERDICT_PASS)
		error = gate_buf_puts(out, "## \xe2\x9c\x85 riskgate: pass\n\n", err);
	else if (verdict == GATE_VERDICT_FAIL)
		error = gate_buf_puts(out, "## \xe2\x9d\x8c riskgate: fail\n\n", err);
	else
		error = gate_buf_puts(out, "## \xe2\x9b\x94 riskgate: error\n\n", err);
	if (error < 0 || failed)
		return error;
	if (result) {
		nviol = gate_result_count(result, GATE_SEV_ERROR);
		nwarn = gate_result_count(result, GATE_SEV_WARNING);
		for (i = 0; i < result->nprovenance; i++)
			nai += (size_t)result->provenance[i].ai_assisted;
	}
	if ((error = gate_buf_printf(out, err, "**%zu %s**, %zu %s", nviol,
				     plural(nviol, "violation", "violations"), nwarn,
				     plural(nwarn, "warning", "warnings"))) < 0)
		return error;
	if (change &&
	    (error = gate_buf_printf(out, err, " \xc2\xb7 %zu %s \xc2\xb7 %zu %s", change->nfiles,
				     plural(change->nfiles, "file", "files"), change->ncommits,
				     plural(change->ncommits, "commit", "commits"))) < 0)
		return error;
	if (result && result->nprovenance > 0 &&
	    (error = gate_buf_printf(out, err, " (%zu AI-assisted)", nai)) < 0)
		return error;
	if (report->policy) {
		if ((error = gate_buf_puts(out, " \xc2\xb7 policy ", err)) < 0 ||
		    (error = md_name(
			 out, report->policy->name ? report->policy->name : report->policy->source,
			 MD_TEXT, err)) < 0)
			return error;
	}
	return gate_buf_puts(out, "\n\n", err);
}

static int md_failure(gate_buf *out, const gate_error *failure, gate_error *err)
{
	size_t flen = gate_report__field_len(failure->file, sizeof(failure->file));
	int error;

	if ((error = gate_buf_puts(out, "**Error** (", err)) < 0 ||
	    (error = md_prose(out, gate_error_class_name(failure->klass), err)) < 0 ||
	    (error = gate_buf_puts(out, "): ", err)) < 0 ||
	    (error = gate_escape_markdown_prose(
		 out, failure->message,
		 gate_report__field_len(failure->message, sizeof(failure->message)), err)) < 0)
		return error;
	if (flen > 0) {
		if ((error = gate_buf_puts(out, " at ", err)) < 0 ||
		    (error = gate_escape_markdown_code(out, failure->file, flen, err)) < 0)
			return error;
		if (failure->line > 0 &&
		    (error = gate_buf_printf(out, err, " line %u", failure->line)) < 0)
			return error;
	}
	return gate_buf_puts(out,
			     "\n\nThe gate fails closed: nothing was evaluated to the end, and an "
			     "error is never a pass.\n\n",
			     err);
}

/* "tier | files | requirements" for each tier with files or requirements. */
static int md_tiers(md_doc *doc, const gate_report *report, size_t *omitted, gate_error *err)
{
	const gate_policy *policy = report->policy;
	const gate_result *result = report->result;
	size_t t, i, nfiles, counts[4], shown = 0;
	int error, failing;

	if (!policy || !result)
		return 0;
	for (t = 0; t < policy->ntiers; t++) {
		const char *name = policy->tiers[t].name ? policy->tiers[t].name : "";
		gate_buf *item = &doc->item;

		nfiles = gate_report__tier_files(report, t);
		memset(counts, 0, sizeof(counts));
		for (i = 0; i < result->nreqs; i++)
			if (result->reqs[i].tier && strcmp(result->reqs[i].tier, name) == 0 &&
			    (size_t)result->reqs[i].status < 4)
				counts[result->reqs[i].status]++;
		if (nfiles == 0 && counts[0] + counts[1] + counts[2] + counts[3] == 0)
			continue;
		if (shown == 0 && (error = gate_buf_puts(item,
							 "| tier | files | requirements |\n"
							 "|---|---:|---|\n",
							 err)) < 0)
			return error;
		if ((error = gate_buf_puts(item, "| ", err)) < 0 ||
		    (error = md_name(item, name, MD_CELL, err)) < 0 ||
		    (error = gate_buf_printf(item, err, " | %zu | %zu pass", nfiles,
					     counts[GATE_REQ_PASS])) < 0)
			return error;
		if (counts[GATE_REQ_FAIL] && (error = gate_buf_printf(item, err, ", **%zu fail**",
								      counts[GATE_REQ_FAIL])) < 0)
			return error;
		if (counts[GATE_REQ_UNVERIFIED] &&
		    (error = gate_buf_printf(item, err, ", **%zu unverified**",
					     counts[GATE_REQ_UNVERIFIED])) < 0)
			return error;
		if (counts[GATE_REQ_SKIP] && (error = gate_buf_printf(item, err, ", %zu skipped",
								      counts[GATE_REQ_SKIP])) < 0)
			return error;
		failing = 0;
		for (i = 0; i < result->nreqs; i++) {
			const gate_requirement *req = &result->reqs[i];

			if (!req->tier || strcmp(req->tier, name) != 0 ||
			    (req->status != GATE_REQ_FAIL && req->status != GATE_REQ_UNVERIFIED))
				continue;
			if ((error = gate_buf_puts(item, failing++ ? ", " : " (", err)) < 0 ||
			    (error = md_name(item, req->check, MD_CELL, err)) < 0)
				return error;
		}
		if ((failing && (error = gate_buf_putc(item, ')', err)) < 0) ||
		    (error = gate_buf_puts(item, " |\n", err)) < 0)
			return error;
		if ((error = md_commit(doc, err)) < 0)
			return error;
		if (error == 0)
			(*omitted)++;
		shown++;
	}
	return shown ? gate_buf_putc(doc->out, '\n', err) : 0;
}

/*
 * One violation:
 *   - ❌ `path`:12 — **`tier`** `check/rule` (commit `abc`): message
 *     *How to fix:* hint
 */
static int md_violation(gate_buf *out, const gate_violation *v, gate_error *err)
{
	int error;

	if ((error = gate_buf_puts(out,
				   v->severity == GATE_SEV_WARNING ? "- \xe2\x9a\xa0\xef\xb8\x8f "
								   : "- \xe2\x9d\x8c ",
				   err)) < 0)
		return error;
	if (v->path) {
		if ((error = md_name(out, v->path, MD_TEXT, err)) < 0)
			return error;
		if (v->line > 0 && (error = gate_buf_printf(out, err, " line %zu", v->line)) < 0)
			return error;
		if ((error = gate_buf_puts(out, " \xe2\x80\x94 ", err)) < 0)
			return error;
	}
	if ((error = gate_buf_puts(out, "**", err)) < 0 ||
	    (error = md_name(out, v->tier, MD_TEXT, err)) < 0 ||
	    (error = gate_buf_puts(out, "** ", err)) < 0)
		return error;
	if (v->rule) {
		gate_buf id = GATE_BUF_INIT(GATE_ESCAPE_MARKDOWN_NAME_MAX * 2 + 16);

		error = gate_buf_puts(&id, v->check ? v->check : "", err);
		if (error == 0)
			error = gate_buf_putc(&id, '/', err);
		if (error == 0)
			error = gate_buf_puts(&id, v->rule, err);
		if (error == 0)
			error = gate_escape_markdown_code(out, id.ptr, id.size, err);
		gate_buf_dispose(&id);
		if (error < 0)
			return error;
	} else if ((error = md_name(out, v->check, MD_TEXT, err)) < 0) {
		return error;
	}
	if (v->commit) {
		size_t len = strlen(v->commit);

		if ((error = gate_buf_puts(out, " (commit ", err)) < 0 ||
		    (error = gate_escape_markdown_code(
			 out, v->commit, len > MD_SHORT_OID ? MD_SHORT_OID : len, err)) < 0 ||
		    (error = gate_buf_putc(out, ')', err)) < 0)
			return error;
	}
	if ((error = gate_buf_puts(out, ": ", err)) < 0 ||
	    (error = md_prose(out, v->message, err)) < 0)
		return error;
	if (v->severity == GATE_SEV_WARNING && (error = gate_buf_puts(out, " (warning)", err)) < 0)
		return error;
	if (v->hint && v->hint[0] &&
	    ((error = gate_buf_puts(out, "  \n  *How to fix:* ", err)) < 0 ||
	     (error = md_prose(out, v->hint, err)) < 0))
		return error;
	return gate_buf_putc(out, '\n', err);
}

static int md_violations(md_doc *doc, const gate_result *result, size_t *omitted, gate_error *err)
{
	size_t i, pass, listed = 0;
	int error;

	if (!result || result->nviols == 0)
		return 0;
	if ((error = gate_buf_printf(doc->out, err, "### Violations (%zu)\n\n", result->nviols)) <
	    0)
		return error;
	/* Errors first: they decide the verdict. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < result->nviols; i++) {
			const gate_violation *v = &result->viols[i];

			if ((v->severity == GATE_SEV_WARNING) != (pass == 1))
				continue;
			if (listed >= MD_MAX_VIOLATIONS) {
				(*omitted)++;
				continue;
			}
			if ((error = md_violation(&doc->item, v, err)) < 0 ||
			    (error = md_commit(doc, err)) < 0)
				return error;
			if (error == 0) {
				/* Out of room: everything after is left out too. */
				listed = MD_MAX_VIOLATIONS;
				(*omitted)++;
				continue;
			}
			listed++;
		}
	}
	return gate_buf_putc(doc->out, '\n', err);
}

/* The commits: how many, how many AI-assisted, and those with evidence. */
static int md_commits(md_doc *doc, const gate_report *report, size_t *omitted, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_result *result = report->result;
	size_t i, nai = 0, listed = 0, len;
	const char *subject;
	int error;

	if (!change || !result || result->nprovenance != change->ncommits)
		return 0;
	for (i = 0; i < result->nprovenance; i++)
		nai += (size_t)result->provenance[i].ai_assisted;
	if ((error = gate_buf_printf(doc->out, err, "### Commits: %zu, %zu AI-assisted\n\n",
				     change->ncommits, nai)) < 0)
		return error;
	for (i = 0; i < change->ncommits; i++) {
		const gate_provenance *p = &result->provenance[i];
		gate_buf *item = &doc->item;

		if (!p->ai_assisted)
			continue;
		if (listed >= MD_MAX_COMMITS) {
			(*omitted)++;
			continue;
		}
		subject = gate_report__subject(change->commits[i].message, &len);
		if ((error = gate_buf_puts(item, "- \xf0\x9f\xa4\x96 ", err)) < 0 ||
		    (error = gate_escape_markdown_code(
			 item, change->commits[i].sha,
			 strnlen(change->commits[i].sha, MD_SHORT_OID), err)) < 0 ||
		    (error = gate_buf_putc(item, ' ', err)) < 0 ||
		    (error = gate_escape_markdown_prose(item, subject, len, err)) < 0 ||
		    (error = gate_buf_puts(item, " \xe2\x80\x94 AI-assisted: ", err)) < 0 ||
		    (error = md_prose(item, p->evidence ? p->evidence : "yes", err)) < 0 ||
		    (error = gate_buf_puts(item, "; accountable: ", err)) < 0 ||
		    (error = md_prose(item, p->accountable ? p->accountable : "nobody", err)) < 0 ||
		    (error = gate_buf_puts(item, p->signed_off ? " (signed off)\n" : "\n", err)) <
			0 ||
		    (error = md_commit(doc, err)) < 0)
			return error;
		if (error == 0) {
			listed = MD_MAX_COMMITS;
			(*omitted)++;
			continue;
		}
		listed++;
	}
	return listed ? gate_buf_putc(doc->out, '\n', err) : 0;
}

/* "`claude` (`claude-sonnet-4`)": a tool and its model, as code spans in a
 * table cell (riskgate/escape.h); no model, no parentheses. */
static int md_agent(gate_buf *out, const gate_ainote_agent *agent, gate_error *err)
{
	int error;

	if ((error = md_name(out, agent->tool, MD_CELL, err)) < 0)
		return error;
	if (agent->model && agent->model[0] &&
	    ((error = gate_buf_puts(out, " (", err)) < 0 ||
	     (error = md_name(out, agent->model, MD_CELL, err)) < 0 ||
	     (error = gate_buf_putc(out, ')', err)) < 0))
		return error;
	return 0;
}

/*
 * A file's AI-written line ranges in line order, each run of ranges by one
 * agent followed by who wrote it: "4-6, 10 by `claude` (`claude-sonnet-4`);
 * 8 by `codex` (`gpt-5-codex`)". At most MD_MAX_AI_RANGES ranges, then
 * "and K more ranges": the JSON report has them all.
 */
static int md_ai_ranges(gate_buf *out, const gate_ailines *ai, const gate_ailines_file *f,
			gate_error *err)
{
	size_t r, shown = f->nranges < MD_MAX_AI_RANGES ? f->nranges : MD_MAX_AI_RANGES;
	int error;

	for (r = 0; r < shown; r++) {
		const gate_ailines_range *g = &f->ranges[r];

		if (r > 0 && (error = gate_buf_puts(
				  out, f->ranges[r - 1].agent == g->agent ? ", " : "; ", err)) < 0)
			return error;
		if ((error = g->start == g->end
				 ? gate_buf_printf(out, err, "%zu", g->start)
				 : gate_buf_printf(out, err, "%zu-%zu", g->start, g->end)) < 0)
			return error;
		if (r + 1 < shown && f->ranges[r + 1].agent == g->agent)
			continue;
		if ((error = gate_buf_puts(out, " by ", err)) < 0 ||
		    (error = g->agent < ai->nagents ? md_agent(out, &ai->agents[g->agent], err)
						    : gate_buf_puts(out, "?", err)) < 0)
			return error;
	}
	if (shown < f->nranges &&
	    (error = gate_buf_printf(out, err, "; and %zu more range%s", f->nranges - shown,
				     plural(f->nranges - shown, "", "s"))) < 0)
		return error;
	return 0;
}

/* The AI-written added lines (docs/policy.md, "AI-written lines"): how many
 * per tier, then per file the line ranges with the tool and model of each
 * (docs/report.md, "`--format markdown`, `--markdown FILE`"). */
static int md_ai_lines(md_doc *doc, const gate_report *report, size_t *omitted, gate_error *err)
{
	const gate_change *change = report->change;
	const gate_policy *policy = report->policy;
	const gate_ailines *ai = report->result ? &report->result->ailines : NULL;
	size_t i, t, added = 0, listed = 0, said = 0;
	int error;

	if (!change || !policy || !ai || !ai->lines)
		return 0;
	for (i = 0; i < change->nfiles; i++)
		added += change->files[i].additions;
	if ((error = gate_buf_printf(doc->out, err,
				     "### AI-written lines: %zu of %zu added line%s\n\nBy tier:",
				     ai->lines, added, plural(added, "", "s"))) < 0)
		return error;
	for (t = 0; t < policy->ntiers; t++) {
		size_t n = 0;

		for (i = 0; i < change->nfiles; i++) {
			const gate_class *cls = gate_report__file_class(report, i);

			if (cls && cls->tier == t)
				n += gate_ailines_count(ai, i);
		}
		if (!n)
			continue;
		if ((error = gate_buf_puts(doc->out, said++ ? ", " : " ", err)) < 0 ||
		    (error = md_name(doc->out, policy->tiers[t].name, MD_TEXT, err)) < 0 ||
		    (error = gate_buf_printf(doc->out, err, " %zu", n)) < 0)
			return error;
	}
	if ((error = gate_buf_puts(doc->out,
				   ".\n\n| tier | file | AI-written | added | lines, by |\n"
				   "|---|---|---:|---:|---|\n",
				   err)) < 0)
		return error;
	for (i = 0; i < change->nfiles; i++) {
		const gate_class *cls = gate_report__file_class(report, i);
		gate_buf *item = &doc->item;

		if (!gate_ailines_count(ai, i))
			continue;
		if (listed >= MD_MAX_AI_FILES) {
			(*omitted)++;
			continue;
		}
		if ((error = gate_buf_puts(item, "| ", err)) < 0 ||
		    (error = md_name(item, cls ? policy->tiers[cls->tier].name : NULL, MD_CELL,
				     err)) < 0 ||
		    (error = gate_buf_puts(item, " | ", err)) < 0 ||
		    (error = md_name(item, change->files[i].path, MD_CELL, err)) < 0 ||
		    (error =
			 gate_buf_printf(item, err, " | %zu | %zu | ", gate_ailines_count(ai, i),
					 change->files[i].additions)) < 0 ||
		    (error = md_ai_ranges(item, ai, &ai->files[i], err)) < 0 ||
		    (error = gate_buf_puts(item, " |\n", err)) < 0 ||
		    (error = md_commit(doc, err)) < 0)
			return error;
		if (error == 0) {
			listed = MD_MAX_AI_FILES;
			(*omitted)++;
			continue;
		}
		listed++;
	}
	return gate_buf_putc(doc->out, '\n', err);
}

static int md_waivers(md_doc *doc, const gate_result *result, size_t *omitted, gate_error *err)
{
	size_t i, listed = 0;
	int error;

	if (!result || result->nwaivers == 0)
		return 0;
	if ((error = gate_buf_printf(doc->out, err, "### Waivers (%zu)\n\n", result->nwaivers)) < 0)
		return error;
	for (i = 0; i < result->nwaivers; i++) {
		const gate_waiver *w = &result->waivers[i];
		gate_buf *item = &doc->item;

		if (listed >= MD_MAX_WAIVERS) {
			(*omitted)++;
			continue;
		}
		if ((error = gate_buf_puts(item, "- ", err)) < 0 ||
		    (error = md_name(item, w->path, MD_TEXT, err)) < 0 ||
		    (error = gate_buf_printf(item, err, " line %zu: ", w->line)) < 0 ||
		    (error = md_name(item, w->rule, MD_TEXT, err)) < 0 ||
		    (error = gate_buf_puts(item, " waived: ", err)) < 0 ||
		    (error = md_prose(item, w->reason, err)) < 0 ||
		    (error = gate_buf_putc(item, '\n', err)) < 0 ||
		    (error = md_commit(doc, err)) < 0)
			return error;
		if (error == 0) {
			listed = MD_MAX_WAIVERS;
			(*omitted)++;
			continue;
		}
		listed++;
	}
	return gate_buf_putc(doc->out, '\n', err);
}

/* Approvals that do not count, and approvals of an earlier commit that do
 * because its diff is the head's: so that no review silently disappears. */
static int md_approvals(md_doc *doc, const gate_result *result, size_t *omitted, gate_error *err)
{
	size_t i, listed = 0;
	int error;

	if (!result || result->nignored + result->ncarried == 0)
		return 0;
	if ((error = gate_buf_puts(doc->out, "### Approvals\n\n", err)) < 0)
		return error;
	for (i = 0; i < result->nignored + result->ncarried; i++) {
		gate_buf *item = &doc->item;

		if (listed >= MD_MAX_WAIVERS) {
			(*omitted)++;
			continue;
		}
		if (i < result->nignored) {
			const gate_ignored_approval *a = &result->ignored[i];

			if ((error = gate_buf_puts(item, "- not counted: ", err)) < 0 ||
			    (error = md_name(item, a->who, MD_TEXT, err)) < 0 ||
			    (error = gate_buf_puts(item, ": ", err)) < 0 ||
			    (error = md_prose(item, a->reason, err)) < 0)
				return error;
		} else {
			const gate_carried_approval *c = &result->carried[i - result->nignored];

			if ((error = gate_buf_puts(item, "- counted: ", err)) < 0 ||
			    (error = md_name(item, c->who, MD_TEXT, err)) < 0 ||
			    (error =
				 gate_buf_printf(item, err, ": reviewed %.12s, the same diff, for ",
						 c->commit)) < 0 ||
			    (error = (c->tiers ? md_name(item, c->tiers, MD_TEXT, err)
					       : gate_buf_puts(item, "every tier", err))) < 0)
				return error;
		}
		if ((error = gate_buf_putc(item, '\n', err)) < 0 ||
		    (error = md_commit(doc, err)) < 0)
			return error;
		if (error == 0) {
			listed = MD_MAX_WAIVERS;
			(*omitted)++;
			continue;
		}
		listed++;
	}
	return gate_buf_putc(doc->out, '\n', err);
}

/* The failure-mode answers, for the reviewer to read (docs/walkthrough.md):
 * each question with its answer or why there is none. */
static int md_walkthrough(md_doc *doc, const gate_report *report, gate_error *err)
{
	const gate_result *result = report->result;
	const gate_policy *policy = report->policy;
	size_t i;
	int error;

	if (!result || !result->walkthrough || !policy)
		return 0;
	if ((error = gate_buf_puts(doc->out, "### Failure-mode answers\n\n", err)) < 0)
		return error;
	for (i = 0; i < result->nwalkthrough && i < policy->nwt_questions; i++) {
		const gate_wt_answer *a = &result->walkthrough[i];
		gate_buf *item = &doc->item;

		if ((error = gate_buf_puts(
			 item, a->status == GATE_WT_ANSWERED ? "- ✓ **" : "- ✗ **", err)) < 0 ||
		    (error = md_prose(item, policy->wt_questions[i].heading, err)) < 0 ||
		    (error = gate_buf_puts(item, "** ", err)) < 0)
			return error;
		if (a->status == GATE_WT_ANSWERED) {
			if ((error = gate_buf_puts(item,
						   a->source && strcmp(a->source, "description")
						       ? "(commit "
						       : "(description",
						   err)) < 0 ||
			    (a->source && strcmp(a->source, "description") &&
			     (error = gate_buf_printf(item, err, "%.12s", a->source)) < 0) ||
			    (error = gate_buf_puts(item, "): ", err)) < 0 ||
			    (error = md_prose(item, a->answer, err)) < 0)
				return error;
		} else if ((error = gate_buf_printf(item, err, "not answered (%s)",
						    gate_wt_status_name(a->status))) < 0) {
			return error;
		}
		if ((error = gate_buf_putc(item, '\n', err)) < 0 ||
		    (error = md_commit(doc, err)) < 0)
			return error;
	}
	return gate_buf_putc(doc->out, '\n', err);
}

static int md_errors(md_doc *doc, const gate_result *result, gate_error *err)
{
	size_t i;
	int error;

	if (!result || result->errors.count == 0)
		return 0;
	if ((error = gate_buf_puts(doc->out, "### Errors\n\n", err)) < 0)
		return error;
	for (i = 0; i < result->errors.count; i++)
		if ((error = gate_buf_puts(&doc->item, "- ", err)) < 0 ||
		    (error = md_prose(&doc->item, result->errors.items[i], err)) < 0 ||
		    (error = gate_buf_putc(&doc->item, '\n', err)) < 0 ||
		    (error = md_commit(doc, err)) < 0)
			return error;
	return gate_buf_putc(doc->out, '\n', err);
}

/* The note on what was left out, naming only what was: "> **Truncated:**
 * 4614 violations and 3 AI-assisted commits are not listed here, ..." */
static int md_truncated(gate_buf *out, size_t viols, size_t tiers, size_t commits, size_t waivers,
			size_t approvals, size_t ai_files, gate_error *err)
{
	const struct {
		size_t n;
		const char *one, *many;
	} parts[] = {
	    {viols, "violation", "violations"},
	    {tiers, "tier", "tiers"},
	    {commits, "AI-assisted commit", "AI-assisted commits"},
	    {waivers, "waiver", "waivers"},
	    {approvals, "approval", "approvals"},
	    {ai_files, "file with AI-written lines", "files with AI-written lines"},
	};
	size_t i, total = 0, said = 0, nparts = 0;
	int error;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].n > 0) {
			total += parts[i].n;
			nparts++;
		}
	if (total == 0)
		return 0;
	if ((error = gate_buf_puts(out, "> **Truncated:** ", err)) < 0)
		return error;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (parts[i].n == 0)
			continue;
		said++;
		if ((error = gate_buf_printf(out, err, "%s%zu %s",
					     said == 1        ? ""
					     : said == nparts ? " and "
							      : ", ",
					     parts[i].n,
					     plural(parts[i].n, parts[i].one, parts[i].many))) < 0)
			return error;
	}
	return gate_buf_printf(out, err,
			       " %s not listed here, to keep this summary short and under 1 MiB. "
			       "The JSON report (`--json FILE`) has everything.\n\n",
			       total == 1 ? "is" : "are");
}

int gate_report_markdown(gate_buf *out, const gate_report *report, gate_error *err)
{
	gate_buf md = GATE_BUF_INIT(GATE_REPORT_MARKDOWN_MAX);
	md_doc doc;
	const gate_error *failure;
	gate_error scratch;
	gate_verdict verdict;
	size_t omitted_tiers = 0, omitted_viols = 0, omitted_commits = 0, omitted_waivers = 0,
	       omitted_approvals = 0, omitted_ai = 0;
	int error = -1;

	gate_buf_init(&doc.item, MD_ITEM_MAX);
	doc.out = &md;
	if (!out || !report) {
		error = gate_error_set(err, GATE_ERR_INTERNAL, "no report to render");
		goto done;
	}
	verdict = gate_report_verdict(report);
	failure = gate_report__failure(report, &scratch);
	if ((error = md_heading(&md, report, verdict, failure != NULL, err)) < 0 ||
	    (failure && (error = md_failure(&md, failure, err)) < 0) ||
	    (!failure &&
	     ((error = md_tiers(&doc, report, &omitted_tiers, err)) < 0 ||
	      (error = md_violations(&doc, report->result, &omitted_viols, err)) < 0 ||
	      (error = md_commits(&doc, report, &omitted_commits, err)) < 0 ||
	      (error = md_ai_lines(&doc, report, &omitted_ai, err)) < 0 ||
	      (error = md_walkthrough(&doc, report, err)) < 0 ||
	      (error = md_waivers(&doc, report->result, &omitted_waivers, err)) < 0 ||
	      (error = md_approvals(&doc, report->result, &omitted_approvals, err)) < 0)) ||
	    (error = md_errors(&doc, report->result, err)) < 0)
		goto done;
	if ((error = md_truncated(&md, omitted_viols, omitted_tiers, omitted_commits,
				  omitted_waivers, omitted_approvals, omitted_ai, err)) < 0)
		goto done;
	if ((error = gate_buf_puts(&md, "<sub>riskgate</sub>\n", err)) < 0 ||
	    (error = gate_buf_put(out, md.ptr, md.size, err)) < 0)
		goto done;
	error = 0;
done:
	if (error < 0 && err)
		gate_error_prefix(err, "while writing the Markdown summary");
	gate_buf_dispose(&doc.item);
	gate_buf_dispose(&md);
	return error;
}
