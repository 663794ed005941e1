"""The ``analysis`` command line (SPEC part 2): parse arguments, call the package, map errors to exit codes.

Exit codes: 0 success, 1 invalid data, 2 usage error (unknown command,
missing folder, bad option, an ``--out`` folder that may not be written:
empty, a system folder, or inside the data package, see
:func:`analysis.paths.output_folder`; another run writing into it). Bad
input never shows a traceback.

When the reader of the output goes away (``analysis validate BAD | head -1``)
the exit code is still the command's own result: 1 for invalid data, 0 when
the data is valid (a reader that stops early is not a failure, and a
``pipefail`` gate then fails exactly when the data does).

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
import os
import sys
from pathlib import Path

from .paths import shown
from .problems import DataPackageNotFound, DataValidationError, UsageError

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
        # the result is known before a line is printed: a reader that goes away does not change it
        args.result = EXIT_INVALID
        for problem in error.problems:
            print(problem)
        return EXIT_INVALID
    args.result = EXIT_OK
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


def _check_out(args) -> None:
    """Refuse an ``--out`` that may not be written into before any work is done."""
    from .paths import DATA_DIR, output_folder

    output_folder(args.out, DATA_DIR if args.data is None else args.data)


def cmd_export(args) -> int:
    from .dataset import load
    from .export import export

    _check_out(args)
    written = export(load(args.data), args.out)
    print(f"wrote {len(written)} files to {shown(args.out)}")
    return EXIT_OK


def cmd_figures(args) -> int:
    from .export import output_set
    from .figures import write_figures

    _check_out(args)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    dataset = _load(args)
    try:
        with output_set(args.out, dataset) as staging:
            write_figures(dataset, staging, formats=formats, include_inferred=args.include_inferred)
    except UsageError:
        raise
    except ValueError as error:
        print(f"analysis figures: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {len(staging.written)} files to {shown(args.out)}")
    return EXIT_OK


def cmd_report(args) -> int:
    from .report import NotebookError, build_report

    _check_out(args)
    try:
        index = build_report(args.data, args.out, jobs=args.jobs)
    except NotebookError as error:
        print(f"analysis report: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"report: {shown(index)}")
    print(f"  notebooks: {shown(index.parent / 'notebooks')}")
    print(f"  figures:   {shown(index.parent / 'figures')}")
    print(f"  exports:   {shown(index.parent / 'export')}")
    print(f"  explorer:  {shown(index.parent / 'explorer.html')}")
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


def _out_path(text: str) -> Path:
    """An ``--out`` value: not empty (``Path("")`` would quietly be the working folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: name the folder to write into")
    return Path(text)


def _out_argument(parser):
    parser.add_argument(
        "--out",
        required=True,
        type=_out_path,
        metavar="DIR",
        help="folder to write into (created if needed; not inside the data package)",
    )


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
    restore = _printable_stdout()
    try:
        code = args.handler(args)
        # a reader that went away is noticed here, not at exit where it cannot change the code
        sys.stdout.flush()
        return code
    except DataPackageNotFound as error:
        print(f"analysis: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataValidationError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except UsageError as error:
        print(f"analysis: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader (head, less) went away: the result stands as the command found it
        _discard_stdout()
        return getattr(args, "result", EXIT_OK)
    except OSError as error:
        # an output folder that cannot be made or written
        print(f"analysis: cannot write: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    finally:
        restore()


def _printable_stdout():
    """Let stdout print a path that is not valid UTF-8 (as ``\\xNN``); return how to undo it."""
    stream = sys.stdout
    errors = getattr(stream, "errors", None)
    if errors != "strict" or not hasattr(stream, "reconfigure"):
        return lambda: None
    try:
        stream.reconfigure(errors="backslashreplace")
    except (ValueError, OSError, AttributeError):
        return lambda: None

    def restore():
        try:
            stream.reconfigure(errors=errors)
        except (ValueError, OSError, AttributeError):
            pass

    return restore


def _discard_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
