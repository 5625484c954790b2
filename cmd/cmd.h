/*
 * The command layer: argument parsing, printing and exit codes. Each
 * subcommand lives in its own file with the cmd_fn signature; the library
 * under src/ never prints and never exits.
 */
#ifndef RISKGATE_CMD_H
#define RISKGATE_CMD_H

#include <stdio.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"

/* Exit codes (docs/commands.md, "Exit codes"). */
#define CMD_PASS    0
#define CMD_FAIL    1
#define CMD_USAGE   2
#define CMD_RUNTIME 3

/* A subcommand gets the arguments after its own name (argv[0] is its name). */
typedef int (*cmd_fn)(int argc, char **argv);

int cmd_audit(int argc, char **argv);
int cmd_audit_stats(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_github_event(int argc, char **argv);
int cmd_hook(int argc, char **argv);
int cmd_hook_post_receive(int argc, char **argv);
int cmd_hook_install(int argc, char **argv);
int cmd_hook_status(int argc, char **argv);

/* `hook`'s usage text (cmd/hook.c), for --help of its subcommands. */
void cmd_hook_usage(FILE *to);

/* --deadline-ms (`max_lines` 0) or --max-lines (1) as `hook pre-receive`
 * reads it: 0 with *out set, or a usage error (CMD_USAGE). */
int cmd_hook_number(long long *out, const char *v, int max_lines);
int cmd_policy(int argc, char **argv);
int cmd_trailers(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_version(int argc, char **argv);

/*
 * Matches argv[*i] against the long option `name`, as "--name VALUE" or
 * "--name=VALUE". Returns 1 and sets *value (advancing *i past the value)
 * on a match, 0 when argv[*i] is another argument, -1 (after printing a
 * usage error for `cmd`) when the value is missing.
 */
int cmd_opt(int argc, char **argv, int *i, const char *cmd, const char *name, const char **value);

/* Prints "riskgate CMD: MESSAGE" and a pointer to --help; returns CMD_USAGE. */
int cmd_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints an error (with FILE:LINE:COL when it has one) to stderr, control
 * characters escaped; returns its exit code. */
int cmd_print_error(const gate_error *err);

/* Whether to colour output on `fp`: a terminal, no NO_COLOR, no --no-color. */
int cmd_use_color(FILE *fp, int no_color);

/* Writes `len` bytes to `path` ("-" for stdout). GATE_ERR_IO on failure. */
int cmd_write(const char *path, const char *data, size_t len, gate_error *err);

/* Flushes and closes stdout, so a failed write is noticed; returns 0 or
 * CMD_RUNTIME after printing why. */
int cmd_close_stdout(void);

#endif
