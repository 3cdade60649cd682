"""The committed sync twins are exactly what ``hatch run generate-sync`` would write."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
OWNED = ("packages/core/src/sqlalchemist/repository/", "tests/core/repository/")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sync", ROOT / "scripts" / "generate_sync.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
PAIRS = [pair for pair in GENERATOR.load_pairs(ROOT) if pair.source.startswith(OWNED)]


def test_every_repository_source_is_configured() -> None:
    assert {pair.target for pair in PAIRS} == {
        "packages/core/src/sqlalchemist/repository/_core_sync.py",
        "packages/core/src/sqlalchemist/repository/_reads_sync.py",
        "packages/core/src/sqlalchemist/repository/_writes_sync.py",
        "packages/core/src/sqlalchemist/repository/_sync.py",
        "packages/core/src/sqlalchemist/repository/_query_sync.py",
        "tests/core/repository/test_repository_sync.py",
        "tests/core/repository/test_list_loading_sync.py",
    }


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.target for pair in PAIRS])
def test_generated_sync_code_is_current(pair: object) -> None:
    pytest.importorskip("unasyncd", reason="unasyncd generates the sync code; it is installed in the test environment")
    expected = GENERATOR.render(pair, ROOT)
    committed = (ROOT / pair.target).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert committed == expected, "generated sync code is stale: run `hatch run generate-sync`"
