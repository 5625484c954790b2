/*
 * Installing the pre-receive hook where the server will run it, and proving
 * that it runs. Plain git runs exactly one file per hook: <core.hooksPath>/
 * pre-receive when that is set, else hooks/pre-receive in the git dir; a
 * pre-receive.d/ directory is only run by a dispatcher someone wrote.
 * GitLab's Gitaly runs custom_hooks/pre-receive and the executables of
 * custom_hooks/pre-receive.d/. gate_hook_locate is the one place that
 * decides which; install writes there and `hook status` asks git to run
 * it (docs/pre-receive.md).
 */
#include "riskgate/banned.h"

#include "riskgate/hookinstall.h"
#include "repo_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/hook.h"
#include "riskgate/version.h"

/* The first lines of every hook riskgate writes: how it knows its own. */
#define HOOK_MARK_HEAD "#!/bin/sh\n# riskgate "
#define HOOK_MARK_TAIL " hook, installed by 'riskgate hook install'.\n"
/* Larger than any script riskgate writes (a path is at most PATH_MAX). */
#define HOOK_SCRIPT_MAX (64 * 1024)
#define CHAIN_LINE      "# Chained: "
#define CHAIN_MARK      "\n" CHAIN_LINE
#define CHAINED_SUFFIX  ".riskgate-chained"
#define BACKUP_SUFFIX   ".riskgate-backup"
/* How long `hook status` lets the hook run, and how much of its output it keeps. */
#define PROBE_TIMEOUT_MS 30000
#define PROBE_OUTPUT_MAX (64 * 1024)

