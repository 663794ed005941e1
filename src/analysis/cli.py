"""The ``analysis`` command line (SPEC part 2): parse arguments, call the package, map errors to exit codes.

Exit codes: 0 success, 1 invalid data, 2 usage error (unknown command,
missing folder, bad option, an ``--out`` folder that may not be written:
empty, a system folder, or inside the data package, see
:func:`analysis.paths.output_folder`; another run writing into it). Bad
input never shows a traceback.

Errors are mapped narrowly. Only what the user can fix is a clean message:
a bad option or folder (:class:`~analysis.problems.UsageError`, exit 2),
invalid data (exit 1), and a file of the user's own that cannot be read or
written (an ``OSError`` naming a path in DATA, ``--out``, ``--notebooks`` or
the new package's folder, or a full disk). Any other exception is a bug in
liaison: its traceback is printed, then ``analysis: internal error, please
report: ...``, and the exit code is 1, never the usage error's 2.

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
import errno
import os
import sys
import traceback
from pathlib import Path

from .paths import shown
from .problems import DataPackageNotFound, DataValidationError, UsageError

__all__ = ["main", "build_parser", "version_text"]

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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cmd_validate(args) -> int:
    from .dataset import load

    try:
        dataset = load(args.data)
    except DataValidationError as error:
        # the result is known before a line is printed: a reader that goes away does not change it
        args.result = EXIT_INVALID
        for problem in error.problems:
            print(problem)
        for warning in getattr(error, "warnings", ()):
            print(warning)
        return EXIT_INVALID
    args.result = EXIT_OK
    warnings = tuple(getattr(dataset, "warnings", ()))
    for warning in warnings:
        print(warning)
    counts = dataset.counts
    line = (
        f"ok: {counts['sources']} sources, {counts['entities']} entities, "
        f"{counts['predicates']} predicates, {counts['claims']} claims"
    )
    print(f"{line}; {_plural(len(warnings), 'warning')}" if warnings else line)
    return EXIT_OK


def cmd_new(args) -> int:
    from .scaffold import new_package

    folder = new_package(args.folder)
    name = shown(args.folder)
    print(f"new data package: {shown(folder)}")
    print(f"  fill it in (see {name}/README.md), then: analysis validate {name}")
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
    dataset = _load(args)
    # the formats were checked when the options were read (_formats)
    with output_set(args.out, dataset) as staging:
        write_figures(dataset, staging, formats=args.format, include_inferred=args.include_inferred)
    print(f"wrote {len(staging.written)} files to {shown(args.out)}")
    return EXIT_OK


def cmd_report(args) -> int:
    from .report import NotebookError, build_report

    _check_out(args)
    try:
        # --notebooks only when given: build_report's own default is the bundled notebooks
        options = {} if args.notebooks is None else {"notebooks": args.notebooks}
        index = build_report(args.data, args.out, jobs=args.jobs, **options)
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


def _jobs(text: str) -> int:
    """A ``--jobs`` value: a whole number of notebooks run at once, 1 or more."""
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number: give 1 or more") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is less than 1: give 1 or more")
    return jobs


def _formats(text: str) -> list[str]:
    """A ``--format`` value: comma-separated figure formats, in any case, each once, in the order given."""
    from .figures import FORMATS

    given = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [part for part in given if part not in FORMATS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(map(repr, unknown))}: choose from {', '.join(FORMATS)}"
        )
    if not given:
        raise argparse.ArgumentTypeError(f"no format given: choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(given))


def _folder_path(text: str) -> Path:
    """A folder argument: not empty (``Path("")`` would quietly be the working folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: name the folder")
    return Path(text)


def version_text() -> str:
    """What ``analysis --version`` prints: the command, the distribution and its installed version.

    Examples
    --------
    >>> version_text()  # doctest: +ELLIPSIS
    'analysis (liaison) ...'
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("liaison")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from . import __version__ as number
    return f"analysis (liaison) {number}"


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
    parser.add_argument("--version", action="version", version=version_text())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    new = commands.add_parser(
        "new", help="write an empty, valid data package to fill in, with a README for the curator"
    )
    new.add_argument("folder", type=_folder_path, metavar="FOLDER", help="a new (or empty) folder for the package")
    new.set_defaults(handler=cmd_new)

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
    figures.add_argument(
        "--format",
        type=_formats,
        default="png,svg,pdf",
        help="comma-separated formats, in any case (default: png,svg,pdf)",
    )
    _inferred_argument(figures)
    _as_of_argument(figures)
    figures.set_defaults(handler=cmd_figures)

    report = commands.add_parser("report", help="validate, run every notebook, write figures, exports and index.html")
    _data_argument(report)
    _out_argument(report)
    report.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="notebooks run at once, 1 or more (default: number of cores)",
    )
    report.add_argument(
        "--notebooks",
        type=_folder_path,
        default=None,
        metavar="DIR",
        help="run the NN_*.py notebooks of DIR instead of the ones liaison ships",
    )
    report.set_defaults(handler=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError:
        return EXIT_USAGE
    except SystemExit as done:
        # --help and --version print and stop: a result, not an error
        return done.code if isinstance(done.code, int) else EXIT_OK
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
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        known = _users_file_error(error, args)
        if known is None:
            return _internal_error(error)
        message, code = known
        print(f"analysis: {message}", file=sys.stderr)
        return code
    except Exception as error:
        return _internal_error(error)
    finally:
        restore()


#: Errors of the machine, not of liaison, whichever file they name.
_FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


def _absolute(path):
    try:
        return Path(os.path.abspath(os.fsdecode(path)))
    except (TypeError, ValueError):
        return None


def _inside(path, folder, or_on_the_way: bool = False) -> bool:
    """Whether `path` is `folder` or lies inside it; or, if asked, is a folder made on the way to it."""
    if path is None or folder is None:
        return False
    path, folder = _absolute(path), _absolute(folder)
    if path is None or folder is None:
        return False
    return path == folder or folder in path.parents or (or_on_the_way and path in folder.parents)


def _users_file_error(error: OSError, args):
    """(message, exit code) when `error` is about the user's own files or disk; None when it is liaison's."""
    names = [n for n in (error.filename, getattr(error, "filename2", None)) if n is not None]
    reason = error.strerror or str(error)
    if error.errno in _FULL_OR_READ_ONLY:
        where = f" {shown(names[0])}" if names else ""
        return f"cannot write{where}: {reason}", EXIT_USAGE
    from .paths import DATA_DIR

    data = DATA_DIR if getattr(args, "data", None) is None else args.data
    for name in names:
        for written in (getattr(args, "out", None), getattr(args, "folder", None)):
            if _inside(name, written, or_on_the_way=True):
                return f"cannot write {shown(name)}: {reason}", EXIT_USAGE
        if _inside(name, getattr(args, "notebooks", None)):
            return f"cannot read {shown(name)}: {reason}", EXIT_USAGE
        if _inside(name, data):
            return f"cannot read {shown(name)}: {reason}", EXIT_INVALID
    return None


def _internal_error(error: BaseException) -> int:
    """A bug in liaison: show it as one, with its traceback, and exit 1 (never the usage error's 2)."""
    traceback.print_exception(error, file=sys.stderr)
    print(f"analysis: internal error, please report: {type(error).__name__}: {error}", file=sys.stderr)
    return EXIT_INVALID


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
