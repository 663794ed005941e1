"""`analysis report`: every output, offline, reproducible, fit to share; a failing notebook is named."""

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import ARDENIA_DIR, EXPORTED_FILES
from corpus_builder import load_corpus

from analysis import cli, paths, report
from analysis.figures import FIGURES, FORMATS
from analysis.problems import UsageError

slow = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The Ardenia corpus, copied where the machine's own paths are known: a temporary folder."""
    return Path(shutil.copytree(ARDENIA_DIR, tmp_path_factory.mktemp("work") / "ardenia"))


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory, corpus):
    first = tmp_path_factory.mktemp("report-1")
    second = tmp_path_factory.mktemp("report-2")
    assert cli.main(["report", str(corpus), "--out", str(first)]) == 0
    assert cli.main(["report", str(corpus), "--out", str(second)]) == 0
    return first, second


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _text(page: str) -> str:
    """What a reader reads on a page: blocks apart, inline tags removed, entities decoded, spaces collapsed."""
    blocks = re.sub(r"</?(?:p|br|li|ul|div|blockquote|h\d|section|nav|tr|td|th)\b[^>]*>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", blocks)).split())


def _notebook_pages(out):
    return [out / "notebooks" / f"{p.stem}.html" for p in report.notebook_paths()]


@slow
def test_report_writes_index_notebooks_figures_exports_and_explorer(two_reports):
    out, _ = two_reports
    files = set(_files(out))
    assert {"index.html", "claims.html", "explorer.html", "findings.json"} <= files
    for notebook in report.notebook_paths():
        assert f"notebooks/{notebook.stem}.html" in files
    for name in FIGURES:
        assert f"figures/{name}.csv" in files
        for fmt in FORMATS:
            assert f"figures/{name}.{fmt}" in files
    for name in EXPORTED_FILES:
        assert f"export/{name}" in files