/* The first `needle` (a string) in hay[0..hlen), or NULL. */
static const char *find_in(const char *hay, size_t hlen, const char *needle)
{
	return gate_mem_find(hay, hlen, needle, strlen(needle));
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* ---- running git and hooks -------------------------------------------- */

/*
 * Runs argv[0] (looked up in PATH) from `cwd` with GIT_DIR set (and the
 * probe variable, when `nonce`), standard input empty, and collects its
 * standard output, and its standard error too when `both` (bounded).
 * *status is the wait status; *timed_out when it had to be killed.
 */
static int run(gate_buf *output, int *status, int *timed_out, char *const argv[], const char *cwd,
	       const char *gitdir, const char *nonce, int both, gate_error *err)
{
	int fds[2], error = -1;
	pid_t pid;
	long long end = gate_hook_now_ms() + PROBE_TIMEOUT_MS;

	*timed_out = 0;
	if (pipe(fds) < 0)
		return gate_error_set(err, GATE_ERR_IO, "cannot create a pipe: %s",
				      strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return gate_error_set(err, GATE_ERR_IO, "cannot fork: %s", strerror(errno));
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);

		(void)setpgid(0, 0);
		if (in < 0 || dup2(in, 0) < 0 || dup2(fds[1], 1) < 0 ||
		    (both && dup2(fds[1], 2) < 0) || chdir(cwd) < 0 ||
		    setenv("GIT_DIR", gitdir, 1) < 0 ||
		    (nonce && setenv(GATE_HOOK_PROBE_ENV, nonce, 1) < 0))
			_exit(126);
		(void)unsetenv("GIT_WORK_TREE");
		(void)unsetenv("GIT_INDEX_FILE");
		(void)unsetenv("GIT_OBJECT_DIRECTORY");
		(void)unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
		(void)unsetenv("GIT_QUARANTINE_PATH");
		execvp(argv[0], argv);
		fprintf(stderr, "riskgate: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		char chunk[4096];
		struct pollfd pfd = {fds[0], POLLIN, 0};
		long long left = end - gate_hook_now_ms();
		ssize_t n;

		if (left <= 0) {
			*timed_out = 1;
			(void)kill(-pid, SIGKILL);
			(void)kill(pid, SIGKILL);
			break;
		}
		int pr = poll(&pfd, 1, (int)left);

		if (pr < 0 && errno == EINTR)
			continue;
		if (pr == 0)
			continue;
		n = read(fds[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (output->size < PROBE_OUTPUT_MAX &&
		    gate_buf_put(output, chunk,
				 (size_t)n < PROBE_OUTPUT_MAX - output->size
				     ? (size_t)n
				     : PROBE_OUTPUT_MAX - output->size,
				 err) < 0) {
			(void)kill(-pid, SIGKILL);
			(void)kill(pid, SIGKILL);
			(void)waitpid(pid, status, 0);
			goto done;
		}
	}
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR) {
			gate_error_set(err, GATE_ERR_IO, "cannot wait for %s: %s", argv[0],
				       strerror(errno));
			goto done;
		}
	}
	error = 0;
done:
	close(fds[0]);
	return error;
}

/* ---- where ------------------------------------------------------------- */

int gate_hook_layout_parse(gate_hook_layout *out, const char *name, gate_error *err)
{
	if (strcmp(name, "auto") == 0)
		*out = GATE_HOOK_LAYOUT_AUTO;
	else if (strcmp(name, "git") == 0)
		*out = GATE_HOOK_LAYOUT_GIT;
	else if (strcmp(name, "gitlab") == 0)
		*out = GATE_HOOK_LAYOUT_GITLAB;
	else
		return gate_error_set(err, GATE_ERR_USAGE,
				      "unknown layout '%.64s' (expected auto, git or gitlab)",
				      name);
	return 0;
}

const char *gate_hook_layout_name(gate_hook_layout layout)
{
	switch (layout) {
	case GATE_HOOK_LAYOUT_GIT:
		return "git";
	case GATE_HOOK_LAYOUT_GITLAB:
		return "gitlab";
	case GATE_HOOK_LAYOUT_AUTO:
		break;
	}
	return "auto";
}

/* Whether the git dir is one of Gitaly's: its hashed storage path, a
 * custom_hooks/ directory, or a storage root marked .gitaly-metadata above
 * it. Writes the evidence to `why`. */
static int looks_like_gitaly(const char *gitdir, gate_buf *why, gate_error *err)
{
	gate_buf p = GATE_BUF_INIT(8192);
	int found = 0;
	char *slash;

	if (strstr(gitdir, "/@hashed/") || strstr(gitdir, "/@cluster/")) {
		found = gate_buf_puts(why, "Gitaly's hashed storage path", err) < 0 ? -1 : 1;
		goto done;
	}
	if (gate_buf_printf(&p, err, "%scustom_hooks", gitdir) < 0) {
		found = -1;
		goto done;
	}
	if (is_dir(p.ptr)) {
		found = gate_buf_puts(why, "a custom_hooks/ directory", err) < 0 ? -1 : 1;
		goto done;
	}
	gate_buf_clear(&p);
	if (gate_buf_puts(&p, gitdir, err) < 0) {
		found = -1;
		goto done;
	}
	/* Walk up from the git dir to the root, looking for the storage mark. */
	while ((slash = strrchr(p.ptr, '/')) != NULL) {
		p.size = (size_t)(slash - p.ptr);
		p.ptr[p.size] = '\0';
		size_t keep = p.size;

		if (gate_buf_puts(&p, "/.gitaly-metadata", err) < 0) {
			found = -1;
			goto done;
		}
		if (exists(p.ptr)) {
			found = gate_buf_printf(why, err, "Gitaly's storage mark %s", p.ptr) < 0
				    ? -1
				    : 1;
			goto done;
		}
		p.size = keep;
		p.ptr[p.size] = '\0';
	}
done:
	gate_buf_dispose(&p);
	return found;
}

/*
 * The directory git runs this repository's hooks from, asked of git itself
 * (`git rev-parse --git-path hooks`, from the git dir as receive-pack runs
 * hooks), so that core.hooksPath is read from exactly the configuration
 * files, includes and environment the server's git reads. Absolute in *out.
 */
static int git_hooks_dir(gate_buf *out, const char *gitdir, gate_error *err)
{
	gate_buf got = GATE_BUF_INIT(64 * 1024), dir = GATE_BUF_INIT(8192);
	char a_git[] = "git", a_rev[] = "rev-parse", a_path[] = "--git-path", a_hooks[] = "hooks";
	char *argv[] = {a_git, a_rev, a_path, a_hooks, NULL};
	int status = 0, timed_out = 0, error = -1;

	/* GIT_DIR without its trailing slash: git then answers in kind. */
	if (gate_buf_puts(&dir, gitdir, err) < 0)
		goto done;
	while (dir.size > 1 && dir.ptr[dir.size - 1] == '/')
		dir.ptr[--dir.size] = '\0';
	if (run(&got, &status, &timed_out, argv, dir.ptr, dir.ptr, NULL, 0, err) < 0)
		goto done;
	if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !got.size) {
		gate_error_set(
		    err, GATE_ERR_IO,
		    "cannot ask git where it runs hooks ('git rev-parse --git-path hooks' "
		    "in %s %s); is git installed and on PATH?",
		    dir.ptr,
		    timed_out           ? "did not finish"
		    : WIFEXITED(status) ? "failed"
					: "was killed");
		goto done;
	}
	while (got.size && (got.ptr[got.size - 1] == '\n' || got.ptr[got.size - 1] == '\r'))
		got.ptr[--got.size] = '\0';
	if (memchr(got.ptr, '\n', got.size) || memchr(got.ptr, '\0', got.size)) {
		gate_error_set(err, GATE_ERR_IO, "git answered more than one hooks directory");
		goto done;
	}
	if ((got.ptr[0] == '/' ? gate_buf_puts(out, got.ptr, err)
			       : gate_buf_printf(out, err, "%s/%s", dir.ptr, got.ptr)) < 0)
		goto done;
	while (out->size > 1 && out->ptr[out->size - 1] == '/')
		out->ptr[--out->size] = '\0';
	error = 0;
done:
	gate_buf_dispose(&got);
	gate_buf_dispose(&dir);
	return error;
}

