/*
 * Dependency manifests and lock files (src/deps.c): what each of the five
 * ecosystems' files declare, read from texts shaped as their tools write
 * them, and every malformed one an error, never an empty list.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/deps.h"
#include "unit.h"

static gate_manifest M;

static int parse(gate_eco eco, const char *path, const char *text)
{
	gate_error err;

	gate_error_init(&err);
	if (gate_deps_parse_manifest(&M, eco, path, text, strlen(text), &err) < 0) {
		fprintf(stderr, "%s: %s\n", path, err.message);
		return -1;
	}
	return 0;
}

/* The error message of a manifest that must not parse, "" when it does. */
static const char *parse_error(gate_eco eco, const char *path, const char *text)
{
	static char msg[1024];
	gate_manifest m;
	gate_error err;

	gate_error_init(&err);
	msg[0] = '\0';
	if (gate_deps_parse_manifest(&m, eco, path, text, strlen(text), &err) < 0)
		snprintf(msg, sizeof(msg), "%s", err.message);
	else
		gate_deps_manifest_dispose(&m);
	return msg;
}

static const gate_dep *dep(const char *key)
{
	size_t i;

	for (i = 0; i < M.ndeps; i++)
		if (strcmp(M.deps[i].key, key) == 0)
			return &M.deps[i];
	fprintf(stderr, "no dependency %s\n", key);
	return NULL;
}

#define KIND(key, k, ln)                                                                           \
	do {                                                                                       \
		const gate_dep *d_ = dep(key);                                                     \
		CHECK(d_ != NULL);                                                                 \
		if (d_) {                                                                          \
			CHECK_STR(gate_dep_kind_name(d_->kind), gate_dep_kind_name(k));            \
			if ((ln) && d_->line != (size_t)(ln))                                      \
				fprintf(stderr, "%s: line %zu, expected %d\n", key, d_->line, ln), \
				    unit_current_failed = 1;                                       \
		}                                                                                  \
	} while (0)

static void test_manifest_names(void)
{
	static const struct {
		const char *path;
		int is;
		gate_eco eco;
	} rows[] = {{"package.json", 1, GATE_ECO_NPM},
		    {"web/package.json", 1, GATE_ECO_NPM},
		    {"package.json5", 0, 0},
		    {"requirements.txt", 1, GATE_ECO_PYPI},
		    {"requirements-dev.txt", 1, GATE_ECO_PYPI},
		    {"api/requirements_test.txt", 1, GATE_ECO_PYPI},
		    {"requirements.in", 0, 0},
		    {"requirements/base.txt", 1, GATE_ECO_PYPI},
		    {"api/requirements/dev.txt", 1, GATE_ECO_PYPI},
		    {"constraints.txt", 1, GATE_ECO_PYPI},
		    {"my-requirements/x.txt", 0, 0},
		    {"notes.txt", 0, 0},
		    {"pyproject.toml", 1, GATE_ECO_PYPI},
		    {"Pipfile", 1, GATE_ECO_PYPI},
		    {"go.mod", 1, GATE_ECO_GO},
		    {"svc/go.mod", 1, GATE_ECO_GO},
		    {"Cargo.toml", 1, GATE_ECO_CARGO},
		    {"cargo.toml", 0, 0},
		    {"pom.xml", 1, GATE_ECO_MAVEN},
		    {"src/pom.xml.bak", 0, 0}};
	size_t i;
	gate_eco eco;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int is = gate_deps_manifest_eco(rows[i].path, strlen(rows[i].path), &eco);

		if (is != rows[i].is || (is && eco != rows[i].eco)) {
			fprintf(stderr, "%s: %d\n", rows[i].path, is);
			unit_current_failed = 1;
		}
	}
}

static void test_npm(void)
{
	static const char pkg[] = "{\n"
				  "  \"name\": \"web\",\n"
				  "  \"scripts\": {\n"
				  "    \"test\": \"jest\",\n"
				  "    \"postinstall\": \"node fetch.js\"\n"
				  "  },\n"
				  "  \"dependencies\": {\n"
				  "    \"react\": \"18.2.0\",\n"
				  "    \"lodash\": \"^4.17.21\",\n"
				  "    \"left-pad\": \"*\",\n"
				  "    \"axios\": \">=1.0.0\",\n"
				  "    \"chalk\": \"latest\",\n"
				  "    \"mylib\": \"file:../mylib\",\n"
				  "    \"fork\": \"github:someone/fork#main\",\n"
				  "    \"gitdep\": \"git+https://example.com/a.git\",\n"
				  "    \"tarball\": \"https://example.com/a.tgz\",\n"
				  "    \"short\": \"someone/repo\",\n"
				  "    \"minor\": \"1.2\",\n"
				  "    \"range\": \">=1.0.0 <2.0.0 || ^3.1.0\",\n"
				  "    \"open-or\": \"^1.0.0 || >=3\",\n"
				  "    \"alias\": \"npm:real-name@2.0.1\",\n"
				  "    \"@scope/pkg\": \"~1.2.3\",\n"
				  "    \"ws\": \"workspace:*\"\n"
				  "  },\n"
				  "  \"devDependencies\": {\"jest\": \"29.7.0-rc.1\"}\n"
				  "}\n";

	if (parse(GATE_ECO_NPM, "package.json", pkg) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 17);
	KIND("react", GATE_DEP_EXACT, 8);
	KIND("lodash", GATE_DEP_BOUNDED, 9);
	KIND("left-pad", GATE_DEP_OPEN, 0);
	KIND("axios", GATE_DEP_OPEN, 0);
	KIND("chalk", GATE_DEP_OPEN, 0);
	KIND("mylib", GATE_DEP_PATH, 0);
	KIND("fork", GATE_DEP_VCS, 0);
	KIND("gitdep", GATE_DEP_VCS, 0);
	KIND("tarball", GATE_DEP_URL, 0);
	KIND("short", GATE_DEP_VCS, 0);
	KIND("minor", GATE_DEP_BOUNDED, 0);
	KIND("range", GATE_DEP_BOUNDED, 0);
	KIND("open-or", GATE_DEP_OPEN, 0);
	KIND("alias", GATE_DEP_EXACT, 0);
	KIND("@scope/pkg", GATE_DEP_BOUNDED, 0);
	KIND("ws", GATE_DEP_PATH, 0);
	KIND("jest", GATE_DEP_EXACT, 25);
	CHECK(M.nscripts == 1);
	if (M.nscripts) {
		CHECK_STR(M.scripts[0].name, "postinstall");
		CHECK_STR(M.scripts[0].command, "node fetch.js");
		CHECK(M.scripts[0].line == 5);
	}
	gate_deps_manifest_dispose(&M);
	CHECK(strstr(parse_error(GATE_ECO_NPM, "package.json", "{\"dependencies\": {\"a\": 1}}"),
		     "the version of \"a\" must be a string") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_NPM, "package.json", "{\"dependencies\": {\"a\": \"1\""),
		     "unterminated object") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_NPM, "package.json", "[]"), "must be a JSON object") !=
	      NULL);
}

