"""Figures: N in statements, sources credited, plain words, groups as rows, dates at their precision.

Most tests draw a figure of a corpus of two or three claims written out
below, so the expected count, label or span can be checked by eye. The
last few run every figure on the bundled data and the Ardenia corpus to
check the files: every format beside its CSV, the same bytes twice.
"""

import csv

import matplotlib.dates
import pandas as pd
import pytest
from conftest import ARDENIA_DIR
from corpus_builder import claim, entity, load_corpus
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.legend import Legend
from matplotlib.text import Text

import analysis
from analysis import cli
from analysis.figures import (
    FIGURES,
    FORMATS,
    compliance_figure,
    figure_bytes,
    network_figure,
    render,
    source_line,
    sourcing_figure,
    timeline_figure,
    write_figures,
)

# --- small corpora ----------------------------------------------------------

ENTITIES = [
    ("acme", "platform"),
    ("bolt", "platform"),
    ("freedonia", "place"),
    ("minister", "person"),
    ("daily", "media"),
    ("insiders", "unnamed_source"),
    ("office", "requirement"),
    ("servers", "requirement"),
]

#: The minister says in one sentence that Acme and Bolt agreed (one
#: statement, two claims); the paper says Acme has no servers here (one
#: statement, one claim, not_done). Three claims, two statements, two parties.
TWO_STATEMENTS = [
    claim("acme-agreed", "acme", "open_office_in", "freedonia", status="agreed", said_by="minister",
          quote="Acme and Bolt have agreed to open offices", requirement="office"),
    claim("bolt-agreed", "bolt", "open_office_in", "freedonia", status="agreed", said_by="minister",
          quote="Acme and Bolt have agreed to open offices", requirement="office"),
    claim("acme-no-servers", "acme", "store_data_in", "freedonia", status="not_done",
          quote="Acme keeps its data abroad", requirement="servers"),
]

#: Insiders say Bolt is hesitant, read as hesitant to open an office: inferred.
INFERRED = claim(
    "bolt-hesitant", "bolt", "open_office_in", "freedonia", status="reluctant", said_by="insiders",
    quote="Bolt is hesitant", requirement="office", reading="inferred", notes="hesitant to do what is not said",
)


def texts_of(figure) -> list[str]:
    """Every piece of text drawn in the figure: titles, ticks, cells, legends, source line."""
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def legend_labels(figure) -> list[str]:
    return [t.get_text() for legend in figure.findobj(Legend) for t in legend.get_texts()]


def source(title: str, published: str = "2022-12-10") -> dict:
    """The one source ``s1`` of a corpus, with its title."""
    return {"source_id": "s1", "published": published, "title": title}


def day_number(day: str) -> float:
    """Where the start of `day` falls on a matplotlib date axis."""
    return matplotlib.dates.date2num(pd.Timestamp(day))


def drawn(figure, gid: str):
    """The artist drawn for one claim or source (figures tag them ``claim-<id>``, ``published-<id>``)."""
    found = figure.findobj(lambda artist: artist.get_gid() == gid)
    assert len(found) == 1, f"{len(found)} artists tagged {gid}"
    return found[0]


@pytest.fixture
def corpus(tmp_path):
    """``corpus(claims, entities=ENTITIES, sources=None)``: a loaded hand-made corpus."""
    count = 0

    def make(claims, entities=ENTITIES, sources=None):
        nonlocal count
        count += 1
        return load_corpus(tmp_path / f"corpus{count}", entities=entities, claims=claims, sources=sources)

    return make


# --- N counts statements ------------------------------------------------------


def test_who_says_so_csv_counts_two_claims_sharing_a_quote_as_one_statement(tmp_path, corpus):
    write_figures(corpus(TWO_STATEMENTS), tmp_path, formats=("png",))
    with open(tmp_path / "who-says-so.csv", encoding="utf-8") as handle:
        rows = {row["said_by"]: row for row in csv.DictReader(handle)}
    assert (rows["minister"]["statements"], rows["minister"]["claims"]) == ("1", "2")
    assert (rows["minister"]["statements_toward"], rows["minister"]["statements_away"]) == ("1", "0")
    assert (rows["daily"]["statements"], rows["daily"]["statements_away"]) == ("1", "1")


