/*
 * Tests for the one definition of "binary" (gate_scan_is_binary,
 * src/scan.c) against git itself: for generated blobs (a NUL byte just
 * before, at and after git's 8000-byte window, lines of control bytes, CR,
 * bytes above 0x7f) `git diff --no-index --numstat` must call a file binary
 * ("-") exactly when the gate does. Also the Git LFS pointer and shebang
 * tests that make a file unscannable or source code.
 */
#include "riskgate/banned.h"

#include "riskgate/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

static char dir[] = "/tmp/riskgate-scan-XXXXXX";

/* 1 when git's numstat calls `buf` binary, 0 when text, -1 on error. */
static int git_says_binary(const char *buf, size_t len)
{
	char path[256], cmd[1024], line[256];
	FILE *fp;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/blob", dir);
	fp = fopen(path, "wb");
	if (!fp)
		return -1;
	if (fwrite(buf, 1, len, fp) != len) {
		fclose(fp);
		return -1;
	}
	fclose(fp);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git -c core.attributesFile=/dev/null diff --no-index --numstat "
		 "/dev/null blob",
		 dir);
	fp = popen(cmd, "r");
	if (!fp)
		return -1;
	if (fgets(line, sizeof(line), fp))
		rc = line[0] == '-';
	pclose(fp);
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
	if (!mkdtemp(dir)) {
		fprintf(stderr, "scan: cannot create a temporary directory\n");
		return 1;
	}
	GATE_RUN(test_against_git);
	GATE_RUN(test_lfs_and_shebang);
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "scan: cannot remove %s\n", dir);
	}
	return GATE_UNIT_DONE("scan");
}
