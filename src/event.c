/*
 * Reads a GitHub event payload (docs/github-action.md, "The event payload"): the
 * fields that choose what the Action evaluates, each one validated so that a
 * branch name or an id written by whoever opened a pull request can never
 * become a git option, revision syntax or a second line in the shell.
 * The payload is parsed with jsonc, which bounds nesting and keeps positions.
 */
#include "riskgate/banned.h"

#include "riskgate/event.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/identity.h"
#include "riskgate/jsonc.h"

/* Largest pull request number accepted: GitHub's are 32-bit. */
#define PR_NUMBER_MAX 2147483647L

/* GitHub's repository names: at most 100 bytes. */
#define REPO_NAME_MAX 100

typedef struct {
	const char *file;
	const char *event;
	gate_error *err;
} reader;

/* Checks a string value; returns NULL when it is acceptable, else why not. */
typedef const char *(*check_fn)(const char *s);

static int is_lower_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_zero_oid(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s != '0')
			return 0;
	return 1;
}

const char *gate_event_check_oid(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!is_lower_hex(s[n]))
			return "not an object id (40 or 64 lowercase hexadecimal digits)";
	if (n != 40 && n != 64)
		return "not an object id (40 or 64 lowercase hexadecimal digits)";
	return NULL;
}

/*
 * git's check-ref-format rules (git help check-ref-format), one level
 * allowed, plus: no leading '-', so that the name can never be read as an
 * option of git fetch or git rev-parse.
 */
static const char *refname_problem(const char *s)
{
	size_t len = strlen(s), i, comp = 0;

	if (len == 0)
		return "empty";
	if (s[0] == '-')
		return "starts with '-'";
	if (s[0] == '/')
		return "starts with '/'";
	if (s[len - 1] == '/')
		return "ends with '/'";
	if (s[len - 1] == '.')
		return "ends with '.'";
	if (strcmp(s, "@") == 0)
		return "is '@'";
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return "contains a control character";
		switch (c) {
		case ' ':
			return "contains a space";
		case '~':
		case '^':
		case ':':
		case '?':
		case '*':
		case '[':
		case '\\':
			return "contains one of ~ ^ : ? * [ \\";
		case '.':
			if (s[i + 1] == '.')
				return "contains '..'";
			if (i == comp)
				return "has a component starting with '.'";
			break;
		case '@':
			if (s[i + 1] == '{')
				return "contains '@{'";
			break;
		case '/':
			if (s[i + 1] == '/')
				return "contains '//'";
			if (i - comp >= 5 && memcmp(s + i - 5, ".lock", 5) == 0)
				return "has a component ending with '.lock'";
			comp = i + 1;
			break;
		default:
			break;
		}
	}
	if (len - comp >= 5 && memcmp(s + len - 5, ".lock", 5) == 0)
		return "has a component ending with '.lock'";
	return NULL;
}

const char *gate_event_check_ref(const char *s)
{
	if (strncmp(s, "refs/", 5) != 0)
		return "does not start with 'refs/'";
	return refname_problem(s);
}

const char *gate_event_check_branch(const char *s)
{
	if (strcmp(s, "HEAD") == 0)
		return "is 'HEAD'";
	return refname_problem(s);
}

/* A webhook's action: lowercase letters and '_' ("synchronize"). */
static const char *check_action(const char *s)
{
	if (!*s)
		return "empty";
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return "not lowercase letters and '_'";
	return NULL;
}

/* A GitHub login: letters, digits, '-' and '_' (enterprise managed users'
 * "_shortcode"), starting with a letter or digit; apps end in "[bot]". */
static const char *check_login(const char *s)
{
	static const char bad[] = "not a GitHub login (letters, digits, '-' and '_', "
				  "optionally ending in [bot])";
	size_t len = strlen(s);

	if (len > 5 && strcmp(s + len - 5, "[bot]") == 0)
		len -= 5;
	return gate_identity_slug_valid(s, len) ? NULL : bad;
}