static void test_requirements(void)
{
	static const char req[] = "# pinned for production\n"
				  "requests==2.31.0\n"
				  "Django>=4.2,<5.0  # LTS\n"
				  "flask\n"
				  "numpy>=1.26\n"
				  "urllib3 ~= 2.0\n"
				  "Jinja2[i18n]==3.1.*\n"
				  "python_dateutil==2.8.2 ; python_version >= \"3.8\"\n"
				  "certifi==2024.2.2 \\\n"
				  "    --hash=sha256:0123\n"
				  "-r base.txt\n"
				  "--index-url https://pypi.org/simple\n"
				  "-e git+https://github.com/org/tool.git@v1#egg=tool\n"
				  "mypkg @ https://example.com/mypkg-1.0.tar.gz\n"
				  "other @ git+https://example.com/other.git\n"
				  "./local-dir\n";

	if (parse(GATE_ECO_PYPI, "requirements.txt", req) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.self_locked);
	/* eleven packages, the index, and the local directory */
	CHECK(M.ndeps == 13);
	KIND("https://pypi-org/simple", GATE_DEP_REGISTRY, 12);
	KIND("-/local-dir", GATE_DEP_PATH, 16);
	KIND("requests", GATE_DEP_EXACT, 2);
	KIND("django", GATE_DEP_BOUNDED, 3);
	KIND("flask", GATE_DEP_OPEN, 4);
	KIND("numpy", GATE_DEP_OPEN, 0);
	KIND("urllib3", GATE_DEP_BOUNDED, 0);
	KIND("jinja2", GATE_DEP_BOUNDED, 0);
	KIND("python-dateutil", GATE_DEP_EXACT, 8);
	KIND("certifi", GATE_DEP_EXACT, 9);
	KIND("tool", GATE_DEP_VCS, 13);
	KIND("mypkg", GATE_DEP_URL, 0);
	KIND("other", GATE_DEP_VCS, 0);
	if (dep("certifi"))
		CHECK_STR(dep("certifi")->spec, "==2024.2.2");
	if (dep("python-dateutil"))
		CHECK_STR(dep("python-dateutil")->name, "python_dateutil");
	gate_deps_manifest_dispose(&M);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "ok==1\n!!bad\n"),
		     "requirements.txt:2:") != NULL);

	/* options as pip's optparse reads them: abbreviated, with "=", several
	 * on a line, quoted as shlex quotes */
	if (parse(GATE_ECO_PYPI, "requirements.txt",
		  "--extra https://a.example/simple\n"
		  "--index=https://b.example/simple\n"
		  "--trusted-host h --find 'https://c.example/x y' -ihttps://d.example\n"
		  "--pre --py \"https://e.example\" --no-i -e ./dir\n") < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 6);
	KIND("https://a-example/simple", GATE_DEP_REGISTRY, 1);
	KIND("https://b-example/simple", GATE_DEP_REGISTRY, 2);
	KIND("https://c-example/x y", GATE_DEP_REGISTRY, 3);
	KIND("https://d-example", GATE_DEP_REGISTRY, 3);
	KIND("https://e-example", GATE_DEP_REGISTRY, 4);
	KIND("-/dir", GATE_DEP_PATH, 4);
	gate_deps_manifest_dispose(&M);
	/* what pip refuses is unreadable, never skipped */
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "--e https://x\n"),
		     "--e is an abbreviation of several pip options") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "--pre --p https://x\n"),
		     "--p is an abbreviation") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "ok==1\n--evil https://x\n"),
		     "requirements.txt:2: --evil is no option pip reads") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "--pre -x\n"),
		     "-x is no option") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "--pre --index-url\n"),
		     "--index-url needs a value") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "--pre=1\n"),
		     "--pre takes no value") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "requirements.txt", "--extra 'https://x\n"),
		     "an unclosed quote") != NULL);
}

