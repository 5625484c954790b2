/*
 * `riskgate verify`: reads the verdict notes (refs/notes/riskgate) of the
 * commits named and says whether each landed with a pass verdict, and, with
 * an allowed signers file, whether the gate's key signed it
 * (docs/verdicts.md).
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "riskgate/buf.h"
#include "riskgate/escape.h"
#include "riskgate/jsonw.h"
#include "riskgate/repo.h"
#include "riskgate/signature.h"
#include "riskgate/verdict.h"

static const char verify_usage[] =
    "usage: riskgate verify [--repo DIR] [--allowed-signers FILE] [--signer NAME]\n"
    "                       [--allow-override] [--onto REV] [--format text|json]\n"
    "                       [REV...]\n"
    "\n"
    "Reads the verdict that 'check --write-note' or the server's hook recorded for\n"
    "each REV (default: HEAD) under refs/notes/riskgate and prints it: pass,\n"
    "override (failed, let through by a recorded break-glass override), fail,\n"
    "error, invalid (the record names another commit, does not parse, or its\n"
    "signature does not verify) or none.\n"
    "\n"
    "options:\n"
    "  --repo DIR       the repository (default: discovered from the current directory)\n"
    "  --allowed-signers FILE\n"
    "                   the gate's SSH public keys, in git's gpg.ssh.allowedSignersFile\n"
    "                   format; with it a verdict counts only when signed by a key\n"
    "                   listed for NAME and namespace riskgate-verdict\n"
    "  --signer NAME    the principal the key must be listed for (default: riskgate)\n"
    "  --allow-override count an overridden verdict as landed (exit 0)\n"
    "  --onto REV       count a verdict only when the change it judged started\n"
    "                   from a commit REV holds (e.g. --onto origin/main): not\n"
    "                   a pass over a base of the author's choosing\n"
    "  --format FMT     text (default) or json\n"
    "\n"
    "exit codes: 0 every REV has a pass verdict (signed, with --allowed-signers),\n"
    "1 any has not, 2 usage error, 3 repository error (unknown revision).\n";

typedef struct {
	const char *repo;
	const char *allowed_signers;
	const char *signer;
	const char *format;
	const char *onto;
	int allow_override;
	int json;
	char **revs;
	int nrevs;
} verify_opts;

static int parse_args(verify_opts *o, int argc, char **argv, int *help)
{
	int i, rc;

	memset(o, 0, sizeof(*o));
	o->format = "text";
	*help = 0;
	o->revs = argv + argc;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = 1;
			return 0;
		}
		if (strcmp(a, "--allow-override") == 0) {
			o->allow_override = 1;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if ((rc = cmd_opt(argc, argv, &i, "verify", "--repo", &o->repo)) ||
		    (rc = cmd_opt(argc, argv, &i, "verify", "--allowed-signers",
				  &o->allowed_signers)) ||
		    (rc = cmd_opt(argc, argv, &i, "verify", "--signer", &o->signer)) ||
		    (rc = cmd_opt(argc, argv, &i, "verify", "--onto", &o->onto)) ||
		    (rc = cmd_opt(argc, argv, &i, "verify", "--format", &o->format))) {
			if (rc < 0)
				return -1;
			continue;
		}
		if (a[0] == '-') {
			cmd_usage_error("verify", "unknown option '%s'", a);
			return -1;
		}
		break;
	}
	o->revs = argv + i;
	o->nrevs = argc - i;
	if (strcmp(o->format, "json") == 0)
		o->json = 1;
	else if (strcmp(o->format, "text") != 0) {
		cmd_usage_error("verify", "unknown format '%s' (expected text or json)", o->format);
		return -1;
	}
	if (o->signer && !o->allowed_signers) {
		cmd_usage_error("verify", "--signer needs --allowed-signers");
		return -1;
	}
	if (o->signer && !*o->signer) {
		cmd_usage_error("verify", "--signer needs a name");
		return -1;
	}
	return 0;
}

/* --onto: the recorded change must start from a commit `onto` holds; else
 * the note is invalid here. */