/* "owner/name": an owner is a login without "[bot]"; a name is letters,
 * digits, '-', '_' and '.', but not "." or "..". */
static const char *check_full_name(const char *s)
{
	static const char bad[] = "not a repository's full name (owner/name)";
	const char *slash = strchr(s, '/'), *p;
	size_t olen, nlen;

	if (!slash || slash == s)
		return bad;
	olen = (size_t)(slash - s);
	nlen = strlen(slash + 1);
	if (olen > GATE_EVENT_LOGIN_MAX || nlen == 0 || nlen > REPO_NAME_MAX)
		return bad;
	if (!gate_identity_slug_valid(s, olen))
		return bad;
	if (strcmp(slash + 1, ".") == 0 || strcmp(slash + 1, "..") == 0)
		return bad;
	for (p = slash + 1; *p; p++)
		if (!is_alnum(*p) && *p != '-' && *p != '_' && *p != '.')
			return bad;
	return NULL;
}

static const char *check_event_name(const char *s)
{
	size_t i;

	if (!s[0])
		return "empty";
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return "not an event name (lowercase letters, digits and '_')";
	if (i > GATE_EVENT_NAME_MAX)
		return "too long";
	return NULL;
}

/*
 * An upper bound of the number of JSON values in `len` bytes of `text`,
 * counted without parsing, so that a payload of millions of tiny values is
 * refused before the parser allocates a node for each: every value is the
 * root, the first element of a container, or follows a comma. Strings and
 * comments are skipped the way the parser reads them, so that neither can
 * hide commas from the count. Stops counting past `max`.
 */
static size_t count_values(const char *text, size_t len, size_t max)
{
	size_t p = 0, values = 1;

	while (p < len && values <= max) {
		char c = text[p];

		if (c == '"') {
			for (p++; p < len && text[p] != '"'; p++)
				if (text[p] == '\\')
					p++;
		} else if (c == '/' && p + 1 < len && text[p + 1] == '/') {
			while (p < len && text[p] != '\n')
				p++;
		} else if (c == '/' && p + 1 < len && text[p + 1] == '*') {
			for (p += 2; p + 1 < len && !(text[p] == '*' && text[p + 1] == '/'); p++)
				;
			p++;
		} else if (c == '[' || c == '{' || c == ',') {
			values++;
		}
		p++;
	}
	return values;
}

/* Records an input error at `node`'s position; returns -1. */
static int fail(reader *R, const gate_json *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(reader *R, const gate_json *node, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		snprintf(msg, sizeof(msg), "invalid event payload");
	va_end(ap);
	return gate_error_set_at(R->err, GATE_ERR_INPUT, R->file, node ? node->line : 0,
				 node ? node->col : 0, "%s event: %s", R->event, msg);
}

/* An article and a type name, for "is a number, expected a string". */
static const char *a_type(const gate_json *node)
{
	switch (node->type) {
	case GATE_JSON_ARRAY:
		return "an array";
	case GATE_JSON_OBJECT:
		return "an object";
	case GATE_JSON_BOOL:
		return "a boolean";
	case GATE_JSON_NUMBER:
		return "a number";
	case GATE_JSON_STRING:
		return "a string";
	default:
		return "null";
	}
}

/*
 * Finds the value at `path` ("pull_request.head.sha") under `root`. Sets
 * *out to it, or to NULL when it (or an object on the way) is missing or
 * null. A missing or null value is an error when `required`; an object on
 * the way that is not an object always is.
 */
static int find(reader *R, const gate_json *root, const char *path, int required,
		const gate_json **out)
{
	const gate_json *node = root;
	const char *p = path;
	char key[64];

	*out = NULL;
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		const gate_json *child;

		if (n >= sizeof(key))
			return gate_error_set(R->err, GATE_ERR_INTERNAL, "path too long: %s", path);
		memcpy(key, p, n);
		key[n] = '\0';
		child = gate_json_get(node, key);
		if (!child || child->type == GATE_JSON_NULL) {
			if (!required)
				return 0;
			return fail(R, child ? child : node, "%.*s is %s", (int)(p - path + n),
				    path, child ? "null" : "missing");
		}
		if (dot && child->type != GATE_JSON_OBJECT)
			return fail(R, child, "%.*s is %s, expected an object", (int)(p - path + n),
				    path, a_type(child));
		node = child;
		p = dot ? dot + 1 : p + n;
	}
	*out = node;
	return 0;
}