void gate_hook_location_dispose(gate_hook_location *loc)
{
	if (!loc)
		return;
	free(loc->gitdir);
	free(loc->hooks_dir);
	free(loc->path);
	free(loc->hooks_path);
	free(loc->why);
	memset(loc, 0, sizeof(*loc));
}

int gate_hook_locate(gate_hook_location *out, const char *repo_dir, gate_hook_layout layout,
		     gate_error *err)
{
	return gate_hook_locate_hook(out, repo_dir, layout, GATE_HOOK_PRE_RECEIVE, err);
}

int gate_hook_locate_hook(gate_hook_location *out, const char *repo_dir, gate_hook_layout layout,
			  gate_hook_name hook, gate_error *err)
{
	const char *name = hook == GATE_HOOK_POST_RECEIVE ? "post-receive" : "pre-receive";
	gate_repo *repo = NULL;
	gate_buf dir = GATE_BUF_INIT(8192), why = GATE_BUF_INIT(8192), path = GATE_BUF_INIT(8192);
	const char *gitdir;
	int error = -1;

	memset(out, 0, sizeof(*out));
	out->hook = hook;
	if (gate_repo_open(&repo, repo_dir, err) < 0) {
		if (strstr(err->message, "objectformat"))
			gate_error_prefix(err,
					  "a SHA-256 repository cannot be read by this build "
					  "(its libgit2 reads SHA-1 repositories only), so the "
					  "hook would reject every push");
		goto done;
	}
	gitdir = git_repository_path(gate_repo_git(repo));
	if ((out->gitdir = gate_strdup(gitdir, err)) == NULL)
		goto done;
	if (layout == GATE_HOOK_LAYOUT_AUTO) {
		int g = looks_like_gitaly(gitdir, &why, err);

		if (g < 0)
			goto done;
		if (g) {
			layout = GATE_HOOK_LAYOUT_GITLAB;
			if (gate_buf_puts(&why, " says GitLab (Gitaly); ", err) < 0)
				goto done;
		} else {
			layout = GATE_HOOK_LAYOUT_GIT;
		}
	} else if (gate_buf_printf(&why, err, "--layout %s; ", gate_hook_layout_name(layout)) < 0) {
		goto done;
	}
	out->layout = layout;
	if (layout == GATE_HOOK_LAYOUT_GITLAB) {
		if (gate_buf_printf(&dir, err, "%scustom_hooks/%s.d", gitdir, name) < 0 ||
		    gate_buf_printf(&why, err,
				    "Gitaly runs custom_hooks/%s and every executable of "
				    "custom_hooks/%s.d/",
				    name, name) < 0)
			goto done;
	} else {
		gate_buf def = GATE_BUF_INIT(8192);
		int custom;

		if (git_hooks_dir(&dir, gitdir, err) < 0 ||
		    gate_buf_printf(&def, err, "%shooks", gitdir) < 0) {
			gate_buf_dispose(&def);
			goto done;
		}
		custom = strcmp(dir.ptr, def.ptr) != 0;
		gate_buf_dispose(&def);
		if (custom && (out->hooks_path = gate_strdup(dir.ptr, err)) == NULL)
			goto done;
		if ((custom ? gate_buf_printf(&why, err,
					      "git says it runs hooks from %s (core.hooksPath)",
					      dir.ptr)
			    : gate_buf_printf(&why, err,
					      "git runs hooks/%s (core.hooksPath is not set)",
					      name)) < 0)
			goto done;
	}
	if (gate_buf_printf(&path, err, "%s/%s", dir.ptr,
			    layout == GATE_HOOK_LAYOUT_GITLAB ? "riskgate" : name) < 0)
		goto done;
	if (layout == GATE_HOOK_LAYOUT_GIT) {
		gate_buf d = GATE_BUF_INIT(8192);

		if (gate_buf_printf(&d, err, "%s.d", path.ptr) < 0) {
			gate_buf_dispose(&d);
			goto done;
		}
		out->unrun_d_dir = is_dir(d.ptr);
		gate_buf_dispose(&d);
	}
	if ((out->hooks_dir = gate_strdup(dir.ptr, err)) == NULL ||
	    (out->path = gate_strdup(path.ptr, err)) == NULL ||
	    (out->why = gate_strdup(why.ptr, err)) == NULL)
		goto done;
	error = 0;
done:
	if (error < 0)
		gate_hook_location_dispose(out);
	gate_buf_dispose(&dir);
	gate_buf_dispose(&why);
	gate_buf_dispose(&path);
	gate_repo_free(repo);
	return error;
}

