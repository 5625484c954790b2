/*
 * `riskgate hook install` puts the pre-receive hook (and, for the verdict
 * notes, the post-receive one) where the server runs it, and `riskgate
 * hook status` proves that both run (docs/pre-receive.md, "Proving it
 * runs: `hook status`"). Where that is, and the probe, are
 * src/hookinstall.c's.
 */
#include "riskgate/banned.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "riskgate/buf.h"
#include "riskgate/escape.h"
#include "riskgate/hookinstall.h"
#include "riskgate/policy.h"
#include "riskgate/signature.h"

/* The options install and status share; install also takes options it
 * writes into the hook for `hook pre-receive` (HOOK_PASSED). */
#define HOOK_PASSED 6
typedef struct {
	const char *repo;
	gate_hook_layout layout;
	gate_hook_existing existing;
	const char *passed[HOOK_PASSED]; /* by hook_passed_names */
	int notes;                       /* --notes, passed on as it is */
	const char *sign_key;            /* --sign-key, for the post-receive hook */
} place_opts;

static const char *const hook_passed_names[HOOK_PASSED] = {"--policy",          "--allowed-signers",
							   "--openpgp-keyring", "--deadline-ms",
							   "--max-lines",       "--report-dir"};

/* Parses install's (`install` set) or status's options. Returns -1 after
 * --help, or a CMD_ code > 0 on a usage error, or 0. */
static int place_args(place_opts *o, int argc, char **argv, int install)
{
	const char *layout = NULL;
	gate_error err;
	int i, rc, nexisting = 0;
	size_t k;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cmd_hook_usage(stdout);
			return -1;
		}
		if (install && strcmp(argv[i], "--force") == 0) {
			o->existing = GATE_HOOK_EXISTING_REPLACE;
			nexisting++;
			continue;
		}
		if (install && strcmp(argv[i], "--notes") == 0) {
			o->notes = 1;
			continue;
		}
		if (install && strcmp(argv[i], "--chain") == 0) {
			o->existing = GATE_HOOK_EXISTING_CHAIN;
			nexisting++;
			continue;
		}
		if ((rc = cmd_opt(argc, argv, &i, "hook", "--repo", &o->repo)) ||
		    (rc = cmd_opt(argc, argv, &i, "hook", "--layout", &layout)) ||
		    (install &&
		     (rc = cmd_opt(argc, argv, &i, "hook", "--sign-key", &o->sign_key)))) {
			if (rc < 0)
				return CMD_USAGE;
			continue;
		}
		for (k = 0, rc = 0; install && k < HOOK_PASSED && !rc; k++)
			rc = cmd_opt(argc, argv, &i, "hook", hook_passed_names[k], &o->passed[k]);
		if (rc < 0)
			return CMD_USAGE;
		if (rc)
			continue;
		return cmd_usage_error("hook", "%s '%s'",
				       argv[i][0] == '-' ? "unknown option" : "unexpected argument",
				       argv[i]);
	}
	if (nexisting > 1)
		return cmd_usage_error("hook", "--chain and --force exclude each other");
	if (o->sign_key && !o->notes)
		return cmd_usage_error("hook",
				       "--sign-key signs the verdict notes: give --notes too");
	if (!o->repo || !o->repo[0])
		return cmd_usage_error("hook", "%s needs --repo DIR",
				       install ? "install" : "status");
	gate_error_init(&err);
	if (layout && gate_hook_layout_parse(&o->layout, layout, &err) < 0)
		return cmd_usage_error("hook", "%s", err.message);
	return 0;
}

/*
 * Checks the options install writes into the hook, as the hook would read
 * them, so that a typo fails now and not on every push: the policy loads,
 * the signers file and keyring parse, the deadline is a number. Files are
 * named by absolute path in `abs` (the hook runs in another directory);
 * `args`/`nargs` get the words to pass. Returns 0, or a CMD_ code.
 */
static int passed_args(const place_opts *o, char abs[HOOK_PASSED][PATH_MAX], const char **args,
		       size_t *nargs)
{
	gate_policy *policy = NULL;
	gate_allowed_signers *signers = NULL;
	gate_error err;
	const char *v;
	size_t k;
	int rc = 0;

	gate_error_init(&err);
	*nargs = 0;
	for (k = 0; k < HOOK_PASSED && rc == 0; k++) {
		if (!(v = o->passed[k]))
			continue;
		if (k == 3 || k == 4) {
			long long n;

			if ((rc = cmd_hook_number(&n, v, k == 4)) != 0)
				return rc;
			args[(*nargs)++] = hook_passed_names[k];
			args[(*nargs)++] = v;
			continue;
		}
		if (!realpath(v, abs[k])) {
			gate_error_set(&err, GATE_ERR_INPUT, "%s %s: %s", hook_passed_names[k], v,
				       strerror(errno));
			rc = -1;
		} else if (k == 5) {
			/* The hook writes there as the user the server runs it as;
			 * this only checks the directory is one and writable now. */
			struct stat st;

			if (stat(abs[k], &st) < 0 || !S_ISDIR(st.st_mode) ||
			    access(abs[k], W_OK | X_OK) < 0) {
				gate_error_set(&err, GATE_ERR_INPUT,
					       "--report-dir %s: not a writable directory", v);
				rc = -1;
			}
		} else if (k == 0) {
			rc = gate_policy_load_file(&policy, abs[k], NULL, &err);
		} else if (k == 1) {
			rc = gate_allowed_signers_load_file(&signers, abs[k], &err);
		} else {
			rc = gate_allowed_signers_add_keyring_file(&signers, abs[k], &err);
		}
		args[(*nargs)++] = hook_passed_names[k];
		args[(*nargs)++] = abs[k];
	}
	gate_policy_free(policy);
	gate_allowed_signers_free(signers);
	if (rc < 0) {
		gate_error_prefix(&err, "not installed");
		return cmd_print_error(&err);
	}
	return 0;
}

