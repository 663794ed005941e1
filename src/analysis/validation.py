"""Is this data package sound? Every rule of SPEC part 1, as column operations.

Each check takes whole columns (pyarrow arrays) and returns the rows that
break a rule; only those rows become :class:`~analysis.problems.Problem`
objects. Nothing here drops, coerces or deduplicates a value: a check only
reads.

Examples
--------
>>> import pyarrow as pa
>>> normalize_text(pa.array(["\u201cGood\u201d  news,\\nit\u2019s here"])).to_pylist()
['"Good" news, it\\'s here']
>>> bad_dates(pa.array(["2022-12-09", "2022-02-30", "2022-13", "2022", "2022-W50", "9 Dec"])).tolist()
[False, True, True, False, False, True]
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .csvfile import CsvTable, OpenFolder, decode_utf8, read_bytes
from .problems import WARNING, Problem
from .suggest import IdSuggester, fold, quote_hint, suggest_value
from .vocabulary import (
    ANY_TYPE,
    DATE_FORMS,
    DATE_PATTERN,
    ENTITY_TYPES,
    LIST_SEPARATOR,
    RESERVED_COLUMNS,
    SLUG_PATTERN,
    TABLES,
    TableSpec,
)

__all__ = [
    "normalize_text",
    "bad_dates",
    "check_table",
    "check_references",
    "check_types",
    "read_texts",
    "check_quotes",
    "check_evidence",
    "check_descriptor",
    "weeks_in_year",
    "short_quotes",
    "unused_entities",
    "HINTS_PER_SOURCE",
    "SUGGESTIONS_PER_COLUMN",
    "MIN_QUOTE_WORDS",
]

# The quote check forgives exactly this (SPEC part 1): Unicode NFC, curly
# quotes and apostrophes folded to straight ones, runs of white space
# collapsed. White space is what Python's str.split() splits on.
_SINGLE_QUOTES = "[\u2018\u2019\u201a\u201b]"
_DOUBLE_QUOTES = "[\u201c\u201d\u201e\u201f]"
_SPACE_CLASS = r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\p{Z}"
_WHITESPACE = f"[{_SPACE_CLASS}]+"
# The same result, touching only what must change: a run of two or more, or
# one white-space character that is not a plain space. Most runs in prose are
# already one space, and replacing each with itself is most of the work.
_UNUSUAL_WHITESPACE = f"[{_SPACE_CLASS}]{{2,}}|[^\\PZ ]|[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f\\x{{85}}]"
# A word, as the quote check's normalisation leaves it: a run of anything
# but white space.
_WORD = f"[^{_SPACE_CLASS}]+"


# What XML 1.0 cannot carry, so neither can GraphML nor GEXF: the C0 control
# characters other than tab, LF and CR (and DEL, refused with them), and the
# non-characters U+FFFE and U+FFFF. Surrogates are not valid UTF-8, so no
# file that decodes holds one. Other non-characters (U+FDD0, U+1FFFE ...)
# are allowed in XML and kept.
_NON_CHARACTERS = "\ufffe\uffff"
_FORBIDDEN = r"[\x{00}-\x{08}\x{0B}\x{0C}\x{0E}-\x{1F}\x{7F}\x{FFFE}\x{FFFF}]"


def _is_control(character: str) -> bool:
    code = ord(character)
    return (code < 32 and character not in "\t\n\r") or code == 127


def _forbidden_message(character: str) -> str:
    """Why `character` may not be in a cell.

    Examples
    --------
    >>> _forbidden_message("\\x0c")
    'control character U+000C is not allowed in a cell (only tab, line feed and carriage return are)'
    >>> _forbidden_message("\\ufffe")
    'non-character U+FFFE is not allowed in a cell (XML, and so GraphML and GEXF, cannot carry it)'
    """
    if _is_control(character):
        return (
            f"control character U+{ord(character):04X} is not allowed in a cell "
            "(only tab, line feed and carriage return are)"
        )
    return (
        f"non-character U+{ord(character):04X} is not allowed in a cell "
        "(XML, and so GraphML and GEXF, cannot carry it)"
    )


def normalize_text(values: pa.Array | pa.ChunkedArray, *, reference: bool = False) -> pa.Array | pa.ChunkedArray:
    """Normalise strings the way the quote check compares them.

    Parameters
    ----------
    values : pyarrow string array
        Quotes, or source texts.
    reference : bool, default False
        Replace every run of white space, even one that is already a single
        space: the plain statement of the rule, slower, kept for the tests
        to compare with.

    Returns
    -------
    pyarrow string array
        NFC, straight quotes, single spaces.

    Examples
    --------
    >>> normalize_text(pa.array(["e\u0301t\u00e9\u00a0\u2018x\u2019"])).to_pylist()
    ["\u00e9t\u00e9 'x'"]
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    # pyarrow's kernels release the GIL: a large column is normalised in
    # slices, one per core
    def normalize(part):
        return _normalize(part, _WHITESPACE, nfc_everywhere=True) if reference else _normalize(part)

    parts = min(os.cpu_count() or 1, len(values), values.nbytes // _SLICE_BYTES)
    if parts <= 1:
        return normalize(values)
    # slices of about equal bytes: a few long texts weigh as much as many quotes
    offsets = np.cumsum(np.asarray(pc.fill_null(pc.binary_length(values), 0)))
    targets = np.linspace(0, offsets[-1], parts + 1)[1:-1]
    bounds = [0, *np.searchsorted(offsets, targets).tolist(), len(values)]
    slices = [values.slice(a, b - a) for a, b in zip(bounds[:-1], bounds[1:])]
    with ThreadPoolExecutor(max_workers=parts) as pool:
        return pa.chunked_array(list(pool.map(normalize, slices)), type=pa.string())


#: Below this many bytes a column is normalised in one go.
_SLICE_BYTES = 4_000_000


# Characters that NFC leaves as they are wherever they stand: each is its own
# NFC and a starter that nothing composes with or reorders around (Latin
# up to U+02FF; dashes and curly quotes). A string of these alone is in NFC.
_NFC_STABLE = r"\x{00}-\x{2FF}\x{2010}-\x{2027}"


def _normalize(values: pa.Array, whitespace: str = _UNUSUAL_WHITESPACE, nfc_everywhere: bool = False) -> pa.Array:
    if nfc_everywhere:
        values = pc.utf8_normalize(values, "NFC")
    else:
        # NFC is the slow step: only strings that hold anything else go through it
        unstable = pc.match_substring_regex(values, f"[^{_NFC_STABLE}]")
        if pc.any(unstable).as_py():
            changed = pc.utf8_normalize(pc.filter(values, unstable), "NFC")
            values = pc.replace_with_mask(values, pc.fill_null(unstable, False), changed)
    values = pc.replace_substring_regex(values, _SINGLE_QUOTES, "'")
    values = pc.replace_substring_regex(values, _DOUBLE_QUOTES, '"')
    return pc.replace_substring_regex(values, whitespace, " ")


def _mask(values) -> np.ndarray:
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


def _nonempty(values) -> np.ndarray:
    # bytes rather than characters: the same test, read from the offsets alone
    return _mask(pc.greater(pc.binary_length(values), 0))


def weeks_in_year(year: int) -> int:
    """The number of ISO weeks of an ISO year: 53 when 28 December falls in week 53.

    Examples
    --------
    >>> weeks_in_year(2020), weeks_in_year(2022)
    (53, 52)
    """
    import datetime

    return datetime.date(year, 12, 28).isocalendar().week


def bad_dates(values) -> np.ndarray:
    """Which non-empty cells are not a real ``YYYY``, ``YYYY-MM``, ``YYYY-Www`` or ``YYYY-MM-DD`` date.

    An ISO week must exist in its year: 1 to 52, or 53 in a year that has it.

    Examples
    --------
    >>> bad_dates(pa.array(["2024-02-29", "2023-02-29", "", "0000"])).tolist()
    [False, True, False, True]
    >>> bad_dates(pa.array(["2020-W53", "2022-W53", "2022-W00", "2022-W5"])).tolist()
    [False, True, True, True]
    """
    values = pc.cast(values, pa.string())
    present = _nonempty(values)
    shaped = _mask(pc.match_substring_regex(values, DATE_PATTERN))
    week = shaped & _mask(pc.match_substring_regex(values, "-W"))
    calendar = shaped & ~week
    padded = pc.utf8_rpad(pc.if_else(calendar, values, "0001"), 10, "-")
    year = _ints(pc.utf8_slice_codeunits(padded, 0, 4))
    month = _ints(pc.utf8_slice_codeunits(padded, 5, 7))
    day = _ints(pc.utf8_slice_codeunits(padded, 8, 10))
    month_ok = (month == -1) | ((month >= 1) & (month <= 12))
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days_in_month = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    last_day = days_in_month[np.clip(month, 1, 12) - 1] + ((month == 2) & leap)
    day_ok = (day == -1) | ((day >= 1) & (day <= last_day))
    real = (year >= 1) & month_ok & day_ok
    # week dates are rare: checked one by one
    for row in _rows(week):
        text = values[row].as_py()
        year_w, number = int(text[:4]), int(text[6:8])
        real[row] = year_w >= 1 and 1 <= number <= weeks_in_year(year_w)
    return present & ~(shaped & real)


def _bad_dates_by_value(values) -> np.ndarray:
    """:func:`bad_dates`, computed once per distinct value: a date column repeats a few thousand days."""
    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    if values.null_count:
        return bad_dates(values)
    distinct = pc.unique(values)
    return bad_dates(distinct)[np.asarray(pc.index_in(values, value_set=distinct).to_numpy(zero_copy_only=False))]


def _ints(values) -> np.ndarray:
    """Digits to int; the padding ``--`` (a missing part) becomes -1."""
    values = pc.if_else(pc.equal(values, "--"), "-1", values)
    values = pc.if_else(pc.equal(values, ""), "-1", values)
    return np.asarray(pc.cast(values, pa.int64()).to_numpy(zero_copy_only=False))


def _rows(mask: np.ndarray) -> list[int]:
    return np.flatnonzero(mask).tolist()


def check_table(spec: TableSpec, table: CsvTable, *, reference: bool = False) -> list[Problem]:
    """Check one table on its own: columns, empty cells, ids, enumerations, dates.

    Parameters
    ----------
    spec : TableSpec
        What the table must hold (:data:`analysis.vocabulary.TABLES`).
    table : CsvTable
        The table as read.
    reference : bool, default False
        Check every rule cell by cell, as plainly as it is stated (slower;
        the same problems): the tests' oracle for the shortcuts taken
        otherwise (a date checked once per distinct value, control
        characters looked for in the file's bytes first).

    Returns
    -------
    list of Problem
    """
    problems = []
    header_line = 1
    lines = table.lines
    for column in spec.required:
        if column not in table.columns:
            problems.append(Problem(table.path, header_line, column, "required column is missing"))
    present = [c for c in spec.columns if c in table.columns]
    values = {c: table.column(c) for c in present}

    for column in spec.required:
        if column in values:
            # a cell of white space only is as empty as an empty one
            if reference:
                blank = ~_nonempty(pc.utf8_trim_whitespace(values[column]))
            else:
                # the same white space (Arrow's), without building the trimmed copy
                blank = ~_nonempty(values[column]) | _mask(pc.utf8_is_space(values[column]))
            for row in _rows(blank):
                problems.append(Problem(table.path, int(lines[row]), column, "required value is empty"))

    for column in spec.slugs:
        if column in values:
            cells = values[column]
            malformed = _nonempty(cells) & ~_mask(pc.match_substring_regex(cells, SLUG_PATTERN))
            for row in _rows(malformed):
                problems.append(
                    Problem(
                        table.path,
                        int(lines[row]),
                        column,
                        f"malformed id {cells[row].as_py()!r}: an id is a slug matching "
                        "[a-z0-9][a-z0-9_-]*",
                    ),
                )

    if spec.key in values:
        problems += _duplicates(table, spec.key)

    for column, allowed in spec.enums:
        if column in values:
            cells = values[column]
            outside = _nonempty(cells) & ~_mask(pc.is_in(cells, value_set=pa.array(allowed)))
            for row in _rows(outside):
                problems.append(
                    Problem(
                        table.path,
                        int(lines[row]),
                        column,
                        f"{cells[row].as_py()!r} is not one of: {', '.join(allowed)}"
                        + suggest_value(cells[row].as_py(), allowed),
                    ),
                )

    for column in spec.dates:
        if column in values:
            cells = values[column]
            for row in _rows(bad_dates(cells) if reference else _bad_dates_by_value(cells)):
                problems.append(
                    Problem(
                        table.path,
                        int(lines[row]),
                        column,
                        f"{cells[row].as_py()!r} is not a real date in the form {DATE_FORMS}",
                    ),
                )

    # every column, extra ones too: they all travel into GraphML and GEXF
    for column in table.columns if reference or table.may_hold_forbidden else ():
        cells = table.column(column)
        for row in _rows(_mask(pc.match_substring_regex(cells, _FORBIDDEN))):
            character = next(c for c in cells[row].as_py() if _is_control(c) or c in _NON_CHARACTERS)
            problems.append(Problem(table.path, int(lines[row]), column, _forbidden_message(character)))
    # (a control character in the header is refused as the file is read)
    for index, name in enumerate(table.columns, start=1):
        found = [c for c in name if c in _NON_CHARACTERS]
        if found:
            message = f"header cell {index} contains non-character U+{ord(found[0]):04X}"
            problems.append(Problem(table.path, header_line, None, message))
    problems += _reserved(spec, table)

    if spec.name == "predicates":
        for column in ("subject_types", "object_types"):
            if column in values:
                problems += _type_lists(table, column)
    return problems


def _reserved(spec: TableSpec, table: CsvTable) -> list[Problem]:
    """Extra columns named as the graph files or the graph use a name (:data:`RESERVED_COLUMNS`)."""
    reserved = RESERVED_COLUMNS.get(spec.name, {})
    problems = []
    for column in table.columns:
        if column in spec.columns or column not in reserved:
            continue
        suggestion, number = f"extra_{column}", 1
        while suggestion in table.columns:
            number += 1
            suggestion = f"extra_{column}_{number}"
        problems.append(
            Problem(
                table.path,
                1,
                column,
                f"{column!r} is a reserved name: {reserved[column]}; rename the column, for example to "
                f"{suggestion!r}",
            ),
        )
    return problems


def _duplicates(table: CsvTable, key: str) -> list[Problem]:
    cells = table.column(key).combine_chunks()
    if len(pc.unique(cells)) == len(cells):  # the usual case, settled by one hash pass
        return []
    present = _nonempty(cells)
    encoded = cells.dictionary_encode()
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False))
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    repeat = np.zeros(len(codes), dtype=bool)
    repeat[order[1:]] = sorted_codes[1:] == sorted_codes[:-1]
    repeat &= present
    if not repeat.any():
        return []
    first_row = np.empty(len(encoded.dictionary), dtype=np.int64)
    first_row[sorted_codes[::-1]] = order[::-1]
    problems = []
    for row in _rows(repeat):
        first_line = int(table.lines[first_row[codes[row]]])
        problems.append(
            Problem(
                table.path,
                int(table.lines[row]),
                key,
                f"duplicate id {cells[row].as_py()!r}: first used on line {first_line}",
            ),
        )
    return problems


