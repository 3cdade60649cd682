"""open_fixture / open_fixture_async read what dump-data writes: <name>.json or <name>.json.gz."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sqlalchemist.utils.fixtures import open_fixture, open_fixture_async

ROWS = [{"id": 1, "name": "ada"}, {"id": 2, "name": "grace"}]


def test_reads_plain_json(tmp_path: Path) -> None:
    (tmp_path / "author.json").write_text(json.dumps(ROWS))
    assert open_fixture(tmp_path, "author") == ROWS
    assert open_fixture(str(tmp_path), "author") == ROWS


def test_reads_gzipped_json(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "author.json.gz", "wt", encoding="utf-8") as packed:
        json.dump(ROWS, packed)
    assert open_fixture(tmp_path, "author") == ROWS


async def test_async_reads_the_same(tmp_path: Path) -> None:
    (tmp_path / "author.json").write_text(json.dumps(ROWS))
    assert await open_fixture_async(tmp_path, "author") == ROWS


def test_missing_fixture_names_both_paths(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        open_fixture(tmp_path, "nobody")
    assert str(caught.value) == (
        f"fixture 'nobody' not found: expected {tmp_path / 'nobody.json'} or {tmp_path / 'nobody.json.gz'}"
    )
