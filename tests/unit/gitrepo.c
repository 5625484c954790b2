/*
 * The unit tests' git repositories (gitrepo.h): git run without a shell
 * where a test names its arguments, files written into the work tree, and
 * every failure reported with the command and turned into the end of the
 * running test.
 */
#include "riskgate/banned.h"

#include "gitrepo.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_ARGS 40

static char top[256];
static char repo[PATH_MAX];
static char git_path[PATH_MAX] = "git";
static char stderr_path[PATH_MAX];
static void (*fail_hook)(void);
static int keep;

static void fail(void) __attribute__((noreturn));

/* A command failed and has been reported: keep the repositories to look
 * at, and end the running test. */
static void fail(void)
{
	keep = 1;
	fflush(stderr);
	if (fail_hook)
		fail_hook();
	exit(1);
}

static void failf(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void failf(const char *fmt, ...)
{
	va_list ap;

	fputs("gitrepo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fail();
}

/* Finds git on PATH once: spawning by name would search PATH every time. */
static void find_git(void)
{
	const char *path = getenv("PATH"), *p = path;
	char candidate[PATH_MAX];

	while (p && *p) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		snprintf(candidate, sizeof(candidate), "%.*s/git", (int)len, p);
		if (len && access(candidate, X_OK) == 0) {
			snprintf(git_path, sizeof(git_path), "%s", candidate);
			return;
		}
		p = end ? end + 1 : NULL;
	}
}

int gitrepo_start(const char *name, void (*on_fail)(void))
{
	char tmpl[256];

	snprintf(tmpl, sizeof(tmpl), "/tmp/riskgate-%s-XXXXXX", name);
	if (!mkdtemp(tmpl)) {
		fprintf(stderr, "%s: cannot create a temporary directory: %s\n", name,
			strerror(errno));
		return -1;
	}
	snprintf(top, sizeof(top), "%s", tmpl);
	snprintf(repo, sizeof(repo), "%s", tmpl);
	snprintf(stderr_path, sizeof(stderr_path), "%s/.git-stderr", top);
	fail_hook = on_fail;
	keep = getenv("RISKGATE_TEST_KEEP") != NULL;
	/* git must see nothing of the user's setup, and nothing of a hook's. */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", top, 1);
	setenv("LC_ALL", "C", 1);
	setenv("GIT_COMMITTER_NAME", "C O Mitter", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.com", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	unsetenv("GIT_OBJECT_DIRECTORY");
	unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
	unsetenv("GIT_CONFIG_GLOBAL");
	unsetenv("XDG_CONFIG_HOME");
	find_git();
	return 0;
}

void gitrepo_finish(void)
{
	char cmd[PATH_MAX + 32];

	if (!top[0])
		return;
	if (keep) {
		fprintf(stderr, "repositories kept in %s\n", top);
		return;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	if (system(cmd) != 0)
		fprintf(stderr, "gitrepo: cannot remove %s\n", top);
}

void gitrepo_keep(void)
{
	keep = 1;
}

int gitrepo_kept(void)
{
	return keep;
}

const char *gitrepo_top(void)
{
	return top;
}

const char *gitrepo_dir(void)
{
	return repo;
}

void gitrepo_use(const char *dir)
{
	snprintf(repo, sizeof(repo), "%s/%s", top, dir);
}

/* Prints `git -C DIR ARGS...` as run, for a failure message. */
static void print_argv(const char *const *argv)
{
	size_t i;

	for (i = 0; argv[i]; i++)
		fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
}

/* Shows what git wrote to standard error (kept in a file of the run). */
static void print_stderr(void)
{
	char chunk[4096];
	FILE *fp = fopen(stderr_path, "rb");
	size_t n;

	if (!fp)
		return;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		fwrite(chunk, 1, n, stderr);
	fclose(fp);
}

/*
 * Runs git with `argv`; standard error into the run's file when `keep_err`,
 * else discarded. Returns git's exit status, or -1 when it could not be run
 * or did not exit (a signal).
 */
static int run_git(gate_buf *out, const char *in, const char *const *argv, int keep_err)
{
	posix_spawn_file_actions_t fa;
	gate_error err;
	char chunk[65536];
	int pfd[2] = {-1, -1}, status = 0, rc = -1;
	pid_t pid;
	ssize_t n;

	gate_error_init(&err);
	if (out)
		gate_buf_clear(out);
	if (out && pipe(pfd) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
	if (out) {
		posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
		posix_spawn_file_actions_addclose(&fa, pfd[0]);
		posix_spawn_file_actions_addclose(&fa, pfd[1]);
	} else {
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	}
	posix_spawn_file_actions_addopen(&fa, 2, keep_err ? stderr_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (posix_spawnp(&pid, git_path, &fa, NULL, (char *const *)argv, environ) != 0)
		goto done;
	if (out) {
		close(pfd[1]);
		pfd[1] = -1;
		while ((n = read(pfd[0], chunk, sizeof(chunk))) > 0)
			if (gate_buf_put(out, chunk, (size_t)n, &err) < 0)
				break;
		if (!out->ptr)
			gate_buf_put(out, "", 0, &err);
	}
	if (waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		rc = WEXITSTATUS(status);
	if (err.klass != GATE_ERR_NONE) {
		fprintf(stderr, "gitrepo: git's output: %s\n", err.message);
		rc = -1;
	}
done:
	posix_spawn_file_actions_destroy(&fa);
	if (pfd[0] >= 0)
		close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	return rc;
}

/* Collects `git -C DIR` and the NULL-terminated arguments of `ap`. */
static void make_argv(const char **argv, va_list ap)
{
	int argc = 0;

	argv[argc++] = "git";
	argv[argc++] = "-C";
	argv[argc++] = repo;
	while (argc < MAX_ARGS - 1 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	argv[argc] = NULL;
}

void gitrepo_git(gate_buf *out, const char *in, ...)
{
	const char *argv[MAX_ARGS];
	va_list ap;
	int rc;

	va_start(ap, in);
	make_argv(argv, ap);
	va_end(ap);
	if ((rc = run_git(out, in, argv, 1)) == 0)
		return;
	fputs("gitrepo: `", stderr);
	print_argv(argv);
	if (rc < 0)
		fputs("` could not be run or was killed\n", stderr);
	else
		fprintf(stderr, "` failed (exit %d):\n", rc);
	print_stderr();
	fail();
}

int gitrepo_git_try(gate_buf *out, const char *in, ...)
{
	const char *argv[MAX_ARGS];
	va_list ap;

	va_start(ap, in);
	make_argv(argv, ap);
	va_end(ap);
	return run_git(out, in, argv, 0) == 0 ? 0 : -1;
}

int gitrepo_sh(const char *fmt, ...)
{
	char cmd[16384];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		failf("command too long: %.200s...", cmd);
	n = system(cmd);
	if (n != 0)
		failf("command failed (status %d): %s", n, cmd);
	return 0;
}

void gitrepo_init(const char *dir, ...)
{
	const char *key, *value;
	va_list ap;

	snprintf(repo, sizeof(repo), "%s/%s", top, dir);
	gitrepo_sh("rm -rf '%s' && git init -q -b main '%s'", repo, repo);
	gitrepo_git(NULL, NULL, "config", "user.name", "A U Thor", NULL);
	gitrepo_git(NULL, NULL, "config", "user.email", "author@example.com", NULL);
	gitrepo_git(NULL, NULL, "config", "core.autocrlf", "false", NULL);
	va_start(ap, dir);
	while ((key = va_arg(ap, const char *)) != NULL) {
		if ((value = va_arg(ap, const char *)) == NULL)
			break;
		gitrepo_git(NULL, NULL, "config", key, value, NULL);
	}
	va_end(ap);
}

void gitrepo_path(char *out, size_t size, const char *path)
{
	snprintf(out, size, "%s/%s", repo, path);
}

void gitrepo_mkdirs_for(const char *path)
{
	char p[PATH_MAX * 2];
	size_t i, base;

	gitrepo_path(p, sizeof(p), path);
	base = strlen(repo) + 1;
	for (i = base; p[i]; i++) {
		if (p[i] == '/') {
			p[i] = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST)
				failf("mkdir %s: %s", p, strerror(errno));
			p[i] = '/';
		}
	}
}

void gitrepo_write(const char *path, const void *data, size_t len, int exec)
{
	char p[PATH_MAX * 2];
	FILE *fp;

	gitrepo_mkdirs_for(path);
	gitrepo_path(p, sizeof(p), path);
	unlink(p);
	if ((fp = fopen(p, "wb")) == NULL)
		failf("cannot write %s: %s", p, strerror(errno));
	if (len && fwrite(data, 1, len, fp) != len) {
		fclose(fp);
		failf("cannot write %s: %s", p, strerror(errno));
	}
	if (fclose(fp) != 0)
		failf("cannot write %s: %s", p, strerror(errno));
	if (chmod(p, exec ? 0755 : 0644) != 0)
		failf("chmod %s: %s", p, strerror(errno));
}

void gitrepo_read(gate_buf *out, const char *path)
{
	char p[PATH_MAX * 2];
	gate_error err;

	gitrepo_path(p, sizeof(p), path);
	gate_buf_clear(out);
	gate_error_init(&err);
	if (gate_buf_read_file(out, p, GATE_ERR_INPUT, &err) < 0)
		failf("cannot read %s: %s", p, err.message);
}

void gitrepo_remove(const char *path)
{
	char p[PATH_MAX * 2];

	gitrepo_path(p, sizeof(p), path);
	if (unlink(p) != 0 && errno != ENOENT && rmdir(p) != 0)
		failf("cannot remove %s: %s", p, strerror(errno));
}

void gitrepo_symlink(const char *path, const char *target)
{
	char p[PATH_MAX * 2];

	gitrepo_mkdirs_for(path);
	gitrepo_path(p, sizeof(p), path);
	unlink(p);
	if (symlink(target, p) != 0)
		failf("symlink %s: %s", p, strerror(errno));
}

void gitrepo_move(const char *from, const char *to)
{
	char a[PATH_MAX * 2], b[PATH_MAX * 2];

	gitrepo_mkdirs_for(to);
	gitrepo_path(a, sizeof(a), from);
	gitrepo_path(b, sizeof(b), to);
	if (rename(a, b) != 0)
		failf("rename %s: %s", a, strerror(errno));
}

void gitrepo_commit(const char *msg)
{
	gitrepo_git(NULL, NULL, "add", "-A", NULL);
	gitrepo_git(NULL, NULL, "commit", "-q", "--allow-empty", "-m", msg, NULL);
}

void gitrepo_rev(char out[GATE_OID_HEX + 1], const char *rev)
{
	gate_buf b = GATE_BUF_INIT(1024);
	char spec[512];

	snprintf(spec, sizeof(spec), "%s^{commit}", rev);
	gitrepo_git(&b, NULL, "rev-parse", "--verify", "-q", spec, NULL);
	if (b.size < GATE_OID_HEX) {
		gate_buf_dispose(&b);
		failf("git rev-parse %s printed no commit id", spec);
	}
	memcpy(out, b.ptr, GATE_OID_HEX);
	out[GATE_OID_HEX] = '\0';
	gate_buf_dispose(&b);
}