def _type_lists(table: CsvTable, column: str) -> list[Problem]:
    cells = table.column(column).combine_chunks()
    items = pc.list_flatten(pc.split_pattern(cells, LIST_SEPARATOR))
    parents = np.asarray(pc.list_parent_indices(pc.split_pattern(cells, LIST_SEPARATOR)))
    known = _mask(pc.is_in(items, value_set=pa.array(ENTITY_TYPES)))
    is_any = _mask(pc.equal(items, ANY_TYPE))
    counts = np.bincount(parents, minlength=len(cells))
    lone_any = is_any & (counts[parents] == 1)
    bad_rows = np.unique(parents[~(known | lone_any)])
    present = _nonempty(cells)
    problems = []
    for row in bad_rows.tolist():
        if not present[row]:
            continue
        hints = []
        for item in cells[row].as_py().split(LIST_SEPARATOR):
            if item not in ENTITY_TYPES and item != ANY_TYPE:
                hint = suggest_value(item, ENTITY_TYPES)
                if hint:
                    hints.append(f"{hint.removeprefix('; ').removesuffix('?')} for {item!r}")
        problems.append(
            Problem(
                table.path,
                int(table.lines[row]),
                column,
                f"{cells[row].as_py()!r} must be {ANY_TYPE!r} or entity types separated by "
                f"{LIST_SEPARATOR!r}, from: {', '.join(ENTITY_TYPES)}"
                + (f"; {', '.join(hints)}?" if hints else ""),
            ),
        )
    return problems