/*
 * Copies the string at `path` into dst (cap bytes), after `check` accepts
 * it; `what` names the kind of value in errors. Missing or null leaves dst
 * empty, an error when `required`.
 */
static int get_string(reader *R, const gate_json *root, const char *path, int required,
		      check_fn check, const char *what, char *dst, size_t cap)
{
	const gate_json *node;
	const char *why;
	char shown[80];

	dst[0] = '\0';
	if (find(R, root, path, required, &node) < 0)
		return -1;
	if (!node)
		return 0;
	if (node->type != GATE_JSON_STRING)
		return fail(R, node, "%s is %s, expected a string (%s)", path, a_type(node), what);
	gate_error_excerpt(shown, sizeof(shown), node->str);
	if (node->str_len >= cap || strlen(node->str) != node->str_len)
		return fail(R, node, "%s \"%s\" is not a valid %s: longer than %zu bytes", path,
			    shown, what, cap - 1);
	if ((why = check(node->str)) != NULL)
		return fail(R, node, "%s \"%s\" is not a valid %s: %s", path, shown, what, why);
	memcpy(dst, node->str, node->str_len + 1);
	return 0;
}

/* An object id that names a commit: all zeros is refused. */
static int get_commit(reader *R, const gate_json *root, const char *path, int required, char *dst)
{
	const gate_json *node;

	if (get_string(R, root, path, required, gate_event_check_oid, "commit id", dst,
		       GATE_EVENT_OID_MAX + 1) < 0)
		return -1;
	if (is_zero_oid(dst)) {
		find(R, root, path, 0, &node);
		dst[0] = '\0';
		return fail(R, node, "%s is all zeros, expected a commit id", path);
	}
	return 0;
}

/* The pull request's number: pull_request.number, else number. */
static int get_pr_number(reader *R, const gate_json *root, long *out)
{
	const char *path = "pull_request.number";
	const gate_json *node;

	*out = 0;
	if (find(R, root, path, 0, &node) < 0)
		return -1;
	if (!node) {
		path = "number";
		if (find(R, root, path, 0, &node) < 0)
			return -1;
		if (!node)
			return fail(R, root, "pull_request.number (or number) is missing");
	}
	if (node->type != GATE_JSON_NUMBER)
		return fail(R, node, "%s is %s, expected a positive integer", path, a_type(node));
	if (!node->is_int || node->ival < 1 || node->ival > PR_NUMBER_MAX)
		return fail(R, node, "%s is not a pull request number (an integer from 1 to %ld)",
			    path, PR_NUMBER_MAX);
	*out = (long)node->ival;
	return 0;
}

/* An optional boolean member of the top level: -1 when missing or null. */
static int get_flag(reader *R, const gate_json *root, const char *key, int *out)
{
	const gate_json *node;

	*out = -1;
	if (find(R, root, key, 0, &node) < 0)
		return -1;
	if (!node)
		return 0;
	if (node->type != GATE_JSON_BOOL)
		return fail(R, node, "%s is %s, expected a boolean", key, a_type(node));
	*out = node->boolean;
	return 0;
}

static gate_event_kind kind_of(const char *name)
{
	if (strcmp(name, "pull_request") == 0 || strcmp(name, "pull_request_target") == 0 ||
	    strcmp(name, "pull_request_review") == 0 ||
	    strcmp(name, "pull_request_review_comment") == 0)
		return GATE_EVENT_PULL_REQUEST;
	if (strcmp(name, "push") == 0)
		return GATE_EVENT_PUSH;
	if (strcmp(name, "merge_group") == 0)
		return GATE_EVENT_MERGE_GROUP;
	return GATE_EVENT_OTHER;
}

