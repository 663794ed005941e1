"""Figures: N in statements, sources credited, plain words, groups as rows, dates at their precision.

Most tests draw a figure of a corpus of two or three claims written out
below, so the expected count, label or span can be checked by eye. The
last few run every figure on the bundled data and the Ardenia corpus to
check the files: every format beside its CSV, the same bytes twice.
"""

import csv

import matplotlib.dates
import matplotlib.text
import pandas as pd
import pytest
from conftest import ARDENIA_DIR
from corpus_builder import claim, entity, load_corpus
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.legend import Legend
from matplotlib.text import Annotation, Text

import analysis
from analysis import cli
from analysis.figures import (
    FIGURES,
    FORMATS,
    ACCOUNTS_DRAWN,
    MATRIX_REQUIREMENTS,
    MATRIX_SUBJECTS,
    PARTIES_DRAWN,
    TIMELINE_DRAWN,
    TRACKS_DRAWN,
    compliance_figure,
    figure_bytes,
    network_figure,
    render,
    source_line,
    sourcing_figure,
    timeline_figure,
    tracker_dates,
    tracker_figure,
    tracker_matrices_figure,
    write_figures,
)

VALDORIA_DIR = ARDENIA_DIR.parent / "valdoria"

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


#: Two reports: The Daily (s1, stored, 10 December 2022) and The Ledger (s2,
#: cited, 5 July 2023). The minister says in one sentence of s1 that Acme and
#: Bolt agreed to open offices (one statement, two claims); in s2 the minister
#: says Acme has opened its office and Bolt has none (two statements, one claim
#: each, paraphrased). Three statements, four claims, every one in a track:
#: Acme on the office (agreed, then done) and Bolt on the office (agreed, then
#: not done).
TWO_REPORTS = [
    {"source_id": "s1", "published": "2022-12-10"},
    {"source_id": "s2", "published": "2023-07-05", "publisher": "The Ledger", "text": "cited"},
]
TRACKED = [
    *TWO_STATEMENTS[:2],
    claim("acme-opened", "acme", "open_office_in", "freedonia", status="done", said_by="minister", source="s2",
          requirement="office"),
    claim("bolt-no-office", "bolt", "open_office_in", "freedonia", status="not_done", said_by="minister",
          source="s2", requirement="office"),
]


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
        if sources is None and any(row.get("source") == "s2" for row in claims):
            sources = TWO_REPORTS
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
    dataset = corpus([{**row, "date": "2022-12-09"} for row in TRACKED])
    figure, _ = render(name, dataset)
    assert "N = 3 statements (4 claims)" in figure.get_suptitle()
    assert figure.get_supxlabel() == source_line(dataset)


# --- plain words, groups --------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_no_figure_shows_a_status_code(corpus, name):
    dated = [{**row, "date": "2022-12-09"} for row in TRACKED]
    figure, _ = render(name, corpus(dated))
    if name not in ("network", "who-says-so"):  # the figures that show statuses show this one in words
        assert any("not done" in text for text in texts_of(figure))
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
    dataset = corpus([*TRACKED, {**INFERRED, "date": "2022-12"}])
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


# --- cited, not quoted: drawn hollow wherever accounts are drawn --------------------


def test_timeline_draws_a_cited_claim_hollow_and_a_quoted_one_filled(corpus):
    claims = [
        {**TRACKED[0], "date": "2022-12-09"},
        {**TRACKED[2], "date": "2023-06-30"},
        {**TRACKED[3], "date": "2023-06"},
    ]
    figure, _ = timeline_figure(corpus(claims))
    assert drawn(figure, "claim-acme-agreed").get_markerfacecolor() != "white"
    assert drawn(figure, "claim-acme-opened").get_markerfacecolor() == "white"
    # a cited month is an outlined bar: a white core over the month
    core = drawn(figure, "cited-bolt-no-office")
    assert list(core.get_xdata()) == [day_number("2023-06-01"), day_number("2023-07-01")]
    assert "cited, not quoted" in legend_labels(figure)


def test_the_cited_legend_entry_appears_only_when_something_cited_is_drawn(corpus):
    quoted_only = corpus([{**row, "date": "2022-12-09"} for row in TWO_STATEMENTS])
    for name in FIGURES:
        assert "cited, not quoted" not in legend_labels(render(name, quoted_only)[0]), name