def _ids(table: CsvTable | None, spec: TableSpec) -> pa.Array | None:
    if table is None or spec.key not in table.columns:
        return None
    return table.column(spec.key).combine_chunks()


# (table, column, referenced table, whether the cell may be empty)
_REFERENCES = (
    ("claims", "subject", "entities", False),
    ("claims", "object", "entities", False),
    ("claims", "said_by", "entities", False),
    ("claims", "requirement", "entities", True),
    ("claims", "predicate", "predicates", False),
    ("claims", "source", "sources", False),
)


#: An unknown id is compared with every id, name and alias of its table to
#: suggest the nearest: for this many different unknown values per column,
#: so that a package whose references are all broken stays quick to check.
SUGGESTIONS_PER_COLUMN = 200

# what else names an id of a table, for "did you mean": (column, how it is said)
_LABELS = {
    "entities": (("name", "named"), ("aliases", "alias")),
    "predicates": (("label", "labelled"),),
}


def _suggester(table: CsvTable, target: str) -> IdSuggester:
    """The ids of `table` with the names, aliases or labels that also name them."""
    ids = table.column(TABLES[target].key).to_pylist()
    labels = {}
    for column, how in _LABELS.get(target, ()):
        if column not in table.columns:
            continue
        for identifier, text in zip(ids, table.column(column).to_pylist()):
            texts = text.split(LIST_SEPARATOR) if column == "aliases" else [text]
            labels.setdefault(identifier, []).extend((how, t) for t in texts if t.strip())
    return IdSuggester(ids, labels)


