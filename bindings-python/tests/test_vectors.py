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


def _fx_margin(i: dict[str, Any]) -> Any:
    offered, mid = rc.Rate(**i["offered"]), rc.Rate(**i["mid"])
    return {"fx_margin_pct": rc.fx_margin_pct(offered, mid)}


def _cross_rate(i: dict[str, Any]) -> Any:
    return rc.Rate(**i["a"]).cross(rc.Rate(**i["b"]))


def _round(i: dict[str, Any]) -> Any:
    rule = rc.Rounding.parse(i["rounding"])
    return {"amount": rule.round_money(i["amount"], i["currency"])}


def _rank(i: dict[str, Any]) -> Any:
    return rc.rank_offers(i["offers"], **i["target"], options=i.get("options"))


RUNNERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "cost": _cost,
    "send_for": _send_for,
    "fx_margin": _fx_margin,
    "cross_rate": _cross_rate,
    "round": _round,
    "rank": _rank,
}


def _compare(path: str, want: Any, have: Any, failures: list[str]) -> None:
    """testdata/README.md's rule: an object matches when each listed field matches, an array
    when it has the same length and each element matches, a scalar when its string form is
    exactly the expected string."""
    if isinstance(want, dict):
        for name, w in want.items():
            if isinstance(have, dict):
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