def test_compliance_draws_a_cell_hollow_when_its_furthest_status_rests_only_on_cited_sources(corpus):
    figure, cells = compliance_figure(corpus(TRACKED))
    # Acme: done, said only in the cited Ledger; Bolt: agreed (quoted), not done (cited)
    assert cells[["subject", "furthest", "furthest_evidence", "conflict"]].values.tolist() == [
        ["acme", "done", "cited", False],
        ["bolt", "agreed", "quote", True],
    ]
    assert drawn(figure, "cited-acme-office")
    assert not figure.findobj(lambda artist: artist.get_gid() == "cited-bolt-office")
    assert "cited, not quoted" in legend_labels(figure)


def test_who_says_so_counts_and_hatches_the_statements_of_cited_sources(corpus):
    figure, table = sourcing_figure(corpus(TRACKED))
    row = table.set_index("said_by").loc["minister"]
    # toward: the quoted sentence of s1 and Acme's office in s2; away: Bolt's in s2
    assert row[["statements_toward", "statements_toward_cited", "statements_away", "statements_away_cited"]].tolist() == [
        2, 1, 1, 1
    ]
    (toward,) = figure.findobj(lambda artist: artist.get_gid() == "cited-toward")
    assert (toward.get_x(), toward.get_width()) == (1, 1)  # after the one quoted statement
    (away,) = figure.findobj(lambda artist: artist.get_gid() == "cited-away")
    assert (away.get_x(), away.get_width()) == (0, -1)
    assert "cited, not quoted" in legend_labels(figure)


def test_who_says_so_writes_each_count_beyond_the_outer_end_of_its_bar(corpus):
    # the Daily's one statement away is quoted: its count goes left of its bar, not into it
    figure, table = sourcing_figure(corpus([*TRACKED, TWO_STATEMENTS[2]]))
    assert table["said_by"].tolist() == ["minister", "daily"]
    counts = {
        (round(a.xy[1]), a.get_text()): a.get_horizontalalignment()
        for a in figure.findobj(Annotation)
        if a.get_text()
    }
    assert counts == {(0, "2"): "left", (0, "1"): "right", (1, "1"): "right"}


# --- the tracker: what happened next ----------------------------------------------


def test_tracker_has_a_row_per_track_and_a_marker_per_account_where_it_was_said(corpus):
    figure, accounts = tracker_figure(corpus(TRACKED))
    # the matter of a track bearing on a requirement is the requirement, by name
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["Acme\non Office", "Bolt\non Office"]
    assert list(drawn(figure, "account-acme-agreed").get_xdata()) == [day_number("2022-12-10") + 0.5]
    assert list(drawn(figure, "account-acme-opened").get_xdata()) == [day_number("2023-07-05") + 0.5]
    assert accounts[["subject", "claim_id", "latest"]].values.tolist() == [
        ["acme", "acme-agreed", "done"],
        ["acme", "acme-opened", "done"],
        ["bolt", "bolt-agreed", "not_done"],
        ["bolt", "bolt-no-office", "not_done"],
    ]


def test_tracker_title_counts_the_statements_behind_the_accounts(corpus):
    figure, _ = tracker_figure(corpus(TRACKED))
    assert figure.get_suptitle() == "What happened next: N = 3 statements (4 claims) in 2 tracks about 2 subjects"


def test_tracker_fills_quoted_accounts_and_leaves_cited_ones_hollow_in_the_status_colour(corpus):
    figure, _ = tracker_figure(corpus(TRACKED))
    quoted, cited = drawn(figure, "account-acme-agreed"), drawn(figure, "account-bolt-no-office")
    assert quoted.get_markerfacecolor() == "#31A354"  # agreed
    assert (cited.get_markerfacecolor(), cited.get_markeredgecolor()) == ("white", "#A63603")  # not done


def test_tracker_writes_the_latest_state_of_each_track_at_its_right(corpus):
    figure, _ = tracker_figure(corpus(TRACKED))
    assert [t.get_text() for t in figure.axes[1].get_yticklabels()] == ["latest: \u2714 done", "latest: \u2717 not done"]


def test_tracker_has_a_legend_entry_for_every_status_and_mark_drawn_and_no_other(corpus):
    figure, _ = tracker_figure(corpus(TRACKED))
    assert legend_labels(figure) == ["\u2714 done", "\u25cf agreed", "\u2717 not done", "quoted", "cited, not quoted"]