def check_references(tables: dict[str, CsvTable | None], incomplete=frozenset()) -> list[Problem]:
    """Every id a claim refers to must exist in its table.

    A reference is only checked when the table it points into was read
    whole, so a missing file is reported once, not once per claim, and an id
    on a record left out as malformed (a name in `incomplete`) is not
    reported as unknown. An unknown id is told the nearest existing id(s),
    found by the id itself or by an entity's name or alias or a predicate's
    label (:class:`analysis.suggest.IdSuggester`), for the first
    :data:`SUGGESTIONS_PER_COLUMN` different unknown values of each column.

    Examples
    --------
    >>> import numpy as np
    >>> entities = CsvTable("entities.csv", ["entity_id", "name", "type", "aliases"], pa.table(
    ...     {"entity_id": ["google"], "name": ["Google"], "type": ["platform"], "aliases": ["Google LLC"]}),
    ...     np.array([2]))
    >>> claims = CsvTable("claims.csv", ["subject"], pa.table({"subject": ["google-llc"]}), np.array([2]))
    >>> print(check_references({"entities": entities, "claims": claims})[0])
    claims.csv:2: subject: unknown entity_id 'google-llc': not in entities.csv; did you mean 'google' (alias 'Google LLC')?
    """
    problems, suggesters = [], {}
    for name, column, target, _optional in _REFERENCES:
        table = tables.get(name)
        ids = None if target in incomplete else _ids(tables.get(target), TABLES[target])
        if table is None or ids is None or column not in table.columns:
            continue
        cells = table.column(column)
        unknown = _nonempty(cells) & ~_mask(pc.is_in(cells, value_set=ids))
        key = TABLES[target].key
        hinted = set()
        for row in _rows(unknown):
            value = cells[row].as_py()
            hint = ""
            if value in hinted or len(hinted) < SUGGESTIONS_PER_COLUMN:
                hinted.add(value)
                if target not in suggesters:
                    suggesters[target] = _suggester(tables[target], target)
                hint = suggesters[target].hint(value)
            problems.append(
                Problem(
                    table.path,
                    int(table.lines[row]),
                    column,
                    f"unknown {key} {value!r}: not in {TABLES[target].file}{hint}",
                ),
            )
    return problems


def _a(word: str) -> str:
    """`word` with its indefinite article: ``an object``, ``a person``."""
    return f"{'an' if word[:1] in tuple('aeiou') else 'a'} {word}"


def check_types(tables: dict[str, CsvTable | None]) -> list[Problem]:
    """Subject and object types allowed by the predicate; `requirement` is a requirement.

    Worked in codes rather than strings: each claim's entity is found by
    its row in entities.csv (the first with that id), its type by its place
    in :data:`~analysis.vocabulary.ENTITY_TYPES`, and a predicate by its
    first row in predicates.csv, so that a million claims are checked with
    a table lookup each, without a string built per claim. What a predicate
    allows is gathered over every row with its id, as a set of types, or
    any type when a row says ``any``.

    Examples
    --------
    >>> import numpy as np
    >>> entities = CsvTable("entities.csv", ["entity_id", "type"], pa.table(
    ...     {"entity_id": ["acme", "paris", "office"], "type": ["platform", "place", "requirement"]}), np.array([2, 3, 4]))
    >>> predicates = CsvTable("predicates.csv", ["predicate", "subject_types", "object_types"], pa.table(
    ...     {"predicate": ["open_office_in"], "subject_types": ["platform|company"], "object_types": ["place"]}),
    ...     np.array([2]))
    >>> claims = CsvTable("claims.csv", ["subject", "predicate", "object", "requirement"], pa.table(
    ...     {"subject": ["acme", "paris"], "predicate": ["open_office_in"] * 2, "object": ["paris", "paris"],
    ...      "requirement": ["office", "acme"]}), np.array([2, 3]))
    >>> for problem in check_types({"claims": claims, "entities": entities, "predicates": predicates}):
    ...     print(problem)
    claims.csv:3: subject: 'paris' is a place, but predicate 'open_office_in' takes a subject of type platform|company
    claims.csv:3: requirement: 'acme' is a platform, not a requirement
    """
    claims, entities, predicates = tables.get("claims"), tables.get("entities"), tables.get("predicates")
    if claims is None or entities is None:
        return []
    if not {"entity_id", "type"} <= set(entities.columns):
        return []
    entity_ids = entities.column("entity_id").combine_chunks()
    entity_types = entities.column("type").combine_chunks()
    known = pa.array(ENTITY_TYPES, pa.string())
    # each entity row's type as its place in ENTITY_TYPES, -1 if none; one
    # more row, -1 too, for an id that is in no row
    type_codes = np.append(_codes(entity_types, known), -1)

    def entity_rows(column):
        return _codes(claims.column(column), entity_ids, missing=len(entity_ids))

    problems = []
    if predicates is not None and "predicate" in claims.columns and "predicate" in predicates.columns:
        predicate_ids = predicates.column("predicate").to_pylist()
        claim_pred = claims.column("predicate")
        pred_rows = _codes(claim_pred, predicates.column("predicate").combine_chunks())
        first_row = {}
        for row, identifier in enumerate(predicate_ids):
            first_row.setdefault(identifier, row)
        for end, rule in (("subject", "subject_types"), ("object", "object_types")):
            if end not in claims.columns or rule not in predicates.columns:
                continue
            allowed = predicates.column(rule).to_pylist()
            # by a predicate's first row: the types it takes, and whether it takes any
            takes = np.zeros((len(predicate_ids), len(ENTITY_TYPES)), dtype=bool)
            wildcard = np.zeros(len(predicate_ids), dtype=bool)
            for identifier, cell in zip(predicate_ids, allowed):
                at = first_row[identifier]
                wildcard[at] |= cell == ANY_TYPE
                for item in cell.split(LIST_SEPARATOR):
                    if item in ENTITY_TYPES:
                        takes[at, ENTITY_TYPES.index(item)] = True
            claim_types = type_codes[entity_rows(end)]
            # an entity of an unknown type is reported once, in entities.csv
            checkable = (claim_types >= 0) & (pred_rows >= 0)
            at, kind = pred_rows[checkable], claim_types[checkable]
            wrong = np.zeros(len(checkable), dtype=bool)
            wrong[checkable] = ~(takes[at, kind] | wildcard[at])
            for row in _rows(wrong):
                problems.append(
                    Problem(
                        claims.path,
                        int(claims.lines[row]),
                        end,
                        f"{claims.column(end)[row].as_py()!r} is {_a(ENTITY_TYPES[claim_types[row]])}, but "
                        f"predicate {claim_pred[row].as_py()!r} takes {_a(end)} of type "
                        f"{allowed[pred_rows[row]]}",
                    ),
                )

    if "requirement" in claims.columns:
        rows = entity_rows("requirement")
        # an id found, whose type (known or not) is not "requirement"
        wrong = (rows < len(entity_ids)) & (type_codes[rows] != ENTITY_TYPES.index("requirement"))
        for row in _rows(wrong):
            problems.append(
                Problem(
                    claims.path,
                    int(claims.lines[row]),
                    "requirement",
                    f"{claims.column('requirement')[row].as_py()!r} is "
                    f"{_a(entity_types[int(rows[row])].as_py())}, not a requirement",
                ),
            )
    return problems


