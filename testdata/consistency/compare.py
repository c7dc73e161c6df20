"""Compares the three consistency dumps (Rust, Python, JavaScript) byte for byte.

Each dump has one canonical JSON line per case of testdata/vectors/*.json and
testdata/malformed/cases.json, sorted by (file, name): ``{"file", "name", "output"}`` or
``{"file", "name", "error"}``, keys sorted, decimals as strings; or ``{"file", "name",
"skipped": reason}`` for a case a language deliberately does not run the same way. Written by
core/tests/consistency.rs, bindings-python/tests/dump_vectors.py and
bindings-wasm/tests/dump_vectors.mjs; run by .ci/consistency.sh.

Fails (exit 1) when a dump misses a case or has one twice, when the lines are not sorted, when
a language skips a case not in SKIPS below or runs one that is (the list is exact both ways),
or when two languages that ran a case wrote different bytes for it; prints the first
differing cases with the first differing position.

Usage: python compare.py RUST.jsonl PYTHON.jsonl JS.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TESTDATA = Path(__file__).resolve().parents[1]
MALFORMED = "malformed/cases.json"
LANGUAGES = ("rust", "python", "js")

# The documented differences: which cases each language does not run like core, and why.
# Python: its JSON-shaped dicts take numbers as decimals (remitcost/__init__.py), where core's
# JSON schema refuses a JSON number (bindings-python/tests/test_malformed.py PYTHON_OUTCOMES
# has the outcome Python gives instead, tested there).
# JS: operations the npm package does not expose (bindings-wasm/tests/cases.mjs NOT_EXPOSED):
# core's RPW dataset readers are left out of its WebAssembly build (size budget), and it has
# no offer reader and no period parser of its own; the published-figure set
# (published_indicators) is left out with the country table its rows need.
SKIPPED_CASES = {
    "rust": set(),
    "python": {"cost_fee_as_json_number", "cost_rate_as_json_integer", "cost_currency_as_number"},
    "js": set(),
}
SKIPPED_OPERATIONS = {
    "rust": set(),
    "python": set(),
    "js": {"read_rpw_csv", "read_rpw_json", "offer_json", "period"},
}
# Vector files (testdata/vectors) an operation of which a language does not run at all.
SKIPPED_VECTOR_OPERATIONS = {
    "rust": set(),
    "python": set(),
    "js": {"published"},
}
SHOW = 5  # differing cases printed


def case_files() -> dict[tuple[str, str], str]:
    """(file, name) -> operation, for every case of both folders."""
    cases: dict[tuple[str, str], str] = {}
    paths = [(f"vectors/{p.name}", p) for p in sorted((TESTDATA / "vectors").glob("*.json"))]
    paths.append((MALFORMED, TESTDATA / MALFORMED))
    for file, path in paths:
        doc = json.loads(path.read_text("utf-8"))
        for case in doc["cases"]:
            cases[(file, case["name"])] = case.get("operation", doc.get("operation"))
    return cases


def expected_skips(language: str, cases: dict[tuple[str, str], str]) -> set[tuple[str, str]]:
    return {
        key for key, operation in cases.items()
        if (key[0] == MALFORMED and key[1] in SKIPPED_CASES[language])
        or (key[0] == MALFORMED and operation in SKIPPED_OPERATIONS[language])
        or (key[0] != MALFORMED and operation in SKIPPED_VECTOR_OPERATIONS[language])
    }


def read_dump(path: Path, problems: list[str], language: str) -> dict[tuple[str, str], bytes]:
    lines: dict[tuple[str, str], bytes] = {}
    previous: tuple[str, str] | None = None
    for number, raw in enumerate(path.read_bytes().split(b"\n")[:-1], start=1):
        head = json.loads(raw)
        key = (head["file"], head["name"])
        if key in lines:
            problems.append(f"{language}: {key} twice")
        if previous is not None and key < previous:
            problems.append(f"{language}: line {number} {key} out of order")
        previous = key
        lines[key] = raw
    return lines


def first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, at - 60)
    return (f"    at byte {at}:\n"
            f"      {a[start:at + 80].decode('utf-8', 'replace')}\n"
            f"      {b[start:at + 80].decode('utf-8', 'replace')}")


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    cases = case_files()
    problems: list[str] = []
    dumps = {lang: read_dump(Path(p), problems, lang) for lang, p in zip(LANGUAGES, argv[1:])}
    for lang, dump in dumps.items():
        missing, extra = set(cases) - set(dump), set(dump) - set(cases)
        if missing:
            problems.append(f"{lang}: {len(missing)} cases missing, e.g. {sorted(missing)[:3]}")
        if extra:
            problems.append(f"{lang}: {len(extra)} unknown cases, e.g. {sorted(extra)[:3]}")
        skipped = {key for key, raw in dump.items() if "skipped" in json.loads(raw)}
        want = expected_skips(lang, cases)
        if skipped != want:
            problems.append(f"{lang}: skips {sorted(skipped - want)[:5]} not listed, runs listed "
                            f"{sorted(want - skipped)[:5]}")
    differing: list[str] = []
    by_languages: dict[int, int] = {}
    for key in sorted(cases):
        ran = [(lang, dumps[lang][key]) for lang in LANGUAGES
               if key in dumps[lang] and "skipped" not in json.loads(dumps[lang][key])]
        by_languages[len(ran)] = by_languages.get(len(ran), 0) + 1
        base_lang, base = ran[0] if ran else ("", b"")
        for lang, raw in ran[1:]:
            if raw != base:
                differing.append(f"  {key[0]} {key[1]}: {base_lang} and {lang} differ\n"
                                 + first_difference(base, raw))
    for n in sorted(by_languages, reverse=True):
        print(f"{by_languages[n]} cases compared across {n} languages")
    for lang in LANGUAGES:
        skips = expected_skips(lang, cases)
        if skips:
            print(f"{lang} skips {len(skips)} documented cases")
    if problems or differing:
        for p in problems:
            print(f"FAIL {p}", file=sys.stderr)
        if differing:
            print(f"FAIL {len(differing)} cases differ; the first {min(SHOW, len(differing))}:",
                  file=sys.stderr)
            print("\n".join(differing[:SHOW]), file=sys.stderr)
        return 1
    print(f"consistent: {len(cases)} cases, byte for byte")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