static void test_pyproject(void)
{
	static const char py[] = "[build-system]\n"
				 "requires = [\"hatchling\"]\n"
				 "\n"
				 "[project]\n"
				 "name = \"svc\"\n"
				 "dependencies = [\n"
				 "  \"httpx>=0.27,<1\",  # client\n"
				 "  'pydantic==2.7.1',\n"
				 "]\n"
				 "[project.optional-dependencies]\n"
				 "dev = [\"pytest\"]\n"
				 "\n"
				 "[tool.poetry.dependencies]\n"
				 "python = \"^3.11\"\n"
				 "fastapi = \"^0.110\"\n"
				 "uvicorn = {version = \"0.29.0\", extras = [\"standard\"]}\n"
				 "mylib = {path = \"../mylib\", develop = true}\n"
				 "[tool.poetry.group.test.dependencies]\n"
				 "hypothesis = \"6.100.0\"\n";

	if (parse(GATE_ECO_PYPI, "pyproject.toml", py) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(!M.self_locked);
	CHECK(M.ndeps == 7);
	KIND("httpx", GATE_DEP_BOUNDED, 7);
	KIND("pydantic", GATE_DEP_EXACT, 8);
	KIND("pytest", GATE_DEP_OPEN, 11);
	KIND("fastapi", GATE_DEP_BOUNDED, 15);
	KIND("uvicorn", GATE_DEP_EXACT, 16);
	KIND("mylib", GATE_DEP_PATH, 17);
	KIND("hypothesis", GATE_DEP_EXACT, 19);
	gate_deps_manifest_dispose(&M);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "pyproject.toml", "[project]\ndependencies = [\n"),
		     "pyproject.toml:") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "pyproject.toml", "[project\n"),
		     "a table header is not closed") != NULL);
	CHECK(strstr(parse_error(GATE_ECO_PYPI, "pyproject.toml", "name \"x\"\n"),
		     "'=' was expected") != NULL);
}

static void test_pipfile_and_uv(void)
{
	static const char pipfile[] = "[[source]]\n"
				      "url = \"https://pypi.org/simple\"\n"
				      "name = \"pypi\"\n"
				      "\n"
				      "[packages]\n"
				      "requests = \"*\"\n"
				      "flask = \"==3.0.3\"\n"
				      "mine = {path = \".\", editable = true}\n"
				      "[dev-packages]\n"
				      "pytest = {version = \">=8,<9\"}\n";
	static const char uv[] = "[project]\n"
				 "dependencies = [\"httpx>=0.27,<1\"]\n"
				 "[tool.uv.sources]\n"
				 "httpx = { git = \"https://example.com/httpx\" }\n"
				 "[[tool.uv.index]]\n"
				 "url = \"https://pypi.internal.example/simple\"\n";

	if (parse(GATE_ECO_PYPI, "Pipfile", pipfile) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 5);
	KIND("https://pypi-org/simple", GATE_DEP_REGISTRY, 2);
	KIND("requests", GATE_DEP_OPEN, 6);
	KIND("flask", GATE_DEP_EXACT, 7);
	KIND("mine", GATE_DEP_PATH, 8);
	KIND("pytest", GATE_DEP_BOUNDED, 10);
	gate_deps_manifest_dispose(&M);
	if (parse(GATE_ECO_PYPI, "pyproject.toml", uv) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 3);
	if (M.ndeps == 3) {
		CHECK(M.deps[1].kind == GATE_DEP_VCS && strcmp(M.deps[1].key, "httpx") == 0);
		CHECK(M.deps[2].kind == GATE_DEP_REGISTRY);
	}
	gate_deps_manifest_dispose(&M);
}

static void test_gomod(void)
{
	static const char mod[] = "module example.com/svc\n"
				  "\n"
				  "go 1.22\n"
				  "\n"
				  "require github.com/google/uuid v1.6.0\n"
				  "require (\n"
				  "\tgithub.com/stretchr/testify v1.9.0 // indirect\n"
				  "\tgolang.org/x/sync v0.7.0\n"
				  ")\n"
				  "replace example.com/old => ../old\n"
				  "replace (\n"
				  "\texample.com/a v1.0.0 => example.com/b v1.1.0\n"
				  ")\n";

	if (parse(GATE_ECO_GO, "go.mod", mod) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 5);
	KIND("github.com/google/uuid", GATE_DEP_EXACT, 5);
	KIND("github.com/stretchr/testify", GATE_DEP_EXACT, 7);
	KIND("golang.org/x/sync", GATE_DEP_EXACT, 8);
	KIND("example.com/old", GATE_DEP_PATH, 10);
	KIND("example.com/b", GATE_DEP_EXACT, 12);
	gate_deps_manifest_dispose(&M);
	CHECK(strstr(parse_error(GATE_ECO_GO, "go.mod", "require x\n"), "go.mod:1:") != NULL);
}

static void test_cargo(void)
{
	static const char toml[] = "[package]\n"
				   "name = \"svc\"\n"
				   "version = \"0.1.0\"\n"
				   "\n"
				   "[dependencies]\n"
				   "serde = { version = \"1.0\", features = [\"derive\"] }\n"
				   "tokio = \"=1.37.0\"\n"
				   "rand = \"*\"\n"
				   "log = \">=0.4\"\n"
				   "regex = \">=1.5, <2\"\n"
				   "mine = { path = \"../mine\" }\n"
				   "fork = { git = \"https://example.com/fork\" }\n"
				   "renamed = { package = \"real-crate\", version = \"2\" }\n"
				   "shared.workspace = true\n"
				   "\n"
				   "[dev-dependencies]\n"
				   "criterion = \"0.5.1\"\n"
				   "\n"
				   "[target.'cfg(unix)'.dependencies]\n"
				   "libc = \"=0.2.155\"\n"
				   "\n"
				   "[dependencies.anyhow]\n"
				   "version = \"=1.0.86\"\n"
				   "\n"
				   "[build-dependencies]\n"
				   "cc = \"1\"\n"
				   "\n"
				   "[patch.crates-io]\n"
				   "log = { git = \"https://example.com/log\" }\n"
				   "[target.x.dependencies]\n"
				   "gitdot.git = \"https://example.com/g\"\n";

	if (parse(GATE_ECO_CARGO, "Cargo.toml", toml) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 15);
	KIND("gitdot", GATE_DEP_VCS, 31);
	if (M.ndeps == 15)
		CHECK(M.deps[13].kind == GATE_DEP_VCS && strcmp(M.deps[13].key, "log") == 0 &&
		      M.deps[13].line == 29);
	KIND("serde", GATE_DEP_BOUNDED, 6);
	KIND("tokio", GATE_DEP_EXACT, 7);
	KIND("rand", GATE_DEP_OPEN, 8);
	KIND("log", GATE_DEP_OPEN, 9);
	KIND("regex", GATE_DEP_BOUNDED, 10);
	KIND("mine", GATE_DEP_PATH, 11);
	KIND("fork", GATE_DEP_VCS, 12);
	KIND("real-crate", GATE_DEP_BOUNDED, 13);
	KIND("shared", GATE_DEP_MANAGED, 14);
	KIND("criterion", GATE_DEP_BOUNDED, 17);
	KIND("libc", GATE_DEP_EXACT, 20);
	KIND("anyhow", GATE_DEP_EXACT, 23);
	KIND("cc", GATE_DEP_BOUNDED, 26);
	gate_deps_manifest_dispose(&M);
	CHECK(strstr(parse_error(GATE_ECO_CARGO, "Cargo.toml",
				 "[dependencies]\nserde = { version = \"1\"\n"),
		     "Cargo.toml:") != NULL);
}

