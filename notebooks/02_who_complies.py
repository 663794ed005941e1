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
# # 2. Who is reported complying with which requirement, by whose account?
#
# The compliance view puts each platform, company or group against each
# requirement, with every reported status, who reported it and the claim
# behind it. These are accounts, not facts: each cell says what someone is
# reported to have said.
#
# A group (entity type `group`) is a class of actors a source speaks of
# without listing them. A claim about a group says nothing about any of its
# members, so the group is its own row and nothing is passed from it to
# anyone. A claim about an owner bears on what it owns only where a source
# states the ownership (an `owns` claim, reported done and stated); such
# evidence is marked as inherited and kept apart from direct evidence.
#
# A claim is *inferred* (`reading`, one of `analysis.vocabulary.READINGS`) when
# the curator's reading goes further than the source's words, once names and
# pronouns are resolved, and its `notes` say why; everything below rests on
# *stated* claims only, unless you set `INCLUDE_INFERRED = True` in the
# parameters cell.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes `compliance.csv`
# and the compliance figure with its CSV.
# **Parameters:** `DATA`, `INCLUDE_INFERRED`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`
INCLUDE_INFERRED = False  # True: also use the claims the curator inferred

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.compliance import cell_summary, compliance_matrix, compliance_table, ownership
from analysis.figures import compliance_figure
from analysis.findings import evidence, finding
from analysis.report import readable
from analysis.statements import claim_statements, count_statements
from analysis.timeline import date_span

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)
selected = dataset.select(INCLUDE_INFERRED)

names = dataset.names()

# %% [markdown]
# ## What does each party's record look like against each requirement?
#
# A `!` marks a cell where accounts disagree; `*` marks a status inherited
# from an owner.

# %%
compliance_matrix(dataset, include_inferred=INCLUDE_INFERRED).rename(index=names, columns=names)

# %%
figure, cells = compliance_figure(dataset, include_inferred=INCLUDE_INFERRED)
figure

# %% [markdown]
# ## How many statements stand behind each cell?
#
# Claims that share a source and its words are one statement
# (`analysis.statements`): one sentence naming three platforms is one
# account, not three.

# %%
readable(dataset, cell_summary(dataset, include_inferred=INCLUDE_INFERRED))

# %% [markdown]
# ## Who is reported moving toward which requirement, and by whom?

# %%
progress = finding(dataset, "requirement-progress", include_inferred=INCLUDE_INFERRED)
print(progress.statement)

# %%
evidence(dataset, progress, readable=True)

# %% [markdown]
# ## Is anyone reported to have done what a requirement asks?

# %%
done = finding(dataset, "requirement-done", include_inferred=INCLUDE_INFERRED)
print(done.statement)

# %%
evidence(dataset, done, readable=True)

# %% [markdown]
# ## On which requirement does no account report progress?

# %%
gap = finding(dataset, "requirement-gap", include_inferred=INCLUDE_INFERRED)
print(gap.statement)

# %%
evidence(dataset, gap, readable=True)

# %% [markdown]
# ## Which requirement, said to be imposed by a law, does no account report on?

# %%
silent = finding(dataset, "requirement-unaddressed", include_inferred=INCLUDE_INFERRED)
print(silent.statement)

# %%
evidence(dataset, silent, readable=True)

# %% [markdown]
# ## Which ownership do the sources state, and what does it pass down?
#
# Only stated `owns` claims reported as done pass an owner's accounts down
# (`analysis.compliance.ownership_claims`); an empty table means no source in
# the corpus states any ownership, and nothing is inherited.

# %%
readable(dataset, ownership(selected))

# %%
readable(dataset, compliance_table(dataset, include_inferred=INCLUDE_INFERRED).dropna(subset=["inherited_from"]))

# %% [markdown]
# ## What could be known on a given day?
#
# `as_of` keeps only the statements made on or before a date: a statement's
# own `said_on` where the source gives one, else its source's publication,
# at the precision given. The day before the first statement nothing is
# known; each later day shows how many statements on requirements had been
# made by then. A corpus with statements on more than `DAYS_SHOWN` days
# shows the last such day of each month instead, and says so.

# %%
from IPython.display import Markdown

DAYS_SHOWN = 40
said = date_span(claim_statements(selected)["said_on"])["end"].dropna()
# a corpus with no claims has no day to show
days = sorted(set(said))
if len(days) > DAYS_SHOWN:
    month_ends = pd.Series(days).groupby(pd.Series(days).dt.to_period("M")).max().tolist()
    display(Markdown(f"Statements were made on {len(days):,} days: shown, the last of them in each of {len(month_ends):,} months."))
    days = month_ends
days = [said.min() - pd.Timedelta(days=1), *days] if len(days) else []
pd.Series(
    {
        f"{day:%Y-%m-%d}": count_statements(
            selected, compliance_table(dataset, as_of=day, include_inferred=INCLUDE_INFERRED)["claim_id"]
        )
        for day in days
    },
    name="statements on requirements known by the end of the day",
    dtype="int64",
).to_frame()

# %% [markdown]
# ## The long table of `compliance.csv`, in words
#
# One row per claim that bears on a requirement, as `analysis export` writes
# it to `compliance.csv`, with names for ids and statuses in plain words
# (`analysis.report.readable`).

# %%
readable(dataset, compliance_table(dataset, include_inferred=INCLUDE_INFERRED))
