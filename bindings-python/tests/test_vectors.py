"""Every JSON vector in testdata/vectors, run through the Python API: the same answers to the
last digit as the Rust core (each expected field compared as an exact string) and the same
error codes. An operation without a runner here fails the suite, so no vector file is skipped.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest

import remitcost as rc
from conftest import VECTORS


def _cost(i: dict[str, Any]) -> Any:
    offer = rc.Offer.from_dict(i["offer"])
    return offer.cost(Decimal(i["send_amount"]), options=i.get("options"))


def _send_for(i: dict[str, Any]) -> Any:
    offer = rc.Offer(**i["offer"])  # keyword construction, the other way in
    options = rc.CostOptions(**i["options"]) if "options" in i else None
    return offer.send_for(i["receive_amount"], options=options)


def _send_within(i: dict[str, Any]) -> Any:
    offer = rc.Offer.from_dict(i["offer"])
    return offer.send_within(i["total_paid"], options=i.get("options"))


def _fx_margin(i: dict[str, Any]) -> Any:
    offered, mid = rc.Rate(**i["offered"]), rc.Rate(**i["mid"])
    return {"fx_margin_pct": rc.fx_margin_pct(offered, mid)}


def _cross_rate(i: dict[str, Any]) -> Any:
    return rc.Rate(**i["a"]).cross(rc.Rate(**i["b"]))


def _round(i: dict[str, Any]) -> Any:
    rule = rc.Rounding.parse(i["rounding"])
    return {"amount": rule.round_money(i["amount"], i["currency"])}


def _rank(i: dict[str, Any]) -> Any:
    return rc.rank_offers(
        i["offers"], **i["target"], options=i.get("options"), choices=i.get("choices")
    )


def _observation(index: int, row: dict[str, Any]) -> dict[str, Any]:
    """aggregate.json's compact row as a full Observation, exactly as its description says."""
    def price(cost: str, amount: str) -> dict[str, Any]:
        return {"amount": amount, "denomination_amount": None, "currency": None, "fee": "0",
                "fx_rate": None, "fx_margin_pct": "0", "total_cost_pct": cost}
    return {
        "row": index + 2, "id": None, "period": row["period"],
        "source_code": row["source"], "source_name": "",
        "source_region": row.get("source_region", ""),
        "destination_code": row["destination"], "destination_name": "",
        "destination_region": row.get("destination_region", ""),
        "firm": row["firm"], "firm_type": row.get("firm_type", "Bank"),
        "instrument": row.get("instrument", "Cash"),
        "access_point": row.get("access_point", "Agent"),
        "speed": row.get("speed", "Same day"), "transparent": row.get("transparent", True),
        "cc1": price(row["cost"], "200"),
        "cc2": price(row["cost_usd500"], "500") if "cost_usd500" in row else None,
        "interbank_fx": None, "extra": row.get("extra", {}),
    }


def _group(i: dict[str, Any]) -> Any:
    if "corridors" in i:
        return rc.group_corridors(i["corridors"], i["dimensions"], options=i.get("options"))
    rows = [_observation(n, r) for n, r in enumerate(i["rows"])]
    return rc.group(rows, i["dimensions"], options=i.get("options"))


def _indicators(i: dict[str, Any]) -> Any:
    weights = {(a, b): w for a, b, w in i["weights"]} if "weights" in i else None
    if "corridors" in i:
        return rc.corridor_indicators(i["corridors"], options=i.get("options"), weights=weights)
    rows = [_observation(n, r) for n, r in enumerate(i["rows"])]
    return rc.indicators(rows, options=i.get("options"), weights=weights)


# An empty country table: published.json's rows carry what they are to be grouped by, and
# nothing may be filled in (Rust's runner does not classify).
_NO_COUNTRIES = '{"vintage": "none", "countries": []}'


def _published(i: dict[str, Any]) -> Any:
    rows = [_observation(n, r) for n, r in enumerate(i["rows"])]
    return rc.published_indicators(rows, options=i.get("options"), countries=_NO_COUNTRIES)


RUNNERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "cost": _cost,
    "send_for": _send_for,
    "send_within": _send_within,
    "fx_margin": _fx_margin,
    "cross_rate": _cross_rate,
    "round": _round,
    "rank": _rank,
    "group": _group,
    "indicators": _indicators,
    "published": _published,
}


def _compare(path: str, want: Any, have: Any, failures: list[str]) -> None:
    """testdata/README.md's rule: an object matches when each listed field matches, an array
    when it has the same length and each element matches, a scalar when its string form is
    exactly the expected string; an expected null matches only None."""
    if want is None:
        if have is not None:
            failures.append(f"{path}: expected null, got {have!r}")
    elif isinstance(want, dict):
        for name, w in want.items():
            if isinstance(have, dict) or hasattr(have, "to_dict") and not hasattr(have, name):
                have = have if isinstance(have, dict) else have.to_dict()
                if name not in have:
                    failures.append(f"{path}.{name}: missing")
                    continue
                h = have[name]
            else:
                h = getattr(have, name)  # attribute access: the getters, not only to_dict()
            _compare(f"{path}.{name}", w, h, failures)
    elif isinstance(want, list):
        if not isinstance(have, list) or len(have) != len(want):
            failures.append(f"{path}: expected {len(want)} items, got {have!r}")
            return
        for n, (w, h) in enumerate(zip(want, have)):
            _compare(f"{path}[{n}]", w, h, failures)
    elif str(have) != want:
        failures.append(f"{path}: expected {want!r}, got {str(have)!r}")


def _cases() -> list[Any]:
    params = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text())
        for case in doc["cases"]:
            params.append(pytest.param(doc["operation"], case, id=f"{path.stem}:{case['name']}"))
    return params


def test_vector_files_exist() -> None:
    assert len(list(VECTORS.glob("*.json"))) >= 5


@pytest.mark.parametrize(("operation", "case"), _cases())
def test_vector(operation: str, case: dict[str, Any]) -> None:
    assert operation in RUNNERS, f"no Python runner for operation {operation!r}"
    run = RUNNERS[operation]
    if "error" in case:
        with pytest.raises(rc.RemitError) as info:
            run(case["input"])
        assert info.value.code == case["error"], str(info.value)
        return
    result = run(case["input"])
    failures: list[str] = []
    _compare(case["name"], case["expected"], result, failures)  # through the getters
    if hasattr(result, "to_dict"):
        _compare(case["name"], case["expected"], result.to_dict(), failures)  # and to_dict()
    assert not failures, "\n".join(failures)