def _codes(values, value_set: pa.Array, missing: int = -1) -> np.ndarray:
    """The place in `value_set` of each of `values` (the first, if it is there twice); `missing` where it is not."""
    return np.asarray(pc.fill_null(pc.index_in(values, value_set=value_set), missing), dtype=np.int64)


def _cited(sources: CsvTable) -> np.ndarray:
    """Which sources are ``cited`` (an empty ``text`` is ``stored``)."""
    if "text" not in sources.columns:
        return np.zeros(len(sources), dtype=bool)
    return _mask(pc.equal(sources.column("text"), "cited"))


def read_texts(folder: Path, sources: CsvTable | None, *, reference: bool = False) -> tuple[dict[str, str], list[Problem]]:
    """Read ``sources/<source_id>.txt`` for every well-formed, unique, stored source id.

    Each file is read through the open ``sources/`` folder when it is a
    plain regular file (:class:`~analysis.csvfile.OpenFolder`), and otherwise, or with
    `reference`, by :func:`~analysis.csvfile.read_bytes`, which reads or
    refuses it and says why: the same texts and problems either way.

    A ``cited`` source keeps no text: a file for it is a problem (its text
    is not ours to redistribute).

    Returns
    -------
    texts : dict
        source_id to the full text, exactly as stored (a BOM dropped).
    problems : list of Problem
    """
    if sources is None or "source_id" not in sources.columns:
        return {}, []
    folder = Path(folder)
    ids = sources.column("source_id").to_pylist()
    usable = _nonempty(sources.column("source_id")) & _mask(
        pc.match_substring_regex(sources.column("source_id"), SLUG_PATTERN)
    )
    cited = _cited(sources)
    if not (folder / "sources").is_dir():
        if not (usable & ~cited).any():
            return {}, []
        found = "is a file, not a folder" if (folder / "sources").exists() else "folder not found"
        return {}, [
            Problem("sources", None, None, f"{found}: each stored source's text goes in sources/<source_id>.txt"),
        ]
    texts, problems, seen = {}, [], set()
    quick = None if reference else OpenFolder.open(folder, "sources")
    with quick or contextlib.nullcontext():
        for row, source_id in enumerate(ids):
            if not usable[row] or source_id in seen:
                continue
            seen.add(source_id)
            rel = f"sources/{source_id}.txt"
            if cited[row]:
                if os.path.lexists(folder / rel):
                    problems.append(
                        Problem(
                            sources.path,
                            int(sources.lines[row]),
                            "text",
                            f"a cited source keeps no text file, but {rel} exists: remove it, or set text "
                            "to 'stored' if the text may be redistributed",
                        ),
                    )
                continue
            raw = quick.read(f"{source_id}.txt") if quick is not None else None
            if raw is None:  # anything out of the ordinary: read_bytes says what
                raw, read_problems = read_bytes(folder / rel, rel)
                if raw is None:
                    if read_problems[0].message == "file not found":
                        problems.append(
                            Problem(
                                sources.path, int(sources.lines[row]), "source_id", f"source text {rel} not found"
                            ),
                        )
                    else:
                        problems += read_problems
                    continue
            text, decode_problems = decode_utf8(raw, rel)
            problems += decode_problems
            if text is not None:
                texts[source_id] = text
    return texts, problems


