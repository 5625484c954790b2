/*
 * The evaluation result: requirements and violations appended by the
 * checks, and the verdict derived from them.
 */
#include "riskgate/banned.h"

#include "riskgate/result.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/sha256.h"
#include "riskgate/walkthrough.h"

int gate_strlist_addn(gate_strlist *list, const char *s, size_t len, gate_error *err)
{
	char *copy;

	if (gate_array_reserve((void **)&list->items, &list->alloc, list->count + 1,
			       sizeof(*list->items), err) < 0)
		return -1;
	copy = gate_strndup(s, len, err);
	if (!copy)
		return -1;
	list->items[list->count++] = copy;
	return 0;
}

int gate_strlist_add(gate_strlist *list, const char *s, gate_error *err)
{
	return gate_strlist_addn(list, s, strlen(s), err);
}

void gate_strlist_dispose(gate_strlist *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = list->alloc = 0;
}

void gate_result_init(gate_result *res)
{
	memset(res, 0, sizeof(*res));
}

static void violation_dispose(gate_violation *v)
{
	free(v->check);
	free(v->rule);
	free(v->tier);
	free(v->path);
	free(v->commit);
	free(v->message);
	free(v->hint);
	free(v->package);
	free(v->version);
}

void gate_result_dispose(gate_result *res)
{
	size_t i;

	if (!res)
		return;
	for (i = 0; i < res->nreqs; i++) {
		free(res->reqs[i].tier);
		free(res->reqs[i].check);
		free(res->reqs[i].detail);
		gate_strlist_dispose(&res->reqs[i].passing);
		gate_strlist_dispose(&res->reqs[i].failing);
		if (res->reqs[i].packages) {
			gate_strlist_dispose(&res->reqs[i].packages->added);
			gate_strlist_dispose(&res->reqs[i].packages->reversioned);
			gate_strlist_dispose(&res->reqs[i].packages->removed);
			free(res->reqs[i].packages);
		}
	}
	free(res->reqs);
	for (i = 0; i < res->nviols; i++)
		violation_dispose(&res->viols[i]);
	free(res->viols);
	for (i = 0; i < res->nwaivers; i++) {
		free(res->waivers[i].rule);
		free(res->waivers[i].tier);
		free(res->waivers[i].path);
		free(res->waivers[i].reason);
	}
	free(res->waivers);
	for (i = 0; i < res->nconditions; i++) {
		size_t k;

		free(res->conditions[i].tier);
		free(res->conditions[i].adds);
		for (k = 0; k < res->conditions[i].nchecks; k++)
			free(res->conditions[i].checks[k].detail);
		free(res->conditions[i].checks);
	}
	free(res->conditions);
	gate_walkthrough_free(res->walkthrough, res->nwalkthrough);
	for (i = 0; i < res->nprovenance; i++)
		gate_provenance_dispose(&res->provenance[i]);
	free(res->provenance);
	gate_ailines_dispose(&res->ailines);
	for (i = 0; i < res->nowners; i++)
		free(res->owners[i].owners_alloc);
	free(res->owners);
	free(res->classes);
	for (i = 0; i < res->nignored; i++) {
		free(res->ignored[i].who);
		free(res->ignored[i].kind);
		free(res->ignored[i].reason);
		free(res->ignored[i].commit);
		free(res->ignored[i].tier);
		free(res->ignored[i].path);
	}
	free(res->ignored);
	for (i = 0; i < res->ncarried; i++) {
		free(res->carried[i].who);
		free(res->carried[i].commit);
		free(res->carried[i].tiers);
	}
	free(res->carried);
	gate_strlist_dispose(&res->errors);
	memset(res, 0, sizeof(*res));
}

int gate_result_add_requirement(gate_result *res, gate_requirement **out, const char *tier,
				const char *check, gate_req_status status, const char *detail,
				gate_error *err)
{
	gate_requirement *r;

	if (out)
		*out = NULL;
	if (gate_array_reserve((void **)&res->reqs, &res->areqs, res->nreqs + 1, sizeof(*res->reqs),
			       err) < 0)
		return -1;
	r = &res->reqs[res->nreqs];
	memset(r, 0, sizeof(*r));
	r->status = status;
	if (!(r->tier = gate_strdup(tier, err)) || !(r->check = gate_strdup(check, err)) ||
	    !(r->detail = gate_strdup(detail ? detail : "", err))) {
		free(r->tier);
		free(r->check);
		return -1;
	}
	res->nreqs++;
	if (out)
		*out = r;
	return 0;
}

static int dup_opt(char **dst, const char *src, gate_error *err)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = gate_strdup(src, err);
	return *dst ? 0 : -1;
}

static void fingerprint(gate_violation *v)
{
	const char *parts[5];
	gate_sha256 ctx;
	unsigned char d[32];
	static const char digits[] = "0123456789abcdef";
	size_t i;

	parts[0] = v->check;
	parts[1] = v->rule;
	parts[2] = v->tier;
	parts[3] = v->path;
	parts[4] = v->commit;
	gate_sha256_init(&ctx);
	for (i = 0; i < 5; i++) {
		/* A NUL separates the fields, and a missing field hashes as one byte 0x01
		 * so that "absent" and "empty" differ. */
		if (parts[i])
			gate_sha256_update(&ctx, parts[i], strlen(parts[i]));
		else
			gate_sha256_update(&ctx, "\x01", 1);
		gate_sha256_update(&ctx, "", 1);
	}
	gate_sha256_final(&ctx, d);
	for (i = 0; i < 16; i++) {
		v->fingerprint[2 * i] = digits[d[i] >> 4];
		v->fingerprint[2 * i + 1] = digits[d[i] & 15];
	}
	v->fingerprint[32] = '\0';
}

