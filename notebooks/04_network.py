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
# # 4. The network of platforms, officials and rules
#
# Who is connected to whom through the claims, and who is central to the
# story? The actor network links two entities when a claim relates them or
# when one speaks about the other.
#
# **Inputs:** the data package `DATA`.
# **Outputs:** none written here; `analysis report` writes the network figure
# with its CSV, the graph files for Gephi and the offline explorer.
# **Parameters:** `DATA`, `INTERACTIVE` (show the live ipysigma widget), `SEED`.

# %% tags=["parameters"]
DATA = None  # None: the bundled data/; or the path of your own data package
INTERACTIVE = True  # False when run by `analysis report`
SEED = 0  # seed of the figure layout and of the community detection

# %%
# %matplotlib inline
import pandas as pd

import analysis
from analysis.explore import explorer_iframe
from analysis.figures import network_figure
from analysis.findings import finding
from analysis.network import centrality, communities, ego_network, projection

pd.set_option("display.max_colwidth", 160)
dataset = analysis.load(DATA)

# %%
figure, links = network_figure(dataset, seed=SEED)
figure

# %% [markdown]
# ## Which entities hold the network together?

# %%
central = finding(dataset, "central-entity")
print(central.statement)
centrality(dataset).head(10)

# %% [markdown]
# ## What is the story around the most central entity?

# %%
top = centrality(dataset).query("type != 'media'").iloc[0]["entity_id"]
ego = ego_network(dataset, top)
pd.DataFrame(
    [(u, d["predicate_label"], v, d["status"], d["said_by"]) for u, v, d in ego.edges(data=True)],
    columns=["subject", "predicate", "object", "status", "said_by"],
)

# %% [markdown]
# ## Which platforms share requirements they are reported on?

# %%
shared = projection(dataset, "platforms-by-requirement")
pd.DataFrame(
    [(u, v, d["weight"]) for u, v, d in shared.edges(data=True)], columns=["platform", "platform_2", "shared_requirements"]
).sort_values(["shared_requirements", "platform", "platform_2"], ascending=[False, True, True])

# %% [markdown]
# ## Which parties speak about the same subjects?

# %%
speakers = projection(dataset, "speakers-by-subject")
pd.DataFrame(
    [(u, v, d["weight"]) for u, v, d in speakers.edges(data=True)], columns=["party", "party_2", "shared_subjects"]
).sort_values(["shared_subjects", "party", "party_2"], ascending=[False, True, True])

# %% [markdown]
# ## Which groups does the network fall into?

# %%
pd.Series([", ".join(group) for group in communities(dataset, seed=SEED)], name="community members")

# %% [markdown]
# ## Explore it
#
# Click an entity to read every claim about it, with its quote. The page
# works offline; `analysis report` also writes it as `explorer.html`.

# %%
explorer_iframe(dataset)

# %%
if INTERACTIVE:
    from analysis.explore import sigma

    display(sigma(dataset))
