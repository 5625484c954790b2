/*
 * riskgate's entry point: dispatches to one subcommand per file, the way
 * git's builtins are organised, and prints the top-level help.
 */
#include "riskgate/banned.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "riskgate/version.h"

static const struct {
	const char *name;
	cmd_fn fn;
	const char *summary;
} commands[] = {
    {"check", cmd_check, "evaluate a change (BASE...HEAD) against the policy"},
    {"audit", cmd_audit, "evaluate each commit of a range or branch, and the range"},
    {"explain", cmd_explain, "show the tier, matching rule and requirements of paths"},
    {"hook", cmd_hook, "run as a git pre-receive hook, or install it"},
    {"policy", cmd_policy, "validate a policy (policy lint) or run its fixtures (policy test)"},
    {"verify", cmd_verify, "show and check the recorded verdicts of commits"},
    {"trailers", cmd_trailers, "print the trailers of a commit message as JSON"},
    {"github-event", cmd_github_event, "print the validated fields of a GitHub event payload"},
    {"version", cmd_version, "print the version"},
};

static void usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: riskgate <command> [options]\n"
		    "\n"
		    "A merge gate: classifies every file of a git change into a risk tier with\n"
		    "a regex policy, checks what each tier requires, and answers pass or fail.\n"
		    "\n"
		    "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "\n"
		    "Run 'riskgate <command> --help' for a command's options.\n"
		    "\n"
		    "exit codes: 0 pass, 1 fail (violations), 2 usage or policy error,\n"
		    "            3 repository or runtime error. An error is never a pass.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	/* A closed pipe must surface as a write error (exit 3), not kill the
	 * process with a signal that a CI step might misread. */
	signal(SIGPIPE, SIG_IGN);

	if (argc < 2) {
		usage(stderr);
		return CMD_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *sub[3];
			for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
				if (strcmp(argv[2], commands[i].name) == 0) {
					sub[0] = argv[2];
					sub[1] = (char *)"--help";
					sub[2] = NULL;
					return commands[i].fn(2, sub);
				}
			}
			return cmd_usage_error("help", "unknown command '%s'", argv[2]);
		}
		usage(stdout);
		return cmd_close_stdout();
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(1, argv + 1);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "riskgate: unknown command '%s'\n\n", argv[1][0] ? argv[1] : "");
	usage(stderr);
	return CMD_USAGE;
}