/* Prints where a hook was installed and what became of the one before. */
static void print_installed(const gate_hook_location *loc, const gate_hook_installed *inst,
			    const char *exe, const char *name, const char *const *args,
			    size_t nargs)
{
	size_t k;

	printf("%s %s: runs %s hook %s", inst->unchanged ? "already installed" : "installed",
	       loc->path, exe, name);
	for (k = 0; k < nargs; k++)
		printf(" %s", args[k]);
	putchar('\n');
	printf("where: %s\n", loc->why);
	if (inst->kept && inst->chained)
		printf("chained: %s runs after riskgate%s, with the same input\n", inst->kept,
		       loc->hook == GATE_HOOK_PRE_RECEIVE ? " accepts" : "");
	else if (inst->kept)
		printf("replaced: the previous hook is kept as %s\n", inst->kept);
}

/* --notes: the post-receive hook that writes the kept verdicts, signed
 * with --sign-key. Returns 0 or a CMD_ code. */
static int install_post(const place_opts *o, const char *exe)
{
	gate_hook_location loc;
	gate_hook_installed inst;
	char key[PATH_MAX];
	const char *args[2];
	size_t nargs = 0;
	gate_error err;

	gate_error_init(&err);
	if (o->sign_key) {
		if (!realpath(o->sign_key, key) || access(key, R_OK) < 0) {
			gate_error_set(&err, GATE_ERR_INPUT, "--sign-key %s: %s", o->sign_key,
				       strerror(errno));
			gate_error_prefix(&err, "not installed");
			return cmd_print_error(&err);
		}
		args[nargs++] = "--sign-key";
		args[nargs++] = key;
	}
	if (gate_hook_locate_hook(&loc, o->repo, o->layout, GATE_HOOK_POST_RECEIVE, &err) < 0) {
		gate_error_prefix(&err, "not installed");
		return cmd_print_error(&err);
	}
	if (gate_hook_install(&inst, &loc, exe, args, nargs, o->existing, &err) < 0) {
		gate_hook_location_dispose(&loc);
		return cmd_print_error(&err);
	}
	print_installed(&loc, &inst, exe, "post-receive", args, nargs);
	gate_hook_installed_dispose(&inst);
	gate_hook_location_dispose(&loc);
	return 0;
}

int cmd_hook_install(int argc, char **argv)
{
	place_opts o;
	gate_hook_location loc;
	gate_hook_installed inst;
	char exe[4096], abs[HOOK_PASSED][PATH_MAX];
	const char *args[2 * HOOK_PASSED + 1];
	size_t nargs = 0;
	ssize_t n;
	gate_error err;
	int rc;

	if ((rc = place_args(&o, argc, argv, 1)) != 0)
		return rc < 0 ? cmd_close_stdout() : rc;
	if ((rc = passed_args(&o, abs, args, &nargs)) != 0)
		return rc;
	if (o.notes)
		args[nargs++] = "--notes";
	/* The hook runs with another working directory and PATH: name this
	 * very binary by its absolute path. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0 || (size_t)n >= sizeof(exe) - 1) {
		fprintf(stderr, "riskgate: cannot find the path of this binary (/proc/self/exe)\n");
		return CMD_RUNTIME;
	}
	exe[n] = '\0';
	gate_error_init(&err);
	/* The post-receive hook first: a pre-receive hook that keeps verdicts
	 * nobody writes would only fill a directory. */
	if (o.notes && (rc = install_post(&o, exe)) != 0)
		return rc;
	if (gate_hook_locate(&loc, o.repo, o.layout, &err) < 0) {
		gate_error_prefix(&err, "not installed");
		return cmd_print_error(&err);
	}
	if (gate_hook_install(&inst, &loc, exe, args, nargs, o.existing, &err) < 0) {
		gate_hook_location_dispose(&loc);
		return cmd_print_error(&err);
	}
	print_installed(&loc, &inst, exe, "pre-receive", args, nargs);
	if (loc.hooks_path)
		printf(
		    "note: core.hooksPath applies to every repository whose configuration sets it "
		    "to this directory\n");
	if (loc.unrun_d_dir)
		printf(
		    "note: %s.d/ exists, but git runs only %s; its scripts run only if that hook "
		    "runs them\n",
		    loc.path, loc.path);
	printf("prove it: riskgate hook status --repo %s%s%s\n", o.repo,
	       o.layout ? " --layout " : "", o.layout ? gate_hook_layout_name(o.layout) : "");
	gate_hook_installed_dispose(&inst);
	gate_hook_location_dispose(&loc);
	return cmd_close_stdout();
}

