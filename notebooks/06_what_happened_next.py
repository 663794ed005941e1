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
# # 6. What happened next
#
# One report is a snapshot. Where several reports speak of the same subject
# on the same matter at different times, the accounts can be read in order:
# what was promised, what was said later, where it stands by the latest
# account. These are accounts, not facts: each says what someone is
# reported to have said, and when.
#
# A *track* (`analysis.tracking`) follows one subject on one matter: a
# requirement, for claims that bear on one, or else a relation and its
# object. Its accounts are ordered by when each was said (`said_on`, else the
# source's `published` date; a week or month sorts by its first day). Only
# subjects and matters with accounts given on two or more dates are tracked.
# The *latest* state is the status of the last account, or *contested* when
# the accounts of the last date point both ways.
#
# Some sources are *cited*, not stored (`text` in `sources.csv`): their text
# is not ours to copy, so their claims carry the curator's paraphrase and the
# source's address instead of a quote. Every table below says which is which;
# the figures draw cited accounts hollow.
#
# A claim is *inferred* (`reading`, one of `analysis.vocabulary.READINGS`) when
# the curator's reading goes further than the source's words, once names and
# pronouns are resolved, and its `notes` say why; everything below rests on
# *stated* claims only, unless you set `INCLUDE_INFERRED = True` in the
# parameters cell.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes the `tracker` and
# `tracker-matrices` figures with their CSVs.
# **Parameters:** `DATA`, `INCLUDE_INFERRED`, `AS_OF` (a day `YYYY-MM-DD`:
# keep only the statements made by then, as `analysis track --as-of` does).

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`
INCLUDE_INFERRED = False  # True: also use the claims the curator inferred
AS_OF = None  # None: every statement; or "YYYY-MM-DD": only what had been said by then

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.compliance import compliance_matrix
from analysis.credits import credit, date_in_words
from analysis.figures import tracker_dates, tracker_figure, tracker_matrices_figure
from analysis.findings import evidence, finding
from analysis.statements import claim_statements
from analysis.tracking import track, track_table
from analysis.vocabulary import status_words

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)
if AS_OF is not None:
    dataset = dataset.as_of(AS_OF)
selected = dataset.select(INCLUDE_INFERRED)

names = dataset.names()
labels = dataset.predicates.drop_duplicates("predicate").set_index("predicate")["label"]
sources = dataset.sources.drop_duplicates("source_id").set_index("source_id")
credits = pd.Series({source_id: credit(row) for source_id, row in zip(sources.index, sources.to_dict("records"))})
words = claim_statements(selected).set_index("claim_id")["evidence_text"]


def matter(about: str) -> str:
    """What a track is about, in words: the requirement's name, else the relation and its object."""
    kind, _, rest = about.partition(":")
    return names.get(rest, rest) if kind == "requirement" else f"{labels.get(kind, kind)} {names.get(rest, rest)}"


def readable(accounts: pd.DataFrame) -> pd.DataFrame:
    """Accounts as a reader sees them: names, dates and statuses in words, quotes or cited paraphrases, credits."""
    cited = accounts["evidence"].eq("cited")
    said = accounts["claim_id"].map(words)
    return pd.DataFrame(
        {
            "subject": accounts["subject"].map(names),
            "matter": accounts["about"].map(matter),
            "said on": accounts["said_on"].map(date_in_words),
            "status": accounts["status"].map(status_words),
            "said by": accounts["said_by"].map(names),
            "source": accounts["source"].map(credits),
            "words": ("\u201c" + said + "\u201d").where(
                ~cited, said + " (cited, not quoted) " + accounts["source"].map(sources["url"]).fillna("")
            ),
            "reading": accounts["reading"],
            "claim": accounts["claim_id"],
        }
    ).set_index(["subject", "matter"])


# %% [markdown]
# ## Which subjects can be followed on a matter over time, and where does each stand?
#
# One row per track: how many accounts it has, when the first and the last
# were given, and the latest state.

# %%
tracks = track(dataset, include_inferred=INCLUDE_INFERRED)
pd.DataFrame(
    {
        "subject": [names.get(t["subject"], t["subject"]) for t in tracks],
        "matter": [matter(t["about"]) for t in tracks],
        "accounts": [len(t["accounts"]) for t in tracks],
        "first said": [date_in_words(t["accounts"][0]["said_on"]) for t in tracks],
        "last said": [date_in_words(t["accounts"][-1]["said_on"]) for t in tracks],
        "latest": [status_words(t["latest"]) for t in tracks],
    },
    columns=["subject", "matter", "accounts", "first said", "last said", "latest"],
)

# %% [markdown]
# ## What does each account say, in the order given?
#
# Every account of every track, with who gave it, where, and in what words:
# a quote in quotation marks, or, for a cited source, the curator's
# paraphrase marked "(cited, not quoted)" with the source's address.

# %%
readable(track_table(dataset, include_inferred=INCLUDE_INFERRED))

# %% [markdown]
# ## How do the tracks look on a time line?
#
# One row per track, each account where it was said, coloured by the status
# reported; a hollow marker is an account from a cited source; the latest
# state is at the right.

# %%
figure, accounts = tracker_figure(dataset, include_inferred=INCLUDE_INFERRED)
figure

# %% [markdown]
# ## Which promises were kept, which contradicted, which are still outstanding?
#
# A promise is the first account of a track that looks forward (agreed,
# planned or expected); its record is the last account given a month or
# more later (the finding `promise-and-record`).

# %%
promises = finding(dataset, "promise-and-record", include_inferred=INCLUDE_INFERRED)
print(promises.statement)

# %%
evidence(dataset, promises, readable=True)

# %% [markdown]
# ## Is the same point attributed to different parties in different reports?
#
# The same status on the same subject and matter, given by a named party in
# one report and by unnamed sources in another (the finding
# `same-point-different-parties`).

# %%
same_point = finding(dataset, "same-point-different-parties", include_inferred=INCLUDE_INFERRED)
print(same_point.statement)

# %%
evidence(dataset, same_point, readable=True)

# %% [markdown]
# ## Where does a company's own account differ from what others say of it?
#
# A subject speaking of itself, against the other parties' accounts of the
# same matter that point the other way or disagree on whether it is done
# (the finding `own-account-versus-others`).

# %%
own_account = finding(dataset, "own-account-versus-others", include_inferred=INCLUDE_INFERRED)
print(own_account.statement)

# %%
evidence(dataset, own_account, readable=True)

# %% [markdown]
# ## How did the compliance matrix change between two dates?
#
# The matrix as it could be known at the end of the year of the first
# account and on the day of the last (`analysis.figures.tracker_dates`, which
# also says which accounts count), side by side: each holds only the
# statements made by its date. A cell lists the statuses reported, furthest
# first; `!` marks a cell where accounts disagree.

# %%
dates = tracker_dates(dataset, include_inferred=INCLUDE_INFERRED) or ()
matrices = {
    f"as of {date_in_words(day)}": compliance_matrix(dataset, as_of=day, include_inferred=INCLUDE_INFERRED)
    for day in dates
}
pd.concat(matrices, axis=1).rename(index=names, columns=names) if matrices else "No account bears on a requirement."

# %%
figure, cells = tracker_matrices_figure(dataset, dates=dates or None, include_inferred=INCLUDE_INFERRED)
figure
