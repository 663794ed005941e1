"""Measure speed and peak memory of liaison at 1k to 1M claims (``make bench``).

For each size N a seeded package is generated (:mod:`generate`, cached in the
work folder by N and seed), then every step runs in a fresh Python process
(:mod:`_measure`), so that its peak memory and import costs are its own:

=============  ================================================================
load           ``analysis.load``: read and validate the four CSVs and the texts
graph          ``build_graph``: the claims ``MultiDiGraph``
compliance     ``compliance_table`` and ``compliance_matrix``
who-says-so    ``claims_by_party``, ``claims_by_kind``, ``who_says_what``,
               ``corroboration``, ``unnamed_alone``
centrality     ``actor_network`` and ``centrality`` (betweenness sampled from
               K sources, fixed seed)
export         ``analysis.export.export`` into a fresh folder (graph prebuilt)
=============  ================================================================

and three references on the same package:

* ``frictionless``: ``frictionless validate datapackage.json`` (the package's
  descriptor, as ``analysis export`` writes it), timed as a whole process;
* ``pandas-floor``: ``pandas.read_csv`` of the four CSVs (strings, nothing
  checked) and reading the texts -- nothing else;
* ``nx-export``: networkx alone writing the same graph to GraphML, GEXF and
  node-link JSON.

``time`` is the step alone, timed inside its process (setup such as loading
the package first is not counted); ``process`` is the wall time of the whole
process, from outside, interpreter start and imports included; ``peak MB`` is
the process's peak resident memory, ``setup MB`` the part of it reached
before the step began. frictionless has only a process time: it is compared
with the process time of ``load``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
STEPS = ("load", "graph", "compliance", "who-says-so", "centrality", "export")
REFERENCES = ("frictionless", "pandas-floor", "nx-export")

sys.path.insert(0, str(HERE))
from _measure import DEFAULT_K  # noqa: E402


@dataclass
class Result:
    """One measurement: a step at one size."""

    n: int
    step: str
    seconds: float | None = None  # the step alone
    process: float | None = None  # the whole process, from outside
    peak_mb: float | None = None
    setup_mb: float | None = None
    status: str = "ok"  # ok, timeout, failed, skipped
    note: str = ""
    ratios: dict = field(default_factory=dict)

    def time_text(self) -> str:
        if self.status == "timeout":
            return f"> {self.process:.0f}"
        if self.seconds is None:
            return "-"
        return _fmt(self.seconds)


def _fmt(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _run(command: list[str], timeout: float | None) -> tuple[int | None, float, float, str, str]:
    """Run `command`; return (exit code or None on timeout, wall seconds, peak RSS MB, stdout, stderr).

    The peak memory is the child's own (``os.wait4``), not the maximum over
    every child this process has had.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        rc = None
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    rc = os.waitstatus_to_exitcode(status)
                    proc.returncode = rc
                    break
                if timeout is not None and time.perf_counter() - start > timeout:
                    proc.kill()
                    _, status, usage = os.wait4(proc.pid, 0)
                    proc.returncode = -9
                    break
                time.sleep(0.02)
        except BaseException:  # interrupted: leave no measurement running
            if proc.returncode is None:
                proc.kill()
                proc.wait()
            raise
        wall = time.perf_counter() - start
        scale = 1 if sys.platform == "darwin" else 1024
        peak = usage.ru_maxrss * scale / 2**20
        out.seek(0)
        err.seek(0)
        return rc, wall, peak, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")


def ensure_package(n: int, seed: int, workdir: Path) -> Path:
    """The generated package of `n` claims, made once per (n, seed) in `workdir`."""
    folder = workdir / f"package-{n}-seed{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {n:,} claims (seed {seed}) into {folder} ...", file=sys.stderr, flush=True)
    rc, wall, _, stdout, stderr = _run([PYTHON, str(HERE / "generate.py"), str(n), str(folder), "--seed", str(seed)], None)
    if rc != 0:
        raise SystemExit(f"generating {n} claims failed:\n{stdout}{stderr}")
    done.write_text(f"generated in {wall:.1f} s\n")
    return folder


