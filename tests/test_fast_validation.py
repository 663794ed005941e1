"""The quick way of loading a package gives what the plain way gives, problem for problem.

``analysis.load`` takes shortcuts that make a million claims quick: a CSV
with nothing wrong in it read without a scan of every comma, a quote looked
for as written before anything is normalised, a date checked once per
distinct value, control characters looked for in a file's bytes first.
``reference=True`` checks everything the plain way the rules are stated.
The reference is the oracle: on every corpus, and on packages broken at
random, the two give the same problems in the same words, the same warnings
and the same tables.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from unittest import mock

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from conftest import ARDENIA_DIR, DATA_DIR, PACKAGE_FILES, TINY_FILES, write_file, write_package
from corpus_builder import write_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import csvfile
from analysis.csvfile import read_csv
from analysis.problems import DataValidationError
from analysis.toy import write_toy

VALDORIA_DIR = Path(__file__).parent / "corpora" / "valdoria"


def _outcome(folder, reference):
    """Everything loading says about `folder`: the problems and warnings as printed, or the tables."""
    try:
        dataset = analysis.load(folder, reference=reference)
    except DataValidationError as error:
        return "invalid", [str(p) for p in error.problems], [str(p) for p in error.warnings]
    return dataset, [], [str(p) for p in dataset.warnings]


def assert_same_as_reference(folder):
    fast, reference = _outcome(folder, False), _outcome(folder, True)
    assert fast[1:] == reference[1:]
    assert isinstance(fast[0], str) == isinstance(reference[0], str)
    if not isinstance(fast[0], str):
        for name in ("sources", "entities", "predicates", "claims"):
            pd.testing.assert_frame_equal(getattr(fast[0], name), getattr(reference[0], name))
        assert fast[0].texts == reference[0].texts
    assert analysis.validate(folder, warnings=True) == analysis.validate(folder, warnings=True, reference=True)


@pytest.mark.parametrize("folder", [DATA_DIR, ARDENIA_DIR, VALDORIA_DIR], ids=["data", "ardenia", "valdoria"])
def test_every_corpus_loads_the_same_as_the_reference(folder):
    assert_same_as_reference(folder)


def test_the_toy_package_loads_the_same_as_the_reference(tmp_path):
    assert_same_as_reference(write_toy(tmp_path))


def _package(tmp_path, quote, text):
    """One claim quoting `quote` from a source whose text is `text`."""
    folder = write_corpus(
        tmp_path,
        entities=[("acme", "platform"), ("daily", "media")],
        claims=[{"claim_id": "c1", "subject": "acme", "predicate": "said", "object": "daily", "quote": quote}],
    )
    (folder / "sources" / "s1.txt").write_text(text, encoding="utf-8")
    return folder


def _quote_problems(folder, reference):
    return [str(p) for p in analysis.validate(folder, reference=reference) if p.column == "quote"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Acme will open a cafe\u0301 soon", "a combining accent after the quote: NFC makes the text 'café'"),
        ("Acme will open a caf\u1100\u1161 soon", "a conjoining jamo after the quote: NFC makes one syllable"),
    ],
)
def test_a_quote_found_as_written_but_not_once_normalised_is_not_found(tmp_path, text, why):
    # "Acme will open a caf" (or "... a cafe") is in the text as written, but
    # the text's next character composes with the quote's last one
    quote = "Acme will open a cafe" if "e\u0301" in text else "Acme will open a caf\u1100"
    folder = _package(tmp_path, quote, text)
    fast, reference = _quote_problems(folder, False), _quote_problems(folder, True)
    assert len(reference) == 1, why
    assert reference[0].startswith("claims.csv:2: quote: not found in sources/s1.txt")
    assert fast == reference


def test_a_quote_that_starts_with_a_combining_mark_is_judged_normalised(tmp_path):
    # in the text the accent composes with the "e" before it: the normalised
    # text has "é", which no normalised quote starting with the lone accent matches
    folder = _package(tmp_path, "\u0301 is the accent", "cafe\u0301 is the accent")
    assert _quote_problems(folder, False) == _quote_problems(folder, True)
    assert len(_quote_problems(folder, True)) == 1


def test_a_quote_written_in_another_normal_form_or_spacing_is_found(tmp_path):
    # decomposed accent, curly apostrophe, a line break and a no-break space:
    # all forgiven by the quote check, none found as written
    folder = _package(tmp_path, "Acme\u2019s caf\u00e9 will open", "Acme's cafe\u0301\nwill\u00a0open.\n")
    assert _quote_problems(folder, False) == _quote_problems(folder, True) == []


def test_quotes_out_of_their_text_order_are_found(tmp_path):
    sentences = [f"Sentence number {n} is here." for n in range(60)]
    claims = [
        {"claim_id": f"c{n}", "subject": "acme", "predicate": "said", "object": "daily", "quote": sentences[n]}
        for n in (59, 3, 41, 0, 17, 58, 2, 30)
    ]
    folder = write_corpus(tmp_path, entities=[("acme", "platform"), ("daily", "media")], claims=claims)
    (folder / "sources" / "s1.txt").write_text("\u00a0 ".join(sentences), encoding="utf-8")
    assert _quote_problems(folder, False) == _quote_problems(folder, True) == []


def test_a_short_quote_warning_is_the_same_as_the_reference(tmp_path):
    folder = _package(tmp_path, "Acme\u2003\u2003agreed ", "Acme\u2003\u2003agreed today.")
    warnings = [str(p) for p in analysis.validate(folder, warnings=True) if p.is_warning]
    assert warnings == [str(p) for p in analysis.validate(folder, warnings=True, reference=True) if p.is_warning]
    assert "claims.csv:2: quote: warning: 'Acme agreed' is 2 words" in warnings[0]


def test_lines_of_records_after_quoted_cells_with_line_breaks(tmp_path):
    (tmp_path / "t.csv").write_bytes(b'id,quote\na,"one\ntwo\nthree"\nb,x\nc,"four\nfive"\nd,y\n')
    fast, problems = read_csv(tmp_path / "t.csv", "t.csv")
    reference, _ = read_csv(tmp_path / "t.csv", "t.csv", reference=True)
    assert problems == []
    # a starts on line 2 and spans 3 lines; b on 5; c on 6 (two lines); d on 8
    assert fast.lines.tolist() == reference.lines.tolist() == [2, 5, 6, 8]
    assert fast.table.equals(reference.table)


def assert_reads_as_the_reference(folder, content):
    """`content` read as ``t.csv`` gives the same table, lines and problems either way."""
    (folder / "t.csv").write_bytes(content)
    fast, fast_problems = read_csv(folder / "t.csv", "t.csv")
    reference, problems = read_csv(folder / "t.csv", "t.csv", reference=True)
    assert [str(p) for p in fast_problems] == [str(p) for p in problems]
    assert (fast is None) == (reference is None)
    if fast is not None:
        assert fast.columns == reference.columns
        assert fast.lines.tolist() == reference.lines.tolist()
        assert fast.table.equals(reference.table)


@pytest.mark.parametrize(
    ("content", "columns", "lines"),
    [
        # a spans lines 2-3, b is on 4, c spans 5-7
        (b'id,note\na,"x\ny"\nb,z\nc,"p\nq\nr"\n', ["id", "note"], [2, 4, 5]),
        (b"id,name\na,b\nc,d", ["id", "name"], [2, 3]),  # no line break after the last record
        (b'id,note\na,"x\ny"\nb,"p\nq"', ["id", "note"], [2, 4]),  # nor after a last cell of two lines
        (b"id,name\n", ["id", "name"], []),  # a header and no record
        (b'"id,x",name\na,b\n', ["id,x", "name"], [2]),  # a comma inside a quoted header cell
        (b'id\na\n""\nb\n', ["id"], [2, 3, 4]),  # one column: a quoted empty cell is a record
        # a doubled quote and an empty line inside a cell: a spans lines 2-4, b is on 5
        (b'id,note\na,"x\n\n""y"""\nb,""\n', ["id", "note"], [2, 5]),
    ],
    ids=["breaks-first-and-last", "no-final-break", "no-final-break-quoted", "header-only",
         "comma-in-header", "one-column-empty-cell", "doubled-quote-empty-line"],
)
def test_a_sound_file_is_read_by_the_fast_route_with_the_lines_an_editor_shows(tmp_path, content, columns, lines):
    fast = csvfile._read_fast(content, "t.csv")
    assert fast is not None
    assert fast.columns == columns
    assert fast.lines.tolist() == lines
    assert_reads_as_the_reference(tmp_path, content)


