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
# # 3. Who says so? Named officials, unnamed sources, and the outlet's own voice
#
# Each claim names who asserts it. This notebook asks where claims of progress
# come from compared with claims of reluctance, how much rests on a single
# unnamed source, and where accounts of the same thing disagree.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes the who-says-so
# figure and its CSV.
# **Parameters:** `DATA`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.contested import contested_claims
from analysis.figures import sourcing_figure
from analysis.findings import evidence, finding
from analysis.sourcing import claims_by_kind, corroboration, single_unnamed_share, who_says_what

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)

# %% [markdown]
# ## How many claims does each kind of party make, toward and away from the relation?
#
# Kinds of party are defined once, in `analysis.vocabulary.PARTY_KINDS`.

# %%
claims_by_kind(dataset)

# %%
figure, by_party = sourcing_figure(dataset)
figure

# %% [markdown]
# ## Who says what?

# %%
who_says_what(dataset)

# %% [markdown]
# ## Where do claims of progress come from, compared with claims of reluctance?

# %%
sides = finding(dataset, "progress-versus-reluctance")
print(sides.statement)
evidence(dataset, sides)

# %% [markdown]
# ## How much rests on one unnamed source that nobody else corroborates?

# %%
share = single_unnamed_share(dataset)
f"{share['n']} of {share['total']} claims ({share['share']:.0%})"

# %%
alone = finding(dataset, "single-unnamed-source")
print(alone.statement)
evidence(dataset, alone)

# %% [markdown]
# ## Where do accounts disagree, and in whose words?

# %%
print(finding(dataset, "contested").statement)
contested_claims(dataset)

# %% [markdown]
# ## How many independent parties support or dispute each statement?

# %%
corroboration(dataset).sort_values(["n_disputing", "n_supporting"], ascending=False)
