"""The Python side of the cross-language consistency check (.ci/consistency.sh): every case of
every file in testdata/vectors and of testdata/malformed/cases.json, through the installed
``remitcost`` package, one canonical JSON line per case, written to the path given (or stdout):
``{"file", "name", "output"}`` (the operation's full output as plain JSON data: ``to_dict()``,
decimals as exact fixed-point strings) or ``{"file", "name", "error"}`` (``RemitError.code``),
keys sorted, lines sorted by (file, name). The runners are the test suite's own
(test_vectors.RUNNERS, test_malformed.RUNNERS). A case Python deliberately answers otherwise
(test_malformed.PYTHON_OUTCOMES) is written as ``{"file", "name", "skipped": reason}``;
testdata/consistency/compare.py checks that list against its own.

Usage: python bindings-python/tests/dump_vectors.py OUT.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import remitcost as rc  # noqa: E402
import test_malformed  # noqa: E402
import test_vectors  # noqa: E402
from conftest import REPO  # noqa: E402

TESTDATA = REPO / "testdata"


def line(file: str, name: str, **fields: Any) -> str:
    return json.dumps({"file": file, "name": name, **fields}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)


def dump() -> list[str]:
    files = [(f"vectors/{p.name}", p) for p in sorted((TESTDATA / "vectors").glob("*.json"))]
    files.append(("malformed/cases.json", TESTDATA / "malformed" / "cases.json"))
    lines: list[tuple[tuple[str, str], str]] = []
    for file, path in files:
        doc = json.loads(path.read_text("utf-8"))
        runners = test_malformed.RUNNERS if file.startswith("malformed/") else test_vectors.RUNNERS
        for case in doc["cases"]:
            name = case["name"]
            operation = case.get("operation", doc.get("operation"))
            if file.startswith("malformed/") and name in test_malformed.PYTHON_OUTCOMES:
                text = line(file, name, skipped=test_malformed.PYTHON_OUTCOMES[name][2])
            else:
                try:
                    output = test_malformed.plain(runners[operation](case["input"]))
                    text = line(file, name, output=output)
                except rc.RemitError as err:
                    text = line(file, name, error=err.code)
            lines.append(((file, name), text))
    lines.sort(key=lambda item: item[0])
    return [text for _, text in lines]


def main() -> None:
    text = "".join(f"{item}\n" for item in dump())
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text, "utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