@pytest.mark.parametrize(
    "content",
    [
        b"id,name\na,b,c\nd,e\n",  # a record with a field too many
        b"id,name\na,b\n\nd,e\n",  # a blank line
        b"id,name\na,b\n\n",  # a blank line at the end
        b"id,name\n\na,b\n",  # a blank line right after the header
        b"id,name\n\n\n",  # a header and blank lines only
        b"\nid,name\na,b\n",  # a blank line before the header
        b"id,name\na,b\n  \nc,d\n",  # a line of spaces
        b"id\na\n\nb\n",  # one column: a blank line is not an empty cell
        b"id\n\n",  # one column, a header and a blank line
        b'id,name\na,b"c\nd,e\n',  # a stray quote
        b'id,name\na,"b"c\nd,e\n',  # a closing quote that does not end its cell
        b'id,name\na,"b\nc,d\n',  # a quote that never closes
        b'"id\nx",name\na,b\n',  # a line break inside a header cell
        b"id,name",  # a header without a line break
        b"id,name\r\na,b\r\n",  # CRLF: left to the full reader
        b"id,name\na,\xff\n",  # not UTF-8
    ],
    ids=["fields", "blank", "blank-at-end", "blank-after-header", "only-blank-records", "blank-before-header",
         "spaces", "one-column-blank", "one-column-only-blank", "stray", "stray-closing", "unterminated", "break-in-header",
         "header-without-break", "crlf", "utf8"],
)
def test_a_file_in_doubt_reads_as_the_full_reader_reads_it(tmp_path, content):
    assert csvfile._read_fast(content, "t.csv") is None
    assert_reads_as_the_reference(tmp_path, content)