/* Prints hook output for the operator, each line escaped and indented. */
static void print_output(const char *text)
{
	gate_buf b = GATE_BUF_INIT(1 << 20);
	gate_error err;
	const char *p = text, *nl;

	gate_error_init(&err);
	while (*p) {
		nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		gate_buf_clear(&b);
		if (gate_escape_terminal_name(&b, p, len, &err) < 0)
			break;
		printf("  | %s\n", b.ptr);
		p += len + (nl ? 1 : 0);
	}
	gate_buf_dispose(&b);
}

/* The post-receive half of `hook status`: sets *code to CMD_FAIL when
 * riskgate does not run there; on an error, prints it, sets *code to its
 * exit code and returns -1. */
static int status_post(const place_opts *o, int *code)
{
	gate_hook_location loc;
	gate_hook_status st;
	gate_error err;

	gate_error_init(&err);
	if (gate_hook_locate_hook(&loc, o->repo, o->layout, GATE_HOOK_POST_RECEIVE, &err) < 0) {
		*code = cmd_print_error(&err);
		return -1;
	}
	if (gate_hook_probe(&st, &loc, &err) < 0) {
		gate_hook_location_dispose(&loc);
		gate_error_prefix(&err, "cannot tell whether the verdict notes are written");
		*code = cmd_print_error(&err);
		return -1;
	}
	printf("verdict notes: the gate keeps them for %s\n", loc.path);
	printf("checked by: %s\n", st.method);
	if (st.runs) {
		gate_buf b = GATE_BUF_INIT(1 << 16);

		if (gate_escape_terminal_name(&b, st.line, strlen(st.line), &err) == 0)
			printf("riskgate writes them after the next push: yes - it answered (%s)\n",
			       b.ptr);
		gate_buf_dispose(&b);
	} else {
		printf("riskgate writes them after the next push: NO - %s\n", st.reason);
		if (st.output && st.output[0]) {
			printf("what the hook printed:\n");
			print_output(st.output);
		}
		*code = CMD_FAIL;
	}
	gate_hook_status_dispose(&st);
	gate_hook_location_dispose(&loc);
	return 0;
}

int cmd_hook_status(int argc, char **argv)
{
	place_opts o;
	gate_hook_location loc;
	gate_hook_status st;
	gate_error err;
	int rc, code;

	if ((rc = place_args(&o, argc, argv, 0)) != 0)
		return rc < 0 ? cmd_close_stdout() : rc;
	gate_error_init(&err);
	if (gate_hook_locate(&loc, o.repo, o.layout, &err) < 0)
		return cmd_print_error(&err);
	if (gate_hook_probe(&st, &loc, &err) < 0) {
		gate_hook_location_dispose(&loc);
		gate_error_prefix(&err, "cannot tell whether the gate runs");
		return cmd_print_error(&err);
	}
	printf("repository: %s\n", loc.gitdir);
	printf("layout: %s (%s)\n", gate_hook_layout_name(loc.layout), loc.why);
	printf("hook: %s\n", loc.path);
	printf("checked by: %s\n", st.method);
	if (st.runs) {
		gate_buf b = GATE_BUF_INIT(1 << 16);

		if (gate_escape_terminal_name(&b, st.line, strlen(st.line), &err) == 0)
			printf("riskgate runs on the next push: yes - it answered (%s) and its "
			       "rejection reached git\n",
			       b.ptr);
		gate_buf_dispose(&b);
		code = CMD_PASS;
	} else {
		printf("riskgate runs on the next push: NO - %s\n", st.reason);
		if (st.output && st.output[0]) {
			printf("what the hook printed:\n");
			print_output(st.output);
		}
		code = CMD_FAIL;
	}
	if (loc.unrun_d_dir)
		printf("note: %s.d/ exists, but git runs only %s\n", loc.path, loc.path);
	/* A gate that keeps verdicts for post-receive needs post-receive to
	 * run, or they are never written. */
	if (st.runs && st.notes && status_post(&o, &code) < 0) {
		gate_hook_status_dispose(&st);
		gate_hook_location_dispose(&loc);
		return code;
	}
	gate_hook_status_dispose(&st);
	gate_hook_location_dispose(&loc);
	rc = cmd_close_stdout();
	return rc ? rc : code;
}
