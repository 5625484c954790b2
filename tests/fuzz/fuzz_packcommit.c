/*
 * Fuzz target: commit headers read straight from a pack
 * (gate_repo_packed_commit), the reader a pushed commit's bytes reach
 * before anything else in a pre-receive hook.
 *
 * Each input becomes a pack of one commit, with its version 2 index, in a
 * scratch repository. The first byte chooses how:
 *   - even: the rest is the commit's text, compressed here (level from the
 *     first byte), so the reader sees a well-formed stream of any header;
 *   - odd: the next two bytes are the size the entry declares (little
 *     endian) and the rest is its zlib stream as given, damaged or not.
 * Whenever the reader answers and the stream inflates to exactly the
 * declared size, libgit2 (the reader of record) parses the same text from
 * an in-memory object database: it must read the commit, with the same
 * parents and committer time. Any difference aborts.
 */
#include "riskgate/banned.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <git2.h>
#include <git2/sys/mempack.h>

#include "riskgate/repo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARENTS 64

static char root[64];
static char pack_path[128], idx_path[128];
static gate_repo *repo;
static git_odb *mem_odb;
static git_odb_backend *mem_backend;
static git_repository *mem_repo;

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int write_all(const char *path, const unsigned char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	return close(fd);
}

static int setup(void)
{
	git_repository *init = NULL;
	gate_error err;

	snprintf(root, sizeof(root), "/tmp/riskgate-fuzz-pack.XXXXXX");
	if (!mkdtemp(root))
		return -1;
	git_libgit2_init();
	if (git_repository_init(&init, root, 1) < 0)
		return -1;
	git_repository_free(init);
	snprintf(pack_path, sizeof(pack_path), "%s/objects/pack/pack-fuzz.pack", root);
	snprintf(idx_path, sizeof(idx_path), "%s/objects/pack/pack-fuzz.idx", root);
	gate_error_init(&err);
	if (gate_repo_open(&repo, root, &err) < 0)
		return -1;
	if (git_odb_new(&mem_odb) < 0 || git_mempack_new(&mem_backend) < 0 ||
	    git_odb_add_backend(mem_odb, mem_backend, 1) < 0 ||
	    git_repository_wrap_odb(&mem_repo, mem_odb) < 0)
		return -1;
	return 0;
}

/* A pack holding one commit entry of `declared` bytes whose zlib data is
 * `z`, and an index naming it `id`. */
static int write_pack(const git_oid *id, size_t declared, const unsigned char *z, size_t zlen)
{
	unsigned char *pack, *idx;
	size_t n = 0, i, idx_len = 8 + 1024 + 20 + 4 + 4 + 40;
	size_t s = declared;
	int rc;

	if ((pack = malloc(12 + 16 + zlen + 20)) == NULL)
		return -1;
	memcpy(pack, "PACK", 4);
	put32(pack + 4, 2);
	put32(pack + 8, 1);
	n = 12;
	pack[n] = (unsigned char)(0x10 | (s & 15)); /* type 1: a commit */
	s >>= 4;
	while (s) {
		pack[n++] |= 0x80;
		pack[n] = (unsigned char)(s & 0x7f);
		s >>= 7;
	}
	n++;
	memcpy(pack + n, z, zlen);
	n += zlen;
	memset(pack + n, 0, 20);
	n += 20;
	rc = write_all(pack_path, pack, n);
	free(pack);
	if (rc < 0 || (idx = calloc(1, idx_len)) == NULL)
		return -1;
	memcpy(idx, "\377tOc", 4);
	put32(idx + 4, 2);
	for (i = id->id[0]; i < 256; i++)
		put32(idx + 8 + 4 * i, 1);
	memcpy(idx + 8 + 1024, id->id, 20);
	put32(idx + 8 + 1024 + 20 + 4, 12); /* after the CRC: the offset */
	rc = write_all(idx_path, idx, idx_len);
	free(idx);
	return rc;
}

/* libgit2's reading of commit text `text`, against the pack reader's. */
static void compare(const git_oid *id, const unsigned char *text, size_t len,
		    char (*parents)[GATE_OID_HEX + 1], size_t nparents, long long time)
{
	char hex[GATE_OID_HEX + 1];
	git_oid written;
	git_commit *c = NULL;
	size_t i;

	if (git_odb_write(&written, mem_odb, text, len, GIT_OBJECT_COMMIT) < 0)
		abort();
	if (!git_oid_equal(&written, id))
		abort();
	/* The pack reader answered: libgit2 must read the commit too. */
	if (git_commit_lookup(&c, mem_repo, id) < 0)
		abort();
	if (git_commit_parentcount(c) != nparents)
		abort();
	for (i = 0; i < nparents && i < MAX_PARENTS; i++) {
		git_oid_tostr(hex, sizeof(hex), git_commit_parent_id(c, (unsigned int)i));
		if (strcmp(hex, parents[i]) != 0)
			abort();
	}
	if ((long long)git_commit_time(c) != time)
		abort();
	git_commit_free(c);
	git_mempack_reset(mem_backend);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static char parents[MAX_PARENTS][GATE_OID_HEX + 1];
	char hex[GATE_OID_HEX + 1];
	size_t nparents;
	long long time;
	gate_error err;
	unsigned char *z = NULL, *text = NULL;
	const unsigned char *stream;
	size_t zlen, declared, text_len = 0;
	uLongf out_len;
	git_oid id;
	int got;

	if (!ready) {
		if (setup() < 0)
			abort();
		ready = 1;
	}
	if (size < 1 || size > 65536)
		return 0;
	if ((data[0] & 1) == 0) {
		uLongf bound = compressBound((uLong)(size - 1));

		text_len = size - 1;
		if ((text = malloc(text_len ? text_len : 1)) == NULL || (z = malloc(bound)) == NULL)
			goto done;
		memcpy(text, data + 1, text_len);
		zlen = bound;
		if (compress2(z, &zlen, text, (uLong)text_len, (data[0] >> 1) % 10) != Z_OK)
			goto done;
		stream = z;
		declared = text_len;
	} else {
		if (size < 3)
			return 0;
		declared = (size_t)data[1] | (size_t)data[2] << 8;
		stream = data + 3;
		zlen = size - 3;
		/* The text, when the stream holds exactly the declared size. */
		if ((text = malloc(declared + 1)) == NULL)
			goto done;
		out_len = (uLongf)declared + 1;
		if (uncompress(text, &out_len, stream, (uLong)zlen) == Z_OK && out_len == declared)
			text_len = declared;
		else {
			free(text);
			text = NULL;
		}
	}
	if (text)
		git_odb_hash(&id, text, text_len, GIT_OBJECT_COMMIT);
	else
		git_odb_hash(&id, data, size, GIT_OBJECT_BLOB); /* any id */
	if (write_pack(&id, declared, stream, zlen) < 0)
		abort();
	git_oid_tostr(hex, sizeof(hex), &id);
	gate_error_init(&err);
	got = gate_repo_packed_commit(repo, hex, parents, MAX_PARENTS, &nparents, &time, &err);
	if (got < 0)
		abort();
	if (got == 1 && text)
		compare(&id, text, text_len, parents, nparents, time);
done:
	free(text);
	free(z);
	return 0;
}