def test_who_says_so_title_counts_statements_and_parties(corpus):
    figure, _ = sourcing_figure(corpus(TWO_STATEMENTS))
    assert figure.get_suptitle() == "Who says so: N = 2 statements (3 claims) from 2 asserting parties"


def test_a_lone_claim_is_counted_in_the_singular(corpus):
    figure, _ = sourcing_figure(corpus(TWO_STATEMENTS[2:]))
    assert figure.get_suptitle() == "Who says so: N = 1 statement (1 claim) from 1 asserting party"


def test_network_title_counts_statements(corpus):
    figure, links = network_figure(corpus(TWO_STATEMENTS))
    assert figure.get_suptitle().startswith("Who and what the claims connect: N = 2 statements (3 claims)")
    # the minister's one sentence is one statement about Acme and one about Bolt
    says = links[(links["link"] == "says") & (links["party_or_subject"] == "minister")]
    assert says[["drawn_to", "statements", "claims"]].values.tolist() == [["acme", 1, 1], ["bolt", 1, 1]]


def test_compliance_counts_inherited_rows_apart_from_direct_ones(corpus):
    # Orbis owns Acme; Orbis agreed to open an office (inherited by Acme); Acme itself has no servers
    entities = [*ENTITIES, ("orbis", "company")]
    claims = [
        claim("orbis-owns-acme", "orbis", "owns", "acme"),
        claim("orbis-agreed", "orbis", "open_office_in", "freedonia", status="agreed", requirement="office"),
        TWO_STATEMENTS[2],
    ]
    figure, cells = compliance_figure(corpus(claims, entities=entities))
    assert figure.get_suptitle() == (
        "Reported positions on each requirement: N = 2 statements (2 claims) about 2 platforms and companies; "
        "besides, 1 claim inherited from owners (1 statement)"
    )
    assert cells.set_index(["subject", "requirement"]).loc[("acme", "office"), "inherited"]


def test_timeline_title_counts_dated_statements_and_undated_ones_apart(corpus):
    claims = [
        {**TWO_STATEMENTS[0], "date": "2022-12-09"},
        {**TWO_STATEMENTS[1], "date": "2022-12-09"},
        TWO_STATEMENTS[2],
    ]
    figure, _ = timeline_figure(corpus(claims))
    assert figure.get_suptitle() == (
        "Dates the sources give: N = 1 statement (2 claims) with a date; 1 statement without one not shown"
    )


# --- the source line ------------------------------------------------------------


def test_source_line_credits_publisher_date_in_words_and_headline(corpus):
    dataset = corpus(TWO_STATEMENTS, sources=[source("Acme agrees")])
    expected = f'Source: The Daily, 10 December 2022, "Acme agrees". Data: liaison, {dataset.path.name}/'
    assert source_line(dataset) == expected


def test_a_bracketed_title_is_a_description_and_is_not_quoted(corpus):
    dataset = corpus(TWO_STATEMENTS, sources=[source("[Daily report on Acme]")])
    line = source_line(dataset)
    assert line == f"Source: The Daily, 10 December 2022. Data: liaison, {dataset.path.name}/"
    figure, _ = compliance_figure(dataset)
    assert line in texts_of(figure)
    assert not any("Daily report on Acme" in text for text in texts_of(figure))


def test_a_month_publication_is_credited_as_the_month(corpus):
    dataset = corpus(TWO_STATEMENTS, sources=[source("[Report]", published="2022-12")])
    assert source_line(dataset).startswith("Source: The Daily, December 2022. ")


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_figure_has_n_in_the_title_and_the_source_line_at_the_foot(corpus, name):
    dataset = corpus([{**row, "date": "2022-12-09"} for row in TWO_STATEMENTS])
    figure, _ = render(name, dataset)
    assert "N = 2 statements (3 claims)" in figure.get_suptitle()
    assert figure.get_supxlabel() == source_line(dataset)


# --- plain words, groups --------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_no_figure_shows_a_status_code(corpus, name):
    dated = [{**row, "date": "2022-12-09"} for row in TWO_STATEMENTS]
    figure, _ = render(name, corpus(dated))
    assert not any("not_done" in text for text in texts_of(figure))


