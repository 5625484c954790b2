/*
 * Commit headers read straight from the pack files (src/packcommit.h).
 *
 * Why: finding a merge base walks every commit between the two tips and
 * the point where their histories meet (1,492 commits for a 21-commit pull
 * request on git/git), and needs of each only its parents and date. Read
 * through libgit2, each commit is inflated whole (messages and signatures
 * included) and parsed into allocated fields: 56,000 instructions a
 * commit, a fifth of such a run. Here only the first bytes of the commit's
 * zlib stream are inflated, as far as the committer line.
 *
 * The formats are git's (Documentation/gitformat-pack): a version 2 index
 * (a fan-out table, the sorted ids, their CRCs, 31-bit offsets, then the
 * 64-bit ones) beside each pack, whose entries start with a type and size
 * header followed by zlib data. The index is mapped; the pack is read with
 * pread() in blocks, a few of which are kept, so that reading commits
 * does not grow the resident set by the pages of the pack it touches.
 *
 * This reader answers only when sure, and otherwise says so: anything it
 * does not read (a delta, a loose object, an odd header, a damaged entry)
 * is read by the caller through libgit2, which remains the one reader of
 * record; the two agree on every header this one accepts (see
 * gate_packcommits_read).
 */
#include "riskgate/banned.h"

#include "packcommit.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* Packs read at most (each holds a descriptor); the others' commits are
 * read through libgit2. */
#define MAX_PACKS 64
/* Object directories looked in at most: the repository's own and the
 * alternates, followed ALT_DEPTH levels deep (libgit2 follows five). */
#define MAX_DIRS  16
#define ALT_DEPTH 5
/* The pack is read in BLOCK-byte blocks, NBLOCKS of them kept. */
#define BLOCK   ((size_t)64 << 10)
#define NBLOCKS 16
/* The first inflation stops after this many bytes; each next one doubles
 * it, up to HEADER_MAX: a longer header is left to libgit2. */
#define FIRST_OUT  ((size_t)320)
#define HEADER_MAX ((size_t)64 << 10)
#define ID_HEX     40

typedef struct {
	int fd;
	uint64_t len; /* of the .pack */
	const unsigned char *idx;
	size_t idx_len;
	uint32_t n;
	const unsigned char *names, *offs, *big;
	size_t nbig; /* 64-bit offsets the index has room for */
} pack;

typedef struct {
	size_t pack;
	uint64_t start; /* offset of the block's first byte */
	size_t len;     /* bytes held (0: an empty slot) */
	unsigned long used;
	unsigned char *data;
} block;

struct gate_packcommits {
	pack *packs;
	size_t npacks;
	block blocks[NBLOCKS];
	unsigned long clock;
	z_stream z;
	int z_ok;
	unsigned char *out; /* the inflated header */
	size_t aout;
	git_oid *parents;
	size_t aparents;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* `dir`, '/', then the `len` bytes of `name`. */
static char *path_join(const char *dir, const char *name, size_t len)
{
	size_t dl = strlen(dir);
	char *s = malloc(dl + 1 + len + 1);

	if (s) {
		memcpy(s, dir, dl);
		s[dl] = '/';
		memcpy(s + dl + 1, name, len);
		s[dl + 1 + len] = '\0';
	}
	return s;
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 1);

	if (s) {
		memcpy(s, a, la);
		memcpy(s + la, b, lb + 1);
	}
	return s;
}

/* Maps the index `base`.idx and opens `base`.pack; 0 when both read as
 * git writes them and agree on the number of objects. */
