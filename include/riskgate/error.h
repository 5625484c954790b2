/*
 * Errors as values: every fallible function of the library returns an int
 * (0 on success, negative on failure) and fills a caller-supplied gate_error.
 * There is no global "last error".
 */
#ifndef RISKGATE_ERROR_H
#define RISKGATE_ERROR_H

#include <stddef.h>

/* What went wrong, coarse enough to choose an exit code (docs/commands.md, "Exit codes"). */
typedef enum {
	GATE_ERR_NONE = 0,
	GATE_ERR_USAGE,    /* bad command-line arguments */
	GATE_ERR_POLICY,   /* unreadable or invalid policy */
	GATE_ERR_INPUT,    /* an invalid input file other than the policy */
	GATE_ERR_REPO,     /* repository: revision not found, object missing */
	GATE_ERR_SHALLOW,  /* history needed for the range is not present */
	GATE_ERR_EMPTY,    /* the range evaluates nothing */
	GATE_ERR_REGEX,    /* a pattern hit its match or depth limit */
	GATE_ERR_NOMEM,    /* out of memory or a size limit was exceeded */
	GATE_ERR_IO,       /* output could not be written */
	GATE_ERR_DEADLINE, /* the deadline passed; set only where it is checked */
	GATE_ERR_INTERNAL
} gate_error_class;

/*
 * One error. `message` is always NUL-terminated. When the error is about a
 * position in an input file, `file` is set and `line`/`col` are 1-based;
 * otherwise `file[0]` is NUL and line/col are 0.
 */
typedef struct {
	gate_error_class klass;
	char message[1024];
	char file[512];
	unsigned line;
	unsigned col;
} gate_error;

/* Resets `err` to "no error". */
void gate_error_init(gate_error *err);

/* Records an error of class `klass`; always returns -1 so callers can write
 * `return gate_error_set(...)`. `err` may be NULL. */
int gate_error_set(gate_error *err, gate_error_class klass, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Like gate_error_set, with the position in an input file. */
int gate_error_set_at(gate_error *err, gate_error_class klass, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Records libgit2's last error (or a generic message when it has none),
 * prefixed with `context`. Returns -1. */
int gate_error_from_git(gate_error *err, gate_error_class klass, const char *context);

/* Prepends context ("while X: ") to an existing message without losing it. */
void gate_error_prefix(gate_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The process exit code for an error of this class: 2 for usage, policy and
 * input errors, 3 for everything else (docs/commands.md, "Exit codes"). */
int gate_error_exit_code(const gate_error *err);

/* Copies `s` into `dst` (`cap` bytes) for an error message: printable
 * ASCII only, other bytes and quotes as '?', cut at 60 bytes with "...",
 * so hostile text never reaches a terminal or a workflow command raw. */
void gate_error_excerpt(char *dst, size_t cap, const char *s);

/* A short stable name for the class ("policy", "repository", ...). */
const char *gate_error_class_name(gate_error_class klass);

#endif