def check_evidence(tables: dict[str, CsvTable | None]) -> list[Problem]:
    """What each claim rests on: a quote of a stored source, a paraphrase of a cited one, notes for an inferred reading.

    Also: a cited source must give its ``url``.
    """
    sources, claims = tables.get("sources"), tables.get("claims")
    problems = []
    # whether a claim needs a quote or a paraphrase depends on its source:
    # a claim whose source is unknown (reported as such), on a record left
    # out as malformed, or in a sources.csv that could not be read, is not judged
    source_ids, cited_ids = set(), set()
    if sources is not None and "source_id" in sources.columns:
        cited = _cited(sources)
        source_ids = set(sources.column("source_id").to_pylist())
        cited_ids = set(pc.filter(sources.column("source_id"), pa.array(cited)).to_pylist())
        # typed: an empty list would make a null array, which string kernels reject
        url = sources.column("url") if "url" in sources.columns else pa.array([""] * len(sources), pa.string())
        for row in _rows(cited & ~_nonempty(pc.utf8_trim_whitespace(url))):
            problems.append(
                Problem(sources.path, int(sources.lines[row]), "url", "a cited source must give its url"),
            )
    if claims is None:
        return problems

    def cells(column):
        if column in claims.columns:
            return claims.column(column)
        return pa.array([""] * len(claims), pa.string())

    def line(row):
        return int(claims.lines[row])

    quote = _nonempty(pc.utf8_trim_whitespace(cells("quote")))
    paraphrase = _nonempty(pc.utf8_trim_whitespace(cells("paraphrase")))
    of_cited = _mask(pc.is_in(cells("source"), value_set=pa.array(sorted(cited_ids), pa.string())))
    known_source = _mask(pc.is_in(cells("source"), value_set=pa.array(sorted(source_ids - {""}), pa.string())))
    for row in _rows(known_source & ~of_cited & ~quote):
        problems.append(
            Problem(
                claims.path,
                line(row),
                "quote",
                "required value is empty: a claim of a stored source quotes its text verbatim",
            ),
        )
    for row in _rows(of_cited & quote):
        problems.append(
            Problem(
                claims.path,
                line(row),
                "quote",
                "a claim of a cited source carries no quote (its text is not ours to redistribute): "
                "put what it says, in your own words, in paraphrase",
            ),
        )
    for row in _rows(of_cited & ~paraphrase):
        problems.append(
            Problem(
                claims.path,
                line(row),
                "paraphrase",
                "required value is empty: a claim of a cited source says in paraphrase, in the "
                "curator's own words, what the source says",
            ),
        )
    inferred = _mask(pc.equal(cells("reading"), "inferred"))
    notes = _nonempty(pc.utf8_trim_whitespace(cells("notes")))
    for row in _rows(inferred & ~notes):
        problems.append(
            Problem(
                claims.path,
                line(row),
                "notes",
                "an inferred claim must say in notes why the reading goes beyond the words",
            ),
        )
    return problems


#: The near-miss hint of :func:`check_quotes` costs several searches of the
#: source's text: it is given for this many quotes not found in each source,
#: and the rest are listed without one.
HINTS_PER_SOURCE = 20

#: A quote of fewer words than this is a warning (:func:`short_quotes`): a
#: claim says who did what to whom, and the words that support it name at
#: least the doing and one party ("Acme has agreed"). One or two words
#: ("the", "agreed") occur all over a text, so they neither locate the
#: passage for a reader nor show that the source says the claim. Counted
#: in words, not characters, because that is what the rule is about: a
#: two-word quote of long words is no better evidence.
MIN_QUOTE_WORDS = 3


def check_quotes(claims: CsvTable | None, texts: dict[str, str], *, reference: bool = False) -> list[Problem]:
    """Every quote occurs, normalised, in the normalised text of its source.

    Each source text is normalised once; the quotes are normalised as one
    column; then each is looked up in its own source's text. A quote not
    found is reported on its own line; the first :data:`HINTS_PER_SOURCE`
    of each source also get a hint (:func:`analysis.suggest.quote_hint`):
    the usual cause named (a dash of another kind, letter case, an ellipsis,
    a doubled or missing word) and the nearest passage with the differences
    in [brackets], or where the quote stops matching. A hint costs several
    searches of the text (thousands of quotes pasted from the wrong text
    would take minutes), so the first without one counts the rest.

    Most quotes are copied verbatim, so each is first looked for as written
    (:func:`_found_verbatim`); only the others, and only the texts of their
    sources, are normalised. The verdicts are the same as normalising
    everything (``reference=True``, kept for the tests to compare with).

    Examples
    --------
    >>> import numpy as np
    >>> table = pa.table({"quote": ["the cat sat", "the cat sat down", "a dog"], "source": ["s1"] * 3})
    >>> claims = CsvTable("claims.csv", ["quote", "source"], table, np.array([2, 3, 4]))
    >>> for problem in check_quotes(claims, {"s1": "The cat sat on the mat: the cat sat up."}):
    ...     print(problem)
    claims.csv:3: quote: not found in sources/s1.txt; the text matches up to 'the cat sat ', then differs at 'down'
    claims.csv:4: quote: not found in sources/s1.txt
    >>> claims = CsvTable("claims.csv", ["quote", "source"], pa.table({"quote": ["The cat sat on the Mat"], "source": ["s1"]}), np.array([2]))
    >>> print(check_quotes(claims, {"s1": "The cat sat on the mat: the cat sat up."})[0])
    claims.csv:2: quote: not found in sources/s1.txt; the case differs: 'Mat' where the source has 'mat'; nearest passage: "The cat sat on the [mat]"
    """
    if claims is None or not {"quote", "source"} <= set(claims.columns) or not texts:
        return []
    if reference:
        source_ids = list(texts)
        normalized = dict(zip(source_ids, normalize_text(pa.array(list(texts.values())), reference=True).to_pylist()))
        quotes = normalize_text(claims.column("quote"), reference=True).to_pylist()
        sources = claims.column("source").to_pylist()
        missing = [
            (row, quote, source)
            for row, (quote, source) in enumerate(zip(quotes, sources))
            if source in normalized and quote and quote not in normalized[source]
        ]
    else:
        missing, normalized = _missing_quotes(claims, texts)
    total, seen = Counter(source for _, _, source in missing), Counter()
    folded = {}
    problems = []
    for row, quote, source in missing:
        seen[source] += 1
        rel = f"sources/{source}.txt"
        message = f"not found in {rel}"
        if seen[source] <= HINTS_PER_SOURCE:
            if source not in folded:
                folded[source] = fold(normalized[source])
            message += quote_hint(quote, normalized[source], folded[source])
        elif seen[source] == HINTS_PER_SOURCE + 1:
            more = total[source] - seen[source]
            counted = f" and {more:,} more {'quote' if more == 1 else 'quotes'} not found in {rel}" if more else ""
            message += f" (no hint for this one{counted}: hints stop after the first {HINTS_PER_SOURCE})"
        problems.append(Problem(claims.path, int(claims.lines[row]), "quote", message))
    return problems