def test_tracker_sets_accounts_of_one_day_one_above_the_other_and_says_contested(corpus):
    both_ways = claim("bolt-planned", "bolt", "open_office_in", "freedonia", status="planned", said_by="insiders",
                      source="s2", requirement="office")
    figure, _ = tracker_figure(corpus([*TRACKED, both_ways]))
    no_office, planned = drawn(figure, "account-bolt-no-office"), drawn(figure, "account-bolt-planned")
    assert list(no_office.get_xdata()) == list(planned.get_xdata())
    assert (no_office.get_ydata()[0], planned.get_ydata()[0]) == pytest.approx((1 - 0.13, 1 + 0.13))
    assert figure.axes[1].get_yticklabels()[1].get_text() == "latest: contested"


def test_tracker_draws_a_month_said_on_over_its_span(corpus):
    month = [{**TRACKED[2], "said_on": "2023-06"}, *TRACKED[:2]]
    figure, _ = tracker_figure(corpus(month))
    assert list(drawn(figure, "span-acme-opened").get_xdata()) == [day_number("2023-06-01"), day_number("2023-07-01")]
    # placed on the first day, where the track's order puts it
    assert list(drawn(figure, "account-acme-opened").get_xdata()) == [day_number("2023-06-01") + 0.5]
    assert "said in a week, month or year: from its first day" in legend_labels(figure)


def test_tracker_draws_an_inferred_account_only_when_asked_and_then_as_a_diamond(corpus):
    dataset = corpus([*TRACKED, INFERRED])
    stated, _ = tracker_figure(dataset)
    everything, _ = tracker_figure(dataset, include_inferred=True)
    assert not stated.findobj(lambda artist: artist.get_gid() == "account-bolt-hesitant")
    assert drawn(everything, "account-bolt-hesitant").get_marker() == "D"
    assert "inferred (the curator's reading)" in legend_labels(everything)
    assert "inferred (the curator's reading)" not in legend_labels(stated)


def test_tracker_on_a_corpus_with_no_track_says_there_is_nothing_to_show(corpus):
    figure, accounts = tracker_figure(corpus(TWO_STATEMENTS))
    assert accounts.empty
    assert figure.get_suptitle() == "What happened next: N = 0 statements (0 claims) in 0 tracks about 0 subjects"
    assert any(text.startswith("Nothing to show: no subject has accounts") for text in texts_of(figure))
    assert figure_bytes(figure, "png")


@pytest.mark.parametrize(
    "sources, expected",
    [
        # the end of the first account's year, and the last account's day
        (TWO_REPORTS, ("2022-12-31", "2023-07-05")),
        # a month is given by its last day
        ([TWO_REPORTS[0], {**TWO_REPORTS[1], "published": "2023-07"}], ("2022-12-31", "2023-07-31")),
        # within one year: the first account's own day
        ([TWO_REPORTS[0], {**TWO_REPORTS[1], "published": "2022-12-20"}], ("2022-12-10", "2022-12-20")),
    ],
)
def test_tracker_dates(corpus, sources, expected):
    assert tracker_dates(corpus(TRACKED, sources=sources)) == expected


def test_tracker_dates_leave_out_tracks_the_matrix_does_not_show(corpus):
    # the Online Rules were said to require an office in 2021 and again in 2023: a track, but no cell
    law = [
        claim("rules-2021", "rules", "requires", "office", source="s0"),
        claim("rules-2023", "rules", "requires", "office", source="s2"),
    ]
    sources = [{"source_id": "s0", "published": "2021-05-01"}, *TWO_REPORTS]
    dataset = corpus([*law, *TRACKED], entities=[*ENTITIES, ("rules", "law")], sources=sources)
    assert tracker_dates(dataset) == ("2022-12-31", "2023-07-05")


def test_tracker_dates_without_a_track_come_from_the_claims_bearing_on_a_requirement(corpus):
    claims = [{**TWO_STATEMENTS[0], "said_on": "2022-12-09"}, TWO_STATEMENTS[2]]
    assert tracker_dates(corpus(claims)) == ("2022-12-09", "2022-12-10")
    assert tracker_dates(corpus([])) is None


def test_tracker_matrices_show_the_cells_known_on_each_date(corpus):
    figure, cells = tracker_matrices_figure(corpus(TRACKED))
    assert cells[["as_of", "subject", "furthest", "furthest_evidence", "conflict"]].values.tolist() == [
        ["2022-12-31", "acme", "agreed", "quote", False],
        ["2022-12-31", "bolt", "agreed", "quote", False],
        ["2023-07-05", "acme", "done", "cited", False],
        ["2023-07-05", "bolt", "agreed", "quote", True],
    ]
    assert [ax.get_xlabel() for ax in figure.axes] == ["as of 31 December 2022", "as of 5 July 2023"]
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["Acme", "Bolt"]
    assert figure.get_suptitle() == (
        "Reported positions on each requirement, then and later: N = 1 statement (2 claims) as of 31 December 2022; "
        "N = 3 statements (4 claims) as of 5 July 2023"
    )