def test_quotes_and_line_breaks_are_found_across_the_parts_the_bytes_are_scanned_in():
    # a spans lines 2-3 (a doubled quote in it), b is on 4, c spans 5-6
    sound = b'id,note\na,"x\n""y"""\nb,""\nc,"p\nq"\n'
    stray = b'id,note\na,"x\n"y"\nb,c\n'  # the quote after x closes the cell, and y follows it
    unterminated = b'id,note\na,b\nc,"x\nd,e\n'
    # pyarrow's blocks are small too: a block may end inside a quoted cell
    with mock.patch.object(csvfile, "_BLOCK_SIZE", 16):
        for chunk in range(1, len(sound) + 2):
            with mock.patch.object(csvfile, "_SCAN_CHUNK", chunk):
                assert csvfile._read_fast(sound, "t.csv").lines.tolist() == [2, 4, 5], chunk
                assert csvfile._read_fast(stray, "t.csv") is None, chunk
                assert csvfile._read_fast(unterminated, "t.csv") is None, chunk


# Files of a header and a few records, the cells plain or quoted (quotes
# doubled, commas and line breaks inside), a record now and then with too
# few or too many fields, or blank; and bytes at random.
_PLAIN_CELL = st.text(alphabet="a ", max_size=2)
_QUOTED_CELL = st.text(alphabet='a,\n" ', max_size=4).map(lambda cell: '"' + cell.replace('"', '""') + '"')
_RECORD = st.lists(st.one_of(_PLAIN_CELL, _QUOTED_CELL), min_size=0, max_size=3).map(",".join)
_FILE = st.one_of(
    st.tuples(
        st.sampled_from(["id,note", '"id,x",note', "id"]),
        st.lists(_RECORD, max_size=5),
        st.sampled_from(["\n", ""]),
    ).map(lambda parts: "\n".join([parts[0], *parts[1]]) + parts[2]),
    st.text(alphabet='a,"\n ', max_size=20).map(lambda body: "id,note\n" + body),
)