int gate_result_add_violation(gate_result *res, const gate_violation *v, gate_error *err)
{
	gate_violation c;

	memset(&c, 0, sizeof(c));
	if (gate_array_reserve((void **)&res->viols, &res->aviols, res->nviols + 1,
			       sizeof(*res->viols), err) < 0)
		return -1;
	c.severity = v->severity;
	c.line = v->line;
	if (dup_opt(&c.check, v->check, err) < 0 || dup_opt(&c.rule, v->rule, err) < 0 ||
	    dup_opt(&c.tier, v->tier, err) < 0 || dup_opt(&c.path, v->path, err) < 0 ||
	    dup_opt(&c.commit, v->commit, err) < 0 || dup_opt(&c.message, v->message, err) < 0 ||
	    dup_opt(&c.hint, v->hint, err) < 0 || dup_opt(&c.package, v->package, err) < 0 ||
	    dup_opt(&c.version, v->version, err) < 0) {
		violation_dispose(&c);
		return -1;
	}
	fingerprint(&c);
	res->viols[res->nviols++] = c;
	return 0;
}

int gate_result_add_waiver(gate_result *res, const gate_waiver *w, gate_error *err)
{
	gate_waiver c;

	memset(&c, 0, sizeof(c));
	if (gate_array_reserve((void **)&res->waivers, &res->awaivers, res->nwaivers + 1,
			       sizeof(*res->waivers), err) < 0)
		return -1;
	c.line = w->line;
	if (dup_opt(&c.rule, w->rule, err) < 0 || dup_opt(&c.tier, w->tier, err) < 0 ||
	    dup_opt(&c.path, w->path, err) < 0 || dup_opt(&c.reason, w->reason, err) < 0) {
		free(c.rule);
		free(c.tier);
		free(c.path);
		free(c.reason);
		return -1;
	}
	res->waivers[res->nwaivers++] = c;
	return 0;
}

static void free_ignored(gate_ignored_approval *c)
{
	free(c->who);
	free(c->kind);
	free(c->reason);
	free(c->commit);
	free(c->tier);
	free(c->path);
}

int gate_result_add_ignored_entry(gate_result *res, const gate_ignored_approval *a, gate_error *err)
{
	gate_ignored_approval c;

	memset(&c, 0, sizeof(c));
	if (gate_array_reserve((void **)&res->ignored, &res->aignored, res->nignored + 1,
			       sizeof(*res->ignored), err) < 0)
		return -1;
	c.unverified = a->unverified;
	if (dup_opt(&c.who, a->who, err) < 0 ||
	    dup_opt(&c.kind, a->kind ? a->kind : "other", err) < 0 ||
	    dup_opt(&c.reason, a->reason, err) < 0 || dup_opt(&c.commit, a->commit, err) < 0 ||
	    dup_opt(&c.tier, a->tier, err) < 0 || dup_opt(&c.path, a->path, err) < 0) {
		free_ignored(&c);
		return -1;
	}
	res->ignored[res->nignored++] = c;
	return 0;
}

int gate_result_add_ignored(gate_result *res, const char *who, const char *reason, int unverified,
			    gate_error *err)
{
	gate_ignored_approval a;

	memset(&a, 0, sizeof(a));
	a.who = (char *)who;
	a.reason = (char *)reason;
	a.unverified = unverified;
	return gate_result_add_ignored_entry(res, &a, err);
}

int gate_result_add_carried(gate_result *res, const gate_carried_approval *c, gate_error *err)
{
	gate_carried_approval n;

	memset(&n, 0, sizeof(n));
	if (gate_array_reserve((void **)&res->carried, &res->acarried, res->ncarried + 1,
			       sizeof(*res->carried), err) < 0)
		return -1;
	if (dup_opt(&n.who, c->who, err) < 0 || dup_opt(&n.commit, c->commit, err) < 0 ||
	    dup_opt(&n.tiers, c->tiers, err) < 0) {
		free(n.who);
		free(n.commit);
		free(n.tiers);
		return -1;
	}
	res->carried[res->ncarried++] = n;
	return 0;
}

size_t gate_result_count(const gate_result *res, gate_severity severity)
{
	size_t i, n = 0;

	for (i = 0; i < res->nviols; i++)
		if (res->viols[i].severity == severity)
			n++;
	return n;
}

gate_verdict gate_result_verdict(const gate_result *res)
{
	size_t i;

	if (res->errors.count)
		return GATE_VERDICT_ERROR;
	if (gate_result_count(res, GATE_SEV_ERROR))
		return GATE_VERDICT_FAIL;
	for (i = 0; i < res->nreqs; i++)
		if (res->reqs[i].status == GATE_REQ_FAIL ||
		    res->reqs[i].status == GATE_REQ_UNVERIFIED)
			return GATE_VERDICT_FAIL;
	return GATE_VERDICT_PASS;
}

const char *gate_req_status_name(gate_req_status status)
{
	switch (status) {
	case GATE_REQ_PASS:
		return "pass";
	case GATE_REQ_FAIL:
		return "fail";
	case GATE_REQ_UNVERIFIED:
		return "unverified";
	case GATE_REQ_SKIP:
		return "skip";
	}
	return "fail";
}

const char *gate_severity_name(gate_severity severity)
{
	return severity == GATE_SEV_WARNING ? "warning" : "error";
}

const char *gate_verdict_name(gate_verdict verdict)
{
	switch (verdict) {
	case GATE_VERDICT_PASS:
		return "pass";
	case GATE_VERDICT_FAIL:
		return "fail";
	case GATE_VERDICT_ERROR:
		return "error";
	}
	return "error";
}