static void test_pom(void)
{
	static const char pom[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<project>\n"
	    "  <properties><jackson.version>2.17.1</jackson.version></properties>\n"
	    "  <dependencyManagement><dependencies>\n"
	    "    <dependency><groupId>org.managed</groupId><artifactId>bom</artifactId>"
	    "<version>1.0</version></dependency>\n"
	    "  </dependencies></dependencyManagement>\n"
	    "  <dependencies>\n"
	    "    <dependency>\n"
	    "      <groupId>com.fasterxml.jackson.core</groupId>\n"
	    "      <artifactId>jackson-databind</artifactId>\n"
	    "      <version>${jackson.version}</version>\n"
	    "      <exclusions><exclusion><groupId>x</groupId><artifactId>y</artifactId>"
	    "</exclusion></exclusions>\n"
	    "    </dependency>\n"
	    "    <!-- <dependency><groupId>c</groupId><artifactId>d</artifactId></dependency> -->\n"
	    "    <dependency><groupId>junit</groupId><artifactId>junit</artifactId>"
	    "<version>[4.0,)</version></dependency>\n"
	    "    <dependency><groupId>a</groupId><artifactId>snap</artifactId>"
	    "<version>1.0-SNAPSHOT</version></dependency>\n"
	    "    <dependency><groupId>a</groupId><artifactId>ranged</artifactId>"
	    "<version>[1.0,2.0)</version></dependency>\n"
	    "    <dependency><groupId>a</groupId><artifactId>nover</artifactId></dependency>\n"
	    "  </dependencies>\n"
	    "</project>\n";

	if (parse(GATE_ECO_MAVEN, "pom.xml", pom) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 5);
	KIND("com.fasterxml.jackson.core:jackson-databind", GATE_DEP_EXACT, 8);
	KIND("junit:junit", GATE_DEP_OPEN, 15);
	KIND("a:snap", GATE_DEP_OPEN, 16);
	KIND("a:ranged", GATE_DEP_BOUNDED, 17);
	KIND("a:nover", GATE_DEP_MANAGED, 18);
	gate_deps_manifest_dispose(&M);
	CHECK(strstr(parse_error(GATE_ECO_MAVEN, "pom.xml",
				 "<project><dependencies><dependency><groupId>a</groupId>"),
		     "is not closed") != NULL);
}

/* TOML strings as TOML 1.0 reads them: escapes decoded in keys and values,
 * in manifests and locks, and what TOML does not define refused
 * (docs/dependencies.md, "Strings and references"). */
static void test_toml_strings(void)
{
	static const char toml[] =
	    "[dependencies]\n"
	    "\"openssl\\u002Dsys\" = \"=0.9.102\"\n"
	    "\"serde\\U0000005Fjson\" = \"1\"\n"
	    "'lit\\u002D' = \"=1.0.0\"\n"
	    "ossl = { package = \"open\\u0073sl\", version = \"=0.10.64\" }\n"
	    "tab = \"\"\"\n"
	    "=1.\\\n"
	    "     0.0\"\"\"\n"
	    "quo = '''=2.0.0'''\n"
	    "esc = \"=1\\u002E2\\u002E3\"\n";
	static const char lock[] = "[[package]]\nname = \"openssl\\u002dsys\"\nversion = "
				   "\"0.9.102\"\n";
	static const char *const refused[] = {
	    "[dependencies]\n\"a\\u002\" = \"1\"\n",      /* too few digits */
	    "[dependencies]\n\"a\\uD800\" = \"1\"\n",     /* a surrogate */
	    "[dependencies]\n\"a\\U00110000\" = \"1\"\n", /* above U+10FFFF */
	    "[dependencies]\n\"a\\u0000\" = \"1\"\n",     /* U+0000 */
	    "[dependencies]\n\"a\\x2D\" = \"1\"\n",       /* no such escape */
	    "[dependencies]\n\"a\\-b\" = \"1\"\n",        /* no such escape */
	    "[dependencies]\na = \"\\u00zz\"\n",          /* not hex */
	    "[dependencies]\na = \"1\x01\"\n",            /* a control character */
	    "[dependencies]\na = \"\"\"1\\  x\"\"\"\n",   /* "\ " not at a line's end */
	    "[dependencies]\na = \"\"\"1\"\"\"\"\"\"\n",  /* six quotes */
	};
	gate_lock l;
	gate_error err;
	const char *v;
	size_t i;

	if (parse(GATE_ECO_CARGO, "Cargo.toml", toml) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 7);
	KIND("openssl-sys", GATE_DEP_EXACT, 2);
	KIND("serde_json", GATE_DEP_BOUNDED, 3);
	KIND("lit\\u002D", GATE_DEP_EXACT, 4);
	KIND("openssl", GATE_DEP_EXACT, 5);
	KIND("tab", GATE_DEP_EXACT, 6);
	if (dep("tab"))
		CHECK_STR(dep("tab")->spec, "=1.0.0");
	KIND("quo", GATE_DEP_EXACT, 9);
	if (dep("esc"))
		CHECK_STR(dep("esc")->spec, "=1.2.3");
	gate_deps_manifest_dispose(&M);

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (!strstr(parse_error(GATE_ECO_CARGO, "Cargo.toml", refused[i]),
			    "Cargo.toml:2")) {
			fprintf(stderr, "refused[%zu] was read\n", i);
			unit_current_failed = 1;
		}

	gate_error_init(&err);
	if (gate_deps_parse_lock(&l, GATE_ECO_CARGO, "Cargo.lock", lock, strlen(lock), &err) < 0) {
		fprintf(stderr, "Cargo.lock: %s\n", err.message);
		unit_current_failed = 1;
		return;
	}
	v = gate_deps_lock_find(&l, "openssl-sys");
	CHECK(v && strcmp(v, "0.9.102") == 0);
	gate_deps_lock_dispose(&l);
}

/* A pom's text as Maven reads it: references decoded, CDATA kept, and an
 * unknown reference or a defined entity refused. */
static void test_pom_text(void)
{
	static const char pom[] =
	    "<project>\n"
	    "  <properties><evil.version>&#91;1.0,)</evil.version></properties>\n"
	    "  <dependencies>\n"
	    "    <dependency><groupId>org.evil</groupId><artifactId>evil&#45;lib</artifactId>"
	    "<version>1.0.0</version></dependency>\n"
	    "    <dependency><groupId>org&#x2E;x</groupId><artifactId>b<![CDATA[-c]]>d</artifactId>"
	    "<version>&#x5B;1.0,)</version></dependency>\n"
	    "    "
	    "<dependency><groupId>p</groupId><artifactId>q&amp;&lt;&gt;&apos;&quot;</artifactId>"
	    "<version>${evil.version}</version></dependency>\n"
	    "  </dependencies>\n"
	    "  <repositories><repository><url>https://evil&#46;example/m2</url></repository>"
	    "</repositories>\n"
	    "</project>\n";
	static const char *const refused[] = {
	    "<artifactId>a&nbsp;b</artifactId>",   /* not one of the five */
	    "<artifactId>a&#45b</artifactId>",     /* no ';' */
	    "<artifactId>a&#xZZ;b</artifactId>",   /* not hex */
	    "<artifactId>a&#0;b</artifactId>",     /* U+0000 */
	    "<artifactId>a&#xD800;b</artifactId>", /* a surrogate */
	    "<artifactId>a&#x110000;b</artifactId>", "<artifactId>a&;b</artifactId>",
	    "<artifactId>a<!-- x -->b</artifactId>", /* a comment is no space */
	    "<artifactId>a<b/>c</artifactId>",       /* markup */
	};
	char text[512];
	size_t i;

	if (parse(GATE_ECO_MAVEN, "pom.xml", pom) < 0) {
		unit_current_failed = 1;
		return;
	}
	CHECK(M.ndeps == 4);
	KIND("org.evil:evil-lib", GATE_DEP_EXACT, 4);
	KIND("org.x:b-cd", GATE_DEP_OPEN, 5);
	KIND("p:q&<>'\"", GATE_DEP_OPEN, 6);
	if (dep("org.x:b-cd"))
		CHECK_STR(dep("org.x:b-cd")->spec, "[1.0,)");
	KIND("repository", GATE_DEP_URL, 8);
	if (dep("repository"))
		CHECK_STR(dep("repository")->spec, "https://evil.example/m2");
	gate_deps_manifest_dispose(&M);

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		snprintf(text, sizeof(text),
			 "<project><dependencies>\n<dependency><groupId>g</groupId>%s"
			 "</dependency></dependencies></project>\n",
			 refused[i]);
		if (!strstr(parse_error(GATE_ECO_MAVEN, "pom.xml", text), "pom.xml:2")) {
			fprintf(stderr, "refused[%zu] was read\n", i);
			unit_current_failed = 1;
		}
	}
	CHECK(strstr(parse_error(GATE_ECO_MAVEN, "pom.xml",
				 "<!DOCTYPE project [<!ENTITY d \"evil-lib\">]>\n<project/>\n"),
		     "entity") != NULL);
}