/* ---- install ----------------------------------------------------------- */

/* Appends `s` single-quoted for sh. */
static int sh_quote(gate_buf *out, const char *s, gate_error *err)
{
	if (gate_buf_putc(out, '\'', err) < 0)
		return -1;
	for (; *s; s++)
		if (*s == '\'' ? gate_buf_puts(out, "'\\''", err) < 0
			       : gate_buf_putc(out, *s, err) < 0)
			return -1;
	return gate_buf_putc(out, '\'', err);
}

static const char *hook_name(gate_hook_name hook)
{
	return hook == GATE_HOOK_POST_RECEIVE ? "post-receive" : "pre-receive";
}

/* The first lines of every hook riskgate writes: how it knows its own. */
static int hook_mark(gate_buf *out, gate_hook_name hook, gate_error *err)
{
	return gate_buf_printf(out, err, HOOK_MARK_HEAD "%s" HOOK_MARK_TAIL, hook_name(hook));
}

/* "BINARY hook NAME ARGS...", each word quoted. */
static int hook_command(gate_buf *out, gate_hook_name hook, const char *binary,
			const char *const *args, size_t nargs, gate_error *err)
{
	size_t i;

	if (sh_quote(out, binary, err) < 0 ||
	    gate_buf_printf(out, err, " hook %s", hook_name(hook)) < 0)
		return -1;
	for (i = 0; i < nargs; i++)
		if (gate_buf_putc(out, ' ', err) < 0 || sh_quote(out, args[i], err) < 0)
			return -1;
	return 0;
}

/* The script: exec the binary by absolute path; when chaining, run the
 * kept hook with the same input: for pre-receive once riskgate has
 * accepted, for post-receive (which decides nothing) after riskgate in any
 * case. */
