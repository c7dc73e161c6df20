"""published_indicators: the figures of the RPW reports, the same in Python as in Rust."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal

import pytest

import remitcost as rc
from conftest import REPO

SAMPLE = REPO / "testdata" / "rpw" / "sample.csv"


def test_the_sample_gives_every_published_figure() -> None:
    out = rc.published_indicators(SAMPLE)
    assert isinstance(out, rc.Published) and len(out) == len(out.periods)
    first = out.periods[0]
    assert isinstance(first, rc.PublishedPeriod)
    assert first.period == "2024_4Q"
    # Every service is in the global average (no exclusion applies in 2024).
    assert (first.services, first.excluded) == (25, 0)
    assert isinstance(first.global_average_pct, Decimal)
    # The same global average as `indicators`, whose figure is the plain mean.
    plain = rc.indicators(SAMPLE).periods[0]["global_average_pct"]
    assert first.global_average_pct == plain
    assert all(isinstance(r, rc.Average) for r in first.regions)
    regions = {r.key: r.services for r in first.regions}
    assert sum(regions.values()) == 25
    assert isinstance(out.annual[0], rc.AnnualAverage) and out.annual[0].year == 2024
    assert out.annual[0].periods[0] == "2024_4Q"
    # No MTO list given: no index (the caller names the firms).
    assert first.mto_index_pct is None
    assert set(out.left_out) == {"non_transparent", "unpriced"}


def test_to_dict_is_the_json_form_and_objects_compare() -> None:
    out = rc.published_indicators(SAMPLE)
    d = out.to_dict()
    assert set(d) == {"periods", "annual", "left_out"}
    first = d["periods"][0]
    assert first["period"] == out.periods[0].period
    assert first["global_average_pct"] == out.periods[0].global_average_pct
    assert isinstance(first["regions"][0]["mean_pct"], Decimal)
    assert out.periods[0].to_dict() == first
    assert out.periods[0].regions[0].to_dict() == first["regions"][0]
    assert rc.published_indicators(SAMPLE) == out
    assert "2024_4Q" in repr(out) and "2024_4Q" in repr(out.periods[0])


def test_exclusions_are_options() -> None:
    rows = rc.read_rpw_csv(SAMPLE)
    everything = rc.published_indicators(rows, options={"exclusions": []})
    without_france = rc.published_indicators(
        rows,
        options={"exclusions": [{"figures": ["global_average"], "from": "2024_4Q",
                                 "to": "2024_4Q", "source_countries": ["FRA"]}]},
    )
    a, b = everything.periods[0], without_france.periods[0]
    assert b.excluded > 0
    assert a.services == b.services + b.excluded
    assert b.global_average_pct != a.global_average_pct
    # The G20 average is not the global one and keeps the excluded services.
    assert b.g20_average_pct == a.g20_average_pct


def test_a_caller_can_pass_its_own_country_table() -> None:
    table = json.dumps({"vintage": "test", "countries": [
        {"code": "SEN", "name": "Senegal", "region": "Elsewhere"}]})
    # The sample's rows carry their regions: the table only fills what they lack.
    out = rc.published_indicators(SAMPLE, countries=table)
    assert "Elsewhere" not in {r.key for r in out.periods[0].regions}
    with pytest.raises(rc.RemitError) as bad:
        rc.published_indicators(SAMPLE, countries='{"vintage": "x", "countries": [{"code": "S"}]}')
    assert bad.value.code == "invalid_json"


def test_python_and_rust_give_the_same_figures() -> None:
    """The Rust example prints the same global average for the sample's first quarter."""
    report = subprocess.run(
        ["cargo", "run", "-q", "-p", "remitcost-examples", "--bin", "rpw_report", "--", str(SAMPLE)],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout
    ours = rc.published_indicators(SAMPLE).periods[0]
    section = report.split("As the RPW reports publish it")[1]
    assert f"{ours.global_average_pct}%" in section.splitlines()[1]
    assert f"{ours.g20_average_pct}%" in section
