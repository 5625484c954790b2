/*
 * `riskgate explain`: for each path, the tier it lands in, the policy rule
 * that put it there (FILE:LINE and pattern) and what the tier requires. It
 * needs no repository, so a team can try its policy on any path.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "riskgate/classify.h"
#include "riskgate/codeowners.h"
#include "riskgate/policy.h"
#include "riskgate/report.h"

static const char explain_usage[] =
    "usage: riskgate explain [--policy FILE] [--codeowners FILE] [--json] [-z] PATH...\n"
    "       riskgate explain [--policy FILE] [--codeowners FILE] [--json] [-z] -\n"
    "\n"
    "Shows, for each repository-relative path, its risk tier, the policy rule that\n"
    "matched (FILE:LINE and the pattern) and what the tier requires.\n"
    "\n"
    "options:\n"
    "  --policy FILE   the policy to explain (default: the built-in policy)\n"
    "  --codeowners FILE  also show each path's owners under this CODEOWNERS file,\n"
    "                  read in the policy's dialect: under GitHub's rules the last\n"
    "                  matching line wins; under GitLab's, the owners of every\n"
    "                  section that matches (line: the first section's entry)\n"
    "  --json          a JSON array with one object per path\n"
    "  -z              paths on stdin are separated by NUL instead of newline\n"
    "  --no-color      accepted for symmetry; explain prints no colour\n";

/* Longest path accepted from stdin; git itself has no limit but no real tree
 * comes near this. */
#define EXPLAIN_MAX_PATH (1u << 20)

/* Paths explained before the policy's patterns are indexed. */
#define EXPLAIN_INDEX_AFTER 4096

/* Bytes of standard input read at once. */
#define EXPLAIN_BLOCK ((size_t)64 << 10)

typedef struct {
	gate_policy *policy;
	gate_report_explainer *text; /* the text renderer (not with --json) */
	gate_codeowners *codeowners;
	gate_buf out;
	int json;
	size_t count;
} explainer;

static int explain_one(explainer *ex, const char *path, size_t len, gate_error *err)
{
	gate_class cls;
	gate_file_owners owners, *po = NULL;
	const char **list = NULL;
	int rc;

	/* A list that long is worth indexing the policy's patterns for, at
	 * once rather than after the classifier's own, larger, threshold. */
	if (ex->count == EXPLAIN_INDEX_AFTER && gate_classify_prepare(ex->policy, err) < 0)
		return -1;
	if (gate_classify_path(&cls, ex->policy, path, len, err) < 0)
		return -1;
	if (ex->codeowners) {
		memset(&owners, 0, sizeof(owners));
		rc = gate_codeowners_owners(&list, &owners.nowners, &owners.line, ex->codeowners,
					    path, len, err);
		if (rc < 0)
			return -1;
		owners.owners = list;
		owners.known = 1;
		owners.matched = rc;
		po = &owners;
	}
	if (ex->json)
		rc = gate_buf_puts(&ex->out, ex->count ? ",\n" : "[\n", err) < 0 ||
			     gate_report_explain_json(&ex->out, ex->policy, path, len, &cls, po,
						      err) < 0
			 ? -1
			 : 0;
	else
		rc = gate_report_explainer_text(&ex->out, ex->text, path, len, &cls, po, err);
	free(list);
	if (rc < 0)
		return -1;
	ex->count++;
	/* Stream: keep memory flat however many paths come in. */
	if (ex->out.size >= 65536) {
		if (cmd_write("-", ex->out.ptr, ex->out.size, err) < 0)
			return -1;
		gate_buf_clear(&ex->out);
	}
	return 0;
}

/* Explains the line of `len` bytes at `path` (followed by one writable
 * byte, the separator, which becomes its terminating NUL), or, when
 * `pending` holds the start of the line, that start and this end. */
static int explain_line(explainer *ex, gate_buf *pending, char *path, size_t len, gate_error *err)
{
	int error;

	if (pending->size) {
		if (gate_buf_put(pending, path, len, err) < 0) {
			err->klass = GATE_ERR_INPUT;
			return -1;
		}
		error = explain_one(ex, pending->ptr, pending->size, err);
		gate_buf_clear(pending);
		return error;
	}
	if (!len)
		return 0;
	path[len] = '\0';
	return explain_one(ex, path, len, err);
}

/* Paths from standard input, read in blocks (not a byte at a time); a
 * line is explained in place in the block unless it spans two blocks. */
