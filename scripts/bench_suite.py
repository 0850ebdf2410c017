"""The native half of scripts/bench-suite (run by CPython 3.12, which is also the peer).

Runs every program of benchmarks/suite with threadplay's native runner (and a --before
binary if given) and with CPython, alternating in the same rounds; each program times
its own workload and prints the seconds on its first line and a checksum of its result
after it. Prints a markdown table: medians, the ratio pair by pair, the geometric mean,
how many programs are above 2x. A checksum that differs from CPython's is a result, not
a speed: the row says MISMATCH, it leaves the mean, and the script exits 1 at the end.
Programs named threads_* run once per GIL model. A benchmark: it asserts no timing.

`--write-checksums` instead writes benchmarks/suite/checksums.txt from CPython (small and
full sizes), which crates/cli/tests/suite_checksums.rs compares threadplay against.
"""

import argparse
import math
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "benchmarks" / "suite"
GIL_MODELS = ("legacy", "modern", "free")
SMALL_LINE = "SMALL = False"


def programs(only):
    words = [word for word in (only or "").split(",") if word]
    found = sorted(SUITE.glob("*.py"))
    return [p for p in found if not words or any(word in p.stem for word in words)]


def small_copy(program, folder):
    """The program with `SMALL = False` turned on: the size the checksum check runs."""
    lines = program.read_text().splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.startswith(SMALL_LINE)]
    if len(hits) != 1:
        sys.exit(f"{program.name}: needs exactly one line starting with {SMALL_LINE!r}")
    lines[hits[0]] = "SMALL = True\n"
    copy = Path(folder) / program.name
    copy.write_text("".join(lines))
    return copy


def run(command):
    """(seconds the program printed, its checksum) or (None, what went wrong)."""
    done = subprocess.run(command, capture_output=True, text=True)
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) < 2:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"exit {done.returncode}: {tail}"
    try:
        return float(lines[0]), "\n".join(lines[1:])
    except ValueError:
        return None, f"first line is not a time: {lines[0]!r}"


def median(values):
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2] if len(ordered) % 2 else (
        ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2


def write_checksums(python):
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for program in programs(None):
            for size, path in (("small", small_copy(program, folder)), ("full", program)):
                seconds, checksum = run([python, str(path)])
                if seconds is None:
                    sys.exit(f"{program.name} ({size}) failed under CPython: {checksum}")
                rows.append(f"{program.stem} {size} {checksum.replace(chr(10), ' / ')}")
                print(rows[-1], file=sys.stderr)
    header = (
        "# Checksums of benchmarks/suite under CPython 3.12 (`scripts/bench-suite "
        "--write-checksums`):\n# program, size (small: the copy with SMALL = True), "
        "the lines after the time joined by ' / '.\n"
    )
    (SUITE / "checksums.txt").write_text(header + "\n".join(rows) + "\n")


def main():
    parser = argparse.ArgumentParser(prog="scripts/bench-suite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="an older threadplay binary, run in the same rounds")
    parser.add_argument("--only", help="NAME,NAME: programs whose name contains one of these")
    parser.add_argument("--write-checksums", action="store_true")
    parser.add_argument("--ours", required=True)
    parser.add_argument("--python", required=True)
    args = parser.parse_args()
    if args.write_checksums:
        write_checksums(args.python)
        return 0

    version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout.strip()
    binaries = [("threadplay", args.ours)] + ([("before", args.before)] if args.before else [])
    rows = []
    for program in programs(args.only):
        models = GIL_MODELS if program.stem.startswith("threads_") else ("modern",)
        for model in models:
            times = {name: [] for name, _ in binaries + [("cpython", None)]}
            checksums = {name: set() for name in times}
            errors = {}
            for _ in range(args.runs):
                for name, binary in binaries + [("cpython", None)]:
                    if binary is None:
                        command = [args.python, str(program)]
                    else:
                        command = [binary, "run", "--gil", model, str(program)]
                    seconds, checksum = run(command)
                    if seconds is None:
                        errors[name] = checksum
                    else:
                        times[name].append(seconds)
                        checksums[name].add(checksum)
            label = f"{program.stem} (--gil {model})" if len(models) > 1 else program.stem
            print(f"{label}: " + ", ".join(
                f"{name} {median(t):.4f}" if t else f"{name} failed" for name, t in times.items()
            ), file=sys.stderr, flush=True)
            rows.append((label, times, checksums, errors))

    print(f"benchmarks/suite, {args.runs} runs each, alternating; medians of the time each program "
          f"prints for its own workload, in seconds; CPython peer: {version} (with its GIL) for "
          f"every row, the threaded mix under each of threadplay's GIL models included; "
          f"{platform.node()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end\n")
    head = ["program", "threadplay"] + (["before"] if args.before else []) + [
        f"CPython {version.split()[-1]}", "ratio"] + (["ratio before"] if args.before else []) + ["checksum"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    logs = {name: [] for name, _ in binaries}
    above = {name: 0 for name, _ in binaries}
    problems = []
    for label, times, checksums, errors in rows:
        cells = [label]
        cpython = median(times["cpython"]) if times["cpython"] else None
        ratios = []
        verdict = "same as CPython"
        for name, _ in binaries:
            ours = median(times[name]) if times[name] else None
            cells.append(f"{ours:.4f}" if ours is not None else "**ERROR**")
            wrong = len(checksums[name] | checksums["cpython"]) > 1
            if name in errors or "cpython" in errors:
                ratios.append("**ERROR**")
                verdict = "**ERROR**"
                problems.append(f"{label} ({name}): {errors.get(name) or errors.get('cpython')}")
            elif wrong:
                ratios.append("**MISMATCH**")
                verdict = "**MISMATCH**"
                problems.append(f"{label} ({name}): checksum {sorted(checksums[name])} but CPython "
                                f"{sorted(checksums['cpython'])}")
            else:
                ratio = ours / cpython
                logs[name].append(math.log(ratio))
                above[name] += ratio > 2
                ratios.append(f"{ratio:.2f}x")
        cells.append(f"{cpython:.4f}" if cpython is not None else "**ERROR**")
        cells += ratios + [verdict]
        print("| " + " | ".join(cells) + " |")
    blanks = [""] * (len(binaries) + 1)
    means = []
    for name, _ in binaries:
        counted = logs[name]
        means.append(f"**{math.exp(sum(counted) / len(counted)):.2f}x**" if counted else "-")
    counted = len(logs["threadplay"])
    print("| " + " | ".join([f"geometric mean ({counted} rows)"] + blanks + means + [""]) + " |")
    print("| " + " | ".join(["programs above 2x"] + blanks + [str(above[name]) for name, _ in binaries] + [""]) + " |")
    if problems:
        print("\nWRONG RESULTS (a mismatch is a result, not a speed; these rows are out of the mean):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
