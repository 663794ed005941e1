"""When: a date is a span at the precision the source gives; claims and publications in order."""

from __future__ import annotations

import pandas as pd
import pytest
from corpus_builder import claim, load_corpus

from analysis.timeline import date_span, timeline


def span(text):
    row = date_span(pd.Series([text])).iloc[0]
    return row["start"].strftime("%Y-%m-%d"), row["end"].strftime("%Y-%m-%d"), row["precision"]


# ---------------------------------------------------------------------------
# date_span


def test_day_is_a_span_of_one_day():
    assert span("2022-12-09") == ("2022-12-09", "2022-12-09", "day")


def test_month_spans_the_whole_month():
    assert span("2022-12") == ("2022-12-01", "2022-12-31", "month")


def test_year_is_a_span_not_the_first_of_january():
    assert span("2021") == ("2021-01-01", "2021-12-31", "year")


@pytest.mark.parametrize(
    "month, last_day",
    [("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"), ("2000-02", "2000-02-29"), ("1900-02", "1900-02-28")],
)
def test_february_ends_on_the_leap_day_only_in_leap_years(month, last_day):
    assert span(month)[1] == last_day


def test_week_spans_monday_to_sunday():
    assert span("2022-W49") == ("2022-12-05", "2022-12-11", "week")


def test_week_53_runs_into_the_next_calendar_year():
    # 2020-W53: Monday 28 December 2020 to Sunday 3 January 2021
    assert span("2020-W53") == ("2020-12-28", "2021-01-03", "week")


def test_week_1_can_start_in_the_previous_calendar_year():
    # 1 January 2025 is a Wednesday: its week 1 starts on Monday 30 December 2024
    assert span("2025-W01") == ("2024-12-30", "2025-01-05", "week")


def test_weeks_among_other_precisions_keep_their_rows():
    result = date_span(pd.Series(["2022", None, "2022-W01", "2022-12-09"], index=[4, 5, 6, 7]))
    assert result["precision"].tolist()[::2] == ["year", "week"]
    assert result.loc[6, "start"] == pd.Timestamp("2022-01-03")
    assert result.loc[7, "end"] == pd.Timestamp("2022-12-09")


def test_leap_day_itself_is_a_valid_day():
    assert span("2024-02-29") == ("2024-02-29", "2024-02-29", "day")


def test_thirty_day_month_ends_on_the_thirtieth():
    assert span("2024-04")[1] == "2024-04-30"


def test_missing_date_stays_missing():
    result = date_span(pd.Series(["2022", None]))
    assert pd.isna(result.loc[1, "start"]) and pd.isna(result.loc[1, "end"]) and pd.isna(result.loc[1, "precision"])


def test_date_span_keeps_the_index_of_its_input():
    result = date_span(pd.Series(["2022", "2022-12"], index=[7, 3]))
    assert result.index.tolist() == [7, 3]
    assert result.loc[3, "precision"] == "month"


def test_date_span_columns_and_dtypes():
    result = date_span(pd.Series(["2022-12-09"]))
    assert list(result.columns) == ["start", "end", "precision"]
    assert str(result["start"].dtype) == "datetime64[s]" and str(result["end"].dtype) == "datetime64[s]"


def test_date_span_of_a_nullable_string_series():
    result = date_span(pd.Series(["2022", pd.NA], dtype="string"))
    assert result["precision"].tolist()[0] == "year" and pd.isna(result["end"].iloc[1])


# ---------------------------------------------------------------------------
# timeline
#
# One source s1 published 2022-12-10; claims (all acme visit pk):
#   y   2022        m   2022-12     d1  2022-12-01    n   2022-11-30
#   e   2022-12-31  t   2022-12-10 "on Saturday"     u   undated, "some day"
#   a   2022-12-10  (the same day as t: ties go by claim id, a before t)


ENTITIES = [("acme", "platform"), ("pk", "place"), ("daily", "media")]
CLAIMS = [
    claim("y", "acme", "visit", "pk", date="2022"),
    claim("m", "acme", "visit", "pk", date="2022-12"),
    claim("d1", "acme", "visit", "pk", date="2022-12-01"),
    claim("n", "acme", "visit", "pk", date="2022-11-30"),
    claim("e", "acme", "visit", "pk", date="2022-12-31"),
    claim("t", "acme", "visit", "pk", date="2022-12-10", date_text="on Saturday"),
    claim("u", "acme", "visit", "pk", date_text="some day"),
    claim("a", "acme", "visit", "pk", date="2022-12-10"),
]


@pytest.fixture
def dataset(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=CLAIMS)


def order(rows):
    return [c if k == "claim" else f"published:{s}" for c, k, s in zip(rows["claim_id"], rows["kind"], rows["source"])]


def test_ordering_with_mixed_precision(dataset):
    # a year starts first; a day before the month that starts on it; claims before a publication on the same day
    assert order(timeline(dataset)) == ["y", "n", "d1", "m", "a", "t", "published:s1", "e"]