def test_compliance_cells_and_legend_say_statuses_in_plain_words(corpus):
    figure, _ = compliance_figure(corpus(TWO_STATEMENTS))
    assert "\u2717 not done" in texts_of(figure)
    # a legend entry for each colour drawn: the two statuses and the empty cell (Bolt has no servers report)
    assert legend_labels(figure) == ["\u25cf agreed", "\u2717 not done", "nothing reported"]


def test_a_group_is_its_own_row_marked_as_a_group_and_not_spread_over_members(corpus):
    entities = [*ENTITIES, {"entity_id": "platforms", "name": "the platforms", "type": "group"}]
    claims = [
        claim("platforms-no-servers", "platforms", "store_data_in", "freedonia", status="not_done",
              requirement="servers"),
        TWO_STATEMENTS[0],
    ]
    figure, cells = compliance_figure(corpus(claims, entities=entities))
    labels = figure.axes[0].get_yticklabels()
    assert [t.get_text() for t in labels] == ["Acme", "the platforms (group)"]
    assert [t.get_fontstyle() for t in labels] == ["normal", "italic"]
    # Acme has no servers cell: the group's claim says nothing about it
    assert cells[["subject", "requirement"]].values.tolist() == [["acme", "office"], ["platforms", "servers"]]
    assert figure.get_suptitle().endswith("about 1 platform or company and 1 group")


# --- inferred claims -------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_an_inferred_claim_is_left_out_unless_asked_for(corpus, name):
    dataset = corpus([*TWO_STATEMENTS, {**INFERRED, "date": "2022-12"}])
    _, stated = render(name, dataset)
    _, everything = render(name, dataset, include_inferred=True)
    assert "insiders" not in stated.to_csv() and "reluctant" not in stated.to_csv()
    assert "insiders" in everything.to_csv() or "reluctant" in everything.to_csv()


def test_write_figures_passes_include_inferred_on(tmp_path, corpus):
    dataset = corpus([*TWO_STATEMENTS, INFERRED])
    write_figures(dataset, tmp_path / "stated", formats=())
    write_figures(dataset, tmp_path / "all", formats=(), include_inferred=True)
    stated = pd.read_csv(tmp_path / "stated" / "who-says-so.csv")
    everything = pd.read_csv(tmp_path / "all" / "who-says-so.csv")
    assert stated["said_by"].tolist() == ["daily", "minister"]
    assert everything["said_by"].tolist() == ["daily", "insiders", "minister"]


# --- the timeline ----------------------------------------------------------------


def test_a_week_date_is_drawn_as_a_seven_day_span(corpus):
    figure, _ = timeline_figure(corpus([{**TWO_STATEMENTS[2], "date": "2022-W50"}]))
    span = drawn(figure, "claim-acme-no-servers").get_xdata()
    # ISO week 50 of 2022: Monday 12 December to the end of Sunday 18 December
    assert list(span) == [day_number("2022-12-12"), day_number("2022-12-19")]


def test_a_month_date_is_drawn_as_the_whole_month(corpus):
    figure, _ = timeline_figure(corpus([{**TWO_STATEMENTS[2], "date": "2023-02"}]))
    start, end = drawn(figure, "claim-acme-no-servers").get_xdata()
    assert end - start == 28


def test_a_day_date_is_drawn_as_a_dot_in_the_middle_of_the_day(corpus):
    figure, _ = timeline_figure(corpus([{**TWO_STATEMENTS[2], "date": "2022-12-09"}]))
    dot = drawn(figure, "claim-acme-no-servers")
    assert dot.get_marker() == "o"
    assert list(dot.get_xdata()) == [day_number("2022-12-09") + 0.5]


def test_timeline_x_axis_ends_at_the_data(corpus):
    # the latest thing drawn is week 50, which ends at the close of 18 December
    figure, _ = timeline_figure(corpus([{**TWO_STATEMENTS[2], "date": "2022-W50"}]))
    right = figure.axes[0].get_xlim()[1]
    end = day_number("2022-12-19")
    assert end < right <= end + 1