#: Quotes are looked up this many at a time, so that only one batch of
#: them is held as Python strings at once.
_QUOTE_BATCH = 100_000


def _found_verbatim(quote: str, text: str, start: int, end: int) -> int:
    """Where `quote` occurs as written in ``text[start:end]`` such that it occurs normalised too; -1 if not found so.

    Finding the quote as written settles it only when normalising cannot
    change across its two ends: NFC composes or reorders a character with
    what precedes it only if it is a combining mark or a conjoining jamo
    (all from U+0300 on), so the quote's first character and the text's
    character after the match must both come before U+0300. White space
    collapses the same inside the quote as around it, and quotes fold one
    character at a time.

    Examples
    --------
    >>> _found_verbatim("cafe", "the cafe is open", 0, 16)
    4
    >>> _found_verbatim("cafe", "the cafe\\u0301 is open", 0, 17)  # NFC makes it "caf\\u00e9": not "cafe"
    -1
    """
    at = text.find(quote, start, end)
    if at < 0 or quote[0] >= "\u0300":
        return -1
    after = at + len(quote)
    if after < len(text) and text[after] >= "\u0300":
        return -1
    return at


def _missing_quotes(claims: CsvTable, texts: dict[str, str]):
    """The quotes not found in their source's text, as :func:`check_quotes` decides it.

    Three steps, each settling what it can. First the quote as written
    (:func:`_found_verbatim`), just after the last quote of the same source
    found so, then anywhere in the text while that keeps paying off for the
    source (claims in their text's order are found at once or not verbatim
    at all; shuffled ones are found further off). Then, normalised, in the
    normalised stretch of its source between the quotes found verbatim just
    before and just after it, cut where nothing composes across the cut
    (:func:`_stretch`): such a stretch normalises to a piece of the
    normalised text, so a quote found in it is in the text. Last, for what
    is left, in the whole normalised text.

    Returns
    -------
    missing : list of (row, normalised quote, source_id)
    normalized : dict
        The normalised text of every source that has a quote not found.
    """
    quote_column, source_column = claims.column("quote"), claims.column("source")
    # the rows with a quote and a text, source by source, in file order
    # within each: a source's quotes are looked for one after another
    ids = list(texts)
    codes = np.asarray(pc.fill_null(pc.index_in(source_column, value_set=pa.array(ids, pa.string())), -1))
    rows = np.flatnonzero((codes >= 0) & _nonempty(quote_column))
    rows = rows[np.argsort(codes[rows], kind="stable")]
    # (row, quote, source, where the stretch starts, where it ends)
    doubtful: list[list] = []
    current = -1
    for offset in range(0, len(rows), _QUOTE_BATCH):
        batch = rows[offset : offset + _QUOTE_BATCH]
        quotes = quote_column.take(pa.array(batch)).to_pylist()
        for row, code, quote in zip(batch.tolist(), codes[batch].tolist(), quotes):
            if code != current:
                current, source = code, ids[code]
                text = texts[source]
                # where the last quote found verbatim starts, and ends; the
                # quotes found, and not found, when looked for in the whole text
                resume = after = found = missed = 0
                waiting = []
            length = len(quote)
            at = _found_verbatim(quote, text, resume, resume + length + _STRETCH)
            if at < 0 and found >= missed:
                at = _found_verbatim(quote, text, 0, len(text))
                if at >= 0:
                    found += 1
                else:
                    missed += 1
            if at >= 0:
                resume, after = at, at + length
                for index in waiting:
                    doubtful[index][4] = at
                waiting = []
            else:
                waiting.append(len(doubtful))
                doubtful.append([row, quote, source, after, -1])
    if not doubtful:
        return [], {}
    left = []
    for start in range(0, len(doubtful), _QUOTE_BATCH):
        batch = doubtful[start : start + _QUOTE_BATCH]
        quotes = normalize_text(pa.array([quote for _, quote, _, _, _ in batch], pa.string())).to_pylist()
        windows = [_stretch(texts[source], len(quote), begin, end) for _, quote, source, begin, end in batch]
        stretches = normalize_text(pa.array(windows, pa.string())).to_pylist()
        left += [
            (entry[0], quote, entry[2])
            for entry, quote, stretch in zip(batch, quotes, stretches)
            if quote not in stretch
        ]
    if not left:
        return [], {}
    involved = list(dict.fromkeys(source for _, _, source in left))
    normalized = dict(zip(involved, normalize_text(pa.array([texts[s] for s in involved], pa.string())).to_pylist()))
    resume = {}
    missing = []
    for row, quote, source in left:
        text = normalized[source]
        start = resume.get(source, 0)
        at = text.find(quote, start)
        if at < 0 and start:
            at = text.find(quote, 0, start + len(quote) - 1)
        if at < 0:
            missing.append((row, quote, source))
        else:
            resume[source] = at
    missing.sort(key=lambda entry: entry[0])
    return missing, {source: normalized[source] for _, _, source in missing}


#: The longest stretch of a text, in characters beyond the quote's own
#: length, in which :func:`_missing_quotes` looks for a quote before it
#: normalises the whole text; claims far out of their text's order go
#: straight to the whole text.
_STRETCH = 4096


def _stretch(text: str, length: int, begin: int, end: int) -> str:
    """``text[begin:end]`` widened to cuts that normalising cannot cross; empty if it would be too long.

    A cut before a character below U+0300 is safe: such a character neither
    composes with nor reorders around what precedes it (see
    :func:`_found_verbatim`).
    """
    if end < 0:
        end = begin + length + _STRETCH
    if end - begin > length + _STRETCH:
        return ""
    begin = min(begin, len(text))  # after a quote that ends the text, the stretch starts at its end
    while 0 < begin < len(text) and text[begin] >= "\u0300":
        begin -= 1
    end = min(end, len(text))
    while end < len(text) and text[end] >= "\u0300":
        end += 1
    return text[begin:end]


