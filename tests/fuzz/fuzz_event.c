/*
 * Fuzz target for src/event.c: a GitHub event payload read for one of the
 * event names. The first input byte chooses the event name, the rest is the
 * payload. Whatever it returns must be valid by the module's own checks.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/event.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
    "pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment",
    "push",         "merge_group",         "workflow_dispatch",   "schedule",
};

/* A value that was returned must pass the same check again; a failure here
 * is a bug in the reader, and crashes the target on purpose. */
static void must(int ok)
{
	if (!ok)
		abort();
}

static int clean(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == ' ')
			return 0;
	return 1;
}

/* Error messages quote hostile values with their control bytes replaced. */
static int clean_message(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_event ev;
	gate_error err;
	const char *name;
	char *copy;

	if (size == 0)
		return 0;
	name = names[data[0] % (sizeof(names) / sizeof(names[0]))];
	/* An exact-size copy, so that any over-read is caught. */
	copy = malloc(size - 1 ? size - 1 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	gate_error_init(&err);
	if (gate_event_read(&ev, name, copy, size - 1, "fuzz.json", &err) == 0) {
		must(strcmp(ev.name, name) == 0);
		must(!ev.head_sha[0] || gate_event_check_oid(ev.head_sha) == NULL);
		must(!ev.base_sha[0] || gate_event_check_oid(ev.base_sha) == NULL);
		must(!ev.push_before[0] || gate_event_check_oid(ev.push_before) == NULL);
		must(!ev.push_after[0] || gate_event_check_oid(ev.push_after) == NULL);
		must(!ev.base_ref[0] || gate_event_check_branch(ev.base_ref) == NULL);
		must(!ev.default_branch[0] || gate_event_check_branch(ev.default_branch) == NULL);
		must(!ev.push_ref[0] || gate_event_check_ref(ev.push_ref) == NULL);
		must(ev.base_ref[0] != '-' && ev.default_branch[0] != '-');
		must(clean(ev.repository) && clean(ev.default_branch) && clean(ev.base_ref) &&
		     clean(ev.author) && clean(ev.push_ref));
		if (ev.kind == GATE_EVENT_PULL_REQUEST)
			must(ev.head_sha[0] && ev.base_ref[0] && ev.pr_number > 0);
		if (ev.kind == GATE_EVENT_PUSH)
			must(ev.push_ref[0] && ev.push_before[0] && ev.push_after[0] &&
			     !(ev.created && ev.deleted));
		if (ev.kind == GATE_EVENT_MERGE_GROUP)
			must(ev.head_sha[0] && ev.base_sha[0]);
	} else {
		must(err.message[0] != '\0' && clean_message(err.message));
		must(err.klass == GATE_ERR_INPUT || err.klass == GATE_ERR_NOMEM);
	}
	free(copy);
	return 0;
}