static void test_locks(void)
{
	static const struct {
		const char *path;
		gate_eco eco;
		const char *text;
		const char *key, *version;
		size_t count;
	} rows[] = {
	    {"package-lock.json", GATE_ECO_NPM,
	     "{\"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"web\"},"
	     " \"node_modules/lodash\": {\"version\": \"4.17.21\"},"
	     " \"node_modules/a/node_modules/@s/b\": {\"version\": \"1.0.0\"}}}",
	     "@s/b", "1.0.0", 2},
	    {"package-lock.json", GATE_ECO_NPM,
	     "{\"lockfileVersion\": 1, \"dependencies\": {\"a\": {\"version\": \"1.0.0\","
	     " \"dependencies\": {\"b\": {\"version\": \"2.0.0\"}}}}}",
	     "b", "2.0.0", 2},
	    {"yarn.lock", GATE_ECO_NPM,
	     "# yarn lockfile v1\n\n\"@babel/code-frame@^7.0.0\", \"@babel/code-frame@^7.10.4\":\n"
	     "  version \"7.12.13\"\n  resolved \"https://x\"\n\nlodash@^4.17.21:\n"
	     "  version \"4.17.21\"\n",
	     "@babel/code-frame", "7.12.13", 2},
	    {"yarn.lock", GATE_ECO_NPM,
	     "__metadata:\n  version: 6\n\n\"lodash@npm:^4.17.21\":\n  version: 4.17.21\n",
	     "lodash", "4.17.21", 1},
	    {"pnpm-lock.yaml", GATE_ECO_NPM,
	     "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n"
	     "packages:\n  '@scope/a@1.2.3':\n    resolution: {integrity: x}\n"
	     "  left-pad@1.3.0(peer@1.0.0):\n    resolution: {}\n",
	     "left-pad", "1.3.0", 2},
	    {"pnpm-lock.yaml", GATE_ECO_NPM, "packages:\n  /a/1.0.0:\n    dev: false\n", "a",
	     "1.0.0", 1},
	    /* keys with no room for a name and a version (found by fuzzing) */
	    {"pnpm-lock.yaml", GATE_ECO_NPM, "packages:\n  (x):\n  '':\n  /:\n  @:\n  a@1:\n", "a",
	     "1", 1},
	    {"go.sum", GATE_ECO_GO,
	     "github.com/google/uuid v1.6.0 h1:abc=\n"
	     "github.com/google/uuid v1.6.0/go.mod h1:def=\n",
	     "github.com/google/uuid", "v1.6.0", 2},
	    {"Cargo.lock", GATE_ECO_CARGO,
	     "version = 3\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.203\"\n"
	     "dependencies = [\n \"serde_derive\",\n]\n\n[[package]]\nname = \"serde_derive\"\n"
	     "version = \"1.0.203\"\nsource = \"registry+https://x\"\n",
	     "serde_derive", "1.0.203", 2},
	    {"poetry.lock", GATE_ECO_PYPI,
	     "[[package]]\nname = \"Requests\"\nversion = \"2.31.0\"\n\n"
	     "[package.dependencies]\ncertifi = \">=2017\"\n",
	     "requests", "2.31.0", 1},
	    {"Pipfile.lock", GATE_ECO_PYPI,
	     "{\"default\": {\"Flask\": {\"version\": \"==3.0.3\"}}, \"develop\": {}}", "flask",
	     "3.0.3", 1},
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		gate_lock l;
		gate_error err;
		const char *v;

		gate_error_init(&err);
		if (gate_deps_parse_lock(&l, rows[i].eco, rows[i].path, rows[i].text,
					 strlen(rows[i].text), &err) < 0) {
			fprintf(stderr, "row %zu: %s\n", i, err.message);
			unit_current_failed = 1;
			continue;
		}
		v = gate_deps_lock_find(&l, rows[i].key);
		if (!v || strcmp(v, rows[i].version) != 0 || l.count != rows[i].count) {
			fprintf(stderr, "row %zu (%s): %s -> %s, %zu entries\n", i, rows[i].path,
				rows[i].key, v ? v : "(none)", l.count);
			unit_current_failed = 1;
		}
		gate_deps_lock_dispose(&l);
	}
}