static int check_onto(gate_verdict_note *n, gate_repo *repo, const char *onto, gate_error *err)
{
	const char *from = n->merge_base[0] ? n->merge_base : n->base;
	char mb[GATE_OID_HEX + 1];
	gate_error missing;
	int found = 0;

	if (n->landed == GATE_LANDED_NONE || n->landed == GATE_LANDED_INVALID || !from[0])
		return 0; /* nothing to bind, or a change from the root: all of it judged */
	gate_error_init(&missing);
	if (gate_repo_resolve(mb, repo, from, &missing) < 0) {
		n->landed = GATE_LANDED_INVALID;
		snprintf(n->problem, sizeof(n->problem),
			 "the verdict judged the change from %.12s, which this repository lacks",
			 from);
		return 0;
	}
	if (gate_repo_merge_base(mb, &found, repo, from, onto, err) < 0)
		return -1;
	if (found && strcmp(mb, from) == 0)
		return 0;
	n->landed = GATE_LANDED_INVALID;
	snprintf(n->problem, sizeof(n->problem),
		 "the verdict judged the change from %.12s, which --onto does not hold", from);
	return 0;
}

static int counts(const verify_opts *o, const gate_verdict_note *n)
{
	return n->landed == GATE_LANDED_PASS ||
	       (o->allow_override && n->landed == GATE_LANDED_OVERRIDE);
}

/* One commit's line: "<id> <state>: what the record and signature say". */
static int text_line(gate_buf *out, const char *rev, const char *id, const gate_verdict_note *n,
		     gate_error *err)
{
	if (gate_buf_printf(out, err, "%.12s ", id) < 0 ||
	    gate_escape_terminal_name(out, rev, strlen(rev), err) < 0 ||
	    gate_buf_printf(out, err, ": %s", gate_landed_name(n->landed)) < 0)
		return -1;
	if (n->landed == GATE_LANDED_INVALID || n->landed == GATE_LANDED_NONE) {
		if (n->problem[0] &&
		    (gate_buf_puts(out, " (", err) < 0 ||
		     gate_escape_terminal_prose(out, n->problem, strlen(n->problem), err) < 0 ||
		     gate_buf_putc(out, ')', err) < 0))
			return -1;
		return gate_buf_putc(out, '\n', err);
	}
	if (n->override_by[0] &&
	    (gate_buf_puts(out, " by ", err) < 0 ||
	     gate_escape_terminal_name(out, n->override_by, strlen(n->override_by), err) < 0))
		return -1;
	if (gate_buf_printf(out, err, ", evaluated %s", n->evaluated_at) < 0)
		return -1;
	if (n->sig_checked)
		return gate_buf_puts(out, ", ", err) < 0 ||
			       gate_escape_terminal_prose(out, n->sig.detail, strlen(n->sig.detail),
							  err) < 0 ||
			       gate_buf_putc(out, '\n', err) < 0
			   ? -1
			   : 0;
	return gate_buf_puts(
	    out, n->is_signed ? ", signed (not checked: no --allowed-signers)\n" : ", unsigned\n",
	    err);
}

