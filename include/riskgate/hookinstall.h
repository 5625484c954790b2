/*
 * Where a server runs the pre-receive hook, putting riskgate there, and
 * proving that it runs. One owner of "which file does the server execute
 * on a push": installation and `hook status` both ask gate_hook_locate.
 */
#ifndef RISKGATE_HOOKINSTALL_H
#define RISKGATE_HOOKINSTALL_H

#include "riskgate/error.h"

/* The variable `hook status` sets to a fresh nonce when it runs the hook;
 * `hook pre-receive` then prints one line naming the nonce, its binary and
 * version, and carries on as always (it changes no decision). */
#define GATE_HOOK_PROBE_ENV "RISKGATE_HOOK_PROBE"

typedef enum {
	GATE_HOOK_LAYOUT_AUTO = 0, /* GitLab when the repository looks like Gitaly's, else git */
	GATE_HOOK_LAYOUT_GIT,      /* core.hooksPath/pre-receive, else hooks/pre-receive */
	GATE_HOOK_LAYOUT_GITLAB    /* custom_hooks/pre-receive.d/riskgate (Gitaly) */
} gate_hook_layout;

/* What to do with a hook of someone else's at the place riskgate goes. */
typedef enum {
	GATE_HOOK_EXISTING_REFUSE = 0, /* leave it and fail (GATE_ERR_USAGE) */
	GATE_HOOK_EXISTING_CHAIN,      /* keep it running after riskgate accepts */
	GATE_HOOK_EXISTING_REPLACE     /* replace it, keeping a backup copy */
} gate_hook_existing;

/* Which hook: the gate itself, or the one that writes its verdicts as
 * notes (docs/verdicts.md, "On the server"). */
typedef enum { GATE_HOOK_PRE_RECEIVE = 0, GATE_HOOK_POST_RECEIVE } gate_hook_name;

typedef struct {
	gate_hook_name hook;
	gate_hook_layout layout; /* resolved: never AUTO */
	char *gitdir;            /* the repository's git dir, with a trailing '/' */
	char *hooks_dir;         /* the directory the server runs hooks from */
	char *path;              /* the file riskgate is (to be) installed as */
	char *hooks_path;        /* where core.hooksPath points, as git says, or NULL */
	char *why;               /* one line: how the layout and the place were found */
	int unrun_d_dir;         /* git layout: a hooks/pre-receive.d/ git never runs */
} gate_hook_location;

/* Finds where the server runs the pre-receive hook of the repository at
 * `repo_dir` (bare or not) under `layout`. Plain git runs exactly
 * `<core.hooksPath>/pre-receive` (relative to the git dir, where git runs
 * the hook) or `<git dir>/hooks/pre-receive`, and never a pre-receive.d/
 * directory of its own accord; which of the two is asked of git itself
 * (`git rev-parse --git-path hooks`), so the git CLI must be on PATH. */
int gate_hook_locate(gate_hook_location *out, const char *repo_dir, gate_hook_layout layout,
		     gate_error *err);

/* The same for `hook`: the post-receive hook goes beside the pre-receive
 * one (<hooks dir>/post-receive; GitLab: custom_hooks/post-receive.d/). */
int gate_hook_locate_hook(gate_hook_location *out, const char *repo_dir, gate_hook_layout layout,
			  gate_hook_name hook, gate_error *err);
void gate_hook_location_dispose(gate_hook_location *loc);

/* Parses "auto", "git" or "gitlab". Returns 0, or -1 (GATE_ERR_USAGE). */
int gate_hook_layout_parse(gate_hook_layout *out, const char *name, gate_error *err);
const char *gate_hook_layout_name(gate_hook_layout layout);

typedef struct {
	int unchanged; /* the file already held exactly this hook */
	char *kept;    /* the other hook, moved here (chained or backup), or NULL */
	int chained;   /* the installed hook runs `kept` after riskgate accepts */
} gate_hook_installed;

/*
 * Writes the hook at loc->path: a script that execs `binary` (an absolute
 * path) as `hook pre-receive`, followed by the `nargs` arguments `args`
 * (shell-quoted; the caller makes paths absolute). An existing hook that riskgate did not write
 * is refused, chained (moved to <path>.riskgate-chained and run, with the
 * same input, after riskgate accepts) or replaced (moved to
 * <path>.riskgate-backup[.N]) as `existing` says; a hook riskgate wrote is
 * rewritten and keeps its chain. The file is replaced atomically.
 */
int gate_hook_install(gate_hook_installed *out, const gate_hook_location *loc, const char *binary,
		      const char *const *args, size_t nargs, gate_hook_existing existing,
		      gate_error *err);
void gate_hook_installed_dispose(gate_hook_installed *inst);

/*
 * The answer of a hook riskgate runs as, when `hook status` probes it: with
 * GATE_HOOK_PROBE_ENV set to a nonce, writes "probe NONCE: riskgate
 * VERSION (WHAT) at BINARY" into `out` (`size` bytes; the caller prefixes
 * "riskgate: ") and returns 1; returns 0 when this run is not a probe.
 * `what` names the hook ("pre-receive", "pre-receive, verdict notes",
 * "post-receive"): gate_hook_probe reads it back.
 */
int gate_hook_probe_answer(char *out, size_t size, const char *what);

typedef struct {
	int runs;     /* 1: the probe saw riskgate run as the hook */
	int notes;    /* pre-receive: it keeps verdicts for post-receive (--notes) */
	char *method; /* how the hook was run, e.g. "git hook run pre-receive" */
	char *line;   /* the probe's line from riskgate (binary, version), or NULL */
	char *reason; /* when !runs: why the gate will not run (one line) */
	char *output; /* what the hook printed, bounded (hostile text: escape it) */
} gate_hook_status;

/*
 * Proves whether the next push runs riskgate as loc->hook: for the git
 * layout, asks git to run that hook exactly as a push would (`git hook
 * run`, from the git dir, with no ref updates); for the GitLab layout, runs
 * the installed file the same way. The hook sees GATE_HOOK_PROBE_ENV set
 * to a fresh nonce and riskgate answers with a line naming it. A
 * pre-receive hook must also reject (riskgate rejects a push with no ref
 * updates), or its answer would not reach the server; a post-receive
 * hook's exit code decides nothing. Returns 0 with out->runs set either
 * way, or -1 when the probe itself could not run.
 */
int gate_hook_probe(gate_hook_status *out, const gate_hook_location *loc, gate_error *err);
void gate_hook_status_dispose(gate_hook_status *st);

#endif
