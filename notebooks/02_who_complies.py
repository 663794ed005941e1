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
# # 2. Who is complying with which requirement, by whose account?
#
# The compliance view puts each platform or company against each requirement
# of the law, with every reported status, who reported it and the claim behind
# it. A claim about an owner (Meta) also bears on what it owns (Facebook,
# Instagram, WhatsApp); such evidence is marked as inherited and kept apart
# from direct evidence.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes `compliance.csv`
# and the compliance figure with its CSV.
# **Parameters:** `DATA`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.compliance import compliance_matrix, compliance_table, ownership
from analysis.figures import compliance_figure
from analysis.findings import evidence, finding

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)

# %% [markdown]
# ## What does each platform's record look like against each requirement?
#
# A `!` marks a cell where accounts disagree; `*` marks a status inherited
# from an owner.

# %%
compliance_matrix(dataset)

# %%
figure, cells = compliance_figure(dataset)
figure

# %% [markdown]
# ## Who has moved toward which requirement, and how far?

# %%
progress = finding(dataset, "requirement-progress")
print(progress.statement)
evidence(dataset, progress)

# %% [markdown]
# ## Has anyone actually done what a requirement asks?

# %%
done = finding(dataset, "requirement-done")
print(done.statement)
evidence(dataset, done)

# %% [markdown]
# ## Which requirement has no reported progress at all?

# %%
gap = finding(dataset, "requirement-gap")
print(gap.statement)
evidence(dataset, gap)

# %% [markdown]
# ## Which requirement does no source report on?

# %%
silent = finding(dataset, "requirement-unaddressed")
print(silent.statement)
evidence(dataset, silent)

# %% [markdown]
# ## Who owns whom, and what does an owner's stance pass down?

# %%
ownership(dataset)

# %%
rollup = finding(dataset, "ownership-rollup")
print(rollup.statement)
compliance_table(dataset).dropna(subset=["inherited_from"])

# %% [markdown]
# ## What could be known before the first source was published?
#
# `as_of` keeps only claims from sources published, at their stated
# precision, on or before a date. The day before the earliest source, the
# matrix is empty.

# %%
from analysis.timeline import date_span

first_published = date_span(dataset.sources["published"])["start"].min()
day_before = first_published - pd.Timedelta(days=1)
len(compliance_table(dataset, as_of=day_before)), len(compliance_table(dataset, as_of=date_span(dataset.sources["published"])["end"].max()))

# %% [markdown]
# ## The long table, as written to `compliance.csv`

# %%
compliance_table(dataset)
