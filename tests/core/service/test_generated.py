"""The committed sync service is exactly what ``hatch run generate-sync`` writes from the async one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[3]
SOURCE = "packages/core/src/sqlalchemist/service/_async.py"
TARGET = "packages/core/src/sqlalchemist/service/_sync.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sync", ROOT / "scripts" / "generate_sync.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    module = sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_sync_service_is_current() -> None:
    generator = _generator()
    (pair,) = [pair for pair in generator.load_pairs(ROOT) if pair.source == SOURCE]
    assert pair.target == TARGET
    committed = (ROOT / TARGET).read_text(encoding="utf-8")
    assert committed == generator.render(pair, ROOT), "generated sync code is stale: run `hatch run generate-sync`"