def test_tracker_matrices_take_their_dates_as_a_parameter(corpus):
    _, cells = tracker_matrices_figure(corpus(TRACKED), dates=("2022-12-09", "2023-12-31"))
    # nothing was said by 9 December 2022
    assert cells[["as_of", "subject"]].values.tolist() == [["2023-12-31", "acme"], ["2023-12-31", "bolt"]]


def test_tracker_figures_on_valdoria_are_the_same_bytes_twice():
    dataset = analysis.load(VALDORIA_DIR)
    for name in ("tracker", "tracker-matrices"):
        first, second = render(name, dataset)[0], render(name, dataset)[0]
        assert figure_bytes(first, "png") == figure_bytes(second, "png")
        assert figure_bytes(first, "svg") == figure_bytes(second, "svg")


# --- a large corpus: the top rows drawn, and the figure says so ---------------
#
# Each corpus below has one row more than the figure draws, or exactly as many.
# Every row has one statement (a track: two) except the last by id, which has
# one more: it is drawn, and of the others the last in the figure's own order
# is left out. That one's sentence names the same thing three times: three
# claims, still one statement, so counting claim rows would keep it.


def numbered(prefix: str, n: int) -> list[str]:
    """``numbered("p", 3)`` is ``['p00', 'p01', 'p02']``."""
    return [f"{prefix}{k:02d}" for k in range(n)]


def subtitle(figure) -> str:
    return figure.axes[0].get_title(loc="left")


def ticks(figure, axis: str = "y") -> list[str]:
    ax = figure.axes[0]
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in labels]


def parties_corpus(corpus, n: int):
    """`n` people each say one thing about Acme, the last a second thing; the last but one's is three claims."""
    people = numbered("p", n)
    claims = [claim(f"{p}-says", "acme", "open_office_in", "freedonia", said_by=p) for p in people]
    claims.append(claim(f"{people[-1]}-again", "acme", "open_office_in", "freedonia", said_by=people[-1]))
    claims += same_sentence(claims[n - 2], 2)
    return corpus(claims, entities=[*ENTITIES, *((p, "person") for p in people)])


def same_sentence(first: dict, more: int) -> list[dict]:
    """`more` claims from the sentence of the claim `first`, as its own words: one statement with it."""
    return [{**first, "claim_id": f"{first['claim_id']}-{k}", "quote": f"quote of {first['claim_id']}"}
            for k in range(1, more + 1)]


def test_who_says_so_draws_the_parties_with_the_most_statements_and_says_of_how_many(corpus):
    dataset = parties_corpus(corpus, PARTIES_DRAWN + 1)
    figure, table = sourcing_figure(dataset)
    people = numbered("p", PARTIES_DRAWN + 1)
    # the last has two statements; of the others, one each, the last by id is left out
    expected = [people[-1], *people[:-2]]
    assert table["said_by"].tolist() == expected
    assert [label.split("\n")[0] for label in ticks(figure)] == [p.capitalize() for p in expected]
    assert figure.get_suptitle().endswith(f"from {PARTIES_DRAWN + 1} asserting parties")
    assert subtitle(figure).startswith(
        f"Drawn: the {PARTIES_DRAWN} parties with the most statements, of {PARTIES_DRAWN + 1}; "
        "the table beside it lists only what is drawn; statements per party"
    )


def test_who_says_so_draws_every_party_up_to_the_limit_and_says_nothing_of_a_cut(corpus):
    figure, table = sourcing_figure(parties_corpus(corpus, PARTIES_DRAWN))
    assert len(table) == len(ticks(figure)) == PARTIES_DRAWN
    assert subtitle(figure).startswith("Statements per party")


