#!/usr/bin/env python3
"""Generate the benchmark monorepo with `git fast-import`.

usage: gen.py [OUT]   (default build/bench/repo)

Writes a bare repository OUT shaped like a service monorepo (services in
Go, Python, TypeScript and Java, shared src/auth and src/payments, infra,
docs, migrations, vendored code, binary assets, a few large files) with a
long linear history on `main`, plus OUT-hook.git, a bare copy whose refs
are set as a server's refs are at pre-receive time.

Refs of OUT:
  main            the long history: one big import, then many small commits
  pr              PR_COMMITS commits forked from main's tip
  large-base      main~LARGE_RANGE   (large-base..main is the large range)
  push-1k-base    main~1000          (a push of exactly 1,000 commits)
  push-10k-base   main~10000         (a push of exactly 10,000 commits)

Refs of OUT-hook.git: refs/heads/main = main~10000, refs/heads/feature =
main~1000, HEAD -> main; it holds every object (the pushed ones included,
as the quarantine does during pre-receive).

Deterministic: a fixed seed and fixed timestamps give the same object ids
on every run. OUT/bench-gen.json records the generator version and sizes;
an existing OUT with the same version is kept as it is.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import time

GEN_VERSION = 5
SEED = 0x5EED2024
SMALL_COMMITS = 21000       # small commits on main after the initial import
LARGE_RANGE = 5000          # large-base = main~LARGE_RANGE
PR_COMMITS = 20
PUSH_RANGES = (1000, 10000)
EPOCH = 1546300800          # 2019-01-01T00:00:00Z

# ---------------------------------------------------------------------------
# Vocabulary

WORDS = """account address admin alert archive asset audit backup balance batch
billing bucket buffer cache calendar campaign cart catalog channel checkout
client cluster config connector consumer contract coupon credit currency
customer dashboard delivery device discount dispatch document domain draft
event export feature feed filter fleet forecast gateway graph health history
identity import index inventory invoice item job journal label ledger limit
listing locale loyalty mail market media member message metric model monitor
notice offer order outbox package partner pipeline plan policy portal price
product profile promo queue quota rate receipt record region release report
request reserve resource review route rule schedule schema search segment
sensor session settle shipment signal sku snapshot source stock store stream
subscription supplier survey sync task tax template tenant ticket timeline
token topic tracker transfer trip upload usage user vendor voucher wallet
warehouse webhook widget window worker workflow zone""".split()

VERBS = """build check compute create decode delete encode ensure fetch find
format handle init list load lookup map merge normalize parse prepare process
publish read refresh register render resolve retry save schedule send split
store submit sync transform update validate verify write""".split()

SERVICES = [
    ("billing", "go"), ("checkout", "ts"), ("ledger", "go"), ("notifications", "py"),
    ("search", "java"), ("catalog", "java"), ("inventory", "go"), ("shipping", "py"),
    ("users", "go"), ("orders", "java"), ("payments-api", "go"), ("fraud", "py"),
    ("reporting", "py"), ("analytics", "java"), ("recommendations", "py"),
    ("media", "go"), ("chat", "ts"), ("email", "py"), ("sms", "go"),
    ("scheduler", "go"), ("gateway", "ts"), ("identity", "go"), ("session", "ts"),
    ("pricing", "java"), ("tax", "java"), ("invoices", "py"), ("refunds", "go"),
    ("loyalty", "ts"), ("reviews", "py"), ("feed", "ts"), ("profile", "ts"),
    ("admin-console", "ts"), ("audit", "go"), ("exporter", "py"), ("webhooks", "go"),
    ("geo", "java"), ("ml-serving", "py"), ("auth-gateway", "go"), ("wallet", "java"),
    ("subscriptions", "ts"),
]

HUMANS = [
    ("Alice Martin", "alice@acme.example"), ("Bob Nguyen", "bob.nguyen@acme.example"),
    ("Chen Wei", "chen.wei@acme.example"), ("Dana Kowalski", "dana.k@acme.example"),
    ("Emeka Obi", "emeka@acme.example"), ("Fatima Zahra", "fatima.zahra@acme.example"),
    ("Gustavo Lima", "glima@acme.example"), ("Hannah Schmidt", "hannah@acme.example"),
    ("Ivan Petrov", "ivan.petrov@acme.example"), ("Jun Tanaka", "jun.tanaka@acme.example"),
    ("Karin Lindqvist", "karin@acme.example"), ("Luis Ortega", "lortega@acme.example"),
    ("Maya Patel", "maya.patel@acme.example"), ("Noah Williams", "noah.w@acme.example"),
    ("Olga Ivanova", "olga@acme.example"), ("Priya Raman", "priya.raman@acme.example"),
    ("Quentin Dubois", "quentin@acme.example"), ("Rosa Garcia", "rosa.garcia@acme.example"),
    ("Sam O'Neill", "sam.oneill@acme.example"), ("Tomasz Nowak", "tnowak@acme.example"),
    ("Uma Shah", "uma.shah@acme.example"), ("Victor Hugo Souza", "victor@acme.example"),
    ("Wen Li", "wen.li@acme.example"), ("Yusuf Demir", "yusuf@acme.example"),
    ("Zoe Adams", "zoe.adams@acme.example"), ("Claude Moreau", "claude.moreau@acme.example"),
    ("Devin Brooks", "devin.brooks@acme.example"), ("Anders Holm", "anders@acme.example"),
]
BOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
AI_COAUTHORS = [
    "Claude <noreply@anthropic.com>",
    "GitHub Copilot <copilot@github.com>",
    "Copilot <198982749+Copilot@users.noreply.github.com>",
    "Cursor Agent <cursoragent@cursor.com>",
    "Codex <noreply@openai.com>",
]
ASSISTED_BY = ["Claude Code", "GitHub Copilot", "Cursor", "aider", "ChatGPT"]

SENTENCES = """The previous implementation retried without backoff and amplified load during incidents.
This keeps the public interface unchanged; callers do not need to be updated.
The old code path is kept behind a flag until the migration has finished.
Errors are now wrapped with context so that the logs say which step failed.
Covered by new unit tests; the integration suite passes locally.
Measured on staging: p99 latency drops from 180 ms to 95 ms.
The field was never read after the 2021 refactoring and only confused readers.
This mirrors what the mobile clients already do.
Follow-up work will move the remaining callers to the new helper.
A zero value is now rejected instead of being treated as unlimited.
The lock was held across a network call, which made the worker stall.
Dashboards and alerts are updated in the same change.
The configuration default matches production; only tests override it.
No behaviour change for existing tenants.
The schema change is backwards compatible and can be rolled back.
Reported by the on-call engineer after last week's incident.
Naming follows the conventions in docs/style.md.
The timeout is configurable per environment through the chart values.""".split("\n")

SUBJECT_THINGS = """retry logic|connection pooling|input validation|error handling|pagination
|rate limiting|cache invalidation|token refresh|webhook signature check|idempotency keys
|currency rounding|timezone handling|batch size|logging context|metrics labels|feature flag
|health check|graceful shutdown|config loading|schema migration|CSV export|search ranking
|null handling|decimal precision|request tracing|circuit breaker|dead letter queue
|permission checks|audit events|session expiry|password reset flow|refund calculation
|invoice numbering|tax rules|address normalisation|image resizing|email templates
|queue consumer|flaky test|build cache|docker image|helm chart|terraform module""".replace("\n", "").split("|")
SUBJECT_VERBS = ["fix", "add", "improve", "refactor", "simplify", "harden", "speed up",
                 "clean up", "document", "remove", "rework", "handle", "support", "tune"]


def wrap(text, width=72):
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = w if not line else line + " " + w
    if line:
        out.append(line)
    return "\n".join(out)


class Gen:
    def __init__(self):
        self.r = random.Random(SEED)
        self.files = {}          # path -> bytes
        self.paths = []          # list of live paths
        self.pidx = {}           # path -> index in self.paths
        self.pair = {}           # source path -> test path
        self.lang = {}           # path -> language key
        self.hot = []
        self.hot_by_dir = {}
        self.ts = EPOCH
        self.mark = 0
        self.counter = 0

    # -- path set ----------------------------------------------------------
    def add(self, path, data, lang):
        if path not in self.pidx:
            self.pidx[path] = len(self.paths)
            self.paths.append(path)
        self.files[path] = data
        self.lang[path] = lang

    def remove(self, path):
        i = self.pidx.pop(path)
        last = self.paths.pop()
        if last != path:
            self.paths[i] = last
            self.pidx[last] = i
        del self.files[path]
        self.lang.pop(path, None)
        self.pair.pop(path, None)

    # -- names -------------------------------------------------------------
    def word(self):
        return self.r.choice(WORDS)

    def ident(self):
        return self.r.choice(VERBS) + "_" + self.word()

    def camel(self):
        return self.r.choice(VERBS) + self.word().capitalize()

    def pascal(self):
        return self.word().capitalize() + self.word().capitalize()

    def uniq(self):
        self.counter += 1
        return self.counter

    # -- content -----------------------------------------------------------
    def block(self, lang, trip=False):
        r = self.r
        n = self.ident()
        a, b = self.word(), self.word()
        if lang == "py":
            lines = [f"def {n}({a}, {b}=None):",
                     f'    """{n.replace("_", " ").capitalize()} for the given {a}."""',
                     f"    if {a} is None:",
                     f"        raise ValueError(\"{a} is required\")",
                     f"    result = {{\"{a}\": {a}, \"{b}\": {b} or {r.randint(1, 500)}}}"]
            for _ in range(r.randint(0, 6)):
                lines.append(f"    result[\"{self.word()}\"] = {self.ident()}({a})")
            if trip:
                lines += r.choice([["    try:", f"        {self.ident()}(result)", "    except: pass"],
                                   ["    # TODO: remove once the backfill has run", f"    {self.ident()}(result)"],
                                   [f"    resp = requests.get(\"https://{a}.internal/api\")"]])
            lines += ["    return result", ""]
        elif lang == "go":
            fn = self.camel()
            lines = [f"func {fn}(ctx context.Context, {a} string) (*{b.capitalize()}, error) {{",
                     f"\tif {a} == \"\" {{",
                     f"\t\treturn nil, fmt.Errorf(\"{fn}: empty {a}\")",
                     "\t}"]
            for _ in range(r.randint(0, 6)):
                lines += [f"\tif err := {self.camel()}(ctx, {a}); err != nil {{",
                          f"\t\treturn nil, fmt.Errorf(\"{self.word()}: %w\", err)", "\t}"]
            if trip:
                lines += r.choice([["\terr := flush(ctx)", "\t_ = err"],
                                   ["\t// TODO: handle partial writes"],
                                   ["\tresp, err := http.Get(\"https://example.internal/\" + " + a + ")",
                                    "\tif err != nil {}", "\tdefer resp.Body.Close()"]])
            lines += [f"\treturn &{b.capitalize()}{{ID: {a}}}, nil", "}", ""]
        elif lang in ("ts", "js"):
            fn = self.camel()
            typ = ": string" if lang == "ts" else ""
            lines = [f"export async function {fn}({a}{typ}, {b}{typ}) {{",
                     f"  if (!{a}) {{", f"    throw new Error('{fn}: missing {a}');", "  }"]
            for _ in range(r.randint(0, 6)):
                lines.append(f"  const {self.word()}{r.randint(1, 9)} = await {self.camel()}({a}, {b});")
            if trip:
                lines += r.choice([["  try {", f"    await {self.camel()}({a});", "  } catch (err) {}"],
                                   ["  // TODO: debounce this call"],
                                   [f"  const res = await fetch(`/api/{a}/${{{b}}}`);"]])
            lines += [f"  return {{ {a}, {b} }};", "}", ""]
        elif lang == "java":
            fn = self.camel()
            lines = [f"    public {b.capitalize()} {fn}(String {a}) {{",
                     f"        Objects.requireNonNull({a}, \"{a}\");"]
            for _ in range(r.randint(0, 6)):
                lines.append(f"        {self.camel()}({a});")
            if trip:
                lines += ["        try {", f"            {self.camel()}({a});",
                          "        } catch (IOException e) {}"]
            lines += [f"        return new {b.capitalize()}({a});", "    }", ""]
        elif lang == "c":
            fn = self.ident()
            lines = [f"int {fn}(struct {a} *{a}, size_t len)", "{",
                     f"\tif ({a} == NULL || len == 0)", "\t\treturn -1;"]
            for _ in range(r.randint(0, 6)):
                lines.append(f"\tif ({self.ident()}({a}, len) < 0)\n\t\treturn -1;")
            if trip:
                lines.append(f"\tstrcpy({a}->name, {b});")
            lines += ["\treturn 0;", "}", ""]
        elif lang == "yaml":
            lines = [f"  {a}:", f"    enabled: {r.choice(['true', 'false'])}",
                     f"    replicas: {r.randint(1, 12)}",
                     f"    image: registry.acme.example/{b}:{r.randint(1, 40)}.{r.randint(0, 20)}.{r.randint(0, 9)}"]
            if trip:
                lines.append("    aws_access_key_id: " + "AKI" + "A" + "".join(
                    r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)))
            lines.append("")
        elif lang == "tf":
            lines = [f"resource \"aws_{a}_{b}\" \"{self.word()}\" {{",
                     f"  name   = \"${{var.env}}-{a}-{b}\"",
                     f"  count  = {r.randint(1, 4)}",
                     "  tags   = local.common_tags", "}", ""]
        elif lang == "sql":
            lines = [f"ALTER TABLE {a}s ADD COLUMN {b}_id BIGINT;",
                     f"CREATE INDEX idx_{a}s_{b}_id ON {a}s ({b}_id);", ""]
        elif lang == "md":
            lines = [f"## {self.word().capitalize()} {self.word()}", "",
                     wrap(" ".join(r.choice(SENTENCES) for _ in range(r.randint(2, 5)))), ""]
            if trip:
                lines.append("TODO: document the rollback procedure.\n")
        else:
            lines = [f"{a}_{b} = {r.randint(0, 10000)}"]
        return lines

    def header(self, lang, path):
        base = os.path.basename(path).split(".")[0]
        if lang == "py":
            return ['"""' + base.replace("_", " ").capitalize() + '."""', "",
                    "import logging", f"from .{self.word()} import {self.ident()}", "",
                    "log = logging.getLogger(__name__)", "", ""]
        if lang == "go":
            pkg = os.path.basename(os.path.dirname(path)).replace("-", "")
            return [f"package {pkg}", "", "import (", "\t\"context\"", "\t\"fmt\"", ")", ""]
        if lang in ("ts", "js"):
            return [f"import {{ {self.camel()} }} from './{self.word()}';",
                    f"import {{ {self.camel()} }} from '../{self.word()}';", ""]
        if lang == "java":
            return [f"package com.acme.{self.word()};", "", "import java.io.IOException;",
                    "import java.util.Objects;", "", f"public class {base} {{", ""]
        if lang == "c":
            return ["#include <stddef.h>", "#include <string.h>", f"#include \"{base}.h\"", ""]
        if lang == "yaml":
            return ["apiVersion: apps/v1", "kind: Deployment", "metadata:",
                    f"  name: {base}", "spec:"]
        if lang == "md":
            return [f"# {base.replace('-', ' ').replace('_', ' ').capitalize()}", ""]
        if lang == "sql":
            return [f"-- {base}", f"CREATE TABLE IF NOT EXISTS {self.word()}s (", "  id BIGSERIAL PRIMARY KEY,",
                    "  created_at TIMESTAMPTZ NOT NULL DEFAULT now()", ");", ""]
        if lang == "tf":
            return ["terraform {", "  required_version = \">= 1.3\"", "}", ""]
        return []

    def content(self, lang, path, nblocks=None):
        r = self.r
        if nblocks is None:
            nblocks = min(int(r.expovariate(1 / 3.0)) + 1, 30)
        lines = self.header(lang, path)
        for _ in range(nblocks):
            lines += self.block(lang, trip=r.random() < 0.01)
        if lang == "java":
            lines.append("}")
        return ("\n".join(lines) + "\n").encode()

    def binary(self, size):
        r = self.r
        body = bytearray(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        body += r.randbytes(size)
        for i in range(16, len(body), 97):
            body[i] = 0
        return bytes(body)

    # -- edits -------------------------------------------------------------
    def edit(self, path):
        """A small realistic edit: a few lines changed, a block added or removed."""
        r = self.r
        lang = self.lang[path]
        data = self.files[path]
        if lang == "bin":
            return self.binary(len(data) // 2 + r.randint(100, 4000))
        if len(data) > 400000:
            lines = data.decode("latin-1").split("\n")
            lines[-1:] = [f"{self.word()},{r.randint(0, 99999)},{r.random():.6f}" for _ in range(r.randint(5, 40))] + [""]
            return "\n".join(lines).encode("latin-1")
        lines = data.decode("utf-8", "replace").split("\n")
        op = r.random()
        trip = r.random() < 0.02
        if op < 0.4 or len(lines) < 12:
            at = len(lines) - (2 if lang == "java" else 1)
            lines[at:at] = self.block(lang, trip)
        elif op < 0.8:
            i = r.randrange(4, len(lines) - 2)
            for k in range(r.randint(1, 3)):
                j = min(i + k, len(lines) - 2)
                line = lines[j]
                ind = line[:len(line) - len(line.lstrip())]
                lines[j] = ind + self.block(lang, trip and k == 0)[r.randint(1, 2)].strip()
        elif op < 0.92:
            i = r.randrange(4, len(lines) - 2)
            lines[i:i] = self.block(lang, trip)
        else:
            i = r.randrange(4, len(lines) - 4)
            del lines[i:i + r.randint(1, 3)]
        return "\n".join(lines).encode()


LANG_EXT = {"py": ".py", "go": ".go", "ts": ".ts", "js": ".js", "java": ".java", "c": ".c",
            "yaml": ".yaml", "md": ".md", "sql": ".sql", "tf": ".tf"}


def initial_tree(g):
    """The big initial import."""
    r = g.r
    word = g.word

    def unique_name(dirpath, fmt, lang):
        for _ in range(50):
            p = f"{dirpath}/{fmt()}"
            if p not in g.files:
                return p
        return f"{dirpath}/{fmt()}_{g.uniq()}"

    def src_and_test(src, test, lang):
        g.add(src, g.content(lang, src), lang)
        if test:
            g.add(test, g.content(lang, test), lang)
            g.pair[src] = test

    # services
    for svc, lang in SERVICES:
        root = f"services/{svc}"
        pkgs = [word() for _ in range(r.randint(16, 24))]
        for pkg in sorted(set(pkgs)):
            for _ in range(r.randint(10, 20)):
                n = f"{r.choice(VERBS)}_{word()}"
                if lang == "go":
                    s = f"{root}/internal/{pkg}/{n}.go"
                    t = f"{root}/internal/{pkg}/{n}_test.go"
                elif lang == "py":
                    s = f"{root}/app/{pkg}/{n}.py"
                    t = f"{root}/tests/{pkg}/test_{n}.py"
                elif lang == "ts":
                    c = g.camel()
                    s = f"{root}/src/{pkg}/{c}.ts"
                    t = f"{root}/src/{pkg}/{c}.test.ts"
                else:
                    c = g.pascal()
                    s = f"{root}/src/main/java/com/acme/{svc.replace('-', '')}/{pkg}/{c}.java"
                    t = f"{root}/src/test/java/com/acme/{svc.replace('-', '')}/{pkg}/{c}Test.java"
                if s in g.files:
                    continue
                src_and_test(s, t if r.random() < 0.7 else None, lang)
        g.add(f"{root}/README.md", g.content("md", f"{root}/README.md"), "md")
        g.add(f"{root}/Dockerfile", f"FROM registry.acme.example/base-{lang}:2024.1\nCOPY . /app\nUSER 10001\nCMD [\"/app/{svc}\"]\n".encode(), "other")
        for k in ("deployment", "service", "hpa", "configmap"):
            p = f"infra/k8s/{svc}/{k}.yaml"
            g.add(p, g.content("yaml", p), "yaml")
        manifest = {"go": "go.mod", "py": "requirements.txt", "ts": "package.json", "java": "pom.xml"}[lang]
        g.add(f"{root}/{manifest}", "\n".join(f"{word()}-{word()} {r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 9)}" for _ in range(25)).encode() + b"\n", "other")
        if lang == "go":
            g.add(f"{root}/cmd/{svc}/main.go", g.content("go", f"{root}/cmd/main/main.go"), "go")

    # shared libraries: src/<area>/ with tests/<area>/
    for area in ["auth", "payments", "common", "crypto", "db", "api", "billing", "events",
                 "storage", "cache", "http", "metrics", "config", "i18n", "search", "queue"]:
        for _ in range(r.randint(200, 380)):
            n = f"{r.choice(VERBS)}_{word()}"
            sub = r.choice(["", "", f"{word()}/"])
            if r.random() < 0.75:
                s = f"src/{area}/{sub}{n}.py"
                t = f"tests/{area}/{sub}test_{n}.py"
                lang = "py"
            else:
                s = f"src/{area}/{sub}{n}.c"
                t = f"tests/{area}/{sub}test_{n}.c"
                lang = "c"
                h = s[:-2] + ".h"
                g.add(h, f"#pragma once\nint {n}(void *p, unsigned long len);\n".encode(), "other")
            if s not in g.files:
                src_and_test(s, t if r.random() < 0.8 else None, lang)

    # the web front end
    for feat in range(90):
        f = word() + ("-" + word() if r.random() < 0.3 else "")
        for _ in range(r.randint(20, 45)):
            c = g.pascal()
            ext = r.choice(["tsx", "tsx", "ts", "js"])
            lang = "js" if ext == "js" else "ts"
            s = f"web/src/features/{f}/{c}.{ext}"
            t = f"web/src/features/{f}/{c}.test.{ext}"
            if s not in g.files:
                src_and_test(s, t if r.random() < 0.6 else None, lang)

    # infrastructure
    for env in ["prod", "staging", "dev", "sandbox"]:
        for mod in range(60):
            m = f"{word()}-{word()}"
            for f in ["main.tf", "variables.tf", "outputs.tf", "versions.tf"]:
                p = f"infra/terraform/{env}/{m}/{f}"
                g.add(p, g.content("tf", p), "tf")
    for k in range(300):
        p = f"infra/k8s/base/{word()}-{word()}-{k}.yaml"
        g.add(p, g.content("yaml", p), "yaml")
    for k in range(40):
        p = f".github/workflows/{word()}-{k}.yml"
        g.add(p, g.content("yaml", p), "yaml")

    # docs, migrations
    for k in range(2200):
        sect = r.choice(["adr", "runbooks", "guides", "api", "onboarding", "postmortems", "design"])
        p = f"docs/{sect}/{k:04d}-{word()}-{word()}.md"
        g.add(p, g.content("md", p), "md")
    g.add("docs/Release Notes 2021.md", g.content("md", "docs/release.md"), "md")
    for k in range(1500):
        p = f"migrations/{2019 + k // 300}{(k % 12) + 1:02d}{(k % 28) + 1:02d}_{k:04d}_{word()}_{word()}.sql"
        g.add(p, g.content("sql", p), "sql")

    # vendored third-party code
    orgs = ["github.com/" + word() + "-" + word() for _ in range(220)]
    for org in orgs:
        for pkg in range(r.randint(2, 6)):
            pn = word()
            for _ in range(r.randint(6, 20)):
                p = f"vendor/{org}/{pn}/{g.ident()}.go"
                g.add(p, g.content("go", p, r.randint(1, 6)), "go")
    for k in range(2500):
        p = f"third_party/js/{word()}-{word()}/lib/{g.camel()}.js"
        g.add(p, g.content("js", p, r.randint(1, 5)), "js")

    # binary assets, a few large files
    for k in range(700):
        d = r.choice(["assets/img", "web/public/img", "docs/images"])
        p = f"{d}/{word()}-{word()}-{k}.png"
        g.add(p, g.binary(int(r.expovariate(1 / 12000)) + 200), "bin")
    rows = "\n".join(f"{word()},{r.randint(0, 99999)},{r.random():.6f},{word()} {word()}"
                     for _ in range(110000)) + "\n"
    g.add("data/fixtures/geo/cities.csv", rows.encode(), "csv")
    g.add("assets/video/intro.mp4", g.binary(2_500_000), "bin")
    g.add("web/public/vendor/bundle.min.js", (";".join(f"var {g.camel()}{k}=function(a){{return a+{k}}}" for k in range(45000)) + "\n").encode(), "other")
    g.add("ml/models/ranker-v3.onnx", g.binary(4_200_000), "bin")
    g.add(".github/CODEOWNERS", b"* @acme/platform\n/src/auth/ @acme/security\n/src/payments/ @acme/payments\n/infra/ @acme/sre\n", "other")
    g.add("go.work", b"go 1.21\n", "other")
    g.add("README.md", g.content("md", "README.md", 6), "md")


class Stream:
    def __init__(self, proc):
        self.w = proc.stdin
        self.mark = 0

    def data(self, b):
        self.w.write(b"data %d\n" % len(b))
        self.w.write(b)
        self.w.write(b"\n")

    def commit(self, ref, author, committer, ts, msg, ops, frm=None):
        self.mark += 1
        w = self.w
        w.write(b"commit %s\nmark :%d\n" % (ref.encode(), self.mark))
        w.write(b"author %s %d +0000\n" % (author.encode(), ts))
        w.write(b"committer %s %d +0000\n" % (committer.encode(), ts + 60))
        self.data(msg.encode())
        if frm:
            w.write(b"from %s\n" % frm.encode())
        for op in ops:
            if op[0] == "M":
                w.write(b"M %s inline %s\n" % (op[2].encode(), op[1].encode()))
                self.data(op[3])
            elif op[0] == "D":
                w.write(b"D %s\n" % op[1].encode())
        w.write(b"\n")
        return self.mark

    def reset(self, ref, mark):
        self.w.write(b"reset %s\nfrom :%d\n\n" % (ref.encode(), mark))


def ident(p):
    return f"{p[0]} <{p[1]}>"


def message(g, files, kind, author):
    r = g.r
    if kind == "deps":
        lib = f"{g.word()}-{g.word()}"
        a, b = r.randint(0, 9), r.randint(0, 30)
        subj = f"chore(deps): bump {lib} from {a}.{b}.{r.randint(0, 9)} to {a}.{b + 1}.0"
        body = (f"Bumps {lib} from {a}.{b}.x to {a}.{b + 1}.0.\n\n- [Release notes](https://github.com/"
                f"{lib}/releases)\n- [Commits](https://github.com/{lib}/compare)\n\n"
                "---\nupdated-dependencies:\n- dependency-name: " + lib +
                "\n  dependency-type: direct:production\n...\n\nSigned-off-by: dependabot[bot] <support@github.com>")
        return subj + "\n\n" + body + "\n"
    top = files[0].split("/")
    scope = top[1] if top[0] in ("services", "src", "infra", "tests") and len(top) > 2 else top[0]
    verb = r.choice(SUBJECT_VERBS)
    thing = r.choice(SUBJECT_THINGS)
    if r.random() < 0.5:
        typ = {"fix": "fix", "add": "feat", "support": "feat", "document": "docs"}.get(verb, r.choice(["refactor", "chore", "perf", "fix"]))
        subj = f"{typ}({scope}): {verb} {thing}"
    else:
        subj = f"{scope}: {verb} {thing}"
    parts = [subj]
    if r.random() < 0.85:
        paras = []
        for _ in range(r.randint(1, 3)):
            paras.append(wrap(" ".join(r.choice(SENTENCES) for _ in range(r.randint(1, 4)))))
        parts.append("\n\n".join(paras))
    trailers = []
    if r.random() < 0.15:
        trailers.append(f"Refs: ACME-{r.randint(100, 9999)}")
    if r.random() < 0.06:
        trailers.append("Co-authored-by: " + r.choice(AI_COAUTHORS))
    if r.random() < 0.03:
        trailers.append("Assisted-by: " + r.choice(ASSISTED_BY))
    if r.random() < 0.02:
        trailers.append("AI-Assisted: no")
    if r.random() < 0.07:
        trailers.append("Co-authored-by: " + ident(r.choice(HUMANS)))
    if r.random() < 0.10:
        trailers.append("Reviewed-by: " + ident(r.choice(HUMANS)))
    if r.random() < 0.30:
        trailers.append("Signed-off-by: " + author)
    if trailers:
        parts.append("\n".join(trailers))
    return "\n\n".join(parts) + "\n"


def small_change(g):
    """One small commit: returns (ops, kind, files)."""
    r = g.r
    x = r.random()
    ops = []
    if x < 0.03:
        # dependency bump by the bot
        svc, lang = r.choice(SERVICES)
        manifest = {"go": "go.mod", "py": "requirements.txt", "ts": "package.json", "java": "pom.xml"}[lang]
        p = f"services/{svc}/{manifest}"
        lines = g.files[p].decode().split("\n")
        i = r.randrange(0, len(lines) - 1)
        lines[i] = f"{g.word()}-{g.word()} {r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 9)}"
        d = "\n".join(lines).encode()
        g.files[p] = d
        ops.append(("M", p, "100644", d))
        vend = [q for q in (r.choice(g.paths) for _ in range(40)) if q.startswith("vendor/")][:r.randint(1, 6)]
        for q in vend:
            d = g.edit(q)
            g.files[q] = d
            ops.append(("M", q, "100644", d))
        return ops, "deps"
    if x < 0.09:
        # new files, with a test most of the time
        base = r.choice(g.paths)
        d = os.path.dirname(base)
        lang = g.lang.get(base)
        if lang not in LANG_EXT:
            lang = "py"
            d = "src/" + r.choice(["auth", "payments", "common", "events"])
        n = f"{r.choice(VERBS)}_{g.word()}_{g.uniq()}"
        p = f"{d}/{n}{LANG_EXT[lang]}"
        data = g.content(lang, p)
        g.add(p, data, lang)
        ops.append(("M", p, "100644", data))
        if lang in ("py", "go", "ts") and r.random() < 0.7:
            t = {"py": f"{d}/test_{n}.py" if "/tests/" in d else f"{d}/{n}_test.py",
                 "go": f"{d}/{n}_test.go", "ts": f"{d}/{n}.test.ts"}[lang]
            td = g.content(lang, t, 2)
            g.add(t, td, lang)
            g.pair[p] = t
            ops.append(("M", t, "100644", td))
        return ops, "add"
    if x < 0.11:
        # a deletion (with its test)
        for _ in range(20):
            p = r.choice(g.paths)
            if g.lang.get(p) in LANG_EXT and not p.startswith(("data/", "ml/")):
                break
        else:
            return small_change(g)
        t = g.pair.get(p)
        g.remove(p)
        ops.append(("D", p))
        if t and t in g.files:
            g.remove(t)
            ops.append(("D", t))
        return ops, "delete"
    if x < 0.13:
        # a rename, with a small edit; some into or out of auth/ and payments/
        for _ in range(20):
            p = r.choice(g.paths)
            if g.lang.get(p) in ("py", "go", "ts", "c", "md"):
                break
        else:
            return small_change(g)
        lang = g.lang[p]
        name = os.path.basename(p)
        y = r.random()
        if y < 0.25:
            nd = "src/" + r.choice(["auth", "payments"]) + ("/" + g.word() if r.random() < 0.3 else "")
        elif y < 0.45 and (p.startswith("src/auth/") or p.startswith("src/payments/")):
            nd = "src/" + r.choice(["common", "events", "storage"])
        elif y < 0.7:
            nd = os.path.dirname(p) + "/" + g.word()
        else:
            nd = os.path.dirname(p)
            name = f"{g.word()}_{name}"
        np_ = f"{nd}/{name}"
        if np_ in g.files:
            np_ = f"{nd}/{g.uniq()}_{name}"
        data = g.edit(p) if r.random() < 0.6 else g.files[p]
        t = g.pair.get(p)
        g.remove(p)
        g.add(np_, data, lang)
        if t:
            g.pair[np_] = t
        ops += [("D", p), ("M", np_, "100644", data)]
        return ops, "rename"
    if x < 0.14:
        # binary update
        for _ in range(50):
            p = r.choice(g.paths)
            if g.lang.get(p) == "bin" and len(g.files[p]) < 200000:
                break
        else:
            return small_change(g)
        d = g.edit(p)
        g.files[p] = d
        return [("M", p, "100644", d)], "binary"
    if x < 0.1405:
        p = "data/fixtures/geo/cities.csv"
        d = g.edit(p)
        g.files[p] = d
        return [("M", p, "100644", d)], "edit"
    # ordinary edits: a few files, mostly in one directory, often with the paired test
    if r.random() < 0.6 and g.hot:
        p = r.choice(g.hot)
        if p not in g.files:
            p = r.choice(g.paths)
    else:
        p = r.choice(g.paths)
    if g.lang.get(p) in ("bin", "other", "csv"):
        p = r.choice(g.hot) if g.hot and r.random() < 0.5 else r.choice(g.paths)
        if g.lang.get(p) in ("bin", "other", "csv") or p not in g.files:
            return small_change(g)
    n = min(int(r.expovariate(1 / 2.2)) + 1, 10)
    chosen = [p]
    d = os.path.dirname(p)
    pool = [q for q in (r.choice(g.paths) for _ in range(8)) if g.lang.get(q) in LANG_EXT]
    siblings = list(g.hot_by_dir.get(d, ()))[:20]
    while len(chosen) < n and (siblings or pool):
        src = siblings if siblings and r.random() < 0.7 else pool
        if not src:
            break
        q = src.pop(r.randrange(len(src)))
        if q in g.files and q not in chosen and g.lang.get(q) in LANG_EXT:
            chosen.append(q)
    for q in list(chosen):
        t = g.pair.get(q)
        if t and t in g.files and t not in chosen and r.random() < 0.5 and len(chosen) < 10:
            chosen.append(t)
    for q in chosen:
        data = g.edit(q)
        g.files[q] = data
        ops.append(("M", q, "100644", data))
    return ops, "edit"


def generate(out):
    t0 = time.time()
    g = Gen()
    r = g.r
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", tmp], check=True)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    proc = subprocess.Popen(["git", "--git-dir", tmp, "fast-import", "--quiet", "--depth=50",
                             "--active-branches=4"], stdin=subprocess.PIPE, env=env)
    s = Stream(proc)

    initial_tree(g)
    nfiles0 = len(g.paths)
    lead = HUMANS[0]
    msg = ("Import the monorepo\n\nAll services, shared libraries, infrastructure and documentation,\n"
           "as of the move from the per-service repositories.\n\nSigned-off-by: " + ident(lead) + "\n")
    ops = [("M", p, "100755" if p.endswith(".sh") else "100644", g.files[p]) for p in sorted(g.paths)]
    main_marks = [s.commit("refs/heads/main", ident(lead), ident(lead), g.ts, msg, ops)]
    codeish = [p for p in g.paths if g.lang[p] in ("py", "go", "ts", "js", "java", "c")
               and not p.startswith(("vendor/", "third_party/"))]
    g.hot = [r.choice(codeish) for _ in range(3000)]
    for p in g.hot:
        g.hot_by_dir.setdefault(os.path.dirname(p), []).append(p)
    t_import = time.time() - t0

    for i in range(SMALL_COMMITS):
        g.ts += int(r.expovariate(1 / 5400)) + 30
        ops, kind = small_change(g)
        if kind == "deps":
            author = committer = ident(BOT)
        else:
            author = ident(r.choice(HUMANS))
            committer = author if r.random() < 0.8 else ident(r.choice(HUMANS))
        files = [op[1] for op in ops]
        msg = message(g, files, kind, author)
        main_marks.append(s.commit("refs/heads/main", author, committer, g.ts, msg, ops))

    tip = main_marks[-1]
    s.reset("refs/heads/large-base", main_marks[-1 - LARGE_RANGE])
    for n in PUSH_RANGES:
        s.reset(f"refs/heads/push-{n // 1000}k-base", main_marks[-1 - n])

    # the pull request: ~50 files of one service and of src/auth, with a test change
    svc, lang = SERVICES[0]
    svc_files = sorted(p for p in g.paths if p.startswith(f"services/{svc}/") and g.lang[p] == lang)
    auth_files = sorted(p for p in g.paths if p.startswith("src/auth/") and g.lang[p] == "py")
    pr_files = r.sample(svc_files, min(40, len(svc_files))) + r.sample(auth_files, min(8, len(auth_files)))
    pr_files.append("tests/auth/test_pr_login_flow.py")
    g.add(pr_files[-1], g.content("py", pr_files[-1], 3), "py")
    pr_files.append(f"services/{svc}/README.md")
    g.ts += 3600
    dev = HUMANS[5]
    for i in range(PR_COMMITS):
        chunk = pr_files[i * len(pr_files) // PR_COMMITS:(i + 1) * len(pr_files) // PR_COMMITS]
        ops = []
        for p in chunk:
            if i > 0 or p not in ("tests/auth/test_pr_login_flow.py",):
                data = g.edit(p) if p in g.files else g.content("py", p)
            else:
                data = g.files[p]
            g.files[p] = data
            ops.append(("M", p, "100644", data))
        msg = message(g, chunk, "edit", ident(dev))
        if i == 3:
            msg = msg.rstrip("\n") + "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
        if i == 7:
            msg = msg.rstrip("\n") + "\n\nAssisted-by: GitHub Copilot\nSigned-off-by: " + ident(dev) + "\n"
        g.ts += 900
        s.commit("refs/heads/pr", ident(dev), ident(dev), g.ts, msg, ops,
                 frm=(f":{tip}" if i == 0 else None))
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("gen: git fast-import failed")
    t_stream = time.time() - t0

    def git(*a, capture=True):
        return subprocess.run(["git", "--git-dir", tmp] + list(a), check=True, env=env,
                              capture_output=capture, text=True).stdout.strip()

    # fast-import already wrote one pack, with each file deltified against its
    # previous version; a full repack would triple the generation time.
    git("pack-refs", "--all")
    # the pre-receive repository: all objects, refs as before the push
    hook = out + "-hook.git"
    shutil.rmtree(hook + ".tmp", ignore_errors=True)
    subprocess.run(["git", "clone", "-q", "--bare", "--local", tmp, hook + ".tmp"], check=True, env=env)
    h = ["git", "--git-dir", hook + ".tmp"]
    for ref in subprocess.run(h + ["for-each-ref", "--format=%(refname)"], check=True,
                              capture_output=True, text=True).stdout.split():
        subprocess.run(h + ["update-ref", "-d", ref], check=True)
    subprocess.run(h + ["update-ref", "refs/heads/main", git("rev-parse", "push-10k-base")], check=True)
    subprocess.run(h + ["update-ref", "refs/heads/feature", git("rev-parse", "push-1k-base")], check=True)
    subprocess.run(h + ["symbolic-ref", "HEAD", "refs/heads/main"], check=True)

    stats = {
        "generator_version": GEN_VERSION,
        "seed": SEED,
        "files_initial_import": nfiles0,
        "files_at_main": int(subprocess.run(f"git --git-dir '{tmp}' ls-tree -r main | wc -l", shell=True,
                                            check=True, capture_output=True, text=True).stdout),
        "commits_main": int(git("rev-list", "--count", "main")),
        "commits_all": int(git("rev-list", "--count", "--all")),
        "pack_bytes": sum(os.path.getsize(os.path.join(tmp, "objects/pack", f))
                          for f in os.listdir(os.path.join(tmp, "objects/pack")) if f.endswith(".pack")),
        "refs": {ref: git("rev-parse", ref) for ref in
                 ["main", "pr", "large-base", "push-1k-base", "push-10k-base"]},
        "seconds_generate": round(t_stream, 1),
        "seconds_initial_import_built": round(t_import, 1),
        "seconds_total": round(time.time() - t0, 1),
    }
    with open(os.path.join(tmp, "bench-gen.json"), "w") as f:
        json.dump(stats, f, indent=2)
        f.write("\n")
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(hook, ignore_errors=True)
    os.rename(hook + ".tmp", hook)
    # the hook repository's objects are hard links or alternates of OUT's: keep OUT's path
    os.rename(tmp, out)
    alt = os.path.join(hook, "objects/info/alternates")
    if os.path.exists(alt):
        os.unlink(alt)
    return stats


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "build/bench/repo"
    out = out.rstrip("/")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    stamp = os.path.join(out, "bench-gen.json")
    if os.path.exists(stamp) and os.path.isdir(out + "-hook.git"):
        try:
            with open(stamp) as f:
                st = json.load(f)
            if st.get("generator_version") == GEN_VERSION:
                print(f"bench-gen: {out} is up to date (generator version {GEN_VERSION}): "
                      f"{st['files_at_main']} files, {st['commits_all']} commits, "
                      f"pack {st['pack_bytes'] / 2**20:.1f} MiB")
                return
        except (ValueError, KeyError):
            pass
    print(f"bench-gen: generating {out} (generator version {GEN_VERSION}) ...", flush=True)
    st = generate(out)
    print(f"bench-gen: {st['files_at_main']} files at main ({st['files_initial_import']} in the "
          f"initial import), {st['commits_all']} commits ({st['commits_main']} on main), "
          f"pack {st['pack_bytes'] / 2**20:.1f} MiB, {st['seconds_total']} s")


if __name__ == "__main__":
    main()
