/*
 * Tests for the one definition of "binary" (gate_scan_is_binary,
 * src/scan.c) against git itself: for generated blobs (a NUL byte just
 * before, at and after git's 8000-byte window, lines of control bytes, CR,
 * bytes above 0x7f) `git diff --cached --numstat` must call a staged file
 * binary ("-") exactly when the gate does. Also the Git LFS pointer and shebang
 * tests that make a file unscannable or source code.
 */
#include "riskgate/banned.h"

#include "riskgate/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"
#include "unit.h"

/* 1 when git's numstat calls `buf` binary, else 0 (a failing git ends the
 * test): the blob staged in a fresh repository, diffed against no commit. */
static int git_says_binary(const char *buf, size_t len)
{
	gate_buf out = GATE_BUF_INIT(1 << 20);
	int rc;

	gitrepo_init("scan", "core.attributesFile", "/dev/null", NULL);
	gitrepo_write("blob", buf, len, 0);
	gitrepo_git(NULL, NULL, "add", "blob", NULL);
	gitrepo_git(&out, NULL, "diff", "--cached", "--numstat", NULL);
	CHECK(out.size > 0);
	rc = out.size > 0 && out.ptr[0] == '-';
	gate_buf_dispose(&out);
	return rc;
}

static void test_against_git(void)
{
	static const size_t nul_at[] = {0, 1, 100, 7998, 7999, 8000, 8001, 9000};
	char *buf = malloc(10000);
	size_t i, k, n = 0;

	CHECK(buf != NULL);
	if (!buf)
		return;
	for (i = 0; i < sizeof(nul_at) / sizeof(nul_at[0]); i++) {
		for (k = 0; k < 10000; k++)
			buf[k] = k % 61 == 60 ? '\n' : (char)('a' + k % 26);
		buf[nul_at[i]] = '\0';
		CHECK(gate_scan_is_binary(buf, 10000, 10000) == git_says_binary(buf, 10000));
		n++;
	}
	/* Lines of control bytes, CR and high bytes, no NUL: text for git. */
	for (k = 0; k < 10000; k++)
		buf[k] = (char)(1 + k % 31);
	CHECK(gate_scan_is_binary(buf, 10000, 10000) == 0);
	CHECK(git_says_binary(buf, 10000) == 0);
	for (k = 0; k < 10000; k++)
		buf[k] = (char)(0x80 + k % 127);
	CHECK(gate_scan_is_binary(buf, 10000, 10000) == git_says_binary(buf, 10000));
	/* Past core.bigFileThreshold: binary unread. */
	CHECK(gate_scan_is_binary(NULL, 0, GATE_SCAN_BIG_FILE_THRESHOLD + 1) == 1);
	CHECK(gate_scan_is_binary(NULL, 0, GATE_SCAN_BIG_FILE_THRESHOLD) == 0);
	CHECK(n == 8);
	free(buf);
}

static void test_lfs_and_shebang(void)
{
	static const char lfs[] = "version https://git-lfs.github.com/spec/v1\n"
				  "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2"
				  "ca24d17e2393\nsize 12345\n";

	CHECK(gate_scan_is_lfs_pointer(lfs, sizeof(lfs) - 1) == 1);
	CHECK(gate_scan_is_lfs_pointer(lfs + 1, sizeof(lfs) - 2) == 0);
	CHECK(gate_scan_is_lfs_pointer("version https://git-lfs.github.com/spec/v1", 42) == 0);
	CHECK(gate_scan_has_shebang("#!/bin/sh\n", 10) == 1);
	CHECK(gate_scan_has_shebang(" #!/bin/sh\n", 11) == 0);
	CHECK(gate_scan_has_shebang("#", 1) == 0);
}

int main(void)
{
	if (gitrepo_start("scan", unit_abort) < 0)
		return 1;
	GATE_RUN(test_against_git);
	GATE_RUN(test_lfs_and_shebang);
	gitrepo_finish();
	return GATE_UNIT_DONE("scan");
}