def matrix_corpus(corpus, subjects: int, requirements: int):
    """Companies ``c00``... each with one statement on requirement ``r00``, and Acme one on each of ``r00``...

    The last company has a second statement, on ``r00``; the last requirement a second one, by Acme.
    The last but one company's statement, and Acme's on the last but one requirement, are three claims each.
    """
    companies, duties = numbered("c", subjects), numbered("r", requirements)
    claims = [claim(f"{c}-r00", c, "complies_with", "rules", requirement="r00") for c in companies]
    claims.append(claim(f"{companies[-1]}-r00-again", companies[-1], "complies_with", "rules", requirement="r00"))
    claims += same_sentence(claims[subjects - 2], 2)
    for_duties = [claim(f"acme-{r}", "acme", "complies_with", "rules", requirement=r) for r in duties]
    claims += [*for_duties, *same_sentence(for_duties[-2], 2)]
    claims.append(claim(f"acme-{duties[-1]}-again", "acme", "complies_with", "rules", requirement=duties[-1]))
    entities = [
        ("acme", "platform"), ("rules", "law"), ("daily", "media"),
        *((c, "company") for c in companies), *((r, "requirement") for r in duties),
    ]
    return corpus(claims, entities=entities)


def test_compliance_draws_the_subjects_and_requirements_with_the_most_statements(corpus):
    dataset = matrix_corpus(corpus, MATRIX_SUBJECTS, MATRIX_REQUIREMENTS + 1)
    figure, cells = compliance_figure(dataset)
    companies, duties = numbered("c", MATRIX_SUBJECTS), numbered("r", MATRIX_REQUIREMENTS + 1)
    # Acme has the most statements (one per requirement, and one more); of the companies,
    # the last has two, the others one each: the last of those by name is left out.
    # Of the requirements, r00 has the most, then the last: the last but one is left out.
    assert ticks(figure) == ["Acme", *(c.capitalize() for c in companies[:-2]), companies[-1].capitalize()]
    assert ticks(figure, "x") == [r.capitalize() for r in duties[:-2] + duties[-1:]]
    assert set(cells["subject"]) == {"acme", *companies[:-2], companies[-1]}
    assert duties[-2] not in set(cells["requirement"])
    assert f"about {MATRIX_SUBJECTS + 1} platforms and companies" in figure.get_suptitle()
    assert subtitle(figure).startswith(
        f"Drawn: the {MATRIX_SUBJECTS} subjects with the most statements, of {MATRIX_SUBJECTS + 1}; "
        f"drawn: the {MATRIX_REQUIREMENTS} requirements with the most statements, of {MATRIX_REQUIREMENTS + 1}; "
        "the table beside it lists only what is drawn; furthest status"
    )


def test_compliance_draws_every_row_and_column_up_to_the_limits(corpus):
    figure, cells = compliance_figure(matrix_corpus(corpus, MATRIX_SUBJECTS - 1, MATRIX_REQUIREMENTS))
    assert len(ticks(figure)) == MATRIX_SUBJECTS and len(ticks(figure, "x")) == MATRIX_REQUIREMENTS
    assert len(cells) == MATRIX_SUBJECTS - 1 + MATRIX_REQUIREMENTS
    assert subtitle(figure).startswith("Furthest status")


def test_tracker_matrices_draw_the_same_rows_and_columns_as_the_compliance_matrix(corpus):
    dataset = matrix_corpus(corpus, MATRIX_SUBJECTS, MATRIX_REQUIREMENTS + 1)
    compliance, _ = compliance_figure(dataset)
    figure, cells = tracker_matrices_figure(dataset, dates=("2022-12-09", "2022-12-10"))
    assert ticks(figure) == ticks(compliance) and ticks(figure, "x") == ticks(compliance, "x")
    # nothing was said by 9 December: the table is the cells drawn on the 10th
    assert set(cells["as_of"]) == {"2022-12-10"} and len(cells) == MATRIX_SUBJECTS - 1 + MATRIX_REQUIREMENTS
    assert subtitle(figure).startswith(f"Drawn: the {MATRIX_SUBJECTS} subjects with the most statements")


def dated_claims(n: int) -> list[dict]:
    """`n` claims ``c00``... dated on consecutive days from 1 January 2022, all from ``s1``."""
    days = pd.date_range("2022-01-01", periods=n).strftime("%Y-%m-%d").tolist()
    return [claim(f"c{k:02d}", "acme", "open_office_in", "freedonia", date=day) for k, day in enumerate(days)]


