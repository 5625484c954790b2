#!/usr/bin/env python3
"""Benchmark riskgate against git on the generated monorepo (tools/bench/gen.py).

usage: run.py --riskgate BIN --repo DIR [--runs N] [--budget SECONDS] [--out FILE]

Each case runs riskgate and its git equivalent interleaved (one warm-up of
each, then riskgate, git, riskgate, git, ...) and reports medians. A case
stops early, after at least one measured pair, when its measured time passes
the budget (for slow cases; the table says how many samples it has).

Exit status: 0 when every riskgate run gave a verdict (targets may be
missed: they are reported, not errors); 1 when riskgate exited with a usage
or runtime error (2, 3) or was killed by a signal.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import signal
import tempfile
import threading
import time

TARGETS_DOC = {
    "pr": "PR range: faster than git's own commands for it (ratio < 1.0)",
    "large": "large range: riskgate/git ratio <= 1.0 (and <= 1.0 against git log -c --name-only "
             "--no-renames + git diff --numstat -M where measured); peak RssAnon < 100 MiB; "
             "peak RSS not above git's",
    "hook1k": "pre-receive, 1,000 commits: decided in < 400 ms",
    "hook10k": "pre-receive, 10,000 commits: decided in < 1,500 ms",
    "explain": "explain -: >= 1,000,000 paths/s",
}


# Real mode (--real): git/git's ranges unless others are given. The PR range
# is branch ps/environ-wo-the-repository as merged by 3eb66799593f (its first
# parent ... its second): 21 commits, 83 files.
REAL_DEFAULTS = {
    "large": "v2.30.0...v2.47.0",
    "pr": "57155e7b4aae95068338c85716cfa2eebdc9e6f8...1e7e4a111f986088abc9194d55349419e5c110c3",
    "push_head": "v2.47.0",
}


def sh(argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw).stdout.strip()


class Sample:
    def __init__(self, seconds, rss_kib, codes, stderr, killed=False, anon_kib=0):
        self.seconds = seconds
        self.rss_kib = rss_kib
        self.codes = codes
        self.stderr = stderr
        self.killed = killed
        self.anon_kib = anon_kib

    def as_json(self):
        d = {"seconds": round(self.seconds, 6), "peak_rss_kib": self.rss_kib,
             "peak_rss_anon_kib_sampled": self.anon_kib,
             "exit": self.codes if len(self.codes) > 1 else self.codes[0]}
        if self.killed:
            d["stopped_by_bench"] = True
        return d


ANON_PERIOD = 0.002


def watch_anon(pid, peak, done):
    """Samples RssAnon of /proc/PID/status every ANON_PERIOD seconds until
    `done` is set; the largest value (KiB) goes to peak[0]. The kernel keeps
    no high-water mark of anonymous memory, so this is a sampled peak: a
    lower bound, close when the peak lasts longer than a few periods."""
    path = f"/proc/{pid}/status"
    while not done.is_set():
        try:
            with open(path, "rb") as f:
                for line in f:
                    if line.startswith(b"RssAnon:"):
                        v = int(line.split()[1])
                        if v > peak[0]:
                            peak[0] = v
                        break
        except (OSError, ValueError):
            return
        done.wait(ANON_PERIOD)


def run1(argv, stdin=None, stdout=None, env=None, cwd=None, limit=None):
    """Run one process; wall seconds, peak RSS (KiB) from wait4, exit code,
    stderr, whether it was killed for passing `limit` seconds, and its peak
    RssAnon (KiB, sampled: watch_anon)."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    ferr = tempfile.TemporaryFile()
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=fin, stdout=fout, stderr=ferr, env=env, cwd=cwd)
        anon, done = [0], threading.Event()
        watcher = threading.Thread(target=watch_anon, args=(p.pid, anon, done), daemon=True)
        watcher.start()
        killed = []
        timer = None
        if limit:
            def kill():
                killed.append(True)
                os.kill(p.pid, signal.SIGKILL)
            timer = threading.Timer(limit, kill)
            timer.start()
        # Reaps nothing: the last samples are taken while it is a zombie.
        os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
        dt = time.perf_counter() - t0
        done.set()
        watcher.join()
        _, status, ru = os.wait4(p.pid, 0)
        if timer:
            timer.cancel()
        p.returncode = code = os.waitstatus_to_exitcode(status)
        ferr.seek(0)
        err = ferr.read().decode("utf-8", "replace")
    finally:
        for f in (fin, fout):
            if hasattr(f, "close"):
                f.close()
        ferr.close()
    return dt, ru.ru_maxrss, code, err, bool(killed), anon[0]