def short_quotes(claims: CsvTable | None, *, reference: bool = False) -> list[Problem]:
    """Warnings for quotes of fewer than :data:`MIN_QUOTE_WORDS` words: too short to support a claim.

    Words are counted after the quote check's normalisation (runs of white
    space are one). A warning does not make the package invalid.

    Examples
    --------
    >>> import numpy as np
    >>> claims = CsvTable("claims.csv", ["quote"], pa.table({"quote": ["the", "Acme has agreed", ""]}), np.array([2, 3, 4]))
    >>> for problem in short_quotes(claims):
    ...     print(problem)
    claims.csv:2: quote: warning: 'the' is 1 word, too short to support a claim: quote at least 3 words that say it (who does what)
    """
    if claims is None or "quote" not in claims.columns:
        return []
    if reference:
        quotes = pc.utf8_trim_whitespace(normalize_text(claims.column("quote"), reference=True))
        words = np.asarray(pc.count_substring_regex(quotes, r"\S+").to_numpy(zero_copy_only=False))
        short = _rows((words > 0) & (words < MIN_QUOTE_WORDS))
        shown = [quotes[row].as_py() for row in short]
    else:
        # normalising changes no character's being white space or not, so
        # the words are counted as written; a quote that has enough words is
        # told by one match, and only the others are counted and normalised
        cells = claims.column("quote")
        space, word = f"[{_SPACE_CLASS}]+", _WORD
        enough = f"[^{_SPACE_CLASS}]" + f"{space}{word}" * (MIN_QUOTE_WORDS - 2) + f"{space}[^{_SPACE_CLASS}]"
        unsure = pa.array(_rows(~_mask(pc.match_substring_regex(cells, enough))), pa.int64())
        counted = np.asarray(pc.count_substring_regex(pc.take(cells, unsure), _WORD).to_numpy(zero_copy_only=False))
        words = np.full(len(claims), MIN_QUOTE_WORDS, dtype=np.int64)
        words[np.asarray(unsure, dtype=np.int64)] = counted
        short = _rows((words > 0) & (words < MIN_QUOTE_WORDS))
        few = pc.take(cells, pa.array(short, pa.int64())).combine_chunks()
        shown = pc.utf8_trim_whitespace(normalize_text(few)).to_pylist()
    problems = []
    for row, quote in zip(short, shown):
        n = int(words[row])
        problems.append(
            Problem(
                claims.path,
                int(claims.lines[row]),
                "quote",
                f"{quote!r} is {n} word{'s' if n != 1 else ''}, too short to support a claim: "
                f"quote at least {MIN_QUOTE_WORDS} words that say it (who does what)",
                severity=WARNING,
            ),
        )
    return problems


#: The claim columns through which an entity is used.
_ENTITY_USES = ("subject", "object", "said_by", "requirement")


def unused_entities(tables: dict[str, CsvTable | None], incomplete=frozenset()) -> list[Problem]:
    """Warnings for entities that no claim uses as subject, object, said_by or requirement.

    Such an entity is often a typo'd id's intended target or left over
    from an edit; it is a warning, since a curator may add it ahead of its
    claims. Nothing is said when claims.csv was not read whole (a record
    left out as malformed may be the one that uses it), nor when a claim
    names an entity that does not exist (it may be the unused one,
    misspelt: the unknown id's "did you mean" says so).

    Examples
    --------
    >>> import numpy as np
    >>> entities = CsvTable("entities.csv", ["entity_id"], pa.table({"entity_id": ["acme", "pta"]}), np.array([2, 3]))
    >>> claims = CsvTable("claims.csv", ["subject"], pa.table({"subject": ["acme"]}), np.array([2]))
    >>> print(unused_entities({"entities": entities, "claims": claims})[0])
    entities.csv:3: entity_id: warning: 'pta' is used by no claim (as subject, object, said_by or requirement)
    """
    entities, claims = tables.get("entities"), tables.get("claims")
    if entities is None or claims is None or "claims" in incomplete or "entity_id" not in entities.columns:
        return []
    used = [claims.column(c).combine_chunks() for c in _ENTITY_USES if c in claims.columns]
    if not used:
        return []
    # the ids used, per column first: four columns of a million claims are never copied into one
    value_set = pa.concat_arrays([column.unique() for column in used]).unique()
    ids = entities.column("entity_id")
    named = pc.filter(value_set, pc.greater(pc.binary_length(value_set), 0))
    if not _mask(pc.is_in(named, value_set=ids.combine_chunks())).all():
        return []
    unused = _nonempty(ids) & ~_mask(pc.is_in(ids, value_set=value_set))
    return [
        Problem(
            entities.path,
            int(entities.lines[row]),
            "entity_id",
            f"{ids[row].as_py()!r} is used by no claim (as {', '.join(_ENTITY_USES[:-1])} or {_ENTITY_USES[-1]})",
            severity=WARNING,
        )
        for row in _rows(unused)
    ]


def check_descriptor(folder: Path) -> list[Problem]:
    """An optional ``datapackage.json`` must at least be a JSON object."""
    path = Path(folder) / "datapackage.json"
    if not path.exists():
        return []
    raw, problems = read_bytes(path, "datapackage.json")
    if raw is None:
        return problems
    text, problems = decode_utf8(raw, "datapackage.json")
    if text is None:
        return problems
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        return [Problem("datapackage.json", error.lineno, None, f"not valid JSON: {error.msg}")]
    except RecursionError:
        message = "cannot be read: its JSON is nested too deeply (a descriptor needs a few levels, not thousands)"
        return [Problem("datapackage.json", None, None, message)]
    except ValueError as error:
        # the one other way json.loads fails: an integer longer than Python converts
        found = re.search(r"\((\d+) digits\)", str(error))
        limit = f" (more than {int(found.group(1)):,} digits)" if found else f": {error}"
        return [Problem("datapackage.json", None, None, f"cannot be read: a number in it is too long{limit}")]
    if not isinstance(descriptor, dict):
        return [Problem("datapackage.json", None, None, "must be a JSON object")]
    return []