static int pack_open(pack *p, const char *base)
{
	char *path = join(base, ".idx");
	unsigned char head[12];
	struct stat st;
	size_t i, fixed;
	uint32_t prev = 0, v;
	int fd = -1;
	void *m;

	memset(p, 0, sizeof(*p));
	p->fd = -1;
	if (!path)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 8 + 1024 + 40 ||
	    (uint64_t)st.st_size > SIZE_MAX)
		goto fail;
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	fd = -1;
	if (m == MAP_FAILED)
		goto fail;
	p->idx = m;
	p->idx_len = (size_t)st.st_size;
	if (memcmp(p->idx, "\377tOc", 4) != 0 || be32(p->idx + 4) != 2)
		goto fail;
	for (i = 0; i < 256; i++) {
		v = be32(p->idx + 8 + 4 * i);
		if (v < prev)
			goto fail;
		prev = v;
	}
	p->n = prev;
	fixed = 8 + 1024 + (size_t)p->n * 28;
	if (fixed + 40 > p->idx_len || (p->idx_len - fixed - 40) % 8 != 0)
		goto fail;
	p->names = p->idx + 8 + 1024;
	p->offs = p->names + (size_t)p->n * 24;
	p->big = p->offs + (size_t)p->n * 4;
	p->nbig = (p->idx_len - fixed - 40) / 8;

	if ((path = join(base, ".pack")) == NULL)
		goto fail;
	p->fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (p->fd < 0 || fstat(p->fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 12 + 20 ||
	    pread(p->fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    memcmp(head, "PACK", 4) != 0 || (be32(head + 4) != 2 && be32(head + 4) != 3) ||
	    be32(head + 8) != p->n)
		goto fail;
	p->len = (uint64_t)st.st_size;
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	if (p->fd >= 0)
		close(p->fd);
	if (p->idx)
		munmap((void *)p->idx, p->idx_len);
	memset(p, 0, sizeof(*p));
	p->fd = -1;
	return -1;
}

static void open_packs(gate_packcommits *pc, const char *objects)
{
	char *dir = path_join(objects, "pack", 4);
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL && pc->npacks < MAX_PACKS) {
		size_t nlen = strlen(de->d_name);
		char *base;

		if (nlen < 5 || strcmp(de->d_name + nlen - 4, ".idx") != 0)
			continue;
		if ((base = path_join(dir, de->d_name, nlen - 4)) == NULL)
			break;
		if (pack_open(&pc->packs[pc->npacks], base) == 0)
			pc->npacks++;
		free(base);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* Adds `path` (relative ones to `rel_to`) to the `n` directories of
 * `dirs`, once. */
static void add_dir(char **dirs, size_t *n, int *depth, int at_depth, const char *path, size_t len,
		    const char *rel_to)
{
	char *s;
	size_t i;

	while (len > 0 && path[len - 1] == '/')
		len--;
	if (len == 0 || *n == MAX_DIRS || path[0] == '#' || path[0] == '"')
		return;
	if (path[0] == '/' || !rel_to) {
		if ((s = malloc(len + 1)) == NULL)
			return;
		memcpy(s, path, len);
		s[len] = '\0';
	} else if ((s = path_join(rel_to, path, len)) == NULL) {
		return;
	}
	for (i = 0; i < *n; i++)
		if (strcmp(dirs[i], s) == 0) {
			free(s);
			return;
		}
	depth[*n] = at_depth;
	dirs[(*n)++] = s;
}

/* The alternates `objects`/info/alternates names, one a line. */
static void add_alternates(char **dirs, size_t *n, int *depth, int at_depth, const char *objects)
{
	char *path = join(objects, "/info/alternates"), buf[8192];
	ssize_t got;
	size_t used = 0, i, start = 0;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;

	free(path);
	if (fd < 0)
		return;
	while (used < sizeof(buf) && (got = read(fd, buf + used, sizeof(buf) - used)) > 0)
		used += (size_t)got;
	close(fd);
	/* A file larger than this is read in part: its other alternates are
	 * read through libgit2. */
	for (i = 0; i < used; i++)
		if (buf[i] == '\n') {
			add_dir(dirs, n, depth, at_depth, buf + start, i - start, objects);
			start = i + 1;
		}
	/* A last line with no newline, when the file was read whole. */
	if (start < used && used < sizeof(buf))
		add_dir(dirs, n, depth, at_depth, buf + start, used - start, objects);
}

gate_packcommits *gate_packcommits_open(gate_repo *repo)
{
	gate_packcommits *pc = calloc(1, sizeof(*pc));
	char *dirs[MAX_DIRS];
	int depth[MAX_DIRS];
	size_t ndirs = 0, i;
	const char *env;

	if (!pc || (pc->packs = calloc(MAX_PACKS, sizeof(*pc->packs))) == NULL) {
		free(pc);
		return NULL;
	}
	/* The directories libgit2 reads objects from: in a hook opened from
	 * the environment, the quarantine's and the alternates git names. */
	env = repo->from_env ? getenv("GIT_OBJECT_DIRECTORY") : NULL;
	if (env && env[0]) {
		add_dir(dirs, &ndirs, depth, 0, env, strlen(env), NULL);
	} else {
		char *own = join(git_repository_commondir(repo->git), "objects");

		if (own)
			add_dir(dirs, &ndirs, depth, 0, own, strlen(own), NULL);
		free(own);
	}
	env = repo->from_env ? getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES") : NULL;
	while (env && *env) {
		const char *colon = strchr(env, ':');
		size_t len = colon ? (size_t)(colon - env) : strlen(env);

		add_dir(dirs, &ndirs, depth, 1, env, len, NULL);
		env = colon ? colon + 1 : NULL;
	}
	for (i = 0; i < ndirs; i++)
		if (depth[i] < ALT_DEPTH)
			add_alternates(dirs, &ndirs, depth, depth[i] + 1, dirs[i]);
	for (i = 0; i < ndirs; i++) {
		open_packs(pc, dirs[i]);
		free(dirs[i]);
	}
	pc->z_ok = inflateInit(&pc->z) == Z_OK;
	if (!pc->npacks || !pc->z_ok) {
		gate_packcommits_free(pc);
		return NULL;
	}
	return pc;
}

void gate_packcommits_free(gate_packcommits *pc)
{
	size_t i;

	if (!pc)
		return;
	for (i = 0; i < pc->npacks; i++) {
		close(pc->packs[i].fd);
		munmap((void *)pc->packs[i].idx, pc->packs[i].idx_len);
	}
	for (i = 0; i < NBLOCKS; i++)
		free(pc->blocks[i].data);
	if (pc->z_ok)
		inflateEnd(&pc->z);
	free(pc->packs);
	free(pc->out);
	free(pc->parents);
	free(pc);
}

/* The offset of `id` in pack `p`: 1, or 0 when it has none. */
static int find(const pack *p, const unsigned char *id, uint64_t *off)
{
	uint32_t lo = id[0] ? be32(p->idx + 8 + 4 * (size_t)(id[0] - 1)) : 0;
	uint32_t hi = be32(p->idx + 8 + 4 * (size_t)id[0]);

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(p->names + (size_t)mid * 20, id, 20);

		if (c == 0) {
			uint32_t o = be32(p->offs + (size_t)mid * 4);

			if (o & 0x80000000u) {
				size_t k = o & 0x7fffffffu;

				if (k >= p->nbig)
					return 0;
				*off =
				    (uint64_t)be32(p->big + 8 * k) << 32 | be32(p->big + 8 * k + 4);
			} else {
				*off = o;
			}
			/* An entry starts after the pack's header and ends
			 * before its trailing checksum. */
			return *off >= 12 && *off < p->len - 20;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * The bytes of pack `pk` from `off` on, up to the end of their block or of
 * the entries (the trailing checksum is not an entry's): *avail of them.
 * NULL when `off` is past the entries or the read fails.
 */
static const unsigned char *bytes_at(gate_packcommits *pc, size_t pk, uint64_t off, size_t *avail)
{
	const pack *p = &pc->packs[pk];
	uint64_t end = p->len - 20, start = off - off % BLOCK;
	block *b = NULL;
	size_t i, want;
	ssize_t got;

	if (off >= end)
		return NULL;
	for (i = 0; i < NBLOCKS; i++) {
		block *c = &pc->blocks[i];

		if (c->len && c->pack == pk && c->start == start) {
			b = c;
			break;
		}
		if (!b || (b->len && (!c->len || c->used < b->used)))
			b = c;
	}
	if (!b->len || b->pack != pk || b->start != start) {
		want = end - start < BLOCK ? (size_t)(end - start) : BLOCK;
		if (!b->data && (b->data = malloc(BLOCK)) == NULL)
			return NULL;
		b->len = 0;
		got = pread(p->fd, b->data, want, (off_t)start);
		if (got != (ssize_t)want)
			return NULL;
		b->pack = pk;
		b->start = start;
		b->len = want;
	}
	b->used = ++pc->clock;
	*avail = b->len - (size_t)(off - start);
	return b->data + (off - start);
}

/* The entry header at `off`: its type, its size inflated, and the offset
 * of its zlib data. 0, or -1 when it does not decode. */
static int entry_header(gate_packcommits *pc, size_t pk, uint64_t off, int *type, size_t *size,
			uint64_t *at)
{
	unsigned char h[16];
	const unsigned char *in;
	size_t n = 0, got, i = 0;
	unsigned shift = 4;
	unsigned char c;

	/* A header may straddle two blocks. */
	while (n < sizeof(h) && (in = bytes_at(pc, pk, off + n, &got)) != NULL) {
		if (got > sizeof(h) - n)
			got = sizeof(h) - n;
		memcpy(h + n, in, got);
		n += got;
	}
	if (n == 0)
		return -1;
	c = h[i++];
	*type = (c >> 4) & 7;
	*size = c & 15;
	while (c & 0x80) {
		if (i >= n || shift > 56)
			return -1;
		c = h[i++];
		*size |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	}
	*at = off + i;
	return 0;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1; /* upper case is libgit2's to read */
}

/* `prefix` then 40 lower-case hex digits: the id, and 1. */
static int id_line(git_oid *out, const unsigned char *line, size_t len, const char *prefix)
{
	size_t pl = strlen(prefix), i;

	if (len != pl + ID_HEX || memcmp(line, prefix, pl) != 0)
		return 0;
	for (i = 0; i < ID_HEX; i += 2) {
		int hi = hexval(line[pl + i]), lo = hexval(line[pl + i + 1]);

		if (hi < 0 || lo < 0)
			return 0;
		out->id[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	return 1;
}

/*
 * `prefix` then a signature as git writes it: a name without '<' or '>',
 * " <", an e-mail without either, "> ", 1 to 18 digits of seconds, " ",
 * then a sign and four digits. Its seconds, and 1.
 *
 * libgit2 reads this line the same way: the e-mail is between the last '<'
 * and the last '>' (the only ones here), and the time is the decimal
 * number two bytes after that '>' (18 digits cannot overflow).
 */
static int signature_line(int64_t *time, const unsigned char *line, size_t len, const char *prefix)
{
	size_t pl = strlen(prefix), i, lt = 0, gt = 0, nlt = 0, ngt = 0, digits;
	int64_t t = 0;

	if (len < pl || memcmp(line, prefix, pl) != 0)
		return 0;
	for (i = pl; i < len; i++) {
		if (line[i] == '<') {
			lt = i;
			nlt++;
		} else if (line[i] == '>') {
			gt = i;
			ngt++;
		}
	}
	if (nlt != 1 || ngt != 1 || lt < pl + 1 || line[lt - 1] != ' ' || gt < lt)
		return 0;
	/* "> " digits " " sign four digits, and nothing after. */
	i = gt + 1;
	if (i >= len || line[i++] != ' ')
		return 0;
	/* Counted to the end, added up only as far as they cannot overflow:
	 * more than 18 is refused below. */
	for (digits = 0; i < len && line[i] >= '0' && line[i] <= '9'; i++, digits++)
		if (digits < 18)
			t = t * 10 + (line[i] - '0');
	if (digits == 0 || digits > 18 || len - i != 6 || line[i] != ' ' ||
	    (line[i + 1] != '+' && line[i + 1] != '-'))
		return 0;
	for (i += 2; i < len; i++)
		if (line[i] < '0' || line[i] > '9')
			return 0;
	*time = t;
	return 1;
}

/*
 * Parses the header in pc->out[0..len): 1 when read into *out, 0 when more
 * bytes are needed (`whole`: there are none), -1 when not in git's form.
 */
static int parse_header(gate_commit_header *out, gate_packcommits *pc, size_t len, int whole)
{
	const unsigned char *p = pc->out, *end = pc->out + len, *nl;
	size_t np = 0;
	git_oid id;
	int seen_author = 0;

	for (;; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return whole ? -1 : 0;
		if (p == pc->out) {
			if (!id_line(&id, p, (size_t)(nl - p), "tree "))
				return -1;
			continue;
		}
		if (!seen_author && id_line(&id, p, (size_t)(nl - p), "parent ")) {
			if (np == pc->aparents) {
				size_t n = pc->aparents ? pc->aparents * 2 : 8;
				git_oid *grown = realloc(pc->parents, n * sizeof(*grown));

				if (!grown)
					return -1;
				pc->parents = grown;
				pc->aparents = n;
			}
			git_oid_cpy(&pc->parents[np++], &id);
			continue;
		}
		if (!seen_author) {
			int64_t ignored;

			if (!signature_line(&ignored, p, (size_t)(nl - p), "author "))
				return -1;
			seen_author = 1;
			continue;
		}
		if (!signature_line(&out->time, p, (size_t)(nl - p), "committer "))
			return -1;
		out->parents = pc->parents;
		out->nparents = np;
		return 1;
	}
}

int gate_packcommits_read(gate_commit_header *out, gate_packcommits *pc, const git_oid *id)
{
	uint64_t off = 0, at;
	size_t pk, size, cap;
	int type, rc = Z_OK, parsed = 0;

	for (pk = 0; pk < pc->npacks; pk++)
		if (find(&pc->packs[pk], id->id, &off))
			break;
	if (pk == pc->npacks || entry_header(pc, pk, off, &type, &size, &at) < 0 ||
	    type != GIT_OBJECT_COMMIT || inflateReset(&pc->z) != Z_OK)
		return 0;
	cap = size < FIRST_OUT ? size : FIRST_OUT;
	if (pc->aout < cap) {
		unsigned char *grown = realloc(pc->out, FIRST_OUT);

		if (!grown)
			return 0;
		pc->out = grown;
		pc->aout = FIRST_OUT;
	}
	pc->z.next_out = pc->out;
	pc->z.avail_out = (uInt)cap;
	pc->z.avail_in = 0;
	for (;;) {
		size_t avail;
		const unsigned char *in;

		if (pc->z.avail_in == 0) {
			if ((in = bytes_at(pc, pk, at, &avail)) == NULL)
				return 0;
			if (avail > UINT_MAX)
				avail = UINT_MAX;
			pc->z.next_in = (unsigned char *)in;
			pc->z.avail_in = (uInt)avail;
			at += avail;
		}
		rc = inflate(&pc->z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
			return 0;
		if (rc == Z_STREAM_END && pc->z.total_out != size)
			return 0; /* the entry's size is not its data's */
		if (pc->z.avail_out == 0 || rc == Z_STREAM_END) {
			parsed = parse_header(out, pc, pc->z.total_out,
					      rc == Z_STREAM_END || pc->z.total_out == size);
			if (parsed != 0)
				return parsed > 0;
			if (cap == size || cap >= HEADER_MAX)
				return 0;
			/* More of the header: a larger buffer, going on where
			 * the stream stopped. */
			{
				size_t next = cap * 2 > size ? size : cap * 2;
				unsigned char *grown;

				if (next > HEADER_MAX)
					next = HEADER_MAX;
				if (pc->aout < next) {
					if ((grown = realloc(pc->out, next)) == NULL)
						return 0;
					pc->out = grown;
					pc->aout = next;
				}
				pc->z.next_out = pc->out + cap;
				pc->z.avail_out = (uInt)(next - cap);
				cap = next;
			}
		} else if (rc == Z_BUF_ERROR && pc->z.avail_in != 0) {
			return 0; /* no progress with input and room: damaged */
		}
	}
}

int gate_repo_packed_commit(gate_repo *repo, const char *sha, char (*parents)[GATE_OID_HEX + 1],
			    size_t max, size_t *nparents, long long *time, gate_error *err)
{
	gate_packcommits *pc;
	gate_commit_header h;
	git_oid id;
	size_t i;
	int got = 0;

	*nparents = 0;
	*time = 0;
	if (!sha || strlen(sha) != ID_HEX || git_oid_fromstr(&id, sha) < 0)
		return gate_error_set(err, GATE_ERR_INPUT, "not a commit id: %.64s",
				      sha ? sha : "(none)");
	if ((pc = gate_packcommits_open(repo)) == NULL)
		return 0;
	if (gate_packcommits_read(&h, pc, &id) == 1) {
		for (i = 0; i < h.nparents && i < max; i++)
			git_oid_tostr(parents[i], GATE_OID_HEX + 1, &h.parents[i]);
		*nparents = h.nparents;
		*time = (long long)h.time;
		got = 1;
	}
	gate_packcommits_free(pc);
	return got;
}
