/*
 * `riskgate trailers`: prints the trailers of a commit message as a JSON
 * array, read the way `git log --format='%(trailers:only,unfold)'` reads
 * them, so a team can see what the gate will see in a message.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "riskgate/report.h"
#include "riskgate/trailers.h"

static const char trailers_usage[] =
    "usage: riskgate trailers [FILE | -]\n"
    "\n"
    "Prints the trailers of the commit message in FILE (standard input when FILE\n"
    "is - or missing) as a JSON array of {\"key\": ..., \"value\": ...} objects,\n"
    "exactly as git reads a commit's trailers (git log\n"
    "--format='%(trailers:only,unfold)', default configuration). The message is\n"
    "read raw, as stored in the commit after its header. Bytes that are not\n"
    "valid UTF-8 are shown as U+FFFD.\n";

/* Largest message accepted. git has no limit, but a commit message this
 * large is an attack, not a message. */
#define TRAILERS_MAX_MESSAGE ((size_t)64 << 20)

int cmd_trailers(int argc, char **argv)
{
	gate_buf msg = GATE_BUF_INIT(TRAILERS_MAX_MESSAGE);
	gate_buf out = GATE_BUF_INIT((size_t)1 << 30);
	gate_trailers trailers;
	gate_error err;
	const char *path = NULL;
	int i, only_paths = 0, code = CMD_RUNTIME;

	gate_trailers_init(&trailers);
	gate_error_init(&err);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!only_paths && strcmp(a, "--") == 0) {
			only_paths = 1;
			continue;
		}
		if (!only_paths && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			fputs(trailers_usage, stdout);
			return cmd_close_stdout();
		}
		if (!only_paths && a[0] == '-' && a[1] != '\0')
			return cmd_usage_error("trailers", "unknown option '%s'", a);
		if (path)
			return cmd_usage_error("trailers", "more than one file given");
		if (a[0] == '\0')
			return cmd_usage_error("trailers", "an empty file name");
		path = a;
	}
	if (!path)
		path = "-";

	if (gate_buf_read_file(&msg, path, GATE_ERR_INPUT, &err) < 0 ||
	    gate_trailers_parse(&trailers, msg.ptr, msg.size, &err) < 0 ||
	    gate_report_trailers_json(&out, &trailers, &err) < 0 ||
	    cmd_write("-", out.ptr, out.size, &err) < 0)
		goto failed;
	code = CMD_PASS;
	goto done;
failed:
	code = cmd_print_error(&err);
done:
	gate_trailers_dispose(&trailers);
	gate_buf_dispose(&msg);
	gate_buf_dispose(&out);
	if (cmd_close_stdout() != 0 && code == CMD_PASS)
		code = CMD_RUNTIME;
	return code;
}