def test_timeline_draws_the_claims_with_the_latest_dates_and_no_publication(corpus):
    figure, rows = timeline_figure(corpus(dated_claims(TIMELINE_DRAWN + 1)))
    # the source's publication and 51 dated claims: the 50 latest claims are drawn, the first and the publication not
    assert rows["claim_id"].tolist() == [f"c{k:02d}" for k in range(1, TIMELINE_DRAWN + 1)]
    assert len(ticks(figure)) == TIMELINE_DRAWN
    assert figure.get_suptitle().startswith(f"Dates the sources give: N = {TIMELINE_DRAWN + 1} statements")
    assert subtitle(figure).startswith(
        f"Drawn: the {TIMELINE_DRAWN} claims with the latest dates, of {TIMELINE_DRAWN + 1}; no publication drawn; "
        "the table beside it lists only what is drawn; dots are days"
    )


def test_timeline_draws_every_row_up_to_the_limit(corpus):
    figure, rows = timeline_figure(corpus(dated_claims(TIMELINE_DRAWN - 1)))
    assert rows["kind"].tolist().count("published") == 1 and len(ticks(figure)) == TIMELINE_DRAWN
    assert subtitle(figure).startswith("Dots are days")


def test_tracker_draws_the_tracks_with_the_most_statements(corpus):
    subjects = numbered("t", TRACKS_DRAWN + 1)
    claims = []
    for t in subjects:
        claims += [
            claim(f"{t}-agreed", t, "open_office_in", "freedonia", status="agreed", requirement="office"),
            claim(f"{t}-done", t, "open_office_in", "freedonia", source="s2", requirement="office"),
        ]
    claims.append(claim(f"{subjects[-1]}-planned", subjects[-1], "open_office_in", "freedonia", status="planned",
                        requirement="office"))
    claims += same_sentence(claims[2 * (TRACKS_DRAWN - 1)], 2)
    figure, accounts = tracker_figure(corpus(claims, entities=[*ENTITIES, *((t, "company") for t in subjects)]))
    # every track has two statements, the last three: the last but one is left out
    kept = [*subjects[:-2], subjects[-1]]
    assert ticks(figure) == [f"{t.capitalize()}\non Office" for t in kept]
    assert list(dict.fromkeys(accounts["subject"])) == kept
    assert figure.get_suptitle().endswith(f"in {TRACKS_DRAWN + 1} tracks about {TRACKS_DRAWN + 1} subjects")
    assert subtitle(figure).startswith(
        f"Drawn: the {TRACKS_DRAWN} tracks with the most statements, of {TRACKS_DRAWN + 1}; "
        "the table beside it lists only what is drawn; each row"
    )


def test_tracker_draws_the_latest_accounts_of_a_long_track(corpus):
    said = [
        claim(f"a{k:02d}", "acme", "open_office_in", "freedonia", requirement="office") for k in range(ACCOUNTS_DRAWN)
    ]
    later = claim("a-later", "acme", "open_office_in", "freedonia", source="s2", requirement="office")
    figure, accounts = tracker_figure(corpus([*said, later]))
    # 17 accounts, in the order said: the first is left out
    assert accounts["claim_id"].tolist() == [c["claim_id"] for c in said[1:]] + ["a-later"]
    assert figure.get_suptitle().startswith(f"What happened next: N = {ACCOUNTS_DRAWN + 1} statements")
    assert subtitle(figure).startswith(
        f"Drawn: of a track of more than {ACCOUNTS_DRAWN} accounts (up to {ACCOUNTS_DRAWN + 1}), "
        f"its {ACCOUNTS_DRAWN} latest; the table beside it lists only what is drawn; each row"
    )


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
    figure, _ = render(name, corpus(TRACKED, entities=entities))
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


def test_a_dollar_sign_from_the_data_is_drawn_as_text_not_mathematics(tmp_path):
    from corpus_builder import claim, entity, load_corpus

    from analysis.figures import FIGURES

    dataset = load_corpus(
        tmp_path,
        entities=[
            entity("acme", "platform", name="Acme $5,000 fine or $100,000"),
            entity("freedonia", "place", name=r"$\alpha_{x$"),
            entity("daily", "media"),
            entity("office", "requirement", name="Office $"),
        ],
        claims=[claim("c1", "acme", "open_office_in", "freedonia", requirement="office", date="2022-12-09")],
    )
    drawn = 0
    for name, draw in FIGURES.items():
        figure, _ = draw(dataset)
        texts = [t for t in figure.findobj(matplotlib.text.Text) if "$" in t.get_text()]
        drawn += len(texts)
        assert all(not t.get_parse_math() for t in texts), name
        figure_bytes(figure, "png")  # '$\alpha_{x$' would raise if it were parsed as mathematics
    assert drawn > 0
