/*
 * The blob read-ahead (src/repo_internal.h, gate_repo__ahead_start): a
 * second thread, on a repository handle of its own, reading the blobs a
 * check will ask gate_repo__blob for, in that order, into a queue the first
 * thread takes them from.
 */
#include "riskgate/banned.h"

#include "riskgate/repo.h"
#include "repo_internal.h"

#include <git2.h>
#include <pthread.h>
#include <stdlib.h>

/*
 * The read-ahead (gate_repo__ahead_start). Everything below `lock` is
 * shared and read or written under it; the second thread reads through
 * `reader` only, the first takes finished blobs from `items`.
 */
enum { AHEAD_WAITING, AHEAD_READING, AHEAD_READY, AHEAD_DONE };

typedef struct gate_blob_ahead {
	pthread_t thread;
	gate_repo *reader;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct {
		git_oid id;
		git_blob *blob;
		int state;
	} * items;
	size_t n;
	size_t next;  /* the next item the second thread reads */
	size_t want;  /* items before this one are not asked for any more */
	size_t bytes; /* of the items ready and not taken */
	int stop;
} gate_blob_ahead;

static void *ahead_run(void *arg)
{
	gate_blob_ahead *a = arg;
	gate_error ignored;
	git_blob *blob = NULL;
	size_t k;
	int rc;

	pthread_mutex_lock(&a->lock);
	for (;;) {
		while (!a->stop && a->next < a->n && a->bytes >= GATE_REPO_AHEAD_BYTES)
			pthread_cond_wait(&a->changed, &a->lock);
		if (a->next < a->want)
			a->next = a->want;
		if (a->stop || a->next >= a->n)
			break;
		k = a->next++;
		if (a->items[k].state != AHEAD_WAITING)
			continue;
		a->items[k].state = AHEAD_READING;
		pthread_mutex_unlock(&a->lock);
		gate_error_init(&ignored);
		if (gate_repo__expired(a->reader, &ignored) < 0)
			rc = -1;
		else
			rc = git_blob_lookup(&blob, a->reader->git, &a->items[k].id);
		pthread_mutex_lock(&a->lock);
		/* A blob that cannot be read is read by the first thread,
		 * which reports it as it would have. */
		if (rc < 0) {
			a->items[k].state = AHEAD_DONE;
		} else if (k < a->want) {
			git_blob_free(blob);
			a->items[k].state = AHEAD_DONE;
		} else {
			a->items[k].blob = blob;
			a->items[k].state = AHEAD_READY;
			a->bytes += (size_t)git_blob_rawsize(blob);
		}
		pthread_cond_broadcast(&a->changed);
	}
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

int gate_repo__ahead_take(gate_blob_ahead *a, const git_oid *id, git_blob **out)
{
	size_t k, i;
	int got = 0;

	pthread_mutex_lock(&a->lock);
	for (k = a->want; k < a->n && !git_oid_equal(&a->items[k].id, id); k++)
		;
	if (k == a->n) {
		pthread_mutex_unlock(&a->lock);
		return 0;
	}
	/* The ones before it will not be asked for. */
	for (i = a->want; i < k; i++)
		if (a->items[i].state == AHEAD_READY) {
			a->bytes -= (size_t)git_blob_rawsize(a->items[i].blob);
			git_blob_free(a->items[i].blob);
			a->items[i].blob = NULL;
			a->items[i].state = AHEAD_DONE;
		}
	a->want = k + 1;
	while (a->items[k].state == AHEAD_READING)
		pthread_cond_wait(&a->changed, &a->lock);
	if (a->items[k].state == AHEAD_READY) {
		*out = a->items[k].blob;
		a->bytes -= (size_t)git_blob_rawsize(*out);
		a->items[k].blob = NULL;
		got = 1;
	}
	a->items[k].state = AHEAD_DONE;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
	return got;
}

void gate_repo__ahead_start(gate_repo *repo, const git_oid *ids, size_t n)
{
	gate_blob_ahead *a;
	gate_error ignored;
	size_t i, m = 0;

	if (repo->ahead || !gate_repo__threads_wanted())
		return;
	for (i = 0; i < n; i++)
		m += gate_repo__blob_kept(repo, &ids[i]) == NULL;
	if (m < GATE_REPO_AHEAD_MIN || (a = calloc(1, sizeof(*a))) == NULL)
		return;
	if ((a->items = calloc(m, sizeof(*a->items))) == NULL) {
		free(a);
		return;
	}
	for (i = 0; i < n; i++)
		if (gate_repo__blob_kept(repo, &ids[i]) == NULL)
			git_oid_cpy(&a->items[a->n++].id, &ids[i]);
	gate_error_init(&ignored);
	if (gate_repo_open(&a->reader, repo->dir, &ignored) < 0) {
		free(a->items);
		free(a);
		return;
	}
	gate_repo_set_expiry(a->reader, repo->expired, repo->expired_payload);
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->changed, NULL);
	if (gate_repo__thread_start(&a->thread, ahead_run, a) < 0) {
		pthread_mutex_destroy(&a->lock);
		pthread_cond_destroy(&a->changed);
		gate_repo_free(a->reader);
		free(a->items);
		free(a);
		return;
	}
	repo->ahead = a;
}

void gate_repo__ahead_stop(gate_repo *repo)
{
	gate_blob_ahead *a = repo->ahead;
	size_t i;

	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->stop = 1;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	for (i = 0; i < a->n; i++)
		git_blob_free(a->items[i].blob);
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->changed);
	/* The blobs it gave out may still be held: its handle goes with the
	 * kept blobs. */
	gate_repo__adopt_handle(repo, a->reader);
	free(a->items);
	free(a);
	repo->ahead = NULL;
}
