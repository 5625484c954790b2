/*
 * The verdict notes of the server's hooks (docs/verdicts.md, "On the
 * server"): the records `hook pre-receive --notes` keeps once it accepts a
 * push, and `riskgate hook post-receive`, which, after git has accepted
 * the push, writes each kept verdict as a note on the pushed commit.
 */
#include "riskgate/banned.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cmd.h"
#include "hook_notes.h"
#include "riskgate/buf.h"
#include "riskgate/escape.h"
#include "riskgate/hook.h"
#include "riskgate/hookinstall.h"
#include "riskgate/repo.h"
#include "riskgate/verdict.h"

/* A kept verdict whose push never completed (a later hook refused it) is
 * dropped after this many seconds. */
#define STALE_SECONDS (24 * 60 * 60)

/* Whether `ref` is refs/notes/riskgate, in any case (one file on a
 * case-insensitive file system), or below it. */
int hook_notes_is_ref(const char *ref)
{
	size_t n = strlen(GATE_VERDICT_NOTES_REF);

	return strncasecmp(ref, GATE_VERDICT_NOTES_REF, n) == 0 &&
	       (ref[n] == '\0' || ref[n] == '/');
}

/* The record of ref `u`'s evaluation `r`, with the override a failing ref
 * would pass by: if that override is refused, the push is rejected and
 * nothing kept is handed over. */
int hook_notes_keep(hook_notes_kept *kept, const gate_hook_update *u, const gate_hook_ref *r,
		    const gate_hook_override *ov, gate_error *err)
{
	gate_buf rec = GATE_BUF_INIT(GATE_VERDICT_MAX_SIZE);
	gate_report report;
	gate_verdict_ctx ctx;
	int error;

	if (!r->change)
		return 0; /* nothing evaluated: an ungated ref, a deletion */
	memset(&report, 0, sizeof(report));
	report.policy = r->policy;
	report.change = r->change;
	report.result = &r->result;
	memset(&ctx, 0, sizeof(ctx));
	ctx.ref = u->ref;
	ctx.when = (long long)time(NULL);
	if (r->verdict == GATE_VERDICT_FAIL && ov->given && ov->login && ov->reason &&
	    ov->reason[0]) {
		ctx.override_by = ov->login;
		ctx.override_reason = ov->reason;
		ctx.pusher = ov->login;
	}
	error = gate_verdict_record(&rec, &report, &ctx, err);
	if (!error && (gate_strlist_add(&kept->refs, u->ref, err) < 0 ||
		       gate_strlist_add(&kept->ids, r->change->head, err) < 0 ||
		       gate_strlist_add(&kept->records, rec.ptr, err) < 0))
		error = -1;
	gate_buf_dispose(&rec);
	return error;
}

void hook_notes_kept_dispose(hook_notes_kept *kept)
{
	gate_strlist_dispose(&kept->refs);
	gate_strlist_dispose(&kept->ids);
	gate_strlist_dispose(&kept->records);
}

/* The push is accepted: every kept record for post-receive. */
int hook_notes_hand_over(const hook_notes_kept *kept, gate_repo *repo, gate_error *err)
{
	size_t i;

	for (i = 0; i < kept->ids.count; i++)
		if (gate_verdict_pending_put(repo, kept->refs.items[i], kept->ids.items[i],
					     kept->records.items[i], strlen(kept->records.items[i]),
					     err) < 0)
			return -1;
	return 0;
}

static const char post_usage[] =
    "usage: riskgate hook post-receive [--repo DIR] [--sign-key KEY]\n"
    "\n"
    "Run by git after it accepted a push (hooks/post-receive), with the same\n"
    "'<old-id> <new-id> <ref>' lines on standard input: writes the verdict that\n"
    "'hook pre-receive --notes' kept for each pushed commit as a note under\n"
    "refs/notes/riskgate (docs/verdicts.md).\n"
    "\n"
    "options:\n"
    "  --repo DIR       the repository (default: from GIT_DIR, as git runs hooks)\n"
    "  --sign-key KEY   sign each verdict with this SSH private key (ssh-keygen\n"
    "                   -Y sign, namespace riskgate-verdict)\n"
    "\n"
    "exit codes: 0 every kept verdict written, 1 some could not be (the push has\n"
    "happened either way), 2 usage error.\n";

