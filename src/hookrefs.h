/*
 * Which refs of a push the pre-receive hook gates, and what deleting one
 * would delete (docs/pre-receive.md, "Which refs are gated"): the default
 * branch (every ref of HEAD's chain of symbolic refs), the policy's `refs`,
 * symbolic refs followed to what git moves, names compared without regard
 * to case on core.ignorecase.
 */
#ifndef RISKGATE_HOOKREFS_H
#define RISKGATE_HOOKREFS_H

#include "riskgate/buf.h"
#include "riskgate/error.h"
#include "riskgate/hook.h"
#include "riskgate/policy.h"

/* Symbolic refs followed to find what a push to one moves. */
#define GATE_HOOK_SYMREF_DEPTH 5

/* Reads into `hook` the default branch's names (default_refs, default_ref)
 * and core.ignorecase. A loop or a chain too long leaves the default
 * branch unknown (no names). 0, or -1 on error. */
int gate_hookrefs_init(gate_hook *hook, gate_error *err);

/* Whether a push to `ref` is gated under `policy`: 1 yes, 0 no, -1 on
 * error. A symbolic ref is gated when any ref of its chain is, or when the
 * chain is too long to follow. */
int gate_hookrefs_gated(const gate_hook *hook, gate_policy *policy, const char *ref,
			gate_error *err);

/* Whether deleting `ref` is refused: it matches protected_refs, or it is a
 * symbolic ref whose chain (which git would delete) reaches a protected ref
 * or the default branch, or is too long to follow. 1 with the reason in
 * `why`, 0, or -1 on error. */
int gate_hookrefs_deletion_refused(gate_buf *why, const gate_hook *hook, gate_policy *policy,
				   const char *ref, gate_error *err);

/* The ref a push to `ref` moves: the end of its chain of symbolic refs
 * (refs/heads/master -> refs/heads/main gives refs/heads/main), spelt as
 * the default branch is when it is that one on core.ignorecase; `ref`
 * itself otherwise. *out is the caller's. 0, or -1 when out of memory. */
int gate_hookrefs_moved(char **out, const gate_hook *hook, const char *ref, gate_error *err);

#endif