def run_seq(steps):
    """Several commands one after the other, timed as one measurement."""
    total, rss, anon, codes, errs, killed = 0.0, 0, 0, [], [], False
    for st in steps:
        argv = st(codes) if callable(st) else st
        dt, r, c, e, k, a = run1(**argv)
        total += dt
        rss = max(rss, r)
        anon = max(anon, a)
        codes.append(c)
        errs.append(e)
        killed = killed or k
    return Sample(total, rss, codes, "".join(errs), killed, anon)


class Bench:
    def __init__(self, a):
        self.a = a
        self.rg = os.path.abspath(a.riskgate)
        self.repo = os.path.abspath(a.repo)
        self.hook_repo = os.path.abspath(a.hook_repo or a.repo.rstrip("/") + "-hook.git")
        self.work = tempfile.mkdtemp(prefix="riskgate-bench.")
        self.env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
                        LC_ALL="C", NO_COLOR="1")
        for k in list(self.env):
            if k.startswith("GIT_") and k not in ("GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL"):
                del self.env[k]
        self.cases = []
        self.errors = []
        self.warnings = []
        self.notes = []

    def out(self, name):
        return os.path.join(self.work, name)

    def git(self, repo, *args):
        return sh(["git", "-C", repo] + list(args), env=self.env)

    # -- one case ----------------------------------------------------------
    def measure(self, name, rg_step, git_steps, alt_steps=None):
        """Interleaved samples of riskgate (one process) and git (a sequence),
        and of a second git sequence for the same information when given."""
        runs, budget = self.a.runs, self.a.budget
        res = {"rg": [], "git": [], "alt": []}
        warm = {}
        print(f"  {name}: warm-up", end="", flush=True)
        warm["rg"] = run_seq([rg_step])
        warm["git"] = run_seq(git_steps) if git_steps else None
        warm["alt"] = run_seq(alt_steps) if alt_steps else None
        spent = 0.0
        while len(res["rg"]) < runs:
            s = run_seq([rg_step])
            res["rg"].append(s)
            spent += s.seconds
            if git_steps:
                g = run_seq(git_steps)
                res["git"].append(g)
                spent += g.seconds
            if alt_steps:
                g = run_seq(alt_steps)
                res["alt"].append(g)
                spent += g.seconds
            print(".", end="", flush=True)
            per = spent / len(res["rg"])
            if spent + per > budget and len(res["rg"]) < runs:
                print(f" (budget of {budget:g} s reached)", end="")
                break
        print()
        return warm, res

    def rg_status(self, samples, hook=False):
        """'ok', 'deadline' or 'error' for riskgate's exits; records errors."""
        bad = []
        status = "ok"
        for s in samples:
            c = s.codes[0]
            if c in (0, 1):
                continue
            if s.killed:
                if status == "ok":
                    status = "stopped"
                continue
            if hook and c == 3 and re.search(r"deadline of \d+ ms reached", s.stderr):
                status = "deadline"
                continue
            bad.append((c, s.stderr.strip().splitlines()[-3:]))
        if bad:
            status = "error"
            return status, bad
        return status, []

    def case_range(self, key, label, base, head):
        R = self.repo
        jf = self.out(f"{key}.json")
        rg = {"argv": [self.rg, "check", "--repo", R, "--base", base, "--head", head,
                       "--format", "json"], "stdout": jf, "env": self.env}
        mbf = self.out(f"{key}.mb")
        numf = self.out(f"{key}.numstat")
        logf = self.out(f"{key}.log")

        def diff_step(_codes):
            with open(mbf) as f:
                mb = f.read().strip()
            return {"argv": ["git", "-C", R, "diff", "--numstat", "-M", mb, head],
                    "stdout": numf, "env": self.env}
        git_steps = [
            {"argv": ["git", "-C", R, "merge-base", base, head], "stdout": mbf, "env": self.env},
            diff_step,
            {"argv": ["git", "-C", R, "log", "--format=%B", f"{base}..{head}"], "stdout": logf,
             "env": self.env},
        ]
        alt_steps = None
        if self.a.real and key == "large":
            # The git commands that give the same per-commit information:
            # which paths each commit (a merge: against all its parents)
            # touched, and the numstat of the range. Without renames, as
            # riskgate's per-commit paths (git log detects them by default,
            # which took 24 s here instead of about 2).
            alt_steps = [git_steps[0], diff_step,
                         {"argv": ["git", "-C", R, "log", "-c", "--name-only", "--no-renames",
                                   "--format=%B", f"{base}..{head}"], "stdout": logf,
                          "env": self.env}]
        warm, res = self.measure(label, rg, git_steps, alt_steps)
        c = self.summarise(key, label, warm, res)
        # the same work?
        git_files = sum(1 for _ in open(numf, "rb"))
        git_commits = int(self.git(R, "rev-list", "--count", f"{base}..{head}"))
        # riskgate also detects copies (-C): with copies, git's rename
        # limit counts every modified file as a source, and can stop
        # inexact detection where -M alone would not. Untimed.
        with open(mbf) as f:
            mb = f.read().strip()
        out = subprocess.run(["git", "-C", R, "diff", "--numstat", "-M", "-C", mb, head],
                             capture_output=True, env=self.env, check=True).stdout
        c["git_diff_numstat_MC_files"] = out.count(b"\n")
        try:
            with open(jf) as f:
                rep = json.load(f)
            rf, rc = rep["summary"]["files"], rep["summary"]["commits"]
            c["riskgate_verdict"] = rep.get("verdict")
            c["riskgate_report_errors"] = rep.get("errors")
        except (ValueError, KeyError, OSError) as e:
            rf = rc = None
            c["riskgate_verdict"] = f"unreadable report: {e}"
        self.equivalence(c, label, rf, git_files, rc, git_commits, c["git_diff_numstat_MC_files"])
        c["command_riskgate"] = rg["argv"]
        c["command_git"] = [["git", "-C", R, "merge-base", base, head],
                            ["git", "-C", R, "diff", "--numstat", "-M", "<merge-base>", head],
                            ["git", "-C", R, "log", "--format=%B", f"{base}..{head}"]]
        if alt_steps:
            c["command_git_alt"] = c["command_git"][:2] + [
                ["git", "-C", R, "log", "-c", "--name-only", "--no-renames", "--format=%B",
                 f"{base}..{head}"]]
        c["range"] = f"{base}...{head}"
        return c

    def equivalence(self, c, label, rf, gf, rc, gc, gf_copies=None):
        c["files"] = {"riskgate": rf, "git_diff_numstat_M": gf}
        c["commits"] = {"riskgate": rc, "git_rev_list_count": gc}
        if gf_copies is not None and rf == gf_copies:
            if rf != gf:
                self.notes.append(f"{label}: riskgate reports {rf} changed files, as git diff "
                                  f"-M -C does; git diff -M lists {gf}")
        elif rf != gf:
            self.warnings.append(f"{label}: riskgate reports {rf} changed files, "
                                 f"git diff --numstat -M lists {gf}")
        if rc != gc:
            self.warnings.append(f"{label}: riskgate reports {rc} commits, "
                                 f"git rev-list --count gives {gc}")

    def case_hook(self, key, label, old_ref, ref, n):
        H = self.hook_repo
        old = self.git(self.repo, "rev-parse", old_ref)
        new = self.git(self.repo, "rev-parse", "main")
        cur = self.git(H, "rev-parse", ref)
        if cur != old:
            self.errors.append(f"{label}: {H} has {ref} at {cur}, expected {old} (regenerate: make bench-gen)")
        # The hook gates the default branch and release/* unless the policy
        # says otherwise: the push goes to a gated ref at the same commit,
        # or it would be let through unjudged and measure nothing.
        gated = "refs/heads/release/bench-" + key
        self.git(H, "update-ref", gated, old)
        return self.hook_measure(key, label, H, old, new, gated, n)

    def case_hook_real(self, key, label, old, new, n):
        """A push of old..new to a repository that borrows the real one's
        objects (objects/info/alternates) and whose only ref is the pushed
        branch at `old`: none of the pushed commits is reachable from a ref,
        as in a real push."""
        H = self.hook_repo
        ref = "refs/heads/main"
        if not os.path.exists(os.path.join(H, "HEAD")):
            sh(["git", "init", "-q", "--bare", H], env=self.env)
        os.makedirs(os.path.join(H, "objects", "info"), exist_ok=True)
        with open(os.path.join(H, "objects", "info", "alternates"), "w") as f:
            f.write(os.path.join(self.repo, "objects") + "\n")
        for r in self.git(H, "for-each-ref", "--format=%(refname)").split():
            self.git(H, "update-ref", "-d", r)
        self.git(H, "update-ref", ref, old)
        # The pushed branch is the default one, as on a server: the hook
        # refuses to guess which branch that is when HEAD names none.
        self.git(H, "symbolic-ref", "HEAD", ref)
        c = self.hook_measure(key, label, H, old, new, ref, n)
        c["range"] = f"{old}..{new}"
        return c

    def hook_measure(self, key, label, H, old, new, ref, n):
        inf = self.out(f"{key}.stdin")
        with open(inf, "w") as f:
            f.write(f"{old} {new} {ref}\n")
        henv = dict(self.env, GIT_DIR=H)
        rg = {"argv": [self.rg, "hook", "pre-receive"], "stdin": inf, "env": henv, "cwd": H,
              "limit": self.a.hook_limit}
        git_steps = [
            {"argv": ["git", "-C", H, "merge-base", old, new], "env": self.env},
            {"argv": ["git", "-C", H, "diff", "--numstat", "-M", old, new], "stdout": self.out(f"{key}.numstat"),
             "env": self.env},
            {"argv": ["git", "-C", H, "log", "--format=%B", f"{old}..{new}"], "env": self.env},
        ]
        warm, res = self.measure(label, rg, git_steps)
        c = self.summarise(key, label, warm, res, hook=True)
        c["limit_s"] = self.a.hook_limit
        last = res["rg"][-1].stderr
        for s in reversed(res["rg"] + [warm["rg"]]):
            if not s.killed:
                last = s.stderr
                break
        m = re.search(r"decided in (\d+) ms \(deadline (\d+) ms\)", last)
        d = re.search(r"deadline of (\d+) ms reached after (\d+) ms", last)
        deadline_ms = int(m.group(2)) if m else int(d.group(1)) if d else 4500
        c["deadline_ms"] = deadline_ms
        c["deadline_source"] = ("riskgate's default (GATE_HOOK_DEADLINE_MS in include/riskgate/hook.h; "
                                "no --deadline-ms given, the built-in policy has no on_deadline)")
        c["decided_in_ms_reported"] = int(m.group(1)) if m else None
        c["deadline_reached"] = bool(d)
        if deadline_ms:
            c["deadline_share"] = c["riskgate_median_s"] * 1000 / deadline_ms
        c["riskgate_stderr_tail"] = last.strip().splitlines()[-3:]
        cm = re.search(r"(?:PASS|FAIL)[^\n]*? - (\d+) commits?, (\d+) files?", last)
        gf = sum(1 for _ in open(self.out(f"{key}.numstat"), "rb"))
        gc = int(self.git(H, "rev-list", "--count", f"{old}..{new}"))
        if gc != n:
            self.warnings.append(f"{label}: the push range has {gc} commits, not {n}")
        if cm:
            self.equivalence(c, label, int(cm.group(2)), gf, int(cm.group(1)), gc)
        else:
            c["files"] = {"riskgate": None, "git_diff_numstat_M": gf}
            c["commits"] = {"riskgate": None, "git_rev_list_count": gc}
            if not d and c["stopped_by_bench"] < c["samples"]:
                # No verdict line: the push was not judged (a ref the
                # policy does not gate), and its time means nothing.
                self.errors.append(f"{label}: riskgate's output names no judged commits and files; "
                                   f"the push was not evaluated: {c['riskgate_stderr_tail']}")
        c["command_riskgate"] = f"echo '{old} {new} {ref}' | GIT_DIR={H} {self.rg} hook pre-receive  (cwd {H})"
        return c

    def case_explain(self, key, label, paths_file, count):
        rg = {"argv": [self.rg, "explain", "-"], "stdin": paths_file, "env": self.env}
        warm, res = self.measure(label, rg, None)
        c = self.summarise(key, label, warm, res)
        c["paths"] = count
        c["paths_per_second"] = count / c["riskgate_median_s"]
        c["command_riskgate"] = f"{self.rg} explain - < {paths_file} > /dev/null"
        return c

    def summarise(self, key, label, warm, res, hook=False):
        rgs, gits = res["rg"], res["git"]
        c = {"key": key, "name": label, "samples": len(rgs),
             "mode": "real" if self.a.real else "generated"}
        c["riskgate_median_s"] = statistics.median(s.seconds for s in rgs)
        c["riskgate_peak_rss_kib"] = max(s.rss_kib for s in rgs)
        c["riskgate_peak_rss_anon_kib"] = max(s.anon_kib for s in rgs)
        c["riskgate_exit"] = sorted({s.codes[0] for s in rgs})
        c["stopped_by_bench"] = sum(1 for s in rgs if s.killed)
        c["riskgate_samples"] = [s.as_json() for s in rgs]
        c["riskgate_warmup"] = warm["rg"].as_json()
        if gits:
            c["git_median_s"] = statistics.median(s.seconds for s in gits)
            c["git_peak_rss_kib"] = max(s.rss_kib for s in gits)
            c["git_samples"] = [s.as_json() for s in gits]
            c["git_warmup"] = warm["git"].as_json()
            c["git_peak_rss_anon_kib"] = max(s.anon_kib for s in gits)
            c["ratio"] = c["riskgate_median_s"] / c["git_median_s"]
        alts = res.get("alt") or []
        if alts:
            c["git_alt_median_s"] = statistics.median(s.seconds for s in alts)
            c["git_alt_peak_rss_kib"] = max(s.rss_kib for s in alts)
            c["git_alt_samples"] = [s.as_json() for s in alts]
            c["ratio_alt"] = c["riskgate_median_s"] / c["git_alt_median_s"]
            gits = gits + alts
            for s in gits + [warm["git"]]:
                if any(x != 0 for x in s.codes):
                    self.errors.append(f"{label}: git exited {s.codes}: {s.stderr.strip()[:300]}")
                    break
        status, bad = self.rg_status(rgs + [warm["rg"]], hook)
        c["riskgate_status"] = status
        for code, tail in bad[:1]:
            what = f"killed by signal {-code}" if code < 0 else f"exit {code}"
            self.errors.append(f"{label}: riskgate {what}: " + " | ".join(tail))
        return c

    # -- targets -----------------------------------------------------------
    @staticmethod
    def targets(c):
        """The issue's targets, the same on a real and on the generated
        repository (TARGETS_DOC)."""
        k = c["key"]
        t = []
        ok = c.get("riskgate_status") == "ok"
        if k == "pr":
            t.append(("ratio < 1.0", c["ratio"] < 1.0))
        elif k == "large":
            t.append(("ratio <= 1.0", c["ratio"] <= 1.0))
            if "ratio_alt" in c:
                t.append(("ratio vs log -c <= 1.0", c["ratio_alt"] <= 1.0))
            t.append(("anon < 100 MiB", c["riskgate_peak_rss_anon_kib"] < 100 * 1024))
            if "git_peak_rss_kib" in c:
                t.append(("RSS <= git's", c["riskgate_peak_rss_kib"] <=
                          max(c["git_peak_rss_kib"], c.get("git_alt_peak_rss_kib", 0))))
        elif k == "hook1k":
            t.append(("< 400 ms", c["riskgate_median_s"] < 0.4 and ok))
        elif k == "hook10k":
            t.append(("< 1,500 ms", c["riskgate_median_s"] < 1.5 and ok))
        elif k == "explain" and "paths_per_second" in c:
            t.append((">= 1,000,000 paths/s", c["paths_per_second"] >= 1e6))
        return t


