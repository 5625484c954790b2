/*
 * Library-internal access to the libgit2 repository behind a gate_repo, for
 * the other repository-facing modules (content). Not a public header: cmd/
 * and the tests never see libgit2 types.
 */
#ifndef RISKGATE_SRC_REPO_INTERNAL_H
#define RISKGATE_SRC_REPO_INTERNAL_H

#include <git2.h>

#include "riskgate/change.h"

/* The libgit2 repository of `repo` (borrowed). */
git_repository *gate_repo_git(gate_repo *repo);

#endif