@settings(max_examples=150, deadline=None)
@given(content=_FILE, chunk=st.integers(min_value=1, max_value=9))
def test_any_small_file_reads_as_the_full_reader_reads_it(content, chunk):
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(csvfile, "_SCAN_CHUNK", chunk):
        assert_reads_as_the_reference(Path(tmp), content.encode("utf-8"))


# Broken packages at random. Bytes that trouble a CSV reader, and characters
# that trouble the quote check: combining marks, conjoining jamo, curly
# quotes, white space of every kind, controls and non-characters.
_TRICKY = st.sampled_from(
    [
        '"', ",", "\n", "\r", "\r\n", '""', " ", "  ", "\t", "\u00a0", "\u2003", "\u2028", "\x85", "\x1c",
        "\u0301", "\u0316", "\u1161", "\u11a8", "\u1100", "e", "\u00e9", "\u2019", "\u201c", "\u2000",
        "\x00", "\x0c", "\x7f", "\ufffe", "-", "|", "Acme", "has agreed", "2022-02-30", "2022-W53",
    ]
)
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=3)), max_size=12).map("".join)

# Quotes and texts from a few characters that interact under normalisation,
# so that a quote often stops just before a mark that composes with it.
_CLOSE = st.text(alphabet="ae \u0301\u0316\u1100\u1161\u2019\u00a0\n", max_size=5)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(rel=st.sampled_from(PACKAGE_FILES), data=st.data(), inserted=_TEXT.filter(bool))
def test_text_inserted_anywhere_loads_the_same_as_the_reference(rel, data, inserted):
    original = TINY_FILES[rel]
    offset = data.draw(st.integers(min_value=0, max_value=len(original)), label="offset")
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_package(Path(tmp) / "package")
        write_file(folder, rel, original[:offset] + inserted + original[offset:])
        assert_same_as_reference(folder)


@SETTINGS
@given(
    quote=_CLOSE.filter(str.strip),
    before=_CLOSE,
    after=st.tuples(st.sampled_from(["", "\u0301", "\u0316", "\u1161"]), _CLOSE).map("".join),
)
def test_any_quote_and_text_are_judged_as_the_reference_judges_them(quote, before, after):
    # the quote sits in its text between random neighbours (the other
    # claims' quotes are then not found, the same either way)
    text = before + quote + after
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_package(Path(tmp) / "package")
        write_file(folder, "sources/s1.txt", text)
        cell = '"' + quote.replace('"', '""') + '"'
        claims = TINY_FILES["claims.csv"].replace(",Acme declined to store user data locally,", f",{cell},")
        write_file(folder, "claims.csv", claims)
        assert_same_as_reference(folder)


def _hostile_texts(folder: Path, outside: Path) -> None:
    """Sources whose texts are each wrong in another way, and one plain one, s1."""
    rows = "".join(f"{sid},Acme again,The Daily,2022-12-11,news,,,\n" for sid in ("s2", "s3", "s4", "s5", "s6", "s7"))
    with open(folder / "sources.csv", "a", encoding="utf-8") as sources:
        sources.write(rows)
    texts = folder / "sources"
    (texts / "s2.txt").symlink_to(outside)  # leads out of the package
    (texts / "elsewhere.txt").write_text("kept inside", encoding="utf-8")
    (texts / "s3.txt").symlink_to("elsewhere.txt")  # stays inside: read
    os.mkfifo(texts / "s4.txt")  # never read: it could wait forever
    (texts / "s5.txt").mkdir()  # a folder
    (texts / "s6.txt").write_bytes(b"not \xff UTF-8")
    # s7 has no text at all


