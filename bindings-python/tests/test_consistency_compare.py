"""The comparison script of the cross-language consistency check
(testdata/consistency/compare.py) really fails: on one byte changed in one language's line, on
a case missing, on lines out of order, and on a skipped case that is not in its documented list
(or a listed one that is run). Synthetic dumps with one line per real case; the real dumps are
compared by .ci/consistency.sh."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

_spec = importlib.util.spec_from_file_location(
    "consistency_compare", REPO / "testdata" / "consistency" / "compare.py")
assert _spec is not None and _spec.loader is not None
compare: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)

LANGS = compare.LANGUAGES


def _dumps() -> dict[str, list[str]]:
    cases = compare.case_files()
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        skips = compare.expected_skips(lang, cases)
        lines = []
        for file, name in sorted(cases):
            fields: dict[str, Any] = {"file": file, "name": name}
            if (file, name) in skips:
                fields["skipped"] = "documented"
            else:
                fields["output"] = {"value": "1.50", "n": 2}
            lines.append(json.dumps(fields, sort_keys=True, separators=(",", ":")))
        out[lang] = lines
    return out


def _run(tmp_path: Path, dumps: dict[str, list[str]]) -> int:
    paths = []
    for lang in LANGS:
        path = tmp_path / f"{lang}.jsonl"
        path.write_text("".join(f"{line}\n" for line in dumps[lang]), "utf-8")
        paths.append(str(path))
    result: int = compare.main(["compare.py", *paths])
    return result


def test_identical_dumps_pass(tmp_path: Path) -> None:
    assert _run(tmp_path, _dumps()) == 0


def test_one_byte_differs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dumps = _dumps()
    n = next(i for i, line in enumerate(dumps["js"]) if '"output"' in line)
    dumps["js"][n] = dumps["js"][n].replace("1.50", "1.5")
    assert _run(tmp_path, dumps) == 1
    assert "rust and js differ" in capsys.readouterr().err


def test_a_missing_case_fails(tmp_path: Path) -> None:
    dumps = _dumps()
    del dumps["python"][0]
    assert _run(tmp_path, dumps) == 1


def test_lines_out_of_order_fail(tmp_path: Path) -> None:
    dumps = _dumps()
    dumps["rust"][0], dumps["rust"][1] = dumps["rust"][1], dumps["rust"][0]
    assert _run(tmp_path, dumps) == 1


def test_an_unlisted_skip_fails_and_so_does_running_a_listed_one(tmp_path: Path) -> None:
    dumps = _dumps()
    n = next(i for i, line in enumerate(dumps["rust"]) if '"output"' in line)
    head = json.loads(dumps["rust"][n])
    dumps["rust"][n] = json.dumps({"file": head["file"], "name": head["name"],
                                   "skipped": "no reason"}, sort_keys=True, separators=(",", ":"))
    assert _run(tmp_path, dumps) == 1
    dumps = _dumps()
    n = next(i for i, line in enumerate(dumps["js"]) if '"skipped"' in line)
    dumps["js"][n] = dumps["js"][n].replace('"skipped":"documented"', '"output":{}')
    assert _run(tmp_path, dumps) == 1


def test_the_documented_lists_name_real_cases() -> None:
    cases = compare.case_files()
    names = {name for file, name in cases if file == compare.MALFORMED}
    operations = {op for (file, _), op in cases.items() if file == compare.MALFORMED}
    for lang in LANGS:
        assert compare.SKIPPED_CASES[lang] <= names
        assert compare.SKIPPED_OPERATIONS[lang] <= operations
        vector_operations = {op for (file, _), op in cases.items() if file != compare.MALFORMED}
        assert compare.SKIPPED_VECTOR_OPERATIONS[lang] <= vector_operations
