"""The sync store is exactly what unasyncd generates from the async store."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "packages/sessions/src/sqlalchemist_sessions/_store_async.py"
TARGET = "packages/sessions/src/sqlalchemist_sessions/_store_sync.py"
REPLACEMENTS = {
    "AsyncSessionStore": "SyncSessionStore",
    "AsyncEngineSource": "SyncEngineSource",
    "sqlalchemy.ext.asyncio.AsyncEngine": "sqlalchemy.engine.Engine",
}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sync", ROOT / "scripts" / "generate_sync.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_sync_store_is_generated_from_the_async_store() -> None:
    pytest.importorskip("unasyncd", reason="unasyncd generates the sync code; it is installed in the test environment")
    generator = _generator()
    configured = {pair.source: pair for pair in generator.load_pairs(ROOT)}
    pair = configured.get(SOURCE) or generator.Pair(source=SOURCE, target=TARGET, replacements=REPLACEMENTS, exclude=[])
    assert pair.target == TARGET
    expected = generator.render(pair, ROOT)
    assert (ROOT / TARGET).read_text(encoding="utf-8") == expected, "run: hatch run generate-sync"