static int json_item(gate_jsonw *w, const char *rev, const char *id, const gate_verdict_note *n)
{
	if (gate_jsonw_object(w, NULL) < 0 || gate_jsonw_text(w, "rev", rev) < 0 ||
	    gate_jsonw_text(w, "commit", id) < 0 ||
	    gate_jsonw_text(w, "landed", gate_landed_name(n->landed)) < 0 ||
	    gate_jsonw_text_or_null(w, "problem", n->problem[0] ? n->problem : NULL) < 0 ||
	    gate_jsonw_text_or_null(w, "override_by", n->override_by[0] ? n->override_by : NULL) <
		0 ||
	    gate_jsonw_text_or_null(w, "evaluated_at",
				    n->evaluated_at[0] ? n->evaluated_at : NULL) < 0 ||
	    gate_jsonw_text_or_null(w, "policy_sha256",
				    n->policy_sha256[0] ? n->policy_sha256 : NULL) < 0 ||
	    gate_jsonw_bool(w, "signed", n->is_signed) < 0 ||
	    gate_jsonw_number(w, "answers", (double)n->nanswers) < 0)
		return -1;
	if (n->sig_checked &&
	    (gate_jsonw_object(w, "signature") < 0 ||
	     gate_jsonw_text(w, "status", gate_sig_status_name(n->sig.status)) < 0 ||
	     gate_jsonw_text(w, "detail", n->sig.detail) < 0 || gate_jsonw_close(w) < 0))
		return -1;
	return gate_jsonw_close(w);
}

int cmd_verify(int argc, char **argv)
{
	static const char *const head[] = {"HEAD"};
	gate_allowed_signers *signers = NULL;
	gate_buf out = GATE_BUF_INIT((size_t)1 << 30);
	gate_repo *repo = NULL;
	gate_error err;
	gate_jsonw w;
	verify_opts o;
	const char *const *revs;
	char onto[GATE_OID_HEX + 1] = "";
	int help, k, nrevs, all = 1, code = CMD_RUNTIME;

	gate_error_init(&err);
	if (parse_args(&o, argc, argv, &help) < 0)
		return CMD_USAGE;
	if (help) {
		fputs(verify_usage, stdout);
		return cmd_close_stdout();
	}
	revs = o.nrevs ? (const char *const *)o.revs : head;
	nrevs = o.nrevs ? o.nrevs : 1;
	if (o.allowed_signers &&
	    gate_allowed_signers_load_file(&signers, o.allowed_signers, &err) < 0) {
		code = cmd_print_error(&err);
		goto done;
	}
	if (gate_repo_open(&repo, o.repo, &err) < 0 ||
	    (o.onto && gate_repo_resolve(onto, repo, o.onto, &err) < 0))
		goto failed;
	if (o.json) {
		gate_jsonw_init(&w, &out, &err);
		if (gate_jsonw_object(&w, NULL) < 0 || gate_jsonw_array(&w, "commits") < 0)
			goto failed;
	}
	for (k = 0; k < nrevs; k++) {
		char id[GATE_OID_HEX + 1];
		gate_verdict_note n;

		if (gate_repo_resolve(id, repo, revs[k], &err) < 0 ||
		    gate_verdict_note_read(&n, repo, id, signers, o.signer, &err) < 0 ||
		    (o.onto && check_onto(&n, repo, onto, &err) < 0))
			goto failed;
		if (n.landed == GATE_LANDED_NONE)
			snprintf(n.problem, sizeof(n.problem), "%s",
				 "no verdict recorded under " GATE_VERDICT_NOTES_REF);
		if (!counts(&o, &n))
			all = 0;
		if ((o.json ? json_item(&w, revs[k], id, &n)
			    : text_line(&out, revs[k], id, &n, &err)) < 0)
			goto failed;
	}
	if (o.json && (gate_jsonw_close(&w) < 0 || gate_jsonw_bool(&w, "verified", all) < 0 ||
		       gate_jsonw_close(&w) < 0 || gate_jsonw_finish(&w, 0) < 0))
		goto failed;
	if (cmd_write("-", out.ptr ? out.ptr : "", out.size, &err) < 0)
		goto failed;
	code = all ? CMD_PASS : CMD_FAIL;
	goto done;
failed:
	code = cmd_print_error(&err);
done:
	gate_buf_dispose(&out);
	gate_repo_free(repo);
	gate_allowed_signers_free(signers);
	if (cmd_close_stdout() != 0 && code == CMD_PASS)
		code = CMD_RUNTIME;
	return code;
}
