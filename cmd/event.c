/*
 * `riskgate github-event`: reads a GitHub event payload and prints the
 * fields that choose what the Action evaluates, one validated key=value per
 * line, so that tools/action.sh never hands a payload value to git unread.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "riskgate/event.h"

static const char event_usage[] =
    "usage: riskgate github-event [--name NAME] FILE\n"
    "\n"
    "Reads the GitHub event payload in FILE (standard input when FILE is -), the\n"
    "file $GITHUB_EVENT_PATH names, for the event NAME (default:\n"
    "$GITHUB_EVENT_NAME), and prints one key=value line per field it has:\n"
    "\n"
    "  event           the event name\n"
    "  repository      repository.full_name (owner/name)\n"
    "  default_branch  repository.default_branch\n"
    "  head_sha        pull_request.head.sha, or merge_group.head_sha\n"
    "  base_sha        pull_request.base.sha, or merge_group.base_sha\n"
    "  base_ref        pull_request.base.ref\n"
    "  pr_number       pull_request.number (or number); for merge_group, N of\n"
    "                  its head_ref refs/heads/gh-readonly-queue/BASE/pr-N-SHA\n"
    "  author          pull_request.user.login\n"
    "  head_ref        pull_request.head.ref\n"
    "  target_branch   the branch the change goes to: pull_request.base.ref,\n"
    "                  merge_group.base_ref, or the branch a push updates\n"
    "  title           pull_request.title (left out when it holds a control\n"
    "                  character or is longer than 1024 bytes)\n"
    "  label           one line per pull_request.labels[].name\n"
    "  labels_known    true when the labels above are all the pull request's\n"
    "                  labels (at most 100, each at most 200 bytes, none with\n"
    "                  a control character)\n"
    "  pusher          sender.login, when the event is a pull_request(_target)\n"
    "                  \"synchronize\": who pushed the head\n"
    "  push_ref        ref, of a push\n"
    "  push_before     before, of a push (all zeros: the push created the ref)\n"
    "  push_after      after, of a push (all zeros: the push deleted the ref)\n"
    "  created         true or false, of a push\n"
    "  deleted         true or false, of a push\n"
    "\n"
    "Pull request events (pull_request, pull_request_target, pull_request_review,\n"
    "pull_request_review_comment) need head.sha, base.ref and the number; push\n"
    "needs before, after and ref; merge_group needs head_sha and base_sha. Other\n"
    "events give only the repository's fields.\n"
    "\n"
    "Every value is checked before it is printed: object ids are 40 or 64\n"
    "lowercase hex digits, branch and ref names follow git check-ref-format and\n"
    "never start with '-', logins and the repository name have GitHub's shapes,\n"
    "the number is a positive integer. So no value holds a newline, a space or\n"
    "anything git reads as an option or revision syntax, and the output can be\n"
    "read with `while IFS= read -r line`. A missing field the event needs, a\n"
    "value of the wrong type or shape, a payload that is not a JSON object, is\n"
    "larger than 25 MiB or holds more than 262144 values: exit 2, with the JSON\n"
    "path and the reason.\n"
    "\n"
    "exit codes: 0 read, 2 invalid payload or usage, 3 runtime error.\n";

static int emit(gate_buf *out, const char *key, const char *value, gate_error *err)
{
	if (!value[0])
		return 0;
	return gate_buf_printf(out, err, "%s=%s\n", key, value);
}

static int format_labels(gate_buf *out, const gate_event *ev, gate_error *err)
{
	size_t i;

	for (i = 0; i < ev->nlabels; i++)
		if (emit(out, "label", ev->labels[i], err) < 0)
			return -1;
	return ev->labels_known ? emit(out, "labels_known", "true", err) : 0;
}

static int format_event(gate_buf *out, const gate_event *ev, gate_error *err)
{
	int push = ev->kind == GATE_EVENT_PUSH;

	if (emit(out, "event", ev->name, err) < 0 ||
	    emit(out, "repository", ev->repository, err) < 0 ||
	    emit(out, "default_branch", ev->default_branch, err) < 0 ||
	    emit(out, "head_sha", ev->head_sha, err) < 0 ||
	    emit(out, "base_sha", ev->base_sha, err) < 0 ||
	    emit(out, "base_ref", ev->base_ref, err) < 0 ||
	    (ev->pr_number > 0 &&
	     gate_buf_printf(out, err, "pr_number=%ld\n", ev->pr_number) < 0) ||
	    emit(out, "author", ev->author, err) < 0 || emit(out, "pusher", ev->pusher, err) < 0 ||
	    emit(out, "head_ref", ev->head_ref, err) < 0 ||
	    emit(out, "target_branch", ev->target_branch, err) < 0 ||
	    emit(out, "title", ev->title, err) < 0 || format_labels(out, ev, err) < 0 ||
	    emit(out, "push_ref", ev->push_ref, err) < 0 ||
	    emit(out, "push_before", ev->push_before, err) < 0 ||
	    emit(out, "push_after", ev->push_after, err) < 0 ||
	    (push && emit(out, "created", ev->created ? "true" : "false", err) < 0) ||
	    (push && emit(out, "deleted", ev->deleted ? "true" : "false", err) < 0))
		return -1;
	return 0;
}

int cmd_github_event(int argc, char **argv)
{
	gate_buf out = GATE_BUF_INIT((size_t)1 << 20);
	gate_event ev;
	gate_error err;
	const char *path = NULL, *name = NULL, *v;
	int i, r, only_paths = 0, code = CMD_RUNTIME;

	gate_error_init(&err);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!only_paths && strcmp(a, "--") == 0) {
			only_paths = 1;
			continue;
		}
		if (!only_paths && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			fputs(event_usage, stdout);
			return cmd_close_stdout();
		}
		if (!only_paths) {
			r = cmd_opt(argc, argv, &i, "github-event", "--name", &v);
			if (r < 0)
				return CMD_USAGE;
			if (r > 0) {
				name = v;
				continue;
			}
			if (a[0] == '-' && a[1] != '\0')
				return cmd_usage_error("github-event", "unknown option '%s'", a);
		}
		if (path)
			return cmd_usage_error("github-event", "more than one file given");
		if (a[0] == '\0')
			return cmd_usage_error("github-event", "an empty file name");
		path = a;
	}
	if (!path)
		return cmd_usage_error("github-event",
				       "no payload file given (the file $GITHUB_EVENT_PATH names, "
				       "or - for standard input)");
	if (!name)
		name = getenv("GITHUB_EVENT_NAME");
	if (!name || !name[0])
		return cmd_usage_error("github-event",
				       "no event name: give --name or set GITHUB_EVENT_NAME");

	if (gate_event_read_file(&ev, name, path, &err) < 0 || format_event(&out, &ev, &err) < 0 ||
	    cmd_write("-", out.ptr, out.size, &err) < 0)
		goto failed;
	code = CMD_PASS;
	goto done;
failed:
	code = cmd_print_error(&err);
done:
	gate_buf_dispose(&out);
	if (cmd_close_stdout() != 0 && code == CMD_PASS)
		code = CMD_RUNTIME;
	return code;
}