def measure(n: int, step: str, package: Path, workdir: Path, k: int, seed: int, timeout: float | None) -> Result:
    """One step in a fresh process."""
    command = [PYTHON, str(HERE / "_measure.py"), step, str(package), "--k", str(k), "--seed", str(seed)]
    if step in ("export", "nx-export"):
        out = workdir / f"{step}-{n}-seed{seed}"
        shutil.rmtree(out, ignore_errors=True)
        command += ["--out", str(out)]
    print(f"  {n:>9,} {step} ...", file=sys.stderr, flush=True)
    rc, wall, peak, stdout, stderr = _run(command, timeout)
    result = Result(n, step, process=wall, peak_mb=peak)
    if rc is None:
        result.status, result.note = "timeout", f"stopped after {timeout:.0f} s"
        return result
    if rc != 0:
        result.status = "failed"
        result.note = (stderr.strip().splitlines() or [f"exit {rc}"])[-1][:120]
        return result
    report = json.loads(stdout.strip().splitlines()[-1])
    result.seconds, result.setup_mb = report["seconds"], report["setup_rss_mb"]
    return result


def frictionless(n: int, package: Path, timeout: float | None, skip_above: int | None) -> Result:
    """``frictionless validate`` of the package's datapackage.json, as a whole process."""
    if skip_above is not None and n > skip_above:
        return Result(n, "frictionless", status="skipped", note=f"skipped: N > {skip_above:,} (--skip-frictionless-above)")
    executable = Path(PYTHON).with_name("frictionless")
    command = [str(executable)] if executable.exists() else [PYTHON, "-m", "frictionless"]
    command += ["validate", str(package / "datapackage.json")]
    print(f"  {n:>9,} frictionless ...", file=sys.stderr, flush=True)
    rc, wall, peak, stdout, stderr = _run(command, timeout)
    result = Result(n, "frictionless", seconds=None, process=wall, peak_mb=peak)
    if rc is None:
        result.status, result.note = "timeout", f"stopped after {timeout:.0f} s: no figure"
    elif rc != 0:
        # frictionless exits 1 on an invalid package: the time is real but not comparable
        result.status = "failed"
        result.note = "frictionless reported the package invalid: " + (stdout + stderr).strip()[-200:].replace("\n", " ")
    else:
        result.note = "whole process (no in-process time)"
    return result


def ratios(results: list[Result]) -> list[str]:
    """The comparisons the targets are about, one line each, per size."""
    lines = []
    by = {(r.n, r.step): r for r in results}
    for n in sorted({r.n for r in results}):
        load, floor, fl = by.get((n, "load")), by.get((n, "pandas-floor")), by.get((n, "frictionless"))
        exp, nxe = by.get((n, "export")), by.get((n, "nx-export"))
        parts = []
        if load and load.status == "ok":
            if fl is None or fl.status == "skipped":
                parts.append("frictionless: not run")
            elif fl.status == "timeout":
                parts.append(f"frictionless / load > {fl.process / load.process:.1f}x (process; frictionless timed out)")
            elif fl.status == "ok":
                parts.append(f"frictionless / load = {fl.process / load.process:.1f}x (process)")
            else:
                parts.append("frictionless: failed")
            if floor and floor.status == "ok":
                parts.append(f"load / pandas floor = {load.seconds / floor.seconds:.2f}x")
        if exp and nxe and exp.status == "ok" and nxe.status == "ok":
            parts.append(f"export / networkx alone = {exp.seconds / nxe.seconds:.2f}x")
        if parts:
            lines.append(f"N = {n:>9,}: " + "; ".join(parts))
    return lines


HEADER = ("N", "step", "time s", "process s", "peak MB", "setup MB", "note")