def machine(rg):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        rgv = sh([rg, "--version"])
    except (subprocess.CalledProcessError, OSError) as e:
        rgv = f"unknown ({e})"
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": cpu,
        "kernel": platform.release(),
        "machine": platform.machine(),
        "git_version": sh(["git", "--version"]),
        "riskgate_version": rgv,
        "python": platform.python_version(),
        "loadavg_start": os.getloadavg(),
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def make_paths(b, path, want):
    """A realistic list of `want` paths: the repository's paths, then copies of
    them under modules/mK/ (a bigger monorepo), written once."""
    main = b.git(b.repo, "rev-parse", "main")
    stamp = path + ".stamp"
    tag = f"{main} {want}\n"
    if os.path.exists(path) and os.path.exists(stamp) and open(stamp).read() == tag:
        return
    names = subprocess.run(["git", "-C", b.repo, "ls-tree", "-r", "--name-only", "-z", "main"],
                           check=True, capture_output=True, env=b.env).stdout.split(b"\0")
    names = [n for n in names if n and b"\n" not in n]
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        k, written = 0, 0
        while written < want:
            pre = b"" if k == 0 else b"modules/m%d/" % k
            for n in names:
                if written == want:
                    break
                f.write(pre + n + b"\n")
                written += 1
            k += 1
    os.replace(tmp, path)
    with open(stamp, "w") as f:
        f.write(tag)


