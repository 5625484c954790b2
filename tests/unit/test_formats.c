/*
 * Unit tests of the GitHub, Markdown and SARIF renderings on a hand-built
 * report whose names hold what the repository tests cannot create: CR,
 * ESC, U+2028, bidirectional controls, NUL-free invalid UTF-8, a '|' in a
 * tier name. Each is checked against the exact escaped bytes expected.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "riskgate/report.h"
#include "unit.h"

/* CR LF, "::", ",", ":", "%", U+2028, U+202E, ESC, an invalid byte. */
#define HOSTILE "a\r\n::error::x,y:z%\xe2\x80\xa8\xe2\x80\xae\033\xff.c"

typedef struct {
	gate_tier tiers[1];
	gate_policy policy;
	gate_file files[1];
	gate_class classes[1];
	gate_change change;
	gate_violation viols[2];
	gate_requirement reqs[1];
	gate_result result;
	gate_report report;
} fixture;

static void fixture_init(fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->tiers[0].name = (char *)"cri|tical";
	fx->policy.tiers = fx->tiers;
	fx->policy.ntiers = 1;
	fx->policy.name = (char *)"p`o";
	fx->policy.source = (char *)"test";
	fx->files[0].path = (char *)HOSTILE;
	fx->files[0].path_len = strlen(HOSTILE);
	fx->classes[0].kind = GATE_MATCH_DEFAULT;
	fx->change.files = fx->files;
	fx->change.nfiles = 1;

	fx->viols[0].check = (char *)"rules";
	fx->viols[0].rule = (char *)"r,1";
	fx->viols[0].tier = (char *)"cri|tical";
	fx->viols[0].severity = GATE_SEV_ERROR;
	fx->viols[0].path = (char *)HOSTILE;
	fx->viols[0].line = 7;
	fx->viols[0].message = (char *)"bad\r\n::warning::m 100%";
	fx->viols[0].hint = (char *)"fix *it* <now>";
	memcpy(fx->viols[0].fingerprint, "0123456789abcdef0123456789abcdef", 33);
	fx->viols[1].check = (char *)"provenance";
	fx->viols[1].rule = (char *)"require_signoff";
	fx->viols[1].tier = (char *)"cri|tical";
	fx->viols[1].severity = GATE_SEV_WARNING;
	fx->viols[1].commit = (char *)"2222222222222222222222222222222222222222";
	fx->viols[1].message = (char *)"no sign-off";
	memcpy(fx->viols[1].fingerprint, "fedcba9876543210fedcba9876543210", 33);
	fx->reqs[0].tier = (char *)"cri|tical";
	fx->reqs[0].check = (char *)"rules";
	fx->reqs[0].status = GATE_REQ_FAIL;
	fx->result.reqs = fx->reqs;
	fx->result.nreqs = 1;
	fx->result.viols = fx->viols;
	fx->result.nviols = 2;
	fx->result.classes = fx->classes;
	fx->result.nclasses = 1;
	fx->report.policy = &fx->policy;
	fx->report.change = &fx->change;
	fx->report.result = &fx->result;
}

typedef int (*render_fn)(gate_buf *, const gate_report *, gate_error *);

static char *render(render_fn fn, const gate_report *report)
{
	gate_buf out = GATE_BUF_INIT((size_t)1 << 24);
	gate_error err;

	gate_error_init(&err);
	if (fn(&out, report, &err) < 0) {
		fprintf(stderr, "  render: %s\n", err.message);
		gate_buf_dispose(&out);
		return NULL;
	}
	return gate_buf_detach(&out);
}

/* Whether any line of `s`, after ASCII blanks, starts with "::" without
 * being one of `allowed` line prefixes. */
