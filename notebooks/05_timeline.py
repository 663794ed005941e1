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
# # 5. When did it happen?
#
# Claims ordered by the date they carry, at the precision the source gives:
# a year is drawn as the year it covers, not as its first of January, and the
# source's own words for the time ("on Friday", "early next week") are kept.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes the timeline
# figure with its CSV.
# **Parameters:** `DATA`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.figures import timeline_figure
from analysis.timeline import timeline

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)

# %% [markdown]
# ## In what order did things happen, as the sources date them?

# %%
timeline(dataset)

# %%
figure, rows = timeline_figure(dataset)
figure

# %% [markdown]
# ## How many claims carry a date, and at what precision?

# %%
timeline(dataset, include_undated=True).query("kind == 'claim'")["precision"].value_counts(dropna=False)

# %% [markdown]
# ## Which claims have no date, and what words of time do they use?

# %%
undated = dataset.claims[dataset.claims["date"].isna()]
undated.loc[undated["date_text"].notna(), ["claim_id", "status", "said_by", "date_text", "quote"]]
