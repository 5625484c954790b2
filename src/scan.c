/*
 * Whether a blob can be read as text, and whether a changed file is source
 * code the gate must read (see include/riskgate/scan.h). Every module that
 * asks "is this binary" asks here, so that no two can disagree.
 */
#include "riskgate/banned.h"

#include "riskgate/scan.h"

#include <string.h>

#include "riskgate/policy.h"
#include "repo_internal.h"

#define LFS_SPEC "version https://git-lfs.github.com/spec/v1\n"
/* git-lfs never writes a pointer this large (its own limit is 1024). */
#define LFS_POINTER_MAX 1024

int gate_scan_is_binary(const void *buf, size_t size, uint64_t total)
{
	if (total > GATE_SCAN_BIG_FILE_THRESHOLD)
		return 1;
	if (!buf)
		return 0;
	return memchr(buf, 0,
		      size < GATE_SCAN_FIRST_FEW_BYTES ? size : GATE_SCAN_FIRST_FEW_BYTES) != NULL;
}

int gate_scan_is_lfs_pointer(const void *buf, size_t size)
{
	return buf && size <= LFS_POINTER_MAX && size >= sizeof(LFS_SPEC) - 1 &&
	       memcmp(buf, LFS_SPEC, sizeof(LFS_SPEC) - 1) == 0;
}

int gate_scan_has_shebang(const void *buf, size_t size)
{
	return buf && size >= 2 && memcmp(buf, "#!", 2) == 0;
}

/* Whether the last component of `path` has no extension (a leading dot, as
 * in ".profile", is not one). */
static int no_extension(const char *path, size_t len)
{
	size_t i = len, start;

	while (i > 0 && path[i - 1] != '/')
		i--;
	start = i;
	for (i = start + 1; i < len; i++)
		if (path[i] == '.')
			return 0;
	return 1;
}

int gate_scan_is_source(gate_policy *policy, const gate_file *file, const void *head, size_t size,
			gate_error *err)
{
	gate_error_init(err);
	if (gate_policy_language(policy, file->path, file->path_len, err))
		return 1;
	if (err->klass != GATE_ERR_NONE)
		return -1;
	return no_extension(file->path, file->path_len) && gate_scan_has_shebang(head, size);
}

int gate_scan_is_asset(gate_policy *policy, const char *path, size_t len, gate_error *err)
{
	return gate_patterns_match(policy->assets, policy->nassets, path, len, NULL, err);
}

static int blob_lines(size_t *out, gate_repo *repo, const char *hex, size_t max_size,
		      gate_error *err)
{
	git_odb *odb = NULL;
	git_blob *blob = NULL;
	git_object_t type;
	git_oid oid;
	size_t len, i, n = 0;
	const char *p;
	int error = -1;

	*out = 0;
	if (git_oid_fromstr(&oid, hex) < 0 || git_repository_odb(&odb, repo->git) < 0 ||
	    git_odb_read_header(&len, &type, odb, &oid) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading the size of a changed blob");
		goto done;
	}
	if (len > max_size) {
		*out = len; /* an upper bound, without reading it */
		error = 0;
		goto done;
	}
	if (gate_repo__blob(&blob, repo, &oid) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a changed blob");
		goto done;
	}
	p = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	for (i = 0; i < len; i++)
		n += p[i] == '\n';
	if (len && p[len - 1] != '\n')
		n++;
	*out = n;
	error = 0;
done:
	git_blob_free(blob);
	git_odb_free(odb);
	return error;
}

int gate_scan_binary_lines(size_t *out, gate_repo *repo, const gate_file *file, size_t max_size,
			   gate_error *err)
{
	size_t a = 0, b = 0;

	*out = 0;
	if ((file->old_mode & 0170000) == 0100000 &&
	    blob_lines(&a, repo, file->old_oid, max_size, err) < 0)
		return -1;
	if ((file->new_mode & 0170000) == 0100000 &&
	    blob_lines(&b, repo, file->new_oid, max_size, err) < 0)
		return -1;
	*out = a + b < a ? (size_t)-1 : a + b;
	return 0;
}
