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
# # 3. Who says so? Named people, institutions, unnamed sources, and the outlet's own voice
#
# Each claim names who asserts it. This notebook asks where accounts of
# progress come from compared with accounts of reluctance, where an outlet's
# own narration goes further than the people it quotes, how much rests on
# unnamed sources alone, and where accounts disagree.
#
# Every count here is of **statements**, not claim rows: claims that share a
# source and its words (the quote, or a cited source's paraphrase) are one
# statement (`analysis.statements`), however many subjects the sentence
# names. Kinds of party are defined once, in
# `analysis.vocabulary.PARTY_KINDS`.
#
# A claim is *inferred* (`reading`, one of `analysis.vocabulary.READINGS`) when
# the curator's reading goes further than the source's words, once names and
# pronouns are resolved, and its `notes` say why; everything below rests on
# *stated* claims only, unless you set `INCLUDE_INFERRED = True` in the
# parameters cell.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes the who-says-so
# figure and its CSV.
# **Parameters:** `DATA`, `INCLUDE_INFERRED`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`
INCLUDE_INFERRED = False  # True: also use the claims the curator inferred

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.figures import sourcing_figure
from analysis.findings import evidence, finding
from analysis.report import readable
from analysis.sourcing import claims_by_kind, claims_by_party, corroboration, unnamed_alone, who_says_what
from analysis.vocabulary import STATUS_WORDS

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)

names = dataset.names()

# %% [markdown]
# ## How many statements does each kind of party make, toward and away from the relation?
#
# A statement that carries claims of both polarities counts on both sides;
# `total` counts it once.

# %%
claims_by_kind(dataset, include_inferred=INCLUDE_INFERRED)

# %%
figure, by_party = sourcing_figure(dataset, include_inferred=INCLUDE_INFERRED)
figure

# %% [markdown]
# ## Who says so, in how many statements?
#
# Statements per asserting party, with the claim rows beside.

# %%
claims_by_party(dataset, include_inferred=INCLUDE_INFERRED).set_index("name").drop(columns=["said_by", "type"])

# %% [markdown]
# ## Who reports what status, in how many statements?

# %%
who_says_what(dataset, include_inferred=INCLUDE_INFERRED).rename(index=names, columns=STATUS_WORDS)

# %% [markdown]
# ## Where do accounts of progress come from, compared with accounts of reluctance?

# %%
sides = finding(dataset, "progress-versus-reluctance", include_inferred=INCLUDE_INFERRED)
print(sides.statement)

# %%
evidence(dataset, sides, readable=True)

# %% [markdown]
# ## Where does an outlet's own narration go further than the people it quotes?
#
# An outlet's narration is attributed to the outlet, and is not a second
# account of what the people it quotes in the same report say.

# %%
further = finding(dataset, "narration-goes-further", include_inferred=INCLUDE_INFERRED)
print(further.statement)

# %%
evidence(dataset, further, readable=True)

# %% [markdown]
# ## How much rests on unnamed sources alone?
#
# A statement rests on unnamed sources alone when no other party is reported
# saying the same (`analysis.sourcing.unnamed_alone`).

# %%
alone_count = unnamed_alone(dataset, include_inferred=INCLUDE_INFERRED)
print(f"{alone_count['statements']} of {alone_count['total']} statements ({alone_count['share']:.0%})")

# %%
pd.Series(alone_count["parties"], name="statements resting on this party alone", dtype="int64").rename(
    index=names
).to_frame()

# %%
alone = finding(dataset, "unnamed-alone", include_inferred=INCLUDE_INFERRED)
print(alone.statement)

# %%
evidence(dataset, alone, readable=True)

# %% [markdown]
# ## Where do accounts disagree, and in whose words?
#
# A group is its own subject: an account about a group contests nothing said
# about a named member, and the reverse.

# %%
contested = finding(dataset, "contested", include_inferred=INCLUDE_INFERRED)
print(contested.statement)

# %%
evidence(dataset, contested, readable=True)

# %% [markdown]
# ## How many parties support or dispute each relation, in how many statements?

# %%
readable(
    dataset,
    corroboration(dataset, include_inferred=INCLUDE_INFERRED).sort_values(
        ["n_disputing", "n_supporting", "n_statements"], ascending=False
    ),
)