def test_timeline_marks_when_a_statement_was_made_only_where_not_the_publication_day(corpus):
    claims = [
        {**TWO_STATEMENTS[0], "date": "2022-W50", "said_on": "2022-12-09"},
        {**TWO_STATEMENTS[2], "date": "2022-W50"},
    ]
    figure, _ = timeline_figure(corpus(claims))
    mark = drawn(figure, "said-on-acme-agreed")
    assert list(mark.get_xdata()) == [day_number("2022-12-09") + 0.5]
    assert not figure.findobj(lambda artist: artist.get_gid() == "said-on-acme-no-servers")
    assert "said on, where not the day published" in legend_labels(figure)


def test_timeline_labels_a_headline_but_not_a_description(corpus):
    headline = corpus(TWO_STATEMENTS[2:], sources=[source("Acme agrees")])
    described = corpus(TWO_STATEMENTS[2:], sources=[source("[Report]")])
    assert 'Published: The Daily, "Acme agrees"' in texts_of(timeline_figure(headline)[0])
    assert "Published: The Daily" in texts_of(timeline_figure(described)[0])


# --- nothing to show ---------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_a_corpus_without_claims_still_gives_every_figure_saying_so(corpus, name):
    figure, _ = render(name, corpus([]))
    assert "N = 0 statements (0 claims)" in figure.get_suptitle()
    assert any(text.startswith(("No ", "Nothing to show")) for text in texts_of(figure))
    assert figure_bytes(figure, "png")


def test_a_corpus_without_dates_or_requirements_says_there_is_nothing_to_show(tmp_path, corpus):
    dataset = corpus([claim("minister-visits", "minister", "visit", "freedonia")])
    assert "No claim gives a date" in texts_of(timeline_figure(dataset)[0])
    assert any(text.startswith("Nothing to show") for text in texts_of(compliance_figure(dataset)[0]))
    assert len(write_figures(dataset, tmp_path, formats=("png",))) == 2 * len(FIGURES)


# --- text fits ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_title_subtitle_and_source_line_stay_inside_the_figure(corpus, name):
    long_name = entity("minister", "person", name="the Minister of Information Technology and Telecommunication")
    entities = [long_name if e[0] == "minister" else e for e in ENTITIES]
    figure, _ = render(name, corpus(TWO_STATEMENTS, entities=entities))
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw_without_rendering()
    headings = {figure.get_suptitle(), figure.axes[0].get_title(loc="left"), figure.get_supxlabel()}
    drawn_headings = [t for t in figure.findobj(Text) if t.get_text() in headings]
    assert len(drawn_headings) == 3
    for text in drawn_headings:
        extent = text.get_window_extent(renderer)
        assert 0 <= extent.x0 and extent.x1 <= figure.bbox.width, text.get_text()


# --- files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset():
    return analysis.load()


def test_every_figure_is_written_in_every_format_beside_its_csv(tmp_path, dataset):
    written = write_figures(dataset, tmp_path)
    names = sorted(p.name for p in written)
    assert names == sorted(f"{n}.{ext}" for n in FIGURES for ext in (*FORMATS, "csv"))
    assert all(p.stat().st_size > 0 for p in written)


def test_figures_are_byte_identical_across_runs(tmp_path, dataset):
    first = write_figures(dataset, tmp_path / "a")
    second = write_figures(dataset, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_svg_and_pdf_carry_no_date_or_version(tmp_path, dataset):
    write_figures(dataset, tmp_path, formats=("svg", "pdf"))
    svg = (tmp_path / "compliance.svg").read_text(encoding="utf-8")
    pdf = (tmp_path / "compliance.pdf").read_bytes()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf


def test_figures_draw_on_another_corpus(tmp_path):
    written = write_figures(analysis.load(ARDENIA_DIR), tmp_path, formats=("png",))
    assert len(written) == 2 * len(FIGURES)


def test_cli_figures_rejects_an_unknown_format(tmp_path, capsys):
    assert cli.main(["figures", "--out", str(tmp_path), "--format", "png,bmp"]) == 2
    assert "bmp" in capsys.readouterr().err