static int explain_stdin(explainer *ex, int sep, gate_error *err)
{
	gate_buf line = GATE_BUF_INIT(EXPLAIN_MAX_PATH);
	char *block = NULL, *p, *end, *nl;
	size_t n;
	int error = -1;

	if (!(block = gate_malloc(EXPLAIN_BLOCK, err)))
		goto done;
	while ((n = fread(block, 1, EXPLAIN_BLOCK, stdin)) > 0) {
		for (p = block, end = block + n; p < end; p = nl + 1) {
			if (!(nl = memchr(p, sep, (size_t)(end - p)))) {
				if (gate_buf_put(&line, p, (size_t)(end - p), err) < 0) {
					err->klass = GATE_ERR_INPUT;
					goto done;
				}
				break;
			}
			if (explain_line(ex, &line, p, (size_t)(nl - p), err) < 0)
				goto done;
		}
	}
	if (ferror(stdin)) {
		gate_error_set(err, GATE_ERR_INPUT, "cannot read standard input");
		goto done;
	}
	if (line.size && explain_one(ex, line.ptr, line.size, err) < 0)
		goto done;
	error = 0;
done:
	free(block);
	gate_buf_dispose(&line);
	return error;
}

int cmd_explain(int argc, char **argv)
{
	explainer ex;
	gate_error err;
	const char *policy_file = NULL, *codeowners_file = NULL;
	int i, rc, first_path = 0, nul = 0, code = CMD_RUNTIME;

	memset(&ex, 0, sizeof(ex));
	gate_buf_init(&ex.out, (size_t)1 << 30);
	gate_error_init(&err);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			first_path = i + 1;
			break;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(explain_usage, stdout);
			return cmd_close_stdout();
		}
		if (strcmp(a, "--json") == 0) {
			ex.json = 1;
			continue;
		}
		if (strcmp(a, "-z") == 0) {
			nul = 1;
			continue;
		}
		if (strcmp(a, "--no-color") == 0)
			continue;
		if ((rc = cmd_opt(argc, argv, &i, "explain", "--policy", &policy_file)) ||
		    (rc = cmd_opt(argc, argv, &i, "explain", "--codeowners", &codeowners_file))) {
			if (rc < 0)
				return CMD_USAGE;
			continue;
		}
		if (a[0] == '-' && a[1] != '\0')
			return cmd_usage_error("explain", "unknown option '%s'", a);
		first_path = i;
		break;
	}
	if (!first_path || first_path >= argc)
		return cmd_usage_error("explain", "no paths given (pass PATH... or - for stdin)");

	if (policy_file)
		rc = gate_policy_load_file(&ex.policy, policy_file, NULL, &err);
	else
		rc = gate_policy_load_builtin(&ex.policy, &err);
	if (rc < 0)
		goto failed;
	if (!ex.json && gate_report_explainer_new(&ex.text, ex.policy, &err) < 0)
		goto failed;
	if (codeowners_file) {
		gate_buf text = GATE_BUF_INIT(GATE_CODEOWNERS_MAX_SIZE);

		rc = gate_buf_read_file(&text, codeowners_file, GATE_ERR_INPUT, &err);
		if (rc == 0)
			rc = gate_codeowners_parse_dialect(
			    &ex.codeowners, text.ptr, text.size, codeowners_file,
			    ex.policy->codeowners_dialect, NULL, &err);
		gate_buf_dispose(&text);
		if (rc < 0)
			goto failed;
	}

	for (i = first_path; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (explain_stdin(&ex, nul ? '\0' : '\n', &err) < 0)
				goto failed;
		} else if (argv[i][0] == '\0') {
			cmd_usage_error("explain", "an empty path cannot be classified");
			code = CMD_USAGE;
			goto done;
		} else if (explain_one(&ex, argv[i], strlen(argv[i]), &err) < 0) {
			goto failed;
		}
	}
	if (ex.json && gate_buf_puts(&ex.out, ex.count ? "\n]\n" : "[]\n", &err) < 0)
		goto failed;
	if (cmd_write("-", ex.out.ptr, ex.out.size, &err) < 0)
		goto failed;
	code = CMD_PASS;
	goto done;
failed:
	code = cmd_print_error(&err);
done:
	gate_buf_dispose(&ex.out);
	gate_report_explainer_free(ex.text);
	gate_policy_free(ex.policy);
	gate_codeowners_free(ex.codeowners);
	if (cmd_close_stdout() != 0 && code == CMD_PASS)
		code = CMD_RUNTIME;
	return code;
}
