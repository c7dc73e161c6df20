"""The malformed-input corpus (testdata/malformed/cases.json and the files it names) through the
Python API: every hostile input gives its documented error code (``RemitError.code``) or
validation report, the same as the Rust runner (core/tests/malformed.rs), and the interpreter
keeps working afterwards. Every operation of the manifest has a runner here; an operation the
Python API could not express would have to be listed in ``NOT_EXPRESSIBLE`` with its reason
(none is), and a test checks that set exactly, so nothing is skipped silently.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest

import remitcost as rc
from conftest import REPO

MALFORMED = REPO / "testdata" / "malformed"


def _offer_cost(i: dict[str, Any]) -> Any:
    # The offer goes in as the dict it is: a JSON number or an object in a decimal field must be
    # refused by the library (core's serde), not coerced here.
    return rc.Offer.from_dict(i["offer"]).cost(i["send_amount"], options=i.get("options"))


def _send_for(i: dict[str, Any]) -> Any:
    return rc.Offer.from_dict(i["offer"]).send_for(i["receive_amount"], options=i.get("options"))


def _offer_json(i: dict[str, Any]) -> Any:
    # A str given to from_dict is a whole JSON document, parsed by core's JSON reader.
    return rc.Offer.from_dict(i["text"])


def _parse_decimal(i: dict[str, Any]) -> Any:
    return {"value": rc.parse_decimal(i["text"])}


def _currency(i: dict[str, Any]) -> Any:
    currency = rc.Currency.parse(i["code"])
    return {"code": currency.code, "minor_units": currency.minor_units}


def _period(i: dict[str, Any]) -> Any:
    return {"period": str(rc.Period.parse(i["text"]))}


def _source(i: dict[str, Any]) -> Any:
    """A dataset case's input: the file's path (read by the library as bytes), or the inline
    document as bytes (a str would be taken for a path)."""
    if "file" in i:
        return MALFORMED / i["file"]
    return i["text"].encode("utf-8")


def _dataset(data: Any) -> dict[str, Any]:
    return {"report": data.report.to_dict(), "observations": data.observations()}


RUNNERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "cost": _offer_cost,
    "send_for": _send_for,
    "offer_json": _offer_json,
    "parse_decimal": _parse_decimal,
    "currency": _currency,
    "period": _period,
    "read_rpw_csv": lambda i: _dataset(rc.read_rpw_csv(_source(i))),
    "read_rpw_json": lambda i: _dataset(rc.read_rpw_json(_source(i))),
}

# Operations of the manifest the Python API cannot express, with the reason: none. Kept
# explicit so that a new operation nobody wired fails the suite instead of being skipped.
NOT_EXPRESSIBLE: dict[str, str] = {}

# Cases whose Python outcome differs from the manifest's, by the Python package's documented
# design, with that outcome and the reason. Python's JSON-shaped dicts take numbers as
# decimals ("In JSON-shaped arguments (dicts of an offer, a schedule, options), numbers are
# decimals": remitcost/__init__.py; STYLE.md's int/float rule for decimal arguments), where
# core's JSON schema and the JS package refuse a JSON number with invalid_json. The consistency
# check (testdata/consistency/compare.py) reads this same list. Kept exact both ways: a case
# here that gives the manifest's outcome fails too.
PYTHON_OUTCOMES: dict[str, tuple[str, Any, str]] = {
    "cost_fee_as_json_number": (
        "output", {"fee": "4.90", "recipient_gets": "129000"},
        "a float in a dict is a decimal through its shortest repr (4.9 -> 4.9)"),
    "cost_rate_as_json_integer": (
        "output", {"fx_margin_pct": "1.6704", "recipient_gets": "129000"},
        "an int in a dict is a decimal (645)"),
    "cost_currency_as_number": (
        "error", "unknown_currency",
        "an int in a dict becomes its decimal text, so 978 is read as the currency code \"978\""),
}


def plain(value: Any) -> Any:
    """A result as plain JSON data, the one form every language writes: outputs through their
    ``to_dict()``, decimals as their exact fixed-point string (``format(d, "f")`` keeps the
    scale and never uses an exponent, as core's ``Decimal::to_string``); anything else that is
    not JSON data is an error, so an unexpected type in a binding's output shows."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value  # never a float: a float in an output is a binding bug, refused below
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    raise TypeError(f"not JSON data: {type(value).__name__} {value!r}")


def compare(path: str, want: Any, have: Any, failures: list[str]) -> None:
    """testdata/README.md's rule on plain data: listed fields match, arrays have the same length
    and match element by element, a scalar by its string form; an expected null only None."""
    if want is None:
        if have is not None:
            failures.append(f"{path}: expected null, got {have!r}")
    elif isinstance(want, dict):
        if not isinstance(have, dict):
            failures.append(f"{path}: expected an object, got {have!r}")
            return
        for name, w in want.items():
            if name not in have:
                if w is not None:
                    failures.append(f"{path}.{name}: missing")
                continue
            compare(f"{path}.{name}", w, have[name], failures)
    elif isinstance(want, list):
        if not isinstance(have, list) or len(have) != len(want):
            failures.append(f"{path}: expected {len(want)} items, got {have!r}")
            return
        for n, (w, h) in enumerate(zip(want, have)):
            compare(f"{path}[{n}]", w, h, failures)
    elif have is None or isinstance(have, (dict, list)) or _scalar(have) != want:
        failures.append(f"{path}: expected {want!r}, got {have!r}")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def manifest() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((MALFORMED / "cases.json").read_text("utf-8"))["cases"]
    return cases


def run_case(case: dict[str, Any]) -> tuple[str, Any]:
    """("output", plain data) or ("error", code) for one case; anything but a RemitError
    propagates (a TypeError, a crash) and fails the caller."""
    try:
        return "output", plain(RUNNERS[case["operation"]](case["input"]))
    except rc.RemitError as err:
        assert str(err), f"{case['name']}: empty message for {err.code}"
        return "error", err.code


def price_ordinary_quote() -> None:
    """Vector eur_xof_fixed_fee: 200 EUR -> total_cost_pct 4.1204, recipient_gets 129000."""
    offer = rc.Offer.from_dict({
        "send_currency": "EUR", "receive_currency": "XOF",
        "schedule": {"parts": [{"fixed": "4.90"}]},
        "offered_rate": {"base": "EUR", "quote": "XOF", "value": "645"},
        "mid_rate": {"base": "EUR", "quote": "XOF", "value": "655.957"},
    })
    cost = offer.cost("200")
    assert cost.total_cost_pct == Decimal("4.1204") and str(cost.total_cost_pct) == "4.1204"
    assert str(cost.recipient_gets) == "129000"


CASES = manifest()


def test_manifest_size_and_operations() -> None:
    assert len(CASES) >= 100
    operations = {c["operation"] for c in CASES}
    assert operations <= set(RUNNERS) | set(NOT_EXPRESSIBLE), operations


def test_python_outcomes_name_manifest_cases() -> None:
    names = {c["name"] for c in CASES}
    assert set(PYTHON_OUTCOMES) <= names, set(PYTHON_OUTCOMES) - names


def test_only_the_listed_operations_are_skipped() -> None:
    skipped = {c["operation"] for c in CASES if c["operation"] not in RUNNERS}
    assert skipped == set(NOT_EXPRESSIBLE)
    assert not set(RUNNERS) & set(NOT_EXPRESSIBLE)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_malformed_case(case: dict[str, Any]) -> None:
    if case["operation"] in NOT_EXPRESSIBLE:
        pytest.skip(NOT_EXPRESSIBLE[case["operation"]])
    kind, got = run_case(case)
    if case["name"] in PYTHON_OUTCOMES:
        want_kind, want, _reason = PYTHON_OUTCOMES[case["name"]]
        assert kind == want_kind, f"{case['name']}: got {kind} {got!r}"
        if kind == "error":
            assert got == want
        else:
            failures: list[str] = []
            compare(case["name"], want, got, failures)
            assert not failures, "\n".join(failures)
    elif "error" in case:
        assert (kind, got) == ("error", case["error"]), f"{case['name']}: got {kind} {got!r}"
    else:
        assert kind == "output", f"{case['name']}: raised {got}"
        failures: list[str] = []
        compare(case["name"], case["expected"], got, failures)
        assert not failures, "\n".join(failures)
    price_ordinary_quote()  # still working after this case


OFFER_CASES = [c for c in CASES if c["operation"] in ("cost", "send_for")]


@pytest.mark.parametrize("case", OFFER_CASES, ids=[c["name"] for c in OFFER_CASES])
def test_offer_as_json_text_gives_the_manifest_outcome(case: dict[str, Any]) -> None:
    """The same offers as a JSON document (``from_dict(str)``) go to core's JSON reader
    untouched: there Python gives exactly the manifest's outcome, PYTHON_OUTCOMES included
    (a JSON number in a decimal field is invalid_json, as in Rust and JS)."""
    method = "cost" if case["operation"] == "cost" else "send_for"
    amount = case["input"]["send_amount" if method == "cost" else "receive_amount"]
    try:
        offer = rc.Offer.from_dict(json.dumps(case["input"]["offer"]))
        got: tuple[str, Any] = ("output", plain(getattr(offer, method)(
            amount, options=case["input"].get("options"))))
    except rc.RemitError as err:
        got = ("error", err.code)
    if "error" in case:
        assert got == ("error", case["error"]), f"{case['name']}: got {got!r}"
    else:
        assert got[0] == "output", f"{case['name']}: got {got!r}"
        failures: list[str] = []
        compare(case["name"], case["expected"], got[1], failures)
        assert not failures, "\n".join(failures)


def test_still_working_after_the_whole_corpus() -> None:
    for case in CASES:
        if case["operation"] not in NOT_EXPRESSIBLE:
            run_case(case)
    price_ordinary_quote()


def test_compare_rule_fails_on_wrong_values() -> None:
    failures: list[str] = []
    compare("a", {"x": "2", "y": None, "z": ["1"]}, {"x": 2, "z": [1], "extra": 5}, failures)
    assert failures == []
    compare("b", {"x": "2.00"}, {"x": "2"}, failures)
    compare("c", {"y": None}, {"y": "0"}, failures)
    compare("d", {"z": ["1"]}, {"z": ["1", "2"]}, failures)
    compare("e", {"w": "1"}, {}, failures)
    compare("f", {"v": "1"}, {"v": None}, failures)
    assert len(failures) == 5, failures


def test_plain_writes_decimals_like_core() -> None:
    assert plain(Decimal("1E-7")) == "0.0000001"
    assert plain(Decimal("0E-4")) == "0.0000"
    assert plain(Decimal("129000")) == "129000"
    assert plain({"a": [Decimal("4.90"), None, True, 2]}) == {"a": ["4.90", None, True, 2]}
    with pytest.raises(TypeError):
        plain(1.5)