def rows(results: list[Result]) -> list[tuple[str, ...]]:
    out = []
    for r in results:
        note = r.note if r.status in ("ok", "skipped") else f"{r.status.upper()}: {r.note}"
        if r.step == "frictionless" and r.status == "timeout":
            process = f"> {r.process:.0f}"
        else:
            process = "-" if r.process is None else _fmt(r.process)
        out.append((f"{r.n:,}", r.step, r.time_text(), process, _mb(r.peak_mb), _mb(r.setup_mb), note))
    return out


def text_table(results: list[Result]) -> str:
    table = [HEADER, *rows(results)]
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADER) - 1)]
    lines = []
    for index, row in enumerate(table):
        cells = [row[0].rjust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:6], widths[2:6])]
        lines.append("  ".join(cells + [row[6]]).rstrip())
        if index == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def markdown_table(results: list[Result]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---:", "---", "---:", "---:", "---:", "---:", "---"]) + "|"]
    for row in rows(results):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines)


def csv_table(results: list[Result]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["n", "step", "status", "seconds", "process_seconds", "peak_mb", "setup_mb", "note"])
    for r in results:
        writer.writerow(
            [r.n, r.step, r.status, _round(r.seconds), _round(r.process), _round(r.peak_mb), _round(r.setup_mb), r.note]
        )
    return buffer.getvalue()


def _round(value):
    return "" if value is None else round(value, 4)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes takes numbers separated by commas, not {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("--sizes must be positive numbers of claims")
    return sizes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES), help="numbers of claims, e.g. 1000,10000")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated packages and of betweenness sampling")
    parser.add_argument("--workdir", type=Path, help="where packages and exports go (default: a temporary folder, removed after)")
    parser.add_argument("--k", type=int, default=DEFAULT_K, help=f"sources sampled for betweenness (default {DEFAULT_K})")
    parser.add_argument(
        "--skip-frictionless-above", type=int, metavar="N", help="do not run frictionless on packages of more than N claims"
    )
    parser.add_argument(
        "--frictionless-timeout", type=float, default=1800, metavar="S", help="stop frictionless after S seconds (default 1800)"
    )
    parser.add_argument("--timeout", type=float, default=3600, metavar="S", help="stop any other step after S seconds (default 3600)")
    parser.add_argument("--steps", help=f"comma-separated subset of: {', '.join(STEPS + REFERENCES)}")
    parser.add_argument("--out", type=Path, action="append", default=[], help="also write the table to FILE.md or FILE.csv (repeatable)")
    args = parser.parse_args(argv)
    for path in args.out:
        if path.suffix not in (".md", ".csv"):
            parser.error(f"--out {path}: the file name must end in .md or .csv")
    wanted = STEPS + REFERENCES
    if args.steps:
        wanted = tuple(s.strip() for s in args.steps.split(",") if s.strip())
        unknown = [s for s in wanted if s not in STEPS + REFERENCES]
        if unknown:
            parser.error(f"--steps: unknown {', '.join(unknown)}; choose from {', '.join(STEPS + REFERENCES)}")

    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="liaison-bench-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    started = time.perf_counter()
    try:
        for n in args.sizes:
            package = ensure_package(n, args.seed, workdir)
            for step in wanted:
                if step == "frictionless":
                    results.append(frictionless(n, package, args.frictionless_timeout, args.skip_frictionless_above))
                else:
                    results.append(measure(n, step, package, workdir, args.k, args.seed, args.timeout))
    finally:
        if temporary:
            shutil.rmtree(workdir, ignore_errors=True)

    import platform

    head = (
        f"liaison benchmark: seed {args.seed}, betweenness k = {args.k}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}"
    )
    print(head)
    print(text_table(results))
    print()
    for line in ratios(results):
        print(line)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    for path in args.out:
        if path.suffix == ".md":
            body = f"{head}\n\n{markdown_table(results)}\n\n" + "".join(f"- {line}\n" for line in ratios(results))
        else:
            body = csv_table(results)
        path.write_text(body, encoding="utf-8")
    failed = [r for r in results if r.status == "failed"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