/* Locked versions: one resolved version, and the version an exact
 * requirement names (docs/dependencies.md, "Locked at the version asked
 * for"). */
static void test_locked_versions(void)
{
	static const struct {
		gate_eco eco;
		const char *v;
		int concrete;
	} conc[] = {
	    {GATE_ECO_NPM, "4.19.2", 1},
	    {GATE_ECO_NPM, "1.0.0-rc.1+b", 1},
	    {GATE_ECO_NPM, "^4.0.0", 0},
	    {GATE_ECO_NPM, "~4.0.0", 0},
	    {GATE_ECO_NPM, "4.x", 0},
	    {GATE_ECO_NPM, "4.19", 0},
	    {GATE_ECO_NPM, "*", 0},
	    {GATE_ECO_NPM, "latest", 0},
	    {GATE_ECO_NPM, "", 0},
	    {GATE_ECO_NPM, ">=1.0.0 <2.0.0", 0},
	    {GATE_ECO_NPM, "v4.19.2", 0},
	    {GATE_ECO_CARGO, "1.0.203", 1},
	    {GATE_ECO_CARGO, "1.0", 0},
	    {GATE_ECO_CARGO, "=1.0.203", 0},
	    {GATE_ECO_PYPI, "2.31.0", 1},
	    {GATE_ECO_PYPI, "1.0.post1", 1},
	    {GATE_ECO_PYPI, "2024.1", 1},
	    {GATE_ECO_PYPI, "1!2.0", 1},
	    {GATE_ECO_PYPI, ">=2.0", 0},
	    {GATE_ECO_PYPI, "2.*", 0},
	    {GATE_ECO_PYPI, "*", 0},
	    {GATE_ECO_PYPI, "2.0,<3", 0},
	    {GATE_ECO_PYPI, "", 0},
	    {GATE_ECO_GO, "v1.6.0", 1},
	    {GATE_ECO_GO, "v0.0.0-20240101000000-abcdef012345", 1},
	    {GATE_ECO_GO, "1.6.0", 0},
	    {GATE_ECO_GO, "latest", 0},
	    {GATE_ECO_MAVEN, "1.0", 0},
	};
	static const struct {
		gate_eco eco;
		const char *spec, *exact;
	} ex[] = {
	    {GATE_ECO_NPM, "4.99.0", "4.99.0"},
	    {GATE_ECO_NPM, "=4.99.0", "4.99.0"},
	    {GATE_ECO_NPM, "v4.99.0", "4.99.0"},
	    {GATE_ECO_NPM, "npm:other@1.2.3", "1.2.3"},
	    {GATE_ECO_NPM, "npm:@s/other@1.2.3", "1.2.3"},
	    {GATE_ECO_NPM, "^4.99.0", NULL},
	    {GATE_ECO_NPM, "npm:other", NULL},
	    {GATE_ECO_CARGO, "=1.0.999", "1.0.999"},
	    {GATE_ECO_CARGO, "= 1.0.999", "1.0.999"},
	    {GATE_ECO_CARGO, "1.0.999", NULL}, /* a caret range in Cargo */
	    {GATE_ECO_CARGO, "1.0", NULL},
	    {GATE_ECO_PYPI, "==2.31.0", "2.31.0"},
	    {GATE_ECO_PYPI, "2.31", "2.31"},
	    {GATE_ECO_PYPI, ">=2.0", NULL},
	};
	static const struct {
		gate_eco eco;
		const char *a, *b;
		int same;
	} same[] = {
	    {GATE_ECO_NPM, "4.19.2", "4.19.2", 1},    {GATE_ECO_NPM, "4.99.0", "4.19.2", 0},
	    {GATE_ECO_NPM, "4.19.2", "4.19.20", 0},   {GATE_ECO_CARGO, "1.0.203", "1.0.203", 1},
	    {GATE_ECO_PYPI, "1.2", "1.2.0", 1},       {GATE_ECO_PYPI, "1.2.0", "1.2", 1},
	    {GATE_ECO_PYPI, "1.2rc1", "1.2.0RC1", 1}, {GATE_ECO_PYPI, "1.2", "1.2.1", 0},
	    {GATE_ECO_PYPI, "1.2rc1", "1.2", 0},      {GATE_ECO_PYPI, "2.31.0", "2.3.10", 0},
	    {GATE_ECO_PYPI, "1.10", "1.1", 0},        {GATE_ECO_GO, "v1.6.0", "v1.6.0", 1},
	};
	size_t i;

	for (i = 0; i < sizeof(conc) / sizeof(conc[0]); i++)
		if (gate_deps_version_concrete(conc[i].eco, conc[i].v) != conc[i].concrete) {
			fprintf(stderr, "concrete %s \"%s\": expected %d\n",
				gate_deps_eco_name(conc[i].eco), conc[i].v, conc[i].concrete);
			unit_current_failed = 1;
		}
	CHECK(!gate_deps_version_concrete(GATE_ECO_NPM, NULL));
	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		const char *got = gate_deps_exact_version(ex[i].eco, ex[i].spec);

		if (!(got == NULL ? ex[i].exact == NULL
				  : ex[i].exact != NULL && strcmp(got, ex[i].exact) == 0)) {
			fprintf(stderr, "exact %s \"%s\": %s\n", gate_deps_eco_name(ex[i].eco),
				ex[i].spec, got ? got : "(none)");
			unit_current_failed = 1;
		}
	}
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (gate_deps_version_same(same[i].eco, same[i].a, same[i].b) != same[i].same) {
			fprintf(stderr, "same %s %s %s: expected %d\n",
				gate_deps_eco_name(same[i].eco), same[i].a, same[i].b,
				same[i].same);
			unit_current_failed = 1;
		}
	/* pnpm 5 keys: name/version with peers after '_'; 6 and 9: name@version */
	{
		static const char text[] = "lockfileVersion: 5.4\npackages:\n"
					   "  /a/1.2.3_b@2.0.0:\n    resolution: {}\n"
					   "  /@s/c/4.5.6_react@18.0.0:\n    dev: false\n"
					   "  /d@7.8.9(e@1.0.0):\n    dev: false\n"
					   "  '@s/f@1.0.0':\n    dev: false\n";
		gate_lock l;
		gate_error err;

		gate_error_init(&err);
		CHECK(gate_deps_parse_lock(&l, GATE_ECO_NPM, "pnpm-lock.yaml", text, strlen(text),
					   &err) == 0);
		CHECK(l.count == 4);
		CHECK(gate_deps_lock_find(&l, "a") &&
		      strcmp(gate_deps_lock_find(&l, "a"), "1.2.3") == 0);
		CHECK(gate_deps_lock_find(&l, "@s/c") &&
		      strcmp(gate_deps_lock_find(&l, "@s/c"), "4.5.6") == 0);
		CHECK(gate_deps_lock_find(&l, "d") &&
		      strcmp(gate_deps_lock_find(&l, "d"), "7.8.9") == 0);
		CHECK(gate_deps_lock_find(&l, "@s/f") &&
		      strcmp(gate_deps_lock_find(&l, "@s/f"), "1.0.0") == 0);
		gate_deps_lock_dispose(&l);
	}
	/* an npm v1 lock records an alias as "npm:real@1.2.3" */
	{
		static const char text[] =
		    "{\"lockfileVersion\": 1, \"dependencies\": {\"x\": {\"version\": "
		    "\"npm:other@1.2.3\"}, \"y\": {\"version\": \"^2.0.0\"}}}";
		gate_lock l;
		gate_error err;

		gate_error_init(&err);
		CHECK(gate_deps_parse_lock(&l, GATE_ECO_NPM, "package-lock.json", text,
					   strlen(text), &err) == 0);
		CHECK(gate_deps_lock_find(&l, "x") &&
		      strcmp(gate_deps_lock_find(&l, "x"), "1.2.3") == 0);
		CHECK(gate_deps_lock_find(&l, "y") &&
		      !gate_deps_version_concrete(GATE_ECO_NPM, gate_deps_lock_find(&l, "y")));
		gate_deps_lock_dispose(&l);
	}
}

