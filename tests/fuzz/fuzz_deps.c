/*
 * Fuzz target: dependency manifests and lock files (src/deps.c). The first
 * byte picks the file; the rest is its text. Either an error or a list
 * whose every entry has a name, a key and a spec.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/deps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *path;
		gate_eco eco;
		int lock;
	} files[] = {
	    {"package.json", GATE_ECO_NPM, 0},      {"requirements.txt", GATE_ECO_PYPI, 0},
	    {"pyproject.toml", GATE_ECO_PYPI, 0},   {"go.mod", GATE_ECO_GO, 0},
	    {"Cargo.toml", GATE_ECO_CARGO, 0},      {"pom.xml", GATE_ECO_MAVEN, 0},
	    {"package-lock.json", GATE_ECO_NPM, 1}, {"yarn.lock", GATE_ECO_NPM, 1},
	    {"pnpm-lock.yaml", GATE_ECO_NPM, 1},    {"go.sum", GATE_ECO_GO, 1},
	    {"Cargo.lock", GATE_ECO_CARGO, 1},      {"poetry.lock", GATE_ECO_PYPI, 1},
	    {"Pipfile.lock", GATE_ECO_PYPI, 1},     {"deny.txt", GATE_ECO_NPM, 2},
	};
	size_t pick, i;
	gate_error err;
	char *text;

	if (size < 1)
		return 0;
	pick = data[0] % (sizeof(files) / sizeof(files[0]));
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	gate_error_init(&err);
	if (files[pick].lock == 2) {
		/* an allow or deny list file: names, or an error, never both */
		gate_deps_list dl;

		if (gate_deps_list_parse(&dl, files[pick].path, text, size - 1, &err) == 0) {
			for (i = 0; i < dl.count; i++)
				if (!dl.names[i][0] || strlen(dl.names[i]) > GATE_DEPS_NAME_MAX)
					abort();
			gate_deps_list_dispose(&dl);
		} else if (!err.klass || dl.count || dl.names) {
			abort();
		}
	} else if (files[pick].lock) {
		gate_lock l;

		if (gate_deps_parse_lock(&l, files[pick].eco, files[pick].path, text, size - 1,
					 &err) == 0) {
			for (i = 0; i < l.count; i++) {
				const char *v = l.items[i].version, *x;

				if (!l.items[i].key || !v)
					abort();
				/* a version the lock holds, as a manifest's exact one */
				if (gate_deps_version_concrete(files[pick].eco, v) &&
				    (x = gate_deps_exact_version(files[pick].eco, v)) != NULL &&
				    !gate_deps_version_same(files[pick].eco, x, v))
					abort();
			}
			gate_deps_lock_dispose(&l);
		}
	} else {
		gate_manifest m;

		if (gate_deps_parse_manifest(&m, files[pick].eco, files[pick].path, text, size - 1,
					     &err) == 0) {
			for (i = 0; i < m.ndeps; i++)
				if (!m.deps[i].name || !m.deps[i].key || !m.deps[i].spec ||
				    m.deps[i].kind > GATE_DEP_REGISTRY)
					abort();
			gate_deps_manifest_dispose(&m);
		} else if (!err.klass) {
			abort();
		}
	}
	free(text);
	return 0;
}