@slow
def test_report_rerun_into_a_fresh_folder_is_byte_identical(two_reports):
    first, second = two_reports
    assert _files(first) == _files(second)
    different = [f for f in _files(first) if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


@slow
def test_every_link_of_the_report_resolves_to_a_file_and_an_anchor(two_reports):
    out, _ = two_reports
    broken = []
    for page in [out / "index.html", out / "claims.html", *_notebook_pages(out)]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#:]*)(?:#([^"]*))?"', text):
            file, anchor = target
            resolved = (page.parent / file) if file else page
            if not resolved.is_file():
                broken.append((page.name, file))
            elif anchor and f'id="{anchor}"' not in resolved.read_text(encoding="utf-8"):
                broken.append((page.name, f"{file}#{anchor}"))
    assert broken == []


@slow
def test_no_output_file_holds_a_path_of_the_machine(two_reports, corpus):
    # a report is shared: it must not show where the corpus, the tools or the user's home are
    machine = {str(corpus.parent), str(Path.home()), str(Path(__file__).resolve().parents[1])}
    leaks = [
        (f, folder)
        for out in two_reports
        for f in _files(out)
        for folder in machine
        if folder.encode() in (out / f).read_bytes()
    ]
    assert leaks == []


@slow
def test_notebook_pages_name_the_data_by_its_folder_name(two_reports):
    for page in _notebook_pages(two_reports[0]):
        assert "DATA = 'ardenia'" in _code(page.read_text(encoding="utf-8")), page.name


def _code(page: str) -> str:
    """The code cells' source as text: pygments' spans removed, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


@slow
def test_notebook_pages_show_no_warning(two_reports):
    for page in _notebook_pages(two_reports[0]):
        text = page.read_text(encoding="utf-8")
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text, page.name
        assert "Warning" not in _text(text[text.index("<body") :]), page.name


@slow
def test_notebook_pages_are_titled_by_their_first_heading(two_reports):
    titles = {}
    for path, page in zip(report.notebook_paths(), _notebook_pages(two_reports[0])):
        heading = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# # "))
        title = re.search(r"<title>(.*)</title>", page.read_text(encoding="utf-8")).group(1)
        titles[path.stem] = title
        # "# # 2. Who complies?" is titled "Who complies? — liaison"
        assert html.unescape(title) == re.sub(r"^# # \d+\. ", "", heading).replace("*", "").replace("`", "") + " \u2014 liaison"
    assert len(set(titles.values())) == len(titles)


@slow
def test_notebook_pages_hide_the_code_until_the_reader_asks(two_reports):
    for page in _notebook_pages(two_reports[0]):
        text = page.read_text(encoding="utf-8")
        switch = re.search(r'<input[^>]*\bid="show-code"[^>]*>', text)
        assert switch and 'type="checkbox"' in switch.group(0) and "checked" not in switch.group(0), page.name
        assert '<label for="show-code">' in text
        # the switch is a sibling before <main>, and a rule hides the code cells' inputs while it is off
        body = text.index("<body")
        assert body < text.index('id="show-code"') < text.index("<main>", body)
        assert "#show-code:not(:checked) ~ main .jp-CodeCell .jp-Cell-inputWrapper" in text


@slow
def test_printed_text_and_tables_break_lines_between_words(two_reports):
    # nbconvert's lab style breaks <pre> anywhere ("refu sal"); the page overrides it, after it
    text = (two_reports[0] / "notebooks" / f"{report.notebook_paths()[0].stem}.html").read_text(encoding="utf-8")
    style = text.rindex("word-break: break-all")
    override = text.index(".jp-OutputArea-output pre, .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {")
    assert style < override
    assert "word-break: normal;" in text[override : text.index("}", override)]


@slow
def test_every_finding_links_to_its_claims_and_every_claim_is_on_the_claims_page(two_reports, corpus):
    from analysis import load
    from analysis.findings import findings

    out, _ = two_reports
    index = (out / "index.html").read_text(encoding="utf-8")
    claims = (out / "claims.html").read_text(encoding="utf-8")
    dataset = load(corpus)
    for claim_id in dataset.claims["claim_id"]:
        assert f'id="claim-{claim_id}"' in claims
    for result in findings(dataset):
        for claim_id in result.claims:
            assert f'href="claims.html#claim-{claim_id}"' in index, (result.id, claim_id)


@slow
def test_report_pages_load_nothing_from_the_network(two_reports):
    out, _ = two_reports
    for page in ["index.html", "claims.html", "explorer.html", *(f"notebooks/{p.stem}.html" for p in report.notebook_paths())]:
        text = (out / page).read_text(encoding="utf-8")
        remote = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//[^"]*"', text)
        assert remote == [], page
        assert "<script src=" not in text, page


@slow
def test_index_shows_every_finding_statement(two_reports, corpus):
    from analysis import load
    from analysis.findings import findings

    index = _text((two_reports[0] / "index.html").read_text(encoding="utf-8"))
    for result in findings(load(corpus)):
        assert result.id in index
        assert " ".join(result.statement.split()) in index


@slow
def test_a_failing_notebook_is_named_with_its_cell(tmp_path, monkeypatch, capsys):
    (tmp_path / "notebooks").mkdir()
    broken = tmp_path / "notebooks" / "01_broken.py"
    broken.write_text(
        "# %% tags=['parameters']\nDATA = None\n\n# %%\nx = 1\n\n# %%\nraise ValueError('boom')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", tmp_path / "notebooks")
    code = cli.main(["report", str(ARDENIA_DIR), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "notebook 01_broken.py failed in cell 4: ValueError: boom" in err
    assert "Traceback" not in err


@slow
def test_report_on_invalid_data_exits_1_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "pkg").mkdir()
    code = cli.main(["report", str(tmp_path / "pkg"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "sources.csv: file not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@slow
def test_report_without_out_is_a_usage_error(capsys):
    assert cli.main(["report"]) == 2
    assert "--out" in capsys.readouterr().err


@slow
def test_report_on_a_package_with_no_claims_writes_everything_and_exits_0(tmp_path):
    from analysis.toy import write_toy

    package = write_toy(tmp_path / "empty")
    claims = package / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["report", str(package), "--out", str(out)]) == 0
    files = set(_files(out))
    assert {"index.html", "explorer.html", "findings.json", "manifest.json"} <= files
    for notebook in report.notebook_paths():
        assert f"notebooks/{notebook.stem}.html" in files
    assert "claims.html" in files


# -- the notebooks folder -------------------------------------------------------


def test_notebooks_are_the_numbered_text_notebooks_of_a_folder_in_order(tmp_path):
    for name in ["02_b.py", "01_a.py", "1_short.py", "notes.py", "03_c.ipynb"]:
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in report.notebook_paths(tmp_path)] == ["01_a.py", "02_b.py"]


@pytest.mark.parametrize("make", [lambda folder: folder.mkdir(), lambda folder: None], ids=["empty", "missing"])
def test_a_notebooks_folder_without_notebooks_is_a_usage_error_naming_it(tmp_path, make):
    folder = tmp_path / "my notebooks"
    make(folder)
    with pytest.raises(UsageError, match=re.escape(str(folder))):
        report.build_report(ARDENIA_DIR, tmp_path / "out", notebooks=folder)
    assert not (tmp_path / "out").exists()


# -- pages in words a reader knows -------------------------------------------------

ENTITIES = [
    {"entity_id": "minister", "name": "Ana Ruiz", "type": "person", "role": "IT Minister"},
    ("acme", "platform"),
    ("freedonia", "place"),
    {"entity_id": "daily", "name": "The Daily", "type": "media"},
    {"entity_id": "insiders", "name": "industry insiders", "type": "unnamed_source"},
]
PREDICATES = [
    {"predicate": "open_office_in", "label": "open an office in", "subject_types": "*", "object_types": "*"},
    {"predicate": "store_data_in", "label": "store data in", "subject_types": "*", "object_types": "*"},
]
SOURCES = [
    # published later, listed first: the page orders sources by publication
    {"source_id": "wire-1", "publisher": "The Wire", "published": "2023-01-05", "title": "Acme opens its office",
     "text": "cited", "url": "https://example.invalid/wire-1"},
    {"source_id": "daily-1", "publisher": "The Daily", "published": "2022-12-10", "title": "[Daily report on Acme]"},
]  # fmt: skip
CLAIMS = [
    {"claim_id": "c1", "subject": "acme", "predicate": "open_office_in", "object": "freedonia", "status": "agreed",
     "said_by": "minister", "source": "daily-1", "quote": "Acme agreed to open an office", "said_on": "2022-12-09"},
    {"claim_id": "c2", "subject": "acme", "predicate": "store_data_in", "object": "freedonia", "status": "not_done",
     "said_by": "daily", "source": "daily-1", "quote": "Acme keeps its data abroad"},
    {"claim_id": "c3", "subject": "acme", "predicate": "open_office_in", "object": "freedonia", "status": "done",
     "said_by": "insiders", "source": "wire-1", "paraphrase": "Insiders say the office is open"},
    {"claim_id": "c4", "subject": "acme", "predicate": "store_data_in", "object": "freedonia", "status": "planned",
     "said_by": "daily", "source": "daily-1", "quote": "Acme keeps its data abroad", "reading": "inferred",
     "notes": "Read as a plan from the context"},
]  # fmt: skip


@pytest.fixture
def small(tmp_path):
    return load_corpus(tmp_path / "small", entities=ENTITIES, predicates=PREDICATES, sources=SOURCES, claims=CLAIMS)


def _statement_of(page: str, claim_id: str) -> str:
    """The text of the statement block a ``#claim-<id>`` link points at."""
    start = page.index(f'id="claim-{claim_id}"')
    return _text(page[page.rindex('<div class="statement', 0, start) : page.index("</div>", start)])


def test_claims_page_shows_a_quoted_claim_with_who_says_so_where_and_when(small):
    block = _statement_of(report.claims_page(small), "c1")
    assert block == (
        "Ana Ruiz, IT Minister, 9 December 2022, in The Daily, 10 December 2022: "
        "\u201cAcme agreed to open an office\u201d c1 Acme open an office in Freedonia: agreed"
    )


def test_claims_page_shows_a_cited_claim_by_its_paraphrase_marked_as_such_and_its_link(small):
    page = report.claims_page(small)
    block = _statement_of(page, "c3")
    assert block == (
        'industry insiders, in The Wire, 5 January 2023, "Acme opens its office": '
        "paraphrase, not a quote Insiders say the office is open (source) c3 Acme open an office in Freedonia: done"
    )
    start = page.index('id="claim-c3"')
    assert 'href="https://example.invalid/wire-1"' in page[start : page.index("</div>", start)]


def test_claims_page_puts_claims_of_one_statement_together_and_marks_the_inferred(small):
    block = _statement_of(report.claims_page(small), "c2")
    assert block == (
        "The Daily, in The Daily, 10 December 2022: \u201cAcme keeps its data abroad\u201d "
        "c2 Acme store data in Freedonia: not done "
        "c4 Acme store data in Freedonia: planned inferred curator's note: Read as a plan from the context"
    )


def test_claims_page_never_shows_codes_or_a_description_as_a_headline(small):
    page = report.claims_page(small)
    for code in ["not_done", "open_office_in", "store_data_in", "[Daily report on Acme]"]:
        assert code not in page
    text = _text(page)
    assert "described by the curator (no headline known): Daily report on Acme" in text
    # sources in order of publication, each with its anchor
    assert text.index("The Daily, 10 December 2022") < text.index("The Wire, 5 January 2023")
    assert 'id="source-daily-1"' in page and 'id="source-wire-1"' in page


def test_claims_page_escapes_what_the_data_says(tmp_path):
    claims = [{**CLAIMS[0], "quote": "Acme <script>agreed()</script> & more"}]
    dataset = load_corpus(
        tmp_path / "markup", entities=ENTITIES, predicates=PREDICATES, sources=SOURCES[1:], claims=claims
    )
    page = report.claims_page(dataset)
    assert "Acme &lt;script&gt;agreed()&lt;/script&gt; &amp; more" in page
    assert "<script" not in page


def test_readable_names_entities_relations_statuses_and_sources(small):
    import pandas as pd

    table = pd.DataFrame(
        {
            "subject": ["acme", "acme"],
            "predicate": ["open_office_in", "store_data_in"],
            "status": ["agreed", "not_done"],
            "said_by": ["minister|insiders", "daily"],
            "source": ["daily-1", "wire-1"],
            "reading": [None, "inferred"],
            "claim_id": ["c1", "c2"],
        }
    )
    assert report.readable(small, table).to_dict("records") == [
        {"subject": "Acme", "predicate": "open an office in", "status": "agreed",
         "said_by": "Ana Ruiz, industry insiders", "source": "The Daily, 10 December 2022", "reading": "stated",
         "claim_id": "c1"},
        {"subject": "Acme", "predicate": "store data in", "status": "not done", "said_by": "The Daily",
         "source": 'The Wire, 5 January 2023, "Acme opens its office"', "reading": "inferred", "claim_id": "c2"},
    ]  # fmt: skip