/* Allow and deny list files (docs/dependencies.md, "Allow and deny list
 * files"): names, comments, and every text that is not such a list an
 * error, never an empty list. */
static void test_list_files(void)
{
	static const char good[] = "\xEF\xBB\xBF# banned\n\nEvent-Stream   # incident\r\n"
				   "  @types/node\na-b\n\t# indented comment\nlast";
	/* two names; a control byte; binary; "#" inside a name; a non-ASCII
	 * name; a byte-order mark that is not the file's first bytes */
	static const char *const bad[] = {"two names\n",       "ok\nx\001y\n",
					  "bin\0ary\n",        "ok\na#b\n",
					  "ok\ncaf\xC3\xA9\n", "ok\n\xEF\xBB\xBFx\n"};
	static const size_t badlen[] = {10, 7, 10, 7, 9, 8};
	gate_deps_list l;
	gate_error err;
	char *big;
	size_t i;

	gate_error_init(&err);
	CHECK(gate_deps_list_parse(&l, "deny.txt", good, strlen(good), &err) == 0);
	CHECK(l.count == 4);
	if (l.count == 4) {
		CHECK(strcmp(l.names[0], "Event-Stream") == 0);
		CHECK(strcmp(l.names[1], "@types/node") == 0);
		CHECK(strcmp(l.names[2], "a-b") == 0);
		CHECK(strcmp(l.names[3], "last") == 0);
	}
	gate_deps_list_dispose(&l);
	CHECK(gate_deps_list_parse(&l, "deny.txt", "", 0, &err) == 0 && l.count == 0);
	gate_deps_list_dispose(&l);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gate_error_init(&err);
		CHECK(gate_deps_list_parse(&l, "deny.txt", bad[i], badlen[i], &err) < 0);
		CHECK(err.klass == GATE_ERR_POLICY && strcmp(err.file, "deny.txt") == 0);
		CHECK(l.count == 0 && l.names == NULL);
	}
	gate_error_init(&err);
	CHECK(gate_deps_list_parse(&l, "deny.txt", bad[0], badlen[0], &err) < 0 && err.line == 1);
	gate_error_init(&err);
	CHECK(gate_deps_list_parse(&l, "deny.txt", bad[1], badlen[1], &err) < 0 && err.line == 2);
	/* too large, even when every line is a comment */
	if ((big = malloc(GATE_DEPS_LIST_MAX + 1)) != NULL) {
		memset(big, '#', GATE_DEPS_LIST_MAX + 1);
		gate_error_init(&err);
		CHECK(gate_deps_list_parse(&l, "allow.txt", big, GATE_DEPS_LIST_MAX + 1, &err) < 0);
		CHECK(gate_deps_list_parse(&l, "allow.txt", big, GATE_DEPS_LIST_MAX, &err) == 0);
		gate_deps_list_dispose(&l);
		free(big);
	}
}