def test_year_is_not_placed_as_if_it_were_the_first_of_january(dataset):
    rows = timeline(dataset).set_index("claim_id")
    assert rows.loc["y", "end"] == pd.Timestamp("2022-12-31")


def test_timeline_keeps_the_date_text_of_the_source(dataset):
    rows = timeline(dataset).set_index("claim_id")
    assert rows.loc["t", "date_text"] == "on Saturday"
    assert pd.isna(rows.loc["a", "date_text"])


def test_timeline_keeps_the_iso_date_as_written_and_its_precision(dataset):
    rows = timeline(dataset).set_index("claim_id")
    assert rows.loc["y", ["date", "precision"]].tolist() == ["2022", "year"]
    assert rows.loc["m", ["date", "precision"]].tolist() == ["2022-12", "month"]


def test_undated_claims_are_excluded_by_default(dataset):
    assert "u" not in set(timeline(dataset)["claim_id"].dropna())


def test_undated_claims_come_last_with_include_undated(dataset):
    rows = timeline(dataset, include_undated=True)
    assert order(rows) == ["y", "n", "d1", "m", "a", "t", "published:s1", "e", "u"]
    last = rows.iloc[-1]
    assert pd.isna(last["date"]) and pd.isna(last["start"]) and last["date_text"] == "some day"


def test_source_publication_is_a_row_with_its_date(dataset):
    rows = timeline(dataset)
    published = rows[rows["kind"] == "published"]
    assert published[["date", "source"]].values.tolist() == [["2022-12-10", "s1"]]
    assert published["claim_id"].isna().all()


def test_timeline_columns(dataset):
    assert list(timeline(dataset).columns) == [
        "date",
        "precision",
        "start",
        "end",
        "date_text",
        "kind",
        "claim_id",
        "subject",
        "predicate",
        "object",
        "status",
        "said_by",
        "source",
        "said_on",
        "evidence",
    ]


def test_timeline_carries_who_said_it_and_the_status(dataset):
    row = timeline(dataset).set_index("claim_id").loc["t"]
    assert row[["subject", "predicate", "object", "status", "said_by", "source"]].tolist() == [
        "acme",
        "visit",
        "pk",
        "done",
        "daily",
        "s1",
    ]


# ---------------------------------------------------------------------------
# weeks, said_on, evidence and readings
#
# s1 stored, published 2022-12-10; s2 cited, published 2022-12-12. Claims
# (all acme visit pk):
#   wk  2022-W49 (5-11 December), "early this week", said on 2022-12-09
#   d9  2022-12-09
#   inf 2022-12-08, inferred
#   cit 2022-12-07, from the cited source s2


WEEK_CLAIMS = [
    claim("wk", "acme", "visit", "pk", date="2022-W49", date_text="early this week", said_on="2022-12-09"),
    claim("d9", "acme", "visit", "pk", date="2022-12-09"),
    claim("inf", "acme", "visit", "pk", date="2022-12-08", reading="inferred", notes="read as a visit"),
    claim("cit", "acme", "visit", "pk", date="2022-12-07", source="s2"),
]
WEEK_SOURCES = [
    {"source_id": "s1", "published": "2022-12-10"},
    {"source_id": "s2", "published": "2022-12-12", "text": "cited"},
]


@pytest.fixture
def weeks(tmp_path):
    return load_corpus(tmp_path, entities=ENTITIES, claims=WEEK_CLAIMS, sources=WEEK_SOURCES)


def test_a_week_is_placed_by_its_monday(weeks):
    # the week starts on the 5th: before the 7th and the 9th
    assert order(timeline(weeks)) == ["wk", "cit", "d9", "published:s1", "published:s2"]


def test_a_week_row_spans_monday_to_sunday(weeks):
    row = timeline(weeks).set_index("claim_id").loc["wk"]
    assert (row["precision"], row["start"], row["end"]) == (
        "week",
        pd.Timestamp("2022-12-05"),
        pd.Timestamp("2022-12-11"),
    )


def test_said_on_is_the_claims_own_else_its_sources_publication(weeks):
    rows = timeline(weeks).set_index("claim_id")
    assert rows.loc[["wk", "d9", "cit"], "said_on"].tolist() == ["2022-12-09", "2022-12-10", "2022-12-12"]


def test_publication_rows_are_said_on_their_own_date(weeks):
    rows = timeline(weeks)
    published = rows[rows["kind"] == "published"]
    assert published[["source", "said_on"]].values.tolist() == [["s1", "2022-12-10"], ["s2", "2022-12-12"]]


def test_evidence_is_quote_or_cited(weeks):
    rows = timeline(weeks).set_index("claim_id")
    assert rows.loc[["wk", "d9", "cit"], "evidence"].tolist() == ["quote", "quote", "cited"]


def test_inferred_claims_are_left_out_unless_asked_for(weeks):
    assert "inf" not in set(timeline(weeks)["claim_id"].dropna())
    assert order(timeline(weeks, include_inferred=True)) == ["wk", "cit", "inf", "d9", "published:s1", "published:s2"]
