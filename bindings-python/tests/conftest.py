"""Shared paths for the remitcost test suite. The tests import the installed `remitcost`
package (the wheel), never the source tree."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "testdata" / "vectors"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
