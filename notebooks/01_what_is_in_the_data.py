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
# the relations it uses, and the claims, each of which carries a verbatim
# quote that the loader has checked against the source text.
#
# **Inputs:** the data package `DATA` (by default the bundled `data/`).
# **Outputs:** none written; every table is shown below.
# **Parameters:** `DATA`, the folder of any data package that follows the SPEC.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.sourcing import claims_by_party

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)
dataset

# %% [markdown]
# ## Which documents does the corpus rest on?

# %%
dataset.sources

# %% [markdown]
# ## How big is it?

# %%
pd.Series(dataset.counts, name="records")

# %% [markdown]
# ## Does every claim carry a quote that its source really contains?
#
# `analysis.validate` checks every rule of the SPEC, the quote check among
# them; an empty list means no problem was found.

# %%
analysis.validate(DATA)

# %% [markdown]
# ## What kinds of party does it name?

# %%
dataset.entities["type"].value_counts().loc[lambda counts: counts > 0]

# %%
dataset.entities[["entity_id", "name", "type", "role"]]

# %% [markdown]
# ## Which relations does it record?

# %%
dataset.predicates[["predicate", "label", "subject_types", "object_types"]]

# %% [markdown]
# ## How are the claims reported: done, planned, reluctant...?
#
# Statuses and their polarity are defined once, in `analysis.vocabulary.POLARITY`.

# %%
from analysis.vocabulary import POLARITY

dataset.claims["status"].value_counts().rename("claims").to_frame().assign(
    polarity=lambda table: table.index.map(POLARITY)
)

# %% [markdown]
# ## Who asserts the claims?

# %%
claims_by_party(dataset)

# %% [markdown]
# ## What does a claim look like, with its evidence?

# %%
dataset.claims[["claim_id", "subject", "predicate", "object", "status", "said_by", "quote"]].head(10)
