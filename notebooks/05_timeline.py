# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: kernelspec,jupytext
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 5. Dates said or scheduled
#
# The dates here are the dates the sources give, not dates anyone has
# checked. A claim carries two:
#
# * `date`: when the thing it reports happened, happens or is due, as the
#   source says, at the precision the source gives (a day, an ISO week such
#   as "early next week", a month or a year);
# * `said_on`: when the statement was made, where the source says so ("on
#   Friday announced"), else the day its source was published.
#
# A week, month or year is a span from its first day to its last, not its
# first day; the source's own words for the time (`date_text`) are kept.
#
# A claim is *inferred* (`reading`, one of `analysis.vocabulary.READINGS`) when
# the curator's reading goes further than the source's words, once names and
# pronouns are resolved, and its `notes` say why; everything below rests on
# *stated* claims only, unless you set `INCLUDE_INFERRED = True` in the
# parameters cell.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes the timeline
# figure with its CSV.
# **Parameters:** `DATA`, `INCLUDE_INFERRED`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`
INCLUDE_INFERRED = False  # True: also use the claims the curator inferred

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.figures import timeline_figure
from analysis.findings import evidence, finding
from analysis.statements import claim_statements
from analysis.timeline import timeline
from analysis.vocabulary import STATUS_WORDS

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)
selected = dataset.select(INCLUDE_INFERRED)

names = dataset.names()
labels = dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"]
sources = dataset.sources.drop_duplicates("source_id").set_index("source_id")


# %% [markdown]
# ## Which dates do the sources give, in order?
#
# One row per dated claim and per publication, ordered by the start of the
# span each date covers; `covers` gives the span's first and last day.

# %%
rows = timeline(dataset, include_inferred=INCLUDE_INFERRED)
first, last = rows["start"].dt.strftime("%Y-%m-%d"), rows["end"].dt.strftime("%Y-%m-%d")
columns = ["date", "precision", "covers", "date_text", "kind", "claim_id", "subject", "predicate", "object"]
rows.assign(
    covers=first.where(rows["precision"] == "day", first + " to " + last),
    subject=rows["subject"].map(names).fillna(rows["subject"]),
    predicate=rows["predicate"].map(labels),
    object=rows["object"].map(names),
    status=rows["status"].astype("string").map(STATUS_WORDS),
    said_by=rows["said_by"].map(names),
)[[*columns, "status", "said_by", "said_on"]]

# %%
figure, drawn = timeline_figure(dataset, include_inferred=INCLUDE_INFERRED)
figure

# %% [markdown]
# ## What is said to be promised or foreseen for a date?
#
# The things to check later: a date the sources give for something planned,
# agreed or expected is what someone said would happen, not what did.

# %%
promises = finding(dataset, "dated-promises", include_inferred=INCLUDE_INFERRED)
print(promises.statement)

# %%
evidence(dataset, promises, readable=True)

# %% [markdown]
# ## How many statements carry a date, and at what precision?
#
# Claims that share a source and its words are one statement
# (`analysis.statements`).

# %%
dated = timeline(dataset, include_undated=True, include_inferred=INCLUDE_INFERRED).query("kind == 'claim'")
statement_of = claim_statements(selected).set_index("claim_id")["statement"]
dated = dated.assign(statement=dated["claim_id"].map(statement_of), precision=dated["precision"].fillna("no date"))
dated.drop_duplicates(["statement", "precision"])["precision"].value_counts().rename("statements").to_frame()

# %% [markdown]
# ## When do the sources say a statement was made?
#
# These claims carry their own `said_on`, with their source's publication
# beside it; every other statement is dated by its source's publication.

# %%
own_day = selected.claims[selected.claims["said_on"].notna()]
own_day[["claim_id", "subject", "predicate", "object", "said_by", "said_on", "date", "date_text"]].assign(
    subject=own_day["subject"].map(names),
    predicate=own_day["predicate"].map(labels),
    object=own_day["object"].map(names),
    said_by=own_day["said_by"].map(names),
    published=own_day["source"].map(sources["published"]),
)

# %% [markdown]
# ## Which claims have no date, but words of time?
#
# Words of time that give no date are kept as the source wrote them
# (`date_text`) and never turned into a date. Claims whose words of time say
# when the statement was made are in the table above.

# %%
claims = selected.claims
undated = claims[claims["date"].isna() & claims["said_on"].isna() & claims["date_text"].notna()]
undated[["claim_id", "status", "said_by", "date_text", "quote", "paraphrase"]].assign(
    status=undated["status"].astype(str).map(STATUS_WORDS), said_by=undated["said_by"].map(names)
)