static int hook_script(gate_buf *out, gate_hook_name hook, const char *binary,
		       const char *const *args, size_t nargs, const char *chained, gate_error *err)
{
	int post = hook == GATE_HOOK_POST_RECEIVE;

	if (hook_mark(out, hook, err) < 0 ||
	    gate_buf_puts(
		out,
		post ? "# It writes the verdicts the pre-receive hook kept as notes\n"
		       "# (docs/verdicts.md).\n"
		     : "# It reads git's ref updates on standard input and rejects a push\n"
		       "# that fails the policy (docs/pre-receive.md).\n",
		err) < 0)
		return -1;
	if (!chained) {
		if (gate_buf_puts(out, "exec ", err) < 0 ||
		    hook_command(out, hook, binary, args, nargs, err) < 0 ||
		    gate_buf_puts(out, " \"$@\"\n", err) < 0)
			return -1;
		return 0;
	}
	if (gate_buf_puts(out, CHAIN_LINE, err) < 0 ||
	    gate_buf_puts(out,
			  post ? "after riskgate, the hook it replaced runs with the same\n"
				 "# input, and its answer is the hook's.\n"
			       : "once riskgate accepts, the hook it replaced runs with the\n"
				 "# same input, and its answer is the push's.\n",
			  err) < 0 ||
	    gate_buf_printf(out, err,
			    "in=$(mktemp \"${TMPDIR:-/tmp}/riskgate-%s.XXXXXX\") || exit 3\n"
			    "trap 'rm -f \"$in\"' EXIT\n"
			    "cat >\"$in\" || exit 3\n",
			    hook_name(hook)) < 0 ||
	    hook_command(out, hook, binary, args, nargs, err) < 0 ||
	    gate_buf_puts(out, post ? " \"$@\" <\"$in\"\n" : " \"$@\" <\"$in\" || exit $?\n", err) <
		0 ||
	    /* `hook status` probes a post-receive hook with no ref updates:
	     * riskgate has answered, and the other hook (one that mails the
	     * team, say) has nothing to do. */
	    (post &&
	     gate_buf_puts(out, "[ -z \"$" GATE_HOOK_PROBE_ENV "\" ] || exit 0 # hook status\n",
			   err) < 0) ||
	    sh_quote(out, chained, err) < 0 || gate_buf_puts(out, " \"$@\" <\"$in\"\n", err) < 0)
		return -1;
	return 0;
}

/* Creates `dir` and its missing parents (mode 0755). */
static int make_dirs(const char *dir, gate_error *err)
{
	gate_buf p = GATE_BUF_INIT(8192);
	size_t i;
	int error = -1;

	if (gate_buf_puts(&p, dir, err) < 0)
		goto done;
	for (i = 1; i <= p.size; i++) {
		if (i < p.size && p.ptr[i] != '/')
			continue;
		char c = p.ptr[i];

		p.ptr[i] = '\0';
		if (!is_dir(p.ptr) && mkdir(p.ptr, 0755) < 0 && errno != EEXIST) {
			gate_error_set(err, GATE_ERR_IO, "cannot create %s: %s", p.ptr,
				       strerror(errno));
			goto done;
		}
		p.ptr[i] = c;
	}
	error = 0;
done:
	gate_buf_dispose(&p);
	return error;
}

/* Writes `script` to `tmp` (a fresh file, mode 0755). */
static int write_script(const char *tmp, const gate_buf *script, gate_error *err)
{
	int fd, error = 0;

	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0755);
	if (fd < 0)
		return gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s", tmp,
				      strerror(errno));
	if (write(fd, script->ptr, script->size) != (ssize_t)script->size || fchmod(fd, 0755) < 0)
		error =
		    gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
	if (close(fd) < 0 && error == 0)
		error =
		    gate_error_set(err, GATE_ERR_IO, "cannot write %s: %s", tmp, strerror(errno));
	if (error < 0)
		(void)unlink(tmp);
	return error;
}

/* A free name for a backup: <path>.riskgate-backup, else .1 to .99. */
static int backup_name(gate_buf *out, const char *path, gate_error *err)
{
	int n;

	for (n = 0; n < 100; n++) {
		gate_buf_clear(out);
		if ((n ? gate_buf_printf(out, err, "%s" BACKUP_SUFFIX ".%d", path, n)
		       : gate_buf_printf(out, err, "%s" BACKUP_SUFFIX, path)) < 0)
			return -1;
		if (!exists(out->ptr))
			return 0;
	}
	return gate_error_set(err, GATE_ERR_USAGE,
			      "%s" BACKUP_SUFFIX " to .99 all exist; remove some", path);
}

void gate_hook_installed_dispose(gate_hook_installed *inst)
{
	if (!inst)
		return;
	free(inst->kept);
	memset(inst, 0, sizeof(*inst));
}

