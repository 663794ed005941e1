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
# # 4. Exploring the corpus as a network
#
# A way to find your way around the claims, not a source of findings. The
# actor network links two entities when a claim relates them or when one
# speaks about the other. How connected an entity is says how often the
# sources mention it and how the curator split their sentences into claims,
# not what anyone did: use it to choose what to read next, and take any
# finding from the evidence itself (notebooks 2 and 3).
#
# A claim is *inferred* (`reading`, one of `analysis.vocabulary.READINGS`) when
# the curator's reading goes further than the source's words, once names and
# pronouns are resolved, and its `notes` say why; the network below is built
# from *stated* claims only, unless you set `INCLUDE_INFERRED = True` in the
# parameters cell.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes the network figure
# with its CSV, the graph files for Gephi and the offline explorer.
# **Parameters:** `DATA`, `INTERACTIVE` (show the live ipysigma widget),
# `INCLUDE_INFERRED`, `SEED`, `FOCUS`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`
INCLUDE_INFERRED = False  # True: also use the claims the curator inferred
SEED = 0  # seed of the figure layout, the community detection and the widget's starting layout
FOCUS = None  # the entity_id to read around; None: the first platform, company or group in entities.csv

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.explore import explorer_iframe
from analysis.figures import network_figure
from analysis.network import centrality, communities, ego_network, projection, sampling_note
from analysis.vocabulary import COMPLIANCE_SUBJECT_TYPES, STATUS_WORDS

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)
selected = dataset.select(INCLUDE_INFERRED)
names = dataset.names()

# %%
figure, links = network_figure(dataset, seed=SEED, include_inferred=INCLUDE_INFERRED)
figure

# %% [markdown]
# ## How many links does each entity have?
#
# Degree counts an entity's neighbours; betweenness, how often it lies on the
# shortest path between two others. Both measure the corpus as curated: an
# entity the sources mention often, or a speaker quoted on many subjects,
# scores high whatever it did.

# %%
from IPython.display import Markdown

table = centrality(dataset, include_inferred=INCLUDE_INFERRED)
display(Markdown(f"The 10 most central entities; {sampling_note(table)}."))
table.head(10)

# %% [markdown]
# ## What do the claims around one entity say?
#
# Set `FOCUS` to an `entity_id` to read around it: every claim that links it
# to its neighbours, and who says each.

# %%
focus = FOCUS or next(
    iter(dataset.entities.loc[dataset.entities["type"].isin(COMPLIANCE_SUBJECT_TYPES), "entity_id"]),
    dataset.entities["entity_id"].iloc[0],
)
ego = ego_network(dataset, focus, include_inferred=INCLUDE_INFERRED)
print(f"Around {names[focus]}: {ego.number_of_nodes()} entities, {ego.number_of_edges()} claims")

# %%
pd.DataFrame(
    [
        (d["claim_id"], names[u], d["predicate_label"], names[v], STATUS_WORDS[d["status"]], names[d["said_by"]])
        for u, v, d in ego.edges(data=True)
    ],
    columns=["claim_id", "subject", "relation", "object", "status", "said_by"],
)

# %% [markdown]
# ## Which platforms, companies and groups have accounts on the same requirements?
#
# A group is linked as itself: sharing a requirement with a group says
# nothing about the group's members.

# %%
TOP_PAIRS = 20  # pairs shown in each of the two tables below


def top_pairs(projected, what):
    """The pairs of a projection that share the most, and a sentence that says how many there are."""
    pairs = pd.DataFrame(
        [(names[u], names[v], d["weight"]) for u, v, d in projected.edges(data=True)],
        columns=["party", "party_2", what],
    ).sort_values([what, "party", "party_2"], ascending=[False, True, True], ignore_index=True)
    shown = "all of them" if len(pairs) <= TOP_PAIRS else f"the {TOP_PAIRS} that share the most"
    display(Markdown(f"{len(pairs):,} pairs; shown, {shown}."))
    return pairs.head(TOP_PAIRS)


shared = projection(dataset, "platforms-by-requirement", include_inferred=INCLUDE_INFERRED)
top_pairs(shared, "shared_requirements")

# %% [markdown]
# ## Which parties speak about the same subjects?

# %%
speakers = projection(dataset, "speakers-by-subject", include_inferred=INCLUDE_INFERRED)
top_pairs(speakers, "shared_subjects")

# %% [markdown]
# ## Which clusters does the network fall into?
#
# Louvain communities, seeded by `SEED`: a way to see which parts of the
# corpus are told together, not a grouping the sources make.

# %%
TOP_CLUSTERS, MEMBERS_SHOWN = 20, 12
clusters = communities(dataset, seed=SEED, include_inferred=INCLUDE_INFERRED)
shown = "all of them" if len(clusters) <= TOP_CLUSTERS else f"the {TOP_CLUSTERS} largest"
display(Markdown(f"{len(clusters):,} clusters; shown, {shown}, each with its first {MEMBERS_SHOWN} members in alphabetical order."))
pd.DataFrame(
    [
        (
            len(cluster),
            ", ".join(sorted(names[member] for member in cluster)[:MEMBERS_SHOWN])
            + (f", and {len(cluster) - MEMBERS_SHOWN:,} more" if len(cluster) > MEMBERS_SHOWN else ""),
        )
        for cluster in clusters[:TOP_CLUSTERS]
    ],
    columns=["members", "cluster members"],
)

# %% [markdown]
# ## Explore it
#
# Click an entity to read every claim about it, with its evidence. The page
# works offline. In JupyterLab it opens below; in the report written by
# `analysis report` it is a page of its own, `explorer.html`, linked here
# rather than copied into this page (at 100,000 claims it is 150 MB).

# %%
if INTERACTIVE:
    display(explorer_iframe(selected))
else:
    display(
        Markdown(
            "Open the [explorer](../explorer.html), a page of this report: every claim of the package, "
            "the inferred ones marked as such."
        )
    )

# %%
if INTERACTIVE:
    from analysis.explore import sigma

    display(sigma(selected, seed=SEED))
