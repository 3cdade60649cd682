"""Read the JSON fixtures that ``database dump-data`` writes, to seed tables with ``add_many`` / ``upsert_many``.

Example: ``rows = open_fixture(Path("fixtures"), "author")`` reads ``fixtures/author.json`` (or ``.json.gz``).
"""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path
from typing import Any

__all__ = ("fixture_path", "open_fixture", "open_fixture_async")


def fixture_path(fixtures_path: str | Path, fixture_name: str) -> Path:
    """Return ``<fixtures_path>/<fixture_name>.json``, or its ``.json.gz`` twin; the error names both paths tried."""
    folder = Path(fixtures_path)
    plain = folder / f"{fixture_name}.json"
    if plain.is_file():
        return plain
    packed = folder / f"{fixture_name}.json.gz"
    if packed.is_file():
        return packed
    msg = f"fixture {fixture_name!r} not found: expected {plain} or {packed}"
    raise FileNotFoundError(msg)


def open_fixture(fixtures_path: str | Path, fixture_name: str) -> Any:
    """Load and return the JSON content of the fixture ``fixture_name`` (usually a list of row dicts)."""
    path = fixture_path(fixtures_path, fixture_name)
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as packed:
            return json.load(packed)
    with path.open(encoding="utf-8") as plain:
        return json.load(plain)


async def open_fixture_async(fixtures_path: str | Path, fixture_name: str) -> Any:
    """Like :func:`open_fixture`, reading the file in a worker thread so the event loop stays free."""
    return await asyncio.to_thread(open_fixture, fixtures_path, fixture_name)