int gate_hook_install(gate_hook_installed *out, const gate_hook_location *loc, const char *binary,
		      const char *const *args, size_t nargs, gate_hook_existing existing,
		      gate_error *err)
{
	gate_buf script = GATE_BUF_INIT(64 * 1024), old = GATE_BUF_INIT(HOOK_SCRIPT_MAX + 1),
		 tmp = GATE_BUF_INIT(8192), kept = GATE_BUF_INIT(8192);
	const char *path = loc->path;
	struct stat st;
	int error = -1, have = 0, ours = 0, moved = 0, chain = 0;

	memset(out, 0, sizeof(*out));
	if (binary[0] != '/')
		return gate_error_set(err, GATE_ERR_USAGE,
				      "the riskgate binary must be named by an absolute path");
	if (make_dirs(loc->hooks_dir, err) < 0)
		goto done;
	if (gate_buf_printf(&kept, err, "%s" CHAINED_SUFFIX, path) < 0)
		goto done;
	if (lstat(path, &st) == 0) {
		have = 1;
		/* Only a small regular file can be one of riskgate's. */
		if (S_ISREG(st.st_mode) && st.st_size <= HOOK_SCRIPT_MAX) {
			if (gate_buf_read_file(&old, path, GATE_ERR_IO, err) < 0)
				goto done;
			gate_buf mark = GATE_BUF_INIT(256);

			if (hook_mark(&mark, loc->hook, err) < 0) {
				gate_buf_dispose(&mark);
				goto done;
			}
			ours = old.size >= mark.size && memcmp(old.ptr, mark.ptr, mark.size) == 0;
			gate_buf_dispose(&mark);
		}
	}
	if (ours) {
		/* riskgate's own hook: rewritten for this binary, keeping its chain. */
		chain = find_in(old.ptr, old.size, CHAIN_MARK) != NULL;
		if (chain && !exists(kept.ptr)) {
			gate_error_set(
			    err, GATE_ERR_USAGE,
			    "%s runs %s after riskgate, which is missing; restore it, or "
			    "remove %s and install again",
			    path, kept.ptr, path);
			goto done;
		}
	} else if (have) {
		switch (existing) {
		case GATE_HOOK_EXISTING_REFUSE:
			gate_error_set(
			    err, GATE_ERR_USAGE,
			    "%s is another hook, not riskgate's: --chain keeps it running "
			    "after riskgate accepts, --force replaces it (keeping a backup)",
			    path);
			goto done;
		case GATE_HOOK_EXISTING_CHAIN:
			if (access(path, X_OK) < 0) {
				gate_error_set(
				    err, GATE_ERR_USAGE,
				    "%s is not executable, so the server does not run it "
				    "today and chaining it would reject every push; use "
				    "--force to replace it (keeping a backup)",
				    path);
				goto done;
			}
			if (exists(kept.ptr)) {
				gate_error_set(err, GATE_ERR_USAGE,
					       "%s already exists; cannot keep %s there", kept.ptr,
					       path);
				goto done;
			}
			chain = 1;
			break;
		case GATE_HOOK_EXISTING_REPLACE:
			if (backup_name(&kept, path, err) < 0)
				goto done;
			break;
		}
	}
	if (hook_script(&script, loc->hook, binary, args, nargs, chain ? kept.ptr : NULL, err) < 0)
		goto done;
	if (ours && old.size == script.size && memcmp(old.ptr, script.ptr, old.size) == 0 &&
	    (st.st_mode & 0111) == 0111) {
		out->unchanged = 1;
		goto kept_info;
	}
	if (gate_buf_printf(&tmp, err, "%s.riskgate-tmp", path) < 0 ||
	    write_script(tmp.ptr, &script, err) < 0)
		goto done;
	if (have && !ours) {
		/* Move the other hook aside first, and back if the new one cannot
		 * take its place: never leave the server without a hook. */
		if (rename(path, kept.ptr) < 0) {
			gate_error_set(err, GATE_ERR_IO, "cannot move %s to %s: %s", path, kept.ptr,
				       strerror(errno));
			(void)unlink(tmp.ptr);
			goto done;
		}
		moved = 1;
	}
	if (rename(tmp.ptr, path) < 0) {
		gate_error_set(err, GATE_ERR_IO, "cannot install %s: %s", path, strerror(errno));
		(void)unlink(tmp.ptr);
		if (moved)
			(void)rename(kept.ptr, path);
		goto done;
	}
kept_info:
	if (moved || chain) {
		if ((out->kept = gate_strdup(kept.ptr, err)) == NULL)
			goto done;
		out->chained = chain;
	}
	error = 0;
done:
	gate_buf_dispose(&script);
	gate_buf_dispose(&old);
	gate_buf_dispose(&tmp);
	gate_buf_dispose(&kept);
	return error;
}