def test_texts_read_through_the_open_folder_give_what_read_bytes_gives(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:secret\n", encoding="utf-8")
    folder = write_package(tmp_path / "package")
    _hostile_texts(folder, outside)
    found = [str(p) for p in analysis.validate(folder)]
    assert found == [str(p) for p in analysis.validate(folder, reference=True)]
    # every one of them is reported, the plain texts are not
    assert [line.split(":")[0] for line in found] == [
        "sources.csv",  # s7: not found
        "sources/s2.txt",
        "sources/s4.txt",
        "sources/s5.txt",
        "sources/s6.txt",
    ]


def test_a_text_over_the_size_cap_is_reported_as_read_bytes_reports_it(tmp_path, monkeypatch):
    folder = write_package(tmp_path / "package")
    # a cap the tables fit under, and the text does not
    (folder / "sources" / "s1.txt").write_text(TINY_FILES["sources/s1.txt"] + "x" * 5000, encoding="utf-8")
    monkeypatch.setenv(csvfile.MAX_FILE_BYTES_VARIABLE, "4000")
    found = [str(p) for p in analysis.validate(folder)]
    assert found == [str(p) for p in analysis.validate(folder, reference=True)]
    assert [line for line in found if line.startswith("sources/s1.txt")] == [
        f"sources/s1.txt: is {len((folder / 'sources' / 's1.txt').read_bytes()):,} bytes, over the limit of "
        f"4,000 bytes per file; set the environment variable {csvfile.MAX_FILE_BYTES_VARIABLE} to a larger "
        "number of bytes to read it",
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["", "a", "bc", "\u00e9t\u00e9", " "]), max_size=12), min_size=1, max_size=4),
    st.integers(0, 3),
)
def test_empty_cells_become_missing_as_if_else_would_make_them(chunks, cut):
    from analysis.dataset import _empty_as_missing

    cells = pa.chunked_array([pa.array(chunk, pa.string()) for chunk in chunks], type=pa.string())
    cells = cells.slice(min(cut, len(cells)))  # a slice: its first chunk starts at an offset
    expected = pc.if_else(pc.equal(cells, ""), pa.scalar(None, pa.string()), cells)
    assert _empty_as_missing(cells).to_pylist() == expected.to_pylist()
    assert _empty_as_missing(cells).null_count == expected.null_count


def test_a_pipe_among_the_texts_is_never_opened(tmp_path, monkeypatch):
    # opening a FIFO to refuse it would release a writer waiting on it: it is looked at, not opened
    outside = tmp_path / "secret.txt"
    outside.write_text("root:secret\n", encoding="utf-8")
    folder = write_package(tmp_path / "package")
    _hostile_texts(folder, outside)
    opened, real_open = [], os.open

    def spy(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    monkeypatch.setattr(os, "supports_dir_fd", os.supports_dir_fd | {spy})
    analysis.validate(folder)
    assert "s1.txt" in opened  # the plain text, read through the open folder
    assert not [path for path in opened if path.endswith("s4.txt")]


def test_a_quote_that_ends_the_text_then_one_not_verbatim_loads_as_the_reference_does(tmp_path):
    # the stretch after a quote that ends a text without a final line break starts at the text's end
    folder = write_package(tmp_path / "package")
    write_file(folder, "sources/s1.txt", "Acme\u2019s office will open in Freedonia. Acme has agreed to open an office")
    claims = TINY_FILES["claims.csv"].replace('"Acme ""has agreed"" to open an office"', "Acme has agreed to open an office")
    claims = claims.replace("open an office in Freedonia", "Acme's office will open")
    claims = claims.replace("Acme declined to store user data locally", "Acme's office will open in Freedonia")
    write_file(folder, "claims.csv", claims)
    assert analysis.load(folder).counts["claims"] == 3
    assert_same_as_reference(folder)
