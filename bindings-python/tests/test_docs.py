"""Documentation that runs: the README's Python quick start, every `>>>` example in the
package's docstrings, the hand-written stubs checked against the module (mypy stubtest), and
a docstring on every public name (they show in `help()`)."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest

import remitcost
import remitcost._remitcost as native
from conftest import REPO

FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _run(text: str, name: str, globs: dict[str, object]) -> doctest.TestResults:
    test = doctest.DocTestParser().get_doctest(text, globs, name, name, 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    return runner.summarize(verbose=False)


def test_readme_python_quick_start(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text()
    assert "## Python" in readme, "the README has no Python section"
    section = readme.split("## Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "the README's Python section has no python block"
    monkeypatch.chdir(REPO)  # the quick start reads testdata/ relative to the checkout
    for n, block in enumerate(blocks):
        result = _run(block, f"README.md python block {n}", {})
        assert result.attempted > 5
        assert result.failed == 0


def _documented() -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    for name in remitcost.__all__:
        obj = getattr(remitcost, name)
        if name.startswith("__") or isinstance(obj, (int, str)):
            continue
        items.append((name, obj))
        for attr, member in vars(obj).items() if isinstance(obj, type) else []:
            if not attr.startswith("_"):
                items.append((f"{name}.{attr}", member))
    return items


def test_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # examples read testdata/ relative to the checkout
    globs = {name: getattr(remitcost, name) for name in remitcost.__all__}
    globs["Decimal"] = Decimal
    attempted = 0
    for name, obj in _documented():
        doc = getattr(obj, "__doc__", None) or ""
        if ">>>" in doc:
            result = _run(doc, name, dict(globs))
            assert result.failed == 0, name
            attempted += result.attempted
    assert attempted > 20


@pytest.mark.parametrize("name", [n for n in remitcost.__all__ if not n.startswith("__")])
def test_every_public_name_has_a_docstring(name: str) -> None:
    obj = getattr(remitcost, name)
    if isinstance(obj, (int, str)):
        return  # constants: documented in the stubs
    assert (obj.__doc__ or "").strip(), f"{name} has no docstring"


def test_package_reexports_the_native_module() -> None:
    assert set(remitcost.__all__) == set(native.__all__)
    for name in native.__all__:
        assert getattr(remitcost, name) is getattr(native, name)


def test_stubs_match_the_module() -> None:
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "remitcost"],
        capture_output=True, text=True, cwd=REPO / "bindings-python" / "tests", env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubs_type_check_a_client() -> None:
    client = REPO / "bindings-python" / "tests" / "typed_client.py"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(client)],
        capture_output=True, text=True, cwd=REPO / "bindings-python" / "tests",
    )
    assert result.returncode == 0, result.stdout + result.stderr
