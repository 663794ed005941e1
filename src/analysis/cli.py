"""The ``analysis`` command line (SPEC part 2): parse arguments, call the package, map errors to exit codes.

Exit codes: 0 success, 1 invalid data, 2 usage error (unknown command,
missing folder, bad option). Bad input never shows a traceback.

Examples
--------
>>> from analysis.toy import write_toy
>>> import tempfile
>>> main(["validate", str(write_toy(tempfile.mkdtemp()))])
ok: 1 sources, 9 entities, 3 predicates, 5 claims
0
>>> main(["validate", "/no/such/folder"])
2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import DataPackageNotFound, DataValidationError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise _UsageError()


class _UsageError(Exception):
    pass


def _data_argument(parser):
    parser.add_argument(
        "data",
        nargs="?",
        default=None,
        metavar="DATA",
        help="the data package folder (default: the bundled data/)",
    )


def cmd_validate(args) -> int:
    from .dataset import load

    try:
        counts = load(args.data).counts
    except DataValidationError as error:
        for problem in error.problems:
            print(problem)
        return EXIT_INVALID
    print(
        f"ok: {counts['sources']} sources, {counts['entities']} entities, "
        f"{counts['predicates']} predicates, {counts['claims']} claims"
    )
    return EXIT_OK


def _load(args):
    """The data package of `args`, as it could be known on ``--as-of`` when given."""
    from .dataset import load

    dataset = load(args.data)
    return dataset if getattr(args, "as_of", None) is None else dataset.as_of(args.as_of)


def cmd_track(args) -> int:
    import json

    from .tracking import track, track_text

    dataset = _load(args)
    if args.json:
        print(json.dumps(track(dataset, include_inferred=args.include_inferred), ensure_ascii=False, indent=2))
    else:
        print(track_text(dataset, include_inferred=args.include_inferred), end="")
    return EXIT_OK


def cmd_summary(args) -> int:
    from .dataset import load
    from .summary import summary_text

    print(summary_text(_load(args), include_inferred=args.include_inferred), end="")
    return EXIT_OK


def cmd_findings(args) -> int:
    import json

    from .dataset import load
    from .findings import as_records, findings, findings_text

    results = findings(_load(args), include_inferred=args.include_inferred)
    if args.json:
        print(json.dumps(as_records(results), ensure_ascii=False, indent=2))
    else:
        print(findings_text(results), end="")
    return EXIT_OK


def cmd_export(args) -> int:
    from .dataset import load
    from .export import export

    written = export(load(args.data), args.out)
    print(f"wrote {len(written)} files to {args.out}")
    return EXIT_OK


def cmd_figures(args) -> int:
    from .dataset import load
    from .figures import write_figures

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    try:
        written = write_figures(_load(args), args.out, formats=formats, include_inferred=args.include_inferred)
    except ValueError as error:
        print(f"analysis figures: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {len(written)} files to {args.out}")
    return EXIT_OK


def cmd_report(args) -> int:
    from .report import NotebookError, build_report

    try:
        index = build_report(args.data, args.out, jobs=args.jobs)
    except NotebookError as error:
        print(f"analysis report: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"report: {index}")
    print(f"  notebooks: {index.parent / 'notebooks'}")
    print(f"  figures:   {index.parent / 'figures'}")
    print(f"  exports:   {index.parent / 'export'}")
    print(f"  explorer:  {index.parent / 'explorer.html'}")
    return EXIT_OK


def _iso_date(text: str) -> str:
    """An ``--as-of`` value: a real ISO date of any precision the SPEC allows."""
    import pyarrow as pa

    from .validation import bad_dates
    from .vocabulary import DATE_FORMS

    if not text or bad_dates(pa.array([text]))[0]:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date in the form {DATE_FORMS}")
    return text


def _as_of_argument(parser):
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="only statements made on or before DATE (a claim's said_on, else its source's date): what could be "
        "known then",
    )


def _inferred_argument(parser):
    parser.add_argument(
        "--include-inferred",
        action="store_true",
        help="also use claims whose reading is 'inferred' (the curator's reading goes beyond the words); "
        "by default only 'stated' claims count",
    )


def _out_argument(parser):
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write into (created if needed)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = _Parser(
        prog="analysis",
        description="Validate, summarise and analyse a liaison data package.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    validate = commands.add_parser("validate", help="check a data package against the SPEC")
    _data_argument(validate)
    validate.set_defaults(handler=cmd_validate)

    summary = commands.add_parser("summary", help="counts and the headline tables as text")
    _data_argument(summary)
    _inferred_argument(summary)
    _as_of_argument(summary)
    summary.set_defaults(handler=cmd_summary)

    findings = commands.add_parser("findings", help="each narrative finding, whether it holds, and its claims")
    _data_argument(findings)
    findings.add_argument("--json", action="store_true", help="print a JSON list of {id, statement, holds, claims}")
    _inferred_argument(findings)
    _as_of_argument(findings)

    track = commands.add_parser("track", help="what happened next: each subject's accounts on a matter, in order")
    _data_argument(track)
    track.add_argument(
        "--json", action="store_true", help="print a JSON list of {subject, about, accounts, latest}"
    )
    _inferred_argument(track)
    _as_of_argument(track)
    track.set_defaults(handler=cmd_track)
    findings.set_defaults(handler=cmd_findings)

    export = commands.add_parser("export", help="graph files, tables with datapackage.json, compliance.csv")
    _data_argument(export)
    _out_argument(export)
    export.set_defaults(handler=cmd_export)

    figures = commands.add_parser("figures", help="write every figure (and the CSV of its numbers)")
    _data_argument(figures)
    _out_argument(figures)
    figures.add_argument("--format", default="png,svg,pdf", help="comma-separated formats (default: png,svg,pdf)")
    _inferred_argument(figures)
    _as_of_argument(figures)
    figures.set_defaults(handler=cmd_figures)

    report = commands.add_parser("report", help="validate, run every notebook, write figures, exports and index.html")
    _data_argument(report)
    _out_argument(report)
    report.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: number of cores)")
    report.set_defaults(handler=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError:
        return EXIT_USAGE
    try:
        return args.handler(args)
    except DataPackageNotFound as error:
        print(f"analysis: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataValidationError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        # the reader (head, less) went away: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:
        # an output folder that cannot be made or written
        print(f"analysis: cannot write: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130

