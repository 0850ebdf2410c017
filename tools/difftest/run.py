"""Differential runner: generated programs under threadplay's CLI and under CPython 3.12.

For each program it compares stdout, the last line of stderr and the exit status. Programs
whose CPython output differs between two runs are dropped as non-deterministic. Mismatches
are grouped by their first differing line (normalised: digits and string contents folded)
and the snippet it falls in, so the report counts root causes rather than programs.

A tool for people, not part of CI or the tests: it asserts nothing and exits 0 unless its
own arguments are wrong. It must never write outside --keep DIR and a temporary directory.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

TIMEOUT = 10.0
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def cpython_path():
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.path.expanduser("~/.pyenv")
    path = os.path.join(root, "versions", "3.12.1", "bin", "python3")
    return path if os.path.exists(path) else None


def run(cmd, env=None):
    """(stdout lines + stderr's last line + exit status) of one run, or None on timeout."""
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return None
    out = p.stdout.decode("utf-8", "replace").splitlines()
    err = [ln for ln in p.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    last = err[-1] if err else ""
    for i, ln in enumerate(err[:-1]):
        # A Rust panic ends with a backtrace note; its message is the line after "panicked at".
        if "panicked at" in ln:
            last = "panic: " + err[i + 1]
            break
    return out + ["[stderr] " + last, "[exit] %d" % p.returncode]


def norm(text):
    """Fold what varies between instances of one root cause: digits, string contents."""
    text = re.sub(r"'(?:[^'\\]|\\.)*'", "'S'", text)
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '"S"', text)
    text = re.sub(r"\d+", "9", text)
    return text[:110]


def split_show(line):
    """A `_show` line as (label, outcome) where outcome is '=' or '! ExcType'."""
    m = re.match(r"^(.*?) (=>|!>) (.*)$", line)
    if not m:
        return None, None
    label, mark, rest = m.groups()
    if mark == "!>":
        return label, "!" + rest.split(":", 1)[0]
    return label, "="


def root_cause(expected, actual, snippet):
    if actual is None:
        return "timeout"
    if actual.startswith("[stderr] ") and not expected.startswith("[stderr] "):
        # The program stopped early: the cause is threadplay's last stderr line (a refusal
        # at compile time, an uncaught exception or a panic), not the line CPython printed.
        return f"[{snippet}] stopped: " + re.sub(r"\d+", "9", actual[9:])[:140]
    lab_e, out_e = split_show(expected)
    lab_a, out_a = split_show(actual)
    if lab_e is not None and lab_e == lab_a:
        kind = "value differs" if out_e == out_a == "=" else (
            "message differs" if out_e == out_a else f"{out_e} vs {out_a}")
        return f"[{snippet}] {norm(lab_e)}  :: {kind}"
    return f"[{snippet}] {norm(expected)}  ≠  {norm(actual)}"


def compare(expected, actual):
    """(index of first difference or None, expected line, actual line, snippet kind)."""
    snippet = "-"
    for i in range(max(len(expected), len(actual))):
        e = expected[i] if i < len(expected) else "<missing>"
        a = actual[i] if i < len(actual) else "<missing>"
        if e.startswith("-- s"):
            snippet = e.split(" ", 2)[-1]
        if e != a:
            return i, e, a, snippet
    return None, None, None, None


def segments(lines):
    """{header: lines} for each `-- sN kind` section of one output."""
    segs, cur = {}, None
    for ln in lines:
        if ln.startswith("-- s"):
            cur = ln
            segs[cur] = []
        elif ln.startswith("[stderr] ") or ln.startswith("[exit] "):
            cur = None
        elif cur is not None:
            segs[cur].append(ln)
    return segs


def snippet_diffs(expected, actual):
    """(snippets compared, [(root cause, expected line, actual line, header)] per differing one)."""
    exp, act = segments(expected), segments(actual)
    stopped = actual[-2] if len(actual) >= 2 else "[stderr] "
    diffs = []
    for header, lines in exp.items():
        kind = header.split(" ", 2)[-1]
        if header not in act:
            diffs.append((root_cause("<snippet>", stopped, kind), header, stopped, header))
            continue
        got = act[header]
        for i in range(max(len(lines), len(got))):
            e = lines[i] if i < len(lines) else "<missing>"
            a = got[i] if i < len(got) else "<missing>"
            if e != a:
                if a == "<missing>":
                    a = stopped
                diffs.append((root_cause(e, a, kind), e, a, header))
                break
    return len(exp), diffs


def snippet_source(src, line_index, expected):
    """The `def _sN` block of the snippet that printed expected[line_index]."""
    header = None
    for ln in expected[: line_index + 1]:
        if ln.startswith("-- s"):
            header = ln.split()[1]
    if header is None:
        return ""
    m = re.search(r"^def _%s\(\):\n(?:(?:    .*)?\n)*" % re.escape(header), src, re.M)
    return m.group(0).rstrip() if m else ""


def one(task):
    index, seed, tmp, cli, py = task
    src = gen.generate(seed, index)
    path = os.path.join(tmp, "p%05d.py" % index)
    with open(path, "w") as f:
        f.write(src)
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    first = run([py, "-X", "utf8", path], env)
    second = run([py, "-X", "utf8", path], dict(env, PYTHONHASHSEED="1"))
    if first is None or first != second:
        return index, "nondeterministic", None, (0, [])
    actual = run([cli, "run", path])
    total = len(segments(first))
    if actual == first:
        return index, "match", None, (total, [])
    if actual is None:
        return index, "mismatch", ("timeout", "", "<timeout>", src, path, ""), (total, [("timeout", "", "", "")] * total)
    i, e, a, snippet = compare(first, actual)
    if i == 0:
        snippet = "program"
    info = (root_cause(e, a, snippet), e, a, src, path, snippet_source(src, i, first))
    return index, "mismatch", info, snippet_diffs(first, actual)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="keep every generated program (and mismatch list) in DIR")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "threadplay"))
    args = ap.parse_args()

    py = cpython_path()
    if py is None:
        print("difftest: CPython 3.12.1 is not installed under pyenv; nothing to compare against.")
        return 0
    if not os.path.exists(args.cli):
        print(f"difftest: {args.cli} is missing; build it with cargo build --offline --release -p threadplay-cli")
        return 2
    tmp = args.keep or tempfile.mkdtemp(prefix="difftest-")
    os.makedirs(tmp, exist_ok=True)
    started = time.time()
    tasks = [(i, args.seed, tmp, args.cli, py) for i in range(args.count)]
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for r in ex.map(one, tasks):
            results.append(r)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)

    matched = sum(1 for r in results if r[1] == "match")
    dropped = sum(1 for r in results if r[1] == "nondeterministic")
    compared = len(results) - dropped
    groups = {}
    snippet_groups = {}
    snippets_total = snippets_bad = 0
    for index, status, info, per_snippet in results:
        if status == "mismatch":
            groups.setdefault(info[0], []).append((index, info))
        if status != "nondeterministic":
            snippets_total += per_snippet[0]
            snippets_bad += len(per_snippet[1])
            for key, e, a, header in per_snippet[1]:
                snippet_groups.setdefault(key, []).append((index, e, a, header))
    print(f"difftest: seed {args.seed}, {args.count} programs generated, {dropped} dropped as "
          f"non-deterministic under CPython, {compared} compared")
    print(f"match rate: {matched}/{compared} = {100.0 * matched / max(compared, 1):.1f}%  "
          f"({compared - matched} mismatches, {len(groups)} distinct first differences, "
          f"{time.time() - started:.0f} s)")
    print(f"snippets: {snippets_total - snippets_bad}/{snippets_total} = "
          f"{100.0 * (snippets_total - snippets_bad) / max(snippets_total, 1):.1f}% of snippets print "
          f"the same as CPython ({len(snippet_groups)} distinct first differences)")
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    print(f"\ntop {min(args.top, len(ranked))} root causes (by first differing line):")
    for rank, (key, items) in enumerate(ranked[: args.top], 1):
        index, info = min(items, key=lambda it: (len(it[1][3]), it[0]))
        print(f"\n{rank:2d}. {len(items):4d}x  {key}")
        print(f"    program #{index}" + (f" ({info[4]})" if args.keep else ""))
        print(f"    cpython:    {info[1][:200]}")
        print(f"    threadplay: {info[2][:200]}")
        if info[5]:
            print("    snippet:\n" + "\n".join("      " + ln for ln in info[5].splitlines()[:40]))
    ranked_s = sorted(snippet_groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    print(f"\ntop {min(args.top, len(ranked_s))} root causes counted per snippet (every differing snippet, "
          "not only each program's first):")
    for rank, (key, items) in enumerate(ranked_s[: args.top], 1):
        index, e, a, header = items[0]
        print(f"{rank:2d}. {len(items):4d}x  {key}\n      e.g. #{index} {header}: cpython {e[:100]!r}, threadplay {a[:100]!r}")
    if args.keep:
        with open(os.path.join(tmp, "mismatches.txt"), "w") as f:
            for key, items in ranked:
                f.write(f"{len(items)}\t{key}\t{' '.join(str(i) for i, _ in items)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
