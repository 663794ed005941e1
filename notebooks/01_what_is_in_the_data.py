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
# # 1. What is in the data, and where does it come from?
#
# A tour of the data package: its source documents, the parties it names,
# the relations it uses, and the claims. Each claim rests on the words of its
# source: a verbatim quote that the loader has checked against the stored
# text, or, for a source whose text is only cited, the curator's paraphrase
# and the source's address.
#
# **Inputs:** the data package `DATA` (by default the bundled `data/`).
# **Outputs:** none written; every table is shown below.
# **Parameters:** `DATA`, the folder of any data package that follows the SPEC;
# `INCLUDE_INFERRED`, whether to show inferred claims (below).
#
# A claim is *inferred* (`reading`, one of `analysis.vocabulary.READINGS`) when
# the curator's reading goes further than the source's words, once names and
# pronouns are resolved (an ambiguous referent chosen, a group expanded to its
# members, a relation implied), and its `notes` say why; the tables below show
# *stated* claims only, unless you set `INCLUDE_INFERRED = True` in the
# parameters cell.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`
INCLUDE_INFERRED = False  # True: also show the claims the curator inferred

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.credits import credit
from analysis.report import readable
from analysis.sourcing import claims_by_party
from analysis.statements import claim_statements, statements
from analysis.vocabulary import GROUP_TYPE, POLARITY, STATUS_WORDS

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)
selected = dataset.select(INCLUDE_INFERRED)
credits = dataset.sources.set_index("source_id").apply(credit, axis=1)
dataset

# %% [markdown]
# ## Which documents does the corpus rest on?
#
# `credit` is how every table and figure credits a document
# (`analysis.credits.credit`). A title in square brackets is the curator's
# description of a document whose headline is not known: it is never shown
# as a headline. `text` says whether the full text is stored with the data
# (and quoted) or only cited (and paraphrased).

# %%
dataset.sources.assign(
    credit=dataset.sources["source_id"].map(credits), text=dataset.sources["text"].fillna("stored")
).set_index("credit")[["kind", "text", "url", "author", "notes"]]

# %% [markdown]
# ## How big is it?
#
# Records in each table, and the statements the claims make: claims that
# share a source and its words (the quote, or a cited source's paraphrase)
# are one statement (`analysis.statements`).

# %%
pd.Series(
    {**dataset.counts, "claims selected": len(selected.claims), "statements selected": len(statements(selected))},
    name="records",
).to_frame()

# %% [markdown]
# ## Does every claim carry its evidence?
#
# `analysis.validate` checks every rule of the SPEC: a quote must occur in its
# stored source text, a claim of a cited source must carry a paraphrase, and a
# cited source must give its address. An empty list means no problem was
# found.

# %%
analysis.validate(DATA)

# %% [markdown]
# ## How many claims are stated, and how many inferred?

# %%
dataset.claims["reading"].fillna("stated").value_counts().rename("claims in the package").to_frame()

# %% [markdown]
# The inferred claims, and why the curator reads them so; the table is empty
# unless `INCLUDE_INFERRED` is `True`.

# %%
inferred = selected.claims["reading"].eq("inferred")
readable(
    dataset, selected.claims.loc[inferred, ["claim_id", "subject", "predicate", "object", "status", "said_by", "notes"]]
)

# %% [markdown]
# ## What kinds of party does it name?

# %%
dataset.entities["type"].value_counts().loc[lambda counts: counts > 0].to_frame()

# %%
dataset.entities[["entity_id", "name", "type", "role"]]

# %% [markdown]
# An entity of type `group` is a class of actors that a source speaks of
# without listing them. A claim about a group says nothing about any of its
# members, so every analysis shows the group as its own row, never spread
# over the members.

# %%
dataset.entities.loc[dataset.entities["type"] == GROUP_TYPE, ["entity_id", "name", "aliases", "description"]]

# %% [markdown]
# ## Which relations does it record?

# %%
dataset.predicates[["predicate", "label", "subject_types", "object_types"]]

# %% [markdown]
# ## How are the claims reported: done, planned, reluctant...?
#
# Statuses, their plain words and their polarity are defined once, in
# `analysis.vocabulary` (`STATUS_WORDS`, `POLARITY`). Counted in statements,
# with the claim rows beside.

# %%
status = selected.claims["status"].astype(str)
by_status = claim_statements(selected).groupby(status)["statement"].agg(statements="nunique", claims="size")
by_status = by_status.assign(polarity=by_status.index.map(POLARITY)).rename(index=STATUS_WORDS)
by_status.sort_values("statements", ascending=False)

# %% [markdown]
# ## Who asserts the claims?
#
# Statements per asserting party (claims sharing a source and its words count
# once), with the claim rows beside.

# %%
claims_by_party(dataset, include_inferred=INCLUDE_INFERRED).set_index("name").drop(columns=["said_by", "type"])

# %% [markdown]
# ## What does a statement look like, with its evidence?

# %%
readable(dataset, statements(selected)).head(10)

# %% [markdown]
# ## And the claims it carries?
#
# The records of claims.csv, each id in words: entities by name, relations
# by their label in predicates.csv, statuses in plain words
# (`analysis.report.readable`).

# %%
readable(
    dataset,
    selected.claims[["claim_id", "subject", "predicate", "object", "status", "said_by", "quote", "paraphrase", "reading"]],
).head(10)