/* ---- status ------------------------------------------------------------ */

void gate_hook_status_dispose(gate_hook_status *st)
{
	if (!st)
		return;
	free(st->method);
	free(st->line);
	free(st->reason);
	free(st->output);
	memset(st, 0, sizeof(*st));
}

static int make_nonce(char *out, size_t size, gate_error *err)
{
	unsigned char raw[12];
	size_t i;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, raw, sizeof(raw)) != (ssize_t)sizeof(raw)) {
		if (fd >= 0)
			close(fd);
		return gate_error_set(err, GATE_ERR_IO, "cannot read /dev/urandom: %s",
				      strerror(errno));
	}
	close(fd);
	if (size < 2 * sizeof(raw) + 1)
		return gate_error_set(err, GATE_ERR_INTERNAL, "nonce buffer too small");
	for (i = 0; i < sizeof(raw); i++) {
		out[2 * i] = "0123456789abcdef"[raw[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[raw[i] & 15];
	}
	out[2 * sizeof(raw)] = '\0';
	return 0;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int gate_hook_probe_answer(char *out, size_t size, const char *what)
{
	const char *nonce = getenv(GATE_HOOK_PROBE_ENV);
	char exe[4096];
	ssize_t n;
	size_t i;

	/* Only a short hex nonce is echoed. */
	if (!nonce || !nonce[0] || strlen(nonce) > 64)
		return 0;
	for (i = 0; nonce[i]; i++)
		if (!strchr("0123456789abcdef", nonce[i]))
			return 0;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0 || (size_t)n >= sizeof(exe) - 1)
		n = 0;
	exe[n] = '\0';
	snprintf(out, size, "probe %s: riskgate %s (%s) at %s", nonce, GATE_VERSION, what,
		 n ? exe : "(unknown path)");
	return 1;
}

/* The rest of the line after "riskgate: probe NONCE: " in the output. */
static int probe_line(char **line, const gate_buf *output, const char *nonce, gate_error *err)
{
	gate_buf key = GATE_BUF_INIT(256);
	const char *at, *end;
	int error = -1;

	*line = NULL;
	if (gate_buf_printf(&key, err, "riskgate: probe %s: ", nonce) < 0)
		goto done;
	at = find_in(output->ptr, output->size, key.ptr);
	if (at) {
		at += key.size;
		end = memchr(at, '\n', (size_t)(output->ptr + output->size - at));
		if (!end)
			end = output->ptr + output->size;
		if ((*line = gate_strndup(at, (size_t)(end - at), err)) == NULL)
			goto done;
	}
	error = 0;
done:
	gate_buf_dispose(&key);
	return error;
}

int gate_hook_probe(gate_hook_status *out, const gate_hook_location *loc, gate_error *err)
{
	gate_buf output = GATE_BUF_INIT(PROBE_OUTPUT_MAX + 1), reason = GATE_BUF_INIT(4096);
	int post = loc->hook == GATE_HOOK_POST_RECEIVE;
	const char *what;
	char nonce[32], a_git[] = "git", a_hook[] = "hook", a_run[] = "run",
			a_pre[] = "pre-receive", a_post[] = "post-receive";
	char *git_argv[] = {a_git, a_hook, a_run, post ? a_post : a_pre, NULL},
	     *file_argv[] = {loc->path, NULL};
	int status = 0, timed_out = 0, error = -1, git = loc->layout != GATE_HOOK_LAYOUT_GITLAB;
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (make_nonce(nonce, sizeof(nonce), err) < 0)
		goto done;
	if ((out->method =
		 gate_strdup(git ? (post ? "git hook run post-receive (from the git dir, as a "
					   "push runs it)"
					 : "git hook run pre-receive (from the git dir, as a "
					   "push runs it)")
				 : "the installed file, run directly (Gitaly runs it on a push)",
			     err)) == NULL)
		goto done;
	if (!git && (lstat(loc->path, &st) < 0 || access(loc->path, X_OK) < 0)) {
		/* Nothing to run: say why without executing anything. */
		if (gate_buf_printf(&reason, err, "%s %s", loc->path,
				    lstat(loc->path, &st) < 0
					? "does not exist"
					: "is not executable, so Gitaly skips it") < 0)
			goto done;
		goto judged;
	}
	if (run(&output, &status, &timed_out, git ? git_argv : file_argv, loc->gitdir, loc->gitdir,
		nonce, 1, err) < 0)
		goto done;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 &&
	    find_in(output.ptr, output.size, "riskgate: cannot run git")) {
		gate_error_set(err, GATE_ERR_IO, "cannot run git (is it installed and on PATH?)");
		goto done;
	}
	if (git && output.size &&
	    (find_in(output.ptr, output.size, "usage: git hook") ||
	     find_in(output.ptr, output.size, "'hook' is not a git command"))) {
		gate_error_set(err, GATE_ERR_IO,
			       "this git cannot run a hook on request ('git hook run' needs git "
			       "2.36 or later), so nothing can be proven");
		goto done;
	}
	if (probe_line(&out->line, &output, nonce, err) < 0)
		goto done;
	/* Which hook answered: a pre-receive riskgate in the post-receive
	 * place (or the reverse) is not the hook asked about. */
	what = out->line ? strstr(out->line, " (") : NULL;
	if (out->line &&
	    (!what || (post ? !starts(what, " (post-receive) at ")
			    : !starts(what, " (pre-receive) at ") &&
				  !starts(what, " (pre-receive, verdict notes) at ")))) {
		free(out->line);
		out->line = NULL;
	}
	out->notes = !post && out->line && starts(what, " (pre-receive, verdict notes) at ");
	/* riskgate rejects a push with no ref updates; a pre-receive hook that
	 * exits 0 all the same ran the gate without heeding it. */
	out->runs = out->line != NULL && !timed_out &&
		    (post || !(WIFEXITED(status) && WEXITSTATUS(status) == 0));
	if (out->runs)
		goto judged;
	if (out->line && timed_out) {
		if (gate_buf_printf(&reason, err,
				    "riskgate ran, but the hook did not finish within %d s",
				    PROBE_TIMEOUT_MS / 1000) < 0)
			goto done;
	} else if (out->line) {
		if (gate_buf_printf(
			&reason, err,
			"riskgate ran, but %s exited 0 all the same: riskgate's rejection "
			"(of a push with no ref updates) does not reach %s, so neither "
			"would a real one (a dispatcher that ignores exit codes?)",
			loc->path, git ? "git" : "Gitaly") < 0)
			goto done;
	} else if (timed_out) {
		if (gate_buf_printf(&reason, err, "the hook did not finish within %d s",
				    PROBE_TIMEOUT_MS / 1000) < 0)
			goto done;
	} else if (lstat(loc->path, &st) < 0) {
		if (gate_buf_printf(&reason, err, "there is no hook at %s: %s", loc->path,
				    git ? "git runs none on a push"
					: "Gitaly runs none from there") < 0)
			goto done;
	} else if (access(loc->path, X_OK) < 0) {
		if (gate_buf_printf(&reason, err, "%s is not executable, so %s skips it", loc->path,
				    git ? "git" : "Gitaly") < 0)
			goto done;
	} else if (gate_buf_printf(&reason, err, "%s ran, but riskgate did not answer from it",
				   loc->path) < 0) {
		goto done;
	}
judged:
	if (!out->runs && (out->reason = gate_strdup(reason.ptr ? reason.ptr : "", err)) == NULL)
		goto done;
	if ((out->output = gate_strndup(output.ptr ? output.ptr : "", output.size, err)) == NULL)
		goto done;
	error = 0;
done:
	if (error < 0)
		gate_hook_status_dispose(out);
	gate_buf_dispose(&output);
	gate_buf_dispose(&reason);
	return error;
}