/* Text the event may carry for conditions (a title, a label): at most
 * `cap` - 1 bytes, no NUL and no control character. */
static int usable_text(const gate_json *node, size_t cap)
{
	size_t i;

	if (!node || node->type != GATE_JSON_STRING || node->str_len == 0 || node->str_len >= cap ||
	    strlen(node->str) != node->str_len)
		return 0;
	for (i = 0; i < node->str_len; i++)
		if ((unsigned char)node->str[i] < 0x20 || node->str[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * The title and labels, for the policy's conditions. They are the author's
 * words, so nothing about them is an error: one that cannot be kept as it
 * is stays unknown, and a condition on it then adds its requirements.
 */
static int read_pr_context(reader *R, const gate_json *root, gate_event *ev)
{
	const gate_json *node, *e;

	if (find(R, root, "pull_request.title", 0, &node) < 0)
		return -1;
	if (usable_text(node, sizeof(ev->title)))
		memcpy(ev->title, node->str, node->str_len + 1);
	if (find(R, root, "pull_request.labels", 0, &node) < 0)
		return -1;
	if (!node || node->type != GATE_JSON_ARRAY || node->count > GATE_COND_MAX_LABELS)
		return 0;
	for (e = node->child; e; e = e->next) {
		const gate_json *name =
		    e->type == GATE_JSON_OBJECT ? gate_json_get(e, "name") : NULL;

		if (!usable_text(name, sizeof(ev->labels[0]))) {
			ev->nlabels = 0;
			return 0;
		}
		memcpy(ev->labels[ev->nlabels++], name->str, name->str_len + 1);
	}
	ev->labels_known = 1;
	return 0;
}

static int read_pull_request(reader *R, const gate_json *root, gate_event *ev)
{
	const gate_json *pr;
	char action[64];

	/* The object itself first, so that its absence is named as such. */
	if (find(R, root, "pull_request", 1, &pr) < 0)
		return -1;
	if (pr->type != GATE_JSON_OBJECT)
		return fail(R, pr, "pull_request is %s, expected an object", a_type(pr));
	if (get_commit(R, root, "pull_request.head.sha", 1, ev->head_sha) < 0 ||
	    get_string(R, root, "pull_request.base.ref", 1, gate_event_check_branch, "branch name",
		       ev->base_ref, sizeof(ev->base_ref)) < 0 ||
	    get_commit(R, root, "pull_request.base.sha", 0, ev->base_sha) < 0 ||
	    get_pr_number(R, root, &ev->pr_number) < 0 ||
	    get_string(R, root, "pull_request.user.login", 0, check_login, "login", ev->author,
		       sizeof(ev->author)) < 0 ||
	    get_string(R, root, "pull_request.head.ref", 0, gate_event_check_branch, "branch name",
		       ev->head_ref, sizeof(ev->head_ref)) < 0 ||
	    read_pr_context(R, root, ev) < 0)
		return -1;
	memcpy(ev->target_branch, ev->base_ref, sizeof(ev->target_branch));
	/* Who pushed the head is known only from a "synchronize" of the pull
	 * request itself: then the sender is the pusher. A review event's
	 * sender is the reviewer, an "opened" one's the author. */
	if (strcmp(ev->name, "pull_request") != 0 && strcmp(ev->name, "pull_request_target") != 0)
		return 0;
	if (get_string(R, root, "action", 0, check_action, "action", action, sizeof(action)) < 0)
		return -1;
	if (strcmp(action, "synchronize") == 0 &&
	    get_string(R, root, "sender.login", 1, check_login, "login", ev->pusher,
		       sizeof(ev->pusher)) < 0)
		return -1;
	return 0;
}

static int read_push(reader *R, const gate_json *root, gate_event *ev)
{
	const gate_json *node;
	int deleted, created;

	if (get_string(R, root, "ref", 1, gate_event_check_ref, "ref name", ev->push_ref,
		       sizeof(ev->push_ref)) < 0 ||
	    get_string(R, root, "before", 1, gate_event_check_oid, "object id", ev->push_before,
		       sizeof(ev->push_before)) < 0 ||
	    get_string(R, root, "after", 1, gate_event_check_oid, "object id", ev->push_after,
		       sizeof(ev->push_after)) < 0 ||
	    get_flag(R, root, "deleted", &deleted) < 0 ||
	    get_flag(R, root, "created", &created) < 0)
		return -1;
	if (gate_cond_branch_of_ref(ev->push_ref))
		snprintf(ev->target_branch, sizeof(ev->target_branch), "%s",
			 gate_cond_branch_of_ref(ev->push_ref));
	ev->deleted = is_zero_oid(ev->push_after);
	ev->created = is_zero_oid(ev->push_before);
	/* Both ids name commits of one repository, so they have one length; an
	 * all-zero id is only a marker, and is accepted at either length. */
	if (!ev->deleted && !ev->created && strlen(ev->push_before) != strlen(ev->push_after)) {
		find(R, root, "after", 0, &node);
		return fail(R, node, "before and after are object ids of different lengths");
	}
	if (ev->deleted && ev->created) {
		find(R, root, "after", 0, &node);
		return fail(R, node, "before and after are both all zeros");
	}
	/* The flags only ever agree with the ids in GitHub's payloads; a
	 * disagreement must not turn an evaluation into a skip. */
	if (deleted >= 0 && deleted != ev->deleted) {
		find(R, root, "deleted", 0, &node);
		return fail(R, node, "deleted is %s but after is %sall zeros",
			    deleted ? "true" : "false", ev->deleted ? "" : "not ");
	}
	if (created >= 0 && created != ev->created) {
		find(R, root, "created", 0, &node);
		return fail(R, node, "created is %s but before is %sall zeros",
			    created ? "true" : "false", ev->created ? "" : "not ");
	}
	return 0;
}

/*
 * The pull request a merge group tests, from the branch GitHub's merge
 * queue creates for it: refs/heads/gh-readonly-queue/BASE/pr-N-SHA. Returns
 * N, or 0 when the ref is not of that form (then no pull request is known,
 * and its reviews are not read). BASE may hold '/'; the number is the last
 * "/pr-" component's.
 */
static long queue_pr_number(const char *ref)
{
	static const char prefix[] = "refs/heads/gh-readonly-queue/";
	const char *p, *last = NULL;
	long n = 0;
	size_t digits = 0;

	if (strncmp(ref, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	for (p = ref + sizeof(prefix) - 1; (p = strstr(p, "/pr-")) != NULL; p++)
		last = p;
	if (!last)
		return 0;
	for (p = last + 4; *p >= '0' && *p <= '9'; p++, digits++) {
		if (digits >= 10)
			return 0;
		n = n * 10 + (*p - '0');
	}
	if (digits == 0 || *p != '-' || n < 1 || n > PR_NUMBER_MAX || strchr(p, '/'))
		return 0;
	return n;
}

/* merge_group: head_sha and base_sha; the pull request from head_ref and
 * the branch it goes to from base_ref (both optional). */
static int read_merge_group(reader *R, const gate_json *root, gate_event *ev)
{
	char head_ref[GATE_EVENT_REF_MAX + 1] = "", base_ref[GATE_EVENT_REF_MAX + 1] = "";

	if (get_commit(R, root, "merge_group.head_sha", 1, ev->head_sha) < 0 ||
	    get_commit(R, root, "merge_group.base_sha", 1, ev->base_sha) < 0 ||
	    get_string(R, root, "merge_group.head_ref", 0, gate_event_check_ref, "ref name",
		       head_ref, sizeof(head_ref)) < 0 ||
	    get_string(R, root, "merge_group.base_ref", 0, gate_event_check_ref, "ref name",
		       base_ref, sizeof(base_ref)) < 0)
		return -1;
	ev->pr_number = head_ref[0] ? queue_pr_number(head_ref) : 0;
	if (gate_cond_branch_of_ref(base_ref))
		snprintf(ev->target_branch, sizeof(ev->target_branch), "%s",
			 gate_cond_branch_of_ref(base_ref));
	return 0;
}

void gate_event_init(gate_event *ev)
{
	memset(ev, 0, sizeof(*ev));
}

int gate_event_read(gate_event *out, const char *name, const char *text, size_t len,
		    const char *file, gate_error *err)
{
	gate_json *root = NULL;
	reader R;
	const char *why;
	char shown[80];
	int error = -1;

	gate_event_init(out);
	R.file = file ? file : "<event>";
	R.event = "";
	R.err = err;
	if (!name || (why = check_event_name(name)) != NULL) {
		gate_error_excerpt(shown, sizeof(shown), name ? name : "");
		return gate_error_set(err, GATE_ERR_INPUT, "event name \"%s\" is not valid: %s",
				      shown, name ? why : "missing");
	}
	memcpy(out->name, name, strlen(name) + 1);
	out->kind = kind_of(name);
	R.event = out->name;
	if (len > GATE_EVENT_MAX_SIZE)
		return gate_error_set_at(
		    err, GATE_ERR_INPUT, R.file, 0, 0,
		    "%s event: the payload is larger than the limit of %u bytes", out->name,
		    GATE_EVENT_MAX_SIZE);
	if (count_values(text, len, GATE_EVENT_MAX_VALUES) > GATE_EVENT_MAX_VALUES)
		return gate_error_set_at(err, GATE_ERR_INPUT, R.file, 0, 0,
					 "%s event: the payload has more than %u JSON values",
					 out->name, GATE_EVENT_MAX_VALUES);
	if (gate_json_parse(&root, text, len, R.file, GATE_ERR_INPUT, err) < 0) {
		gate_error_prefix(err, "%s event: the payload is not valid JSON", out->name);
		goto done;
	}
	if (root->type != GATE_JSON_OBJECT) {
		fail(&R, root, "the payload is %s, expected an object", a_type(root));
		goto done;
	}

	if (get_string(&R, root, "repository.full_name", 0, check_full_name, "repository name",
		       out->repository, sizeof(out->repository)) < 0 ||
	    get_string(&R, root, "repository.default_branch", 0, gate_event_check_branch,
		       "branch name", out->default_branch, sizeof(out->default_branch)) < 0)
		goto done;

	switch (out->kind) {
	case GATE_EVENT_PULL_REQUEST:
		if (read_pull_request(&R, root, out) < 0)
			goto done;
		break;
	case GATE_EVENT_PUSH:
		if (read_push(&R, root, out) < 0)
			goto done;
		break;
	case GATE_EVENT_MERGE_GROUP:
		if (read_merge_group(&R, root, out) < 0)
			goto done;
		break;
	case GATE_EVENT_OTHER:
		break;
	}
	error = 0;
done:
	gate_json_free(root);
	if (error < 0) {
		/* Nothing half-read reaches a caller that ignores the result. */
		char keep[sizeof(out->name)];

		memcpy(keep, out->name, sizeof(keep));
		gate_event_init(out);
		memcpy(out->name, keep, sizeof(keep));
		out->kind = kind_of(out->name);
	}
	return error;
}

int gate_event_read_file(gate_event *out, const char *name, const char *path, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_EVENT_MAX_SIZE);
	int error = -1;

	gate_event_init(out);
	if (!path)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no file name");
	if (gate_buf_read_file(&buf, path, GATE_ERR_INPUT, err) < 0)
		goto done;
	error = gate_event_read(out, name, buf.ptr, buf.size,
				strcmp(path, "-") == 0 ? "<stdin>" : path, err);
done:
	gate_buf_dispose(&buf);
	return error;
}
