/*
 * Helpers shared by the subcommands: option matching, error printing,
 * colour choice and checked output.
 */
#include "riskgate/banned.h"

#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cmd_opt(int argc, char **argv, int *i, const char *cmd, const char *name, const char **value)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return 0;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return 1;
	}
	if (arg[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cmd_usage_error(cmd, "option %s needs a value", name);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

static void put_sanitized(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else
			fputc(*p, fp);
	}
}

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "riskgate %s: ", cmd);
	put_sanitized(stderr, msg);
	fprintf(stderr, "\nTry 'riskgate %s --help'.\n", cmd);
	return CMD_USAGE;
}

int cmd_print_error(const gate_error *err)
{
	fputs("riskgate: ", stderr);
	if (err->file[0]) {
		put_sanitized(stderr, err->file);
		if (err->line)
			fprintf(stderr, ":%u:%u", err->line, err->col);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s error: ", gate_error_class_name(err->klass));
	put_sanitized(stderr, err->message[0] ? err->message : "unknown error");
	fputc('\n', stderr);
	return gate_error_exit_code(err);
}

int cmd_use_color(FILE *fp, int no_color)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (no_color || (nc && nc[0]))
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(fp));
}

int cmd_write(const char *path, const char *data, size_t len, gate_error *err)
{
	FILE *fp;
	int is_stdout = strcmp(path, "-") == 0;

	fp = is_stdout ? stdout : fopen(path, "wb");
	if (!fp)
		return gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s", path,
				      strerror(errno));
	if (len && fwrite(data, 1, len, fp) != len) {
		gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s",
			       is_stdout ? "standard output" : path, strerror(errno));
		if (!is_stdout)
			fclose(fp);
		return -1;
	}
	if (is_stdout)
		return fflush(fp) == 0
			   ? 0
			   : gate_error_set(err, GATE_ERR_IO, "cannot write standard output: %s",
					    strerror(errno));
	if (fclose(fp) != 0)
		return gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s", path,
				      strerror(errno));
	return 0;
}

int cmd_close_stdout(void)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		failed = 1;
	if (failed) {
		fprintf(stderr, "riskgate: io error: cannot write standard output: %s\n",
			strerror(errno));
		return CMD_RUNTIME;
	}
	return 0;
}