static void complain(const char *ref, const gate_error *err)
{
	gate_buf b = GATE_BUF_INIT(1 << 16);
	gate_error ignored;

	gate_error_init(&ignored);
	if (gate_buf_puts(&b, "riskgate: the verdict of ", &ignored) == 0 &&
	    gate_escape_terminal_name(&b, ref, strlen(ref), &ignored) == 0 &&
	    gate_buf_puts(&b, " was not recorded: ", &ignored) == 0 &&
	    gate_escape_terminal_prose(&b, err->message, strlen(err->message), &ignored) == 0)
		fprintf(stderr, "%s\n", b.ptr);
	else
		fprintf(stderr, "riskgate: a verdict was not recorded\n");
	gate_buf_dispose(&b);
}

int cmd_hook_post_receive(int argc, char **argv)
{
	const char *repo_dir = NULL, *key = NULL;
	gate_buf in = GATE_BUF_INIT(GATE_HOOK_INPUT_MAX),
		 rec = GATE_BUF_INIT(GATE_VERDICT_MAX_SIZE);
	gate_hook_updates updates;
	gate_repo *repo = NULL;
	gate_error err;
	char chunk[65536];
	size_t i, n;
	int k, rc, code = CMD_PASS;

	gate_error_init(&err);
	gate_hook_updates_init(&updates);
	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
			fputs(post_usage, stdout);
			return cmd_close_stdout();
		}
		if ((rc = cmd_opt(argc, argv, &k, "hook", "--repo", &repo_dir)) ||
		    (rc = cmd_opt(argc, argv, &k, "hook", "--sign-key", &key))) {
			if (rc < 0)
				return CMD_USAGE;
			continue;
		}
		return cmd_usage_error("hook", "%s '%s'",
				       argv[k][0] == '-' ? "unknown option" : "unexpected argument",
				       argv[k]);
	}
	if (key && !*key)
		return cmd_usage_error("hook", "--sign-key needs a key file");
	/* `hook status` asks whether this hook runs riskgate: say so, and go
	 * on as always (with no ref updates there is nothing to write). */
	if (gate_hook_probe_answer(chunk, sizeof(chunk), "post-receive"))
		fprintf(stderr, "riskgate: %s\n", chunk);
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		if (gate_buf_put(&in, chunk, n, &err) < 0)
			goto failed;
	if (ferror(stdin)) {
		gate_error_set(&err, GATE_ERR_INPUT, "cannot read standard input: %s",
			       strerror(errno));
		goto failed;
	}
	if (gate_hook_parse(&updates, in.ptr, in.size, &err) < 0 ||
	    gate_repo_open(&repo, repo_dir, &err) < 0)
		goto failed;
	for (i = 0; i < updates.count; i++) {
		const gate_hook_update *u = &updates.items[i];
		char id[GATE_OID_HEX + 1], peel[GATE_HOOK_ID_MAX + 16];

		if (u->new_zero)
			continue;
		/* pre-receive kept it under the commit it evaluated: a tag's
		 * target. */
		snprintf(peel, sizeof(peel), "%s^{commit}", u->new_id);
		gate_error_init(&err);
		if (gate_repo_resolve(id, repo, peel, &err) < 0)
			continue; /* not a commit: nothing was evaluated */
		rc = gate_verdict_pending_read(&rec, repo, u->ref, id, &err);
		if (rc == 0)
			continue;
		if (rc > 0 && key)
			rc = gate_verdict_sign(&rec, key, &err);
		if (rc >= 0)
			rc = gate_verdict_note_write(repo, id, rec.ptr, rec.size, &err);
		/* Kept until written: a failure leaves it for the administrator. */
		if (rc >= 0)
			rc = gate_verdict_pending_remove(repo, u->ref, id, &err);
		if (rc < 0) {
			complain(u->ref, &err);
			code = CMD_FAIL;
		}
	}
	gate_verdict_pending_drop_stale(repo, STALE_SECONDS);
	goto done;
failed:
	cmd_print_error(&err);
	code = CMD_FAIL;
done:
	gate_repo_free(repo);
	gate_hook_updates_dispose(&updates);
	gate_buf_dispose(&in);
	gate_buf_dispose(&rec);
	return code;
}