static int foreign_command(const char *s)
{
	const char *line = s;

	while (line && *line) {
		const char *p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		if (p[0] == ':' && p[1] == ':' &&
		    strncmp(p, "::notice title=riskgate::", 25) != 0 &&
		    strncmp(p, "::error file=", 13) != 0 &&
		    strncmp(p, "::warning title=", 16) != 0 &&
		    strncmp(p, "::error title=riskgate error::", 30) != 0)
			return 1;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return 0;
}

static void test_github(void)
{
	fixture fx;
	char *gh;

	fixture_init(&fx);
	gh = render(gate_report_github, &fx.report);
	CHECK(gh != NULL);
	if (!gh)
		return;
	CHECK(strstr(gh,
		     "::error file=a%0D%0A%3A%3Aerror%3A%3Ax%2Cy%3Az%25\xef\xbf\xbd\xef\xbf\xbd"
		     "\xef\xbf\xbd\xef\xbf\xbd.c,line=7,title=riskgate%3A [cri|tical] "
		     "rules/r%2C1::bad%0D%0A::warning::m 100%25%0AHow to fix: fix *it* <now>\n") !=
	      NULL);
	CHECK(strstr(gh, "::warning title=riskgate%3A [cri|tical] provenance/require_signoff "
			 "(commit 222222222222)::no sign-off\n") != NULL);
	CHECK(!foreign_command(gh));
	CHECK(strchr(gh, '\r') == NULL);
	CHECK(strchr(gh, '\033') == NULL);
	CHECK(strstr(gh, "\xe2\x80\xa8") == NULL);
	CHECK(strstr(gh, "\xe2\x80\xae") == NULL);
	free(gh);
}

static void test_markdown(void)
{
	fixture fx;
	char *md;

	fixture_init(&fx);
	md = render(gate_report_markdown, &fx.report);
	CHECK(md != NULL);
	if (!md)
		return;
	/* In a table cell '|' is escaped; elsewhere it is not. */
	CHECK(strstr(md, "| `cri\\|tical` | 1 | 0 pass, **1 fail** (`rules`) |\n") != NULL);
	CHECK(strstr(md, "**`cri|tical`**") != NULL);
	CHECK(strstr(md, "policy ``p`o``") != NULL);
	CHECK(strstr(md,
		     "`a\\r\\n::error::x,y:z%\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd.c` "
		     "line 7") != NULL);
	CHECK(strstr(md, "bad  ::warning::m 100%") != NULL);
	CHECK(strstr(md, "*How to fix:* fix \\*it\\* \\<now\\>") != NULL);
	CHECK(strchr(md, '\r') == NULL);
	CHECK(strchr(md, '\033') == NULL);
	free(md);
}

static void test_sarif(void)
{
	fixture fx;
	char *text;
	cJSON *root, *res, *loc;

	fixture_init(&fx);
	text = render(gate_report_sarif, &fx.report);
	CHECK(text != NULL);
	if (!text)
		return;
	root = cJSON_Parse(text);
	CHECK(root != NULL);
	res = cJSON_GetArrayItem(
	    cJSON_GetObjectItemCaseSensitive(
		cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "runs"), 0), "results"),
	    0);
	loc = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(res, "locations"), 0),
	    "physicalLocation");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		      cJSON_GetObjectItemCaseSensitive(loc, "artifactLocation"), "uri")),
		  "a%0D%0A%3A%3Aerror%3A%3Ax%2Cy%3Az%25%E2%80%A8%E2%80%AE%1B%FF.c");
	CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
		  cJSON_GetObjectItemCaseSensitive(loc, "region"), "startLine")) == 7);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(res, "ruleId")),
		  "riskgate/rules/r,1");
	/* The commit's violation has no path: it is placed on the only file. */
	res = cJSON_GetArrayItem(
	    cJSON_GetObjectItemCaseSensitive(
		cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "runs"), 0), "results"),
	    1);
	{
		cJSON *rules = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(
			    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "runs"), 0),
			    "tool"),
			"driver"),
		    "rules");
		int at =
		    (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(res, "ruleIndex"));

		/* The full rule set is listed; the index finds the result's. */
		CHECK(cJSON_GetArraySize(rules) > 10);
		CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
			      cJSON_GetArrayItem(rules, at), "id")),
			  "riskgate/provenance/require_signoff");
		/* The policy has no rule "r,1": it is listed from its violation. */
		CHECK(strstr(text, "\"id\":\t\"riskgate/rules/r,1\"") != NULL);
	}
	loc = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(res, "locations"), 0),
	    "physicalLocation");
	CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
		  cJSON_GetObjectItemCaseSensitive(loc, "region"), "startLine")) == 1);
	CHECK(strstr(text, "\"uri\":\t\"a%0D%0A") != NULL);
	cJSON_Delete(root);
	free(text);
}

static void test_error_run(void)
{
	fixture fx;
	gate_error failure;
	char *gh, *md, *sarif;

	fixture_init(&fx);
	gate_error_init(&failure);
	gate_error_set(&failure, GATE_ERR_REPO, "unknown revision '\n::error::x'");
	fx.report.error = &failure;
	gh = render(gate_report_github, &fx.report);
	md = render(gate_report_markdown, &fx.report);
	sarif = render(gate_report_sarif, &fx.report);
	CHECK(gh && strstr(gh, "::error title=riskgate error::repository: unknown revision "
			       "'%0A::error::x'%0A") != NULL);
	CHECK(gh && !foreign_command(gh));
	CHECK(md && strstr(md, "riskgate: error") != NULL);
	CHECK(sarif && strstr(sarif, "\"executionSuccessful\":\tfalse") != NULL);
	/* No results list: not "no findings", which would close alerts. */
	CHECK(sarif && strstr(sarif, "\"results\"") == NULL);
	free(gh);
	free(md);
	free(sarif);
}

int main(void)
{
	GATE_RUN(test_github);
	GATE_RUN(test_markdown);
	GATE_RUN(test_sarif);
	GATE_RUN(test_error_run);
	return GATE_UNIT_DONE("formats-unit");
}
