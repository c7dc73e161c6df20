# %% [markdown]
# # What does it cost to send money home? A corridor table from RPW data
#
# What a data analyst writes in a notebook with `remitcost`: load the World Bank's Remittance
# Prices Worldwide (RPW) data (here the small sample bundled in `testdata/rpw/`, the same
# layout as the published file), check what the reader rejected, compute the corridor table
# (each corridor's average total cost and SmaRT), and plot the latest quarter against the
# UN SDG 10.c target (3%) and the G20 target (5%).
#
# Run as a script: `python examples/corridor_notebook.py [output.png] [dataset.csv]`
# (default output: `target/corridor_costs.png`).

# %%
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed: the plot is written to a file
import matplotlib.pyplot as plt  # noqa: E402

import remitcost as rc  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
output = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "target" / "corridor_costs.png"
dataset = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "testdata" / "rpw" / "sample.csv"

# %% [markdown]
# ## Load the data; bad rows are reported, never fatal

# %%
data = rc.read_rpw_csv(dataset)
print(data)
print(data.report)  # rows read / kept / rejected, and every flagged field

# %% [markdown]
# ## The corridor table
#
# RPW's headline amount is the USD 200 equivalent (`cc1`). Services that do not disclose
# their exchange rate (`transparent = no`) carry a literal 0 margin, so RPW leaves them out of
# its averages; remitcost does the same and says how many it left out. Every figure is an
# exact decimal (pandas columns are Arrow `decimal128`), rounded once to 4 places.

# %%
result = rc.indicators(data, options=rc.AggregateOptions(amount="usd200"))
print("left out:", result.left_out)

corridors = result.to_pandas()
print(corridors[["period", "corridor", "services", "average_pct", "smart_pct"]].to_string(index=False))

headline = result.periods_table().to_pandas()
print(headline[["period", "global_average_pct", "corridor_average_pct", "smart_pct",
                "above_5_count", "above_3_count", "gap_to_3_pct"]].to_string(index=False))

# %% [markdown]
# ## The latest quarter against the 3% and 5% targets

# %%
latest = corridors["period"].max()
quarter = corridors[corridors["period"] == latest].sort_values("average_pct")
labels = (quarter["source_name"] + " → " + quarter["destination_name"]).tolist()
average = quarter["average_pct"].astype(float)  # plotting only: the figures stay exact above
smart = quarter["smart_pct"].astype(float)

fig, ax = plt.subplots(figsize=(8, 0.6 * len(quarter) + 1.8))
positions = range(len(quarter))
bars = ax.barh(positions, average, color="#4c72b0", label="corridor average total cost")
ax.scatter(smart, positions, color="#222222", marker="D", zorder=3, label="SmaRT (3 cheapest eligible)")
ax.axvline(5, color="#c44e52", linestyle="--", label="G20 target 5%")
ax.axvline(3, color="#55a868", linestyle="--", label="SDG 10.c target 3%")
ax.bar_label(bars, labels=[f"{v:.2f}%" for v in average], padding=3, fontsize=8)
ax.set_yticks(list(positions), labels)
ax.set_xlabel("total cost of sending USD 200, % of the amount sent")
ax.set_title(f"Corridor average cost, {latest} (sample data)")
ax.set_xlim(0, max(average.max(), 5) * 1.25)
ax.legend(loc="lower right", fontsize=8)
fig.tight_layout()

output.parent.mkdir(parents=True, exist_ok=True)
fig.savefig(output, dpi=120)
above_5 = int((quarter["average_pct"].astype(float) > 5).sum())
print(f"{above_5} of {len(quarter)} corridors above 5% in {latest}; plot written to {output}")
