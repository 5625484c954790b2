/*
 * Error values (see include/riskgate/error.h): formatting, context and the
 * mapping of error classes to exit codes.
 */
#include "riskgate/banned.h"

#include "riskgate/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <git2/errors.h>

void gate_error_init(gate_error *err)
{
	if (!err)
		return;
	err->klass = GATE_ERR_NONE;
	err->message[0] = '\0';
	err->file[0] = '\0';
	err->line = 0;
	err->col = 0;
}

static void set_message(gate_error *err, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void set_message(gate_error *err, const char *fmt, va_list ap)
{
	int n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
	if (n < 0)
		snprintf(err->message, sizeof(err->message), "(unformattable message)");
}

int gate_error_set(gate_error *err, gate_error_class klass, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	gate_error_init(err);
	err->klass = klass;
	va_start(ap, fmt);
	set_message(err, fmt, ap);
	va_end(ap);
	return -1;
}

int gate_error_set_at(gate_error *err, gate_error_class klass, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	gate_error_init(err);
	err->klass = klass;
	if (file)
		snprintf(err->file, sizeof(err->file), "%s", file);
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	set_message(err, fmt, ap);
	va_end(ap);
	return -1;
}

int gate_error_from_git(gate_error *err, gate_error_class klass, const char *context)
{
	const git_error *gerr = git_error_last();
	const char *msg = (gerr && gerr->message) ? gerr->message : "unknown libgit2 error";

	if (context)
		return gate_error_set(err, klass, "%s: %s", context, msg);
	return gate_error_set(err, klass, "%s", msg);
}

void gate_error_prefix(gate_error *err, const char *fmt, ...)
{
	char prefix[512];
	size_t plen, mlen, cap = sizeof(err->message) - 1;
	va_list ap;
	int n;

	if (!err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	plen = strlen(prefix);
	if (plen + 2 > cap)
		return;
	/* Truncating the tail of the old message is acceptable; losing it is not. */
	mlen = strlen(err->message);
	if (mlen > cap - plen - 2)
		mlen = cap - plen - 2;
	memmove(err->message + plen + 2, err->message, mlen);
	memcpy(err->message, prefix, plen);
	err->message[plen] = ':';
	err->message[plen + 1] = ' ';
	err->message[plen + 2 + mlen] = '\0';
}

int gate_error_exit_code(const gate_error *err)
{
	if (!err)
		return 3;
	switch (err->klass) {
	case GATE_ERR_USAGE:
	case GATE_ERR_POLICY:
	case GATE_ERR_INPUT:
		return 2;
	default:
		return 3;
	}
}

const char *gate_error_class_name(gate_error_class klass)
{
	switch (klass) {
	case GATE_ERR_NONE:
		return "none";
	case GATE_ERR_USAGE:
		return "usage";
	case GATE_ERR_POLICY:
		return "policy";
	case GATE_ERR_INPUT:
		return "input";
	case GATE_ERR_REPO:
		return "repository";
	case GATE_ERR_SHALLOW:
		return "shallow";
	case GATE_ERR_EMPTY:
		return "empty";
	case GATE_ERR_REGEX:
		return "regex";
	case GATE_ERR_NOMEM:
		return "memory";
	case GATE_ERR_IO:
		return "io";
	case GATE_ERR_DEADLINE:
		return "deadline";
	case GATE_ERR_INTERNAL:
		return "internal";
	}
	return "internal";
}

void gate_error_excerpt(char *dst, size_t cap, const char *s)
{
	size_t i = 0;

	if (!cap)
		return;
	for (; *s && i + 4 < cap && i < 60; s++) {
		unsigned char c = (unsigned char)*s;
		dst[i++] = (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? (char)c : '?';
	}
	if (*s && i + 4 < cap) {
		dst[i++] = '.';
		dst[i++] = '.';
		dst[i++] = '.';
	}
	dst[i] = '\0';
}
