"""A new, empty data package for a curator to fill: what ``analysis new FOLDER`` writes.

The package holds the four tables with their headers and no rows (the
columns come from :data:`analysis.vocabulary.TABLES`), ``predicates.csv``
with the bundled corpus's relation vocabulary to start from, an empty
``sources/`` folder and a README.md for the curator. It validates as it is
(``analysis validate FOLDER`` says ``ok: 0 sources, ...``), so every problem
the validator reports later was made by an edit, one at a time.

The package is written whole or not at all: built in a hidden folder beside
FOLDER, then renamed into place. A folder that exists and is not empty is
refused, never written into.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from analysis import load
>>> folder = new_package(Path(tempfile.mkdtemp()) / "mycorpus")
>>> sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
['README.md', 'claims.csv', 'entities.csv', 'predicates.csv', 'sources', 'sources.csv']
>>> (folder / "entities.csv").read_text()
'entity_id,name,type,aliases,role,country,description\\n'
>>> load(folder).counts["claims"]
0
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from . import paths
from .problems import UsageError
from .vocabulary import (
    ANY_TYPE,
    DATE_FORMS,
    ENTITY_TYPES,
    LIST_SEPARATOR,
    NEGATIVE_STATUSES,
    POSITIVE_STATUSES,
    READINGS,
    SLUG_PATTERN,
    SOURCE_KINDS,
    TABLES,
    TEXT_KINDS,
)

__all__ = ["new_package", "package_files", "curator_readme"]


def _header(columns) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(columns)
    return out.getvalue()


def _starting_predicates() -> str:
    """The bundled corpus's predicates.csv, as it is: the vocabulary a new corpus starts from."""
    bundled = paths.DATA_DIR / "predicates.csv"
    if bundled.is_file():
        return bundled.read_text(encoding="utf-8-sig")
    return _header(TABLES["predicates"].columns)


def curator_readme(name: str) -> str:
    """The README.md written into a new package named `name`: how to fill it in.

    Enumerations and patterns are quoted from :mod:`analysis.vocabulary`, so
    the README says what the validator checks.

    Examples
    --------
    >>> text = curator_readme("mycorpus")
    >>> text.splitlines()[0]
    '# mycorpus: a liaison data package'
    >>> "analysis validate mycorpus" in text
    True
    """
    q = "`"

    def listed(values):
        return ", ".join(f"{q}{v}{q}" for v in values)

    def columns(table):
        spec = TABLES[table]
        return f"required: {listed(spec.required)}; optional: {listed(spec.optional)}"

    return f"""# {name}: a liaison data package

Made by `analysis new {name}`. Fill it in, then check it with
`analysis validate {name}` after every few edits: each problem is printed as
`FILE:LINE: COLUMN: message`, the line as your editor counts it.

## The files

- `sources.csv`: one row per source document ({columns("sources")}).
  `kind` is one of {listed(SOURCE_KINDS)}; `text` is one of {listed(TEXT_KINDS)}
  (empty means `stored`).
- `sources/<source_id>.txt`: the full text of each `stored` source, UTF-8, as
  published. A `cited` source has no text file and needs a `url`.
- `entities.csv`: the parties and things the sources name ({columns("entities")}).
  `type` is one of {listed(ENTITY_TYPES)}. Other names of the same actor go in
  `aliases`, separated by `{LIST_SEPARATOR}`.
- `predicates.csv`: the relations this corpus uses ({columns("predicates")}).
  It starts as the vocabulary of the corpus bundled with liaison; keep the
  rows you use, change or add your own. `subject_types` and `object_types` list
  the entity types allowed, separated by `{LIST_SEPARATOR}`, or `{ANY_TYPE}` for any.
- `claims.csv`: one row per sourced statement *subject, predicate, object*
  ({columns("claims")}).
- `README.md`: this file. Keep a `CHANGELOG.md` beside it: what you added,
  from which source, and why.

## Ids

Every `source_id`, `entity_id`, `predicate` and `claim_id` is a slug matching
`{SLUG_PATTERN}`: lower case letters, digits, `-` and `_`, starting with a
letter or a digit, unique in its file. A claim's `subject`, `object`,
`said_by` and `requirement` are `entity_id`s, its `source` a `source_id`.
Dates are {DATE_FORMS}.

## Quote or paraphrase

For a `stored` source, `quote` is a span copied from its text file, word for
word: curly quotes and line breaks are forgiven, nothing else (not a changed
dash, not a changed capital, not `...` for words left out). Claims made by
one sentence share its quote, and count as one statement.

For a `cited` source (its text is not yours to keep), leave `quote` empty
and write a `paraphrase` in your own words, precise enough that a reader with
the source finds the passage.

## Who says so, and how sure

`said_by` is the entity the source attributes the words to; for the
reporter's own narration, the outlet itself. `status` is the modality as
reported: {listed(POSITIVE_STATUSES)} move toward the relation holding,
{listed(NEGATIVE_STATUSES)} away from it.

`reading` is one of {listed(READINGS)}. `stated` (the default when empty)
means the words say it once names and pronouns are resolved; `inferred`
means your reading goes further (an ambiguous referent chosen, a group
spread over its members, a relation implied) and `notes` must say why.
Findings use stated claims only unless asked to include inferred ones.

## Check it and report on it

    analysis validate {name}
    analysis findings {name}
    analysis report {name} --out reports/{name}

Then open `reports/{name}/index.html` in a browser.
"""


def package_files(name: str) -> dict[str, str]:
    """File name -> text of a new, empty package named `name`.

    Examples
    --------
    >>> files = package_files("mycorpus")
    >>> sorted(files)
    ['README.md', 'claims.csv', 'entities.csv', 'predicates.csv', 'sources.csv']
    >>> files["sources.csv"]
    'source_id,title,publisher,published,kind,url,text,author,notes\\n'
    """
    files = {spec.file: _header(spec.columns) for spec in TABLES.values()}
    files["predicates.csv"] = _starting_predicates()
    files["README.md"] = curator_readme(name)
    return dict(sorted(files.items()))


def new_package(folder) -> Path:
    """Write a new, empty, valid data package into `folder`; return it, absolute.

    Parameters
    ----------
    folder : path-like
        Where the package goes: a folder that does not exist yet, or an
        empty one. Missing parent folders are made.

    Raises
    ------
    UsageError
        If `folder` exists and is not an empty folder, or may not be written
        into (a system folder, a home folder, inside the bundled data
        package: :func:`analysis.paths.output_folder`).
    """
    given = paths.shown(folder)
    target = paths.output_folder(folder, paths.DATA_DIR, what="folder")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{given} exists and is not a folder: choose a new folder for the package")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(
            f"{given} exists and is not empty: choose a new folder (analysis new writes only into a new or empty one)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
    try:
        (staging / "sources").mkdir()
        for name, text in package_files(paths.shown(target.name)).items():
            (staging / name).write_text(text, encoding="utf-8")
        # mkdtemp makes the folder private; give it the mode a plain mkdir would
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(staging, 0o777 & ~mask)
        try:
            # replaces an empty folder in one step; refuses one that filled up meanwhile
            os.rename(staging, target)
        except OSError as error:
            if target.is_dir() and any(target.iterdir()):
                raise UsageError(
                    f"{given} is no longer empty: another program wrote into it; nothing was written"
                ) from error
            raise
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    return target