/* Manifests known and not read (docs/dependencies.md, "Limits"). */
static void test_unread_manifests(void)
{
	static const struct {
		const char *path, *eco;
	} rows[] = {
	    {"build.gradle", "Gradle"},
	    {"a/build.gradle.kts", "Gradle"},
	    {"settings.gradle", "Gradle"},
	    {"gradle/libs.versions.toml", "Gradle"},
	    {"Gemfile", "Ruby"},
	    {"x/y.gemspec", "Ruby"},
	    {"setup.py", "PyPI"},
	    {"setup.cfg", "PyPI"},
	    {"requirements.in", "PyPI"},
	    {"requirements-dev.in", "PyPI"},
	    {"go.work", "Go"},
	    {"package.json", NULL},
	    {"Gemfile.lock", NULL},
	    {"build.gradle.bak", NULL},
	    {"requirementsin", NULL},
	    {"requirements.txt", NULL},
	    {".gemspec", NULL},
	    {"notGemfile", NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got = gate_deps_unread_manifest(rows[i].path, strlen(rows[i].path));

		if (!(got == NULL ? rows[i].eco == NULL
				  : rows[i].eco != NULL && strcmp(got, rows[i].eco) == 0)) {
			fprintf(stderr, "%s: %s\n", rows[i].path, got ? got : "(none)");
			unit_current_failed = 1;
		}
	}
}

/* Hostile texts: an error or a list, never a crash. */
static void test_hostile(void)
{
	static const char *const texts[] = {"",
					    "\n",
					    "[",
					    "[[",
					    "{",
					    "\"",
					    "a=",
					    "a = [",
					    "a = {",
					    "a = \"\"\"x",
					    "[dependencies]\nx = {a = {b = {c = "
					    "{}}}}\n",
					    "<dependency>",
					    "<dependency><groupId>",
					    "require (\n",
					    "require (\nx\n)",
					    "-e",
					    "x @",
					    "x[",
					    "\\\n\\\n",
					    "\xff\xfe"};
	static const char *const paths[] = {"package.json", "requirements.txt", "pyproject.toml",
					    "go.mod",       "Cargo.toml",       "pom.xml"};
	static const gate_eco ecos[] = {GATE_ECO_NPM, GATE_ECO_PYPI,  GATE_ECO_PYPI,
					GATE_ECO_GO,  GATE_ECO_CARGO, GATE_ECO_MAVEN};
	size_t i, k;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (k = 0; k < sizeof(paths) / sizeof(paths[0]); k++)
			(void)parse_error(ecos[k], paths[k], texts[i]);
	/* and the unfinished ones are errors */
	for (i = 2; i < 10; i++) {
		CHECK(parse_error(GATE_ECO_PYPI, "pyproject.toml", texts[i])[0] != '\0');
		CHECK(parse_error(GATE_ECO_CARGO, "Cargo.toml", texts[i])[0] != '\0');
	}
	CHECK(parse_error(GATE_ECO_MAVEN, "pom.xml", "<dependency>")[0] != '\0');
	CHECK(parse_error(GATE_ECO_GO, "go.mod", "require (\nx\n)")[0] != '\0');
}

int main(void)
{
	GATE_RUN(test_manifest_names);
	GATE_RUN(test_npm);
	GATE_RUN(test_requirements);
	GATE_RUN(test_pyproject);
	GATE_RUN(test_pipfile_and_uv);
	GATE_RUN(test_gomod);
	GATE_RUN(test_cargo);
	GATE_RUN(test_pom);
	GATE_RUN(test_toml_strings);
	GATE_RUN(test_pom_text);
	GATE_RUN(test_locks);
	GATE_RUN(test_locked_versions);
	GATE_RUN(test_list_files);
	GATE_RUN(test_unread_manifests);
	GATE_RUN(test_hostile);
	return GATE_UNIT_DONE("deps");
}