def fmt_ms(s):
    if s is None:
        return "-"
    ms = s * 1000
    return f"{ms:,.1f}" if ms < 100 else f"{ms:,.0f}"


def table(cases, warnings, errors):
    head = ["case", "n", "riskgate ms", "git ms", "ratio", "peak MiB", "anon MiB", "git peak MiB",
            "exit", "target", "result"]
    rows = []
    for c in cases:
        ts = Bench.targets(c)
        res = []
        for desc, ok in ts:
            res.append("met" if ok else "MISSED")
        extra = ""
        if c["key"].startswith("hook"):
            if c.get("deadline_share") is not None:
                extra = f"; {c['deadline_share'] * 100:.0f}% of the {c['deadline_ms']:,} ms deadline"
            if c.get("deadline_reached"):
                extra += "; DEADLINE REACHED"
        if c["key"] == "explain":
            extra = f"; {c['paths_per_second']:,.0f} paths/s"
        if "ratio_alt" in c:
            extra += (f"; git log -c --name-only + diff --numstat -M: "
                      f"{fmt_ms(c['git_alt_median_s'])} ms, ratio {c['ratio_alt']:.2f}")
        exits = ",".join(str(x) for x in c["riskgate_exit"] if x != -9 or not c.get("stopped_by_bench"))
        if c.get("stopped_by_bench"):
            exits = (exits + "," if exits else "") + "killed"
            extra += f"; {c['stopped_by_bench']} of {c['samples']} runs STOPPED at the {c['limit_s']:g} s limit"
        if c["riskgate_status"] == "error":
            exits += " ERROR"
        med = fmt_ms(c["riskgate_median_s"])
        if c.get("stopped_by_bench") and c["riskgate_median_s"] >= 0.99 * c["limit_s"]:
            med = ">" + med
        rows.append([c["name"], str(c["samples"]), med,
                     fmt_ms(c.get("git_median_s")),
                     (">" if med.startswith(">") else "") + f"{c['ratio']:.2f}" if "ratio" in c else "-",
                     f"{c['riskgate_peak_rss_kib'] / 1024:.1f}",
                     f"{c['riskgate_peak_rss_anon_kib'] / 1024:.1f}",
                     f"{c['git_peak_rss_kib'] / 1024:.1f}" if "git_peak_rss_kib" in c else "-", exits,
                     ", ".join(d for d, _ in ts), ", ".join(res) + extra])
    w = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    right = {1, 2, 3, 4, 5, 6, 7}
    lines = []

    def line(r):
        return "  ".join(r[i].rjust(w[i]) if i in right else r[i].ljust(w[i]) for i in range(len(r))).rstrip()
    lines.append(line(head))
    lines.append("  ".join("-" * x for x in w))
    for r in rows:
        lines.append(line(r))
    for wn in warnings:
        lines.append(f"WARNING  {wn}")
    for e in errors:
        lines.append(f"ERROR    {e}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--riskgate", default="./riskgate")
    ap.add_argument("--repo", default="build/bench/repo")
    ap.add_argument("--hook-repo")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--budget", type=float, default=180.0,
                    help="seconds of measured runs per case before it stops early")
    ap.add_argument("--paths", type=int, default=1_000_000)
    ap.add_argument("--hook-limit", type=float, default=60.0,
                    help="seconds after which a pre-receive run is killed (a server would have "
                         "killed it long before); such a sample counts as that many seconds")
    ap.add_argument("--out", default="build/bench/results.json")
    ap.add_argument("--only", help="comma-separated cases: pr,large,hook1k,hook10k,explain")
    ap.add_argument("--real", metavar="DIR",
                    help="a real repository instead of the generated one (see README.md); "
                         "the ranges below default to git/git's")
    ap.add_argument("--large", default=REAL_DEFAULTS["large"], metavar="BASE...HEAD",
                    help="real mode: the large range")
    ap.add_argument("--pr", default=REAL_DEFAULTS["pr"], metavar="BASE...HEAD",
                    help="real mode: the pull-request-sized range")
    ap.add_argument("--push-head", default=REAL_DEFAULTS["push_head"], metavar="REV",
                    help="real mode: the commit pushed by the pre-receive cases")
    ap.add_argument("--push1k", metavar="OLD..NEW",
                    help="real mode: the 1,000-commit push (default: the first-parent "
                         "ancestor OLD of --push-head with rev-list --count OLD..NEW >= 1000)")
    ap.add_argument("--push10k", metavar="OLD..NEW", help="real mode: the same for 10,000")
    a = ap.parse_args()
    if a.runs < 1:
        sys.exit("run.py: --runs must be at least 1")
    if a.real:
        a.repo = a.real
        if not a.hook_repo:
            a.hook_repo = os.path.join(os.path.dirname(os.path.abspath(a.out)), "real-hook.git")
        return main_real(a)
    b = Bench(a)
    stamp = os.path.join(b.repo, "bench-gen.json")
    if not os.path.exists(stamp):
        sys.exit(f"run.py: {b.repo} is not a generated repository (make bench-gen)")
    with open(stamp) as f:
        repo_stats = json.load(f)
    m = machine(b.rg)
    print(f"riskgate bench: {m['riskgate_version'].splitlines()[0]} vs {m['git_version']}; {m['nproc']} CPUs "
          f"({m['cpu_model']}), Linux {m['kernel']}, load {m['loadavg_start'][0]:.2f}")
    print(f"repository: {b.repo}: {repo_stats['files_at_main']:,} files, "
          f"{repo_stats['commits_all']:,} commits, pack {repo_stats['pack_bytes'] / 2**20:.0f} MiB; "
          f"runs {a.runs} (+1 warm-up), budget {a.budget:g} s per case")
    only = set(a.only.split(",")) if a.only else None
    todo = [
        ("pr", lambda: b.case_range("pr", "PR range main...pr", "main", "pr")),
        ("large", lambda: b.case_range("large", "large range large-base...main", "large-base", "main")),
        ("hook1k", lambda: b.case_hook("hook1k", "pre-receive 1,000 commits", "push-1k-base",
                                       "refs/heads/feature", 1000)),
        ("hook10k", lambda: b.case_hook("hook10k", "pre-receive 10,000 commits", "push-10k-base",
                                        "refs/heads/main", 10000)),
        ("explain", None),
    ]
    for key, fn in todo:
        if only and key not in only:
            continue
        if key == "explain":
            pf = os.path.join(os.path.dirname(os.path.abspath(a.out)), "paths-1m.txt")
            make_paths(b, pf, a.paths)
            b.cases.append(b.case_explain("explain", f"explain {a.paths:,} paths", pf, a.paths))
        else:
            b.cases.append(fn())
    return finish(a, b, m, dict(repo_stats, path=b.repo, hook_path=b.hook_repo))


def split_range(r, sep):
    if sep not in r:
        sys.exit(f"run.py: {r!r} is not a range of the form A{sep}B")
    x, y = r.split(sep, 1)
    return x, y


def push_base(b, head, want):
    """The first-parent ancestor OLD of `head` nearest to it with at least
    `want` commits in OLD..head (a push of about that many commits)."""
    fp = b.git(b.repo, "rev-list", "--first-parent", head).split()

    def count(i):
        return int(b.git(b.repo, "rev-list", "--count", f"{fp[i]}..{head}"))
    lo, hi = 0, len(fp) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if count(mid) < want:
            lo = mid + 1
        else:
            hi = mid
    return fp[lo], count(lo)


def main_real(a):
    """The same cases on a real repository (git/git by default)."""
    b = Bench(a)
    if not os.path.isdir(os.path.join(b.repo, "objects")) and \
            not os.path.isdir(os.path.join(b.repo, ".git")):
        sys.exit(f"run.py: {b.repo} is not a git repository")
    m = machine(b.rg)
    packs = os.path.join(b.repo, "objects", "pack")
    pack_bytes = sum(os.path.getsize(os.path.join(packs, f)) for f in os.listdir(packs)
                     if f.endswith(".pack")) if os.path.isdir(packs) else 0
    stats = {"path": b.repo, "hook_path": b.hook_repo, "kind": "real",
             "commits_all": int(b.git(b.repo, "rev-list", "--all", "--count")),
             "pack_bytes": pack_bytes}
    print(f"riskgate bench: {m['riskgate_version'].splitlines()[0]} vs {m['git_version']}; {m['nproc']} CPUs "
          f"({m['cpu_model']}), Linux {m['kernel']}, load {m['loadavg_start'][0]:.2f}")
    print(f"repository: {b.repo}: {stats['commits_all']:,} commits, pack "
          f"{pack_bytes / 2**20:.0f} MiB; runs {a.runs} (+1 warm-up), budget {a.budget:g} s per case")
    only = set(a.only.split(",")) if a.only else None
    pr_base, pr_head = split_range(a.pr, "...")
    lg_base, lg_head = split_range(a.large, "...")
    pushes = {}
    for key, want, given in (("hook1k", 1000, a.push1k), ("hook10k", 10000, a.push10k)):
        if only and key not in only:
            continue
        if given:
            old, new = split_range(given, "..")
            old, new = b.git(b.repo, "rev-parse", old), b.git(b.repo, "rev-parse", new)
            n = int(b.git(b.repo, "rev-list", "--count", f"{old}..{new}"))
        else:
            new = b.git(b.repo, "rev-parse", a.push_head)
            old, n = push_base(b, new, want)
        pushes[key] = (old, new, n)
        print(f"  {key}: push {old}..{new} ({n:,} commits)")
    todo = [
        ("pr", lambda: b.case_range("pr", f"PR range {pr_base[:12]}...{pr_head[:12]}",
                                    pr_base, pr_head)),
        ("large", lambda: b.case_range("large", f"large range {lg_base}...{lg_head}",
                                       lg_base, lg_head)),
        ("hook1k", lambda: b.case_hook_real("hook1k", f"pre-receive {pushes['hook1k'][2]:,} commits",
                                            *pushes["hook1k"])),
        ("hook10k", lambda: b.case_hook_real("hook10k", f"pre-receive {pushes['hook10k'][2]:,} "
                                             "commits", *pushes["hook10k"])),
    ]
    for key, fn in todo:
        if only and key not in only:
            continue
        b.cases.append(fn())
    if not only or "explain" in only:
        b.notes.append("explain is measured in the generated mode only")
    return finish(a, b, m, stats)


def finish(a, b, m, repo_stats):
    m["loadavg_end"] = os.getloadavg()
    out = {
        "schema": 1,
        "machine": m,
        "repository": repo_stats,
        "config": {"runs": a.runs, "warmup": 1, "budget_seconds": a.budget,
                   "interleaved": True, "git_env": "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C"},
        "targets": TARGETS_DOC,
        "cases": b.cases,
        "warnings": b.warnings,
        "notes": b.notes,
        "errors": b.errors,
    }
    for c in b.cases:
        c["targets"] = [{"target": d, "met": ok} for d, ok in Bench.targets(c)]
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print()
    print(table(b.cases, b.warnings, b.errors))
    for n in b.notes:
        print(f"NOTE     {n}")
    print(f"\nresults: {a.out} (load average at the end {m['loadavg_end'][0]:.2f})")
    subprocess.run(["rm", "-rf", b.work])
    rg_err = any(c["riskgate_status"] == "error" for c in b.cases)
    if rg_err:
        print("riskgate bench: riskgate exited with an error (see ERROR rows)", file=sys.stderr)
    return 1 if rg_err or b.errors else 0


if __name__ == "__main__":
    sys.exit(main())
